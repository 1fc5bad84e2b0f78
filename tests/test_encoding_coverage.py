"""Second reading of the encoded texts: what the encoders may have missed, proven mention by mention.

* every register name form of the text's language, and every form the text tags elsewhere, found
  in untagged text is a miss (English and Italian: exact, word-bounded; Russian: by pymorphy3
  lemma, so inflected forms count), unless the allowlist below says why it is not a mention;
* every ``@ref`` of a name points at an entry of its kind, and the name is one of the entry's forms;
* every ``date`` has exactly one kind of value (``@when``, ``@from``/``@to``, ``@notBefore``/``@notAfter``),
  in ISO form and in order, and no year or day of the month is left outside a ``date``;
* every translation note gives the Russian in ``foreign xml:lang="ru"`` and follows its ``seg``;
* ``@corresp`` links go both ways, across the whole edition.

Runs on every ``tei/texts/*.xml``, present and future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

from edition.entities import BY_NAME_ELEMENT, ENTITY_KINDS
from edition.registers import Registers, load_registers, normalize_space
from edition.tei import XML_ID, local_name, qn, xpath
from edition.textview import source_reading
from edition.xmlio import read_xml

TEI = Path(__file__).resolve().parents[1] / "tei"
TEXTS = sorted((TEI / "texts").glob("*.xml"))

NOT_UNTAGGED = {"persName", "placeName", "orgName", "rs", "note", "title", "teiHeader"}
"""Text inside these is either a mention already or not the text's own prose."""

# Untagged occurrences of a register form that are not mentions, with the reason.
# Key: (document id, nearest ancestor xml:id or None for anywhere in the text, form as matched).
ALLOWLIST: dict[tuple[str, str | None, str], str] = {
    # -- 001 expulsion (en) --
    ("expulsion", "expulsion-s45", "Bolsheviks"): "“become Bolsheviks”: party members (persons), not the party",
    ("expulsion", "expulsion-p19", "Bolsheviks"): "“having barely become Bolsheviks”: party members, not the party",
    ("expulsion", "expulsion-p20", "Bolsheviks"): "“no real Bolsheviks”: party members, not the party",
    ("expulsion", "expulsion-p93", "Bolsheviks"): "“old Bolsheviks”: the veterans of the party, not the party",
    ("expulsion", "expulsion-p85", "USSR"): "inside the title of a linked article (“Grain procurement in the USSR”)",
    # -- 002 struggle (it) --
    ("struggle", "struggle-p25", "Lenin"): "“Settimana di Lenin”, a recruitment campaign named after Lenin",
}

_DOCUMENT_ID = xpath("string(/tei:TEI/@xml:id)")
_DATES = xpath("//tei:date")
_TRANSLATION_NOTES = xpath("//tei:note[@type='translation']")
_RU_FOREIGN = xpath("boolean(.//tei:foreign[@xml:lang='ru'])")
_CORRESP = xpath("//*[@corresp]")
_MENTIONS = xpath(" | ".join([*(f"//tei:{kind.name_element}[@ref]" for kind in ENTITY_KINDS), "//tei:rs[@ref]"]))
_OWN_NAMES = xpath(" | ".join(f"//tei:text//tei:{kind.name_element}" for kind in ENTITY_KINDS))
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Text:
    path: Path
    tree: object

    @property
    def id(self) -> str:
        return _DOCUMENT_ID(self.tree)

    @property
    def lang(self) -> str:
        return self.tree.getroot().get(qn("xml:lang"), "")


@lru_cache(maxsize=None)
def registers() -> Registers:
    return load_registers(TEI / "registers")


@lru_cache(maxsize=None)
def text(path: Path) -> Text:
    return Text(path, read_xml(path))


def nearest_id(element) -> str | None:
    for candidate in (element, *element.iterancestors()):
        if candidate.get(XML_ID):
            return candidate.get(XML_ID)
    return None


def where(element) -> str:
    """``file:line (nearest id)`` of an element."""
    return f"{Path(element.getroottree().docinfo.URL or '').name}:{element.sourceline} ({nearest_id(element)})"


def untagged_text(tree):
    """(text, its line, the element it is in) for every text node outside names, notes, titles."""
    for element in tree.getroot().iter():
        inside = {local_name(a) for a in element.iterancestors()}
        if isinstance(element.tag, str) and element.text and not ({local_name(element)} | inside) & NOT_UNTAGGED:
            yield element.text, element.sourceline, element
        if element.tail and not inside & NOT_UNTAGGED:
            yield element.tail, element.sourceline, element.getparent()


# ---------------------------------------------------------------- name forms


