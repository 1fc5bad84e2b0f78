"""Collect: what every page needs to know about every document, read before drawing.

A document's record (``DocData``, written by ``collectors.collect_document``, a pure function of
one prepared tree) and the records of all documents with the registers (``Collected``).
"""

from __future__ import annotations

import operator
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, warning
from edition.elements import CITED_AS, ELEMENTS
from edition.pointers import file_key, pointed_file, pointer_parts
from edition.registers import Entry, Registers
from edition.site.citation import Citation
from edition.site.packing import PackedGroups, Spill, Spilled, pack, unpack
from edition.site.transforms import NUMBER, html_id
from edition.site.urls import file_stem
from edition.tei import XML_ID, local_name, qn


def _pickled_as_tuple(cls):
    """A frozen, slotted dataclass pickled as the tuple of its fields. The dataclass's own pickling
    calls ``fields()`` for every object, and the incremental build's cache (edition.site.cache)
    loads and saves hundreds of thousands of them."""
    names = tuple(f.name for f in fields(cls))
    values = operator.attrgetter(*names)

    def __getstate__(self):
        return values(self)

    def __setstate__(self, state):
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Mention:
    entry_id: str
    doc_id: str
    mention_id: str
    anchor: str  # the block it stands in
    where: str  # "¶ 3", "heading", "note 2"
    left: str
    match: str
    right: str
    element: str  # persName, rs…
    kind_hint: str  # from the element or rs/@type: person, place, org, or "" (rs without type)
    line: int = 0


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class DatedMention:
    doc_id: str
    mention_id: str
    where: str
    attributes: tuple[tuple[str, str], ...]
    left: str
    match: str
    right: str

    @property
    def value(self) -> dict:
        return dict(self.attributes)


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class NoteInfo:
    doc_id: str
    layer: str
    number: str
    anchor: str
    lang: str
    term: str  # the Russian words a translation note explains (foreign xml:lang="ru")
    rendering: str  # what they should have been translated as (term, q)
    target: str  # the words of the text the note is anchored on
    explanation: str


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Statement:
    """What a text's header says of the edition, as the About page shows it: ``kind`` is "project"
    (projectDesc), "principles" (editorialDecl), "edition" (editionStmt/edition), "responsibility"
    (a respStmt, editor or principal: ``label`` its role, ``names`` who), "licence" (availability:
    ``label`` the licence's address, ``names`` its status), "published" (``label`` the date,
    ``names`` the publisher) or "revised" (``label`` the date of the latest change)."""
    kind: str
    label: str
    names: tuple[str, ...]
    paragraphs: tuple[str, ...]


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class CorrespAction:
    """One ``correspAction`` of a letter's ``correspDesc``: its ``type`` ("sent", "received"...), who
    (``persName``, ``orgName``, ``name``) and where (``placeName``) as (element, name, pointers), and
    its dates' normalised attributes. The letters index and the CMIF file are drawn from them."""
    type: str
    persons: tuple[tuple[str, str, tuple[str, ...]], ...]
    places: tuple[tuple[str, str, tuple[str, ...]], ...]
    dates: tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class CorrespondenceBlock:
    """The top of a letter's page: who sent it, from where and when, and who received it, as
    (label, text) pairs, under an HTML id that the chronology and the registers link to: its
    ``correspDesc``'s ``xml:id``, else ``correspondence``."""
    anchor: str
    fields: tuple[tuple[str, str], ...]


@_pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Block:
    anchor: str
    where: str
    lang: str
    text: str


def _packed(name: str, what: str) -> property:
    """A list kept packed (``packing.pack``; spilled to disk once the text is added to the build's
    ``Collected``), unpacked each time it is read: the pages that read them (registers, chronology,
    glossary, search) do so one text at a time."""

    def unpacked(doc: DocData) -> list:
        return unpack(doc.packed.get(name, b""))

    def packed(doc: DocData, values: list) -> None:
        doc.packed[name] = pack(values)

    return property(unpacked, packed, doc=what)


