"""The letters: an index of the edition's letters (texts with a ``correspDesc``) by correspondent and
by year, and the same letters' metadata as a CMIF file (``cmif.xml``, the Correspondence Metadata
Interchange Format that correspSearch harvests). An edition without letters gets neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.caching import digest
from edition.diagnostics import Diagnostic, warning
from edition.registers import Entry
from edition.site import dates
from edition.site.collect import Collected, CorrespAction, DocData
from edition.site.names import display_name
from edition.site.pages.about import build_date
from edition.site.pages.build import Build, PageKind, and_list
from edition.site.urls import external_url
from edition.tei import TEI_NS, XML_ID, qn

URL = "letters.html"
CMIF = "cmif.xml"
STYLESHEET = "static/letters.css"
UNDATED = "Undated"


@dataclass(frozen=True)
class Party:
    """A sender, addressee or place as a letter names it, and the register entry it points at."""
    name: str
    entry: Entry | None

    @property
    def label(self) -> str:
        return display_name(self.entry) if self.entry else self.name  # surname first, as the index is sorted

    @property
    def sort_key(self) -> str:
        return self.entry.sort_key if self.entry else self.name.casefold()

    @property
    def identity(self) -> str:
        """One correspondent however the letters spell them: its entry, else its name."""
        return f"#{self.entry.id}" if self.entry else self.name


@dataclass
class Letter:
    doc: DocData
    date: dict  # the date it was sent (else any date of its correspDesc): normalised attributes
    senders: list[Party]
    addressees: list[Party]
    sent_from: list[Party]
    received_at: list[Party]

    @property
    def date_label(self) -> str:
        return dates.label(self.date)

    @property
    def year(self) -> str:
        span = dates.years(self.date)
        return str(span[0]) if span else UNDATED

    @property
    def sort_key(self) -> tuple:
        return (dates.sort_key(self.date) if self.date else (10**6,), self.doc.title)


@dataclass
class Correspondent:
    party: Party
    letters: list[Letter] = field(default_factory=list)


@dataclass
class LettersView:
    letters: list[Letter]  # in time order, undated last
    correspondents: list[Correspondent]  # by name
    years: list[tuple[str, list[Letter]]]


def _parties(collected: Collected, named: tuple, doc: DocData) -> list[Party]:
    return [Party(name, next(filter(None, (collected.entry(reference, doc.path) for reference in references)), None))
            for _, name, references in named]


def _letter(collected: Collected, doc: DocData) -> Letter:
    actions: list[CorrespAction] = doc.correspondence
    sent = [a for a in actions if a.type == "sent"]
    other = [a for a in actions if a.type != "sent"]
    date = next((dict(d) for a in [*sent, *other] for d in a.dates if dates.kind(dict(d)) != "none"), {})
    received = [a for a in actions if a.type == "received"]
    return Letter(doc, date, [p for a in sent for p in _parties(collected, a.persons, doc)],
                  [p for a in received for p in _parties(collected, a.persons, doc)],
                  [p for a in sent for p in _parties(collected, a.places, doc)],
                  [p for a in received for p in _parties(collected, a.places, doc)])


def letters_view(collected: Collected) -> LettersView | None:
    letters = sorted((_letter(collected, doc) for doc in collected.ordered_docs() if doc.is_letter),
                     key=lambda letter: letter.sort_key)
    if not letters:
        return None
    by_party: dict[str, Correspondent] = {}
    for letter in letters:
        for party in letter.senders + letter.addressees:
            found = by_party.setdefault(party.identity, Correspondent(party))
            if not found.letters or found.letters[-1] is not letter:  # a letter to oneself once
                found.letters.append(letter)
    years: dict[str, list[Letter]] = {}
    for letter in letters:
        years.setdefault(letter.year, []).append(letter)
    return LettersView(letters, sorted(by_party.values(), key=lambda c: c.party.sort_key), list(years.items()))


class Letters(PageKind):
    def navigation(self, collected: Collected) -> list[tuple[str, str]]:
        return [(URL, "Letters")] if any(doc.is_letter for doc in collected.docs.values()) else []

    def write(self, build: Build) -> None:
        view = letters_view(build.collected)
        if view is None:
            return
        shown = [(letter.doc.id, letter.doc.title, letter.doc.title_lang, letter.doc.url, letter.date,
                  [[(p.label, p.identity) for p in parties] for parties in
                   (letter.senders, letter.addressees, letter.sent_from, letter.received_at)])
                 for letter in view.letters]
        key = digest("letters", build.title, shown) if build.cache.enabled else None
        build.draw(STYLESHEET, "letters.css")
        if not build.reuse(URL, key):
            build.write(URL, "letters.html", letters=view)
        write_cmif(build, view)


# -- CMIF --------------------------------------------------------------------------------------------
def authority(party: Party, references: tuple[str, ...]) -> str | None:
    """The address of a person or place in an authority file (GND, VIAF, Wikidata, GeoNames): a
    pointer that is already one, else the first such ``idno`` of its register entry."""
    for candidate in (*references, *(value for _, value in (party.entry.idnos if party.entry else []))):
        url = external_url(candidate)
        if url and url.startswith(("http://", "https://")):
            return url
    return None


@dataclass(frozen=True)
class Licence:
    """The CMIF file's licence: its words and, when known, its address (``licence/@target``)."""
    text: str
    target: str | None = None


