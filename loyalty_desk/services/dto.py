"""Plain, frozen results that stay readable after the session closes.

Each row type mirrors one table: a frozen dataclass declared by hand with the
spec's column names (and the columns the rules add) and their types, plus the
few extras a screen needs (`EXTRAS`, e.g. a member's tier name), joined in the
query that reads the row. `tests/test_dto_fields.py` fails when a table gains a
column its DTO lacks, or the types drift apart. The GUI never touches an ORM
object. How to add one: docs/ARCHITECTURE.md, "DTOs and reads".
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, ClassVar, Literal, TypeVar

from ..domain import discount_rules

R = TypeVar("R")


_COLUMNS: dict[type, tuple[str, ...]] = {}


def _columns(cls: type) -> tuple[str, ...]:
    """The fields of a row DTO that are its table's columns (all but its EXTRAS)."""
    if cls not in _COLUMNS:
        extras = getattr(cls, "EXTRAS", ())
        _COLUMNS[cls] = tuple(f.name for f in fields(cls) if f.name not in extras)
    return _COLUMNS[cls]


def _detached(value: Any) -> Any:
    # JSON columns come back as dicts and lists the session may still hold: copy them.
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


def to_dto(cls: type[R], row: object, **extra: Any) -> R:
    """The DTO of an ORM row (or any object with the same attributes); `extra` fills EXTRAS."""
    return cls(**{name: _detached(getattr(row, name)) for name in _columns(cls)}, **extra)


# --- one per table -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shop:
    user_id: str
    shop_name: str
    currency: str
    timezone: str
    phone_region: str
    last_daily_run: dt.date | None
    created_at: dt.datetime
    address: str
    country: str | None                         # ISO 3166 alpha-2; None: not set
    locale: str | None                          # CLDR name such as "fr_FR"; None: as the computer is set
    receipt_footer: str
    paper_size: str                             # "A4" or "Letter"
    logo_png: bytes | None
    next_timezone: str | None                   # a time zone waiting for the end of the shop's day
    timezone_changes_at: dt.datetime | None     # when it takes effect (UTC)
    approval_threshold_points: int              # a cashier's adjustment above it needs approval
    cashier_daily_adjustment_cap: int           # a cashier's adjustments in a shop day, absolute points
    return_approval_amount: Decimal             # a cashier's return or void above it needs approval
    auto_lock_minutes: int                      # the desktop locks itself after this long idle
    api_enrollments_per_minute: int             # members one API key may enroll per minute
    webhook_auto_enroll: bool                   # a web order's unknown customer is enrolled
    webhook_program_id: int | None              # the program web orders earn in; None: the only active one
    smtp_host: str | None                       # the mail server the outbox goes through (README, "Messages")
    smtp_port: int | None                       # None: 587 with starttls, 465 with tls, 25 with none
    smtp_security: str                          # "none", "starttls" or "tls"
    smtp_username: str | None                   # the password is in the keyring, never here
    smtp_from: str | None
    smtp_reply_to: str | None
    smtp_allow_self_signed: bool                # accept a server certificate nobody vouches for
    unsubscribe_base_url: str | None            # emails carry <this>/unsubscribe/<token>; None: "reply STOP"
    # Whether a web shop's signing secret is set: the secret itself never leaves the service.
    shopify_webhook_secret_set: bool
    woocommerce_webhook_secret_set: bool

    EXTRAS: ClassVar[tuple[str, ...]] = ("shopify_webhook_secret_set", "woocommerce_webhook_secret_set")


