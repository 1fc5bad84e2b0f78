#!/usr/bin/env python3
"""Rebuilds after small edits, as a fraction of the full build of the same corpus, in the same run.

    python scripts/bench_incremental.py [--size 5000] [--from edition|schnitzler] [--check]

On a corpus made by ``scripts/make_corpus.py`` (from the edition's texts, or the Schnitzler
letters replicated): a clean full build, then ``tei-edition build`` again into the same folder
after (1) nothing changed, (2) one word added to one paragraph of one text, (3) one register
entry's name changed. With ``--check``, each rebuilt site is compared
byte for byte with a clean build of the same sources (the tests in ``tests/perf`` do so on small
corpora). The last line sums it up.
"""

from __future__ import annotations

import argparse
import os
import filecmp
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402
from _bench import Measured, checked, measure, tei_edition, xml_files  # noqa: E402


def build(source: Path, out: Path) -> Measured:
    return checked(measure(tei_edition("build", "--source", str(source), "--out", str(out))), "build")


# Per origin: where the texts are, and a register entry's name to change (every page naming it changes).
LAYOUTS = {"edition": ("texts", "registers/persons.xml", r"<forename>([^<]+)</forename>"),
           "schnitzler": ("editions", "indices/listplace.xml", r"<placeName>([^<]+)</placeName>")}


def edit_text(corpus: Path, origin: str) -> Path:
    """One word more in the first paragraph of the text in the middle of the corpus."""
    texts = xml_files(corpus / LAYOUTS[origin][0])
    path = texts[len(texts) // 2]
    content = path.read_text(encoding="utf-8")
    header, opening, text = re.split(r"(<text[\s>])", content, maxsplit=1)  # not a <p> of the header
    edited, count = re.subn(r"(<p(?:\s[^>]*)?>)", r"\1Edited ", text, count=1)
    assert count == 1, f"no paragraph in {path}"
    path.write_text(header + opening + edited, encoding="utf-8")
    return path


def edit_register(corpus: Path, origin: str) -> Path:
    """The first entry's name (a person's forename, a place's name) gets a letter more."""
    _, register, name = LAYOUTS[origin]
    path = corpus / register
    content = path.read_text(encoding="utf-8")
    edited, count = re.subn(name, lambda found: found[0].replace(found[1] + "<", found[1] + "x<"), content, count=1)
    assert count == 1, f"no entry name in {path}"
    path.write_text(edited, encoding="utf-8")
    return path


def differences(left: Path, right: Path) -> list[str]:
    """Paths that differ between two site folders (missing on either side included)."""
    found = []
    comparison = [filecmp.dircmp(left, right)]
    while comparison:
        current = comparison.pop()
        found += [f"{current.left}/{n}" for n in current.left_only + current.right_only + current.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        found += [f"{current.left}/{n}" for n in mismatch + errors]
        comparison += current.subdirs.values()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--from", dest="origin", choices=sorted(LAYOUTS), default="edition")
    parser.add_argument("--check", action="store_true", help="compare each rebuild with a clean build")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as temporary:
        root = Path(temporary)
        os.environ["TEI_EDITION_CACHE"] = str(root / "cache")  # not ~/.cache: removed with the rest
        corpus = root / "corpus"
        if options.origin == "edition":
            make_corpus.make_edition(options.size, corpus, register_every=250, seed=0)
        else:
            make_corpus.make_schnitzler(options.size, corpus, seed=0)
        out = root / "work" / "site"
        full = build(corpus, out)
        print(f"{options.size} documents ({options.origin}): full build {full.seconds:.2f} s ({full.tree_rss_mb:.0f} MB)", flush=True)
        results = []
        for label, change in (("nothing changed", lambda corpus, origin: None), ("one text edited", edit_text),
                              ("one register entry edited", edit_register)):
            change(corpus, options.origin)
            rebuilt = build(corpus, out)
            verdict = ""
            if options.check:
                clean = root / "clean" / label.replace(" ", "-")
                build(corpus, clean)
                different = differences(out, clean)
                verdict = ", same bytes as a clean build" if not different else \
                    f", DIFFERS from a clean build in {len(different)} files, e.g. {different[:3]}"
                shutil.rmtree(clean.parent)
            share = rebuilt.seconds / full.seconds
            results.append(f"{label} {rebuilt.seconds:.2f} s = {100 * share:.1f}%")
            print(f"  rebuild after {label}: {rebuilt.seconds:.2f} s = {100 * share:.1f}% of the full build"
                  f"{verdict}", flush=True)
    print(f"SUMMARY incremental ({options.size} docs from {options.origin}, full {full.seconds:.1f} s): " + " | ".join(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
