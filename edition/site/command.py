"""``tei-edition build``: run the pipeline, show progress on a terminal, print a summary."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from edition.diagnostics import printable
from edition.entities import ENTITY_KINDS
from edition.xmlio import UnreadableXML

EXAMPLES_PER_RULE = 5


@dataclass(frozen=True)
class SiteSettings:
    """What the configuration says of the site, as ``build_site`` takes it (its keyword arguments).
    ``of`` is the one place a configuration becomes them, for ``build`` and ``serve --watch`` alike."""
    extensions: tuple[str, ...] = (".xml",)
    title: str | None = None
    base_url: str = ""
    licence: str | None = None
    editors: tuple[str, ...] = ()
    iiif_base: str | None = None

    @classmethod
    def of(cls, config, folder: Path) -> "SiteSettings":
        """The settings for building ``folder``: the endings of TEI files; the edition's title,
        address, licence, editors and image server only when ``folder`` is in it (never those of
        another edition's edition.toml in a folder above)."""
        if config.path is None or not config.holds(folder):
            return cls(config.extensions)
        return cls(config.extensions, config["edition.title"], config["edition.base_url"],
                   config["edition.licence"], tuple(config["edition.editors"]), config["facsimile.iiif_base"])


def run_build(source: Path, out: Path, settings: SiteSettings = SiteSettings(), search_index: bool = True) -> int:
    """Build the site from ``source`` into ``out``; 0 when built (warnings included), 1 when built
    without a source file that could not be read, 2 when not built."""
    from edition.site.pipeline import BuildError, build_site
    from edition.site.search import SearchIndexError

    try:
        if sys.stderr.isatty():
            report = _with_progress_bar(build_site, source, out, search_index, settings)
        else:
            report = build_site(source, out, search_index=search_index, **asdict(settings))
    except (BuildError, SearchIndexError, UnreadableXML, OSError) as exc:
        click.echo(f"tei-edition build: {exc}; the previous site (if any) is untouched", err=True)
        return 2
    print_summary(report, out)
    if report.skipped:
        click.echo(f"tei-edition build: {len(report.skipped)} source file(s) could not be read and are missing "
                   f"from the site: {printable(', '.join(map(str, report.skipped)))}; references to what they hold were "
                   "not checked. Fix them (tei-edition validate names each problem) and build again", err=True)
        return 1
    return 0


def _with_progress_bar(build_site, source, out, search_index, settings):
    from rich.progress import Progress

    # Refreshed by hand, not by rich's thread: the build forks workers only from a single-threaded process.
    with Progress(transient=True, auto_refresh=False) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or 1)
            bar.update(tasks[stage], completed=done, total=total or 1, refresh=True)

        return build_site(source, out, progress=progress, search_index=search_index, **asdict(settings))


def counted(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def print_summary(report, out: Path) -> None:
    by_rule = Counter(d.rule for d in report.diagnostics)
    shown = Counter()
    for diagnostic in report.diagnostics:
        shown[diagnostic.rule] += 1
        if shown[diagnostic.rule] <= EXAMPLES_PER_RULE:
            click.echo(diagnostic.format(), err=True)
    for rule, count in sorted(by_rule.items()):
        if count > EXAMPLES_PER_RULE:
            click.echo(f"… and {count - EXAMPLES_PER_RULE} more [{rule}] warnings", err=True)
    unknown = Counter(d.element for d in report.diagnostics if d.rule == "unknown-element")
    if unknown:
        click.echo("Elements without a rendering rule (files): "
                   + ", ".join(f"<{name}> {count}" for name, count in unknown.most_common()), err=True)
    warnings = (f"{counted(report.warnings, 'warning')} ("
                + ", ".join(f"{rule}: {count}" for rule, count in sorted(by_rule.items())) + ")"
                if report.warnings else "no warnings")
    click.echo(
        f"Built {out}: {counted(report.pages, 'page')} from {counted(report.documents, 'document')}; "
        f"{', '.join(counted(report.entries[kind.name], kind.singular, kind.plural) for kind in ENTITY_KINDS)}; "
        f"{counted(report.mentions, 'mention')}"
        f"{f' (and {report.other_references} references to works or events, not indexed)' if report.other_references else ''}, "
        f"{counted(report.dates, 'date')}, {counted(report.notes, 'note')}, "
        f"{counted(report.translation_notes, 'translation note')}; "
        f"{counted(report.search_records, 'page')} indexed for search; "
        f"{warnings}; "
        f"{report.seconds:.1f} s")
