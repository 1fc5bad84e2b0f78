"""``tei-edition init DIR``: a new edition that validates and builds at once.

The templates are in ``edition/scaffold/`` (package data): the configuration, a sample text,
registers with one example entry each, a README and a CI workflow. The grammar and house rules
are copied beside them into ``schema/``, so that the files' ``<?xml-model?>`` instructions
resolve from where they are (in Oxygen or VS Code too). The edition is written into a temporary
folder beside ``DIR`` and renamed into place only when complete.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import tempfile
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

from edition.project import EDITION_RNG, EDITION_SCH

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
FILES = {  # template -> where it goes in the new edition
    "edition.toml": "edition.toml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "github-workflow.yml": ".github/workflows/edition.yml",
    "texts/sample.xml": "tei/texts/sample.xml",
    "registers/persons.xml": "tei/registers/persons.xml",
    "registers/places.xml": "tei/registers/places.xml",
    "registers/organisations.xml": "tei/registers/organisations.xml",
}


class InitError(Exception):
    """The edition cannot be created there (the folder is not empty, or cannot be written)."""


def create_edition(folder: Path, title: str, editors: list[str], licence: str | None,
                   languages: list[str]) -> list[Path]:
    """Write a new edition into ``folder`` (new or empty); the files written, relative to it."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"{folder} already exists and is not an empty folder; choose a new one")
    values = _values(title, editors, licence, languages)
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.init-", dir=folder.parent))
    try:
        for template, target in FILES.items():
            text = Template((SCAFFOLD / template).read_text(encoding="utf-8")).substitute(values)
            destination = temporary / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(text, encoding="utf-8")
        (temporary / "schema").mkdir()
        for schema in (EDITION_RNG, EDITION_SCH):
            shutil.copyfile(schema, temporary / "schema" / schema.name)
        if folder.exists():
            folder.rmdir()  # empty, checked above
        os.rename(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def _values(title: str, editors: list[str], licence: str | None, languages: list[str]) -> dict[str, str]:
    """What the templates name, escaped for where it goes (TOML strings, XML, Markdown)."""
    toml = json.dumps  # a JSON string is a valid TOML basic string
    indent = " " * 8
    return {
        "title": toml(title),
        "title_xml": escape(title),
        "title_md": title.replace("\n", " "),
        "editors": "[" + ", ".join(map(toml, editors)) + "]",
        "editors_xml": "\n".join(f"{indent}<respStmt><resp>edited by</resp><name>{escape(name)}</name></respStmt>"
                                 for name in editors),
        "licence_line": (f"licence = {toml(licence)}" if licence else
                         '# licence = "CC-BY-4.0"   # none is stated until you choose one'),
        "availability_xml": f"{indent}<availability><licence>{escape(licence)}</licence></availability>" if licence else "",
        "languages": "[" + ", ".join(map(toml, languages)) + "]",
        "language": escape(languages[0] if languages else "en", {'"': "&quot;"}),
        "year": str(datetime.date.today().year),
    }
