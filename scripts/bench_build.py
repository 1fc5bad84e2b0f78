#!/usr/bin/env python3
"""How ``tei-edition build`` grows with the corpus, as a ratio to the parse floor of the same files.

    python scripts/bench_build.py [--sizes 312,1250,5000] [--from edition|schnitzler] [--repeat 1]

For each size (by default 1x, 4x and 16x of 312 documents, made by ``scripts/make_corpus.py``),
in the same run: the *floor* (a fresh Python reading and parsing the same files with lxml, nothing
else) and a clean build with the real CLI into a fresh folder (start-up, search index and all),
with its peak memory: the largest process and the whole process tree summed. Then, from what that
build made, two lower bounds of any build of the same site: the *indexer alone* (Pagefind run on
the build's own search pages, its bundles on every core at once) and *copying the site* (``cp -r``
of the finished folder: the bytes any build writes). Then the edition's own ``tei/`` built from
clean. The last line sums it up.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402
from edition.site.cache import cache_folder  # noqa: E402
from _bench import REPOSITORY, Measured, best, checked, floor, measure, sizes, tei_edition, xml_files  # noqa: E402


def make(origin: str, size: int, folder: Path) -> Path:
    if origin == "edition":
        make_corpus.make_edition(size, folder, register_every=250, seed=0)
    else:
        make_corpus.make_schnitzler(size, folder, seed=0)
    return folder


# Pagefind on each bundle's search pages, as the build runs it, but every bundle at once on all cores.
INDEXER = """
import json, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
from edition.site.search import bundle_language, pagefind_command
from edition.workers import worker_count
pages, output = json.loads(sys.argv[1])
bundles = sorted(name for name in os.listdir(pages) if not name.endswith(".json"))
def index(bundle):
    return subprocess.run(pagefind_command(f"{pages}/{bundle}", f"{output}/pagefind-{bundle}",
                                           bundle_language(bundle)), check=False).returncode
with ThreadPoolExecutor(worker_count()) as pool:
    sys.exit(max(pool.map(index, bundles), default=0))
"""


def clean_build(source: Path, work: Path, repeat: int) -> tuple[Measured, Path]:
    """The fastest of ``repeat`` clean builds, and the folder of the last one (earlier ones removed)."""
    runs = []
    for attempt in range(repeat):
        shutil.rmtree(work, ignore_errors=True)
        out = work / f"site-{attempt}"
        runs.append(checked(measure(tei_edition("build", "--source", str(source), "--out", str(out))), "build"))
    return best(runs), out


def lower_bounds(site: Path, scratch: Path) -> tuple[Measured, Measured]:
    """What no build of ``site`` can avoid: indexing its search pages, and writing its bytes."""
    pages = cache_folder(site) / "search-pages"
    indexed = checked(measure([sys.executable, "-c", INDEXER, json.dumps([str(pages), str(scratch / "index")])],
                              cwd=REPOSITORY), "the indexer alone")
    copied = checked(measure(["cp", "-r", str(site), str(scratch / "copy")]), "copying the site")
    shutil.rmtree(scratch, ignore_errors=True)
    return indexed, copied


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
            built, site = clean_build(corpus, root / f"out-{size}", options.repeat)
            indexed, copied = lower_bounds(site, root / "bounds")
            rows.append((size, parsed, built, indexed, copied))
            print(f"{size} documents ({len(files)} files, {megabytes(files):.0f} MB): floor {parsed.seconds:.2f} s, "
                  f"build {built.seconds:.2f} s = {built.seconds / parsed.seconds:.2f}x floor, "
                  f"peak memory {built.tree_rss_mb:.0f} MB (largest process {built.max_rss_mb:.0f} MB); "
                  f"the indexer alone {indexed.seconds:.2f} s = {indexed.seconds / parsed.seconds:.2f}x floor, "
                  f"copying the site {copied.seconds:.2f} s = {copied.seconds / parsed.seconds:.2f}x floor", flush=True)
            shutil.rmtree(corpus)
            shutil.rmtree(root / f"out-{size}")
        edition, _ = clean_build(REPOSITORY / "tei", root / "out-edition", options.repeat)
        print(f"the edition's tei/: build {edition.seconds:.2f} s from clean, "
              f"peak memory {edition.tree_rss_mb:.0f} MB", flush=True)
    parts = [f"{size} docs {b.seconds:.1f} s = {b.seconds / f.seconds:.2f}x floor ({f.seconds:.1f} s), "
             f"{b.tree_rss_mb:.0f} MB, indexer alone {i.seconds / f.seconds:.2f}x, copy {c.seconds / f.seconds:.2f}x"
             for size, f, b, i, c in rows]
    if len(rows) > 1:
        (small, _, first, *_), (large, _, last, *_) = rows[0], rows[-1]
        parts.append(f"memory x{last.tree_rss_mb / first.tree_rss_mb:.2f} for x{large / small:.0f} documents")
    parts.append(f"edition {edition.seconds:.2f} s")
    print(f"SUMMARY build ({options.origin}): " + " | ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
