"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 11:09:51.205100

The nine tables of the spec, with the ledger's lots and lot consumptions. The
enum values are written out as they were then, not imported, so that this
migration builds the same schema whatever the enums become.
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import (
    BOOL,
    DATE,
    INT,
    JSON,
    MONEY,
    OWNER,
    PERCENT,
    RATE,
    STAMP,
    TEXT,
    col,
    create_table,
    one_of,
    text_key,
)

revision = "0001"
down_revision = None

PROGRAMS, MEMBERS, TIERS = "loyalty_programs.id", "loyalty_members.id", "loyalty_tiers.id"
LEDGER = "loyalty_points_transactions.id"
# In the order they are made; downgrade drops them the other way round.
TABLES = ("loyalty_programs", "loyalty_shops", "loyalty_program_analytics", "loyalty_tiers", "loyalty_members",
          "loyalty_rewards", "loyalty_member_activity", "loyalty_points_transactions", "loyalty_tier_progression",
          "loyalty_point_lots", "loyalty_redemptions", "loyalty_lot_consumptions")


def _owned(*links: str) -> list[sa.Column[Any]]:
    """The id, the program, any further links (member, reward), and the shop that owns the row."""
    return [col("id", INT), col("program_id", INT), *(col(link, INT) for link in links), col("user_id", OWNER)]


def upgrade() -> None:
    _programs_and_shops()
    _tiers_and_members()
    _rewards_and_activity()
    _ledger()
    _lots_and_redemptions()


def downgrade() -> None:
    # Dropping a table drops its indexes too.
    for table in reversed(TABLES):
        op.drop_table(table)


def _programs_and_shops() -> None:
    create_table("loyalty_programs", [
        col("id", INT), col("user_id", OWNER), col("program_name", 120), col("description", TEXT),
        col("program_type", 16), col("currency", 3), col("status", 16), col("points_per_dollar", RATE),
        col("points_expiration_days", INT, null=True), col("min_redemption_points", INT),
        col("tier_system_enabled", BOOL), col("referral_enabled", BOOL), col("referral_points_awarded", INT),
        col("birthday_bonus_points", INT), col("program_rules", JSON), col("point_value", MONEY),
        col("created_at", STAMP), col("updated_at", STAMP),
    ], checks={
        "program_type": one_of("program_type", ("points", "tiered", "hybrid", "cash_back")),
        "status": one_of("status", ("active", "inactive")),
        "birthday_points": "birthday_bonus_points >= 0",
        "min_redemption_points": "min_redemption_points >= 0",
        "point_value": "point_value >= 0",
        "expiration_days": "points_expiration_days IS NULL OR points_expiration_days > 0",
        "points_per_dollar": "points_per_dollar >= 0",
        "referral_points": "referral_points_awarded >= 0",
    }, indexes={"ix_loyalty_programs_status": ["status"], "ix_loyalty_programs_user_id": ["user_id"]})
    create_table("loyalty_shops", [
        col("user_id", OWNER), col("shop_name", 120), col("currency", 3), col("timezone", 64),
        col("phone_region", 2), col("last_daily_run", DATE, null=True), col("created_at", STAMP),
    ], key=["user_id"])
    create_table("loyalty_program_analytics", [
        *_owned(), col("analytics_date", DATE),
        *(col(name, INT) for name in ("total_members", "active_members", "total_points_issued",
                                      "total_points_redeemed", "total_points_outstanding")),
        col("average_member_points", MONEY), col("redemption_rate", PERCENT), col("tier_distribution", JSON),
        col("new_members", INT), col("churned_members", INT), col("total_spending", MONEY),
        col("average_spending_per_member", MONEY),
    ], refs={"program_id": PROGRAMS}, extra=[
        # Named by hand when it was made, outside the naming convention.
        sa.UniqueConstraint("program_id", "analytics_date", name="uq_loyalty_program_analytics_program_date")])


