"""The DfE children in need (CIN) census items that MACPT Companion holds.

The app supplies the Section 47, child protection plan and review items (see
docs/census.md); the local authority's case system supplies the rest of the
return. ``rules`` checks them with the DfE validation rules whose fields the
app holds, each problem with a way to put it right. No Qt here.
"""

from app.census.export import (
    CensusExport,
    CensusRejected,
    census_problems,
    census_return,
    export_census,
)
from app.census.model import CensusChild, CensusPeriod, CensusPlan, CensusReturn, CensusSection47
from app.census.period import census_period, period_ending
from app.census.rules import CHECKED_RULES, HELD_RULES, CensusProblem, Severity, check_return
from app.census.xml import census_xml

__all__ = [
    "CHECKED_RULES",
    "HELD_RULES",
    "CensusChild",
    "CensusExport",
    "CensusPeriod",
    "CensusPlan",
    "CensusProblem",
    "CensusRejected",
    "CensusReturn",
    "CensusSection47",
    "Severity",
    "census_period",
    "census_problems",
    "census_return",
    "census_xml",
    "check_return",
    "export_census",
    "period_ending",
]
