"""``tei-edition validate``: grammar, Schematron and cross-document rules on every file.

Which rules a document gets:

* ``schema=None`` (the default): the schemas its ``<?xml-model?>`` instructions name (local files
  only, resolved relative to the document), else the edition's ``schema/edition.rng``; the
  edition's Schematron (or the one its xml-model names) and the cross-document rules of
  :mod:`edition.validation.crossrefs` when it is an edition document.
* ``schema="edition"``: the edition's grammar and all the edition's rules, whatever xml-model says.
* ``schema="tei_all"`` or a path to a ``.rng``: that grammar only, so that any TEI corpus can be
  checked. tei_all is run by jing when it is installed (jing compiles it many times faster than
  libxml2), on the files the hardened parser accepted; ``engine`` forces one or the other.

Every file is read through :mod:`edition.xmlio`; a malformed one is reported and the others checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition import workers
from edition.caching import content_digest, file_version
from edition.diagnostics import Diagnostic, error, warning
from edition.project import EDITION_RNG, EDITION_SCH, REPOSITORY_DIR, xml_files
from edition.tei import RNG_NS, SCH_NS, local_name
from edition.validation import crossrefs, grammar, schematron
from edition.validation.cache import ValidationCache, schema_digest
from edition.validation.grammar import SchemaError
from edition.validation.positions import SourcePositions
from edition.xmlio import UnreadableXML, ids_in_unreadable, parse_bytes, read_bytes

TEI_ALL_RNG = REPOSITORY_DIR.parent / "shared" / "tei" / "tei_all.rng"
"""Where this repository's edition.toml says tei_all is (beside the checkout); tests look for it here."""

__all__ = ["validate_paths", "rules_for", "Rules", "EDITION_RULES", "TEI_ALL_RNG"]


@dataclass(frozen=True)
class Rules:
    """What a run checks beyond what each file asks for with its ``<?xml-model?>`` instructions.

    TEI grammar and referential integrity (pointers resolve, no dangerous URL) apply to every
    file; the house rules (the edition's Schematron, ids unique across the edition, ``@ref`` of
    the right kind, unreferenced register entries) only when ``house_rules`` is set.
    """

    grammar: Path | None  # for a file that names no local grammar (None: there is none, say so)
    house_rules: bool = True
    context: Path | None = None  # the edition's folder: read so that a file's pointers into it resolve
    extensions: tuple[str, ...] = (".xml",)
    tei_all: Path | None = None  # where tei_all.rng is (--schema tei_all)
    no_grammar: str = ""  # why there is no grammar, told to each file that needs one


EDITION_RULES = Rules(EDITION_RNG, tei_all=TEI_ALL_RNG if TEI_ALL_RNG.is_file() else None)
"""The library's default: this toolkit's edition (its grammar and house rules)."""


PARALLEL_FROM = 200
"""From this many files on, they are checked by one worker process per core (fork is cheap, and
reading, grammar and Schematron are per file); fewer are checked in-process (an editor's save)."""


@dataclass
class _Checked:
    """What checking one file gives: its diagnostics and, for an edition document, its facts."""
    diagnostics: list[Diagnostic]
    facts: crossrefs.Facts | None = None
    for_jing: Path | None = None  # the grammar jing checks the file against, later, with the others
    digest: str = ""  # of the bytes checked ("" when unreadable: never remembered)
    version: tuple[int, int] | None = None  # the file's size and time, taken before it was read
    schemas: tuple[str, ...] = ()  # the schema files the result depends on, found or looked for
    unreadable_ids: frozenset[str] = frozenset()  # what a file that could not be parsed seems to hold


