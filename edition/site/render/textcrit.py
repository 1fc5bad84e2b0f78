"""The TEI ``textcrit`` and editorial parts of ``core``: choice, sic/corr, orig/reg, abbr/expan."""

from __future__ import annotations

from edition.registers import normalize_space
from edition.site.reading import chosen
from edition.site.render import append_text, handles, html, render_children
from edition.tei import local_name

SOURCE_LABELS = {"sic": "the source has", "orig": "the source spells", "abbr": "the source abbreviates"}


@handles("choice")
def choice(element, parent, context):
    """The corrected or regularised reading, with the source's on demand (a popover)."""
    reading = chosen(element)
    others = [c for c in element if isinstance(c.tag, str) and c is not reading]
    box = html(parent, "span", "choice")
    shown = html(box, "span", "reading", local_name(reading) if reading is not None else "")
    if reading is not None:
        render_children(reading, shown, context)
    if not others:
        return box
    source_text = "; ".join(f"{SOURCE_LABELS.get(local_name(o), local_name(o))}: "
                            f"“{normalize_space(''.join(o.itertext()))}”" for o in others)
    if not context.with_ids:  # a popover's copy: the reading only
        shown.set("title", source_text)
        return box
    if context.in_link:  # no button inside a link: it follows the link (see inside_link)
        shown.set("title", source_text)
        context.deferred.append(lambda after, ctx: source_button(others, source_text, after, ctx))
        return box
    source_button(others, source_text, box, context)
    return box


def source_button(others, source_text: str, parent, context) -> None:
    """The ° button that opens the source's reading in place (mouse, keyboard and touch alike)."""
    popover_id = context.next_id("choice")
    button = html(parent, "button", "source-reading", type="button", popovertarget=popover_id)
    button.set("aria-label", f"Show the source's reading ({source_text})")
    button.text = "°"
    popover = html(parent, "span", "choice-popover", id=popover_id, popover="auto")
    for index, other in enumerate(others):
        if index:
            append_text(popover, "; ")
        append_text(popover, f"{SOURCE_LABELS.get(local_name(other), local_name(other)).capitalize()}: ")
        original = html(popover, "span", f"tei-{local_name(other)}")
        render_children(other, original, context)


@handles("sic", "corr", "orig", "reg")
def lone_reading(element, parent, context):
    """Outside a ``choice``: a ``sic`` is flagged, a correction shown as such."""
    span = html(parent, "span", f"tei-{local_name(element)}")
    render_children(element, span, context)
    if local_name(element) == "sic":
        append_text(span, " [sic]")
    return span


@handles("app")
def apparatus(element, parent, context):
    lemma = element.find("{*}lem")
    span = html(parent, "span", "app")
    if lemma is not None:
        render_children(lemma, span, context)
    return span
