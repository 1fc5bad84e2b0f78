"""The About page: what the TEI headers say of the edition, and nothing they do not say."""

from __future__ import annotations

import pytest
from lxml import html

from edition.site.collect import Statement
from edition.site.header import statements
from edition.site.pages.about import build_date
from edition.xmlio import parse_bytes

RICH_HEADER = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>T</title><editor role="general">Ada Editor</editor>
  <respStmt><resp>transcription</resp><resp>notes</resp><persName>Bo Scribe</persName><name>Cy Helper</name></respStmt></titleStmt>
<editionStmt><edition n="2.1">Second edition, revised</edition></editionStmt>
<publicationStmt><publisher>The Press</publisher><date when="2025-03-01">March 2025</date>
  <availability status="free"><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability></publicationStmt>
<sourceDesc><p>born digital</p></sourceDesc></fileDesc>
<encodingDesc><projectDesc><p>A project <!-- not this --> on <term>letters</term>.</p></projectDesc>
<editorialDecl><p>Spelling kept; see <ptr target="#intro"/>.</p><correction><p>Errors marked.</p></correction></editorialDecl></encodingDesc>
<revisionDesc><change when="2025-01-02">a</change><change when="2025-02-03">b</change></revisionDesc>
</teiHeader><text><body><p>x</p></body></text></TEI>"""


def test_every_statement_of_the_header_is_read_as_it_stands():
    found = statements(parse_bytes(RICH_HEADER))
    assert found == [
        Statement("project", "", (), ("A project on letters.",)),
        Statement("principles", "", (), ("Spelling kept; see intro.", "Correction: Errors marked.")),
        Statement("edition", "2.1", (), ("Second edition, revised",)),
        Statement("responsibility", "general", ("Ada Editor",), ()),
        Statement("responsibility", "transcription; notes", ("Bo Scribe", "Cy Helper"), ()),
        Statement("licence", "https://creativecommons.org/licenses/by/4.0/", ("free",), ("CC BY 4.0",)),
        Statement("published", "2025-03-01", ("The Press",), ()),
        Statement("revised", "2025-02-03", (), ()),
    ]


def test_a_header_that_says_nothing_gives_nothing():
    bare = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
    <publicationStmt><p>unpublished</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
    <text><body><p>x</p></body></text></TEI>"""
    assert statements(parse_bytes(bare)) == []


def test_the_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == "2023-11-14"


def strings(site, relative, expression):
    found = html.parse(str(site / relative)).getroot().xpath(expression)
    return [" ".join(str(v).split()) for v in (found if isinstance(found, list) else [found])]


ROWS = [
    ("//h1/text()", ["About the edition"]),
    ("//header[@class='site']//a[@href='about.html']/@aria-current", ["page"]),
    ("//table[@class='responsibility']/tbody/tr/td[1]/text()", ["Test Encoder"]),
    ("//table[@class='responsibility']/tbody/tr/td[2]/text()", ["encoded by"]),
    ("string(//table[@class='responsibility']/tbody/tr/td[3])", ["all 2 texts"]),
    ("string(//section[@aria-labelledby='licence']//div[@class='statement']/p[1])", ["CC BY 4.0"]),
    # no editionStmt: said to be missing, no version made up
    ("string(//dl[@class='facts']/div[dt='Edition']/dd)", ["The TEI headers state no edition or version (no editionStmt)."]),
    ("string(//dl[@class='facts']/div[dt='Published']/dd)", ["Test Edition, 2026"]),
    ("//dl[@class='facts']/div[dt='This site built']/dd/time/@datetime", [build_date()]),
    ("string(//p[@id='edition-citation'])",
     ["Test Encoder. Test Edition. Test Edition, 2026. [the address of this site]. Accessed [date of access]."]),
    ("//section[@aria-labelledby='principles']/p[@class='missing']/code/text()", ["editorialDecl"]),
]


@pytest.mark.parametrize("expression, expected", ROWS, ids=[r[0][:60] for r in ROWS])
def test_the_about_page(basic_site, expression, expected):
    assert strings(basic_site[0], "about.html", expression) == expected


def test_the_editions_about_page_shares_what_texts_share(edition_site):
    site = edition_site[0]
    assert strings(site, "about.html", "count(//section[@aria-labelledby='principles']/details)") == ["3.0"]
    assert strings(site, "about.html", "//table[@class='responsibility']/tbody/tr/td[1]/text()") == [
        "tei-edition encoding team", "tei-edition project, encoder of text 001", "tei-edition encoding team"]
    assert strings(site, "about.html", "//dl[@class='facts']/div[dt='Last revised']/dd/time/text()") == ["2026-12-06"]
