"""LoyaltyService: the one public face of the engine (the README's "Service API").

Each method checks its arguments, runs one unit of work and returns frozen
DTOs. Nothing here imports Qt; the GUI, the command line and scripts all
come through this class.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from functools import partial, wraps
from typing import Any, TypeVar, cast

from ..db import backups as db_backups
from ..db import open_database
from ..db.engine import check_busy_timeout, describe_url
from ..domain.permissions import Permission, allows
from ..domain.vocabulary import WebShop
from ..errors import DatabaseReadOnly, InvalidApiKey, PermissionDenied, ValidationError
from . import (
    api_keys,
    audit,
    backups,
    campaigns,
    discounts,
    dto,
    jobs,
    member_data,
    member_import,
    members,
    messages,
    programs,
    promotions,
    purchases,
    redemptions,
    rewards,
    rollups,
    segments,
    shop_templates,
    shops,
    staff,
    unsubscribe,
    web_orders,
    webhooks,
)
from .clock import Clock, checked_now, end_cutoff, job_moment, system_clock
from .messages import as_message_kind
from .queries import audit_log, catalog, dashboard, history, member_export, period_figures, receipt, till
from .queries import members as member_reads
from .queries import rows as named
from .uow import Ctx, UnitOfWork
from .validation import as_day, as_id, as_int, as_limit, as_optional_id, as_text, as_user_id

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
# What a purchase amount may be given as (validation.as_decimal checks it).
Amount = Decimal | int | str
# Who a guarded call acts as: a staff member's id, or a key of the HTTP API (`authenticate_api_key`).
Actor = int | dto.ApiKey | None


def _filter_program(ctx: Ctx, program_id: int | None) -> int | None:
    """An optional program filter: checked to exist in this shop, like any other id."""
    if program_id is not None:
        programs.get_program(ctx, program_id)
    return program_id


def _segment(segment: object) -> dto.SegmentRule | None:
    """An optional segment rule, checked before any unit of work starts."""
    return None if segment is None else segments.check_rule(segment)


def _period_args(program_id: object, first: object, last: object) -> tuple[int | None, dt.date, dt.date]:
    """An optional program id and a period of days, checked."""
    pid = as_optional_id(program_id, "program")
    start, end = as_day(first, "first"), as_day(last, "last")
    if end < start:
        raise ValidationError("The period ends before it starts", field="last")
    return pid, start, end


@dataclass(frozen=True, slots=True)
class _Call:
    """A guarded call in progress: the permission it needs, who acts, and who approves."""

    permission: Permission
    actor: object
    approver: object
    approver_pin: object


# The guarded facade call running in this thread (contextvars: each worker thread has its own).
_CALL: ContextVar[_Call | None] = ContextVar("loyalty_desk_call", default=None)


def needs(permission: Permission) -> Callable[[F], F]:
    """Declare the permission a facade method needs; `_read`/`_write` enforce it.

    The method takes `actor=` (and, where an approval may be needed, `approver=` and
    `approver_pin=`) as keywords; they are read here, so a method never checks them by hand.
    A guarded method called by another (record_purchase -> record_purchase_outcome) runs under
    the outer call's check. `tests/test_permissions.py` fails for a public method that neither
    declares a permission nor is listed in `OPEN_METHODS`.
    """
    def decorate(method: F) -> F:
        @wraps(method)
        def guarded(self: LoyaltyService, *args: Any, **kwargs: Any) -> Any:
            if _CALL.get() is not None:
                return method(self, *args, **kwargs)
            token = _CALL.set(_Call(permission, kwargs.get("actor"), kwargs.get("approver"),
                                    kwargs.get("approver_pin")))
            try:
                return method(self, *args, **kwargs)
            finally:
                _CALL.reset(token)

        guarded.needs = permission  # type: ignore[attr-defined]
        return cast(F, guarded)
    return decorate


def permission_of(method: object) -> Permission | None:
    """The permission a facade method declared with `@needs` (None: an open method)."""
    return getattr(method, "needs", None)


class LoyaltyService:
    def __init__(self, database_url: str | None = None, *, clock: Clock | None = None,
                 busy_timeout_s: float | None = None, create: bool = True, read_only: bool = False) -> None:
        """Open (and migrate) the database.

        `busy_timeout_s` bounds how long a call waits while another register holds the database
        (SQLite's write lock, PostgreSQL row locks): past it the call is rolled back and raises
        `DatabaseBusy`, and can be tried again. None keeps the 30 s default; the desktop app asks
        for `DESKTOP_BUSY_TIMEOUT_S` (10 s). At most an hour.

        A file that is not a Loyalty Desk database, or is of a newer version, is refused
        (`DatabaseRefused`, `DatabaseNewer`) and left untouched. A missing or empty SQLite file
        becomes a new database unless `create=False`, which raises `DatabaseMissing` instead (so
        the desktop can ask first). A file that cannot be written opens read-only (`read_only`
        then says so, and every write raises `DatabaseReadOnly`); `read_only=True` asks for that.
        """
        try:
            limit = check_busy_timeout(busy_timeout_s)
        except ValueError as exc:
            raise ValidationError(str(exc), field="busy_timeout_s") from exc
        self.db = open_database(database_url, busy_timeout_s=limit, create=create, read_only=read_only)
        self.clock: Clock = clock or system_clock
        self.uow = UnitOfWork(self.db, self.clock, before_write=shops.switch_due_time_zone)
        self._fill_missing_rollups()

    def _fill_missing_rollups(self) -> None:
        """Databases from before the running totals existed get them built once, from the ledger."""
        if self.db.read_only:
            return
        with self.uow.read("") as ctx:
            owners = catalog.program_owners(ctx, rollups.missing_rollups(ctx))
        for program_id, user in owners.items():
            self.uow.write(user, partial(rollups.rebuild, program_id=program_id))

    # --- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> LoyaltyService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database_url(self) -> str:
        return self.db.url

    @property
    def register_name(self) -> str | None:
        """This register's name, recorded on every row its writes make (None: not recorded)."""
        return self.uow.register_name

    @register_name.setter
    def register_name(self, name: str | None) -> None:
        # Text of at most 40 characters (the column); blank: not recorded.
        self.uow.register_name = as_text(name, "register_name", max_len=40, required=False)

    @property
    def database_label(self) -> str:
        """The database for a person: a file's path or a server's name, never a URL with its password."""
        return describe_url(self.db.url)

    @property
    def busy_timeout_s(self) -> float:
        """How long a call waits for another register before `DatabaseBusy` (seconds)."""
        return self.db.busy_timeout_s

    @property
    def read_only(self) -> bool:
        """The database is open read-only (a read-only file, folder or disk): every write raises
        `DatabaseReadOnly`. The desktop shows a banner."""
        return self.db.read_only

    @property
    def unclean_shutdown(self) -> bool:
        """The last process that had this SQLite file open on this computer did not close it (a
        crash, a power cut): run `check_integrity` in the background."""
        return self.db.unclean_shutdown

    # --- backups and the full integrity check (README, "Backup and restore", "Bad files") ------

    @needs(Permission.BACKUP_RESTORE)
    def backup(self, output: str | os.PathLike[str] | None = None, *, user_id: str | None = None,
               actor: Actor = None) -> dto.BackupFile:
        """A consistent copy of the whole database while registers go on writing (SQLite's online
        backup API; `pg_dump` for PostgreSQL), verified (integrity and ledger checks on the copy)
        before it is kept. `output` is a file, or a folder for a dated name; None puts it in the
        data folder's backups/. No partial file is ever left: `DiskFull` when it does not fit,
        `BackupFailed` when it cannot be made or verified. Once any shop of the database has
        staff, an owner's (`actor=`, of the shop `user_id` when given): the copy holds every
        member's data."""
        self._whole_database(user_id)
        return backups.make_backup(self.db, output, checked_now(self.clock))

    @needs(Permission.BACKUP_RESTORE)  # only when a person names themselves (see below)
    def backup_to_folder(self, folder: str | os.PathLike[str], *, user_id: str | None = None,
                         actor: Actor = None) -> dto.FolderBackup:
        """The automatic daily backup into `folder` (a setting of the computer), keeping 7 daily and
        4 weekly copies; see `last_backup` for the status bar. The app's daily copy, after the daily
        jobs, acts as the system and needs nobody; a person asking for it (`actor=`) needs
        BACKUP_RESTORE, like `backup`."""
        if actor is not None:
            self._whole_database(user_id)
        return backups.backup_to_folder(self.db, folder, checked_now(self.clock))

    def database_has_staff(self) -> bool:
        """Whether any shop of the database has an active staff account: then backups, restores
        and new shops need an owner (`actor=`)."""
        with self.uow.read("") as ctx:
            return staff.database_has_staff(ctx)

    def check_integrity(self) -> dto.IntegrityReport:
        """The full integrity check: reads the whole file (minutes on a big one), so run it off the
        GUI thread, after an unclean shutdown and with the daily jobs. When only indexes are
        damaged (`indexes_only`), `rebuild_indexes` repairs them; otherwise restore a backup."""
        problems = db_backups.integrity_problems(self.db)
        indexes = db_backups.damaged_indexes(problems) or ()
        return dto.IntegrityReport(not problems, tuple(problems), indexes)

    def rebuild_indexes(self) -> dto.IntegrityReport:
        """Rebuild every index from its table (REINDEX), then check again."""
        if self.db.read_only:
            raise DatabaseReadOnly()
        db_backups.rebuild_indexes(self.db)
        return self.check_integrity()

    # Every guarded call (`@needs`) is authorized here, inside its unit of work, and nowhere else.

    def _read(self, user_id: object, work: Callable[[Ctx], T]) -> T:
        call = _CALL.get()
        with self.uow.read(as_user_id(user_id)) as ctx:
            if call is not None:
                ctx.acting = staff.authorize(ctx, call.permission, call.actor, None)
            return work(ctx)

    def _write(self, user_id: object, work: Callable[[Ctx], T]) -> T:
        user = as_user_id(user_id)
        call = _CALL.get()
        if call is None:
            return self.uow.write(user, work)
        approver = self._approver(user, call)

        def authorized(ctx: Ctx) -> T:
            ctx.acting = staff.authorize(ctx, call.permission, call.actor, approver)
            return work(ctx)

        return self.uow.write(user, authorized)

    def _whole_database(self, user_id: object) -> None:
        """Authorizes a guarded call on the whole database rather than one shop (staff.database_acting)."""
        call = _CALL.get()
        assert call is not None
        shop = None if user_id is None else as_user_id(user_id)
        with self.uow.read("") as ctx:
            staff.database_acting(ctx, call.permission, call.actor, shop)

    def _approver(self, user: str, call: _Call) -> int | None:
        """The approver named in the call, checked with their PIN before the unit of work begins
        (a wrong PIN is recorded, and counts towards the approver's lock-out)."""
        if call.approver is None and call.approver_pin is None:
            return None
        if call.approver is None or call.approver_pin is None:
            raise PermissionDenied("An approval needs the approver and their PIN", field="approver")
        if call.actor is not None and call.actor == call.approver:
            raise PermissionDenied("Nobody can approve their own action: ask another manager", field="approver")
        approver = self._check_pin(user, as_id(call.approver, "approver"), call.approver_pin, "approval")
        if not allows(approver.role, Permission.APPROVE):
            raise PermissionDenied(f"{approver.name} cannot approve: it takes a manager or an owner",
                                   field="approver")
        return approver.id

    def _check_pin(self, user: str, name_or_id: object, pin: object, purpose: str) -> dto.StaffMember:
        """A name (or id) and PIN, checked like a sign-in: PermissionDenied alike for an unknown
        name and a wrong PIN (after one argon2 check either way), SignInLocked while locked out.
        A failure is committed in its own transaction, although the call is refused."""
        with self.uow.read(user) as ctx:
            key, row = staff.lookup(ctx, name_or_id)
            until = staff.locked_until(ctx, key)
            found = staff.to_dto(row) if row is not None else None
            pin_hash = row.pin_hash if row is not None else None
            tz = ctx.tz
        if until is not None:
            raise staff.locked_refusal(until, tz)
        if found is not None and staff.pin_matches(pin_hash, pin):
            return found
        if found is None:
            staff.pin_matches(None, pin)   # the same work as a wrong PIN: no telling names apart
        locked = self.uow.write(user, lambda ctx: staff.record_failure(ctx, key, found.id if found else None,
                                                                       purpose))
        if locked is not None:
            raise staff.locked_refusal(locked, tz)
        raise PermissionDenied(staff.WRONG, field="pin")

    # --- shops (additions: README, "Service API additions") ----------------

    def list_shops(self) -> list[dto.Shop]:
        with self.uow.read("") as ctx:
            return catalog.shops(ctx)

    @needs(Permission.SHOP_SETTINGS)
    def save_shop(self, user_id: str, shop_data: Mapping[str, Any], *, actor: Actor = None) -> dto.Shop:
        """Create or change the shop's settings. The web shops' integration (README, "Web shops"):
        "shopify_webhook_secret" and "woocommerce_webhook_secret" (write-only: the DTO only says
        whether each is set; "" or None clears one), "webhook_auto_enroll" and "webhook_program_id"
        need the owner's permission for the API's keys (API_KEYS)."""
        return self._write(user_id, lambda ctx: shops.to_dto(ctx, shops.save_shop(ctx, shop_data)))

    @needs(Permission.SHOP_SETTINGS)
    def create_shop_from_template(self, shop_data: Mapping[str, Any], template: str, *,
                                  actor: Actor = None) -> dto.Shop:
        """A new shop account (its id made from the name), its first program from a template
        ("points", "tiered" with Bronze/Silver/Gold, "cash_back" or "stamps"), in one transaction: a refusal
        leaves nothing behind. A name already taken is refused (field "shop_name"). The new shop has
        no staff, so, like any write to such a shop, it needs nobody (the first-run dialog) and its
        rows name nobody; a person who names themselves (`actor=`) is checked: an active staff
        member of a shop here whose role has SHOP_SETTINGS (an owner)."""
        if not isinstance(shop_data, Mapping) or not isinstance(shop_data.get("shop_name"), str) \
                or not shop_data["shop_name"].strip():
            raise ValidationError("Enter the shop name", field="shop_name")
        if actor is not None:
            self._whole_database(None)
        user_id = shop_templates.shop_id_for(shop_data["shop_name"])
        # Authorized on the whole database above, not as a write of the new shop (nobody's yet).
        return self.uow.write(user_id, lambda ctx: shops.to_dto(
            ctx, shop_templates.create_from_template(ctx, shop_data, template)))

    def get_shop(self, user_id: str) -> dto.Shop:
        return self._read(user_id, catalog.shop)

    def shop_today(self, user_id: str) -> dt.date:
        """Today's date in the shop's time zone, by the service's clock (UTC for a shop without
        settings): what "today" means for reward dates, voids, reports and file names."""
        return self._read(user_id, lambda ctx: ctx.today)

    # --- programs and tiers ------------------------------------------------

    def get_loyalty_programs(self, user_id: str) -> list[dto.Program]:
        return self._read(user_id, catalog.program_list)

    def get_loyalty_program(self, user_id: str, program_id: int) -> dto.Program:
        pid = as_id(program_id, "program")
        return self._read(user_id, lambda ctx: catalog.program(ctx, pid))

    @needs(Permission.EDIT_PROGRAMS)
    def create_loyalty_program(self, user_id: str, program_data: Mapping[str, Any], *,
                               actor: Actor = None) -> dto.Program:
        return self._write(user_id, lambda ctx: dto.to_dto(dto.Program, programs.create_program(ctx, program_data)))

    @needs(Permission.EDIT_PROGRAMS)
    def update_loyalty_program(self, user_id: str, program_id: int, updates: Mapping[str, Any], *,
                               actor: Actor = None) -> dto.Program:
        pid = as_id(program_id, "program")
        return self._write(user_id, lambda ctx: dto.to_dto(dto.Program, programs.update_program(ctx, pid, updates)))

    def get_loyalty_tiers(self, user_id: str, program_id: int) -> list[dto.Tier]:
        pid = as_id(program_id, "program")
        return self._read(user_id, lambda ctx: catalog.tiers(ctx, pid))

    @needs(Permission.EDIT_PROGRAMS)
    def create_loyalty_tier(self, user_id: str, program_id: int, tier_data: Mapping[str, Any], *,
                            actor: Actor = None) -> dto.Tier:
        pid = as_id(program_id, "program")
        return self._write(user_id, lambda ctx: catalog.tier(ctx, programs.create_tier(ctx, pid, tier_data)))

    @needs(Permission.EDIT_PROGRAMS)
    def update_loyalty_tier(self, user_id: str, tier_id: int, updates: Mapping[str, Any], *,
                            actor: Actor = None) -> dto.Tier:
        tid = as_id(tier_id, "tier")
        return self._write(user_id, lambda ctx: catalog.tier(ctx, programs.update_tier(ctx, tid, updates)))

    @needs(Permission.EDIT_PROGRAMS)
    def delete_loyalty_tier(self, user_id: str, tier_id: int, *, actor: Actor = None) -> None:
        tid = as_id(tier_id, "tier")
        self._write(user_id, lambda ctx: programs.delete_tier(ctx, tid))

    # --- promotions (README, "Promotions") --------------------------------------

    def list_promotions(self, user_id: str, program_id: int, *, current_only: bool = False) -> list[dto.Promotion]:
        """A program's promotions by start; `current_only`: those running or still to come."""
        pid = as_id(program_id, "program")
        return self._read(user_id, lambda ctx: [dto.to_dto(dto.Promotion, p) for p in
                                                promotions.list_promotions(ctx, pid, current_only=current_only)])

    @needs(Permission.MANAGE_PROMOTIONS)
    def create_promotion(self, user_id: str, program_id: int, promotion_data: Mapping[str, Any], *,
                         actor: Actor = None) -> dto.Promotion:
        """A bonus event: `name`, `multiplier` (a Decimal or its text, above 1) or `bonus_points`,
        `starts_at` and `ends_at` (aware datetimes, or dates in the shop's time zone, the end date
        included), and optionally `days_of_week` (0 = Monday), `hours` ([from, to) local hours),
        `min_amount`, `tier_ids` and `stacks_with_tier` (default false)."""
        pid = as_id(program_id, "program")
        return self._write(user_id, lambda ctx: dto.to_dto(dto.Promotion,
                                                           promotions.create_promotion(ctx, pid, promotion_data)))

    @needs(Permission.MANAGE_PROMOTIONS)
    def update_promotion(self, user_id: str, promotion_id: int, updates: Mapping[str, Any], *,
                         actor: Actor = None) -> dto.Promotion:
        """Change a promotion's fields (those of `create_promotion`, and `active`); purchases
        recorded before keep what they earned."""
        prid = as_id(promotion_id, "promotion")
        return self._write(user_id, lambda ctx: dto.to_dto(dto.Promotion,
                                                           promotions.update_promotion(ctx, prid, updates)))

    def promotion_example(self, user_id: str, program_id: int, promotion_data: Mapping[str, Any],
                          amount: Amount, *, promotion_id: int | None = None) -> dto.PromotionExample:
        """The editor's live example: a purchase of `amount` under the promotion as typed (over
        the stored `promotion_id`, for an edit), checked as a save would check it (the same
        refusals, field by field) and written nowhere."""
        pid = as_id(program_id, "program")
        prid = as_optional_id(promotion_id, "promotion")

        def run(ctx: Ctx) -> dto.PromotionExample:
            shown = promotions.example(ctx, pid, promotion_data, amount, prid)
            return dto.PromotionExample(shown.amount, shown.moment, shown.tier.tier_name if shown.tier else None,
                                        shown.earning.points, shown.points_without,
                                        shown.earning.promotion is not None)
        return self._read(user_id, run)

    @needs(Permission.MANAGE_PROMOTIONS)
    def end_promotion(self, user_id: str, promotion_id: int, *, actor: Actor = None) -> dto.Promotion:
        """End a promotion now (a running one keeps now as its end); ending it again changes nothing."""
        prid = as_id(promotion_id, "promotion")
        return self._write(user_id, lambda ctx: dto.to_dto(dto.Promotion, promotions.end_promotion(ctx, prid)))

    # --- members -----------------------------------------------------------

    def get_loyalty_members(self, user_id: str, program_id: int) -> list[dto.Member]:
        pid = as_id(program_id, "program")
        return self._read(user_id, lambda ctx: member_reads.program_members(ctx, pid))

    def get_loyalty_member(self, user_id: str, member_id: int) -> dto.Member:
        mid = as_id(member_id, "member")
        return self._read(user_id, lambda ctx: named.member(ctx, members.get_member(ctx, mid)))

    @needs(Permission.ENROLL_MEMBER)
    def enroll_loyalty_member(self, user_id: str, program_id: int, member_data: Mapping[str, Any], *,
                              actor: Actor = None) -> dto.Member:
        pid = as_id(program_id, "program")
        return self._write(user_id, lambda ctx: named.member(ctx, members.enroll(ctx, pid, member_data)))

    @needs(Permission.EDIT_MEMBER)  # and CHANGE_MEMBERSHIP to change the status or set the tier
    def update_loyalty_member(self, user_id: str, member_id: int, updates: Mapping[str, Any], *,
                              actor: Actor = None) -> dto.Member:
        mid = as_id(member_id, "member")
        return self._write(user_id, lambda ctx: named.member(ctx, members.update_member(ctx, mid, updates)))

    @needs(Permission.REPLACE_CARD)
    def replace_member_card(self, user_id: str, member_id: int, *, actor: Actor = None) -> dto.Member:
        mid = as_id(member_id, "member")
        return self._write(user_id, lambda ctx: named.member(ctx, members.replace_card(ctx, mid)))

    @needs(Permission.IMPORT_EXPORT)
    def import_members(self, user_id: str, program_id: int, source: str | os.PathLike[str] | bytes, *,
                       dry_run: bool = False, actor: Actor = None, skip_bad_rows: bool = False,
                       mapping: Mapping[str, str | None] | None = None,
                       progress: Callable[[int, int, str], object] | None = None) -> dto.ImportReport:
        """Members from a CSV file (a path, or its bytes), with their opening balances (README, "Import").

        All or nothing: a file with any refused row imports nothing, unless `skip_bad_rows`. A
        dry run writes nothing and reports what the same call would do. Importing the same file
        again changes nothing. `mapping` names columns the synonyms miss (header -> field, None
        to leave a column out). `progress(done, total, stage)` is called as it goes; an exception
        raised from it cancels the import, and nothing is written. A file that cannot be read as
        a members file at all is a ValidationError (field "source").
        """
        pid = as_id(program_id, "program")
        if not isinstance(dry_run, bool) or not isinstance(skip_bad_rows, bool):
            raise ValidationError("dry_run and skip_bad_rows must be True or False")
        file_name, data = member_import.read_source(source)
        table, columns = member_import.read_file(data, mapping)
        work = partial(member_import.run, program_id=pid, table=table, columns=columns, file_name=file_name,
                       write=not dry_run, skip_bad_rows=skip_bad_rows, progress=progress)
        return self._read(user_id, work) if dry_run else self._write(user_id, work)

    def find_members(self, user_id: str, query: str, *, program_id: int | None = None,
                     limit: int = 20) -> list[dto.Member]:
        pid = as_optional_id(program_id, "program")
        return self._read(user_id, lambda ctx: member_reads.lookup(ctx, query, _filter_program(ctx, pid), limit))

    def list_members_page(self, user_id: str, *, program_id: int | None = None, tier_id: int | None = None,
                          status: str | None = None, search: str | None = None, sort: str = "name",
                          descending: bool = False, after: tuple[dto.SortValue, int] | None = None,
                          limit: int = 200, enrolled_since: dt.date | None = None,
                          segment: dto.SegmentRule | None = None) -> dto.MemberPage:
        """A page of the members table, sorted and filtered in SQL, continuing after a keyset cursor
        (`next_after` of the page before); `enrolled_since` keeps members enrolled from that shop day
        on, `segment` those of a segment (README, "Segments")."""
        pid = as_optional_id(program_id, "program")
        tid = as_optional_id(tier_id, "tier")
        rule = _segment(segment)
        return self._read(user_id, lambda ctx: member_reads.members_page(
            ctx, program_id=_filter_program(ctx, pid), tier_id=tid, status=status, search=search, sort=sort,
            descending=descending, after=after, limit=limit, enrolled_since=enrolled_since, segment=rule))

    def count_members(self, user_id: str, *, program_id: int | None = None, tier_id: int | None = None,
                      status: str | None = None, search: str | None = None, cap: int | None = None,
                      segment: dto.SegmentRule | None = None) -> int:
        """Members left by the members table's filters; with `cap`, counting stops at that number."""
        pid = as_optional_id(program_id, "program")
        tid = as_optional_id(tier_id, "tier")
        rule = _segment(segment)
        return self._read(user_id, lambda ctx: member_reads.count_members(
            ctx, _filter_program(ctx, pid), tier_id=tid, status=status, search=search, cap=cap, segment=rule))

    # --- segments (README, "Segments") --------------------------------------

    def list_segments(self, user_id: str) -> list[dto.SavedSegment]:
        """The shop's saved segments, by name."""
        return self._read(user_id, segments.saved_segments)

    @needs(Permission.MANAGE_SEGMENTS)
    def save_segment(self, user_id: str, name: str, rule: dto.SegmentRule, *, program_id: int | None = None,
                     actor: Actor = None) -> dto.SavedSegment:
        """Save a segment's rule under a name, for one program or (None) all of them."""
        pid = as_optional_id(program_id, "program")
        return self._write(user_id, lambda ctx: segments.save_segment(ctx, name, pid, rule))

    def segment_audience(self, user_id: str, rule: dto.SegmentRule, *,
                         program_id: int | None = None) -> dto.SegmentAudience:
        """How many members the segment holds, and how many of them an email to it would reach."""
        pid = as_optional_id(program_id, "program")
        checked = segments.check_rule(rule)
        return self._read(user_id, lambda ctx: campaigns.audience(ctx, checked, _filter_program(ctx, pid)))

    @needs(Permission.EDIT_MESSAGES)
    def email_segment(self, user_id: str, rule: dto.SegmentRule, subject: str, message: str, *, key: str,
                      program_id: int | None = None, actor: Actor = None) -> dto.SegmentEmail:
        """Queue one email (subject and message framed by the `campaign` template) for every member
        of the segment with marketing consent; `key` makes it exactly-once."""
        pid = as_optional_id(program_id, "program")
        checked = segments.check_rule(rule)
        return self._write(user_id, lambda ctx: campaigns.email_segment(
            ctx, checked, _filter_program(ctx, pid), subject, message, key))

    @needs(Permission.MANAGE_SEGMENTS)
    def delete_segment(self, user_id: str, segment_id: int, *, actor: Actor = None) -> None:
        sid = as_id(segment_id, "segment")
        self._write(user_id, lambda ctx: segments.delete_segment(ctx, sid))

    def count_members_by_status(self, user_id: str, *, program_id: int | None = None) -> dict[str, int]:
        """How many members hold each membership status, shop-wide or in one program."""
        pid = as_optional_id(program_id, "program")
        return self._read(user_id, lambda ctx: member_reads.status_counts(ctx, _filter_program(ctx, pid)))

    def get_member_summary(self, user_id: str, member_id: int) -> dto.MemberSummary:
        """The counter panel: tier and progress, balance, pending and soon-expiring points, affordable rewards."""
        mid = as_id(member_id, "member")
        return self._read(user_id, lambda ctx: member_reads.member_summary(ctx, mid))

    # --- points ------------------------------------------------------------

    @needs(Permission.ADJUST_POINTS)  # a cashier above the limits: with approval
    def add_points_transaction(self, user_id: str, program_id: int, member_id: int,
                               transaction_data: Mapping[str, Any], *, actor: Actor = None,
                               approver: int | None = None, approver_pin: str | None = None
                               ) -> dto.PointsTransaction:
        pid, mid = as_id(program_id, "program"), as_id(member_id, "member")
        return self._write(user_id, lambda ctx: dto.to_dto(
            dto.PointsTransaction, purchases.add_transaction(ctx, pid, mid, transaction_data)))

    def get_member_points_history(self, user_id: str, member_id: int, *, limit: int | None = None,
                                  before_id: int | None = None) -> list[dto.PointsTransaction]:
        """The member's ledger rows, newest first (all of them, or the newest `limit`); with
        `before_id`, those older than that row (the next page: the last id of the page before)."""
        mid = as_id(member_id, "member")
        most = None if limit is None else as_limit(limit, maximum=100_000)
        before = as_optional_id(before_id, "transaction")
        return self._read(user_id, lambda ctx: history.points_history(ctx, mid, most, before))

    @needs(Permission.RECORD_PURCHASE)
    def record_purchase(self, user_id: str, program_id: int, member_id: int, amount: Amount,
                        order_ref: str, *, actor: Actor = None) -> dto.PointsTransaction:
        return self.record_purchase_outcome(user_id, program_id, member_id, amount, order_ref,
                                            actor=actor).transaction

    @needs(Permission.RECORD_PURCHASE)
    def record_purchase_outcome(self, user_id: str, program_id: int, member_id: int, amount: Amount,
                                order_ref: str, *, actor: Actor = None) -> dto.PurchaseOutcome:
        """`record_purchase`, telling also whether the order was already recorded.

        `replayed` is True when `order_ref` had been recorded before with the same member and
        amount: nothing was added, and `transaction` is the original row (its `created_at` is when
        it was recorded). The refusals are those of `record_purchase`.
        """
        pid, mid = as_id(program_id, "program"), as_id(member_id, "member")
        return self._write(user_id, lambda ctx: named.outcome(
            purchases.record_purchase_outcome(ctx, pid, mid, amount, order_ref)))

    def quote_purchase(self, user_id: str, program_id: int, member_id: int, amount: Amount) -> int:
        return self.quote_purchase_detail(user_id, program_id, member_id, amount).points

    def quote_purchase_detail(self, user_id: str, program_id: int, member_id: int,
                              amount: Amount) -> dto.PurchaseQuote:
        """`quote_purchase` with the promotion that applies now (README, "Promotions"), for the
        counter's preview: the points are those `record_purchase` would write at this instant."""
        pid, mid = as_id(program_id, "program"), as_id(member_id, "member")

        def quote(ctx: Ctx) -> dto.PurchaseQuote:
            earning = purchases.quote_purchase(ctx, pid, mid, amount)
            promotion = earning.promotion
            return dto.PurchaseQuote(earning.points, promotion.id if promotion else None,
                                     promotion.name if promotion else None)
        return self._read(user_id, quote)

    @needs(Permission.RETURN_PURCHASE)  # a cashier above return_approval_amount: with approval
    def reverse_purchase(self, user_id: str, program_id: int, order_ref: str, amount: Amount | None = None, *,
                         return_ref: str | None = None, actor: Actor = None, approver: int | None = None,
                         approver_pin: str | None = None) -> dto.PointsTransaction:
        outcome = self.reverse_purchase_outcome(user_id, program_id, order_ref, amount, return_ref=return_ref,
                                                actor=actor, approver=approver, approver_pin=approver_pin)
        return outcome.transaction

    @needs(Permission.RETURN_PURCHASE)  # a cashier above return_approval_amount: with approval
    def reverse_purchase_outcome(self, user_id: str, program_id: int, order_ref: str, amount: Amount | None = None, *,
                                 return_ref: str | None = None, member_id: int | None = None,
                                 actor: Actor = None, approver: int | None = None,
                                 approver_pin: str | None = None) -> dto.PurchaseOutcome:
        """`reverse_purchase`, telling also whether it replayed an earlier return with the same
        `return_ref` (nothing written). The return row's `shortfall_points` says how many points had
        already been spent and could not be taken back. With `member_id`, an order of another member
        is refused (`NotFound`, field "order_ref")."""
        pid = as_id(program_id, "program")
        mid = as_optional_id(member_id, "member")
        return self._write(user_id, lambda ctx: named.outcome(
            purchases.reverse_purchase_outcome(ctx, pid, order_ref, amount, return_ref, member_id=mid)))

    @needs(Permission.RETURN_PURCHASE)  # a cashier above return_approval_amount: with approval
    def void_purchase(self, user_id: str, program_id: int, order_ref: str, reason: str, *,
                      member_id: int | None = None, actor: Actor = None, approver: int | None = None,
                      approver_pin: str | None = None) -> dto.PointsTransaction:
        """Void a sale rung up today: a whole return in the ledger, never a delete.

        It goes through the same code as `reverse_purchase` (points taken back, shortfall recorded,
        tier re-evaluated; a held purchase fails). The returned row is a `purchase_return` with
        `source` "void", reference ("void", order_ref) and a description starting "Void: <reason>";
        its activity row carries `{"void": True, "reason": ...}`. Voiding the same order again
        returns that same row. Refused with `ValidationError` (field "reason") without a reason,
        `NotFound` for an unknown order, and `NotEligible` for a sale of another day or one that
        already has a return ("Only today's sales can be voided; use Return").
        """
        pid = as_id(program_id, "program")
        mid = as_optional_id(member_id, "member")
        return self._write(user_id, lambda ctx: dto.to_dto(
            dto.PointsTransaction, purchases.void_purchase(ctx, pid, order_ref, reason, mid)[0]))

    def recent_purchases(self, user_id: str, member_id: int, *, limit: int = 20) -> list[dto.ReturnablePurchase]:
        """The member's newest purchases for the return picker: date, order reference, amount, points,
        what was returned and what is left, and whether it can still be voided."""
        mid = as_id(member_id, "member")
        limit = as_limit(limit, maximum=200)
        return self._read(user_id, lambda ctx: till.recent_purchases(ctx, mid, limit))

    def get_receipt_lines(self, user_id: str, transaction_id: int) -> list[str]:
        """Short lines for a POS receipt, in the shop's number and date formats: what the
        transaction earned or used ("Points earned: 12"), the balance ("Balance: 1,278"), the next
        tier ("260 points to Gold") and points expiring within 30 days. `NotFound` for an unknown
        transaction or another shop's."""
        tid = as_id(transaction_id, "transaction")
        return self._read(user_id, lambda ctx: receipt.receipt_lines(ctx, tid))

    # --- points as money off -----------------------------------------------

    @needs(Permission.REDEEM)
    def redeem_points_for_discount(self, user_id: str, program_id: int, member_id: int, points: int,
                                   order_ref: str, *, basket_amount: Amount | None = None,
                                   actor: Actor = None) -> dto.PointsDiscount:
        """Spend `points` as money off order `order_ref` (README, "Points as money off"): the
        points leave the oldest lots first, and `discount` is their value at the program's
        `redeem_points_per_unit` (a cash back program's points are cents). Refused with
        `ValidationError` (field "points") below `min_redemption_points`, off the step, or over
        `redeem_max_basket_percent` of `basket_amount` (which that rule needs: field
        "basket_amount"); `InsufficientPoints` over the balance; `NotEligible` for a program with
        no redemption value. The same `order_ref` again with the same points replays the first
        (`replayed`, nothing written); with other points it is a `DuplicateReference`. A return of
        the order gives the points back pro rata when `redeem_restore_on_return` is on."""
        pid, mid = as_id(program_id, "program"), as_id(member_id, "member")

        def work(ctx: Ctx) -> dto.PointsDiscount:
            row, replayed = discounts.redeem_for_discount(ctx, pid, mid, points, order_ref, basket_amount)
            program = programs.get_program(ctx, pid)
            return dto.PointsDiscount(dto.to_dto(dto.PointsTransaction, row), -row.points_amount,
                                      discounts.discount_amount(row), program.currency, row.reference_id or "",
                                      replayed)
        return self._write(user_id, work)

    def get_discount_terms(self, user_id: str, program_id: int) -> dto.DiscountTerms | None:
        """How the program's points become money off (the counter's preview), or None when it has
        no redemption value."""
        pid = as_id(program_id, "program")
        return self._read(user_id, lambda ctx: discounts.get_terms(ctx, pid))

    # --- rewards and redemptions -------------------------------------------

    def get_loyalty_rewards(self, user_id: str, program_id: int) -> list[dto.Reward]:
        pid = as_id(program_id, "program")
        return self._read(user_id, lambda ctx: catalog.reward_list(ctx, pid))

    def get_loyalty_reward(self, user_id: str, reward_id: int) -> dto.Reward:
        """One reward, fresh; `NotFound` for an unknown id or another shop's reward."""
        rid = as_id(reward_id, "reward")
        return self._read(user_id, lambda ctx: catalog.reward(ctx, rid))

    @needs(Permission.EDIT_REWARDS)
    def create_loyalty_reward(self, user_id: str, program_id: int, reward_data: Mapping[str, Any], *,
                              actor: Actor = None) -> dto.Reward:
        pid = as_id(program_id, "program")
        return self._write(user_id, lambda ctx: dto.to_dto(dto.Reward, rewards.create_reward(ctx, pid, reward_data)))

    @needs(Permission.EDIT_REWARDS)
    def update_loyalty_reward(self, user_id: str, reward_id: int, updates: Mapping[str, Any], *,
                              actor: Actor = None) -> dto.Reward:
        rid = as_id(reward_id, "reward")
        return self._write(user_id, lambda ctx: dto.to_dto(dto.Reward, rewards.update_reward(ctx, rid, updates)))

    def reward_eligibility(self, user_id: str, member_id: int) -> list[tuple[dto.Reward, str | None]]:
        """Every reward of the member's program, with why they cannot redeem it now (None = they can)."""
        mid = as_id(member_id, "member")
        return self._read(user_id, lambda ctx: catalog.reward_eligibility(ctx, mid))

    @needs(Permission.REDEEM)
    def create_redemption(self, user_id: str, program_id: int, member_id: int, reward_id: int,
                          points_redeemed: int | None = None, *, delivery_method: str | None = None,
                          shipping_address: str | None = None, actor: Actor = None) -> dto.Redemption:
        """Spend a reward's points on it. `delivery_method` ("pickup", "ship" or "digital") says how
        it reaches the member; "ship" needs `shipping_address`. A pickup's approval tells the member
        it is ready to collect."""
        pid, mid, rid = as_id(program_id, "program"), as_id(member_id, "member"), as_id(reward_id, "reward")
        return self._write(user_id, lambda ctx: named.redemption(
            ctx, *redemptions.create_redemption(ctx, pid, mid, rid, points_redeemed, delivery_method,
                                                shipping_address)))

    def get_member_redemptions(self, user_id: str, member_id: int) -> list[dto.Redemption]:
        mid = as_id(member_id, "member")
        return self._read(user_id, lambda ctx: history.member_redemptions(ctx, mid))

    def get_redemptions(self, user_id: str, *, status: str | None = None, limit: int = 500) -> list[dto.Redemption]:
        """The fulfillment queue, newest first, optionally of one status."""
        most = as_limit(limit)
        return self._read(user_id, lambda ctx: history.redemption_queue(ctx, status, most))

    def resolve_code(self, user_id: str, text: str) -> dto.ScanResult:
        """What a scanned or typed code is: a member's card, a reward voucher (RW-XXXX-XXXX-XXXX, in
        any case, with or without dashes or spaces), a replaced card, or unknown. Only this shop's
        codes are found; another shop's are "unknown". Non-text, empty text or control characters
        are a `ValidationError` (field "query")."""
        return self._read(user_id, lambda ctx: till.resolve_code(ctx, text))

    def search_redemptions(self, user_id: str, query: str, *, status: str | None = None,
                           limit: int = 50) -> list[dto.Redemption]:
        """The redemptions queue's search: a voucher code (exact, however typed), or a member (card,
        replaced card, phone, email, referral code or name prefix, as `find_members`); newest first,
        optionally of one status. An empty query finds nothing."""
        most = as_limit(limit, maximum=500)
        return self._read(user_id, lambda ctx: till.search_redemptions(ctx, query, status, most))

    @staticmethod
    def fulfillment_transitions() -> dict[str, frozenset[str]]:
        """The fulfillment workflow: for each status, the statuses it may move to (final ones: none)."""
        return {current.value: frozenset(t.value for t in targets)
                for current, targets in redemptions.TRANSITIONS.items()}

    @needs(Permission.REDEEM)  # "redeemed" only; FULFILL_REDEMPTIONS or CANCEL_REDEMPTIONS for the rest
    def update_redemption_status(self, user_id: str, redemption_id: int, status: str, *,
                                 tracking_number: str | None = None, notes: str | None = None,
                                 actor: Actor = None) -> dto.Redemption:
        rid = as_id(redemption_id, "redemption")
        return self._write(user_id, lambda ctx: named.redemption(
            ctx, redemptions.update_status(ctx, rid, status, tracking_number, notes)))

    @needs(Permission.FULFILL_REDEMPTIONS)
    def update_redemption_delivery(self, user_id: str, redemption_id: int, delivery_method: str | None,
                                   shipping_address: str | None = None, *, actor: Actor = None) -> dto.Redemption:
        """How a pending or approved redemption reaches the member (as `create_redemption` takes it)."""
        rid = as_id(redemption_id, "redemption")
        return self._write(user_id, lambda ctx: named.redemption(
            ctx, redemptions.update_delivery(ctx, rid, delivery_method, shipping_address)))

    # --- history -----------------------------------------------------------

    def get_member_activity(self, user_id: str, member_id: int, *, limit: int = 500) -> list[dto.MemberActivity]:
        mid = as_id(member_id, "member")
        most = as_limit(limit)
        return self._read(user_id, lambda ctx: history.member_activity(ctx, mid, most))

    def get_tier_history(self, user_id: str, member_id: int) -> list[dto.TierProgression]:
        mid = as_id(member_id, "member")
        return self._read(user_id, lambda ctx: history.tier_history(ctx, mid))

    # --- a member's data and exports (README, "Export" and "A member's data") -------------------

    @needs(Permission.EXPORT_MEMBER_DATA)
    def export_member_data(self, user_id: str, member_id: int, *, actor: Actor = None) -> dict[str, Any]:
        """Everything held about one member, as JSON-ready values: "profile", "ledger",
        "redemptions", "activity" and "tier_history" (oldest first), and "merged_members" (ids)."""
        mid = as_id(member_id, "member")
        return self._read(user_id, lambda ctx: member_export.member_data(ctx, mid))

    @needs(Permission.ERASE_MEMBER)
    def erase_member(self, user_id: str, member_id: int, *, reason: str, actor: Actor = None) -> dto.Member:
        """Erase the member's personal data (name, email, phone, birthday, customer id, metadata,
        with the address on redemptions) from the member and from every text that quotes it; the
        card stops working and the member becomes inactive. The ledger keeps its points. Recorded
        in the audit log as "member_erased", with `reason`. Cannot be undone."""
        mid = as_id(member_id, "member")
        return self._write(user_id, lambda ctx: named.member(ctx, member_data.erase(ctx, mid, reason)))

    @needs(Permission.MERGE_MEMBERS)
    def merge_members(self, user_id: str, keep_id: int, merge_id: int, *, actor: Actor = None) -> dto.Member:
        """Merge member `merge_id` into `keep_id` (same program): balance lot by lot with the expiry
        dates, lifetime points, spending and redemptions move; the tier is re-evaluated; the merged
        member is left inactive with `merged_into_id`. Returns the kept member."""
        keep, gone = as_id(keep_id, "keep_id"), as_id(merge_id, "merge_id")
        return self._write(user_id, lambda ctx: named.member(ctx, member_data.merge(ctx, keep, gone)))

    @needs(Permission.IMPORT_EXPORT)
    def export_members_page(self, user_id: str, *, program_id: int | None = None, after_id: int = 0,
                            limit: int = 1000, segment: dto.SegmentRule | None = None,
                            actor: Actor = None) -> list[dto.Member]:
        """The shop's members with an id above `after_id`, in id order (an export's keyset page);
        with `segment`, only the segment's members."""
        rule = _segment(segment)
        return self._export_page(user_id, partial(member_export.members_after, segment=rule), program_id, after_id,
                                 limit)

    @needs(Permission.IMPORT_EXPORT)
    def export_transactions_page(self, user_id: str, *, program_id: int | None = None, after_id: int = 0,
                                 limit: int = 1000, actor: Actor = None) -> list[dto.PointsTransaction]:
        """The shop's ledger rows with an id above `after_id`, in id order."""
        return self._export_page(user_id, member_export.transactions_after, program_id, after_id, limit)

    @needs(Permission.IMPORT_EXPORT)
    def export_redemptions_page(self, user_id: str, *, program_id: int | None = None, after_id: int = 0,
                                limit: int = 1000, actor: Actor = None) -> list[dto.Redemption]:
        """The shop's redemptions with an id above `after_id`, in id order."""
        return self._export_page(user_id, member_export.redemptions_after, program_id, after_id, limit)

    def _export_page(self, user_id: str, read: Callable[[Ctx, int | None, int, int], list[T]], program_id: object,
                     after_id: object, limit: object) -> list[T]:
        """One keyset page of an export: the optional program, the last id of the page before (0 to
        start) and the page size, checked."""
        pid = as_optional_id(program_id, "program")
        after = as_int(after_id, "after_id", minimum=0, maximum=2**63 - 1)
        most = as_limit(limit, maximum=10_000)
        return self._read(user_id, lambda ctx: read(ctx, _filter_program(ctx, pid), after, most))

    # --- analytics -----------------------------------------------------------

    def get_loyalty_dashboard_data(self, user_id: str, *, program_id: int | None = None) -> dict[str, Any]:
        pid = as_optional_id(program_id, "program")
        return self._read(user_id, lambda ctx: dashboard.dashboard(ctx, _filter_program(ctx, pid)))

    def get_points_liability(self, user_id: str, *, program_id: int | None = None, months: int = 12
                             ) -> dict[str, Any]:
        pid = as_optional_id(program_id, "program")
        months = as_int(months, "months", minimum=1, maximum=120)
        return self._read(user_id, lambda ctx: dashboard.liability(ctx, _filter_program(ctx, pid), months))

    def get_analytics_series(self, user_id: str, first: dt.date, last: dt.date, *, program_id: int | None = None
                             ) -> list[dict[str, Any]]:
        """Daily snapshot figures between two dates (inclusive), programs added together."""
        pid, start, end = _period_args(program_id, first, last)
        return self._read(user_id, lambda ctx: dashboard.series(ctx, _filter_program(ctx, pid), start, end))

    def get_period_figures(self, user_id: str, first: dt.date, last: dt.date, *, program_id: int | None = None
                           ) -> dto.PeriodFigures:
        """The headline figures of a period (inclusive) beside those of the period of the same
        length just before it: flows over the period, states as of its last day."""
        pid, start, end = _period_args(program_id, first, last)
        return self._read(user_id, lambda ctx: period_figures.period_figures(ctx, _filter_program(ctx, pid),
                                                                             start, end))

    def get_analytics_buckets(self, user_id: str, first: dt.date, last: dt.date, *, program_id: int | None = None
                              ) -> list[dto.AnalyticsBucket]:
        """The period cut into days (up to 31 days), weeks (up to 184) or months, with each one's figures."""
        pid, start, end = _period_args(program_id, first, last)
        return self._read(user_id, lambda ctx: period_figures.analytics_buckets(ctx, _filter_program(ctx, pid),
                                                                                start, end))

    def get_analytics_snapshots(self, user_id: str, program_id: int) -> list[dto.ProgramAnalytics]:
        pid = as_id(program_id, "program")
        return self._read(user_id, lambda ctx: history.analytics_snapshots(ctx, pid))

    # --- jobs and checks ---------------------------------------------------

    @needs(Permission.RUN_JOBS)  # only when a person names the day, or themselves (see below)
    def run_daily_jobs(self, user_id: str, as_of: dt.date | dt.datetime | None = None, *,
                       actor: Actor = None) -> dto.JobSummary:
        """The daily jobs, acting as the system (every row they write says so). Today's jobs need
        nobody: the app's timer and `loyalty-desk run-jobs` run them. Naming another day (`as_of`),
        or an actor, is a person's choice and needs RUN_JOBS once the shop has staff."""
        user = as_user_id(user_id)
        if as_of is not None or actor is not None:
            self._read(user, lambda ctx: None)   # authorizes the call (_read)
        with self.uow.read(user) as ctx:
            tz = ctx.tz
        day, moment = job_moment(as_of, checked_now(self.clock), tz)
        return jobs.run(self.uow, user, day, moment)

    def next_day_start(self, user_id: str) -> dt.datetime:
        """When the shop's next day begins (UTC): the moment the app runs the daily jobs again."""
        return self._read(user_id, lambda ctx: end_cutoff(ctx.today, ctx.tz))

    def check_ledger(self, user_id: str | None = None) -> list[dto.LedgerProblem]:
        if user_id is not None:
            as_user_id(user_id)
        with self.uow.read(user_id or "") as ctx:
            return audit.check_ledger(ctx, user_id)

    # --- messages to members (README, "Messages") -------------------------------------------

    @needs(Permission.VIEW_OUTBOX)
    def get_outbox(self, user_id: str, *, status: str | None = None, limit: int = 500,
                   actor: Actor = None) -> list[dto.OutboxMessage]:
        """The emails to members, newest first, optionally of one status ("pending", "sent",
        "failed"): kind, recipient, subject, status, attempts, last error. A pending message shows
        the address and subject it would go out with now."""
        most = as_limit(limit, maximum=10_000)
        return self._read(user_id, lambda ctx: messages.outbox_list(ctx, status, most))

    @needs(Permission.VIEW_OUTBOX)
    def retry_message(self, user_id: str, message_id: int, *, actor: Actor = None) -> dto.OutboxMessage:
        """A failed message back in the queue, due at once (NotEligible for one that did not fail)."""
        mid = as_id(message_id, "message")
        return self._write(user_id, lambda ctx: messages.retry(ctx, mid))

    @needs(Permission.EDIT_MESSAGES)
    def get_message_templates(self, user_id: str, *, actor: Actor = None) -> list[dto.MessageText]:
        """Every kind's template (the shop's own or the default), with the variables it may use."""
        return self._read(user_id, messages.template_list)

    @needs(Permission.EDIT_MESSAGES)
    def save_message_template(self, user_id: str, kind: str, subject: str, body_text: str,
                              body_html: str | None = None, *, actor: Actor = None) -> dto.MessageText:
        """The shop's template for one kind: Jinja2 in its sandbox, cut down to variables, filters
        and `{% if %}` (README, "Messages"). A syntax error, an unknown variable or anything a
        template may not do is a ValidationError naming the line, and nothing is saved."""
        which, text = messages.checked_text(kind, subject, body_text, body_html)
        return self._write(user_id, lambda ctx: messages.save_template(ctx, which, text))

    @needs(Permission.EDIT_MESSAGES)
    def preview_message(self, user_id: str, kind: str, member_id: int, *, subject: str | None = None,
                        body_text: str | None = None, body_html: str | None = None,
                        actor: Actor = None) -> dto.OutgoingMessage:
        """The message of this kind for a real member, with sample event facts, as it would go now:
        with the saved template, or with the one being edited when `subject` and `body_text` are given
        (checked as `save_message_template` does, and not saved)."""
        mid = as_id(member_id, "member")
        if subject is None and body_text is None and body_html is None:
            which, override = as_message_kind(kind), None
        else:
            which, override = messages.checked_text(kind, subject, body_text, body_html)
        return self._read(user_id, lambda ctx: messages.preview(ctx, which, mid, override))

    def claim_due_messages(self, user_id: str, *, claimer: str, limit: int = 20,
                           gone: Callable[[str], bool] | None = None) -> list[dto.OutgoingMessage]:
        """The sender's side (loyalty_desk.messaging): take up to `limit` due messages for
        `claimer` (a name unique to this sender) and render them. A message claimed by a sender
        whose lease ran out, or that `gone(claimer)` says has died, is due again. Acts as the
        system, like the daily jobs."""
        most = as_limit(limit, maximum=500)
        return self.uow.write(as_user_id(user_id), lambda ctx: messages.claim_due(ctx, claimer, most, gone))

    def record_message_outcome(self, user_id: str, message_id: int, *, claimer: str, outcome: str,
                               error: str | None = None, recipient: str | None = None,
                               subject: str | None = None) -> str | None:
        """What became of a claimed message: "sent", "retry" (temporary failure: tried again after a
        growing wait), "failed" (refused for good, `error` the server's answer) or "released" (not
        tried). Returns the message's status now ("pending", "sent" or "failed": the last retry
        gives up); None when the claim had passed to another sender (nothing changed)."""
        mid = as_id(message_id, "message")
        return self.uow.write(as_user_id(user_id), lambda ctx: messages.record_outcome(
            ctx, mid, claimer, outcome, error, recipient, subject))

    def shops_with_mail(self) -> list[str]:
        """The shops whose mail server is set (the sender goes through them all by default)."""
        with self.uow.read("") as ctx:
            return messages.shops_with_mail(ctx)

    def unsubscribe_page(self, token: str) -> dto.UnsubscribePage:
        """What a one-click unsubscribe link (`/unsubscribe/{token}`) opens: the shop's name and
        whether the member has opted out already. `NotFound` for a link that is not one."""
        with self.uow.read("") as ctx:
            user = unsubscribe.shop_of(ctx, token)
        return self._read(user, lambda ctx: unsubscribe.page(ctx, token))

    def unsubscribe(self, token: str) -> dto.UnsubscribePage:
        """The link's member opts out of every email, as `update_loyalty_member(..., {"email_opt_out":
        True})` (their messages not yet sent are dropped). Doing it again changes nothing."""
        with self.uow.read("") as ctx:
            user = unsubscribe.shop_of(ctx, token)
        return self.uow.write(user, lambda ctx: unsubscribe.opt_out(ctx, token))

    # --- keys of the HTTP API (README, "HTTP API") ------------------------------------------

    @needs(Permission.API_KEYS)
    def create_api_key(self, user_id: str, key_data: Mapping[str, Any], *, actor: Actor = None
                       ) -> tuple[dto.ApiKey, str]:
        """A new key of the HTTP API for this shop: {"scope": "read" | "write", "name"?}. Returns
        the key's description and the key itself, which is shown this once: only its hash is kept."""
        secret = api_keys.new_secret()
        return self._write(user_id, lambda ctx: (api_keys.to_dto(api_keys.create(ctx, key_data, secret)), secret))

    @needs(Permission.API_KEYS)
    def list_api_keys(self, user_id: str, *, actor: Actor = None) -> list[dto.ApiKey]:
        """The shop's keys, revoked ones too, oldest first."""
        return self._read(user_id, api_keys.key_list)

    @needs(Permission.API_KEYS)
    def revoke_api_key(self, user_id: str, key_id: int, *, actor: Actor = None) -> dto.ApiKey:
        """Revoke a key: from now on it is refused (InvalidApiKey). It stays listed, and the rows
        it wrote keep naming it."""
        kid = as_id(key_id, "API key")
        return self._write(user_id, lambda ctx: api_keys.to_dto(api_keys.revoke(ctx, kid)))

    def authenticate_api_key(self, secret: object) -> dto.ApiKey:
        """The live key a request presents (the text after "Bearer "), whichever shop it is of;
        `InvalidApiKey` for a missing, unknown or revoked one. Pass it as `actor=` to the calls the
        request makes, with its `user_id`: the key then acts, within its scope."""
        if not isinstance(secret, str) or not secret.strip():
            raise InvalidApiKey("An API key is needed: send the header Authorization: Bearer KEY")
        with self.uow.read("") as ctx:
            key = api_keys.find(ctx, secret.strip())
            now = ctx.now
        if key is None:
            raise InvalidApiKey(api_keys.UNKNOWN)
        if not self.db.read_only and api_keys.needs_touch(key, now):
            self.uow.write(key.user_id, lambda ctx: api_keys.touch(ctx, key.id))
        return key

    # --- web shops' webhooks (README, "Web shops") ---------------------------------------------

    def shopify_order_paid(self, user_id: str, body: bytes, *, signature: str | None,
                           webhook_id: str | None = None) -> dto.WebhookOutcome:
        """Shopify's orders/paid webhook: `body` is the raw body, `signature` the header
        X-Shopify-Hmac-Sha256, `webhook_id` X-Shopify-Webhook-Id. The signature is checked before
        anything is read (InvalidWebhookSignature: missing, wrong, no secret or unknown shop alike);
        then the order earns on its subtotal as its customer's purchase, reference
        "shopify:<order id>", or waits in the unmatched list. A payload that is not an order, or
        an amount not written exactly, is a BadWebOrder, and nothing is written."""
        user = self._signed(user_id, WebShop.SHOPIFY, body, signature)
        return webhooks.deliver(self.uow, user, web_orders.shopify_order(body), webhook_id)

    def shopify_refund_created(self, user_id: str, body: bytes, *, signature: str | None,
                               webhook_id: str | None = None) -> dto.WebhookOutcome:
        """Shopify's refunds/create webhook: the points of the goods given back are taken back
        proportionally (a return with reference "shopify:refund:<refund id>"), once per refund."""
        user = self._signed(user_id, WebShop.SHOPIFY, body, signature)
        back = web_orders.shopify_refund(body)
        return self.uow.write(user, partial(webhooks.refund, back=back), acting=webhooks.WEBHOOK)

    def woocommerce_order(self, user_id: str, body: bytes, *, signature: str | None,
                          webhook_id: str | None = None) -> dto.WebhookOutcome:
        """WooCommerce's order.created / order.updated webhook (`signature`: X-WC-Webhook-Signature).
        A "completed" order earns as Shopify's paid one does ("woocommerce:<order id>"); a
        "refunded" one gives back whatever is left of it, once; any other status changes nothing."""
        user = self._signed(user_id, WebShop.WOOCOMMERCE, body, signature)
        order = web_orders.woocommerce_order(body)
        if order.status == "completed":
            return webhooks.deliver(self.uow, user, order, webhook_id)
        if order.status == "refunded":
            return self.uow.write(user, partial(webhooks.refund, back=web_orders.woocommerce_refund(order)),
                                  acting=webhooks.WEBHOOK)
        return dto.WebhookOutcome("ignored", order.order_ref,
                                  reason=f"Orders earn when completed; this one is {(order.status or '')[:40]}")

    def _signed(self, user_id: object, provider: WebShop, body: object, signature: object) -> str:
        """The shop, once the body's signature is checked under its secret for `provider`."""
        if not isinstance(body, bytes):
            raise ValidationError("The body must be the bytes received, unchanged", field="body")
        try:
            user: str | None = as_user_id(user_id)
        except ValidationError:
            user = None         # refused below, as a wrong signature is
        secret = None
        if user is not None:
            with self.uow.read(user) as ctx:
                secret = webhooks.secret_of(ctx, provider)
        webhooks.check_signature(secret, body, signature)
        assert user is not None
        return user

    @needs(Permission.API_KEYS)
    def list_unmatched_orders(self, user_id: str, *, status: str = "open", actor: Actor = None
                              ) -> list[dto.UnmatchedOrder]:
        """The web orders no member took, newest first: "open" (waiting), "resolved" or "dismissed"."""
        return self._read(user_id, lambda ctx: webhooks.unmatched_list(ctx, status))

    @needs(Permission.API_KEYS)
    def resolve_unmatched_order(self, user_id: str, order_id: int, member_id: int, *, actor: Actor = None
                                ) -> dto.PointsTransaction:
        """Record a waiting web order as the member's purchase (its subtotal less the refunds that
        came meanwhile), through `record_purchase` with the order's reference. Resolving it again
        to the same member returns the same row; an order already resolved otherwise or dismissed
        is NotEligible."""
        oid, mid = as_id(order_id, "web order"), as_id(member_id, "member")
        return self._write(user_id, lambda ctx: dto.to_dto(dto.PointsTransaction, webhooks.resolve(ctx, oid, mid)))

    @needs(Permission.API_KEYS)
    def dismiss_unmatched_order(self, user_id: str, order_id: int, *, actor: Actor = None) -> dto.UnmatchedOrder:
        """The waiting web order earns nothing (dismissing it again changes nothing)."""
        oid = as_id(order_id, "web order")
        return self._write(user_id, lambda ctx: webhooks.dismiss(ctx, oid))

    # --- staff, sign-in and the audit log (README, "Staff and roles", "Who did what") ---------

    @needs(Permission.MANAGE_STAFF)
    def create_staff(self, user_id: str, staff_data: Mapping[str, Any], *, actor: Actor = None
                     ) -> dto.StaffMember:
        """A staff account: {"name", "role" (owner, manager or cashier), "pin" (4 to 8 digits)}, and
        optionally "active". Names are unique per shop whatever their case; the first staff member
        must be an owner. From then on the shop's guarded calls need an actor."""
        data = staff.prepare(staff_data, creating=True)      # hashes the PIN before the transaction
        return self._write(user_id, lambda ctx: staff.to_dto(staff.create(ctx, data)))

    @needs(Permission.MANAGE_STAFF)
    def update_staff(self, user_id: str, staff_id: int, updates: Mapping[str, Any], *, actor: Actor = None
                     ) -> dto.StaffMember:
        """Change a staff member's name, role, PIN or `active`. The last active owner cannot be
        demoted or deactivated (ValidationError)."""
        sid = as_id(staff_id, "staff")
        data = staff.prepare(updates, creating=False)
        return self._write(user_id, lambda ctx: staff.to_dto(staff.update(ctx, sid, data)))

    @needs(Permission.MANAGE_STAFF)
    def list_staff(self, user_id: str, *, actor: Actor = None) -> list[dto.StaffMember]:
        """Every staff account of the shop, active or not, by name."""
        return self._read(user_id, staff.staff_list)

    def sign_in_names(self, user_id: str) -> list[tuple[int, str]]:
        """The active staff's ids and names, for the sign-in screen's list (nothing else about them)."""
        return [(s.id, s.name) for s in self._read(user_id, lambda ctx: staff.staff_list(ctx, active_only=True))]

    def has_staff(self, user_id: str) -> bool:
        """Whether the shop has an active staff member, so that guarded calls need an actor."""
        return self._read(user_id, staff.has_active_staff)

    def sign_in(self, user_id: str, name_or_id: str | int, pin: str) -> dto.StaffMember:
        """The active staff member with this name (any case) or id and PIN. An unknown name and a
        wrong PIN are refused alike (PermissionDenied), in comparable time; after 5 wrong PINs for
        one name within 15 minutes it is refused for 5 minutes even with the right PIN
        (SignInLocked, with `until`)."""
        return self._check_pin(as_user_id(user_id), name_or_id, pin, "sign_in")

    @needs(Permission.VIEW_AUDIT)
    def get_audit_log(self, user_id: str, *, actor: Actor = None, staff_id: int | None = None,
                      action: str | None = None, since: dt.datetime | None = None, until: dt.datetime | None = None,
                      limit: int = 500) -> list[dto.AuditEntry]:
        """Who did what, newest first: ledger rows, member events (enrolment, edits, status, card,
        tier and redemption changes), settings changes and sign-in lock-outs. `staff_id` keeps one
        person's actions (as actor or approver); `action` one action; `since` (inclusive) and
        `until` (exclusive) bound the time."""
        query = audit_log.AuditQuery(
            staff_id=as_optional_id(staff_id, "staff"), action=audit_log.as_action(action),
            since=audit_log.as_moment(since, "since"), until=audit_log.as_moment(until, "until"),
            limit=as_limit(limit, maximum=10_000))
        return self._read(user_id, lambda ctx: audit_log.audit_log(ctx, query))

    @needs(Permission.VIEW_FLAGS)
    def get_flags(self, user_id: str, *, since: dt.datetime, actor: Actor = None) -> list[dto.Flag]:
        """What the owner should look at since `since`, newest first: a staff member's adjustments
        in a day over the cashier cap, a redemption within 10 minutes after a manual credit to the
        same member by the same person, more than 5 purchases on one card within 10 minutes, and
        sign-in lock-outs."""
        start = audit_log.as_moment(since, "since")
        assert start is not None
        return self._read(user_id, lambda ctx: audit_log.flags(ctx, start))


# Public methods anyone may call, whatever the shop's staff: reads of what the counter shows
# anyway, and the sign-in itself. Every other public method declares a permission (`@needs`).
OPEN_METHODS = frozenset({
    "close", "database_url", "database_label", "busy_timeout_s", "list_shops", "get_shop", "shop_today",
    "get_loyalty_programs", "get_loyalty_program", "get_loyalty_tiers", "get_loyalty_members", "get_loyalty_member",
    "find_members", "register_name",
    "list_members_page", "count_members", "count_members_by_status", "list_segments", "segment_audience",
    "get_member_summary", "get_member_points_history", "quote_purchase", "quote_purchase_detail",
    "list_promotions", "promotion_example", "recent_purchases", "get_receipt_lines", "get_discount_terms",
    "get_loyalty_rewards", "get_loyalty_reward", "reward_eligibility",
    "get_member_redemptions", "get_redemptions", "resolve_code", "search_redemptions", "fulfillment_transitions",
    "get_member_activity", "get_tier_history", "get_loyalty_dashboard_data", "get_points_liability",
    "get_analytics_series", "get_period_figures", "get_analytics_buckets", "get_analytics_snapshots",
    "next_day_start", "check_ledger", "sign_in", "sign_in_names", "has_staff", "database_has_staff",
    # The key is the credential: it is checked here, and then acts within its scope.
    "authenticate_api_key",
    # The sender (loyalty_desk.messaging) acts as the system, like today's daily jobs.
    "claim_due_messages", "record_message_outcome", "shops_with_mail",
    # The link's unguessable token is the credential: it opts out only the member it was made for.
    "unsubscribe_page", "unsubscribe",
    # The web shop's signature is the credential: checked first, then the webhook acts as itself.
    "shopify_order_paid", "shopify_refund_created", "woocommerce_order",
    # The whole file's health: a check reads no member, and a repair changes no row.
    "read_only", "unclean_shutdown", "check_integrity", "rebuild_indexes",
})
