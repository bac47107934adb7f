"""Importing members with their balances from a CSV file (README, "Import").

Two steps in one unit of work. `plan` reads every row (domain/member_file.py), checks it against
the shop (phones in its region, its tiers, its members) and decides, row by row: refused, a new
member, an update of an existing member's contact details, or nothing to do. `write` then does
what the plan says: the updates through `members.update_member`, and the new members in bulk,
their opening balances kept by the ledger's own rule for a posting (domain/member_book.posting)
and their running totals added once. A dry run makes the same plan and writes nothing, so its
report is the report of the real run.

A member's opening balance is one ledger row, a manual adjustment keyed by the reference
("import", member id): written once, when the import creates the member. A row that matches an
existing member (by customer id, then email, then phone) updates contact details only and never
credits points again.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..domain import ledger_messages
from ..domain.ledger_rules import RowEffect, expiry_for, row_effect
from ..domain.member_book import posting
from ..domain.member_file import Columns, MemberFileError, Table, match_columns, parse_row, read_table
from ..domain.tier_rules import tier_for_points, tier_period
from ..errors import NotEligible, ValidationError
from ..models import Member, MemberActivity, PointLot, PointsTransaction, Program, Tier, TierProgression
from ..models.enums import (
    ActivityType,
    MembershipStatus,
    ProgramStatus,
    PromotionReason,
    TransactionStatus,
    TransactionType,
)
from . import codes, rollups
from .bulk import BulkInsert, CodeBook, reserve_ids, roomy_page_cache, table_of
from .clock import start_of_day
from .contacts import clean_name, fold, name_keys, normalize_email, normalize_phone
from .dto import ImportRefusal, ImportReport
from .members import birthday_key, check_birthday, update_member
from .programs import get_program
from .tiers import program_tiers
from .uow import Ctx
from .validation import MAX_POINTS, as_text

REFERENCE_TYPE = "import"           # an opening balance's reference: ("import", str(member id))
SOURCE = "import"                   # its ledger row's source
MAX_FILE_BYTES = 200 * 1024 * 1024
CONTACT_FIELDS = ("customer_name", "email", "phone", "birthday", "customer_id")
Progress = Callable[[int, int, str], object]


# --- the file -------------------------------------------------------------------------


def read_source(source: object) -> tuple[str, bytes]:
    """The file's name and bytes: `source` is a path (str or os.PathLike) or the bytes themselves."""
    if isinstance(source, bytes | bytearray):
        return "uploaded file", bytes(source)
    if not isinstance(source, str | os.PathLike):
        raise ValidationError("The source must be a file path or the file's bytes", field="source")
    path = Path(source)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MB", field="source")
        return path.name, path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"There is no file at {path}", field="source") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder, not a CSV file", field="source") from None
    except OSError as exc:
        raise ValidationError(f"{path.name} cannot be read: {exc.strerror}", field="source") from None


def read_file(data: bytes, mapping: object) -> tuple[Table, Columns]:
    if mapping is not None and not (isinstance(mapping, Mapping) and all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in mapping.items())):
        raise ValidationError("The mapping must be a dictionary of column -> field name (or None)", field="mapping")
    try:
        table = read_table(data)
        return table, match_columns(table.header, mapping)
    except MemberFileError as exc:
        raise ValidationError(str(exc), field="source") from None


# --- the plan -------------------------------------------------------------------------


@dataclass
class NewMember:
    row: int
    name: str
    email: str | None
    phone: str | None
    birthday: dt.date | None
    customer_id: str | None
    card: str | None                  # a Loyalty Desk card number from the file, or None for a new one
    metadata: dict[str, Any]
    points: int
    lifetime: int
    tier: Tier | None                 # as the file names it (None: by the program's rules)
    enrolled: dt.datetime
    email_opt_out: bool = False       # the file's opt-out column said yes


@dataclass
class Plan:
    table: Table
    columns: Columns
    new: list[NewMember] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)     # member id, changes
    unchanged: int = 0
    refused: list[ImportRefusal] = field(default_factory=list)