@dataclass(frozen=True, slots=True)
class Program:
    id: int
    user_id: str
    program_name: str
    description: str
    program_type: str                           # ProgramType value
    currency: str
    status: str                                 # ProgramStatus value
    points_per_dollar: Decimal
    points_expiration_days: int | None
    min_redemption_points: int
    tier_system_enabled: bool
    referral_enabled: bool
    referral_points_awarded: int
    birthday_bonus_points: int
    program_rules: dict[str, Any]
    point_value: Decimal
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Tier:
    id: int
    program_id: int
    user_id: str
    tier_name: str
    tier_level: int
    min_points_required: int
    max_points_required: int | None
    points_multiplier: Decimal
    benefits: list[str]
    exclusive_rewards: list[int]   # the rewards whose tier_exclusive_id is this tier (queries/catalog.tier)
    birthday_bonus_multiplier: Decimal
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Promotion:
    """A bonus event of a program (README, "Promotions"): a multiplier or a fixed bonus, applying
    from `starts_at` (inclusive) to `ends_at` (exclusive), on `days_of_week` (0 = Monday; empty:
    every day), in the local hours [`hour_from`, `hour_to`) (None: all day), from `min_amount`,
    to members of `tier_ids` (empty: everyone)."""

    id: int
    user_id: str
    program_id: int
    name: str
    multiplier: Decimal | None
    bonus_points: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    days_of_week: list[int]
    hour_from: int | None
    hour_to: int | None
    min_amount: Decimal | None
    tier_ids: list[int]
    stacks_with_tier: bool
    active: bool                                # False: ended by hand (`end_promotion`)
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PointsTransaction:
    """One ledger row: never edited, only its `status` moves once from pending (docs/ARCHITECTURE.md).
    The member history fills `actor_name` and `approver_name` (who did it, who approved it)."""

    EXTRAS: ClassVar[tuple[str, ...]] = ("actor_name", "approver_name")

    id: int
    program_id: int
    member_id: int
    user_id: str
    transaction_type: str                       # TransactionType value
    points_amount: int
    points_balance_after: int
    source: str
    reference_id: str | None
    reference_type: str | None
    description: str
    expiration_date: dt.datetime | None
    status: str                                 # TransactionStatus value
    created_at: dt.datetime
    amount: Decimal | None
    related_transaction_id: int | None
    pending_points: int | None
    pending_until: dt.datetime | None
    shortfall_points: int
    qualifying_points: int | None               # lifetime points a member_merge row moves; None elsewhere
    actor_kind: str | None                      # ActorKind value; None: before staff accounts
    actor_staff_id: int | None
    approver_staff_id: int | None
    actor_api_key_id: int | None                # the API key, when actor_kind is "api"
    register_name: str | None                   # the register that wrote it (None: not a desktop's)
    actor_name: str | None = None
    approver_name: str | None = None


@dataclass(frozen=True, slots=True)
class Reward:
    id: int
    program_id: int
    user_id: str
    reward_name: str
    description: str
    reward_type: str                            # RewardType value
    points_cost: int
    quantity_available: int | None
    quantity_remaining: int | None
    reward_image_url: str | None
    reward_code: str | None
    tier_exclusive_id: int | None
    active: bool
    start_date: dt.date | None
    end_date: dt.date | None
    reward_terms: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class TierProgression:
    id: int
    program_id: int
    member_id: int
    user_id: str
    previous_tier_id: int | None
    new_tier_id: int | None
    promotion_reason: str                       # PromotionReason value
    promotion_date: dt.datetime
    actor_kind: str | None                      # ActorKind value; None: before staff accounts
    actor_staff_id: int | None
    approver_staff_id: int | None
    actor_api_key_id: int | None                # the API key, when actor_kind is "api"
    register_name: str | None                   # the register that wrote it (None: not a desktop's)


@dataclass(frozen=True, slots=True)
class MemberActivity:
    EXTRAS: ClassVar[tuple[str, ...]] = ("actor_name", "approver_name")

    id: int
    program_id: int
    member_id: int
    user_id: str
    activity_type: str                          # ActivityType value
    activity_description: str
    points_involved: int
    activity_metadata: dict[str, Any]
    activity_date: dt.datetime
    actor_kind: str | None                      # ActorKind value; None: before staff accounts
    actor_staff_id: int | None
    approver_staff_id: int | None
    actor_api_key_id: int | None                # the API key, when actor_kind is "api"
    register_name: str | None                   # the register that wrote it (None: not a desktop's)
    actor_name: str | None = None
    approver_name: str | None = None


@dataclass(frozen=True, slots=True)
class ProgramAnalytics:
    id: int
    program_id: int
    user_id: str
    analytics_date: dt.date
    total_members: int
    active_members: int
    total_points_issued: int
    total_points_redeemed: int
    total_points_outstanding: int
    average_member_points: Decimal
    redemption_rate: Decimal
    tier_distribution: dict[str, Any]
    new_members: int
    churned_members: int
    total_spending: Decimal
    average_spending_per_member: Decimal
    eligible_members: int
    redeeming_members: int
    redemptions: int
    points_redeemed_today: int
    total_points_expired: int


