"""Property tests (hypothesis): for any hostile strings, anywhere, the guarantees hold.

* the built HTML has no element or attribute the templates do not make, and no unsafe URL;
* the URL and class filters the site uses never let a dangerous scheme or a foreign class through;
* the parser, fed any bytes, answers with a tree or a clear refusal, never another exception;
* a document written back is the document read.

Examples are few per property (the build is the slow part) but different on every run; a failure
prints the example to replay.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.site import pipeline, urls
from edition.writing import serialize
from edition.xmlio import UnreadableXML, parse_bytes
from hostile import BAD_URLS, MARKUP, assert_only_template_markup, edition_with, hostile_text
from html_audit import SAFE_SCHEMES, read_pages, scheme_of, vocabulary

pytestmark = pytest.mark.slow

SETTINGS = dict(deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Characters XML allows (lxml refuses the others on assignment; they are the parser's business).
XML_CHARACTERS = st.characters(blacklist_categories=("Cs",),
                               blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\ufffe", "\uffff"])
ATOMS = MARKUP + BAD_URLS + ["<", ">", "&", "&amp;", "&lt;", '"', "'", "`", "=", "/", "\\", "javascript:", "data:",
                             " onerror=", "onload", "\u2028", "\u0085", "\u00a0", "]]>", "-->", "<!--", "%3Cscript%3E",
                             "#", "../", "{{", "}}", "{%", "%}"]
hostile_strings = st.lists(st.one_of(st.sampled_from(ATOMS), st.text(XML_CHARACTERS, max_size=6)),
                           min_size=1, max_size=5).map("".join).filter(lambda s: "\x00" not in s)


def xml_safe(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"))


# --- the build ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def template_vocabulary(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("benign")
    source = edition_with(tmp, {"hostile.xml": hostile_text("plain words", "https://example.org/page", "italic sup")})
    pipeline.build_site(source, tmp / "site", search_index=False)
    return vocabulary(read_pages(tmp / "site"))


@settings(max_examples=25, **SETTINGS)
@given(text=hostile_strings, url=hostile_strings, rend=hostile_strings)
@example(text='"><script>x</script>', url="javascript:alert(1)", rend='italic" onclick="x')
def test_built_html_holds_only_template_markup(template_vocabulary, text, url, rend):
    with tempfile.TemporaryDirectory() as folder:
        source = edition_with(Path(folder), {"hostile.xml": hostile_text(text, url, rend)})
        pipeline.build_site(source, Path(folder) / "site", search_index=False)
        assert_only_template_markup(Path(folder) / "site", template_vocabulary)


# --- the site's filters, on many more inputs ---------------------------------------------------------

@settings(max_examples=1000, **SETTINGS)
@given(value=st.one_of(hostile_strings, st.text(max_size=40)))
@example(value="\u0000javascript:alert(1)")
@example(value="java\u0009script:alert(1)")
def test_external_url_never_lets_an_unsafe_scheme_through(value):
    result = urls.external_url(value)
    if result is not None:
        assert scheme_of(result) in SAFE_SCHEMES, (value, result)
        assert not result.lstrip().startswith(("//", "\\\\"))


@settings(max_examples=1000, **SETTINGS)
@given(rend=st.one_of(hostile_strings, st.text(max_size=40)))
def test_rend_becomes_known_classes_only(rend):
    assert set(urls.rend_classes(rend)) <= set(urls.REND_CLASSES.values())


# --- the parser and the writer ----------------------------------------------------------------------

VALID = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- c -->\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
         b'<p n="1">a <hi>b</hi> c<![CDATA[<d>]]><?pi x?></p></TEI>\n')


@settings(max_examples=400, **SETTINGS)
@given(data=st.one_of(
    st.binary(max_size=300),
    st.builds(lambda cut, insert: VALID[:cut] + insert + VALID[cut:],
              st.integers(0, len(VALID)), st.binary(min_size=1, max_size=12)),
    st.builds(lambda cut: VALID[:cut], st.integers(0, len(VALID))),
))
def test_the_parser_answers_any_bytes_with_a_tree_or_a_clear_refusal(data):
    try:
        tree = parse_bytes(data, "fuzz.xml")
    except UnreadableXML as refusal:
        assert refusal.diagnostics
        for diagnostic in refusal.diagnostics:
            assert diagnostic.path == "fuzz.xml" and diagnostic.line >= 0 and diagnostic.column >= 0
            assert diagnostic.message and "\n" not in diagnostic.message
    else:
        assert tree.getroot() is not None


def tei_trees():
    names = st.sampled_from(["p", "hi", "persName", "note", "seg", "lb"])
    words = st.text(XML_CHARACTERS, max_size=8).map(xml_safe)

    def extend(children):
        return st.builds(lambda name, text, tail, kids, attrs: (name, text, tail, kids, attrs),
                         names, words, words, st.lists(children, max_size=3),
                         st.dictionaries(st.sampled_from(["n", "rend", "ref", "type"]), words, max_size=3))

    return st.recursive(st.builds(lambda name, text, tail: (name, text, tail, [], {}), names, words, words),
                        extend, max_leaves=12)


def build_element(spec, parent=None):
    name, text, tail, children, attrs = spec
    element = etree.Element(name) if parent is None else etree.SubElement(parent, name)
    for key, value in attrs.items():
        element.set(key, value)
    element.text = text or None
    if parent is not None:
        element.tail = tail or None
    for child in children:
        build_element(child, element)
    return element


@settings(max_examples=200, **SETTINGS)
@given(spec=tei_trees(), comment=st.booleans(), crlf=st.booleans())
def test_what_is_read_is_written_back_unchanged(spec, comment, crlf):
    root = build_element(spec)
    if comment:
        root.insert(0, etree.Comment(" editor's note "))
        root.append(etree.ProcessingInstruction("tool", "keep me"))
    newline = b"\r\n" if crlf else b"\n"
    original = (b'<?xml version="1.0" encoding="UTF-8"?>' + newline + b'<?xml-model href="s.rng"?>' + newline
                + etree.tostring(root, encoding="UTF-8") + newline)
    if crlf and b"\n" in original.replace(b"\r\n", b""):
        return  # a text with its own bare line breaks is not a Windows file
    try:
        tree = parse_bytes(original)
    except UnreadableXML:
        return  # \r in text is normalised by any XML parser; such inputs are not TEI an editor writes
    assert serialize(tree, original) == original
