"""The one hardened way to read XML (every file of the toolkit is loaded through here).

Untrusted input never reaches the network or the file system beyond the file itself: no DTD is
loaded, no entity is declared, resolved or expanded, XInclude is refused (never processed), the
file size is capped before any byte is parsed, and libxml2's limits (nesting depth 256, text
nodes of 10 MB) stay on. Whitespace, comments, processing instructions and CDATA are kept as
written (never ``remove_blank_text``: in mixed content it glues words together).

Refusals name ``file:line:column`` and say why in words an editor understands; the rule ids are
``io``, ``size-cap``, ``not-xml``, ``xml-encoding``, ``xml-syntax``, ``xml-limit``,
``xml-entity``, ``xml-dtd`` and ``xml-xinclude``.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, error

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused unread (a register of 100,000 persons is about 40 MB)."""

MAX_DEPTH = 256
"""libxml2's own nesting limit without ``huge_tree``; a TEI document needs a few dozen levels."""

XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")


class UnreadableXML(Exception):
    """Raised with every problem the parser reported, each with line and column."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


class _RefuseExternal(etree.Resolver):
    """Defence in depth: any external resource libxml2 might ask for resolves to nothing."""

    def resolve(self, system_url, public_id, context):
        return self.resolve_string("", context)


def _new_parser() -> etree.XMLParser:
    """A fresh parser per document: a shared one carries its error log over between files."""
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=False,
        collect_ids=False,
    )
    parser.resolvers.add(_RefuseExternal())
    return parser


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refused (UnreadableXML) when over the cap or unreadable."""
    path = Path(path)
    try:
        # A FIFO or a device would block or never end: only regular files are opened.
        if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            raise UnreadableXML([error(path, 0, 0, "io", "is not a regular file (a pipe, socket or device?); not read",
                                       hint="pass TEI XML files only")])
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except IsADirectoryError:
        try:
            os.scandir(path).close()
        except OSError as exc:  # a walk passes on the folders it could not list
            raise UnreadableXML([error(path, 0, 0, "io", f"cannot list the folder: {exc.strerror or exc}",
                                       hint="its files were not checked; make it readable")]) from None
        raise UnreadableXML([error(path, 0, 0, "io", "is a directory, not an XML file",
                                   hint="pass the files or a folder to walk")]) from None
    except OSError as exc:
        raise UnreadableXML([error(path, 0, 0, "io", f"cannot read the file: {exc.strerror or exc}",
                                   hint="check that it exists and that you may read it")]) from None
    if len(data) > max_bytes:
        raise UnreadableXML([error(path, 0, 0, "size-cap",
                                   f"file is larger than the {_size(max_bytes)} cap; not parsed",
                                   hint="split the document, or raise the cap if it is trusted")])
    return data


def parse_bytes(data: bytes, name: str | Path = "<string>") -> etree._ElementTree:
    """Parse ``data`` safely; ``name`` is used in diagnostics and as the base URL."""
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise UnreadableXML([error(name, 1, 1, "xml-syntax", "the file is empty",
                                   hint="an XML document needs a root element")])
    _refuse_non_xml(data, name)
    _refuse_contradicting_encoding(data, name)
    _refuse_entity_declarations_unparsed(data, name)
    parser = _new_parser()
    try:
        # A file name need not be valid UTF-8 (it is bytes on POSIX); libxml2 wants it as UTF-8.
        base_url = str(name).encode("utf-8", "backslashreplace").decode("utf-8")
        root = etree.fromstring(data, parser, base_url=base_url)
    except etree.XMLSyntaxError as exc:
        raise UnreadableXML(_syntax_diagnostics(exc, parser.error_log, data, name)) from None
    tree = root.getroottree()
    _refuse_entity_declarations(tree, data, name)
    _refuse_xinclude(tree, data, name)
    return tree


