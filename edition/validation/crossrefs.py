"""Rules across documents: identifiers and the pointers between them, edition-wide.

    id-unique              an xml:id is used once in the whole edition (texts and registers)
    ref-resolves           every "#id" in @ref, @corresp, @target, @resp, @who, @source names an
                           xml:id of the edition; @ref, @corresp, @resp, @who are always pointers
    ref-kind               persName/@ref points at a person, placeName at a place, orgName at an
                           org, rs at what its @type says
    register-unreferenced  (warning) a register entry nothing in the edition refers to
    register-conflict      two register files (files that are lists, not texts) declare one id with
                           different names (without the house rules: with them, id-unique says it)
    url-scheme             a URL in @target, @source or @url is http(s) or mailto, never
                           javascript:, data: or the like (the site would make it a live link)

Each document is reduced to its :class:`Facts` (its ids and pointers as plain strings, each
found again by its position only when a rule reports it) as it is read, so that many documents can be read in parallel and no tree is kept; the rules then run on
the facts of all. The edition's other documents (registers and texts) take part even when only
one text is validated, so that its pointers resolve; their own problems are only reported when
they are among the validated files, and their pointers count as references to register entries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from lxml import etree

from edition.diagnostics import Diagnostic, error, warning
from edition.entities import BY_ENTRY_ELEMENT, ENTITY_KINDS
from edition.links import DANGEROUS_SCHEMES, SAFE_SCHEMES, scheme_of
from edition.pointers import (authority_key, expand, file_key, is_undeclared_prefix, pointed_file, pointer_parts,
                              prefix_definitions)
from edition.site.discover import is_text
from edition.tei import TEI_NS

POINTER_ATTRIBUTES = ("ref", "corresp", "target", "resp", "who", "source", "url")
ALWAYS_LOCAL = {"ref", "corresp", "resp", "who"}  # never a URL or a file: "#id"
ENTITY_ELEMENTS = {kind.name: (f"tei:{kind.name_element}",
                               "tei:rs[" + " or ".join(f"@type = '{rs_type}'" for rs_type in (kind.name, *kind.rs_types)) + "]")
                   for kind in ENTITY_KINDS}
"""The elements whose @ref must point at a register entry of that kind."""


@dataclass(frozen=True)
class PointerGroup:
    """Pointers of one attribute that must point at the same kind of thing."""

    attribute: str
    expects: str | None  # the kind of entry the pointer must name (persName/@ref: a person)
    pattern: str  # an XSLT match pattern for the attribute nodes
    query: str  # the same nodes as an XPath, in document order: to find one again when it is reported

    @cached_property
    def carriers(self) -> etree.XPath:
        return etree.XPath(self.query, namespaces={"tei": TEI_NS})


_ENTITY_PARENTS = " or ".join(f"parent::{element}" for elements in ENTITY_ELEMENTS.values() for element in elements)
POINTER_GROUPS = (
    *(PointerGroup("ref", kind, " | ".join(f"{element}/@ref" for element in elements),
                   " | ".join(f"//{element}/@ref" for element in elements))
      for kind, elements in ENTITY_ELEMENTS.items()),
    PointerGroup("ref", None, "@ref", f"//@ref[not({_ENTITY_PARENTS})]"),
    *(PointerGroup(attribute, None, f"@{attribute}", f"//@{attribute}")
      for attribute in POINTER_ATTRIBUTES if attribute != "ref"),
)
IDENTIFIERS = PointerGroup("xml:id", None, "@xml:id", "//@xml:id")


def _facts_stylesheet() -> etree.XSLT:
    """One pass in C over every attribute of a document, writing a line ``code TAB value`` for each
    id (code ``id``, or the kind of register entry it names) and each pointer (code: its group's
    number). Most elements carry one, so a Python loop over them all would dominate validating
    a large edition."""
    xsl = "http://www.w3.org/1999/XSL/Transform"

    def line(code: str) -> str:
        return f'<xsl:text>{code}&#9;</xsl:text><xsl:value-of select="normalize-space(.)"/><xsl:text>&#10;</xsl:text>'

    templates = [f'<xsl:template match="{group.pattern}">{line(str(number))}</xsl:template>'
                 for number, group in enumerate(POINTER_GROUPS)]
    templates.append(f'<xsl:template match="@xml:id">{line("id")}</xsl:template>')
    # An entry's idno follow its id, as "idno TAB value TAB the entry's id": its authority URIs.
    idnos = ('<xsl:for-each select="../tei:idno"><xsl:text>idno&#9;</xsl:text><xsl:value-of select="normalize-space(.)"/>'
             '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(../@xml:id)"/><xsl:text>&#10;</xsl:text>'
             '</xsl:for-each>')
    # In a register file ($names), then its first name, as "name TAB name TAB the entry's id".
    name = ('<xsl:if test="$names"><xsl:text>name&#9;</xsl:text><xsl:value-of select="normalize-space(../tei:{0} | ../tei:name)"/>'
            '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(.)"/><xsl:text>&#10;</xsl:text></xsl:if>')
    templates += [f'<xsl:template match="tei:{element}/@xml:id">{line(kind.name)}{idnos}{name.format(kind.name_element)}</xsl:template>'
                  for element, kind in BY_ENTRY_ELEMENT.items()]
    return etree.XSLT(etree.XML(
        f'<xsl:stylesheet version="1.0" xmlns:xsl="{xsl}" xmlns:tei="{TEI_NS}"><xsl:output method="text"/>'
        '<xsl:param name="names" select="false()"/><xsl:template match="/"><xsl:apply-templates select="//@*"/></xsl:template><xsl:template match="@*"/>'
        + "".join(templates) + "</xsl:stylesheet>"))


_FACTS = _facts_stylesheet()

Where = tuple[int, int]
"""``(group, position)``: the position-th value of ``POINTER_GROUPS[group]``, or of the
identifiers when ``group`` is -1; the element is found again only when a rule reports it."""


@dataclass
class Facts:
    path: Path
    display: str
    validated: bool = True
    """False for a document read only so that the validated documents' pointers resolve."""
    identifiers: list[str] = field(default_factory=list)  # every xml:id, in document order
    entries: dict[str, str] = field(default_factory=dict)  # register entry id -> its kind: person, place, org
    pointers: list[list[str]] = field(default_factory=list)  # per POINTER_GROUPS: its values, in document order
    authorities: dict[str, str] = field(default_factory=dict)  # an entry's idno URI (authority_key) -> its id
    names: dict[str, str] = field(default_factory=dict)  # a register file's entries: id -> first name (else empty)
    written: dict[str, str] = field(default_factory=dict)  # a pointer a prefixDef expanded -> as written: "pmb:11"

    # Cached as a few long strings, split only when asked: validating one text brings back the
    # facts of every document of the edition but looks at little more than their ids, so loading
    # each document's hundreds of short strings would be wasted.
    def __getstate__(self):
        return (self.path, self.display, self.validated, self.entries, self.authorities, self.names, self.written,
                _joined(self.identifiers), [_joined(values) for values in self.pointers])

    def __setstate__(self, state) -> None:
        (self.path, self.display, self.validated, self.entries, self.authorities, self.names, self.written,
         identifiers, pointers) = state
        self.__dict__["_joined"] = {"identifiers": identifiers, "pointers": pointers}

    def __getattr__(self, name: str):  # only for the two lists not split yet
        joined = self.__dict__.get("_joined", {}).pop(name, None)
        if joined is None:
            raise AttributeError(name)
        value = _split(joined) if name == "identifiers" else [_split(values) for values in joined]
        setattr(self, name, value)
        return value


