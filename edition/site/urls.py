"""Links and classes that come from data, made safe before they reach a page."""

from __future__ import annotations

import hashlib
import re

from edition.entities import BY_NAME
from edition.links import is_safe_url



def external_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) or mailto URL (``links.is_safe_url``), else ``None``."""
    if not value or not is_safe_url(value):
        return None
    return value.strip()


def entry_url(kind: str, entry_id: str, page: int = 1) -> str:
    return page_url(f"{BY_NAME[kind].folder}/{file_stem(entry_id)}.html", page)


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9_-]")  # a dot too: no page name opens with one (hidden, not served)


def file_stem(identifier: str) -> str:
    """An id (a register entry's, a text's) as the name of its page. A plain id (letters, digits,
    ``. _ -``, at most 100 of them) is itself, unless it is the name of a register's own index. Any
    other is made plain, cut short and given a digest of itself after a ``~``, which no plain id
    holds. Such ids come from files nobody validated: ``../../x`` would otherwise be written outside
    the site, ``index`` over the register's index, ``.x`` as a file servers hide, and 300 letters
    not at all."""
    if _PLAIN.match(identifier) and len(identifier) <= 100 and identifier.casefold() != "index":
        return identifier
    mark = hashlib.blake2b(identifier.encode("utf-8"), digest_size=5).hexdigest()
    return f"{_NOT_PLAIN.sub('_', identifier)[:40]}~{mark}"


def page_url(first: str, page: int) -> str:
    """Page ``page`` of a list whose first page is ``first`` (``persons/trotsky.html``): the later
    pages in a folder of the same name (``persons/trotsky/2.html``), where no id can clash with them."""
    return first if page == 1 else f"{first.removesuffix('.html')}/{page}.html"


REND_CLASSES = {
    "italic": "it", "italics": "it", "i": "it", "bold": "bf", "b": "bf", "underline": "ul", "u": "ul",
    "superscript": "sup", "sup": "sup", "subscript": "sub", "sub": "sub", "smallcaps": "sc",
    "small-caps": "sc", "spaced": "spaced", "letter-spacing": "spaced", "strikethrough": "strike",
    "antiqua": "antiqua", "latintype": "antiqua", "pre-print": "preprint", "center": "center",
    "right": "right", "left": "left", "indent": "indent", "inline": "inline", "quotes": "quoted",
    # a verse line's indentation, in steps (TEI's own examples write indent, indent2, ti-1...)
    "indent1": "indent", "indent2": "indent2", "indent3": "indent3", "indent4": "indent4", "ti-1": "indent",
    "ti-2": "indent2", "ti-3": "indent3", "ti-4": "indent4", "hanging": "hanging", "spaced-out": "spaced",
}
"""``@rend`` tokens -> the stylesheet's classes; anything else is ignored, never copied."""


def rend_classes(rend: str | None) -> list[str]:
    tokens = re.split(r"[\s;,()]+", (rend or "").lower())
    return sorted({REND_CLASSES[t] for t in tokens if t in REND_CLASSES})
