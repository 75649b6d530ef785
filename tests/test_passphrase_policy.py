"""The passphrase policy: long enough, not common, typed the same twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import WeakPassphrase
from app.services.passphrase import POLICY_TEXT, check_new_passphrase
from app.services.workspace import create_workspace
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers.workspaces import macpt


@pytest.mark.parametrize(
    ("passphrase", "confirmation", "reason"),
    [
        ("kettle7orbit", "kettle7orbi", "not the same"),
        ("", "", "has 0 characters; it needs at least 12"),
        ("orbit kettle", "orbit kettle", None),  # 12 characters: long enough
        ("kettle orbit", "kettle orbi", "not the same"),
        ("tiny", "tiny", "has 4 characters; it needs at least 12"),
        ("elevenchars", "elevenchars", "has 11 characters; it needs at least 12"),
        ("password1234", "password1234", "too common or predictable"),
        ("qwertyuiop12", "qwertyuiop12", "too common or predictable"),
        ("123456789012", "123456789012", "too common or predictable"),
        ("aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", "too common or predictable"),
        (" " + PASSPHRASE, " " + PASSPHRASE, "starts or ends with a space"),
    ],
)
def test_policy_refuses_with_a_reason(
    passphrase: str, confirmation: str, reason: str | None
) -> None:
    if reason is None:
        check_new_passphrase(passphrase, confirmation)
        return
    with pytest.raises(WeakPassphrase, match=reason) as raised:
        check_new_passphrase(passphrase, confirmation)
    message = str(raised.value)
    assert message.endswith(".")
    if passphrase.strip():
        assert passphrase.strip() not in message  # the passphrase is never echoed back


def test_good_passphrases_pass() -> None:
    for good in (PASSPHRASE, OTHER_PASSPHRASE, "Zebra-Lamp-Kettle-49"):
        check_new_passphrase(good, good)


def test_policy_text_explains_why() -> None:
    assert "at least 12 characters" in POLICY_TEXT
    assert "not a common password" in POLICY_TEXT
    assert "cannot be recovered" in POLICY_TEXT


def test_a_weak_passphrase_creates_no_workspace(tmp_path: Path) -> None:
    path = tmp_path / "w.macpt"
    with pytest.raises(WeakPassphrase, match="at least 12"):
        create_workspace(path, "short")
    assert list(tmp_path.iterdir()) == []


def test_macpt_init_refuses_a_common_password_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "w.macpt"
    result = macpt("init", "--workspace", str(path), "--passphrase-stdin", stdin="password1234\n")
    assert result.returncode == 1
    assert result.stderr.startswith("macpt: That passphrase is too common or predictable.")
    assert len(result.stderr.splitlines()) == 1
    assert not path.exists()
