#!/usr/bin/env python3
"""Generate a scale corpus: an edition of N documents, for benchmarks of build and validate.

    python scripts/make_corpus.py N OUT                        # from the edition's tei/ (default)
    python scripts/make_corpus.py N OUT --from schnitzler      # the 300 real letters, replicated
    python scripts/make_corpus.py N OUT --register-every 250   # a register copy per 250 documents

``--from edition``: document ``i`` is copy ``i // S`` of text ``i % S`` of ``tei/texts/`` (S texts),
written as ``OUT/texts/{copy:05}-{stem}.xml``; every id of copy ``k > 0`` is renamed
(``opposition-p12`` -> ``opposition-c7-p12``, the document's prefix kept so the edition's
Schematron still holds), pointers follow their target into the same copy (or copy 0 when the
corpus has no such copy), and about a tenth of the words of the text are swapped for other words
of the same document, so that no two documents are equal and nothing is cached by accident.
The registers (``OUT/registers/``) hold one copy of every entry per ``--register-every``
documents (``trotsky``, ``trotsky-g1``…); the documents of group ``g`` point at its entries, so
registers grow with the corpus as in real editions, and no entry has every document's mentions.
The ``xml-model`` schemas are pointed at this repository's ``schema/``.

``--from schnitzler``: the letters of ``../shared/corpora/schnitzler-briefe/editions`` replicated
the same way into ``OUT/editions/`` (ids and letter-to-letter pointers of each copy renamed, words
varied), with its ``indices/`` copied as they are: the persons, places and works in each
letter's ``back`` keep their ids, as shared register entries do.

Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
EDITION_TEI = REPOSITORY / "tei"
SCHNITZLER = REPOSITORY.parent / "shared" / "corpora" / "schnitzler-briefe"

# Attributes whose bare tokens (no '#') may name an id; '#id' tokens are followed in any attribute.
BARE_POINTERS = frozenset({"corresp", "target", "prev", "next", "sameAs", "copyOf", "synch", "who"})
# Entries shared by letters (their ids are register ids, not the letter's own).
ENTRY_ELEMENTS = frozenset({"person", "place", "org", "bibl", "event", "personGrp", "nym"})

_PIECES = re.compile(r"(<[^>]*>)")
_ATTRIBUTE = re.compile(r'(\s)([\w:.-]+)="([^"]*)"')
_TAG_NAME = re.compile(r"<([\w:.-]+)")
_WORD = re.compile(r"(?<![&#\w])(\w{4,})(?![\w;])")
VARIED_SHARE = 0.1


@dataclass
class Source:
    """One file, cut once into pieces so that each copy is a cheap substitution and a join."""

    stem: str
    doc_id: str
    pieces: list[str]
    tags: list[int]  # indexes of tags carrying attributes
    words: list[int]  # indexes of the words of the text (after <text>) that may be varied
    title: int  # index of the text piece of the first <title>, -1 when none
    own_ids: set[str]

    @classmethod
    def read(cls, path: Path, own_id) -> "Source":
        content = path.read_text(encoding="utf-8")
        pieces, tags, words, title, own_ids, doc_id, in_text = [], [], [], -1, set(), "", False
        for chunk in _PIECES.split(content):
            if chunk.startswith("<"):
                name = (_TAG_NAME.match(chunk) or [None, ""])[1] if not chunk.startswith(("<!", "<?", "</")) else ""
                local = name.rpartition(":")[2]
                if '="' in chunk and not chunk.startswith(("<!", "<?")):
                    tags.append(len(pieces))
                    for _, attribute, value in _ATTRIBUTE.findall(chunk):
                        if attribute == "xml:id" and own_id(local):
                            own_ids.add(value)
                            if local == "TEI":
                                doc_id = value
                in_text = in_text or local == "text"
                pieces.append(chunk)
                if local == "title" and title < 0 and not chunk.endswith("/>"):
                    title = len(pieces)
                continue
            if not in_text:
                pieces.append(chunk)
                continue
            for part in _WORD.split(chunk):  # odd parts are words
                if part and _WORD.fullmatch(part):
                    words.append(len(pieces))
                pieces.append(part)
        return cls(path.stem, doc_id or path.stem, pieces, tags, words, title, own_ids)


def renamed(identifier: str, prefix: str, suffix: str) -> str:
    """``opposition-p12`` -> ``opposition-c7-p12``: a text's ids keep starting with its own id."""
    if not suffix:
        return identifier
    if prefix and (identifier == prefix or identifier.startswith(prefix + "-")):
        return prefix + suffix + identifier[len(prefix):]
    return identifier + suffix


