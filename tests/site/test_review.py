"""A reader's review of the site: alphabetical order as an index prints it and the home page that introduces the
edition (the browser side: test_review_browser.py)."""

from __future__ import annotations

import shutil

import pytest
from lxml import html

from .conftest import ROOTS
from edition.site.names import collation_key
from edition.site.pipeline import build_site

EXTRA_PERSONS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="extra-persons" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>More persons</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
  <sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
  <standOff><listPerson>
    <person xml:id="ohm"><persName type="regular" xml:lang="en"><forename>Georg</forename> <surname>Ohm</surname></persName></person>
    <person xml:id="oberg"><persName type="regular" xml:lang="de"><forename>Anna</forename> <surname>Öberg</surname></persName></person>
    <person xml:id="efimov"><persName type="regular" xml:lang="ru"><forename>Борис</forename> <surname>Ефимов</surname></persName></person>
    <person xml:id="yolkin"><persName type="regular" xml:lang="ru"><forename>Пётр</forename> <surname>Ёлкин</surname></persName></person>
    <person xml:id="abramov"><persName type="regular" xml:lang="ru"><forename>Иван</forename> <surname>Абрамов</surname></persName></person>
  </listPerson></standOff>
</TEI>
"""

GAMMA = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="gamma" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>Gamma</title></titleStmt>
  <publicationStmt><publisher>Test Edition</publisher></publicationStmt>
  <sourceDesc><bibl><title>Gamma</title></bibl></sourceDesc></fileDesc></teiHeader>
  <text><body><div>
    <p xml:id="gamma-first">A <seg xml:id="gamma-s1">fir</seg><note type="translation" target="#gamma-s1"><foreign xml:lang="ru">ель</foreign>: <term>spruce</term>, so <q>a spruce</q>; the text says “<q>fir</q>”.</note>
      and a <seg xml:id="gamma-s2">tree</seg><note type="translation" target="#gamma-s2"><foreign xml:lang="ru">ёлка</foreign>: <term>New Year tree</term>.</note>
      at the <seg xml:id="gamma-s4">XIV congress</seg><note type="translation" target="#gamma-s4"><foreign xml:lang="ru">XIV съезд</foreign>: <term>Fourteenth Congress</term>.</note>
      in <seg xml:id="gamma-s3">Truth</seg><note type="translation" target="#gamma-s3"><foreign xml:lang="ru">«Правда»</foreign>: <term>Pravda</term>.</note>.</p>
    <p corresp="#gamma-first">He said: <quote>the <persName ref="#stalin">gravedigger</persName> of the revolution</quote>.</p>
    <list><item><persName ref="#zinoviev">Zinoviev</persName></item></list>
  </div></body></text>
</TEI>
"""

DELTA = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="delta" xml:lang="ru">
  <teiHeader xml:lang="en"><fileDesc><titleStmt><title>The defeat of the Opposition</title></titleStmt>
  <publicationStmt><publisher>Test Edition</publisher></publicationStmt>
  <sourceDesc><bibl><title>Untitled</title></bibl></sourceDesc></fileDesc></teiHeader>
  <text><body><div><p><persName ref="#trotsky">Троцкий</persName> был выслан.</p></div></body></text>