def _tiers_and_members() -> None:
    create_table("loyalty_tiers", [
        *_owned(), col("tier_name", 60), col("tier_level", INT), col("min_points_required", INT),
        col("max_points_required", INT, null=True), col("points_multiplier", RATE), col("benefits", JSON),
        col("exclusive_rewards", JSON), col("birthday_bonus_multiplier", RATE), col("created_at", STAMP),
    ], checks={
        "birthday_multiplier": "birthday_bonus_multiplier >= 0",
        "max_points": "max_points_required IS NULL OR max_points_required >= min_points_required",
        "min_points": "min_points_required >= 0",
        "points_multiplier": "points_multiplier > 0",
    }, refs={"program_id": PROGRAMS}, uniques=[("program_id", "tier_level")],
        indexes={"ix_loyalty_tiers_program_id": ["program_id"]})
    create_table("loyalty_members", [
        *_owned(), col("customer_id", 64, null=True), col("customer_name", 200), col("email", 254, null=True),
        col("phone", 32, null=True), col("current_tier_id", INT, null=True), col("current_points", INT),
        col("lifetime_points", INT), col("redemption_count", INT), col("total_spent", MONEY),
        col("membership_status", 16), col("enrollment_date", STAMP), col("last_activity_date", STAMP, null=True),
        col("referral_code", 24), col("referred_by", INT, null=True), col("member_metadata", JSON),
        col("birthday", DATE, null=True), col("card_number", 16), col("birthday_key", sa.SmallInteger(), null=True),
        col("name_key", text_key(200)), col("surname_key", text_key(200)),
    ], checks={
        "membership_status": one_of("membership_status", ("active", "inactive", "suspended", "expired")),
        "current_points": "current_points >= 0",
        "lifetime_points": "lifetime_points >= 0",
        "redemption_count": "redemption_count >= 0",
    }, refs={"current_tier_id": TIERS, "program_id": PROGRAMS, "referred_by": MEMBERS},
        uniques=[("card_number",), ("program_id", "email"), ("program_id", "phone"), ("referral_code",)],
        indexes={
            "ix_loyalty_members_birthday": ["birthday_key"],
            "ix_loyalty_members_customer_id": ["customer_id"],
            "ix_loyalty_members_email": ["email"],
            "ix_loyalty_members_name_key": ["user_id", "name_key"],
            "ix_loyalty_members_phone": ["phone"],
            "ix_loyalty_members_program_user": ["program_id", "user_id"],
            "ix_loyalty_members_status": ["membership_status"],
            "ix_loyalty_members_surname_key": ["user_id", "surname_key"],
        })


def _rewards_and_activity() -> None:
    create_table("loyalty_rewards", [
        *_owned(), col("reward_name", 120), col("description", TEXT), col("reward_type", 24),
        col("points_cost", INT), col("quantity_available", INT, null=True), col("quantity_remaining", INT, null=True),
        col("reward_image_url", 500, null=True), col("reward_code", 64, null=True),
        col("tier_exclusive_id", INT, null=True), col("active", BOOL), col("start_date", DATE, null=True),
        col("end_date", DATE, null=True), col("reward_terms", JSON), col("created_at", STAMP),
        col("updated_at", STAMP),
    ], checks={
        "reward_type": one_of("reward_type", ("discount", "free_product", "free_shipping", "exclusive_access",
                                              "cash_back")),
        "dates": "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
        "points_cost": "points_cost > 0",
        "quantity_available": "quantity_available IS NULL OR quantity_available >= 0",
        "remaining_le_available": "quantity_remaining IS NULL OR quantity_remaining <= quantity_available",
        "quantity_remaining": "quantity_remaining IS NULL OR quantity_remaining >= 0",
    }, refs={"program_id": PROGRAMS, "tier_exclusive_id": TIERS}, indexes={
        "ix_loyalty_rewards_active": ["active"],
        "ix_loyalty_rewards_points_cost": ["points_cost"],
        "ix_loyalty_rewards_program_id": ["program_id"],
    })
    create_table("loyalty_member_activity", [
        *_owned("member_id"), col("activity_type", 32), col("activity_description", TEXT),
        col("points_involved", INT), col("activity_metadata", JSON), col("activity_date", STAMP),
    ], checks={"activity_type": one_of("activity_type", (
        "points_earned", "points_redeemed", "tier_promoted", "tier_demoted", "referral_made", "purchase_made",
        "engagement_milestone", "member_enrolled", "member_updated", "status_changed", "points_adjusted",
        "points_expired", "points_pending", "purchase_returned", "redemption_updated", "card_replaced"))},
        refs={"member_id": MEMBERS, "program_id": PROGRAMS}, indexes={
            "ix_loyalty_member_activity_member_id": ["member_id", "activity_date"],
            "ix_loyalty_member_activity_type": ["activity_type"],
        })


