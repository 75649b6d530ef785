"""What a review conference already heard from each agency, for the discharge checklist.

An agency that gave its view of the decision, or shared information, at this
conference has been asked and has replied: the checklist need not ask again.
Its words are carried over only where they could reach the family's copy
anyway; restricted words stay where they were, and the chair writes the reply.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AgencyInformation, AgencyView, Meeting
from app.services.conduct.restriction import restrictions_in


def replies_at(session: Session, meeting: Meeting) -> dict[str, str]:
    """Agency id to what it said at ``meeting`` ("" where that is restricted): its view
    of the decision first, else the information it shared."""
    rules = restrictions_in(session, meeting)
    said: dict[str, str] = {}
    for info in session.scalars(
        select(AgencyInformation).where(AgencyInformation.meeting_id == meeting.id)
    ):
        hidden = rules.restricted(
            "agency_information",
            info.id,
            "information",
            info.information,
            agency_id=info.agency_id,
            marked=info.restricted,
        )
        said[info.agency_id] = "" if hidden else info.information.strip()
    for view in session.scalars(select(AgencyView).where(AgencyView.meeting_id == meeting.id)):
        hidden = rules.restricted(
            "agency_view", view.id, "comment", view.comment, agency_id=view.agency_id
        )
        words = "Agrees" if view.agrees else "Does not agree"
        comment = "" if hidden or not view.comment.strip() else f" {view.comment.strip()}"
        said[view.agency_id] = f"{words} with the decision at this conference.{comment}"
    return said
