"""db/prepared.py runs statements on the driver's cursor: the rows must be exactly those of a
normal SQLAlchemy execute, typed alike, and a read made of several must see one snapshot."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import bindparam, literal, select, text

from loyalty_desk.db.prepared import Prepared
from loyalty_desk.models import Member, Tier

from .support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def members(svc):
    program = make_program(svc)
    make_tiers(svc, program.id)
    ada = enroll(svc, program.id, "Ada Lovelace", email="ada@example.com", birthday="1990-02-03")
    svc.record_purchase(SHOP, program.id, ada.id, "12.50", "o-1")
    enroll(svc, program.id, "Grace Hopper")
    return program


def test_rows_equal_sqlalchemy_rows_typed_alike(svc, members):
    statement = (select(Member, Tier.tier_name, literal(7).label("seven"))
                 .outerjoin(Tier, Tier.id == Member.current_tier_id)
                 .where(Member.user_id == bindparam("user")).order_by(Member.id))
    with svc.db.engine.connect() as conn:
        expected = conn.execute(statement, {"user": SHOP}).all()
        got = Prepared(statement).rows(conn, {"user": SHOP})
    assert len(got) == 2
    assert [tuple(row) for row in got] == [tuple(row) for row in expected]
    assert got[0]._fields == tuple(expected[0]._fields)
    first = got[0]
    assert isinstance(first.total_spent, Decimal) and first.total_spent == Decimal("12.50")
    assert isinstance(first.enrollment_date, dt.datetime)
    assert first.birthday == dt.date(1990, 2, 3)
    assert first.seven == 7 and first.customer_name == "Ada Lovelace"


def test_bound_values_are_processed_like_sqlalchemy(svc, members):
    # A datetime parameter is written as the dialect stores it (text on SQLite).
    statement = select(Member.customer_name).where(Member.user_id == bindparam("user"),
                                                   Member.enrollment_date <= bindparam("until")).order_by(Member.id)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    earlier = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with svc.db.engine.connect() as conn:
        prepared = Prepared(statement)
        assert [r.customer_name for r in prepared.rows(conn, {"user": SHOP, "until": later})] == \
            ["Ada Lovelace", "Grace Hopper"]
        assert prepared.rows(conn, {"user": SHOP, "until": earlier}) == []


def test_statements_it_cannot_prepare_are_refused(svc, members):
    with svc.db.engine.connect() as conn:
        with pytest.raises(ValueError, match="expanding"):
            Prepared(select(Member.id).where(Member.id.in_(bindparam("ids", expanding=True)))).rows(conn, {"ids": [1]})


def test_a_read_of_several_statements_sees_one_snapshot(svc, members):
    count = Prepared(select(Member.id).where(Member.user_id == bindparam("user")))
    with svc.db.read_engine.connect() as reader:
        before = len(count.rows(reader, {"user": SHOP}))
        enroll(svc, members.id, "Katherine Johnson")  # committed by another connection meanwhile
        assert len(count.rows(reader, {"user": SHOP})) == before
        assert reader.execute(text("SELECT count(*) FROM loyalty_members WHERE user_id = :u"),
                              {"u": SHOP}).scalar() == before
    with svc.db.engine.connect() as fresh:
        assert len(count.rows(fresh, {"user": SHOP})) == before + 1


def test_an_unlabelled_column_is_read_by_position(svc, members):
    from sqlalchemy import func
    count = select(func.count()).where(Member.user_id == bindparam("user")).scalar_subquery()
    with svc.db.read_engine.connect() as conn:
        expected = conn.execute(select(Member.id, count).where(Member.user_id == bindparam("user"))
                                .order_by(Member.id), {"user": SHOP}).all()
        got = Prepared(select(Member.id, count).where(Member.user_id == bindparam("user"))
                       .order_by(Member.id)).rows(conn, {"user": SHOP})
    assert [tuple(r) for r in got] == [tuple(r) for r in expected] == [(1, 2), (2, 2)]


def test_a_refused_statement_raises_as_sqlalchemy_does_its_parameters_hidden(svc, members):
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from loyalty_desk.models import Program
    # A second member with Ada's card number breaks a unique index: the unit of work must see
    # SQLAlchemy's IntegrityError (it retries a lost race on it), its parameters hidden.
    with svc.db.engine.connect() as conn:
        ada = conn.execute(select(Member).where(Member.customer_name == "Ada Lovelace")).one()
        copy = Prepared(insert(Member).values(
            program_id=bindparam("program"), user_id=bindparam("user"), customer_name=bindparam("name"),
            card_number=bindparam("card"), current_points=0, lifetime_points=0, redemption_count=0,
            total_spent=0, membership_status="active", enrollment_date=bindparam("when")))
        with pytest.raises(IntegrityError) as refused:
            copy.cursor(conn, {"program": members.id, "user": SHOP, "name": "Secret Name",
                               "card": ada.card_number, "when": dt.datetime.now(dt.UTC)})
        # Its parameters are hidden, as HIDE_PARAMETERS hides them for every statement (the driver's
        # own text, PostgreSQL's DETAIL, is the unit of work's to keep out of logs: uow.describe).
        assert "SQL parameters hidden" in str(refused.value)
        conn.rollback()
        assert conn.scalar(select(Program.id).where(Program.id == members.id)) == members.id
