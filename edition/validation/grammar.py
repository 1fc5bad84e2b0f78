"""RELAX NG grammars: compiled once per process, errors turned into diagnostics.

Two engines: libxml2 (lxml) validates a parsed tree in-process and is the fastest for small
schemas such as the edition's (compiled in milliseconds); jing compiles a big schema such as
tei_all many times faster than libxml2, so :func:`validate_with_jing` checks many files in
each Java process (one per core for a large corpus). Jing reads the files itself: it is only
given files the hardened parser accepted.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition import workers
from edition.caching import file_version
from edition.diagnostics import Diagnostic, error, warning
from edition.tei import XML_NS, local_name
from edition.validation.positions import SourcePositions
from edition.xmlio import UnreadableXML, read_xml

RULE = "rng"
A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"


class SchemaError(Exception):
    """The schema itself cannot be read or compiled."""


def compiled(schema: Path) -> etree.RelaxNG:
    """The schema compiled by libxml2, once per process and version of the file (a schema edited
    while a process runs is compiled again)."""
    return _compiled(schema, file_version(schema))


@lru_cache(maxsize=8)
def _compiled(schema: Path, version) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(read_xml(schema))
    except UnreadableXML as exc:
        raise SchemaError(f"cannot read the schema {schema}: {exc}") from None
    except etree.Error as exc:
        raise SchemaError(f"cannot compile the schema {schema}: {exc}") from None


def schema_tree(schema: Path) -> etree._ElementTree:
    """The schema read through the hardened parser (UnreadableXML if it cannot be), once per process
    and version of the file: the hints and the check before jing runs both read it."""
    return _schema_tree(schema, file_version(schema))


@lru_cache(maxsize=8)
def _schema_tree(schema: Path, version) -> etree._ElementTree:
    return read_xml(schema)


@lru_cache(maxsize=8)
def documentation(schema: Path) -> dict[str, str]:
    """``a:documentation`` of each element (``"hi"``) and of its attributes (``"hi@rend"``), for hints.

    An element's attributes are those its pattern reaches through ``ref``s without entering a
    child element.
    """
    try:
        tree = schema_tree(schema)
    except UnreadableXML:
        return {}
    defines = {d.get("name"): d for d in tree.iter(f"{{{RNG_NS}}}define")}
    docs: dict[str, str] = {}
    for element in tree.iter(f"{{{RNG_NS}}}element"):
        name = element.get("name")
        if not name:
            continue
        docs.setdefault(name, _doc(element))
        for attribute in _attributes(element, defines, set()):
            docs.setdefault(f"{name}@{attribute.get('name')}", _doc(attribute))
    return {key: text for key, text in docs.items() if text}


def _doc(node) -> str:
    return " ".join((node.findtext(f"{{{A_NS}}}documentation") or "").split())


def _attributes(pattern, defines: dict, seen: set):
    for child in pattern:
        name = local_name(child)
        if name == "attribute" and child.get("name"):
            yield child
        elif name == "ref" and child.get("name") not in seen and child.get("name") in defines:
            seen.add(child.get("name"))
            yield from _attributes(defines[child.get("name")], defines, seen)
        elif name not in ("element", "attribute") and isinstance(child.tag, str):
            yield from _attributes(child, defines, seen)


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
        message, hint = _explained(entry.message.strip(), element, docs, schema)
        found.append(error(path, line, column, RULE, message, hint=hint, element=name))
    return found


_ATTRIBUTE = re.compile(r"^Invalid attribute (\S+) for element|^Element \S+ has extra attribute (\S+)")
_ELEMENT = re.compile(r"^(?:Did not expect element|Expecting element|Element) (\S+)")


def _explained(message: str, element, docs: dict[str, str], schema: Path) -> tuple[str, str]:
    """libxml2's message, made specific where it is vague, and a hint from the schema's documentation."""
    name = local_name(element) if element is not None else ""
    if element is not None and message.endswith("failed to validate attributes"):
        attributes = " ".join(f'{k.rpartition("}")[2]}="{v}"' for k, v in element.attrib.items()
                              if not k.startswith("{"))
        hints = [f"@{k}: {docs[f'{name}@{k}']}" for k in element.attrib if f"{name}@{k}" in docs]
        return f"{message} ({attributes})", "; ".join(hints) or f"see what {schema.name} allows on <{name}>"
    if (attribute := _ATTRIBUTE.search(message)) and element is not None:
        local = attribute.group(1) or attribute.group(2)
        for qualified, clark in ((local, local), (f"xml:{local}", f"{{{XML_NS}}}{local}")):
            if f"{name}@{qualified}" in docs:
                value = element.get(clark)
                shown = f' (value "{value}")' if value is not None else ""
                return message + shown, f"@{qualified}: {docs[f'{name}@{qualified}']}"
    named = _ELEMENT.search(message)
    other = named.group(1).rstrip(",:") if named else name
    if other in docs:
        return message, f"<{other}>: {docs[other]}"
    return message, did_you_mean(other, schema) or f"see what {schema.name} allows here"


@lru_cache(maxsize=8)
def element_names(schema: Path) -> frozenset[str]:
    """The names of the elements a grammar declares (read only when one is misspelt)."""
    try:
        tree = schema_tree(schema)
    except UnreadableXML:
        return frozenset()
    return frozenset(e.get("name") for e in tree.iter(f"{{{RNG_NS}}}element") if e.get("name"))


def did_you_mean(name: str, schema: Path) -> str:
    """"did you mean <placeName>?" for an element name the grammar does not know but nearly does."""
    names = element_names(schema)
    if not name or name in names:
        return ""
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75) or [
        known for known in names if known.lower() == name.lower()]
    return f"did you mean <{close[0]}>?" if close else ""


# ---------------------------------------------------------------------------------------- jing

def jing_available() -> bool:
    return shutil.which("jing") is not None


_JING_ELEMENT = re.compile(r'^element "(?:[^":]+:)?([^"]+)" not allowed')
_JING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<level>error|fatal|warning): (?P<message>.*)$")


JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
"""How jing's Java runs: a run lasts seconds, too short for the optimising compiler and the parallel
collector to repay the work of their threads (the quick compiler alone and one collector thread
take much less CPU time and finish sooner; measured in docs/performance.md)."""

ARGUMENTS_PER_RUN = os.sysconf("SC_ARG_MAX") // 4 if hasattr(os, "sysconf") else 30_000
"""Characters of file names given to one jing process at most: a quarter of what a command line
holds (the environment shares it; Windows allows 32,767)."""

BYTES_PER_PROCESS = 4_000_000
"""A jing process more, up to one per core, for each this many bytes of files: each process starts
a JVM and compiles the schema again (about half a second of CPU for tei_all), which pays when it
then checks a few megabytes (about half a second) that another process would have waited for."""


def validate_with_jing(schema: Path, paths: list[Path]) -> dict[Path, list[Diagnostic]]:
    """Validate files with jing, shared out between one Java process per core (a large corpus) or
    one (a few files); diagnostics grouped by file.

    jing prints ``path:line:column: error: message``; only files it names get diagnostics.
    """
    if not jing_available():
        raise SchemaError("jing is not installed (Debian package jing); use --engine lxml")
    by_name = {str(p.resolve()): p for p in paths}
    found: dict[Path, list[Diagnostic]] = {p: [] for p in paths}
    # Java options of the user's own replace ours (added to them, a second collector would stop Java).
    tuned = not (os.environ.get("JDK_JAVA_OPTIONS") or os.environ.get("JAVA_TOOL_OPTIONS"))
    environment = {**os.environ, "JDK_JAVA_OPTIONS": JVM_OPTIONS} if tuned else None
    sizes = {name: _size(name) for name in by_name}
    processes = min(workers.worker_count(), 1 + sum(sizes.values()) // BYTES_PER_PROCESS)

    def check(batch: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(["jing", str(schema), *batch], capture_output=True, text=True, check=False, env=environment)

    with ThreadPoolExecutor(processes) as pool:  # threads that wait for the processes, which do the work
        runs = list(pool.map(check, _batches(sizes, processes)))
    for run in runs:
        reported = False
        for line in run.stdout.splitlines():
            match = _JING_LINE.match(line)
            if not match:
                continue
            reported = True
            name = match["path"].removeprefix("file:")
            path = by_name.get(name) or by_name.get(str(Path(name).resolve()))  # jing names a file as it was given
            if path is None:  # a message about the schema itself
                raise SchemaError(line)
            report = warning if match["level"] == "warning" else error
            unknown = _JING_ELEMENT.search(match["message"])
            hint = did_you_mean(unknown.group(1), schema) if unknown else ""
            found[path].append(report(path, int(match["line"]), int(match["column"]), RULE, match["message"], hint=hint))
        if run.returncode not in (0, 1) or (run.returncode == 1 and not reported):  # 1 alone: Java did not start
            said = " ".join(line for line in (run.stdout + run.stderr).splitlines() if line.strip())
            raise SchemaError(f"jing did not run: {said or f'exit code {run.returncode}'}")
    return found


def _size(name: str) -> int:
    try:
        return os.stat(name).st_size
    except OSError:
        return 0


def _batches(sizes: dict[str, int], processes: int) -> list[list[str]]:
    """The files in ``processes`` batches of about equal bytes (the largest file first, each to the
    lightest batch), more when their names would not fit on one command line; each batch in the
    files' order."""
    characters = sum(len(name) + 1 for name in sizes)
    count = max(processes, -(-characters // ARGUMENTS_PER_RUN))
    batches: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for name in sorted(sizes, key=sizes.__getitem__, reverse=True):
        lightest = loads.index(min(loads))
        batches[lightest].append(name)
        loads[lightest] += sizes[name]
    order = {name: position for position, name in enumerate(sizes)}
    return [sorted(batch, key=order.__getitem__) for batch in batches if batch]
