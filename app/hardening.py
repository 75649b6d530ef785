"""Process hardening at start-up: no core dumps, no debugger reading our memory.

A crash must not write the workspace key, the passphrase or the records the
app had open to a core file. On Linux the process sets its core size limit
to zero and marks itself non-dumpable (``PR_SET_DUMPABLE``), which also stops
other processes of the same user from attaching a debugger to it. On macOS
the core limit is set to zero (macOS writes no cores by default). Windows
writes no core files; crash dumps there are Windows Error Reporting's, which
the installer's policy turns off for the application (see the README).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def harden() -> list[str]:
    """Apply what the platform allows; say what was applied."""
    applied: list[str] = []
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        applied.append("core size limit 0")
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                applied.append("not dumpable")
    return applied


def dumpable() -> bool | None:
    """Whether this process may dump core or be traced (None where unknown)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
