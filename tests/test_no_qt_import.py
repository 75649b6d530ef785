"""Only app/ui/ imports Qt: everything else imports with PySide6 unavailable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.helpers.workspaces import REPO

# Run in a fresh interpreter: this one may already have PySide6 loaded.
SCRIPT = textwrap.dedent(
    """
    import importlib
    import importlib.abc
    import pkgutil
    import sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
                raise ImportError(f"{name} is blocked: only app.ui may import Qt")
            return None

    sys.meta_path.insert(0, NoQt())
    try:
        import PySide6.QtCore  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker let PySide6 through")
    import app

    def skipped(name):
        # app.ui is the one place Qt belongs; __main__ modules run the app when
        # imported; Alembic runs the migration scripts itself (checked below).
        return (
            name == "app.ui"
            or name.startswith("app.ui.")
            or name.rsplit(".", 1)[-1] == "__main__"
            or name.startswith("app.migrations.")
        )

    # pkgutil.walk_packages, minus its habit of importing app.ui to look inside.
    imported = []
    def walk(package):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if skipped(module.name):
                continue
            loaded = importlib.import_module(module.name)
            imported.append(module.name)
            if module.ispkg:
                walk(loaded)

    walk(app)
    leaked = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
    print(len(imported), leaked)
    """
)


def test_everything_outside_app_ui_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    count, leaked = result.stdout.split(" ", 1)
    assert leaked.strip() == "[]"
    # Sanity: the walk found the packages it is meant to check.
    assert int(count) >= 20


def test_migration_scripts_do_not_import_qt() -> None:
    scripts = sorted((REPO / "app" / "migrations").rglob("*.py"))
    assert len(scripts) >= 3
    for script in scripts:
        assert "PySide6" not in script.read_text(encoding="utf-8"), script.name
