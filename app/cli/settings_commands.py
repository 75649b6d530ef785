"""``macpt settings get KEY`` and ``macpt settings set KEY VALUE``: configure by script.

Administrators set up laptops without opening the app: the chair's name, the
local authority, the team's contact details, the idle lock and closure days.
Values are checked as the Settings page checks them; the passphrase comes
from standard input or a prompt, as for every command.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common
from app.setting_names import SETTING_NAMES


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "settings",
        help="read or change a workspace setting",
        description=(
            "Read or change one setting of a workspace. Closure days are written "
            "'YYYY-MM-DD description', separated by ';' (setting them replaces the list; "
            "an empty value clears it). The team contact may hold several lines, "
            "separated by new lines."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    get = actions.add_parser("get", help="print a setting")
    get.add_argument("key", metavar="KEY", choices=SETTING_NAMES, help=", ".join(SETTING_NAMES))
    common.add_workspace_arguments(get)
    get.set_defaults(handler=_get)
    put = actions.add_parser("set", help="change a setting")
    put.add_argument("key", metavar="KEY", choices=SETTING_NAMES, help=", ".join(SETTING_NAMES))
    put.add_argument("value", metavar="VALUE", help="the new value ('' to clear a text)")
    common.add_workspace_arguments(put)
    put.set_defaults(handler=_set)


def _get(args: argparse.Namespace) -> int:
    from app.services.settings import get_named_setting

    with common.unlock(args) as workspace:
        value = get_named_setting(workspace, name=args.key)
    if value:
        common.say(value)
    return common.EXIT_OK


def _set(args: argparse.Namespace) -> int:
    from app.services.settings import set_named_setting

    with common.unlock(args) as workspace:
        stored = set_named_setting(workspace, name=args.key, value=args.value)
    shown = stored.replace("\n", "; ") if stored else "(empty)"
    common.say(f"{args.key} is now: {shown}")
    return common.EXIT_OK
