"""Transform: small ordered steps that prepare one document for collecting and drawing.

Each step annotates the parsed TEI in place with ``site-*`` attributes (never written back to
any file) and is a pure function of the document, so collecting and rendering, in any process
and in any order, see the same anchors and numbers.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.elements import CITABLE, REGISTERS
from edition.entities import ENTRY_ELEMENTS, NAME_ELEMENTS
from edition.pointers import expand, prefix_definitions
from edition.tei import XML_ID, XML_LANG, lang_of, local_name, qn, xpath

ANCHOR = "site-anchor"  # the HTML id of a block (paragraph, heading, note)
NUMBER = "site-number"  # a paragraph's visible number, a note's marker
LAYER = "site-layer"  # "notes" or "translation"
MENTION = "site-mention"  # the HTML id of a mention or a date
LINE = "site-line"  # a verse line's number
SCOPED = "site-scoped"  # on the root: the header's entries are scoped to the document (once)

MENTION_ELEMENTS = frozenset({*NAME_ELEMENTS, "rs", "date"})

_BODY = xpath("/tei:TEI/tei:text")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.:-]")


def html_id(value: str) -> str:
    """An xml:id as an HTML id that needs no escaping in a URL fragment."""
    return _SAFE_ID.sub("_", value)


def text_root(tree: etree._ElementTree) -> etree._Element | None:
    found = _BODY(tree)
    return found[0] if found else None


def prepare(tree: etree._ElementTree) -> etree._ElementTree:
    """Run every transform in order; returns the same tree."""
    expand_prefixed_pointers(tree)
    scope_header_entries(tree)
    root = text_root(tree)
    if root is not None:
        set_aside_registers(root)
        number_paragraphs(root)
        number_lines(root)
        anchor_blocks(root)
        number_notes(root)
        notes_in_the_editors_language(tree, root)
        identify_mentions(root)
    return tree


_HEADER_ENTRIES = xpath(" | ".join(f"/tei:TEI/tei:teiHeader//tei:{element}[@xml:id]" for element in ENTRY_ELEMENTS))
_SCOPED_POINTERS = ("ref", "who", "corresp", "target", "resp", "sameAs")


def expand_prefixed_pointers(tree: etree._ElementTree) -> None:
    """Pointers in a private URI scheme the header declares (``pmb:123``, see ``edition.pointers``)
    written out as the ``file.xml#id`` or ``#id`` they stand for, so that they resolve like any other."""
    prefixes = prefix_definitions(tree)
    if not prefixes:
        return
    for element in tree.getroot().iter(etree.Element):
        for attribute in _SCOPED_POINTERS:
            value = element.get(attribute)
            if value and ":" in value:
                tokens = value.split()
                expanded = [expand(token, prefixes) or token for token in tokens]
                if expanded != tokens:
                    element.set(attribute, " ".join(expanded))


def scope_header_entries(tree: etree._ElementTree) -> None:
    """Entries declared in a text's own header (its ``particDesc`` or ``settingDesc``: a play's
    characters) belong to that text: another text's ``#diener`` is another servant. Their ids and
    every pointer of the document at them get the document's id as a prefix, so the registers
    hold one entry per text, never one merged entry. Only for a document with an id; once.

    In ``<TEI xml:id="ger01">``: ``<person xml:id="diener">`` … ``<sp who="#diener">`` ->
    ``<person xml:id="ger01.diener">`` … ``<sp who="#ger01.diener">``
    """
    root = tree.getroot()
    document = root.get(XML_ID)
    if not document or root.get(SCOPED):
        return
    root.set(SCOPED, "1")
    local = {element.get(XML_ID): element for element in _HEADER_ENTRIES(tree)}
    if not local:
        return
    for identifier, element in local.items():
        element.set(XML_ID, f"{document}.{identifier}")
    for element in root.iter(etree.Element):
        for attribute in _SCOPED_POINTERS:
            value = element.get(attribute)
            if value and "#" in value:
                tokens = value.split()
                scoped = [f"#{document}.{token[1:]}" if token[:1] == "#" and token[1:] in local else token
                          for token in tokens]
                if scoped != tokens:
                    element.set(attribute, " ".join(scoped))


def local_id(identifier: str, root: etree._Element) -> str:
    """An id as the document wrote it, without the scope ``scope_header_entries`` gave it."""
    scope = f"{root.get(XML_ID)}."
    return identifier[len(scope):] if root.get(SCOPED) and identifier.startswith(scope) else identifier


