"""Where the toolkit's own files are: its schema (in the package when installed from a wheel,
``schema/`` of the checkout otherwise), this repository's TEI."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPOSITORY_DIR = PACKAGE_DIR.parent
SCHEMA_DIR = PACKAGE_DIR / "schema" if (PACKAGE_DIR / "schema").is_dir() else REPOSITORY_DIR / "schema"
EDITION_RNG = SCHEMA_DIR / "edition.rng"
EDITION_SCH = SCHEMA_DIR / "edition.sch"


def default_tei_dir() -> Path:
    """``./tei`` when run inside an edition, else the repository's own ``tei/``."""
    here = Path.cwd() / "tei"
    return here if here.is_dir() else REPOSITORY_DIR / "tei"


def default_registers_dir() -> Path:
    return default_tei_dir() / "registers"


def xml_files(paths: list[Path], extensions: tuple[str, ...] = (".xml",)) -> list[Path]:
    """The TEI files (ending in one of ``extensions``) named or found (recursively, sorted) under the given paths.

    A path that does not exist is passed through, so that reading it reports it.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # A folder that cannot be listed, or a dangling link, is passed on to be reported, never skipped.
            in_folder: list[Path] = []
            for folder, _, names in os.walk(path, onerror=lambda exc: in_folder.append(Path(exc.filename))):
                in_folder.extend(p for p in map(Path(folder).joinpath, names)
                                 if p.name.endswith(extensions) and (p.is_file() or not p.exists()))
            found.extend(sorted(in_folder))
        else:
            found.append(path)
    return found