def forms_of(entries, lang: str) -> set[str]:
    """Every name form of the language, and the surname of structured names alone."""
    forms = set()
    for entry in entries:
        for name in entry.names_in(lang):
            forms.add(name.text)
            if name.surname:
                forms.add(name.surname)
    return {f for f in forms if f}


@lru_cache(maxsize=None)
def morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


FUNCTION_WORDS = {"NPRO", "Apro", "PREP", "CONJ", "PRCL", "INTJ"}
"""Readings that are never a name: "Тем" (тот) is not the surname Тот."""


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    return frozenset(p.normal_form for p in morph().parse(word) if not p.tag.grammemes & FUNCTION_WORDS)


def same_word(form_word: str, word: str) -> bool:
    """A word of a Russian form and a word of the text: same lemma, same capitalisation."""
    if form_word.isupper() and len(form_word) > 1:  # abbreviations (ЦК, ОГПУ) are not declined here
        return word == form_word
    if form_word[0].isupper() != word[0].isupper():
        return False
    return word == form_word or bool(lemmas(form_word) & lemmas(word))


def russian_hits(content: str, forms: set[str]):
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(content)]
    patterns = sorted({tuple(_WORD.findall(f)) for f in forms if _WORD.search(f)}, key=len, reverse=True)
    taken = set()
    for pattern in patterns:
        for i in range(len(words) - len(pattern) + 1):
            span = range(i, i + len(pattern))
            if taken & set(span):
                continue
            if all(same_word(p, words[i + k][0]) for k, p in enumerate(pattern)):
                taken |= set(span)
                yield content[words[i][1]:words[i + len(pattern) - 1][2]]


def exact_hits(content: str, forms: set[str]):
    """Word-bounded, case-sensitive; longest forms first, no overlaps ("Trotsky's" matches "Trotsky")."""
    taken: list[range] = []
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", content):
            if any(match.start() in r or match.end() - 1 in r for r in taken):
                continue
            taken.append(range(match.start(), match.end()))
            yield match.group()


def searched_forms(doc: Text) -> set[str]:
    """The register's forms in the text's language, and every form the text tags somewhere."""
    tagged = {normalize_space("".join(name.itertext())) for name in _OWN_NAMES(doc.tree)}
    return forms_of(registers().entries.values(), doc.lang) | tagged


@lru_cache(maxsize=None)
def untagged_occurrences(doc: Text) -> list[tuple]:
    """(form, line, element) of every name form found in untagged text (once a text: two tests ask)."""
    forms = searched_forms(doc)
    hits = russian_hits if doc.lang == "ru" else exact_hits
    return [(found, line, element) for content, line, element in untagged_text(doc.tree)
            for found in hits(content, forms)]


def missed_mentions(doc: Text) -> list[str]:
    misses = []
    for found, line, element in untagged_occurrences(doc):
            if (doc.id, None, found) in ALLOWLIST or (doc.id, nearest_id(element), found) in ALLOWLIST:
                continue
            misses.append(f"{doc.path.name}:{line} ({nearest_id(element)}): {found!r}")
    return misses


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_register_name_form_in_the_text_is_tagged(path: Path):
    misses = missed_mentions(text(path))
    assert not misses, f"{len(misses)} untagged name forms:\n" + "\n".join(misses)


def test_allowlist_entries_are_still_needed():
    """An allowlist entry nobody matches any more hides nothing: remove it."""
    used = set()
    for path in TEXTS:
        doc = text(path)
        for found, _, element in untagged_occurrences(doc):
            used |= {(doc.id, None, found), (doc.id, nearest_id(element), found)}
    assert not set(ALLOWLIST) - used, f"unused allowlist entries: {sorted(set(ALLOWLIST) - used, key=str)}"


def test_the_matchers_find_inflected_possessive_and_multiword_forms_only():
    russian = {"Троцкий", "Алма-Ата", "ЦК", "Тот"}
    found = russian_hits("Тем временем Троцкого выслали в Алма-Ату; ЦК и цк, троцкисты.", russian)
    assert sorted(found) == ["Алма-Ату", "Троцкого", "ЦК"]
    english = {"Trotsky", "Leon Trotsky", "USSR"}
    found = exact_hits("Leon Trotsky's exile from the USSR; Trotskyists; Trotsky.", english)
    assert sorted(found) == ["Leon Trotsky", "Trotsky", "USSR"]
    calendar = CALENDAR.findall("On January 18, 1929, 1,500 dollars; 17 ноября 1927; il 7 novembre; 100mila")
    assert calendar == ["January 18", "1929", "17 ноябр", "1927", "7 novembre"]