def set_aside_registers(text: etree._Element) -> None:
    """Lists of entities inside a text (a letter's ``back``) are registers, not reading text.

    Their entries were read into the registers before this step; the reading page shows them
    in the indexes, so here they are removed from the (never saved) parsed copy:
    ``<back><listPerson>…</listPerson></back>`` -> ``<back/>``.
    """
    for element in list(text.iter(*(qn(f"tei:{name}") for name in REGISTERS))):
        if element.getparent() is not None:
            element.getparent().remove(element)


def number_paragraphs(text: etree._Element) -> None:
    """Paragraphs outside notes are numbered 1, 2, 3 in reading order.

    ``<p xml:id="x-p7">`` -> ``<p xml:id="x-p7" site-number="1">``
    """
    number = 0
    for p in text.iter(qn("tei:p")):
        if _inside_note(p):
            continue
        number += 1
        p.set(NUMBER, str(number))


def number_lines(text: etree._Element) -> None:
    """Verse lines outside notes are numbered through the text: a line's own numeric ``@n`` sets
    the count, and the middle and final parts of a line split between speakers (``@part="M"``,
    ``"F"``) keep the number of its first part.

    ``<l>…</l><l n="10">…</l><l part="I"/><l part="F"/>`` -> ``site-line`` 1, 10, 11, 11
    """
    number = 0
    for line in text.iter(qn("tei:l")):
        if _inside_note(line):
            continue
        written = (line.get("n") or "").strip()
        if written.isdigit():
            number = int(written)
        elif line.get("part") not in ("M", "F") or number == 0:
            number += 1
        line.set(LINE, str(number))


def anchor_blocks(text: etree._Element) -> None:
    """Every anchorable block gets an HTML id: its ``xml:id``, else ``p<n>``/``head<n>``… by kind.

    ``<p site-number="4">`` -> ``<p site-number="4" site-anchor="p4">``; ``<p xml:id="a-p1">`` ->
    ``site-anchor="a-p1"``. Computed ids never collide with a written one.
    """
    taken = {element.get(XML_ID) for element in text.iter() if element.get(XML_ID)}
    counters: dict[str, int] = {}
    for element in text.iter(*(qn(f"tei:{name}") for name in CITABLE)):
        name = local_name(element)
        if name != "note" and _inside_note(element):
            continue  # a link into a note lands on the note
        written = element.get(XML_ID)
        if written:
            element.set(ANCHOR, html_id(written))
            continue
        counters[name] = counters.get(name, 0) + 1
        number = element.get(NUMBER) if name == "p" else str(counters[name])
        candidate = f"{name}{number}"
        while candidate in taken:
            candidate += "_"
        taken.add(candidate)
        element.set(ANCHOR, candidate)


TRANSLATION_SIGLUM = "T"
"""Translation notes are T1, T2…: a second series beside the editorial 1, 2…, readable at 150 notes."""


def number_notes(text: etree._Element) -> None:
    """Notes are numbered per document and per layer: translation notes T1, T2, T3…; others 1, 2, 3….

    ``<note type="translation">`` -> ``site-layer="translation" site-number="T1"``
    """
    counters = {"notes": 0, "translation": 0}
    for note in text.iter(qn("tei:note")):
        if _inside_note(note):
            continue
        layer = "translation" if note.get("type") == "translation" else "notes"
        counters[layer] += 1
        note.set(LAYER, layer)
        count = counters[layer]
        note.set(NUMBER, f"{TRANSLATION_SIGLUM}{count}" if layer == "translation" else str(count))


def notes_in_the_editors_language(tree: etree._ElementTree, text: etree._Element) -> None:
    """A note is the editors' writing: without an ``xml:lang`` of its own it is in the language of
    the teiHeader (which the editors wrote), not of the text it sits in.

    ``<TEI xml:lang="it"><teiHeader xml:lang="en">…<p>…<note>`` -> ``<note xml:lang="en">``
    """
    header = tree.getroot().find(qn("tei:teiHeader"))
    editors = header.get(XML_LANG) if header is not None else None
    if not editors:
        return  # the header says nothing of its own: the notes share the text's language
    for note in text.iter(qn("tei:note")):
        if note.get(LAYER) and note.get(XML_LANG) is None and lang_of(note) != editors:
            note.set(XML_LANG, editors)


def identify_mentions(text: etree._Element) -> None:
    """Each name, ``rs`` and date gets a page-unique id (``m1``, ``m2``…) a link can land on."""
    number = 0
    for element in text.iter(*(qn(f"tei:{name}") for name in MENTION_ELEMENTS)):
        number += 1
        element.set(MENTION, f"m{number}")


def _inside_note(element: etree._Element) -> bool:
    return any(local_name(a) == "note" for a in element.iterancestors())
