"""Output attacks: what a hostile TEI document puts on the published site is text, never markup.

A hostile text is built beside a small edition (``tests/roots/site-basic``); every page of the
result is read as a browser would (``html_audit``) and must hold no element or attribute the
templates do not make, no event handler, no script of its own, no URL with a scheme other than
http, https or mailto, nothing pointing outside the site, and the same Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.site import pipeline as site_pipeline
from edition.site import serve, urls
from hostile import BAD_URLS, MARKUP, SECRET, TEI_NS, assert_only_template_markup, edition_with, hostile_text
from html_audit import csp_of, problems_in, read_pages, scheme_of, vocabulary


def build(source: Path, out: Path):
    return site_pipeline.build_site(source, out, search_index=False)


@pytest.fixture(scope="module")
def template_vocabulary(tmp_path_factory) -> tuple[set[str], set[str]]:
    """Elements and attributes of a benign build of the same hostile-shaped text (the templates' own)."""
    tmp = tmp_path_factory.mktemp("benign")
    source = edition_with(tmp, {"hostile.xml": hostile_text("plain words", "https://example.org/page", "italic sup")})
    build(source, tmp / "site")
    return vocabulary(read_pages(tmp / "site"))


@pytest.mark.parametrize("payload", MARKUP, ids=range(len(MARKUP)))
def test_markup_in_text_and_attributes_stays_text(payload, tmp_path, template_vocabulary):
    source = edition_with(tmp_path, {"hostile.xml": hostile_text(payload, "https://example.org/", payload)})
    build(source, tmp_path / "site")
    assert_only_template_markup(tmp_path / "site", template_vocabulary)
    page = (tmp_path / "site" / "texts" / "hostile.html").read_bytes()
    visible = etree.HTML(page).xpath("string(//main)")
    assert f"Before {payload}" in visible, "the payload must be shown, as text, where it was written"


@pytest.mark.parametrize("url", BAD_URLS, ids=range(len(BAD_URLS)))
def test_urls_from_the_data_only_with_safe_schemes(url, tmp_path, template_vocabulary):
    source = edition_with(tmp_path, {"hostile.xml": hostile_text("words", url, "italic")})
    build(source, tmp_path / "site")
    assert_only_template_markup(tmp_path / "site", template_vocabulary)


def test_a_safe_url_is_still_a_link(tmp_path):
    """The filter must not work by dropping every link (else the URL tests prove nothing)."""
    source = edition_with(tmp_path, {"hostile.xml": hostile_text("words", "https://example.org/ok", "italic")})
    build(source, tmp_path / "site")
    hrefs = [dict(attrs).get("href") for page in read_pages(tmp_path / "site") for tag, attrs in page.tags if tag == "a"]
    assert "https://example.org/ok" in hrefs


def test_register_authority_links_are_filtered(tmp_path, template_vocabulary):
    """idno in a register entry becomes an authority link only with a safe scheme."""
    source = edition_with(tmp_path, {})
    persons = source / "registers" / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    evil = "".join(f'<idno type="URI">{u.replace("&", "&amp;").replace("<", "&lt;")}</idno>' for u in BAD_URLS)
    persons.write_text(text.replace("<occupation>", evil + "<occupation>", 1), encoding="utf-8")
    build(source, tmp_path / "site")
    assert_only_template_markup(tmp_path / "site", template_vocabulary)


def test_rend_and_style_become_allowlisted_classes_only(tmp_path):
    rend = 'italic x" onclick="alert(1) evil-class bold'
    source = edition_with(tmp_path, {"hostile.xml": hostile_text("words", "https://example.org/", rend)})
    build(source, tmp_path / "site")
    allowed = set(urls.REND_CLASSES.values())
    benign_classes = set()
    benign = edition_with(tmp_path / "benign", {"hostile.xml": hostile_text("words", "https://example.org/", "")})
    build(benign, tmp_path / "benign-site")
    for page in read_pages(tmp_path / "benign-site"):
        for _, attrs in page.tags:
            benign_classes.update((dict(attrs).get("class") or "").split())
    for page in read_pages(tmp_path / "site"):
        for tag, attrs in page.tags:
            values = dict(attrs)
            assert "style" not in values, f"{page.relative}: style attribute on <{tag}>"
            extra = set((values.get("class") or "").split()) - benign_classes - allowed
            assert not extra, f"{page.relative}: classes {extra} came from @rend"


def test_every_page_has_the_content_security_policy(tmp_path):
    source = edition_with(tmp_path, {"hostile.xml": hostile_text("words", "https://example.org/", "")})
    build(source, tmp_path / "site")
    pages = read_pages(tmp_path / "site")
    policies = {page.relative: csp_of(page) for page in pages}
    missing = [name for name, policy in policies.items() if not policy]
    assert not missing, f"pages without a Content-Security-Policy: {missing}"
    for name, policy in policies.items():
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        assert directives.get("default-src") == ["'self'"], name
        assert "'unsafe-inline'" not in directives.get("script-src", []) and "'unsafe-eval'" not in directives.get("script-src", []), name
        assert directives.get("object-src") == ["'none'"] and directives.get("base-uri") in (["'none'"], ["'self'"]), name


def test_file_paths_from_the_data_never_leave_the_project(tmp_path):
    """A pointer at a local file (graphic/@url, ref/@target) neither copies nor links it."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    outside = f"../../../../../../..{secret}"
    documents = {"hostile.xml": hostile_text("words", outside, "")}
    source = edition_with(tmp_path, documents)
    build(source, tmp_path / "site")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"{path} holds the secret"
    for page in read_pages(tmp_path / "site"):
        for tag, attrs in page.tags:
            for name, value in attrs:
                if name in ("href", "src") and value and scheme_of(value) is None:
                    assert str(secret) not in value, f"{page.relative}: <{tag} {name}={value!r}>"
    assert problems_in(tmp_path / "site") == []


def test_hostile_documents_make_no_network_request(tmp_path, proves_silence):
    """Attack documents in the source folder are skipped with a warning; nothing is fetched."""
    url = proves_silence.url
    documents = {
        "xxe.xml": f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{url}/xxe">]><TEI xmlns="{TEI_NS}">&x;</TEI>'.encode(),
        "dtd.xml": f'<!DOCTYPE TEI SYSTEM "{url}/tei.dtd"><TEI xmlns="{TEI_NS}"/>'.encode(),
        "xinclude.xml": f'<TEI xmlns="{TEI_NS}"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/x"/></TEI>'.encode(),
        "model.xml": hostile_text("words", f"{url}/link", "").replace(
            b"?>", f'?>\n<?xml-model href="{url}/s.rng"?><?xml-stylesheet href="{url}/s.xsl"?>'.encode(), 1),
    }
    source = edition_with(tmp_path, documents)
    report = build(source, tmp_path / "site")
    skipped = {Path(d.path).name for d in report.diagnostics if "skipped" in d.message}
    assert {"xxe.xml", "dtd.xml", "xinclude.xml"} <= skipped
    assert proves_silence.silent, f"the build made requests: {proves_silence.requests or proves_silence.connections}"


def test_the_preview_server_is_local_and_stays_in_the_site(tmp_path):
    import http.client
    import threading

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("home")
    (tmp_path / "secret.txt").write_text(SECRET)
    server = serve.make_server(site, 0)
    assert server.server_address[0] == "127.0.0.1", "the preview must not listen on other interfaces"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "//" + str(tmp_path / "secret.txt")):
            connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
            connection.request("GET", path)
            answer = connection.getresponse()
            assert SECRET.encode() not in answer.read(), path
            connection.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("identifier", ["../../../escaped", "index", "INDEX", "a/b", ".hidden", "a?b&c", "x%2Fy", "x" * 300])
def test_an_entry_id_names_its_own_page_inside_its_register_and_nothing_else(identifier, tmp_path):
    """An id from a register nobody validated (the parser takes any xml:id) never writes outside the
    site, over the register's index, or a page a server hides; the text's mention still reaches it."""
    from lxml import html

    source = edition_with(tmp_path, {})
    persons = source / "registers" / "persons.xml"
    quoted = identifier.replace("&", "&amp;").replace('"', "&quot;")
    entry = f'<person xml:id="{quoted}"><persName type="regular" xml:lang="en">Odd Entry</persName></person>'
    persons.write_text(persons.read_text(encoding="utf-8").replace("<person ", entry + "<person ", 1), encoding="utf-8")
    beta = source / "texts" / "beta.xml"
    beta.write_text(beta.read_text(encoding="utf-8").replace(
        "was exiled", f'and <persName ref="#{quoted}">Odd</persName> was exiled', 1), encoding="utf-8")
    build(source, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "tei"], "nothing written beside the site"
    assert not list(tmp_path.parent.glob("escaped*")), "nothing written above it"
    index = html.parse(str(tmp_path / "site" / "persons" / "index.html"))
    assert index.xpath("string(//h1)") == "Persons", "the register's index is the index"
    text = tmp_path / "site" / "texts" / "beta.html"
    [href] = html.parse(str(text)).xpath("//a[contains(@class, 'mention') and normalize-space(.) = 'Odd']/@href")
    page = (text.parent / href).resolve()
    assert page.parent == (tmp_path / "site" / "persons").resolve() and not page.name.startswith(".")
    assert html.parse(str(page)).xpath("string(//h1)").strip() == "Odd Entry"


@pytest.mark.parametrize("identifier", ["../../../escaped", ".hidden", "a:b", "x" * 300])
def test_a_text_id_names_its_own_page_inside_the_texts_folder(identifier, tmp_path):
    from lxml import html

    source = edition_with(tmp_path, {})
    beta = (source / "texts" / "beta.xml").read_text(encoding="utf-8")
    assert beta.count('xml:id="beta"') == 1
    (source / "texts" / "odd.xml").write_text(beta.replace('xml:id="beta"', f'xml:id="{identifier}"'), encoding="utf-8")
    build(source, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "tei"] and not list(tmp_path.parent.glob("escaped*"))
    home = tmp_path / "site" / "index.html"
    pages = {(home.parent / href).resolve() for href in html.parse(str(home)).xpath("//a/@href")
             if href.startswith("texts/")}
    assert len(pages) == 3, pages  # alpha, beta and the odd one, each a page of its own
    for page in pages:
        assert page.parent == (tmp_path / "site" / "texts").resolve() and page.is_file()
        assert not page.name.startswith(".")
