"""Workspace settings through the service layer."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services.settings import get_settings, update_setting
from app.storage.workspace import Workspace


def test_settings_round_trip_with_types(workspace: Workspace) -> None:
    update_setting(workspace, key="chair_name", value="  Jordan Demo-Chair ")
    update_setting(workspace, key="idle_lock_minutes", value="12")
    update_setting(workspace, key="full_names_in_minutes", value=True)
    update_setting(workspace, key="la_code", value="999")
    settings = get_settings(workspace)
    assert settings.chair_name == "Jordan Demo-Chair"
    assert settings.idle_lock_minutes == 12
    assert settings.full_names_in_minutes is True
    assert settings.la_code == "999"


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("idle_lock_minutes", 0, "between 1 and 60"),
        ("idle_lock_minutes", 61, "between 1 and 60"),
        ("la_code", "12a", "three-digit"),
        ("la_code", "1234", "three-digit"),
        ("no_such_setting", "x", "no setting"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    workspace: Workspace, key: str, value: object, words: str
) -> None:
    before = get_settings(workspace)
    with pytest.raises(ValidationError, match=words):
        update_setting(workspace, key=key, value=value)
    assert get_settings(workspace) == before
