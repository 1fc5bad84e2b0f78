"""The TEI ``transcr`` module and editorial signs: gaps, supplied, unclear, additions, deletions."""

from __future__ import annotations

from edition.site.render import append_text, handles, html, render_children
from edition.tei import local_name


@handles("gap")
def gap(element, parent, context):
    reason = element.get("reason", "")
    span = html(parent, "span", "gap", title=f"omitted{': ' + reason if reason else ''}")
    span.text = "[…]"
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
    span = html(parent, "span", "unclear", title="uncertain reading")
    render_children(element, span, context)
    return span


@handles("add")
def addition(element, parent, context):
    ins = html(parent, "ins", title="added in the source")
    render_children(element, ins, context)
    return ins


@handles("del")
def deletion(element, parent, context):
    deleted = html(parent, "del", title="deleted in the source")
    render_children(element, deleted, context)
    return deleted


@handles("subst", "restore", "surplus", "c", "g")
def transparent(element, parent, context):
    span = html(parent, "span", f"tei-{local_name(element)}")
    render_children(element, span, context)
    return span
