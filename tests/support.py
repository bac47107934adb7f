"""Test helpers shared by the suites: a hand-moved clock, factories, and a database snapshot."""
from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from loyalty_desk.services import LoyaltyService

SHOP = "shop-1"
START = dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.UTC)


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now

    def set(self, moment: dt.datetime) -> None:
        self.now = moment



def file_mode(path: Path) -> int:
    """A file's permission bits, such as 0o600."""
    return stat.S_IMODE(path.stat().st_mode)


def make_program(svc: LoyaltyService, **fields: Any) -> Any:
    data = {"program_name": "Rewards", "program_type": "points", "points_per_dollar": "1"}
    data.update(fields)
    return svc.create_loyalty_program(SHOP, data)


def make_tiers(svc: LoyaltyService, program_id: int) -> list[Any]:
    """Bronze 0-499 x1, Silver 500-1999 x1.5, Gold 2000+ x2."""
    spec = [("Bronze", 1, 0, 499, "1", "1"), ("Silver", 2, 500, 1999, "1.5", "2"), ("Gold", 3, 2000, None, "2", "3")]
    return [svc.create_loyalty_tier(SHOP, program_id, {
        "tier_name": name, "tier_level": level, "min_points_required": lo, "max_points_required": hi,
        "points_multiplier": mult, "birthday_bonus_multiplier": bday}) for name, level, lo, hi, mult, bday in spec]


def enroll(svc: LoyaltyService, program_id: int, name: str = "Ada Lovelace", **fields: Any) -> Any:
    return svc.enroll_loyalty_member(SHOP, program_id, {"customer_name": name, **fields})


def database_state(svc: LoyaltyService) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for asserting that a refused call wrote nothing."""
    engine = svc.db.engine
    state: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in sorted(inspect(engine).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            state[table] = sorted((tuple(r) for r in rows), key=repr)
    return state


def shown(qtbot: Any, widget: Any, size: tuple[int, int] | None = None, *, activate: bool = False) -> Any:
    """Put a widget on screen the way every GUI test needs it: owned by qtbot, sized, exposed."""
    qtbot.addWidget(widget)
    if size:
        widget.resize(*size)
    with qtbot.waitExposed(widget):
        widget.show()
    if activate:
        with qtbot.waitActive(widget):
            widget.activateWindow()
    return widget
