"""``tei-edition serve``: preview the built site on http://127.0.0.1:PORT/ (local only)."""

from __future__ import annotations

import functools
import http.server
import sys
from pathlib import Path

import click


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".pagefind": "application/octet-stream",
                      ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
                      ".pf_fragment": "application/octet-stream", ".js": "text/javascript"}

    def log_message(self, format, *args):  # noqa: A002 (the stdlib's name)
        pass


def make_server(out: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server for ``out`` bound to 127.0.0.1 (``port=0``: any free port, for tests)."""
    handler = functools.partial(QuietHandler, directory=str(Path(out).resolve()))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve_site(out: Path, port: int) -> None:
    try:
        server = make_server(out, port)
    except OSError as exc:  # the port is taken, or not ours to open
        click.echo(f"tei-edition serve: cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}; "
                   "choose another port with --port", err=True)
        sys.exit(2)
    click.echo(f"Serving {out} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
