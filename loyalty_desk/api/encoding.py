"""Values as JSON: money as a decimal string ("12.50", never a float), times in ISO 8601."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..services import dto

# Member fields the API leaves out: search keys and internals, not the member's data.
_MEMBER_INTERNALS = frozenset({"name_key", "surname_key", "birthday_key", "member_metadata", "user_id"})


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return None
    return value


def member(m: dto.Member) -> dict[str, Any]:
    data = plain(m)
    return {k: v for k, v in data.items() if k not in _MEMBER_INTERNALS}


def member_summary(summary: dto.MemberSummary) -> dict[str, Any]:
    return {
        **member(summary.member),
        "balance": summary.member.current_points,
        "tier": {"id": summary.member.current_tier_id, "name": summary.tier_name}
        if summary.member.current_tier_id else None,
        "next_tier": {"name": summary.next_tier_name, "points_needed": summary.points_to_next_tier,
                      # a hybrid program's tiers are reached by spend (README, "Hybrid")
                      **({"spend_needed": plain(summary.spend_to_next_tier)}
                         if summary.spend_to_next_tier is not None else {})}
        if summary.next_tier_name else None,
        # Under a calendar year's grace: what keeps the tier past the next reset (README, "Tier periods").
        **({"keep_tier": {"by": plain(summary.keep_tier_by), "points_needed": summary.keep_tier_points,
                          "spend_needed": plain(summary.keep_tier_spend)}} if summary.keep_tier_by else {}),
        "pending_points": summary.pending_points,
        "expiring": {"points": summary.expiring_points, "on": plain(summary.expiring_on)}
        if summary.expiring_points else None,
    }


def transaction(tx: dto.PointsTransaction) -> dict[str, Any]:
    data = plain(tx)
    data.pop("user_id", None)
    return data


def reward(r: dto.Reward) -> dict[str, Any]:
    data = plain(r)
    data.pop("user_id", None)
    return data


def redemption(r: dto.Redemption) -> dict[str, Any]:
    data = plain(r)
    data.pop("user_id", None)
    return data


def promotion(p: dto.Promotion) -> dict[str, Any]:
    data = plain(p)
    data.pop("user_id", None)
    return data