@dataclass
class _Known:
    """This program's members, by the keys a row may match on, and the codes in use."""

    rows: dict[int, Any]
    by_customer: dict[str, int]
    by_email: dict[str, int]
    by_phone: dict[str, int]

    @classmethod
    def load(cls, ctx: Ctx, program_id: int) -> _Known:
        rows = {r.id: r for r in ctx.session.execute(select(
            Member.id, Member.customer_id, Member.customer_name, Member.email, Member.phone, Member.birthday,
            Member.member_metadata, Member.card_number, Member.marketing_consent,
            Member.email_opt_out).where(Member.program_id == program_id)
            .order_by(Member.id))}
        by_customer: dict[str, int] = {}
        for r in rows.values():
            if r.customer_id is not None:
                by_customer.setdefault(r.customer_id, r.id)   # the oldest, when a shop has repeats
        return cls(rows, by_customer, {r.email: r.id for r in rows.values() if r.email},
                   {r.phone: r.id for r in rows.values() if r.phone})

    def match(self, customer_id: str | None, email: str | None, phone: str | None) -> int | None:
        for key, index in ((customer_id, self.by_customer), (email, self.by_email), (phone, self.by_phone)):
            if key is not None and key in index:
                return index[key]
        return None


class _Row:
    """One row's checks: each refusal is kept with the header of the column at fault."""

    def __init__(self, table: Table, columns: Columns, line: int) -> None:
        self.table, self.columns, self.line = table, columns, line
        self.problems: list[ImportRefusal] = []

    def header(self, field_name: str) -> str:
        if field_name == "customer_name" and field_name not in self.columns.fields:
            field_name = next(f for f in ("first_name", "last_name") if f in self.columns.fields)
        return self.columns.header_of(self.table, field_name)

    def refuse(self, field_name: str, message: str) -> None:
        self.problems.append(ImportRefusal(self.line, self.header(field_name), message))

    def check(self, field_name: str, value: Any, check: Callable[..., Any], *args: Any) -> Any:
        """`check(value, *args)`, or None with the refusal noted (the engine's own checks, reused)."""
        if value is None:
            return None
        try:
            return check(value, *args)
        except ValidationError as exc:
            self.refuse(field_name, exc.message)
            return None


def plan(ctx: Ctx, program: Program, table: Table, columns: Columns, progress: Progress | None) -> Plan:
    result = Plan(table, columns)
    known = _Known.load(ctx, program.id)
    cards = CodeBook(ctx.session).cards
    tiers = {fold(t.tier_name): t for t in program_tiers(ctx, program.id)}
    seen: dict[tuple[str, str], int] = {}          # (field, value) -> the earlier row of this file that has it
    total = len(table.rows)
    for done, (line, cells) in enumerate(table.rows, 1):
        if progress is not None and done % 5000 == 0:
            progress(done, total, "Checking rows")
        values, problems = parse_row(table, columns, cells)
        row = _Row(table, columns, line)
        row.problems += [ImportRefusal(line, header, message) for header, message in problems]
        name = row.check("customer_name", values.get("customer_name"), clean_name)
        email = row.check("email", values.get("email"), normalize_email)
        phone = row.check("phone", values.get("phone"), normalize_phone, ctx.region)
        birthday = row.check("birthday", values.get("birthday"), lambda day: check_birthday(ctx, day))
        customer_id = row.check("customer_id", values.get("customer_id"),
                                lambda text: as_text(text, "customer_id", max_len=64))
        keys = {k: v for k, v in (("customer_id", customer_id), ("email", email), ("phone", phone)) if v}
        for key, value in keys.items():
            if (key, value) in seen:
                row.refuse(key, f"the same {key.replace('_', ' ')} as row {seen[key, value]}")
        member_id = known.match(customer_id, email, phone)
        for key, index in (("email", known.by_email), ("phone", known.by_phone)):
            other = index.get(keys.get(key, ""))
            if other is not None and other != member_id:
                card = codes.format_card_number(known.rows[other].card_number)
                row.refuse(key, f"this {key} belongs to another member (card {card})")
        metadata: dict[str, Any] = {k: values[k] for k in ("marketing_consent", "notes") if k in values}
        new = None
        if member_id is None:
            new = _new_member(ctx, row, program, values, tiers, cards, metadata)
        if row.problems:
            result.refused += row.problems
            continue
        seen.update({(key, value): line for key, value in keys.items()})
        if member_id is None:
            assert new is not None and name is not None
            new.name, new.email, new.phone, new.birthday, new.customer_id = name, email, phone, birthday, customer_id
            new.email_opt_out = bool(values.get("email_opt_out"))
            result.new.append(new)
            continue
        changes = _changes(known.rows[member_id], {"customer_name": name, "email": email, "phone": phone,
                                                   "birthday": birthday, "customer_id": customer_id,
                                                   "marketing_consent": values.get("marketing_consent"),
                                                   "email_opt_out": values.get("email_opt_out")}, metadata)
        if "marketing_consent" in changes:
            changes["marketing_consent_source"] = CONSENT_SOURCE
        if changes:
            result.updates.append((member_id, changes))
        else:
            result.unchanged += 1
    return result


