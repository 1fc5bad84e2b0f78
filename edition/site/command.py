"""``tei-edition build``: placeholder until the HTML edition lands (issue 5)."""

import click


def run_build(source, out) -> int:
    click.echo("tei-edition build: not yet implemented", err=True)
    return 2