@dataclass
class DocData:
    id: str
    path: Path
    title: str
    lang: str
    title_lang: str = ""  # the title's own language: an English title over a Russian text (teiHeader xml:lang)
    series: str = ""
    publisher: str = ""
    header: list[tuple[str, str]] = field(default_factory=list)
    correspondence_block: CorrespondenceBlock | None = None  # a letter's correspDesc, at the top of its page
    headings: list[tuple[str, str, int]] = field(default_factory=list)  # (anchor, text, depth): the contents
    paragraphs: int = 0
    names: int = 0  # its mentions (a name with @ref or @key): the home page counts them
    other_references: int = 0  # of which references to other things than persons, places, organisations
    named: frozenset[str] = frozenset()  # the ids its mentions of persons, places, organisations point at
    dated: int = 0  # its dated mentions
    corrections: int = 0  # its choices: a corrected, regularised or expanded form over the source's
    readings: int = 0  # its apparatus entries (app)
    note_layers: tuple[str, ...] = ()  # each note's layer ("notes", "translation"), in order
    block_characters: dict[str, int] = field(default_factory=dict)  # language -> characters of its searchable blocks
    published: bool = True  # its TEI file is copied into the site (not when a browser would run it)
    citation: Citation | None = None  # how to cite it, from its header
    packed: dict[str, bytes | Spilled] = field(default_factory=dict, repr=False)  # see _packed
    # its mentions of each entry, packed in document order: a register's pages read one entry's
    # mentions at a time, and nothing is regrouped when they are drawn
    mention_groups: PackedGroups = field(default_factory=PackedGroups, repr=False)

    dates = _packed("dates", "Each dated mention (list[DatedMention]), in document order.")
    notes = _packed("notes", "Each note (list[NoteInfo]), in document order.")
    blocks = _packed("blocks", "The searchable blocks (list[Block]), in document order.")
    ids = _packed("ids", "Each xml:id of the text with its HTML anchor and label: [(id, anchor, where)].")
    references = _packed("references", "The pointers in its @ref, @key, @target, @corresp (tokens, sorted).")
    statements = _packed("statements", "What its header says of the edition (list[Statement]): the About page.")
    correspondence = _packed("correspondence", "A letter's correspDesc (list[CorrespAction]); empty for other texts.")

    @property
    def is_letter(self) -> bool:
        return bool(self.packed.get("correspondence"))

    @property
    def url(self) -> str:
        return f"texts/{file_stem(self.id)}.html"


class MentionGroup:
    """One text's mentions of one register entry (the group at ``index`` of the text's
    ``mention_groups``), unpacked each time a page draws them: a register's pages go through the
    mentions of the whole corpus, and hold one text's of one entry at a time. Two slots, the rest
    read on demand: a register's keys make one for each text naming each entry, and most rebuilds
    never draw them."""

    __slots__ = ("doc", "index")

    def __init__(self, doc: DocData, index: int):
        self.doc, self.index = doc, index

    @property
    def count(self) -> int:
        return self.doc.mention_groups.counts[self.index]

    @property
    def digest(self) -> bytes:
        """Of the mentions: what an entry's page key takes from this text."""
        return self.doc.mention_groups.digest(self.index)

    @property
    def mentions(self) -> list[Mention]:
        return unpack(self.doc.mention_groups.packed(self.index))


def document_id(tree: etree._ElementTree, path: Path) -> str:
    return html_id(tree.getroot().get(XML_ID) or path.stem)


