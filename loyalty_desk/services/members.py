"""Enrolling, changing and finding members."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields
from operator import attrgetter
from typing import Any, Protocol

from sqlalchemy import Integer, Row, Select, String, bindparam, cast, literal, null, select, union_all

from ..db.prepared import Prepared
from ..domain import ledger_messages
from ..domain.ledger_rules import expiry_for
from ..domain.member_rules import FRIEND_BONUS_RULE, rule_int
from ..domain.permissions import Permission
from ..errors import DuplicateMember, NotEligible, PermissionDenied, ValidationError
from ..models import Member, Program, RetiredCard, Shop, Tier
from ..models.enums import (
    ActivityType,
    MembershipStatus,
    MessageKind,
    ProgramStatus,
    PromotionReason,
    TransactionType,
)
from . import codes, dto, outbox, rollups
from .activity import log_activity
from .contacts import PREFIX_TOP, clean_name, fold, name_keys, normalize_email, normalize_phone, phone_candidate
from .ledger import lock_member, post
from .programs import get_program, get_tier
from .tiers import apply_tier, evaluate_tier, program_tiers
from .uow import Ctx
from .validation import as_bool, as_date, as_enum, as_id, as_json_dict, as_text, check_clean, check_mapping

# What a member says about emails (README, "Messages"): given at enrollment or changed later.
CONSENT_FIELDS = ("marketing_consent", "marketing_consent_source", "email_opt_out")
ENROLL_FIELDS = ("customer_name", "email", "phone", "birthday", "customer_id", "referred_by_code", "member_metadata",
                 *CONSENT_FIELDS)
UPDATE_FIELDS = (
    "customer_name",
    "email",
    "phone",
    "birthday",
    "customer_id",
    "member_metadata",
    "membership_status",
    "current_tier_id",
    *CONSENT_FIELDS,
)
LEDGER_FIELDS = ("current_points", "lifetime_points", "redemption_count", "total_spent")
# A member's columns in the order of dto.Member's fields, then its tier's name (join Tier on
# Member.current_tier_id): what queries/rows.member_row reads, with no ORM object in between.
MEMBER_COLUMNS = (*(Member.__table__.c[f.name] for f in fields(dto.Member) if f.name != "tier_name"),
                  Tier.tier_name)


def get_member(ctx: Ctx, member_id: int) -> Member:
    return ctx.owned(Member, member_id, "member")


class _HasBirthday(Protocol):
    @property
    def birthday(self) -> dt.date | None: ...


def birthday_key(member: _HasBirthday) -> int | None:
    return member.birthday.month * 100 + member.birthday.day if member.birthday else None


UNIQUE_FIELDS = {"email": Member.email, "phone": Member.phone, "customer_id": Member.customer_id}


def _check_unique_contact(ctx: Ctx, program_id: int, field: str, value: str | None, member_id: int | None) -> None:
    """One member per email, phone and customer id in a program (an import matches by them)."""
    if value is None:
        return
    column = UNIQUE_FIELDS[field]
    existing = ctx.session.scalar(
        select(Member).where(Member.program_id == program_id, column == value, Member.id != (member_id or 0))
    )
    if existing is not None:
        raise DuplicateMember(
            f"{existing.customer_name} already uses this {field.replace('_', ' ')} "
            f"(card {codes.format_card_number(existing.card_number)})",
            field=field,
            existing_member_id=existing.id,
        )


def unused_code(ctx: Ctx, column: Any, make: Any) -> str:
    for _ in range(20):
        value = make()
        if ctx.session.scalar(select(Member.id).where(column == value)) is None:
            return value
    raise ValidationError("Could not find a free code; try again")


def unused_card(ctx: Ctx) -> str:
    """A fresh card number that no member holds and no replaced card ever held."""
    for _ in range(20):
        value = codes.new_card_number()
        if ctx.session.scalar(select(Member.id).where(Member.card_number == value)) is None and \
                ctx.session.scalar(select(RetiredCard.id).where(RetiredCard.card_number == value)) is None:
            return value
    raise ValidationError("Could not find a free card number; try again")


def check_birthday(ctx: Ctx, value: object) -> Any:
    day = as_date(value, "birthday")
    if day is not None and (day > ctx.today or day.year < 1900):
        raise ValidationError("The birthday must be a real date in the past", field="birthday")
    return day


def enroll(ctx: Ctx, program_id: int, data: Mapping[str, Any]) -> Member:
    check_mapping(data, ENROLL_FIELDS, "member", required=("customer_name",))
    program = get_program(ctx, program_id)
    if program.status != ProgramStatus.ACTIVE:
        raise NotEligible(f"{program.program_name} is inactive and takes no new members")
    name = clean_name(data["customer_name"])
    email = normalize_email(data.get("email"))
    phone = normalize_phone(data.get("phone"), ctx.region)
    # Self-referral first: it is the more telling refusal when both apply.
    customer_id = as_text(data.get("customer_id"), "customer_id", max_len=64, required=False)
    referrer = _find_referrer(ctx, program, data.get("referred_by_code"), email, phone, customer_id)
    if referrer is not None:
        # Lock the referrer before the program's running totals, the order every other write uses.
        referrer = lock_member(ctx, referrer.id)
    _check_unique_contact(ctx, program.id, "email", email, None)
    _check_unique_contact(ctx, program.id, "phone", phone, None)
    _check_unique_contact(ctx, program.id, "customer_id", customer_id, None)
    name_key, surname_key = name_keys(name)
    member = Member(
        program_id=program.id,
        user_id=ctx.user_id,
        customer_id=customer_id,
        customer_name=name,
        email=email,
        phone=phone,
        current_tier_id=None,
        current_points=0,
        lifetime_points=0,
        redemption_count=0,
        total_spent=0,
        membership_status=MembershipStatus.ACTIVE.value,
        enrollment_date=ctx.now,
        last_activity_date=ctx.now,
        referral_code=unused_code(ctx, Member.referral_code, lambda: codes.new_referral_code(name)),
        referred_by=referrer.id if referrer else None,
        member_metadata=as_json_dict(data.get("member_metadata"), "member_metadata"),
        birthday=check_birthday(ctx, data.get("birthday")),
        card_number=unused_card(ctx),
        name_key=name_key,
        surname_key=surname_key,
        # Counted from the start: no sale of theirs was recorded before.
        visit_count=0,
        lifetime_milestone=0,
    )
    member.birthday_key = birthday_key(member)
    member.marketing_consent, member.email_opt_out = False, False
    _set_consent(ctx, member, data)
    ctx.session.add(member)
    ctx.session.flush()
    outbox.enrolling(ctx, member)
    rollups.on_member_tier(ctx, program.id, None, None, new_member=True)
    log_activity(ctx, member, ActivityType.MEMBER_ENROLLED, ledger_messages.joined_activity(program.program_name),
                 referred_by=referrer.id if referrer else None)
    evaluate_tier(ctx, member, program)
    welcome = int((program.program_rules or {}).get("welcome_bonus_points") or 0)
    if welcome:
        post(ctx, member, TransactionType.WELCOME_BONUS, welcome, source="enrollment",
             description=ledger_messages.welcome_description(), reference=("welcome", str(member.id)),
             expires_at=expiry_for(program, ctx.now))
        log_activity(ctx, member, ActivityType.POINTS_EARNED, ledger_messages.welcome_activity(welcome), points=welcome)
        evaluate_tier(ctx, member, program)
    if referrer is not None:
        _award_referral(ctx, program, referrer, member)
    outbox.queue(ctx, member, program, MessageKind.WELCOME, {"points": welcome})
    return member


def _set_consent(ctx: Ctx, member: Member, data: Mapping[str, Any]) -> dict[str, Any]:
    """Marketing consent (recorded with when and how it was given or withdrawn) and the email
    opt-out, from an enrollment or an update; what changed."""
    changed: dict[str, Any] = {}
    if "marketing_consent_source" in data and "marketing_consent" not in data:
        raise ValidationError("Give marketing_consent with its source", field="marketing_consent_source")
    if "marketing_consent" in data:
        consent = as_bool(data["marketing_consent"], "marketing_consent")
        source = as_text(data.get("marketing_consent_source"), "marketing_consent_source", max_len=40,
                         required=False)
        if consent != member.marketing_consent or source is not None:
            member.marketing_consent = changed["marketing_consent"] = consent
            member.marketing_consent_at = ctx.now
            # Unless told (a paper form, a web page...), how it came: the API or this desk.
            member.marketing_consent_source = source or ("api" if ctx.acting.api_key_id is not None else "desk")
    if "email_opt_out" in data:
        opt_out = as_bool(data["email_opt_out"], "email_opt_out")
        if opt_out != member.email_opt_out:
            member.email_opt_out = changed["email_opt_out"] = opt_out
    return changed


def _find_referrer(ctx: Ctx, program: Program, code: object, email: str | None, phone: str | None,
                   customer_id: str | None) -> Member | None:
    text = as_text(code, "referred_by_code", max_len=24, required=False)
    if text is None:
        return None
    if not program.referral_enabled:
        raise NotEligible(f"{program.program_name} does not take referrals", field="referred_by_code")
    referrer = ctx.session.scalar(
        select(Member).where(
            Member.referral_code == text.upper(), Member.program_id == program.id, Member.user_id == ctx.user_id
        )
    )
    if referrer is None:
        raise ValidationError(f"No member of this program has the referral code {text.upper()}",
                              field="referred_by_code")
    if (email and referrer.email == email) or (phone and referrer.phone == phone) or \
            (customer_id and referrer.customer_id == customer_id):
        raise ValidationError("Members cannot refer themselves", field="referred_by_code")
    return referrer


def _award_referral(ctx: Ctx, program: Program, referrer: Member, new_member: Member) -> None:
    points = program.referral_points_awarded
    can_earn = referrer.membership_status == MembershipStatus.ACTIVE
    if points and can_earn:
        post(ctx, referrer, TransactionType.REFERRAL, points, source="referral",
             description=ledger_messages.referral_text(new_member.customer_name),
             reference=("referral", str(new_member.id)),
             expires_at=expiry_for(program, ctx.now))
        evaluate_tier(ctx, referrer, program)
    log_activity(ctx, referrer, ActivityType.REFERRAL_MADE, ledger_messages.referral_text(new_member.customer_name),
                 points=points if can_earn else 0, referred_member_id=new_member.id)


FRIEND = "referral_friend"   # reference type of the referred friend's bonus: one per member


def pay_friend_bonus(ctx: Ctx, program: Program, member: Member) -> None:
    """At a referred member's first sale (a replay is no sale): the friend's bonus the program
    sets. Its reference is the member's, so it is written once whatever happens."""
    points = rule_int(program.program_rules, FRIEND_BONUS_RULE)
    if member.referred_by is None or not points:
        return
    reference = (FRIEND, str(member.id))
    post(ctx, member, TransactionType.REFERRAL, points, source="referral",
         description=ledger_messages.friend_bonus_description(), reference=reference,
         expires_at=expiry_for(program, ctx.now))
    log_activity(ctx, member, ActivityType.POINTS_EARNED, ledger_messages.friend_bonus_description(), points=points,
                 referred_by=member.referred_by)


