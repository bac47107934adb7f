"""The shop server this register uses (File ▸ Connect to shop server…), remembered for the next start.

The address (host, port, database, user) is kept in `register.json` in the settings folder
(0600). The password never goes into a file: it goes to the OS keyring (the `keyring` library:
Secret Service, macOS Keychain, Windows Credential Locker). Where no keyring is available the
password is not remembered, and the server must accept the register without one (a `.pgpass`
file, or `trust` for the shop's network), which the connect dialog says.

Lives at the package root, beside paths.py: the composition root reads it before any database
is opened, and the desktop's dialog writes it.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from . import paths

log = logging.getLogger(__name__)
KEYRING_SERVICE = "loyalty-desk"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str
    password: str = ""

    @property
    def key(self) -> str:
        """The keyring entry's name: one password per server, database and user."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self) -> str:
        from sqlalchemy.engine import URL

        return URL.create("postgresql+psycopg", username=self.user or None, password=self.password or None,
                          host=self.host or None, port=self.port, database=self.database
                          ).render_as_string(hide_password=False)

    def where(self) -> str:
        return f"{self.host or 'localhost'}:{self.port}"


def choice_file() -> Path:
    return paths.config_dir() / "register.json"


def remembered() -> ServerAddress | None:
    """The server chosen last, with its password from the keyring when there is one; None: this computer's file."""
    try:
        saved = json.loads(choice_file().read_text(encoding="utf-8"))
        address = ServerAddress(str(saved["host"]), int(saved["port"]), str(saved["database"]), str(saved["user"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("%s is unreadable: using this computer's database", choice_file())
        return None
    return replace(address, password=_keyring_password(address) or "")


def remember(address: ServerAddress) -> bool:
    """Keep the choice for the next start; True when the password went to the keyring (or there was none)."""
    paths.private_dir(choice_file().parent)
    body = json.dumps({"host": address.host, "port": address.port, "database": address.database,
                       "user": address.user}, indent=2)
    with open(choice_file(), "w", encoding="utf-8", opener=paths.open_private) as out:
        out.write(body + "\n")
    if not address.password:
        return True
    return _store_password(address)


def forget() -> None:
    """Back to this computer's own database file (File ▸ Use this computer only)."""
    choice_file().unlink(missing_ok=True)


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # noqa: BLE001 - a broken keyring set-up is no keyring
        return False


def _store_password(address: ServerAddress) -> bool:
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, address.key, address.password)
    except Exception as exc:  # noqa: BLE001 - any backend failure: not remembered, and said
        log.warning("the keyring refused the password: %s", type(exc).__name__)
        return False
    return True


def _keyring_password(address: ServerAddress) -> str | None:
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, address.key)
    except Exception as exc:  # noqa: BLE001
        log.warning("the keyring could not be read: %s", type(exc).__name__)
        return None
