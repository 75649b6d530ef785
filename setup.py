"""Build hook: ship the top-level ``resources/`` folder inside the package as ``app/resources``.

``resources/`` stays the one source (the Word template is rebuilt there, and
``build.spec`` lists it too); the wheel carries a copy so that an installed
``macpt`` reads it through ``importlib.resources`` (see ``app.paths``).
Everything else about the build is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

# What the app reads at run time; listed, not globbed over the tree, so that
# nothing else in a checkout (a workspace, an export) can ride along.
RESOURCE_PATTERNS = (
    "agencies.json",
    "restriction_terms.json",
    "agendas/*.json",
    "letters/*.json",
    "templates/*.docx",
    "dictionaries/en_GB.*",
    "dictionaries/LICENCE-en_GB.txt",
)


def resource_files() -> list[Path]:
    found: list[Path] = []
    for pattern in RESOURCE_PATTERNS:
        matches = sorted((ROOT / "resources").glob(pattern))
        if not matches:
            raise SystemExit(f"setup.py: nothing matches resources/{pattern}")
        found += matches
    return found


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's resources/ directly
        target = Path(self.build_lib) / "app" / "resources"
        for source in resource_files():
            destination = target / source.relative_to(ROOT / "resources")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)


# setuptools runs this file as __main__; tests import it for resource_files().
if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithResources})
