"""Hostile TEI for the output tests: payloads, a text that carries them everywhere, an edition around it."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from html_audit import problems_in, read_pages, vocabulary

ROOT = Path(__file__).resolve().parents[1] / "roots" / "site-basic"
TEI_NS = "http://www.tei-c.org/ns/1.0"
SECRET = "SECRET-TOKEN-91c2"

MARKUP = [
    '<script>window.__xss=1</script>',
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=window.__xss=1>",
    '</p></div><iframe src="javascript:window.__xss=1"></iframe>',
    '<a href="javascript:window.__xss=1">click</a>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "</script><script>window.__xss=1</script>",
    "<!-- --><script>window.__xss=1</script>",
    "<![CDATA[<script>window.__xss=1</script>]]>",
    "{{ 'SSTI' ~ '-EVAL' }} {% if 1 %}SSTI{{ '-' }}BLOCK{% endif %} ${'SSTI' + '-JS'}",
    "\u202etxt.exe\u202c",
]
BAD_URLS = [
    "javascript:window.__xss=1", "JaVaScRiPt:window.__xss=1", " javascript:window.__xss=1",
    "java\tscript:window.__xss=1", "java\nscript:window.__xss=1", "\x85javascript:alert(1)", "\u00a0javascript:alert(1)",
    "jav&#x09;ascript:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==", "DATA:text/html,<script>x</script>",
    "vbscript:msgbox(1)", "VBScript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "\\\\evil.example\\x",
    "https:/\\evil.example", "../../../../etc/passwd", "/etc/passwd",
]


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def hostile_text(text: str, url: str, rend: str) -> bytes:
    """A text of the edition whose every text and attribute carries the payloads."""
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set("{http://www.w3.org/XML/1998/namespace}id", "hostile")
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    header = etree.SubElement(root, tei("teiHeader"))
    file_desc = etree.SubElement(header, tei("fileDesc"))
    title_stmt = etree.SubElement(file_desc, tei("titleStmt"))
    etree.SubElement(title_stmt, tei("title")).text = f"Title {text}"
    publication = etree.SubElement(file_desc, tei("publicationStmt"))
    etree.SubElement(publication, tei("publisher")).text = text
    idno = etree.SubElement(publication, tei("idno"), type="URI")
    idno.text = url
    source = etree.SubElement(file_desc, tei("sourceDesc"))
    bibl = etree.SubElement(source, tei("bibl"))
    etree.SubElement(bibl, tei("title")).text = text
    etree.SubElement(bibl, tei("ref"), target=url).text = f"source {text}"
    body = etree.SubElement(etree.SubElement(root, tei("text")), tei("body"))
    div = etree.SubElement(body, tei("div"), rend=rend, style=text)
    div.set("{http://www.w3.org/XML/1998/namespace}id", "hostile-d1")
    etree.SubElement(div, tei("head"), rend=rend).text = f"Head {text}"
    p = etree.SubElement(div, tei("p"), rend=rend, style=f"color:red;{text}", n=text)
    p.set("{http://www.w3.org/XML/1998/namespace}id", "hostile-p1")
    p.text = f"Before {text} "
    person = etree.SubElement(p, tei("persName"), ref="#trotsky", key=text)
    person.text = f"Trotsky {text}"
    person.tail = f" after {text} "
    etree.SubElement(p, tei("persName"), ref=url).text = "by a bad ref"
    etree.SubElement(p, tei("placeName"), ref=f"#{text}").text = "by a hostile id"
    etree.SubElement(p, tei("ref"), target=url, rend=rend).text = f"link {text}"
    etree.SubElement(p, tei("ptr"), target=url)
    etree.SubElement(p, tei("graphic"), url=url)
    etree.SubElement(p, tei("hi"), rend=rend, style=text).text = f"hi {text}"
    etree.SubElement(p, tei("date"), when=text).text = f"date {text}"
    etree.SubElement(p, tei("foreign"), attrib={"{http://www.w3.org/XML/1998/namespace}lang": text}).text = text
    seg = etree.SubElement(p, tei("seg"))
    seg.set("{http://www.w3.org/XML/1998/namespace}id", "hostile-s1")
    seg.text = f"seg {text}"
    note = etree.SubElement(p, tei("note"), type="editorial", target="#hostile-s1", n=text)
    note.text = f"note {text}"
    etree.SubElement(note, tei("ref"), target=url).text = f"note link {text}"
    unknown = etree.SubElement(p, tei("metamark"), rend=rend, function=text)
    unknown.text = f"unknown {text}"
    etree.SubElement(div, tei("ab"), type=text).text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def edition_with(tmp_path: Path, documents: dict[str, bytes]) -> Path:
    source = tmp_path / "tei"
    shutil.copytree(ROOT, source)
    for name, data in documents.items():
        (source / "texts" / name).write_bytes(data)
    return source


def assert_only_template_markup(site: Path, allowed: tuple[set[str], set[str]]) -> None:
    """No element, attribute or URL the templates did not make; no template run; no file read."""
    pages = read_pages(site)
    assert pages, "no page was built"
    problems = problems_in(site, pages)
    tags, attributes = vocabulary(pages)
    problems += [f"element <{t}> not made by any template" for t in sorted(tags - allowed[0])]
    problems += [f"attribute {a}= not made by any template" for a in sorted(attributes - allowed[1])]
    assert not problems, "\n".join(problems[:20])
    for page in pages:
        shown = " ".join(page.text)
        assert not any(f"SSTI-{m}" in shown for m in ("EVAL", "BLOCK", "JS")), f"{page.relative}: data was run as a template"
        assert SECRET not in shown, f"{page.relative}: a local file was read into the page"