@dataclass(frozen=True, slots=True)
class Member:
    EXTRAS: ClassVar[tuple[str, ...]] = ("tier_name",)

    id: int
    program_id: int
    user_id: str
    customer_id: str | None
    customer_name: str
    email: str | None
    phone: str | None
    current_tier_id: int | None
    current_points: int
    lifetime_points: int
    redemption_count: int
    total_spent: Decimal
    membership_status: str                      # MembershipStatus value
    enrollment_date: dt.datetime
    last_activity_date: dt.datetime
    referral_code: str
    referred_by: int | None
    member_metadata: dict[str, Any]
    birthday: dt.date | None
    card_number: str
    birthday_key: int | None
    name_key: str
    surname_key: str
    erased_at: dt.datetime | None               # personal data erased (erase_member); None: not erased
    merged_into_id: int | None                  # merged into that member (merge_members); None: not merged
    marketing_consent: bool                     # agreed to marketing emails (birthday, reactivation)
    marketing_consent_at: dt.datetime | None    # when consent was last given or withdrawn
    marketing_consent_source: str | None        # how: "desk", "api", "import" or what the caller said
    email_opt_out: bool                         # no email at all
    visit_count: int | None                     # sales recorded (None: not counted yet)
    lifetime_milestone: int | None              # highest lifetime-points milestone reached
    lapsed_at: dt.datetime | None               # made inactive by the program's lapse rule (None: not)
    tier_name: str | None = None


@dataclass(frozen=True, slots=True)
class Redemption:
    EXTRAS: ClassVar[tuple[str, ...]] = ("reward_name", "member_name")

    id: int
    program_id: int
    member_id: int
    reward_id: int
    user_id: str
    points_redeemed: int
    redemption_date: dt.datetime
    fulfillment_status: str                     # FulfillmentStatus value
    fulfillment_date: dt.datetime | None
    reward_code_generated: str
    delivery_method: str | None
    shipping_address: str | None
    tracking_number: str | None
    redemption_notes: str | None
    debit_transaction_id: int
    refund_transaction_id: int | None
    reward_name: str | None = None
    member_name: str | None = None


