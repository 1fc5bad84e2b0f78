"""Plain text -> a complete TEI document of the edition, with the tagger's mentions inline."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from edition.project import EDITION_RNG, EDITION_SCH
from edition.tagger.model import Mention
from edition.tei import TEI_NS, XML_ID, XML_LANG, qn

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "it": "Italian"}
_SENTENCE_END = re.compile(r"[.!?…:;,»\"”)]\s*$")


def paragraphs(text: str) -> list[str]:
    """One paragraph per non-empty line; blank lines are ignored."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def is_heading(line: str) -> bool:
    """A short line with letters that does not end like a sentence."""
    words = line.split()
    return (0 < len(words) <= 14 and len(line) <= 120 and any(c.isalpha() for c in line)
            and not _SENTENCE_END.search(line) and not line.endswith("…"))


def document_id(stem: str) -> str:
    """An NCName from the file name: lowercase ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "text"
    return slug if slug[0].isalpha() else f"text-{slug}"


def wrap(parent: etree._Element, mentions: list[Mention], child: etree._Element | None = None,
         offset: int = 0) -> dict[str, int]:
    """Wrap mentions in ``parent.text`` (``child`` None) or in ``child.tail``; counts per element.

    ``offset`` is where that string starts in the text the mentions' offsets refer to.
    """
    text = (parent.text if child is None else child.tail) or ""
    counts: dict[str, int] = {}
    pieces: list[etree._Element] = []
    cursor = 0
    head = None
    for mention in sorted(mentions, key=lambda m: m.start):
        start, end = mention.start - offset, mention.end - offset
        if start < cursor or end > len(text):
            continue
        element = etree.Element(qn(f"tei:{mention.element}"), mention.tei_attributes())
        element.text = text[start:end]
        if pieces:
            pieces[-1].tail = text[cursor:start]
        else:
            head = text[cursor:start]
        pieces.append(element)
        cursor = end
        counts[mention.element] = counts.get(mention.element, 0) + 1
    if not pieces:
        return counts
    pieces[-1].tail = text[cursor:]
    if child is None:
        parent.text = head
        for index, piece in enumerate(pieces):
            parent.insert(index, piece)
    else:
        child.tail = head
        position = parent.index(child) + 1
        for index, piece in enumerate(pieces):
            parent.insert(position + index, piece)
    return counts


def build_document(lines: list[str], mentions: list[list[Mention]], *, lang: str, docid: str,
                   source_name: str, output: Path | None, licence: str | None = None) -> etree._ElementTree:
    """The TEI of a tagged plain text; ``licence`` (edition.licence) is stated only when given."""
    today = datetime.date.today().isoformat()
    title = next((line for line in lines if is_heading(line)), source_name)
    body = E.body()
    div = None
    divs = paragraphs_done = 0
    for line, found in zip(lines, mentions):
        if is_heading(line) or div is None:
            divs += 1
            div = E.div({XML_ID: f"{docid}-d{divs}"})
            div.text = "\n        "
            body.append(div)
            if is_heading(line):
                block = E.head(line)
                div.append(block)
                wrap(block, found)
                block.tail = "\n        "
                continue
        paragraphs_done += 1
        block = E.p({XML_ID: f"{docid}-p{paragraphs_done}"}, line)
        div.append(block)
        wrap(block, found)
        block.tail = "\n        "
    _nest_bare_headings(body, docid, paragraphs_done)
    for div in body.iter(qn("tei:div")):
        if len(div):
            div[-1].tail = "\n      "
        div.tail = "\n      "
    if len(body):
        body[-1].tail = "\n    "
    body.text = "\n      "
    header = E.teiHeader(
        E.fileDesc(
            E.titleStmt(E.title(title, type="main"),
                        E.respStmt(E.resp("first tagging"), E.name("tei-edition tagger"))),
            E.publicationStmt(E.publisher("tei-edition"), E.date(today, when=today),
                              *([E.availability(E.licence(licence))] if licence else [])),  # never one not chosen
            E.sourceDesc(E.bibl(E.title(title), E.idno(source_name, type="seed"),
                                E.note("Plain text, one paragraph per line.", type="source"),
                                E.textLang(LANGUAGE_NAMES[lang], mainLang=lang))),
        ),
        E.encodingDesc(E.editorialDecl(
            E.p("One source line is one p; short lines without final punctuation are taken as headings."),
            E.p("Persons, places, organisations and dates were tagged automatically from the registers; "
                "cert=\"low\" marks a guess between entries sharing a name. To be reviewed."))),
        E.profileDesc(E.langUsage(E.language(LANGUAGE_NAMES[lang], ident=lang))),
        E.revisionDesc(E.change("Tagged automatically by tei-edition tag.", when=today)),
    )
    _indent(header, 1)
    root = E.TEI({XML_ID: docid, XML_LANG: lang}, header, E.text(body))
    root.text = "\n  "
    header.tail = "\n  "
    root[-1].text = "\n    "
    body.tail = "\n  "
    root[-1].tail = "\n"
    tree = etree.ElementTree(root)
    base = (output.parent if output else Path.cwd()).resolve()
    for schema, namespace in ((EDITION_RNG, "http://relaxng.org/ns/structure/1.0"),
                              (EDITION_SCH, "http://purl.oclc.org/dsdl/schematron")):
        href = Path(os.path.relpath(schema, base)).as_posix()
        root.addprevious(etree.ProcessingInstruction(
            "xml-model", f'href="{href}" type="application/xml" schematypens="{namespace}"'))
    return tree


def _nest_bare_headings(body: etree._Element, docid: str, numbered: int) -> None:
    """A div needs more than its head: a heading followed by a heading opens a subdivision;
    a heading that ends the text is a paragraph."""
    divs = list(body)
    for div, following in zip(divs, divs[1:]):
        if len(div) == 1:
            div.append(following)
    last = divs[-1] if divs else None
    if last is not None and len(last) == 1 and last[0].tag == qn("tei:head"):
        numbered += 1
        last[0].tag = qn("tei:p")
        last[0].set(XML_ID, f"{docid}-p{numbered}")


def _indent(element: etree._Element, level: int) -> None:
    """Indent element-only content (the header); mixed content is never touched."""
    if len(element) and not (element.text or "").strip():
        element.text = "\n" + "  " * (level + 1)
        for child in element:
            _indent(child, level + 1)
            child.tail = "\n" + "  " * (level + 1)
        element[-1].tail = "\n" + "  " * level
