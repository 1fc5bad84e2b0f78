"""The TEI ``core`` and ``textstructure`` modules: divisions, paragraphs, heads, quotations,
lists, references, highlighting, figures, line and page breaks (notes: ``notes.py``)."""

from __future__ import annotations

from lxml import etree

from edition.elements import BLOCKS
from edition.site.render import (Context, anchor_id, append_text, block, handles, html, inside_link,
                                 render_children, render_node)
from edition.site.transforms import NUMBER
from edition.site.urls import external_url, rend_classes
from edition.tei import XML_ID, local_name

def _depth(element: etree._Element) -> int:
    return sum(1 for a in element.iterancestors() if local_name(a) == "div")


def parallel_links(element: etree._Element, parent: etree._Element, context: Context) -> None:
    """The passages ``@corresp`` names, grouped by text: "Parallel: The expulsion ¶ 1, ¶ 4"."""
    resolved = [context.collected.resolve_id(p, context.doc.path) for p in (element.get("corresp") or "").split()]
    by_doc: dict[str, list] = {}
    for found in filter(None, resolved):
        by_doc.setdefault(found[0].id, []).append(found)
    if not by_doc:
        return
    links = html(parent, "span", "parallels")
    append_text(links, "Parallel:")
    for group in by_doc.values():
        doc = group[0][0]
        same = doc.id == context.doc.id and context.own_page
        if not same:
            append_text(links, " ")
            html(links, "cite", lang=doc.title_lang).text = doc.title
        for index, (_, anchor, where) in enumerate(group):
            append_text(links, " " if index == 0 else ", ")
            href = f"#{anchor}" if same else f"{context.prefix}{doc.url}" + (f"#{anchor}" if anchor else "")
            html(links, "a", "parallel", href=href, hreflang="" if same else doc.lang).text = where or "text"
        append_text(links, " in this text;" if same else ";")  # "Parallel: ¶ 79 in this text"
    last = links[-1]
    last.tail = (last.tail or "").rstrip(";")


@handles("div")
def div(element, parent, context):
    section = block(parent, "section", context, "div", *rend_classes(element.get("rend")),
                    id=anchor_id(element, context), data_type=element.get("type", ""))
    if element.get("corresp"):
        parallel_links(element, html(section, "p", "div-parallels"), context)
    render_children(element, section, context)
    return section


@handles("body", "front", "back", "group", "text")
def container(element, parent, context):
    box = block(parent, "div", context, f"tei-{local_name(element)}")
    render_children(element, box, context)
    return box


@handles("head", when=lambda e, c: local_name(e.getparent()) == "figure" and not c.inline)
def figure_head(element, parent, context):
    caption = html(parent, "figcaption", id=anchor_id(element, context))
    render_children(element, caption, context)
    return caption


@handles("head", when=lambda e, c: local_name(e.getparent()) in ("div", "body") and not c.inline)
def heading(element, parent, context):
    level = min(6, 1 + max(1, _depth(element)))
    h = html(parent, f"h{level}", id=anchor_id(element, context))
    with context.mode(inline=True):
        render_children(element, h, context)
    return h


@handles("head")
def other_head(element, parent, context):
    head = block(parent, "p", context, "head", id=anchor_id(element, context))
    with context.mode(inline=True):
        render_children(element, head, context)
    return head


@handles("p", when=lambda e, c: not c.inline and e.get(NUMBER) is not None)
def paragraph(element, parent, context):
    """A numbered paragraph: its number links to itself; the script adds "cite this"."""
    anchor = anchor_id(element, context)
    p = html(parent, "p", "para", *rend_classes(element.get("rend")), id=anchor,
             data_n=element.get(NUMBER), data_cite=f"{context.doc.title}, ¶ {element.get(NUMBER)}")
    number = html(p, "a", "pnum", href=f"#{anchor}" if anchor else "")
    number.text = element.get(NUMBER)
    number.set("aria-label", f"Paragraph {element.get(NUMBER)}")
    number.tail = " "
    with context.mode(inline=True):
        render_children(element, p, context)
        if element.get("corresp"):
            append_text(p, " ")
            parallel_links(element, p, context)
    return p


