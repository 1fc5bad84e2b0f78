"""The command line: thin commands that parse options, call the library and print its results.

Exit codes: 0 ok, 1 invalid input, 2 usage error or unreadable input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edition import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# Options shared by several commands, defined once (pip-tools' scripts/options.py).
source_option = click.option(
    "--source", "source", type=click.Path(path_type=Path, file_okay=False),
    default=None, help="The edition's TEI folder (default: sources.folder in edition.toml).")
registers_option = click.option(
    "--registers", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Folder of the registers (persons.xml, places.xml, organisations.xml); "
         "default: sources.registers in edition.toml.")
format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="How to print diagnostics: for people, or JSON for tools.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-edition")
def cli() -> None:
    """tei-edition: validate, tag and publish a scholarly edition in TEI XML."""


def print_diagnostics(diagnostics, output_format: str) -> None:
    from edition.diagnostics import to_json

    if output_format == "json":
        click.echo(to_json(diagnostics))
        return
    if diagnostics:  # one write: a corpus can have thousands
        click.echo("\n".join(diagnostic.format() for diagnostic in diagnostics))
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)


def edition_config(start: Path | None = None, **options):
    """edition.toml around the working folder (or ``start``) with the options given
    (name -> (value, option)); an unusable file stops the command with exit 2."""
    from edition.config import ConfigError, load
    from edition.diagnostics import printable

    try:
        config = load(start)
    except ConfigError as exc:
        click.echo(f"tei-edition: {printable(str(exc))}", err=True)
        sys.exit(EXIT_USAGE)
    for name, (value, option) in options.items():
        config.override(name, value, option)
    return config


def edition_folder(config, option: str) -> Path:
    """The configured TEI folder; outside any edition, a usage error (never this toolkit's demo)."""
    if config.path is None:
        click.echo(f"tei-edition: not inside an edition (no edition.toml in {Path.cwd()} or a folder above); "
                   f"give {option}, or start one with tei-edition init DIR", err=True)
        sys.exit(EXIT_USAGE)
    return Path(config["sources.folder"])


def exit_code_for(diagnostics) -> int:
    """1 when any error, 2 when an input could not be read at all, else 0."""
    if any(d.is_error and d.rule in ("io", "usage") for d in diagnostics):
        return EXIT_USAGE
    return EXIT_INVALID if any(d.is_error for d in diagnostics) else EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", default=None, metavar="edition|tei_all|PATH",
              help="RELAX NG schema to validate every file against (default: the document's <?xml-model?>, "
                   "else validation.schema of edition.toml, else tei_all).")
@click.option("--engine", type=click.Choice(["auto", "lxml", "jing"]), default="auto", show_default=True,
              help="Who checks a grammar you chose: auto is jing when installed (but for the edition's own "
                   "small grammar), else libxml2.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse what checking an unchanged file gave last time (kept in ~/.cache/tei-edition; "
                   "TEI_EDITION_CACHE moves it). The result is the same either way.")
@format_option
def validate(paths: tuple[Path, ...], schema: str | None, engine: str, cache: bool, output_format: str) -> None:
    """Validate TEI files (default: the edition's): TEI grammar, referential integrity, and the house
    rules where edition.toml asks for them.

    Every error of every file is reported, as path:line:column.
    """
    from edition.diagnostics import printable
    from edition.validation import rules_for, validate_paths
    from edition.validation.grammar import SchemaError

    config = edition_config()
    targets = list(paths) or [edition_folder(config, "TEI files or folders to check")]
    if not all(map(config.holds, targets)):  # the files are another edition's, or none's
        theirs = edition_config(start=targets[0])
        if theirs.path is not None and all(map(theirs.holds, targets)):
            config = theirs
        elif config.path is not None:
            shown = printable(", ".join(map(str, targets)))  # a file's name must not forge output
            click.echo(f"tei-edition validate: note: not all of {shown} is in the edition at "
                       f"{printable(str(config.root))}: its rules are not applied, only TEI grammar and "
                       "referential integrity", err=True)
            config = config.without_edition()
    try:
        rules = rules_for(config, fallback_needed=schema is None)
    except SchemaError as exc:
        click.echo(f"tei-edition validate: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    diagnostics = validate_paths(targets, schema=schema, engine=engine, cache=cache, rules=rules)
    print_diagnostics(diagnostics, output_format)
    sys.exit(exit_code_for(diagnostics))


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", type=click.Choice(["ru", "en", "it"]), default=None,
              help="Language of the text (required for plain text input).")
