"""Hostile TEI: whatever a text or a register holds, the pages carry no script and no foreign link."""

from __future__ import annotations

import shutil

from lxml import html

from edition.site.pipeline import build_site

from .conftest import ROOTS

HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="evil&quot;onload=&quot;x" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></titleStmt>
  <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div>
    <p xml:id="x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">Text &lt;img src=x onerror=alert(1)&gt;
      <ref target=" JaVaScRiPt:alert(1)">a</ref> <ref target="java&#9;script:alert(1)">b</ref>
      <ref target="data:text/html;base64,PHNjcmlwdD4=">c</ref> <ref target="vbscript:x">d</ref>
      <hi rend="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">e</hi>
      <persName ref="#trotsky&quot; onmouseover=&quot;alert(1)">f</persName>
      <date when="&lt;script&gt;">g</date></p>
  </div></body></text>
</TEI>
"""


def test_hostile_content_is_escaped_and_links_are_filtered(tmp_path):
    source = tmp_path / "tei"
    shutil.copytree(ROOTS / "site-basic", source)
    (source / "texts" / "hostile.xml").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "_site"
    build_site(source, out, search_index=False)
    pages = [p for p in out.rglob("*.html")]
    assert any("evil" in p.name for p in pages), "the hostile text was built"
    for path in pages:
        root = html.parse(str(path)).getroot()
        assert not root.xpath("//script[not(@src)] | //img | //iframe | //object | //embed"), path
        assert not root.xpath("//@*[starts-with(name(), 'on')]"), path
        for href in root.xpath("//@href | //@src"):
            assert not href.strip().lower().replace("\t", "").startswith(("javascript", "data", "vbscript")), (path, href)
        assert all(src.startswith("../static/") or src.startswith("static/") for src in root.xpath("//script/@src"))
    hostile = next(p for p in pages if "evil" in p.name)
    assert hostile.name == "evil_onload__x.html"
    text = hostile.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text
