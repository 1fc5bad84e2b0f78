"""The TEI ``textcrit`` module and the editorial parts of ``core``: the critical apparatus (``app``,
``lem``, ``rdg``, ``rdgGrp``, witnesses from ``listWit``); choice, sic/corr, orig/reg, abbr/expan."""

from __future__ import annotations

from lxml import etree
from markupsafe import Markup

from edition.registers import normalize_space
from edition.site.reading import chosen
from edition.site.render import Context, append_text, handles, html, render_children, render_node, to_html
from edition.tei import XML_ID, local_name, qn

SOURCE_LABELS = {"sic": "the source has", "orig": "the source spells", "abbr": "the source abbreviates"}


@handles("choice")
def choice(element, parent, context):
    """The corrected or regularised reading, with the source's on demand (a popover)."""
    reading = chosen(element)
    others = [c for c in element if isinstance(c.tag, str) and c is not reading]
    box = html(parent, "span", "choice")
    machine = [o for o in others if local_name(o) == "sic"]
    if machine and context.with_ids:
        # the machine's (or the source's) wording, shown only in the translation layer (the stylesheet)
        wording = html(box, "span", "machine")
        for index, other in enumerate(machine):
            append_text(wording, " " if index else None)
            with context.mode(with_ids=False):
                render_children(other, wording, context)
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


READINGS = ("lem", "rdg")


def shown_reading(app: etree._Element) -> etree._Element | None:
    """The reading the edited text shows: the lemma (also inside a ``rdgGrp``), else the first reading."""
    for name in ("lem", "rdg"):
        for child in _readings(app):
            if local_name(child) == name:
                return child
    return None


def _readings(container: etree._Element):
    """The ``lem`` and ``rdg`` of an ``app``, those grouped in a ``rdgGrp`` included, in order."""
    for child in container:
        name = local_name(child)
        if name in READINGS:
            yield child
        elif name == "rdgGrp":
            yield from _readings(child)


def witnesses(element: etree._Element, context: Context) -> dict[str, tuple[str, str]]:
    """The document's witnesses, from every ``listWit``: xml:id -> (siglum, description)."""
    known = context.memo.get("witnesses")
    if known is None:
        known = context.memo["witnesses"] = {}
        for witness in element.getroottree().iter(qn("tei:witness")):
            if witness.get(XML_ID):
                marked = next((s for s in witness.iter(qn("tei:abbr"), qn("tei:idno")) if s.get("type") == "siglum"),
                              None)
                siglum = witness.get("n") or (normalize_space("".join(marked.itertext())) if marked is not None
                                              else witness.get(XML_ID))
                described = "".join(witness.itertext())
                if marked is not None:  # the siglum once, not again in the description
                    described = described.replace("".join(marked.itertext()), "", 1)
                known[witness.get(XML_ID)] = (siglum, normalize_space(described))
    return known


def sigla(reading: etree._Element, context: Context) -> list[tuple[str, str]]:
    """A reading's witnesses as (siglum, description); a witness nobody lists is named by its pointer."""
    known = witnesses(reading, context)
    return [known.get(pointer.rpartition("#")[2], (pointer.rpartition("#")[2] or pointer, ""))
            for pointer in (reading.get("wit") or "").split()]


@handles("app")
def apparatus(element, parent, context):
    """The lemma in the text; a marker opens the whole entry (lemma, every reading with its
    witnesses, the notes), which the page's critical apparatus lists again (a positive apparatus)."""
    shown = shown_reading(element)
    box = html(parent, "span", "app")
    text = html(box, "span", local_name(shown) if shown is not None else "lem", "shown")
    if shown is not None:
        render_children(shown, text, context)
    if not any(c is not shown and isinstance(c.tag, str) for c in element) and not (
            shown is not None and shown.get("wit")):
        return box
    if not context.with_ids:  # a second copy (a note's popover, the apparatus list): the shown reading only
        return box
    context.apparatus.append(element)
    number = str(len(context.apparatus))
    entry_id = f"app-{number}"
    box.set("id", f"ref-{entry_id}")
    if context.in_link:
        context.deferred.append(lambda after, ctx: _marker_and_entry(element, shown, number, after, ctx))
    else:
        _marker_and_entry(element, shown, number, box, context)
    return box