@registers_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the TEI here (default: standard output).")
@click.option("--report", is_flag=True,
              help="List capitalised names the registers do not know, with counts and contexts "
                   "(without -o only the list is printed).")
@click.option("--update", is_flag=True, help="INPUT is a TEI file: add tags to its untagged text, in place.")
@click.option("--diff", is_flag=True, help="With --update: also print a unified diff of the changes.")
def tag(input_path: Path, lang: str | None, registers: Path | None, output: Path | None,
        report: bool, update: bool, diff: bool) -> None:
    """Tag persons, places, organisations and dates in a plain text (or, with --update, a TEI file)."""
    from edition.tagger.command import run_tag

    config = edition_config(**{"sources.registers": (registers, "--registers")})
    if registers is None:
        edition_folder(config, "--registers")
    sys.exit(run_tag(input_path, lang=lang, registers=Path(config["sources.registers"]), output=output, report=report, update=update,
                     diff=diff, licence=config["edition.licence"]))


out_option = click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="The site's folder (default: site.out in edition.toml, else _site).")


@cli.command()
@source_option
@out_option
def build(source: Path | None, out: Path | None) -> None:
    """Build the static HTML edition from the TEI (the site is replaced only when complete).

    Exit 0 built, 1 built without a source file that could not be read, 2 not built.
    """
    from edition.site.command import SiteSettings, run_build

    config = edition_config(**{"sources.folder": (source, "--source"), "site.out": (out, "--out")})
    folder = source or edition_folder(config, "--source")
    sys.exit(run_build(folder, Path(config["site.out"]), SiteSettings.of(config, folder)))


@cli.command()
@out_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but loopback shows the site to your network.")
@click.option("--watch", is_flag=True,
              help="Build the site first, and again each time a TEI file under --source is saved.")
@source_option
def serve(out: Path | None, port: int, host: str, watch: bool, source: Path | None) -> None:
    """Preview the built site on http://HOST:PORT/ (with --watch: rebuilt on every save)."""
    from edition.site.serve import is_loopback, serve_site

    config = edition_config(**{"sources.folder": (source, "--source"), "site.out": (out, "--out")})
    out = Path(config["site.out"])
    if not is_loopback(host):
        click.echo(f"tei-edition serve: warning: listening on {host}: anyone who can reach this machine "
                   "can read the site (the default, 127.0.0.1, is this machine only)", err=True)
    if watch:
        from edition.site.command import SiteSettings
        from edition.site.watch import watch as watch_and_build

        folder = source or edition_folder(config, "--source")
        sys.exit(watch_and_build(folder, out, port, SiteSettings.of(config, folder), host=host))
    if source is not None:
        raise click.BadParameter("is read only with --watch (serve builds nothing without it)", param_hint="--source")
    if not out.is_dir():
        raise click.BadParameter(f"{out} is not a built site; run tei-edition build first, or add --watch",
                                 param_hint="--out")
    serve_site(out, port, host)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default="My edition", show_default=True, help="The edition's title (the site's too).")
@click.option("--editor", "editors", multiple=True, help="An editor's name (repeat for several).")
@click.option("--licence", default=None, help="The licence of the edition, e.g. CC-BY-4.0 (none is stated unless given).")
@click.option("--language", "languages", multiple=True, default=("en",), show_default=True,
              help="A language of the texts, ISO 639 (repeat for several).")
def init(folder: Path, title: str, editors: tuple[str, ...], licence: str | None, languages: tuple[str, ...]) -> None:
    """Start a new edition in FOLDER: configuration, a sample text, registers, schema, README, CI.

    It validates and builds at once: cd FOLDER && tei-edition validate && tei-edition build.
    """
    from edition.init import InitError, create_edition

    try:
        written = create_edition(folder, title, list(editors), licence, list(languages))
    except (InitError, OSError) as exc:
        click.echo(f"tei-edition init: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for path in written:
        click.echo(f"  {folder / path}")
    click.echo(f"A new edition in {folder}: cd {folder} && tei-edition validate && tei-edition build", err=True)


@cli.command("config")
def show_config() -> None:
    """Print each effective setting of the edition (edition.toml found here or above) and where it came from."""
    from edition.config import describe

    config = edition_config()
    for line in describe(config):
        click.echo(line)
    if config.path is None:
        sys.exit(EXIT_USAGE)


def main() -> None:
    cli(prog_name="tei-edition")
