"""Nothing lost: every encoded text reads back, word for word, as its source file.

Runs on every ``tei/texts/X.xml`` that has a ``tei/sources/X.txt``, present and future.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from edition.textview import source_words
from edition.xmlio import read_xml

TEI = Path(__file__).resolve().parents[1] / "tei"
PAIRS = sorted((text, TEI / "sources" / f"{text.stem}.txt") for text in (TEI / "texts").glob("*.xml")
               if (TEI / "sources" / f"{text.stem}.txt").exists())


def first_divergence(expected: list[str], found: list[str]) -> str:
    matcher = difflib.SequenceMatcher(a=expected, b=found, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            context = " ".join(expected[max(0, a1 - 8):a1])
            return (f"{op} at source word {a1}: after «{context}»\n"
                    f"  source:  {' '.join(expected[a1:a2][:20])!r}\n"
                    f"  encoded: {' '.join(found[b1:b2][:20])!r}")
    return ""


def test_every_source_has_its_encoding():
    sources = {p.stem for p in (TEI / "sources").glob("*.txt")}
    encoded = {text.stem for text, _ in PAIRS}
    assert not sources - encoded, f"sources without an encoded text: {sorted(sources - encoded)}"


@pytest.mark.parametrize("text, source", PAIRS, ids=[t.stem for t, _ in PAIRS])
def test_encoded_text_keeps_every_word_of_its_source(text: Path, source: Path):
    expected = source.read_text(encoding="utf-8").split()
    found = source_words(read_xml(text))
    assert found == expected, first_divergence(expected, found)