def _ledger() -> None:
    create_table("loyalty_points_transactions", [
        *_owned("member_id"), col("transaction_type", 24), col("points_amount", INT),
        col("points_balance_after", INT), col("source", 32), col("reference_id", 128, null=True),
        col("reference_type", 32, null=True), col("description", TEXT), col("expiration_date", STAMP, null=True),
        col("status", 16), col("created_at", STAMP), col("amount", MONEY, null=True),
        col("related_transaction_id", INT, null=True), col("pending_points", INT, null=True),
        col("pending_until", STAMP, null=True), col("shortfall_points", INT),
    ], checks={
        "status": one_of("status", ("completed", "pending", "failed")),
        "transaction_type": one_of("transaction_type", (
            "purchase", "referral", "birthday_bonus", "manual_adjustment", "redemption", "expiration",
            "welcome_bonus", "purchase_return", "redemption_refund")),
        "reference_pair": "(reference_type IS NULL) = (reference_id IS NULL)",
        "balance_after": "points_balance_after >= 0",
        "shortfall": "shortfall_points >= 0",
    }, refs={"member_id": MEMBERS, "program_id": PROGRAMS, "related_transaction_id": LEDGER},
        uniques=[("program_id", "reference_type", "reference_id")], indexes={
            "ix_loyalty_points_transactions_created_at": ["created_at"],
            "ix_loyalty_points_transactions_member_id": ["member_id", "id"],
            "ix_loyalty_points_transactions_type": ["transaction_type"],
            "ix_loyalty_points_transactions_user_created": ["user_id", "created_at"],
        }, partial={"ix_loyalty_points_transactions_pending": ("pending_until", "status = 'pending'")})
    create_table("loyalty_tier_progression", [
        *_owned("member_id"), col("previous_tier_id", INT, null=True), col("new_tier_id", INT, null=True),
        col("promotion_reason", 24), col("promotion_date", STAMP),
    ], checks={"promotion_reason": one_of("promotion_reason",
                                          ("automatic_points", "manual_promotion", "special_event"))},
        refs={"member_id": MEMBERS, "new_tier_id": TIERS, "previous_tier_id": TIERS, "program_id": PROGRAMS},
        indexes={
            "ix_loyalty_tier_progression_date": ["promotion_date"],
            "ix_loyalty_tier_progression_member_id": ["member_id"],
        })


def _lots_and_redemptions() -> None:
    create_table("loyalty_point_lots", [
        col("lot_id", INT), col("member_id", INT), col("program_id", INT), col("user_id", OWNER),
        col("points_original", INT), col("points_remaining", INT), col("expires_at", STAMP, null=True),
    ], key=["lot_id"], checks={
        "remaining_le_original": "points_remaining <= points_original",
        "remaining": "points_remaining >= 0",
    }, refs={"lot_id": LEDGER, "member_id": MEMBERS, "program_id": PROGRAMS},
        indexes={"ix_loyalty_point_lots_member": ["member_id", "lot_id"]},
        partial={"ix_loyalty_point_lots_open_expiry": ("expires_at", "points_remaining > 0")})
    create_table("loyalty_redemptions", [
        *_owned("member_id", "reward_id"), col("points_redeemed", INT), col("redemption_date", STAMP),
        col("fulfillment_status", 16), col("fulfillment_date", STAMP, null=True), col("reward_code_generated", 32),
        col("delivery_method", 32, null=True), col("shipping_address", TEXT, null=True),
        col("tracking_number", 64, null=True), col("redemption_notes", TEXT, null=True),
        col("debit_transaction_id", INT), col("refund_transaction_id", INT, null=True),
    ], checks={
        "fulfillment_status": one_of("fulfillment_status", ("pending", "approved", "shipped", "delivered",
                                                            "redeemed", "cancelled")),
        "points_redeemed": "points_redeemed > 0",
    }, refs={"debit_transaction_id": LEDGER, "member_id": MEMBERS, "program_id": PROGRAMS,
             "refund_transaction_id": LEDGER, "reward_id": "loyalty_rewards.id"},
        uniques=[("reward_code_generated",)], indexes={
            "ix_loyalty_redemptions_date": ["redemption_date"],
            "ix_loyalty_redemptions_member_id": ["member_id"],
            "ix_loyalty_redemptions_reward_member": ["reward_id", "member_id"],
            "ix_loyalty_redemptions_status": ["fulfillment_status"],
        })
    create_table("loyalty_lot_consumptions", [
        col("id", INT), col("debit_transaction_id", INT), col("lot_id", INT), col("points", INT),
    ], checks={"points": "points > 0"},
        refs={"debit_transaction_id": LEDGER, "lot_id": "loyalty_point_lots.lot_id"}, indexes={
            "ix_loyalty_lot_consumptions_debit": ["debit_transaction_id"],
            "ix_loyalty_lot_consumptions_lot": ["lot_id"],
        })
