"""The registers of persons, places and organisations, read once into plain data.

Works on this edition's registers (``standOff/listPerson`` …) and on foreign ones (lists in
``body``, names without ``@type``): an entry is any ``person``, ``personGrp``, ``place`` or ``org``
(``edition.entities``) with an ``xml:id``, wherever it sits in the document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.entities import BY_ENTRY_ELEMENT, ENTRY_ELEMENTS
from edition.pointers import authority_key, file_key, pointed_file, pointer_parts
from edition.project import xml_files
from edition.site.discover import is_text
from edition.tei import XML_ID, lang_of, local_name, qn, xpath
from edition.xmlio import UnreadableXML, read_xml


def entry_references(element) -> list[str]:
    """The register entries a name points at: each pointer of its @ref, else its @key taken whole
    (a key is one name, spaces and all: ``key="Zürich (Stadt)"``)."""
    ref = element.get("ref")
    if ref:
        return ref.split()
    key = (element.get("key") or "").strip()
    return [key] if key else []


ENTRIES = xpath(" | ".join(f"//tei:{element}[@xml:id]" for element in ENTRY_ELEMENTS))
"""Every register entry of a document, wherever it sits."""


def normalize_space(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Name:
    """One name form of an entry, with its parts when the register structures it."""

    text: str
    lang: str = ""
    type: str = ""
    forenames: tuple[str, ...] = ()
    surname: str = ""
    patronymic: str = ""
    dating: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Entry:
    id: str
    kind: str  # its EntityKind's name (edition.entities): "person" (for a personGrp too), "place", "org"
    names: list[Name]
    type: str = ""  # place/@type, org/@type, person/@sex
    birth: str = ""
    death: str = ""
    occupation: str = ""
    description: str = ""
    idnos: list[tuple[str, str]] = field(default_factory=list)
    geo: tuple[float, float] | None = None
    path: str = ""
    line: int = 0
    file_id: str = ""  # its id as its file writes it, when the registers scope it: "diener" of "ger01.diener"

    @property
    def regular(self) -> Name:
        """The regular name: ``@type="regular"``, else the first English one, else the first."""
        for name in self.names:
            if name.type == "regular":
                return name
        english = [n for n in self.names if n.lang == "en"]
        return (english or self.names or [Name(self.id)])[0]

    @property
    def label(self) -> str:
        return self.regular.text

    @property
    def sort_key(self) -> str:
        """Surname first for persons ("Trotsky, Leon"), else the label; case-folded."""
        regular = self.regular
        if regular.surname:
            return f"{regular.surname} {' '.join(regular.forenames)}".casefold()
        return self.label.casefold()

    def names_in(self, lang: str) -> list[Name]:
        return [n for n in self.names if n.lang == lang]


@dataclass
class Registers:
    entries: dict[str, Entry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _authorities: dict[str, Entry] | None = field(default=None, repr=False, compare=False)  # by_authority, until add
    _from_register_files: set[str] = field(default_factory=set, repr=False, compare=False)
    _located: dict[tuple[Path, str], str] = field(default_factory=dict, repr=False, compare=False)
    """(a file, an id it declares) -> the id of the entry: what ``file.xml#id`` names."""

    def add(self, entry: Entry, in_text: bool = False) -> None:
        """One entry as a file declares it; ``in_text``: the file is a text (a letter carrying copies
        of the entries it names in its ``back``), not a register file (a file whose job is the list).

        One entry per id: a register file's wins over the copies in texts, else the first read; it
        carries the authority ids (``idno``) of every copy too. Two register files naming one id
        differently are a conflict ``validate`` reports (``crossrefs``, register-conflict)."""
        known = self.entries.get(entry.id)
        if known is None:
            winner, other = entry, None
        elif not in_text and entry.id not in self._from_register_files:
            winner, other = entry, known
        else:
            winner, other = known, entry
        if other is not None:
            held = {authority_key(value) or value for _, value in winner.idnos}
            extra = [(kind, value) for kind, value in other.idnos if (authority_key(value) or value) not in held]
            if extra:  # a new Entry: the one given may be a cached record's
                winner = replace(winner, idnos=[*winner.idnos, *extra])
        self.entries[entry.id] = winner
        if entry.path:
            self._located.setdefault((file_key(Path(entry.path)), entry.file_id or entry.id), entry.id)
        if not in_text:
            self._from_register_files.add(entry.id)
        self._authorities = None

    def get(self, reference: str | None, base: Path | None = None) -> Entry | None:
        """The entry a pointer such as ``#trotsky`` names, or the entry whose ``idno`` is that
        authority URI (``https://d-nb.info/gnd/118540238``). ``persons.xml#trotsky`` in the document
        ``base`` names the entry that file declares (``pointers.pointed_file``: as ``validate`` reads
        it), scoped to it or not; without ``base``, the entry of that id."""
        if not reference:
            return None
        reference = reference.strip()
        authority = authority_key(reference)
        if authority is not None:
            return self.by_authority().get(authority)
        parts = pointer_parts(reference)
        if parts and parts[0] and base is not None:
            located = self._located.get((pointed_file(base, parts[0]), parts[1]))
            return self.entries.get(located) if located else None
        return self.entries.get(reference.rpartition("#")[2])

    def by_authority(self) -> dict[str, Entry]:
        """Each authority URI of an entry's ``idno`` -> the first entry holding it; built again
        after ``add``."""
        if self._authorities is None:
            self._authorities = {}
            for entry in self.entries.values():
                for _, value in entry.idnos:
                    key = authority_key(value)
                    if key is not None:
                        self._authorities.setdefault(key, entry)
        return self._authorities

    def counts(self) -> Counter[str]:
        """How many entries of each kind (a kind without entries has no register page in the navigation)."""
        return Counter(entry.kind for entry in self.entries.values())

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind), key=lambda e: e.sort_key)