def update_member(ctx: Ctx, member_id: int, updates: Mapping[str, Any]) -> Member:
    blocked = [k for k in LEDGER_FIELDS if isinstance(updates, Mapping) and k in updates]
    if blocked:
        raise ValidationError(
            f"{blocked[0].replace('_', ' ').capitalize()} changes only through the ledger: "
            "record a purchase, a redemption or an adjustment", field=blocked[0])
    check_mapping(updates, UPDATE_FIELDS, "member update")
    if ctx.acting.api_key_id is not None and set(updates) - set(CONSENT_FIELDS):
        # A key of the HTTP API records what the customer said about email, nothing else of theirs.
        raise PermissionDenied("An API key can change only a member's marketing consent and email opt-out")
    member = lock_member(ctx, member_id)
    program = get_program(ctx, member.program_id)
    changed: dict[str, Any] = {}
    if "customer_name" in updates:
        member.customer_name = clean_name(updates["customer_name"])
        member.name_key, member.surname_key = name_keys(member.customer_name)
        changed["customer_name"] = member.customer_name
    if "email" in updates:
        email = normalize_email(updates["email"])
        with ctx.session.no_autoflush:  # check before the new value reaches the database
            _check_unique_contact(ctx, program.id, "email", email, member.id)
        member.email = changed["email"] = email
    if "phone" in updates:
        phone = normalize_phone(updates["phone"], ctx.region)
        with ctx.session.no_autoflush:
            _check_unique_contact(ctx, program.id, "phone", phone, member.id)
        member.phone = changed["phone"] = phone
    if "birthday" in updates:
        member.birthday = check_birthday(ctx, updates["birthday"])
        member.birthday_key = birthday_key(member)
        changed["birthday"] = member.birthday.isoformat() if member.birthday else None
    if "customer_id" in updates:
        customer_id = as_text(updates["customer_id"], "customer_id", max_len=64, required=False)
        with ctx.session.no_autoflush:
            _check_unique_contact(ctx, program.id, "customer_id", customer_id, member.id)
        member.customer_id = changed["customer_id"] = customer_id
    if "member_metadata" in updates:
        member.member_metadata = as_json_dict(updates["member_metadata"], "member_metadata")
        changed["member_metadata"] = True
    changed.update(_set_consent(ctx, member, updates))
    if {"email", "marketing_consent", "email_opt_out"} & changed.keys():
        # Opting out (or withdrawing consent, or removing the email) holds for every message not yet sent.
        outbox.drop_unsendable(ctx, member)
    if changed:
        log_activity(ctx, member, ActivityType.MEMBER_UPDATED, ledger_messages.details_changed_activity(changed),
                     changes=changed)
    if "membership_status" in updates:
        status = as_enum(updates["membership_status"], MembershipStatus, "membership_status")
        if status.value != member.membership_status:
            ctx.acting.require(Permission.CHANGE_MEMBERSHIP)
            log_activity(ctx, member, ActivityType.STATUS_CHANGED,
                         ledger_messages.membership_changed_activity(member.membership_status, status.value),
                         previous=member.membership_status, new=status.value)
            member.membership_status = status.value
            # A status a person set is theirs: the lifecycle rules leave it alone from now on.
            member.lapsed_at = None
    if "current_tier_id" in updates:
        _set_tier_by_hand(ctx, member, program, updates["current_tier_id"])
    ctx.session.flush()
    return member


