"""Facsimiles: page breaks, their page images (``pb/@facs``, ``facsimile/surface/graphic/zone``),
and images in the text (``graphic``).

An image is shown when it is a local file: one beside the TEI file, which the build copies into
the site with the TEI (``discover.image_files``). With an IIIF image server configured
(``facsimile.iiif_base`` in edition.toml), an image is also shown when it is an IIIF identifier
(``ms1-p3``: not a local file, no scheme) or a URL on that server's host: the page asks that one
host, and the pages' Content-Security-Policy names it (``iiif_origin``). Any other image is named
(an external one by a link, which requests nothing until followed), and a page break stays a
page-break marker.
"""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from edition.links import scheme_of
from edition.site.discover import IMAGE_SUFFIXES
from edition.site.render import Context, append_text, handles, html
from edition.site.urls import external_url
from edition.tei import XML_ID, local_name, qn

IIIF_SIDE_SIZE = "!1000,1000"
"""The page image beside the text (IIIF Image API 2 and 3): fits a 1000-pixel square, sharp in a
column on any screen without fetching the whole scan, and never larger than the region (API 3)."""
IIIF_FULL_SIZE = "max"
"""The image a page image links to (the whole page, a zone's too): the largest the server gives
(API 2.1 and 3)."""


@dataclass(frozen=True)
class PageImage:
    src: str  # what the page shows
    href: str  # the whole image, when the reader follows the picture


