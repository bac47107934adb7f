"""The member activity log: every event, with metadata enough for a timeline."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..db.prepared import insert_into
from ..models import Member, MemberActivity
from ..models.enums import ActivityType
from .uow import Ctx


def log_activity(
    ctx: Ctx,
    member: Member,
    activity_type: ActivityType,
    description: str,
    *,
    points: int = 0,
    **metadata: Any,
) -> None:
    log_activities(ctx, member, [(activity_type, description, points, metadata)])


def log_activities(ctx: Ctx, member: Member, entries: Sequence[Entry]) -> None:
    """Several events of one call at once, in this order: one executemany of the INSERT prepared
    once (a sale logs two)."""
    ctx.session.flush()   # events logged before these, first: the log keeps its order
    if entries:
        _INSERT.many(ctx.conn, [_row(ctx, member, kind, description, points, metadata)
                                for kind, description, points, metadata in entries])


_INSERT = insert_into(MemberActivity, skip=("id",))

# An activity to log: its type, description, points involved and metadata.
Entry = tuple[ActivityType, str, int, dict[str, Any]]


def _row(ctx: Ctx, member: Member, activity_type: ActivityType, description: str, points: int,
         metadata: dict[str, Any]) -> dict[str, Any]:
    return {
        "program_id": member.program_id,
        "member_id": member.id,
        "user_id": member.user_id,
        "activity_type": activity_type.value,
        "activity_description": description,
        "points_involved": points,
        "activity_metadata": metadata,
        "activity_date": ctx.now,
        **ctx.acted(),
    }
