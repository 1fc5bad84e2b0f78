#!/usr/bin/env python3
"""``tei-edition validate`` at scale against jing, and the editor's loop, in the same run.

    python scripts/bench_validate_scale.py [--size 5000] [--repeat 3]

1. *scale*: a corpus of ``--size`` documents made by ``scripts/make_corpus.py``, and the parse
   floor. ``tei-edition validate`` (the edition's grammar, its Schematron and the cross-document
   rules) against ``jing schema/edition.rng`` (the grammar only) on the same files; both must find
   the same grammar errors (the rule ``rng`` of ours; jing's messages). Then each against peers
   doing the same work: ours with the grammar only (a copy of ``edition.rng``, which no Schematron
   accompanies) against jing; ours with every rule against jing followed by ``xsltproc`` running
   the edition's Schematron compiled by the ISO skeleton (the tools an editor would otherwise
   chain; Debian packages jing and xsltproc). Ours cold (``--no-cache``), warm (every file's
   result cached by an earlier run: an editor's next run) and warm after one file changed, alone
   (the editor's save in a large edition).
2. *the editor's loop*: validating the edition's texts (``tei/texts/*.xml``) as an editor does on
   save, interpreter start-up included, against jing on the same files and a bare ``python -c pass``.

Wall times, the fastest of ``--repeat`` runs. The last line sums it up.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402
from lxml import etree  # noqa: E402
from lxml.isoschematron import Schematron  # noqa: E402

from edition.project import EDITION_SCH  # noqa: E402
from edition.xmlio import read_xml  # noqa: E402
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
        os.environ["TEI_EDITION_CACHE"] = str(Path(temporary) / "cache")  # not ~/.cache: removed with the rest
        ours = fastest(tei_edition("validate", "--no-cache", "--format", "json", str(corpus)), options.repeat,
                       "validate")
        jing = fastest(["jing", str(EDITION_RNG), *map(str, files)], options.repeat, "jing")
        agree = grammar_errors_ours(ours) == grammar_errors_jing(jing)
        grammar_only = Path(temporary) / "grammar-only.rng"  # not the edition's file: no Schematron goes with it
        shutil.copyfile(EDITION_RNG, grammar_only)
        ours_grammar = fastest(tei_edition("validate", "--no-cache", "--schema", str(grammar_only), str(corpus)),
                               options.repeat, "validate")
        chained = None
        if shutil.which("xsltproc"):
            skeleton = Path(temporary) / "edition-sch.xsl"
            skeleton.write_bytes(etree.tostring(Schematron(read_xml(EDITION_SCH), store_xslt=True).validator_xslt))
            stylesheet = fastest(["xsltproc", "--output", os.devnull, str(skeleton), *map(str, files)],
                                 options.repeat, "xsltproc", ok=(0,))
            chained = jing.seconds + stylesheet.seconds
        checked(measure(tei_edition("validate", str(corpus))), "validate", (0, 1))  # fills the cache
        warm = fastest(tei_edition("validate", "--format", "json", str(corpus)), options.repeat, "validate")
        agree = agree and warm.stdout == ours.stdout
        edited = files[len(files) // 2]
        edited.write_text(edited.read_text(encoding="utf-8").replace("</p>", " edited</p>", 1), encoding="utf-8")
        one = checked(measure(tei_edition("validate", str(edited))), "validate", (0, 1))
        same_work = f"grammar only {ours_grammar.seconds:.2f} s vs jing {jing.seconds:.2f} s"
        if chained is not None:
            same_work += f"; every rule {ours.seconds:.2f} s vs jing + xsltproc (Schematron) {chained:.2f} s"
        print(f"{options.size} documents ({len(files)} files): tei-edition validate cold {ours.seconds:.2f} s "
              f"({ours.tree_rss_mb:.0f} MB), warm {warm.seconds:.2f} s, one edited file of them {one.seconds:.2f} s; "
              f"jing {jing.seconds:.2f} s ({jing.tree_rss_mb:.0f} MB); parse floor {parsed.seconds:.2f} s; "
              f"same work: {same_work}; verdicts {'agree' if agree else 'DIFFER'}", flush=True)
        summary.append(f"{options.size} docs: cold {ours.seconds:.2f} s = {ours.seconds / jing.seconds:.2f}x jing "
                       f"({jing.seconds:.2f} s), warm {warm.seconds:.2f} s = {warm.seconds / jing.seconds:.2f}x jing, "
                       f"one edited file {one.seconds:.2f} s; grammar only "
                       f"{ours_grammar.seconds / jing.seconds:.2f}x jing"
                       + ("" if chained is None else f"; every rule {ours.seconds / chained:.2f}x jing + xsltproc")
                       + ("" if agree else " (VERDICTS DIFFER)"))

    texts = [str(p) for p in sorted((REPOSITORY / "tei" / "texts").glob("*.xml"))]
    start_up = fastest([sys.executable, "-c", "pass"], options.repeat, "python")
    with tempfile.TemporaryDirectory(prefix="bench-validate-cache-") as cache:
        os.environ["TEI_EDITION_CACHE"] = cache
        cold = fastest(tei_edition("validate", "--no-cache", *texts), options.repeat, "validate")
        loop = fastest(tei_edition("validate", *texts), options.repeat, "validate")  # warm after the first
    jing = fastest(["jing", str(EDITION_RNG), *texts], options.repeat, "jing")
    print(f"editor's loop, the edition's {len(texts)} texts: tei-edition validate {loop.seconds:.2f} s "
          f"({cold.seconds:.2f} s cold; python alone starts in {start_up.seconds:.2f} s), jing {jing.seconds:.2f} s",
          flush=True)
    summary.append(f"editor's loop ({len(texts)} texts) {loop.seconds:.2f} s ({cold.seconds:.2f} s cold) "
                   f"vs jing {jing.seconds:.2f} s")
    print(f"SUMMARY validate (fastest of {options.repeat}): " + " | ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
