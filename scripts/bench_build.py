#!/usr/bin/env python3
"""How ``tei-edition build`` grows with the corpus, as a ratio to the parse floor of the same files.

    python scripts/bench_build.py [--sizes 312,1250,5000] [--from edition|schnitzler] [--repeat 1]

For each size (by default 1x, 4x and 16x of 312 documents, made by ``scripts/make_corpus.py``),
in the same run: the *floor* (a fresh Python reading and parsing the same files with lxml, nothing
else) and a clean build with the real CLI into a fresh folder (start-up, search index and all),
with its peak memory: the largest process and the whole process tree summed. Then the edition's
own ``tei/`` built from clean. The last line sums it up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402
from _bench import REPOSITORY, Measured, best, checked, floor, measure, sizes, tei_edition, xml_files  # noqa: E402


def make(origin: str, size: int, folder: Path) -> Path:
    if origin == "edition":
        make_corpus.make_edition(size, folder, register_every=250, seed=0)
    else:
        make_corpus.make_schnitzler(size, folder, seed=0)
    return folder


def clean_build(source: Path, work: Path, repeat: int) -> Measured:
    runs = []
    for attempt in range(repeat):
        out = work / f"site-{attempt}"
        runs.append(checked(measure(tei_edition("build", "--source", str(source), "--out", str(out))), "build"))
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    return best(runs)


def megabytes(files: list[Path]) -> float:
    return sum(p.stat().st_size for p in files) / 2 ** 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=[312, 1250, 5000])
    parser.add_argument("--from", dest="origin", choices=["edition", "schnitzler"], default="edition")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure, the fastest kept")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as temporary:
        root = Path(temporary)
        os.environ["TEI_EDITION_CACHE"] = str(root / "cache")  # not ~/.cache: removed with the rest
        for size in options.sizes:
            corpus = make(options.origin, size, root / f"corpus-{size}")
            files = xml_files(corpus)
            parsed = best([checked(floor(files), "floor") for _ in range(options.repeat)])
            built = clean_build(corpus, root / f"out-{size}", options.repeat)
            rows.append((size, parsed, built))
            print(f"{size} documents ({len(files)} files, {megabytes(files):.0f} MB): floor {parsed.seconds:.2f} s, "
                  f"build {built.seconds:.2f} s = {built.seconds / parsed.seconds:.2f}x floor, "
                  f"peak memory {built.tree_rss_mb:.0f} MB (largest process {built.max_rss_mb:.0f} MB)", flush=True)
            shutil.rmtree(corpus)
        edition = clean_build(REPOSITORY / "tei", root / "out-edition", options.repeat)
        print(f"the edition's tei/: build {edition.seconds:.2f} s from clean, "
              f"peak memory {edition.tree_rss_mb:.0f} MB", flush=True)
    parts = [f"{size} docs {b.seconds:.1f} s = {b.seconds / f.seconds:.2f}x floor ({f.seconds:.1f} s), "
             f"{b.tree_rss_mb:.0f} MB" for size, f, b in rows]
    if len(rows) > 1:
        (small, _, first), (large, _, last) = rows[0], rows[-1]
        parts.append(f"memory x{last.tree_rss_mb / first.tree_rss_mb:.2f} for x{large / small:.0f} documents")
    parts.append(f"edition {edition.seconds:.2f} s")
    print(f"SUMMARY build ({options.origin}): " + " | ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
