"""Plain, frozen results that stay readable after the session closes.

Each row type is a frozen dataclass with exactly the spec's column names (and
the columns the rules add), generated from the ORM mapping so the two cannot
drift apart. The GUI never touches an ORM object.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, fields, make_dataclass
from typing import Any

from sqlalchemy import inspect as sa_inspect

from .. import models


def _row_class(model: type[models.Base], name: str, extra: tuple[tuple[str, Any], ...] = ()) -> type:
    columns = [(attr.key, Any) for attr in sa_inspect(model).column_attrs]
    extras = [(key, Any, field(default=default)) for key, default in extra]
    cls = make_dataclass(name, columns + extras, frozen=True, slots=True)
    cls.__module__ = __name__
    cls._column_names = tuple(key for key, _ in columns)  # type: ignore[attr-defined]
    return cls


Shop = _row_class(models.Shop, "Shop")
Program = _row_class(models.Program, "Program")
Tier = _row_class(models.Tier, "Tier")
Member = _row_class(models.Member, "Member", (("tier_name", None),))
PointsTransaction = _row_class(models.PointsTransaction, "PointsTransaction")
Reward = _row_class(models.Reward, "Reward")
Redemption = _row_class(models.Redemption, "Redemption", (("reward_name", None), ("member_name", None)))
TierProgression = _row_class(models.TierProgression, "TierProgression")
MemberActivity = _row_class(models.MemberActivity, "MemberActivity")
ProgramAnalytics = _row_class(models.ProgramAnalytics, "ProgramAnalytics")


def to_dto(cls: type, row: object, **extra: Any) -> Any:
    values = {name: copy.deepcopy(getattr(row, name)) for name in cls._column_names}  # type: ignore[attr-defined]
    return cls(**values, **extra)


@dataclass(frozen=True, slots=True)
class LedgerProblem:
    """One broken ledger rule, as found by check_ledger."""

    rule: str
    message: str
    member_id: int | None = None
    transaction_id: int | None = None

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What run_daily_jobs did for one shop and day."""

    day: dt.date
    pending_completed: int = 0
    lots_expired: int = 0
    points_expired: int = 0
    birthday_bonuses: int = 0
    promotions: int = 0
    demotions: int = 0
    snapshots_written: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