def _marker_and_entry(element, shown, number: str, parent, context) -> None:
    marker = html(parent, "button", "app-marker", type="button", popovertarget=f"pop-app-{number}")
    marker.set("aria-label", f"Variant readings {number}")
    marker.text = number
    popover = html(parent, "span", "app-popover", id=f"pop-app-{number}", popover="auto", role="note")
    popover.set("aria-label", f"Variant readings {number}")
    label = html(popover, "span", "popover-label")
    label.text = "Variants. "
    apparatus_entry_content(element, shown, popover, context)
    append_text(popover, " ")
    html(popover, "a", "to-apparatus", href=f"#app-{number}").text = "in the apparatus"


def apparatus_entry_content(app: etree._Element, shown, parent, context) -> None:
    """``lemma] A B; reading C; om. D`` and the entry's notes; readings grouped in a ``rdgGrp`` stay
    together. The shown reading is drawn without ids (the text holds it)."""
    entry = html(parent, "span", "app-entry")
    _entry_parts(app, shown, entry, context, first=True)


def _entry_parts(container, shown, parent, context, first: bool) -> bool:
    for child in container:
        name = local_name(child)
        if not name:
            continue
        if name in READINGS:
            if not first:
                append_text(parent, "; ")
            first = False
            _reading(child, child is shown, parent, context)
        elif name == "rdgGrp":
            group = html(parent, "span", "rdgGrp", title=child.get("type", ""))
            first = _entry_parts(child, shown, group, context, first)
        elif name == "note" and not context.with_ids:  # the apparatus list: the note's words in the entry
            note = html(parent, "span", "app-note")
            append_text(note, " — ")
            render_children(child, note, context)
        else:  # a note (its marker), a witDetail...: drawn as itself
            append_text(parent, " ")
            render_node(child, parent, context)
    return first


def _reading(reading, is_shown: bool, parent, context) -> None:
    box = html(parent, "span", f"app-{local_name(reading)}")
    words = html(box, "span", local_name(reading))
    if is_shown:
        with context.mode(with_ids=False):
            render_children(reading, words, context)
    else:
        render_children(reading, words, context)
    if not normalize_space("".join(words.itertext())):
        words.text = "om."
    if is_shown:
        append_text(box, "]")
    for siglum, description in sigla(reading, context):
        append_text(box, " ")
        html(box, "span", "wit", title=description).text = siglum
    facts = [value for value in (reading.get("type"), reading.get("cause")) if value]
    if reading.get("resp"):
        facts.append("by " + " ".join(p.rpartition("#")[2] for p in reading.get("resp").split()))
    if facts:
        append_text(box, f" ({', '.join(facts)})")


def critical_apparatus(text: etree._Element, context: Context) -> tuple[list[Markup], list[Markup]]:
    """The page's critical apparatus (an entry for each ``app`` the text drew, with a link back to
    it) and its witnesses (siglum and description), as list items."""
    entries = []
    with context.mode(with_ids=False, inline=True):
        for number, app in enumerate(context.apparatus, 1):
            item = etree.Element("li", id=f"app-{number}")
            back = html(item, "a", "backlink", href=f"#ref-app-{number}")
            back.text = str(number)
            back.set("aria-label", f"Back to the text at variant {number}")
            back.tail = " "
            apparatus_entry_content(app, shown_reading(app), item, context)
            entries.append(Markup(to_html(item)))
    listed = []
    if context.apparatus:
        for siglum, description in witnesses(text, context).values():
            item = etree.Element("li")
            html(item, "span", "wit").text = siglum
            append_text(item, f" {description}" if description and description != siglum else "")
            listed.append(Markup(to_html(item)))
    return entries, listed


@handles("lem", "rdg", "rdgGrp")
def lone_apparatus_part(element, parent, context):
    """A reading outside an ``app`` (invalid TEI, but its words are kept)."""
    span = html(parent, "span", local_name(element))
    render_children(element, span, context)
    return span
