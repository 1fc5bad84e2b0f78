"""The tagger: names and dates of a text, with references chosen in the light of the whole document."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from edition.registers import Registers, load_registers
from edition.tagger.dates import find_dates, grammar
from edition.tagger.gazetteer import Gazetteer, compile_gazetteer
from edition.tagger.model import Mention
from edition.tagger.names import find_names
from edition.tagger.tokens import tokenize

LANGUAGES = ("ru", "en", "it")


class Tagger:
    """Compiled once from the registers; ``tag_texts`` tags the paragraphs of one document."""

    def __init__(self, registers: Registers, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r} (one of {', '.join(LANGUAGES)})")
        self.lang = lang
        self.registers = registers
        self.gazetteer: Gazetteer = compile_gazetteer(registers)
        grammar(lang)  # compile the date patterns now, not on the first text

    @classmethod
    def from_folder(cls, folder: Path | None, lang: str) -> Tagger:
        return cls(load_registers(folder), lang)

    def find(self, text: str, context_year: str | None = None) -> list[Mention]:
        """Names and dates of one text, references not yet chosen among shared surnames."""
        tokens = tokenize(text)
        names = find_names(text, tokens, self.gazetteer, self.lang)
        dates = [d for d in find_dates(text, self.lang, context_year)
                 if all(d.end <= n.start or d.start >= n.end for n in names)]
        return sorted(names + dates, key=lambda m: m.start)

    def find_all(self, texts: list[str]) -> list[list[Mention]]:
        """``find`` on the texts of one document in order, each knowing the last year before it."""
        found, year = [], None
        for text in texts:
            mentions = self.find(text, year)
            found.append(mentions)
            for mention in mentions:
                if mention.kind == "date" and not mention.cert:
                    values = [v for k, v in mention.attributes.items() if k in ("when", "to", "notAfter")]
                    year = values[-1][:4] if values and values[-1][:1].isdigit() else year
        return found

    def tag_texts(self, texts: list[str], known: Counter | None = None) -> list[list[Mention]]:
        """Mentions of each text of one document.

        A surname two register entries share is read as the entry the document names without
        doubt elsewhere (or most often); such a choice is marked ``cert="low"``. ``known`` counts
        references already in the document (``--update``).
        """
        found = self.find_all(texts)
        for text, mentions in zip(texts, found):
            for mention in mentions:
                if mention.doubtful and _coordinated(text, mention, mentions):
                    mention.doubtful = False
        resolve(found, known)
        return found


def _coordinated(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Listed with another name: "Ягода и Менжинский", "Yagoda, Menzhinsky"."""
    for other in mentions:
        if other is mention or other.kind == "date" or other.doubtful:
            continue
        between = text[mention.end:other.start] if other.start >= mention.end else text[other.end:mention.start]
        if _LINK.fullmatch(between):
            return True
    return False


_LINK = re.compile(r"\s*(?:,|и|а также|and|e|ed|,\s*and)\s*")


def resolve(found: list[list[Mention]], known: Counter | None = None) -> None:
    """Choose each mention's entry; drop doubtful ones the document does not support."""
    certain = Counter(known or {})
    for mentions in found:
        for mention in mentions:
            if len(mention.candidates) == 1 and not mention.doubtful:
                certain[mention.candidates[0]] += 1
    for mentions in found:
        mentions[:] = [m for m in mentions if not m.doubtful or any(certain[c] for c in m.candidates)]
    for mentions in found:
        for mention in mentions:
            if mention.kind == "date" or not mention.candidates:
                continue
            if len(mention.candidates) == 1:
                mention.ref = mention.candidates[0]
                continue
            ranked = sorted(mention.candidates, key=lambda c: (-certain[c], c))
            mention.ref = ranked[0]
            mention.cert = "low"
