"""Pointers beyond ``#id``: ``file.xml#id`` (that file's element), private URI schemes declared by
``prefixDef`` (TEI Guidelines 16.2.3) and authority URIs (GND, Wikidata, VIAF) matched against
register entries' ``idno``.

One place for all, read by ``validate`` and by the site.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.links import scheme_of
from edition.tei import xpath

# Only the header's: a scan of the whole text for them would cost every document its length.
_PREFIX_DEFS = xpath("/*/tei:teiHeader/tei:encodingDesc//tei:prefixDef[@ident][@matchPattern][@replacementPattern]")
_GROUP = re.compile(r"\$(\d)")

Prefixes = dict[str, list[tuple[str, str]]]
"""ident -> its (matchPattern, replacementPattern) pairs, in document order."""


def prefix_definitions(tree: etree._ElementTree) -> Prefixes:
    """The private URI schemes a document's header declares (``listPrefixDef/prefixDef``)."""
    found: Prefixes = {}
    for definition in _PREFIX_DEFS(tree):
        found.setdefault(definition.get("ident").strip(), []).append(
            (definition.get("matchPattern"), definition.get("replacementPattern")))
    return found


def expand(token: str, prefixes: Prefixes) -> str | None:
    """``pmb:123`` -> ``registers.xml#pmb123`` by the first of its prefix's patterns that matches
    the whole rest; None when no declared prefix's pattern matches."""
    prefix, colon, rest = token.partition(":")
    for pattern, replacement in prefixes.get(prefix, ()) if colon else ():
        try:
            match = re.fullmatch(pattern, rest)
        except re.error:  # an editor's broken pattern resolves nothing
            return None
        if match:
            return _GROUP.sub(lambda group: match.group(int(group.group(1))) or "", replacement)
    return None


def pointer_parts(token: str) -> tuple[str, str] | None:
    """``#id`` -> ("", "id"); ``file.xml#id`` -> ("file.xml", "id"); None for what names no element
    of the edition by its id: a URL (a scheme before the ``#``), a file alone, an empty fragment."""
    before, hash_mark, fragment = token.partition("#")
    if not hash_mark or not fragment or ":" in before:
        return None
    return before, fragment


@lru_cache(maxsize=4096)
def file_key(path: Path) -> Path:
    """A file as one path whichever way it is reached (``..``, symlinks): how documents are compared."""
    return Path(path).resolve()


def pointed_file(base: Path, file: str) -> Path:
    """The file ``file.xml#id`` names from the document ``base``: relative to ``base``'s folder
    (``file_key``). ``validate`` and the site look the id up in that file only."""
    return file_key(Path(base).parent / file)


def authority_key(uri: str) -> str | None:
    """An authority URI compared as one: http and https alike, no trailing slash. None for what
    is not a web URI."""
    uri = uri.strip()
    head = uri[:6].lower()  # not scheme_of: this runs for every URL of a large corpus
    if head == "https:":
        return "https:" + uri[6:].rstrip("/")
    if head[:5] == "http:":
        return "https:" + uri[5:].rstrip("/")
    return None


def is_undeclared_prefix(token: str) -> bool:
    """``pmb:123`` with no ``prefixDef`` for pmb: a private scheme, not a web or mail link."""
    scheme = scheme_of(token)
    return scheme is not None and scheme not in ("http", "https", "mailto", "urn", "doi")
