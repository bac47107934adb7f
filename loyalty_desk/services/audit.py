"""check_ledger: verifies every ledger rule of docs/ARCHITECTURE.md from the rows themselves.

It streams the ledger member by member, so it works on large databases
without loading everything at once.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Iterator
from itertools import groupby, pairwise
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from ..domain.ledger_rules import DEBIT_TYPES, lifetime_after, row_effect
from ..domain.tier_rules import tier_for_points
from ..models import (
    ExpiryCalendar,
    LotConsumption,
    Member,
    PointLot,
    PointsTransaction,
    Program,
    ProgramTotals,
    Redemption,
    Reward,
    Tier,
    TierProgression,
)
from ..models.enums import FulfillmentStatus, PromotionReason, TransactionStatus, TransactionType
from . import rollups
from .dto import LedgerProblem
from .tiers import period_of
from .uow import Ctx

_Select = TypeVar("_Select", bound=Select)


def check_ledger(ctx: Ctx, user_id: str | None) -> list[LedgerProblem]:
    problems: list[LedgerProblem] = []
    problems += _check_chains(ctx, user_id)
    problems += _check_lots(ctx, user_id)
    problems += _check_redemptions(ctx, user_id)
    problems += _check_tiers(ctx, user_id)
    problems += _check_rollups(ctx, user_id)
    return problems


def _scoped(query: _Select, column: Any, user_id: str | None) -> _Select:
    return query if user_id is None else query.where(column == user_id)


def _check_chains(ctx: Ctx, user_id: str | None) -> Iterator[LedgerProblem]:
    """Rules 2 and 6: running balances, cached balances, lifetime points, no negative balance.

    Members and their ledgers are read as two streams in member order and walked side by side,
    so memory stays flat however big the shop is."""
    members = ctx.session.execute(
        _scoped(select(Member.id, Member.current_points, Member.lifetime_points), Member.user_id, user_id)
        .order_by(Member.id)).yield_per(5000)
    rows = ctx.session.execute(
        _scoped(select(PointsTransaction.id, PointsTransaction.member_id, PointsTransaction.transaction_type,
                       PointsTransaction.points_amount, PointsTransaction.points_balance_after,
                       PointsTransaction.status, PointsTransaction.shortfall_points, PointsTransaction.pending_points,
                       PointsTransaction.qualifying_points),
                PointsTransaction.user_id, user_id).order_by(PointsTransaction.member_id, PointsTransaction.id)
    ).yield_per(5000)
    ledgers = groupby(rows, key=lambda r: r.member_id)
    ledger = next(ledgers, None)
    for member_id, current_points, lifetime_points in members:
        while ledger is not None and ledger[0] < member_id:
            yield LedgerProblem("2", f"ledger rows for unknown member #{ledger[0]}", ledger[0])
            ledger = next(ledgers, None)
        balance = lifetime = 0
        if ledger is not None and ledger[0] == member_id:
            balance, lifetime = yield from _walk_chain(member_id, ledger[1])
            ledger = next(ledgers, None)
        elif current_points or lifetime_points:
            yield LedgerProblem("2", "points without any ledger row", member_id)
            continue
        if current_points != balance:
            yield LedgerProblem("2", f"current_points {current_points} but the ledger says {balance}", member_id)
        if lifetime_points != lifetime:
            yield LedgerProblem("8", f"lifetime_points {lifetime_points} but the ledger says {lifetime}", member_id)
    while ledger is not None:
        yield LedgerProblem("2", f"ledger rows for unknown member #{ledger[0]}", ledger[0])
        ledger = next(ledgers, None)


def _walk_chain(member_id: int, group: Iterator[Any]) -> Generator[LedgerProblem, None, tuple[int, int]]:
    """One member's rows in order: each row's running balance; returns (balance, lifetime points)."""
    balance = lifetime = 0
    for row in group:
        if row.status == TransactionStatus.PENDING and row.points_amount != 0:
            yield LedgerProblem("5", f"pending row #{row.id} moves points", member_id, row.id)
        balance += row_effect(row.transaction_type, row.status, row.points_amount).outstanding
        if row.status == TransactionStatus.COMPLETED:
            lifetime = lifetime_after(lifetime, row.transaction_type, row.points_amount, row.shortfall_points,
                                      row.qualifying_points)
        if row.points_balance_after != balance:
            yield LedgerProblem("2", f"row #{row.id} says balance {row.points_balance_after}, the rows add up "
                                     f"to {balance}", member_id, row.id)
            balance = row.points_balance_after
        if balance < 0:
            yield LedgerProblem("2", f"balance below zero after row #{row.id}", member_id, row.id)
        if row.transaction_type in DEBIT_TYPES and row.points_amount > 0:
            yield LedgerProblem("1", f"debit row #{row.id} adds points", member_id, row.id)
    return balance, lifetime


def _check_lots(ctx: Ctx, user_id: str | None) -> Iterator[LedgerProblem]:
    """Rule 4: every point sits in a lot, and every debit is traced to the lots it consumed.

    Each comparison is one query that returns only the rows that break the rule: the database
    does the sums, and nothing the size of the ledger is held here."""
    lot, tx, link = PointLot, PointsTransaction, LotConsumption
    consumed = (select(link.lot_id, func.sum(link.points).label("points")).group_by(link.lot_id).subquery())
    taken = func.coalesce(consumed.c.points, 0)
    lots = _scoped(
        select(lot.lot_id, lot.member_id, lot.points_original, lot.points_remaining, taken, tx.points_amount)
        .outerjoin(consumed, consumed.c.lot_id == lot.lot_id).outerjoin(tx, tx.id == lot.lot_id)
        .where((lot.points_original - taken != lot.points_remaining) | tx.points_amount.is_(None)
               | (tx.points_amount != lot.points_original)), lot.user_id, user_id)
    for lot_id, member_id, original, remaining, used, credit in ctx.session.execute(lots):
        if original - used != remaining:
            yield LedgerProblem("4", f"lot #{lot_id} has {remaining} left but its links say {original - used}",
                                member_id, lot_id)
        if credit != original:
            yield LedgerProblem("4", f"lot #{lot_id} does not match its credit row", member_id, lot_id)
    lotless = _scoped(select(tx.id).outerjoin(lot, lot.lot_id == tx.id).where(
        tx.points_amount > 0, tx.status == TransactionStatus.COMPLETED, lot.lot_id.is_(None)), tx.user_id, user_id)
    for (tx_id,) in ctx.session.execute(lotless):
        yield LedgerProblem("4", f"credit row #{tx_id} has no lot", None, tx_id)
    traced = func.coalesce(func.sum(link.points), 0)
    debits = _scoped(
        select(tx.id, tx.member_id, tx.points_amount, traced).outerjoin(link, link.debit_transaction_id == tx.id)
        .where(tx.points_amount < 0, tx.status == TransactionStatus.COMPLETED)
        .group_by(tx.id, tx.member_id, tx.points_amount).having(traced != -tx.points_amount), tx.user_id, user_id)
    for tx_id, member_id, points, used in ctx.session.execute(debits):
        yield LedgerProblem("4", f"debit #{tx_id} of {-points} is traced to {used} points of lots", member_id, tx_id)
    own_lot = select(link.id).where(link.debit_transaction_id == tx.id, link.lot_id == tx.related_transaction_id)
    other_lot = select(link.id).where(link.debit_transaction_id == tx.id, link.lot_id != tx.related_transaction_id)
    expiries = _scoped(select(tx.id, tx.member_id).where(
        tx.transaction_type == TransactionType.EXPIRATION, tx.points_amount < 0,
        tx.status == TransactionStatus.COMPLETED, ~own_lot.exists() | other_lot.exists()), tx.user_id, user_id)
    for tx_id, member_id in ctx.session.execute(expiries):
        yield LedgerProblem("4", f"expiry #{tx_id} took points from lots other than its own", member_id, tx_id)
    open_points = (select(lot.member_id, func.sum(lot.points_remaining).label("points"))
                   .group_by(lot.member_id).subquery())
    held = func.coalesce(open_points.c.points, 0)
    balances = _scoped(select(Member.id, Member.current_points, held)
                       .outerjoin(open_points, open_points.c.member_id == Member.id)
                       .where(held != Member.current_points), Member.user_id, user_id)
    for member_id, current_points, in_lots in ctx.session.execute(balances):
        yield LedgerProblem("4", f"open lots hold {in_lots} points but the balance is {current_points}", member_id)
    for (reference_type, reference_id), count in _duplicate_references(ctx, user_id):
        yield LedgerProblem("3", f"reference {reference_type} {reference_id} recorded {count} times")


def _duplicate_references(ctx: Ctx, user_id: str | None) -> list[tuple[tuple[str | None, str | None], int]]:
    reference = (PointsTransaction.program_id, PointsTransaction.reference_type, PointsTransaction.reference_id)
    query = _scoped(select(*reference, func.count()).where(PointsTransaction.reference_type.is_not(None)),
                    PointsTransaction.user_id, user_id)
    rows = ctx.session.execute(query.group_by(*reference).having(func.count() > 1))
    return [((rtype, rid), count) for _, rtype, rid, count in rows]


def _check_redemptions(ctx: Ctx, user_id: str | None) -> Iterator[LedgerProblem]:
    """Rule 7: each redemption has its debit (and refund if cancelled); stock adds up."""
    active_by_reward: dict[int, int] = defaultdict(int)
    active_by_member: dict[int, int] = defaultdict(int)
    debit, refund = aliased(PointsTransaction), aliased(PointsTransaction)
    rows = ctx.session.execute(_scoped(
        select(Redemption.id, Redemption.member_id, Redemption.reward_id, Redemption.points_redeemed,
               Redemption.fulfillment_status, Redemption.refund_transaction_id,
               debit.points_amount, debit.member_id, refund.points_amount)
        .outerjoin(debit, debit.id == Redemption.debit_transaction_id)
        .outerjoin(refund, refund.id == Redemption.refund_transaction_id), Redemption.user_id, user_id)
    ).yield_per(5000)
    merged_into: dict[int, int] = {
        member_id: kept for member_id, kept in ctx.session.execute(_scoped(
            select(Member.id, Member.merged_into_id).where(Member.merged_into_id.is_not(None)), Member.user_id,
            user_id)) if kept is not None}
    for red_id, member_id, reward_id, points, status, refund_id, debit_points, debit_member, refund_points in rows:
        # A merge hands the merged member's redemptions to the member kept: the debit stays its own.
        if debit_points != -points or _kept_member(debit_member, merged_into) != member_id:
            yield LedgerProblem("7", f"redemption #{red_id} has no matching debit", member_id)
        cancelled = status == FulfillmentStatus.CANCELLED
        if cancelled and refund_points != points:
            yield LedgerProblem("7", f"cancelled redemption #{red_id} was not refunded", member_id)
        elif not cancelled and refund_id is not None:
            yield LedgerProblem("7", f"redemption #{red_id} was refunded but not cancelled", member_id)
        if not cancelled:
            active_by_reward[reward_id] += 1
            active_by_member[member_id] += 1
    for reward in ctx.session.scalars(_scoped(select(Reward), Reward.user_id, user_id)):
        if reward.quantity_available is not None and \
                reward.quantity_remaining != reward.quantity_available - active_by_reward[reward.id]:
            yield LedgerProblem("7", f"reward #{reward.id} shows {reward.quantity_remaining} left; "
                                     f"{reward.quantity_available} less {active_by_reward[reward.id]} redeemed")
    counts = ctx.session.execute(_scoped(select(Member.id, Member.redemption_count), Member.user_id, user_id)
                                 .where(Member.redemption_count != 0)).yield_per(5000)
    for member_id, redemption_count in counts:
        standing = active_by_member.pop(member_id, 0)
        if redemption_count != standing:
            yield LedgerProblem("7", f"redemption_count {redemption_count} but {standing} redemptions stand",
                                member_id)
    for member_id, standing in active_by_member.items():   # members whose count says none
        yield LedgerProblem("7", f"redemption_count 0 but {standing} redemptions stand", member_id)


def _kept_member(member_id: int | None, merged_into: dict[int, int]) -> int | None:
    """The member whose record a member's history now lives under: itself, or the one it was merged into."""
    seen = set()
    while member_id in merged_into and member_id not in seen:
        seen.add(member_id)
        member_id = merged_into[member_id]
    return member_id