def iiif_origin(base: str | None) -> str:
    """The host of a configured IIIF base, ``https://images.example.org`` ("" when none is
    configured): the one other host a page may load images from. ValueError when it is no http(s)
    URL with a host."""
    if not base:
        return ""
    parts = urlsplit(base.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or parts.username or parts.password:
        raise ValueError(f"facsimile.iiif_base = {base!r} should be the http(s) address of an IIIF Image API "
                         "service, e.g. https://images.example.org/iiif")
    return _origin(base)


def _origin(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}".lower()


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


def iiif_image(url: str | None, base: str | None, region: str = "full") -> PageImage | None:
    """The image an IIIF server at ``base`` serves for ``url``, or ``None`` (no base, another host).

    An identifier (``ms1-p3``; a ``/`` in it is escaped, as the API asks) becomes
    ``{base}/{identifier}/{region}/{size}/0/default.jpg``, linked to the whole page; so does an
    image's base URI on the server (``{base}/{identifier}``, or its ``info.json``). Any other URL on
    the server's host is shown as it is (the region then cannot apply). A URL of another scheme or
    host is never loaded.
    """
    url = (url or "").strip()
    if not base or not url:
        return None
    base = base.strip().rstrip("/")
    if scheme_of(url) is not None:
        if scheme_of(url) not in ("http", "https") or _origin(url) != _origin(base):
            return None
        rest = url[len(base) + 1:] if url.startswith(base + "/") else ""
        rest = rest.removesuffix("/info.json")
        if not rest or "/" in rest or "?" in rest or "#" in rest:
            return PageImage(url, url)
        identifier = rest
    elif url.startswith(("/", "#", ".", "\\")):
        return None  # a path meant for this site, not an identifier
    else:
        identifier = url
    identifier = quote(unquote(identifier), safe="")

    def image(region: str, size: str) -> str:
        return f"{base}/{identifier}/{region}/{size}/0/default.jpg"

    return PageImage(image(region, IIIF_SIDE_SIZE), image("full", IIIF_FULL_SIZE))  # the zone, then its page


def page_image(url: str, context: Context, zone=None, iiif: bool = True) -> PageImage | None:
    """What a page break or a graphic shows of ``url``: a local file, else (unless ``iiif`` is
    false) an image of the configured IIIF server (the ``zone``'s region of it), else nothing."""
    src = local_image(url, context)
    if src:
        return PageImage(src, src)
    return iiif_image(url, context.collected.iiif_base, iiif_region(zone)) if iiif else None


def iiif_region(zone) -> str:
    """A ``zone``'s region (IIIF Image API): ``full`` when there is no zone or it has no extent;
    its box (``ulx``/``uly``/``lrx``/``lry``, else the corners of its ``points``) as percentages
    of its surface when the surface states its own extent, else in the image's pixels."""
    if zone is None:
        return "full"
    box = _box(zone)
    surface = next((s for s in zone.iterancestors(qn("tei:surface"))), None)
    extent = _box(surface) if surface is not None else None
    if box is None or box[2] <= box[0] or box[3] <= box[1]:
        return "full"
    x, y, right, bottom = box
    if extent is not None and extent[2] > extent[0] and extent[3] > extent[1]:
        left, top, width, height = extent[0], extent[1], extent[2] - extent[0], extent[3] - extent[1]
        return "pct:" + ",".join(_number(100 * v) for v in (
            (x - left) / width, (y - top) / height, (right - x) / width, (bottom - y) / height))
    return ",".join(str(round(v)) for v in (x, y, right - x, bottom - y))


def _box(element) -> tuple[float, float, float, float] | None:
    try:
        if all(element.get(a) is not None for a in ("ulx", "uly", "lrx", "lry")):
            points = [(float(element.get("ulx")), float(element.get("uly"))),
                      (float(element.get("lrx")), float(element.get("lry")))]
        else:
            points = [tuple(map(float, point.split(","))) for point in (element.get("points") or "").split()]
    except ValueError:
        return None
    if not points or any(len(point) != 2 or not all(map(math.isfinite, point)) for point in points):
        return None  # "nan" and "inf" are floats too
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _number(value: float) -> str:
    return f"{max(0.0, value):.2f}".rstrip("0").rstrip(".")


def facsimile_target(pointer: str, element, context: Context) -> tuple[str, object]:
    """The image a ``@facs`` names, and the zone of it (or ``None``): a ``surface``'s or ``zone``'s
    first graphic, or a URL itself."""
    if not pointer.startswith("#"):
        return pointer, None
    targets = context.memo.get("facs-targets")
    if targets is None:
        targets = context.memo["facs-targets"] = {
            e.get(XML_ID): e for e in element.getroottree().iter(qn("tei:surface"), qn("tei:zone"), qn("tei:graphic"))
            if e.get(XML_ID)}
    target = targets.get(pointer[1:])
    zone = target if target is not None and local_name(target) == "zone" else None
    while target is not None:
        if local_name(target) == "graphic":
            return target.get("url", ""), zone
        graphic = target.find(qn("tei:graphic"))
        if graphic is not None:
            return graphic.get("url", ""), zone
        target = target.getparent() if local_name(target) == "zone" else None
    return "", None


@handles("pb")
def page_break(element, parent, context):
    """A marker ``|n``; with a page image (a local file, or on the configured IIIF server), the
    image beside the text from here on, linked to the whole image."""
    n = element.get("n") or ""
    facs = [facsimile_target(p, element, context) for p in (element.get("facs") or "").split()]
    facs = [(url, zone) for url, zone in facs if url]
    marker = html(parent, "span", "pb", title=f"page {n}" if n else "page break")
    marker.text = f"|{n}"
    marker.set("aria-hidden", "true")
    shown = next(filter(None, (page_image(url, context, zone) for url, zone in facs)), None)
    if shown:
        link = html(parent, "a", "facs", href=shown.href)
        image = html(link, "img", src=shown.src, alt=f"Facsimile of page {n}" if n else "Facsimile of the page",
                     loading="lazy")
        image.set("decoding", "async")
    elif facs:
        marker.set("title", f"{marker.get('title')}; facsimile {facs[0][0]} (not a local file: not shown)")
    return marker


@handles("graphic", "media")
def graphic(element, parent, context):
    """A local image, or one of the configured IIIF server, is shown; any other is named, an
    external one with a link (nothing is loaded)."""
    url = element.get("url", "")
    description = element.find(qn("tei:desc"))
    alt = " ".join("".join(description.itertext()).split()) if description is not None else ""
    shown = page_image(url, context, iiif=local_name(element) == "graphic")  # a media file is no IIIF image
    if shown:
        holder = parent
        if shown.href != shown.src and not context.in_link:  # a smaller view of a larger image
            holder = html(parent, "a", "graphic-full", href=shown.href)
        if not alt:
            return html(holder, "img", "graphic", src=shown.src, alt="", loading="lazy")
        holder = html(holder, "span", "graphic")
        html(holder, "img", src=shown.src, alt="", loading="lazy")  # described beside it, in words all can read
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
