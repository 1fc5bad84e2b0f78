"""Verse: line groups (stanzas) and lines, every fifth line numbered in the margin.

A line's number comes from the ``number_lines`` transform; its indentation from ``@rend``,
through the stylesheet's fixed list of classes (``urls.REND_CLASSES``).
"""

from __future__ import annotations

from edition.site.render import anchor_id, block, handles, render_children
from edition.site.transforms import LINE
from edition.site.urls import rend_classes

SHOWN_EVERY = 5


@handles("lg")
def line_group(element, parent, context):
    box = block(parent, "div", context, "tei-lg", *rend_classes(element.get("rend")), id=anchor_id(element, context),
                data_type=element.get("type", ""))
    render_children(element, box, context)
    return box


@handles("l")
def line(element, parent, context):
    number = element.get(LINE, "")
    part = {"I": "part-initial", "M": "part-middle", "F": "part-final"}.get(element.get("part", ""), "")
    shown = number if number and int(number) % SHOWN_EVERY == 0 and part in ("", "part-initial") else ""
    verse = block(parent, "p", context, "tei-l", part, *rend_classes(element.get("rend")),
                  id=anchor_id(element, context), data_line=shown)
    with context.mode(inline=True):
        render_children(element, verse, context)
    return verse
