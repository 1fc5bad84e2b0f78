"""Fixtures of the tagger's tests: taggers compiled once from the small fixture register."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.registers import load_registers
from edition.tagger.tagger import Tagger

DATA = Path(__file__).resolve().parents[1] / "data" / "tagger"
FIXTURE_REGISTERS = DATA / "registers"
EDITION_REGISTERS = Path(__file__).resolve().parents[2] / "tei" / "registers"


@pytest.fixture(scope="session")
def fixture_registers():
    return load_registers(FIXTURE_REGISTERS)


@pytest.fixture(scope="session")
def taggers(fixture_registers):
    return {lang: Tagger(fixture_registers, lang) for lang in ("ru", "en", "it")}


def tagged(tagger: Tagger, text: str) -> list[tuple[str, str, str]]:
    """(words, kind, register id or date value) of every mention, in order."""
    from edition.tagger.evaluation import value_of

    [mentions] = tagger.tag_texts([text])
    return [(m.text, m.kind, value_of(m)) for m in mentions]
