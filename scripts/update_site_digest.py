#!/usr/bin/env python3
"""Record the edition's site, byte for byte: the sha256 of every file built from tei/.

    python3 scripts/update_site_digest.py [--site DIR]

Builds the edition (or reads a site already built with ``--site``) and writes
tests/data/edition-site.sha256, which tests/site/test_site_digest.py compares every build with.
Run it when a change alters the output on purpose (a template, the CSS, the texts), look at what
``git diff`` says changed, and commit the file with the change. On a merge conflict in that file,
run it again.

The site is built as on the day ``BUILD_EPOCH`` (``SOURCE_DATE_EPOCH``: the About page states the
day of the build), so that its bytes do not change with the date; tests/site/conftest.py builds the
edition's site for the tests with :func:`build_edition`.

Files under ``pagefind*/`` are written by the search indexer, whose bytes depend on its version:
the file records that version, and the test compares those files only when it is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
STORED = REPOSITORY / "tests" / "data" / "edition-site.sha256"
HEADER = ("# The edition's site (tei/ built by tei-edition build): the sha256 of every file.\n"
          "# Written by scripts/update_site_digest.py; checked by tests/site/test_site_digest.py.\n")
_PAGEFIND = "# pagefind "
BUILD_EPOCH = "1767225600"
"""2026-01-01, the day every recorded build of the edition's site claims."""


def pagefind_version() -> str:
    """The search indexer's version: the binary's package and its Python wrapper."""
    found = []
    for name in ("pagefind", "pagefind_bin", "pagefind_bin_extended"):
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            pass
    return " ".join(found) or "none"


def from_pagefind(path: str) -> bool:
    """Written by the search indexer (its bytes depend on its version)."""
    return path.split("/", 1)[0].startswith("pagefind")


def site_digests(site: Path) -> dict[str, str]:
    """Every file of ``site`` (its path, with ``/``) -> the sha256 of its bytes."""
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def read_stored(path: Path = STORED) -> tuple[str, dict[str, str]]:
    """The pagefind version the stored digests were made with, and the digests."""
    indexer, digests = "", {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(_PAGEFIND):
            indexer = line[len(_PAGEFIND):]
        elif line and not line.startswith("#"):
            digest, name = line.split("  ", 1)
            digests[name] = digest
    return indexer, digests


def write_stored(digests: dict[str, str], indexer: str, path: Path = STORED) -> None:
    lines = [HEADER, f"{_PAGEFIND}{indexer}\n"]
    lines += [f"{digest}  {name}\n" for name, digest in sorted(digests.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")


def differences(stored: dict[str, str], built: dict[str, str], compare_pagefind: bool) -> list[str]:
    """One line per file that is new, gone or changed (the indexer's files only if ``compare_pagefind``)."""
    names = sorted(stored.keys() | built.keys())
    return [f"{'added' if name not in stored else 'removed' if name not in built else 'changed'}: {name}"
            for name in names
            if (compare_pagefind or not from_pagefind(name)) and stored.get(name) != built.get(name)]


def build_edition(out: Path):
    """The edition's site as the digest records it (the build's report)."""
    from edition.site.pipeline import build_site

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        return build_site(REPOSITORY / "tei", out)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built from tei/ with SOURCE_DATE_EPOCH="
                        f"{BUILD_EPOCH} (default: build one)")
    options = parser.parse_args()
    old = read_stored()[1] if STORED.is_file() else {}
    if options.site:
        built = site_digests(options.site)
    else:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["TEI_EDITION_CACHE"] = str(Path(folder) / "cache")  # a clean build; the user's cache untouched
            report = build_edition(Path(folder) / "site")
            if any(d.is_error for d in report.diagnostics):
                print("\n".join(d.format() for d in report.diagnostics if d.is_error), file=sys.stderr)
                return 1
            built = site_digests(Path(folder) / "site")
    write_stored(built, pagefind_version())
    changes = differences(old, built, compare_pagefind=True)
    print("\n".join(changes) if changes else "no file changed")
    print(f"{len(built)} files recorded in {STORED.relative_to(REPOSITORY)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
