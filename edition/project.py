"""Where the edition's own files are: its TEI, its schema."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPOSITORY_DIR = PACKAGE_DIR.parent
SCHEMA_DIR = REPOSITORY_DIR / "schema"
EDITION_RNG = SCHEMA_DIR / "edition.rng"
EDITION_SCH = SCHEMA_DIR / "edition.sch"


def default_tei_dir() -> Path:
    """``./tei`` when run inside an edition, else the repository's own ``tei/``."""
    here = Path.cwd() / "tei"
    return here if here.is_dir() else REPOSITORY_DIR / "tei"


def default_registers_dir() -> Path:
    return default_tei_dir() / "registers"


def xml_files(paths: list[Path]) -> list[Path]:
    """The ``.xml`` files named or found (recursively, sorted) under the given paths.

    A path that does not exist is passed through, so that reading it reports it.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.xml") if p.is_file()))
        else:
            found.append(path)
    return found
