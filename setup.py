"""The wheel carries the schema (``schema/`` of the checkout, one place in the repository) inside
the package, as ``edition/schema/``: validation, tagging and ``tei-edition init`` read it there.
Everything else is declared in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithSchema(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:  # an editable install reads schema/ of the checkout
            target = Path(self.build_lib) / "edition" / "schema"
            target.mkdir(parents=True, exist_ok=True)
            for schema in sorted(Path(__file__).resolve().parent.joinpath("schema").glob("*.*")):
                shutil.copyfile(schema, target / schema.name)


setup(cmdclass={"build_py": BuildWithSchema})
