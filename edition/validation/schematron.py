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
XSL = "http://www.w3.org/1999/XSL/Transform"
WARNING_ROLES = {"warning", "warn", "info", "information", "nonfatal"}
_HINT = re.compile(r"\s*\(hint: (?P<hint>.*)\)\s*$", re.DOTALL)


def compiled(schema: Path) -> Schematron:
    """Compiled once per process and version of the file."""
    return _compiled(schema, file_version(schema))


@lru_cache(maxsize=8)
def _compiled(schema: Path, version) -> Schematron:
    try:
        # No svrl:fired-rule per matched node: only failures are read, so a report for every
        # element a rule visits would be written for nothing.
        return _LeanSchematron(read_xml(schema), store_report=True,
                               compile_params={"generate-fired-rule": "'false'"})
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


class _LeanSchematron(Schematron):
    """lxml's ISO Schematron (the skeleton's own include, expand and compile steps), with two walks
    of the generated stylesheet left out where they cannot fire a rule (see :func:`lean`)."""

    def _compile(self, schematron, **params):
        return lean(Schematron._compile(schematron, **params))


def lean(stylesheet: etree._ElementTree) -> etree._ElementTree:
    """The XSLT 1 skeleton walks the whole document once more per pattern in the default mode, where
    no rule lives (it writes nothing), and in each pattern's mode it visits every attribute, which
    only an attribute context can match. Both are dropped when that holds: on a large text they are a
    large share of the Schematron's time. The failures reported are the same."""
    root = stylesheet.getroot()
    templates = root.findall(f"{{{XSL}}}template")
    if all(t.get("match") in ("/", "text()") for t in templates if t.get("mode") is None):
        for walk in root.iterfind(f".//{{{SVRL}}}active-pattern/{{{XSL}}}apply-templates"):
            if walk.get("select") is None and walk.get("mode") is None:
                walk.getparent().remove(walk)
    rule_modes: dict[str, bool] = {}  # mode -> a rule context there may match an attribute
    for template in templates:
        mode, match = template.get("mode"), template.get("match") or ""
        if mode and template.get("priority", "").isdigit():  # rule templates; the fallbacks have negative priority
            rule_modes[mode] = rule_modes.get(mode, False) or _may_match_attribute(match)
    for template in templates:
        if template.get("mode") in rule_modes and not rule_modes[template.get("mode")]:
            for walk in template.iterfind(f"{{{XSL}}}apply-templates"):
                if walk.get("select") == "@*|*|comment()|processing-instruction()":
                    walk.set("select", "*|comment()|processing-instruction()")
    return stylesheet


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_PREDICATE = re.compile(r"\[[^\[\]]*\]")


def _may_match_attribute(pattern: str) -> bool:
    """Whether an XSLT match pattern may match an attribute: one of its alternatives ends in an
    attribute step (predicates and strings set aside); a key() is assumed to."""
    pattern = _QUOTED.sub("''", pattern)
    while _PREDICATE.search(pattern):
        pattern = _PREDICATE.sub("", pattern)
    if "key(" in pattern:
        return True
    return any(re.split(r"/+", alternative.strip())[-1].strip().startswith(("@", "attribute::"))
               for alternative in pattern.split("|"))
