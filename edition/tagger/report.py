"""Candidates for the registers: capitalised names the registers do not know, with counts and contexts."""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.tagger.dates import grammar
from edition.tagger.model import Mention
from edition.tagger.morphology import analyzer, fold, is_cyrillic
from edition.tagger.tokens import Token, sentence_initial, tokenize

CONTEXT = 40  # characters either side
MAX_CONTEXTS = 3


@dataclass
class Candidate:
    key: str
    forms: dict[str, int] = field(default_factory=dict)
    contexts: list[str] = field(default_factory=list)
    inside_sentence: bool = False  # seen capitalised after a sentence's first word

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    @property
    def label(self) -> str:
        return max(self.forms, key=lambda f: (self.forms[f], f))


def candidates(texts: list[str], mentions: list[list[Mention]], lang: str) -> list[Candidate]:
    """Runs of capitalised words outside every mention, grouped by lemma, most frequent first.

    A word seen only at the start of sentences is left out (it is capitalised for that reason).
    """
    months = set(grammar(lang).months)
    # A word the texts also write in lowercase is a common word capitalised by position ("La", "In").
    common = {fold(t.text) for text in texts for t in tokenize(text) if t.kind == "word" and t.text.islower()}
    found: dict[str, Candidate] = {}
    for text, taken in zip(texts, mentions):
        tokens = tokenize(text)
        covered = [(m.start, m.end) for m in taken]
        run: list[int] = []
        for index, token in enumerate(tokens + [Token(len(text), len(text), "", "punct")]):
            free = all(token.end <= s or token.start >= e for s, e in covered)
            if token.kind == "word" and token.capitalised and free and fold(token.text) not in months \
                    and (not run or text[tokens[run[-1]].end:token.start] == " "):
                run.append(index)
                continue
            while run and fold(tokens[run[0]].text) in common:
                run.pop(0)
            if run:
                _add(found, text, tokens, run, lang)
            run = [index] if (token.kind == "word" and token.capitalised and free
                              and fold(token.text) not in months) else []
    listed = [c for c in found.values() if c.inside_sentence]
    return sorted(listed, key=lambda c: (-c.count, c.key))


def _add(found, text: str, tokens: list[Token], run: list[int], lang: str) -> None:
    first, last = tokens[run[0]], tokens[run[-1]]
    surface = text[first.start:last.end]
    key = " ".join(_lemma(tokens[i].text, lang) for i in run)
    candidate = found.setdefault(key, Candidate(key))
    candidate.forms[surface] = candidate.forms.get(surface, 0) + 1
    if not sentence_initial(tokens, run[0]) or len(run) > 1:
        candidate.inside_sentence = True
    if len(candidate.contexts) < MAX_CONTEXTS:
        left = text[max(0, first.start - CONTEXT):first.start]
        right = text[last.end:last.end + CONTEXT]
        candidate.contexts.append(f"…{left}[{surface}]{right}…".replace("\n", " "))


def _lemma(word: str, lang: str) -> str:
    if lang == "ru" and is_cyrillic(word):
        parses = analyzer().parse(word)
        proper = next((p for p in parses if {"Surn", "Name", "Geox", "Orgn"} & p.tag.grammemes), parses[0])
        return proper.normal_form
    return fold(word.rstrip("'’s") if word.endswith(("'s", "’s")) else word)


def format_report(found: list[Candidate]) -> str:
    lines = [f"{len(found)} candidate(s) for the registers (count, name, lemma, contexts):"]
    for candidate in found:
        lines.append(f"{candidate.count:5d}  {candidate.label}  ({candidate.key})")
        lines.extend(f"         {context}" for context in candidate.contexts)
    return "\n".join(lines)
