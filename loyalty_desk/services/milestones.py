"""Engagement milestones (README, "Member lifecycle, milestones and referrals"): the 10th visit, the
1,000th lifetime point... written once each as an `engagement_milestone` activity.

Both counts live on the member's row, which every sale writes anyway: no statement is added to
a sale, except once per member to count the sales made before visits were counted.
"""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select

from ..domain import ledger_messages
from ..domain.member_rules import crossed, thresholds
from ..models import Member, PointsTransaction, Program
from ..models.enums import ActivityType, TransactionType
from .activity import log_activity
from .uow import Ctx

ORDER = "order"


class Visit(NamedTuple):
    """A sale as a visit: which one it is (1: the member's first), and the milestones it reaches."""

    number: int
    reached: list[int]


def count_visit(ctx: Ctx, program: Program, member: Member) -> Visit:
    """One more sale, counted before its ledger row is written (so that the member's row is written
    once, with it); what it reaches is for `celebrate_visits` after the sale."""
    before = member.visit_count
    if before is None:
        # Counted once: the sales recorded before visits were.
        before = int(ctx.session.scalar(select(func.count()).where(
            PointsTransaction.member_id == member.id, PointsTransaction.reference_type == ORDER,
            PointsTransaction.transaction_type == TransactionType.PURCHASE.value)) or 0)
    member.visit_count = before + 1
    return Visit(before + 1, crossed(thresholds(program.program_rules, "visits"), before, before + 1))


def celebrate_visits(ctx: Ctx, member: Member, reached: list[int]) -> None:
    for visits in reached:
        log_activity(ctx, member, ActivityType.ENGAGEMENT_MILESTONE, ledger_messages.visit_milestone_activity(visits),
                     milestone="visits", reached=visits)


def check_lifetime(ctx: Ctx, program: Program, member: Member) -> None:
    """After the member's lifetime points changed: the lifetime milestones newly reached. A member
    who has none on record yet (enrolled before milestones were kept) starts from where they are."""
    marks = thresholds(program.program_rules, "lifetime_points")
    if not marks:
        return
    if member.lifetime_milestone is None:
        member.lifetime_milestone = max((m for m in marks if m <= member.lifetime_points), default=0)
        return
    for points in crossed(marks, member.lifetime_milestone, member.lifetime_points):
        log_activity(ctx, member, ActivityType.ENGAGEMENT_MILESTONE,
                     ledger_messages.lifetime_milestone_activity(points), milestone="lifetime_points", reached=points)
        member.lifetime_milestone = points
