"""The built pages, checked as rows of (page, XPath, expected) (Sphinx's test_build_html)."""

from __future__ import annotations

import pytest
from lxml import html

from edition.site.pages.build import CSP


def page(site, relative):
    return html.parse(str(site / relative)).getroot()


def strings(root, expression):
    return [" ".join(str(v).split()) for v in root.xpath(expression)]


ROWS = [
    # reading page: header, languages, paragraphs, anchors, numbers
    ("texts/alpha.html", "//h1/text()", ["Высылка Троцкого"]),
    ("texts/alpha.html", "//h1/@lang", ["ru"]),
    ("texts/alpha.html", "//div[@class='text']/@lang", ["ru"]),
    ("texts/alpha.html", "//details[@class='about']/dl//dt[.='Note']/following-sibling::dd[1]/text()",
     ["A web article of unknown authorship."]),
    ("texts/alpha.html", "(//dl[@class='source-description'])[1]/div/dt/text()",
     ["Source", "Date of the source", "Language", "Paragraphs"]),
    ("texts/alpha.html", "//nav[@class='toc']", []),
    ("texts/alpha.html", "//a[@type='application/xml']/@href", ["../tei/texts/alpha.xml"]),
    ("texts/alpha.html", "//p[@class='para']/@id", ["alpha-p1", "alpha-p2", "alpha-p3", "alpha-p4"]),
    ("texts/alpha.html", "//p[@id='alpha-p2']/a[@class='pnum']/text()", ["2"]),
    ("texts/alpha.html", "//p[@id='alpha-p2']/@data-cite", ["Высылка Троцкого, ¶ 2"]),
    ("texts/beta.html", "//p[@class='para'][3]/@id", ["p3"]),
    ("texts/alpha.html", "//section[@id='alpha-d1']/h2/@id", ["head1"]),
    # names link to their entries; an unknown reference stays unlinked text
    ("texts/alpha.html", "//p[@id='alpha-p1']/a[contains(@class,'mention')]/@href",
     ["../persons/trotsky.html", "../places/almaty.html", "../persons/stalin.html"]),
    ("texts/alpha.html", "//span[contains(@class,'unresolved')]/text()", ["Неизвестным"]),
    ("texts/beta.html", "//a[@href='../persons/stalin.html' and contains(@class,'person')]/text()", ["Stalin"]),
    ("texts/alpha.html", "//a[contains(@class,'org')]/text()", ["ОГПУ"]),
    # dates show their normalised value
    ("texts/alpha.html", "//time[@id='m4']/@datetime", ["1928-01"]),
    ("texts/alpha.html", "//span[contains(@class,'date')]/@data-norm", ["between 1920 and 1929", "1926 – 1928"]),
    ("texts/beta.html", "//time[.='that year']/@data-norm", ["1929 (medium certainty)"]),
    # corrections with the source on demand
    ("texts/alpha.html", "//span[@class='choice']/span[contains(@class,'reading')]/text()", ["победили", "театр"]),
    ("texts/alpha.html", "//span[@class='choice-popover']//span[@class='tei-sic']/text()", ["победим"]),
    ("texts/alpha.html", "//span[@class='choice-popover']//span[@class='tei-orig']/text()", ["ѳеатръ"]),
    ("texts/alpha.html", "count(//button[@class='source-reading'][@popovertarget])", [2.0]),
    # foreign words carry their language
    ("texts/beta.html", "//span[@class='tei-foreign']/@lang", ["ru", "ru", "ru", "ru", "ru"]),
    # structures
    ("texts/alpha.html", "//blockquote/p/@id", ["alpha-p3"]),
    ("texts/alpha.html", "//figure/figcaption/a/text()", ["Троцкий"]),
    ("texts/alpha.html", "//ul[@class='list']/li/@id", ["item1", "item2"]),
    ("texts/alpha.html", "//div[@class='debris']/text()", ["Поделиться: ВКонтакте"]),
    ("texts/alpha.html", "//span[@class='tei-metamark']/text()", ["неизвестным элементом"]),
    # parallel passages
    ("texts/alpha.html", "//p[@id='alpha-p1']//a[@class='parallel']/@href", ["../texts/beta.html#beta-p1"]),
    ("texts/alpha.html", "string(//p[@id='alpha-p1']/span[@class='parallels'])", ["Parallel: The expulsion of Trotsky ¶ 1"]),
    ("texts/alpha.html", "//p[@id='alpha-p1']/span[@class='parallels']/cite/@lang", ["en"]),
    ("texts/alpha.html", "//section[@id='notes']/ol/li/@lang", ["en"]),
    ("texts/alpha.html", "//span[@id='pop-alpha-n1']/@lang", ["en"]),
    ("texts/beta.html", "//p[@id='beta-p1']//a[@class='parallel']/@href", ["../texts/alpha.html#alpha-p1"]),
    # notes: markers with popovers, two layers, links both ways
    ("texts/beta.html", "//button[contains(@class,'note-marker')]/text()", ["T1", "T2", "1", "2"]),
    ("texts/beta.html", "//button[contains(@class,'translation')]/@popovertarget", ["pop-beta-n1", "pop-beta-n2"]),
    ("texts/beta.html", "//span[@id='pop-beta-n1']/@popover", ["auto"]),
    ("texts/beta.html", "//section[@id='translation-notes']//li/@id", ["beta-n1", "beta-n2"]),
    ("texts/beta.html", "//section[@id='notes']//li/a[@class='backlink']/@href", ["#ref-beta-n3", "#ref-note1"]),
    # a note or a correction inside a name: no button inside the link; the note follows it
    ("texts/beta.html", "//p[@id='p3']/a[@id='m9']/following-sibling::*[1]/@class", ["source-reading"]),
    ("texts/beta.html", "//p[@id='p3']/a[@id='m9']/following-sibling::*[3]/@id", ["ref-note1"]),
    ("texts/beta.html", "//p[@id='p3']/a[@id='m9']//span[contains(@class,'reading')]/@title", ['the source spells: “Сталинъ”']),
    ("texts/beta.html", "//span[@id='pop-beta-n3']/a[@class='to-apparatus']/@href", ["#beta-n3"]),
    ("texts/alpha.html", "//section[@id='notes']//li/@id", ["alpha-n1"]),
    # links from data are filtered
    ("texts/beta.html", "//a[contains(@href, 'javascript')]", []),
    # (twice: the note's popover and the notes section)
    ("texts/beta.html", "//a[@class='ref']/@href", ["https://example.org/ogpu"] * 2),
    ("texts/beta.html", "//span[@class='ref']/text()", ["a bad link"] * 2),
    # the index of persons
    # the index of persons: compact, a row an entry, sortable, the filter kept
    ("persons/index.html", "//table[@class='register-index']/tbody/tr[contains(@class,'entry')]/@id",
     ["stalin", "trotsky", "zinoviev"]),
    ("persons/index.html", "//nav[@class='letters']//a/@href", ["#letter-S", "#letter-T", "#letter-Z"]),
    ("persons/index.html", "//span[@class='letter-anchor']/@id", ["letter-S", "letter-T", "letter-Z"]),
    ("persons/index.html", "//table[@class='register-index']/thead//th/button/text()",
     ["Name", "Dates", "Occupation", "Texts", "Mentions"]),
    ("persons/index.html", "//tr[@id='trotsky']/th[@scope='row']/a/@href", ["../persons/trotsky.html"]),
    ("persons/index.html", "//tr[@id='trotsky']/th/a/text()", ["Trotsky, Leon"]),
    ("persons/index.html", "//tr[@id='trotsky']/td/text()", ["1879–1940", "revolutionary", "2", "5"]),
    ("persons/index.html", "//tr[@id='trotsky']/td/@data-sort", ["1879", "2", "5"]),
    ("persons/index.html", "//tr[@id='zinoviev']/td[@class='number']/text()", ["0", "0"]),
    ("persons/index.html", "//ol[@class='kwic']", []),  # the mentions are on the entries' pages
    ("persons/index.html", "//input[@id='entry-filter']/@type", ["search"]),
    ("persons/index.html", "//tr[@id='stalin']/@data-names", ["joseph stalin | stalin | сталин"]),
    # an entry's page: breadcrumbs, name forms by language, mentions by text
    ("persons/trotsky.html", "//nav[@class='breadcrumb']//a/@href", ["../index.html", "../persons/index.html#trotsky"]),
    ("persons/trotsky.html", "//nav[@class='breadcrumb']//span[@aria-current='page']/text()", ["Trotsky, Leon"]),
    ("persons/trotsky.html", "//dl[@class='forms']/div/dt/text()", ["Russian", "English", "Italian"]),
    ("persons/trotsky.html", "//span[@class='form'][@lang='ru']/text()", ["Лев Давидович Троцкий", "Лейба Давидович Бронштейн"]),
    ("persons/trotsky.html", "//span[@class='form-type']/text()", ["(full)", "(birth)"]),  # never "variant"
    ("persons/trotsky.html", "//p[@class='authority']/a/@href", ["http://www.wikidata.org/entity/Q33391"]),
    ("persons/trotsky.html", "//p[@class='mention-count']/text()", ["5 mentions in 2 texts, grouped by text"]),
    ("persons/trotsky.html", "//details[@class='mentions-of-text']//span[@class='count']/text()", ["3 mentions", "2 mentions"]),
    ("persons/trotsky.html", "//ol[@class='kwic']/li/a/@href",
     ["../texts/alpha.html#m2", "../texts/alpha.html#m9", "../texts/alpha.html#m11", "../texts/beta.html#m2",
      "../texts/beta.html#m8"]),
    ("persons/trotsky.html", "//ol[@class='kwic']/li/a/text()", ["¶ 1", "¶ 2", "heading", "¶ 1", "¶ 3"]),
    ("persons/trotsky.html", "(//ol[@class='kwic']/li)[1]//mark/text()", ["Троцкого"]),
    ("persons/trotsky.html", "count(//svg[@class='bar']/rect)", [2.0]),
    ("persons/zinoviev.html", "//p[@class='mention-count']/text()", ["Not mentioned in the texts."]),
    ("persons/trotsky.html", "//h1/text()", ["Trotsky, Leon"]),
    ("persons/trotsky.html", "//h1/span[@class='life']/text()", ["(1879–1940)"]),
    ("persons/trotsky.html", "//a[contains(@href,'javascript')]", []),
    # places, with a map drawn from shipped outlines; organisations
    ("places/index.html", "//figure[@class='map']//image/@href", ["../static/world-land.svg"]),
    ("places/index.html", "//figure[@class='map']/svg//a/@href", ["../places/almaty.html", "../places/moscow.html"]),
    ("places/index.html", "//figure[@class='map']/figcaption/a/@href", ["../static/leaflet/LICENSE.txt"]),
    ("places/index.html", "//figure[@class='map']//a/@data-lat", ["43.23890", "55.75580"]),
    ("places/index.html", "//figure[@class='map']/@data-map", ["overview"]),
    ("places/index.html", "//figure[@class='map']/@data-tiles", []),  # no tiles unless the edition opts in
    ("places/index.html", "//script/@src", ["../static/leaflet/leaflet.js", "../static/world-land.js", "../static/edition.js"]),
    ("places/index.html", "//link[@rel='stylesheet']/@href", ["../static/edition.css", "../static/leaflet/leaflet.css"]),
    ("places/almaty.html", "//figure[@class='map locator']/svg//a[not(@class)]/@href", ["../places/almaty.html"]),
    ("places/almaty.html", "//figure[@class='map locator']/svg//a[@class='context']/@href", []),  # the place alone: its page depends on no other place
    ("persons/index.html", "//script/@src", ["../static/edition.js"]),  # Leaflet only where a map is
    ("places/almaty.html", "//span[@class='coordinates']/text()", ["43.2389, 76.8897"]),
    ("places/almaty.html", "//span[@class='form'][@lang='en']/text()", ["Almaty", "Alma-Ata"]),
    ("organisations/index.html", "//tr[@id='ogpu']/th/a/text()", ["OGPU"]),
    ("organisations/index.html", "//table[@class='register-index']/thead//th/button/text()", ["Name", "Texts", "Mentions"]),
    # chronology: order, spans placed honestly, links, timeline
    ("chronology.html", "//li[contains(@class,'dated-mention')]/span[@class='norm']/text()",
     ["between 1920 and 1929", "1926 – 1928", "1927", "1928-01", "1928-01-16", "1929", "1929 (medium certainty)"]),
    ("chronology.html", "//li[contains(@class,'vague')]/@data-to", ["1929"]),
    ("chronology.html", "(//li[contains(@class,'dated-mention')])[1]/a/@href", ["texts/alpha.html#m6"]),
    ("chronology.html", "count(//figure[@class='timeline']//rect[@class='bar'])", [3.0]),
    ("chronology.html", "count(//figure[@class='timeline']//line[@class='span'])", [2.0]),
    ("chronology.html", "//select[@id='year-filter']/option/@value", ["", "1920", "1926", "1927", "1928", "1929"]),
    # glossary of translation notes, by Russian term
    ("glossary.html", "//dl[@class='glossary']/div/dt/text()", ["генеральный секретарь", "органы"]),
    ("glossary.html", "//dl[@class='glossary']//p[@class='where']/a/@href", ["texts/beta.html#beta-n1",
                                                                            "texts/beta.html#beta-n2"]),
    ("glossary.html", "//p[@class='rendering']/strong/text()", ["General Secretary", "OGPU"]),
    ("glossary.html", "//p[@class='explanation']/span[@class='tei-foreign']/@lang", ["ru", "ru"]),
    # the search page
    ("search.html", "//form[@class='search']/@data-bundles", ["en ru"]),
    ("index.html", "//ol[@class='text-list']/li/h3/a/@href", ["texts/alpha.html", "texts/beta.html"]),
]


