"""The reading page of each text, drawn by the worker pool (``render_document`` then ``text.html``).

Drawing a text also renders its translation notes as the glossary quotes them; they go back to the
main process and into ``Build.quoted`` (kept in the cache with the page, for a text not redrawn).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import etree
from markupsafe import Markup

from edition.caching import digest
from edition.diagnostics import warning
from edition.pointers import pointer_parts
from edition.site.citation import DOWNLOADS, Citation, write_downloads
from edition.site.collect import Collected, DocData
from edition.site.packing import pack
from edition.site.records import DrawnText
from edition.site.pages import listing
from edition.site.pages.build import Build, PageKind
from edition.site.render import Context, render_children, render_node, to_html
from edition.site.render.notes import apparatus_entry
from edition.site.render.textcrit import critical_apparatus
from edition.site.transforms import ANCHOR, LAYER, prepare, text_root
from edition.tei import local_name, qn
from edition.xmlio import read_xml
from edition import workers


class Texts(PageKind):
    def write(self, build: Build) -> None:
        """Every text's page, the unchanged ones linked; ``build.while_texts_draw`` runs in this
        process while the workers draw."""
        collected, cache = build.collected, build.cache
        text_paths = [doc.path for doc in collected.docs.values()]
        ordered = collected.ordered_docs()
        by_path = {d.path: d for d in ordered}
        beside = {doc.path: (ordered[i - 1] if i else None, ordered[i + 1] if i + 1 < len(ordered) else None)
                  for i, doc in enumerate(ordered)}  # the previous and next text, in the home page's order
        collected.targets()  # here, not in each worker
        keys = TextKeys(build)
        keyed = {path: keys.of(by_path[path], beside[path]) for path in text_paths} if cache.enabled else {}
        reused = {path: cache.reusable(by_path[path].url, keyed[path]) for path in keyed}
        todo = [path for path in text_paths if not reused.get(path, (False,))[0]]
        drawn = workers.map_in_order(_draw_text, (build, by_path, beside), todo, meanwhile=build.while_texts_draw)
        for done, path in enumerate(text_paths, 1):
            build.progress("texts", done, len(text_paths))
            url = by_path[path].url
            if path in reused and reused[path][0]:
                cache.link(url, build.root)
                text = reused[path][1]
            else:
                text = next(drawn)
            if by_path[path].citation:  # written for a reused page too: three small files
                write_downloads((build.root / url).parent, Path(url).stem, citation_of(by_path[path], collected))
            kept = DrawnText(build.quoted.add(by_path[path].id, text.quoted), text.problems)
            if path in keyed:
                cache.remember_page(url, keyed[path], kept)
            build.diagnostics.extend(text.problems)
            build.pages += 1
        next(drawn, None)  # runs ``while_texts_draw`` when no text was drawn (every one reused), else the end


class TextKeys:
    """A reading page's key: its file, the entries it names and the passages it points at."""

    def __init__(self, build: Build):
        self.build = build
        collected = build.collected
        # the ids a pointer can show something of: register entries, passages of the texts
        self.shown_ids = collected.targets().keys() | collected.registers.entries.keys()
        # the images a page may show (pb/@facs, graphic): a page shows the ones that exist
        self.images = digest([str(p) for p in build.images])
        # pointer (with the folder of a file pointer's text) -> (the id of the text holding the
        # passage it points at, a digest of what it shows)
        self._pointed: dict[str | tuple[str, Path], tuple[str | None, str]] = {}

    def of(self, doc: DocData, beside: tuple[DocData | None, DocData | None]) -> str:
        build = self.build
        # A pointer at nothing the site shows (most: a sentence, a word) is in the text's bytes already.
        pointed = [self.pointed(doc, token) for token in doc.references
                   if token.rpartition("#")[2] in self.shown_ids or _in_a_file(token)]
        neighbours = [other and (other.url, other.title, other.title_lang) for other in beside]
        return digest("text", str(doc.path), build.tei_path(doc), build.record_of(doc).digest, build.title, pointed,
                      self.images, neighbours, build.collected.base_url)

    def pointed(self, doc: DocData, token: str) -> str:
        """What a pointer shows of what it points at, as a digest (the same entries are named by many
        texts); a passage of the text itself is only itself: the text's own bytes are in its key."""
        key = (token, doc.path.parent) if _in_a_file(token) else token  # file.xml#id: from the text's folder
        known = self._pointed.get(key)
        if known is None:
            collected = self.build.collected
            entry = collected.entry(token, doc.path)
            resolved = collected.resolve_id(token, doc.path)
            target = resolved and (*listing.shown(resolved[0]), resolved[1], resolved[2])
            known = self._pointed[key] = (
                resolved[0].id if entry is None and resolved else None,
                digest(token, self.build.entry_digests.get(entry.id) if entry else None, target))
        holder, shown = known
        return token if holder == doc.id else shown


