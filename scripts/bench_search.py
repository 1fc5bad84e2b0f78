#!/usr/bin/env python3
"""How long a reader waits for search results on a large edition, against the edition's own site.

    python scripts/bench_search.py [--size 5000] [--site BUILT_SITE] [--repeat 3]

A reader's wait, in a real headless Chromium (Debian's ``/usr/bin/chromium``) on a local server:
the *first* query of a visit (Pagefind's code and every bundle's entry and metadata loaded, then
the search) and the *next* queries of the same visit, from pressing Enter to the results shown,
with the requests and bytes each one fetched. Every request waits ``--latency`` ms (30 by
default), as it would for a host across a network, where round trips count more than bytes. The peer, measured in the same run, is the
edition's own ``tei/`` built the same way (3 texts, one bundle a language): the ratio says what
size costs. ``--site`` measures a site already built (its size is then what it holds); without
it, a corpus of ``--size`` documents is made by ``scripts/make_corpus.py`` and built.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402
from _bench import REPOSITORY, checked, measure, tei_edition  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
# Words the generated texts and the edition share, in the three languages (Pagefind stems each).
QUERIES = ["Trotsky", "Троцкий", "Zinoviev", "opposizione", "Kamenev", "congress"]


def serve(folder: Path, latency: float):
    """The site on a local server; each answer waits ``latency`` seconds first (a real host's round trip)."""
    from edition.site.serve import make_server

    server = make_server(folder, 0)
    plain = server.RequestHandlerClass

    def delayed(*arguments, **keywords):
        time.sleep(latency)
        return plain(*arguments, **keywords)

    server.RequestHandlerClass = delayed
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def one_visit(browser, url: str) -> list[tuple[float, int, int, int]]:
    """Each query of one visit as ``(seconds, passages found, requests, bytes)``, the first cold."""
    context = browser.new_context(base_url=url)
    page = context.new_page()
    fetched: list[int] = []
    page.on("requestfinished", lambda request: fetched.append((request.sizes() or {}).get("responseBodySize", 0)))
    page.goto("search.html")
    page.wait_for_load_state("load")
    rows = []
    for query in QUERIES:
        before, size_before = len(fetched), sum(fetched)
        page.locator("#search-status").evaluate("node => node.textContent = ''")
        started = time.perf_counter()
        page.locator("#search-input").fill(query)
        page.keyboard.press("Enter")
        page.wait_for_function("() => /result|could not/.test(document.getElementById('search-status').textContent)",
                               timeout=120_000)
        seconds = time.perf_counter() - started
        status = page.locator("#search-status").text_content()
        if "could not" in status:
            raise SystemExit(f"search failed on {url}: {status}")
        rows.append((seconds, page.locator("#search-results li").count(), len(fetched) - before, sum(fetched) - size_before))
    context.close()
    return rows


def measure_site(browser, folder: Path, repeat: int, latency: float) -> dict:
    server, url = serve(folder, latency)
    try:
        visits = [one_visit(browser, url) for _ in range(repeat)]
    finally:
        server.shutdown()
        server.server_close()
    firsts = [visit[0] for visit in visits]
    nexts = [row for visit in visits for row in visit[1:]]
    return {"bundles": len(list(folder.glob("pagefind-*"))),
            "first": min(row[0] for row in firsts), "first_requests": firsts[0][2], "first_mb": firsts[0][3] / 2 ** 20,
            "next": statistics.median(row[0] for row in nexts), "next_requests": statistics.median(row[2] for row in nexts),
            "found": min(row[1] for row in nexts)}


def build(source: Path, out: Path) -> Path:
    checked(measure(tei_edition("build", "--source", str(source), "--out", str(out))), "build")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--site", type=Path, help="a site already built (the corpus is then not made)")
    parser.add_argument("--repeat", type=int, default=3, help="visits per site (the fastest first query kept)")
    parser.add_argument("--latency", type=float, default=30, help="milliseconds each request waits (a host's round trip)")
    options = parser.parse_args()
    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright import sync_api

    with tempfile.TemporaryDirectory(prefix="bench-search-") as temporary:
        root = Path(temporary)
        os.environ["TEI_EDITION_CACHE"] = str(root / "cache")
        peer = build(REPOSITORY / "tei", root / "edition-site")
        if options.site:
            large, label = options.site, f"{options.site}"
        else:
            make_corpus.make_edition(options.size, root / "corpus", register_every=250, seed=0)
            large, label = build(root / "corpus", root / "large-site"), f"{options.size} documents"
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                latency = options.latency / 1000
                figures = {"the edition's tei/": measure_site(browser, peer, options.repeat, latency),
                           label: measure_site(browser, large, options.repeat, latency)}
            finally:
                browser.close()
    for name, f in figures.items():
        print(f"{name}: {f['bundles']} bundles; first query {f['first'] * 1000:.0f} ms "
              f"({f['first_requests']} requests, {f['first_mb']:.1f} MB); next queries {f['next'] * 1000:.0f} ms "
              f"(median, {f['next_requests']:.0f} requests), at least {f['found']} results shown", flush=True)
    small, big = figures["the edition's tei/"], figures[label]
    print(f"SUMMARY search ({label}, {big['bundles']} bundles, {options.latency:.0f} ms a request): first query {big['first'] * 1000:.0f} ms = "
          f"{big['first'] / small['first']:.1f}x the edition's ({small['first'] * 1000:.0f} ms); next queries "
          f"{big['next'] * 1000:.0f} ms = {big['next'] / small['next']:.1f}x ({small['next'] * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
