"""The catalogue's table: every malformed or hostile file, and what the parser must say about it.

Small cases are files under ``fixtures/``; large or sharp ones are generated into a folder by the
test (never committed). ``Expected`` is the first diagnostic's rule and ``line:column`` (a range
where libxml2's buffering decides the byte) and the exit code of ``validate`` on that file alone.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from edition.xmlio import DEFAULT_MAX_BYTES, MAX_DEPTH

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
REPOSITORY = HERE.parents[1]


@dataclass(frozen=True)
class Expected:
    rule: str
    line: int
    column: int | range  # a range where libxml2's buffering decides the exact byte
    exit_code: int = 1

    def where(self, path: Path) -> str:
        """A regular expression for ``path:line:column: error: [rule]``."""
        column = str(self.column) if isinstance(self.column, int) else r"\d+"
        return rf"{re.escape(str(path))}:{self.line}:{column}: error: \[{re.escape(self.rule)}\]"

    def matches(self, diagnostic) -> bool:
        column_ok = (diagnostic.column == self.column if isinstance(self.column, int)
                     else diagnostic.column in self.column)
        return (diagnostic.rule, diagnostic.line) == (self.rule, self.line) and column_ok


# --- malformed files, committed under fixtures/ ------------------------------------------------------
FIXTURE_CASES: dict[str, Expected] = {
    "unclosed-tag.xml": Expected("xml-syntax", 4, 48),
    "mismatched-end-tag.xml": Expected("xml-syntax", 4, 34),
    "undefined-entity.xml": Expected("xml-syntax", 4, 33),
    "bare-ampersand.xml": Expected("xml-syntax", 4, 30),
    "bare-less-than.xml": Expected("xml-syntax", 4, 27),
    "empty.xml": Expected("xml-syntax", 1, 1),
    "whitespace-only.xml": Expected("xml-syntax", 1, 1),
    "bom-only.xml": Expected("xml-syntax", 1, 1),
    "declaration-only.xml": Expected("xml-syntax", 2, 1),
    "truncated.xml": Expected("xml-syntax", 4, 41),
    "invalid-utf8.xml": Expected("xml-encoding", 4, 27),
    "overlong-utf8.xml": Expected("xml-encoding", 4, 24),
    "control-character.xml": Expected("xml-char", 4, 28),
    "nul-byte.xml": Expected("xml-char", 4, 27),
    "forbidden-char-reference.xml": Expected("xml-char", 4, 37),
    "noncharacter-fffe.xml": Expected("xml-char", 4, 24),
    "surrogate-reference.xml": Expected("xml-char", 4, 32),
    "declared-utf16-bytes-8bit.xml": Expected("xml-encoding", 1, 31),
    "declared-latin1-bytes-utf8.xml": Expected("xml-encoding", 1, 31),
    "bom-utf8-declared-cp1252.xml": Expected("xml-encoding", 1, 31),
    "unsupported-encoding.xml": Expected("xml-encoding", 1, 41),
    "gzip-compressed.xml": Expected("not-xml", 1, 1),
    "docx-archive.xml": Expected("not-xml", 1, 1),
    "pdf-document.xml": Expected("not-xml", 1, 1),
    "binary-noise.xml": Expected("not-xml", 1, 1),
    "plain-text.xml": Expected("not-xml", 1, 1),
    "html-page.xml": Expected("xml-syntax", 4, 18),
    "two-root-elements.xml": Expected("xml-syntax", 6, 1),
    "text-after-root.xml": Expected("xml-syntax", 6, 1),
    "duplicate-attribute.xml": Expected("xml-syntax", 4, 35),
    "undeclared-prefix.xml": Expected("xml-syntax", 4, 32),
    "unquoted-attribute.xml": Expected("xml-syntax", 4, 15),
    "unterminated-comment.xml": Expected("xml-syntax", 8, 1),
    "unterminated-cdata.xml": Expected("xml-syntax", 7, 1),
    "double-hyphen-in-comment.xml": Expected("xml-syntax", 4, 12),
    "misplaced-declaration.xml": Expected("xml-syntax", 2, 6),
    "invalid-element-name.xml": Expected("xml-syntax", 4, 6),
    "xml-prefix-misbound.xml": Expected("xml-syntax", 4, 39),
}

# --- documents at the limits and hostile ones, generated (too big or too sharp to commit) ------------
TEI_OPEN = b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body>\n'
TEI_CLOSE = b"\n</body></text>\n</TEI>\n"


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _over_the_cap(path: Path) -> None:
    with path.open("wb") as stream:  # sparse: costs no disk, still one byte over the cap when read
        stream.write(TEI_OPEN)
        stream.truncate(DEFAULT_MAX_BYTES + 1)


GENERATED_CASES: dict[str, tuple[Callable[[Path], None], Expected]] = {
    "too-deep.xml": (_write(TEI_OPEN + b"<p>" + b"<hi>" * MAX_DEPTH + b"x" + b"</hi>" * MAX_DEPTH + b"</p>" + TEI_CLOSE),
                     Expected("xml-limit", 4, 3 + 4 * (MAX_DEPTH - 3))),  # the 257th start tag
    "huge-text-node.xml": (_write(TEI_OPEN + b"<p>" + b"word " * 2_200_000 + b"</p>" + TEI_CLOSE),
                           Expected("xml-limit", 4, range(10_000_000, 10_100_000))),
    "huge-attribute.xml": (_write(TEI_OPEN + b'<p n="' + b"9" * 11_000_000 + b'"/>' + TEI_CLOSE),
                           Expected("xml-limit", 4, range(10_000_000, 10_100_000))),
    "over-the-size-cap.xml": (_over_the_cap, Expected("size-cap", 0, 0)),
    "entity-declarations.xml": (_write(b'<!DOCTYPE TEI [\n<!ENTITY ed "the editors">\n]>\n<TEI>&ed;</TEI>\n'),
                                Expected("xml-entity", 2, 1)),
    "billion-laughs.xml": (_write(b'<!DOCTYPE TEI [<!ENTITY a "ha">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10) for i in range(9))
        + b"]>\n<TEI>&j;</TEI>"), Expected("xml-entity", 1, 16)),
    "external-dtd.xml": (_write(b'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n<TEI/>\n'), Expected("xml-dtd", 1, 1)),
    "xinclude.xml": (_write(b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude"'
                            b' href="/etc/passwd" parse="text"/>\n</TEI>\n'), Expected("xml-xinclude", 2, 3)),
    "utf16-with-entity.xml": (_write('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE TEI [<!ENTITY x "y">]>\n'
                                     '<TEI>&x;</TEI>'.encode("utf-16")), Expected("xml-entity", 1, 1)),
}

PARSER_CASES = {**{name: (None, expected) for name, expected in FIXTURE_CASES.items()}, **GENERATED_CASES}


def materialise(name: str, folder: Path) -> Path:
    """The case's file in ``folder`` (copied from fixtures/ or generated)."""
    make, _ = PARSER_CASES[name]
    path = folder / name
    if make is None:
        shutil.copyfile(FIXTURES / name, path)
    else:
        make(path)
    return path
