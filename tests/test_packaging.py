"""A new user's first steps, with a wheel (not the editable install): ``pip install .``, then
``tei-edition init``, ``validate`` and ``build`` in the new edition, and the site is there.

The wheel is built from this checkout (without build isolation when the machine's setuptools is
recent enough, else pip fetches it as configured: a local mirror here), installed with ``--no-deps`` into a fresh virtual environment that sees the
machine's other packages through a path file (not its site folder: the editable install's finder
there would hide the wheel).
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # a wheel built and installed: a minute


def run(command: list, cwd: Path, **environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "TEI_ALL")}
    completed = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                               timeout=600, env={**env, **environment})
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtual environment with the wheel of this checkout installed; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    import setuptools

    isolation = ["--no-build-isolation"] if int(setuptools.__version__.split(".")[0]) >= 77 else []
    source = work / "source"  # pip builds in the source tree: a copy, so that the checkout gets no build/
    shutil.copytree(REPOSITORY, source, ignore=shutil.ignore_patterns(
        ".git", "build", "_site", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache", ".benchmarks"))
    built = run([sys.executable, "-m", "pip", "wheel", *isolation, "--no-deps", "--wheel-dir",
                 work / "dist", source], cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    venv = work / "venv"
    assert run([sys.executable, "-m", "venv", venv], cwd=work).returncode == 0
    purelib = next(venv.glob("lib/python*/site-packages"))
    (purelib / "machine.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    (wheel,) = (work / "dist").glob("tei_edition-*.whl")
    done = run([venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", wheel], cwd=work)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv / "bin"


def test_the_wheel_carries_schema_templates_and_static_files(installed):
    where = run([installed / "python", "-c", "import edition.project as p; print(p.SCHEMA_DIR, p.PACKAGE_DIR)"],
                cwd=installed)
    schema, package = map(Path, where.stdout.split())
    assert schema == package / "schema" and "site-packages" in str(package), where.stdout
    assert (schema / "edition.rng").is_file() and (schema / "edition.sch").is_file()
    assert (package / "scaffold" / "texts" / "sample.xml").is_file()
    assert any((package / "site" / "static").iterdir()) and any((package / "site" / "templates").iterdir())


def test_init_validate_build_with_the_installed_command(installed, tmp_path):
    command = installed / "tei-edition"
    created = run([command, "init", "my-edition", "--title", "Letters", "--editor", "A. Editor"], cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    edition = tmp_path / "my-edition"
    validated = run([command, "validate"], cwd=edition / "tei" / "texts")  # found from a folder below
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "0 error(s), 0 warning(s)" in validated.stderr
    built = run([command, "build"], cwd=edition)
    assert built.returncode == 0, built.stdout + built.stderr
    home = (edition / "_site" / "index.html").read_text(encoding="utf-8")
    assert "<title>" in home and "Letters" in home
    assert (edition / "_site" / "texts" / "sample.html").is_file()
    assert "CC BY" not in (edition / "_site" / "texts" / "sample.html").read_text(encoding="utf-8")
