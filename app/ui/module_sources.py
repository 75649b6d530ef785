"""Letting go of the source text PySide6 reads at each import.

Once PySide6 is imported, shiboken's import hook reads the source of every Python
module imported after it (to see whether the module names PySide6), and the lines
stay in :mod:`linecache`: about 9 MB for what unlocking imports, kept for the life of
the process. Nothing here needs them: a traceback reads them again if it ever runs.
"""

from __future__ import annotations

import linecache


def forget_module_sources() -> None:
    """Drop the source lines read while modules were imported."""
    linecache.clearcache()