def _set_tier_by_hand(ctx: Ctx, member: Member, program: Program, tier_id: object) -> None:
    target = None
    if tier_id is not None:
        target = get_tier(ctx, as_id(tier_id, "tier"))
        if target.program_id != program.id:
            raise ValidationError("That tier belongs to another program", field="current_tier_id")
    if (target.id if target else None) != member.current_tier_id:
        ctx.acting.require(Permission.CHANGE_MEMBERSHIP)
    apply_tier(ctx, member, program, target, program_tiers(ctx, program.id), PromotionReason.MANUAL_PROMOTION)


def replace_card(ctx: Ctx, member_id: int) -> Member:
    """A lost card: a new number; the old one stops working at once.

    The old number is kept in `loyalty_retired_cards`, in the same transaction, so a
    later scan of it can say when it was replaced and whose it was.
    """
    member = lock_member(ctx, member_id)
    old = member.card_number
    member.card_number = unused_card(ctx)
    ctx.session.add(RetiredCard(user_id=member.user_id, member_id=member.id, card_number=old, replaced_at=ctx.now))
    log_activity(ctx, member, ActivityType.CARD_REPLACED, ledger_messages.card_replaced_activity(),
                 old_card_last4=old[-4:])
    ctx.session.flush()
    return member


def find(ctx: Ctx, query: object, program_id: int | None, limit: int) -> list[Row[Any]]:
    """The counter lookup. Exact codes first, then contact details, then name prefixes: member
    rows with their tier's name (`tier_name`), best first.

    Every branch is an equality or a range on an indexed column: no scans. All of them are one
    statement (a UNION ALL), which also reads the shop's phone region: a typed phone number is
    read in the region last seen, and looked up again only when the shop's region changed since.
    """
    if not isinstance(query, str):
        raise ValidationError("The lookup must be text", field="query")
    check_clean(query, "query")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 200:
        raise ValidationError("The limit must be a whole number from 1 to 200", field="limit")
    text = query.strip()
    if not text:
        return []
    # A phone number of ten digits from 2 to 9 is shaped like a card too: a card that fails its
    # check symbol is only called mistyped when nothing else matches.
    card_shaped = codes.looks_like_card_number(text)
    mistyped = card_shaped and not codes.is_valid_card_number(text)
    params: dict[str, Any] = {"user": ctx.user_id, "program": program_id, "limit": limit}
    # Every referral code has letters (codes.new_referral_code, "ADAL-7KQ2M"), and no character that is not
    # a letter upper-cases to one: a typed phone number skips that branch.
    letters = any(map(str.isalpha, text))
    if letters:
        params["referral"] = text.upper()
    if card_shaped and not mistyped:
        params["card"] = codes.normalize_card_text(text)
    if "@" in text:
        params["email"] = text.lower()
    # A name has letters, and no "@" and no valid card number is the start of one: those skip the
    # two name ranges (a scan's card or a typed phone then runs only the branches it can match).
    key = fold(text) if "card" not in params and "email" not in params and letters else ""
    if key:
        params["key"], params["key_end"] = key, key + PREFIX_TOP
    guess = _REGIONS.get(ctx.user_id, "US")
    region, rows = _find_rows(ctx, text, guess, params)
    if region != guess:
        _REGIONS[ctx.user_id] = region
        if phone_candidate(text, region) != phone_candidate(text, guess):
            region, rows = _find_rows(ctx, text, region, params)
    found: dict[int, Row[Any]] = {}
    for row in rows:
        if len(found) < limit:
            found.setdefault(row.id, row)
    if mistyped and not found:
        raise ValidationError("Card number mistyped: check the last character", field="query")
    return list(found.values())


