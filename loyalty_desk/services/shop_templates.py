"""A new shop from a template: the shop, its first program and, for the tiered one, three tiers,
in one unit of work, so a refusal half way leaves no half shop behind."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import ValidationError
from ..models import Shop
from . import programs, rewards, shops
from .uow import Ctx

TEMPLATES: dict[str, tuple[str, dict[str, Any]]] = {
    "points": ("Simple points: 1 point per unit spent", {"program_type": "points", "points_per_dollar": "1"}),
    "tiered": ("Tiered: Bronze, Silver and Gold", {"program_type": "tiered", "points_per_dollar": "1"}),
    "cash_back": ("Cash back: 2% back as points", {"program_type": "cash_back",
                                                   "program_rules": {"cash_back_percent": "2"}}),
    "stamps": ("Stamp card: every 10th visit free", {"program_type": "stamps"}),
}
# A stamp card is nothing without what a full card buys: the template's one reward, ten stamps.
STAMP_REWARD = {"reward_name": "Free item (10th visit)", "reward_type": "free_product", "points_cost": 10}
TIERS = [("Bronze", 1, 0, 499, "1"), ("Silver", 2, 500, 1999, "1.25"), ("Gold", 3, 2000, None, "1.5")]


def template_labels() -> dict[str, str]:
    """Each template's key and the sentence a first-run screen shows for it."""
    return {key: label for key, (label, _fields) in TEMPLATES.items()}


def shop_id_for(name: str) -> str:
    """The shop account's id, readable in a URL or a file name: its name in lower case with dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return (slug or "shop")[:64]


def create_from_template(ctx: Ctx, shop_data: Mapping[str, Any], template: object) -> Shop:
    if not isinstance(template, str) or template not in TEMPLATES:
        raise ValidationError(f"Unknown starting program {template!r}: use one of {', '.join(TEMPLATES)}",
                              field="program_type")
    if ctx.session.get(Shop, ctx.user_id) is not None:
        raise ValidationError("A shop with this name already exists: choose another name", field="shop_name")
    shop = shops.save_shop(ctx, shop_data)
    label, fields = TEMPLATES[template]
    program = programs.create_program(ctx, {"program_name": f"{shop.shop_name} Rewards", "currency": shop.currency,
                                            "description": label, **fields})
    if template == "tiered":
        for tier_name, level, low, high, multiplier in TIERS:
            programs.create_tier(ctx, program.id, {"tier_name": tier_name, "tier_level": level,
                                                   "min_points_required": low, "max_points_required": high,
                                                   "points_multiplier": multiplier})
    if template == "stamps":
        rewards.create_reward(ctx, program.id, STAMP_REWARD)
    return shop
