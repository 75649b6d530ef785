"""Run the DfE CIN census rules (the ``csc-validator-be-cin`` package) on XML files.

Usage: dfe_census_check.py RULESET FILE.xml [FILE.xml …]; prints one JSON object
per file: ``{"file", "issues": [{"code", "child"}], "crashed": [codes]}``, for
the rules in app.census.HELD_RULES only. Runs in its own process because the
package needs pandas 1.x, whose import warnings the test run treats as errors.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import re
import sys
import warnings
import xml.etree.ElementTree as ET


def main() -> None:
    warnings.simplefilter("ignore")
    from cin_validator import cin_validator

    from app.census import HELD_RULES

    ruleset, files = sys.argv[1], sys.argv[2:]
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    for name in files:
        data = cin_validator.process_data(cin_validator.convert_data(ET.parse(name).getroot()))
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            result = cin_validator.CinValidator(data, registry, selected_rules=list(HELD_RULES))
        issues = {
            (str(row["rule_code"]), str(row["child_id"]))
            for _, row in result.full_issue_df.iterrows()
        }
        issues |= {(str(code), "") for code in result.multichild_issues["rule_code"]}
        crashed = re.findall(r"Error with rule (\w+)", printed.getvalue())
        print(
            json.dumps(
                {
                    "file": name,
                    "issues": [{"code": c, "child": k} for c, k in sorted(issues)],
                    "crashed": crashed,
                }
            )
        )


if __name__ == "__main__":
    main()
