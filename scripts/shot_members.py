"""Render the Members tab, light and dark, to look at: /tmp/members_light.png and /tmp/members_dark.png.

    QT_QPA_PLATFORM=offscreen python scripts/shot_members.py [output-dir]

About fifty members with a few months of purchases, adjustments, a return and
redemptions are made through the service, in a throwaway SQLite file.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from loyalty_desk.errors import LoyaltyError
from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.members.members_model import POINTS
from loyalty_desk.views.members.members_tab import MembersTab
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme
from loyalty_desk.views.widgets.formatting import use_default_locale

SHOP = "corner-shop"
FIRST = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Mateo", "Isabella", "Lucas", "Mia",
         "Amelia", "Harper", "Evelyn", "Zoë", "Jack", "Aarav", "Chloé", "Yuki", "Fatima", "Mohammed", "Siobhán",
         "Bartholomew", "Anneliese", "Kwame"]
LAST = ["Nguyen", "García", "Smith", "Okafor", "Müller", "Rossi", "Kowalski", "Johansson", "O'Brien", "Tanaka",
        "Featherstonehaugh", "Papadopoulos", "Dubois", "Silva", "Haddad", "Ivanova", "Kim", "Brown"]


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def build(svc: LoyaltyService, clock: Clock) -> int:
    """The shop, and the id of a member worth showing in the detail view."""
    svc.save_shop(SHOP, {"shop_name": "Corner Coffee", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
    coffee = svc.create_loyalty_program(SHOP, {"program_name": "Coffee Club", "program_type": "tiered",
                                               "points_per_dollar": "10",
                                               "program_rules": {"welcome_bonus_points": 50}})
    for name, level, lo, hi, mult in (("Bronze", 1, 0, 999, "1"), ("Silver", 2, 1000, 4999, "1.25"),
                                      ("Gold", 3, 5000, None, "1.5")):
        svc.create_loyalty_tier(SHOP, coffee.id, {"tier_name": name, "tier_level": level, "min_points_required": lo,
                                                  "max_points_required": hi, "points_multiplier": mult})
    books = svc.create_loyalty_program(SHOP, {"program_name": "Book Nook Cash Back", "program_type": "cash_back",
                                              "program_rules": {"cash_back_percent": 5}})
    mug = svc.create_loyalty_reward(SHOP, coffee.id, {"reward_name": "Free latte", "reward_type": "free_product",
                                                      "points_cost": 400})
    tote = svc.create_loyalty_reward(SHOP, coffee.id, {"reward_name": "Canvas tote bag", "reward_type":
                                                       "free_product", "points_cost": 1500})
    rng = random.Random(11)
    members = []
    for n in range(50):
        clock.now += dt.timedelta(hours=rng.randint(1, 30))
        program = books if n % 7 == 3 else coffee
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
        member = svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": name,
                                                              "email": f"member{n}@example.com"})
        members.append((member.id, program.id))
    star = members[4][0]
    for day in range(60):
        clock.now += dt.timedelta(hours=rng.randint(10, 30))
        for member_id, program_id in rng.sample(members, 6) + [(star, coffee.id)] * (day % 3 == 0):
            amount = f"{rng.randint(3, 180)}.{rng.randint(0, 99):02d}"
            svc.record_purchase(SHOP, program_id, member_id, amount, f"POS-{day}-{member_id}-{rng.randint(0, 9999)}")
    clock.now += dt.timedelta(hours=5)
    svc.record_purchase(SHOP, coffee.id, star, "64.00", "POS-GIFTBOX-1")
    clock.now += dt.timedelta(hours=26)
    svc.reverse_purchase(SHOP, coffee.id, "POS-GIFTBOX-1", "24.00")
    clock.now += dt.timedelta(hours=3)
    svc.add_points_transaction(SHOP, coffee.id, star, {"points_amount": 250, "description":
                                                       "Goodwill: order arrived late, apologised at the counter"})
    for reward in (mug, tote, mug):
        clock.now += dt.timedelta(days=1)
        try:
            redemption = svc.create_redemption(SHOP, coffee.id, star, reward.id)
        except LoyaltyError:
            continue
        if reward is tote:
            svc.update_redemption_status(SHOP, redemption.id, "approved")
            svc.update_redemption_status(SHOP, redemption.id, "shipped", tracking_number="1Z999AA10123456784")
    for member_id, _program_id in members[10:13]:
        svc.update_loyalty_member(SHOP, member_id, {"membership_status": "suspended"})
    return star


def shoot(app: QApplication, session: ShopSession, star: int, scheme: str, path: Path) -> None:
    apply_scheme(app, scheme)
    tab = MembersTab(session)
    tab.resize(1280, 800)
    tab.show()
    tab.table.sortByColumn(POINTS, Qt.SortOrder.DescendingOrder)     # richest first
    while tab.model.loading:                                          # pages arrive from a worker thread
        app.processEvents()
    tab.select_member(star)
    tab.detail.show_member(star)
    QThreadPool.globalInstance().waitForDone(5000)                   # the member count
    for _ in range(5):
        app.processEvents()
    tab.grab().save(str(path))
    # For review only: the other two parts of the detail view.
    for index, part in ((1, "redemptions"), (2, "activity")):
        tab.detail.tabs.setCurrentIndex(index)
        app.processEvents()
        tab.detail.grab().save(str(path.with_name(f"{path.stem}_{part}.png")))
    tab.close()
    tab.deleteLater()
    print(path)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    use_default_locale()
    with tempfile.TemporaryDirectory() as folder:
        clock = Clock(dt.datetime(2025, 11, 3, 9, 0, tzinfo=dt.UTC))
        with LoyaltyService(f"sqlite:///{folder}/shot.db", clock=clock) as svc:
            star = build(svc, clock)
            session = ShopSession(svc, SHOP)
            for scheme in ("light", "dark"):
                shoot(app, session, star, scheme, out / f"members_{scheme}.png")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
