"""Dates in Russian, English and Italian, with their ISO values.

Month names come from CLDR (Babel): wide and abbreviated, in the format context (Russian
genitive "ноября") and the stand-alone one ("ноябрь"); Russian also in every other case
("в ноябре") through pymorphy3. Adding a language is a locale plus a few cue words below.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_month_names

from edition.tagger.model import Mention
from edition.tagger.morphology import analyzer, fold

YEAR = r"(?:1[0-9]\d\d|20\d\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
ORDINAL = r"(?:-?(?:го|е|й|ое)|st|nd|rd|th|°|º)?"
DASH = r"\s*[-–—]\s*"
# "1925 г.", "1925 года", "1928–1930 гг.", and the Italian text's artefact "1925 ᴦ." (U+1D26).
YEAR_WORD = r"(?:\s*-?(?:м|й|го)\b)?(?:\s*(?:[гᴦ][гᴦ]?\.|[гᴦ](?!\w)|год(?:ами|ам|а|у|ом|е|ах|ы|ов)?(?!\w)|anno\b))"
DECADE_WORDS = {
    "ru": {"двадцатый": 20, "тридцатый": 30, "сороковой": 40, "пятидесятый": 50, "шестидесятый": 60,
           "семидесятый": 70, "восьмидесятый": 80, "девяностый": 90, "десятый": 10},
    "en": {"tens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
           "seventies": 70, "eighties": 80, "nineties": 90},
    "it": {"dieci": 10, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60,
           "settanta": 70, "ottanta": 80, "novanta": 90},
}
# Words before a bare number that make it a year ("in 1929") or a quantity ("circa 1500").
YEAR_CUES = {
    "ru": {"в", "во", "с", "со", "до", "после", "к", "по", "от", "год", "года", "году", "между"},
    "en": {"in", "since", "until", "till", "by", "of", "from", "to", "after", "before", "early", "late", "mid",
           "year", "during", "between", "the", "spring", "summer", "autumn", "fall", "winter", "around"},
    "it": {"nel", "del", "dal", "al", "nell", "dell", "dall", "all", "anno", "entro", "fino", "dopo", "prima",
           "tra", "fra", "il", "primavera", "estate", "autunno", "inverno", "in", "sino"},
}
QUANTITY_CUES = {
    "ru": {"более", "свыше", "менее", "примерно", "почти", "около", "тысяч", "тысячи", "всего", "лишь"},
    "en": {"about", "over", "some", "nearly", "almost", "than", "approximately", "roughly", "only", "all"},
    "it": {"circa", "oltre", "quasi", "più", "meno", "almeno", "solo", "soltanto", "ben"},
}
NOT_NOUNS = {
    "en": {"was", "has", "is", "as", "this", "his", "its", "always", "perhaps", "thus", "whereas", "yes",
           "gives", "makes", "seems", "becomes", "marks", "sees", "brings"},
    "it": {"fu", "era", "è", "venne", "vennero", "furono", "aveva", "ebbe", "si", "e", "ed", "il", "la", "le",
           "lo", "gli", "i", "un", "una", "che", "quando", "dopo", "prima", "in", "a", "al", "per", "con", "da",
           "dal", "di", "del", "della", "nel", "nella", "non", "ci", "ne", "stesso", "stessa", "anche", "ancora",
           "sotto", "sempre", "poi", "ormai", "come", "mentre", "dove", "tutte", "tutti", "inizia", "iniziò",
           "segnò", "fine", "ebbero", "divenne", "diventa", "vide", "vede", "sarebbe", "sarebbero", "rimase",
           "rimane", "morì", "nacque", "arrivò", "tornò", "scrisse", "fece", "decise", "ne"},
}


# A month alone is a date after these ("в октябре", "in October", "a dicembre"), never in a title
# ("Lezioni di ottobre") or a name ("October Revolution": a capitalised word follows).
MONTH_PREPOSITIONS = {"ru": r"(?i:в|во|к|до|с|по|после)", "en": r"(?i:in|by|until|till|since|from|early|late)",
                      "it": r"(?i:in|a|nel|dal|al|fino\s+a|entro|da)"}


@dataclass(frozen=True)
class DateGrammar:
    lang: str
    months: dict[str, int]  # folded month form (without a final dot) -> 1..12
    patterns: list[tuple[str, re.Pattern]]


@lru_cache(maxsize=None)
def grammar(lang: str) -> DateGrammar:
    months: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    spelled: dict[str, str] = {}  # folded -> as CLDR writes it (English months are matched capitalised)
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context=context, locale=lang).items():
                target = months if width == "wide" or not name.endswith(".") and len(name) > 3 else abbreviations
                target[fold(name.rstrip("."))] = number
                spelled[fold(name.rstrip("."))] = name.rstrip(".")
                if width == "wide" and lang == "ru":  # every case: "в ноябре", "ноябрём"
                    for form in analyzer().parse(name)[0].lexeme:
                        months.setdefault(fold(form.word), number)
    if lang == "en":
        abbreviations["sept"] = 9
        spelled["sept"] = "Sept"
    names = sorted(months, key=len, reverse=True)
    short = sorted(set(abbreviations) - set(months), key=len, reverse=True)
    # English abbreviations stand without a dot ("Jan 18, 1929"); elsewhere the dot marks them.
    dot = r"\.?" if lang == "en" else r"\."
    month_alternatives = ([re.escape(spelled.get(n, n)) for n in names]
                          + [re.escape(spelled.get(n, n)) + dot for n in short])
    # "Rivoluzione d'ottobre (del 1917)", "Lezioni d'ottobre": a month after an elided "di" names an event.
    month = r"(?<!d['’])(?:" + "|".join(month_alternatives) + ")"
    all_months = {**abbreviations, **months}
    return DateGrammar(lang, all_months, _patterns(lang, month))


def _patterns(lang: str, M: str) -> list[tuple[str, re.Pattern]]:
    ys = f"(?:{YEAR_WORD})?"
    of = r"(?:\s+(?:of|de|del|dell'anno))?"
    decade_words = "|".join(_decade_forms(lang))
    raw = [
        ("dmy", rf"(?<![\d.])(?P<d1>{DAY})\.(?P<m1>0?[1-9]|1[0-2])\.(?P<y1>{YEAR})(?![\d])(?!\.\d){ys}"),
        ("dmy", rf"(?<!\d)(?P<y1>{YEAR})-(?P<m1>0[1-9]|1[0-2])-(?P<d1>[0-3]\d)(?!\d)"),
        ("dmy", rf"(?<![\w.])(?P<d1>{DAY}){ORDINAL}\s+(?:of\s+)?(?P<m1>{M}),?\s+(?P<y1>{YEAR})(?!\d){ys}"),
        ("dmy", rf"(?<![\w.])(?P<m1>{M})\s+(?P<d1>{DAY})(?:st|nd|rd|th)?,?\s+(?P<y1>{YEAR})(?!\d)"),
        ("my", rf"(?<![\w.])(?P<m1>{M}){of}\s+(?P<y1>{YEAR})(?!\d){ys}"),
        ("dm", rf"(?<![\w.])(?P<d1>{DAY}){ORDINAL}\s+(?:of\s+)?(?P<m1>{M})(?![\w])(?!,?\s+\d)"),
        ("dm", rf"(?<![\w.])(?P<m1>{M})\s+(?P<d1>{DAY})(?:st|nd|rd|th)?(?![\w])(?!,?\s+\d)"),
        ("m", rf"(?<![\w'’])(?:{MONTH_PREPOSITIONS[lang]})\s+(?P<m1>{M})(?![\w])(?!\s+(?-i:\d|[A-ZА-ЯЁ]))"),
        ("y", rf"(?<![\w.,])(?P<y1>{YEAR}){YEAR_WORD}"),
        ("bare", rf"(?:(?<=mid-)|(?<![\w.,/–-]))(?P<y1>{YEAR})(?!\d|[.,]\d|\s*%)"),
        ("yy", rf"(?<![\w.,])(?P<y1>{YEAR})\s*[-–—/]\s*(?P<y2>{YEAR}|\d\d)(?!\d){ys}"),
        ("ddmy", rf"(?<![\w.])(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m1>{M})\s+(?P<y1>{YEAR})(?!\d){ys}"),
        ("mymy", rf"(?<![\w.])(?P<m1>{M})(?:\s+(?P<y1>{YEAR}))?{DASH}(?P<m2>{M})\s+(?P<y2>{YEAR})(?!\d){ys}"),
        ("dmydmy", rf"(?<![\w.])(?P<d1>{DAY}){ORDINAL}\s+(?P<m1>{M})(?:\s+(?P<y1>{YEAR}){ys})?{DASH}"
                   rf"(?P<d2>{DAY}){ORDINAL}\s+(?P<m2>{M})\s+(?P<y2>{YEAR})(?!\d){ys}"),
        ("cue-yy", _cue_range(lang, M, ys)),
        ("decade", _decade_pattern(lang, decade_words)),
    ]
    flags = re.UNICODE | (0 if lang == "en" else re.IGNORECASE)
    return [(kind, re.compile(pattern, flags)) for kind, pattern in raw if pattern]


def _cue_range(lang: str, M: str, ys: str) -> str:
    """"с 1928 по 1930 год", "from 1928 to 1930", "dal 1928 al 1930", "с декабря 1917 по январь 1918 года"."""
    opening, closing = {
        "ru": (r"(?:с|со|между)", r"(?:по|до|и)"),
        "en": (r"(?:from|between)", r"(?:to|until|till|and)"),
        "it": (r"(?:dal|da|tra\s+il|fra\s+il|dall['’])", r"(?:al|a|e\s+il|all['’])"),
    }[lang]
    point1 = rf"(?:(?P<m1>{M})\s+)?(?P<y1>{YEAR})(?:\s*(?:года|г\.))?"
    point2 = rf"(?:(?P<m2>{M})\s+)?(?P<y2>{YEAR})"
    return rf"(?<![\w])(?i:{opening})\s+{point1}\s+(?i:{closing})\s+{point2}(?!\d){ys}"


def _decade_forms(lang: str) -> list[str]:
    words = DECADE_WORDS[lang]
    if lang != "ru":
        return sorted(words, key=len, reverse=True)
    forms = set()
    for word in words:
        forms |= {fold(f.word) for f in analyzer().parse(word)[0].lexeme if "plur" in f.tag}
    return sorted(forms, key=len, reverse=True)


def _decade_pattern(lang: str, words: str) -> str:
    if lang == "ru":
        years = r"(?:год(?:ы|ов|ах|ам|ами)|гг\.)"
        return (rf"(?<![\w])(?:(?P<c>1[89])?(?P<dec>[1-9]0)\s*-?\s*(?:х|е|ых|ые|м|ми)(?![\w])(?:\s+{years})?"
                rf"|(?P<word>{words})\s+{years})")
    if lang == "it":
        return (rf"(?<![\w])anni\s+(?:(?P<c>1[89])(?P<dec>[1-9]0)(?!\d)|['’‘](?P<dec2>[1-9]0)(?!\d)"
                rf"|(?P<dec3>[1-9]0)(?!\d)|(?P<word>{words})(?!\w))")
    return (rf"(?<![\w'’])(?:(?P<c>1[89])(?P<dec>[1-9]0)['’]?s(?!\w)|['’‘](?P<dec2>[1-9]0)s(?!\w)"
            rf"|(?<=the )(?P<word>{words})(?!\w))")


def find_dates(text: str, lang: str, context_year: str | None = None) -> list[Mention]:
    """Every date of ``text``.

    A day and month without a year take the last year before them (in this text, else
    ``context_year``, the last one of the document so far); a month alone after a preposition
    ("in October", "a dicembre") is a date only when this text has given the year.
    """
    g = grammar(lang)
    candidates: list[tuple[int, int, str, re.Match]] = []
    for kind, pattern in g.patterns:
        for match in pattern.finditer(text):
            start = match.start("m1") if kind == "m" else match.start()  # the month, not its preposition
            candidates.append((start, match.end(), kind, match))
    chosen: list[tuple[int, int, str, re.Match]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(candidate[1] <= c[0] or candidate[0] >= c[1] for c in chosen):
            chosen.append(candidate)
    mentions = []
    last_year, own_year = context_year, None
    for start, end, kind, match in sorted(chosen, key=lambda c: c[0]):
        if kind == "bare" and not _bare_year(text, start, end, lang):
            continue
        attributes, cert = _value(kind, match, g, lang, own_year if kind == "m" else last_year)
        if attributes is None:
            continue
        start, end = _trim(text, start, end)
        mentions.append(_qualified(text, Mention(start, end, "date", text[start:end], attributes=attributes,
                                                 cert=cert), lang))
        years = [v[:4] for k, v in attributes.items() if k in ("when", "to", "notAfter") and v[:1].isdigit()]
        if years and not cert:
            last_year = own_year = years[-1]
    return mentions


# Words before a date that make it a part of it ("в начале ноября 1927 года", "the autumn of 1927",
# "fine degli anni '20"): the span grows to include them and the value becomes a vague span.
_PARTS = {
    "ru": [("begin", r"(?:начал[еоау]|начала)"), ("middle", r"середин[еаыуой]"), ("end", r"(?:конц[еау]|конец)"),
           ("spring", r"(?:весной|весна|весне|весны)"), ("summer", r"(?:летом|лето|лета)"),
           ("autumn", r"(?:осенью|осень|осени)"), ("winter", r"(?:зимой|зима|зимы)")],
    "en": [("begin", r"(?:the\s+)?(?:beginning|start)\s+of\s+(?:the\s+)?|early\s+(?:in\s+)?"),
           ("middle", r"(?:the\s+)?middle\s+of\s+(?:the\s+)?|mid-?\s*"),
           ("end", r"(?:the\s+)?end\s+of\s+(?:the\s+)?|(?:the\s+)?late\s+"),
           ("spring", r"(?:the\s+)?spring\s+of\s+|spring\s+"), ("summer", r"(?:the\s+)?summer\s+of\s+|summer\s+"),
           ("autumn", r"(?:the\s+)?(?:autumn|fall)\s+of\s+|(?:autumn|fall)\s+"),
           ("winter", r"(?:the\s+)?winter\s+of\s+|winter\s+"), ("", r"the\s+")],
    "it": [("begin", r"(?:inizio|primi)\s+(?:del(?:l['’])?|degli|di|dell['’])\s*"),
           ("middle", r"metà\s+(?:del|degli|di)\s+"), ("end", r"fine\s+(?:del|degli|di|dell['’])\s*"),
           ("spring", r"primavera\s+(?:del\s+)?"), ("summer", r"estate\s+(?:del\s+)?"),
           ("autumn", r"autunno\s+(?:del\s+)?"), ("winter", r"inverno\s+(?:del\s+)?")],
}
_PART_PATTERNS = {lang: [(part, re.compile(rf"(?<!\w)(?:{pattern})\s*$", re.I)) for part, pattern in parts]
                  for lang, parts in _PARTS.items()}
_SEASONS = {"spring": ((3, 5), 0), "summer": ((6, 8), 0), "autumn": ((9, 11), 0), "winter": ((12, 2), 1)}
_THIRDS = {"begin": 0, "middle": 1, "end": 2}


def _qualified(text: str, mention: Mention, lang: str) -> Mention:
    """``mention`` grown over a qualifier before it, with the vague span it means (or as it was)."""
    before = text[max(0, mention.start - 40):mention.start]
    for part, pattern in _PART_PATTERNS.get(lang, []):
        found = pattern.search(before)
        if not found:
            continue
        if part:
            attributes = _part_of(part, mention.attributes)
        elif "notBefore" in mention.attributes:  # "the 1920s": "the" belongs to a decade only
            attributes = mention.attributes
        else:
            attributes = None
        if attributes is None:
            return mention
        start = mention.start - (len(before) - found.start())
        return Mention(start, mention.end, "date", text[start:mention.end], attributes=attributes, cert=mention.cert)
    return mention


def _part_of(part: str, attributes: dict[str, str]) -> dict[str, str] | None:
    when = attributes.get("when", "")
    if "notBefore" in attributes and len(attributes["notBefore"]) == 4 and part in _THIRDS:  # a decade
        decade = int(attributes["notBefore"])
        low, high = ((0, 3), (3, 6), (6, 9))[_THIRDS[part]]
        return {"notBefore": str(decade + low), "notAfter": str(decade + high)}
    if part in _SEASONS:
        (first, last), carry = _SEASONS[part]
        if len(when) == 4:
            year = int(when)
            start_year = year - 1 if carry else year  # winter of 1928: December 1927 to February 1928
            return {"notBefore": f"{start_year:04d}-{first:02d}", "notAfter": f"{year:04d}-{last:02d}"}
        if "from" in attributes and len(attributes["from"]) == 4 and carry:  # inverno 1927-28
            return {"notBefore": f"{attributes['from']}-12", "notAfter": f"{attributes['to']}-02"}
        return None
    third = _THIRDS.get(part)
    if third is None:
        return None
    if len(when) == 4:
        first, last = ((1, 4), (5, 8), (10, 12))[third]
        return {"notBefore": f"{when}-{first:02d}", "notAfter": f"{when}-{last:02d}"}
    if len(when) == 7:
        year, month = int(when[:4]), int(when[5:])
        days = calendar.monthrange(year, month)[1]
        first, last = ((1, 10), (11, 20), (21, days))[third]
        return {"notBefore": f"{when}-{first:02d}", "notAfter": f"{when}-{last:02d}"}
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _number(value: str | None) -> int | None:
    return int(value) if value else None


def _month(value: str | None, g: DateGrammar) -> int | None:
    if not value:
        return None
    if value.isdigit():
        return int(value)
    return g.months.get(fold(value.rstrip(".")))


def _iso(year, month=None, day=None) -> str | None:
    if year is None:
        return None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    parts = [f"{int(year):04d}"]
    if month:
        parts.append(f"{month:02d}")
        if day:
            parts.append(f"{day:02d}")
    return "-".join(parts)


def _value(kind: str, m: re.Match, g: DateGrammar, lang: str, last_year):
    group = m.groupdict()
    y1, y2 = _number(group.get("y1")), _number(group.get("y2"))
    m1, m2 = _month(group.get("m1"), g), _month(group.get("m2"), g)
    d1, d2 = _number(group.get("d1")), _number(group.get("d2"))
    if kind in ("dmy", "my", "y", "bare"):
        when = _iso(y1, m1, d1)
        return ({"when": when}, "") if when else (None, "")
    if kind == "m":
        return ({"when": _iso(last_year, m1)}, "medium") if last_year and m1 else (None, "")
    if kind == "dm":
        if not 1 <= (d1 or 0) <= 31 or m1 is None:
            return None, ""
        if last_year:  # the year is supplied from the context
            return {"when": _iso(last_year, m1, d1)}, "medium"
        return None, ""  # no year to supply: a day of no known year is not encoded
    if kind == "cue-yy" and (m1 or m2):
        start, end = _iso(y1, m1), _iso(y2, m2)
        return ({"from": start, "to": end}, "") if start and end and start < end else (None, "")
    if kind in ("yy", "cue-yy"):
        if y2 is not None and y2 < 100:
            y2 = (y1 // 100) * 100 + y2
            if y2 < y1:
                y2 += 100
        if y2 is None or y2 <= y1:
            return None, ""
        return {"from": str(y1), "to": str(y2)}, ""
    if kind == "ddmy":
        start, end = _iso(y1, m1, d1), _iso(y1, m1, d2)
        return ({"from": start, "to": end}, "") if start and end and d2 > d1 else (None, "")
    if kind in ("mymy", "dmydmy"):
        start, end = _iso(y1 or y2, m1, d1), _iso(y2, m2, d2)
        return ({"from": start, "to": end}, "") if start and end and start < end else (None, "")
    if kind == "decade":
        if group.get("word"):
            word = fold(group["word"])
            if lang == "ru":
                word = analyzer().parse(word)[0].normal_form
            decade = DECADE_WORDS[lang].get(word)
            if decade is None:
                return None, ""
            century = 1900
        else:
            decade = _number(group.get("dec") or group.get("dec2") or group.get("dec3"))
            century = int(group["c"]) * 100 if group.get("c") else 1900
        return {"notBefore": str(century + decade), "notAfter": str(century + decade + 9)}, ""
    return None, ""


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _bare_year(text: str, start: int, end: int, lang: str) -> bool:
    """A four-digit number alone is a year when its neighbours say so (not "1500 imprese")."""
    year = int(text[start:end])
    before = _WORD.findall(text[max(0, start - 30):start])
    previous = fold(before[-1]) if before else ""
    if previous in QUANTITY_CUES.get(lang, set()):
        return False
    if not 1700 <= year <= 2050:
        return False
    if previous in YEAR_CUES.get(lang, set()):
        return True
    following = _WORD.match(text[end:].lstrip(" \u00a0"))
    if following is None or not following.group().islower():
        return True
    word = following.group()
    if lang == "ru":
        parse = analyzer().parse(word)[0]
        return not (parse.tag.POS in ("NOUN", "ADJF") and parse.normal_form != "год")
    if lang == "en":
        return not (len(word) > 3 and word.endswith("s") and word not in NOT_NOUNS["en"])
    if lang == "it":
        return not (word[-1:] in "ie" and word not in NOT_NOUNS["it"] and len(word) > 3)
    return True
