"""RELAX NG grammars: compiled once per process, errors turned into diagnostics.

Two engines: libxml2 (lxml) validates a parsed tree in-process and is the fastest for small
schemas such as the edition's (compiled in milliseconds); jing compiles a big schema such as
tei_all in under a second where libxml2 needs about 16 s, so ``Jing`` validates many files in one
Java process. Jing reads the files itself: it is only given files the hardened parser accepted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, error
from edition.tei import local_name
from edition.xmlio import UnreadableXML, read_xml
from edition.validation.positions import SourcePositions

RULE = "rng"
A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"


class SchemaError(Exception):
    """The schema itself cannot be read or compiled."""


@lru_cache(maxsize=8)
def compiled(schema: Path) -> etree.RelaxNG:
    """The schema compiled by libxml2, once per process and path."""
    try:
        return etree.RelaxNG(read_xml(schema))
    except UnreadableXML as exc:
        raise SchemaError(f"cannot read the schema {schema}: {exc}") from None
    except etree.RelaxNGParseError as exc:
        raise SchemaError(f"cannot compile the schema {schema}: {exc}") from None


@lru_cache(maxsize=8)
def documentation(schema: Path) -> dict[str, str]:
    """``a:documentation`` of each element (``"hi"``) and attribute (``"@rend"``), for hints.

    An attribute documented differently in several places gets no entry: the hint would guess.
    """
    docs: dict[str, str] = {}
    ambiguous: set[str] = set()
    try:
        tree = read_xml(schema)
    except UnreadableXML:
        return docs
    for node in tree.iter("{http://relaxng.org/ns/structure/1.0}element",
                          "{http://relaxng.org/ns/structure/1.0}attribute"):
        name, text = node.get("name"), node.findtext(f"{{{A_NS}}}documentation")
        if not name or not text:
            continue
        key = name if local_name(node) == "element" else "@" + name
        if key in docs and docs[key] != text:
            ambiguous.add(key)
        docs.setdefault(key, " ".join(text.split()))
    for key in ambiguous:
        docs.pop(key)
    return docs


_ATTRIBUTE = re.compile(r"(?:Invalid attribute|Element \S+ has extra attribute|attribute) (\S+)")
_ELEMENT = re.compile(r"(?:Did not expect element|Expecting element|Element) (\S+)")


def validate_tree(schema: Path, tree: etree._ElementTree, positions: SourcePositions,
                  path: str) -> list[Diagnostic]:
    """Every error libxml2 reports for one document, at the line and column of its element."""
    relaxng = compiled(schema)
    if relaxng.validate(tree):
        return []
    docs = documentation(schema)
    found = []
    for entry in relaxng.error_log:
        element = positions.element_at(entry.path) if entry.path else None
        line, column = positions.of(element) if element is not None else (entry.line, entry.column)
        name = local_name(element) if element is not None else ""
        found.append(error(path, line, column, RULE, entry.message.strip(),
                           hint=_hint(entry.message, name, docs, schema), element=name))
    return found


def _hint(message: str, element: str, docs: dict[str, str], schema: Path) -> str:
    attribute = _ATTRIBUTE.search(message)
    if attribute and docs.get("@" + attribute.group(1)):
        return f"@{attribute.group(1)}: {docs['@' + attribute.group(1)]}"
    named = _ELEMENT.search(message)
    name = named.group(1).rstrip(",:") if named else element
    if docs.get(name):
        return f"<{name}>: {docs[name]}"
    return f"see what {schema.name} allows here"


# ---------------------------------------------------------------------------------------- jing

def jing_available() -> bool:
    return shutil.which("jing") is not None


_JING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<level>error|fatal|warning): (?P<message>.*)$")


def validate_with_jing(schema: Path, paths: list[Path], batch: int = 500) -> dict[Path, list[Diagnostic]]:
    """Validate files with jing, many per Java process; diagnostics grouped by file.

    jing prints ``path:line:column: error: message``; only files it names get diagnostics.
    """
    by_name = {str(p.resolve()): p for p in paths}
    found: dict[Path, list[Diagnostic]] = {p: [] for p in paths}
    for start in range(0, len(paths), batch):
        chunk = [str(p.resolve()) for p in paths[start:start + batch]]
        run = subprocess.run(["jing", str(schema), *chunk], capture_output=True, text=True, check=False)
        for line in run.stdout.splitlines():
            match = _JING_LINE.match(line)
            if not match:
                continue
            name = match["path"].removeprefix("file:")
            path = by_name.get(str(Path(name).resolve()))
            if path is None:  # a message about the schema itself
                raise SchemaError(line)
            found[path].append(error(path, int(match["line"]), int(match["column"]), RULE, match["message"],
                                     hint=f"see what {schema.name} allows here"))
        if run.returncode not in (0, 1):
            raise SchemaError(run.stderr.strip() or f"jing failed with exit code {run.returncode}")
    return found
