"""Rules across documents: identifiers and the pointers between them, edition-wide.

    id-unique              an xml:id is used once in the whole edition (texts and registers)
    ref-resolves           every "#id" in @ref, @corresp, @target, @resp, @who, @source names an
                           xml:id of the edition; @ref, @corresp, @resp, @who are always pointers
    ref-kind               persName/@ref points at a person, placeName at a place, orgName at an
                           org, rs at what its @type says
    register-unreferenced  (warning) a register entry nothing in the validated documents refers to

The edition's other documents (registers and texts) take part even when only one text is
validated, so that its pointers resolve; their own problems are only reported when they are among
the validated files, and their pointers count as references to register entries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, error, warning
from edition.tei import XML_ID, local_name, qn
from edition.validation.positions import SourcePositions

POINTER_ATTRIBUTES = ("ref", "corresp", "target", "resp", "who", "source")
ALWAYS_LOCAL = {"ref", "corresp", "resp", "who"}  # never a URL or a file: "#id"
REGISTER_ENTRIES = {qn("tei:person"): "person", qn("tei:place"): "place", qn("tei:org"): "org"}
EXPECTED_KIND = {"persName": "person", "placeName": "place", "orgName": "org"}
RS_KIND = {"person": "person", "place": "place", "org": "org"}


@dataclass
class Document:
    path: Path
    display: str
    tree: etree._ElementTree
    positions: SourcePositions
    validated: bool = True
    """False for a register loaded only so that the validated documents' pointers resolve."""


@dataclass(frozen=True)
class _Target:
    document: Document
    element: etree._Element


def check(documents: list[Document]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    targets: dict[str, _Target] = {}
    for document in documents:
        for element in document.tree.getroot().iter(tag=etree.Element):
            identifier = element.get(XML_ID)
            if identifier is None:
                continue
            first = targets.setdefault(identifier, _Target(document, element))
            if first.element is not element and document.validated:
                found.append(_at(error, document, element, "id-unique",
                                 f'xml:id="{identifier}" is already used at {first.document.display}:'
                                 f"{first.element.sourceline}",
                                 hint="ids are unique across the whole edition; take the next free one"))
    referenced: Counter[str] = Counter()
    for document in documents:
        for element, attribute, token in _pointers(document):
            identifier = _fragment(token)
            if identifier is None:
                if attribute in ALWAYS_LOCAL and document.validated:
                    found.append(_at(error, document, element, "ref-resolves",
                                     f'@{attribute}="{token}" is not a pointer to an element of the edition',
                                     hint='write "#" and the xml:id, e.g. ref="#trotsky"'))
                continue
            referenced[identifier] += 1
            if not document.validated:
                continue
            target = targets.get(identifier)
            if target is None:
                found.append(_at(error, document, element, "ref-resolves",
                                 f'@{attribute}="{token}" points at no xml:id of the edition',
                                 hint="add the entry to the register, or correct the id"))
            elif attribute == "ref":
                found.extend(_wrong_kind(document, element, token, target))
    for document in documents:
        if not document.validated:
            continue
        for element in document.tree.getroot().iter(*REGISTER_ENTRIES):
            identifier = element.get(XML_ID)
            if identifier and not referenced[identifier]:
                found.append(_at(warning, document, element, "register-unreferenced",
                                 f'{REGISTER_ENTRIES[element.tag]} "{identifier}" is never referred to',
                                 hint="tag its mentions with @ref, or remove the entry"))
    return found


def _pointers(document: Document):
    """(element, attribute, token) for every pointer token of the document."""
    for element in document.tree.getroot().iter(tag=etree.Element):
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                for token in value.split():
                    yield element, attribute, token


def _fragment(token: str) -> str | None:
    """The id a pointer names ("#id", "file.xml#id"), or None for a URL or a plain file."""
    if "#" not in token:
        return None
    before, _, fragment = token.partition("#")
    if ":" in before or not fragment:  # a URL with a scheme: not ours to check
        return None
    return fragment


def _wrong_kind(document: Document, element, token: str, target: _Target) -> list[Diagnostic]:
    name = local_name(element)
    expected = EXPECTED_KIND.get(name) or (RS_KIND.get(element.get("type", "")) if name == "rs" else None)
    actual = REGISTER_ENTRIES.get(target.element.tag)
    if expected is None or expected == actual:
        return []
    return [_at(error, document, element, "ref-kind",
                f'<{name} ref="{token}"> points at a <{local_name(target.element)}>, not a {expected}',
                hint=f"point it at the {expected}s register, or change the element")]


def _at(report, document: Document, element, rule: str, message: str, hint: str) -> Diagnostic:
    line, column = document.positions.of(element)
    return report(document.display, line, column, rule, message, hint=hint, element=local_name(element))
