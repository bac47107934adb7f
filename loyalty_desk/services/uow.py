"""Units of work: one database transaction per service call.

A write runs inside one transaction that commits whole or not at all. On a
lost race (a unique key taken by another register, a serialization failure,
a deadlock) the whole call is run again once more from the start, when it will
see the other register's row and answer as a replay or a clear error.

A write waits for another register's lock for at most the database's
`busy_timeout_s`, counted from the start of the call and across its attempts;
then it is rolled back and refused with DatabaseBusy, and may simply be tried
again.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy import Connection, Exists, bindparam, event, exists, inspect, select
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..db import Database
from ..db.engine import DEADLINE_OPTION, is_lock_timeout, storage_refusal, unreachable
from ..db.prepared import Prepared
from ..domain.permissions import DESCRIPTIONS, ActorKind, Permission, Role, allows
from ..errors import DatabaseBusy, DatabaseReadOnly, LoyaltyError, NotFound, PermissionDenied, ValidationError
from ..models import Shop, Staff
from ..models.base import attached_row
from ..redaction import describe
from .clock import Clock, checked_now, local_date, zone

log = logging.getLogger(__name__)
T = TypeVar("T")
M = TypeVar("M")
ATTEMPTS = 4
ROWS_KEY = "loyalty_rows"  # Session.info: the rows a write used, by table and id (note_rows)


@dataclass(frozen=True, slots=True)
class Acting:
    """Who a unit of work acts for; every row it writes records it (`columns`).

    No kind: nobody named, in a shop without staff accounts (anything goes, as before them).
    The system (the daily jobs) may do anything too. A staff member may do what their role
    allows; `approver_id` is the manager or owner whose PIN approved this call, if any.
    """

    kind: ActorKind | None = None
    staff_id: int | None = None
    role: Role | None = None
    approver_id: int | None = None
    api_key_id: int | None = None       # the HTTP API's key (kind API); its scope was checked

    def may(self, permission: Permission) -> bool:
        return self.role is None or allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        """PermissionDenied unless this actor may do it (the table: domain/permissions.py)."""
        if not self.may(permission):
            raise PermissionDenied(f"A {self.role} cannot {DESCRIPTIONS[permission]}")

    def columns(self) -> dict[str, Any]:
        return {"actor_kind": self.kind.value if self.kind else None, "actor_staff_id": self.staff_id,
                "approver_staff_id": self.approver_id, "actor_api_key_id": self.api_key_id}


NOBODY = Acting()
SYSTEM = Acting(ActorKind.SYSTEM)


def active_staff(user_id: Any) -> Exists:
    """Whether a shop has an active staff account: then every guarded call needs one."""
    return exists().where(Staff.user_id == user_id, Staff.active.is_(True))


# The shop's row and its staff flag (Ctx.shop), read on every call: prepared once, and without
# the logo (up to 512 KB, loaded when first read).
_SHOP = Prepared(select(*[column for column in Shop.__table__.columns if column.key != "logo_png"],
                        active_staff(Shop.user_id).label("shop_staffed"))
                 .where(Shop.user_id == bindparam("user")))


@dataclass
class Ctx:
    """What a service function needs: the session, the shop, the time of the call and who acts."""

    session: Session
    user_id: str
    now: dt.datetime
    acting: Acting = NOBODY
    register: str | None = None     # the register (a desktop's name) the write comes from

    def acted(self) -> dict[str, Any]:
        """Who wrote a row, for its Acted columns: the actor, and the register they were at."""
        return {**self.acting.columns(), "register_name": self.register}

    @cached_property
    def shop(self) -> Shop | None:
        # With the shop, whether it has staff accounts: every guarded write asks (`staffed`).
        rows = _SHOP.rows(self.conn, {"user": self.user_id})
        if not rows:
            return None
        values = rows[0]._asdict()
        self.staffed = bool(values.pop("shop_staffed"))
        return attached_row(self.session, Shop, values)

    @cached_property
    def staffed(self) -> bool:
        """The shop has an active staff account (as of this unit of work's first look)."""
        return bool(self.session.scalar(select(active_staff(self.user_id))))

    @cached_property
    def conn(self) -> Connection:
        """The connection of this unit of work, for Core statements on the hot paths (no ORM
        identity-map work; the same transaction as `session`)."""
        return self.session.connection()

    @cached_property
    def tz(self) -> dt.tzinfo:
        return zone(self.shop.zone_name_at(self.now)) if self.shop else dt.UTC

    def owned(self, model: type[M], row_id: int, what: str) -> M:
        """A row of this shop by id, or NotFound: another shop's row is reported exactly like a missing one."""
        key, owner = getattr(model, "id"), getattr(model, "user_id")  # noqa: B009 - any model with both columns
        row = self.session.scalar(select(model).where(key == row_id, owner == self.user_id))
        if row is None:
            raise NotFound(f"No {what} #{row_id}")
        return row

    @contextmanager
    def acting_as(self, acting: Acting) -> Iterator[None]:
        """Rows written inside are recorded as `acting`'s (e.g. the system's, during a sale)."""
        before, self.acting = self.acting, acting
        try:
            yield
        finally:
            self.acting = before

    def forget_zone(self) -> None:
        """After the shop's time zone changed within this unit of work."""
        self.__dict__.pop("tz", None)

    @property
    def region(self) -> str:
        return self.shop.phone_region if self.shop else "US"

    @property
    def today(self) -> dt.date:
        return local_date(self.now, self.tz)


class _ReadCtx(Ctx):
    """A read's context: its connection now, a session (bound to it) only when first used, so a
    read made of Core statements pays for no session at all."""

    def __init__(self, conn: Connection, sessions: Callable[..., Session], user_id: str, now: dt.datetime) -> None:
        self.user_id, self.now, self.acting = user_id, now, NOBODY
        self.conn = conn
        self._sessions = sessions

    @cached_property
    def session(self) -> Session:  # type: ignore[override]
        return self._sessions(bind=self.conn)


class UnitOfWork:
    def __init__(self, db: Database, clock: Clock, *, before_write: Callable[[Ctx], object] | None = None) -> None:
        self.db = db
        self.clock = clock
        # Runs first in every write, in its transaction (the facade puts a due time zone in force).
        self.before_write = before_write
        # The register (a desktop's name for itself) recorded on every row its writes make.
        self.register_name: str | None = None
        for when in ("loaded_as_persistent", "pending_to_persistent"):
            event.listen(db.write_sessions, when, remember_row)

    @contextmanager
    def read(self, user_id: str, *, now: dt.datetime | None = None) -> Iterator[Ctx]:
        # The session is bound to a connection of our own: a read that only runs Core statements
        # (ctx.conn) then skips the session's transaction bookkeeping.
        try:
            conn = self.db.reads.take()
        except DBAPIError as exc:
            lost = unreachable(exc, self.db.url)
            if lost is None:
                raise
            raise lost from exc
        ctx = _ReadCtx(conn, self.db.read_sessions, user_id, now or checked_now(self.clock))
        finished = False
        try:
            yield ctx
            finished = True
        except OperationalError as exc:
            if is_lock_timeout(exc):
                raise DatabaseBusy() from exc
            lost = unreachable(exc, self.db.url)
            if lost is None:
                raise
            raise lost from exc
        except UnicodeEncodeError as exc:
            raise unstorable_text() from exc
        except DataError as exc:
            if _is_nul_refused(exc):
                raise unstorable_text() from exc
            raise
        finally:
            if "session" in ctx.__dict__:
                ctx.session.close()
            self.db.reads.give_back(conn, reusable=finished)

    def write(self, user_id: str, work: Callable[[Ctx], T], *, now: dt.datetime | None = None,
              acting: Acting = NOBODY) -> T:
        if self.db.read_only:
            raise DatabaseReadOnly()
        deadline = time.monotonic() + self.db.busy_timeout_s
        for attempt in range(1, ATTEMPTS + 1):
            session = self.db.write_sessions()
            committing = False
            try:
                # Begin now, waiting for the write lock no later than the deadline.
                session.connection(execution_options={DEADLINE_OPTION: deadline})
                ctx = Ctx(session, user_id, now or checked_now(self.clock), acting, self.register_name)
                if self.before_write is not None:
                    self.before_write(ctx)
                result = work(ctx)
                committing = True
                session.commit()
                return result
            except LoyaltyError:
                session.rollback()
                raise
            except IntegrityError as exc:
                session.rollback()
                if attempt == ATTEMPTS or not _is_unique_violation(exc):
                    # Described, never the driver's text: PostgreSQL's DETAIL repeats the row.
                    log.warning("write refused by a constraint: %s", describe(exc))
                    raise ValidationError(f"That change conflicts with existing data ({_short(exc)})") from exc
            except DBAPIError as exc:
                note_rows(exc, session, user_id)
                session.rollback()
                refusal = storage_refusal(exc) or unreachable(exc, self.db.url, committing=committing)
                if refusal is not None:
                    log.warning("write refused by the storage: %s", type(refusal).__name__)
                    raise refusal from exc
                if _is_nul_refused(exc):
                    raise unstorable_text() from exc
                if not isinstance(exc, OperationalError):
                    raise
                if is_lock_timeout(exc):
                    if attempt == ATTEMPTS or time.monotonic() >= deadline:
                        log.warning("write gave up waiting for the database (limit %.1f s)", self.db.busy_timeout_s)
                        raise DatabaseBusy() from exc
                elif attempt == ATTEMPTS or not _is_transient(exc):
                    raise
            except UnicodeEncodeError as exc:
                session.rollback()
                raise unstorable_text() from exc
            except BaseException as exc:
                note_rows(exc, session, user_id)
                session.rollback()
                raise
            finally:
                session.close()
            log.info("write lost a race (attempt %d), running it again", attempt)
        raise AssertionError("unreachable")


def remember_row(session: Session, row: object) -> None:
    """Session event: the write read or wrote this row. Kept by table and id, because the identity
    map holds rows weakly: by the time a commit fails, the rows its work used may be gone from it."""
    ident = inspect(row).identity
    if ident is not None:
        table = str(getattr(type(row), "__tablename__", type(row).__name__))
        session.info.setdefault(ROWS_KEY, {}).setdefault(table, {})["/".join(map(str, ident))] = None


def note_rows(exc: BaseException, session: Session, user_id: str) -> None:
    """Name on an unexpected error the rows the write had in hand, by table and id (ids only: this
    note is what a crash report may say about the data)."""
    if not isinstance(exc, Exception):
        return
    rows: dict[str, dict[str, None]] = session.info.get(ROWS_KEY, {})
    listed = "; ".join(f"{table} #{', #'.join(list(ids)[:5])}" + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
                       for table, ids in sorted(rows.items()))
    exc.add_note(f"in a write for shop {user_id!r}" + (f", with {listed}" if listed else ""))


def unstorable_text() -> ValidationError:
    """A backstop for text that reached the driver unchecked: a lone surrogate (no UTF-8 can encode
    it) or, on PostgreSQL, a NUL. validation.check_clean refuses both first wherever text comes in."""
    return ValidationError("The text contains characters that cannot be stored")


def _is_nul_refused(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return isinstance(exc, DataError) and ("0x00" in text or "nul character" in text or "\\u0000" in text)


def _short(exc: DBAPIError) -> str:
    return str(exc.orig).splitlines()[0][:200]


def _is_unique_violation(exc: IntegrityError) -> bool:
    text = str(exc.orig).lower()
    return "unique" in text or "duplicate key" in text


def _is_transient(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    # PostgreSQL serialization failures and deadlocks, SQLite lock time-outs.
    return any(s in text for s in ("deadlock", "could not serialize", "database is locked", "busy"))