@dataclass(frozen=True)
class Publication:
    """What the CMIF file says of itself (correspSearch harvests a file only with a licence and an
    editor): from edition.toml, else from what the letters' headers state; never invented.
    ``unknown`` says why a licence is missing (several stated, or none)."""
    licence: Licence | None
    editors: tuple[str, ...]
    unknown: str = ""


_CREATIVE_COMMONS = re.compile(r"(?i)cc[- ](by(?:[- ](?:nc|sa|nd))*)[- ](\d\.\d)")


def licence_address(licence: str) -> str | None:
    """The address of a licence named by its address or by its SPDX identifier (``CC-BY-4.0``,
    ``CC0-1.0``); None for any other name (nothing is guessed)."""
    licence = licence.strip()
    if licence.startswith(("http://", "https://")):
        return licence
    if re.fullmatch(r"(?i)cc0[- ]1\.0", licence):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    found = _CREATIVE_COMMONS.fullmatch(licence)
    if found:
        return f"https://creativecommons.org/licenses/{found[1].lower().replace(' ', '-')}/{found[2]}/"
    return None


def publication(collected: Collected, view: LettersView) -> Publication:
    """The licence and editors of the CMIF file: the edition's (``edition.licence``,
    ``edition.editors``), else those the letters' headers state (``availability/licence``, an
    ``editor``): a licence only when they all state the same one."""
    stated = [statement for letter in view.letters for statement in letter.doc.statements]
    editors = tuple(collected.editors) or tuple(dict.fromkeys(
        name for statement in stated if statement.kind == "responsibility"
        and statement.label.casefold().startswith("edit") for name in statement.names))
    if collected.licence:
        return Publication(Licence(collected.licence, licence_address(collected.licence)), editors)
    licences = list(dict.fromkeys(
        Licence(" ".join(statement.paragraphs) or statement.label,
                statement.label or licence_address(" ".join(statement.paragraphs)))
        for statement in stated if statement.kind == "licence"))
    if len(licences) == 1:
        return Publication(licences[0], editors)
    return Publication(None, editors, f"the letters' headers state {len(licences)} different licences"
                       if licences else "neither edition.toml nor the letters' headers state a licence")