def _in_a_file(token: str) -> bool:
    """``file.xml#id``: what it names depends on the pointing text's folder."""
    parts = pointer_parts(token)
    return bool(parts and parts[0])


def _draw_text(state: tuple[Build, dict[Path, DocData], dict], path: Path) -> DrawnText:
    """One reading page (in a worker): what the glossary quotes and the problems go back."""
    build, by_path, beside = state
    doc = by_path[path]
    body, notes, quoted, problems = render_document(path, doc, build.collected, build.tei_path(doc))
    tei_href = f"../tei/{build.tei_path(doc)}" if doc.published else ""
    previous, following = beside[path]
    build.draw(doc.url, "text.html", doc=doc, body=body, notes=notes, tei_href=tei_href, downloads=DOWNLOADS,
               previous=previous, following=following, citation=citation_of(doc, build.collected))
    return DrawnText(pack(list(quoted.items())), problems)


def citation_of(doc: DocData, collected: Collected) -> Citation | None:
    """The text's citation, with its address when the edition's configuration gives the site's."""
    return doc.citation and replace(doc.citation, base_url=collected.base_url)


def render_document(path: Path, doc: DocData, collected: Collected, tei_path: str = ""):
    """The reading text, its apparatus, and its translation notes as the glossary quotes them.

    A pure function of one file and the collected data: ``(body, {layer: [notes]},
    {(document, note anchor): note}, diagnostics)``, the HTML as Markup.
    """
    tree = prepare(read_xml(path))
    text = text_root(tree)
    context = Context(collected, doc, tei_path=tei_path)  # tei_path: where local images are
    context.noted = {pointer.lstrip("#") for note in text.iter(qn("tei:note"))
                     for pointer in (note.get("target") or "").split()}
    root = etree.Element("div")
    for part in text:
        if local_name(part) in ("front", "body", "back"):
            render_node(part, root, context)
    layers: dict[str, list[str]] = {"notes": [], "translation": []}
    for note in context.notes:
        holder = etree.Element("ol")
        apparatus_entry(note, holder, context)
        layers[note.get("site-layer")].append(Markup(to_html(holder[0])))
    layers["apparatus"], layers["witnesses"] = critical_apparatus(text, context)
    quoted = {}
    glossary_context = Context(collected, doc, prefix="", inline=True, with_ids=False, own_page=False,
                               noted=context.noted)
    for note in context.notes:
        if note.get(LAYER) == "translation":
            holder = etree.Element("span")
            render_children(note, holder, glossary_context)
            quoted[(doc.id, note.get(ANCHOR))] = Markup(to_html(holder, inner=True))
    problems = [warning(path, context.unknown_lines[name], 0, "unknown-element",
                        f"<{name}> has no rendering rule ({count}×); shown as plain text in a span",
                        element=name) for name, count in sorted(context.unknown.items())]
    del tree
    return Markup(to_html(root, inner=True)), layers, quoted, problems
