"""ISO Schematron with lxml: compiled once per process, SVRL turned into diagnostics.

The rule id is the failed assert's ``@id`` up to its first ``.`` (ids are unique in a schema, a
rule may need several asserts), else its rule's or pattern's id. ``role="warning"`` (or ``info``)
makes a warning. A message ending in ``(hint: ...)`` has that part split off as the hint.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree
from lxml.isoschematron import Schematron

from edition.caching import file_version
from edition.diagnostics import Diagnostic, error, warning
from edition.tei import local_name
from edition.validation.grammar import SchemaError
from edition.validation.positions import SourcePositions
from edition.xmlio import UnreadableXML, read_xml

SVRL = "http://purl.oclc.org/dsdl/svrl"
WARNING_ROLES = {"warning", "warn", "info", "information", "nonfatal"}
_HINT = re.compile(r"\s*\(hint: (?P<hint>.*)\)\s*$", re.DOTALL)


def compiled(schema: Path) -> Schematron:
    """Compiled once per process and version of the file."""
    return _compiled(schema, file_version(schema))


@lru_cache(maxsize=8)
def _compiled(schema: Path, version) -> Schematron:
    try:
        # No svrl:fired-rule per matched node: only failures are read, and writing one for every
        # element a rule visits was a tenth of the time.
        return Schematron(read_xml(schema), store_report=True, compile_params={"generate-fired-rule": "'false'"})
    except UnreadableXML as exc:
        raise SchemaError(f"cannot read the Schematron {schema}: {exc}") from None
    except etree.Error as exc:  # not Schematron, or a query binding XSLT 1 cannot run (xslt2)
        raise SchemaError(f"cannot compile the Schematron {schema}: {' '.join(str(exc).split())}") from None


def validate_tree(schema: Path, tree: etree._ElementTree, positions: SourcePositions,
                  path: str) -> list[Diagnostic]:
    checker = compiled(schema)
    try:
        if checker.validate(tree):
            return []
    except etree.Error as exc:  # e.g. a hostile schema's document() that the parser refuses
        raise SchemaError(f"the Schematron {schema} failed on this document: {exc}") from None
    found = []
    for failure in checker.validation_report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        element = _element_of(failure, positions)
        line, column = positions.of(element) if element is not None else (0, 0)
        text = " ".join("".join(failure.findtext(f"{{{SVRL}}}text") or "").split())
        hint = ""
        if match := _HINT.search(text):
            text, hint = text[:match.start()], match["hint"]
        rule = (failure.get("id") or "schematron").split(".")[0]
        report = warning if (failure.get("role") or "").lower() in WARNING_ROLES else error
        found.append(report(path, line, column, rule, text, hint=hint,
                            element=local_name(element) if element is not None else ""))
    return found


def _element_of(failure, positions: SourcePositions):
    """The element the failure is about (the XSLT 1 skeleton locates attribute contexts as "/@name",
    which names no element: keep rule contexts on elements)."""
    location = failure.get("location") or ""
    return positions.element_at(location) if not location.startswith("/@") else None
