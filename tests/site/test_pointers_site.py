"""Mentions whose @ref is ``file.xml#id``, a prefix a ``prefixDef`` declares (``pmb:11``) or an
authority URI an entry's ``idno`` holds link to that entry's page, which lists them
(tests/roots/pointers)."""

from __future__ import annotations

from lxml import html

from edition.site import pipeline

from .conftest import ROOTS

ROOT = ROOTS / "pointers"


def test_every_kind_of_pointer_links_the_mention_to_its_entry(tmp_path):
    out = tmp_path / "site"
    report = pipeline.build_site(ROOT, out, search_index=False)
    assert not [d for d in report.diagnostics if d.rule == "dangling-ref"], report.diagnostics
    page = html.parse(str(out / "texts" / "letter.html"))
    links = {a.text_content(): a.get("href") for a in page.iter("a") if "mention" in (a.get("class") or "")}
    assert links == {
        "Arthur": "../persons/pmb11.html",  # pmb:11, by the header's prefixDef
        "Goethe": "../persons/goethe.html",  # the GND URI of an idno with a trailing slash
        "den Geheimrat": "../persons/goethe.html",  # Wikidata: http for https, a slash more
        "Kraus": "../persons/kraus.html",  # ../registers/persons.xml#kraus
        "Bahr": "../persons/bahr.html",  # VIAF
    }
    goethe = html.parse(str(out / "persons" / "goethe.html"))
    mentions = [a.get("href") for a in goethe.iter("a") if "letter.html#" in (a.get("href") or "")]
    assert len(set(mentions)) == 2, mentions
