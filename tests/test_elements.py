"""The table of TEI elements (edition/elements.py) against the schema and the renderings."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.elements import (BLOCK_BEHAVIOURS, BLOCKS, CITABLE, CITED_AS, ELEMENTS, INLINE_BEHAVIOURS, SEARCHABLE,
                              UNDRAWN_BEHAVIOURS)
from edition.registers import Registers
from edition.site.collect import Collected, DocData
from edition.site.render import REGISTRY, Context
from edition.site.transforms import prepare
from edition.tei import RNG_NS, qn
from edition.xmlio import parse_bytes, read_xml

SCHEMA = Path(__file__).resolve().parents[1] / "schema" / "edition.rng"
BLOCK_HTML = frozenset({"div", "p", "section", "ul", "ol", "li", "table", "tr", "td", "blockquote", "figure",
                        "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"})


def schema_elements() -> set[str]:
    return {element.get("name") for element in read_xml(SCHEMA).iter(f"{{{RNG_NS}}}element")}


def test_every_element_of_the_schema_has_a_row():
    assert sorted(schema_elements() - ELEMENTS.keys()) == []


def test_every_rendering_has_a_row():
    assert sorted(REGISTRY.keys() - ELEMENTS.keys()) == []


@pytest.mark.parametrize("name", sorted(ELEMENTS))
def test_every_row_drawn_has_a_rendering_and_no_other(name):
    row = ELEMENTS[name]
    if row.drawn or row.behaviour == "omit":
        assert name in REGISTRY, f"<{name}> has a row but no rendering in edition/site/render/"
    else:  # the header and the registers live outside the text
        assert name not in REGISTRY, f"<{name}> is {row.behaviour}, never in a text, yet has a rendering"


def drawn(name: str) -> etree._Element | None:
    """What the first handler accepting a bare ``<name>`` inside a division draws (as a page would)."""
    tree = prepare(parse_bytes(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><{name}>words</{name}>'
                               f'</div></body></text></TEI>'.encode()))
    element = next(tree.getroot().iter(qn(f"tei:{name}")))
    context = Context(Collected(Registers()), DocData(id="d", path=Path("d.xml"), title="D", lang="en"))
    parent = etree.Element("div")
    for predicate, handler in REGISTRY[name]:
        if predicate(element, context):
            return handler(element, parent, context)
    raise AssertionError(f"no handler of <{name}> accepts it")


@pytest.mark.parametrize("name", sorted(name for name, row in ELEMENTS.items() if row.drawn))
def test_each_rendering_draws_what_its_row_says(name):
    node = drawn(name)
    tag = node.tag if node is not None else None
    if ELEMENTS[name].is_block:
        assert tag in BLOCK_HTML, f"<{name}> is a {ELEMENTS[name].behaviour} in its row, drawn as <{tag}>"
    else:
        assert tag not in BLOCK_HTML, f"<{name}> is {ELEMENTS[name].behaviour} in its row, drawn as <{tag}>"


@pytest.mark.parametrize("name", sorted(name for name, row in ELEMENTS.items() if row.behaviour == "omit"))
def test_what_the_reading_text_omits_is_not_drawn(name):
    assert drawn(name) is None


def test_the_facts_agree_with_one_another():
    assert {row.behaviour for row in ELEMENTS.values()} <= BLOCK_BEHAVIOURS | INLINE_BEHAVIOURS | UNDRAWN_BEHAVIOURS
    assert SEARCHABLE <= CITABLE  # a search record is found by its anchor
    assert CITED_AS.keys() <= CITABLE
    assert {"p", "head", "div", "list", "item", "sp", "speaker"} <= BLOCKS
    assert not {"quote", "hi", "persName", "note", "lb"} & BLOCKS


def test_the_schema_is_read():
    assert {"TEI", "p", "persName", "teiHeader"} <= schema_elements()  # the check above is not vacuous


def test_a_row_is_all_it_takes():
    """A speech's row (block, citable) reaches the source's words, the reading text, the tagger's
    blocks and the anchors, none of which names ``sp``, ``speaker`` or ``stage``."""
    from edition.site.reading import reading_text
    from edition.site.transforms import ANCHOR
    from edition.tagger.update import blocks_of
    from edition.textview import source_words

    tree = parse_bytes('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><sp><speaker>ANNA</speaker>'
                       '<l>Wer<stage>horcht</stage>da</l></sp></div></body></text></TEI>'.encode())
    assert source_words(tree) == ["ANNA", "Wer", "horcht", "da"]
    assert [block.text.strip() for block in blocks_of(tree)] == ["ANNA", "Wer da", "horcht"]
    prepare(tree)
    assert reading_text(next(tree.getroot().iter(qn("tei:div"))))[0] == "ANNA Wer horcht da"
    assert [element.get(ANCHOR) for element in tree.getroot().iter() if element.get(ANCHOR)] == \
        ["div1", "sp1", "l1", "stage1"]
