"""Rules across documents: identifiers and the pointers between them, edition-wide.

    id-unique              an xml:id is used once in the whole edition (texts and registers)
    ref-resolves           every "#id" in @ref, @corresp, @target, @resp, @who, @source names an
                           xml:id of the edition; @ref, @corresp, @resp, @who are always pointers
    ref-kind               persName/@ref points at a person, placeName at a place, orgName at an
                           org, rs at what its @type says
    register-unreferenced  (warning) a register entry nothing in the edition refers to
    url-scheme             a URL in @target, @source or @url is http(s) or mailto, never
                           javascript:, data: or the like (the site would make it a live link)

Each document is reduced to its :class:`Facts` (ids and pointers, with where they are) as it is
read, so that many documents can be read in parallel and no tree is kept; the rules then run on
the facts of all. The edition's other documents (registers and texts) take part even when only
one text is validated, so that its pointers resolve; their own problems are only reported when
they are among the validated files, and their pointers count as references to register entries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

from lxml import etree

from edition.diagnostics import Diagnostic, error, warning
from edition.tei import XML_ID, local_name, qn

POINTER_ATTRIBUTES = ("ref", "corresp", "target", "resp", "who", "source", "url")
ALWAYS_LOCAL = {"ref", "corresp", "resp", "who"}  # never a URL or a file: "#id"
SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
REGISTER_ENTRIES = {qn("tei:person"): "person", qn("tei:place"): "place", qn("tei:org"): "org"}
EXPECTED_KIND = {"persName": "person", "placeName": "place", "orgName": "org"}
RS_KIND = {"person": "person", "place": "place", "org": "org"}


class Where(NamedTuple):
    """An element: its position in document order (to find it again), line and name."""
    ordinal: int
    line: int
    element: str


class Identifier(NamedTuple):
    value: str
    where: Where
    entry: str | None  # "person", "place", "org" for a register entry


class Pointer(NamedTuple):
    attribute: str
    token: str
    where: Where
    expects: str | None  # the kind of entry a @ref on this element must point at


@dataclass
class Facts:
    path: Path
    display: str
    validated: bool = True
    """False for a document read only so that the validated documents' pointers resolve."""
    identifiers: list[Identifier] = field(default_factory=list)
    pointers: list[Pointer] = field(default_factory=list)


def facts_of(path: Path, display: str, tree: etree._ElementTree, validated: bool = True) -> Facts:
    facts = Facts(path, display, validated)
    for ordinal, element in enumerate(tree.getroot().iter(tag=etree.Element)):
        attributes = element.attrib
        if not attributes:
            continue
        identifier = attributes.get(XML_ID)
        if identifier is not None:
            facts.identifiers.append(Identifier(identifier, _where(ordinal, element),
                                                REGISTER_ENTRIES.get(element.tag)))
        for attribute in POINTER_ATTRIBUTES:
            value = attributes.get(attribute)
            if value:
                where = _where(ordinal, element)
                expects = _expected_kind(where.element, attributes) if attribute == "ref" else None
                facts.pointers.extend(Pointer(attribute, token, where, expects) for token in value.split())
    return facts


Locate = Callable[[Facts, Where], tuple[int, int]]
"""Line and column of an element, found again only when a rule reports it."""


def check(documents: list[Facts], locate: Locate) -> list[Diagnostic]:
    found: list[Diagnostic] = []

    def report(severity, facts: Facts, where: Where, rule: str, message: str, hint: str) -> None:
        line, column = locate(facts, where)
        found.append(severity(facts.display, line, column, rule, message, hint=hint, element=where.element))

    targets: dict[str, tuple[Facts, Identifier]] = {}
    for facts in documents:
        for identifier in facts.identifiers:
            first = targets.setdefault(identifier.value, (facts, identifier))
            if first[1] is not identifier and facts.validated:
                report(error, facts, identifier.where, "id-unique",
                       f'xml:id="{identifier.value}" is already used at {first[0].display}:{first[1].where.line}',
                       hint="ids are unique across the whole edition; take the next free one")
    referenced: Counter[str] = Counter()
    for facts in documents:
        for pointer in facts.pointers:
            identifier = _fragment(pointer.token)
            if identifier is None:
                if pointer.attribute in ALWAYS_LOCAL and facts.validated:
                    report(error, facts, pointer.where, "ref-resolves",
                           f'@{pointer.attribute}="{pointer.token}" is not a pointer to an element of the edition',
                           hint='write "#" and the xml:id, e.g. ref="#trotsky"')
                elif facts.validated and (scheme := _unsafe_scheme(pointer.token)):
                    report(error, facts, pointer.where, "url-scheme",
                           f'@{pointer.attribute}="{pointer.token}": a {scheme}: URL is not allowed',
                           hint="link to an http(s) or mailto URL, or point at an element with #id")
                continue
            referenced[identifier] += 1
            if not facts.validated:
                continue
            target = targets.get(identifier)
            if target is None:
                report(error, facts, pointer.where, "ref-resolves",
                       f'@{pointer.attribute}="{pointer.token}" points at no xml:id of the edition',
                       hint="add the entry to the register, or correct the id")
            elif pointer.expects and pointer.expects != target[1].entry:
                report(error, facts, pointer.where, "ref-kind",
                       f'<{pointer.where.element} ref="{pointer.token}"> points at a <{target[1].where.element}>, '
                       f"not a {pointer.expects}",
                       hint=f"point it at the {pointer.expects}s register, or change the element")
    for facts in documents:
        if not facts.validated:
            continue
        for identifier in facts.identifiers:
            if identifier.entry and not referenced[identifier.value]:
                report(warning, facts, identifier.where, "register-unreferenced",
                       f'{identifier.entry} "{identifier.value}" is never referred to',
                       hint="tag its mentions with @ref, or remove the entry")
    return found


def _where(ordinal: int, element) -> Where:
    return Where(ordinal, element.sourceline or 0, local_name(element))


def _expected_kind(name: str, attributes) -> str | None:
    if name == "rs":
        return RS_KIND.get(attributes.get("type", ""))
    return EXPECTED_KIND.get(name)


def _unsafe_scheme(token: str) -> str | None:
    """The scheme of a URL that is not a plain web or mail link ("javascript"), else None."""
    match = _SCHEME.match(token)
    scheme = match.group(1).lower() if match else None
    return scheme if scheme is not None and scheme not in SAFE_SCHEMES else None


def _fragment(token: str) -> str | None:
    """The id a pointer names ("#id", "file.xml#id"), or None for a URL or a plain file."""
    if "#" not in token:
        return None
    before, _, fragment = token.partition("#")
    if ":" in before or not fragment:  # a URL with a scheme: not ours to check
        return None
    return fragment
