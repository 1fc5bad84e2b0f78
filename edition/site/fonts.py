"""The reading face, self-hosted: Source Serif Pro (SIL Open Font License), Latin and Cyrillic.

The faces come from the PyPI package ``font-source-serif-pro`` as TrueType; each is converted to
WOFF2 once per machine (fontTools with Brotli, about a second a face) and kept in the toolkit's
cache, then copied into ``static/fonts/`` of every site beside the licence. The conversion changes
the container only (no subsetting), as the licence's reserved font name asks.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from edition.caching import cache_root, content_digest, write_record

FACES = {"regular": "SourceSerifPro-Regular.ttf", "bold": "SourceSerifPro-Bold.ttf",
         "italic": "SourceSerifPro-It.ttf"}
"""The site's name of a face (``static/fonts/<name>.woff2``, as edition.css asks) -> the package's file."""
LICENCE = "LICENSE.txt"


def package_folder() -> Path:
    import font_source_serif_pro

    return Path(font_source_serif_pro.font_directory)


def copy_fonts(static: Path) -> None:
    """Write ``static/fonts/<face>.woff2`` for every face, and the font's licence beside them."""
    source = package_folder()
    target = static / "fonts"
    target.mkdir(parents=True, exist_ok=True)
    for face, name in FACES.items():
        (target / f"{face}.woff2").write_bytes(woff2_of(source / name))
    shutil.copyfile(source / LICENCE, target / "OFL.txt")


def woff2_of(ttf: Path) -> bytes:
    """``ttf`` as WOFF2, from the cache when this machine converted the same bytes before."""
    data = ttf.read_bytes()
    cached = cache_root() / "fonts" / f"{content_digest(data)}.woff2"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    from fontTools.ttLib import woff2  # imported only when converting: it costs a build's start-up

    converted = io.BytesIO()
    woff2.compress(io.BytesIO(data), converted)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_record(cached, converted.getvalue())
    except OSError:
        pass  # an unwritable cache: converted again next time
    return converted.getvalue()
