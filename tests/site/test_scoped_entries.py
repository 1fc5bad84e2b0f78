"""Entries declared in a text's own header (DraCor's particDesc) are that text's: two plays that
both have a ``#diener`` have two servants in the registers, each play's speeches and mentions
pointing at its own."""

from __future__ import annotations

from lxml import html

from edition.site import pipeline

PLAY = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}" xml:lang="de">
  <teiHeader>
    <fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>test</p></publicationStmt>
      <sourceDesc><p>test</p></sourceDesc></fileDesc>
    <profileDesc><particDesc><listPerson>
      <person xml:id="diener" sex="MALE"><persName>{servant}</persName></person>
      <person xml:id="anna" sex="FEMALE"><persName>Anna</persName></person>
    </listPerson></particDesc></profileDesc>
  </teiHeader>
  <text><body><div type="scene"><head>Erste Szene</head>
    <sp who="#diener"><speaker>{servant}.</speaker><p>Gnädige Frau, <persName ref="#anna">Anna</persName> ist da.</p></sp>
    <sp who="#anna"><speaker>Anna.</speaker><p>Ich komme.</p></sp>
  </div></body></text>
</TEI>
"""


def test_two_plays_with_the_same_ids_have_entries_of_their_own(tmp_path):
    source = tmp_path / "plays"
    source.mkdir()
    (source / "one.xml").write_text(PLAY.format(id="one", title="Das erste Stück", servant="Johann"))
    (source / "two.xml").write_text(PLAY.format(id="two", title="Das zweite Stück", servant="Friedrich"))
    out = tmp_path / "site"
    report = pipeline.build_site(source, out, search_index=False)
    assert report.entries.get("person") == 4, "two servants and two Annas, not one of each"
    assert not [d for d in report.diagnostics if d.rule == "dangling-ref"], report.diagnostics
    servants = {path.name: path.read_text(encoding="utf-8") for path in (out / "persons").glob("*diener*.html")}
    assert len(servants) == 2
    assert any("Johann" in page for page in servants.values()) and any("Friedrich" in page for page in servants.values())
    assert report.mentions == 6, "each play: two speeches and one name"
    servant = (out / "persons" / "one.diener.html").read_text(encoding="utf-8")
    assert "texts/one.html#sp1" in servant and "two.html" not in servant, "the speech is a mention of its speaker"
    for play in ("one", "two"):
        page = html.parse(str(out / "texts" / f"{play}.html"))
        links = {a.get("href") for a in page.iter("a") if "mention" in (a.get("class") or "")}
        assert links and all(f"{play}.anna" in link for link in links), (play, links)


def test_the_source_files_are_not_changed(tmp_path):
    source = tmp_path / "plays"
    source.mkdir()
    (source / "one.xml").write_text(PLAY.format(id="one", title="Eins", servant="Johann"))
    before = (source / "one.xml").read_bytes()
    pipeline.build_site(source, tmp_path / "site", search_index=False)
    assert (source / "one.xml").read_bytes() == before
    assert (tmp_path / "site" / "tei" / "one.xml").read_bytes() == before, "the published TEI is the editor's"


def test_a_pointer_into_another_file_reaches_that_files_entry_or_passage(tmp_path):
    """``two.xml#diener`` is the second play's servant (scoped to it), not the first's; and
    ``two.xml#p`` its passage, though the first play has an id ``p`` too: as validate reads them."""
    source = tmp_path / "plays"
    (source / "other").mkdir(parents=True)
    one = PLAY.format(id="one", title="Eins", servant="Johann").replace("<p>Ich komme.</p>", '<p xml:id="p">Ich komme.</p>')
    (source / "one.xml").write_text(one)
    (source / "other" / "two.xml").write_text(PLAY.format(id="two", title="Zwei", servant="Friedrich")
                                              .replace("<p>Ich komme.</p>", '<p xml:id="p">Ich gehe.</p>'))
    (source / "essay.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="essay"><teiHeader><fileDesc><titleStmt><title>Essay</title>'
        '</titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>'
        '<text><body><p>Der <persName ref="other/two.xml#diener">Diener</persName> im zweiten Stück sagt '
        '<ref target="other/two.xml#p">dies</ref>; im ersten <persName ref="one.xml#diener">jener</persName>.</p>'
        '</body></text></TEI>')
    out = tmp_path / "site"
    report = pipeline.build_site(source, out, search_index=False)
    assert not [d for d in report.diagnostics if d.rule == "dangling-ref"], report.diagnostics
    page = html.parse(str(out / "texts" / "essay.html"))
    links = {a.text_content(): a.get("href") for a in page.iter("a")
             if a.get("class") and ("mention" in a.get("class") or a.get("class") == "ref")}
    assert links == {"Diener": "../persons/two.diener.html", "jener": "../persons/one.diener.html",
                     "dies": "../texts/two.html#p"}
    servant = (out / "persons" / "two.diener.html").read_text(encoding="utf-8")
    assert "texts/essay.html#" in servant, "the register lists the mention"
