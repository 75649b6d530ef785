"""Check and write the CIN census return: the service the command and the app call."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app import paths
from app.census.collect import collect_return
from app.census.model import CensusPeriod, CensusReturn
from app.census.rules import CensusProblem, Severity, check_return
from app.census.xml import census_xml
from app.errors import ExportError
from app.exporters.targets import check_export_target
from app.storage import audit
from app.storage.workspace import Workspace


class CensusRejected(ExportError):
    """The return has errors the DfE would reject; ``problems`` lists them all."""

    def __init__(self, problems: list[CensusProblem]) -> None:
        errors = [p for p in problems if p.severity is Severity.ERROR]
        first = errors[0]
        where = f" ({first.la_child_ref})" if first.la_child_ref else ""
        super().__init__(
            f"The census return has {len(errors)} error(s) the DfE would reject. "
            f"First, rule {first.code}{where}: {first.message} {first.fix} "
            "Put them right and export again, or export anyway to check the rest."
        )
        self.problems = problems


@dataclasses.dataclass(frozen=True)
class CensusExport:
    path: Path
    period: CensusPeriod
    children: int
    problems: tuple[CensusProblem, ...]


def census_return(workspace: Workspace, *, period: CensusPeriod) -> CensusReturn:
    """The census items for ``period``, read in one look at the workspace."""
    with workspace.reading() as session:
        return collect_return(session, period)


def census_problems(
    workspace: Workspace, *, period: CensusPeriod, la_child_ref: str | None = None
) -> list[CensusProblem]:
    """The DfE rules' problems for ``period`` (for one child when a reference is given)."""
    problems = check_return(census_return(workspace, period=period))
    if la_child_ref is not None:
        problems = [p for p in problems if p.la_child_ref == la_child_ref]
    return problems


def check_xml_target(target: Path) -> Path:
    return check_export_target(target, suffix=".xml", example="census.xml")


def export_census(
    workspace: Workspace,
    *,
    target: Path,
    period: CensusPeriod,
    la_code: str = "",
    allow_errors: bool = False,
) -> CensusExport:
    """Write the return for ``period`` to ``target`` atomically, after checking it.

    Raises :class:`CensusRejected` (writing nothing) when the DfE rules find
    errors, unless ``allow_errors``; queries never stop the export.
    """
    target = check_xml_target(target)
    la_code = la_code.strip()
    if la_code and not (la_code.isdigit() and len(la_code) == 3):
        raise ExportError(
            f"{la_code!r} is not a local authority code. Give the three-digit DfE number, "
            "for example 201."
        )
    census = census_return(workspace, period=period)
    problems = check_return(census)
    if not allow_errors and any(p.severity is Severity.ERROR for p in problems):
        raise CensusRejected(problems)
    data = census_xml(census, la_code=la_code)
    with workspace.transaction() as session:
        audit.append(
            session, table="census", record_id=period.end.isoformat(), action="export-census"
        )
        session.flush()
        try:
            with paths.atomic_write(target) as tmp:
                tmp.write_bytes(data)
        except OSError as exc:
            raise ExportError(
                f"The census file could not be written in {target.parent} ({exc.strerror}). "
                "Check there is space on the drive and try again."
            ) from exc
    return CensusExport(target, period, len(census.children), tuple(problems))
