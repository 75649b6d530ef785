"""The journey after the strategy meeting, headless: letters, invitations, the safety
plan and a child's timeline.

- ``macpt export notifications MEETING_ID --out DIR``: one letter per recipient and
  ``DIR/manifest.json``
- ``macpt export invite MEETING_ID --out FILE.ics``: a calendar invitation
- ``macpt export safety-plan CASE --out FILE.docx [--version N]``
- ``macpt timeline CASE [--json]``: strategy meeting to discharge, with each clock

CASE is a case's id or a child's local authority reference (their latest case).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli import common, export_commands
from app.errors import NotFound
from app.workdays import long_date

if TYPE_CHECKING:
    from app.storage.workspace import Workspace


def register(commands: Any) -> None:
    timeline = commands.add_parser(
        "timeline",
        help="a child's journey from strategy meeting to discharge, with each clock",
    )
    timeline.add_argument("case", metavar="CASE", help="a case id, or a child's reference")
    common.add_workspace_arguments(timeline)
    timeline.add_argument("--json", action="store_true", help="print JSON")
    timeline.set_defaults(handler=_timeline)


def resolve_case(workspace: Workspace, case: str) -> str:
    """A case id from an id or a child's local authority reference (their latest case)."""
    from sqlalchemy import select

    from app.models import CaseEpisode, Child

    with workspace.reading() as session:
        if session.get(CaseEpisode, case) is not None:
            return case
        found = session.scalar(
            select(CaseEpisode.id)
            .join(Child, Child.id == CaseEpisode.child_id)
            .where(Child.la_child_ref == case.strip())
            .order_by(CaseEpisode.opened_on.desc(), CaseEpisode.created_at.desc())
            .limit(1)
        )
    if found is None:
        raise NotFound(
            f"There is no case or child reference {case!r}. Check it with `macpt meetings`."
        )
    return found


def _timeline(args: argparse.Namespace) -> int:
    from app.services.journey.timeline import case_timeline

    with common.unlock(args) as workspace:
        timeline = case_timeline(workspace, case_id=resolve_case(workspace, args.case))
    if args.json:
        common.print_json(timeline.as_json())
        return common.EXIT_OK
    common.say(f"Timeline for {timeline.la_child_ref}")
    for step in timeline.steps:
        when = step.held_on or step.scheduled_for
        line = f"{step.label}: {long_date(when) if when else 'not scheduled'} ({step.status})"
        if step.due_date is not None:
            verdict = {True: "met", False: "not met", None: "not due yet"}[step.met]
            line += f"; due {long_date(step.due_date)}, {verdict}"
        common.say(line)
        if step.note:
            common.say(f"    {step.note}")
    return common.EXIT_OK


# -- export kinds ------------------------------------------------------------
def _add_notifications(kinds: Any) -> None:
    parser = kinds.add_parser(
        "notifications",
        help="a letter to everyone who must be told about a meeting, and manifest.json",
        description="Write one Word letter per recipient (agencies, and parents and carers) "
        "into DIR, with DIR/manifest.json listing them. DIR is created if only it is missing. "
        "Files already in DIR are never replaced: a name that is taken gets a number "
        "(letter-01-agency-2.docx, manifest-2.json).",
    )
    parser.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    common.add_workspace_arguments(parser)
    parser.add_argument(
        "--out", type=common.workspace_path, required=True, metavar="DIR", help="the folder"
    )
    parser.add_argument(
        "--late-issue",
        action="store_true",
        help="the chair confirms issuing letters whose dates are already past; they say so",
    )
    parser.set_defaults(handler=_export_notifications)


def _export_notifications(args: argparse.Namespace) -> int:
    from app.exporters.letters import export_notifications, prepare_folder
    from app.models import RecipientRole

    # A folder that cannot be used is reported before the passphrase is asked for.
    prepare_folder(args.out)
    with common.unlock(args) as workspace:
        written = export_notifications(
            workspace, meeting_id=args.meeting_id, out_dir=args.out, late_issue=args.late_issue
        )
    if not written.entries:
        common.say(f"This meeting needs no letters. Wrote an empty {written.manifest}.")
        return common.EXIT_OK
    families = sum(1 for e in written.entries if e.role is RecipientRole.PARENT_CARER)
    common.say(
        f"Wrote {len(written.entries)} letters ({len(written.entries) - families} to agencies, "
        f"{families} to parents and carers) to {written.folder}, listed in {written.manifest}."
    )
    return common.EXIT_OK


def _add_invite(kinds: Any) -> None:
    parser = kinds.add_parser(
        "invite",
        help="a calendar invitation (.ics) for a meeting, with only the child's reference",
    )
    parser.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    export_commands.add_export_arguments(parser, example="invitation.ics")
    parser.set_defaults(handler=_export_invite)


def _export_invite(args: argparse.Namespace) -> int:
    from app.exporters.invite import check_ics_target, export_invite

    target = check_ics_target(args.out)
    with common.unlock(args) as workspace:
        written = export_invite(workspace, meeting_id=args.meeting_id, target=target)
    common.say(f"Wrote the invitation to {written}.")
    return common.EXIT_OK


def _add_safety_plan(kinds: Any) -> None:
    parser = kinds.add_parser(
        "safety-plan", help="a child's interim safety plan as a Word document"
    )
    parser.add_argument("case", metavar="CASE", help="a case id, or a child's reference")
    export_commands.add_export_arguments(parser, example="safety-plan.docx")
    parser.add_argument(
        "--version", type=int, default=None, help="an earlier version (default: current)"
    )
    parser.set_defaults(handler=_export_safety_plan)


def _export_safety_plan(args: argparse.Namespace) -> int:
    from app.exporters.docx_base import check_target
    from app.exporters.safety_plan import export_safety_plan
    from app.services.journey.safety_plan import safety_plan_for_case

    target = check_target(args.out)
    with common.unlock(args) as workspace:
        plan = safety_plan_for_case(workspace, case_id=resolve_case(workspace, args.case))
        if plan is None:
            raise NotFound("This child has no interim safety plan yet.")
        written = export_safety_plan(
            workspace, plan_id=plan.plan_id, target=target, version=args.version
        )
    common.say(f"Wrote the interim safety plan to {written}.")
    return common.EXIT_OK


for _add in (_add_notifications, _add_invite, _add_safety_plan):
    if _add not in export_commands.EXPORT_KINDS:
        export_commands.EXPORT_KINDS.append(_add)
