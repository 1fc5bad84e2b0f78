"""Facsimiles: page breaks, their page images (``pb/@facs``, ``facsimile/surface/graphic``), and
images in the text (``graphic``).

An image is shown only when it is a local file: one beside the TEI file, which the build copies
into the site with the TEI (``discover.image_files``), so the page asks no other host for anything.
Any other image is named (an external one by a link, which requests nothing until followed), and a
page break stays a page-break marker.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from edition.site.discover import IMAGE_SUFFIXES
from edition.site.render import Context, append_text, handles, html
from edition.site.urls import external_url
from edition.tei import XML_ID, local_name, qn


def local_image(url: str | None, context: Context) -> str:
    """The page's ``src`` for an image beside the TEI file (``img/p1.jpg``), else ``""``.

    Only a relative path that stays inside the TEI file's folder and names a raster image file
    that exists: an SVG can hold scripts, a path with ``..`` may leave the source folder.
    """
    if not url or not context.tei_path or urlsplit(url).scheme or url.startswith(("/", "#")):
        return ""
    relative = posixpath.normpath(url.replace("\\", "/"))
    if relative.startswith("..") or posixpath.splitext(relative)[1].lower() not in IMAGE_SUFFIXES:
        return ""
    if not (context.doc.path.parent / relative).is_file():
        return ""
    folder = posixpath.dirname(context.tei_path)
    return f"{context.prefix}tei/{posixpath.join(folder, relative) if folder else relative}"


def facsimile_url(pointer: str, element, context: Context) -> str:
    """The image a ``@facs`` names: a ``surface``'s or ``zone``'s first graphic, or a URL itself."""
    if not pointer.startswith("#"):
        return pointer
    targets = context.memo.get("facs-targets")
    if targets is None:
        targets = context.memo["facs-targets"] = {
            e.get(XML_ID): e for e in element.getroottree().iter(qn("tei:surface"), qn("tei:zone"), qn("tei:graphic"))
            if e.get(XML_ID)}
    target = targets.get(pointer[1:])
    while target is not None:
        if local_name(target) == "graphic":
            return target.get("url", "")
        graphic = target.find(qn("tei:graphic"))
        if graphic is not None:
            return graphic.get("url", "")
        target = target.getparent() if local_name(target) == "zone" else None
    return ""


@handles("pb")
def page_break(element, parent, context):
    """A marker ``|n``; with a local page image, the image beside the text from here on."""
    n = element.get("n") or ""
    facs = [facsimile_url(p, element, context) for p in (element.get("facs") or "").split()]
    facs = [url for url in facs if url]
    marker = html(parent, "span", "pb", title=f"page {n}" if n else "page break")
    marker.text = f"|{n}"
    marker.set("aria-hidden", "true")
    src = next(filter(None, (local_image(url, context) for url in facs)), "")
    if src:
        link = html(parent, "a", "facs", href=src)
        image = html(link, "img", src=src, alt=f"Facsimile of page {n}" if n else "Facsimile of the page",
                     loading="lazy")
        image.set("decoding", "async")
    elif facs:
        marker.set("title", f"{marker.get('title')}; facsimile {facs[0]} (not a local file: not shown)")
    return marker


@handles("graphic", "media")
def graphic(element, parent, context):
    """A local image is shown; any other is named, an external one with a link (nothing is loaded)."""
    url = element.get("url", "")
    description = element.find(qn("tei:desc"))
    alt = " ".join("".join(description.itertext()).split()) if description is not None else ""
    src = local_image(url, context)
    if src:
        if not alt:
            return html(parent, "img", "graphic", src=src, alt="", loading="lazy")
        holder = html(parent, "span", "graphic")
        html(holder, "img", src=src, alt="", loading="lazy")  # described beside it, in words all can read
        html(holder, "span", "graphic-desc").text = alt
        return holder
    link = external_url(url)
    name = posixpath.basename(urlsplit(url).path) or url or "no file named"
    holder = html(parent, "a" if link and not context.in_link else "span", "graphic", href=link or "",
                  rel="external noopener noreferrer" if link else "")
    append_text(holder, f"Image: {name}")
    if alt:
        append_text(holder, f" ({alt})")
    return holder
