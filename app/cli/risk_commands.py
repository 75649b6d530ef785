"""``macpt risk show|record MEETING_ID``: whether the child is thought to pose a risk
of harm to others, as a strategy meeting or conference answers it.

``record --none-known`` records "none known"; otherwise ``--to-whom`` and
``--what`` are needed, with ``--agency`` for each agency involved (given more
than once) and ``--other-agency`` naming one not in the list. The rules are the
app's: the meeting must have started and have a chair, and once its minutes are
signed off the answer changes only by an amendment.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common

AGENCIES = ("prevent", "youth-justice", "camhs", "police", "education", "other")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "risk",
        help="show or record whether the child is thought to pose a risk of harm to others",
        description=__doc__,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="show what the meeting recorded")
    show.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    show.add_argument("--json", action="store_true", help="print JSON")
    common.add_workspace_arguments(show)
    show.set_defaults(handler=_show)

    record = actions.add_parser("record", help="record the meeting's answer (replacing one)")
    record.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    record.add_argument(
        "--none-known", action="store_true", help="no risk of harm to others is known"
    )
    record.add_argument("--to-whom", default="", metavar="TEXT", help="to whom")
    record.add_argument("--what", default="", metavar="TEXT", help="what the risk is")
    record.add_argument(
        "--agency",
        choices=AGENCIES,
        action="append",
        default=[],
        help="an agency involved; give it once for each",
    )
    record.add_argument("--other-agency", default="", metavar="NAME", help='the "other" agency')
    common.add_workspace_arguments(record)
    record.set_defaults(handler=_record)


def _describe(row: Any) -> list[str]:
    from app.models import RiskAssessment

    lines = [f"Risk to others: {row.assessment.label}"]
    if row.assessment is RiskAssessment.RISK:
        lines += [
            f"  To whom:   {row.to_whom}",
            f"  What:      {row.what}",
            f"  Agencies:  {row.agencies_text}",
        ]
    lines.append(f"  Recorded by {row.recorded_by}")
    return lines


def _show(args: argparse.Namespace) -> int:
    from app.cli.meeting_show import risk_json
    from app.services.conduct.restriction import load_restrictions
    from app.services.conduct.risk_to_others import load_risk_to_others

    with common.unlock(args) as workspace:
        row = load_risk_to_others(workspace, meeting_id=args.meeting_id)
        rules = load_restrictions(workspace, meeting_id=args.meeting_id)
    if args.json:
        common.print_json(risk_json(row, rules))
    elif row is None:
        common.say("Risk to others: not recorded.")
    else:
        common.say("\n".join(_describe(row)))
    return common.EXIT_OK


def _record(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.models import RiskAgency, RiskAssessment
    from app.services.conduct.risk_to_others import record_risk_to_others

    if args.none_known and (args.to_whom or args.what or args.agency or args.other_agency):
        raise ValidationError(
            "--none-known records no detail: leave out --to-whom, --what and the agencies."
        )
    with common.unlock(args) as workspace:
        row = record_risk_to_others(
            workspace,
            meeting_id=args.meeting_id,
            assessment=RiskAssessment.NONE_KNOWN if args.none_known else RiskAssessment.RISK,
            to_whom=args.to_whom,
            what=args.what,
            agencies=[RiskAgency(a) for a in args.agency],
            agencies_other=args.other_agency,
        )
    common.say("\n".join(_describe(row)))
    return common.EXIT_OK
