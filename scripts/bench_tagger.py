#!/usr/bin/env python3
"""Measure the tagger: precision, recall and F1 per kind and language on the development set,
agreement with the edition's hand-encoded texts, throughput in words per second, and Natasha's
Russian NER on the same persons and places.

    python scripts/bench_tagger.py [--set DIR] [--registers DIR] [--errors] [--no-natasha]

The set is ``DIR/dev_{ru,en,it}.txt`` (format: ``edition/tagger/evaluation.py``); each file is
tagged as one document, as ``tei-edition tag`` would. Strict: same span, kind and register id
(or ISO value); lenient: overlapping span, same kind and value.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from edition.tagger.evaluation import KINDS, Span, read_set, score, spans_of  # noqa: E402
from edition.tagger.tagger import LANGUAGES, Tagger  # noqa: E402

DEFAULT_SET = REPOSITORY / "tests" / "data" / "tagger"
DEFAULT_REGISTERS = REPOSITORY / "tei" / "registers"
SOURCES = REPOSITORY / "tei" / "sources"
SOURCE_LANGUAGES = {"000": "ru", "001": "en", "002": "it"}


def evaluate(set_dir: Path, registers: Path, languages=LANGUAGES) -> dict:
    """{lang: {"strict": {kind: Score}, "lenient": {...}, "examples", "predictions"}}."""
    results = {}
    for lang in languages:
        path = set_dir / f"dev_{lang}.txt"
        if not path.is_file():
            continue
        examples = read_set(path)
        tagger = Tagger.from_folder(registers, lang)
        found = tagger.tag_texts([e.text for e in examples])
        predictions = [spans_of(mentions) for mentions in found]
        results[lang] = {
            "strict": score(examples, predictions),
            "lenient": score(examples, predictions, lenient=True),
            "examples": examples,
            "predictions": predictions,
        }
    return results


def edition_agreement(registers: Path, texts: Path = REPOSITORY / "tei" / "texts") -> dict:
    """The tagger against the edition's own hand encoding of its texts (tags stripped, then re-found)."""
    from edition.tagger.evaluation import examples_from_tei
    from edition.xmlio import read_xml

    results = {}
    for path in sorted(texts.glob("*.xml")):
        lang = SOURCE_LANGUAGES.get(path.name[:3])
        if lang is None:
            continue
        examples = examples_from_tei(read_xml(path))
        found = Tagger.from_folder(registers, lang).tag_texts([e.text for e in examples])
        predictions = [spans_of(mentions) for mentions in found]
        results[lang] = {"strict": score(examples, predictions), "lenient": score(examples, predictions, lenient=True),
                         "file": path.name}
    return results


def throughput(registers: Path, rounds: int = 3) -> tuple[float, int]:
    """Words per second over the edition's three source texts (best of ``rounds``), compile excluded."""
    texts = []
    for path in sorted(SOURCES.glob("*.txt")):
        lang = SOURCE_LANGUAGES.get(path.name[:3])
        if lang:
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            texts.append((lang, lines))
    taggers = {lang: Tagger.from_folder(registers, lang) for lang, _ in texts}
    words = sum(len(line.split()) for _, lines in texts for line in lines)
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        for lang, lines in texts:
            taggers[lang].tag_texts(lines)
        best = min(best, time.perf_counter() - began)
    return words / best, words


def natasha_spans(texts: list[str]) -> list[list[Span]]:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    kinds = {"PER": "person", "LOC": "place"}
    result = []
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        result.append([Span(s.start, s.stop, kinds[s.type], "") for s in doc.spans if s.type in kinds])
    return result


def _row(label: str, s) -> str:
    return f"  {label:<8} P {s.precision:6.3f}  R {s.recall:6.3f}  F1 {s.f1:6.3f}   (tp {s.true_positives}, pred {s.predicted}, gold {s.gold})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--registers", type=Path, default=DEFAULT_REGISTERS)
    parser.add_argument("--errors", action="store_true", help="list every miss and false tag")
    parser.add_argument("--no-natasha", action="store_true")
    args = parser.parse_args(argv)

    results = evaluate(args.set, args.registers)
    for lang, result in results.items():
        print(f"{lang}: {len(result['examples'])} paragraphs")
        for mode in ("strict", "lenient"):
            print(f" {mode}")
            for kind in KINDS:
                print(_row(kind, result[mode][kind]))
        if args.errors:
            for kind in KINDS:
                for error in result["strict"][kind].errors:
                    print("   ", error)
    agreement = edition_agreement(args.registers)
    if agreement:
        print("agreement with the edition's hand encoding (tei/texts; the registers were built from these texts):")
        for lang, result in agreement.items():
            print(f"{lang}: {result['file']}")
            for mode in ("strict", "lenient"):
                print(f" {mode}")
                for kind in KINDS:
                    print(_row(kind, result[mode][kind]))
    rate, words = throughput(args.registers)
    print(f"throughput: {rate:,.0f} words/s (the three source texts, {words} words, registers compiled beforehand)")

    if not args.no_natasha and "ru" in results:
        examples = results["ru"]["examples"]
        ours = [[Span(s.start, s.end, s.kind, "") for s in spans] for spans in results["ru"]["predictions"]]
        gold = [type(e)(e.text, [Span(g.start, g.end, g.kind, "") for g in e.gold]) for e in examples]
        try:
            theirs = natasha_spans([e.text for e in examples])
        except ImportError as exc:
            print(f"natasha: not installed ({exc})")
            return 0
        print("ru persons and places, spans only (no register id), tagger vs Natasha (NewsNERTagger):")
        for mode, lenient in (("strict", False), ("lenient", True)):
            mine, natasha = score(gold, ours, lenient=lenient), score(gold, theirs, lenient=lenient)
            for kind in ("person", "place"):
                print(_row(f"{kind}", mine[kind]) + f"   [{mode}, tagger]")
                print(_row(f"{kind}", natasha[kind]) + f"   [{mode}, natasha]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
