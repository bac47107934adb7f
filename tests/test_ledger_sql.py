"""The SQL sums of the ledger (services/ledger_sql.py) agree with `row_effect`, row by row and in
total, on random rows written to a real, migrated SQLite file."""
from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine, insert, select

from loyalty_desk.domain.ledger_rules import Total, row_effect
from loyalty_desk.domain.vocabulary import TransactionStatus, TransactionType
from loyalty_desk.models import PointsTransaction
from loyalty_desk.services.ledger_sql import row_total_sql, total_sql

TOTALS: tuple[Total, ...] = get_args(Total)
MOMENT = dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.UTC)

rows = st.lists(st.fixed_dictionaries({
    "transaction_type": st.sampled_from([t.value for t in TransactionType]),
    "status": st.sampled_from([s.value for s in TransactionStatus]),
    "points_amount": st.integers(-50_000, 50_000),
    "shortfall_points": st.integers(0, 5_000),
    "amount": st.none() | st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
}), max_size=25)


@pytest.fixture
def engine(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    path = tmp_path / "ledger.db"
    shutil.copyfile(sqlite_template, path)
    engine = create_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def _effect(row: dict[str, Any]) -> dict[str, Any]:
    effect = row_effect(row["transaction_type"], row["status"], row["points_amount"], row["amount"],
                        row["shortfall_points"])
    return {name: getattr(effect, name) for name in TOTALS}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows)
def test_sql_totals_equal_the_sum_of_row_effects(engine: Engine, ledger: list[dict[str, Any]]) -> None:
    with engine.connect() as conn, conn.begin() as transaction:
        if ledger:
            conn.execute(insert(PointsTransaction), [
                {**row, "program_id": 1, "member_id": 1, "user_id": "shop-1", "points_balance_after": 0,
                 "source": "test", "description": "", "created_at": MOMENT} for row in ledger])
        stored = conn.execute(select(PointsTransaction.transaction_type, PointsTransaction.status,
                                     PointsTransaction.points_amount, PointsTransaction.amount,
                                     PointsTransaction.shortfall_points,
                                     *(row_total_sql(name) for name in TOTALS)).order_by(PointsTransaction.id)).all()
        sums = conn.execute(select(*(total_sql(name) for name in TOTALS))).one()
        transaction.rollback()
    assert len(stored) == len(ledger)
    expected_sums = dict.fromkeys(TOTALS, 0)
    for row, written in zip(ledger, stored, strict=True):
        expected = _effect(row)
        in_sql = dict(zip(TOTALS, written[5:], strict=True))
        in_sql["spending"] = Decimal(in_sql["spending"]).quantize(Decimal("0.01"))
        assert in_sql == expected, row
        for name in TOTALS:
            expected_sums[name] += expected[name]
    got = dict(zip(TOTALS, sums, strict=True))
    got["spending"] = Decimal(got["spending"]).quantize(Decimal("0.01"))
    assert got == expected_sums
