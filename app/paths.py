"""Where files live by default, from platformdirs, and how they are created."""

from __future__ import annotations

import contextlib
import importlib.resources
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs

APP_DIR_NAME = "MACPT Companion"
WORKSPACE_SUFFIX = ".macpt"


def default_workspace() -> Path:
    """The workspace a chair gets when they do not choose one."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / (
        "workspace" + WORKSPACE_SUFFIX
    )


def default_export_dir() -> Path:
    return Path(platformdirs.user_documents_dir()) / APP_DIR_NAME


def resources_dir() -> Path:
    """The read-only resources: agencies, agenda templates and Word templates.

    An installed package (a wheel, or the PyInstaller bundle) carries them as
    ``app/resources``, found through :mod:`importlib.resources`; a source
    checkout or an editable install reads the top-level ``resources/`` folder.
    """
    packaged = importlib.resources.files("app") / "resources"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def private_umask() -> None:
    """Make every file this process creates readable by its owner only."""
    os.umask(0o077)


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents owner-only (0o700), whatever the umask.

    Folders that already exist are left as they are: they may be shared ones,
    such as the user's documents folder.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
            folder.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    The temporary file is owner-only, fsynced and renamed into place, so a
    reader sees either the old file or the complete new one, never a part.
    On failure the temporary file is removed and ``target`` is untouched.
    """
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=".partial-", suffix=target.suffix, dir=directory)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.chmod(0o600)
        tmp.replace(target)
        _fsync_dir(directory)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
