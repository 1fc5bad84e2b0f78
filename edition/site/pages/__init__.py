"""The write stage: every page of the site, drawn through Jinja2 templates (autoescape on).

One module per kind of page; ``KINDS`` lists them once, in the order the build writes them, and
the site's navigation (``base.html``) is drawn from the same list. A kind that reads what another
writes comes after it: the glossary quotes the notes the texts' pages rendered.

    home.py         the home page: what the edition holds, its texts a page at a time
    text.py         a reading page per text (render_document), drawn by the worker pool
    register.py     each register's index and a page per entry
    chronology.py   the chronology and a page per busy year
    letters.py      the letters by correspondent and year, and their CMIF file (only with letters)
    glossary.py     the glossary of translation notes and a page per term explained in many texts
    search_page.py  the search page
    about.py        the About page: what the texts' headers say of the edition, how to cite it
    build.py        what they share: the build's context, the kinds' shape, writing a page, the CSP
    listing.py      lists cut into pages; geometry.py: the map and the timeline
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from edition.diagnostics import Diagnostic
from edition.site.cache import BuildCache
from edition.site.collect import Collected
from edition.site.fonts import copy_fonts
from edition.site.pages.about import About
from edition.site.pages import maps
from edition.site.pages.build import CSP, STATIC, Build, PageKind, Progress
from edition.site.pages.chronology import Chronology
from edition.site.pages.glossary import Glossary
from edition.site.pages.home import Home
from edition.site.pages.letters import Letters
from edition.site.pages.register import Registers
from edition.site.pages.search_page import Search
from edition.site.pages.text import Texts
from edition.site.records import SourceRecord
from edition.site.render.facsimile import iiif_origin

KINDS: list[PageKind] = [Home(), Texts(), Registers(), Chronology(), Letters(), Glossary(), Search(), About()]


def write_site(collected: Collected, records: dict[Path, SourceRecord], images: list[Path], source: Path,
               root: Path, cache: BuildCache, progress: Progress, diagnostics: list[Diagnostic],
               while_texts_draw: Callable[[], None] | None = None) -> int:
    """Every page of every kind into ``root``, from the collected data, each source file's record
    and the images under ``source`` (``discover.image_files``); how many pages. ``while_texts_draw`` runs in this process while the workers draw the texts."""
    shutil.copytree(STATIC, root / "static")
    copy_fonts(root / "static")
    maps.publish(root)
    navigation = [link for kind in KINDS for link in kind.navigation(collected)]
    cache.frame(repr(navigation))
    build = Build(collected, records, images, source, root, cache, navigation, progress, diagnostics,
                  while_texts_draw)
    tiles = maps.configured_tiles()
    if tiles is not None:
        build.env.globals.update(map_tiles=tiles)
    # the hosts the edition opted in to (a tile server, an IIIF image server): the only other hosts
    others = sorted({tiles.origin if tiles else "", iiif_origin(collected.iiif_base)} - {""})
    if others:
        build.env.globals.update(csp=CSP.replace("img-src 'self'", " ".join(["img-src 'self'", *others])),
                                 other_hosts=others)
    for kind in KINDS:
        kind.write(build)
    return build.pages