class Corpus:
    """N documents from S sources: document ``i`` is copy ``i // S`` of source ``i % S``."""

    def __init__(self, sources: list[Source], size: int, register_ids: set[str], register_every: int,
                 seed: int):
        self.sources, self.size, self.seed = sources, size, seed
        self.register_ids, self.register_every = register_ids, register_every
        self.owner = {identifier: s for s, source in enumerate(sources) for identifier in source.own_ids}

    def exists(self, source: int, copy: int) -> bool:
        return copy * len(self.sources) + source < self.size

    def groups(self) -> int:
        return max(1, -(-self.size // self.register_every))

    def document(self, number: int) -> tuple[str, str]:
        """(file stem, content) of document ``number``."""
        s, copy = number % len(self.sources), number // len(self.sources)
        source = self.sources[s]
        group = number // self.register_every
        pieces = list(source.pieces)

        def target(identifier: str) -> str:
            if identifier in self.register_ids:
                return renamed(identifier, "", f"-g{group}" if group else "")
            owner = self.owner.get(identifier)
            if owner is None:
                return identifier
            other = self.sources[owner]
            into = copy if self.exists(owner, copy) else 0
            return renamed(identifier, other.doc_id, f"-c{into}" if into else "")

        for index in source.tags:
            pieces[index] = rewrite_attributes(pieces[index], target)
        rng = random.Random(f"{self.seed}/{source.stem}/{copy}")
        vocabulary = [source.pieces[i] for i in source.words]
        if vocabulary:
            for index in rng.sample(source.words, int(len(source.words) * VARIED_SHARE)):
                pieces[index] = vocabulary[rng.randrange(len(vocabulary))]
        if copy and source.title >= 0:
            pieces[source.title] = pieces[source.title] + f" [copy {copy}]"
        return f"{copy:05}-{source.stem}", "".join(pieces)


def rewrite_attributes(tag: str, target) -> str:
    def attribute(match: re.Match) -> str:
        space, name, value = match.groups()
        if name == "xml:id":
            value = target(value)
        elif "#" in value or name in BARE_POINTERS:
            value = " ".join(
                "#" + target(token[1:]) if token.startswith("#") and "/" not in token
                else target(token) if name in BARE_POINTERS else token
                for token in value.split())
        return f'{space}{name}="{value}"'

    return _ATTRIBUTE.sub(attribute, tag)


def replicated_register(path: Path, groups: int) -> str:
    """A register file whose lists hold ``groups`` copies of every entry (``id``, ``id-g1``…)."""
    content = path.read_text(encoding="utf-8")

    def lists(match: re.Match) -> str:
        start, body, end = match.group(1), match.group(3), match.group(4)
        copies = [body]
        for group in range(1, groups):
            suffix = f"-g{group}"
            copies.append("".join(
                rewrite_attributes(chunk, lambda identifier: identifier + suffix) if chunk.startswith("<") else chunk
                for chunk in _PIECES.split(body)))
        return start + "".join(copies) + end

    return re.sub(r"(<(list(?:Person|Place|Org))(?:\s[^>]*)?>)(.*?)(</\2>)", lists, content, flags=re.DOTALL)


def schema_here(content: str) -> str:
    return content.replace('href="../../schema/', f'href="{REPOSITORY.as_posix()}/schema/')


def make_edition(size: int, out: Path, register_every: int, seed: int) -> None:
    texts = sorted((EDITION_TEI / "texts").glob("*.xml"))
    registers = sorted((EDITION_TEI / "registers").glob("*.xml"))
    register_ids = set()
    for path in registers:
        register_ids |= Source.read(path, lambda name: True).own_ids
    sources = [Source.read(path, lambda name: True) for path in texts]
    corpus = Corpus(sources, size, register_ids, register_every, seed)
    write_documents(corpus, out / "texts", schema_here)
    (out / "registers").mkdir(parents=True, exist_ok=True)
    for path in registers:
        (out / "registers" / path.name).write_text(schema_here(replicated_register(path, corpus.groups())),
                                                   encoding="utf-8")


def make_schnitzler(size: int, out: Path, seed: int) -> None:
    if not SCHNITZLER.is_dir():
        raise SystemExit(f"no corpus at {SCHNITZLER}")
    letters = sorted((SCHNITZLER / "editions").glob("*.xml"))
    sources = [Source.read(path, lambda name: name not in ENTRY_ELEMENTS) for path in letters]
    corpus = Corpus(sources, size, set(), size + 1, seed)
    write_documents(corpus, out / "editions", lambda content: content)
    shutil.copytree(SCHNITZLER / "indices", out / "indices", dirs_exist_ok=True)


def write_documents(corpus: Corpus, folder: Path, adapt) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(corpus.size):
        stem, content = corpus.document(number)
        (folder / f"{stem}.xml").write_text(adapt(content), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, metavar="N", help="number of documents")
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to create (must not exist or be empty)")
    parser.add_argument("--from", dest="origin", choices=["edition", "schnitzler"], default="edition")
    parser.add_argument("--register-every", type=int, default=250,
                        help="documents per copy of the registers (edition only; default 250)")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args(argv)
    if options.size < 1 or options.register_every < 1:
        parser.error("N and --register-every must be positive")
    if options.out.exists() and any(options.out.iterdir()):
        parser.error(f"{options.out} is not empty")
    if options.origin == "edition":
        make_edition(options.size, options.out, options.register_every, options.seed)
    else:
        make_schnitzler(options.size, options.out, options.seed)
    print(f"{options.size} documents in {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