def validate_paths(paths: list[Path], schema: str | None = None, engine: str = "auto",
                   cache: bool = False, rules: Rules = EDITION_RULES) -> list[Diagnostic]:
    """Validate the XML files named or found under ``paths``; every problem of every file.

    ``engine`` (for a ``schema`` given): ``auto`` (jing for tei_all when installed, else libxml2),
    ``lxml`` or ``jing``. ``cache``: reuse what checking an unchanged file gave last time (see
    :mod:`edition.validation.cache`); the result is the same either way.
    """
    try:
        forced = _schema_option(schema, rules)
        use_jing = forced is not None and _use_jing(forced, engine)
        if forced is not None and not use_jing:
            grammar.compiled(forced)  # once, before any file: a broken schema is a usage error
    except SchemaError as exc:
        return [error(schema or "", 0, 0, "usage", str(exc), hint="--schema edition, tei_all or a .rng file")]
    files = xml_files([Path(p) for p in paths], rules.extensions)
    if not files:
        return [error(", ".join(map(str, paths)), 0, 0, "usage",
                      f"no TEI file to check (no file ending in {' or '.join(rules.extensions)})",
                      hint="name TEI files or folders; other endings: sources.extensions in edition.toml")]
    _positions.cache_clear()  # files may have changed since an earlier call in this process
    schema_digest.cache_clear()
    memory = ValidationCache((str(forced), use_jing, rules), enabled=cache)
    known = [memory.get("checked", path, _display(path)) for path in files]
    todo = [path for path, result in zip(files, known) if result is None]
    unknown = set(todo)
    fresh = workers.map_in_order(_check_file, (forced, use_jing, rules), todo, serial_below=PARALLEL_FROM,
                                 chunk=max(1, len(todo) // (workers.worker_count() * 8)))
    results = []
    for path, result in zip(files, known):
        if result is None:
            result = next(fresh)
            if not result.for_jing:  # one jing has yet to check is remembered once jing has
                memory.put("checked", path, _display(path), result, result.schemas, result.digest, result.version)
        results.append(result)
    found = _said_once([d for result in results for d in result.diagnostics])
    for_jing: dict[Path, dict[Path, str]] = {}
    for path, result in zip(files, results):
        if result.for_jing:
            for_jing.setdefault(result.for_jing, {})[path] = _display(path)
    checked = dict(zip(files, results))
    for rng, by_jing in for_jing.items():
        reported = _jing(rng, by_jing)
        found.extend(reported)
        jing_ran = not any(d.rule == "usage" for d in reported)  # then an unchanged file goes to jing once
        by_display: dict[str, list[Diagnostic]] = {}
        for diagnostic in reported if jing_ran else ():
            by_display.setdefault(diagnostic.path, []).append(diagnostic)
        for path, display in by_jing.items():
            result = checked[path]
            if jing_ran:
                memory.put("checked", path, display,
                           replace(result, diagnostics=result.diagnostics + by_display.get(display, []), for_jing=None),
                           result.schemas, result.digest, result.version)
            elif path in unknown:  # as checked before jing, to go to jing again next time
                memory.put("checked", path, display, result, result.schemas, result.digest, result.version)
    edition = [result.facts for result in results if result.facts is not None]
    if edition:
        documents = edition + _edition_context(edition, files, memory, rules)
        documents.sort(key=lambda facts: os.path.abspath(facts.path).split(os.sep))  # the edition's order, always
        unreadable_ids = frozenset().union(*(result.unreadable_ids for result in results))
        found.extend(crossrefs.check(documents, _locate, house_rules=rules.house_rules, unreadable_ids=unreadable_ids))
    memory.prune()
    return sorted(found)


def _check_file(options: tuple[Path | None, bool, Rules], path: Path) -> _Checked:
    """Read one file and check it on its own (grammar unless jing does it, Schematron);
    ``options``: the schema forced on every file (or None), whether jing checks the grammar, the rules."""
    forced, use_jing, rules = options
    display = _display(path)
    try:
        version = file_version(path)
        data = read_bytes(path)
    except UnreadableXML as exc:  # not read at all (missing, a folder, too large): nothing to remember
        return _Checked(exc.diagnostics)
    try:
        tree = parse_bytes(data, display)
    except UnreadableXML as exc:
        return _Checked(exc.diagnostics, digest=content_digest(data), version=version,
                        unreadable_ids=ids_in_unreadable(data))
    positions = SourcePositions(tree, data)
    found: list[Diagnostic] = []
    if forced is not None:
        rng, sch = forced, (EDITION_SCH if forced == EDITION_RNG else None)
        consulted = [rng, sch] if sch else [rng]
    else:
        rng, sch, problems, consulted = _xml_model(tree, path, display, rules)
        found.extend(problems)
        # jing only for a grammar the user chose: one a document names may include URLs jing would fetch.
        use_jing = rng is not None and rng in (rules.grammar, rules.tei_all) and _use_jing(rng, "auto", rules)
    if not use_jing and rng is not None:  # jing reads only files the hardened parser accepted: this one, later
        found.extend(_checked(grammar.validate_tree, rng, tree, positions, display))
    if sch is not None:
        found.extend(_checked(schematron.validate_tree, sch, tree, positions, display))
    facts = crossrefs.facts_of(path, display, tree)  # referential integrity: every file
    return _Checked(found, facts, use_jing and rng, content_digest(data), version, tuple(map(str, consulted)))


def _locate(facts: crossrefs.Facts, where: crossrefs.Where) -> tuple[int, int, str]:
    """Line, column and name of an element a cross-document rule reports (the file is read again)."""
    positions = _positions(facts.path)
    element = crossrefs.element_at(positions.tree, where) if positions is not None else None
    if element is None:
        return 0, 0, ""
    return (*positions.of(element), local_name(element))


@lru_cache(maxsize=64)
def _positions(path: Path) -> SourcePositions | None:
    try:
        data = read_bytes(path)
        return SourcePositions(parse_bytes(data, path), data)
    except UnreadableXML:
        return None


def _schema_option(schema: str | None, rules: Rules = EDITION_RULES) -> Path | None:
    if schema is None:
        return None
    if schema == "edition":
        return EDITION_RNG
    if schema == "tei_all":
        return find_tei_all(rules.tei_all)
    path = Path(schema)
    if not path.is_file():
        raise SchemaError(f"no schema file {schema}")
    return path.resolve()


def rules_for(config, fallback_needed: bool = True) -> Rules:
    """What a run checks beyond each file's xml-model, from an edition's configuration
    (:class:`edition.config.Config`). The grammar of a file that names none is looked for only
    when no ``--schema`` replaces it; tei_all missing is told to each file that needs it (many
    name their own grammar); a configured schema file that is missing is a SchemaError."""
    schema = (config["validation.schema"] or "tei_all") if fallback_needed else "edition"
    context = Path(config["sources.folder"]) if config.path else None
    common = dict(house_rules=config["validation.house_rules"], context=context, extensions=config.extensions,
                  tei_all=config.tei_all())
    try:
        grammar = (EDITION_RNG if schema == "edition" else find_tei_all(config.tei_all()) if schema == "tei_all"
                   else Path(schema))
    except SchemaError as exc:
        return Rules(None, no_grammar=str(exc), **common)
    if not grammar.is_file():
        raise SchemaError(f"no schema file {grammar} (validation.schema, {config.origin('validation.schema')})")
    return Rules(grammar.resolve(), **common)


def _said_once(found: list[Diagnostic]) -> list[Diagnostic]:
    """A usage error that every file repeats (no grammar configured) is the run's: said at its first
    file with how many others it concerns, not once a file."""
    first: dict[str, Diagnostic] = {}
    others: dict[str, int] = {}
    for diagnostic in found:
        if diagnostic.rule == "usage":
            if diagnostic.message in first:
                others[diagnostic.message] += 1
            else:
                first[diagnostic.message], others[diagnostic.message] = diagnostic, 0
    if not any(others.values()):
        return found
    kept = {id(d): replace(d, message=f"{d.message} (and {others[d.message]} other files)") if others[d.message] else d
            for d in first.values()}
    return [kept.get(id(d), d) for d in found if d.rule != "usage" or id(d) in kept]


def find_tei_all(where: Path | None) -> Path:
    """tei_all.rng where the configuration or $TEI_ALL says; a usage error saying where to get it."""
    from edition.config import TEI_ALL_SOURCE

    if where is None or not Path(where).is_file():
        looked = f"not found at {where}" if where else "not configured"
        raise SchemaError(f"tei_all.rng is {looked}; get it from {TEI_ALL_SOURCE}, then name it with "
                          "tei_all = \"PATH\" under [validation] in edition.toml, $TEI_ALL or --schema PATH")
    return Path(where).resolve()


def _use_jing(rng: Path, engine: str, rules: Rules = EDITION_RULES) -> bool:
    """jing for every grammar the user chose but the edition's own (libxml2 stops at a file's first error and
    compiles a large grammar slowly; the edition's small one is compiled once, in process)."""
    if engine == "jing":
        return True
    return engine == "auto" and not _is_edition_grammar(rng) and grammar.jing_available()


@lru_cache(maxsize=64)
def _is_edition_grammar(rng: Path) -> bool:
    """The edition's grammar, or a copy of it (an edition made by ``tei-edition init`` has one)."""
    if rng == EDITION_RNG:
        return True
    try:
        return rng.stat().st_size == EDITION_RNG.stat().st_size and rng.read_bytes() == EDITION_RNG.read_bytes()
    except OSError:
        return False


def _checked(check, schema: Path, tree, positions, display: str) -> list[Diagnostic]:
    """Run one check; a schema a document named that cannot be used is a warning, not a crash
    (the edition's own schemas are tested: if they break, that is an error)."""
    try:
        return check(schema, tree, positions, display)
    except SchemaError as exc:
        if schema in (EDITION_RNG, EDITION_SCH):
            return [error(display, 1, 1, "usage", str(exc), hint="the edition's schema is broken: fix it")]
        return [warning(display, 1, 1, "xml-model", str(exc), hint="fix the schema, or choose one with --schema")]


def _jing(schema: Path, files: dict[Path, str]) -> list[Diagnostic]:
    try:
        grammar.schema_tree(schema)  # the hardened parser first: jing would expand a schema's entities
        by_file = grammar.validate_with_jing(schema, list(files))
    except UnreadableXML as exc:
        return [error(str(schema), 0, 0, "usage", f"cannot read the schema {schema}: {exc}",
                      hint="fix the schema, or choose another with --schema")]
    except SchemaError as exc:
        return [error(str(schema), 0, 0, "usage", f"cannot compile the schema {schema}: {exc}",
                      hint="check the schema (and Java's options, if you set any), or use --engine lxml")]
    return [replace(d, path=files[path]) for path, diagnostics in by_file.items() for d in diagnostics]


def _xml_model(tree, path: Path, display: str,
               rules: Rules) -> tuple[Path, Path | None, list[Diagnostic], list[Path]]:
    """The grammar and Schematron the document's ``<?xml-model?>`` instructions name, the problems
    in following them, and every schema file looked for (the result depends on them).

    Local files only: a URL is never fetched (warning, and the run's grammar is used).
    """
    fallback = ("the edition's schema" if rules.grammar == EDITION_RNG
                else rules.grammar.name if rules.grammar else "no grammar")
    rng: Path | None = None
    sch: Path | None = None
    problems: list[Diagnostic] = []
    consulted: list[Path] = []
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
                                    f"remote schema {href!r} is not fetched; {fallback} is used",
                                    hint="point xml-model at a local copy, or pass --schema"))
            continue
        local = _local_file(path.parent, href)
        consulted.append(local or _absolute(path.parent / href))
        if local is None:
            problems.append(warning(display, pi.sourceline, 1, "xml-model",
                                    f"schema {href!r} not found (looked for {_absolute(path.parent / href)}); "
                                    f"{fallback} is used",
                                    hint="correct the href relative to this file"))
            continue
        if kind == RNG_NS:
            rng = rng or local
        else:
            sch = sch or local
    if rng is None and rules.grammar is None:
        problems.append(error(display, 1, 1, "usage", f"this file names no grammar with <?xml-model?> and {rules.no_grammar}",
                              hint="or name a local .rng with <?xml-model?>, or pass --schema edition or PATH"))
        return None, sch, problems, consulted + ([sch] if sch else [])
    rng = rng or rules.grammar
    if sch is None and rules.house_rules and _is_edition_grammar(rng):
        sch = EDITION_SCH
    return rng, sch, problems, consulted + [rng] + ([sch] if sch else [])


