"""``macpt register``: every child with an open section 47 enquiry or a child protection plan.

Children are named by their local authority reference only: what a command
prints ends up in terminals, logs and files.
"""

from __future__ import annotations

import argparse
from typing import Any

from app import clock
from app.cli import common
from app.services.register import OVERDUE_LABELS, STATUS_LABELS, RegisterRow, all_register_rows


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
    parser.set_defaults(handler=_register)


def _register(args: argparse.Namespace) -> int:
    with common.unlock(args) as workspace:
        rows = all_register_rows(workspace, today=clock.today())
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
