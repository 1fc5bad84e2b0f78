"""Finding persons, places and organisations in a text with the compiled gazetteer."""

from __future__ import annotations

from edition.tagger.gazetteer import END, FORENAME, PATRONYMIC, SURNAME, Gazetteer
from edition.tagger.model import Mention
from edition.tagger.morphology import analyzer, common_word, fold, function_word, is_cyrillic, nominative, part_of_speech
from edition.tagger.tokens import APOSTROPHES, Token, initial_letters, is_caps_cluster, sentence_initial

# A name right after these words (folded; Russian by lemma) names a thing after the person:
# "завод имени Кирова", "орден Ленина", "Premio Stalin", "Order of Lenin".
NAMED_AFTER_BEFORE = {
    "ru": {"имя", "им", "орден", "премия", "мавзолей", "завод", "фабрика", "улица", "проспект", "институт",
           "университет", "библиотека", "музей", "канал", "комбинат", "стадион", "пик", "город", "посёлок",
           "поселок", "станция", "колхоз", "совхоз", "теплоход", "пароход", "крейсер", "линкор"},
    "en": {"order", "prize", "city", "town", "mausoleum"},
    "it": {"premio", "ordine", "fabbrica", "stabilimento", "officine", "officina", "via", "piazza", "viale",
           "corso", "istituto", "università", "museo", "mausoleo", "canale", "biblioteca", "accademia"},
}
# … or right before these ("Kirov Plant", "Lenin Prize").
NAMED_AFTER_AFTER = {
    "en": {"plant", "factory", "works", "prize", "institute", "university", "library", "mausoleum", "street",
           "avenue", "square", "museum", "constitution", "canal", "metro", "station", "school", "academy",
           "hills", "park", "bridge", "stadium", "mill", "shipyard", "prospect", "embankment", "peak"},
    "it": set(),
    "ru": set(),
}
# A quotation right after these is the title of a work: names inside it are not mentions.
TITLE_CUES = {
    "ru": {"книга", "статья", "брошюра", "работа", "труд", "письмо", "газета", "журнал", "роман", "очерк",
           "сочинение", "памфлет", "доклад", "поэма", "фильм", "сборник", "название", "озаглавить", "заглавие"},
    "en": {"book", "article", "pamphlet", "essay", "work", "works", "letter", "newspaper", "journal", "magazine",
           "novel", "film", "poem", "titled", "entitled", "called", "memoir", "memoirs", "brochure"},
    "it": {"libro", "articolo", "opuscolo", "saggio", "opera", "opere", "lettera", "giornale", "rivista",
           "romanzo", "film", "poema", "intitolato", "intitolata", "memorie", "titolo", "pamphlet"},
}
# A preposition of place before a name read as both a person and a place tips it to the place.
PLACE_CUES = {"ru": {"в", "во", "из", "под", "до", "на", "через"},
              "en": {"in", "to", "from", "at", "near", "into"},
              "it": {"a", "in", "da", "per", "verso"}}
# A compass word next to a place makes another place ("Central Asia", "Западная Европа", "Asia centrale"):
# when the register does not have that one, the part is not tagged as the whole.
COMPASS_BEFORE = {"ru": {"центральный", "западный", "восточный", "северный", "южный", "средний"},
                  "en": {"central", "western", "eastern", "northern", "southern"}, "it": set()}
COMPASS_AFTER = {"it": {"centrale", "occidentale", "orientale", "settentrionale", "meridionale"},
                 "ru": set(), "en": set()}
QUOTES = {"«": "»", "\"": "\"", "“": "”", "„": "“", "‘": "’"}


def find_names(text: str, tokens: list[Token], gazetteer: Gazetteer, lang: str) -> list[Mention]:
    """Persons (runs of name words, see ``_person_run``) and register phrases; titles of works left out."""
    tokens = _split_compounds(tokens, gazetteer)
    found = _persons(text, tokens, gazetteer, lang) + _phrases(text, tokens, gazetteer, lang)
    titles = _title_spans(text, tokens, lang)
    kept = [m for m in found if not any(start <= m.start and m.end <= end for start, end in titles)]
    return _resolve_overlaps(kept, tokens, lang)


