"""The bulk path (services/bulk.BulkInsert) stores every value exactly as SQLAlchemy's own INSERT does."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from loyalty_desk.models import MemberActivity, PointsTransaction
from loyalty_desk.services.bulk import BulkInsert, table_of

from .support import SHOP, enroll, make_program

MOMENTS = [
    dt.datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC),                          # no fraction of a second
    dt.datetime(2026, 3, 4, 0, 30, tzinfo=ZoneInfo("America/New_York")),      # another zone
    dt.datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")),
    dt.datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45))),
]


def rows_for(member, first_id: int) -> tuple[list[dict], list[dict]]:
    ledger, activity = [], []
    for i, moment in enumerate(MOMENTS):
        ledger.append({
            "id": first_id + i, "program_id": member.program_id, "member_id": member.id, "user_id": SHOP,
            "transaction_type": "purchase", "points_amount": 10 + i, "points_balance_after": 10 + i,
            "source": "import", "reference_type": "import", "reference_id": f"R-{first_id + i}",
            "description": "Zoë's order №5", "expiration_date": MOMENTS[-1 - i] if i % 2 else None,
            "status": "completed", "created_at": moment, "amount": Decimal("12.30") if i % 2 else Decimal("7"),
            "related_transaction_id": None, "pending_points": None, "pending_until": None, "shortfall_points": 0,
            "qualifying_points": None, "actor_kind": None, "actor_staff_id": None, "approver_staff_id": None,
            "actor_api_key_id": None, "register_name": None})
        activity.append({
            "id": first_id + i, "program_id": member.program_id, "member_id": member.id, "user_id": SHOP,
            "activity_type": "points_earned", "activity_description": "earned",
            "points_involved": i, "activity_metadata": {"order_ref": "Ø-1", "points": i, "nested": [1, None, "x"]},
            "activity_date": moment, "actor_kind": None, "actor_staff_id": None, "approver_staff_id": None,
            "actor_api_key_id": None, "register_name": None})
    return ledger, activity


def test_bulk_rows_store_what_a_core_insert_stores(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    ledger_table, activity_table = table_of(PointsTransaction), table_of(MemberActivity)
    by_core = rows_for(member, 1000)
    by_bulk = rows_for(member, 2000)
    with svc.db.engine.begin() as conn:
        conn.execute(insert(ledger_table), by_core[0])
        conn.execute(insert(activity_table), by_core[1])
        load = BulkInsert(conn)
        load(ledger_table, by_bulk[0])
        load(activity_table, by_bulk[1])
    with svc.db.engine.connect() as conn:
        for table in (ledger_table, activity_table):
            # The stored values as the driver returns them (no result processing); ids and
            # references differ by design.
            columns = [c for c in table.c if c.key not in ("id", "reference_id")]
            raw = conn.exec_driver_sql(str(select(*columns).where(table.c.id >= 1000).order_by(table.c.id)
                                           .compile(conn, compile_kwargs={"literal_binds": True}))).all()
            assert raw[:len(MOMENTS)] == raw[len(MOMENTS):], table.name
            assert len(raw) == 2 * len(MOMENTS)
