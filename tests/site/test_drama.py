"""A play: speeches, speakers and stage directions drawn as such (edition/site/render/drama.py)."""

from __future__ import annotations

from lxml import html as lxml_html

from edition.site.pipeline import build_site

PLAY = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="play" xml:lang="de">
<teiHeader><fileDesc><titleStmt><title>Ein Spiel</title></titleStmt>
<publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
<text><body><div type="scene"><head>Erste Szene</head>
<stage>Ein Zimmer. Nacht.</stage>
<sp who="#anna"><speaker>ANNA.</speaker><l>Wer kommt <stage>(horcht)</stage> so spät?</l></sp>
<sp who="#bert"><speaker>BERT</speaker><stage>tritt ein.</stage><p>Ich bin es.</p></sp>
</div></body></text></TEI>"""


def test_a_play_is_drawn_as_speeches(tmp_path):
    (tmp_path / "play" / "texts").mkdir(parents=True)
    (tmp_path / "play" / "texts" / "play.xml").write_text(PLAY, encoding="utf-8")
    report = build_site(tmp_path / "play", tmp_path / "site", search_index=False)
    assert [d.code for d in report.diagnostics if d.code == "unknown-element"] == []
    page = lxml_html.parse(str(tmp_path / "site" / "texts" / "play.html")).getroot()
    speeches = page.xpath("//div[@class='sp']")
    assert [s.get("id") for s in speeches] == ["sp1", "sp2"]
    assert [s.xpath("string(p[@class='speaker'])") for s in speeches] == ["ANNA.", "BERT"]
    # Between speeches a stage direction is a paragraph of its own; inside a verse line, part of the line.
    assert page.xpath("string(//section//p[@class='stage'][1])") == "Ein Zimmer. Nacht."
    line = speeches[0].xpath(".//p[contains(@class, 'tei-l')]")[0]
    assert line.xpath("string(span[@class='stage'])") == "(horcht)"
    assert " ".join(line.text_content().split()) == "Wer kommt (horcht) so spät?"
    assert speeches[1].xpath("p[@class='stage']/text()") == ["tritt ein."]
