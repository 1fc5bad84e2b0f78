"""The hardened parser: what it keeps, what it refuses, and how it says so.

The catalogue of malformed and hostile files is in ``tests/bad_inputs/``; attacks that would
reach the network are in ``tests/security/``. These tests pin the parser's own contract.
"""

from __future__ import annotations

import os
import time

import pytest
from lxml import etree

from edition.xmlio import DEFAULT_MAX_BYTES, MAX_DEPTH, UnreadableXML, parse_bytes, read_bytes, read_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"


def refusal(data: bytes, name: str = "doc.xml") -> list:
    with pytest.raises(UnreadableXML) as caught:
        parse_bytes(data, name)
    return caught.value.diagnostics


def test_keeps_comments_pis_cdata_and_whitespace():
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="s.rng"?>\n<!-- top -->\n'
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><p><hi>a</hi> <hi>b</hi><!-- c --><?pi x?>'
            b'<![CDATA[<raw>]]></p></TEI>\n')
    tree = parse_bytes(data)
    p = tree.getroot()[0]
    assert p[0].tail == " ", "whitespace between two elements in mixed content must survive"
    assert isinstance(p[2], etree._Comment) and isinstance(p[3], etree._ProcessingInstruction)
    assert b"<![CDATA[<raw>]]>" in etree.tostring(p)
    assert [type(node).__name__ for node in tree.getroot().itersiblings(preceding=True)] == ["_Comment", "_ProcessingInstruction"]


def test_every_diagnostic_names_file_line_and_column():
    found = refusal(b"<TEI>\n  <p>unclosed\n</TEI>\n", "letters/l1.xml")
    assert found[0].path == "letters/l1.xml"
    assert (found[0].line, found[0].column) == (3, 7)
    assert found[0].format().startswith("letters/l1.xml:3:7: error: [xml-syntax] ")


def test_errors_of_one_document_do_not_leak_into_the_next():
    refusal(b"<a><b></a>", "first.xml")
    assert parse_bytes(b"<a/>", "second.xml").getroot().tag == "a"
    second = refusal(b"<a>&x;</a>", "third.xml")
    assert all("mismatch" not in d.message for d in second)


def test_size_cap_refuses_before_parsing(tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes(b"<a>" + b"x" * 2000 + b"</a>")
    with pytest.raises(UnreadableXML) as caught:
        read_bytes(path, max_bytes=1000)
    assert caught.value.diagnostics[0].rule == "size-cap"
    assert read_bytes(path, max_bytes=5000).startswith(b"<a>")
    assert DEFAULT_MAX_BYTES >= 32 * 1024 * 1024, "the cap must leave room for large registers"


def test_nesting_limit_is_stated_in_the_message():
    assert parse_bytes(b"<a>" * (MAX_DEPTH - 1) + b"</a>" * (MAX_DEPTH - 1)) is not None
    found = refusal(b"<a>" * (MAX_DEPTH + 10) + b"</a>" * (MAX_DEPTH + 10))
    assert found[0].rule == "xml-limit" and str(MAX_DEPTH) in found[0].message
    assert "XML_PARSE_HUGE" not in found[0].message.split("(libxml2")[0]


def test_a_million_elements_parse_quickly():
    start = time.monotonic()
    tree = parse_bytes(b"<TEI>" + b"<p/>" * 1_000_000 + b"</TEI>")
    assert len(tree.getroot()) == 1_000_000
    assert time.monotonic() - start < 20


@pytest.mark.parametrize("declared, data, ok", [
    ("UTF-16", "<?xml version='1.0' encoding='UTF-16'?><a>é</a>".encode("utf-16"), True),
    ("UTF-16LE no BOM", "<?xml version='1.0' encoding='UTF-16LE'?><a>é</a>".encode("utf-16-le"), True),
    ("ISO-8859-1 really", "<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>".encode("latin-1"), True),
    ("windows-1251 really", "<?xml version='1.0' encoding='windows-1251'?><a>ж</a>".encode("cp1251"), True),
    ("UTF-8 BOM", b"\xef\xbb\xbf<?xml version='1.0' encoding='UTF-8'?><a>\xc3\xa9</a>", True),
    ("ISO-8859-1 on UTF-8", "<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>".encode("utf-8"), False),
    ("UTF-16 on 8-bit", b"<?xml version='1.0' encoding='UTF-16'?><a/>", False),
    ("UTF-8 BOM, latin-1 declared", b"\xef\xbb\xbf<?xml version='1.0' encoding='ISO-8859-1'?><a/>", False),
])
def test_encoding_declarations_must_match_the_bytes(declared, data, ok):
    if ok:
        assert parse_bytes(data).getroot().text in ("é", "ж")
    else:
        found = refusal(data)
        assert found[0].rule == "xml-encoding" and found[0].line == 1 and found[0].column > 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    with pytest.raises(UnreadableXML) as caught:
        read_xml(pipe)  # would block forever if opened
    assert caught.value.diagnostics[0].rule == "io"


def test_plain_doctype_without_declarations_is_harmless_and_accepted():
    assert parse_bytes(b"<!DOCTYPE TEI><TEI/>").getroot().tag == "TEI"


def test_namespaced_tei_round_trips_through_the_parser():
    tree = parse_bytes(f'<TEI xmlns="{TEI_NS}"><text/></TEI>'.encode())
    assert tree.getroot()[0].tag == f"{{{TEI_NS}}}text"


def test_a_file_name_that_is_not_utf8_is_no_crash(tmp_path):
    path = tmp_path / os.fsdecode(b"caf\xe9.xml")
    path.write_bytes(b"<a>")
    with pytest.raises(UnreadableXML) as caught:
        read_xml(path)
    assert caught.value.diagnostics[0].line == 1
    path.write_bytes(b"<a/>")
    assert read_xml(path).getroot().tag == "a"


@pytest.mark.parametrize("doctype_anywhere", [b"", b"<![CDATA[<!DOCTYPE]]>"])
def test_many_processing_instructions_are_read_in_linear_time(doctype_anywhere):
    data = b'<?xml version="1.0"?>\n' + b"<?pi x?>\n<!-- c -->\n" * 20_000 + b"<TEI>" + doctype_anywhere + b"</TEI>"
    start = time.monotonic()
    assert parse_bytes(data).getroot().tag == "TEI"
    assert time.monotonic() - start < 5, "the prolog scan must not backtrack"


def test_browser_active_content_is_found():
    from edition.xmlio import browser_active

    data = (b'<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
            b'<p><h:script xmlns:h="http://www.w3.org/1999/xhtml">x</h:script>\n'
            b'<s:svg xmlns:s="http://www.w3.org/2000/svg" onload="x"/></p></TEI>')
    found = browser_active(parse_bytes(data), "a.xml")
    assert [(d.line, d.rule) for d in found] == [(1, "active-content"), (3, "active-content"), (4, "active-content")]
    assert browser_active(parse_bytes(b'<?xml-model href="s.rng"?><TEI xmlns="http://www.tei-c.org/ns/1.0"/>'), "b.xml") == []
