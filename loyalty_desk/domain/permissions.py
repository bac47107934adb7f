"""Staff roles and what each may do: the one permission table (README, "Staff and roles").

Every write of `LoyaltyService`, and every read a role may not see, declares the
`Permission` it needs next to its definition (services/facade.py, `@needs`); whether an
actor may go ahead is decided here and nowhere else. Pure Python: no SQLAlchemy, no Qt.
"""
from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    CASHIER = "cashier"


class ActorKind(StrEnum):
    """Who a row was written by. A row with no kind (NULL) was written before the shop had
    staff accounts: before migration 0009, or in a shop that has none (nobody signs in)."""

    STAFF = "staff"            # a signed-in staff member (`actor_staff_id`)
    SYSTEM = "system"          # the daily jobs
    API = "api"                # a key of the HTTP API (`actor_api_key_id`)
    WEBHOOK = "webhook"        # a web shop's signed webhook (the order reference names the shop)


class Permission(StrEnum):
    # The counter.
    ENROLL_MEMBER = "enroll_member"
    EDIT_MEMBER = "edit_member"                      # contact details, birthday, notes
    REPLACE_CARD = "replace_card"
    RECORD_PURCHASE = "record_purchase"
    RETURN_PURCHASE = "return_purchase"              # returns and voids; above the limit with approval
    ADJUST_POINTS = "adjust_points"                  # within the limits; above them with approval
    REDEEM = "redeem"                                # create a redemption, hand a voucher over
    # Managers.
    RETURN_ABOVE_LIMIT = "return_above_limit"        # returns and voids of any amount
    ADJUST_ANY_AMOUNT = "adjust_any_amount"          # manual adjustments without the cashier limits
    CHANGE_MEMBERSHIP = "change_membership"          # suspend or reactivate, set a tier by hand
    FULFILL_REDEMPTIONS = "fulfill_redemptions"      # approve, ship, deliver
    CANCEL_REDEMPTIONS = "cancel_redemptions"
    APPROVE = "approve"                              # approve another person's action with a PIN
    VIEW_AUDIT = "view_audit"
    RUN_JOBS = "run_jobs"                            # run the daily jobs for a chosen day
    # One member's data, for the member who asks at the counter what the shop holds about them.
    EXPORT_MEMBER_DATA = "export_member_data"
    MERGE_MEMBERS = "merge_members"                  # merge a duplicate into the member kept
    VIEW_OUTBOX = "view_outbox"                      # see the emails to members, send a failed one again
    MANAGE_SEGMENTS = "manage_segments"              # save and delete the Members tab's segments
    MANAGE_PROMOTIONS = "manage_promotions"          # create, change and end a program's promotions
    # Owners.
    EDIT_PROGRAMS = "edit_programs"                  # programs and tiers
    EDIT_REWARDS = "edit_rewards"
    SHOP_SETTINGS = "shop_settings"                  # shop settings, limits, new shops
    MANAGE_STAFF = "manage_staff"                    # list, add, edit, deactivate staff, reset PINs
    VIEW_FLAGS = "view_flags"
    ERASE_MEMBER = "erase_member"                    # erase a member's personal data (cannot be undone)
    IMPORT_EXPORT = "import_export"                  # whole files in and out: import, CSV exports
    API_KEYS = "api_keys"                            # create, list and revoke the HTTP API's keys
    BACKUP_RESTORE = "backup_restore"                # copy the whole database, or replace it by a copy
    EDIT_MESSAGES = "edit_messages"                  # the templates of the emails to members


_CASHIER = frozenset({
    Permission.ENROLL_MEMBER, Permission.EDIT_MEMBER, Permission.REPLACE_CARD, Permission.RECORD_PURCHASE,
    Permission.RETURN_PURCHASE, Permission.ADJUST_POINTS, Permission.REDEEM,
})
_MANAGER = _CASHIER | {
    Permission.RETURN_ABOVE_LIMIT, Permission.ADJUST_ANY_AMOUNT, Permission.CHANGE_MEMBERSHIP,
    Permission.FULFILL_REDEMPTIONS, Permission.CANCEL_REDEMPTIONS, Permission.APPROVE, Permission.VIEW_AUDIT,
    Permission.RUN_JOBS, Permission.EXPORT_MEMBER_DATA, Permission.MERGE_MEMBERS, Permission.VIEW_OUTBOX,
    Permission.MANAGE_SEGMENTS,
    Permission.MANAGE_PROMOTIONS,
}
_OWNER = frozenset(Permission)

