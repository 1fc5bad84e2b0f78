"""Word forms the gazetteer must know: Russian inflection (pymorphy3) and Latin transliterations.

Registers hold Russian names in the nominative; a text uses them in any case and number.
Rather than suffix rules, every register word is expanded into its paradigm (``lexeme``) by
pymorphy3's dictionary (or its predictor for unknown surnames), once, when the gazetteer is
compiled. Texts in English and Italian write Russian names in several romanisations
(Trotsky, Trockij, Trotskii); those are generated from the Russian forms by a few standard
schemes, so that a register need not list them all.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CYRILLIC = re.compile(r"[а-яё]", re.I)

ROLE_GRAMMEMES = {"surname": "Surn", "forename": "Name", "patronymic": "Patr"}


@lru_cache(maxsize=1)
def analyzer():
    """pymorphy3's analyzer: loading its dictionaries takes a while, so once per process."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def fold(word: str) -> str:
    """The key words are compared by: case-folded, ё as е."""
    return word.casefold().replace("ё", "е")


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


def russian_forms(word: str, role: str = "", sex: str = "") -> set[str]:
    """Every case and number form of ``word`` (folded), read as ``role`` when given.

    ``role``: surname, forename or patronymic (prefer the parse with that grammeme), else a
    proper noun or, failing that, the first parse. ``sex`` "M"/"F" keeps the forms of that
    gender (Седов -> Седова is genitive, not Natalia Sedova's nominative), plurals included.
    """
    if not is_cyrillic(word):
        return {fold(word)}
    if "-" in word:  # Алма-Ата, Антонов-Овсеенко, Бонч-Бруевич: each half as it inflects
        halves = [russian_forms(part, role, sex) if is_cyrillic(part) else {fold(part)} for part in word.split("-")]
        forms = {""}
        for options in halves:
            forms = {f"{prefix}-{option}" if prefix else option for prefix in forms for option in options}
            if len(forms) > 400:  # a long compound: inflect its last half only
                heads, _, last = word.rpartition("-")
                return {f"{fold(heads)}-{form}" for form in russian_forms(last, role, sex)}
        return forms
    parses = analyzer().parse(word)
    if not role:  # a word of a place or organisation name: every reading's paradigm (Принцевы острова)
        forms = {fold(word)}
        for parse in parses:
            if parse.tag.POS in ("NOUN", "ADJF", "ADJS") or parse is parses[0]:
                forms |= {fold(f.word) for f in parse.lexeme}
        return forms
    wanted = ROLE_GRAMMEMES.get(role)
    chosen = next((p for p in parses if wanted in p.tag), None) if wanted else None
    if chosen is None and role == "surname":
        analogous = _by_analogy(word, sex)
        if analogous:
            return analogous
    if chosen is None:
        chosen = next((p for p in parses if {"Surn", "Name", "Patr", "Geox", "Orgn"} & p.tag.grammemes), None)
    if chosen is None:
        chosen = next((p for p in parses if p.tag.POS in ("NOUN", "ADJF")), parses[0])
    lexeme = [f for f in chosen.lexeme if f.tag.POS in (chosen.tag.POS, None) or not chosen.tag.POS]
    gender = {"M": "masc", "F": "femn"}.get(sex)
    # A paradigm with both genders (Седов/Седова) keeps the entry's; Смилга, Ягода decline as feminine nouns.
    both = {"masc", "femn"} <= {g for f in lexeme for g in (f.tag.gender,) if g}
    forms = {fold(word)}
    for form in lexeme:
        grammemes = form.tag.grammemes
        if both and gender and "sing" in grammemes and {"masc", "femn"} & grammemes and gender not in grammemes:
            continue
        forms.add(fold(form.word))
    return forms


# Surnames the dictionary reads otherwise (Роговин as genitive plural of "роговина") decline like
# a surname of the same formation that it knows: the paradigm is the dictionary's, not a rule here.
_MODELS = {"ов": "Молотов", "ев": "Каменев", "ёв": "Горбачёв", "ин": "Бухарин", "ын": "Птицын"}


def _by_analogy(word: str, sex: str) -> set[str]:
    lower = fold(word)
    for ending, model in _MODELS.items():
        ending = fold(ending)
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            parse = next((p for p in analyzer().parse(model) if "Surn" in p.tag), None)
            if parse is None:
                return set()
            stem, model_stem = lower[: -len(ending)], fold(model)[: -len(ending)]
            forms = {lower}
            for form in parse.lexeme:
                if sex == "M" and "femn" in form.tag and "sing" in form.tag:
                    continue
                if sex == "F" and "masc" in form.tag and "sing" in form.tag:
                    continue
                folded = fold(form.word)
                if folded.startswith(model_stem):
                    forms.add(stem + folded[len(model_stem):])
            return forms
    return set()


