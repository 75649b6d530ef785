"""``macpt report`` (the period's figures as .docx and .csv) and ``macpt export census``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app import clock
from app.cli import common, export_commands


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="the period's figures as a Word report with charts (and a .csv)",
        description="Write the activity report for a period: strategy meetings and their "
        "outcomes, threshold-met rate, ICPC timeliness, extensions, plans, discharge reasons "
        "and attendance by statutory agency.",
    )
    common.add_workspace_arguments(report)
    report.add_argument("--from", dest="start", type=common.iso_date, required=True, metavar="DATE")
    report.add_argument("--to", dest="end", type=common.iso_date, required=True, metavar="DATE")
    report.add_argument(
        "--out", type=common.workspace_path, required=True, metavar="FILE.docx", help="the report"
    )
    report.add_argument(
        "--csv", type=common.workspace_path, default=None, metavar="FILE.csv", help="the figures"
    )
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from app.exporters.docx_base import check_target
    from app.exporters.report import export_report
    from app.exporters.report_csv import check_csv_target
    from app.services.reporting import report_figures

    if args.end < args.start:
        raise common.UsageError(
            "--to is before --from. Give the period's first day, then its last."
        )
    # Folders that cannot be written are reported before the passphrase is asked for.
    check_target(args.out)
    if args.csv:
        check_csv_target(args.csv)
    with common.unlock(args) as workspace:
        figures = report_figures(workspace, start=args.start, end=args.end)
        written = export_report(
            workspace, figures=figures, docx_target=args.out, csv_target=args.csv
        )
    common.say(f"Wrote the report to {written.docx_path}.")
    if written.csv_path:
        common.say(f"Wrote the figures to {written.csv_path}.")
    return common.EXIT_OK


def _print_problems(problems: Any) -> None:
    for p in problems:
        where = p.la_child_ref or "whole return"
        print(f"{p.severity.value} {p.code} {where}: {p.message} To fix: {p.fix}", file=sys.stderr)


def _add_census(kinds: Any) -> None:
    census = kinds.add_parser(
        "census",
        help="the census year's section 47, plan and review items as DfE CIN census XML",
        description="Write the CIN census items MACPT Companion holds (Section47, "
        "ChildProtectionPlans, Reviews) for a census year, after checking them with the "
        "DfE validation rules. Problems are listed on standard error with how to fix them.",
    )
    export_commands.add_export_arguments(census, example="census.xml")
    census.add_argument(
        "--period-end",
        type=common.iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the 31 March the census year ends on (default: the year containing today)",
    )
    census.add_argument(
        "--la-code",
        default="",
        metavar="NNN",
        help="the local authority's three-digit DfE code (default: the workspace's setting)",
    )
    census.add_argument(
        "--strict",
        action="store_true",
        help="write nothing (exit status 1) when the DfE rules find errors",
    )
    census.set_defaults(handler=_export_census)


def _export_census(args: argparse.Namespace) -> int:
    from app.census import CensusRejected, Severity, census_period, export_census, period_ending
    from app.census.export import check_xml_target
    from app.services.settings import get_settings

    period = period_ending(args.period_end) if args.period_end else census_period(clock.today())
    check_xml_target(args.out)
    with common.unlock(args) as workspace:
        try:
            written = export_census(
                workspace,
                target=args.out,
                period=period,
                la_code=args.la_code or get_settings(workspace).la_code,
                allow_errors=not args.strict,
            )
        except CensusRejected as rejected:
            _print_problems(rejected.problems)
            raise
    _print_problems(written.problems)
    errors = sum(1 for p in written.problems if p.severity is Severity.ERROR)
    queries = len(written.problems) - errors
    common.say(
        f"Wrote the {period.label} census items for {written.children} children to "
        f"{written.path} ({errors} errors and {queries} queries from the DfE rules)."
    )
    return common.EXIT_OK


if _add_census not in export_commands.EXPORT_KINDS:
    export_commands.EXPORT_KINDS.append(_add_census)
