"""A member's books (domain/member_book.py): the bookkeeping the service and the demo share."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from loyalty_desk.domain.member_book import consumption, posting

WHEN = dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.UTC)


def test_a_completed_credit_moves_the_balance_and_lifetime_and_opens_a_lot():
    books = posting(100, 400, "purchase", 30, "completed", expires_at=WHEN)
    assert (books.balance, books.lifetime, books.completed, books.opens_lot, books.debit) == (130, 430, True, True, 0)
    assert books.expiration_date == WHEN


def test_a_held_purchase_moves_nothing_and_opens_no_lot():
    for status in ("pending", "failed"):
        books = posting(100, 400, "purchase", 0, status, expires_at=WHEN)
        assert (books.balance, books.lifetime, books.completed, books.opens_lot, books.debit) == \
            (100, 400, False, False, 0)
        assert books.expiration_date is None


def test_a_debit_takes_from_lots_and_only_earnings_move_lifetime():
    redemption = posting(100, 400, "redemption", -60, "completed", expires_at=WHEN)
    assert (redemption.balance, redemption.lifetime, redemption.debit, redemption.opens_lot) == (40, 400, 60, False)
    assert redemption.expiration_date is None
    refund = posting(40, 400, "redemption_refund", 60, "completed", expires_at=WHEN)
    assert (refund.balance, refund.lifetime, refund.opens_lot) == (100, 400, True)
    # A return takes back from lifetime all it meant to, the shortfall too, never below zero.
    assert posting(10, 400, "purchase_return", -10, "completed", shortfall=40).lifetime == 350
    assert posting(10, 30, "purchase_return", -10, "completed", shortfall=40).lifetime == 0


def test_a_debit_past_the_balance_shows_below_zero_for_the_caller_to_refuse():
    assert posting(50, 50, "redemption", -60, "completed").balance == -10


def test_consumption_takes_the_oldest_lots_first():
    lots = [(3, 5), (7, 10), (9, 20)]     # as they were opened
    assert consumption(lots, 12) == ([(0, 5), (1, 7)], 0)


def test_consumption_takes_the_named_lots_first_then_the_oldest():
    lots = [(3, 5), (7, 10), (9, 20)]
    assert consumption(lots, 25, spend_first=[9, 7]) == ([(2, 20), (1, 5)], 0)


def test_consumption_of_one_lot_only_and_what_the_lots_could_not_give():
    lots = [(3, 5), (7, 10)]
    assert consumption(lots, 4, spend_only=7) == ([(1, 4)], 0)
    assert consumption(lots, 12, spend_only=7) == ([(1, 10)], 2)
    assert consumption([], 1) == ([], 1)


@given(st.lists(st.integers(1, 50), max_size=8), st.integers(1, 200), st.lists(st.integers(0, 9), max_size=3))
def test_consumption_never_takes_more_than_a_lot_holds_or_the_debit_needs(remaining, points, first):
    lots = [(lot_id, left) for lot_id, left in zip(range(10), remaining, strict=False)]
    takes, left = consumption(lots, points, spend_first=first)
    assert sum(take for _, take in takes) + left == points
    assert left == max(0, points - sum(remaining))
    assert all(0 < take <= lots[i][1] for i, take in takes)
    assert len({i for i, _ in takes}) == len(takes)
    # Every lot taken from but the last is emptied: nothing is left behind in an earlier lot.
    assert all(take == lots[i][1] for i, take in takes[:-1])