@handles("p")
def plain_paragraph(element, parent, context):
    p = block(parent, "p", context, *rend_classes(element.get("rend")), id=anchor_id(element, context))
    with context.mode(inline=True):
        render_children(element, p, context)
    return p


@handles("ab", when=lambda e, c: e.get("type") == "debris")
def debris(element, parent, context):
    """Web-page remnants the source carried (share buttons, "see also"): kept, set apart."""
    aside = block(parent, "div", context, "debris", id=anchor_id(element, context))
    label = html(aside, "span", "debris-label")
    label.text = "Source page remnant: "
    with context.mode(inline=True):
        render_children(element, aside, context)
    return aside


@handles("ab", "opener", "closer", "postscript", "address", "argument", "epigraph", "byline",
         "docTitle", "titlePage", "floatingText")
def container_block(element, parent, context):
    box = block(parent, "div", context, f"tei-{local_name(element)}", *rend_classes(element.get("rend")),
                id=anchor_id(element, context))
    render_children(element, box, context)
    return box


@handles("salute", "signed", "dateline", "addrLine", "trailer", "docAuthor", "docDate", "titlePart", "docImprint")
def line_block(element, parent, context):
    line = block(parent, "p", context, f"tei-{local_name(element)}", *rend_classes(element.get("rend")),
                 id=anchor_id(element, context))
    with context.mode(inline=True):
        render_children(element, line, context)
    return line


@handles("quote", when=lambda e, c: not c.inline and any(local_name(x) in BLOCKS for x in e))
def block_quote(element, parent, context):
    quote = html(parent, "blockquote", id=anchor_id(element, context))
    if element.get("corresp"):
        parallel_links(element, html(quote, "p", "div-parallels"), context)
    render_children(element, quote, context)
    return quote


_QUOTE_MARKS = ("\"", "'", "“", "”", "„", "«", "»", "‘", "’", "‚")


def _unmarked_in_note(element, context) -> bool:
    """A ``q`` in the editors' note has no quotation marks around it in the XML: the page adds them."""
    if not any(local_name(a) == "note" for a in element.iterancestors()):
        return False
    previous = element.getprevious()
    before = ((previous.tail if previous is not None else element.getparent().text) or "").rstrip()
    inside = "".join(element.itertext()).strip()
    return not before.endswith(_QUOTE_MARKS) and not inside.startswith(_QUOTE_MARKS)


@handles("q", when=_unmarked_in_note)
def note_quote(element, parent, context):
    q = html(parent, "q", "tei-q")
    render_children(element, q, context)
    return q


@handles("quote", "q", "said", "soCalled", "mentioned")
def inline_quote(element, parent, context):
    # The source's own quotation marks are in the text: no <q>, which would add a second pair.
    span = html(parent, "span", f"tei-{local_name(element)}")
    render_children(element, span, context)
    return span


@handles("cit")
def citation(element, parent, context):
    span = html(parent, "span", "cit")
    render_children(element, span, context)
    return span


@handles("list")
def tei_list(element, parent, context):
    ordered = element.get("type") in ("ordered", "numbered") or element.get("rend") in ("numbered", "ordered")
    heads = [c for c in element if local_name(c) == "head"]
    for head in heads:
        render_node(head, parent, context)
    items = block(parent, "ol" if ordered else "ul", context, "list")
    append_text(items, None)
    for child in element:
        if local_name(child) != "head":
            render_node(child, items, context)
    return items


@handles("item")
def item(element, parent, context):
    li = block(parent, "li", context, id=anchor_id(element, context))
    render_children(element, li, context)
    return li


@handles("label")
def label(element, parent, context):
    span = html(parent, "span", "label")
    render_children(element, span, context)
    return span


