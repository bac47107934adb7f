"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 11:09:51.205100
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('loyalty_programs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('program_name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('program_type', sa.String(length=16), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('points_per_dollar', sa.Numeric(precision=10, scale=4), nullable=False),
    sa.Column('points_expiration_days', sa.Integer(), nullable=True),
    sa.Column('min_redemption_points', sa.Integer(), nullable=False),
    sa.Column('tier_system_enabled', sa.Boolean(), nullable=False),
    sa.Column('referral_enabled', sa.Boolean(), nullable=False),
    sa.Column('referral_points_awarded', sa.Integer(), nullable=False),
    sa.Column('birthday_bonus_points', sa.Integer(), nullable=False),
    sa.Column('program_rules', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('point_value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("program_type IN ('points', 'tiered', 'hybrid', 'cash_back')", name=op.f('ck_loyalty_programs_program_type')),
    sa.CheckConstraint("status IN ('active', 'inactive')", name=op.f('ck_loyalty_programs_status')),
    sa.CheckConstraint('birthday_bonus_points >= 0', name=op.f('ck_loyalty_programs_birthday_points')),
    sa.CheckConstraint('min_redemption_points >= 0', name=op.f('ck_loyalty_programs_min_redemption_points')),
    sa.CheckConstraint('point_value >= 0', name=op.f('ck_loyalty_programs_point_value')),
    sa.CheckConstraint('points_expiration_days IS NULL OR points_expiration_days > 0', name=op.f('ck_loyalty_programs_expiration_days')),
    sa.CheckConstraint('points_per_dollar >= 0', name=op.f('ck_loyalty_programs_points_per_dollar')),
    sa.CheckConstraint('referral_points_awarded >= 0', name=op.f('ck_loyalty_programs_referral_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_programs'))
    )
    with op.batch_alter_table('loyalty_programs', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_programs_status', ['status'], unique=False)
        batch_op.create_index('ix_loyalty_programs_user_id', ['user_id'], unique=False)

    op.create_table('loyalty_shops',
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('shop_name', sa.String(length=120), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('phone_region', sa.String(length=2), nullable=False),
    sa.Column('last_daily_run', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_loyalty_shops'))
    )
    op.create_table('loyalty_program_analytics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('analytics_date', sa.Date(), nullable=False),
    sa.Column('total_members', sa.Integer(), nullable=False),
    sa.Column('active_members', sa.Integer(), nullable=False),
    sa.Column('total_points_issued', sa.Integer(), nullable=False),
    sa.Column('total_points_redeemed', sa.Integer(), nullable=False),
    sa.Column('total_points_outstanding', sa.Integer(), nullable=False),
    sa.Column('average_member_points', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('redemption_rate', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('tier_distribution', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('new_members', sa.Integer(), nullable=False),
    sa.Column('churned_members', sa.Integer(), nullable=False),
    sa.Column('total_spending', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('average_spending_per_member', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_program_analytics_program_id_loyalty_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_program_analytics')),
    sa.UniqueConstraint('program_id', 'analytics_date', name='uq_loyalty_program_analytics_program_date')
    )
    op.create_table('loyalty_tiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('tier_name', sa.String(length=60), nullable=False),
    sa.Column('tier_level', sa.Integer(), nullable=False),
    sa.Column('min_points_required', sa.Integer(), nullable=False),
    sa.Column('max_points_required', sa.Integer(), nullable=True),
    sa.Column('points_multiplier', sa.Numeric(precision=10, scale=4), nullable=False),
    sa.Column('benefits', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('exclusive_rewards', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('birthday_bonus_multiplier', sa.Numeric(precision=10, scale=4), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('birthday_bonus_multiplier >= 0', name=op.f('ck_loyalty_tiers_birthday_multiplier')),
    sa.CheckConstraint('max_points_required IS NULL OR max_points_required >= min_points_required', name=op.f('ck_loyalty_tiers_max_points')),
    sa.CheckConstraint('min_points_required >= 0', name=op.f('ck_loyalty_tiers_min_points')),
    sa.CheckConstraint('points_multiplier > 0', name=op.f('ck_loyalty_tiers_points_multiplier')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_tiers_program_id_loyalty_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_tiers')),
    sa.UniqueConstraint('program_id', 'tier_level', name=op.f('uq_loyalty_tiers_program_id_tier_level'))
    )
    with op.batch_alter_table('loyalty_tiers', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_tiers_program_id', ['program_id'], unique=False)

    op.create_table('loyalty_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('customer_id', sa.String(length=64), nullable=True),
    sa.Column('customer_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('current_tier_id', sa.Integer(), nullable=True),
    sa.Column('current_points', sa.Integer(), nullable=False),
    sa.Column('lifetime_points', sa.Integer(), nullable=False),
    sa.Column('redemption_count', sa.Integer(), nullable=False),
    sa.Column('total_spent', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('membership_status', sa.String(length=16), nullable=False),
    sa.Column('enrollment_date', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_activity_date', sa.DateTime(timezone=True), nullable=True),
    sa.Column('referral_code', sa.String(length=24), nullable=False),
    sa.Column('referred_by', sa.Integer(), nullable=True),
    sa.Column('member_metadata', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('birthday', sa.Date(), nullable=True),
    sa.Column('card_number', sa.String(length=16), nullable=False),
    sa.Column('birthday_key', sa.SmallInteger(), nullable=True),
    sa.Column('name_key', sa.String(length=200).with_variant(sa.String(length=200, collation='C'), 'postgresql'), nullable=False),
    sa.Column('surname_key', sa.String(length=200).with_variant(sa.String(length=200, collation='C'), 'postgresql'), nullable=False),
    sa.CheckConstraint("membership_status IN ('active', 'inactive', 'suspended', 'expired')", name=op.f('ck_loyalty_members_membership_status')),
    sa.CheckConstraint('current_points >= 0', name=op.f('ck_loyalty_members_current_points')),
    sa.CheckConstraint('lifetime_points >= 0', name=op.f('ck_loyalty_members_lifetime_points')),
    sa.CheckConstraint('redemption_count >= 0', name=op.f('ck_loyalty_members_redemption_count')),
    sa.ForeignKeyConstraint(['current_tier_id'], ['loyalty_tiers.id'], name=op.f('fk_loyalty_members_current_tier_id_loyalty_tiers')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_members_program_id_loyalty_programs')),
    sa.ForeignKeyConstraint(['referred_by'], ['loyalty_members.id'], name=op.f('fk_loyalty_members_referred_by_loyalty_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_members')),
    sa.UniqueConstraint('card_number', name=op.f('uq_loyalty_members_card_number')),
    sa.UniqueConstraint('program_id', 'email', name=op.f('uq_loyalty_members_program_id_email')),
    sa.UniqueConstraint('program_id', 'phone', name=op.f('uq_loyalty_members_program_id_phone')),
    sa.UniqueConstraint('referral_code', name=op.f('uq_loyalty_members_referral_code'))
    )
    with op.batch_alter_table('loyalty_members', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_members_birthday', ['birthday_key'], unique=False)
        batch_op.create_index('ix_loyalty_members_customer_id', ['customer_id'], unique=False)
        batch_op.create_index('ix_loyalty_members_email', ['email'], unique=False)
        batch_op.create_index('ix_loyalty_members_name_key', ['user_id', 'name_key'], unique=False)
        batch_op.create_index('ix_loyalty_members_phone', ['phone'], unique=False)
        batch_op.create_index('ix_loyalty_members_program_user', ['program_id', 'user_id'], unique=False)
        batch_op.create_index('ix_loyalty_members_status', ['membership_status'], unique=False)
        batch_op.create_index('ix_loyalty_members_surname_key', ['user_id', 'surname_key'], unique=False)

    op.create_table('loyalty_rewards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('reward_name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('reward_type', sa.String(length=24), nullable=False),
    sa.Column('points_cost', sa.Integer(), nullable=False),
    sa.Column('quantity_available', sa.Integer(), nullable=True),
    sa.Column('quantity_remaining', sa.Integer(), nullable=True),
    sa.Column('reward_image_url', sa.String(length=500), nullable=True),
    sa.Column('reward_code', sa.String(length=64), nullable=True),
    sa.Column('tier_exclusive_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('reward_terms', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("reward_type IN ('discount', 'free_product', 'free_shipping', 'exclusive_access', 'cash_back')", name=op.f('ck_loyalty_rewards_reward_type')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_loyalty_rewards_dates')),
    sa.CheckConstraint('points_cost > 0', name=op.f('ck_loyalty_rewards_points_cost')),
    sa.CheckConstraint('quantity_available IS NULL OR quantity_available >= 0', name=op.f('ck_loyalty_rewards_quantity_available')),
    sa.CheckConstraint('quantity_remaining IS NULL OR quantity_remaining <= quantity_available', name=op.f('ck_loyalty_rewards_remaining_le_available')),
    sa.CheckConstraint('quantity_remaining IS NULL OR quantity_remaining >= 0', name=op.f('ck_loyalty_rewards_quantity_remaining')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_rewards_program_id_loyalty_programs')),
    sa.ForeignKeyConstraint(['tier_exclusive_id'], ['loyalty_tiers.id'], name=op.f('fk_loyalty_rewards_tier_exclusive_id_loyalty_tiers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_rewards'))
    )
    with op.batch_alter_table('loyalty_rewards', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_rewards_active', ['active'], unique=False)
        batch_op.create_index('ix_loyalty_rewards_points_cost', ['points_cost'], unique=False)
        batch_op.create_index('ix_loyalty_rewards_program_id', ['program_id'], unique=False)

    op.create_table('loyalty_member_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('activity_type', sa.String(length=32), nullable=False),
    sa.Column('activity_description', sa.Text(), nullable=False),
    sa.Column('points_involved', sa.Integer(), nullable=False),
    sa.Column('activity_metadata', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('activity_date', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("activity_type IN ('points_earned', 'points_redeemed', 'tier_promoted', 'tier_demoted', 'referral_made', 'purchase_made', 'engagement_milestone', 'member_enrolled', 'member_updated', 'status_changed', 'points_adjusted', 'points_expired', 'points_pending', 'purchase_returned', 'redemption_updated', 'card_replaced')", name=op.f('ck_loyalty_member_activity_activity_type')),
    sa.ForeignKeyConstraint(['member_id'], ['loyalty_members.id'], name=op.f('fk_loyalty_member_activity_member_id_loyalty_members')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_member_activity_program_id_loyalty_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_member_activity'))
    )
    with op.batch_alter_table('loyalty_member_activity', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_member_activity_member_id', ['member_id', 'activity_date'], unique=False)
        batch_op.create_index('ix_loyalty_member_activity_type', ['activity_type'], unique=False)

    op.create_table('loyalty_points_transactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('transaction_type', sa.String(length=24), nullable=False),
    sa.Column('points_amount', sa.Integer(), nullable=False),
    sa.Column('points_balance_after', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('reference_id', sa.String(length=128), nullable=True),
    sa.Column('reference_type', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('expiration_date', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('related_transaction_id', sa.Integer(), nullable=True),
    sa.Column('pending_points', sa.Integer(), nullable=True),
    sa.Column('pending_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('shortfall_points', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('completed', 'pending', 'failed')", name=op.f('ck_loyalty_points_transactions_status')),
    sa.CheckConstraint("transaction_type IN ('purchase', 'referral', 'birthday_bonus', 'manual_adjustment', 'redemption', 'expiration', 'welcome_bonus', 'purchase_return', 'redemption_refund')", name=op.f('ck_loyalty_points_transactions_transaction_type')),
    sa.CheckConstraint('(reference_type IS NULL) = (reference_id IS NULL)', name=op.f('ck_loyalty_points_transactions_reference_pair')),
    sa.CheckConstraint('points_balance_after >= 0', name=op.f('ck_loyalty_points_transactions_balance_after')),
    sa.CheckConstraint('shortfall_points >= 0', name=op.f('ck_loyalty_points_transactions_shortfall')),
    sa.ForeignKeyConstraint(['member_id'], ['loyalty_members.id'], name=op.f('fk_loyalty_points_transactions_member_id_loyalty_members')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_points_transactions_program_id_loyalty_programs')),
    sa.ForeignKeyConstraint(['related_transaction_id'], ['loyalty_points_transactions.id'], name=op.f('fk_loyalty_points_transactions_related_transaction_id_loyalty_points_transactions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_points_transactions')),
    sa.UniqueConstraint('program_id', 'reference_type', 'reference_id', name=op.f('uq_loyalty_points_transactions_program_id_reference_type_reference_id'))
    )
    with op.batch_alter_table('loyalty_points_transactions', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_points_transactions_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_loyalty_points_transactions_member_id', ['member_id', 'id'], unique=False)
        batch_op.create_index('ix_loyalty_points_transactions_pending', ['pending_until'], unique=False, sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.create_index('ix_loyalty_points_transactions_type', ['transaction_type'], unique=False)
        batch_op.create_index('ix_loyalty_points_transactions_user_created', ['user_id', 'created_at'], unique=False)

    op.create_table('loyalty_tier_progression',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('previous_tier_id', sa.Integer(), nullable=True),
    sa.Column('new_tier_id', sa.Integer(), nullable=True),
    sa.Column('promotion_reason', sa.String(length=24), nullable=False),
    sa.Column('promotion_date', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("promotion_reason IN ('automatic_points', 'manual_promotion', 'special_event')", name=op.f('ck_loyalty_tier_progression_promotion_reason')),
    sa.ForeignKeyConstraint(['member_id'], ['loyalty_members.id'], name=op.f('fk_loyalty_tier_progression_member_id_loyalty_members')),
    sa.ForeignKeyConstraint(['new_tier_id'], ['loyalty_tiers.id'], name=op.f('fk_loyalty_tier_progression_new_tier_id_loyalty_tiers')),
    sa.ForeignKeyConstraint(['previous_tier_id'], ['loyalty_tiers.id'], name=op.f('fk_loyalty_tier_progression_previous_tier_id_loyalty_tiers')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_tier_progression_program_id_loyalty_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_tier_progression'))
    )
    with op.batch_alter_table('loyalty_tier_progression', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_tier_progression_date', ['promotion_date'], unique=False)
        batch_op.create_index('ix_loyalty_tier_progression_member_id', ['member_id'], unique=False)

    op.create_table('loyalty_point_lots',
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('points_original', sa.Integer(), nullable=False),
    sa.Column('points_remaining', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('points_remaining <= points_original', name=op.f('ck_loyalty_point_lots_remaining_le_original')),
    sa.CheckConstraint('points_remaining >= 0', name=op.f('ck_loyalty_point_lots_remaining')),
    sa.ForeignKeyConstraint(['lot_id'], ['loyalty_points_transactions.id'], name=op.f('fk_loyalty_point_lots_lot_id_loyalty_points_transactions')),
    sa.ForeignKeyConstraint(['member_id'], ['loyalty_members.id'], name=op.f('fk_loyalty_point_lots_member_id_loyalty_members')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_point_lots_program_id_loyalty_programs')),
    sa.PrimaryKeyConstraint('lot_id', name=op.f('pk_loyalty_point_lots'))
    )
    with op.batch_alter_table('loyalty_point_lots', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_point_lots_member', ['member_id', 'lot_id'], unique=False)
        batch_op.create_index('ix_loyalty_point_lots_open_expiry', ['expires_at'], unique=False, sqlite_where=sa.text('points_remaining > 0'), postgresql_where=sa.text('points_remaining > 0'))

    op.create_table('loyalty_redemptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('reward_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('points_redeemed', sa.Integer(), nullable=False),
    sa.Column('redemption_date', sa.DateTime(timezone=True), nullable=False),
    sa.Column('fulfillment_status', sa.String(length=16), nullable=False),
    sa.Column('fulfillment_date', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reward_code_generated', sa.String(length=32), nullable=False),
    sa.Column('delivery_method', sa.String(length=32), nullable=True),
    sa.Column('shipping_address', sa.Text(), nullable=True),
    sa.Column('tracking_number', sa.String(length=64), nullable=True),
    sa.Column('redemption_notes', sa.Text(), nullable=True),
    sa.Column('debit_transaction_id', sa.Integer(), nullable=False),
    sa.Column('refund_transaction_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("fulfillment_status IN ('pending', 'approved', 'shipped', 'delivered', 'redeemed', 'cancelled')", name=op.f('ck_loyalty_redemptions_fulfillment_status')),
    sa.CheckConstraint('points_redeemed > 0', name=op.f('ck_loyalty_redemptions_points_redeemed')),
    sa.ForeignKeyConstraint(['debit_transaction_id'], ['loyalty_points_transactions.id'], name=op.f('fk_loyalty_redemptions_debit_transaction_id_loyalty_points_transactions')),
    sa.ForeignKeyConstraint(['member_id'], ['loyalty_members.id'], name=op.f('fk_loyalty_redemptions_member_id_loyalty_members')),
    sa.ForeignKeyConstraint(['program_id'], ['loyalty_programs.id'], name=op.f('fk_loyalty_redemptions_program_id_loyalty_programs')),
    sa.ForeignKeyConstraint(['refund_transaction_id'], ['loyalty_points_transactions.id'], name=op.f('fk_loyalty_redemptions_refund_transaction_id_loyalty_points_transactions')),
    sa.ForeignKeyConstraint(['reward_id'], ['loyalty_rewards.id'], name=op.f('fk_loyalty_redemptions_reward_id_loyalty_rewards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_redemptions')),
    sa.UniqueConstraint('reward_code_generated', name=op.f('uq_loyalty_redemptions_reward_code_generated'))
    )
    with op.batch_alter_table('loyalty_redemptions', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_redemptions_date', ['redemption_date'], unique=False)
        batch_op.create_index('ix_loyalty_redemptions_member_id', ['member_id'], unique=False)
        batch_op.create_index('ix_loyalty_redemptions_reward_member', ['reward_id', 'member_id'], unique=False)
        batch_op.create_index('ix_loyalty_redemptions_status', ['fulfillment_status'], unique=False)

    op.create_table('loyalty_lot_consumptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('debit_transaction_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.CheckConstraint('points > 0', name=op.f('ck_loyalty_lot_consumptions_points')),
    sa.ForeignKeyConstraint(['debit_transaction_id'], ['loyalty_points_transactions.id'], name=op.f('fk_loyalty_lot_consumptions_debit_transaction_id_loyalty_points_transactions')),
    sa.ForeignKeyConstraint(['lot_id'], ['loyalty_point_lots.lot_id'], name=op.f('fk_loyalty_lot_consumptions_lot_id_loyalty_point_lots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_lot_consumptions'))
    )
    with op.batch_alter_table('loyalty_lot_consumptions', schema=None) as batch_op:
        batch_op.create_index('ix_loyalty_lot_consumptions_debit', ['debit_transaction_id'], unique=False)
        batch_op.create_index('ix_loyalty_lot_consumptions_lot', ['lot_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('loyalty_lot_consumptions', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_lot_consumptions_lot')
        batch_op.drop_index('ix_loyalty_lot_consumptions_debit')

    op.drop_table('loyalty_lot_consumptions')
    with op.batch_alter_table('loyalty_redemptions', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_redemptions_status')
        batch_op.drop_index('ix_loyalty_redemptions_reward_member')
        batch_op.drop_index('ix_loyalty_redemptions_member_id')
        batch_op.drop_index('ix_loyalty_redemptions_date')

    op.drop_table('loyalty_redemptions')
    with op.batch_alter_table('loyalty_point_lots', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_point_lots_open_expiry', sqlite_where=sa.text('points_remaining > 0'), postgresql_where=sa.text('points_remaining > 0'))
        batch_op.drop_index('ix_loyalty_point_lots_member')

    op.drop_table('loyalty_point_lots')
    with op.batch_alter_table('loyalty_tier_progression', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_tier_progression_member_id')
        batch_op.drop_index('ix_loyalty_tier_progression_date')

    op.drop_table('loyalty_tier_progression')
    with op.batch_alter_table('loyalty_points_transactions', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_points_transactions_user_created')
        batch_op.drop_index('ix_loyalty_points_transactions_type')
        batch_op.drop_index('ix_loyalty_points_transactions_pending', sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.drop_index('ix_loyalty_points_transactions_member_id')
        batch_op.drop_index('ix_loyalty_points_transactions_created_at')

    op.drop_table('loyalty_points_transactions')
    with op.batch_alter_table('loyalty_member_activity', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_member_activity_type')
        batch_op.drop_index('ix_loyalty_member_activity_member_id')

    op.drop_table('loyalty_member_activity')
    with op.batch_alter_table('loyalty_rewards', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_rewards_program_id')
        batch_op.drop_index('ix_loyalty_rewards_points_cost')
        batch_op.drop_index('ix_loyalty_rewards_active')

    op.drop_table('loyalty_rewards')
    with op.batch_alter_table('loyalty_members', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_members_surname_key')
        batch_op.drop_index('ix_loyalty_members_status')
        batch_op.drop_index('ix_loyalty_members_program_user')
        batch_op.drop_index('ix_loyalty_members_phone')
        batch_op.drop_index('ix_loyalty_members_name_key')
        batch_op.drop_index('ix_loyalty_members_email')
        batch_op.drop_index('ix_loyalty_members_customer_id')
        batch_op.drop_index('ix_loyalty_members_birthday')

    op.drop_table('loyalty_members')
    with op.batch_alter_table('loyalty_tiers', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_tiers_program_id')

    op.drop_table('loyalty_tiers')
    op.drop_table('loyalty_program_analytics')
    op.drop_table('loyalty_shops')
    with op.batch_alter_table('loyalty_programs', schema=None) as batch_op:
        batch_op.drop_index('ix_loyalty_programs_user_id')
        batch_op.drop_index('ix_loyalty_programs_status')

    op.drop_table('loyalty_programs')