def _split_compounds(tokens: list[Token], gazetteer: Gazetteer) -> list[Token]:
    """"Trotsky-Zinoviev" (bloc) is two names; "Alma-Ata" stays one word."""
    result = []
    for token in tokens:
        if token.kind == "word" and "-" in token.text and not _known(token.text, gazetteer):
            parts = token.text.split("-")
            if all(p[:1].isupper() for p in parts):
                offset = token.start
                for index, part in enumerate(parts):
                    if index:
                        result.append(Token(offset, offset + 1, "-", "punct"))
                        offset += 1
                    result.append(Token(offset, offset + len(part), part, "word"))
                    offset += len(part)
                continue
        result.append(token)
    return result


def _known(word: str, gazetteer: Gazetteer) -> bool:
    folded = fold(word)
    return folded in gazetteer.person_parts or folded in gazetteer.surface_keys or folded in gazetteer.trie


def _base_forms(token: Token) -> list[str]:
    """The token and, for an English possessive, the name it is built on (Trotsky's, Trotskys')."""
    forms = [token.text]
    text = token.text
    if len(text) > 3 and text[-2] in APOSTROPHES and text[-1] in "sS":
        forms.append(text[:-2])
    elif len(text) > 3 and text[-1] in APOSTROPHES and text[-2] in "sS":
        forms += [text[:-2], text[:-1]]
    return forms


def _without_possessive(text: str, start: int, end: int) -> int:
    """Where a name ends without its possessive: <persName>Trotsky</persName>'s, as the edition encodes it."""
    word = text[start:end]
    if len(word) > 3 and word[-2] in APOSTROPHES and word[-1] in "sS":
        return end - 2
    if len(word) > 3 and word[-1] in APOSTROPHES and word[-2] in "sS":
        return end - 1
    return end


def _person_roles(token: Token, gazetteer: Gazetteer) -> set[tuple[str, str]]:
    if token.kind != "word" or not token.capitalised:
        return set()
    roles: set[tuple[str, str]] = set()
    for form in _base_forms(token):
        roles |= gazetteer.roles(form)
    return roles


def _initials_fit(letters: list[str], entry_id: str, gazetteer: Gazetteer) -> bool:
    forenames, patronymics = gazetteer.initials.get(entry_id, (set(), set()))
    letters = [fold(letter) for letter in letters]
    if not letters or letters[0] not in forenames:
        return False
    return len(letters) < 2 or letters[1] in patronymics or letters[1] in forenames


def _persons(text: str, tokens: list[Token], gazetteer: Gazetteer, lang: str) -> list[Mention]:
    mentions = []
    i = 0
    while i < len(tokens):
        span = _person_run(text, tokens, i, gazetteer)
        if span is None:
            i += 1
            continue
        first, last, ids = span
        if (_named_after(tokens, first, last, lang) or _inside_longer_name(tokens, first, last, gazetteer, lang)
                or _function_word(tokens, first, last, lang)):
            i = last + 1
            continue
        start, end = tokens[first].start, tokens[last].end
        if fold(tokens[last].text) in gazetteer.dotted and last + 1 < len(tokens) \
                and tokens[last + 1].text == "." and tokens[last + 1].start == end:  # "Tr.", "ZIN."
            end += 1
        end = _without_possessive(text, start, end)
        if len(ids) > 1 and lang == "ru":  # "Седова пережила мужа": the verb says which Sedov
            ids = {e for e in ids if _agreement(tokens, last, {e}, gazetteer) is not False} or ids
        doubtful = _doubtful_person(tokens, first, last, lang)
        if doubtful:
            agreement = _agreement(tokens, last, ids, gazetteer)
            if agreement is False:  # "Ягода была спелой": the verb's gender is not the person's
                i = last + 1
                continue
            doubtful = agreement is None
        mentions.append(Mention(start, end, "person", text[start:end], candidates=tuple(sorted(ids)),
                                doubtful=doubtful))
        i = last + 1
    return mentions


