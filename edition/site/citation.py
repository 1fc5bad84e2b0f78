"""How to cite a text of the edition: read from its TEI header, never made up.

``read_citation`` gathers what the header says (title, editors and their roles, the
edition's series title, publisher, date, version, language); the reading page shows it formatted,
puts it in Highwire ``citation_*`` meta tags (what Zotero and Google Scholar read), and the build
writes it beside the page as BibTeX, RIS and CSL-JSON (``texts/<id>.bib``, ``.ris``, ``.csl.json``).

The version is the header's ``editionStmt/edition`` (its ``@n``, else its words), else the date of
the latest ``revisionDesc/change``. A site without a configured base URL does not know its own
address: the files then carry no URL, and the page adds the address the reader sees.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.registers import normalize_space
from edition.tei import lang_of, local_name, xpath

_HEADER = "/tei:TEI/tei:teiHeader/tei:fileDesc"
_TITLE_STMT = xpath(f"{_HEADER}/tei:titleStmt")
_SERIES = xpath(f"string({_HEADER}/tei:titleStmt/tei:title[@level='s'])")
_PUBLISHER = xpath(f"string({_HEADER}/tei:publicationStmt/tei:publisher)")
_PUBLISHED = xpath(f"{_HEADER}/tei:publicationStmt/tei:date")
_EDITION = xpath(f"{_HEADER}/tei:editionStmt/tei:edition")
_CHANGES = xpath("/tei:TEI/tei:teiHeader/tei:revisionDesc//tei:change/@when")
_NAMES = ("name", "persName", "orgName")
_DATE = re.compile(r"\d{4}(-\d\d)*$")
DOWNLOADS = {"bib": "BibTeX", "ris": "RIS", "csl.json": "CSL-JSON"}
"""The files written beside a reading page (``texts/<id>.<suffix>``) and what they are called."""


@dataclass(frozen=True)
class Contributor:
    name: str
    role: str  # the header's words: "editor", "TEI encoding, translation notes and editorial notes"
    is_editor: bool  # a titleStmt/editor, or a respStmt of editing (listed as editors in the files)


@dataclass(frozen=True)
class Citation:
    key: str  # the text's id: the BibTeX key and the CSL id
    title: str
    title_lang: str
    language: str
    series: str
    contributors: tuple[Contributor, ...]
    authors: tuple[str, ...]
    publisher: str
    date: str  # ISO, as the header gives it ("2026-11-22", "2026")
    version: str
    path: str  # of the page, from the site's root ("texts/struggle.html")
    base_url: str = ""  # the site's address, when configured

    @property
    def url(self) -> str:
        return f"{self.base_url.rstrip('/')}/{self.path}" if self.base_url else ""

    @property
    def year(self) -> str:
        return self.date[:4] if re.match(r"\d{4}", self.date) else ""

    @property
    def editors(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.contributors if c.is_editor)

    def text(self, with_url: bool = True) -> str:
        """The citation as a reader copies it (the page adds the day of access, and the address the
        reader sees when the edition's is not configured)."""
        parts = []
        if self.authors:
            parts.append(_join(self.authors).rstrip(".") + ".")
        parts.append(f"“{self.title}.”")
        edited = f"edited by {_join(self.editors)}" if self.editors else ""
        if self.series:
            parts.append(f"In {self.series}" + (f", {edited}." if edited else "."))
        elif edited:
            parts.append(f"{edited[0].upper()}{edited[1:]}.")
        version = self.version and ("Version of " if _DATE.match(self.version) else "Version ") + self.version
        parts.append(", ".join(filter(None, [version, self.publisher, self.year])) + ".")
        if self.url and with_url:
            parts.append(self.url + ".")
        return " ".join(p for p in parts if p != ".")

    def meta(self) -> list[tuple[str, str]]:
        """Highwire Press tags (Google Scholar's inclusion guidelines; Zotero's embedded metadata)."""
        tags = [("citation_title", self.title)]
        tags += [("citation_author", name) for name in self.authors]
        tags += [("citation_editor", c.name) for c in self.contributors]
        tags += [(name, value) for name, value in (
            ("citation_publication_date", self.date.replace("-", "/")), ("citation_publisher", self.publisher),
            ("citation_series_title", self.series), ("citation_inbook_title", self.series),
            ("citation_language", self.language), ("citation_public_url", self.url),
            ("citation_fulltext_html_url", self.url)) if value]
        return tags

    def bibtex(self) -> str:
        fields = [("title", self.title), ("editor", " and ".join(f"{{{_bib(n)}}}" for n in self.editors)),
                  ("author", " and ".join(f"{{{_bib(n)}}}" for n in self.authors)),
                  ("series", self.series), ("publisher", self.publisher), ("year", self.year),
                  ("date", self.date), ("version", self.version), ("language", self.language),
                  ("url", self.url), ("note", self._responsibility())]
        body = ",\n".join(f"  {name} = {{{value if name in ('editor', 'author') else _bib(value)}}}"
                          for name, value in fields if value)
        return f"@misc{{{_bib_key(self.key)},\n{body}\n}}\n"

    def ris(self) -> str:
        lines = [("TY", "ELEC"), ("TI", self.title)]
        lines += [("AU", name) for name in self.authors]
        lines += [("A2", name) for name in self.editors]  # the editors (RIS's secondary authors)
        lines += [("T2", self.series), ("PB", self.publisher), ("PY", self.year), ("DA", self.date.replace("-", "/")),
                  ("ET", self.version), ("LA", self.language), ("UR", self.url), ("N1", self._responsibility()),
                  ("ID", self.key)]
        return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines if value) + "ER  - \r\n"

    def csl(self) -> dict:
        item = {"id": self.key, "type": "webpage", "title": self.title, "container-title": self.series,
                "publisher": self.publisher, "version": self.version, "language": self.language, "URL": self.url,
                "author": [{"literal": name} for name in self.authors],
                "editor": [{"literal": name} for name in self.editors], "note": self._responsibility()}
        parts = [int(p) for p in re.findall(r"\d+", self.date)[:3]] if self.year else []
        if parts:
            item["issued"] = {"date-parts": [parts]}
        return {name: value for name, value in item.items() if value}

    def _responsibility(self) -> str:
        return "; ".join(f"{c.role}: {c.name}" for c in self.contributors if c.role)