def _new_member(ctx: Ctx, row: _Row, program: Program, values: dict[str, Any], tiers: dict[str, Tier],
                cards: set[str], metadata: dict[str, Any]) -> NewMember | None:
    """The parts of a new member only a new member has: balance, lifetime points, tier, date, card."""
    points = values.get("points", 0)
    lifetime = values.get("lifetime_points", points)
    for name, number in (("points", points), ("lifetime_points", lifetime)):
        if number > MAX_POINTS:
            row.refuse(name, f"{number:,} is more than the {MAX_POINTS:,} points a member can hold")
    tier = None
    if "tier" in values:
        tier = tiers.get(fold(values["tier"]))
        if not program.tier_system_enabled:
            row.refuse("tier", f"{program.program_name} has no tiers: leave the tier column out")
        elif tier is None:
            names = ", ".join(t.tier_name for t in tiers.values()) or "none yet"
            row.refuse("tier", f"no tier named {values['tier']!r} in {program.program_name} (tiers: {names})")
    enrolled = values.get("enrollment_date")
    if enrolled is not None and enrolled > ctx.today:
        row.refuse("enrollment_date", "the enrollment date is in the future")
    card = None
    if "card_number" in values:
        text = codes.normalize_card_text(values["card_number"])
        if codes.looks_like_card_number(text) and codes.is_valid_card_number(text):
            if text in cards:
                row.refuse("card_number", "this card number is already in use (or was replaced)")
            card = text
        else:   # another system's card: kept with the member, and a Loyalty Desk card issued
            metadata["previous_card_number"] = values["card_number"]
    moment = start_of_day(enrolled, ctx.tz) if enrolled is not None else ctx.now
    return NewMember(row.line, "", None, None, None, None, card, metadata, points, lifetime, tier, moment)


CONSENT_SOURCE = "import"     # how a member's marketing consent was given, when a file gave it


