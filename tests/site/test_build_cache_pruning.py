"""The build's cache does not grow for ever: the cache of an output folder that is gone, or that
no build used for a month, is removed, at most once a day, and the running build's is kept."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from edition.site.cache import cache_folder
from edition.site.pipeline import build_site

ROOTS = Path(__file__).resolve().parents[1] / "roots"
MONTH_AGO, TWO_DAYS_AGO = time.time() - 40 * 86400, time.time() - 2 * 86400


def test_the_caches_of_folders_gone_or_unused_for_a_month_are_removed_once_a_day(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    source = ROOTS / "site-basic"
    kept, deleted, unused = (tmp_path / name / "_site" for name in ("kept", "deleted", "unused"))
    for out in (kept, deleted, unused):
        build_site(source, out, search_index=False)
        assert (cache_folder(out) / "manifest.pickle").is_file()
    shutil.rmtree(deleted)
    os.utime(cache_folder(unused) / "manifest.pickle", (MONTH_AGO, MONTH_AGO))
    old_kept = cache_folder(kept) / "manifest.pickle"
    os.utime(old_kept, (MONTH_AGO, MONTH_AGO))  # the running build's own: kept, and written anew
    marker = tmp_path / "cache" / "builds-pruned"
    os.utime(marker, (TWO_DAYS_AGO, TWO_DAYS_AGO))
    validation = tmp_path / "cache" / "validate"
    validation.mkdir()  # not a build's cache: left to validation's own pruning

    build_site(source, kept, search_index=False)
    assert not cache_folder(deleted).exists() and not cache_folder(unused).exists()
    assert old_kept.is_file() and time.time() - old_kept.stat().st_mtime < 3600
    assert unused.is_dir() and validation.is_dir()

    build_site(source, deleted, search_index=False)  # pruned a moment ago: not again today
    shutil.rmtree(deleted)
    build_site(source, kept, search_index=False)
    assert cache_folder(deleted).is_dir()


def test_a_cache_of_another_format_goes_by_its_age_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    fresh, stale = tmp_path / "cache" / "0", tmp_path / "cache" / "1"
    for folder in (fresh, stale):
        folder.mkdir(parents=True)
        (folder / "manifest.pickle").write_bytes(b"not a pickle")
    os.utime(stale / "manifest.pickle", (MONTH_AGO, MONTH_AGO))
    build_site(ROOTS / "site-basic", tmp_path / "_site", search_index=False)
    assert fresh.is_dir() and not stale.exists()
