"""Staff accounts, PINs, sign-in and its lock-out, and who may do what (README, "Staff and roles").

PINs are kept as argon2id hashes (argon2-cffi). Verifying one is deliberately slow (about
0.08 s here), so it never happens inside a write transaction: the facade checks a PIN first,
records a wrong one in a transaction of its own (so it stays recorded although the call is
refused), and only then opens the unit of work. An unknown name is checked against a dummy
hash, so it takes as long to refuse as a wrong PIN.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import exists, func, or_, select

from ..domain.ledger_rules import ENGINE_REFERENCE_TYPES
from ..domain.permissions import ActorKind, Permission, Role
from ..errors import ApprovalRequired, PermissionDenied, SignInLocked, ValidationError
from ..models import PointsTransaction, SignInFailure, Staff
from ..models.shop import STAFF_LIMIT_DEFAULTS
from . import api_keys, dto
from .changes import record_change
from .clock import start_of_day
from .uow import Acting, Ctx, active_staff
from .validation import as_bool, as_enum, as_id, as_text, check_mapping


# argon2id, 46 MiB, 2 passes, 1 lane (OWASP's 46 MiB profile with a second pass): about 0.08 s per
# check on this project's 2-core machine (README, "Staff and roles", has the measurement), so a
# sign-in stays well under 0.3 s even while the machine is busy.
class _Argon2:
    """argon2-cffi's PasswordHasher with those parameters, made when a PIN is first set or checked:
    the library is not loaded at start-up (50 ms of the desktop's, for a shop without staff)."""

    def __init__(self) -> None:
        self._hasher: Any = None

    def _made(self) -> Any:
        if self._hasher is None:
            from argon2 import PasswordHasher, Type

            self._hasher = PasswordHasher(time_cost=2, memory_cost=46 * 1024, parallelism=1, hash_len=32,
                                          salt_len=16, type=Type.ID)
        return self._hasher

    def hash(self, pin: str) -> str:
        return str(self._made().hash(pin))

    def verify(self, pin_hash: str, pin: str) -> bool:
        return bool(self._made().verify(pin_hash, pin))


HASHER = _Argon2()
LOCK_AFTER = 5                              # wrong PINs for one name...
FAILURE_WINDOW = dt.timedelta(minutes=15)   # ...within this long...
LOCK_FOR = dt.timedelta(minutes=5)          # ...lock that name for this long
STAFF_FIELDS = ("name", "role", "pin", "active")
WRONG = "Wrong name or PIN"


# --- accounts -------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """Names are unique per shop whatever their case and spacing."""
    return " ".join(name.split()).casefold()


def _name(value: object) -> str:
    text = as_text(value, "name", max_len=60)
    assert text is not None
    return " ".join(text.split())


def check_pin(value: object, field: str = "pin") -> str:
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or not 4 <= len(value) <= 8:
        raise ValidationError("The PIN must be 4 to 8 digits", field=field)
    return value


@dataclass(frozen=True, slots=True)
class StaffInput:
    """What create or update was given, checked, with the PIN already hashed (outside the transaction)."""

    name: str | None = None
    role: Role | None = None
    pin_hash: str | None = None
    active: bool | None = None

    @property
    def fields(self) -> list[str]:
        return [name for name, value in (("name", self.name), ("role", self.role), ("pin", self.pin_hash),
                                          ("active", self.active)) if value is not None]


def prepare(data: Mapping[str, Any], *, creating: bool) -> StaffInput:
    check_mapping(data, STAFF_FIELDS, "staff member", required=("name", "role", "pin") if creating else ())
    return StaffInput(
        name=_name(data["name"]) if "name" in data else None,
        role=as_enum(data["role"], Role, "role") if "role" in data else None,
        pin_hash=HASHER.hash(check_pin(data["pin"])) if "pin" in data else None,
        active=as_bool(data["active"], "active") if "active" in data else None,
    )


def to_dto(row: Staff) -> dto.StaffMember:
    return dto.StaffMember(id=row.id, user_id=row.user_id, name=row.name, role=row.role, active=row.active,
                           created_at=row.created_at)


def has_active_staff(ctx: Ctx) -> bool:
    return bool(ctx.session.scalar(select(active_staff(ctx.user_id))))


def get_staff(ctx: Ctx, staff_id: int) -> Staff:
    return ctx.owned(Staff, staff_id, "staff member")


def staff_list(ctx: Ctx, *, active_only: bool = False) -> list[dto.StaffMember]:
    query = select(Staff).where(Staff.user_id == ctx.user_id).order_by(Staff.name_key)
    if active_only:
        query = query.where(Staff.active.is_(True))
    return [to_dto(s) for s in ctx.session.scalars(query)]


def _check_name_free(ctx: Ctx, name: str, staff_id: int | None) -> None:
    taken = ctx.session.scalar(select(Staff.id).where(Staff.user_id == ctx.user_id, Staff.name_key == name_key(name)))
    if taken is not None and taken != staff_id:
        raise ValidationError(f"There is already a staff member called {name}", field="name")


def _active_owners(ctx: Ctx) -> int:
    return int(ctx.session.scalar(select(func.count()).select_from(Staff).where(
        Staff.user_id == ctx.user_id, Staff.active.is_(True), Staff.role == Role.OWNER.value)) or 0)


def create(ctx: Ctx, data: StaffInput) -> Staff:
    assert data.name is not None and data.role is not None and data.pin_hash is not None
    if data.role != Role.OWNER and not has_active_staff(ctx):
        raise ValidationError("The first staff member must be an owner", field="role")
    _check_name_free(ctx, data.name, None)
    row = Staff(user_id=ctx.user_id, name=data.name, name_key=name_key(data.name), role=data.role.value,
                pin_hash=data.pin_hash, active=True if data.active is None else data.active, created_at=ctx.now)
    if not row.active and not has_active_staff(ctx):
        raise ValidationError("The first staff member must be active", field="active")
    first = not has_active_staff(ctx)
    ctx.session.add(row)
    ctx.session.flush()
    # The first owner's account is made by nobody signed in: the row names that owner, who is
    # answerable from then on, rather than reading "before staff accounts".
    maker = Acting(ActorKind.STAFF, row.id, Role.OWNER) if first and ctx.acting.kind is None else ctx.acting
    with ctx.acting_as(maker):
        record_change(ctx, "staff", row.id, "created", data.fields)
    return row


def update(ctx: Ctx, staff_id: int, data: StaffInput) -> Staff:
    row = get_staff(ctx, staff_id)
    was_owner = row.active and row.role == Role.OWNER
    if data.name is not None:
        _check_name_free(ctx, data.name, row.id)
        row.name, row.name_key = data.name, name_key(data.name)
    if data.role is not None:
        row.role = data.role.value
    if data.pin_hash is not None:
        row.pin_hash = data.pin_hash
    if data.active is not None:
        row.active = data.active
    ctx.session.flush()
    if was_owner and _active_owners(ctx) == 0:
        raise ValidationError(f"{row.name} is the last active owner: make someone else an owner first",
                              field="role" if data.role is not None else "active")
    record_change(ctx, "staff", row.id, "changed", data.fields)
    return row


# --- sign-in and its lock-out ---------------------------------------------------------------


@cache
def _dummy_hash() -> str:
    return HASHER.hash("00000000")


def lookup(ctx: Ctx, name_or_id: object) -> tuple[str, Staff | None]:
    """The lock-out key and the active staff member a sign-in names (None: nobody, refused alike)."""
    if isinstance(name_or_id, int) and not isinstance(name_or_id, bool):
        row = ctx.session.get(Staff, name_or_id)
        if row is None or row.user_id != ctx.user_id:
            return f"#{name_or_id}", None
    else:
        text = as_text(name_or_id, "name", max_len=60)
        assert text is not None
        key = name_key(text)
        row = ctx.session.scalar(select(Staff).where(Staff.user_id == ctx.user_id, Staff.name_key == key))
        if row is None:
            return key, None
    return row.name_key, row if row.active else None


def pin_matches(pin_hash: str | None, pin: object) -> bool:
    """Always one argon2 check, whether or not there is a hash or a well-formed PIN."""
    from argon2.exceptions import InvalidHashError, VerificationError

    candidate = pin if isinstance(pin, str) else ""
    try:
        return HASHER.verify(pin_hash or _dummy_hash(), candidate) and pin_hash is not None and bool(candidate)
    except (VerificationError, InvalidHashError):
        return False


def locked_until(ctx: Ctx, key: str) -> dt.datetime | None:
    return ctx.session.scalar(select(func.max(SignInFailure.locked_until)).where(
        SignInFailure.user_id == ctx.user_id, SignInFailure.name_key == key, SignInFailure.locked_until > ctx.now))


def locked_refusal(until: dt.datetime, tz: dt.tzinfo) -> SignInLocked:
    """The refusal tells the time on the shop's clock, as every other time a person reads;
    `until` itself stays the aware UTC moment."""
    local = until.astimezone(tz)
    return SignInLocked(f"Too many wrong PINs: try again after {local:%H:%M} {local.tzname() or ''}".rstrip(),
                        until=until)


def record_failure(ctx: Ctx, key: str, staff_id: int | None, purpose: str) -> dt.datetime | None:
    """A wrong PIN; when it is the LOCK_AFTER-th within FAILURE_WINDOW (counted since the last
    lock-out), the name is locked: returns until when."""
    last_lock = ctx.session.scalar(select(func.max(SignInFailure.failed_at)).where(
        SignInFailure.user_id == ctx.user_id, SignInFailure.name_key == key, SignInFailure.locked_until.is_not(None)))
    since = ctx.now - FAILURE_WINDOW
    earlier = int(ctx.session.scalar(select(func.count()).select_from(SignInFailure).where(
        SignInFailure.user_id == ctx.user_id, SignInFailure.name_key == key, SignInFailure.failed_at > since,
        SignInFailure.failed_at > (last_lock or since))) or 0)
    until = ctx.now + LOCK_FOR if earlier + 1 >= LOCK_AFTER else None
    ctx.session.add(SignInFailure(user_id=ctx.user_id, name_key=key, staff_id=staff_id, failed_at=ctx.now,
                                  purpose=purpose, locked_until=until))
    return until


# --- who acts, and what they may do -----------------------------------------------------------


def authorize(ctx: Ctx, permission: Permission, actor: object, approver_id: int | None) -> Acting:
    """Who this call acts as, or PermissionDenied. A shop without active staff lets anyone do
    anything, as before staff accounts; once it has one, every guarded call names an active
    staff member whose role has `permission`. `approver_id` was checked with its PIN already.
    An API key (`dto.ApiKey`) acts as itself, staff or not (api_keys.authorize)."""
    if isinstance(actor, dto.ApiKey):
        return api_keys.authorize(ctx, permission, actor)
    if actor is None:
        if ctx.staffed:  # read with the shop's row, which every write reads first
            raise PermissionDenied("Sign in first: this shop has staff accounts")
        return Acting()
    staff_id = as_id(actor, "actor")
    row = ctx.session.get(Staff, staff_id)
    if row is None or row.user_id != ctx.user_id or not row.active:
        raise PermissionDenied("Unknown or inactive staff member: sign in again", field="actor")
    acting = Acting(ActorKind.STAFF, row.id, Role(row.role), approver_id)
    acting.require(permission)
    return acting


def database_has_staff(ctx: Ctx) -> bool:
    """Whether any shop of the database has an active staff account."""
    return bool(ctx.session.scalar(select(exists().where(Staff.active.is_(True)))))


def database_acting(ctx: Ctx, permission: Permission, actor: object, user_id: str | None = None) -> Acting:
    """Who acts in a call on the whole database (a backup, a restore, a new shop). Where no shop
    has an active staff account, anyone, as before staff accounts. Otherwise an active staff
    member whose role has `permission`: of the shop `user_id` when the call names one."""
    if not database_has_staff(ctx):
        return Acting()
    if actor is None:
        raise PermissionDenied("Sign in first: this database has staff accounts")
    row = ctx.session.get(Staff, as_id(actor, "actor"))
    if row is None or not row.active or (user_id is not None and row.user_id != user_id):
        raise PermissionDenied("Unknown or inactive staff member: sign in again", field="actor")
    acting = Acting(ActorKind.STAFF, row.id, Role(row.role))
    acting.require(permission)
    return acting


def check_approver(acting_id: object, approver: Staff | None) -> Staff:
    """The approver named with a right PIN may approve this: a manager or owner, not the actor."""
    if approver is None:
        raise PermissionDenied(WRONG, field="approver")
    if not Acting(ActorKind.STAFF, approver.id, Role(approver.role)).may(Permission.APPROVE):
        raise PermissionDenied(f"{approver.name} cannot approve: it takes a manager or an owner", field="approver")
    if acting_id is not None and acting_id == approver.id:
        raise PermissionDenied("Nobody can approve their own action: ask another manager", field="approver")
    return approver


def _needs_approval(ctx: Ctx, message: str) -> None:
    if ctx.acting.approver_id is None:
        raise ApprovalRequired(f"{message}: a manager's approval is needed", field="approver")


def limit(ctx: Ctx, name: str) -> Any:
    """One of the shop's staff limits (its default for a shop without settings)."""
    return getattr(ctx.shop, name) if ctx.shop is not None else STAFF_LIMIT_DEFAULTS[name]


def check_adjustment(ctx: Ctx, points: int) -> None:
    """A cashier's manual points: above the threshold, or past the daily cap, with approval."""
    acting = ctx.acting
    if acting.kind != ActorKind.STAFF or acting.may(Permission.ADJUST_ANY_AMOUNT):
        return
    size, threshold, cap = abs(points), limit(ctx, "approval_threshold_points"), \
        limit(ctx, "cashier_daily_adjustment_cap")
    if size > threshold:
        _needs_approval(ctx, f"An adjustment of more than {threshold:,} points")
        return
    today = adjusted_today(ctx, acting.staff_id)
    if today + size > cap:
        _needs_approval(ctx, f"This takes your adjustments today to {today + size:,} points, over the daily cap "
                             f"of {cap:,}")


def adjusted_today(ctx: Ctx, staff_id: int | None) -> int:
    """The points (absolute) a staff member moved by hand since the start of the shop's day."""
    return int(ctx.session.scalar(select(func.coalesce(func.sum(func.abs(PointsTransaction.points_amount)), 0)).where(
        PointsTransaction.actor_staff_id == staff_id, PointsTransaction.created_at >= start_of_day(ctx.today, ctx.tz),
        or_(PointsTransaction.reference_type.is_(None),
            PointsTransaction.reference_type.not_in(ENGINE_REFERENCE_TYPES)))) or 0)


def check_return(ctx: Ctx, amount: Decimal) -> None:
    """A cashier's return or void above the shop's limit, with approval."""
    acting = ctx.acting
    if acting.kind != ActorKind.STAFF or acting.may(Permission.RETURN_ABOVE_LIMIT):
        return
    most = limit(ctx, "return_approval_amount")
    if amount > most:
        _needs_approval(ctx, f"A return of more than {most}")


