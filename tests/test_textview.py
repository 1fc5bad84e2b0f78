from edition.textview import source_reading, source_words
from edition.xmlio import parse_bytes

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


def words(body: str) -> list[str]:
    return source_words(parse_bytes(f'<TEI {TEI}><teiHeader><p>header</p></teiHeader>'
                                    f'<text><body>{body}</body></text></TEI>'.encode()))


def test_source_readings_are_kept_and_editorial_layers_left_out():
    body = ('<p>Trotsky <choice><sic>Trotskiy</sic><corr>Trotsky</corr></choice> in '
            '<choice><orig>Alma-Ata</orig><reg>Almaty</reg></choice>'
            '<note type="editorial">A note.</note><supplied>, 1928</supplied>.</p>')
    assert words(body) == ["Trotsky", "Trotskiy", "in", "Alma-Ata."]


def test_block_boundaries_separate_words_and_inline_quotes_do_not():
    assert words("<head>Title</head><p>«<quote>Here</quote>» <persName>Anna</persName> "
                 "<persName>Karenina</persName></p>") == ["Title", "«Here»", "Anna", "Karenina"]


def test_header_comments_and_pis_are_not_text():
    tree = parse_bytes(f'<TEI {TEI}><teiHeader><p>h</p></teiHeader><text><body><p>a<!-- c --><?pi x?>b'
                       f'</p></body></text></TEI>'.encode())
    assert source_reading(tree).split() == ["ab"]