@pytest.mark.parametrize("relative, expression, expected", ROWS, ids=[f"{r[0]}:{r[1][:50]}" for r in ROWS])
def test_page(basic_site, relative, expression, expected):
    root = page(basic_site[0], relative)
    found = root.xpath(expression)
    if isinstance(found, (float, str)):
        assert [" ".join(str(found).split()) if isinstance(found, str) else found] == expected
    else:
        assert [" ".join(str(v).split()) for v in found] == expected


PAGES = ["index.html", "texts/alpha.html", "persons/index.html", "persons/trotsky.html", "places/index.html",
         "organisations/ogpu.html", "chronology.html", "glossary.html", "search.html"]


@pytest.mark.parametrize("relative", PAGES)
def test_every_page_has_the_policy_and_nothing_inline(basic_site, relative):
    root = page(basic_site[0], relative)
    assert root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [CSP]
    assert not root.xpath("//script[not(@src)]"), "inline scripts are blocked by the policy"
    assert not root.xpath("//*[@style]"), "inline styles are blocked by the policy"
    assert not root.xpath("//*[starts-with(name(), 'on')]")
    assert root.xpath("/html/@lang") == ["en"]
    assert len(root.xpath("//main")) == 1 and len(root.xpath("//h1")) == 1


@pytest.mark.parametrize("relative", PAGES)
def test_no_request_to_another_host(basic_site, relative):
    root = page(basic_site[0], relative)
    loaded = root.xpath("//script/@src | //link/@href | //img/@src | //image/@href | //iframe/@src | //source/@src")
    assert loaded and all("//" not in url and not url.startswith("http") for url in loaded)