@handles("figure")
def figure(element, parent, context):
    box = block(parent, "figure", context, id=anchor_id(element, context))
    render_children(element, box, context)
    return box


@handles("figDesc")
def figure_description(element, parent, context):
    span = html(parent, "span", "figdesc")
    render_children(element, span, context)
    return span


@handles("hi", "emph", "foreign", "term", "gloss", "distinct", "num", "measure", "unit", "abbr", "expan",
         "seg", "w", "pc", "ident", "code", "time", "name", "roleName", "addName", "forename", "surname",
         "genName", "nameLink", "country", "settlement", "region", "bloc", "district", "geogName",
         "affiliation", "occupation", "idno", "desc", "stamp", "author", "editor", "publisher", "pubPlace",
         "biblScope", "edition", "extent")
def phrase(element, parent, context):
    name = local_name(element)
    classes = rend_classes(element.get("rend"))
    if name == "hi" and "sup" in classes:
        span = html(parent, "sup")
    elif name == "hi" and "sub" in classes:
        span = html(parent, "sub")
    elif name == "emph":
        span = html(parent, "em")
    else:
        span = html(parent, "span", f"tei-{name}", *classes)
    if name == "seg" and element.get("type") == "letterhead":
        span.set("class", span.get("class") + " letterhead")
    if name == "seg" and element.get(XML_ID) and element.get(XML_ID) in context.noted:
        span.set("class", span.get("class") + " annotated")
        if context.with_ids:
            span.set("id", element.get(XML_ID))
    render_children(element, span, context)
    if name == "foreign" and (element.get("source") or element.get("cert")):
        # Russian a note quotes: the reader sees whether it is attested or the editor's reconstruction.
        cert = element.get("cert")
        label = html(span, "span", "wording-status", lang="en", data_cert=cert or "",
                     title="quoted from a published work, which the note names" if not cert
                     else f"reconstructed by the editor from the translation (certainty: {cert})")
        label.text = "quoted" if not cert else "reconstructed"
    return span


@handles("title", "bibl", "biblStruct")
def title(element, parent, context):
    cite = html(parent, "cite" if local_name(element) == "title" else "span", f"tei-{local_name(element)}")
    render_children(element, cite, context)
    return cite


@handles("ref", "ptr")
def reference(element, parent, context):
    """Web links and pointers into the edition become links; anything else stays text."""
    target = (element.get("target") or "").split()
    first = target[0] if target else ""
    href = external_url(first)
    if not href and "#" in first:
        resolved = context.collected.resolve_id(first, context.doc.path)
        if resolved:
            doc, anchor, _ = resolved
            href = (f"#{anchor}" if doc.id == context.doc.id and context.own_page
                    else f"{context.prefix}{doc.url}" + (f"#{anchor}" if anchor else ""))
    if href and not context.in_link:
        link = html(parent, "a", "ref", href=href,
                    rel="external noopener noreferrer" if external_url(href) else "")
    else:
        link = html(parent, "span", "ref", title=first)
    with inside_link(parent, context):
        render_children(element, link, context)
    if not len(link) and not (link.text or "").strip():
        link.text = first  # an empty pointer shows where it points
    return link


@handles("lb")
def line_break(element, parent, context):
    return html(parent, "br")


@handles("cb", "milestone", "handShift", "anchor", "index")
def milestone(element, parent, context):
    span = html(parent, "span", f"tei-{local_name(element)}",
                id=element.get(XML_ID, "") if context.with_ids and local_name(element) == "anchor" else "")
    render_children(element, span, context)
    return span


@handles("space")
def space(element, parent, context):
    span = html(parent, "span", "space")
    span.text = " "
    return span


@handles("table")
def table(element, parent, context):
    box = block(parent, "table", context)
    render_children(element, box, context)
    return box


@handles("row")
def row(element, parent, context):
    tr = block(parent, "tr", context)
    render_children(element, tr, context)
    return tr


@handles("cell")
def cell(element, parent, context):
    td = block(parent, "td", context)
    render_children(element, td, context)
    return td
