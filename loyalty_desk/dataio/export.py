"""Exports: the shop's members, ledger or redemptions as CSV, and one member's data as JSON.

Rows are read a keyset page at a time through the facade (`export_*_page`) and written as they
come, so a million members are never in memory at once. Every CSV goes through the one
formula-safe writer (domain/spreadsheet.py); every file is its owner's only (0600).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from ..domain.spreadsheet import Cell, write_csv
from ..paths import open_private
from ..services import LoyaltyService, dto

PAGE = 1000

# The members file is what the members import reads (README, "Import members"): a file exported
# here imports into an empty shop with the same members, balances, lifetime points and tiers.
MEMBER_COLUMNS = ("customer_id", "name", "email", "phone", "birthday", "points", "lifetime_points", "tier",
                  "enrollment_date", "card_number", "marketing_consent", "email_opt_out", "notes")
TRANSACTION_COLUMNS = ("id", "created_at", "program_id", "member_id", "transaction_type", "points_amount",
                       "points_balance_after", "status", "amount", "source", "reference_type", "reference_id",
                       "description", "expiration_date", "related_transaction_id", "shortfall_points",
                       "pending_points", "actor_kind", "actor_name", "approver_name")
REDEMPTION_COLUMNS = ("id", "redemption_date", "program_id", "member_id", "member_name", "reward_id",
                      "reward_name", "points_redeemed", "fulfillment_status", "fulfillment_date",
                      "reward_code_generated", "delivery_method", "tracking_number")
KINDS = ("members", "transactions", "redemptions")


def _yes_no(value: object) -> str | None:
    if value is None:
        return None
    return "yes" if value is True or str(value).strip().lower() in ("yes", "true", "1", "y") else "no"


def member_row(member: dto.Member) -> list[Cell]:
    extra = member.member_metadata or {}
    notes = extra.get("notes")
    return [member.customer_id, member.customer_name, member.email, member.phone, member.birthday,
            member.current_points, member.lifetime_points, member.tier_name, member.enrollment_date.isoformat(),
            member.card_number, _yes_no(extra.get("marketing_consent")), _yes_no(member.email_opt_out),
            notes if isinstance(notes, str) else None]


def _dated(value: Any) -> Cell:
    # Moments are written whole (ISO 8601 with the offset), not cut to their date.
    return value.isoformat() if hasattr(value, "isoformat") else value


def transaction_row(tx: dto.PointsTransaction) -> list[Cell]:
    return [_dated(getattr(tx, column)) for column in TRANSACTION_COLUMNS]


def redemption_row(redemption: dto.Redemption) -> list[Cell]:
    return [_dated(getattr(redemption, column)) for column in REDEMPTION_COLUMNS]


def _pages(read: Callable[..., Sequence[Any]], **kwargs: Any) -> Iterator[Any]:
    """Every row a keyset-paged read returns, page after page (by id)."""
    after = 0
    while True:
        page = read(after_id=after, limit=PAGE, **kwargs)
        yield from page
        if len(page) < PAGE:
            return
        after = page[-1].id


def export_csv(svc: LoyaltyService, user_id: str, kind: str, output: str | os.PathLike[str], *,
               program_id: int | None = None, actor: int | None = None,
               segment: dto.SegmentRule | None = None) -> int:
    """Write the shop's `kind` ("members", "transactions" or "redemptions") to a CSV file; returns
    the number of rows. A refusal (unknown program, no permission) comes before the file is made.
    With `segment`, a members file holds only the segment's members (README, "Segments")."""
    if segment is not None and kind != "members":
        raise ValueError("Only a members export can be of a segment")
    plans: dict[str, tuple[Callable[..., Sequence[Any]], Sequence[str], Callable[[Any], list[Cell]]]] = {
        "members": (partial(svc.export_members_page, segment=segment), MEMBER_COLUMNS, member_row),
        "transactions": (svc.export_transactions_page, TRANSACTION_COLUMNS, transaction_row),
        "redemptions": (svc.export_redemptions_page, REDEMPTION_COLUMNS, redemption_row),
    }
    if kind not in plans:
        raise ValueError(f"Unknown export {kind!r}: use one of {', '.join(KINDS)}")
    read, header, to_row = plans[kind]
    rows = _pages(lambda **kw: read(user_id, program_id=program_id, actor=actor, **kw))
    first = next(rows, None)            # the first page is read, and any refusal raised, before writing
    found: Iterator[Any] = chain([first], rows) if first is not None else iter(())
    return write_csv(Path(output), header, (to_row(row) for row in found))


def export_member_json(svc: LoyaltyService, user_id: str, member_id: int, output: str | os.PathLike[str], *,
                       actor: int | None = None) -> dict[str, Any]:
    """Write everything held about one member to a JSON file (0600); returns what was written."""
    data = svc.export_member_data(user_id, member_id, actor=actor)
    with open(output, "w", encoding="utf-8", opener=open_private) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return data
