"""The registers compiled once into lookup tables over folded tokens.

* Persons: each word of each name form, in all its forms, points at ``(entry, role)`` with
  role surname, forename or patronymic. A mention is a run of such words (and initials) that
  share an entry (see ``names.py``), so every order and combination a text uses is found
  without listing it: "Лев Давидович", "Троцкий Л.Д.", "L.D. Trotsky", "Trotsky's".
* Places and organisations: a token trie over the name forms, each register word standing for
  all its inflected forms ("Красной площади" -> "красная площадь").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from edition.registers import Entry, Registers
from edition.tagger.morphology import analyzer, fold, is_cyrillic, romanisations, russian_forms
from edition.tagger.tokens import tokenize

SURNAME, FORENAME, PATRONYMIC = "surname", "forename", "patronymic"
END = ""  # the trie key that holds the entries a path ends with


@dataclass
class Gazetteer:
    person_parts: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    initials: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    """entry id -> (initial letters of its forenames, of its patronymics), folded."""
    surface_keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    trie: dict = field(default_factory=dict)
    dotted: set[str] = field(default_factory=set)
    """Abbreviated name forms whose dot belongs to them ("Tr.", "ZIN.")."""
    entries: dict[str, Entry] = field(default_factory=dict)

    def keys(self, surface: str) -> set[str]:
        folded = _key(surface)
        return self.surface_keys.get(folded) or {folded}

    def roles(self, surface: str) -> set[tuple[str, str]]:
        return self.person_parts.get(fold(surface), set())


def compile_gazetteer(registers: Registers) -> Gazetteer:
    gazetteer = Gazetteer(entries=dict(registers.entries))
    for entry in registers.entries.values():
        if entry.kind == "person":
            _add_person(gazetteer, entry)
            # Forms of several tokens are also matched as written ("Trotsky, Lev Davydovich", "IN E. Lenin").
            for name in entry.names:
                tokens = tokenize(name.text)
                if len(tokens) > 1 and tokens[-1].text != "." and any(t.kind == "word" for t in tokens):
                    _add_phrase(gazetteer, entry, name.text)
                elif len(tokens) == 2 and tokens[1].text == ".":
                    gazetteer.dotted.add(fold(tokens[0].text))
        else:
            for name in entry.names:
                _add_phrase(gazetteer, entry, name.text)
    gazetteer.person_parts = dict(gazetteer.person_parts)
    gazetteer.surface_keys = dict(gazetteer.surface_keys)
    return gazetteer


def _key(surface: str) -> str:
    """Folded, and initials without their spaces ("V. I." and "V.I." are one key)."""
    return fold(surface).replace(" ", "").replace("\u00a0", "")


def _sex(entry: Entry) -> str:
    value = entry.type.strip().upper()[:1]
    return {"1": "M", "2": "F"}.get(value, value if value in ("M", "F") else "")


def _person_parts(name, forenames: set[str]) -> list[tuple[str, str]]:
    """(word, role) pairs of a name form: from its structure, else from the words themselves.

    Unstructured forms: "Surname, Forename …" puts the surname first; a patronymic is known by
    morphology (Russian) or its ending; the entry's own forenames stay forenames ("Lev" alone is
    not a mention); of the rest, the last word is the surname.
    """
    if name.surname or name.forenames or name.patronymic:
        parts = [(w, FORENAME) for forename in name.forenames for w in forename.split()]
        parts += [(w, PATRONYMIC) for w in name.patronymic.split()]
        parts += [(w, SURNAME) for w in name.surname.split()]
        return parts
    head, comma, rest = name.text.partition(",")
    words = [t.text for t in tokenize(rest if comma else head) if t.kind == "word"]
    if len(words) > 1:  # "IV. Stalin", "LB Kamenev": initials, read as such in the text
        words = [w for w in words if not (w.isupper() and len(w) <= 3)] or words
    surnames = [t.text for t in tokenize(head) if t.kind == "word"] if comma else []
    roles = []
    if len(words) == 1 and not surnames:  # a form the text uses on its own ("Lev" for his son): a name alone
        return [(words[0], SURNAME)]
    for word in words:
        if _is_patronymic(word) and len(words) > 1:
            roles.append([word, PATRONYMIC])
        elif fold(word) in forenames:
            roles.append([word, FORENAME])
        else:
            roles.append([word, ""])
    open_roles = [r for r in roles if not r[1]]
    for index, role in enumerate(open_roles):
        role[1] = SURNAME if index == len(open_roles) - 1 and not surnames else FORENAME
    return [(w, SURNAME) for w in surnames] + [(w, r) for w, r in roles]


_PATRONYMIC_ENDING = ("ovich", "evich", "ovna", "evna", "ichna", "ovič", "evič", "ovic", "evic")


def _is_patronymic(word: str) -> bool:
    if is_cyrillic(word):
        return word.lower().endswith(("вич", "вна", "чна", "ич")) and any(
            "Patr" in p.tag for p in analyzer().parse(word))
    return word.lower().endswith(_PATRONYMIC_ENDING)


def _add_person(gazetteer: Gazetteer, entry: Entry) -> None:
    sex = _sex(entry)
    forenames = {fold(w) for name in entry.names for forename in name.forenames for w in forename.split()}
    forename_initials: set[str] = set()
    patronymic_initials: set[str] = set()
    for name in entry.names:
        for word, role in _person_parts(name, forenames):
            if not word[:1].isupper():  # particles (de, von) are not name parts to look for
                continue
            spellings = {word} | romanisations(word)
            forms = set()
            for spelling in spellings:
                forms |= russian_forms(spelling, role, sex) if is_cyrillic(spelling) else {fold(spelling)}
            for form in forms:
                gazetteer.person_parts[form].add((entry.id, role))
            if role in (FORENAME, PATRONYMIC):
                bucket = forename_initials if role == FORENAME else patronymic_initials
                bucket |= {fold(s[:1]) for s in spellings} | {fold(s[:2]) for s in spellings}
    gazetteer.initials[entry.id] = (forename_initials, patronymic_initials)


def _add_phrase(gazetteer: Gazetteer, entry: Entry, text: str) -> None:
    tokens = tokenize(text)
    if not tokens:
        return
    variants = [[t.text for t in tokens]]
    if any(is_cyrillic(t.text) for t in tokens):  # Алма-Ата -> Alma-Ata for texts in Latin script
        latin = [sorted(romanisations(t.text)) or [t.text] for t in tokens]
        for scheme in range(max(len(options) for options in latin)):
            variants.append([options[min(scheme, len(options) - 1)] for options in latin])
    for words in variants:
        node = gazetteer.trie
        for word in words:
            key = _key(word)
            if is_cyrillic(word) and word[:1].isalpha():
                for form in russian_forms(word):
                    gazetteer.surface_keys[form].add(key)
            node = node.setdefault(key, {})
        node.setdefault(END, set()).add((entry.id, entry.kind, words[0][:1].isupper()))