# The phone region each shop had when last looked up here: the lookup's statement reads it again
# each time, so a region changed by another register costs one more statement, never a wrong read.
_REGIONS: dict[str, str] = {}
_REGION_RANK = -1


def _find_rows(ctx: Ctx, text: str, region: str, params: dict[str, Any]) -> tuple[str, list[Row[Any]]]:
    """The lookup's one statement with the phone read in `region`: the shop's phone region as it
    is now (a row of its own), and the matching members."""
    phone = phone_candidate(text, region)
    values = {**params, "phone": phone} if phone else params
    shape = (*(name in values for name in ("card", "referral", "email", "phone", "key")), params["program"] is not None)
    statement = _FIND_STATEMENTS.get(shape)
    if statement is None:
        statement = _FIND_STATEMENTS[shape] = Prepared(_find_statement(*shape))
    region_now, members = "US", []
    for row in statement.rows(ctx.conn, values):
        if row.rank == _REGION_RANK:
            region_now = row.sort_key
        else:
            members.append(row)
    if "key" not in values:
        members.sort(key=_BY_RANK)   # the statement's order, when it has only equalities (_find_statement)
    return region_now, members


_BY_RANK = attrgetter("rank", "id")


_FIND_STATEMENTS: dict[tuple[bool, ...], Prepared] = {}


