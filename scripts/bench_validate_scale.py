#!/usr/bin/env python3
"""``tei-edition validate`` at scale against jing, and the editor's loop, in the same run.

    python scripts/bench_validate_scale.py [--size 5000] [--repeat 3]

1. *scale*: a corpus of ``--size`` documents made by ``scripts/make_corpus.py``; ``tei-edition
   validate`` (the edition's grammar, its Schematron and the cross-document rules) against
   ``jing schema/edition.rng`` (the grammar only) on the same files, and the parse floor. Both must
   find the same grammar errors (the rule ``rng`` of ours; jing's messages).
2. *the editor's loop*: validating the edition's texts (``tei/texts/*.xml``) as an editor does on
   save, interpreter start-up included, against jing on the same files and a bare ``python -c pass``.

Wall times, the fastest of ``--repeat`` runs. The last line sums it up.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402
from _bench import REPOSITORY, Measured, best, checked, floor, measure, tei_edition, xml_files  # noqa: E402

EDITION_RNG = REPOSITORY / "schema" / "edition.rng"


def fastest(command: list[str], repeat: int, what: str, ok=(0, 1)) -> Measured:
    return best([checked(measure(command), what, ok) for _ in range(repeat)])


def grammar_errors_ours(measured: Measured) -> set[tuple[str, int]]:
    return {(str(Path(d["path"]).resolve()), d["line"]) for d in json.loads(measured.stdout or "[]")
            if d["rule"] == "rng" and d["severity"] == "error"}


def grammar_errors_jing(measured: Measured) -> set[tuple[str, int]]:
    return {(str(Path(m[1]).resolve()), int(m[2]))
            for m in re.finditer(r"^(.+?):(\d+):\d+: (?:error|fatal)", measured.stdout, re.MULTILINE)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    if shutil.which("jing") is None:
        raise SystemExit("jing is not installed (Debian package jing)")
    summary = []

    with tempfile.TemporaryDirectory(prefix="bench-validate-") as temporary:
        corpus = Path(temporary) / "corpus"
        make_corpus.make_edition(options.size, corpus, register_every=250, seed=0)
        files = xml_files(corpus)
        parsed = best([floor(files) for _ in range(options.repeat)])
        ours = fastest(tei_edition("validate", "--format", "json", str(corpus)), options.repeat, "validate")
        jing = fastest(["jing", str(EDITION_RNG), *map(str, files)], options.repeat, "jing")
        agree = grammar_errors_ours(ours) == grammar_errors_jing(jing)
        print(f"{options.size} documents ({len(files)} files): tei-edition validate {ours.seconds:.2f} s "
              f"({ours.tree_rss_mb:.0f} MB), jing {jing.seconds:.2f} s ({jing.tree_rss_mb:.0f} MB), "
              f"parse floor {parsed.seconds:.2f} s; grammar verdicts {'agree' if agree else 'DIFFER'}", flush=True)
        summary.append(f"{options.size} docs: {ours.seconds:.2f} s vs jing {jing.seconds:.2f} s "
                       f"= {ours.seconds / jing.seconds:.2f}x jing, {ours.seconds / parsed.seconds:.1f}x floor"
                       + ("" if agree else " (VERDICTS DIFFER)"))

    texts = [str(p) for p in sorted((REPOSITORY / "tei" / "texts").glob("*.xml"))]
    start_up = fastest([sys.executable, "-c", "pass"], options.repeat, "python")
    loop = fastest(tei_edition("validate", *texts), options.repeat, "validate")
    jing = fastest(["jing", str(EDITION_RNG), *texts], options.repeat, "jing")
    print(f"editor's loop, the edition's {len(texts)} texts: tei-edition validate {loop.seconds:.2f} s "
          f"(python alone starts in {start_up.seconds:.2f} s), jing {jing.seconds:.2f} s", flush=True)
    summary.append(f"editor's loop ({len(texts)} texts) {loop.seconds:.2f} s vs jing {jing.seconds:.2f} s")
    print(f"SUMMARY validate (fastest of {options.repeat}): " + " | ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
