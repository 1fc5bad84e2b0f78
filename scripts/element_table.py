#!/usr/bin/env python3
"""Print what each TEI element the toolkit knows becomes on the site, as a Markdown table grouped
by behaviour (the rows of edition/elements.py, the one place these facts are declared).

    python3 scripts/element_table.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from edition.elements import ELEMENTS  # noqa: E402

BECOMES = {
    "section": "a section of the page, with its heading",
    "block": "a block holding other blocks",
    "heading": "a heading",
    "paragraph": "a paragraph (citable: a link can land on it)",
    "list": "a list", "listItem": "an item of a list", "table": "a table", "row": "a table row",
    "cell": "a table cell", "figure": "a figure with its caption",
    "inline": "a span inside the line (names link to their register entry)",
    "note": "a numbered note, shown beside the text", "link": "a link",
    "break": "a break (a line, page or column: words end there)", "graphic": "an image",
    "alternate": "one reading shown, the other on demand (choice)",
    "omit": "left out of the reading text",
    "metadata": "not drawn in the text: the header, shown on the text's page and the About page",
    "register": "read into the registers (persons, places, organisations...)",
}


def main() -> None:
    by_behaviour: dict[str, list[str]] = defaultdict(list)
    for name, row in ELEMENTS.items():
        by_behaviour[row.behaviour].append(name)
    print("| behaviour | becomes | elements |")
    print("|---|---|---|")
    for behaviour, names in by_behaviour.items():
        listed = ", ".join(f"`{name}`" for name in sorted(names, key=str.lower))
        print(f"| {behaviour} | {BECOMES.get(behaviour, '')} | {listed} |")


if __name__ == "__main__":
    main()
