"""``macpt register`` (every child with an open section 47 enquiry or a child protection
plan) and ``macpt deadlines`` (what Home shows: overdue, due today, due this week).

Children are named by their local authority reference only: what a command
prints ends up in terminals, logs and files.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from app import clock
from app.cli import common

if TYPE_CHECKING:
    from app.services.register import RegisterRow


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "register",
        help="list every child with an open section 47 enquiry or a child protection plan",
        description=(
            "Lists every child in the register, by local authority reference, with the "
            "strategy meeting, ICPC and review dates and what is overdue today. "
            "Children's names are never printed."
        ),
    )
    common.add_workspace_arguments(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list, one object per child, with ISO dates (null when not set)",
    )
    _add_today(parser)
    parser.set_defaults(handler=_register)
    due = commands.add_parser(
        "deadlines",
        help="what Home shows: what is overdue, due today and due in the week ahead",
        description=(
            "Lists the five-day reviews, conferences, section 47 assessments, actions and "
            "letters that are overdue, due today or due in the seven days after today, as "
            "Home shows them. Children are named by their local authority reference only."
        ),
    )
    common.add_workspace_arguments(due)
    due.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list, one object per item, with child, kind, due and state",
    )
    _add_today(due)
    due.set_defaults(handler=_deadlines)


def _add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=common.iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="count as if today were this date (default: today in England)",
    )


def _today(args: argparse.Namespace) -> dt.date:
    return args.today if args.today is not None else clock.today()


def _deadlines(args: argparse.Namespace) -> int:
    from app.services.deadlines import deadlines

    with common.unlock(args) as workspace:
        found = deadlines(workspace, today=_today(args))
    if args.json:
        common.print_json(found.as_json())
        return common.EXIT_OK
    if found.is_empty:
        common.say("Nothing is overdue or due in the coming week.")
        return common.EXIT_OK
    for item in found.items:
        state = item.state(found.today).value.replace("-", " ")
        common.say(f"{item.due.isoformat()}  {state:<13}  {item.la_child_ref}  {item.kind.label}")
    return common.EXIT_OK


def _register(args: argparse.Namespace) -> int:
    from app.services.register import all_register_rows

    with common.unlock(args) as workspace:
        rows = all_register_rows(workspace, today=_today(args))
    if args.json:
        common.print_json([row.as_json() for row in rows])
        return common.EXIT_OK
    if not rows:
        common.say("No child is in the register.")
        return common.EXIT_OK
    for row in rows:
        common.say(_line(row))
    overdue = sum(1 for row in rows if row.overdue)
    common.say(f"{len(rows)} in the register; {overdue} with something overdue.")
    return common.EXIT_OK


def _line(row: RegisterRow) -> str:
    from app.services.register import OVERDUE_LABELS, STATUS_LABELS

    parts = [row.child, STATUS_LABELS[row.status]]
    if row.lcpp:
        parts.append(f"LCPP {row.lcpp}")
    if row.status == "cp-plan":
        if row.plan_start:
            parts.append(f"plan since {row.plan_start.isoformat()}")
        if row.category:
            parts.append(row.category.label.lower())
        if row.next_review_due:
            parts.append(f"next review {row.next_review_due.isoformat()}")
    else:
        if row.strategy_date:
            parts.append(f"strategy {row.strategy_date.isoformat()}")
        if row.icpc_due:
            extended = " (extended)" if row.icpc_extended else ""
            parts.append(f"ICPC due {row.icpc_due.isoformat()}{extended}")
    if row.overdue:
        parts.append("OVERDUE: " + ", ".join(OVERDUE_LABELS[kind] for kind in row.overdue))
    return "  ".join(parts)
