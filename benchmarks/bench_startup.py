"""Cold-start benchmark: process start to the unlock window, against a bare PySide6 window.

Both sides run in fresh processes, interleaved, after one warm-up each:

* app: the unlock dialog for an existing workspace, shown exactly as ``macpt``
  does it (``app.ui.application``: umask, ``create_application``, the crash
  hook, ``start_shell``), with nothing added to the app for measuring;
* bare: ``QApplication`` and one empty ``QWidget``.

Each child watches for the first Expose event of a top-level window and
prints the monotonic clock at that moment; the parent took the same clock
just before starting the process, so the figure covers interpreter start,
imports, Qt start-up and the first expose. Medians and their ratio are
printed. Target: ratio <= 1.5.

The display is whatever Qt is given (``QT_QPA_PLATFORM``; ``make bench`` uses
``offscreen``); ``--xvfb`` starts a private Xvfb server and uses ``xcb``,
closer to a real desktop.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--repeats N] [--xvfb] [--json]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5
PASSPHRASE = "violet tractor mango harbour"  # the tests' fictional passphrase


# -- the child processes (kept light: everything they import is measured) ------


def _watch_first_expose(app: object, report: object) -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QApplication

    class FirstExpose(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Expose
                and isinstance(watched, QWindow)
                and watched.isExposed()
            ):
                at = time.monotonic()
                shown = [
                    type(w).__name__
                    for w in QApplication.topLevelWidgets()
                    if w.windowHandle() is watched
                ]
                report(at, shown[0] if shown else type(watched).__name__)  # type: ignore[operator]
            return False

    watcher = FirstExpose(app)  # type: ignore[arg-type]
    app.installEventFilter(watcher)  # type: ignore[attr-defined]


def _report(at: float, window: str) -> None:
    print(f"{at:.6f} {window}", flush=True)
    os._exit(0)  # tearing down is not part of starting


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    _watch_first_expose(app, _report)
    window = QWidget()
    window.setWindowTitle("Bare PySide6 window")
    window.resize(480, 320)
    window.show()
    app.exec()


def child_app(workspace: str) -> None:
    sys.path.insert(0, str(ROOT))
    from app import paths
    from app.ui.application import create_application, start_shell
    from app.ui.crash import install_excepthook

    # The same steps, in the same order, as app.ui.application.run().
    paths.private_umask()
    app = create_application()
    _watch_first_expose(app, _report)
    install_excepthook()
    shell = start_shell(Path(workspace))
    shell.finished.connect(app.quit)
    app.exec()


# -- the parent ----------------------------------------------------------------


def _start_to_expose(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"child {args} failed: {result.stderr[-2000:]}")
    at, window = result.stdout.split()
    return float(at) - started, window


@contextlib.contextmanager
def _display(use_xvfb: bool) -> Iterator[dict[str, str]]:
    env = dict(os.environ)
    if not use_xvfb:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        yield env
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("--xvfb needs Xvfb (Debian: apt-get install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as displayfd:
        number = displayfd.readline().strip()
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=f":{number}")
    try:
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure(repeats: int, use_xvfb: bool) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from app.services.workspace import create_workspace

    with tempfile.TemporaryDirectory(prefix="macpt-bench-") as folder, _display(use_xvfb) as env:
        workspace = Path(folder) / "bench.macpt"
        create_workspace(workspace, PASSPHRASE).close()
        env["XDG_CONFIG_HOME"] = folder  # no settings from the person running it
        app_args, bare_args = ["--child", "app", str(workspace)], ["--child", "bare"]
        # Warm-up: the first start pays for cold disk caches on either side.
        _start_to_expose(app_args, env)
        _start_to_expose(bare_args, env)
        app_times, bare_times, windows = [], [], set()
        for _ in range(repeats):
            seconds, window = _start_to_expose(app_args, env)
            app_times.append(seconds)
            windows.add(window)
            bare_times.append(_start_to_expose(bare_args, env)[0])
    if windows != {"UnlockDialog"}:
        raise SystemExit(f"the app showed {sorted(windows)}, not the unlock dialog")
    app_ms = statistics.median(app_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    return {
        "platform": env["QT_QPA_PLATFORM"],
        "repeats": repeats,
        "app_ms": round(app_ms, 1),
        "bare_ms": round(bare_ms, 1),
        "ratio": round(app_ms / bare_ms, 2),
        "target": TARGET,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--xvfb", action="store_true", help="use a private Xvfb server")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "bare":
            child_bare()
        else:
            child_app(args.child[1])
        return 1  # a child only gets here if its window never showed

    result = measure(args.repeats, args.xvfb)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    verdict = "within" if float(result["ratio"]) <= TARGET else "OVER"  # type: ignore[arg-type]
    print(f"Cold start to first window ({result['platform']}, median of {args.repeats}):")
    print(f"  app, to the unlock dialog:   {result['app_ms']} ms")
    print(f"  bare PySide6 window:         {result['bare_ms']} ms")
    print(f"  ratio: {result['ratio']}x ({verdict} the target of {TARGET}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
