"""The ledger's rules, through domain/ledger_rules.py's public functions (no database)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_desk.domain.ledger_rules import (
    DEBIT_TYPES,
    EARNING_TYPES,
    NO_TIER_KEY,
    RowEffect,
    birthday_points,
    expiry_for,
    held_points_left,
    lifetime_after,
    points_earned,
    points_taken_back,
    qualifying_delta,
    refund_expiry,
    return_cut,
    spent_after_return,
    row_effect,
    take_back,
    tier_count_key,
)
from loyalty_desk.domain.vocabulary import TransactionStatus, TransactionType

T, S = TransactionType, TransactionStatus
DONE = S.COMPLETED

types = st.sampled_from(list(TransactionType))
statuses = st.sampled_from(list(TransactionStatus))
points = st.integers(-100_000, 100_000)
shortfalls = st.integers(0, 10_000)
amounts = st.none() | st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@pytest.mark.parametrize(("kind", "status", "pts", "amount", "shortfall", "expected"), [
    (T.PURCHASE, DONE, 120, Decimal("60.00"), 0,
     RowEffect(outstanding=120, issued=120, spending=Decimal("60.00"), qualifying=120)),
    # A held purchase moves no points, but the sale counts when made.
    (T.PURCHASE, S.PENDING, 0, Decimal("60.00"), 0, RowEffect(spending=Decimal("60.00"))),
    (T.PURCHASE, S.FAILED, 0, Decimal("60.00"), 0, RowEffect(spending=Decimal("60.00"))),
    # A release credits the held points, with no amount (the sale was counted by the hold).
    (T.PURCHASE, DONE, 80, None, 0, RowEffect(outstanding=80, issued=80, qualifying=80)),
    (T.WELCOME_BONUS, DONE, 50, None, 0, RowEffect(outstanding=50, issued=50, qualifying=50)),
    (T.REFERRAL, DONE, 100, None, 0, RowEffect(outstanding=100, issued=100, qualifying=100)),
    (T.BIRTHDAY_BONUS, DONE, 25, None, 0, RowEffect(outstanding=25, issued=25, qualifying=25)),
    # A negative adjustment takes lifetime points away but issues nothing.
    (T.MANUAL_ADJUSTMENT, DONE, -40, None, 0, RowEffect(outstanding=-40, qualifying=-40)),
    (T.REDEMPTION, DONE, -300, None, 0, RowEffect(outstanding=-300, redeemed=300)),
    (T.REDEMPTION_REFUND, DONE, 300, None, 0, RowEffect(outstanding=300, redeemed=-300)),
    (T.EXPIRATION, DONE, -70, None, 0, RowEffect(outstanding=-70, expired=70)),
    # A return takes back all it meant to from lifetime points, the shortfall included.
    (T.PURCHASE_RETURN, DONE, -30, Decimal("15.00"), 20,
     RowEffect(outstanding=-30, spending=Decimal("-15.00"), qualifying=-50)),
    (T.PURCHASE_RETURN, DONE, 0, Decimal("15.00"), 0, RowEffect(spending=Decimal("-15.00"))),
])
def test_row_effect_of_each_kind_of_row(kind: TransactionType, status: TransactionStatus, pts: int,
                                        amount: Decimal | None, shortfall: int, expected: RowEffect) -> None:
    assert row_effect(kind, status, pts, amount, shortfall) == expected
    assert row_effect(kind.value, status.value, pts, amount, shortfall) == expected   # as stored


@given(types, statuses, points, amounts, shortfalls)
def test_only_completed_rows_move_points(kind: TransactionType, status: TransactionStatus, pts: int,
                                         amount: Decimal | None, shortfall: int) -> None:
    effect = row_effect(kind, status, pts, amount, shortfall)
    moved = (effect.outstanding, effect.issued, effect.redeemed, effect.expired, effect.qualifying)
    if status == DONE:
        assert effect.outstanding == pts
    else:
        assert moved == (0, 0, 0, 0, 0)
    # Spending does not depend on what became of the points.
    assert effect.spending == row_effect(kind, DONE, pts, amount, shortfall).spending


@given(types, points, amounts, shortfalls)
def test_issued_counts_only_earned_credits(kind: TransactionType, pts: int, amount: Decimal | None,
                                           shortfall: int) -> None:
    effect = row_effect(kind, DONE, pts, amount, shortfall)
    assert effect.issued == (pts if kind in EARNING_TYPES and pts > 0 else 0)
    assert effect.issued >= 0
    if kind not in (T.PURCHASE, T.PURCHASE_RETURN):
        assert effect.spending == 0


@given(types, points, shortfalls, st.integers(0, 1_000_000))
def test_lifetime_moves_by_the_qualifying_delta_and_never_below_zero(kind: TransactionType, pts: int,
                                                                     shortfall: int, lifetime: int) -> None:
    delta = qualifying_delta(kind, pts, shortfall)
    assert delta == row_effect(kind, DONE, pts, None, shortfall).qualifying
    assert lifetime_after(lifetime, kind, pts, shortfall) == max(0, lifetime + delta)
    if kind not in EARNING_TYPES | {T.PURCHASE_RETURN}:
        assert delta == 0


def test_debit_types_never_earn() -> None:
    assert DEBIT_TYPES == {T.REDEMPTION, T.EXPIRATION, T.PURCHASE_RETURN}
    assert not DEBIT_TYPES & EARNING_TYPES


@st.composite
def returns_of_an_order(draw: st.DrawFn) -> tuple[int, Decimal, list[Decimal]]:
    """Points earned, the order's amount, and the amounts of returns that bring all of it back."""
    cents = draw(st.integers(1, 10_000_000))
    cuts = sorted(set(draw(st.lists(st.integers(1, cents - 1), max_size=6)))) if cents > 1 else []
    bounds = [0, *cuts, cents]
    parts = [Decimal(b - a) / 100 for a, b in zip(bounds, bounds[1:], strict=False)]
    return draw(st.integers(0, 1_000_000)), Decimal(cents) / 100, parts


