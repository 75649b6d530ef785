"""``macpt export chronology`` and ``macpt event add|list|correct|retire``.

A child's chronology for court runs across every case the child has had, so
both name the child by the local authority's reference (``--child``). Events
are the significant events the chair adds (a hospital admission, an arrest, a
move of school); the meetings, decisions, plans and pre-proceedings steps come
from the record itself.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common, export_commands


def _add_chronology(kinds: Any) -> None:
    parser = kinds.add_parser(
        "chronology",
        help="a child's chronology for court as a Word document",
        description="Write a child's chronology for court (.docx): every meeting, decision, "
        "plan, safety plan version, pre-proceedings step and significant event, in date "
        "order. It includes restricted information and is for the court and the local "
        "authority's lawyers only.",
    )
    parser.add_argument("--child", required=True, metavar="REF", help="the LA child reference")
    export_commands.add_export_arguments(parser, example="chronology.docx")
    parser.set_defaults(handler=_export_chronology)


def _export_chronology(args: argparse.Namespace) -> int:
    from app.exporters.chronology import export_chronology
    from app.exporters.docx_base import check_target

    target = check_target(args.out)
    with common.unlock(args) as workspace:
        written = export_chronology(workspace, target=target, child_ref=args.child)
    common.say(f"Wrote the chronology for court to {written}.")
    return common.EXIT_OK


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "event", help="significant events in a child's chronology for court", description=__doc__
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a significant event")
    add.add_argument("--child", required=True, metavar="REF", help="the LA child reference")
    _event_arguments(add)
    add.set_defaults(handler=_add)

    listing = actions.add_parser("list", help="list a child's significant events, oldest first")
    listing.add_argument("--child", required=True, metavar="REF", help="the LA child reference")
    listing.add_argument("--json", action="store_true", help="print JSON")
    common.add_workspace_arguments(listing)
    listing.set_defaults(handler=_list)

    correct = actions.add_parser("correct", help="correct a significant event")
    correct.add_argument("event_id", metavar="EVENT_ID", help="from `event list`")
    _event_arguments(correct)
    correct.set_defaults(handler=_correct)

    retire = actions.add_parser("retire", help="take an event added in error out")
    retire.add_argument("event_id", metavar="EVENT_ID", help="from `event list`")
    retire.add_argument("--reason", required=True, help="why it is taken out")
    common.add_workspace_arguments(retire)
    retire.set_defaults(handler=_retire)


def _event_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", required=True, type=common.iso_date, help="when it happened")
    parser.add_argument("--event", required=True, help="what happened")
    parser.add_argument("--source", required=True, help="the agency or person it came from")
    parser.add_argument("--significance", default="", help="why it matters")
    common.add_workspace_arguments(parser)


def _child_id(workspace: Any, ref: str) -> str:
    from app.services.significant_events import child_id_for

    return child_id_for(workspace, child_ref=ref)


def _add(args: argparse.Namespace) -> int:
    from app.services.significant_events import add_significant_event

    with common.unlock(args) as workspace:
        event_id = add_significant_event(
            workspace,
            child_id=_child_id(workspace, args.child),
            occurred_on=args.date,
            event=args.event,
            source=args.source,
            significance=args.significance,
        )
    common.say(f"Significant event added: {event_id}")
    return common.EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from app.services.significant_events import list_significant_events

    with common.unlock(args) as workspace:
        rows = list_significant_events(workspace, child_id=_child_id(workspace, args.child))
    if args.json:
        common.print_json(
            [
                {
                    "id": r.id,
                    "date": r.occurred_on.isoformat(),
                    "event": r.event,
                    "source": r.source,
                    "significance": r.significance,
                }
                for r in rows
            ]
        )
    elif not rows:
        common.say("No significant events recorded for this child.")
    for row in [] if args.json else rows:
        common.say(f"{row.id}  {row.occurred_on.isoformat()} · {row.event} · {row.source}")
    return common.EXIT_OK


def _correct(args: argparse.Namespace) -> int:
    from app.services.significant_events import correct_significant_event

    with common.unlock(args) as workspace:
        correct_significant_event(
            workspace,
            event_id=args.event_id,
            occurred_on=args.date,
            event=args.event,
            source=args.source,
            significance=args.significance,
        )
    common.say("Significant event corrected.")
    return common.EXIT_OK


def _retire(args: argparse.Namespace) -> int:
    from app.services.significant_events import retire_significant_event

    with common.unlock(args) as workspace:
        retire_significant_event(workspace, event_id=args.event_id, reason=args.reason)
    common.say("Significant event taken out of the chronology.")
    return common.EXIT_OK


if _add_chronology not in export_commands.EXPORT_KINDS:
    export_commands.EXPORT_KINDS.append(_add_chronology)
