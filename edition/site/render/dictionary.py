"""The TEI ``dictionaries`` module: an entry reads as a dictionary entry.

The headword (``orth``) in bold with its pronunciation, the grammar (``gramGrp``, ``pos``,
``gen``...) in italics, the senses numbered (``@n`` where the editors gave it; else 1, 2, 3 and
a, b, c for the senses of a sense, only where there are several), each with its usage labels,
definition, examples and cross-references; related entries (``re``) and homographs (``hom``) as
blocks of the entry. The fields are words of their own (``edition.elements``: ``apart``): where the
XML puts two side by side (``<orth>Haus</orth><pron>haʊs</pron>``) a space is drawn between them.
"""

from __future__ import annotations

from string import ascii_lowercase

from edition.elements import ELEMENTS
from edition.site.render import anchor_id, append_text, block, handles, html, render_children
from edition.tei import local_name, qn

_FIELDS = tuple(name for name, row in ELEMENTS.items() if row.apart)  # the entry's fields: the table's rows
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


@handles("entry", "entryFree", "superEntry", "re", "hom")
def entry(element, parent, context):
    box = block(parent, "div", context, "dict-" + local_name(element), id=anchor_id(element, context))
    render_children(element, box, context)
    return box


@handles(*_FIELDS)
def field(element, parent, context):
    """A field of an entry, a space before it where it follows another field with none between."""
    before = element.getprevious()
    if before is not None and local_name(before) and not before.tail and (len(parent) or (parent.text or "")):
        append_text(parent, " ")
    span = html(parent, "span", f"dict-{local_name(element)}", data_type=element.get("type", ""))
    render_children(element, span, context)
    return span


@handles("sense")
def sense(element, parent, context):
    """A numbered sense: the senses side by side in the source are one list."""
    last = parent[-1] if len(parent) else None
    follows = element.getprevious()
    if last is not None and last.get("class") == "dict-senses" and follows is not None \
            and local_name(follows) == "sense" and not (follows.tail or "").strip():
        senses = last  # the list the previous sense began
    else:
        senses = block(parent, "ol", context, "dict-senses")
    item = block(senses, "li", context, "dict-sense", id=anchor_id(element, context))
    number = sense_number(element)
    if number:
        html(item, "span", "dict-sense-n").text = number
        append_text(item, " ")
    render_children(element, item, context)
    return item


def sense_number(element) -> str:
    """``@n`` as the editors wrote it; else the sense's place among its sibling senses, when it has
    any: ``1.``, ``2.``; ``a)``, ``b)`` for the senses of a sense; ``i)``, ``ii)`` below those."""
    if element.get("n"):
        return element.get("n").strip()
    siblings = list(element.getparent().iterchildren(qn("tei:sense")))
    if len(siblings) < 2:
        return ""
    position = siblings.index(element)
    depth = sum(1 for ancestor in element.iterancestors(qn("tei:sense")))
    if depth == 0:
        return f"{position + 1}."
    if depth == 1 and position < len(ascii_lowercase):
        return f"{ascii_lowercase[position]})"
    if depth >= 2 and position < len(_ROMAN):
        return f"{_ROMAN[position]})"
    return f"{position + 1})"
