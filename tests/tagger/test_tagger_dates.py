"""Dates in the three languages, with their ISO values, and numbers and months that are not dates."""

from __future__ import annotations

import pytest

from edition.tagger.dates import find_dates


def dates(text, lang):
    return [(m.text, m.attributes, m.cert) for m in find_dates(text, lang)]


@pytest.mark.parametrize("lang, text, words, attributes", [
    ("ru", "Это было 15 ноября 1927 года.", "15 ноября 1927 года", {"when": "1927-11-15"}),
    ("ru", "15 ноября 1927, Троцкий", "15 ноября 1927", {"when": "1927-11-15"}),
    ("ru", "в ноябре 1927 года", "ноябре 1927 года", {"when": "1927-11"}),
    ("ru", "в январе 1929 г. его выслали", "январе 1929 г.", {"when": "1929-01"}),
    ("ru", "В 1925 г. он ушёл", "1925 г.", {"when": "1925"}),
    ("ru", "в 1929 году", "1929 году", {"when": "1929"}),
    ("ru", "в 20-х годов прошлого века", "20-х годов", {"notBefore": "1920", "notAfter": "1929"}),
    ("ru", "в 1920-е годы", "1920-е годы", {"notBefore": "1920", "notAfter": "1929"}),
    ("ru", "в двадцатые годы", "двадцатые годы", {"notBefore": "1920", "notAfter": "1929"}),
    ("ru", "в 1928-1930 гг. было", "1928-1930 гг.", {"from": "1928", "to": "1930"}),
    ("ru", "с 1928 по 1930 год", "с 1928 по 1930 год", {"from": "1928", "to": "1930"}),
    ("ru", "в 1927-28 годах", "1927-28 годах", {"from": "1927", "to": "1928"}),
    ("ru", "24.09.2019", "24.09.2019", {"when": "2019-09-24"}),
    ("en", "On January 18, 1929, a meeting", "January 18, 1929", {"when": "1929-01-18"}),
    ("en", "on 18 January 1929", "18 January 1929", {"when": "1929-01-18"}),
    ("en", "in February 1929", "February 1929", {"when": "1929-02"}),
    ("en", "in 1929 he left", "1929", {"when": "1929"}),
    ("en", "in the 1920s", "the 1920s", {"notBefore": "1920", "notAfter": "1929"}),
    ("en", "made in 1920s Moscow", "1920s", {"notBefore": "1920", "notAfter": "1929"}),
    ("en", "at the beginning of 1922", "the beginning of 1922", {"notBefore": "1922-01", "notAfter": "1922-04"}),
    ("en", "in the autumn of 1927", "the autumn of 1927", {"notBefore": "1927-09", "notAfter": "1927-11"}),
    ("en", "in the late 1920s", "the late 1920s", {"notBefore": "1926", "notAfter": "1929"}),
    ("en", "by mid-1926", "mid-1926", {"notBefore": "1926-05", "notAfter": "1926-08"}),
    ("ru", "в начале ноября 1927 года", "начале ноября 1927 года", {"notBefore": "1927-11-01", "notAfter": "1927-11-10"}),
    ("ru", "до середины 1933 года", "середины 1933 года", {"notBefore": "1933-05", "notAfter": "1933-08"}),
    ("ru", "осенью 1927 года", "осенью 1927 года", {"notBefore": "1927-09", "notAfter": "1927-11"}),
    ("it", "alla fine del 1922", "fine del 1922", {"notBefore": "1922-10", "notAfter": "1922-12"}),
    ("it", "alla fine degli anni '20", "fine degli anni '20", {"notBefore": "1926", "notAfter": "1929"}),
    ("it", "nell'inverno 1927-28", "inverno 1927-28", {"notBefore": "1927-12", "notAfter": "1928-02"}),
    ("it", "nella primavera del 1926", "primavera del 1926", {"notBefore": "1926-03", "notAfter": "1926-05"}),
    ("en", "the purge of 1928-1930", "1928-1930", {"from": "1928", "to": "1930"}),
    ("en", "from December 1917 - January 1918", "December 1917 - January 1918", {"from": "1917-12", "to": "1918-01"}),
    ("en", "Between 1926 and 1928 he", "Between 1926 and 1928", {"from": "1926", "to": "1928"}),
    ("it", "nel maggio 1924", "maggio 1924", {"when": "1924-05"}),
    ("it", "il 7 novembre 1927", "7 novembre 1927", {"when": "1927-11-07"}),
    ("it", "negli anni '20", "anni '20", {"notBefore": "1920", "notAfter": "1929"}),
    ("it", "negli anni Venti", "anni Venti", {"notBefore": "1920", "notAfter": "1929"}),
    ("it", "nel 1925 ᴦ. fu", "1925 ᴦ.", {"when": "1925"}),
    ("it", "dal 1928 al 1930", "dal 1928 al 1930", {"from": "1928", "to": "1930"}),
])
def test_dates(lang, text, words, attributes):
    assert (words, attributes, "") in dates(text, lang)


def test_day_and_month_take_the_year_from_the_context():
    found = dates("On January 18, 1929, the decision. On January 20, Trotsky received it.", "en")
    assert found[-1] == ("January 20", {"when": "1929-01-20"}, "medium")


def test_an_event_named_after_a_month_keeps_only_its_year():
    assert dates("La Rivoluzione d'ottobre del 1917.", "it") == [("1917", {"when": "1917"}, "")]


def test_a_month_after_a_preposition_takes_the_year_of_its_paragraph():
    found = dates("The bloc failed in 1926; in October, Stalin removed him.", "en")
    assert found[-1] == ("October", {"when": "1926-10"}, "medium")
    assert dates("In October, Stalin removed him.", "en") == []
    assert dates("Nel 1927 la rottura; a dicembre il congresso.", "it")[-1] == ("dicembre", {"when": "1927-12"}, "medium")


def test_the_year_carries_over_to_the_next_paragraph(taggers):
    found = taggers["en"].tag_texts(["On January 18, 1929, the decision.", "On January 20, he received it."])
    assert [(m.text, m.attributes, m.cert) for m in found[1]] == [("January 20", {"when": "1929-01-20"}, "medium")]


def test_day_and_month_without_any_year_are_left_alone():
    assert dates("On January 20 he received it.", "en") == []


@pytest.mark.parametrize("lang, text", [
    ("it", "Nelle Lezioni di ottobre attaccava tutti."),
    ("it", "La Rivoluzione d'ottobre cambiò tutto."),
    ("it", "Oltre 1500 imprese chiusero."),
    ("it", "Vennero stampate 1930 copie."),
    ("en", "The October Revolution changed everything."),
    ("en", "About 1500 delegates attended."),
    ("en", "They may return in May, he wrote."),
    ("ru", "Октябрьская революция изменила страну."),
    ("ru", "Тираж составил 1930 экземпляров."),
])
def test_not_dates(lang, text):
    assert dates(text, lang) == []
