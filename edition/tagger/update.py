"""``tag --update``: add tags to the untagged text of a TEI document, losing nothing.

Only text nodes are split; no existing element, attribute, comment or processing instruction is
touched. Text inside existing names, dates, notes, titles, corrections and the header is left
alone (it is either tagged already or not the source's words).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from edition.elements import BLOCKS, EDITORIAL, UNREAD, WORD_BOUNDARIES
from edition.entities import NAME_ELEMENTS
from edition.tagger.document import wrap
from edition.tagger.model import Mention
from edition.tagger.tagger import Tagger
from edition.tei import local_name, qn

SEPARATE = WORD_BOUNDARIES | UNREAD
"""Elements left out of the string around them, a space in their place: blocks (each tagged as one
string of its own), breaks, notes."""
SKIPPED = EDITORIAL - SEPARATE
"""The editors' readings (corrections, expansions...): not the source's words, left out of the text
the tagger reads."""
UNTOUCHABLE = frozenset({*NAME_ELEMENTS, "rs", "name", "date", "note", "teiHeader", "title",
                         "corr", "reg", "expan", "supplied", "sic", "orig", "abbr", "foreign", "term", "ref",
                         "ptr", "figDesc", "bibl", "choice", "gap", "num", "measure", "time", "idno"})
"""No tag is added inside these (existing markup, editorial layers, titles of works)."""


@dataclass
class Segment:
    parent: etree._Element
    child: etree._Element | None  # None: parent.text, else child.tail
    start: int
    end: int


@dataclass
class Block:
    element: etree._Element
    text: str
    segments: list[Segment] = field(default_factory=list)
    marked: list[tuple[etree._Element, int, int]] = field(default_factory=list)
    """The inline elements of the block and where their words are in ``text``."""


def blocks_of(tree: etree._ElementTree) -> list[Block]:
    """The text blocks of the document's ``text``, each with its taggable text nodes."""
    text_element = tree.getroot().find(qn("tei:text"))
    if text_element is None:
        return []
    found = []
    for element in text_element.iter():
        if local_name(element) in BLOCKS and not _inside(element, UNTOUCHABLE):
            block = Block(element, "")
            _collect(block, element, taggable=True)
            if block.text.strip():  # a container of blocks (a division, a list) has no text of its own
                found.append(block)
    return found


def _inside(element, names) -> bool:
    return any(local_name(a) in names for a in element.iterancestors())


def _collect(block: Block, element: etree._Element, taggable: bool) -> None:
    """Concatenate the block's own text (nested blocks are theirs), noting the taggable nodes."""
    def add(text, parent, child, ok):
        if not text:
            return
        start = len(block.text)
        block.text += text
        if ok:
            block.segments.append(Segment(parent, child, start, len(block.text)))

    add(element.text, element, None, taggable)
    for child in element:
        name = local_name(child)
        if name in SEPARATE or not name or name in SKIPPED:  # nested block, note, comment, PI, correction
            if name in SEPARATE:
                block.text += " "
        else:
            inner_ok = taggable and name not in UNTOUCHABLE
            _collect_inline(block, child, inner_ok)
        add(child.tail, element, child, taggable)


def _collect_inline(block: Block, element, taggable: bool) -> None:
    began = len(block.text)
    _collect_inline_content(block, element, taggable)
    block.marked.append((element, began, len(block.text)))


def _collect_inline_content(block: Block, element, taggable: bool) -> None:
    if element.text:
        start = len(block.text)
        block.text += element.text
        if taggable:
            block.segments.append(Segment(element, None, start, len(block.text)))
    for child in element:
        name = local_name(child)
        if name in SKIPPED:
            pass
        elif name and name not in SEPARATE:
            _collect_inline(block, child, taggable and name not in UNTOUCHABLE)
        if child.tail:
            start = len(block.text)
            block.text += child.tail
            if taggable:
                block.segments.append(Segment(element, child, start, len(block.text)))


def existing_references(tree: etree._ElementTree) -> Counter:
    counts = Counter()
    for element in tree.getroot().iter(*(qn(f"tei:{name}") for name in (*NAME_ELEMENTS, "rs"))):
        for ref in (element.get("ref") or "").split():
            counts[ref.rpartition("#")[2]] += 1
    return counts


def add_tags(tree: etree._ElementTree, tagger: Tagger) -> Counter:
    """Tag the untagged text of ``tree`` in place; the number of elements added per name."""
    blocks = blocks_of(tree)
    found = tagger.tag_texts([block.text for block in blocks], existing_references(tree))
    added: Counter = Counter()
    for block, mentions in zip(blocks, found):
        placed: dict[int, list[Mention]] = {}
        for mention in mentions:
            for index, segment in enumerate(block.segments):
                if segment.start <= mention.start and mention.end <= segment.end:
                    placed.setdefault(index, []).append(mention)
                    break
        # Later segments first: wrapping a tail inserts siblings after the earlier nodes only.
        for index in sorted(placed, reverse=True):
            segment = block.segments[index]
            added.update(wrap(segment.parent, placed[index], segment.child, offset=segment.start))
    return added
