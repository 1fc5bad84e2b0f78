"""The small pure pieces: URL safety, rend classes, date normalisation, numbering, reading text."""

from __future__ import annotations

import pytest

from edition.site import dates
from edition.site.names import filter_keys, folded, transliterated
from edition.site.reading import kwic, reading_text
from edition.site.transforms import ANCHOR, MENTION, NUMBER, LAYER, prepare, text_root
from edition.site.urls import external_url, rend_classes
from edition.registers import Entry, Name
from edition.xmlio import parse_bytes
from edition.tei import lang_of


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:x", "data:text/html,<b>x</b>", "DATA:text/html,x", "vbscript:msgbox", "VBScript:x",
    "\x01javascript:x", "file:///etc/passwd", "", None, "relative/page.html", "#anchor",
])
def test_unsafe_or_non_web_urls_are_not_linked(value):
    assert external_url(value) is None


@pytest.mark.parametrize("value", ["http://example.org/", "https://www.wikidata.org/wiki/Q33391",
                                   "mailto:editor@example.org", "HTTPS://EXAMPLE.ORG/"])
def test_web_urls_are_kept(value):
    assert external_url(value) == value


@pytest.mark.parametrize("rend, expected", [
    ("italic", ["it"]), ("bold italic", ["bf", "it"]), ("superscript", ["sup"]),
    ("color(red) position:absolute", []), ('"><script>', []), (None, []),
])
def test_rend_is_mapped_to_an_allowlist(rend, expected):
    assert rend_classes(rend) == expected


@pytest.mark.parametrize("attributes, label, years, kind", [
    ({"when": "1928-01"}, "1928-01", (1928, 1928), "exact"),
    ({"when": "1929", "cert": "medium"}, "1929 (medium certainty)", (1929, 1929), "exact"),
    ({"from": "1926", "to": "1928"}, "1926 – 1928", (1926, 1928), "range"),
    ({"notBefore": "1920", "notAfter": "1929"}, "between 1920 and 1929", (1920, 1929), "vague"),
    ({"notBefore": "1917"}, "not before 1917", (1917, 1917), "vague"),
    ({"when-iso": "1889-08-02"}, "1889-08-02", (1889, 1889), "exact"),
    ({"when": "sometime"}, "", None, "none"),
    ({}, "", None, "none"),
])
def test_dates_are_normalised_honestly(attributes, label, years, kind):
    assert dates.label(attributes) == label
    assert dates.years(attributes) == years
    assert dates.kind(attributes) == kind


def test_spans_sort_after_exact_dates_of_the_same_start():
    ordered = sorted([{"notBefore": "1920", "notAfter": "1929"}, {"when": "1920-05"}, {"from": "1920", "to": "1921"},
                      {"when": "1919"}], key=dates.sort_key)
    assert [dates.kind(a) for a in ordered] == ["exact", "exact", "range", "vague"]


TEI = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t" xml:lang="en"><teiHeader/><text><body>
<div><head>H</head>
<p xml:id="t-p1">A <persName ref="#a">Anna</persName><note type="translation">x</note> and
  <choice><sic>teh</sic><corr>the</corr></choice> <date when="1920">year</date><note>y</note>.</p>
<p>Second <note><p>inner</p></note><note type="translation">z</note></p>
<p xml:id="p3">Third, whose computed neighbour must not take its id</p>
</div>
<back><listPerson><person xml:id="a"><persName>Anna</persName></person></listPerson></back>
</body></text></TEI>"""


@pytest.fixture
def prepared():
    return text_root(prepare(parse_bytes(TEI)))


def test_paragraphs_are_numbered_and_anchored(prepared):
    paragraphs = [p for p in prepared.iter("{*}p") if p.get(NUMBER)]
    assert [(p.get(NUMBER), p.get(ANCHOR)) for p in paragraphs] == [("1", "t-p1"), ("2", "p2"), ("3", "p3")]
    inner = [p for p in prepared.iter("{*}p") if not p.get(NUMBER)]
    assert inner and all(p.get(ANCHOR) is None for p in inner)


def test_notes_are_numbered_per_layer(prepared):
    notes = [(n.get(LAYER), n.get(NUMBER)) for n in prepared.iter("{*}note")]
    assert notes == [("translation", "T1"), ("notes", "1"), ("notes", "2"), ("translation", "T2")]


def test_notes_speak_the_language_of_the_header_not_of_the_text():
    """English notes in an Italian text are English (a screen reader reads them with the right voice)."""
    tree = parse_bytes(b"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="it"><teiHeader xml:lang="en"/>
      <text><body><p>Testo<note>An English note</note><note xml:lang="ru">da</note></p></body></text></TEI>""")
    notes = list(text_root(prepare(tree)).iter("{*}note"))
    assert [lang_of(n) for n in notes] == ["en", "ru"]
    assert lang_of(next(text_root(tree).iter("{*}p"))) == "it"


def test_register_lists_inside_a_text_are_set_aside(prepared):
    assert not list(prepared.iter("{*}listPerson"))


def test_mentions_get_page_unique_ids(prepared):
    ids = [e.get(MENTION) for e in prepared.iter() if e.get(MENTION)]
    assert ids == ["m1", "m2"] and len(set(ids)) == len(ids)


def test_reading_text_uses_corrections_and_leaves_notes_out(prepared):
    paragraph = next(prepared.iter("{*}p"))
    text, spans = reading_text(paragraph)
    assert text == "A Anna and the year."
    start, end = spans["m1"]
    assert text[start:end] == "Anna"
    assert kwic(text, spans["m2"]) == ("A Anna and the ", "year", ".")


def test_kwic_cuts_at_word_boundaries():
    text = "word " * 30 + "TARGET" + " word" * 30
    start = text.index("TARGET")
    left, match, right = kwic(text, (start, start + 6), width=20)
    assert match == "TARGET" and left.startswith("… ") and right.endswith(" …")
    assert "wor " not in left and len(left) <= 24


def test_filter_keys_hold_every_form_in_folded_and_transliterated_shape():
    entry = Entry("trotsky", "person", [Name("Leon Trotsky", "en", "regular", ("Leon",), "Trotsky"),
                                        Name("Троцкий", "ru"), Name("Trockij", "it")])
    keys = filter_keys(entry)
    for query in ("trock", "троц", "trotsky", "leon"):
        assert folded(query) in keys
    assert transliterated("Троцкий") == "trockij"
    assert folded("Tročkij") == "trockij"