def _consent(metadata: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """A new member's marketing consent: as the file's consent column says (none without one)."""
    given = metadata.get("marketing_consent")
    return {"marketing_consent": bool(given), "marketing_consent_at": now if given is not None else None,
            "marketing_consent_source": CONSENT_SOURCE if given is not None else None}


def _changes(member: Any, given: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
    """The contact details a row changes. An empty cell changes nothing (it never erases)."""
    changes = {k: v for k, v in given.items() if v is not None and getattr(member, k) != v}
    merged = {**(member.member_metadata or {}), **metadata}
    if merged != (member.member_metadata or {}):
        changes["member_metadata"] = merged
    return changes


# --- writing --------------------------------------------------------------------------


def run(ctx: Ctx, program_id: int, table: Table, columns: Columns, *, file_name: str, write: bool,
        skip_bad_rows: bool, progress: Progress | None) -> ImportReport:
    """Plan the import; write it when `write` and the plan allows (no refusal, or `skip_bad_rows`)."""
    program = get_program(ctx, program_id)
    if program.status != ProgramStatus.ACTIVE:
        raise NotEligible(f"{program.program_name} is inactive and takes no new members")
    result = plan(ctx, program, table, columns, progress)
    goes_ahead = not result.refused or skip_bad_rows
    credited = sum(new.points for new in result.new)
    if write and goes_ahead:
        for done, (member_id, changes) in enumerate(result.updates, 1):
            update_member(ctx, member_id, changes)
            if progress is not None and done % 1000 == 0:
                progress(done, len(result.updates), "Updating members")
        _add_members(ctx, program, result.new, file_name[:200], progress)
    return ImportReport(
        file_name=file_name, encoding=table.encoding, delimiter=table.delimiter,
        columns=tuple((table.header[i], f) for f, i in sorted(columns.fields.items(), key=lambda c: c[1])),
        ignored_columns=columns.ignored, rows=len(table.rows), added=len(result.new), updated=len(result.updates),
        unchanged=result.unchanged, refused=tuple(result.refused), points_credited=credited if goes_ahead else 0,
        dry_run=not write, written=write and goes_ahead and bool(result.new or result.updates))


BATCH = 20_000


def _add_members(ctx: Ctx, program: Program, new: list[NewMember], file_name: str, progress: Progress | None) -> None:
    """The new members and their books, written in bulk (services/bulk.py)."""
    if not new:
        return
    ctx.session.flush()
    conn = ctx.session.connection()
    load = BulkInsert(conn)
    code_book = CodeBook(ctx.session)
    tiers = program_tiers(ctx, program.id)
    expires_at = expiry_for(program, ctx.now)
    for start in range(0, len(new), BATCH):
        rows = _Rows(ctx, program, conn, new[start:start + BATCH])
        for member in rows.batch:
            rows.add(member, code_book, tiers, file_name, expires_at)
        with roomy_page_cache(conn):
            for model, batch in rows.tables():
                load(table_of(model), batch)
        rollups.on_rows(ctx, program.id, rows.effect)
        for expiry, points in rows.calendar.items():
            rollups.on_lot(ctx, program.id, ctx.user_id, expiry, points)
        rollups.on_members_added(ctx, program.id, rows.tier_ids)
        if progress is not None:
            progress(start + len(rows.batch), len(new), "Writing members")


class _Rows:
    """The rows of one batch of new members, built with the ledger's own rule for a posting."""

    def __init__(self, ctx: Ctx, program: Program, conn: Any, batch: list[NewMember]) -> None:
        self.ctx, self.program, self.batch = ctx, program, batch
        self.opening = [m for m in batch if m.points or m.lifetime]
        self.member_ids = iter(reserve_ids(conn, table_of(Member), len(batch)))
        self.tx_ids = iter(reserve_ids(conn, table_of(PointsTransaction), len(self.opening)))
        tiered = [m for m in batch if m.tier is not None or program.tier_system_enabled]
        self.progression_ids = iter(reserve_ids(conn, table_of(TierProgression), len(tiered)))
        self.activity_ids = iter(reserve_ids(conn, table_of(MemberActivity),
                                             len(batch) + len(self.opening) + len(tiered)))
        self.members: list[dict[str, Any]] = []
        self.transactions: list[dict[str, Any]] = []
        self.lots: list[dict[str, Any]] = []
        self.progressions: list[dict[str, Any]] = []
        self.activities: list[dict[str, Any]] = []
        self.effect = RowEffect()
        self.calendar: dict[dt.datetime, int] = {}
        self.tier_ids: list[int | None] = []
        self.acted = ctx.acted()

    def tables(self) -> Iterable[tuple[type[Any], list[dict[str, Any]]]]:
        """Parents before children."""
        return ((Member, self.members), (PointsTransaction, self.transactions), (PointLot, self.lots),
                (TierProgression, self.progressions), (MemberActivity, self.activities))

    def log(self, member: dict[str, Any], kind: ActivityType, description: str, *, points: int = 0,
            **metadata: Any) -> None:
        """activity.log_activity"""
        self.activities.append({
            "id": next(self.activity_ids), "program_id": self.program.id, "member_id": member["id"],
            "user_id": self.ctx.user_id, "activity_type": kind.value, "activity_description": description,
            "points_involved": points, "activity_metadata": metadata, "activity_date": self.ctx.now, **self.acted})

    def add(self, new: NewMember, code_book: CodeBook, tiers: list[Tier], file_name: str,
            expires_at: dt.datetime | None) -> None:
        ctx, program = self.ctx, self.program
        name_key, surname_key = name_keys(new.name)
        member: dict[str, Any] = {
            "id": next(self.member_ids), "program_id": program.id, "user_id": ctx.user_id,
            "customer_id": new.customer_id, "customer_name": new.name, "email": new.email, "phone": new.phone,
            "current_tier_id": None, "current_points": 0, "lifetime_points": 0, "redemption_count": 0,
            "total_spent": Decimal("0.00"), "membership_status": MembershipStatus.ACTIVE.value,
            "enrollment_date": new.enrolled,
            "last_activity_date": new.enrolled, "referral_code": code_book.referral(new.name), "referred_by": None,
            "member_metadata": new.metadata, "birthday": new.birthday,
            "card_number": new.card or code_book.card(), "birthday_key": birthday_key(new),
            "name_key": name_key, "surname_key": surname_key, "erased_at": None, "merged_into_id": None,
            "email_opt_out": new.email_opt_out, **_consent(new.metadata, ctx.now),
            # No sale of theirs is in this ledger; milestones start from the points they bring.
            "visit_count": 0, "lifetime_milestone": None, "lapsed_at": None}
        if new.card:
            code_book.cards.add(new.card)
        self.members.append(member)
        self.log(member, ActivityType.MEMBER_ENROLLED, ledger_messages.imported_activity(program.program_name,
                                                                                          file_name),
                 referred_by=None, imported_from=file_name)
        if new.points or new.lifetime:
            self._open(member, new, file_name, expires_at)
        target = new.tier
        if target is None and program.tier_system_enabled:
            # As evaluate_tier does: a hybrid program's measure is spend, none yet for a new member.
            measure = member["total_spent"] if tier_period(program.program_type, None).on_spend \
                else member["lifetime_points"]
            target = tier_for_points(tiers, measure)
        if new.tier is not None or program.tier_system_enabled:
            self._set_tier(member, target, by_file=new.tier is not None)
        self.tier_ids.append(member["current_tier_id"])

    def _open(self, member: dict[str, Any], new: NewMember, file_name: str, expires_at: dt.datetime | None) -> None:
        """The opening balance: one manual adjustment, posted by the ledger's rule (ledger.post's twin in bulk)."""
        kind, status = TransactionType.MANUAL_ADJUSTMENT.value, TransactionStatus.COMPLETED.value
        carried = max(0, new.lifetime - new.points)   # earned before and already spent: lifetime only
        # A balance above the lifetime total (points refunded that never counted): the part that
        # does not count, below zero in the row's own column.
        uncounted = min(0, new.lifetime - new.points) or None
        books = posting(0, 0, kind, new.points, status, shortfall=carried, expires_at=expires_at,
                        qualifying=uncounted)
        description = ledger_messages.opening_balance_description(file_name, new.points, new.lifetime)
        tx = {
            "id": next(self.tx_ids), "program_id": self.program.id, "member_id": member["id"],
            "user_id": self.ctx.user_id, "transaction_type": kind, "points_amount": new.points,
            "points_balance_after": books.balance, "source": SOURCE, "reference_type": REFERENCE_TYPE,
            "reference_id": str(member["id"]), "description": description, "expiration_date": books.expiration_date,
            "status": status, "created_at": self.ctx.now, "amount": None, "related_transaction_id": None,
            "pending_points": None, "pending_until": None, "shortfall_points": carried,
            "qualifying_points": uncounted,
            **self.acted}
        self.transactions.append(tx)
        self.effect += row_effect(kind, status, new.points, None, carried, uncounted)
        member["current_points"], member["lifetime_points"] = books.balance, books.lifetime
        if books.opens_lot:
            self.lots.append({"lot_id": tx["id"], "member_id": member["id"], "program_id": self.program.id,
                              "user_id": self.ctx.user_id, "points_original": new.points,
                              "points_remaining": new.points, "expires_at": expires_at})
            if expires_at is not None:
                self.calendar[expires_at] = self.calendar.get(expires_at, 0) + new.points
        self.log(member, ActivityType.POINTS_ADJUSTED, ledger_messages.adjustment_activity(new.points, description),
                 points=new.points, transaction_id=tx["id"], reason=description, lifetime_points=new.lifetime)

    def _set_tier(self, member: dict[str, Any], target: Tier | None, *, by_file: bool) -> None:
        """tiers.apply_tier for a member in no tier yet. A tier the file names stands as one set by hand."""
        if target is None:
            return
        reason = PromotionReason.MANUAL_PROMOTION if by_file else PromotionReason.AUTOMATIC_POINTS
        self.progressions.append({
            "id": next(self.progression_ids), "program_id": self.program.id, "member_id": member["id"],
            "user_id": self.ctx.user_id, "previous_tier_id": None, "new_tier_id": target.id,
            "promotion_reason": reason.value, "promotion_date": self.ctx.now, **self.acted})
        member["current_tier_id"] = target.id
        new_name = ledger_messages.tier_name_in_text(target.tier_name)
        self.log(member, ActivityType.TIER_PROMOTED,
                 ledger_messages.tier_moved_activity(ledger_messages.tier_name_in_text(None), new_name, True),
                 previous_tier=ledger_messages.tier_name_in_text(None), new_tier=new_name, reason="import")