def load_registers(folder: Path | None) -> Registers:
    """Every entry of every XML file under ``folder`` (nothing if it does not exist), one per id
    (``Registers.add``)."""
    registers = Registers()
    if folder is None or not Path(folder).is_dir():
        return registers
    for path in xml_files([Path(folder)]):
        try:
            tree = read_xml(path)
        except UnreadableXML as exc:
            registers.diagnostics.extend(exc.diagnostics)
            continue
        in_text = is_text(tree)
        for element in ENTRIES(tree):
            registers.add(entry_from_element(element, str(path)), in_text)
    return registers


def entry_from_element(element: etree._Element, path: str = "") -> Entry:
    kind = BY_ENTRY_ELEMENT[local_name(element)]
    # its kind's name element, or the generic name (a personGrp's <name>Volk</name> in DraCor)
    names = [_name(n) for n in element.iterchildren(qn(f"tei:{kind.name_element}"), qn("tei:name"))]
    return Entry(
        id=element.get(XML_ID),
        kind=kind.name,
        names=[n for n in names if n.text],
        type=element.get("type") or element.get("sex") or "",
        birth=_when(element.find(qn("tei:birth"))),
        death=_when(element.find(qn("tei:death"))),
        occupation=_text(element.find(qn("tei:occupation"))),
        description=_description(element),
        idnos=[(i.get("type", ""), _text(i)) for i in element.iterchildren(qn("tei:idno")) if _text(i)],
        geo=_geo(element.find(f"{qn('tei:location')}/{qn('tei:geo')}")),
        path=path,
        line=element.sourceline or 0,
    )


def _text(element) -> str:
    return normalize_space("".join(element.itertext())) if element is not None else ""


def _name(element: etree._Element) -> Name:
    def parts(tag: str, **attributes) -> list[str]:
        return [_text(p) for p in element.iter(qn(f"tei:{tag}"))
                if all(p.get(k) == v for k, v in attributes.items())]

    patronymic = parts("addName", type="patronymic")
    dating = {k: element.get(k) for k in ("when", "from", "to", "notBefore", "notAfter") if element.get(k)}
    return Name(
        text=_text(element),
        lang=lang_of(element),
        type=element.get("type", ""),
        forenames=tuple(parts("forename")),
        surname=" ".join(parts("surname")),
        patronymic=patronymic[0] if patronymic else "",
        dating=dating,
    )


def _when(element) -> str:
    if element is None:
        return ""
    for candidate in (element, element.find(qn("tei:date"))):  # <birth><date when=…> in foreign registers
        for attribute in ("when", "notBefore", "from", "when-iso"):
            if candidate is not None and candidate.get(attribute):
                return candidate.get(attribute)
    return _text(element)


def _description(element: etree._Element) -> str:
    for note in element.iterchildren(qn("tei:note")):
        if note.get("type") in (None, "description"):
            return _text(note)
    return ""


def _geo(element) -> tuple[float, float] | None:
    if element is None:
        return None
    try:
        values = _text(element).split()
        if len(values) != 2:  # "43.2, 76.9" rather than decimal commas ("48,2 16,3")
            values = _text(element).replace(",", " ").split()
        latitude, longitude = (float(v.replace(",", ".")) for v in values[:2])
    except ValueError:
        return None
    if -90 <= latitude <= 90 and -180 <= longitude <= 180:
        return latitude, longitude
    return None
