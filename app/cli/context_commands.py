"""``macpt context``: places, peer groups and online spaces where children are harmed.

``create``, ``list`` and ``show`` a context; ``responsible`` adds who is
responsible for it (a business, a transport operator, a school, the council);
``link`` links a child (by the LA child reference); ``disruption add|list``
keeps its disruption log (entries are only added: ``--corrects`` puts one
right); ``schedule`` schedules one meeting per child about the context at one
sitting, each child's on his or her newest case. Text about a context may name
none of its children; the checks are the app's.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common

KINDS = ("place", "peer-group", "online")
RESPONSIBLE = ("business", "transport", "school", "council", "other")
MEETINGS = ("strategy", "icpc", "rcpc")


def _time(text: str) -> Any:
    import datetime as dt

    try:
        return dt.time.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time; write it as HH:MM") from exc


def _id_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("context", metavar="CONTEXT_ID", help="from `macpt context list`")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "context",
        help="contexts of harm outside the home, and meetings about them",
        description=__doc__,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="record a place, peer group or online space")
    create.add_argument("--kind", required=True, choices=KINDS)
    create.add_argument("--name", required=True, metavar="TEXT")
    create.add_argument("--description", default="", metavar="TEXT", help="about it, not a child")
    create.set_defaults(handler=_create)

    listing = actions.add_parser("list", help="list the contexts")
    listing.add_argument("--all", action="store_true", help="retired ones too")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="a context, its responsible bodies, children and log")
    _id_argument(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)

    responsible = actions.add_parser("responsible", help="add who is responsible for it")
    _id_argument(responsible)
    responsible.add_argument("--name", required=True, metavar="TEXT")
    responsible.add_argument("--kind", required=True, choices=RESPONSIBLE)
    responsible.add_argument("--contact", default="", metavar="TEXT")
    responsible.set_defaults(handler=_responsible)

    link = actions.add_parser("link", help="link a child to the context")
    _id_argument(link)
    link.add_argument("--child", required=True, metavar="REF", help="the LA child reference")
    link.set_defaults(handler=_link)

    disruption = actions.add_parser("disruption", help="the context's disruption log")
    log = disruption.add_subparsers(dest="log_action", metavar="ACTION", required=True)
    add = log.add_parser("add", help="add an entry (activity, agency, date, outcome)")
    _id_argument(add)
    add.add_argument("--date", required=True, type=common.iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--agency", required=True, metavar="NAME", help="as in the directory")
    add.add_argument("--activity", required=True, metavar="TEXT")
    add.add_argument("--outcome", default="", metavar="TEXT")
    add.add_argument("--corrects", default=None, metavar="ENTRY_ID", help="an earlier entry")
    add.set_defaults(handler=_disruption_add)
    log_list = log.add_parser("list", help="list the log, oldest first")
    _id_argument(log_list)
    log_list.add_argument("--json", action="store_true", help="print JSON")
    log_list.set_defaults(handler=_disruption_list)

    schedule = actions.add_parser("schedule", help="schedule a meeting about the context")
    _id_argument(schedule)
    schedule.add_argument("--child", action="append", required=True, metavar="REF")
    schedule.add_argument("--type", required=True, choices=MEETINGS, dest="meeting_type")
    schedule.add_argument("--date", required=True, type=common.iso_date, metavar="YYYY-MM-DD")
    schedule.add_argument("--time", type=_time, default=None, metavar="HH:MM")
    schedule.add_argument("--location", default="", metavar="TEXT")
    schedule.add_argument("--chair", default="", metavar="NAME")
    schedule.set_defaults(handler=_schedule)

    record = actions.add_parser(
        "record", help="a child's meeting about a context: the discussion, parents, child"
    )
    record.add_argument("meeting", metavar="MEETING_ID", help="one child's meeting")
    record.add_argument("--discussion", metavar="TEXT", help="about the context, no child named")
    record.add_argument(
        "--this-meeting-only", action="store_true", help="not the sitting's other meetings"
    )
    record.add_argument("--parents", metavar="TEXT", help="parents as partners in keeping safe")
    record.add_argument("--participation", metavar="TEXT", help="how the child took part")
    record.add_argument("--json", action="store_true", help="print JSON")
    record.set_defaults(handler=_record)

    action = actions.add_parser("action", help="an action owned by a body responsible for it")
    action.add_argument("meeting", metavar="MEETING_ID", help="one child's meeting")
    action.add_argument("--responsible", required=True, metavar="ID", help="from `show`")
    action.add_argument("--description", required=True, metavar="TEXT")
    action.add_argument("--due", type=common.iso_date, default=None, metavar="YYYY-MM-DD")
    action.set_defaults(handler=_action)

    subs = (create, listing, show, responsible, link, add, log_list, schedule, record, action)
    for sub in subs:
        common.add_workspace_arguments(sub)


def _create(args: argparse.Namespace) -> int:
    from app.services.contexts import create_context

    with common.unlock(args) as workspace:
        made = create_context(
            workspace, kind=args.kind, name=args.name, description=args.description
        )
    common.say(f"Recorded the context {made.name}: {made.id}")
    return common.EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from app.services.contexts import list_contexts

    with common.unlock(args) as workspace:
        rows = list_contexts(workspace, include_retired=args.all)
    if args.json:
        common.print_json([r.as_json() for r in rows])
    else:
        for r in rows:
            common.say(f"{r.id}  {r.kind.label:<12} {r.name} ({_children(r.children)})")
    return common.EXIT_OK


def _children(count: int) -> str:
    return f"{count} child" if count == 1 else f"{count} children"


def _detail_json(detail: Any) -> dict[str, object]:
    return {
        **detail.summary.as_json(),
        "description": detail.summary.description,
        "responsible": [
            {"id": r.id, "name": r.name, "kind": r.kind.value, "contact": r.contact}
            for r in detail.responsible
        ],
        "children": [c.la_child_ref for c in detail.children],
        "disruption": [_entry_json(d) for d in detail.disruption],
    }


def _entry_json(d: Any) -> dict[str, object]:
    return {
        "id": d.id,
        "date": d.happened_on.isoformat(),
        "agency": d.agency_name,
        "activity": d.activity,
        "outcome": d.outcome,
        "corrects": d.corrects_id,
    }


def _entry_line(d: Any) -> str:
    corrects = f" (corrects {d.corrects_id})" if d.corrects_id else ""
    outcome = f" Outcome: {d.outcome}" if d.outcome else ""
    return (
        f"{d.happened_on.isoformat()}  {d.agency_name}: {d.activity}{outcome}{corrects}  [{d.id}]"
    )


def _show(args: argparse.Namespace) -> int:
    from app.services.contexts import get_context

    with common.unlock(args) as workspace:
        detail = get_context(workspace, context_id=args.context)
    if args.json:
        common.print_json(_detail_json(detail))
        return common.EXIT_OK
    s = detail.summary
    lines = [f"{s.name} ({s.kind.label}){' - retired' if s.retired else ''}"]
    if s.description:
        lines.append(f"  {s.description}")
    lines.append("Responsible:")
    lines += [f"  {r.name} ({r.kind.label}) {r.contact}".rstrip() for r in detail.responsible]
    lines.append("Children: " + (", ".join(c.la_child_ref for c in detail.children) or "none"))
    lines.append("Disruption log:")
    lines += [f"  {_entry_line(d)}" for d in detail.disruption]
    common.say("\n".join(lines))
    return common.EXIT_OK


def _responsible(args: argparse.Namespace) -> int:
    from app.services.contexts import add_responsible

    with common.unlock(args) as workspace:
        row = add_responsible(
            workspace,
            context_id=args.context,
            name=args.name,
            kind=args.kind,
            contact=args.contact,
        )
    common.say(f"Recorded {row.name} as responsible: {row.id}")
    return common.EXIT_OK


def _link(args: argparse.Namespace) -> int:
    from app.services.contexts import link_child
    from app.services.significant_events import child_id_for

    with common.unlock(args) as workspace:
        child_id = child_id_for(workspace, child_ref=args.child)
        made = link_child(workspace, context_id=args.context, child_id=child_id)
    common.say(f"Linked {args.child} to {made.name} ({_children(made.children)}).")
    return common.EXIT_OK


def _agency_id(workspace: Any, name: str) -> str:
    from app.services.agencies import list_agencies

    wanted = name.strip().casefold()
    for agency in list_agencies(workspace):
        if agency.name.casefold() == wanted:
            return str(agency.id)
    raise common.UsageError(f"No agency called {name!r} is in the directory.")


def _disruption_add(args: argparse.Namespace) -> int:
    from app.services.contexts import add_disruption

    with common.unlock(args) as workspace:
        entry = add_disruption(
            workspace,
            context_id=args.context,
            happened_on=args.date,
            agency_id=_agency_id(workspace, args.agency),
            activity=args.activity,
            outcome=args.outcome,
            corrects_id=args.corrects,
        )
    common.say(f"Added to the disruption log: {entry.id}")
    return common.EXIT_OK


def _disruption_list(args: argparse.Namespace) -> int:
    from app.services.contexts import get_context

    with common.unlock(args) as workspace:
        detail = get_context(workspace, context_id=args.context)
    if args.json:
        common.print_json([_entry_json(d) for d in detail.disruption])
    else:
        for d in detail.disruption:
            common.say(_entry_line(d))
    return common.EXIT_OK


def _schedule(args: argparse.Namespace) -> int:
    from app.services.consultations import case_for_reference
    from app.services.contextual_meetings import schedule_contextual_meeting

    with common.unlock(args) as workspace:
        case_ids = []
        for ref in args.child:
            case_id = case_for_reference(workspace, la_child_ref=ref)
            if case_id is None:
                raise common.UsageError(f"No child with the reference {ref!r} has a case.")
            case_ids.append(case_id)
        sitting = schedule_contextual_meeting(
            workspace,
            context_id=args.context,
            case_ids=case_ids,
            meeting_type=args.meeting_type,
            scheduled_date=args.date,
            scheduled_time=args.time,
            location=args.location,
            chair_name=args.chair,
        )
    common.say(f"Scheduled {len(sitting.meetings)} meetings at sitting {sitting.sitting_id}:")
    for m in sitting.meetings:
        common.say(f"  {m.id}  {m.la_child_ref}")
    return common.EXIT_OK


def _view_json(view: Any) -> dict[str, object]:
    return {
        "meeting": view.meeting_id,
        "context": view.context_id,
        "sitting": view.sitting_id,
        "discussion": view.discussion,
        "parents_as_partners": view.parents_as_partners,
        "child_participation": view.child_participation,
    }


def _record(args: argparse.Namespace) -> int:
    from app.services.contextual_meetings import (
        meeting_context,
        record_child_part,
        record_context_discussion,
    )

    with common.unlock(args) as workspace:
        if args.discussion is not None:
            record_context_discussion(
                workspace,
                meeting_id=args.meeting,
                discussion=args.discussion,
                whole_sitting=not args.this_meeting_only,
            )
        if args.parents is not None or args.participation is not None:
            record_child_part(
                workspace,
                meeting_id=args.meeting,
                parents_as_partners=args.parents,
                child_participation=args.participation,
            )
        view = meeting_context(workspace, meeting_id=args.meeting)
    if view is None:
        raise common.UsageError("That meeting was not held about a context.")
    if args.json:
        common.print_json(_view_json(view))
    else:
        common.say(
            "\n".join(
                [
                    f"{view.name} ({view.kind.label}), sitting {view.sitting_id}",
                    f"  Discussion:           {view.discussion or 'not recorded'}",
                    f"  Parents as partners:  {view.parents_as_partners or 'not recorded'}",
                    f"  How the child took part: {view.child_participation or 'not recorded'}",
                ]
            )
        )
    return common.EXIT_OK


def _action(args: argparse.Namespace) -> int:
    from app.services.contextual_meetings import add_context_action

    with common.unlock(args) as workspace:
        row = add_context_action(
            workspace,
            meeting_id=args.meeting,
            responsible_id=args.responsible,
            description=args.description,
            due_date=args.due,
        )
    common.say(f"Added action {row.number} for {row.owner_name}: {row.id}")
    return common.EXIT_OK
