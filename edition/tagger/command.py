"""``tei-edition tag``: plain text -> tagged TEI, or ``--update`` of a TEI file in place."""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import click
from lxml import etree

from edition.project import EDITION_RNG, EDITION_SCH, default_registers_dir
from edition.tagger.document import build_document, document_id, paragraphs
from edition.tagger.model import ELEMENTS
from edition.tagger.report import candidates, format_report
from edition.tagger.tagger import LANGUAGES, Tagger
from edition.tagger.update import add_tags, blocks_of
from edition.tei import XML_LANG, qn
from edition.textview import source_words
from edition.writing import serialize, write_atomically
from edition.xmlio import UnreadableXML, parse_bytes, read_bytes

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def run_tag(input_path: Path, *, lang: str | None, registers: Path | None, output: Path | None,
            report: bool, update: bool, diff: bool = False, licence: str | None = None) -> int:
    folder = Path(registers) if registers else default_registers_dir()
    if not folder.is_dir():
        click.echo(f"warning: no registers at {folder}; only dates will be tagged", err=True)
    if update:
        return _update(Path(input_path), lang, folder, output, report, diff)
    return _plain(Path(input_path), lang, folder, output, report, licence)


def _plain(path: Path, lang: str | None, folder: Path, output: Path | None, report: bool,
           licence: str | None = None) -> int:
    if lang not in LANGUAGES:
        click.echo("error: --lang ru|en|it is required for a plain text", err=True)
        return EXIT_USAGE
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except UnreadableXML as exc:
        for diagnostic in exc.diagnostics:
            click.echo(diagnostic.format(), err=True)
        return EXIT_USAGE
    except UnicodeDecodeError as exc:
        click.echo(f"error: {path}: cannot read it as UTF-8 text: {exc}", err=True)
        return EXIT_USAGE
    tagger = Tagger.from_folder(folder, lang)
    lines = paragraphs(text)
    found = tagger.tag_texts(lines)
    tree = build_document(lines, found, lang=lang, docid=document_id(path.stem), source_name=path.name,
                          output=output, licence=licence)
    data = serialize(tree)
    problems = validation_errors(data, str(output or "<stdout>"))
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        click.echo("error: the tagged document does not validate; nothing written", err=True)
        return EXIT_INVALID
    if report:
        click.echo(format_report(candidates(lines, found, lang)))
    if output is not None:
        if _write(output, data) is False:
            return EXIT_USAGE
        click.echo(f"{output}: {_summary(Counter(m.element for ms in found for m in ms))}", err=True)
    elif not report:
        click.echo(data, nl=False)
    return EXIT_OK


def _update(path: Path, lang: str | None, folder: Path, output: Path | None, report: bool, diff: bool) -> int:
    try:
        original = read_bytes(path)
        tree = parse_bytes(original, path)
    except UnreadableXML as exc:
        for diagnostic in exc.diagnostics:
            click.echo(diagnostic.format(), err=True)
        return EXIT_USAGE
    lang = lang or tree.getroot().get(XML_LANG, "")
    if lang not in LANGUAGES:
        click.echo("error: the document has no xml:lang of ru, en or it; give --lang", err=True)
        return EXIT_USAGE
    before = source_words(tree)
    header_before = _header(tree)
    errors_before = set(validation_errors(original, str(path)))
    tagger = Tagger.from_folder(folder, lang)
    added = add_tags(tree, tagger)
    data = serialize(tree, original)
    # Check the result as it will be on disk, not the tree in memory.
    written = parse_bytes(data, path)
    if source_words(written) != before or _header(written) != header_before or not _same_nodes(original, data):
        click.echo(f"error: {path}: tagging would change the document's text; nothing written", err=True)
        return EXIT_INVALID
    new_errors = [e for e in validation_errors(data, str(path)) if e not in errors_before]
    if new_errors:
        for problem in new_errors:
            click.echo(problem, err=True)
        click.echo(f"error: {path}: the tagged document would not validate; nothing written", err=True)
        return EXIT_INVALID
    if report:
        blocks = blocks_of(written)
        texts = [b.text for b in blocks]
        click.echo(format_report(candidates(texts, [tagger.find(t) for t in texts], lang)))
    target = output or path
    if not added and target == path:
        click.echo(f"{path}: nothing to add", err=True)
        return EXIT_OK
    backup = _write(target, data)
    if backup is False:
        return EXIT_USAGE
    click.echo(f"{target}: added {_summary(added)}" + (f" (backup: {backup})" if backup else ""), err=True)
    if diff:
        click.echo("".join(difflib.unified_diff(original.decode("utf-8", "replace").splitlines(True),
                                                data.decode("utf-8", "replace").splitlines(True),
                                                str(path), str(target))), nl=False)
    return EXIT_OK


def _write(target: Path, data: bytes):
    """Write atomically with a backup; the backup's path (or None), False when the disk refused."""
    try:
        return write_atomically(target, data, backup=True)
    except OSError as exc:
        click.echo(f"error: {target}: cannot write: {exc.strerror or exc}; the document is unchanged", err=True)
        return False


def _header(tree) -> bytes:
    header = tree.getroot().find(qn("tei:teiHeader"))
    return b"" if header is None else etree.tostring(header)


def _summary(counts: Counter) -> str:
    return ", ".join(f"{counts.get(name, 0)} {name}" for name in ELEMENTS.values())


def _same_nodes(before: bytes, after: bytes) -> bool:
    """Every comment, processing instruction and existing element is still there, in order."""

    def inventory(data: bytes):
        tree = parse_bytes(data)
        items = []
        for node in tree.getroot().iter():
            if node.tag is etree.Comment or node.tag is etree.PI:
                items.append(("node", str(node)))
            else:
                items.append((node.tag, tuple(node.attrib.items())))
        return items

    old, new = inventory(before), inventory(after)
    # The new document has the old one's nodes as a subsequence (only tags were added).
    iterator = iter(new)
    return all(any(item == candidate for candidate in iterator) for item in old)


def validation_errors(data: bytes, display: str) -> list[str]:
    """The edition grammar's and rules' errors for a document (compared before and after tagging)."""
    if not EDITION_RNG.is_file():
        return []
    try:
        from edition.validation import grammar, schematron
        from edition.validation.positions import SourcePositions
    except ImportError:  # the validator is not installed: nothing to compare
        return []
    tree = parse_bytes(data, display)
    positions = SourcePositions(tree, data)
    found = grammar.validate_tree(EDITION_RNG, tree, positions, display)
    if EDITION_SCH.is_file():
        found += schematron.validate_tree(EDITION_SCH, tree, positions, display)
    return [f"{d.rule}: {d.message}" for d in found if d.is_error]
