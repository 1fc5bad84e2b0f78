"""The TEI ``drama`` module: speeches, their speakers, stage directions."""

from __future__ import annotations

from edition.site.render import anchor_id, block, handles, html, render_children


@handles("sp")
def speech(element, parent, context):
    box = block(parent, "div", context, "sp", id=anchor_id(element, context))
    render_children(element, box, context)
    return box


@handles("speaker")
def speaker(element, parent, context):
    name = block(parent, "p", context, "speaker")
    with context.mode(inline=True):
        render_children(element, name, context)
    return name


@handles("stage")
def stage(element, parent, context):
    """A stage direction between speeches is a block; inside a line or a speech's paragraph it is
    part of the line."""
    direction = html(parent, "span" if context.inline else "p", "stage", id=anchor_id(element, context))
    with context.mode(inline=True):
        render_children(element, direction, context)
    return direction
