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
    default=None, help="The edition's TEI folder (default: ./tei or the repository's tei/).")
registers_option = click.option(
    "--registers", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Folder of the registers (persons.xml, places.xml, organisations.xml); default: tei/registers/.")
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
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(), err=False)
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)


def exit_code_for(diagnostics) -> int:
    """1 when any error, 2 when an input could not be read at all, else 0."""
    if any(d.is_error and d.rule in ("io", "usage") for d in diagnostics):
        return EXIT_USAGE
    return EXIT_INVALID if any(d.is_error for d in diagnostics) else EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", default=None, metavar="edition|tei_all|PATH",
              help="RELAX NG schema to validate against (default: the document's <?xml-model?>, "
                   "else the edition's schema).")
@click.option("--engine", type=click.Choice(["auto", "lxml", "jing"]), default="auto", show_default=True,
              help="Who checks a --schema grammar: auto is jing for tei_all when installed, else libxml2.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse what checking an unchanged file gave last time (kept in ~/.cache/tei-edition; "
                   "TEI_EDITION_CACHE moves it). The result is the same either way.")
@format_option
def validate(paths: tuple[Path, ...], schema: str | None, engine: str, cache: bool, output_format: str) -> None:
    """Validate TEI files (default: the edition's tei/): grammar, Schematron and cross-document rules.

    Every error of every file is reported, as path:line:column.
    """
    from edition.project import default_tei_dir
    from edition.validation import validate_paths

    diagnostics = validate_paths(list(paths) or [default_tei_dir()], schema=schema, engine=engine, cache=cache)
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

    sys.exit(run_tag(input_path, lang=lang, registers=registers, output=output, report=report, update=update,
                     diff=diff))


@cli.command()
@source_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("_site"),
              show_default=True, help="Folder to write the site to (replaced only when complete).")
def build(source: Path | None, out: Path) -> None:
    """Build the static HTML edition from the TEI."""
    from edition.project import default_tei_dir
    from edition.site.command import run_build

    sys.exit(run_build(source or default_tei_dir(), out))


@cli.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("_site"),
              show_default=True, help="The built site to serve.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--watch", is_flag=True,
              help="Build the site first, and again each time a TEI file under --source is saved.")
@source_option
def serve(out: Path, port: int, watch: bool, source: Path | None) -> None:
    """Preview the built site on http://127.0.0.1:PORT/ (with --watch: rebuilt on every save)."""
    from edition.site.serve import serve_site

    if watch:
        from edition.project import default_tei_dir
        from edition.site.watch import watch as watch_and_build

        sys.exit(watch_and_build(source or default_tei_dir(), out, port))
    if source is not None:
        raise click.BadParameter("is read only with --watch (serve builds nothing without it)", param_hint="--source")
    if not out.is_dir():
        raise click.BadParameter(f"{out} is not a built site; run tei-edition build first, or add --watch",
                                 param_hint="--out")
    serve_site(out, port)


def main() -> None:
    cli(prog_name="tei-edition")
