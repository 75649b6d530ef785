"""``macpt cases``: the cases in a workspace, with the ids other commands take."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common


def register(commands: Any) -> None:
    cases = commands.add_parser(
        "cases",
        help="list cases, newest first, with their ids",
        description="List the cases, newest first: the case id (which --case takes), the "
        "child's reference, when the case opened and its status. --search narrows them "
        "to a child's name or reference.",
    )
    cases.add_argument("--search", default="", metavar="TEXT", help="a name or reference")
    cases.add_argument("--limit", type=int, default=500, metavar="N", help="at most N cases")
    common.add_workspace_arguments(cases)
    cases.add_argument("--json", action="store_true", help="print JSON")
    cases.set_defaults(handler=_cases)


def _cases(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services.cases import cases_page

    if args.limit < 1:
        raise ValidationError("--limit must be 1 or more.")
    with common.unlock(args) as workspace:
        page = cases_page(workspace, search=args.search, limit=args.limit)
    if args.json:
        common.print_json(
            [
                {
                    "case_id": row.case_id,
                    "child": row.la_child_ref,
                    "opened": row.opened_on.isoformat(),
                    "status": row.status.value,
                }
                for row in page.rows
            ]
        )
        return common.EXIT_OK
    if not page.rows:
        common.say("No cases match." if args.search else "No cases yet.")
    for row in page.rows:
        common.say(
            f"{row.opened_on.isoformat()}  {row.status.value:<7} {row.la_child_ref:<12} "
            f"{row.case_id}"
        )
    if page.total > len(page.rows):
        common.say(f"{len(page.rows)} of {page.total} cases shown; use --search or --limit.")
    return common.EXIT_OK
