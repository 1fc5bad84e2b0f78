"""The TEI ``drama`` module: the cast list, speeches and their speakers, stage directions.

A role in the cast list and the speeches of its character are linked both ways: the cast entry
counts the speeches and links to the first, each speaker links to the cast entry. The character is
the ``sp/@who`` that a role names, by its own ``xml:id``, by ``@corresp``, or by the same name as
the character's ``persName`` in the header's ``particDesc`` or as the speakers of its speeches
("Wachtmeister," in the cast, ``<persName>Wachtmeister</persName>``), whole, up to its first comma
("Faust, ein Doktor"), or by the one word of it that names a character ("Hans Weiring": "Weiring").
"""

from __future__ import annotations

import re

from edition.registers import normalize_space
from edition.site.render import Context, anchor_id, append_text, block, handles, html, render_children, render_node
from edition.site.transforms import ANCHOR, html_id, local_id
from edition.tei import XML_ID, local_name, qn

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_HEAD = re.compile(r"[,;(]| - | – ")  # where a role's name ends and its description begins


def _name_key(text: str) -> str:
    return _EDGE_PUNCTUATION.sub("", normalize_space(text)).casefold()


class Cast:
    """Who speaks in one play: each character's speeches, and the names each is known by."""

    def __init__(self, text):
        self.speeches: dict[str, list[str]] = {}
        self.by_name: dict[str, str] = {}
        root = text.getroottree().getroot()  # characters by the ids the play wrote, not their register scope
        for sp in text.iter(qn("tei:sp")):
            for who in (sp.get("who") or "").split():
                character = local_id(who.rpartition("#")[2], root)
                self.speeches.setdefault(character, []).append(sp.get(ANCHOR, ""))
                for speaker in sp.iter(qn("tei:speaker")):
                    self.by_name.setdefault(_name_key("".join(speaker.itertext())), character)
        for person in text.getroottree().iter(qn("tei:person"), qn("tei:personGrp")):
            if local_id(person.get(XML_ID) or "", root) in self.speeches:
                for name in person.iter(qn("tei:persName"), qn("tei:name")):
                    self.by_name[_name_key("".join(name.itertext()))] = local_id(person.get(XML_ID), root)
        # each character's entry: the first cast entry naming it (an HTML id is used once)
        self.entries: dict = {}
        self.listed: set[str] = set()  # the characters that have an entry in the cast list
        for item in text.iter(qn("tei:castItem")):
            character = self._match(item)
            if character and character not in self.listed:
                self.entries[item] = character
                self.listed.add(character)

    @classmethod
    def of(cls, element, context: Context) -> "Cast":
        if "cast" not in context.memo:
            context.memo["cast"] = cls(element.getroottree().find(qn("tei:text")))
        return context.memo["cast"]

    def character(self, item) -> str | None:
        """The character a cast entry stands for, if it speaks (and no earlier entry named it)."""
        return self.entries.get(item)

    def _match(self, item) -> str | None:
        roles = [item, *item.iter(qn("tei:role"))]
        for role in roles:
            for pointer in (role.get(XML_ID) or "", *(role.get("corresp") or "").split()):
                character = local_id(pointer.rpartition("#")[2], role.getroottree().getroot())
                if character in self.speeches:
                    return character
        for role in roles[1:] or [item]:  # the roles' names, else the entry's own words
            written = normalize_space("".join(role.itertext()))
            head = _HEAD.split(written, 1)[0]  # "Faust, ein Doktor" -> "Faust"
            for candidate in (written, head):
                if self.by_name.get(_name_key(candidate)):
                    return self.by_name[_name_key(candidate)]
            # "Hans Weiring" for the character "Weiring": one word of the name, if only one names anyone
            named = {self.by_name[word] for word in map(_name_key, head.split()) if word in self.by_name}
            if len(named) == 1:
                return named.pop()
        return None


def cast_anchor(character: str) -> str:
    return f"cast-{html_id(character)}"


@handles("castList")
def cast_list(element, parent, context):
    box = block(parent, "div", context, "castList")
    _cast_members(element, box, context)
    return box


def _cast_members(element, box, context) -> None:
    """Heads as they are, the entries in a list, whatever else (a ``roleDesc`` of the group) after."""
    members = None
    append_text(box, element.text)
    for child in element:
        name = local_name(child)
        if name in ("castItem", "castGroup"):
            if members is None:
                members = block(box, "ul", context, "cast")
            render_node(child, members, context)
            append_text(members, child.tail)
            continue
        members = None
        render_node(child, box, context)
        append_text(box, child.tail)


@handles("castGroup")
def cast_group(element, parent, context):
    item = block(parent, "li", context, "castGroup")
    _cast_members(element, item, context)
    return item


@handles("castItem")
def cast_item(element, parent, context):
    cast = Cast.of(element, context)
    character = cast.character(element)
    item = block(parent, "li", context, "castItem",
                 id=cast_anchor(character) if character and context.with_ids else "")
    render_children(element, item, context)
    if character and context.with_ids:
        speeches = cast.speeches[character]
        append_text(item, " ")
        link = html(item, "a", "speeches", href=f"#{speeches[0]}" if speeches[0] else "")
        link.text = f"{len(speeches)} speech{'es' if len(speeches) > 1 else ''}"
    return item


@handles("role", "roleDesc", "actor")
def role(element, parent, context):
    span = html(parent, "span", local_name(element))
    render_children(element, span, context)
    return span


@handles("sp")
def speech(element, parent, context):
    box = block(parent, "div", context, "sp", id=anchor_id(element, context))
    render_children(element, box, context)
    return box


@handles("speaker")
def speaker(element, parent, context):
    """The speaker's name, linked to the character's entry in the cast list when there is one."""
    name = block(parent, "p", context, "speaker")
    sp = element.getparent()
    root = element.getroottree().getroot()
    characters = ([local_id(w.rpartition("#")[2], root) for w in (sp.get("who") or "").split()]
                  if local_name(sp) == "sp" else [])
    listed = Cast.of(element, context).listed
    target = next((c for c in characters if c in listed), None)
    holder = html(name, "a", "to-cast", href=f"#{cast_anchor(target)}") if target and not context.in_link else name
    with context.mode(inline=True):
        render_children(element, holder, context)
    return name


@handles("stage")
def stage(element, parent, context):
    """A stage direction between speeches is a block; inside a line or a speech's paragraph it is
    part of the line."""
    direction = html(parent, "span" if context.inline else "p", "stage", id=anchor_id(element, context))
    with context.mode(inline=True):
        render_children(element, direction, context)
    return direction


@handles("set", "spGrp")
def setting(element, parent, context):
    """The setting of the play (``set``), a group of speeches sung or spoken together (``spGrp``)."""
    box = block(parent, "div", context, local_name(element))
    render_children(element, box, context)
    return box