def common_word(word: str) -> bool:
    """Whether a capitalised Russian word is more likely a common word (Верный, Ягода at a sentence start)."""
    parses = analyzer().parse(word)
    if not parses or not analyzer().word_is_known(word.lower()):  # a surname the dictionary does not have
        return False
    if any({"Surn", "Name", "Patr", "Geox", "Orgn", "Abbr", "Init"} & p.tag.grammemes for p in parses):
        return False  # the dictionary knows it as a name too (Каменев, Томский)
    return parses[0].score >= 0.5


def nominative(word: str) -> bool:
    parses = analyzer().parse(word)
    return bool(parses) and parses[0].tag.case == "nomn"


def part_of_speech(word: str) -> str:
    parses = analyzer().parse(word)
    return str(parses[0].tag.POS) if parses else ""


def function_word(word: str) -> bool:
    """A pronoun, preposition, conjunction or particle ("Тот, кто…"): never a name, wherever it stands."""
    parses = analyzer().parse(word)
    return bool(parses) and (parses[0].tag.POS in ("NPRO", "PREP", "CONJ", "PRCL", "INTJ")
                             or "Apro" in parses[0].tag)


# Romanisation schemes: (letter table, ending rules). Each yields one Latin spelling.
_BASE = dict(zip("абвгдзиклмнопрстуфыэ", "abvgdziklmnoprstufye"))
_SCHEMES = {
    # English press / BGN-like: Trotsky, Zinoviev, Bukharin, Yezhov
    "english": {**_BASE, "е": "e", "ё": "yo", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
                "щ": "shch", "ъ": "", "ь": "", "ю": "yu", "я": "ya"},
    # Library of Congress without diacritics: Trotskii, Zinov'ev, Nikolai
    "loc": {**_BASE, "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ъ": "", "ь": "'", "ю": "iu", "я": "ia"},
    # Scholarly (Italian, German usage): Trockij, Zinov'ev, Bucharin, Ežov
    "scholarly": {**_BASE, "е": "e", "ё": "ë", "ж": "ž", "й": "j", "х": "ch", "ц": "c", "ч": "č", "ш": "š",
                  "щ": "šč", "ъ": "", "ь": "'", "ю": "ju", "я": "ja"},
    # Italian press: Trotskij, Tomskij, Bucharin, Zinoviev
    "italian": {**_BASE, "е": "e", "ё": "io", "ж": "zh", "й": "j", "х": "ch", "ц": "ts", "ч": "ch", "ш": "sh",
                "щ": "shch", "ъ": "", "ь": "", "ю": "ju", "я": "ja"},
    # German-influenced: Trotzkij, Sinowjew-less (z for ц only)
    "german": {**_BASE, "е": "e", "ё": "jo", "ж": "sch", "й": "j", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
               "щ": "schtsch", "ъ": "", "ь": "", "ю": "ju", "я": "ja"},
}
_ENDINGS = {
    "english": [("ий", "y"), ("ый", "y"), ("ьев", "iev"), ("ьева", "ieva")],
    "loc": [],
    "scholarly": [],
    "italian": [("ий", "ij"), ("ый", "yj"), ("ьев", "iev")],
    "german": [("цкий", "tzkij"), ("ий", "ij")],
}
_VOWELS = set("аеёиоуыэюяь")


def romanisations(word: str) -> set[str]:
    """Latin spellings of a Russian word under the schemes above (Троцкий -> Trotsky, Trotskii, Trockij …)."""
    if not is_cyrillic(word):
        return set()
    spellings = set()
    for scheme, table in _SCHEMES.items():
        spellings.add(_romanise(word, table, _ENDINGS[scheme], scheme == "english"))
    spellings |= {s.replace("'", "") for s in spellings} | {s.replace("'", "’") for s in spellings}
    return {s for s in spellings if s}


def _romanise(word: str, table: dict[str, str], endings, iotate: bool) -> str:
    lower = word.lower()
    tail = ""
    for ending, replacement in endings:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            lower, tail = lower[: -len(ending)], replacement
            break
    out = []
    for index, char in enumerate(lower):
        latin = table.get(char, char)
        if iotate and char == "е" and (index == 0 or lower[index - 1] in _VOWELS):
            latin = "ye"
        out.append(latin)
    latin = "".join(out) + tail
    # Keep the original capitalisation pattern (ОГПУ -> OGPU, Троцкий -> Trotsky).
    if word.isupper() and len(word) > 1:
        return latin.upper()
    return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin
