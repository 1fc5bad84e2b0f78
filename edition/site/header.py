"""What a document's header says: its title, series, publisher, source description, letter's
correspondence (``read_header``, the top of its reading page) and what it says of the edition
(``statements``, the About page). Comments and processing instructions in the header are not text.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.registers import entry_references, normalize_space
from edition.site import dates
from edition.site.citation import read_citation
from edition.site.collect import CorrespAction, CorrespondenceBlock, DocData, Statement, document_id
from edition.site.transforms import html_id
from edition.tei import TEI_NS, XML_ID, lang_of, local_name, qn, xpath

_TITLES = xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title")
_SERIES = xpath("string(/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@level='s'])")
_PUBLISHER = xpath("string(/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher)")
_SOURCE_DESC = xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/*")
_RESP = xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt"
              "/*[self::tei:respStmt or self::tei:editor or self::tei:author]")
_LICENCE = xpath("string(/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability)")
_PROJECT = xpath("/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:projectDesc")
_PRINCIPLES = xpath("/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:editorialDecl")
_EDITION = xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition")
_RESPONSIBLE = xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/*[self::tei:titleStmt or self::tei:editionStmt]"
                     "/*[self::tei:respStmt or self::tei:editor or self::tei:principal]")
_AVAILABILITY = xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability")
_CHANGES = xpath("/tei:TEI/tei:teiHeader/tei:revisionDesc//tei:change")
_PUBLICATION = xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt")
_BIBL_LABELS = {"title": "Source", "note": "Note", "date": "Date of the source", "author": "Author",
                "idno": "Identifier", "textLang": "Language", "publisher": "Published by", "pubPlace": "Place"}


def read_header(tree: etree._ElementTree, path: Path) -> DocData:
    """A document's record with what its header says: its title, series, publisher, source."""
    root = tree.getroot()
    title = _title_element(tree)
    doc = DocData(id=document_id(tree, path), path=path, lang=lang_of(root),
                  title=normalize_space("".join(title.itertext())) if title is not None else path.stem,
                  title_lang=lang_of(title) if title is not None else lang_of(root),
                  series=normalize_space(_SERIES(tree)), publisher=normalize_space(_PUBLISHER(tree)),
                  header=_header(tree), correspondence_block=correspondence_block(tree))
    doc.citation = read_citation(tree, doc.id, doc.title, doc.title_lang, doc.url)
    return doc


def statements(tree: etree._ElementTree) -> list[Statement]:
    """What the header says of the edition (the About page): project, editorial principles, edition,
    who did what, licence, publication. Only what the header has: nothing is supplied."""
    found = [Statement("project", "", (), _paragraphs(element)) for element in _PROJECT(tree)]
    found += [Statement("principles", "", (), _paragraphs(element)) for element in _PRINCIPLES(tree)]
    for edition in _EDITION(tree):
        words = _words(edition)
        number = edition.get("n", "").strip()
        if words or number:
            found.append(Statement("edition", number, (), (words,) if words else ()))
    for element in _RESPONSIBLE(tree):
        if local_name(element) == "respStmt":
            role = "; ".join(filter(None, (_words(r) for r in element if local_name(r) == "resp")))
            names = tuple(filter(None, (_words(n) for n in element if local_name(n) != "resp" and isinstance(n.tag, str))))
        else:
            role = element.get("role", "").strip() or local_name(element)
            names = (_words(element),) if _words(element) else ()
        if names:
            found.append(Statement("responsibility", role, names, ()))
    for availability in _AVAILABILITY(tree):
        licences = [child for child in availability if local_name(child) == "licence"]
        for licence in licences or [availability]:
            paragraphs = _paragraphs(licence)
            target = licence.get("target", "").strip() if licence is not availability else ""
            status = availability.get("status", "").strip()
            if paragraphs or target:
                found.append(Statement("licence", target, (status,) if status else (), paragraphs))
    for publication in _PUBLICATION(tree):
        publisher = tuple(filter(None, (_words(p) for p in publication if local_name(p) in ("publisher", "distributor", "authority"))))
        dates = [p for p in publication if local_name(p) == "date"]
        date = (dates[0].get("when") or _words(dates[0])) if dates else ""
        if publisher or date:
            found.append(Statement("published", date.strip(), publisher, ()))
    changes = [change.get("when", "").strip() for change in _CHANGES(tree)]
    if any(changes):
        found.append(Statement("revised", max(filter(None, changes)), (), ()))
    return [statement for statement in found if statement.paragraphs or statement.names or statement.label]


def _paragraphs(element: etree._Element) -> tuple[str, ...]:
    """An element's prose, a paragraph at a time: its ``p`` (a sub-declaration's, like
    editorialDecl/correction, headed by its name), or its own words when it has none."""
    paragraphs = []
    for p in element.iter(qn("tei:p")):
        parent = p.getparent()
        heading = "" if parent is element else local_name(parent).capitalize() + ": "
        words = _words(p)
        if words:
            paragraphs.append(heading + words)
    if not paragraphs and _words(element):
        paragraphs.append(_words(element))
    return tuple(paragraphs)


def _words(element: etree._Element) -> str:
    """An element's words; a pointer (``ptr``) reads as what it points at, a comment or processing
    instruction as nothing."""

    def text(node: etree._Element) -> list[str]:
        if not isinstance(node.tag, str):
            return []
        if local_name(node) == "ptr":
            return [" ".join(t.lstrip("#") for t in node.get("target", "").split())]
        parts = [node.text or ""]
        for child in node:
            parts += text(child) + [child.tail or ""]
        return parts

    return normalize_space("".join(text(element)))


