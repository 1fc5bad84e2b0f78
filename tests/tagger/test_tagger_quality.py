"""The tagger's measured quality on its development set (with the edition's registers).

The floors are the levels reached when this test was written, less a small margin for register
changes; a change that makes the tagger worse fails here. ``scripts/bench_tagger.py`` prints the
full figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import DATA, EDITION_REGISTERS

pytestmark = pytest.mark.slow  # the development set's figures, as scripts/bench_tagger.py prints them

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench_tagger as bench  # noqa: E402  (scripts/ is not a package)

# Issue 4 asks for persons >= 0.95, places and dates >= 0.9; these are the levels reached.
FLOORS = {
    "ru": {"person": 0.97, "place": 0.95, "date": 0.95, "org": 0.9},
    "en": {"person": 0.97, "place": 0.95, "date": 0.95, "org": 0.9},
    "it": {"person": 0.96, "place": 0.9, "date": 0.95, "org": 0.9},
}


@pytest.fixture(scope="module")
def results():
    return bench.evaluate(DATA, EDITION_REGISTERS)


@pytest.mark.parametrize("lang, kind", [(lang, kind) for lang in FLOORS for kind in FLOORS[lang]])
def test_f1_floor(results, lang, kind):
    score = results[lang]["strict"][kind]
    assert score.f1 >= FLOORS[lang][kind], "\n".join(score.errors)


def test_development_set_size(results):
    for lang in FLOORS:
        assert len(results[lang]["examples"]) >= 60


def test_ahead_of_natasha_on_russian_persons_and_places(results):
    from edition.tagger.evaluation import Example, Span, score

    examples = results["ru"]["examples"]
    gold = [Example(e.text, [Span(g.start, g.end, g.kind, "") for g in e.gold]) for e in examples]
    ours = [[Span(s.start, s.end, s.kind, "") for s in spans] for spans in results["ru"]["predictions"]]
    theirs = bench.natasha_spans([e.text for e in examples])
    mine, natasha = score(gold, ours), score(gold, theirs)
    for kind in ("person", "place"):
        assert mine[kind].f1 > natasha[kind].f1, kind

