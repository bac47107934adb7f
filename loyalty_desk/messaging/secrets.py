"""The mail server's password, kept in the OS keyring (macOS Keychain, Windows Credential Locker,
the Secret Service on Linux) through the `keyring` library: never in the database or a file."""
from __future__ import annotations

# `keyring` is imported where it is used: loading it (and its backends' entry points) is 30-100 ms
# the desktop's start-up does not need.

SERVICE = "loyalty-desk-smtp"


class KeyringMissing(Exception):
    """This computer has no keyring to keep the password in."""

    def __init__(self) -> None:
        super().__init__("No keyring is available on this computer (no Keychain, Credential Locker or Secret "
                         "Service), so the mail server's password cannot be kept; mail is sent without signing "
                         "in, which only works if the server allows it")


def _entry(user_id: str, username: str, host: str) -> str:
    # One password per shop, account and server: a changed account or server asks for a new one.
    return f"{user_id}:{username}@{host}"


def set_smtp_password(user_id: str, username: str, host: str, password: str) -> None:
    import keyring
    from keyring.errors import NoKeyringError

    try:
        keyring.set_password(SERVICE, _entry(user_id, username, host), password)
    except NoKeyringError as exc:
        raise KeyringMissing() from exc


def get_smtp_password(user_id: str, username: str, host: str) -> str | None:
    """The password, or None when none is kept. KeyringMissing when there is no keyring at all."""
    import keyring
    from keyring.errors import KeyringError, NoKeyringError

    try:
        return keyring.get_password(SERVICE, _entry(user_id, username, host))
    except NoKeyringError as exc:
        raise KeyringMissing() from exc
    except KeyringError:
        return None


def keyring_problem() -> str | None:
    """Why no password can be kept on this computer (no keyring backend), or None when one can."""
    import keyring
    from keyring.backends import fail, null

    if isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring):
        return str(KeyringMissing())
    return None
