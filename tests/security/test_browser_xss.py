"""The hostile site in a real browser: no payload runs, no dialog opens, no other host is asked.

Every page built from a text carrying every payload (``hostile.MARKUP``, links with every bad
URL) is loaded in Debian's Chromium (Playwright, no download); the payloads set
``window.__xss`` or open a dialog if they ever run.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright import sync_api

from edition.site import pipeline
from hostile import BAD_URLS, MARKUP, edition_with, hostile_text

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it", allow_module_level=True)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")
    documents = {f"hostile{n}.xml": hostile_text(payload, BAD_URLS[n % len(BAD_URLS)], payload)
                     .replace(b'xml:id="hostile', f'xml:id="hostile{n}'.encode())
                     .replace(b'"#hostile-', f'"#hostile{n}-'.encode())
                 for n, payload in enumerate(MARKUP)}
    source = edition_with(tmp, documents)
    pipeline.build_site(source, tmp / "site", search_index=False)
    handler = functools.partial(_Quiet, directory=str(tmp / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield tmp / "site", f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_no_payload_runs_in_a_browser(hostile_site):
    site, base = hostile_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert any(p.startswith("texts/hostile") for p in pages), "the hostile texts were not built"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                                   "--disable-component-update", "--disable-sync"])
        try:
            context = browser.new_context(base_url=base)
            page = context.new_page()
            dialogs, foreign = [], []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("request", lambda request: foreign.append(request.url)
                    if urlsplit(request.url).hostname not in ("127.0.0.1", None) else None)
            ran = []
            for relative in pages:
                page.goto(relative, wait_until="load")
                page.wait_for_timeout(50)
                if page.evaluate("() => window.__xss !== undefined"):
                    ran.append(relative)
                # Open every popover and details, where note and entry content is drawn.
                page.evaluate("() => { document.querySelectorAll('details').forEach(d => d.open = true);"
                              " document.querySelectorAll('[popover]').forEach(p => { try { p.showPopover(); } catch (e) {} }); }")
                page.wait_for_timeout(20)
                if page.evaluate("() => window.__xss !== undefined"):
                    ran.append(relative + " (opened)")
            context.close()
        finally:
            browser.close()
    assert ran == [], f"a payload ran on {ran}"
    assert dialogs == [], f"dialogs opened: {dialogs}"
    assert foreign == [], f"the pages asked other hosts: {foreign[:5]}"


def test_the_published_tei_files_run_nothing_either(tmp_path):
    text = (Path(__file__).resolve().parents[1] / "roots" / "site-basic" / "texts" / "alpha.xml").read_text(encoding="utf-8")
    live = ('<p xml:id="alpha-p9"><h:script xmlns:h="http://www.w3.org/1999/xhtml">window.__xss=1</h:script>'
            '<s:svg xmlns:s="http://www.w3.org/2000/svg" onload="window.__xss=2"/></p>')
    source = edition_with(tmp_path, {"alpha.xml": text.replace('<p xml:id="alpha-p2">', live + '<p xml:id="alpha-p2">').encode()})
    report = pipeline.build_site(source, tmp_path / "site", search_index=False)
    assert "active-content" in {d.rule for d in report.diagnostics if d.path.endswith("alpha.xml")}
    assert not (tmp_path / "site" / "tei" / "texts" / "alpha.xml").exists()
    handler = functools.partial(_Quiet, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ran = []
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                for published in sorted((tmp_path / "site").rglob("*.xml")):
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/{published.relative_to(tmp_path / 'site').as_posix()}")
                    page.wait_for_timeout(100)
                    if page.evaluate("() => window.__xss !== undefined"):
                        ran.append(published.name)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert ran == [], f"published XML ran script: {ran}"
