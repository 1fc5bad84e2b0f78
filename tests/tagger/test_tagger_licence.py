"""A tagged text's header states the licence edition.toml names, and none when it names none."""

from __future__ import annotations

from click.testing import CliRunner

from edition.cli import cli

from .conftest import FIXTURE_REGISTERS


def tagged(folder, monkeypatch) -> str:
    monkeypatch.chdir(folder)
    (folder / "text.txt").write_text("Trotsky left Moscow in 1929.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["tag", "text.txt", "--lang", "en", "--registers", str(FIXTURE_REGISTERS)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_no_licence_is_invented(tmp_path, monkeypatch):
    (tmp_path / "edition.toml").write_text("")
    output = tagged(tmp_path, monkeypatch)
    assert "<licence" not in output and "CC BY" not in output


def test_the_configured_licence_is_stated(tmp_path, monkeypatch):
    (tmp_path / "edition.toml").write_text('[edition]\nlicence = "CC0-1.0"\n')
    assert "<licence>CC0-1.0</licence>" in tagged(tmp_path, monkeypatch)
