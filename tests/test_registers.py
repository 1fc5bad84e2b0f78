from pathlib import Path

from edition.registers import load_registers

PERSONS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><standOff><listPerson>
<person xml:id="trotsky" sex="M">
  <persName type="regular" xml:lang="en"><forename>Leon</forename> <surname>Trotsky</surname></persName>
  <persName type="full" xml:lang="ru"><forename>Лев</forename> <addName type="patronymic">Давидович</addName> <surname>Троцкий</surname></persName>
  <persName type="variant" xml:lang="it">Trockij</persName>
  <birth when="1879"/><death when="1940"/>
  <idno type="wikidata">http://www.wikidata.org/entity/Q33391</idno>
  <note type="description">Bolshevik leader.</note>
</person></listPerson></standOff></TEI>"""

FOREIGN_PLACES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPlace>
<place xml:id="pmb50"><placeName>Wien</placeName><location><geo>48.2082 16.3738</geo></location></place>
</listPlace></body></text></TEI>"""


def test_entries_are_read_with_names_parts_and_facts(tmp_path: Path):
    (tmp_path / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (tmp_path / "places.xml").write_text(FOREIGN_PLACES, encoding="utf-8")
    registers = load_registers(tmp_path)
    trotsky = registers.get("#trotsky")
    assert trotsky.label == "Leon Trotsky"
    assert trotsky.sort_key == "trotsky leon"
    assert (trotsky.birth, trotsky.death) == ("1879", "1940")
    russian = trotsky.names_in("ru")[0]
    assert (russian.forenames, russian.patronymic, russian.surname) == (("Лев",), "Давидович", "Троцкий")
    assert trotsky.idnos == [("wikidata", "http://www.wikidata.org/entity/Q33391")]
    vienna = registers.get("pmb50")
    assert (vienna.kind, vienna.label, vienna.geo) == ("place", "Wien", (48.2082, 16.3738))


def test_unreadable_register_is_reported_not_fatal(tmp_path: Path):
    (tmp_path / "broken.xml").write_text("<TEI>", encoding="utf-8")
    registers = load_registers(tmp_path)
    assert registers.entries == {}
    assert registers.diagnostics[0].rule == "xml-syntax"


TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text>{}</text></TEI>'
LETTER = TEI.format('<body><p>Aus <placeName ref="#wien">Wien</placeName>.</p></body><back><listPlace>'
                    '<place xml:id="wien"><placeName>Wien</placeName>'
                    '<idno type="wikidata">http://www.wikidata.org/entity/Q1741</idno></place></listPlace></back>')
PLACES = TEI.format('<body><listPlace><place xml:id="wien"><placeName>Wien</placeName><placeName>Vienna</placeName>'
                    '<idno type="geonames">https://sws.geonames.org/2761369/</idno>'
                    '<idno type="wikidata">https://www.wikidata.org/entity/Q1741</idno></place></listPlace></body>')


def test_a_register_files_entry_wins_over_a_texts_copy_and_carries_the_copies_idnos(tmp_path: Path):
    (tmp_path / "a-letter.xml").write_text(LETTER, encoding="utf-8")  # read first
    (tmp_path / "places.xml").write_text(PLACES, encoding="utf-8")
    (tmp_path / "z-letter.xml").write_text(LETTER.replace("Q1741", "Q1741/").replace('type="wikidata"', 'type="wd"')
                                           .replace("</place>", '<idno type="gnd">https://d-nb.info/gnd/4066009-6</idno></place>'),
                                           encoding="utf-8")
    registers = load_registers(tmp_path)
    vienna = registers.get("#wien")
    assert vienna.path.endswith("places.xml") and [n.text for n in vienna.names] == ["Wien", "Vienna"]
    # the letters' Wikidata URI is the register's (http for https, a slash more): kept once
    assert vienna.idnos == [("geonames", "https://sws.geonames.org/2761369/"),
                            ("wikidata", "https://www.wikidata.org/entity/Q1741"),
                            ("gnd", "https://d-nb.info/gnd/4066009-6")]
    assert registers.get("https://d-nb.info/gnd/4066009-6") is vienna


def test_among_copies_or_among_register_files_the_first_wins(tmp_path: Path):
    (tmp_path / "a.xml").write_text(LETTER, encoding="utf-8")
    (tmp_path / "b.xml").write_text(LETTER.replace(">Wien</placeName><idno", ">Wien an der Donau</placeName><idno"),
                                    encoding="utf-8")
    assert load_registers(tmp_path).get("#wien").label == "Wien"
    (tmp_path / "c.xml").write_text(PLACES.replace(">Wien<", ">Wienn<"), encoding="utf-8")
    (tmp_path / "d.xml").write_text(PLACES, encoding="utf-8")
    assert load_registers(tmp_path).get("#wien").label == "Wienn"
