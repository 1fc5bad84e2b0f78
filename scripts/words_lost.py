"""Build each corpus of ../shared/corpora/ (or the folders given) and count the words of every
text's ``<text>`` missing from its page, and the elements still drawn generically.

    python scripts/words_lost.py [CORPUS_DIR...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from edition.site.pipeline import build_site
from edition.site.wordcheck import check_site

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--keep", type=Path, help="build the sites into this folder (kept) instead of a temporary one")
    options = parser.parse_args()
    corpora = options.corpora or sorted(p for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []
    if not corpora:
        raise SystemExit(f"no corpus given and {CORPORA} is absent")
    for corpus in corpora:
        with tempfile.TemporaryDirectory() as scratch:
            out = (options.keep or Path(scratch)) / corpus.name
            started = time.perf_counter()
            report = build_site(corpus, out, search_index=False)
            seconds = time.perf_counter() - started
            checks = check_site(corpus, out)
            words = sum(c.words for c in checks.values())
            lost = sum((c.lost for c in checks.values()), Counter())
            generic = Counter(d.element for d in report.diagnostics if d.rule == "unknown-element")
            print(f"{corpus.name}: {len(checks)} texts, {report.pages} pages, {seconds:.1f} s (no search index); "
                  f"{words} words, {sum(lost.values())} lost ({sum(c.not_drawn for c in checks.values())} "
                  f"not drawn on purpose: forme work, register entries)")
            worst = sorted(checks.items(), key=lambda item: -item[1].lost_count)[:5]
            for path, found in worst:
                if found.lost_count:
                    print(f"  {path.name}: {found.lost_count} of {found.words} lost, e.g. {found.lost.most_common(8)}")
            if generic:
                print("  drawn generically (files): " + ", ".join(f"<{n}> {c}" for n, c in generic.most_common()))


if __name__ == "__main__":
    main()
