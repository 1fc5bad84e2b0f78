"""Collect: what every page needs to know about one document, one collector per concern.

``collect_document`` reads one prepared tree (``transforms.prepare``) into a ``DocData`` and keeps
no tree: what the header says (``header.py``) and the pointers begin the record, then each collector (Sphinx's
``EnvironmentCollector``) processes one concern of the document (the outline, the search blocks,
the notes, the mentions of register entries, the dates, the ids) and writes it into the record.
What a concern needs across documents is derived from the records once they are gathered
(``collect.Collected``): a document read again replaces its record, so there is nothing else to
merge or clear.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from edition.elements import SEARCHABLE
from edition.entities import BY_NAME_ELEMENT, BY_RS_TYPE
from edition.pointers import authority_key, pointer_parts
from edition.registers import entry_references, normalize_space
from edition.site.collect import Block, DatedMention, DocData, Mention, NoteInfo, where_label
from edition.site.header import CORRESP_ACTIONS, corresp_label, correspondence, read_header, statements
from edition.site.packing import PackedGroups
from edition.site.reading import kwic, reading_text
from edition.site.transforms import ANCHOR, LAYER, MENTION, MENTION_ELEMENTS, NUMBER, SCOPED, text_root
from edition.tei import XML_ID, lang_of, local_name, qn, xpath

_IDENTIFIED = xpath("descendant-or-self::*[@xml:id]")
_ANCHORED_IDS = xpath("descendant-or-self::*[@site-anchor][@xml:id]")
_POINTERS = xpath("//@ref | //@target | //@corresp")  # lists of pointers (a key is one name: see below)
_KEYS = xpath("//@key")
_DATE_ATTRIBUTES = ("when", "when-iso", "from", "to", "notBefore", "notAfter")
class Document:
    """One prepared document as the collectors share it: its tree, its ``text``, its record, and
    the reading text of each block, read once whichever collectors ask for it."""

    def __init__(self, tree: etree._ElementTree, text: etree._Element, doc: DocData):
        self.tree, self.text, self.doc = tree, text, doc
        # Keyed by the element itself (kept alive by the key): an id() could be reused by another one.
        self._readings: dict[etree._Element | None, tuple[str, dict]] = {}
        self._identified: dict[str, etree._Element] | None = None

    def reading_of(self, block: etree._Element | None) -> tuple[str, dict[str, tuple[int, int]]]:
        if block not in self._readings:
            self._readings[block] = reading_text(block) if block is not None else ("", {})
        return self._readings[block]

    def identified(self, identifier: str) -> etree._Element | None:
        """The first element of the text with this xml:id."""
        if self._identified is None:
            self._identified = {}
            for element in _IDENTIFIED(self.text):
                self._identified.setdefault(element.get(XML_ID), element)
        return self._identified.get(identifier)


class Collector:
    """One concern of a document: ``process`` writes it into ``document.doc``."""

    def process(self, document: Document) -> None:
        raise NotImplementedError


class OutlineCollector(Collector):
    """The contents (each division's heading, its depth) and the number of numbered paragraphs."""

    def process(self, document: Document) -> None:
        doc = document.doc
        for head in document.text.iter(qn("tei:head")):
            if head.get(ANCHOR) and local_name(head.getparent()) == "div":
                depth = sum(1 for a in head.iterancestors() if local_name(a) == "div")
                doc.headings.append((head.get(ANCHOR), document.reading_of(head)[0], depth))
        doc.paragraphs = sum(1 for p in document.text.iter(qn("tei:p")) if p.get(ANCHOR) and p.get(NUMBER))


class SearchBlockCollector(Collector):
    """The searchable blocks' reading texts (a block inside another is part of it), and how many
    characters each language has in them."""

    def process(self, document: Document) -> None:
        doc, blocks = document.doc, []
        for element in document.text.iter(*(qn(f"tei:{name}") for name in SEARCHABLE)):
            anchor = element.get(ANCHOR)
            if anchor and not any(a.get(ANCHOR) and local_name(a) in SEARCHABLE for a in element.iterancestors()):
                content = document.reading_of(element)[0]
                if content:
                    blocks.append(Block(anchor, where_label(element), lang_of(element), content))
        doc.blocks = blocks
        for block in blocks:
            lang = block.lang or doc.lang
            doc.block_characters[lang] = doc.block_characters.get(lang, 0) + len(block.text)


class EditingCollector(Collector):
    """How much editing a reader meets: corrections and apparatus entries (the home page's guide
    explains only what the edition has)."""

    def process(self, document: Document) -> None:
        document.doc.corrections = sum(1 for _ in document.text.iter(qn("tei:choice")))
        document.doc.readings = sum(1 for _ in document.text.iter(qn("tei:app")))


class NoteCollector(Collector):
    """Each numbered note: its layer, number, language, the words it explains and how."""

    def process(self, document: Document) -> None:
        notes = [self.note_info(document, note) for note in document.text.iter(qn("tei:note")) if note.get(LAYER)]
        document.doc.notes = notes
        document.doc.note_layers = tuple(note.layer for note in notes)

    @staticmethod
    def note_info(document: Document, note: etree._Element) -> NoteInfo:
        term = ""
        for foreign in note.iter(qn("tei:foreign")):
            if lang_of(foreign).startswith("ru"):
                term = normalize_space("".join(foreign.itertext()))
                break
        rendering = "; ".join(normalize_space("".join(e.itertext())) for e in note.iter(qn("tei:term"), qn("tei:q")))
        target = ""
        for pointer in (note.get("target") or note.get("corresp") or "").split():
            candidate = document.identified(pointer.lstrip("#"))
            if candidate is not None:
                target = document.reading_of(candidate)[0]
        return NoteInfo(document.doc.id, note.get(LAYER), note.get(NUMBER), note.get(ANCHOR), lang_of(note), term,
                        rendering, target, document.reading_of(note)[0])


def _block_of(element: etree._Element) -> etree._Element | None:
    for ancestor in element.iterancestors():
        if ancestor.get(ANCHOR):
            return ancestor
    return None


def _in_context(document: Document, element: etree._Element) -> tuple[str, str, str, str, str]:
    """(where, the block's anchor, left, match, right): a mention in its block's reading text."""
    block = _block_of(element)
    content, spans = document.reading_of(block)
    left, match, right = kwic(content, spans.get(element.get(MENTION), (0, 0)))
    if not match:
        match = normalize_space("".join(element.itertext()))
    # Interned: a register holds every mention, and these few strings repeat across thousands of them.
    where = sys.intern(where_label(block))
    return where, sys.intern(block.get(ANCHOR)) if block is not None else "", left, match, right


def mention_key(reference: str) -> str:
    """What a mention is filed under until the registers are read: the id ``#id`` names, the
    authority URI it is, or ``file.xml#id`` as written (``Collected.entry_id_of`` files those two
    under the entry holding them; the file from the text's own folder)."""
    authority = authority_key(reference)
    if authority is not None:
        return authority
    parts = pointer_parts(reference)
    return reference if parts and parts[0] else reference.rpartition("#")[2]


class MentionCollector(Collector):
    """The names pointing at register entries (@ref, or @key), grouped by entry in document order."""

    def process(self, document: Document) -> None:
        doc, mentions = document.doc, []
        for element in document.text.iter(*(qn(f"tei:{name}") for name in MENTION_ELEMENTS - {"date"})):
            mention = element.get(MENTION)
            if not mention:
                continue
            where, anchor, left, match, right = _in_context(document, element)
            name = local_name(element)
            hint = BY_NAME_ELEMENT[name].name if name in BY_NAME_ELEMENT else ""
            if name == "rs":
                rs_type = element.get("type", "")
                hint = BY_RS_TYPE[rs_type].name if rs_type in BY_RS_TYPE else ("other" if rs_type else "")
            for reference in entry_references(element):
                mentions.append(Mention(sys.intern(mention_key(reference)), doc.id, mention, anchor, where,
                                        left, match, right, sys.intern(name), hint, element.sourceline or 0))
        mentions[:0] = _correspondents(document)
        mentions.extend(_speeches(document))
        by_entry: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_entry.setdefault(mention.entry_id, []).append(mention)
        doc.mention_groups = PackedGroups(by_entry)
        doc.names = len(mentions)
        doc.other_references = sum(mention.kind_hint == "other" for mention in mentions)
        doc.named = frozenset(mention.entry_id for mention in mentions if mention.kind_hint != "other")


def _speeches(document: Document) -> list[Mention]:
    """Each speech is a mention of the characters its ``@who`` names that the play's header
    declares (its register lists where each speaks), landing on the speech, its speaker's label as
    the words matched. A ``@who`` no header declares is left alone: most plays have no register."""
    found = []
    root = document.tree.getroot()
    scope = f"#{root.get(XML_ID)}." if root.get(SCOPED) else None
    for speech in document.text.iter(qn("tei:sp")):
        anchor = speech.get(ANCHOR)
        if not speech.get("who") or not anchor:
            continue
        speaker = speech.find(qn("tei:speaker"))
        label = normalize_space("".join(speaker.itertext())) if speaker is not None else ""
        where = sys.intern(where_label(speech))
        for token in speech.get("who").split():
            if scope is None or not token.startswith(scope):
                continue
            found.append(Mention(sys.intern(token.rpartition("#")[2]), document.doc.id, anchor, anchor, where,
                                 "", label, "", "sp", "person", speech.sourceline or 0))
    return found


class DateCollector(Collector):
    """The dated mentions, their normalised attributes in context."""

    def process(self, document: Document) -> None:
        dates = []
        for element in document.text.iter(qn("tei:date")):
            mention = element.get(MENTION)
            if not mention:
                continue
            where, _, left, match, right = _in_context(document, element)
            attributes = tuple((a, element.get(a).strip()) for a in _DATE_ATTRIBUTES if element.get(a))
            if element.get("cert"):
                attributes += (("cert", element.get("cert")),)
            dates.append(DatedMention(document.doc.id, mention, where, attributes, left, match, right))
        dates[:0] = _correspondence_dates(document)
        document.doc.dates = dates
        document.doc.dated = len(dates)


class IdCollector(Collector):
    """The ids a link can land on: each with its anchor and its label ("¶ 3")."""

    def process(self, document: Document) -> None:
        ids: dict[str, tuple[str, str]] = {}
        for element in _ANCHORED_IDS(document.text):
            ids[element.get(XML_ID)] = (element.get(ANCHOR), where_label(element))
        document.doc.ids = [(identifier, anchor, where) for identifier, (anchor, where) in ids.items()]


COLLECTORS: tuple[Collector, ...] = (OutlineCollector(), SearchBlockCollector(), EditingCollector(), NoteCollector(),
                                     MentionCollector(), DateCollector(), IdCollector())


def collect_document(tree: etree._ElementTree, path: Path) -> DocData:
    """Everything the site needs from one prepared document (see ``transforms.prepare``)."""
    doc = read_header(tree, path)
    doc.statements = statements(tree)
    doc.references = pointers(tree)
    letter = correspondence(tree)
    if letter:  # only letters carry it: other texts' records stay as they were
        doc.correspondence = letter
    text = text_root(tree)
    if text is not None:
        document = Document(tree, text, doc)
        for collector in COLLECTORS:
            collector.process(document)
    return doc


def pointers(tree: etree._ElementTree) -> list[str]:
    """Every pointer of the document, sorted: each token of @ref, @target, @corresp, each @key whole."""
    found = {str(token) for value in _POINTERS(tree) for token in value.split()}
    found.update(key for key in (str(value).strip() for value in _KEYS(tree)) if key)
    return sorted(found)


def _correspondence_anchor(document: Document) -> str:
    """Where a link to the letter's correspondence lands: its block at the top of the page."""
    block = document.doc.correspondence_block
    return block.anchor if block else ""


def _correspondents(document: Document) -> list[Mention]:
    """A letter's sender, addressee and their places (``correspDesc``) are mentions of their entries,
    found at the top of the letter: ``Sender: Kraus, Karl`` on the register's page."""
    found, anchor = [], _correspondence_anchor(document)
    for action in CORRESP_ACTIONS(document.tree):
        for element in action:
            name = local_name(element)
            if name not in BY_NAME_ELEMENT:
                continue
            where = corresp_label(action, 1 if name == "placeName" else 0)
            match = normalize_space("".join(element.itertext()))
            for reference in entry_references(element):
                found.append(Mention(sys.intern(mention_key(reference)), document.doc.id, anchor, anchor, where, "",
                                     match, "", sys.intern(name), BY_NAME_ELEMENT[name].name, element.sourceline or 0))
    return found


def _correspondence_dates(document: Document) -> list[DatedMention]:
    """The dates a letter was sent and received, for the chronology."""
    found, anchor = [], _correspondence_anchor(document)
    for action in CORRESP_ACTIONS(document.tree):
        for element in action.iter(qn("tei:date")):
            attributes = tuple((a, element.get(a).strip()) for a in _DATE_ATTRIBUTES if element.get(a))
            if attributes:
                found.append(DatedMention(document.doc.id, anchor, corresp_label(action, 2), attributes, "",
                                          normalize_space("".join(element.itertext())), ""))
    return found