def _prolog_instructions(tree):
    """The processing instructions before the root element, in document order."""
    found = [node for node in tree.getroot().itersiblings(preceding=True)
             if node.tag is etree.PI and node.target == "xml-model"]
    return reversed(found)


def _edition_context(documents: list[crossrefs.Facts], checked: list[Path],
                     memory: ValidationCache, rules: Rules) -> list[crossrefs.Facts]:
    """The other documents of the editions the validated ones belong to (texts and registers).

    They are read so that pointers into them resolve (an editor validates one text on save) and
    so that their references count; their own problems are only reported when they are validated.
    An edition is the folder above the nearest ``registers/``, else the configured edition's
    folder (``rules.context``) for a document inside it; nothing else (a stray file is not part of
    the edition around the working folder, and this toolkit's own edition is never read by default).
    """
    validated = {os.path.abspath(path) for path in checked}  # an unreadable one too: it was reported
    roots = {_edition_root(_absolute(document.path.parent), rules.context) for document in documents}
    context = []
    for path in xml_files(sorted(root for root in roots if root is not None and root.is_dir()), rules.extensions):
        if (absolute := os.path.abspath(path)) in validated:
            continue
        validated.add(absolute)
        # A file checked by an earlier run (the whole edition) gave the same facts.
        checked_before = memory.get("checked", path, _display(path))
        facts = checked_before.facts if checked_before and checked_before.facts \
            else memory.get("context", path, _display(path))
        if facts is None:
            try:
                version = file_version(path)
                data = read_bytes(path)
                facts = crossrefs.facts_of(path, _display(path), parse_bytes(data, path), validated=False)
            except UnreadableXML:
                continue
            memory.put("context", path, _display(path), facts, [], content_digest(data), version)
        facts.validated = False  # a copy of its own, fresh from the cache
        context.append(facts)
    return context


@lru_cache(maxsize=None)
def _edition_root(folder: Path, configured: Path | None) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / "registers").is_dir():
            return candidate
    if configured is not None and (folder == configured or configured in folder.parents):
        return configured
    return None


@lru_cache(maxsize=None)
def _local_file(folder: Path, href: str) -> Path | None:
    """The file an xml-model href names, or None; cached: every document of a folder names the same."""
    local = (folder / href).resolve()
    return local if local.is_file() else None


def _absolute(path: Path) -> Path:
    """An absolute, normalised path without touching the disk (many thousand calls)."""
    return Path(os.path.abspath(path))


def _display(path: Path) -> str:
    """The path as the user gave it; an absolute one relative to the working folder when inside it."""
    text = str(path)
    if path.is_absolute():  # strings, not Paths: twice for each file of a large edition
        here = os.getcwd()
        return os.path.relpath(text, here) if text.startswith(here.rstrip(os.sep) + os.sep) else text
    return text
