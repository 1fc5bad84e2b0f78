"""What the tagger finds: a mention is a character span of a text, its kind and its target."""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.entities import ENTITY_KINDS

ELEMENTS = {**{kind.name: kind.name_element for kind in ENTITY_KINDS}, "date": "date"}
"""Mention kind -> the TEI element that encodes it."""


@dataclass
class Mention:
    start: int
    end: int
    kind: str  # person | place | org | date
    text: str
    candidates: tuple[str, ...] = ()  # register ids it may refer to, best first
    ref: str = ""  # the id chosen
    cert: str = ""  # "low" when the choice is a guess
    attributes: dict[str, str] = field(default_factory=dict)  # date: when / from, to / notBefore, notAfter
    doubtful: bool = False  # a capitalised common word opening a sentence (Ягода): kept only with support

    @property
    def element(self) -> str:
        return ELEMENTS[self.kind]

    def tei_attributes(self) -> dict[str, str]:
        values = dict(self.attributes)
        if self.ref:
            values["ref"] = f"#{self.ref}"
        if self.cert:
            values["cert"] = self.cert
        return values

    def __len__(self) -> int:
        return self.end - self.start
