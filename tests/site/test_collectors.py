"""What each collector reads from one prepared document (edition/site/collectors.py)."""

from __future__ import annotations

from pathlib import Path

from edition.site.collectors import (COLLECTORS, DateCollector, Document, EditingCollector, IdCollector,
                                     MentionCollector, NoteCollector, OutlineCollector, SearchBlockCollector, collect_document)
from edition.site.header import read_header
from edition.site.transforms import prepare, text_root
from edition.xmlio import parse_bytes

HEADER = """<teiHeader><fileDesc><titleStmt><title>Letters</title><title level="s">Series</title>
<editor>Ed Itor</editor></titleStmt><publicationStmt><publisher>Press</publisher></publicationStmt>
<sourceDesc><bibl><title>A book</title><!-- checked against the scan --><?editor todo?>
<date>1901</date></bibl></sourceDesc></fileDesc></teiHeader>"""

BODY = """<div><head>One</head>
<p>Met <persName ref="#anna #bert">them</persName> in <placeName key="Zürich (Stadt)">Zürich</placeName>
on <date when="1901-05-02">2 May</date>.<note type="editorial">See <ref target="#x-p2">below</ref>.</note></p>
<div><head>Two</head><p xml:id="x-p2">A <quote><p>nested</p></quote> block,
<rs type="work" key="w1">a book</rs>.</p></div></div>"""


def document(body: str = BODY, header: str = HEADER) -> Document:
    tree = prepare(parse_bytes(f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x" xml:lang="en">{header}'
                               f'<text><body>{body}</body></text></TEI>'.encode()))
    return Document(tree, text_root(tree), read_header(tree, Path("x.xml")))


def test_the_header_is_read_and_its_comments_are_not_text():
    doc = document().doc
    assert (doc.id, doc.title, doc.series, doc.publisher) == ("x", "Letters", "Series", "Press")
    assert doc.header == [("Source", "A book"), ("Date of the source", "1901"), ("Editor", "Ed Itor")]


def test_the_outline_has_each_division_heading_and_its_depth():
    reading = document()
    OutlineCollector().process(reading)
    assert reading.doc.headings == [("head1", "One", 1), ("head2", "Two", 2)]
    assert reading.doc.paragraphs == 3


def test_search_blocks_are_the_outermost_searchable_blocks():
    reading = document()
    SearchBlockCollector().process(reading)
    assert [block.anchor for block in reading.doc.blocks] == ["head1", "p1", "head2", "x-p2"]
    assert reading.doc.blocks[3].text == "A nested block, a book."
    assert reading.doc.block_characters == {"en": sum(len(block.text) for block in reading.doc.blocks)}


def test_notes_know_their_layer_number_and_words():
    reading = document()
    NoteCollector().process(reading)
    [note] = reading.doc.notes
    assert (note.layer, note.number, note.explanation) == ("notes", "1", "See below.")
    assert reading.doc.note_layers == ("notes",)


def test_mentions_are_grouped_by_entry_and_a_key_is_taken_whole():
    reading = document()
    MentionCollector().process(reading)
    groups = reading.doc.mention_groups
    assert list(groups.keys) == ["anna", "bert", "Zürich (Stadt)", "w1"]
    [zurich] = groups.get("Zürich (Stadt)")
    assert (zurich.match, zurich.where, zurich.kind_hint) == ("Zürich", "¶ 1", "place")
    assert (reading.doc.names, reading.doc.other_references) == (4, 1)
    assert reading.doc.named == {"anna", "bert", "Zürich (Stadt)"}


def test_dates_keep_their_values_in_context():
    reading = document()
    DateCollector().process(reading)
    [date] = reading.doc.dates
    assert (date.value, date.match, date.where) == ({"when": "1901-05-02"}, "2 May", "¶ 1")


def test_ids_and_pointers():
    reading = document()
    IdCollector().process(reading)
    assert reading.doc.ids == [("x-p2", "x-p2", "¶ 2")]
    doc = collect_document(reading.tree, Path("x.xml"))
    assert doc.references == ["#anna", "#bert", "#x-p2", "Zürich (Stadt)", "w1"]


def test_collect_document_runs_every_collector():
    doc = collect_document(document().tree, Path("x.xml"))
    assert len(COLLECTORS) == 7
    assert (len(doc.headings), len(doc.blocks), len(doc.notes), doc.names, doc.dated, len(doc.ids)) == (2, 4, 1, 4, 1, 1)


def test_the_editing_a_reader_meets_is_counted():
    reading = document('<p>A <choice><sic>teh</sic><corr>the</corr></choice> and '
                       '<app><lem>word</lem><rdg wit="#b">verb</rdg></app>.</p>')
    EditingCollector().process(reading)
    assert (reading.doc.corrections, reading.doc.readings) == (1, 1)
    plain = document()
    EditingCollector().process(plain)
    assert (plain.doc.corrections, plain.doc.readings) == (0, 0)


def test_a_document_without_text_has_its_header_only():
    tree = parse_bytes(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}</TEI>'.encode())
    doc = collect_document(prepare(tree), Path("y.xml"))
    assert (doc.title, doc.blocks, doc.names) == ("Letters", [], 0)
