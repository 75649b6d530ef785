"""Obviously fictional demo data, for training, screenshots and tests.

Every name, address and reference here is invented and looks it: children are
``DEMO`` references (DEMO0001: letters and digits only, as the CIN census requires), addresses are in "Sampletown" with ZZ99 postcodes.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from app.errors import MacptError
from app.models import Child
from app.services.demo import core, core_groups, cores, journey, register, strategy
from app.services.demo.arrivals import add as add_arrivals
from app.services.demo.consultations import add as add_consultations
from app.services.demo.contexts import add as add_contextual_meeting
from app.services.demo.looked_after import add as add_looked_after
from app.services.demo.preproceedings import add as add_pre_proceedings
from app.services.demo.s47 import add as add_s47_courses
from app.services.demo.significant_events import add as add_significant_events
from app.storage.workspace import Workspace

# Each part adds its own records; later features add a part here.
PARTS = [core.add, strategy.add, register.add, journey.add, core_groups.add]
PARTS.append(add_pre_proceedings)  # children in pre-proceedings: census module 5
PARTS.append(add_consultations)  # practitioners' consultations (Q14.1)
PARTS.append(add_significant_events)  # events in the chronology for court
PARTS.append(add_s47_courses)  # the course of a few section 47 enquiries (Q14.4)
PARTS.append(add_looked_after)  # a looked-after child with an IRO, conferences aligned (Q27)
PARTS.append(add_arrivals)  # a pre-birth conference to the birth, and a transfer in
PARTS.append(add_contextual_meeting)  # three children and a bus station (Q26)


def refuse_real_records(workspace: Workspace) -> None:
    """Demo data never mixes with a real child's record."""
    with workspace.reading() as session:
        real = session.scalar(
            select(func.count()).select_from(Child).where(Child.la_child_ref.not_like("DEMO%"))
        )
    if real:
        raise MacptError(
            "This workspace holds real children's records, and demo data must never mix "
            "with them. Create a new workspace for the demo with `macpt init`."
        )


def add_demo_data(workspace: Workspace) -> dict[str, int]:
    """Fill ``workspace`` with the demo; refuses a workspace that already has it."""
    refuse_real_records(workspace)
    with workspace.reading() as session:
        existing = session.scalar(
            select(func.count()).select_from(Child).where(Child.la_child_ref.like("DEMO%"))
        )
    if existing:
        raise MacptError("This workspace already has the demo data.")
    counts = {"children": 0, "meetings": 0}
    # The demo's decisions, sign-offs and plan versions are the demo chair's,
    # as they would be in a real meeting, not the administrator's who ran it.
    actor, workspace.actor = workspace.actor, core.CHAIR
    try:
        for part in PARTS:
            for key, value in part(workspace).items():
                counts[key] = counts.get(key, 0) + value
    finally:
        workspace.actor = actor
    return counts


def add_demo_children(
    workspace: Workspace,
    *,
    count: int,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
) -> dict[str, int]:
    """Add ``count`` fictional children (DEMOB000001 on, after any added before), each
    with a whole journey built through the same services as the demo, in ``jobs``
    processes (:mod:`app.services.demo.cores`)."""
    refuse_real_records(workspace)
    with workspace.reading() as session:
        before = session.scalar(
            select(func.count()).select_from(Child).where(Child.la_child_ref.like("DEMOB%"))
        )
    actor, workspace.actor = workspace.actor, core.CHAIR
    try:
        return cores.add_children(
            workspace, count=count, first_number=(before or 0) + 1, jobs=jobs, progress=progress
        )
    finally:
        workspace.actor = actor
