"""``tei-edition validate``: grammar, Schematron and cross-document rules on every file.

Which rules a document gets:

* ``schema=None`` (the default): the schemas its ``<?xml-model?>`` instructions name (local files
  only, resolved relative to the document), else the edition's ``schema/edition.rng``; the
  edition's Schematron (or the one its xml-model names) and the cross-document rules of
  :mod:`edition.validation.crossrefs` when it is an edition document.
* ``schema="edition"``: the edition's grammar and all the edition's rules, whatever xml-model says.
* ``schema="tei_all"`` or a path to a ``.rng``: that grammar only, so that any TEI corpus can be
  checked. tei_all is run by jing when it is installed (about 1 s to compile where libxml2 needs
  about 16 s), on the files the hardened parser accepted; ``engine`` forces one or the other.

Every file is read through :mod:`edition.xmlio`; a malformed file is reported with its line and
column and the others are still checked. The result is sorted by path, line and column.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, error, warning
from edition.project import EDITION_RNG, EDITION_SCH, REPOSITORY_DIR, default_tei_dir, xml_files
from edition.tei import RNG_NS, SCH_NS
from edition.validation import crossrefs, grammar, schematron
from edition.validation.crossrefs import Document
from edition.validation.grammar import SchemaError
from edition.validation.positions import SourcePositions
from edition.xmlio import UnreadableXML, parse_bytes, read_bytes

TEI_ALL_RNG = REPOSITORY_DIR.parent / "shared" / "tei" / "tei_all.rng"

__all__ = ["validate_paths", "TEI_ALL_RNG"]


def validate_paths(paths: list[Path], schema: str | None = None, engine: str = "auto") -> list[Diagnostic]:
    """Validate the XML files named or found under ``paths``; every problem of every file.

    ``engine`` (for a ``schema`` given): ``auto`` (jing for tei_all when installed, else libxml2),
    ``lxml`` or ``jing``.
    """
    try:
        forced = _schema_option(schema)
        use_jing = forced is not None and _use_jing(forced, engine)
        if forced is not None and not use_jing:
            grammar.compiled(forced)  # once, before any file: a broken schema is a usage error
    except SchemaError as exc:
        return [error(schema or "", 0, 0, "usage", str(exc), hint="--schema edition, tei_all or a .rng file")]
    found: list[Diagnostic] = []
    edition_documents: list[Document] = []
    for_jing: dict[Path, str] = {}
    for path in xml_files([Path(p) for p in paths]):
        display = _display(path)
        try:
            data = read_bytes(path)
            tree = parse_bytes(data, display)
        except UnreadableXML as exc:
            found.extend(exc.diagnostics)
            continue
        positions = SourcePositions(tree, data)
        if forced is not None:
            rng, sch = forced, (EDITION_SCH if forced == EDITION_RNG else None)
        else:
            rng, sch, problems = _xml_model(tree, path, display)
            found.extend(problems)
        if use_jing:
            for_jing[path] = display  # jing reads only files the hardened parser accepted
        else:
            found.extend(_checked(grammar.validate_tree, rng, tree, positions, display))
        if sch is not None:
            found.extend(_checked(schematron.validate_tree, sch, tree, positions, display))
        if sch == EDITION_SCH:
            edition_documents.append(Document(path, display, tree, positions))
    if for_jing:
        found.extend(_jing(forced, for_jing))
    if edition_documents:
        found.extend(crossrefs.check(edition_documents + _edition_context(edition_documents)))
    return sorted(found)


def _schema_option(schema: str | None) -> Path | None:
    if schema is None:
        return None
    if schema == "edition":
        return EDITION_RNG
    if schema == "tei_all":
        if not TEI_ALL_RNG.is_file():
            raise SchemaError(f"tei_all is not installed at {TEI_ALL_RNG}")
        return TEI_ALL_RNG
    path = Path(schema)
    if not path.is_file():
        raise SchemaError(f"no schema file {schema}")
    return path.resolve()


def _use_jing(rng: Path, engine: str) -> bool:
    if engine == "jing":
        return True
    return engine == "auto" and rng == TEI_ALL_RNG and grammar.jing_available()


def _checked(check, schema: Path, tree, positions, display: str) -> list[Diagnostic]:
    """Run one check; a schema a document named that cannot be used is a warning, not a crash."""
    try:
        return check(schema, tree, positions, display)
    except SchemaError as exc:
        return [warning(display, 1, 1, "xml-model", str(exc), hint="fix the schema, or choose one with --schema")]


def _jing(schema: Path, files: dict[Path, str]) -> list[Diagnostic]:
    try:
        by_file = grammar.validate_with_jing(schema, list(files))
    except SchemaError as exc:
        return [error(str(schema), 0, 0, "usage", str(exc), hint="check the schema, or use --engine lxml")]
    return [replace(d, path=files[path]) for path, diagnostics in by_file.items() for d in diagnostics]


def _xml_model(tree, path: Path, display: str) -> tuple[Path, Path | None, list[Diagnostic]]:
    """The grammar and Schematron the document's ``<?xml-model?>`` instructions name.

    Local files only: a URL is never fetched (warning, and the edition's schema is used).
    """
    rng: Path | None = None
    sch: Path | None = None
    problems: list[Diagnostic] = []
    for pi in _prolog_instructions(tree):
        href = (pi.get("href") or "").strip()
        kind = pi.get("schematypens") or ""
        if not href:
            continue
        if kind not in (RNG_NS, SCH_NS):
            kind = RNG_NS if href.endswith(".rng") else SCH_NS if href.endswith(".sch") else kind
        if kind not in (RNG_NS, SCH_NS):
            problems.append(warning(display, pi.sourceline, 1, "xml-model",
                                    f"schema {href!r} is neither RELAX NG (XML syntax) nor Schematron; ignored",
                                    hint="name a .rng or .sch file, or pass --schema"))
            continue
        if "://" in href or href.startswith(("http:", "https:", "file:")):
            problems.append(warning(display, pi.sourceline, 1, "xml-model",
                                    f"remote schema {href!r} is not fetched; the edition's schema is used",
                                    hint="point xml-model at a local copy, or pass --schema"))
            continue
        local = (path.parent / href).resolve()
        if not local.is_file():
            problems.append(warning(display, pi.sourceline, 1, "xml-model",
                                    f"schema {href!r} not found (looked for {local}); the edition's schema is used",
                                    hint="correct the href relative to this file"))
            continue
        if kind == RNG_NS:
            rng = rng or local
        else:
            sch = sch or local
    if rng is None:
        rng = EDITION_RNG
    if sch is None and rng == EDITION_RNG:
        sch = EDITION_SCH
    return rng, sch, problems


def _prolog_instructions(tree):
    """The processing instructions before the root element, in document order."""
    found = [node for node in tree.getroot().itersiblings(preceding=True)
             if node.tag is etree.PI and node.target == "xml-model"]
    return reversed(found)


def _edition_context(documents: list[Document]) -> list[Document]:
    """The other documents of the editions the validated ones belong to (texts and registers).

    They are read so that pointers into them resolve (an editor validates one text on save) and
    so that their references count; their own problems are only reported when they are validated.
    An edition is the folder above the nearest ``registers/``, else the default ``tei/``.
    """
    validated = {d.path.resolve() for d in documents}
    roots = {_edition_root(document.path.resolve()) for document in documents}
    context = []
    for path in xml_files(sorted(root for root in roots if root.is_dir())):
        if path.resolve() in validated:
            continue
        validated.add(path.resolve())
        try:
            data = read_bytes(path)
            tree = parse_bytes(data, path)
        except UnreadableXML:
            continue
        context.append(Document(path, _display(path), tree, SourcePositions(tree, data), validated=False))
    return context


def _edition_root(path: Path) -> Path:
    for folder in path.parents:
        if (folder / "registers").is_dir():
            return folder
    return default_tei_dir()


def _display(path: Path) -> str:
    """The path as the user gave it; an absolute one relative to the working folder when inside it."""
    if path.is_absolute():
        try:
            return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
        except ValueError:
            return str(path)
    return str(path)
