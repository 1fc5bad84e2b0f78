"""Mark every Russian wording of a translation note that says nothing yet as reconstructed.

One-off tool for the convention of tei/README.md ("Russian in translation notes"): a
``<foreign xml:lang="ru">`` without attributes inside a ``note type="translation"`` of a translated
text gets ``cert`` (how sure the reconstruction is) and ``resp`` (the text's encoder). Attested
wordings (``@source``) are marked by hand first and left alone, as is everything else: the file is
edited as text, so the hand formatting stays byte for byte.

    python3 scripts/mark_russian_wordings.py tei/texts/001_….xml tei/texts/002_….xml
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from edition.writing import write_atomically
from edition.xmlio import parse_bytes, read_bytes

NOTE = re.compile(r'<note xml:id="[^"]*" type="translation"[^>]*>.*?</note>', re.DOTALL)
BARE_FOREIGN = re.compile(r'<foreign xml:lang="ru">(.*?)</foreign>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# Words with which a note hedges the Russian it gives (English notes, either text).
HEDGE = re.compile(r"\b(probably|presumably|perhaps|possibly|likely|uncertain|or a similar)\b", re.IGNORECASE)
NEAR = 60  # characters of prose before (and 30 after) a wording that can hedge it


def certainty(note: str, start: int, end: int, wording: str) -> str:
    """low where the prose around the wording hedges it, high for a word or two (a term, a name,
    an abbreviation: little to reconstruct), medium for a reconstructed phrase or sentence."""
    before = TAG.sub("", note[max(0, start - NEAR):start])
    after = TAG.sub("", note[end:end + 30])
    if HEDGE.search(before) or re.match(r"\s*,?\s*(probably|presumably)", after):
        return "low"
    return "high" if len(TAG.sub("", wording).split()) <= 2 else "medium"


def mark(text: str, resp: str) -> tuple[str, int]:
    count = 0

    def in_note(match: re.Match) -> str:
        nonlocal count
        note = match.group(0)
        pieces, last = [], 0
        for foreign in BARE_FOREIGN.finditer(note):
            cert = certainty(note, foreign.start(), foreign.end(), foreign.group(1))
            pieces += [note[last:foreign.start()],
                       f'<foreign xml:lang="ru" cert="{cert}" resp="{resp}">{foreign.group(1)}</foreign>']
            last = foreign.end()
            count += 1
        return "".join(pieces) + note[last:]

    return NOTE.sub(in_note, text), count


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        data = read_bytes(path)
        root = parse_bytes(data, path).getroot()
        if root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru":
            continue  # the Russian text quotes its own words
        text, count = mark(data.decode("utf-8"), f"#{root.get('{http://www.w3.org/XML/1998/namespace}id')}-encoder")
        parse_bytes(text.encode("utf-8"), path)  # still well-formed, or nothing is written
        write_atomically(path, text.encode("utf-8"), backup=False)
        print(f"{path}: {count} wording(s) marked reconstructed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
