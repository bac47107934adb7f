"""Render the counter and the program editor of a French shop (fr_FR, EUR, Europe/Paris), light and dark.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_locale.py

Writes docs/screenshots/locale-fr-{counter,programs}-{light,dark}.png, to check that amounts,
dates, phone numbers and labels follow the shop's settings.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshots import settle, shoot  # the same app settling and file naming as every screenshot

from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme

FRANCE = {"shop_name": "Boulangerie du Marché", "country": "FR", "locale": "fr_FR", "currency": "EUR",
          "timezone": "Europe/Paris", "phone_region": "FR", "paper_size": "A4"}
PEOPLE = (("Camille Martin", "06 12 34 56 78", "48.90"), ("Louis Bernard", "+44 7911 123456", "12.50"),
          ("Chloé Dubois", "07 98 76 54 32", "1234.50"))


def french_shop(svc: LoyaltyService) -> tuple[str, int]:
    shop = "boulangerie"
    svc.save_shop(shop, FRANCE)
    program = svc.create_loyalty_program(shop, {"program_name": "Fidélité", "program_type": "tiered",
                                                "currency": "EUR", "points_per_dollar": "1.5",
                                                "min_redemption_points": 0})
    for level, (name, low, high, rate) in enumerate((("Bronze", 0, 499, "1"), ("Argent", 500, 1999, "1.5"),
                                                      ("Or", 2000, None, "2")), start=1):
        svc.create_loyalty_tier(shop, program.id, {"tier_name": name, "tier_level": level, "min_points_required": low,
                                                   "max_points_required": high, "points_multiplier": rate})
    first = 0
    for index, (name, phone, spent) in enumerate(PEOPLE):
        member = svc.enroll_loyalty_member(shop, program.id, {"customer_name": name, "phone": phone})
        svc.record_purchase(shop, program.id, member.id, spent, f"FR-{index}")
        first = first or member.id
    return shop, first


def main() -> None:
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # leave the user's own settings alone
    svc = LoyaltyService(f"sqlite:///{folder / 'fr.db'}")
    shop, member_id = french_shop(svc)
    session = ShopSession(svc, shop)
    for scheme in ("light", "dark"):
        apply_scheme(app, scheme)
        window = MainWindow(session, run_jobs=False)
        window.resize(1440, 900)
        window.show()
        window.counter.open_member(member_id)
        window.tabs.setCurrentIndex(1)
        settle(app, 60)
        window.members_tab.select_member(member_id)  # its detail shows the phone in French format
        deadline = time.monotonic() + 10
        while window.members_tab.detail.member_id != member_id and time.monotonic() < deadline:
            app.processEvents()
        settle(app, 60)
        shoot(app, window, "locale-fr-counter", scheme)
        window.tabs.setCurrentIndex(0)
        settle(app, 60)
        shoot(app, window, "locale-fr-programs", scheme)
        window.close()
    svc.close()


if __name__ == "__main__":
    main()
