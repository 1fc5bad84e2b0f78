"""``tei-edition serve``: preview the built site on http://127.0.0.1:PORT/ (local only unless
another ``--host`` is asked for)."""

from __future__ import annotations

import functools
import http.server
import ipaddress
import socket
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


class _Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET


class _Server6(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


def make_server(out: Path, port: int = 0, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server for ``out`` bound to ``host`` (``port=0``: any free port, for tests)."""
    handler = functools.partial(QuietHandler, directory=str(Path(out).resolve()))
    server_class = _Server6 if ":" in host else _Server
    return server_class((host, port), handler)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_site(out: Path, port: int, host: str = "127.0.0.1") -> None:
    shown = f"[{host}]" if ":" in host else host
    try:
        server = make_server(out, port, host)
    except (OSError, OverflowError) as exc:  # the port is taken, or not ours to open; no such address
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        click.echo(f"tei-edition serve: cannot listen on {shown}:{port}: {reason}; "
                   "choose another port with --port (or another --host)", err=True)
        sys.exit(2)
    click.echo(f"Serving {out} on http://{shown}:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
