"""Tokens with their offsets: the one tokenizer the gazetteer and the text share.

Punctuation is kept as tokens, so that a comma between two surnames stops a name, and a
register form such as ``ВКП(б)`` is matched token for token. Initials (``L.D.``, ``Н. И.``,
``IV.``) are one token each, because they are read as a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UPPER = "A-ZА-ЯЁ"
# Two-letter initials are transliterations of one Cyrillic letter (Ю. -> Yu., Ж. -> Zh.).
_INITIAL = rf"(?:Yu|Ya|Ye|Yo|Ju|Ja|Je|Zh|Ch|Sh|Kh|Ts|[{_UPPER}])\."
_TOKEN = re.compile(
    rf"(?P<initials>(?<![\w.]){_INITIAL}(?:[ \u00a0]?{_INITIAL}){{0,2}})"
    r"|(?P<number>\d+)"
    r"|(?P<word>[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*(?:(?<=s)['’](?![^\W\d_]))?)"  # the Trotskys' house
    r"|(?P<punct>\S)"
)
APOSTROPHES = "'’ʼ"
SENTENCE_END = frozenset(".!?…")
ELIDED = frozenset({"l", "d", "dell", "all", "nell", "sull", "dall", "un", "quest", "c", "s", "n", "m", "t", "v"})
"""Italian (and French) words that elide before a vowel, capitalised at a sentence start: L'Armata."""


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    kind: str  # initials | number | word | punct

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "word":
            tokens.extend(_split_elision(text, start, end))
        else:
            tokens.append(Token(start, end, match.group(), kind))
    return tokens


def _split_elision(text: str, start: int, end: int) -> list[Token]:
    """Italian and French elision: ``dell'URSS`` is ``dell'`` + ``URSS`` (not ``Zinov'ev``)."""
    word = text[start:end]
    for index, char in enumerate(word):
        if char in APOSTROPHES:
            head = word[:index]
            if (head.islower() or head.lower() in ELIDED) and index + 1 < len(word):
                cut = start + index + 1
                return [Token(start, cut, text[start:cut], "word"), *_split_elision(text, cut, end)]
            break
    return [Token(start, end, word, "word")]


def initial_letters(token: Token) -> list[str]:
    """``L.D.`` -> ``["L", "D"]``; ``Yu.`` -> ``["Yu"]``; ``IV`` -> ``["I", "V"]``."""
    if token.kind == "initials":
        return [part.strip() for part in token.text.split(".") if part.strip()]
    return list(token.text.rstrip("."))


def is_caps_cluster(token: Token) -> bool:
    """Undotted initials as a careless text writes them: ``LB Kamenev``, ``NI Bukharin``."""
    return token.kind == "word" and 2 <= len(token.text) <= 3 and token.text.isupper()


def sentence_initial(tokens: list[Token], index: int) -> bool:
    """First token of the text, or right after sentence punctuation (quotes and brackets skipped)."""
    j = index - 1
    while j >= 0 and tokens[j].kind == "punct" and tokens[j].text in "«\"“„'(‘[—–-":
        j -= 1
    return j < 0 or (tokens[j].kind == "punct" and tokens[j].text in SENTENCE_END) or tokens[j].text == ":"
