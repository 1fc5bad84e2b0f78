"""Persons, places and organisations: every form a text uses, and the traps."""

from __future__ import annotations

import pytest

from .conftest import tagged

RU_CASES = [
    ("Троцкий приехал.", "Троцкий"),           # nominative
    ("Не было Троцкого.", "Троцкого"),          # genitive
    ("Письмо Троцкому.", "Троцкому"),           # dative
    ("Видели Троцкого.", "Троцкого"),           # accusative
    ("Спорили с Троцким.", "Троцким"),          # instrumental
    ("Говорили о Троцком.", "Троцком"),         # prepositional
]


@pytest.mark.parametrize("text, words", RU_CASES)
def test_russian_surname_in_every_case(taggers, text, words):
    assert tagged(taggers["ru"], text) == [(words, "person", "trotsky")]


@pytest.mark.parametrize("text, words, ref", [
    ("Письмо Льва Давидовича дошло.", "Льва Давидовича", "trotsky"),
    ("Встреча с Иосифом Виссарионовичем.", "Иосифом Виссарионовичем", "stalin"),
    ("Книга Николая Ивановича Бухарина вышла.", "Николая Ивановича Бухарина", "bukharin"),
    ("Троцкий Лев Давидович родился в 1879 году.", "Троцкий Лев Давидович", "trotsky"),
    ("Выступил Н. И. Бухарин.", "Н. И. Бухарин", "bukharin"),
    ("Выступил Н.И. Бухарин.", "Н.И. Бухарин", "bukharin"),
    ("Выступил Г.Е.Зиновьев.", "Г.Е.Зиновьев", "zinoviev"),
    ("Подписал Бухарин Н.И., а не другой.", "Бухарин Н.И.", "bukharin"),
    ("Зиновьевы и Каменевы того времени.", "Зиновьевы", "zinoviev"),
])
def test_russian_full_names_patronymics_initials(taggers, text, words, ref):
    assert (words, "person", ref) in tagged(taggers["ru"], text)


@pytest.mark.parametrize("lang, text, words, ref", [
    ("en", "L.D. Trotsky arrived.", "L.D. Trotsky", "trotsky"),
    ("en", "L. D. Trotsky arrived.", "L. D. Trotsky", "trotsky"),
    ("it", "IV. Stalin concentrò il potere.", "IV. Stalin", "stalin"),
    ("it", "LB Kamenev e altri.", "LB Kamenev", "kamenev"),
    ("en", "Trotsky's letters arrived.", "Trotsky", "trotsky"),
    ("en", "The Trotskys' house.", "Trotskys", "trotsky"),
    ("en", "Signed by Trotsky L.D. himself.", "Trotsky L.D.", "trotsky"),
    ("en", "Lev Davidovich wrote it.", "Lev Davidovich", "trotsky"),
    ("it", "Le lettere di Trockij.", "Trockij", "trotsky"),          # in the register
    ("it", "Le lettere di Zinov'ev.", "Zinov'ev", "zinoviev"),      # romanised from Зиновьев
    ("it", "Bucharin diresse la Pravda.", "Bucharin", "bukharin"),  # romanised from Бухарин
    ("it", "Trotskij e Zinoviev.", "Trotskij", "trotsky"),
    ("en", "The Trotsky-Zinoviev bloc.", "Zinoviev", "zinoviev"),
])
def test_latin_forms(taggers, lang, text, words, ref):
    assert (words, "person", ref) in tagged(taggers[lang], text)


@pytest.mark.parametrize("lang, text", [
    ("ru", "Троцкистская оппозиция и троцкисты."),
    ("ru", "Сталинская конституция и сталинизм."),
    ("ru", "Он пришёл, его не ждали, о нём молчали."),
    ("ru", "Завод имени Кирова выполнил план."),
    ("ru", "Ему вручили орден Ленина."),
    ("ru", "Они поднялись на пик Ленина и приехали в город Киров."),
    ("ru", "Ленинская премия и ленинградский обком."),
    ("ru", "В книге «Уроки Троцкого» он нападал на всех."),
    ("ru", "Ягода была спелой."),
    ("ru", "Ягода из сада была сладкой."),
    ("ru", "Тот, кто пришёл, был прав. Тот был прав."),  # a pronoun that is also a register name
    ("en", "The Trotskyist opposition and the Stalinists."),
    ("en", "The Bukharinites were accused of deviation."),
    ("en", "The Kirov Plant worked day and night."),
    ("en", "He received the Order of Lenin."),
    ("en", "They moved to the city of Kirov."),
    ("en", "He admired him; she did not."),
    ("en", 'In his book "The Stalin School" he answered.'),
    ("it", "Il sistema staliniano e i trotskisti."),
    ("it", "Il Premio Stalin fu assegnato."),
    ("it", "La fabbrica Kirov lavorava."),
])
def test_traps_are_left_alone(taggers, lang, text):
    assert [t for t in tagged(taggers[lang], text) if t[1] == "person"] == []


