"""edition.toml: found upwards, read, typed, explained; every key documented for editors."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import config

DOCS = Path(__file__).resolve().parents[1] / "docs" / "own-edition.md"


def test_found_in_the_nearest_folder_above(tmp_path):
    (tmp_path / "edition.toml").write_text('[edition]\ntitle = "Outer"\n')
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert config.find(inner) == tmp_path / "edition.toml"
    (tmp_path / "a" / "edition.toml").write_text('[edition]\ntitle = "Inner"\n')
    assert config.load(inner)["edition.title"] == "Inner"


def test_paths_are_relative_to_the_file_and_options_override_it(tmp_path):
    (tmp_path / "edition.toml").write_text('[sources]\nfolder = "texts"\n[validation]\nschema = "my.rng"\n')
    loaded = config.load(tmp_path)
    assert loaded["sources.folder"] == str(tmp_path / "texts")
    assert loaded["validation.schema"] == str(tmp_path / "my.rng")
    assert loaded["site.out"] == str(tmp_path / "_site"), "a default folder is the edition's"
    assert loaded.origin("sources.folder") == str(tmp_path / "edition.toml")
    loaded.override("sources.folder", "elsewhere", "--source")
    assert (loaded["sources.folder"], loaded.origin("sources.folder")) == ("elsewhere", "--source")
    loaded.override("site.out", None, "--out")  # not given: the file's value stays
    assert loaded.origin("site.out") == "default"


@pytest.mark.parametrize("text, message", [
    ('[edition]\ntitel = "x"\n', "unknown key 'edition.titel' (did you mean 'edition.title'?)"),
    ("licence = 'x'\n", "unknown key 'licence' (did you mean 'edition.licence'?)"),
    ("[sources]\nextensions = '.tei'\n", "sources.extensions = '.tei' should be a list of strings"),
    ("[edition\n", "not valid TOML"),
])
def test_what_cannot_be_used_is_an_error_that_says_why(tmp_path, text, message):
    (tmp_path / "edition.toml").write_text(text)
    with pytest.raises(config.ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        config.load(tmp_path)


def test_extensions_are_written_with_their_dot(tmp_path):
    (tmp_path / "edition.toml").write_text('[sources]\nextensions = ["xml", ".tei"]\n')
    assert config.load(tmp_path).extensions == (".xml", ".tei")


def test_every_key_is_documented_for_editors():
    documented = DOCS.read_text(encoding="utf-8")
    for name in config.KEYS:
        assert f"| `{name}` |" in documented, f"{name} is not in {DOCS.name}'s table of keys"


def test_build_and_watch_take_the_same_settings_from_it(tmp_path):
    """One place turns the configuration into the build's arguments (``build``, ``serve --watch``)."""
    from edition.site.command import SiteSettings

    (tmp_path / "edition.toml").write_text(
        '[edition]\ntitle = "Briefe"\nbase_url = "https://example.org/briefe/"\nlicence = "CC-BY-4.0"\n'
        'editors = ["Ada Editor", "Ben Editor"]\n[sources]\nextensions = ["tei"]\n'
        '[facsimile]\niiif_base = "https://images.example.org/iiif"\n', encoding="utf-8")
    loaded = config.load(tmp_path)
    assert SiteSettings.of(loaded, tmp_path / "tei") == SiteSettings(
        (".tei",), "Briefe", "https://example.org/briefe/", "CC-BY-4.0", ("Ada Editor", "Ben Editor"),
        "https://images.example.org/iiif")
    # a folder outside the edition is not described by its edition.toml, but for the endings of TEI files
    assert SiteSettings.of(loaded, tmp_path.parent / "elsewhere") == SiteSettings((".tei",))
