"""Page images from an IIIF image server (``facsimile.iiif_base`` in edition.toml): shown beside
the text from that one host when configured, never requested otherwise."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from lxml import html as lxml_html

from edition.site.pipeline import BuildError, build_site
from edition.site.render.facsimile import IIIF_SIDE_SIZE, iiif_image, iiif_origin, iiif_region
from edition.tei import qn
from edition.xmlio import parse_bytes

from .conftest import ARTIFACTS, REPOSITORY, ROOTS, serve, watch

BASE = "https://iiif.example.org/iiif"
HOST = "https://iiif.example.org"
FIXTURE = ROOTS / "genres" / "texts" / "iiif.xml"


def side(identifier: str, region: str = "full") -> str:
    return f"{BASE}/{identifier}/{region}/{IIIF_SIDE_SIZE}/0/default.jpg"


def full(identifier: str) -> str:
    return f"{BASE}/{identifier}/full/max/0/default.jpg"


@pytest.mark.parametrize("url, expected", [
    ("log-1_f1v", (side("log-1_f1v"), full("log-1_f1v"))),
    ("log-1/f1r", (side("log-1%2Ff1r"), full("log-1%2Ff1r"))),  # a slash in an identifier is escaped
    ("ms%2F7 b", (side("ms%2F7%20b"), full("ms%2F7%20b"))),  # escaped once, not twice
    ("ms<7>\"", (side("ms%3C7%3E%22"), full("ms%3C7%3E%22"))),
    (f"{BASE}/log-1_f1v", (side("log-1_f1v"), full("log-1_f1v"))),  # an image's base URI
    (f"{BASE}/log-1_f1v/info.json", (side("log-1_f1v"), full("log-1_f1v"))),
    (f"{HOST}/other/path/p1.jpg", (f"{HOST}/other/path/p1.jpg",) * 2),  # on the server's host: as it is
    ("HTTPS://IIIF.example.org/x/y.jpg", ("HTTPS://IIIF.example.org/x/y.jpg",) * 2),
    ("https://elsewhere.example.net/iiif/p1/full/max/0/default.jpg", None),  # another host
    ("https://iiif.example.org.evil.example/p1.jpg", None),
    ("https://user@iiif.example.org/p1.jpg", None),
    ("http://iiif.example.org/iiif/p1", None),  # another scheme is another origin
    ("javascript:alert(1)", None),
    ("data:image/png;base64,AAAA", None),
    ("//elsewhere.example.net/p1.jpg", None),
    ("/images/p1.jpg", None),
    ("../p1.jpg", None),
    ("#s1", None),
    ("", None),
])
def test_an_iiif_identifier_or_a_url_on_the_server_becomes_an_image_of_it(url, expected):
    shown = iiif_image(url, BASE + "/")
    assert (shown and (shown.src, shown.href)) == expected


def test_nothing_is_an_iiif_image_without_a_base():
    assert iiif_image("log-1_f1v", None) is None
    assert iiif_image(f"{BASE}/log-1_f1v", "") is None
    assert iiif_origin(None) == ""


@pytest.mark.parametrize("base", ["iiif.example.org/iiif", "ftp://iiif.example.org/", "javascript:alert(1)",
                                  "https:///iiif", "https://iiif.example.org/?x=1", "https://u:p@iiif.example.org/"])
def test_a_base_that_is_no_web_address_is_refused(base, tmp_path):
    with pytest.raises(ValueError, match="facsimile.iiif_base"):
        iiif_origin(base)
    (tmp_path / "src").mkdir()
    shutil.copy(FIXTURE, tmp_path / "src")
    with pytest.raises(BuildError, match="should be the http"):
        build_site(tmp_path / "src", tmp_path / "out", search_index=False, iiif_base=base)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("zone, surface, region", [
    ('ulx="200" uly="300" lrx="1200" lry="1800"', 'ulx="0" uly="0" lrx="2000" lry="3000"', "pct:10,10,50,50"),
    ('ulx="200" uly="300" lrx="1200" lry="1800"', "", "200,300,1000,1500"),  # no extent: the image's pixels
    ('points="1500,100 1900,100 1900,2900 1500,2900"', 'ulx="0" uly="0" lrx="2000" lry="3000"',
     "pct:75,3.33,20,93.33"),
    ('ulx="10" uly="10" lrx="10" lry="20"', "", "full"),  # no extent
    ('points="a,b"', "", "full"),
    ('ulx="nan" uly="0" lrx="10" lry="10"', "", "full"),  # no crash on a number that is none
    ('points="0,0 inf,10"', "", "full"),
    ('lrx="1200" lry="1800" ulx="200" uly="300"', 'ulx="0" uly="0" lrx="2000" lry="nan"', "200,300,1000,1500"),
    ("", "", "full"),
])
def test_a_zone_is_an_iiif_region(zone, surface, region):
    tree = parse_bytes(f'<facsimile xmlns="http://www.tei-c.org/ns/1.0"><surface {surface}><zone {zone}/></surface>'
                       f'</facsimile>'.encode())
    assert iiif_region(next(tree.getroot().iter(qn("tei:zone")))) == region


def png(width: int, height: int, rgb=(120, 90, 60)) -> bytes:
    """A PNG of one colour, written here (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def edition(tmp_path: Path, configured: bool) -> Path:
    """A new edition holding the fixture, built by ``tei-edition build`` from its folder."""
    folder = tmp_path / ("configured" if configured else "plain")
    (folder / "tei" / "texts").mkdir(parents=True)
    shutil.copy(FIXTURE, folder / "tei" / "texts")
    (folder / "edition.toml").write_text(f'[facsimile]\niiif_base = "{BASE}/"\n' if configured else "",
                                         encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY), "TEI_EDITION_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "edition", "build"], cwd=folder, env=environment,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return folder / "_site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("iiif")
    return {"configured": edition(tmp, True), "plain": edition(tmp, False)}


def policy(tree) -> str:
    return tree.xpath("string(//meta[@http-equiv='Content-Security-Policy']/@content)")


def test_each_page_break_shows_its_image_from_the_configured_server(sites):
    tree = lxml_html.parse(str(sites["configured"] / "texts" / "iiif.html")).getroot()
    shown = [(a.getprevious().text, a.get("href"), a.find("img").get("src"))
             for a in tree.xpath("//a[@class='facs']")]
    assert shown == [
        ("|1r", full("log-1%2Ff1r"), side("log-1%2Ff1r")),  # through the surface's graphic
        ("|1v", full("log-1_f1v"), side("log-1_f1v")),  # the identifier in @facs itself
        ("|2r", full("log-1_f2r"), side("log-1_f2r", "pct:10,10,50,50")),  # the zone's region, linked to its page
    ]
    chart = f"{HOST}/iiif/log-1_chart/full/max/0/default.jpg"  # a URL on the server: shown as it is
    assert tree.xpath("//span[@class='graphic']/img/@src") == [chart]
    # a page on another host is never loaded: the marker names it
    assert "not shown" in tree.xpath("//span[@class='pb'][.='|2v']/@title")[0]
    assert not tree.xpath("//img[contains(@src, 'elsewhere')]")
    assert "img-src 'self' https://iiif.example.org;" in policy(tree)
    assert "it loads images from https://iiif.example.org and asks no other host" in tree.xpath("string(//footer)")


def test_the_policy_names_the_server_on_every_page_and_no_other_host(sites):
    for page in sites["configured"].rglob("*.html"):
        assert "img-src 'self' https://iiif.example.org;" in policy(lxml_html.parse(str(page)).getroot()), page
    for page in sites["plain"].rglob("*.html"):
        assert "img-src 'self';" in policy(lxml_html.parse(str(page)).getroot()), page


def test_without_the_key_no_page_names_the_server(sites):
    tree = lxml_html.parse(str(sites["plain"] / "texts" / "iiif.html")).getroot()
    assert tree.xpath("//a[@class='facs']") == []
    assert [span.get("title") for span in tree.xpath("//span[@class='pb']")][1] == \
        "page 1v; facsimile log-1_f1v (not a local file: not shown)"
    assert not tree.xpath("//img[contains(@src, 'example')]")
    assert "iiif.example.org" not in policy(tree)
    assert "it works offline and asks no other host" in tree.xpath("string(//footer)")


def test_a_changed_base_draws_every_page_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    (tmp_path / "src").mkdir()
    shutil.copy(FIXTURE, tmp_path / "src")
    out = tmp_path / "out"
    build_site(tmp_path / "src", out, search_index=False)
    build_site(tmp_path / "src", out, search_index=False, iiif_base=BASE)
    assert HOST in (out / "index.html").read_text(encoding="utf-8")
    assert side("log-1_f1v") in (out / "texts" / "iiif.html").read_text(encoding="utf-8")
    build_site(tmp_path / "src", out, search_index=False)
    assert HOST not in (out / "index.html").read_text(encoding="utf-8")
    assert not lxml_html.parse(str(out / "texts" / "iiif.html")).xpath(f"//img[starts-with(@src, '{HOST}')]")


# In Chromium: the image server answered by the test (page.route), nothing leaves the machine.

def open_page(browser, url: str, requested: list[str]):
    context = browser.new_context(viewport={"width": 1000, "height": 800}, base_url=url)
    image = png(200, 300)

    def answer(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=image)

    context.route(f"{HOST}/**", answer)
    return context, watch(context.new_page())


@pytest.mark.parametrize("configured", [True, False], ids=["configured", "plain"])
def test_in_a_browser_the_server_is_asked_only_when_configured(browser, sites, configured):
    server, url = serve(sites["configured" if configured else "plain"])
    requested: list[str] = []
    context, page = open_page(browser, url, requested)
    try:
        page.goto("texts/iiif.html")
        images = page.locator("a.facs img")
        if configured:
            for index in range(3):  # loaded lazily: each as it nears the view
                images.nth(index).scroll_into_view_if_needed()
            page.wait_for_function("[...document.querySelectorAll('a.facs img')].every(i => i.complete)")
            assert [images.nth(i).evaluate("i => i.naturalWidth") for i in range(3)] == [200, 200, 200]
            # each beside its own page: to the right of the text, the first page's at the top of it
            first, text = images.nth(0).bounding_box(), page.locator("#p1").bounding_box()
            assert first["x"] > text["x"] + text["width"] / 2
            tops = [images.nth(i).bounding_box()["y"] for i in range(3)]
            starts = [page.locator(f"#{anchor}").bounding_box()["y"] for anchor in ("p1", "p2", "p3")]
            assert tops == sorted(tops) and all(top >= start - 1 for top, start in zip(tops[1:], starts[1:]))
            page.locator("#p3").scroll_into_view_if_needed()
            page.wait_for_function("document.querySelector('span.graphic img').complete")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "genre-iiif.png"), full_page=True)
            assert set(requested) == {side("log-1%2Ff1r"), side("log-1_f1v"), side("log-1_f2r", "pct:10,10,50,50"),
                                      f"{HOST}/iiif/log-1_chart/full/max/0/default.jpg"}
            assert set(page.foreign) == set(requested)  # the server, and no other host
        else:
            assert images.count() == 0
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            assert requested == [] and page.foreign == []
        assert page.errors == []  # no request refused by the policy either
    finally:
        context.close()
        server.shutdown()
        server.server_close()
