#!/usr/bin/env python3
"""Peak memory of ``tei-edition validate`` and ``build`` as the corpus grows (is it bounded?).

    python scripts/bench_memory.py [--sizes 1000,4000] [--commands validate,build]

For each size, a corpus is made by ``scripts/make_corpus.py`` (the edition's texts replicated,
registers growing with it) in a temporary folder; each command runs in a fresh process and its
peak resident memory is read with ``resource.getrusage(RUSAGE_CHILDREN)`` by a watcher process of
its own (so one measure never includes another). The last line sums it up.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[1]


def watch(command: list[str]) -> None:
    """Run ``command`` as our only child; print its peak RSS (MiB), wall time and exit code as JSON."""
    started = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"peak_mib": peak_kib / 1024, "seconds": time.perf_counter() - started,
                      "exit": completed.returncode, "stderr": completed.stderr.decode("utf-8", "replace")[-1500:]}))


def measure(command: list[str]) -> dict:
    watcher = subprocess.run([sys.executable, __file__, "--watch", *command], capture_output=True, text=True, check=True)
    return json.loads(watcher.stdout)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--watch":
        watch(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000")
    parser.add_argument("--commands", default="validate,build")
    options = parser.parse_args()
    figures = []
    for size in (int(s) for s in options.sizes.split(",")):
        with tempfile.TemporaryDirectory() as temporary:
            corpus = Path(temporary) / "corpus"
            os.environ["TEI_EDITION_CACHE"] = str(Path(temporary) / "cache")  # not ~/.cache: removed with the rest
            make_corpus.make_edition(size, corpus, register_every=250, seed=0)
            megabytes = sum(p.stat().st_size for p in corpus.rglob("*.xml")) / 2**20
            for name in options.commands.split(","):
                arguments = ["--no-cache", str(corpus)] if name == "validate" else ["--source", str(corpus), "--out",
                                                                         str(Path(temporary) / "site")]
                result = measure([sys.executable, "-m", "edition", name, *arguments])
                if result["exit"] not in ((0, 1) if name == "validate" else (0,)):
                    print(f"{name} on {size} documents failed (exit {result['exit']}): {result['stderr']}",
                          file=sys.stderr)
                line = (f"{name} {size} docs ({megabytes:.0f} MB): peak RSS {result['peak_mib']:.0f} MiB, "
                        f"{result['seconds']:.1f} s, exit {result['exit']}")
                print(line, flush=True)
                figures.append(line)
    print("SUMMARY peak memory: " + " | ".join(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