def test_html_ids_are_unique_on_every_page(basic_site):
    for path in basic_site[0].rglob("*.html"):
        if "pagefind" in path.parts[-2]:
            continue
        ids = html.parse(str(path)).getroot().xpath("//@id")
        assert len(ids) == len(set(ids)), f"duplicate ids in {path}"


def test_the_build_reports_what_it_does_not_know(basic_site):
    report = basic_site[1]
    rules = sorted((d.rule, d.element) for d in report.diagnostics)
    assert rules == [("dangling-ref", "persName"), ("unknown-element", "metamark")]
    assert (report.documents, report.entries["person"], report.entries["place"], report.entries["org"]) == (2, 3, 3, 1)
    assert (report.notes, report.translation_notes) == (3, 2)


def test_tei_sources_are_copied_into_the_site(basic_site):
    source = basic_site[0] / "tei" / "texts" / "alpha.xml"
    assert source.read_bytes().startswith(b"<?xml")
    assert (basic_site[0] / "tei" / "registers" / "persons.xml").is_file()


INVALID_NESTING = (
    "//p//*[self::div or self::p or self::ul or self::ol or self::li or self::blockquote or self::section"
    " or self::aside or self::figure or self::table or self::dl or self::h2 or self::h3 or self::h4]"
    " | //span//*[self::div or self::p or self::ul or self::ol or self::li or self::blockquote or self::section"
    " or self::aside or self::figure or self::table]"
    " | //a//a | //a//button | //button//a | //button//button")


def nesting_errors(site):
    """Elements HTML does not allow where they are (a browser would move them: the page would differ)."""
    found = []
    for path in site.rglob("*.html"):
        if not path.relative_to(site).parts[0].startswith("pagefind-"):
            found += [f"{path.relative_to(site)}: {e.getparent().tag} > {e.tag}"
                      for e in html.parse(str(path)).getroot().xpath(INVALID_NESTING)]
    return found


def test_the_pages_nest_elements_as_html_allows(basic_site):
    assert nesting_errors(basic_site[0]) == []


def test_the_edition_nests_elements_as_html_allows(edition_site):
    assert nesting_errors(edition_site[0]) == []
