"""What a reader sees of each genre (tests/roots/genres/), in Debian's Chromium driven by Playwright.

Screenshots go to test-artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import pytest

from edition.site.pipeline import build_site

from .conftest import ARTIFACTS, ROOTS, serve, watched_page
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def genres_server(tmp_path_factory):
    out = tmp_path_factory.mktemp("genres-browser") / "_site"
    build_site(ROOTS / "genres", out, search_index=False)
    server, url = serve(out)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, genres_server):
    with watched_page(browser, genres_server, viewport={"width": 1000, "height": 800}) as page:
        yield page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"genre-{name}.png"), full_page=True)


def test_the_apparatus_shows_the_lemma_and_opens_every_reading(page):
    page.goto("texts/apparatus.html")
    paragraph = page.locator("#p1")
    assert "sermo" not in paragraph.inner_text()  # the readings wait in the entry, closed
    assert page.locator("#pop-app-1").is_hidden()
    page.locator("button[popovertarget='pop-app-1']").click()
    entry = page.locator("#pop-app-1")
    assert entry.is_visible()
    assert "verbum] A B; sermo C; logos D" in " ".join(entry.inner_text().split())
    shot(page, "apparatus-entry")
    page.keyboard.press("Escape")
    assert entry.is_hidden()
    listed = page.locator("#critical-apparatus")
    assert listed.is_visible()
    assert "deum] A; dominum B; patrem C D" in " ".join(listed.inner_text().split())
    shot(page, "apparatus")


def test_a_play_links_its_cast_and_speeches_and_numbers_its_lines(page):
    page.goto("texts/drama.html")
    cast = page.locator(".castList")
    assert "Wachtmeister, 2 speeches" in " ".join(cast.inner_text().split())
    shot(page, "drama")
    page.locator("#sp2 .speaker a").click()
    page.wait_for_url("**#cast-trompeter")
    page.locator("#cast-wachtmeister a.speeches").click()
    page.wait_for_url("**#sp1")
    assert page.locator("#sp1 .speaker").inner_text() == "Wachtmeister."
    number = page.evaluate("getComputedStyle(document.querySelector('#l6'), '::before').content")
    assert number == '"5"'
    unnumbered = page.evaluate("getComputedStyle(document.querySelector('#l7'), '::before').content")
    assert unnumbered in ("none", "normal")
    # the second half of a line split between speakers starts further in than a whole line
    whole, second_half = (page.locator(f"#{anchor}").evaluate("e => e.getBoundingClientRect().left + "
                                                              "parseFloat(getComputedStyle(e).paddingLeft)")
                          for anchor in ("l6", "l5"))
    assert second_half > whole


def test_a_group_of_characters_is_in_the_persons_register_and_leads_to_its_speech(page):
    page.goto("persons/index.html")
    page.get_by_role("link", name="Soldatenjungen", exact=True).click()
    page.wait_for_url("**/persons/drama.soldatenjungen.html")
    page.locator("a[href='../texts/drama.html#sp5']").first.click()
    page.wait_for_url("**/texts/drama.html#sp5")
    assert page.locator("#sp5 .speaker").inner_text() == "Soldatenjungen."


def test_a_poem_shows_line_numbers_and_indentation(page):
    page.goto("texts/verse.html")
    shot(page, "verse")
    starts = {anchor: page.locator(f"#{anchor}").evaluate(
        "e => e.getBoundingClientRect().left + parseFloat(getComputedStyle(e).paddingLeft)")
        for anchor in ("l1", "l2", "l6")}
    assert starts["l1"] < starts["l2"] < starts["l6"]
    assert page.evaluate("getComputedStyle(document.querySelector('#l10'), '::before').content") == '"10"'


def test_a_letter_names_its_correspondents_at_the_top(page):
    page.goto("texts/letter.html")
    shot(page, "letter")
    header = " ".join(page.locator("header.text-header dl").first.inner_text().split())
    assert "Sender Kraus, Karl Sent from Wien Sent on 31. 10. 1892 Addressee Schnitzler, Arthur" in header


def test_a_date_in_the_chronology_scrolls_the_letters_correspondence_into_view(page):
    page.set_viewport_size({"width": 1000, "height": 400})  # the letter's page is longer than the window
    page.goto("chronology.html")
    page.locator("li.dated-mention a.where", has_text="Sent on").click()
    page.wait_for_url("**/texts/letter.html#correspondence")
    page.wait_for_function("window.scrollY > 0")  # scrolled down to the block, not left at the page's top
    assert page.evaluate("document.querySelector(':target').id") == "correspondence"
    box = page.locator("dl.correspondence").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 400, box  # the whole block in the window
    assert "Sender Kraus, Karl" in " ".join(page.locator(":target").inner_text().split())
    shot(page, "letter-from-chronology")


def test_a_page_image_stands_beside_its_text(page):
    page.goto("texts/facsimile.html")
    image = page.locator("a.facs img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('a.facs img').complete")
    assert image.evaluate("i => i.naturalWidth") == 120  # loaded, from the site itself
    picture, paragraph = image.bounding_box(), page.locator("#p1").bounding_box()
    assert picture["x"] > paragraph["x"] + paragraph["width"] / 2  # to the right of the text, not above it
    shot(page, "facsimile")


def test_a_dictionary_entry_reads_as_one(page):
    page.goto("texts/dictionary.html")
    entry = page.locator("#haus")
    headword = entry.locator(".dict-orth").first
    assert headword.is_visible() and headword.inner_text() == "Haus"
    assert int(headword.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
    assert entry.locator(".dict-pos").first.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    numbers = entry.locator(":scope > ol > li > .dict-sense-n")
    assert numbers.all_inner_texts() == ["1.", "2."]
    definitions = entry.locator(":scope > ol > li > .dict-def")
    assert definitions.all_inner_texts() == ["a building in which people live", "the audience of a performance"]
    assert all(definitions.nth(i).is_visible() for i in range(2))
    # each number at the start of its sense's line, the second sense below the first
    first, second = (numbers.nth(i).bounding_box() for i in range(2))
    assert second["y"] > first["y"] and abs(second["x"] - first["x"]) < 2
    assert numbers.nth(0).bounding_box()["x"] < definitions.nth(0).bounding_box()["x"]
    # the sub-senses stand further in than the senses
    assert entry.locator("#sense4 .dict-sense-n").bounding_box()["x"] > second["x"]
    shot(page, "dictionary")
    entry.locator(".dict-xr a").click()
    page.wait_for_url("**#heim")
    assert page.locator("#heim .dict-orth").inner_text() == "Heim"
