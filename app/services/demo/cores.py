"""``macpt demo --children N`` on every core.

Each child's journey is a few hundred service calls, and Python runs them on
one core. With ``jobs`` above one the children are shared out in contiguous
runs: each process fills its own encrypted copy of the workspace through the
same services (:mod:`app.storage.parts`), and the workspace then takes in what
each added, in one transaction, with the audit log chained on as if every
entry had been written here. The result is the same children, with the same
references, names and journeys, as one process would build.

The copies sit in a folder beside the workspace, encrypted with its key, and
are removed whatever happens; the key reaches the other processes through
their start-up pipe, never a command line or the environment.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import queue
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import clock
from app.errors import MacptError
from app.services.demo import core, directory, register
from app.services.demo.batch import batch
from app.storage import parts
from app.storage.workspace import Workspace

# Below this many children a second process costs more than it saves.
FEWEST_PER_JOB = 50


def default_jobs() -> int:
    """One process per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def add_children(
    workspace: Workspace,
    *,
    count: int,
    first_number: int,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Add ``count`` demo children numbered from ``first_number``, in ``jobs`` processes."""
    jobs = max(1, min(jobs, count // FEWEST_PER_JOB))
    if jobs == 1:
        return register.add_children(
            workspace, count=count, first_number=first_number, progress=progress
        )
    states = register.standard_states(count)
    # The chairs and practitioners first, so that every copy links to the same records.
    with batch(workspace) as batched:
        directory.add_missing(batched, chairs=register.LCPPS)
    shares = [(count * k // jobs, count * (k + 1) // jobs) for k in range(jobs)]
    frozen = clock.utcnow() if clock.is_set() else None
    folder = Path(tempfile.mkdtemp(prefix=".macpt-demo-", dir=workspace.path.parent))
    made: list[parts.Part] = []
    try:
        for k in range(jobs):
            made.append(parts.make_part(workspace, folder / f"part-{k + 1}.macpt"))
        context = multiprocessing.get_context("spawn")
        messages: Any = context.Queue()
        processes = [
            context.Process(
                target=_build,
                args=(made[k], first_number + start, states[start:end], start, frozen, messages),
                daemon=True,
            )
            for k, (start, end) in enumerate(shares)
        ]
        for process in processes:
            process.start()
        meetings = _follow(processes, messages, count, progress)
        for part in made:
            parts.merge_part(workspace, part)
    finally:
        for part in made:
            parts.remove_part(part)
        shutil.rmtree(folder, ignore_errors=True)
    if progress is not None:
        progress(count, count)
    return {"children": count, "meetings": meetings}


def _follow(
    processes: list[Any],
    messages: Any,
    count: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    """Wait for every process, passing on progress; the meetings they made."""
    built = meetings = finished = 0
    try:
        while finished < len(processes):
            try:
                kind, value = messages.get(timeout=1)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    raise MacptError(
                        "A process building demo children stopped unexpectedly; "
                        "nothing was added. Run the command again."
                    ) from None
                continue
            if kind == "child":
                built += 1
                if progress is not None and built < count:
                    progress(built, count)  # the last step waits for the merge
            elif kind == "done":
                finished += 1
                meetings += value
            else:
                raise MacptError(f"Building demo children failed ({value}); nothing was added.")
    except BaseException:
        for process in processes:
            process.terminate()
        raise
    finally:
        for process in processes:
            process.join()
    return meetings


def _build(
    part: parts.Part,
    first_number: int,
    states: list[str],
    names_from: int,
    frozen: dt.datetime | None,
    messages: Any,
) -> None:
    """In its own process: fill ``part`` with its share of the children."""
    from app.hardening import harden
    from app.storage import cipher

    harden()
    cipher.fictional_data_only()
    if frozen is not None:
        clock.set_clock(lambda: frozen)
    try:
        workspace = parts.open_part(part)
        try:
            workspace.actor = core.CHAIR
            counts = register.add_children(
                workspace,
                count=len(states),
                first_number=first_number,
                states=states,
                names_from=names_from,
                progress=lambda _done, _total: messages.put(("child", 1)),
            )
        finally:
            workspace.close()
    except Exception as exc:  # reported to the parent, which stops and says so
        with contextlib.suppress(Exception):
            messages.put(("failed", type(exc).__name__ + ": " + str(exc)[:200]))
        raise SystemExit(1) from None
    messages.put(("done", counts["meetings"]))