def _joined(values: list[str]) -> tuple[int, str]:
    return len(values), "\0".join(values)  # no XML text holds a NUL


def _split(joined: tuple[int, str]) -> list[str]:
    count, text = joined
    return text.split("\0") if count else []


def facts_of(path: Path, display: str, tree: etree._ElementTree, validated: bool = True) -> Facts:
    facts = Facts(path, display, validated, pointers=[[] for _ in POINTER_GROUPS])
    listed = not is_text(tree)  # a register file: its entries' names are compared with other register files'
    for line in str(_FACTS(tree, names="true()") if listed else _FACTS(tree)).split("\n")[:-1]:
        code, _, value = line.partition("\t")
        if code.isdigit():
            facts.pointers[int(code)].append(value)
        elif code == "name":
            name, _, entry = value.partition("\t")
            facts.names.setdefault(entry, name)
        elif code == "idno":
            uri, _, entry = value.partition("\t")
            key = authority_key(uri)
            if key is not None:
                facts.authorities.setdefault(key, entry)
        else:
            facts.identifiers.append(value)
            if code != "id":
                facts.entries[value] = code
    prefixes = prefix_definitions(tree)
    if prefixes:  # pmb:123 -> the file.xml#id its prefixDef makes of it, resolved like any other

        def expanded(token: str) -> str:
            found = expand(token, prefixes)
            if found is None:
                return token
            facts.written.setdefault(found, token)
            return found

        facts.pointers = [[" ".join(map(expanded, value.split())) for value in values] for values in facts.pointers]
    return facts