# The permission table: each role and everything it may do.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: _CASHIER,
    Role.MANAGER: frozenset(_MANAGER),
    Role.OWNER: _OWNER,
}


# What each permission lets a person do, in words a refusal and the README use.
DESCRIPTIONS: dict[Permission, str] = {
    Permission.ENROLL_MEMBER: "enroll members",
    Permission.EDIT_MEMBER: "edit a member's details",
    Permission.REPLACE_CARD: "replace a member's card",
    Permission.RECORD_PURCHASE: "record purchases",
    Permission.RETURN_PURCHASE: "record returns and voids (above the limit, with approval)",
    Permission.ADJUST_POINTS: "adjust points (beyond the limits, with approval)",
    Permission.REDEEM: "redeem rewards and hand vouchers over",
    Permission.RETURN_ABOVE_LIMIT: "record returns and voids of any amount",
    Permission.ADJUST_ANY_AMOUNT: "adjust points without the cashier limits",
    Permission.CHANGE_MEMBERSHIP: "suspend or reactivate members and set tiers by hand",
    Permission.FULFILL_REDEMPTIONS: "approve, ship and deliver redemptions",
    Permission.CANCEL_REDEMPTIONS: "cancel redemptions",
    Permission.APPROVE: "approve another person's action",
    Permission.VIEW_AUDIT: "see the audit log",
    Permission.RUN_JOBS: "run the daily jobs for a chosen day",
    Permission.EXPORT_MEMBER_DATA: "export one member's data for that member",
    Permission.MERGE_MEMBERS: "merge a duplicate member into another",
    Permission.MANAGE_PROMOTIONS: "create, change and end promotions",
    Permission.EDIT_PROGRAMS: "change programs and tiers",
    Permission.EDIT_REWARDS: "change rewards",
    Permission.SHOP_SETTINGS: "change the shop's settings",
    Permission.MANAGE_STAFF: "see and manage staff",
    Permission.VIEW_FLAGS: "see the flags",
    Permission.ERASE_MEMBER: "erase a member's personal data",
    Permission.IMPORT_EXPORT: "import members, and export members, the ledger and redemptions as files",
    Permission.API_KEYS: "create, list and revoke the HTTP API's keys",
    Permission.BACKUP_RESTORE: "back up or restore the whole database",
    Permission.VIEW_OUTBOX: "see the emails to members and send a failed one again",
    Permission.MANAGE_SEGMENTS: "save and delete segments of members",
    Permission.EDIT_MESSAGES: "change the templates of the emails to members",
}


class ApiScope(StrEnum):
    """What a key of the HTTP API may do: read only, or the counter's writes too."""

    READ = "read"
    WRITE = "write"


# The API's scopes and the guarded calls each allows. Reads the counter shows anyway need no
# permission; a write key may do what a web shop or a till does, and nothing else of the back
# office. EDIT_MEMBER lets it record a member's consent and opt-out only
# (services.members.update_member); MANAGE_PROMOTIONS lets a web shop schedule the bonus events
# it advertises (README, "Promotions").
SCOPE_PERMISSIONS: dict[ApiScope, frozenset[Permission]] = {
    ApiScope.READ: frozenset(),
    ApiScope.WRITE: frozenset({Permission.ENROLL_MEMBER, Permission.RECORD_PURCHASE, Permission.RETURN_PURCHASE,
                               Permission.REDEEM, Permission.EDIT_MEMBER, Permission.MANAGE_PROMOTIONS}),
}


def scope_allows(scope: ApiScope | str, permission: Permission) -> bool:
    return permission in SCOPE_PERMISSIONS[ApiScope(scope)]


def allows(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]


def permission_table() -> list[tuple[str, dict[str, bool]]]:
    """The table as rows of (permission, {role: allowed}), in declaration order (README, docs)."""
    return [(p.value, {r.value: p in ROLE_PERMISSIONS[r] for r in Role}) for p in Permission]
