"""The validation cache: a warm run gives exactly what a cold run gives, whatever changed between.

Each test validates a copy of the fixture editions (valid and invalid, so that every rule reports)
whose xml-model instructions name a copy of the edition's schemas, changes one kind of input, and
compares the cached result with a run without the cache.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import time
from pathlib import Path

import pytest

import edition.validation as validation
import edition.validation.cache as validation_cache
from edition.project import EDITION_RNG, EDITION_SCH
from edition.validation import validate_paths
from edition.validation.crossrefs import Facts

ROOT = Path(__file__).resolve().parents[1] / "roots" / "validation"
CROSS_DOCUMENT = {"id-unique", "ref-resolves", "ref-kind", "register-unreferenced", "url-scheme"}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    schema = tmp_path / "schema"
    schema.mkdir()
    shutil.copy(EDITION_RNG, schema / "edition.rng")
    shutil.copy(EDITION_SCH, schema / "edition.sch")
    shutil.copytree(ROOT, tmp_path / "validation")
    for path in (tmp_path / "validation").rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('href="../../../../../schema/', f'href="{schema.as_posix()}/'),
                        encoding="utf-8")
    return tmp_path


def both(paths: list[Path]):
    """(warm, cold): the same validation with the cache and without."""
    return validate_paths(paths, cache=True), validate_paths(paths, cache=False)


def parses(monkeypatch) -> list[str]:
    """The files the validator parses from now on."""
    seen: list[str] = []
    real = validation.parse_bytes

    def counting(data, path, *args, **kwargs):
        seen.append(str(path))
        return real(data, path, *args, **kwargs)

    monkeypatch.setattr(validation, "parse_bytes", counting)
    return seen


def rules(diagnostics) -> set[str]:
    return {d.rule for d in diagnostics}


def test_a_second_run_reads_nothing_again_and_reports_the_same(corpus, monkeypatch):
    tree = [corpus / "validation"]
    first = validate_paths(tree, cache=True)
    assert {"rng", "id-unique", "ref-resolves", "ref-kind", "date-exists"} <= rules(first)
    seen = parses(monkeypatch)
    assert validate_paths(tree, cache=True) == first
    # Only to find again where a cross-document problem stands: the rules across files run anew.
    across = {Path(d.path).resolve() for d in first if d.rule in CROSS_DOCUMENT}
    assert {Path(path).resolve() for path in seen} <= across
    assert len(seen) < len(list(tree[0].rglob("*.xml"))) / 2


def test_an_edited_file_is_checked_again(corpus, monkeypatch):
    tree = [corpus / "validation"]
    validate_paths(tree, cache=True)
    text = corpus / "validation" / "edition" / "texts" / "names.xml"
    text.write_text(text.read_text(encoding="utf-8").replace('xml:id="', 'xml:id="x', 1), encoding="utf-8")
    seen = parses(monkeypatch)
    warm = validate_paths(tree, cache=True)
    assert "validation/edition/texts/names.xml" in seen
    assert "validation/edition/texts/header.xml" not in seen  # unchanged
    assert warm == validate_paths(tree, cache=False)


def test_a_changed_schema_checks_every_file_naming_it_again(corpus):
    tree = [corpus / "validation"]
    before = validate_paths(tree, cache=True)
    schematron = corpus / "schema" / "edition.sch"
    # The coordinates rule now asks every register entry for them (the edition's files name this copy).
    schematron.write_text(schematron.read_text(encoding="utf-8").replace(
        'id="place-geo" role="warning" test="', 'id="place-geo" role="warning" test="false() and '),
        encoding="utf-8")
    warm, cold = both(tree)
    assert warm == cold
    assert len([d for d in warm if d.rule == "place-geo"]) > len([d for d in before if d.rule == "place-geo"])


def test_a_schema_that_disappears_is_noticed(corpus):
    tree = [corpus / "validation" / "edition"]
    validate_paths(tree, cache=True)
    (corpus / "schema" / "edition.rng").unlink()
    warm, cold = both(tree)
    assert warm == cold
    assert "xml-model" in rules(warm)


def test_a_changed_register_changes_the_results_of_unchanged_texts(corpus):
    """One text validated alone: the registers are read for context, from the cache when unchanged.
    (Without xml-model: the cross-document rules are those of the edition's own schema.)"""
    for path in (corpus / "validation" / "edition").rglob("*.xml"):
        path.write_text(re.sub(r"<\?xml-model[^>]*\?>\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    text = [corpus / "validation" / "edition" / "texts" / "names.xml"]
    assert validate_paths(text, cache=True) == validate_paths(text, cache=True) == []
    persons = corpus / "validation" / "edition" / "registers" / "persons.xml"
    content = persons.read_text(encoding="utf-8")
    first_id = content.split('<person xml:id="', 1)[1].split('"', 1)[0]
    persons.write_text(content.replace(f'<person xml:id="{first_id}"', f'<person xml:id="{first_id}-gone"', 1),
                       encoding="utf-8")
    warm, cold = both(text)
    assert warm == cold
    assert "ref-resolves" in rules(warm)


def test_options_are_part_of_the_key(corpus):
    tree = [corpus / "validation" / "invalid"]
    validate_paths(tree, cache=True)
    assert validate_paths(tree, schema="edition", cache=True) == validate_paths(tree, schema="edition", cache=False)
    other = corpus / "schema" / "edition.rng"
    assert validate_paths(tree, schema=str(other), cache=True) == validate_paths(tree, schema=str(other), cache=False)


def test_a_cache_that_cannot_be_written_changes_nothing(corpus, monkeypatch):
    blocker = corpus / "blocker"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("TEI_EDITION_CACHE", str(blocker))
    tree = [corpus / "validation"]
    assert validate_paths(tree, cache=True) == validate_paths(tree, cache=False)


def test_a_corrupt_cache_entry_is_a_miss(corpus):
    tree = [corpus / "validation"]
    cold = validate_paths(tree, cache=True)
    for entry in (corpus / "cache" / "validate").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert validate_paths(tree, cache=True) == cold


def test_files_changed_long_ago_are_not_even_read_again(corpus, monkeypatch):
    tree = [corpus / "validation"]
    long_ago = time.time() - 3600
    for path in tree[0].rglob("*.xml"):
        os.utime(path, (long_ago, long_ago))
    first = validate_paths(tree, cache=True)
    digested: list[Path] = []
    real = validation_cache._file_digest
    monkeypatch.setattr(validation_cache, "_file_digest", lambda path: digested.append(path) or real(path))
    assert validate_paths(tree, cache=True) == first
    assert digested == []


def test_a_rewrite_that_keeps_size_and_time_is_still_seen_when_recent(corpus):
    """Edited within the clock's tick (same size, same time): the bytes decide, not the time."""
    tree = [corpus / "validation" / "edition"]
    text = corpus / "validation" / "edition" / "texts" / "names.xml"
    before = text.stat()
    first = validate_paths(tree, cache=True)
    content = text.read_text(encoding="utf-8")
    identifier = content.split('xml:id="', 2)[2].split('"', 1)[0]
    text.write_text(content.replace(f'xml:id="{identifier}"', f'xml:id="{identifier[::-1]}"', 1), encoding="utf-8")
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert text.stat().st_size == before.st_size
    warm, cold = both(tree)
    assert warm == cold != first


@pytest.mark.parametrize("identifiers, pointers", [
    ([], [[] for _ in range(10)]),
    ([""], [[""], [], ["#a #b", "", "https://example.org/x#y"]]),
    (["t-1", "t-2", "t-1"], [["#t-1"] * 3, ["ünï cödé", "#ё"]]),
])
def test_facts_come_back_from_the_cache_as_they_went_in(identifiers, pointers):
    """Kept joined in the cache and split when first asked: empty lists and empty values survive."""
    facts = Facts(Path("texts/a.xml"), "texts/a.xml", True, identifiers, {"t-1": "person"}, pointers)
    back = pickle.loads(pickle.dumps(facts))
    assert back.pointers == pointers and back.identifiers == identifiers
    assert back == facts
    assert pickle.loads(pickle.dumps(back)) == facts  # again, once split


def test_records_no_run_uses_are_removed_at_most_once_a_day(corpus):
    edition = corpus / "validation" / "edition"
    validate_paths([edition], cache=True)
    folder = validation_cache.cache_root() / "validate"
    records = set(folder.glob("*/*.pickle"))
    month_ago, two_days_ago = time.time() - 40 * 86400, time.time() - 2 * 86400
    for record in records:
        os.utime(record, (month_ago, month_ago))
    os.utime(folder / "pruned", (two_days_ago, two_days_ago))
    renamed = edition / "texts" / "names.xml"
    gone = validation_cache.ValidationCache((str(None), False, validation.EDITION_RULES))._slot("checked", renamed, validation._display(renamed))
    assert gone in records
    renamed.rename(renamed.with_name("names-renamed.xml"))

    warm, cold = both([edition])
    assert warm == cold
    assert not gone.exists()  # its file is gone: nothing used it
    kept = records - {gone}
    assert kept and all(record.exists() and record.stat().st_mtime > two_days_ago for record in kept)  # used: touched

    stray = folder / "00" / "stray.pickle"  # pruned a moment ago: not again today
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"")
    os.utime(stray, (month_ago, month_ago))
    validate_paths([edition], cache=True)
    assert stray.exists()


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_what_jing_found_is_remembered_and_an_unchanged_file_is_not_given_to_it_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_EDITION_CACHE", str(tmp_path / "cache"))
    grammar = tmp_path / "mine.rng"
    grammar.write_text(EDITION_RNG.read_text(encoding="utf-8") + "\n")  # a grammar of the user's: jing checks it
    (tmp_path / "texts").mkdir()
    shutil.copy(ROOT / "edition" / "texts" / "names.xml", tmp_path / "texts" / "good.xml")
    (tmp_path / "texts" / "bad.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><unknown/></TEI>')
    given = []
    real = validation.grammar.validate_with_jing

    def recording(schema, paths, *args, **kwargs):
        given.extend(paths)
        return real(schema, paths, *args, **kwargs)

    monkeypatch.setattr(validation.grammar, "validate_with_jing", recording)
    first = validate_paths([tmp_path / "texts"], schema=str(grammar), cache=True)
    assert len(given) == 2 and any(d.rule == "rng" and "bad.xml" in d.path for d in first)
    assert validate_paths([tmp_path / "texts"], schema=str(grammar), cache=True) == first
    assert len(given) == 2, "jing was given an unchanged file again"
    (tmp_path / "texts" / "bad.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><other/></TEI>')
    third = validate_paths([tmp_path / "texts"], schema=str(grammar), cache=True)
    assert [Path(p).name for p in given[2:]] == ["bad.xml"] and third != first
