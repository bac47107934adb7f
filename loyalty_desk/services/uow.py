"""Units of work: one database transaction per service call.

A write runs inside one transaction that commits whole or not at all. On a
lost race (a unique key taken by another register, a serialization failure,
a deadlock) the whole call is run again once more from the start, when it will
see the other register's row and answer as a replay or a clear error.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..db import Database
from ..errors import LoyaltyError, ValidationError
from ..models import Shop
from .clock import Clock, checked_now, local_date, zone

log = logging.getLogger(__name__)
T = TypeVar("T")
ATTEMPTS = 4


@dataclass
class Ctx:
    """What a service function needs: the session, the shop, and the time of the call."""

    session: Session
    user_id: str
    now: dt.datetime

    @cached_property
    def shop(self) -> Shop | None:
        return self.session.get(Shop, self.user_id)

    @cached_property
    def tz(self) -> dt.tzinfo:
        return zone(self.shop.timezone) if self.shop else dt.timezone.utc

    @property
    def region(self) -> str:
        return self.shop.phone_region if self.shop else "US"

    @property
    def today(self) -> dt.date:
        return local_date(self.now, self.tz)


class UnitOfWork:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    @contextmanager
    def read(self, user_id: str) -> Iterator[Ctx]:
        session = self.db.read_sessions()
        try:
            yield Ctx(session, user_id, checked_now(self.clock))
        finally:
            session.rollback()
            session.close()

    def write(self, user_id: str, work: Callable[[Ctx], T], *, now: dt.datetime | None = None) -> T:
        for attempt in range(1, ATTEMPTS + 1):
            session = self.db.write_sessions()
            try:
                result = work(Ctx(session, user_id, now or checked_now(self.clock)))
                session.commit()
                return result
            except LoyaltyError:
                session.rollback()
                raise
            except IntegrityError as exc:
                session.rollback()
                if attempt == ATTEMPTS or not _is_unique_violation(exc):
                    log.warning("write refused by a constraint: %s", exc.orig)
                    raise ValidationError(f"That change conflicts with existing data ({_short(exc)})") from exc
            except OperationalError as exc:
                session.rollback()
                if attempt == ATTEMPTS or not _is_transient(exc):
                    raise
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()
            log.info("write lost a race (attempt %d), running it again", attempt)
        raise AssertionError("unreachable")


def _short(exc: DBAPIError) -> str:
    return str(exc.orig).splitlines()[0][:200]


def _is_unique_violation(exc: IntegrityError) -> bool:
    text = str(exc.orig).lower()
    return "unique" in text or "duplicate key" in text


def _is_transient(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    # PostgreSQL serialization failures and deadlocks, SQLite lock time-outs.
    return any(s in text for s in ("deadlock", "could not serialize", "database is locked", "busy"))
