"""The passphrase policy for new workspaces and new passphrases."""

from __future__ import annotations

from app.errors import WeakPassphrase

MIN_LENGTH = 12

POLICY_TEXT = (
    "Choose a passphrase of at least 12 characters that is not a common password: "
    "three or four unrelated words work well. It is the only thing that protects the "
    "records in this workspace if the laptop is lost, and it cannot be recovered if "
    "forgotten, so keep it somewhere safe that your organisation approves."
)


def check_new_passphrase(passphrase: str, confirmation: str) -> None:
    """Raise :class:`WeakPassphrase` with a reason unless ``passphrase`` is acceptable."""
    if passphrase != confirmation:
        raise WeakPassphrase("The two passphrases are not the same. Type them again.")
    if len(passphrase) < MIN_LENGTH:
        raise WeakPassphrase(
            f"The passphrase has {len(passphrase)} characters; it needs at least {MIN_LENGTH}."
        )
    if passphrase.strip() != passphrase:
        raise WeakPassphrase("The passphrase starts or ends with a space. Remove it.")
    from zxcvbn import zxcvbn  # its word lists take a while to load; only checking needs them

    result = zxcvbn(passphrase[:100])
    if result["score"] < 3:
        warning = result["feedback"].get("warning") or "It is too easy to guess."
        raise WeakPassphrase(
            f"That passphrase is too common or predictable. {warning.rstrip('.')}. "
            "Try three or four unrelated words."
        )
