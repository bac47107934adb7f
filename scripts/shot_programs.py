"""Render the Programs tab with a few programs and tiers, light and dark, to PNG files.

    QT_QPA_PLATFORM=offscreen python scripts/shot_programs.py [OUTPUT_DIR]

Writes programs_light.png and programs_dark.png (the settings page), programs_tiers_light.png
and programs_tiers_dark.png (the tier editor, with an overlapping range being typed),
programs_promotions_*.png (the promotion editor, a promotion being changed, with its live example), and
programs_errors_*.png (a refused save), programs_inactive_*.png (an inactive program) and
programs_new_*.png (the blank form of a new program) to OUTPUT_DIR (default /tmp).
Each picture is drawn on a fresh database in a temporary folder.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.programs.programs_tab import ProgramsTab
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme

SHOP = "corner-shop"


def fill(svc: LoyaltyService) -> None:
    svc.save_shop(SHOP, {"shop_name": "Corner Coffee", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
    club = svc.create_loyalty_program(SHOP, {
        "program_name": "Coffee Club", "program_type": "tiered", "points_per_dollar": "2",
        "description": "Two points per dollar; tiers multiply what members earn.",
        "points_expiration_days": 365, "min_redemption_points": 100, "referral_enabled": True,
        "referral_points_awarded": 250, "birthday_bonus_points": 100,
        "program_rules": {"welcome_bonus_points": 50, "pending_days": 14, "tier_qualification_days": 365}})
    for name, level, low, high, mult, bday, benefits in (
            ("Bronze", 1, 0, 499, "1", "1", ["Member prices"]),
            ("Silver", 2, 500, 1999, "1.25", "1.5", ["Free refills", "Early access to seasonal blends"]),
            ("Gold", 3, 2000, None, "1.5", "2", ["Free refills", "A free pastry every month", "Priority pickup"])):
        svc.create_loyalty_tier(SHOP, club.id, {
            "tier_name": name, "tier_level": level, "min_points_required": low, "max_points_required": high,
            "points_multiplier": mult, "birthday_bonus_multiplier": bday, "benefits": benefits})
    today = svc.shop_today(SHOP)
    svc.create_promotion(SHOP, club.id, {"name": "Double Tuesdays", "multiplier": "2", "days_of_week": [1],
                                         "starts_at": today, "ends_at": today + dt.timedelta(days=27)})
    svc.create_promotion(SHOP, club.id, {"name": "Happy hour bonus", "bonus_points": 25, "hours": [15, 18],
                                         "min_amount": "10.00", "starts_at": today + dt.timedelta(days=7),
                                         "ends_at": today + dt.timedelta(days=13)})
    svc.create_loyalty_program(SHOP, {
        "program_name": "Cash Back Card", "program_type": "cash_back", "point_value": "0.01",
        "program_rules": {"cash_back_percent": "5", "pending_days": 30}})
    svc.create_loyalty_program(SHOP, {
        "program_name": "Old punch card (2024)", "program_type": "points", "points_per_dollar": "1",
        "status": "inactive"})


def settle(app: QApplication) -> None:
    """Let the layouts finish: wrapped labels take a pass or two to find their height."""
    for _ in range(5):
        app.processEvents()


def shoot(app: QApplication, scheme: str, out: Path) -> None:
    apply_scheme(app, scheme)
    with tempfile.TemporaryDirectory() as folder:
        svc = LoyaltyService(f"sqlite:///{Path(folder) / 'shots.db'}")
        try:
            fill(svc)
            tab = ProgramsTab(ShopSession(svc, SHOP))
            tab.resize(1200, 750)
            tab.show()
            settle(app)
            tab.grab().save(str(out / f"programs_{scheme}.png"))

            tab.pages.setCurrentIndex(1)
            tab.tiers.new_tier()
            tab.tiers.name.setText("Platinum")
            tab.tiers.min_points.setValue(1500)
            tab.tiers.benefits.setPlainText("Free delivery")
            settle(app)
            tab.grab().save(str(out / f"programs_tiers_{scheme}.png"))

            tab.tiers.fill(None)
            tab.pages.setCurrentIndex(2)
            tab.promotions.table.selectRow(0)
            tab.promotions.tier_boxes[2][1].setChecked(True)      # Gold only
            settle(app)
            tab.grab().save(str(out / f"programs_promotions_{scheme}.png"))

            tab.promotions.fill(None)
            tab.pages.setCurrentIndex(0)
            tab.list.selectRow(1)
            tab.editor.name.clear()
            tab.editor.cash_back.clear()
            tab.editor.currency.setText("DOLLAR")
            tab.editor.save()
            settle(app)
            tab.grab().save(str(out / f"programs_errors_{scheme}.png"))

            tab.editor.revert()
            tab.list.selectRow(2)
            settle(app)
            tab.grab().save(str(out / f"programs_inactive_{scheme}.png"))
            tab.new_program()
            settle(app)
            tab.grab().save(str(out / f"programs_new_{scheme}.png"))
            tab.close()
            tab.deleteLater()
            settle(app)
        finally:
            svc.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # A shop's usual locale, not the bare "C" locale of a headless machine (which writes 20.00$ and 1999).
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for scheme in ("light", "dark"):
        shoot(app, scheme, out)
    print(f"wrote {', '.join(sorted(p.name for p in out.glob('programs_*.png')))} to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