def read_xml(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Read and parse one file through the hardened parser."""
    return parse_bytes(read_bytes(path, max_bytes), path)


# --- before parsing: is this XML at all, and do its bytes match its declaration? -------------

# Formats editors are most likely to feed by mistake, recognised by their first bytes.
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt file?)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF8, "UTF-8"), (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
_DECLARED_ENCODING = re.compile(rb"""\A<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")


def _bom(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _refuse_non_xml(data: bytes, name) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableXML([error(name, 1, 1, "not-xml", f"this is not an XML file but {what}",
                                       hint="decompress or convert it to TEI XML first")])
    if _bom(data) in ("UTF-16", "UTF-32") or re.match(rb"\A(?:\xef\xbb\xbf)?\s*(\x00*<|<\x00)", data):
        return  # starts like XML: a stray NUL further on is reported where it is, as a character error
    head = data[:4096]
    controls = sum(byte < 9 or 13 < byte < 32 for byte in head)
    if b"\x00" in head or controls > len(head) // 10:
        raise UnreadableXML([error(name, 1, 1, "not-xml", "this is not an XML file (binary data)",
                                   hint="only TEI XML files can be read")])
    raise UnreadableXML([error(name, 1, 1, "not-xml", "this is not an XML file: it does not start with '<'",
                               hint="a TEI file starts with <?xml ...?> or <TEI; plain text is tagged with "
                                    "'tei-edition tag'")])


def _refuse_contradicting_encoding(data: bytes, name) -> None:
    """Refuse a declaration that lies about the bytes (parsing would silently garble the text)."""
    bom = _bom(data)
    body = data[len(codecs.BOM_UTF8):] if bom == "UTF-8" else data
    match = _DECLARED_ENCODING.match(body)
    if match is None:
        return
    declared = match.group(1).decode("ascii")
    try:
        family = codecs.lookup(declared).name
    except LookupError:
        return  # libxml2 reports "Unsupported encoding" with its position
    hint = "make the encoding declaration say what the bytes are (the edition uses UTF-8)"
    column = match.start(1) + 1
    if bom and not family.replace("-", "").startswith(bom.replace("-", "").lower()):
        raise UnreadableXML([error(name, 1, column, "xml-encoding",
                                   f"the file starts with a {bom} byte-order mark but declares encoding {declared!r}",
                                   hint=hint)])
    if bom is None and family.startswith(("utf-16", "utf-32")):
        raise UnreadableXML([error(name, 1, column, "xml-encoding",
                                   f"declares encoding {declared!r} but its bytes are 8-bit "
                                   "(the declaration itself is readable as ASCII)", hint=hint)])
    if family not in ("utf-8", "ascii") and not family.startswith(("utf-16", "utf-32")) and bom is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return  # genuinely not UTF-8: trust the declaration
        if not data.isascii():
            raise UnreadableXML([error(name, 1, column, "xml-encoding",
                                       f"declares encoding {declared!r} but its bytes are UTF-8; "
                                       "reading it as declared would garble every non-ASCII letter",
                                       hint=hint)])


# Comments, PIs and whitespace before the DOCTYPE (ASCII-compatible encodings).
# Atomic and possessive: a lazy ``.*?`` that may be re-extended past the next ``?>`` backtracks
# through the whole file (minutes for a few thousand PIs and a "<!DOCTYPE" anywhere).
_BEFORE_DOCTYPE = re.compile(rb"(?:\xef\xbb\xbf)?(?>\s+|<\?.*?\?>|<!--.*?-->)*+(?=<!DOCTYPE)", re.S)


def _refuse_entity_declarations_unparsed(data: bytes, name) -> None:
    """Refuse declared entities before libxml2 sees them: a bomb is never even parsed.

    (The check after parsing catches what this byte-level look misses, e.g. in UTF-16.)"""
    if b"<!DOCTYPE" not in data:  # the pattern needs one; without, it backtracks through the whole file
        return
    prolog = _BEFORE_DOCTYPE.match(data)
    if prolog is None:
        return
    start = prolog.end()
    end = data.find(b"]>", start)
    declaration = data.find(b"<!ENTITY", start, end if end >= 0 else len(data))
    if declaration >= 0:
        names = sorted({m.decode("utf-8", "replace") for m in
                        re.findall(rb"<!ENTITY\s+(?:%\s+)?([^\s\"'>]+)", data[start:end if end >= 0 else None])})
        line, column = _position(data, data[declaration:declaration + 8], declaration)
        raise UnreadableXML([error(name, line, column, "xml-entity",
                                   f"entity declarations are not allowed (declared: {', '.join(names)}); "
                                   "nothing was expanded or fetched",
                                   hint="remove the DOCTYPE and write the characters themselves")])


# --- parse errors in an editor's words --------------------------------------------------------

# libxml2's message (a regular expression) -> (rule, our message, hint). The first match wins.
_TRANSLATIONS = (
    (r"Excessive depth in document", "xml-limit",
     f"elements are nested more than {MAX_DEPTH} levels deep; refused (a TEI document needs far fewer)",
     "flatten the structure; this limit protects every tool that walks the tree"),
    (r"Text node too long|huge text node|Buffer size limit exceeded|xmlSAX2Characters: huge|"
     r"AttValue length too long|Name too long|Comment too big|CData section too big|PI .* too big",
     "xml-limit", "a single text, attribute value or name is larger than 10 MB; refused",
     "split the text; this limit protects memory"),
    (r"amplification|Detected an entity reference loop|entity.*loop|Maximum entity nesting depth|"
     r"references external entity|PEReference",
     "xml-entity", "entity expansion refused (an entity bomb?); entity declarations are not allowed",
     "remove the DOCTYPE and write the characters themselves"),
    (r"Invalid bytes in character encoding|Input is not proper UTF-8", "xml-encoding",
     "bytes that are not valid in the document's encoding (UTF-8 unless the declaration says otherwise)",
     "save the file as UTF-8, or fix its encoding declaration"),
    (r"Unsupported encoding", "xml-encoding", None, "declare UTF-8 and save the file as UTF-8"),
    (r"invalid xmlChar value|PCDATA invalid Char value|Char 0x[0-9A-Fa-f]+ out of allowed range|"
     r"invalid Char value", "xml-char", None,
     "XML forbids this character (control characters, U+FFFE/U+FFFF, lone surrogates); remove it"),
)


def _translate(message: str) -> tuple[str, str, str]:
    for pattern, rule, ours, hint in _TRANSLATIONS:
        if re.search(pattern, message):
            return rule, (f"{ours} (libxml2: {message})" if ours else message), hint
    return "xml-syntax", message, "the file is not well-formed XML; fix this first, later errors may follow from it"


def _syntax_diagnostics(exc: etree.XMLSyntaxError, log, data: bytes, name) -> list[Diagnostic]:
    """Every error this parser logged (not lxml's global log), first one first, no duplicates."""
    found: list[Diagnostic] = []
    seen = set()
    for entry in log:
        if entry.level_name not in ("ERROR", "FATAL"):
            continue
        # First line only: libxml2 sometimes quotes the document after it (raw, possibly hostile).
        rule, message, hint = _translate((entry.message.strip().splitlines() or [""])[0])
        if (rule, entry.line) in seen and rule != "xml-syntax":
            continue  # libxml2 often says the same thing twice in other words
        key = (entry.line, entry.column, message)
        if key in seen:
            continue
        seen.update({key, (rule, entry.line)})
        found.append(error(name, entry.line, entry.column, rule, message, hint=hint))
    if not found:
        line, column = exc.position if exc.position else (0, 0)
        rule, message, hint = _translate(str(exc))
        found.append(error(name, line, column, rule, message, hint=hint))
    return found


# --- after parsing: what a well-formed file may still not contain ------------------------------

def _position(data: bytes, needle: bytes, start: int = 0) -> tuple[int, int]:
    """Line and column (1-based, in bytes) of ``needle``'s first occurrence, else 1:1."""
    offset = data.find(needle, start)
    if offset < 0:
        return 1, 1
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _element_position(element, data: bytes) -> tuple[int, int]:
    """Line and column of an element's start tag (lxml keeps only the line)."""
    line = element.sourceline or 0
    if line < 1:
        return 0, 0
    text = data.split(b"\n", line)[line - 1] if line > 1 else data.split(b"\n", 1)[0]
    tag = (f"{element.prefix}:" if element.prefix else "") + etree.QName(element).localname
    column = text.find(b"<" + tag.encode("utf-8"))
    return line, column + 1 if column >= 0 else 1


def _refuse_entity_declarations(tree: etree._ElementTree, data: bytes, name) -> None:
    """A TEI file needs no DTD; declared entities are how XML bombs and XXE arrive."""
    dtd = tree.docinfo.internalDTD
    declared = [] if dtd is None else list(dtd.iterentities())
    external_dtd = tree.docinfo.system_url or tree.docinfo.public_id
    problems = []
    if declared:
        names = ", ".join(sorted({e.name for e in declared}))
        line, column = _position(data, b"<!ENTITY")
        problems.append(error(name, line, column, "xml-entity",
                              f"entity declarations are not allowed (declared: {names}); nothing was expanded or fetched",
                              hint="remove the DOCTYPE and write the characters themselves"))
    elif external_dtd:
        line, column = _position(data, b"<!DOCTYPE")
        problems.append(error(name, line, column, "xml-dtd",
                              f"external DTD {external_dtd!r} is not allowed and was not loaded",
                              hint="remove the DOCTYPE; TEI is validated with RELAX NG"))
    if problems:
        raise UnreadableXML(problems)


def _refuse_xinclude(tree: etree._ElementTree, data: bytes, name) -> None:
    """XInclude would pull other files (or URLs) into the document; it is never processed."""
    problems = [
        error(name, *_element_position(element, data), "xml-xinclude",
              f"XInclude is not allowed (href={element.get('href')!r}); nothing was included or fetched",
              hint="copy the text into the document itself", element=etree.QName(element).localname)
        for namespace in XINCLUDE_NAMESPACES
        for element in tree.iter(f"{{{namespace}}}*")
    ]
    if problems:
        raise UnreadableXML(problems)


# --- before publishing: what a browser would run if the XML file itself were opened ---------------

ACTIVE_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": "XHTML",
    "http://www.w3.org/2000/svg": "SVG",
    "http://www.w3.org/1998/Math/MathML": "MathML",
    "http://www.w3.org/1999/XSL/Transform": "XSLT",
}


def browser_active(tree: etree._ElementTree, name: str | Path) -> list[Diagnostic]:
    """What makes an XML file unsafe to publish as it is: a browser opening it runs XHTML
    ``<script>``, SVG ``onload``… and applies ``<?xml-stylesheet?>`` (on the site's origin).

    TEI has no use for them; a file with any is not published (its page is still safe).
    """
    found = []
    root = tree.getroot()
    prolog = reversed(list(root.itersiblings(etree.PI, preceding=True)))
    for node in (*prolog, *root.iter(etree.PI), *root.itersiblings(etree.PI)):
        if node.target == "xml-stylesheet":
            found.append(error(name, node.sourceline or 0, 1, "active-content",
                               "an xml-stylesheet instruction would be applied by a browser opening this file",
                               hint="remove it; the site renders the TEI itself"))
    for namespace, language in ACTIVE_NAMESPACES.items():
        for element in tree.iter(f"{{{namespace}}}*"):
            found.append(error(name, element.sourceline or 0, 1, "active-content",
                               f"a {language} element <{etree.QName(element).localname}> would be live markup "
                               "in a browser opening this file", hint="TEI has no use for it; remove it",
                               element=etree.QName(element).localname))
    return found


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count} bytes"


_DECLARED_ID = re.compile(rb"""\bxml:id\s*=\s*["']([^"'<>&\s]+)["']""")


def ids_in_unreadable(data: bytes) -> frozenset[str]:
    """The xml:ids a file that could not be parsed seems to declare (read from its bytes, not
    trusted for anything but this): pointers to them are not reported again as unresolved, the
    file's own error says what is wrong."""
    return frozenset(match.decode("utf-8", "replace") for match in _DECLARED_ID.findall(data))