# --- staff and the audit log (issue 12) --------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A staff account as the service shows it: never the PIN or its hash."""

    id: int
    user_id: str
    name: str
    role: str                                   # Role value: owner, manager or cashier
    active: bool
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key of the HTTP API as the service shows it: never the key or its hash. Passed as
    `actor=` to a guarded call, the key is who acts (its scope decides what it may do)."""

    id: int
    user_id: str                                # the one shop the key belongs to
    name: str
    scope: str                                  # ApiScope value: read or write
    key_prefix: str                             # the key's first characters ("ld_" and 6 more)
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class UnmatchedOrder:
    """A paid web order no member took (README, "Web shops"): waiting for the owner ("open"),
    then "resolved" (recorded as `member_id`'s purchase, `transaction_id`) or "dismissed"."""

    id: int
    user_id: str
    provider: str                               # WebShop value: shopify or woocommerce
    order_ref: str                              # "shopify:<order id>", the purchase's reference once resolved
    webhook_id: str | None                      # the delivery that brought it
    customer_name: str | None
    email: str | None
    phone: str | None
    subtotal: Decimal                           # goods after discounts, before tax and shipping
    refunded: Decimal                           # refunds that came while it waited
    currency: str
    refund_refs: list[Any]                      # the refunds counted in `refunded`
    received_at: dt.datetime
    status: str                                 # UnmatchedStatus value: open, resolved or dismissed
    reason: str                                 # why no member took it
    member_id: int | None
    transaction_id: int | None
    closed_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class WebhookOutcome:
    """What a web shop's webhook did. `outcome`: "recorded" (a purchase), "enrolled" (a new member
    and their purchase), "returned" (a refund taken back), "replayed" (delivered before: nothing
    changed), "unmatched" (waiting in the unmatched list), "updated" (a waiting order's refund),
    "ignored" (nothing to do, `reason` says why), or "ping"."""

    outcome: str
    order_ref: str | None
    member_id: int | None = None
    transaction: PointsTransaction | None = None
    unmatched_order_id: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log (`LoyaltyService.get_audit_log`), newest first.

    `action` is a ledger row's transaction type ("manual_adjustment", "purchase", ...), a
    member event's activity type ("member_enrolled", "redemption_updated", "tier_promoted", ...),
    a settings change ("shop_changed", "program_created", "staff_changed", ...), or
    "sign_in_locked". `actor_kind` None with no names: before staff accounts.
    """

    time: dt.datetime
    action: str
    actor_kind: str | None
    actor_staff_id: int | None
    actor_name: str | None                      # the staff member's name, or the API key's
    actor_api_key_id: int | None                # the API key, when actor_kind is "api"
    approver_staff_id: int | None
    approver_name: str | None
    member_id: int | None
    member_name: str | None
    points: int | None
    amount: Decimal | None
    description: str
    register_name: str | None = None            # the register it was done at (None: not at a desktop)


FlagKind = Literal["adjustments_over_cap", "redemption_after_credit", "rapid_purchases", "sign_in_lockout"]


@dataclass(frozen=True, slots=True)
class Flag:
    """Something for the owner to look at (`LoyaltyService.get_flags`).

    - ``adjustments_over_cap``: one staff member's manual adjustments in one shop day (`day`)
      add up to more than the cashier daily cap (`points`, absolute).
    - ``redemption_after_credit``: a redemption within 10 minutes after a manual credit to the
      same member by the same staff member.
    - ``rapid_purchases``: more than 5 purchases on one member's card within 10 minutes (`count`).
    - ``sign_in_lockout``: a name locked after too many wrong PINs (`staff_id` None: an unknown name).
    """

    kind: FlagKind
    time: dt.datetime                           # when it happened (the latest event of it)
    message: str
    staff_id: int | None = None
    staff_name: str | None = None
    member_id: int | None = None
    member_name: str | None = None
    day: dt.date | None = None
    points: int | None = None
    count: int | None = None


# --- screens' read models ----------------------------------------------------------

# A members-table cursor: the sort column's value and the member id of the last row.
SortValue = str | int | Decimal | dt.datetime


@dataclass(frozen=True, slots=True)
class MemberPage:
    rows: list[Member]
    # Opaque cursor for the next page; None when this page was the last.
    next_after: tuple[SortValue, int] | None
    # The same cursor at the page's first row (None when it has none): asked for `after` it in the
    # other order, the service gives the rows before this page, nearest first.
    first_at: tuple[SortValue, int] | None = None


@dataclass(frozen=True, slots=True)
class SegmentRule:
    """A segment of members (README, "Segments"): its kind (domain.segments.SegmentKind) and the
    one parameter the kind takes, `number` (days, points or a count) or the period `first`..`last`."""

    kind: str
    number: int | None = None
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SavedSegment:
    """A segment the shop saved under a name, for one program (None: all of them)."""

    id: int
    name: str
    program_id: int | None
    rule: SegmentRule


@dataclass(frozen=True, slots=True)
class SegmentAudience:
    """Who an email to a segment would reach: the segment's members, and those of them who may
    get marketing email (consent, an address, not opted out)."""

    members: int
    reachable: int


@dataclass(frozen=True, slots=True)
class SegmentEmail:
    """An email to a segment: how many messages were queued, how many members were left out
    (no consent, no address, opted out), and whether this repeated an earlier send."""

    queued: int
    left_out: int
    replayed: bool


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """Everything the counter's member panel shows, in one call."""

    member: Member
    program: Program
    tier_name: str | None
    next_tier_name: str | None
    points_to_next_tier: int | None
    pending_points: int
    expiring_points: int
    expiring_on: dt.date | None
    affordable_rewards: list[Reward]
    # The cheapest active reward the balance does not reach yet, and how far it is (for slips).
    next_reward_name: str | None = None
    points_to_next_reward: int | None = None
    # A milestone the member reached today, as (kind, number): ("visits", 10) for the 10th visit,
    # ("lifetime_points", 1000); the counter celebrates it.
    milestone: tuple[str, int] | None = None
    # A stamps program's card size (domain/stamps.py); None for every other program type.
    stamp_card_size: int | None = None
    # Tier periods (README, "Tier periods"). A hybrid program measures tiers in money: the spend
    # to the next tier (points_to_next_tier is then None). `keep_tier_by`: the last day to reach
    # the current tier's threshold again, with what is still needed (points or spend), when the
    # next calendar-year reset would otherwise move the member down.
    spend_to_next_tier: Decimal | None = None
    keep_tier_by: dt.date | None = None
    keep_tier_points: int | None = None
    keep_tier_spend: Decimal | None = None


# --- the till (issue 9) ------------------------------------------------------

ScanKind = Literal["member", "redemption", "replaced_card", "unknown"]


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scanned or typed code is (`LoyaltyService.resolve_code`).

    - ``"member"``: a member's current card; `member` is set.
    - ``"redemption"``: a reward voucher code; `redemption` (with reward and member names),
      `member` (whose voucher it is) and `allowed_next` (the fulfillment statuses it may move to
      now, in workflow order; empty when final) are set.
    - ``"replaced_card"``: a card that was replaced; `member` is the member it belonged to (whose
      current `card_number` is another) and `replaced_on` when it was replaced.
    - ``"unknown"``: nothing of this shop; `message` says why in plain words.
    """

    kind: ScanKind
    code: str                                   # the code as stored (card number, RW-XXXX-XXXX-XXXX), or the text
    member: Member | None = None
    redemption: Redemption | None = None
    replaced_on: dt.datetime | None = None      # aware UTC
    allowed_next: tuple[str, ...] = ()
    message: str = ""


@dataclass(frozen=True, slots=True)
class ReturnablePurchase:
    """One of a member's purchases, for the return picker (`LoyaltyService.recent_purchases`)."""

    transaction_id: int
    program_id: int
    member_id: int
    order_ref: str
    transaction_date: dt.datetime               # when it was recorded, aware UTC
    amount: Decimal
    points_earned: int                          # credited, or held while `points_pending`
    points_pending: bool                        # inside the return window: nothing credited yet
    status: str                                 # the purchase row's status: completed, pending or failed
    returned_amount: Decimal                    # returned so far
    left_to_return: Decimal
    voidable: bool                              # recorded today and nothing returned: `void_purchase` allows it


@dataclass(frozen=True, slots=True)
class PurchaseOutcome:
    """A purchase or return and whether the call replayed an earlier one (nothing was written)."""

    transaction: PointsTransaction
    replayed: bool
    promotion_name: str | None = None           # the promotion a purchase earned under (None: none)


@dataclass(frozen=True, slots=True)
class PromotionExample:
    """What a purchase would earn under a promotion as set in the editor (`promotion_example`):
    "€20.00 on a Tuesday earns 40 points (20 without the promotion)"."""

    amount: Decimal
    moment: dt.datetime                         # the example's local time, in the shop's time zone
    tier_name: str | None                       # the example member's tier (None: no tier)
    points: int                                 # with the promotion
    points_without: int                         # at the program's own rate
    applies: bool                               # False: the promotion earns nothing more at that moment


@dataclass(frozen=True, slots=True)
class PurchaseQuote:
    """What a purchase would earn now (`quote_purchase_detail`), and the promotion that applies."""

    points: int
    promotion_id: int | None = None
    promotion_name: str | None = None


@dataclass(frozen=True, slots=True)
class PointsDiscount:
    """Points taken as money off an order (`redeem_points_for_discount`): the discount, exact in the
    currency's places, the points spent, and whether the call replayed the order's discount."""

    transaction: PointsTransaction     # the redemption row (reference ("discount", order_ref))
    points: int
    discount: Decimal
    currency: str
    order_ref: str
    replayed: bool


# A program's terms for points as money off (the counter previews by them): pure and frozen.
DiscountTerms = discount_rules.DiscountTerms


@dataclass(frozen=True, slots=True)
class LedgerProblem:
    """One broken ledger rule, as found by check_ledger."""

    rule: str
    message: str
    member_id: int | None = None
    transaction_id: int | None = None

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What run_daily_jobs did for one shop and day."""

    day: dt.date
    pending_completed: int = 0
    lots_expired: int = 0
    points_expired: int = 0
    birthday_bonuses: int = 0
    promotions: int = 0
    demotions: int = 0
    snapshots_written: int = 0
    expiry_reminders: int = 0                   # points_expiring messages queued
    reactivations: int = 0                      # reactivation messages queued
    members_lapsed: int = 0                     # made inactive by a program's lapse rule
    members_expired: int = 0                    # lapsed members made expired by a program's rule

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# --- analytics over a period (README, "Analytics") ------------------------------


@dataclass(frozen=True, slots=True)
class AnalyticsBucket:
    """One bar of a chart: a day, week or month (domain/periods), cut to the period.

    `points_redeemed` are the redemptions made in the bucket, never negative; the points a
    cancelled redemption gave back are `points_refunded`, dated when it was cancelled.
    """

    first: dt.date
    last: dt.date
    points_issued: int
    points_redeemed: int
    points_refunded: int
    points_expired: int
    new_members: int
    redemptions: int
    spending: Decimal
    total_members: int          # at the end of the bucket


@dataclass(frozen=True, slots=True)
class PeriodTotals:
    """One period's figures: flows over the period, states as of its last day."""

    first: dt.date
    last: dt.date
    points_issued: int
    points_redeemed: int        # redemptions made in the period, never negative
    points_refunded: int        # given back by cancellations in the period
    points_expired: int
    new_members: int
    spending: Decimal
    total_members: int          # as of the last day, like the rest below
    active_members: int
    redemption_rate: float      # percent of eligible members who have redeemed
    points_outstanding: int
    liability: Decimal          # outstanding points times each program's point value


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """A period's figures beside those of the period of the same length just before it."""

    current: PeriodTotals
    previous: PeriodTotals
    currency: str


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A verified backup on disk (README, "Backup and restore")."""

    path: str
    size_bytes: int
    taken_at: dt.datetime       # aware UTC
    kind: Literal["sqlite", "pg_dump"]


@dataclass(frozen=True, slots=True)
class FolderBackup:
    """A run of the automatic backup: the copy made, and the old ones the retention removed."""

    backup: BackupFile
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: str
    database: str
    kept_copy: str | None       # the database as it was before, beside it (None: there was none)


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """The full integrity check. `damaged_indexes` is set when every problem is a damaged index,
    which `rebuild_indexes` repairs; other problems need a backup restored."""

    ok: bool
    problems: tuple[str, ...]
    damaged_indexes: tuple[str, ...]

    @property
    def indexes_only(self) -> bool:
        return not self.ok and bool(self.damaged_indexes)


# --- importing members (README, "Import") ----------------------------------------


@dataclass(frozen=True, slots=True)
class ImportRefusal:
    """One refused row: its line in the file (the header is line 1), the column and why."""

    row: int
    column: str            # the file's header of the column at fault ("" for the row as a whole)
    message: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What `import_members` did, or (dry run, or refused rows without `skip_bad_rows`) would do.

    `added`, `updated` and `unchanged` count the good rows; `written` says whether they were
    written. A dry run reports exactly what the same call without `dry_run` would do.
    """

    file_name: str
    encoding: str
    delimiter: str
    columns: tuple[tuple[str, str], ...]       # (header, field) of every column used
    ignored_columns: tuple[str, ...]
    rows: int
    added: int
    updated: int
    unchanged: int
    refused: tuple[ImportRefusal, ...]
    points_credited: int                       # opening balances credited to the members added
    dry_run: bool
    written: bool

    @property
    def all_good(self) -> bool:
        return not self.refused


# --- messages to members (README, "Messages") ------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One email of the outbox. A pending message has the address and subject it would go out
    with now (its member's current email, its template as it is); a sent or failed one those it
    went out with."""

    id: int
    user_id: str
    program_id: int
    member_id: int
    kind: str                                   # MessageKind value
    status: str                                 # "pending", "sent" or "failed"
    dedupe_key: str | None
    facts: dict[str, Any]                       # the event's facts (points, tiers, expiry date, reward...)
    created_at: dt.datetime
    next_attempt_at: dt.datetime                # a pending message is due from then
    attempts: int
    last_error: str | None                      # the server's answer, or why it could not be sent
    claimed_by: str | None                      # the sender working on it, if any
    claimed_until: dt.datetime | None
    sent_at: dt.datetime | None
    recipient: str | None
    subject: str | None


@dataclass(frozen=True, slots=True)
class MessageText:
    """A kind's template as the editor shows it: the shop's own, or the default."""

    kind: str
    subject: str
    body_text: str
    body_html: str | None
    custom: bool                                # False: the default that ships with the app
    updated_at: dt.datetime | None
    variables: dict[str, str]                   # what a template may use, and what each holds


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A message rendered for sending: everything the SMTP sender puts in the email."""

    id: int
    user_id: str
    kind: str
    recipient: str
    subject: str
    body_text: str                              # with the opt-out footer
    body_html: str | None
    message_id: str                             # stable: the same on every try of this outbox row
    sender: str
    reply_to: str | None
    list_unsubscribe: str
    attempts: int                               # tries before this one
    list_unsubscribe_post: str | None = None    # "List-Unsubscribe=One-Click" with a link (RFC 8058)


@dataclass(frozen=True, slots=True)
class UnsubscribePage:
    """What a one-click unsubscribe link's page says: whose emails, and whether they stopped."""

    shop_name: str
    opted_out: bool


@dataclass(frozen=True, slots=True)
class SendReport:
    """What one run of the sender did."""

    sent: int = 0
    retrying: int = 0                           # temporary failures, tried again later
    failed: int = 0                             # refused for good
    problem: str | None = None                  # why sending stopped early (the server down, no settings)
