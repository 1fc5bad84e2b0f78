"""The TEI ``namesdates`` module: mentions of persons, places, organisations, and dates."""

from __future__ import annotations

from edition.entities import BY_RS_TYPE, NAME_ELEMENTS
from edition.registers import entry_references
from edition.site import dates
from edition.site.render import handles, html, inside_link, render_children
from edition.site.transforms import MENTION
from edition.site.urls import entry_url
from edition.tei import local_name


@handles(*NAME_ELEMENTS, "rs", when=lambda e, c: bool(e.get("ref") or e.get("key")))
def mention(element, parent, context):
    """A name that points into a register links to the entry; the register's label is its title."""
    entries = [context.collected.entry(p, context.doc.path) for p in entry_references(element)]
    entries = [e for e in entries if e is not None]
    mention_id = element.get(MENTION, "") if context.with_ids else ""
    if entries and not context.in_link:
        entry = entries[0]
        node = html(parent, "a", "mention", entry.kind, href=context.prefix + entry_url(entry.kind, entry.id),
                    id=mention_id, title=" · ".join(e.label for e in entries))
    elif entries:
        node = html(parent, "span", "mention", entries[0].kind, id=mention_id)
    elif local_name(element) == "rs" and element.get("type") not in (None, *BY_RS_TYPE):
        node = html(parent, "span", "name", "rs-other", id=mention_id)  # a work, an event: not indexed here
    else:
        node = html(parent, "span", "mention", "unresolved", id=mention_id)
    if element.get("cert") in ("low", "unknown"):
        node.set("class", node.get("class") + " uncertain")
    with inside_link(parent, context):
        render_children(element, node, context)
    return node


@handles(*NAME_ELEMENTS, "rs")
def unlinked_name(element, parent, context):
    span = html(parent, "span", "name", f"tei-{local_name(element)}")
    render_children(element, span, context)
    return span


@handles("date", "time")
def date(element, parent, context):
    """A date shows its normalised value (``data-norm``, drawn when highlighting is on)."""
    attributes = {k: element.get(k) for k in ("when", "when-iso", "from", "to", "notBefore", "notAfter", "cert")
                  if element.get(k)}
    norm = dates.label(attributes)
    machine = dates.machine_value(attributes)
    mention_id = element.get(MENTION, "") if context.with_ids else ""
    node = html(parent, "time" if machine else "span", "date", datetime=machine, data_norm=norm,
                title=norm, id=mention_id)
    render_children(element, node, context)
    return node
