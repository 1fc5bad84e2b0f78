"""What a built page may contain, checked the way a browser reads it (``html.parser``).

Used by the output-attack and property tests: every start tag and attribute of every page, URL
attributes normalised as browsers do before reading the scheme.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                  "cite", "longdesc", "manifest", "ping", "srcset", "codebase", "archive"}
SAFE_SCHEMES = {"http", "https", "mailto"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "math", "portal",
                  "video", "audio", "source", "textarea", "noscript", "template", "xmp", "plaintext"}
_CONTROLS = re.compile(r"[\x00-\x20\x7f]+")


@dataclass
class Page:
    path: Path
    relative: str
    tags: list[tuple[str, list[tuple[str, str | None]]]] = field(default_factory=list)
    script_text: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Collector(html.parser.HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.page.tags.append((tag, attrs))
        self.in_script = tag == "script"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        (self.page.script_text if self.in_script else self.page.text).append(data)


def read_pages(site: Path) -> list[Page]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        page = Page(path, path.relative_to(site).as_posix())
        collector = _Collector(page)
        collector.feed(path.read_text(encoding="utf-8"))
        collector.close()
        pages.append(page)
    return pages


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: controls and spaces removed, case folded."""
    cleaned = _CONTROLS.sub("", url).replace("\\", "/")
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def problems_in(site: Path, pages: list[Page] | None = None, static_prefix: str = "static/") -> list[str]:
    """Everything on the built pages that data could have smuggled in; empty when safe."""
    found = []
    for page in pages if pages is not None else read_pages(site):
        where = page.relative
        for tag, attrs in page.tags:
            if tag in FORBIDDEN_TAGS:
                found.append(f"{where}: <{tag}> element")
            names = [name for name, _ in attrs]
            if len(names) != len(set(names)):
                found.append(f"{where}: <{tag}> with a repeated attribute {names}")
            for name, value in attrs:
                value = value or ""
                if name.startswith("on"):
                    found.append(f"{where}: event handler {name}={value!r} on <{tag}>")
                if name in ("style", "srcdoc", "formaction", "http-equiv") and not (
                        name == "http-equiv" and value.lower() == "content-security-policy"):
                    found.append(f"{where}: {name}={value!r} on <{tag}>")
                if name in URL_ATTRIBUTES:
                    found.extend(f"{where}: <{tag} {name}={value!r}> {why}" for why in _url_problems(where, value))
            if tag == "script":
                source = dict(attrs).get("src") or ""
                if not source or _escapes(where, source) or static_prefix not in source:
                    found.append(f"{where}: <script src={source!r}> not one of the site's own scripts")
        if any(chunk.strip() for chunk in page.script_text):
            found.append(f"{where}: inline script text {''.join(page.script_text)[:80]!r}")
    return found


def _url_problems(page: str, url: str) -> list[str]:
    scheme = scheme_of(url)
    if scheme is not None:
        return [] if scheme in SAFE_SCHEMES else [f"has the scheme {scheme}:"]
    stripped = _CONTROLS.sub("", url).replace("\\", "/")
    if stripped.startswith("//"):
        return ["is protocol-relative (another host)"]
    return ["leaves the site"] if _escapes(page, url) else []


def _escapes(page: str, url: str) -> bool:
    """True when a relative URL, resolved from ``page``, points above the site's root."""
    resolved = urlsplit(urljoin(f"http://site.invalid/root/{page}", url))
    return resolved.netloc != "site.invalid" or not resolved.path.startswith("/root/")


def vocabulary(pages: list[Page]) -> tuple[set[str], set[str]]:
    """The element and attribute names the pages use (those of a benign build: the templates')."""
    tags, attributes = set(), set()
    for page in pages:
        for tag, attrs in page.tags:
            tags.add(tag)
            attributes.update(name for name, _ in attrs)
    return tags, attributes


def csp_of(page: Page) -> str | None:
    for tag, attrs in page.tags:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            return values.get("content")
    return None