def _find_statement(card: bool, referral: bool, email: bool, phone: bool, key: bool, program: bool) -> Select[Any]:
    """The lookup's UNION ALL for one shape of query (which branches apply), built once."""
    nothing = literal("", String)

    def exact(rank: int, column: Any, param: str) -> Select[Any]:
        return _in_shop(select(Member.id, literal(rank, Integer).label("rank"), nothing.label("sort_key")),
                        program).where(column == bindparam(param))

    def prefix(rank: int, column: Any) -> Select[Any]:
        first = _in_shop(select(Member.id, column.label("sort_key")), program).where(
            column >= bindparam("key"), column < bindparam("key_end")).order_by(column, Member.id) \
            .limit(bindparam("limit")).subquery()
        return select(first.c.id, literal(rank, Integer).label("rank"), first.c.sort_key)

    branches = [select(cast(null(), Integer).label("id"), literal(_REGION_RANK, Integer).label("rank"),
                       Shop.phone_region.label("sort_key")).where(Shop.user_id == bindparam("user"))]
    if card:
        branches.append(exact(0, Member.card_number, "card"))
    if referral:
        branches.append(exact(1, Member.referral_code, "referral"))
    if email:
        branches.append(exact(2, Member.email, "email"))
    if phone:
        branches.append(exact(3, Member.phone, "phone"))
    if key:
        branches += [prefix(4, Member.name_key), prefix(5, Member.surname_key)]
    found = union_all(*branches).subquery()
    query = select(found.c.rank, found.c.sort_key, *MEMBER_COLUMNS) \
        .select_from(found).outerjoin(Member, Member.id == found.c.id) \
        .outerjoin(Tier, Tier.id == Member.current_tier_id)
    if not key:
        # Equalities only (a card, a phone, an email): a few rows, whose sort_key is '' but the region's,
        # sorted by (rank, id) in _find_rows, since starting SQLite's sorter costs more than the lookup's
        # index search.
        return query
    return query \
        .order_by(found.c.rank, found.c.sort_key, found.c.id)


def _in_shop(query: Any, program: bool) -> Any:
    query = query.where(Member.user_id == bindparam("user"))
    return query.where(Member.program_id == bindparam("program")) if program else query


def retired_card(ctx: Ctx, card_number: str) -> RetiredCard | None:
    """This shop's record of a replaced card (an equality on the unique card number). The cards
    of an erased member lead nowhere: nobody is found by them."""
    return ctx.session.scalar(select(RetiredCard).join(Member, Member.id == RetiredCard.member_id).where(
        RetiredCard.card_number == card_number, RetiredCard.user_id == ctx.user_id, Member.erased_at.is_(None)))
