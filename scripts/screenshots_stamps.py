"""Render a bakery's stamp card ("every 10th coffee free"), light and dark, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_stamps.py

Writes counter-stamps-{light,dark}.png (the counter after a coffee: the card ●●●●●●●○○○),
program-stamps-{light,dark}.png (the program editor with the stamp card's rule and its live
example) and card-stamps.png (the printed member card with its stamps), each from a fresh
database in a temporary folder.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import OUT, open_window, shoot  # noqa: E402

from loyalty_desk.services import LoyaltyService  # noqa: E402
from loyalty_desk.views.documents.documents import Letterhead, MemberCard  # noqa: E402
from loyalty_desk.views.documents.printing import export_png  # noqa: E402
from loyalty_desk.views.programs.programs_tab import ProgramsTab  # noqa: E402
from loyalty_desk.views.shell.session import ShopSession  # noqa: E402
from loyalty_desk.views.shell.theme import apply_scheme  # noqa: E402
from loyalty_desk.views.widgets.formatting import use_shop_formats  # noqa: E402

SHOP = "corner-bakery"


def bakery(svc: LoyaltyService) -> tuple[int, int]:
    """The bakery, its coffee card (a stamp from €3.00, ten for a free coffee) and a regular with seven stamps."""
    svc.save_shop(SHOP, {"shop_name": "Corner Bakery", "currency": "EUR", "timezone": "Europe/Dublin",
                         "phone_region": "IE", "locale": "en_IE"})
    card = svc.create_loyalty_program(SHOP, {
        "program_name": "Coffee card", "program_type": "stamps", "points_expiration_days": 365,
        "description": "Every 10th coffee free.", "program_rules": {"stamp_min_amount": "3.00"}})
    svc.create_loyalty_reward(SHOP, card.id, {"reward_name": "A free coffee", "reward_type": "free_product",
                                              "points_cost": 10})
    member = svc.enroll_loyalty_member(SHOP, card.id, {"customer_name": "Siobhán Walsh"})
    for number, amount in enumerate(("3.20", "4.80", "3.20", "6.50", "3.20", "3.20")):
        svc.record_purchase(SHOP, card.id, member.id, amount, f"TILL-{number + 1:03d}")
    return card.id, member.id


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # leave the user's own settings alone
    svc = LoyaltyService(f"sqlite:///{folder / 'bakery.db'}")
    program_id, member_id = bakery(svc)
    use_shop_formats("en_IE", "Europe/Dublin")
    session = ShopSession(svc, SHOP)
    for scheme in ("light", "dark"):
        window = open_window(app, session, scheme)
        window.counter.open_member(member_id)
        dialog = window.counter.record_purchase()
        dialog.amount.setText("3.20")
        dialog.ok_button.click()
        while dialog.isVisible():
            app.processEvents()
        shoot(app, window.counter, "counter-stamps", scheme)
        svc.reverse_purchase(SHOP, program_id, dialog.generated_ref)   # the same picture in the other scheme
        window.close()
        apply_scheme(app, scheme)
        tab = ProgramsTab(session)
        tab.resize(1200, 750)
        tab.show()
        tab.list.selectRow(0)
        shoot(app, tab, "program-stamps", scheme)
        tab.close()
    summary = svc.get_member_summary(SHOP, member_id)
    export_png(MemberCard.of(Letterhead.of(svc.get_shop(SHOP)), summary.program, summary.member,
                             stamp_card_size=summary.stamp_card_size), OUT / "card-stamps.png", dpi=200)
    print("docs/screenshots/card-stamps.png")
    svc.close()


if __name__ == "__main__":
    main()