def element_at(tree: etree._ElementTree, where: Where):
    """The element a ``Where`` names in the document's tree (None if the file changed meanwhile)."""
    group, position = where
    found = (IDENTIFIERS if group < 0 else POINTER_GROUPS[group]).carriers(tree)
    return found[position].getparent() if position < len(found) else None


Locate = Callable[[Facts, Where], tuple[int, int, str]]
"""Line, column and name of an element, found again only when a rule reports it."""


def check(documents: list[Facts], locate: Locate, house_rules: bool = True,
          unreadable_ids: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """The rules on the facts of every document. Each document's ids and each group of its pointers
    are first checked as sets (in C); only a document or group with a problem is walked value by
    value, to report each problem where it is.

    Without ``house_rules`` only referential integrity is checked: an id may recur in another
    document (TEI ids are per document: DraCor's ``#diener``), a pointer may be any URI but a
    dangerous one, and the kinds of entries are not compared. ``unreadable_ids``: what files that
    could not be parsed seem to hold; a pointer to one of them is not reported (the file's own
    error is), instead of blaming the readable files for what the unreadable one held.
    """
    found: list[Diagnostic] = []

    def report(severity, facts: Facts, where: Where, rule: str, message, hint: str) -> None:
        line, column, element = locate(facts, where)
        text = message(element) if callable(message) else message
        found.append(severity(facts.display, line, column, rule, text, hint=hint, element=element))

    validated = [facts for facts in documents if facts.validated]
    # Only the ids the validated documents hold or point at need their holder found, unless they
    # are all the documents: one text validated in a large edition builds no map of every id.
    authorities: dict[str, str] = {}  # an authority URI of an entry's idno -> the entry's id, the first holder's
    for facts in reversed(documents):
        authorities.update(facts.authorities)
    wanted = None if len(validated) == len(documents) else _wanted(validated, authorities)
    targets: dict[str, Facts] = {}  # id -> the document that holds it first (where: found when reported)
    holdings = 0  # more than len(targets) when an id is held twice
    for facts in reversed(documents):  # the first holder wins
        identifiers = facts.identifiers if wanted is None else wanted.intersection(facts.identifiers)
        targets.update(dict.fromkeys(identifiers, facts))
        holdings += len(identifiers)
    if not house_rules:
        pass  # ids unique per document: the grammar's job (xsd:ID)
    elif holdings != len(targets) or (wanted is not None and any(len(set(facts.identifiers)) != len(facts.identifiers)
                                                           for facts in validated)):  # an id is used twice
        _unique_identifiers(documents, wanted, locate, report)
    by_path: dict[Path, Facts] = {}

    def document_at(pointing: Facts, file: str) -> Facts | None:
        """The document ``file`` names, relative to the pointing one; None if it is not one of ours."""
        if not by_path:
            by_path.update((file_key(facts.path), facts) for facts in reversed(documents))
        return by_path.get(pointed_file(pointing.path, file))

    needs_referenced = any(facts.validated and facts.entries for facts in documents)
    referenced: set[str] = set()
    for facts in documents:
        if not facts.validated and not needs_referenced:  # only there for its ids
            continue
        for number, (group, values) in enumerate(zip(POINTER_GROUPS, facts.pointers)):
            tokens = set(" ".join(values).split())
            named = {token[1:] for token in tokens if token[:1] == "#" and token != "#"}
            others = [token for token in tokens if token[:1] != "#" or token == "#"]  # URLs, files, file#id
            if authorities:  # an authority URI an entry's idno holds names that entry
                resolved = {token: authorities.get(authority_key(token) or "") if token[:4] in ("http", "HTTP") else None
                            for token in others}
                named |= {identifier for identifier in resolved.values() if identifier}
                others = [token for token, identifier in resolved.items() if not identifier]
            referenced |= named
            referenced.update(filter(None, map(_fragment, others)))
            if not facts.validated:
                continue
            if not house_rules:
                local = group.attribute in ALWAYS_LOCAL
                others = [token for token in others if _unsafe_scheme(token, DANGEROUS_SCHEMES.__contains__)
                          or (local and token[:4] not in ("http", "HTTP") and is_undeclared_prefix(token))
                          or ("#" in token and _fragment(token))]  # file.xml#id: in that file?
            misnamed = house_rules and group.expects is not None and any(
                targets[identifier].entries.get(identifier) != group.expects
                for identifier in named if identifier in targets)
            if others or not targets.keys() >= named - unreadable_ids or misnamed:
                _check_values(facts, number, targets, locate, report, house_rules, unreadable_ids, authorities,
                              document_at)
    for facts in documents:
        if not facts.validated or not house_rules:
            continue
        for identifier, kind in facts.entries.items():
            if identifier not in referenced:
                report(warning, facts, (-1, facts.identifiers.index(identifier)), "register-unreferenced",
                       f'{kind} "{identifier}" is never referred to',
                       hint="tag its mentions with @ref, or remove the entry")
    if not house_rules:
        _register_conflicts(documents, locate, report)
    return found


def _register_conflicts(documents: list[Facts], locate: Locate, report) -> None:
    """Each entry of a validated register file that another register file declares under another
    name: the site would show only the first (``Registers.add``), so the editor chooses. Copies in
    texts (a letter's ``back``) may differ: the register file's entry wins over them."""
    declared: dict[str, list[Facts]] = defaultdict(list)
    for facts in documents:
        for identifier in facts.names:
            declared[identifier].append(facts)
    for identifier, holders in declared.items():
        for facts in holders if len(holders) > 1 else ():
            if not facts.validated:
                continue
            for other in holders:
                if other is not facts and other.names[identifier] != facts.names[identifier]:
                    line, column, _ = locate(other, (-1, other.identifiers.index(identifier)))
                    report(error, facts, (-1, facts.identifiers.index(identifier)), "register-conflict",
                           f'xml:id="{identifier}" is "{facts.names[identifier]}" here and '
                           f'"{other.names[identifier]}" at {other.display}:{line}:{column}',
                           hint="one id is one entry: give one of them another id, or make the names agree")
                    break


def _wanted(validated: list[Facts], authorities: dict[str, str]) -> set[str]:
    """The ids the validated documents hold, and those their pointers name."""
    wanted: set[str] = set()
    for facts in validated:
        wanted.update(facts.identifiers)
        for values in facts.pointers:
            for token in " ".join(values).split():
                wanted.add(token[1:] if token[:1] == "#" else _fragment(token) or authorities.get(authority_key(token) or "", ""))
    return wanted


def _unique_identifiers(documents: list[Facts], wanted: set[str] | None, locate: Locate, report) -> None:
    """Each id of a validated document that another place holds too: the first holder (in the
    documents' order) is told where the second is, every other where the first is. So a file's
    result does not depend on the files validated with it (an editor validating the copy of a text
    hears of the clash whichever of the two sorts first)."""
    holders: dict[str, list[tuple[Facts, int]]] = defaultdict(list)
    for facts in documents:
        for position, identifier in enumerate(facts.identifiers):
            if wanted is None or identifier in wanted:
                holders[identifier].append((facts, position))
    for identifier, held in holders.items():
        for index, (facts, position) in enumerate(held if len(held) > 1 else ()):
            if not facts.validated:
                continue
            other, at = held[1] if index == 0 else held[0]
            where = "is used again at" if index == 0 else "is already used at"
            report(error, facts, (-1, position), "id-unique",
                   f'xml:id="{identifier}" {where} {other.display}:{locate(other, (-1, at))[0]}',
                   hint="ids are unique across the whole edition; take the next free one")


def _check_values(facts: Facts, number: int, targets: dict[str, Facts], locate: Locate, report,
                  house_rules: bool = True, unreadable_ids: frozenset[str] = frozenset(),
                  authorities: dict[str, str] | None = None,
                  document_at: Callable[[Facts, str], Facts | None] = lambda facts, file: None) -> None:
    """Each pointer of one group of a validated document: every problem at its element."""
    group = POINTER_GROUPS[number]
    unsafe = (lambda scheme: scheme not in SAFE_SCHEMES) if house_rules else DANGEROUS_SCHEMES.__contains__
    for position, value in enumerate(facts.pointers[number]):
        where = (number, position)
        for token in value.split():
            shown = _as_written(facts, group.attribute, token)
            parts = pointer_parts(token)  # "#id" -> ("", "id"), "file.xml#id" -> ("file.xml", "id")
            file, identifier = parts if parts else ("", None)
            if identifier is None and authorities:
                identifier = authorities.get(authority_key(token) or "")
            held = document_at(facts, file) if file else None
            if held is not None and identifier not in held.identifiers:
                report(error, facts, where, "ref-resolves",
                       f'{shown}: {file} holds no xml:id="{identifier}"',
                       hint="correct the id, or the file's path (relative to this file)")
                continue
            if file and held is None and not (facts.path.parent / file).exists():
                report(error, facts, where, "ref-resolves", f'{shown}: there is no file {file}',
                       hint="correct the file's path (relative to this file), or point at the id alone: #id")
                continue
            if file and held is None and not house_rules:
                continue  # a file outside the files checked: not ours to read
            if identifier is None:
                if group.attribute in ALWAYS_LOCAL and is_undeclared_prefix(token):
                    prefix = token.partition(":")[0]
                    report(error, facts, where, "ref-resolves",
                           f'{shown}: no prefixDef in this file\'s header declares the prefix "{prefix}" '
                           f'with a matchPattern that fits "{token.partition(":")[2]}"',
                           hint=f'declare it in teiHeader/encodingDesc/listPrefixDef, e.g. <prefixDef ident="{prefix}" '
                                f'matchPattern="([0-9]+)" replacementPattern="registers.xml#{prefix}$1"/>, '
                                'or write the pointer as "#" and the xml:id')
                elif group.attribute in ALWAYS_LOCAL and house_rules:
                    authority = " or an authority URI no entry's <idno> holds" if authority_key(token) else ""
                    report(error, facts, where, "ref-resolves",
                           f'{shown} is not a pointer to an element of the edition{authority}',
                           hint='write "#" and the xml:id, e.g. ref="#trotsky"' + (
                               ", or add the URI to the entry's <idno>" if authority else ""))
                elif scheme := _unsafe_scheme(token, unsafe):
                    report(error, facts, where, "url-scheme",
                           f'{shown}: a {scheme}: URL is not allowed',
                           hint="link to an http(s) or mailto URL, or point at an element with #id")
                continue
            owner = held or targets.get(identifier)
            if owner is None and identifier in unreadable_ids:
                continue
            if owner is None:
                report(error, facts, where, "ref-resolves",
                       f'{shown} points at no xml:id of the edition',
                       hint="add the entry to the register, or correct the id")
            elif house_rules and group.expects and group.expects != owner.entries.get(identifier):
                pointed = owner.entries.get(identifier) or locate(owner, (-1, owner.identifiers.index(identifier)))[2]
                report(error, facts, where, "ref-kind",
                       lambda element, token=facts.written.get(token, token), pointed=pointed:
                       f'<{element} ref="{token}"> points at a <{pointed}>, not a {group.expects}',
                       hint=f"point it at the {group.expects}s register, or change the element")


def _as_written(facts: Facts, attribute: str, token: str) -> str:
    """``@ref="pmb:11"`` as the editor wrote it, with what the file's prefixDef made of it."""
    written = facts.written.get(token)
    return f'@{attribute}="{written}" (by its prefixDef: "{token}")' if written else f'@{attribute}="{token}"'


def _unsafe_scheme(token: str, unsafe: Callable[[str], bool] = lambda scheme: scheme not in SAFE_SCHEMES) -> str | None:
    """The scheme of a URL that ``unsafe`` refuses (by default any but a plain web or mail link), else None."""
    scheme = scheme_of(token)
    return scheme if scheme is not None and unsafe(scheme) else None


def _fragment(token: str) -> str | None:
    """The id a pointer names ("#id", "file.xml#id"), or None for a URL or a plain file."""
    parts = pointer_parts(token)
    return parts[1] if parts else None
