"""Bad set-ups and usage, each with the exit code and the message it gets: an empty folder, no TEI
file, a configuration that cannot be used, no edition around, tei_all missing, an unreadable file
among readable ones, a port out of range. Nothing here may pass silently with exit 0.
"""

from __future__ import annotations

import re
import shutil

import pytest
from catalogue import REPOSITORY, materialise
from click.testing import CliRunner

from edition.cli import cli
from edition.validation import TEI_ALL_RNG
from edition.validation.grammar import jing_available

SITE_BASIC = REPOSITORY / "tests" / "roots" / "site-basic"
TEXT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}">
  <teiHeader><fileDesc><titleStmt><title>{id}</title></titleStmt><publicationStmt><p>test</p></publicationStmt>
  <sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>{body}</p></body></text>
</TEI>
"""


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working folder in no edition, with no tei_all configured."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TEI_ALL", raising=False)
    return tmp_path


def run(*arguments):
    result = CliRunner().invoke(cli, [str(a) for a in arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def edition(folder, toml: str = "", **texts: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.toml").write_text(toml)
    (folder / "tei").mkdir(exist_ok=True)
    for name, body in texts.items():
        (folder / "tei" / f"{name}.xml").write_text(TEXT.format(id=name, body=body))
    return folder


def test_validate_an_empty_folder_is_exit_2(elsewhere):
    (elsewhere / "empty").mkdir()
    code, output = run("validate", elsewhere / "empty")
    assert code == 2 and "no TEI file to check" in output


def test_validate_a_folder_of_plain_text_is_exit_2(elsewhere):
    (elsewhere / "notes").mkdir()
    (elsewhere / "notes" / "a.txt").write_text("not TEI")
    code, output = run("validate", elsewhere / "notes")
    assert code == 2 and "no TEI file to check (no file ending in .xml)" in output


def test_a_malformed_tei_named_dot_tei_is_found_when_configured_and_is_exit_1(elsewhere):
    edition(elsewhere, '[sources]\nextensions = [".xml", "tei"]\n')
    (elsewhere / "tei" / "broken.tei").write_text("<TEI><p></TEI>")
    code, output = run("validate")
    assert code == 1, output
    assert re.search(r"broken\.tei:1:\d+: error: \[xml-syntax\]", output), output
    (elsewhere / "edition.toml").write_text("")  # .xml only: the folder holds no TEI file
    assert run("validate")[0] == 2


def test_outside_any_edition_validate_and_build_say_so_and_exit_2(elsewhere):
    for command in ("validate", "build"):
        code, output = run(command)
        assert code == 2 and "not inside an edition (no edition.toml" in output, output
        assert "tei-edition init" in output


def test_an_unknown_key_is_exit_2_with_a_suggestion(elsewhere):
    edition(elsewhere, '[edition]\nlicnce = "CC0-1.0"\n')
    for command in ("validate", "build", "config"):
        code, output = run(command)
        assert code == 2, output
        assert "unknown key 'edition.licnce' (did you mean 'edition.licence'?)" in output


def test_a_configuration_that_is_not_toml_or_of_the_wrong_type_is_exit_2(elsewhere):
    edition(elsewhere, "[edition\n")
    code, output = run("validate")
    assert code == 2 and "not valid TOML" in output
    edition(elsewhere, "[validation]\nhouse_rules = \"yes\"\n")
    code, output = run("validate")
    assert code == 2 and "validation.house_rules = 'yes' should be true or false" in output


def test_config_prints_each_value_and_where_it_came_from(elsewhere):
    edition(elsewhere, '[edition]\ntitle = "Letters"\n[validation]\nhouse_rules = true\n')
    (elsewhere / "tei" / "deeper").mkdir()
    code, output = CliRunner().invoke(cli, ["config"]).exit_code, CliRunner().invoke(cli, ["config"]).output
    assert code == 0
    toml = str(elsewhere / "edition.toml")
    assert f'edition.title = "Letters"  # {toml}' in output
    assert "validation.house_rules = true  # " + toml in output
    assert "edition.licence = (unset)  # default" in output
    assert f'sources.folder = "{elsewhere / "tei"}"  # default' in output
    (elsewhere / "edition.toml").unlink()
    code, output = run("config")
    assert code == 2 and "not inside an edition" in output


def test_a_users_pointers_are_not_resolved_against_the_demo_edition(elsewhere):
    edition(elsewhere, '[validation]\nschema = "edition"\n',
            opposition='<persName ref="#trotsky">Trotsky</persName>')
    code, output = run("validate")
    assert code == 1, output
    assert '@ref="#trotsky" points at no xml:id of the edition' in output
    assert "id-unique" not in output, "the demo's xml:id=\"opposition\" was read"


def test_house_rules_only_where_the_configuration_asks(elsewhere):
    edition(elsewhere, '[validation]\nschema = "edition"\n', plain="a paragraph without an id")
    assert run("validate")[0] == 0
    (elsewhere / "edition.toml").write_text('[validation]\nschema = "edition"\nhouse_rules = true\n')
    code, output = run("validate")
    assert code == 1 and "[id-required]" in output


def test_tei_all_missing_says_where_to_get_it(elsewhere):
    edition(elsewhere, "", text="words")
    for arguments in (("validate",), ("validate", "--schema", "tei_all")):
        code, output = run(*arguments)
        assert code == 2, output
        assert "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" in output
        assert "TEI_ALL" in output


@pytest.mark.skipif(not jing_available(), reason="jing is not installed")
def test_a_users_grammar_reports_every_error_of_every_file(elsewhere):
    grammar = elsewhere / "mine.rng"
    shutil.copy(REPOSITORY / "schema" / "edition.rng", grammar)
    grammar.write_text(grammar.read_text() + "\n")  # a copy that is not byte for byte the edition's
    edition(elsewhere, "", one="<bad/><worse/>", two="<bad/>")
    code, output = run("validate", "--schema", grammar)
    assert code == 1, output
    errors = re.findall(r"^(\S+\.xml):\d+:\d+: error: \[rng\]", output, re.M)
    assert sorted(set(errors)) == ["tei/one.xml", "tei/two.xml"]
    assert errors.count("tei/one.xml") >= 2, output  # libxml2 would have stopped at the first


def test_an_unreadable_register_is_reported_once_not_again_as_unresolved_pointers(elsewhere):
    edition(elsewhere, '[validation]\nschema = "edition"\n',
            text='<persName ref="#anna">Anna</persName> <persName ref="#nobody">X</persName>')
    (elsewhere / "tei" / "persons.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>'
        '<person xml:id="anna"><persName>Anna</persName></person></listPerson></body></text>')  # unclosed
    code, output = run("validate")
    assert code == 1
    assert "persons.xml" in output and "[xml-syntax]" in output
    assert '"#anna"' not in output, "blamed on the text for what the unreadable file holds"
    assert '@ref="#nobody" points at no xml:id' in output, "a pointer to nothing is still reported"


def test_build_exits_1_when_a_source_is_skipped_and_says_what_is_missing(elsewhere):
    shutil.copytree(SITE_BASIC, elsewhere / "tei")
    (elsewhere / "edition.toml").write_text("")
    materialise("truncated.xml", elsewhere / "tei" / "texts")
    code, output = run("build")
    assert code == 1, output
    assert "1 source file(s) could not be read and are missing from the site" in output
    assert "truncated.xml" in output
    assert (elsewhere / "_site" / "texts" / "alpha.html").is_file(), "the rest is built"
    (elsewhere / "tei" / "texts" / "truncated.xml").unlink()
    assert run("build")[0] == 0


def test_an_unreadable_register_is_not_blamed_on_the_texts_by_the_build(elsewhere):
    shutil.copytree(SITE_BASIC, elsewhere / "tei")
    persons = elsewhere / "tei" / "registers" / "persons.xml"
    persons.write_text(persons.read_text().replace("</TEI>", ""))
    code, output = run("build", "--source", elsewhere / "tei")
    assert code == 1
    dangling = re.findall(r"\[dangling-ref\] (#\S+)", output)
    assert dangling == ["#nobody"], output  # in no file at all; the others are in the unreadable one


@pytest.mark.parametrize("port", ["80000", "-1"])
def test_serve_port_out_of_range_is_exit_2(elsewhere, port):
    code, output = run("serve", "--port", port)
    assert code == 2 and "is not in the range 0<=x<=65535" in output


def test_serve_host_other_than_loopback_is_warned_of(elsewhere):
    code, output = run("serve", "--host", "0.0.0.0", "--out", elsewhere / "nothing")
    assert code == 2  # no site there
    assert "warning: listening on 0.0.0.0: anyone who can reach this machine" in output
    code, output = run("serve", "--host", "127.0.0.1", "--out", elsewhere / "nothing")
    assert "warning" not in output


def test_tei_all_from_the_environment(elsewhere, monkeypatch):
    if not TEI_ALL_RNG.is_file():
        pytest.skip("tei_all.rng is not beside the checkout")
    edition(elsewhere, "", text="words")
    monkeypatch.setenv("TEI_ALL", str(TEI_ALL_RNG))
    code, output = run("validate")
    assert code == 0, output
    assert f'# tei_all: {TEI_ALL_RNG}' in run("config")[1]


@pytest.mark.parametrize("grammar", ["edition", "tei_all"])
def test_a_misspelt_element_gets_a_suggestion_from_the_schema(elsewhere, monkeypatch, grammar):
    if grammar == "tei_all":
        if not (TEI_ALL_RNG.is_file() and jing_available()):
            pytest.skip("tei_all.rng or jing missing")
        monkeypatch.setenv("TEI_ALL", str(TEI_ALL_RNG))
    edition(elsewhere, f'[validation]\nschema = "{grammar}"\n', text="In <placeNme>Vienna</placeNme>")
    code, output = run("validate")
    assert code == 1, output
    assert "placeNme" in output and "hint: did you mean <placeName>?" in output, output


def test_files_outside_the_edition_around_get_no_house_rules(elsewhere, monkeypatch):
    """Run inside one edition on a corpus elsewhere (../shared/corpora from this repository)."""
    edition(elsewhere / "mine", '[validation]\nschema = "edition"\nhouse_rules = true\n')
    stranger = elsewhere / "stranger"
    stranger.mkdir()
    model = (f'<?xml-model href="{REPOSITORY / "schema" / "edition.rng"}" type="application/xml" '
             'schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
    declaration, _, rest = TEXT.format(id="t", body="no id on this paragraph").partition("\n")
    (stranger / "t.xml").write_text(declaration + "\n" + model + rest)
    monkeypatch.chdir(elsewhere / "mine")
    code, output = run("validate", stranger)
    assert "[id-required]" not in output, output
    assert "is in the edition at" in output and "its rules are not applied" in output
    assert code == 0, output


def test_a_skipped_file_with_control_characters_in_its_name_cannot_forge_output(elsewhere):
    shutil.copytree(SITE_BASIC, elsewhere / "tei")
    (elsewhere / "edition.toml").write_text("")
    (elsewhere / "tei" / "texts" / "evil\nfake.xml:1:1: error: [forged] \x1b[2J.xml").write_text("<TEI>")
    code, output = run("build")
    assert code == 1
    assert "\x1b" not in output and "\nfake.xml" not in output, output


def test_files_of_another_edition_get_that_editions_rules(elsewhere, monkeypatch):
    edition(elsewhere / "mine", '[validation]\nschema = "edition"\n')
    edition(elsewhere / "theirs", '[validation]\nschema = "edition"\nhouse_rules = true\n', t="no id here")
    monkeypatch.chdir(elsewhere / "mine")
    code, output = run("validate", elsewhere / "theirs" / "tei")
    assert code == 1 and "[id-required]" in output and "note:" not in output, output