def missing_warning(published: Publication, base_url: str) -> Diagnostic | None:
    """One warning when correspSearch would refuse the CMIF file: what it lacks, which keys to set."""
    keys = {"licence": 'edition.licence (e.g. licence = "CC-BY-4.0"; correspSearch takes CC-BY-4.0 or CC0-1.0)',
            "editor": 'edition.editors (e.g. editors = ["Your Name"], the contact for the letters\' metadata)',
            "address": "edition.base_url (where the site will be published: the file's and the letters' addresses)"}
    missing = [what for what, known in zip(keys, (published.licence, published.editors, base_url)) if not known]
    if not missing:
        return None
    return warning(CMIF, 0, 0, "cmif-incomplete",
                   f"{CMIF} has {and_list(f'no {what}' for what in missing)}: correspSearch will "
                   "not accept it" + (f" ({published.unknown})" if published.licence is None else ""),
                   hint="set in edition.toml " + "; ".join(keys[what] for what in missing))


def letter_address(base_url: str, doc: DocData) -> str:
    """The letter's page: absolute under the configured base URL, else relative to the site."""
    return f"{base_url.rstrip('/')}/{doc.url}" if base_url else doc.url


def cmif_tree(collected: Collected, view: LettersView, title: str, built: str,
              published: Publication) -> etree._ElementTree:
    base_url = collected.base_url
    root = etree.Element(qn("tei:TEI"), nsmap={None: TEI_NS})
    header = etree.SubElement(root, qn("tei:teiHeader"))
    file_desc = etree.SubElement(header, qn("tei:fileDesc"))
    title_statement = etree.SubElement(file_desc, qn("tei:titleStmt"))
    etree.SubElement(title_statement, qn("tei:title")).text = f"{title}: letters"
    for editor in published.editors:
        etree.SubElement(title_statement, qn("tei:editor")).text = editor
    statement = etree.SubElement(file_desc, qn("tei:publicationStmt"))
    etree.SubElement(statement, qn("tei:publisher")).text = title
    if base_url:
        etree.SubElement(statement, qn("tei:idno"), type="url").text = f"{base_url.rstrip('/')}/{CMIF}"
    etree.SubElement(statement, qn("tei:date"), when=built)
    if published.licence:
        licence = etree.SubElement(etree.SubElement(statement, qn("tei:availability")), qn("tei:licence"))
        licence.text = published.licence.text
        if published.licence.target:
            licence.set("target", published.licence.target)
    source = etree.SubElement(etree.SubElement(file_desc, qn("tei:sourceDesc")), qn("tei:bibl"), type="online")
    source.set(XML_ID, "edition")
    source.text = title
    if base_url:
        etree.SubElement(source, qn("tei:ref"), target=base_url).text = base_url
    profile = etree.SubElement(header, qn("tei:profileDesc"))
    for letter in view.letters:
        described = etree.SubElement(profile, qn("tei:correspDesc"), ref=letter_address(base_url, letter.doc),
                                     source="#edition")
        for action in letter.doc.correspondence:
            element = etree.SubElement(described, qn("tei:correspAction"))
            if action.type:
                element.set("type", action.type)
            for named in (*action.persons, *action.places):
                name, text, references = named
                party = _parties(collected, (named,), letter.doc)[0]
                child = etree.SubElement(element, qn(f"tei:{name}"))
                child.text = text or party.label
                address = authority(party, references)
                if address:
                    child.set("ref", address)
            for attributes in action.dates:
                etree.SubElement(element, qn("tei:date"), dict(attributes))
    etree.SubElement(etree.SubElement(etree.SubElement(root, qn("tei:text")), qn("tei:body")), qn("tei:p"))
    return etree.ElementTree(root)


def write_cmif(build: Build, view: LettersView) -> None:
    """``cmif.xml`` beside the pages (in the new site's folder, put in place whole with it); a
    warning when correspSearch would refuse it (no licence or no editor is known)."""
    published = publication(build.collected, view)
    problem = missing_warning(published, build.collected.base_url)
    if problem:
        build.diagnostics.append(problem)
    tree = cmif_tree(build.collected, view, build.title, build_date(), published)
    tree.write(str(build.root / CMIF), xml_declaration=True, encoding="UTF-8", pretty_print=True)