def _check_tiers(ctx: Ctx, user_id: str | None) -> Iterator[LedgerProblem]:
    """Rule 8: members measured by lifetime points sit in the tier their points call for (unless a
    move not by points, such as an inactivity demotion, put them elsewhere); ranges never overlap."""
    for program in ctx.session.scalars(_scoped(select(Program), Program.user_id, user_id)):
        tiers = list(ctx.session.scalars(select(Tier).where(Tier.program_id == program.id)
                                         .order_by(Tier.min_points_required)))
        for a, b in pairwise(tiers):
            if a.max_points_required is None or a.max_points_required >= b.min_points_required:
                yield LedgerProblem("8", f"tiers {a.tier_name} and {b.tier_name} overlap")
        period = period_of(program)
        if not program.tier_system_enabled or not tiers or not period.lifetime or period.on_spend:
            continue
        # A tier set by hand stands until the next automatic change; it is not a fault.
        by_hand = set(ctx.session.scalars(select(TierProgression.member_id).where(
            TierProgression.program_id == program.id,
            TierProgression.promotion_reason != PromotionReason.AUTOMATIC_POINTS.value)))
        members = ctx.session.execute(select(Member.id, Member.lifetime_points, Member.current_tier_id)
                                      .where(Member.program_id == program.id)).yield_per(5000)
        for member_id, lifetime_points, tier_id in members:
            if member_id in by_hand:
                continue
            target = tier_for_points(tiers, lifetime_points)
            if (target.id if target else None) != tier_id:
                yield LedgerProblem("8", f"member has {lifetime_points} lifetime points but sits in tier "
                                         f"#{tier_id}", member_id)


def _check_rollups(ctx: Ctx, user_id: str | None) -> Iterator[LedgerProblem]:
    """The dashboard's running totals and expiry calendar match the ledger."""
    for program in ctx.session.scalars(_scoped(select(Program), Program.user_id, user_id)):
        expected, calendar = rollups.computed_totals(ctx, program.id)
        stored = ctx.session.get(ProgramTotals, program.id)
        if stored is None:
            yield LedgerProblem("R", f"program #{program.id} has no running totals")
            continue
        for name, value in expected.items():
            if getattr(stored, name) != value:
                yield LedgerProblem("R", f"program #{program.id} {name} is {getattr(stored, name)!r}, "
                                         f"the ledger says {value!r}")
        kept = {row.expiry_day: row.points for row in ctx.session.scalars(
            select(ExpiryCalendar).where(ExpiryCalendar.program_id == program.id)) if row.points}
        if kept != calendar:
            yield LedgerProblem("R", f"program #{program.id} expiry calendar differs from its open lots")
