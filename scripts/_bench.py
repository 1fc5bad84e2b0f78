"""What the ``bench_*.py`` scripts share: timing a command in a fresh child, its peak memory, the floor.

Every figure is a whole command run as a child process (start-up included), so that it is what an
editor waits for. Peak memory is given two ways: the largest single process (``ru_maxrss`` of the
child and its descendants, from ``wait4``) and the peak of the whole process tree's resident
memory (proportional set sizes summed, sampled every 50 ms from ``/proc``), which is what counts
once a pool of forked workers shares pages with the main process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"
PAGE = os.sysconf("SC_PAGE_SIZE")

# The floor: reading and parsing the same files with lxml, nothing else (no tool built on lxml can
# do less). The parser is configured as edition.xmlio configures its own.
FLOOR = """
import sys
from lxml import etree
parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, remove_blank_text=False)
with open(sys.argv[1], encoding="utf-8") as listing:
    for path in listing.read().splitlines():
        with open(path, "rb") as handle:
            etree.fromstring(handle.read(), parser)
"""


@dataclass
class Measured:
    seconds: float
    max_rss_mb: float  # the largest single process (resident)
    tree_rss_mb: float  # the process tree at its peak (proportional set sizes, summed)
    returncode: int
    stdout: str
    stderr: str


def tei_edition(*arguments: str) -> list[str]:
    """The real CLI, as an editor runs it (same interpreter as the bench)."""
    return [sys.executable, "-m", "edition", *arguments]


def measure(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Measured:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env)
        sampler = _TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        out.seek(0)
        err.seek(0)
        return Measured(seconds, usage.ru_maxrss / 1024, sampler.peak / 2 ** 20,
                        child.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


class _TreeSampler(threading.Thread):
    def __init__(self, root: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.root, self.every, self.peak = root, every, 0
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        self.join()

    def run(self) -> None:
        while not self._stopping.is_set():
            self.peak = max(self.peak, _tree_rss(self.root))
            self._stopping.wait(self.every)


def _tree_rss(root: int) -> int:
    """Memory of ``root`` and all its descendants: proportional set sizes (a page shared by forked
    workers counts once, split between them), resident sizes where the kernel gives no PSS."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rpartition(b")")[2].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    total = 0
    for pid in parents:
        ancestor = pid
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            total += _memory_of(pid)
    return total


def _memory_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE
    except OSError:
        return 0


def xml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.xml") if p.is_file())


def floor(files: list[Path]) -> Measured:
    """A fresh Python that imports lxml and reads and parses ``files``: the floor of any build."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as listing:
        listing.write("\n".join(str(p) for p in files))
    try:
        return measure([sys.executable, "-c", FLOOR, listing.name])
    finally:
        os.unlink(listing.name)


def best(runs: list[Measured]) -> Measured:
    """The fastest of repeated runs: noise only ever adds time."""
    return min(runs, key=lambda m: m.seconds)


def checked(measured: Measured, what: str, ok: tuple[int, ...] = (0,)) -> Measured:
    if measured.returncode not in ok:
        sys.stderr.write(measured.stderr[-3000:])
        raise SystemExit(f"{what} failed with exit code {measured.returncode}")
    return measured


def sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]