</TEI>
"""


def test_collation_puts_accented_and_cyrillic_letters_where_readers_look():
    words = ["Zander", "Ohm", "Öberg", "Oakes", "Ефимов", "Ёлкин", "Абрамов", "«Правда»", "органы"]
    assert sorted(words, key=collation_key) == ["Oakes", "Öberg", "Ohm", "Zander", "Абрамов", "Ёлкин", "Ефимов",
                                                "органы", "«Правда»"]
    assert collation_key("Öberg") != collation_key("Oberg"), "distinct names never tie"


@pytest.fixture(scope="module")
def collated_site(tmp_path_factory):
    """site-basic with persons whose names start with Ö and Cyrillic letters, and Russian glossary terms."""
    source = tmp_path_factory.mktemp("collated") / "src"
    shutil.copytree(ROOTS / "site-basic", source)
    (source / "registers" / "extra.xml").write_text(EXTRA_PERSONS, encoding="utf-8")
    (source / "texts" / "gamma.xml").write_text(GAMMA, encoding="utf-8")
    (source / "texts" / "delta.xml").write_text(DELTA, encoding="utf-8")
    out = source.parent / "_site"
    build_site(source, out)
    return out


def test_the_index_of_persons_is_in_alphabetical_order_not_code_point_order(collated_site):
    page = html.parse(str(collated_site / "persons" / "index.html"))
    order = page.xpath("//tr[contains(@class, 'entry')]/@id")
    assert order == ["oberg", "ohm", "stalin", "trotsky", "zinoviev", "abramov", "yolkin", "efimov"]
    letters = page.xpath("//nav[@class='letters']//a/text()")
    assert letters == ["O", "S", "T", "Z", "А", "Е"]


def test_the_glossary_sorts_russian_terms_as_a_dictionary_does(collated_site):
    page = html.parse(str(collated_site / "glossary.html"))
    terms = page.xpath("//dl[@class='glossary']/div/dt/text()")
    assert terms == ["XIV съезд", "генеральный секретарь", "ёлка", "ель", "органы", "«Правда»"]
    groups = [(g.xpath("string(h2)"), g.xpath(".//dt/text()")) for g in page.xpath("//section[@class='letter-group']")]
    assert groups == [("#", ["XIV съезд"]), ("Г", ["генеральный секретарь"]), ("Е", ["ёлка", "ель"]), ("О", ["органы"]), ("П", ["«Правда»"])]
    assert page.xpath("//nav[@class='letters']//a/@href") == ["#letter-#", "#letter-Г", "#letter-Е", "#letter-О", "#letter-П"]


def test_a_mention_in_a_quotation_or_list_is_cited_by_its_paragraph(collated_site):
    labels = {}
    for person in ("stalin", "zinoviev"):
        page = html.parse(str(collated_site / "persons" / f"{person}.html"))
        labels[person] = page.xpath("//details[.//span[@class='text-title'] = 'Gamma']//a[@class='where']/text()")
    assert labels == {"stalin": ["¶ 2, quotation"], "zinoviev": ["list item after ¶ 2"]}


def test_a_rendering_quoted_in_a_note_gets_quotation_marks_once(collated_site):
    page = html.parse(str(collated_site / "texts" / "gamma.html"))
    note = page.xpath("//section[@id='translation-notes']//li")[0]
    assert note.xpath(".//q/text()") == ["a spruce"], "marked up as a quotation: the browser adds the marks"
    assert "“fir”" in note.text_content(), "already between marks in the XML: no second pair"
    assert page.xpath("//section[@id='translation-notes']//q[.='fir']") == []
    glossary = html.parse(str(collated_site / "glossary.html"))
    assert glossary.xpath("//dl[@class='glossary']//q[.='a spruce']"), "the glossary quotes the note as drawn"


def test_an_entry_page_unfolds_its_mentions_the_index_counts_them(basic_site):
    entry = html.parse(str(basic_site[0] / "persons" / "trotsky.html"))
    index = html.parse(str(basic_site[0] / "persons" / "index.html"))
    assert [d.get("open") for d in entry.xpath("//details[@class='mentions-of-text']")] == ["", ""]
    assert index.xpath("//details") == [] and index.xpath("//tr[@id='trotsky']/td[last()]/@data-sort") == ["5"]


def test_a_parallel_in_the_same_text_reads_as_such(collated_site):
    page = html.parse(str(collated_site / "texts" / "gamma.html"))
    parallels = page.xpath("//span[@class='parallels']")
    assert [" ".join(p.text_content().split()) for p in parallels] == ["Parallel: ¶ 1 in this text"]
    assert parallels[0].xpath("a/@href") == ["#gamma-first"]


def test_a_place_shows_its_map_before_the_list_of_mentions(basic_site):
    page = html.parse(str(basic_site[0] / "places" / "almaty.html"))
    order = [e.tag for e in page.xpath("//article/*[self::figure or self::details or self::dl]")]
    assert order[:2] == ["dl", "figure"] and order[2:] and set(order[2:]) == {"details"}, order


def test_a_place_locator_is_a_wide_strip_with_a_visible_dot(basic_site):
    page = html.parse(str(basic_site[0] / "places" / "almaty.html"))
    _, _, width, height = map(float, page.xpath("//figure[@class='map locator']/svg/@viewbox")[0].split())
    radius = float(page.xpath("//figure[@class='map locator']//circle/@r")[0])
    assert width / height >= 2, "as wide as the column is, so the seas around the place show"
    assert radius / height >= 1 / 50, "the dot is a few pixels, not a speck"


def test_an_english_title_over_a_russian_text_is_marked_english(collated_site):
    home = html.parse(str(collated_site / "index.html"))
    assert home.xpath("//h3/a[@href='texts/delta.html']/@lang") == ["en"]
    text = html.parse(str(collated_site / "texts" / "delta.html"))
    assert text.xpath("//h1/@lang") == ["en"] and text.xpath("//div[@class='text']/@lang") == ["ru"]
    entry = html.parse(str(collated_site / "persons" / "trotsky.html"))
    assert entry.xpath("//span[@class='text-title'][. = 'The defeat of the Opposition']/@lang") == ["en"]


def test_the_home_page_introduces_the_texts_their_languages_and_the_translation_notes(basic_site):
    page = html.parse(str(basic_site[0] / "index.html"))
    lead = " ".join(page.xpath("string(//p[@class='lead'])").split())
    assert "2 texts in Russian and English" in lead
    texts = page.xpath("//ol[@class='text-list']/li")
    assert [t.xpath("string(.//h3/a/@lang)") for t in texts] == ["ru", "en"]
    beta = " ".join(texts[1].xpath("string(.)").split())
    assert "Machine translation from Russian." in beta, "the source's description is shown"
    assert "3 paragraphs · 7 names · 2 editorial notes · 2 translation notes" in beta, beta
    guide = page.xpath("//section[@class='how-to-read']")[0]
    assert guide.xpath(".//dt[. = 'Translation notes']/following-sibling::dd//a/@href") == ["glossary.html"]


def test_an_entry_named_in_many_texts_lists_them_a_page_at_a_time(tmp_path, monkeypatch):
    """An entry's mentions in more texts than a page lists go on further pages, each linked from
    every other; together they list every mention once, and each page says which texts it holds."""
    from edition.site.pages import listing

    out = tmp_path / "site"
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    whole = html.parse(str(out / "persons" / "trotsky.html"))
    expected = whole.xpath("//ol[@class='kwic']/li/a/@href")
    texts = whole.xpath("//details[@class='mentions-of-text']//span[@class='text-title']/text()")
    assert len(texts) == 2 and not whole.xpath("//nav[@class='pager']")

    monkeypatch.setattr(listing, "PAGE_TEXTS", 1)
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    first, second = out / "persons" / "trotsky.html", out / "persons" / "trotsky" / "2.html"
    found, titles = [], []
    for number, path in enumerate((first, second), 1):
        page = html.parse(str(path))
        found += [href.replace("../", "", 1) if number == 2 else href for href in page.xpath("//ol[@class='kwic']/li/a/@href")]
        titles += page.xpath("//details[@class='mentions-of-text']//span[@class='text-title']/text()")
        pager = page.xpath("//nav[@class='pager']")
        assert len(pager) == 2, "above and below the mentions"
        assert pager[0].xpath("string(p)") == f"Texts {number}–{number} of 2"
        assert pager[0].xpath("ol/li/a[@aria-current='page']/text()") == [str(number)]
        for href in pager[0].xpath("ol/li/a/@href"):  # the other page, found where the link says
            assert (path.parent / href).resolve() == (second if number == 1 else first).resolve()
        assert (path.parent / page.xpath("//nav[@class='breadcrumb']//a/@href")[1].split("#")[0]).resolve() == \
            (out / "persons" / "index.html").resolve()
        assert page.xpath("//h1[@class='entry-name']/text()") == whole.xpath("//h1[@class='entry-name']/text()")
    assert found == expected and titles == texts
    assert not (out / "persons" / "trotsky" / "3.html").exists()


def test_the_home_page_lists_the_texts_a_page_at_a_time(tmp_path, monkeypatch):
    """More texts than the home page lists go on further pages, each linked from the other; the
    edition's summary counts every text on each, the guide to reading is on the first."""
    from edition.site.pages import listing

    out = tmp_path / "site"
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    whole = html.parse(str(out / "index.html"))
    expected = whole.xpath("//ol[@class='text-list']/li//h3/a/@href")
    assert len(expected) == 2 and not whole.xpath("//nav[@class='pager']")

    monkeypatch.setattr(listing, "HOME_TEXTS", 1)
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    first, second = out / "index.html", out / "index" / "2.html"
    found = []
    for number, path in enumerate((first, second), 1):
        page = html.parse(str(path))
        listed = page.xpath("//ol[@class='text-list']")[0]
        assert listed.get("start") == (None if number == 1 else "2")
        found += [(path.parent / href).resolve() for href in listed.xpath("li//h3/a/@href")]
        assert page.xpath("string(//p[@class='summary'])") == whole.xpath("string(//p[@class='summary'])")
        assert "2 texts" in page.xpath("string(//p[@class='lead'])")
        pager = page.xpath("//nav[@class='pager']")
        assert len(pager) == 2 and pager[0].xpath("string(p)") == f"Texts {number}–{number} of 2"
        for href in pager[0].xpath("ol/li/a/@href"):
            assert (path.parent / href).resolve() == (second if number == 1 else first).resolve()
        assert (path.parent / page.xpath("//link[@rel='stylesheet']/@href")[0]).is_file()
        assert bool(page.xpath("//section[@class='how-to-read']")) == (number == 1)
    assert found == [(out / href).resolve() for href in expected] and all(path.is_file() for path in found)


