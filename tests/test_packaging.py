"""What an installed package carries: the resources the app reads at run time.

The wheel and the bundle are built and run by ``make package-check`` (in CI);
these checks catch a new resource that the build would leave behind.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from app import paths
from app.models import MeetingType

ROOT = Path(__file__).resolve().parent.parent


def load_setup() -> object:
    spec = importlib.util.spec_from_file_location("macpt_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wheel_carries_every_resource_the_app_reads() -> None:
    setup = load_setup()
    shipped = {
        path.relative_to(ROOT / "resources").as_posix()
        for path in setup.resource_files()  # type: ignore[attr-defined]
    }
    needed = {
        "agencies.json",
        "templates/minutes.docx",
        "dictionaries/en_GB.aff",
        "dictionaries/en_GB.dic",
        "dictionaries/LICENCE-en_GB.txt",
    } | {f"agendas/{meeting_type.value}.json" for meeting_type in MeetingType}
    assert needed <= shipped


def test_a_checkout_reads_the_top_level_resources() -> None:
    assert paths.resources_dir() == ROOT / "resources"
    assert (paths.resources_dir() / "agencies.json").is_file()


def test_the_bundle_puts_resources_where_the_package_has_them() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    destinations = set(re.findall(r'files\("resources[^"]*", [^)]*to="([^"]+)"\)', spec))
    assert destinations == {
        "app/resources",
        "app/resources/agendas",
        "app/resources/letters",
        "app/resources/templates",
        "app/resources/dictionaries",
    }


def test_the_bundle_carries_what_the_migration_scripts_import() -> None:
    """The scripts are data files to the bundle; what they import must be collected."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    left_out = re.search(r"filter=lambda name: not name\.startswith\(\(([^)]*)\)\)", spec)
    assert left_out, "build.spec no longer filters app's submodules as this test expects"
    prefixes = tuple(re.findall(r'"([^"]+)"', left_out.group(1)))
    imported = set()
    for script in (ROOT / "app" / "migrations" / "versions").glob("*.py"):
        imported |= set(
            re.findall(r"^from (app\.[\w.]+) import", script.read_text(encoding="utf-8"), re.M)
        )
    assert "app.migrations.audit_entries" in imported
    assert not [name for name in imported if name.startswith(prefixes)]
