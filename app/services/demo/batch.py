"""Many service calls in one database transaction, for loading a large demo quickly.

Every service opens one transaction. Committed one by one (``synchronous=FULL``),
ten thousand children's journeys would spend most of their time waiting for the
disk. :class:`BatchWorkspace` is the same workspace whose transactions are
savepoints inside one long transaction, committed every few children: each
service call still runs whole or not at all, with every rule it checks, and the
audit log still gets an entry for every change. Only the demo uses it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.storage.workspace import Workspace


class BatchWorkspace(Workspace):
    """Open with :func:`batch`; call :meth:`commit` between children."""

    def __init__(self, workspace: Workspace) -> None:
        # The workspace's own connections and key; no second engine is made.
        self.__dict__.update(workspace.__dict__)
        # Writes wait for the integrity check started at unlock, as every transaction does.
        self._await_check()
        self._session: Session = self._writing_sessions()
        self._session.info["actor"] = workspace.actor
        # The session forgets a record nobody holds (its identity map is weak), and
        # reads it again at the next call: the batch holds each one until it commits.
        self._held: list[object] = []
        event.listen(self._session, "loaded_as_persistent", self._hold)
        event.listen(self._session, "pending_to_persistent", self._hold)
        self._session.begin()

    def _hold(self, _session: Session, instance: object) -> None:
        self._held.append(instance)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._session.begin_nested():
            yield self._session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        yield self._session

    def commit(self) -> None:
        self._session.commit()
        self._session.expunge_all()
        self._held.clear()
        self._session.begin()

    def finish(self, *, ok: bool) -> None:
        if ok:
            self._session.commit()
        else:
            self._session.rollback()
        self._session.close()
        self._quiet.poke()  # fold the WAL in and move the audit anchor on, as after any write


@contextlib.contextmanager
def batch(workspace: Workspace) -> Iterator[BatchWorkspace]:
    """A :class:`BatchWorkspace`; what it holds is committed at the end (rolled back on error)."""
    batched = BatchWorkspace(workspace)
    try:
        yield batched
    except BaseException:
        batched.finish(ok=False)
        raise
    batched.finish(ok=True)