def test_a_term_explained_in_many_texts_has_a_page_listing_every_note(tmp_path, monkeypatch):
    """The glossary shows a term's notes in its first texts and links to the term's page for the
    rest; the page lists them all, each linked to its place in its text."""
    from edition.site.pages import listing

    source = tmp_path / "src"
    shutil.copytree(ROOTS / "site-basic", source)
    beta = (source / "texts" / "beta.xml").read_text(encoding="utf-8")
    (source / "texts" / "beta2.xml").write_text(
        beta.replace('xml:id="beta', 'xml:id="betb').replace('"#beta-', '"#betb-'), encoding="utf-8")
    monkeypatch.setattr(listing, "INDEX_TEXTS", 1)
    out = tmp_path / "site"
    build_site(source, out, search_index=False, incremental=False)
    glossary = html.parse(str(out / "glossary.html"))
    terms = glossary.xpath("//dl[@class='glossary']/div")
    assert [t.xpath("string(dt)") for t in terms] == ["генеральный секретарь", "органы"]
    for term in terms:
        assert term.xpath(".//p[@class='where']/a/@href") == [f"texts/beta.html#beta-n{terms.index(term) + 1}"]
        more = term.xpath("dd[@class='more-notes']/a")
        assert [a.text_content() for a in more] == ["All 2 notes on it, in 2 texts"]
        page_path = out / more[0].get("href")
        page = html.parse(str(page_path))
        assert page.xpath("string(//h1)") == term.xpath("string(dt)")
        hrefs = page.xpath("//p[@class='where']/a/@href")
        number = terms.index(term) + 1
        assert hrefs == [f"../texts/beta.html#beta-n{number}", f"../texts/betb.html#betb-n{number}"]
        assert all((page_path.parent / href.split("#")[0]).is_file() for href in hrefs)
        back = page.xpath("//p[@class='breadcrumb']/a/@href")[0]
        assert back == f"../glossary.html#{term.get('id')}"
    assert len(list((out / "glossary").glob("*.html"))) == 2

    monkeypatch.setattr(listing, "PAGE_TEXTS", 1)  # the term's page cut a text a page
    build_site(source, out, search_index=False, incremental=False)
    first = out / html.parse(str(out / "glossary.html")).xpath("//dd[@class='more-notes']/a/@href")[0]
    second = first.parent / first.stem / "2.html"
    for path, number, href in ((first, 1, "../texts/beta.html#beta-n1"), (second, 2, "../../texts/betb.html#betb-n1")):
        page = html.parse(str(path))
        assert page.xpath("//p[@class='where']/a/@href") == [href]
        assert (path.parent / href.split("#")[0]).is_file()
        assert page.xpath("string(//nav[@class='pager']/p)") == f"Texts {number}–{number} of 2"
        assert [(path.parent / link).resolve() for link in page.xpath("//nav[@class='pager'][1]//a/@href")] == \
            [(second if number == 1 else first).resolve()]

    monkeypatch.setattr(listing, "INDEX_TEXTS", 5)  # a term in fewer texts than shown: no page of its own
    build_site(source, out, search_index=False, incremental=False)
    assert not html.parse(str(out / "glossary.html")).xpath("//dd[@class='more-notes']")
    assert not (out / "glossary").exists()