def test_a_cue_word_must_be_right_before_the_name(taggers):
    assert ("Kirov", "person", "kirov") in tagged(taggers["en"], "On his order, Kirov left the city.")


def test_only_a_quotation_after_a_title_cue_is_a_title(taggers):
    text = 'He wrote in the newspaper " Spark ". In his views, Trotsky stood with Lenin.'
    assert [t[0] for t in tagged(taggers["en"], text)] == ["Trotsky", "Lenin"]


@pytest.mark.parametrize("text", ["Ягода, нарком внутренних дел, молчал.", "Ягода подписал приказ."])
def test_a_sentence_initial_common_word_is_a_name_when_the_verb_agrees(taggers, text):
    assert tagged(taggers["ru"], text)[0] == ("Ягода", "person", "yagoda")


def test_a_sentence_initial_common_word_is_a_name_when_listed_with_one(taggers):
    assert ("Ягода", "person", "yagoda") in tagged(taggers["ru"], "Ягода и Каменев руководили.")


@pytest.mark.parametrize("lang, text, words, ref", [
    ("ru", "Из Москвы в Ленинград.", "Москвы", "moscow"),
    ("ru", "Из Москвы в Ленинград.", "Ленинград", "saint-petersburg"),
    ("ru", "Колонны шли к Красной площади.", "Красной площади", "red-square"),
    ("ru", "Его выслали в Алма-Ату.", "Алма-Ату", "almaty"),
    ("ru", "Жил в Алма-Ате.", "Алма-Ате", "almaty"),
    ("en", "Letters from Alma-Ata.", "Alma-Ata", "almaty"),      # romanised from Алма-Ата
    ("it", "Da Mosca a Leningrado.", "Leningrado", "saint-petersburg"),
    ("it", "Espulso dall'URSS.", "URSS", "soviet-union"),
])
def test_places(taggers, lang, text, words, ref):
    assert (words, "place", ref) in tagged(taggers[lang], text)


@pytest.mark.parametrize("lang, text", [
    ("it", "Il treno partì da Mosca diretto in Russia centrale."),
    ("en", "He travelled through Western Russia."),
    ("ru", "Он объездил всю Центральную Россию."),
])
def test_a_compass_word_makes_another_place(taggers, lang, text):
    assert [t for t in tagged(taggers[lang], text) if t[0].startswith(("Russia", "Росси"))] == []


def test_an_adjective_homonym_is_not_a_place(taggers):
    assert tagged(taggers["ru"], "Он был верный друг.") == []


@pytest.mark.parametrize("lang, text, words, ref", [
    ("ru", "Решение ЦК ВКП(б) и ОГПУ.", "ВКП(б)", "vkpb"),
    ("ru", "Решение ЦК ВКП(б) и ОГПУ.", "ОГПУ", "ogpu"),
    ("ru", "На заседании Политбюро.", "Политбюро", "politburo"),
    ("en", "Agents of the OGPU came.", "OGPU", "ogpu"),
])
def test_organisations(taggers, lang, text, words, ref):
    assert (words, "org", ref) in tagged(taggers[lang], text)


def test_shared_surname_alone_is_a_low_certainty_guess(taggers):
    [mentions] = taggers["ru"].tag_texts(["Седов уехал в Берлин."])
    [mention] = mentions
    assert mention.ref in ("sedov-lev", "sedov-sergei") and mention.cert == "low"


def test_shared_surname_follows_the_document(taggers):
    texts = ["Лев Седов помогал отцу.", "Седов уехал в Берлин."]
    found = taggers["ru"].tag_texts(texts)
    assert [(m.ref, m.cert) for m in found[1]] == [("sedov-lev", "low")]
    assert [(m.ref, m.cert) for m in found[0]] == [("sedov-lev", "")]


def test_forename_settles_a_shared_surname(taggers):
    [mentions] = taggers["ru"].tag_texts(["Сергей Седов держался в стороне."])
    assert [(m.text, m.ref, m.cert) for m in mentions] == [("Сергей Седов", "sedov-sergei", "")]


def test_agreement_chooses_between_sedova_and_sedov(taggers):
    [mentions] = taggers["ru"].tag_texts(["Седова пережила мужа."])
    assert [(m.ref, m.cert) for m in mentions] == [("sedova-natalia", "")]


def test_forename_alone_is_not_a_mention(taggers):
    assert tagged(taggers["ru"], "Лев вошёл в клетку.") == []
