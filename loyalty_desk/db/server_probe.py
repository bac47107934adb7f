"""Trying a shop server before a register uses it: one sentence for any refusal, and what the database holds.

psycopg's own messages are long and technical; a shop owner typing a host name needs to know
which of the five fields is wrong. The SQLSTATE codes say it where the server answered; a
connection that never reached a server is told by its message.
"""
from __future__ import annotations

from enum import StrEnum

import psycopg

from ..errors import DatabaseRefused
from ..shop_server import ServerAddress
from .migrate import head_revision, known_revisions
from .sqlite_files import check_schema

CONNECT_TIMEOUT_S = 5


class ServerState(StrEnum):
    READY = "ready"          # a Loyalty Desk database of this version
    EMPTY = "empty"          # no table: it becomes the shop's database after a confirmation
    OLDER = "older"          # an older Loyalty Desk's: updated after a confirmation


class ServerRefused(DatabaseRefused):
    """The server, the user, the password or the database was refused: `str()` is one sentence for a person."""


def probe_server(address: ServerAddress, *, timeout_s: int = CONNECT_TIMEOUT_S) -> ServerState:
    where = address.where()
    try:
        conn = psycopg.connect(host=address.host or None, port=address.port, dbname=address.database,
                               user=address.user or None, password=address.password or None,
                               connect_timeout=timeout_s, application_name="loyalty-desk probe")
    except psycopg.OperationalError as exc:
        sentence, field = _reason(exc, address)
        raise ServerRefused(sentence, field=field) from None
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
            tables = {row[0] for row in cur.fetchall()}
            revision = None
            if "alembic_version" in tables:
                cur.execute("SELECT version_num FROM alembic_version")
                found = cur.fetchone()
                revision = found[0] if found else None
    finally:
        conn.close()
    if check_schema(f"The database “{address.database}” on {where}", tables, revision):
        return ServerState.EMPTY
    assert revision in known_revisions()
    return ServerState.READY if revision == head_revision() else ServerState.OLDER


def refusal(exc: psycopg.OperationalError, host: str | None, port: int | None, database: str | None,
            user: str | None) -> ServerRefused:
    """A server's refusal met while opening a database URL, in the same sentences as the connect dialog's."""
    sentence, field = _reason(exc, ServerAddress(host or "", port or 5432, database or "", user or ""))
    return ServerRefused(sentence, field=field)


def _reason(exc: psycopg.OperationalError, address: ServerAddress) -> tuple[str, str]:
    """The sentence, and the field of the connect dialog it is about."""
    where = address.where()
    state = getattr(exc, "sqlstate", None)
    text = str(exc).lower()
    if state == "28P01" or "password authentication failed" in text:
        return f"The password was refused for the user “{address.user}” on {where}.", "password"
    if "no password supplied" in text:
        return f"The server at {where} asks for a password for the user “{address.user}”.", "password"
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return (f"The database “{address.database}” does not exist on {where}: "
                "create it first (docs/multi-register.md)."), "database"
    if "role" in text and "does not exist" in text:
        return f"The user “{address.user}” does not exist on {where}.", "user"
    if state == "28000" or "no pg_hba.conf entry" in text:
        return (f"The server at {where} does not accept this computer for the user “{address.user}” "
                "(pg_hba.conf)."), "host"
    if "could not translate host name" in text or "name or service not known" in text:
        return f"No computer called “{address.host}” was found on the network.", "host"
    if "timeout" in text or "timed out" in text:
        return f"No answer from {where} within {CONNECT_TIMEOUT_S} seconds.", "host"
    if "connection refused" in text or "no such file or directory" in text:
        return f"No server at {where}: is PostgreSQL running there, on that port?", "port"
    return f"The server at {where} refused the connection.", "host"
