"""The benchmark scripts run, on a tiny corpus, and print their figures: a benchmark that has
quietly broken would report nothing the next time someone measures.

Only that they run and what they print is tested here, never how fast anything is (the figures
of a 4-document corpus on a shared machine mean nothing). ``bench_validate.py`` is left out: its
libxml2 run of tei_all compiles the schema for about 16 s; ``bench_validate_scale.py`` runs the
same commands.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
NUMBER = r"\d+(?:\.\d+)?"

BENCHMARKS = {
    "build": (["bench_build.py", "--sizes", "4,8"],
              rf"SUMMARY build \(edition\): 4 docs {NUMBER} s = {NUMBER}x floor .*, indexer alone {NUMBER}x, "
              rf"copy {NUMBER}x \| 8 docs .* \| edition {NUMBER} s"),
    "incremental": (["bench_incremental.py", "--size", "4", "--check"],
                    rf"SUMMARY incremental \(4 docs from edition, full {NUMBER} s\): nothing changed {NUMBER} s = "
                    rf"{NUMBER}% \| one text edited .* \| one register entry edited {NUMBER} s"),
    "incremental_schnitzler": (["bench_incremental.py", "--size", "4", "--from", "schnitzler", "--check"],
                               rf"SUMMARY incremental \(4 docs from schnitzler, .* one register entry edited {NUMBER} s"),
    "memory": (["bench_memory.py", "--sizes", "4"],
               rf"SUMMARY peak memory: validate 4 docs .* peak RSS {NUMBER} MiB, .* exit 0 \| build 4 docs .* exit 0"),
    "validate_scale": (["bench_validate_scale.py", "--size", "4", "--repeat", "1"],
                       rf"SUMMARY validate .* 4 docs: cold {NUMBER} s = {NUMBER}x jing .* editor's loop"),
    "search": (["bench_search.py", "--size", "4", "--repeat", "1", "--latency", "0"],
               rf"SUMMARY search \(4 documents, \d+ bundles, 0 ms a request\): first query \d+ ms = {NUMBER}x"),
}
SCHNITZLER = REPOSITORY.parent / "shared" / "corpora" / "schnitzler-briefe"
NEEDS = {"validate_scale": ("jing", "jing is not installed (apt-get install -y jing)"),
         "search": ("chromium", "Debian's chromium is not installed (apt-get install -y chromium)")}


@pytest.mark.parametrize("name", sorted(BENCHMARKS))
def test_a_benchmark_runs_and_prints_its_figures(name, tmp_path):
    if name in NEEDS and not shutil.which(NEEDS[name][0]):
        pytest.skip(NEEDS[name][1])
    if "schnitzler" in name and not SCHNITZLER.is_dir():
        pytest.skip(f"the Schnitzler letters are not at {SCHNITZLER}")
    arguments, summary = BENCHMARKS[name]
    run = subprocess.run([sys.executable, str(REPOSITORY / "scripts" / arguments[0]), *arguments[1:]],
                         capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert lines and re.match(summary, lines[-1]), run.stdout[-3000:]
    if name.startswith("incremental"):  # --check: every rebuild compared with a clean build
        assert sum("same bytes as a clean build" in line for line in lines) == 3, run.stdout
    if name == "validate_scale":  # ours and jing name the same files invalid
        assert any(line.endswith("verdicts agree") for line in lines), run.stdout