def _person_run(text, tokens, i, gazetteer):
    """The longest run of name words from token ``i`` that agree on an entry, or None.

    Returns (first token, last token, the entries it can name); initials that fit only some
    of the entries sharing a surname narrow the choice.
    """
    parts: list[tuple[int, set[tuple[str, str]] | None]] = []  # None: initials (any entry)
    ids: set[str] | None = None
    j = i
    while j < len(tokens):
        token = tokens[j]
        if j > i and not text[tokens[j - 1].end:token.start].isspace() and tokens[j - 1].end != token.start:
            break
        if j > i and "\n" in text[tokens[j - 1].end:token.start]:
            break
        roles = _person_roles(token, gazetteer)
        if roles:
            candidate_ids = {entry for entry, _ in roles}
            narrowed = candidate_ids if ids is None else ids & candidate_ids
            if not narrowed:
                break
            ids = narrowed
            parts.append((j, roles))
            j += 1
        elif token.kind == "initials" or is_caps_cluster(token):
            parts.append((j, None))
            # "IV. Stalin": the dot after undotted initials belongs to them
            if token.kind == "word" and j + 1 < len(tokens) and tokens[j + 1].text == "." \
                    and tokens[j + 1].start == token.end:
                j += 1
            j += 1
        else:
            break
    # Initials that end the run belong to the next name ("Троцкий Л.Д." keeps them only when dotted).
    while parts and parts[-1][1] is None and (len(parts) == 1 or is_caps_cluster(tokens[parts[-1][0]])
                                              or tokens[parts[-1][0]].kind != "initials"):
        parts.pop()
    while parts and parts[0][1] is None and not any(r for _, r in parts[1:]):
        parts.pop(0)
    if not parts or ids is None:
        return None
    # Which entries does the run name fully: a surname, or forename + patronymic?
    def roles_of(entry):
        return {role for _, roles in parts if roles for e, role in roles if e == entry}
    valid = {e for e in ids if SURNAME in roles_of(e) or {FORENAME, PATRONYMIC} <= roles_of(e)}
    if not valid:
        return None
    initials = [tokens[k] for k, roles in parts if roles is None]
    for token in initials:
        fitting = {e for e in valid if _initials_fit(initial_letters(token), e, gazetteer)}
        if is_caps_cluster(token) and not fitting:  # "ЦК Сталин": not initials after all
            return _person_run(text, tokens, parts[1][0], gazetteer) if parts[0][1] is None else None
        valid = fitting or valid
    first, last = parts[0][0], parts[-1][0]
    return first, last, valid


def _lemma(word: str, lang: str) -> str:
    if lang == "ru" and is_cyrillic(word):
        return analyzer().parse(word)[0].normal_form
    return fold(word)


def _named_after(tokens: list[Token], first: int, last: int, lang: str) -> bool:
    before = tokens[max(0, first - 2):first]  # the words right before: "Order of Lenin", not "his order, Volynsky"
    cues = NAMED_AFTER_BEFORE.get(lang, set())
    if before and before[-1].kind == "word" and _lemma(before[-1].text, lang) in cues:
        return True
    if len(before) == 2 and all(t.kind == "word" for t in before) and fold(before[-1].text) in ("of", "di") \
            and _lemma(before[-2].text, lang) in cues:
        return True
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return after is not None and after.kind == "word" and fold(after.text) in NAMED_AFTER_AFTER.get(lang, set()) \
        and after.capitalised


def _inside_longer_name(tokens: list[Token], first: int, last: int, gazetteer: Gazetteer, lang: str) -> bool:
    """English compounds a name with a following capitalised noun: "the Petrograd Soviet", "Kirov Plant"."""
    if lang != "en" or last + 1 >= len(tokens):
        return False
    after = tokens[last + 1]
    folded = fold(after.text)
    complete_name = folded in gazetteer.person_parts or "" in gazetteer.trie.get(folded, {})
    return (after.kind == "word" and after.capitalised and after.start == tokens[last].end + 1
            and not after.text.isupper() and not complete_name)


def _compass(tokens: list[Token], first: int, last: int, lang: str) -> bool:
    before = tokens[first - 1] if first else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return (before is not None and before.kind == "word" and _lemma(before.text, lang) in COMPASS_BEFORE[lang]
            or after is not None and after.kind == "word" and fold(after.text) in COMPASS_AFTER[lang])


def _agreement(tokens: list[Token], last: int, ids: set[str], gazetteer: Gazetteer) -> bool | None:
    """Whether the first past-tense verb or short adjective of the clause after a Russian name agrees
    with the person's sex ("Ягода была спелой", "Ягода, нарком внутренних дел, молчал"); None: no such word."""
    parse = None
    for token in tokens[last + 1:last + 10]:
        if token.kind == "punct" and token.text in ".!?;:":
            return None
        if token.kind != "word":
            continue
        candidate = analyzer().parse(token.text)[0]
        if candidate.tag.POS in ("VERB", "ADJS", "PRTS") and "sing" in candidate.tag and candidate.tag.gender:
            parse = candidate
            break
    if parse is None:
        return None
    sexes = {gazetteer.entries[e].type.strip().upper()[:1] for e in ids if e in gazetteer.entries}
    gender = {"masc": "M", "femn": "F"}.get(parse.tag.gender or "")
    if gender is None or not sexes & {"M", "F"}:
        return None
    return gender in sexes


