"""The TEI ``core`` module's notes: a numbered marker opening the note in place, the note again in
its layer's apparatus at the end of the page, a note inside a note in brackets."""

from __future__ import annotations

from lxml import etree

from edition.registers import normalize_space
from edition.site.render import Context, append_text, handles, html, render_children
from edition.site.transforms import LAYER, NUMBER
from edition.tei import lang_of

LAYER_LABELS = {"notes": "Note", "translation": "Translation note"}


@handles("note", when=lambda e, c: bool(e.get(LAYER)))
def note(element, parent, context):
    """A numbered marker that opens the note in place (a native popover: mouse, keyboard, touch).

    The note itself is drawn again, with its ids, in its layer's apparatus at the end of the page.
    """
    if context.in_link:
        context.deferred.append(element)  # drawn right after the link (see inside_link)
        return None
    anchor, layer, number = element.get("site-anchor"), element.get(LAYER), element.get(NUMBER)
    if context.with_ids:
        context.notes.append(element)
    label = f"{LAYER_LABELS[layer]} {number}"
    marker = html(parent, "button", "note-marker", layer, type="button",
                  id=f"ref-{anchor}" if context.with_ids else "", popovertarget=f"pop-{anchor}")
    marker.set("aria-label", label)
    marker.text = number
    if not context.with_ids:
        return marker
    # A popover on narrow screens; the stylesheet sets it in the margin beside its paragraph on wide ones.
    popover = html(parent, "span", "note-popover", layer, id=f"pop-{anchor}", popover="auto", role="note",
                   lang=lang_of(element))
    popover.set("aria-label", label)
    heading = html(popover, "span", "popover-label")  # a number: no language of its own
    heading.text = f"{number} "
    lemma(element, popover, context)
    with context.mode(inline=True, with_ids=False):
        render_children(element, popover, context)
    append_text(popover, " ")
    html(popover, "a", "to-apparatus", href=f"#{anchor}", lang="en").text = "in the notes"
    return marker


def _source_words(note: etree._Element) -> str:
    """The source's words a note points at, where the reading leaves none (a letter corrected away)."""
    pointer = (note.get("target") or "").split()[:1]
    if not pointer or not pointer[0].startswith("#"):
        return ""
    found = note.getroottree().getroot().xpath("//*[@xml:id=$id]", id=pointer[0][1:])
    return normalize_space("".join(found[0].itertext())) if found else ""


LEMMA_WORDS = 10
"""A longer lemma is cited by its first and last words, as printed apparatus do."""


def lemma(note: etree._Element, parent: etree._Element, context: Context) -> None:
    """The words of the text a note discusses (its ``@target``), as an apparatus prints them: "words]"."""
    words = context.lemma(note.get("site-anchor")) or _source_words(note)
    if words:
        shown = html(parent, "span", "lemma", lang=lang_of(note.getparent()))
        each = words.split()
        shown.text = words if len(each) <= LEMMA_WORDS else " ".join([*each[:4], "…", *each[-3:]])
        shown.tail = "] "


@handles("note")
def nested_note(element, parent, context):
    span = html(parent, "span", "inner-note")
    append_text(span, " (")
    render_children(element, span, context)
    append_text(span, ")")
    return span


def apparatus_entry(element: etree._Element, parent: etree._Element, context: Context) -> etree._Element:
    """One note in its layer's list at the end: number, back-link to the marker, content."""
    anchor, layer, number = element.get("site-anchor"), element.get(LAYER), element.get(NUMBER)
    li = html(parent, "li", layer, id=anchor, lang=lang_of(element))  # the apparatus is outside the text's lang
    back = html(li, "a", "backlink", href=f"#ref-{anchor}")
    back.text = number
    back.set("aria-label", f"Back to the text at {LAYER_LABELS[layer].lower()} {number}")
    back.tail = " "
    lemma(element, li, context)
    body = html(li, "span", "note-body")
    with context.mode(inline=True):
        render_children(element, body, context)
    if not normalize_space("".join(body.itertext())):
        body.text = "(empty note)"
    return li
