"""Names as readers look for them: folded, transliterated, surname first."""

from __future__ import annotations

import unicodedata
from functools import cache

from pyuca import Collator

from edition.registers import Entry

_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіѣѳѵ",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "c", "ch", "sh", "shch", "", "y", "", "e", "ju", "ja", "i", "e",
                      "f", "i"]))


@cache
def _collator() -> Collator:
    return Collator()  # the Unicode default table: slow to read, so once


_LEADING = " .,;:…«»\"'“”„‘’()[]-–—"


def collation_key(text: str) -> tuple:
    """Where ``text`` sorts for a reader (Unicode Collation Algorithm): ``Öberg`` beside ``Oakes``,
    not after ``Z``; ``Ёлкин`` after ``Ежов``; Latin before Cyrillic. Leading punctuation is skipped
    and ties are broken by the plain text, so the order is total and stable."""
    stripped = text.lstrip(_LEADING) or text
    return _collator().sort_key(stripped), text


SHOWN_NAME_TYPES = frozenset({"full", "historical", "pseudonym", "birth", "patronymic"})
"""Name types worth a word beside the form on an entry's page; "regular" and "variant" are what
every form is."""


def in_reading_order(entries: list[Entry]) -> list[Entry]:
    """Register entries as an index prints them: by the displayed name (surname first), collated."""
    return sorted(entries, key=lambda e: (collation_key(display_name(e)), e.id))


def folded(text: str) -> str:
    """Case- and accent-folded, for filters: ``Trockij`` and ``TROCKIJ`` and ``Tročkij`` match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def transliterated(text: str) -> str:
    """A scholarly transliteration of Cyrillic (Троцкий -> trockij), so Latin letters find it."""
    return "".join(_CYRILLIC.get(c, c) for c in text.casefold())


def filter_keys(entry: Entry) -> str:
    forms = {entry.id, *(n.text for n in entry.names)}
    keys = {folded(f) for f in forms} | {transliterated(f) for f in forms if f != transliterated(f)}
    return " | ".join(sorted(keys))


def display_name(entry: Entry) -> str:
    """``Trotsky, Leon`` for persons with a surname, else the regular label."""
    regular = entry.regular
    if entry.kind == "person" and regular.surname:
        return ", ".join(filter(None, [regular.surname, " ".join(regular.forenames)]))
    return entry.label


def initial(entry: Entry) -> str:
    letter = folded(display_name(entry)[:1]).upper()
    return letter if letter.isalpha() else "#"


def by_initial(terms: list[tuple[str, list]]) -> list[tuple[str, list[tuple[str, list]]]]:
    """Collated Russian terms in runs under their first letter (Ё with Е, as dictionaries do); a term that
    starts otherwise (a digit, a Roman numeral) goes under #, so no Latin X stands beside a Cyrillic Х."""
    groups: list[tuple[str, list]] = []
    for term, notes in terms:
        letter = folded(term.lstrip(_LEADING)[:1]).upper()
        letter = letter if "CYRILLIC" in unicodedata.name(letter, "") else "#"
        if not groups or groups[-1][0] != letter:
            groups.append((letter, []))
        groups[-1][1].append((term, notes))
    return groups
