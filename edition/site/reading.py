"""The reading text of a block, as the edition presents it, with where each mention sits.

Unlike ``edition.textview.source_reading`` (the source's words), this is what readers see:
corrections and regularisations instead of errors and old forms, notes left out. Used for the
keyword-in-context snippets, the chronology's context and the search records.
"""

from __future__ import annotations

from lxml import etree

from edition.elements import UNREAD, WORD_BOUNDARIES
from edition.site.transforms import MENTION
from edition.tei import local_name

_PREFERRED = ("corr", "reg", "expan", "supplied", "add")


def reading_text(block: etree._Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """``(text, {mention id: (start, end)})``, whitespace normalised."""
    parts = _Pieces()
    spans: dict[str, tuple[int, int]] = {}
    _walk(block, parts, spans, top=True)
    return _normalise(parts, spans)


def chosen(choice: etree._Element) -> etree._Element | None:
    """The reading of a ``choice`` readers see: the correction, regularisation or expansion."""
    children = [c for c in choice if isinstance(c.tag, str)]
    for name in _PREFERRED:
        for child in children:
            if local_name(child) == name:
                return child
    return children[0] if children else None


class _Pieces(list):
    """The reading's pieces and their total length (summing them at every element is quadratic)."""

    size = 0

    def append(self, piece: str) -> None:
        super().append(piece)
        self.size += len(piece)


def _walk(element, parts, spans, top=False) -> None:
    name = local_name(element)
    if not name or (name in UNREAD and not top):
        return
    mention = element.get(MENTION)
    start = parts.size
    boundary = name in WORD_BOUNDARIES
    if boundary:
        parts.append(" ")
    if name == "choice":
        picked = chosen(element)
        if picked is not None:
            _walk(picked, parts, spans)
    else:
        if element.text:
            parts.append(element.text)
        for child in element:
            _walk(child, parts, spans)
            if child.tail:
                parts.append(child.tail)
    if mention:
        spans[mention] = (start, parts.size)
    if boundary:  # words end on both sides of a block or a break: "Wer<stage>horcht</stage>da"
        parts.append(" ")


def _normalise(parts, spans):
    """Collapse whitespace and move every span's offsets with it (one pass over the text)."""
    raw = "".join(parts)
    stripped = " ".join(raw.split())  # str.split() splits at what str.isspace() accepts
    moved: dict[int, int] = {}
    length, after_space, previous = 0, True, 0  # leading whitespace is dropped
    for offset in sorted({offset for span in spans.values() for offset in span}):
        segment = raw[previous:offset]
        if segment:
            if segment[0].isspace() and not after_space:
                length, after_space = length + 1, True
            words = segment.split()
            if words:
                length, after_space = length + len(" ".join(words)), False
                if segment[-1].isspace():
                    length, after_space = length + 1, True
        moved[offset] = length
        previous = offset
    adjusted = {}
    for key, (start, end) in spans.items():
        s, e = moved[start], moved[end]
        while s < e and s < len(stripped) and stripped[s] == " ":
            s += 1
        adjusted[key] = (min(s, len(stripped)), min(max(e, s), len(stripped)))
    return stripped, adjusted


def kwic(text: str, span: tuple[int, int], width: int = 60) -> tuple[str, str, str]:
    """Keyword in context: up to ``width`` characters each side, cut at a word boundary."""
    start, end = span
    left, match, right = text[max(0, start - width):start], text[start:end], text[end:end + width]
    if start > width and " " in left:
        left = "… " + left.split(" ", 1)[1]
    if end + width < len(text) and " " in right:
        right = right.rsplit(" ", 1)[0] + " …"
    return left, match.strip(), right
