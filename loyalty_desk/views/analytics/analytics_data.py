"""What the Analytics tab and the period report show, read in one go off the GUI thread."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...domain.vocabulary import ProgramType
from ...services.dto import AnalyticsBucket, PeriodFigures
from ..i18n import tr
from ..shell.session import ShopSession


def all_programs() -> str:
    """The program filter's name when no one program is chosen."""
    return tr("All programs")


@dataclass
class AnalyticsData:
    first: dt.date
    last: dt.date
    figures: PeriodFigures
    buckets: list[AnalyticsBucket]
    dashboard: dict[str, Any]
    liability: dict[str, Any]
    programs: list[Any]
    program: str                # the filter's name: a program's, or "All programs"
    tiers: dict[str, int]
    tier_program: str | None    # whose tiers `tiers` are (one program's: tiers are per program)


def load(session: ShopSession, first: dt.date, last: dt.date, program_id: int | None) -> AnalyticsData:
    svc, user = session.svc, session.user_id
    programs = svc.get_loyalty_programs(user)
    dashboard = svc.get_loyalty_dashboard_data(user, program_id=program_id)
    names = {p.id: p.program_name for p in programs}
    # All programs: the tiers of the first program that has tiers (tiers belong to one program).
    tiered = [p for p in programs if p.program_type in (ProgramType.TIERED, ProgramType.HYBRID)] or programs
    tier_id = program_id if program_id is not None else (tiered[0].id if tiered else None)
    tiers = dashboard["tierDistribution"] if tier_id == program_id else \
        svc.get_loyalty_dashboard_data(user, program_id=tier_id)["tierDistribution"] if tier_id else {}
    return AnalyticsData(first, last, svc.get_period_figures(user, first, last, program_id=program_id),
                         svc.get_analytics_buckets(user, first, last, program_id=program_id), dashboard,
                         svc.get_points_liability(user, program_id=program_id), programs,
                         names.get(program_id, all_programs()) if program_id is not None else all_programs(),
                         tiers, names.get(tier_id) if tier_id is not None else None)
