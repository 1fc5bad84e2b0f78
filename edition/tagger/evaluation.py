"""Scoring the tagger on an annotated set: ``[words](kind:value)`` inline, one paragraph per line.

``kind`` is person, place or org (value: a register id) or date (value: ``YYYY[-MM[-DD]]``,
``FROM..TO`` for a range, ``~FROM..TO`` for a vague span such as a decade). Lines starting with
``#`` are comments. A prediction counts when kind, value and span are the same ("strict"); the
"lenient" score accepts overlapping spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from edition.tagger.model import ELEMENTS, Mention

KINDS = tuple(ELEMENTS)
_ANNOTATION = re.compile(rf"\[([^\[\]]+)\]\(({'|'.join(KINDS)}):([^()\s]+)\)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: str


@dataclass
class Example:
    text: str
    gold: list[Span]


def parse_line(line: str) -> Example:
    text, gold, cursor = [], [], 0
    length = 0
    for match in _ANNOTATION.finditer(line):
        before = line[cursor:match.start()]
        text.append(before)
        length += len(before)
        words = match.group(1)
        gold.append(Span(length, length + len(words), match.group(2), match.group(3)))
        text.append(words)
        length += len(words)
        cursor = match.end()
    text.append(line[cursor:])
    return Example("".join(text), gold)


def read_set(path: Path) -> list[Example]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [parse_line(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


def examples_from_tei(tree) -> list[Example]:
    """The blocks of an encoded text with its names and dates as the gold standard."""
    from edition.tagger.update import blocks_of
    from edition.tei import local_name

    kinds = {element: kind for kind, element in ELEMENTS.items()}
    examples = []
    for block in blocks_of(tree):
        gold = []
        for element, start, end in block.marked:
            kind = kinds.get(local_name(element))
            if kind is None or start == end:
                continue
            if kind == "date":
                mention = Mention(start, end, kind, "", attributes=dict(element.attrib))
            else:
                mention = Mention(start, end, kind, "", ref=(element.get("ref") or "").split(" ")[0].lstrip("#"))
            gold.append(Span(start, end, kind, value_of(mention)))
        examples.append(Example(block.text, gold))
    return examples


def value_of(mention: Mention) -> str:
    if mention.kind != "date":
        return mention.ref
    a = mention.attributes
    if "when" in a:
        return a["when"]
    if "from" in a:
        return f"{a['from']}..{a.get('to', '')}"
    return f"~{a.get('notBefore', '')}..{a.get('notAfter', '')}"


def spans_of(mentions: list[Mention]) -> list[Span]:
    return [Span(m.start, m.end, m.kind, value_of(m)) for m in mentions]


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _matches(a: Span, b: Span, lenient: bool, with_value: bool) -> bool:
    if a.kind != b.kind or (with_value and a.value != b.value):
        return False
    if lenient:
        return a.start < b.end and b.start < a.end
    return a.start == b.start and a.end == b.end


def score(examples: list[Example], predictions: list[list[Span]], *, lenient: bool = False,
          with_value: bool = True) -> dict[str, Score]:
    """Precision, recall and F1 per kind (one-to-one matching of predictions to gold spans)."""
    scores = {kind: Score() for kind in KINDS}
    for example, predicted in zip(examples, predictions):
        unmatched = list(example.gold)
        for span in predicted:
            if span.kind not in scores:
                continue
            scores[span.kind].predicted += 1
            hit = next((g for g in unmatched if _matches(span, g, lenient, with_value)), None)
            if hit is not None:
                unmatched.remove(hit)
                scores[span.kind].true_positives += 1
            else:
                scores[span.kind].errors.append(
                    f"false {span.kind}: {example.text[span.start:span.end]!r} -> {span.value}  | {example.text}")
        for span in example.gold:
            if span.kind in scores:
                scores[span.kind].gold += 1
        for span in unmatched:
            scores[span.kind].errors.append(
                f"missed {span.kind}: {example.text[span.start:span.end]!r} -> {span.value}  | {example.text}")
    return scores
