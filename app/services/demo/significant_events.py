"""Demo significant events for the chronology for court.

- Maisie Fictitious (DEMO0301): an attendance at hospital and a school's report
  while she was on a plan, and a police call-out after it ended.
- Isla Pretendly (DEMO0401): a missed health appointment just before the court
  application, and a move of school during care proceedings.
"""

from __future__ import annotations

import datetime as dt

from app import clock
from app.services.significant_events import add_significant_event, child_id_for
from app.storage.workspace import Workspace

EVENTS: dict[str, list[tuple[int, str, str, str]]] = {
    "DEMO0301": [
        (
            120,
            "Attended Sampletown General Hospital emergency department with a burn to "
            "her left hand; account given by her mother not consistent with the injury.",
            "Health: Sampletown General Hospital",
            "An injury while on a plan; the hospital's safeguarding team told the "
            "social worker the same day.",
        ),
        (
            75,
            "School reported that Maisie said she was frightened to go home.",
            "Education: Sampletown Primary School",
            "Her own words about home; shared with the social worker that day.",
        ),
        (
            20,
            "Police called to the family home after neighbours reported shouting; no arrests.",
            "Police: Sampletown Police",
            "A domestic abuse incident soon after the child protection plan ended.",
        ),
    ],
    "DEMO0401": [
        (
            90,
            "Missed a second appointment with the community paediatrician.",
            "Health: community paediatrics",
            "Continuing concern about neglect of health needs.",
        ),
        (
            40,
            "Moved to Sampletown Academy after a managed move.",
            "Education: Sampletown Academy",
            "Change of school during care proceedings.",
        ),
    ],
}


def add(workspace: Workspace) -> dict[str, int]:
    today = clock.today()
    added = 0
    for ref, events in EVENTS.items():
        child_id = child_id_for(workspace, child_ref=ref)
        for days_ago, event, source, significance in events:
            add_significant_event(
                workspace,
                child_id=child_id,
                occurred_on=today - dt.timedelta(days=days_ago),
                event=event,
                source=source,
                significance=significance,
            )
            added += 1
    return {"significant events": added}
