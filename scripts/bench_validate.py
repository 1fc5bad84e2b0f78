#!/usr/bin/env python3
"""How long ``tei-edition validate`` takes, against jing on the same files in the same run.

    python scripts/bench_validate.py [--repeat 3] [--many 5000]

Wall and CPU times (user + system of the whole process tree) of whole commands, start-up
included, median of ``--repeat`` runs (the libxml2 run of tei_all once: it compiles the schema for
about 16 s); on a loaded machine the CPU times are the steadier figures:

1. the edition's tei/ with its own schema: ``tei-edition validate`` (grammar + Schematron +
   cross-document rules) against ``jing schema/edition.rng`` (grammar only);
2. ../shared/corpora/schnitzler-briefe with tei_all, cold: ``tei-edition validate --schema tei_all``
   with jing (the default when installed) and with libxml2 (``--engine lxml``), against ``jing``
   as a user runs it; both must report the same grammar errors (file, line, column). Also jing
   with the JVM options tei-edition gives it, to show what of the difference they make;
3. ``--many`` copies of a valid fixture text (each with its own ids): all the edition's rules, and
   the grammar alone (``--schema`` a copy of edition.rng), against ``jing schema/edition.rng``.

For each pair it also checks that both name the same files invalid. It also times compiling
edition.rng in-process (median of ``--repeat``), what every run of validate does first. The last
line sums it up.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from edition.validation.grammar import JVM_OPTIONS
from edition.xmlio import read_xml

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"
TEI_ALL = SHARED / "tei" / "tei_all.rng"
CORPUS = SHARED / "corpora" / "schnitzler-briefe"
EDITION_RNG = REPOSITORY / "schema" / "edition.rng"
FIXTURE = REPOSITORY / "tests" / "roots" / "validation" / "edition" / "texts" / "structure.xml"


def timed(command: list[str], repeat: int, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess, float]:
    """Median wall time, the last run, median CPU time (user + system of the command and its children)."""
    times, cpu, completed = [], [], None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), completed, statistics.median(cpu)


def tei_edition(*arguments: str) -> list[str]:
    """Cold: every run checks every file (scripts/bench_validate_scale.py measures the cache)."""
    return [sys.executable, "-m", "edition", "validate", "--no-cache", "--format", "json", *arguments]


def invalid_by_us(completed) -> set[str]:
    if completed.returncode == 2 or not completed.stdout.strip():
        return set()
    return {str(Path(d["path"]).resolve()) for d in json.loads(completed.stdout) if d["severity"] == "error"}


def invalid_by_jing(completed) -> set[str]:
    return {str(Path(m.group(1)).resolve())
            for m in re.finditer(r"^(.+?):\d+:\d+: (?:error|fatal)", completed.stdout, re.MULTILINE)}


def xml_files(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.rglob("*.xml"))]


def grammar_errors_by_us(completed) -> set[tuple[str, int, int]]:
    return {(str(Path(d["path"]).resolve()), d["line"], d["column"]) for d in json.loads(completed.stdout or "[]")
            if d["rule"] == "rng" and d["severity"] == "error"}


def grammar_errors_by_jing(completed) -> set[tuple[str, int, int]]:
    return {(str(Path(m.group(1)).resolve()), int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^(.+?):(\d+):(\d+): (?:error|fatal)", completed.stdout, re.MULTILINE)}


def ratios(ours, jing) -> str:
    return f"{ours[0] / jing[0]:.2f}x jing's wall time, {ours[2] / jing[2]:.2f}x its CPU time"


def report(label: str, ours, jing, same: bool) -> str:
    line = (f"{label}: tei-edition {ours[0]:.2f} s (CPU {ours[2]:.2f} s), jing {jing[0]:.2f} s (CPU {jing[2]:.2f} s) "
            f"= {ratios(ours, jing)}; verdicts {'agree' if same else 'DIFFER'}")
    print(line, flush=True)
    return line


def schema_compile_time(repeat: int) -> float:
    """Seconds to read and compile the edition's grammar, median of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        etree.RelaxNG(read_xml(EDITION_RNG))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--many", type=int, default=5000)
    options = parser.parse_args()
    if shutil.which("jing") is None:
        print("jing is not installed", file=sys.stderr)
        return 2
    summary = []

    compile_time = schema_compile_time(options.repeat)
    summary.append(f"edition.rng compiled in {compile_time:.3f} s")
    print(f"edition.rng read and compiled in-process: {compile_time:.3f} s", flush=True)

    tei = REPOSITORY / "tei"
    files = xml_files(tei)
    ours = timed(tei_edition(str(tei)), options.repeat)
    jing = timed(["jing", str(EDITION_RNG), *files], options.repeat)
    grammar_invalid = {f for f in invalid_by_us(ours[1])}  # ours adds the edition's rules: report both
    summary.append(f"edition {len(files)} files: {ours[0]:.2f} s vs jing {jing[0]:.2f} s")
    print(f"edition, {len(files)} files: tei-edition {ours[0]:.2f} s (exit {ours[1].returncode}, "
          f"{len(grammar_invalid)} files with errors), jing edition.rng {jing[0]:.2f} s "
          f"(exit {jing[1].returncode}, {len(invalid_by_jing(jing[1]))} files with errors)", flush=True)

    if CORPUS.is_dir() and TEI_ALL.is_file():
        files = xml_files(CORPUS)
        jing = timed(["jing", str(TEI_ALL), *files], options.repeat)
        ours_jing = timed(tei_edition("--schema", "tei_all", "--engine", "jing", str(CORPUS)), options.repeat)
        tuned = {**os.environ, "JDK_JAVA_OPTIONS": JVM_OPTIONS}
        jing_tuned = timed(["jing", str(TEI_ALL), *files], options.repeat, env=tuned)
        ours_lxml = timed(tei_edition("--schema", "tei_all", "--engine", "lxml", str(CORPUS)), 1)
        report(f"schnitzler-briefe, {len(files)} files, tei_all, cold, engine jing", ours_jing, jing,
               grammar_errors_by_us(ours_jing[1]) == grammar_errors_by_jing(jing[1]))
        report(f"schnitzler-briefe, {len(files)} files, tei_all, cold, engine jing, against jing with "
               f"JDK_JAVA_OPTIONS={JVM_OPTIONS!r} as tei-edition runs it", ours_jing, jing_tuned,
               grammar_errors_by_jing(jing_tuned[1]) == grammar_errors_by_jing(jing[1]))
        report(f"schnitzler-briefe, {len(files)} files, tei_all, cold, engine lxml", ours_lxml, jing,
               invalid_by_us(ours_lxml[1]) == invalid_by_jing(jing[1]))
        summary.append(f"schnitzler {len(files)} tei_all cold: {ours_jing[0]:.2f} s = {ratios(ours_jing, jing)} "
                       f"({jing[0]:.2f} s, CPU {jing[2]:.2f} s), {ours_lxml[0]:.2f} s with the lxml engine")

    if options.many:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary) / "many"
            (folder / "registers").mkdir(parents=True)  # an edition of its own: no registers needed
            text = FIXTURE.read_text(encoding="utf-8").replace('href="../../../../../schema/', f'href="{REPOSITORY}/schema/')
            for number in range(options.many):
                (folder / f"t{number:05}.xml").write_text(text.replace("structure", f"t{number:05}"), encoding="utf-8")
            files = xml_files(folder)
            ours = timed(tei_edition(str(folder)), options.repeat)
            jing = timed(["jing", str(EDITION_RNG), *files], options.repeat)
            report(f"{len(files)} documents, edition schema and rules", ours, jing,
                   invalid_by_us(ours[1]) == invalid_by_jing(jing[1]))
            grammar_copy = Path(temporary) / "grammar-only.rng"  # not the edition's: no Schematron
            shutil.copy(EDITION_RNG, grammar_copy)
            grammar_only = timed(tei_edition("--schema", str(grammar_copy), str(folder)), options.repeat)
            report(f"{len(files)} documents, edition grammar only", grammar_only, jing,
                   invalid_by_us(grammar_only[1]) == invalid_by_jing(jing[1]))
            summary.append(f"{len(files)} docs: {ours[0]:.2f} s (all rules), {grammar_only[0]:.2f} s "
                           f"(grammar only) vs jing {jing[0]:.2f} s")

    load = os.getloadavg()[0]
    print("SUMMARY tei-edition validate vs jing (wall, median of "
          f"{options.repeat}, {os.cpu_count()} cores, load {load:.1f}): " + " | ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