def _doubtful_place(tokens: list[Token], index: int, kind: str, lang: str) -> bool:
    """"Верный своему слову…": an adjective opening a sentence. (A noun there, Кремль, Реввоенсовет, is the name.)"""
    return (kind == "place" and _common_at_start(tokens, index, index, lang)
            and part_of_speech(tokens[index].text) in ("ADJF", "ADJS", "PRTF", "PRTS"))


def _function_word(tokens: list[Token], first: int, last: int, lang: str) -> bool:
    return lang == "ru" and first == last and is_cyrillic(tokens[first].text) and function_word(tokens[first].text)


def _common_at_start(tokens: list[Token], first: int, last: int, lang: str) -> bool:
    """A single capitalised Russian word opening a sentence that is really a common word (Ягода, Верный)."""
    return (lang == "ru" and first == last and sentence_initial(tokens, first)
            and is_cyrillic(tokens[first].text) and common_word(tokens[first].text))


def _doubtful_person(tokens: list[Token], first: int, last: int, lang: str) -> bool:
    """"Ягода была спелой": a common noun in the nominative opening a sentence (not Томский, an adjective,
    nor Восков, a genitive plural: as sentence openers those are the surnames)."""
    return (_common_at_start(tokens, first, last, lang)
            and part_of_speech(tokens[first].text) == "NOUN" and nominative(tokens[first].text))


def _phrases(text: str, tokens: list[Token], gazetteer: Gazetteer, lang: str) -> list[Mention]:
    mentions = []
    i = 0
    while i < len(tokens):
        best = None
        nodes = [gazetteer.trie]
        j = i
        while nodes and j < len(tokens):
            token = tokens[j]
            if j > i and "\n" in text[tokens[j - 1].end:token.start]:
                break
            keys = set()
            for form in _base_forms(token):
                keys |= gazetteer.keys(form)
            nodes = [node[key] for node in nodes for key in keys if key in node]
            for node in nodes:
                for entry_id, kind, capital in node.get(END, ()):
                    if capital and not tokens[i].capitalised:
                        continue
                    if best is None or j > best[0] or (j == best[0] and entry_id not in best[1]):
                        best = (j, {entry_id} | (best[1] if best and best[0] == j else set()), kind)
            j += 1
        if best is None:
            i += 1
            continue
        last, ids, kind = best
        skipped = (_function_word(tokens, i, last, lang)
                   or kind == "person" and _named_after(tokens, i, last, lang)
                   or kind == "place" and (_inside_longer_name(tokens, i, last, gazetteer, lang)
                                           or _compass(tokens, i, last, lang)))
        if not skipped:
            start, end = tokens[i].start, _without_possessive(text, tokens[i].start, tokens[last].end)
            mentions.append(Mention(start, end, kind, text[start:end], candidates=tuple(sorted(ids)),
                                    doubtful=last == i and _doubtful_place(tokens, i, kind, lang)))
        i = last + 1
    return mentions


def _title_spans(text: str, tokens: list[Token], lang: str) -> list[tuple[int, int]]:
    """Quotations introduced as titles of works ("the pamphlet «…»", "il libro "…"")."""
    spans = []
    cues = TITLE_CUES.get(lang, set())
    closed_at = -1  # the closing quote of the last quotation is not an opening one
    for index, token in enumerate(tokens):
        if token.kind != "punct" or token.text not in QUOTES or token.start <= closed_at:
            continue
        closing = QUOTES[token.text]
        end = text.find(closing, token.end)
        if end == -1:
            continue
        closed_at = end
        before = [t for t in tokens[max(0, index - 3):index] if t.kind == "word"]
        if any(_lemma(t.text, lang) in cues for t in before):
            spans.append((token.end, end))
    return spans


def _resolve_overlaps(mentions: list[Mention], tokens: list[Token], lang: str) -> list[Mention]:
    """Longest first; a tie between a person and a place goes to the place after a preposition of place."""
    starts = {t.start: n for n, t in enumerate(tokens)}

    def preference(m: Mention):
        index = starts.get(m.start, 0)
        previous = fold(tokens[index - 1].text) if index else ""
        place_cue = previous in PLACE_CUES.get(lang, set())
        kind_rank = {"place": 0 if place_cue else 2, "person": 1, "org": 3}.get(m.kind, 4)
        return (-len(m), kind_rank, m.start)

    chosen: list[Mention] = []
    for mention in sorted(mentions, key=preference):
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
