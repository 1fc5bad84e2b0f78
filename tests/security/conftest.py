"""A loopback listener that proves silence: every attack document points at it.

``listener.url`` is ``http://127.0.0.1:PORT``; ``listener.connections`` counts every TCP
connection accepted (HTTP or not), ``listener.requests`` every HTTP request line. A test asserts
both are empty after parsing, validating, tagging or building.
"""

from __future__ import annotations

import http.server
import threading

import pytest


class _Listener(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        self.connections: list[tuple] = []
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    def verify_request(self, request, client_address):
        self.connections.append(client_address)  # counted before any byte is read
        return True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def silent(self) -> bool:
        return not self.connections and not self.requests


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers like a helpful attacker would: a DTD, a schema, a document, whatever is asked."""

    def do_GET(self):
        self.server.requests.append(f"GET {self.path}")
        body = b'<!ENTITY leak "LEAKED">' if self.path.endswith(".dtd") else b"<x>LEAKED</x>"
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    server = _Listener()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def proves_silence(listener):
    """Self-test of the listener: a request made on purpose is seen (so silence means something)."""
    import urllib.request

    with urllib.request.urlopen(f"{listener.url}/probe.dtd", timeout=5) as answer:
        assert b"LEAKED" in answer.read()
    assert listener.requests == ["GET /probe.dtd"] and len(listener.connections) == 1
    listener.requests.clear()
    listener.connections.clear()
    return listener
