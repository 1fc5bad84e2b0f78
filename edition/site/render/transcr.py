"""The TEI ``transcr`` module and editorial signs: gaps, supplied, unclear, additions, deletions."""

from __future__ import annotations

from edition.site.render import append_text, handles, html, render_children
from edition.tei import local_name


@handles("gap")
def gap(element, parent, context):
    """``[…]`` where the source's text is left out; what the editors say of it (a ``desc``) inside."""
    reason = element.get("reason", "")
    extent = " ".join(filter(None, (element.get("quantity"), element.get("unit")))) or element.get("extent", "")
    span = html(parent, "span", "gap", title=f"omitted{': ' + reason if reason else ''}{f' ({extent})' if extent else ''}")
    span.text = "[…"
    if len(element) or (element.text or "").strip():
        append_text(span, " ")
        render_children(element, span, context)
    append_text(span, "]")
    return span


@handles("supplied")
def supplied(element, parent, context):
    span = html(parent, "span", "supplied", title="supplied by the editors")
    append_text(span, "[")
    render_children(element, span, context)
    append_text(span, "]")
    return span


@handles("unclear", "damage")
def unclear(element, parent, context):
    reason = element.get("reason") or element.get("agent") or ""
    span = html(parent, "span", "unclear", title=f"uncertain reading{': ' + reason if reason else ''}")
    render_children(element, span, context)
    return span


PLACES = {"above": "above the line", "below": "below the line", "margin": "in the margin",
          "inline": "in the line", "supralinear": "above the line", "infralinear": "below the line",
          "overwritten": "over the erased text"}


@handles("add")
def addition(element, parent, context):
    place = next((PLACES[p] for p in (element.get("place") or "").split() if p in PLACES), "")
    ins = html(parent, "ins", title=f"added in the source{' ' + place if place else ''}")
    render_children(element, ins, context)
    return ins


@handles("del")
def deletion(element, parent, context):
    deleted = html(parent, "del", title=f"deleted in the source{' (' + element.get('rend') + ')' if element.get('rend') else ''}")
    render_children(element, deleted, context)
    return deleted


@handles("subst", "restore", "surplus", "c", "g")
def transparent(element, parent, context):
    span = html(parent, "span", f"tei-{local_name(element)}")
    render_children(element, span, context)
    return span