def is_form(reading: str, forms: set[str], lang: str) -> bool:
    """A mention's whole reading is one of the forms (Russian: declined; English, Italian: possessive)."""
    if lang == "ru":
        words = _WORD.findall(reading)
        return any(len(f) == len(words) and all(map(same_word, f, words)) for f in map(_WORD.findall, forms))
    return reading in forms or re.sub(r"['’]s$", "", reading) in forms


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_tagged_name_is_a_register_form_of_its_entry(path: Path):
    """The registers hold every form the texts use, in the text's language (the tagger learns from them)."""
    doc, unknown = text(path), []
    for mention in _MENTIONS(doc.tree):
        entry = registers().get(mention.get("ref").split()[0])
        reading = normalize_space(source_reading(mention))
        if local_name(mention) != "rs" and entry and not is_form(reading, forms_of([entry], doc.lang), doc.lang):
            unknown.append(f"{where(mention)}: {reading!r} is no {doc.lang} form of {entry.id}")
    assert not unknown, f"{len(unknown)} forms missing from the registers:\n" + "\n".join(unknown)


# ---------------------------------------------------------------- pointers, dates, notes, links


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_ref_points_at_an_entry_of_its_kind(path: Path):
    wrong = []
    for mention in _MENTIONS(text(path).tree):
        for reference in mention.get("ref").split():
            entry = registers().get(reference)
            expected = BY_NAME_ELEMENT.get(local_name(mention))
            if entry is None:
                wrong.append(f"{where(mention)}: {reference} is in no register")
            elif expected and entry.kind != expected.name:
                wrong.append(f"{where(mention)}: {local_name(mention)} points at {entry.kind} {reference}")
    assert not wrong, "\n".join(wrong)


DATE_VALUES = (("when",), ("from", "to"), ("notBefore", "notAfter"))


ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_date_has_exactly_one_kind_of_value(path: Path):
    wrong = []
    for date in _DATES(text(path).tree):
        kinds = [group for group in DATE_VALUES if any(date.get(a) for a in group)]
        values = [date.get(a) for group in kinds for a in group if date.get(a)]
        start, end = (date.get("from") or date.get("notBefore")), (date.get("to") or date.get("notAfter"))
        if len(kinds) != 1 or not all(ISO_DATE.fullmatch(v) for v in values) or (start and end and start > end):
            wrong.append(f"{where(date)}: {dict(date.attrib)} {''.join(date.itertext())!r}")
    assert not wrong, "\n".join(wrong)


MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|"
          "январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр")
CALENDAR = re.compile(rf"(?<![\d.,])(?:1[89]\d\d|20[0-2]\d)(?![\d.,]?\d)|\b\d{{1,2}}\s+(?:{MONTHS})|\b(?:{MONTHS})\w*\s+\d{{1,2}}\b")
"""A year, or a day with its month: what a calendar expression cannot do without."""


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_year_and_day_of_the_month_is_a_date(path: Path):
    doc, undated = text(path), []
    for content, line, element in untagged_text(doc.tree):
        if local_name(element) == "date" or any(local_name(a) == "date" for a in element.iterancestors()):
            continue
        undated += [f"{doc.path.name}:{line} ({nearest_id(element)}): {m.group()!r}" for m in CALENDAR.finditer(content)]
    assert not undated, f"{len(undated)} calendar expressions outside date:\n" + "\n".join(undated)


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_translation_note_gives_the_russian_and_follows_its_seg(path: Path):
    wrong = []
    for note in _TRANSLATION_NOTES(text(path).tree):
        if not _RU_FOREIGN(note):
            wrong.append(f"{where(note)}: no foreign xml:lang='ru'")
        target = (note.get("target") or "").lstrip("#")
        seg = note.getprevious()
        if seg is None or local_name(seg) != "seg" or seg.get(XML_ID) != target or (seg.tail or "").strip():
            wrong.append(f"{where(note)}: does not directly follow seg {target!r}")
    assert not wrong, "\n".join(wrong)


def test_corresp_links_go_both_ways():
    links: dict[str, set[str]] = {}
    places: dict[str, str] = {}
    for path in TEXTS:
        for element in _CORRESP(text(path).tree):
            source = element.get(XML_ID) or f"(no xml:id at {where(element)})"
            places[source] = where(element)
            links.setdefault(source, set()).update(t.lstrip("#") for t in element.get("corresp").split())
    one_way = [f"{places[a]}: {a} -> {b}, but {b} does not point back"
               for a, targets in sorted(links.items()) for b in sorted(targets) if a not in links.get(b, ())]
    assert not one_way, f"{len(one_way)} one-way links:\n" + "\n".join(one_way)
