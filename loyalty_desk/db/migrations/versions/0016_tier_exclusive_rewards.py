"""a tier's exclusive_rewards become its rewards' tier_exclusive_id

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04

One gate for tier-exclusive rewards (README, "Tiers"): the reward's `tier_exclusive_id`, the
column redemptions check. A tier's `exclusive_rewards` list was stored and never enforced; here
each listed reward of the same program that no tier gates yet is gated to that tier, and the
lists are emptied (the service reads the tier's exclusive rewards from the rewards from now on).
Running it again finds nothing to move.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"


def upgrade() -> None:
    connection = op.get_bind()
    # Lowest tier first: a reward listed by two tiers is gated to the lower (the gate lets higher tiers in too).
    tiers = connection.execute(sa.text("SELECT id, program_id, exclusive_rewards FROM loyalty_tiers "
                                       "ORDER BY program_id, tier_level")).all()
    for tier_id, program_id, listed in tiers:
        ids = json.loads(listed) if isinstance(listed, str) else (listed or [])
        wanted = [int(i) for i in ids if isinstance(i, int) or (isinstance(i, str) and i.isdigit())]
        for reward_id in wanted:
            connection.execute(sa.text(
                "UPDATE loyalty_rewards SET tier_exclusive_id = :tier WHERE id = :reward AND program_id = :program "
                "AND tier_exclusive_id IS NULL"), {"tier": tier_id, "reward": reward_id, "program": program_id})
        if ids:
            empty = "CAST(:empty AS jsonb)" if connection.dialect.name == "postgresql" else ":empty"
            connection.execute(sa.text(f"UPDATE loyalty_tiers SET exclusive_rewards = {empty} WHERE id = :tier"),
                               {"empty": "[]", "tier": tier_id})


def downgrade() -> None:
    pass   # the gate stays on the rewards: nothing to undo
