"""Daily analytics snapshots, one row per program per day (spec table 8)."""
from __future__ import annotations

import datetime as dt

from .uow import Ctx


def write_snapshots(ctx: Ctx, day: dt.date) -> int:
    """Placeholder until the analytics issue lands: writes nothing yet."""
    return 0
