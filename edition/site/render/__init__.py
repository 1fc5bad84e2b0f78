"""Render: TEI elements to HTML elements, one handler per element, grouped by TEI module.

Each module of this package (``core``, ``drama``, ``namesdates``…) registers its handlers with
``@handles(name, when=predicate)``; for an element, the first handler whose predicate accepts it
draws it (CETEIcean's behaviours, the TEI Stylesheets' modes). An element nobody handles is
drawn by ``generic``: a ``<span class="tei-NAME">`` with its content, and a warning. Which
elements exist and whether each is a block is declared in ``edition.elements``; the handlers draw
what their rows say (``tests/test_elements.py``).

HTML is built as lxml elements (text is escaped by the serializer), never glued as strings.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from edition.elements import OMITTED
from edition.site.collect import Collected, DocData
from edition.tei import XML_LANG, local_name

Handler = Callable[[etree._Element, etree._Element, "Context"], etree._Element | None]
Predicate = Callable[[etree._Element, "Context"], bool]

REGISTRY: dict[str, list[tuple[Predicate, Handler]]] = {}


def handles(*names: str, when: Predicate | None = None):
    """Register the decorated function for the named elements (``when`` narrows it)."""

    def register(function: Handler) -> Handler:
        for name in names:
            REGISTRY.setdefault(name, []).append((when or (lambda element, context: True), function))
        return function

    return register


@dataclass
class Context:
    """What a handler may consult while drawing one document."""

    collected: Collected
    doc: DocData
    prefix: str = "../"  # from the page to the site's root
    inline: bool = False  # inside a paragraph or a popover: blocks become spans
    with_ids: bool = True  # False while drawing a second copy (a note's popover)
    in_link: bool = False
    own_page: bool = True  # drawing on the document's own page (False: a note quoted in the glossary)
    notes: list[etree._Element] = field(default_factory=list)
    unknown: Counter = field(default_factory=Counter)
    unknown_lines: dict = field(default_factory=dict)
    noted: set[str] = field(default_factory=set)  # xml:ids a note points at
    deferred: list = field(default_factory=list)  # notes (or drawing functions) met inside a link
    apparatus: list[etree._Element] = field(default_factory=list)  # the apps with an entry, in order
    tei_path: str = ""  # the TEI file's path in the source (and under tei/ in the site): local images
    memo: dict = field(default_factory=dict)  # what a handler reads once per document (the witnesses)
    counter: int = 0
    lemmas: dict[str, str] | None = None  # note anchor -> the words it discusses, read once

    def lemma(self, anchor: str) -> str:
        if self.lemmas is None:
            self.lemmas = {note.anchor: note.target for note in self.doc.notes}
        return self.lemmas.get(anchor, "")

    def next_id(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}-{self.counter}"

    @contextmanager
    def mode(self, **changes):
        saved = {key: getattr(self, key) for key in changes}
        for key, value in changes.items():
            setattr(self, key, value)
        try:
            yield self
        finally:
            for key, value in saved.items():
                setattr(self, key, value)


def render_node(element: etree._Element, parent: etree._Element, context: Context) -> None:
    """Draw ``element`` (not its tail) into ``parent``."""
    name = local_name(element)
    if not name:
        return  # comments and processing instructions are not text
    for predicate, handler in REGISTRY.get(name, ()):
        if predicate(element, context):
            drawn = handler(element, parent, context)
            break
    else:
        drawn = generic(element, parent, context)
    if drawn is not None and element.get(XML_LANG):
        drawn.set("lang", element.get(XML_LANG))


def render_children(element: etree._Element, parent: etree._Element, context: Context) -> None:
    """Draw the content of ``element``: its text, each child, each child's tail."""
    append_text(parent, element.text)
    for child in element:
        render_node(child, parent, context)
        append_text(parent, child.tail)


def append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    last = next(parent.iterchildren(reversed=True), None)  # len(parent) counts every child: quadratic
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def html(parent: etree._Element, tag: str, *classes: str, **attributes: str) -> etree._Element:
    """A new HTML child element; empty attribute values are left out. (Called for every element of
    every page: the attributes go in at once, their names are translated once.)"""
    attrib = {}
    if classes and (joined := " ".join(filter(None, classes))):
        attrib["class"] = joined
    for key, value in attributes.items():
        if value:
            attrib[_ATTRIBUTE_NAMES.get(key) or _attribute_name(key)] = value
    return etree.SubElement(parent, tag, attrib)


_ATTRIBUTE_NAMES: dict[str, str] = {}


def _attribute_name(keyword: str) -> str:
    """``class_`` -> ``class``, ``aria_label`` -> ``aria-label``."""
    name = _ATTRIBUTE_NAMES[keyword] = keyword.rstrip("_").replace("_", "-")
    return name


def block(parent: etree._Element, tag: str, context: Context, *classes: str, **attributes) -> etree._Element:
    """A block element, or a span of the same class where HTML allows no block (inside a ``p``)."""
    if context.inline:
        return html(parent, "span", f"block-{tag}", *classes, **attributes)
    return html(parent, tag, *classes, **attributes)


@contextmanager
def inside_link(parent: etree._Element, context: Context):
    """Draw a link's content; notes met inside it are drawn after it (no button inside a link)."""
    outermost = not context.in_link
    with context.mode(in_link=True):
        yield
    if outermost:
        deferred, context.deferred = context.deferred, []
        for note in deferred:
            if callable(note):
                note(parent, context)
            else:
                render_node(note, parent, context)


def anchor_id(element: etree._Element, context: Context) -> str:
    from edition.site.transforms import ANCHOR

    return element.get(ANCHOR, "") if context.with_ids else ""


def generic(element: etree._Element, parent: etree._Element, context: Context) -> etree._Element:
    """Unknown elements keep their content and say what they were; the build reports them."""
    name = local_name(element)
    context.unknown[name] += 1
    context.unknown_lines.setdefault(name, element.sourceline or 0)
    span = html(parent, "span", f"tei-{name}")
    render_children(element, span, context)
    return span


def to_html(element: etree._Element, inner: bool = False) -> str:
    """Serialise ``element`` (``inner``: only its content), escaped by lxml."""
    if not inner:
        return etree.tostring(element, method="html", encoding="unicode")
    serialised = etree.tostring(element, method="html", encoding="unicode", with_tail=False)
    return serialised[serialised.index(">") + 1:serialised.rindex("</")]


@handles(*OMITTED)
def omitted(element, parent, context):
    """What the reading text leaves out (running heads, catchwords) is not drawn either."""
    return None


# Every module of this package registers its handlers on import: a new one needs no line here.
for _module in sorted(pkgutil.iter_modules(__path__), key=lambda module: module.name):
    importlib.import_module(f"{__name__}.{_module.name}")
