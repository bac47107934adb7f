"""The demo shop's catalog: the shop, its programs, tiers and rewards, set up through LoyaltyService."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

from ..domain.tier_rules import tier_period
from ..errors import ValidationError
from ..services.facade import LoyaltyService
from ..services.tiers import period_of

USER_ID = "demo-shop"
SHOP = {"shop_name": "Maple & Main General Store", "currency": "USD", "timezone": "America/New_York",
        "phone_region": "US", "country": "US", "address": "214 Main Street\nSpringfield, IL 62701"}
LOGO = "maple-and-main.png"   # beside this file: the letterhead of the demo's cards, vouchers and reports
CURRENCY = SHOP["currency"]  # every demo program uses the shop's currency

HISTORY_DAYS = 365
SETUP_LEAD_DAYS = 14          # the programs exist two weeks before the first member joins


@dataclass(frozen=True)
class RewardSpec:
    data: dict[str, Any]
    style: str = "counter"                 # "counter": handed over in the shop; "ship": sent by post
    tier: str | None = None                # tier name, for a tier-exclusive reward
    window: tuple[int, int] | None = None  # (start, end) in days from today, for a seasonal reward


@dataclass(frozen=True)
class ProgramSpec:
    data: dict[str, Any]
    share: float               # of all members
    visits_per_month: float    # of a typical member
    basket_cents: int          # median purchase
    order_prefix: str
    tiers: tuple[dict[str, Any], ...] = ()
    rewards: tuple[RewardSpec, ...] = ()


def _tier(name: str, level: int, low: int, high: int | None, multiplier: str, birthday: str) -> dict[str, Any]:
    return {"tier_name": name, "tier_level": level, "min_points_required": low, "max_points_required": high,
            "points_multiplier": multiplier, "birthday_bonus_multiplier": birthday,
            "benefits": [f"{multiplier}x points", f"{birthday}x birthday bonus"]}


def _reward(name: str, kind: str, cost: int, **fields: Any) -> dict[str, Any]:
    return {"reward_name": name, "reward_type": kind, "points_cost": cost, **fields}


PROGRAMS: tuple[ProgramSpec, ...] = (
    ProgramSpec(
        data={"program_name": "Daily Grind Points", "program_type": "points",
              "description": "Two points per dollar at the coffee bar.", "points_per_dollar": "2",
              "points_expiration_days": 180, "min_redemption_points": 80, "referral_enabled": True,
              "referral_points_awarded": 100, "birthday_bonus_points": 50,
              "program_rules": {"welcome_bonus_points": 50}},
        share=0.40, visits_per_month=2.0, basket_cents=900, order_prefix="CAFE",
        rewards=(
            RewardSpec(_reward("Pastry of the day", "free_product", 90)),
            RewardSpec(_reward("Free coffee", "free_product", 120)),
            RewardSpec(_reward("15% off your next order", "discount", 250)),
            RewardSpec(_reward("Bag of house beans, mailed", "free_product", 280), style="ship"),
            RewardSpec(_reward("Canvas tote bag", "free_product", 450, quantity_available=40), style="ship"),
            RewardSpec(_reward("Latte art class", "exclusive_access", 900, quantity_available=12,
                               reward_terms={"max_per_member": 1})),
            RewardSpec(_reward("Old loyalty mug (retired)", "free_product", 300, active=False)),
        ),
    ),
    ProgramSpec(
        data={"program_name": "Maple VIP Club", "program_type": "tiered",
              "description": "Online and in-store; points are held 14 days for returns.", "points_per_dollar": "1",
              "min_redemption_points": 150, "referral_enabled": True, "referral_points_awarded": 150,
              "birthday_bonus_points": 100, "program_rules": {"pending_days": 14}},
        share=0.25, visits_per_month=0.9, basket_cents=4500, order_prefix="WEB",
        tiers=(_tier("Bronze", 1, 0, 499, "1", "1"), _tier("Silver", 2, 500, 1499, "1.5", "2"),
               _tier("Gold", 3, 1500, None, "2", "3")),
        rewards=(
            RewardSpec(_reward("Free shipping", "free_shipping", 150)),
            RewardSpec(_reward("$10 off", "discount", 300)),
            RewardSpec(_reward("Scented candle", "free_product", 250), style="ship"),
            RewardSpec(_reward("Limited edition mug", "free_product", 400, quantity_available=150,
                               reward_terms={"max_per_member": 1}), style="ship"),
            RewardSpec(_reward("Gold members' evening", "exclusive_access", 700), tier="Gold"),
            RewardSpec(_reward("Winter hamper", "free_product", 1000), style="ship", window=(-150, -90)),
        ),
    ),
    ProgramSpec(
        data={"program_name": "Plus Rewards", "program_type": "hybrid",
              "description": "Points with tier multipliers for the home goods aisle.", "points_per_dollar": "1.5",
              "points_expiration_days": 270, "min_redemption_points": 200, "birthday_bonus_points": 75},
        share=0.20, visits_per_month=1.2, basket_cents=2800, order_prefix="HOME",
        # A hybrid program's tiers are reached by spend: these are dollars (README, "Hybrid").
        tiers=(_tier("Classic", 1, 0, 299, "1", "1"), _tier("Plus", 2, 300, 999, "1.25", "1.5"),
               _tier("Premier", 3, 1000, None, "1.5", "2")),
        rewards=(
            RewardSpec(_reward("Free delivery", "free_shipping", 200)),
            RewardSpec(_reward("Linen tea towels", "free_product", 350), style="ship"),
            RewardSpec(_reward("Early access to sales", "exclusive_access", 400), tier="Plus"),
            RewardSpec(_reward("$20 gift card", "discount", 1200, reward_terms={"max_per_member": 2}),
                       style="ship"),
        ),
    ),
    ProgramSpec(
        data={"program_name": "Cash Back Card", "program_type": "cash_back",
              "description": "2.5% back on everything, as store credit.", "min_redemption_points": 500,
              "referral_enabled": True, "referral_points_awarded": 250,
              "program_rules": {"cash_back_percent": "2.5"}},
        share=0.15, visits_per_month=1.5, basket_cents=6000, order_prefix="POS",
        rewards=(
            RewardSpec(_reward("$5 store credit", "cash_back", 500)),
            RewardSpec(_reward("$10 store credit", "cash_back", 1000)),
            RewardSpec(_reward("$25 store credit", "cash_back", 2500)),
        ),
    ),
    ProgramSpec(
        data={"program_name": "Bakery Stamp Card", "program_type": "stamps",
              "description": "A stamp for every bake of $3 or more; the tenth coffee is on us.",
              "points_expiration_days": 365, "program_rules": {"stamp_min_amount": "3.00"}},
        share=0.10, visits_per_month=3.0, basket_cents=550, order_prefix="BAKE",
        rewards=(
            RewardSpec(_reward("Free coffee", "free_product", 10)),
            RewardSpec(_reward("Loaf of sourdough", "free_product", 15)),
        ),
    ),
)


@dataclass
class ProgramSetup:
    """A program as the database returns it, with its tiers, rewards and demo behaviour."""

    spec: ProgramSpec
    program: Any
    tiers: list[Any]
    rewards: list[tuple[Any, str]]   # (reward, fulfillment style)

    # Asked at every tier check and purchase of the replay: read from the program once.
    @cached_property
    def on_spend(self) -> bool:
        """The program's tiers go by spend (tier_rules.tier_period)."""
        return tier_period(self.program.program_type, self.program.program_rules).on_spend

    @cached_property
    def pending_days(self) -> int:
        """Days a purchase's points are held for the return window (0: credited at once)."""
        return int((self.program.program_rules or {}).get("pending_days") or 0)


