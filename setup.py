"""Build hook: the numbered notebooks (``notebooks/``) ship inside the package as ``nps_research/notebooks``.

Everything else about the build is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/NN_*.ipynb`` into the built package."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "nps_research" / "notebooks"
        target.mkdir(parents=True, exist_ok=True)
        for nb in sorted((HERE / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            shutil.copyfile(nb, target / nb.name)


setup(cmdclass={"build_py": BuildWithNotebooks})
