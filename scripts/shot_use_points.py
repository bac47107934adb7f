"""Render "Use points" at the counter (points as money off), light and dark, in a throwaway database.

    QT_QPA_PLATFORM=offscreen python scripts/shot_use_points.py [OUT_DIR]

Writes use_points_light.png and use_points_dark.png (the dialog over the counter, 1,000 points
typed with a basket of €20.00) and use_points_done_*.png (the counter after it) to OUT_DIR
(default /tmp). Nothing touches the user's real data dir.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp(prefix="shot-use-points-"))
os.environ["XDG_DATA_HOME"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")

from PySide6.QtWidgets import QApplication  # noqa: E402 - after the data dirs are set

from loyalty_desk.services import LoyaltyService  # noqa: E402 - after the data dirs are set
from loyalty_desk.views.counter.counter import CounterBar  # noqa: E402 - after the data dirs are set
from loyalty_desk.views.shell.session import ShopSession  # noqa: E402 - after the data dirs are set
from loyalty_desk.views.shell.theme import apply_scheme  # noqa: E402 - after the data dirs are set

SHOP = "corner-shop"


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    app = QApplication.instance() or QApplication([])
    svc = LoyaltyService(f"sqlite:///{WORK / 'shop.db'}")
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "EUR", "timezone": "UTC", "phone_region": "DE"})
    program = svc.create_loyalty_program(SHOP, {
        "program_name": "Bakery Club", "program_type": "points", "points_per_dollar": "10",
        "program_rules": {"redeem_points_per_unit": 100, "redeem_points_step": 100,
                          "redeem_max_basket_percent": 50}})
    ada = svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Ada Lovelace"})
    svc.record_purchase(SHOP, program.id, ada.id, "148.00", "POS-0991")
    try:
        for number, scheme in enumerate(("light", "dark")):
            apply_scheme(app, scheme)
            session = ShopSession(svc, SHOP)
            counter = CounterBar(session)
            counter.resize(1100, 330)
            counter.show()
            counter.open_member(ada.id)
            dialog = counter.use_points()
            assert dialog is not None
            dialog.points.setValue(1000)
            dialog.basket.setText("20.00")
            dialog.order_ref.setText(f"POS-100{2 + number}")   # a new order each time
            settle(app)
            dialog.grab().save(str(out / f"use_points_{scheme}.png"))
            dialog.submit()
            while dialog.isVisible():
                settle(app)
            settle(app)
            counter.grab().save(str(out / f"use_points_done_{scheme}.png"))
            counter.close()
            svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 1000, "description": "again"})
    finally:
        svc.close()
        shutil.rmtree(WORK, ignore_errors=True)
    print(*(out / f"use_points{part}_{s}.png" for part in ("", "_done") for s in ("light", "dark")), sep="\n")


if __name__ == "__main__":
    main()