def where_label(block: etree._Element | None) -> str:
    if block is None:
        return "text"
    name = local_name(block)
    if name == "p" and block.get(NUMBER):
        return f"¶ {block.get(NUMBER)}"
    if name == "note":
        return f"note {block.get(NUMBER) or ''}".strip()
    kind = CITED_AS.get(name, name)
    # A reader cites by paragraph: the one around the block, else (a block quote) the one just before.
    for ancestor in block.iterancestors(qn("tei:p")):
        if ancestor.get(NUMBER):
            return f"¶ {ancestor.get(NUMBER)}, {kind}"
    if ELEMENTS[name].behaviour not in ("heading", "section"):  # a heading or section is cited as itself
        for element in (block, *block.iterancestors()):
            for _, sibling in zip(range(_NEIGHBOURS), element.itersiblings(preceding=True)):
                if local_name(sibling) == "p" and sibling.get(NUMBER):
                    return f"{kind} after ¶ {sibling.get(NUMBER)}"
            if local_name(element) == "div":
                break
    return kind


_NEIGHBOURS = 20  # how far back a block looks for its paragraph (bounded: no quadratic walk)


@dataclass
class Collected:
    """The cross-document environment: registers, documents, and what points at what."""

    registers: Registers
    docs: dict[str, DocData] = field(default_factory=dict)
    title: str | None = None  # the edition's title from its configuration, else the texts' series
    base_url: str = ""  # where the site is published, from its configuration: the citations' addresses
    iiif_base: str = ""  # the IIIF image server the configuration names: page images from it are shown
    licence: str | None = None  # the edition's licence, from its configuration: the CMIF file's
    editors: tuple[str, ...] = ()  # the edition's editors, from its configuration: the CMIF file's
    _targets: dict[str, tuple[str, str, str]] | None = field(default=None, init=False, repr=False, compare=False)
    _ordered: list[DocData] | None = field(default=None, init=False, repr=False, compare=False)
    _by_file: dict[Path, DocData] | None = field(default=None, init=False, repr=False, compare=False)
    _ids_of: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _spill: Spill | None = field(default=None, init=False, repr=False, compare=False)

    def add_doc(self, doc: DocData) -> None:
        """Add a text's data; its packed lists go to disk (``Spill``, until ``close``): memory then
        holds a few hundred bytes a text besides its header and the entries it names."""
        lists = [(name, data) for name, data in doc.packed.items() if data]
        groups = doc.mention_groups
        *spilled, groups.data = self._spilled([data for _, data in lists] + [groups.data])
        doc.packed = dict(zip([name for name, _ in lists], spilled))
        groups.keys = tuple(map(sys.intern, groups.keys))  # as the reading worker made them, not as the cache
        self.docs[doc.id] = doc
        self._forget()

    def spill(self, data: bytes) -> bytes | Spilled:
        """Packed bytes to disk until the build ends (``unpack`` reads them back); empty ones stay."""
        return self._spilled([data])[0] if data else data

    def _spilled(self, datas: list[bytes]) -> list[Spilled]:
        if self._spill is None:
            self._spill = Spill()
        return self._spill.put_all(datas)

    def close(self) -> None:
        """The end of the build: the spilled lists are gone (the data of the texts can no longer be read)."""
        if self._spill is not None:
            self._spill.file.close()
            self._spill = None

    def _forget(self) -> None:
        """What is computed from every text (their order, what points at what) is computed again
        once the texts change."""
        self._targets = self._ordered = self._by_file = None
        self._ids_of.clear()

    def ordered_docs(self) -> list[DocData]:
        if self._ordered is None:
            self._ordered = sorted(self.docs.values(), key=lambda d: str(d.path))
        return list(self._ordered)

    def entry(self, reference: str | None, base: Path | None = None) -> Entry | None:
        """The entry a pointer of the document ``base`` names (``Registers.get``)."""
        return self.registers.get(reference, base)

    def mention_groups(self, kind: str) -> dict[str, list[MentionGroup]]:
        """The mentions of each register entry of one ``kind``, packed by text, the texts in order
        (nothing is unpacked: a text's mentions are packed by entry as it is read). One kind at a
        time, so that only one kind's groups are held at once."""
        kinds = {entry_id: entry.kind for entry_id, entry in self.registers.entries.items()}
        found: dict[str, list[MentionGroup]] = defaultdict(list)
        for doc in self.ordered_docs():
            groups = doc.mention_groups
            for index, key in enumerate(groups.keys):
                entry_id = self.entry_id_of(key, doc.path)
                if kinds.get(entry_id) == kind:
                    found[entry_id].append(MentionGroup(doc, index))
        return found

    def entry_id_of(self, key: str, base: Path | None = None) -> str | None:
        """The entry a text's mentions are filed under (``collectors.mention_key``): an id, an
        authority URI found among the entries' ``idno``, or ``file.xml#id`` in the text ``base``."""
        if key in self.registers.entries or (":" not in key and "#" not in key):
            return key
        entry = self.registers.get(key, base) if "#" in key else self.registers.by_authority().get(key)
        return entry.id if entry is not None else key

    def targets(self) -> dict[str, tuple[str, str, str]]:
        """Every id some text points at -> (its document, its anchor, its label); every document's
        id -> (it, "", ""). Built once (a scan of every document per pointer is quadratic), before
        the pages are drawn on every core; only ids pointed at are kept (a text has hundreds)."""
        if self._targets is None:
            pointed = {token.rpartition("#")[2] for doc in self.docs.values() for token in doc.references}
            self._targets = {}
            for doc in self.docs.values():  # the first document holding an id wins, as it is read
                for identifier, anchor, where in doc.ids:
                    if identifier in pointed:
                        self._targets.setdefault(identifier, (doc.id, anchor, where))
                self._targets.setdefault(doc.id, (doc.id, "", ""))
        return self._targets

    def resolve_id(self, pointer: str, base: Path | None = None) -> tuple[DocData, str, str] | None:
        """``#beta-p1`` -> (its document, its HTML anchor, "¶ 1"); a bare ``#id`` resolves anywhere
        (a pointer from a text's @ref, @key, @target or @corresp: see ``targets``), ``beta.xml#p1``
        in the document ``base`` only in that file (``pointers.pointed_file``, as ``validate``)."""
        pointer = pointer.strip()
        parts = pointer_parts(pointer)
        if parts and parts[0] and base is not None:
            doc = self._doc_at(pointed_file(base, parts[0]))
            if doc is None:
                return None
            if doc.id not in self._ids_of:
                self._ids_of[doc.id] = {identifier: (anchor, where) for identifier, anchor, where in doc.ids}
            anchor, where = self._ids_of[doc.id].get(parts[1], (None, None))
            return (doc, anchor, where) if anchor is not None else None
        found = self.targets().get(pointer.rpartition("#")[2])
        if found is None:
            return None
        doc_id, anchor, where = found
        return self.docs[doc_id], anchor, where

    def _doc_at(self, path: Path) -> DocData | None:
        if self._by_file is None:
            self._by_file = {file_key(doc.path): doc for doc in self.docs.values()}
        return self._by_file.get(path)

    def dangling(self, unreadable_ids: frozenset[str] = frozenset()) -> list[Diagnostic]:
        """References to entries no register holds (only for names of persons, places, organisations);
        not those a file that could not be read seems to hold (that file's error is reported)."""
        problems = []
        for doc in self.ordered_docs():
            if doc.named <= self.registers.entries.keys():  # most texts: nothing to unpack
                continue
            unknown = [mention for entry_id in sorted(doc.named - self.registers.entries.keys() - unreadable_ids)
                       if self.entry_id_of(entry_id, doc.path) not in self.registers.entries
                       for mention in doc.mention_groups.get(entry_id)]
            for mention in sorted(unknown, key=lambda mention: mention.line):
                if mention.kind_hint == "other":
                    continue
                written = mention.entry_id if "#" in mention.entry_id else f"#{mention.entry_id}"  # file.xml#id whole
                problems.append(warning(doc.path, mention.line, 0, "dangling-ref",
                                        f"{written} is in no register; the name is shown unlinked",
                                        element=mention.element))
        return problems

    def series_title(self) -> str:
        if self.title:
            return self.title
        votes = Counter(d.series or d.publisher for d in self.docs.values() if d.series or d.publisher)
        return votes.most_common(1)[0][0] if votes else "TEI edition"