def read_citation(tree: etree._ElementTree, key: str, title: str, title_lang: str, path: str,
                  base_url: str = "") -> Citation:
    """What the header of ``tree`` says about citing it (``title``: as the site shows it)."""
    contributors, authors = [], []
    for statement in _TITLE_STMT(tree)[:1]:
        for child in statement:
            name = local_name(child)
            if name == "author":
                authors.append(normalize_space("".join(child.itertext())))
            elif name == "editor":
                contributors.append(Contributor(normalize_space("".join(child.itertext())),
                                                child.get("role") or "editor", True))
            elif name == "respStmt":
                role = "; ".join(normalize_space("".join(r.itertext())) for r in child if local_name(r) == "resp")
                for who in child:
                    if local_name(who) in _NAMES:
                        contributors.append(Contributor(normalize_space("".join(who.itertext())), role,
                                                        _is_editing(role)))
    published = _PUBLISHED(tree)
    date = (published[0].get("when") or normalize_space("".join(published[0].itertext()))) if published else ""
    return Citation(key=key, title=title, title_lang=title_lang, language=lang_of(tree.getroot()),
                    series=normalize_space(_SERIES(tree)), contributors=tuple(c for c in contributors if c.name),
                    authors=tuple(a for a in authors if a), publisher=normalize_space(_PUBLISHER(tree)),
                    date=date, version=_version(tree), path=path, base_url=base_url)


def write_downloads(folder: Path, stem: str, citation: Citation) -> None:
    """``<stem>.bib``, ``<stem>.ris`` and ``<stem>.csl.json`` in ``folder``."""
    (folder / f"{stem}.bib").write_text(citation.bibtex(), encoding="utf-8")
    (folder / f"{stem}.ris").write_bytes(citation.ris().encode("utf-8"))
    (folder / f"{stem}.csl.json").write_text(json.dumps([citation.csl()], ensure_ascii=False, indent=1),
                                             encoding="utf-8")


def _version(tree: etree._ElementTree) -> str:
    for edition in _EDITION(tree):
        stated = edition.get("n") or normalize_space("".join(edition.itertext()))
        if stated:
            return stated
    changes = sorted(str(when) for when in _CHANGES(tree))
    return changes[-1] if changes else ""


def _is_editing(role: str) -> bool:
    return bool(re.search(r"\bedit|encod|annotat|transcri|notes\b", role, re.IGNORECASE))


def _join(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_BIB_SPECIAL = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                              "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"})


def _bib(value: str) -> str:
    return value.translate(_BIB_SPECIAL)


def _bib_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:.-]", "_", key) or "text"


def _one_line(value: str) -> str:
    return " ".join(value.split())