def test_a_year_with_many_dated_mentions_has_a_page_listing_them_all(tmp_path, monkeypatch):
    """The chronology lists a year's first dated mentions and links to the year's page for all of
    them, in the same time order; every link from a year's page reaches its text."""
    from edition.site.pages import listing

    out = tmp_path / "site"
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    whole = html.parse(str(out / "chronology.html"))
    expected = {section.get("id"): section.xpath(".//li/a[@class='where']/@href")
                for section in whole.xpath("//section[@class='year']")}
    assert not whole.xpath("//p[@class='more-dates']") and not (out / "chronology").exists()

    monkeypatch.setattr(listing, "YEAR_ROWS", 1)
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    index = html.parse(str(out / "chronology.html"))
    paged = 0
    for section in index.xpath("//section[@class='year']"):
        rows = expected[section.get("id")]
        assert section.xpath(".//li/a[@class='where']/@href") == rows[:1]
        more = section.xpath("p[@class='more-dates']/a")
        assert bool(more) == (len(rows) > 1)
        if more:
            year = section.get("id").removeprefix("year-")
            assert more[0].get("href") == f"chronology/{year}.html"
            assert more[0].text_content() == f"All {len(rows)} dated mentions of {year}"
            page = html.parse(str(out / more[0].get("href")))
            hrefs = page.xpath("//li/a[@class='where']/@href")
            assert hrefs == ["../" + href for href in rows]
            assert all((out / "chronology" / href.split("#")[0]).is_file() for href in hrefs)
            assert page.xpath("//p[@class='breadcrumb']/a/@href") == [f"../chronology.html#year-{year}"]
            paged += 1
    assert paged and len(list((out / "chronology").glob("*.html"))) == paged

    monkeypatch.setattr(listing, "PAGE_ROWS", 1)  # a year's page cut a row a page: all of them, in order
    build_site(ROOTS / "site-basic", out, search_index=False, incremental=False)
    for section_id, rows in expected.items():
        if len(rows) < 2:
            continue
        year = section_id.removeprefix("year-")
        found = []
        for number in range(1, len(rows) + 1):
            path = out / "chronology" / (f"{year}.html" if number == 1 else f"{year}/{number}.html")
            page = html.parse(str(path))
            found += [href.replace("../", "", number > 1 and 2 or 1) for href in page.xpath("//li/a[@class='where']/@href")]
            assert page.xpath("string(//nav[@class='pager']/p)") == f"Dated mentions {number}–{number} of {len(rows)}"
        assert found == rows
        assert not (out / "chronology" / year / f"{len(rows) + 1}.html").exists()
