"""The census items in the DfE CIN census XML shape.

Message / Header (CollectionDetails, Source) / Children / Child with
ChildIdentifiers, an empty ChildCharacteristics (ethnicity and disability are
the case system's), and one CINdetails holding ReferralNFA, any CIN-level
DateOfInitialCPC, the Section47 modules and the ChildProtectionPlans with
their Reviews, then one PreProceedingsandFGDM per pre-proceedings episode
(module 5, from 2026-27). Element names and order follow the DfE's CIN census
specification as the DfE validation rules read it. No names are written: the
census identifies children by the local authority's reference alone.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from app import APP_NAME, __version__, clock
from app.census.model import (
    CensusChild,
    CensusPlan,
    CensusPreProceedings,
    CensusReturn,
    CensusSection47,
)
from app.models import Sex

SEX_CODES = {Sex.MALE: "M", Sex.FEMALE: "F", Sex.NOT_KNOWN: "U"}


def _add(parent: ET.Element, tag: str, value: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if value is not None:
        element.text = value
    return element


def _date(day: dt.date) -> str:
    return day.isoformat()


def _flag(value: bool) -> str:
    # 0/1 rather than false/true: every DfE rule reads the numeric form.
    return "1" if value else "0"


def census_xml(census: CensusReturn, *, la_code: str = "", serial: str = "001") -> bytes:
    """The return as UTF-8 XML bytes, with an XML declaration and indentation."""
    message = ET.Element("Message")
    header = _add(message, "Header")
    details = _add(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", str(census.period.end.year))
    _add(details, "ReferenceDate", _date(census.period.end))
    source = _add(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", la_code)
    _add(source, "SoftwareCode", APP_NAME)
    _add(source, "Release", __version__)
    _add(source, "SerialNo", serial)
    _add(source, "DateTime", clock.utcnow().replace(tzinfo=None, microsecond=0).isoformat())
    children = _add(message, "Children")
    for child in census.children:
        _child(children, child)
    ET.indent(message, space="  ")
    written: bytes = ET.tostring(message, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _child(parent: ET.Element, child: CensusChild) -> None:
    element = _add(parent, "Child")
    identifiers = _add(element, "ChildIdentifiers")
    _add(identifiers, "LAchildID", child.la_child_ref)
    if child.date_of_birth is not None:
        _add(identifiers, "PersonBirthDate", _date(child.date_of_birth))
    elif child.expected_date_of_birth is not None:
        _add(identifiers, "ExpectedPersonBirthDate", _date(child.expected_date_of_birth))
    # The census records an unborn child's sex as U, whatever a scan suggests.
    _add(identifiers, "Sex", "U" if child.is_unborn else SEX_CODES[child.sex])
    _add(element, "ChildCharacteristics")
    details = _add(element, "CINdetails")
    if child.icpc_without_s47 is not None:
        _add(details, "DateOfInitialCPC", _date(child.icpc_without_s47))
    for s47 in child.section47s:
        _section47(details, s47)
    # A child with MACPT activity was not a referral closed with no further action.
    _add(details, "ReferralNFA", _flag(False))
    for plan in child.plans:
        _plan(details, plan)
    for episode in child.pre_proceedings:
        _pre_proceedings(details, episode)


def _section47(parent: ET.Element, s47: CensusSection47) -> None:
    element = _add(parent, "Section47")
    _add(element, "S47ActualStartDate", _date(s47.start))
    _add(element, "InitialCPCtarget", _date(s47.icpc_target))
    if s47.icpc_date is not None:
        _add(element, "DateOfInitialCPC", _date(s47.icpc_date))
    _add(element, "ICPCnotRequired", _flag(s47.icpc_not_required))


def _plan(parent: ET.Element, plan: CensusPlan) -> None:
    element = _add(parent, "ChildProtectionPlans")
    _add(element, "CPPstartDate", _date(plan.start))
    if plan.end is not None:
        _add(element, "CPPendDate", _date(plan.end))
    _add(element, "InitialCategoryOfAbuse", plan.initial_category.census_code)
    _add(element, "LatestCategoryOfAbuse", plan.latest_category.census_code)
    _add(element, "NumberOfPreviousCPP", str(plan.previous_plans))
    for review in plan.reviews:
        _add(_add(element, "Reviews"), "CPPreviewDate", _date(review))


def _pre_proceedings(parent: ET.Element, episode: CensusPreProceedings) -> None:
    element = _add(parent, "PreProceedingsandFGDM")
    items: tuple[tuple[str, dt.date | bool | int | str | None], ...] = (
        ("PPStartDate", episode.start),
        ("LBPSentDate", episode.letter_sent),
        ("FGDMMeetingOffer", episode.fgdm_offered),
        ("FGDMMeetingFac", episode.fgdm_facilitated),
        ("InitialPPMeetingDate", episode.first_meeting),
        ("ReviewMeetingsCount", episode.review_meetings),
        ("StepDecisionDate", episode.step_decision),
        ("PPOutcome", episode.outcome),
        ("CourtAppDate", episode.court_application),
        ("LetterInitCPDate", episode.proceedings_letter),
    )
    # An item not yet recorded is left out, as the DfE asks of every optional item.
    for tag, value in items:
        if value is None:
            continue
        if isinstance(value, bool):
            _add(element, tag, _flag(value))
        elif isinstance(value, dt.date):
            _add(element, tag, _date(value))
        else:
            _add(element, tag, str(value))
