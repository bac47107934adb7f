"""The ledger's totals as SQL sums, built from the rules' own table (domain/ledger_rules.TERMS).

What `row_effect` adds up row by row in Python, `total_sql` adds up in the database, so a
rebuild or an audit over millions of rows agrees with the running totals by construction.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal
from sqlalchemy.sql.functions import Function

from ..domain.ledger_rules import TERMS, Term, Total
from ..domain.vocabulary import TransactionStatus
from ..models import PointsTransaction

_COLUMNS: dict[str, Any] = {
    "points": PointsTransaction.points_amount,
    "amount": func.coalesce(PointsTransaction.amount, 0),    # a row without an amount spends nothing
    "shortfall": PointsTransaction.shortfall_points,
    "qualifying_points": func.coalesce(PointsTransaction.qualifying_points, 0),   # merges, some openings
}


def _term_sql(term: Term) -> ColumnElement[Any]:
    # The types as plain parameters (not an expanding list, which SQLAlchemy rewrites into the SQL
    # at each run): a statement built from these can be prepared once (db/prepared.py).
    condition: ColumnElement[bool] = PointsTransaction.transaction_type.in_(
        [literal(t) for t in sorted(t.value for t in term.types)])
    if term.completed_only:
        condition = and_(condition, PointsTransaction.status == TransactionStatus.COMPLETED.value)
    if term.credits_only:
        condition = and_(condition, PointsTransaction.points_amount > 0)
    value = _COLUMNS[term.column]
    return case((condition, value if term.sign > 0 else -value), else_=0)


def row_total_sql(total: Total) -> ColumnElement[Any]:
    """One row's part of `total` (the SQL twin of a field of `row_effect`)."""
    parts = [_term_sql(term) for term in TERMS if term.total == total]
    expression: ColumnElement[Any] = parts[0]
    for part in parts[1:]:
        expression = expression + part
    return expression


def total_sql(total: Total) -> Function[Any]:
    """The sum of `total` over the selected rows (0 when there are none)."""
    return func.coalesce(func.sum(row_total_sql(total)), 0)

