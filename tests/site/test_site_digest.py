"""The edition's site, byte for byte, against the digest of every file stored in
tests/data/edition-site.sha256: a change that alters the published output without meaning to
fails here, naming the files that changed. When the change is meant, record the new output with
``python3 scripts/update_site_digest.py`` and commit the file with the change.

The search indexer's files (``pagefind*/``) are compared only when the installed Pagefind is the
one the digest was made with: their bytes depend on its version.
"""

from __future__ import annotations

from .conftest import REPOSITORY, site_digest


def test_the_edition_site_is_the_recorded_one(edition_site):
    indexer, stored = site_digest.read_stored()
    built = site_digest.site_digests(edition_site[0])
    changes = site_digest.differences(stored, built, compare_pagefind=indexer == site_digest.pagefind_version())
    assert not changes, (
        f"the edition's site differs from {site_digest.STORED.relative_to(REPOSITORY)} in "
        f"{len(changes)} files:\n  " + "\n  ".join(changes[:40]) + ("\n  …" if len(changes) > 40 else "")
        + "\nIf the change is intended, record the new output: python3 scripts/update_site_digest.py")


def test_the_recorded_digest_covers_the_pages_and_the_search_index():
    indexer, stored = site_digest.read_stored()
    assert indexer.startswith("pagefind==")
    assert {"index.html", "search.html", "static/edition.css"} <= stored.keys()
    assert any(site_digest.from_pagefind(name) for name in stored)
    assert all(len(digest) == 64 for digest in stored.values())


def test_a_changed_added_or_removed_file_is_named():
    stored = {"index.html": "a" * 64, "gone.html": "b" * 64, "pagefind-en/x.pf": "c" * 64}
    built = {"index.html": "d" * 64, "new.html": "e" * 64, "pagefind-en/x.pf": "f" * 64}
    assert site_digest.differences(stored, built, compare_pagefind=False) == [
        "removed: gone.html", "changed: index.html", "added: new.html"]
    assert "changed: pagefind-en/x.pf" in site_digest.differences(stored, built, compare_pagefind=True)
