"""The member activity log: every event, with metadata enough for a timeline."""
from __future__ import annotations

from typing import Any

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
    ctx.session.add(
        MemberActivity(
            program_id=member.program_id,
            member_id=member.id,
            user_id=member.user_id,
            activity_type=activity_type.value,
            activity_description=description,
            points_involved=points,
            activity_metadata=metadata,
            activity_date=ctx.now,
            **ctx.acting.columns(),
        )
    )
