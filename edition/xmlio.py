"""The one hardened way to read XML (every file of the toolkit is loaded through here).

Untrusted input never reaches the network or the file system beyond the file itself: no DTD is
loaded, no entity is resolved or expanded, XInclude is never processed, and the file size is
capped before any byte is parsed. Whitespace, comments, processing instructions and CDATA are
kept as written (never ``remove_blank_text``: in mixed content it glues words together).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, error

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused unread (a register of 100,000 persons is about 40 MB)."""


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
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise UnreadableXML([error(path, 0, 0, "io", "is a directory, not an XML file",
                                   hint="pass the files or a folder to walk")]) from None
    except OSError as exc:
        raise UnreadableXML([error(path, 0, 0, "io", f"cannot read the file: {exc.strerror or exc}",
                                   hint="check that it exists and that you may read it")]) from None
    if len(data) > max_bytes:
        raise UnreadableXML([error(path, 0, 0, "size-cap",
                                   f"file is larger than the {max_bytes // (1024 * 1024)} MiB cap; not parsed",
                                   hint="split the document, or raise the cap if it is trusted")])
    return data


def parse_bytes(data: bytes, name: str | Path = "<string>") -> etree._ElementTree:
    """Parse ``data`` safely; ``name`` is used in diagnostics and as the base URL."""
    if not data.strip():
        raise UnreadableXML([error(name, 1, 1, "xml-syntax", "the file is empty",
                                   hint="an XML document needs a root element")])
    parser = _new_parser()
    try:
        root = etree.fromstring(data, parser, base_url=str(name))
    except etree.XMLSyntaxError as exc:
        raise UnreadableXML(_syntax_diagnostics(exc, parser.error_log, name)) from None
    tree = root.getroottree()
    _refuse_entity_declarations(tree, name)
    return tree


def read_xml(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Read and parse one file through the hardened parser."""
    return parse_bytes(read_bytes(path, max_bytes), path)


def _syntax_diagnostics(exc: etree.XMLSyntaxError, log, name) -> list[Diagnostic]:
    """Every error this parser logged (not lxml's global log), first one first, no duplicates."""
    found: list[Diagnostic] = []
    seen = set()
    for entry in log:
        if entry.level_name not in ("ERROR", "FATAL"):
            continue
        key = (entry.line, entry.column, entry.message.strip())
        if key in seen:
            continue
        seen.add(key)
        found.append(error(name, entry.line, entry.column, "xml-syntax", entry.message.strip(),
                           hint="the file is not well-formed XML; fix this first, later errors may follow from it"))
    if not found:
        line, column = exc.position if exc.position else (0, 0)
        found.append(error(name, line, column, "xml-syntax", str(exc)))
    return found


def _refuse_entity_declarations(tree: etree._ElementTree, name) -> None:
    """A TEI file needs no DTD; declared entities are how XML bombs and XXE arrive."""
    dtd = tree.docinfo.internalDTD
    declared = [] if dtd is None else [e for e in dtd.iterentities()]
    external_dtd = tree.docinfo.system_url
    problems = []
    if declared:
        names = ", ".join(sorted({e.name for e in declared}))
        problems.append(error(name, 1, 1, "xml-entity",
                              f"entity declarations are not allowed (declared: {names}); nothing was expanded",
                              hint="remove the DOCTYPE and write the characters themselves"))
    elif external_dtd:
        problems.append(error(name, 1, 1, "xml-dtd",
                              f"external DTD {external_dtd!r} is not allowed and was not loaded",
                              hint="remove the DOCTYPE; TEI is validated with RELAX NG"))
    if problems:
        raise UnreadableXML(problems)
