"""The shop server this register uses (File ▸ Connect to shop server…), remembered for the next start.

The address (host, port, database, user) is kept in `register.json` in the settings folder
(0600), with this register's name. The password never goes into a file: it goes to the OS
keyring (the `keyring` library:
Secret Service, macOS Keychain, Windows Credential Locker). Where no keyring is available the
password is not remembered, and the server must accept the register without one (a `.pgpass`
file, or `trust` for the shop's network), which the connect dialog says.

Lives at the package root, beside paths.py: the composition root reads it before any database
is opened, and the desktop's dialog writes it.
"""
from __future__ import annotations

import json
import logging
import socket
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import paths

log = logging.getLogger(__name__)
KEYRING_SERVICE = "loyalty-desk"
REGISTER_NAME_MAX = 40      # the rows' register_name column
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


def _read() -> dict[str, Any]:
    try:
        saved = json.loads(choice_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("%s is unreadable: using this computer's database and name", choice_file())
        return {}
    return saved if isinstance(saved, dict) else {}


def _write(saved: dict[str, Any]) -> None:
    paths.private_dir(choice_file().parent)
    with open(choice_file(), "w", encoding="utf-8", opener=paths.open_private) as out:
        out.write(json.dumps(saved, indent=2) + "\n")


def remembered() -> ServerAddress | None:
    """The server chosen last, with its password from the keyring when there is one; None: this computer's file."""
    server: Any = _read().get("server")
    try:
        address = ServerAddress(str(server["host"]), int(server["port"]), str(server["database"]),
                                str(server["user"]))
    except (KeyError, TypeError, ValueError):
        if server is not None:
            log.warning("the shop server in %s is unreadable: using this computer's database", choice_file())
        return None
    return replace(address, password=_keyring_password(address) or "")


def server_chosen() -> bool:
    """Whether a shop server is remembered, without asking the keyring (which may prompt to unlock)."""
    return isinstance(_read().get("server"), dict)


def remember(address: ServerAddress) -> bool:
    """Keep the choice for the next start; True when the password went to the keyring (or there was none)."""
    _write({**_read(), "server": {"host": address.host, "port": address.port, "database": address.database,
                                  "user": address.user}})
    if not address.password:
        return True
    return _store_password(address)


def forget() -> None:
    """Back to this computer's own database file (File ▸ Use this computer only); the register keeps its name."""
    saved = _read()
    if saved.pop("server", None) is not None:
        _write(saved)


def register_name() -> str:
    """This register's name (Settings ▸ This register…), recorded on the rows it writes: the computer's
    name until one is chosen."""
    name = _read().get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()[:REGISTER_NAME_MAX]
    return (socket.gethostname() or "register")[:REGISTER_NAME_MAX]


def set_register_name(name: str) -> None:
    _write({**_read(), "name": name.strip()[:REGISTER_NAME_MAX]})


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