def _title_element(tree) -> etree._Element | None:
    titles = _TITLES(tree)
    for predicate in (lambda t: t.get("level") == "a", lambda t: not t.get("type") and t.get("level") != "s",
                      lambda t: True):
        for title in titles:
            if predicate(title) and normalize_space("".join(title.itertext())):
                return title
    return None


_CORRESP_DESC = xpath("/tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc")
CORRESP_ACTIONS = xpath("/tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction")
_XML_IDS = xpath("//@xml:id")
CORRESPONDENCE_ANCHOR = "correspondence"
CORRESPONDENCE_LABELS = {
    "sent": ("Sender", "Sent from", "Sent on"), "received": ("Addressee", "Received at", "Received on"),
    "transmitted": ("Transmitted by", "Transmitted at", "Transmitted on"),
    "redirected": ("Redirected to", "Redirected at", "Redirected on"),
    "forwarded": ("Forwarded to", "Forwarded at", "Forwarded on"),
}
"""A letter's ``correspAction/@type`` -> the labels of its persons, places and dates on the page."""
_OTHER_ACTION = ("Correspondent", "Place", "Date")  # the labels of an action of another type
_WHO = ("persName", "orgName", "name")  # the elements naming a person or body (a correspondent, an editor)
_DATING = ("when", "from", "to", "notBefore", "notAfter")  # a date's attributes the page and the data keep


def _correspondence(tree) -> list[tuple[str, str]]:
    """Who sent the letter, from where and when, and who received it (``correspDesc``), as
    (label, text) pairs: ``Sender: Kraus, Karl``, ``Sent from: Wien``, ``Sent on: 31. 10. 1892``."""
    fields = []
    for action in CORRESP_ACTIONS(tree):
        kinds = (_WHO, ("placeName",), ("date",))
        for position, names in enumerate(kinds):
            values = [normalize_space("".join(e.itertext())) or dates.label(
                {k: e.get(k) for k in _DATING if e.get(k)})
                for e in action if local_name(e) in names]
            if any(values):
                fields.append((corresp_label(action, position), "; ".join(v for v in values if v)))
    return fields


def correspondence_block(tree) -> CorrespondenceBlock | None:
    """A letter's correspondence as the top of its page shows it, and the block's HTML id: the
    ``correspDesc``'s own ``xml:id``, else ``correspondence`` (``correspondence_`` when a
    passage of the letter has that id). None for a text that is no letter."""
    described = _CORRESP_DESC(tree)
    fields = _correspondence(tree)
    if not described or not fields:
        return None
    written = described[0].get(XML_ID)
    anchor = html_id(written) if written else CORRESPONDENCE_ANCHOR
    if not written:
        taken = set(map(str, _XML_IDS(tree)))
        while anchor in taken:
            anchor += "_"
    return CorrespondenceBlock(anchor, tuple(fields))


def correspondence(tree) -> list[CorrespAction]:
    """A letter's ``correspDesc`` as data (empty for a text that is no letter)."""
    found = []
    for action in CORRESP_ACTIONS(tree):
        named = [(local_name(e), normalize_space("".join(e.itertext())), tuple(entry_references(e)))
                 for e in action if isinstance(e.tag, str)]
        dated = [tuple((a, e.get(a).strip()) for a in _DATING if e.get(a))
                 for e in action if isinstance(e.tag, str) and local_name(e) == "date"]
        found.append(CorrespAction(action.get("type", ""),
                                   tuple(n for n in named if n[0] in _WHO),
                                   tuple(n for n in named if n[0] == "placeName"), tuple(d for d in dated if d)))
    return found


def corresp_label(action, position: int) -> str:
    """The label of an action's persons (0), places (1) or dates (2) on the page."""
    return CORRESPONDENCE_LABELS.get(action.get("type", ""), _OTHER_ACTION)[position]


def _header(tree) -> list[tuple[str, str]]:
    """The source description as (label, text) pairs, for the top of the reading page. Comments and
    processing instructions in the header are not text (an editor's note to self inside a bibl)."""
    fields: list[tuple[str, str]] = []  # a letter's correspondence comes first, as a block of its own
    for child in _SOURCE_DESC(tree):
        name = local_name(child)
        if name == "bibl" or name == "biblStruct":
            for part in child:
                label = _BIBL_LABELS.get(local_name(part))
                if label:
                    value = normalize_space("".join(part.itertext()))
                    if value:
                        fields.append((label, value))
        elif name in ("listWit", "msDesc"):
            for identifier in child.iter(qn("tei:msIdentifier")):
                fields.append(("Manuscript", ", ".join(
                    normalize_space("".join(p.itertext())) for p in identifier if isinstance(p.tag, str))))
        else:
            value = normalize_space("".join(child.itertext()))
            if value:
                fields.append(("Source", value[:400]))
    for resp in _RESP(tree):
        names = [c for c in resp if local_name(c) in _WHO]
        if names and local_name(resp) in ("author", "editor"):  # the names, not the authority ids beside them
            value = "; ".join(normalize_space(" ".join(n.itertext())) for n in names)
        elif local_name(resp) in ("author", "editor"):
            value = normalize_space(" ".join(resp.xpath("text() | *[not(self::tei:idno)]//text()",
                                                        namespaces={"tei": TEI_NS})))
        else:
            value = normalize_space(" ".join(resp.itertext()))
        if value:
            fields.append(({"author": "Author", "editor": "Editor"}.get(local_name(resp), "Responsibility"), value))
    licence = normalize_space(_LICENCE(tree))
    if licence:
        fields.append(("Licence", licence[:300]))
    return fields