def build_catalog(svc: LoyaltyService, today: dt.date,
                  programs: Sequence[ProgramSpec] = PROGRAMS) -> list[ProgramSetup]:
    """The shop, programs, tiers and rewards, through the service like an owner's clicks."""
    if svc.get_loyalty_programs(USER_ID):
        raise ValidationError(f"This database already holds the demo shop {USER_ID!r}: use a fresh database")
    svc.save_shop(USER_ID, {**SHOP, "logo_png": resources.files(__package__).joinpath(LOGO).read_bytes()})
    setups = []
    for spec in programs:
        program = svc.create_loyalty_program(USER_ID, spec.data)
        tier_ids = {t["tier_name"]: svc.create_loyalty_tier(USER_ID, program.id, t).id for t in spec.tiers}
        styles = {}
        for reward in spec.rewards:
            data = dict(reward.data)
            if reward.tier:
                data["tier_exclusive_id"] = tier_ids[reward.tier]
            if reward.window:
                data["start_date"], data["end_date"] = (today + dt.timedelta(days=d) for d in reward.window)
            styles[svc.create_loyalty_reward(USER_ID, program.id, data).id] = reward.style
        # Read back, so the simulation sees exactly the values the service reads.
        program = svc.get_loyalty_program(USER_ID, program.id)
        if not period_of(program).lifetime or period_of(program).demotion_months:
            raise ValueError("demo programs measure tiers over a lifetime; tier periods are not simulated")
        rewards = [(r, styles[r.id]) for r in svc.get_loyalty_rewards(USER_ID, program.id)]
        setups.append(ProgramSetup(spec, program, svc.get_loyalty_tiers(USER_ID, program.id), rewards))
    return setups