@given(returns_of_an_order())
def test_partial_returns_take_back_exactly_the_whole(case: tuple[int, Decimal, list[Decimal]]) -> None:
    earned, amount, parts = case
    returned = Decimal(0)
    cuts = []
    for part in parts:
        cuts.append(return_cut(earned, amount, returned, returned + part))
        returned += part
    assert sum(cuts) == earned == points_taken_back(earned, amount, amount)
    assert all(cut >= 0 for cut in cuts)


@given(st.integers(0, 1_000_000), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       st.data())
def test_taken_back_is_proportional_rounded_down(earned: int, amount: Decimal, data: st.DataObject) -> None:
    returned = data.draw(st.decimals(min_value=Decimal(0), max_value=amount, places=2))
    taken = points_taken_back(earned, amount, returned)
    assert 0 <= taken <= earned
    assert taken <= earned * returned / amount < taken + 1
    assert held_points_left(earned, amount, returned) == earned - taken


def test_nothing_is_taken_back_from_a_free_order() -> None:
    assert points_taken_back(100, Decimal(0), Decimal(0)) == 0


@given(st.integers(0, 100_000), st.integers(0, 100_000))
def test_a_return_takes_what_the_balance_holds(owed: int, balance: int) -> None:
    taken, shortfall = take_back(owed, balance)
    assert taken + shortfall == owed
    assert 0 <= taken <= balance
    assert shortfall == max(0, owed - balance)


def test_points_earned_by_a_purchase_row() -> None:
    assert points_earned(None, 120) == 120     # credited at once
    assert points_earned(90, 0) == 90          # held, whatever became of the hold
    assert points_earned(0, 0) == 0


def test_birthday_points_are_rounded_down() -> None:
    assert birthday_points(100, Decimal("1.5")) == 150
    assert birthday_points(15, Decimal("1.5")) == 22
    assert birthday_points(1, Decimal("0.5")) == 0


def test_expiry_follows_the_program() -> None:
    earned = dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.UTC)
    assert expiry_for(SimpleNamespace(points_expiration_days=None), earned) is None
    assert expiry_for(SimpleNamespace(points_expiration_days=365), earned) == earned + dt.timedelta(days=365)


def test_a_member_in_no_tier_keeps_the_stored_key() -> None:
    assert tier_count_key(None) == NO_TIER_KEY == "none"     # the key databases already hold
    assert tier_count_key(7) == "7"


@given(st.lists(st.tuples(types, statuses, points, amounts, shortfalls), max_size=20))
def test_effects_add_up_field_by_field(rows: list[tuple[TransactionType, TransactionStatus, int, Decimal | None,
                                                         int]]) -> None:
    effects = [row_effect(*row) for row in rows]
    total = sum(effects, RowEffect())
    for name in ("outstanding", "issued", "redeemed", "expired", "spending", "qualifying"):
        assert getattr(total, name) == sum(getattr(effect, name) for effect in effects)


def test_refunded_points_keep_the_latest_expiry_of_their_lots() -> None:
    march, june = dt.datetime(2027, 3, 1, tzinfo=dt.UTC), dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    assert refund_expiry([march, june, march]) == june
    assert refund_expiry([june, None]) is None      # a lot that never expires: neither do the points
    assert refund_expiry([]) is None


def test_total_spent_never_goes_below_zero() -> None:
    assert spent_after_return(Decimal("100.00"), Decimal("30.00")) == Decimal("70.00")
    assert spent_after_return(Decimal("20.00"), Decimal("30.00")) == Decimal("0")
