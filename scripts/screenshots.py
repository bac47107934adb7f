"""Render every tab and dialog, light and dark, into docs/screenshots/ (for the README and for review).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--analytics]
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from loyalty_desk.services import LoyaltyService  # noqa: E402
from loyalty_desk.demo import build_demo  # noqa: E402
from loyalty_desk.views.analytics.analytics_tab import ExportPath  # noqa: E402
from loyalty_desk.views.documents.documents import Letterhead, MemberCard, RewardVoucher  # noqa: E402
from loyalty_desk.views.documents.printing import export_png  # noqa: E402
from loyalty_desk.views.shell.main_window import MainWindow  # noqa: E402
from loyalty_desk.views.shell.session import ShopSession  # noqa: E402
from loyalty_desk.views.shell.setup_dialogs import FirstRunDialog  # noqa: E402
from loyalty_desk.views.shell.theme import apply_scheme  # noqa: E402
from loyalty_desk.views.widgets.formatting import use_default_locale  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, name: str, scheme: str) -> None:
    settle(app)
    path = OUT / f"{name}-{scheme}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def open_window(app: QApplication, session: ShopSession, scheme: str) -> MainWindow:
    apply_scheme(app, scheme)
    window = MainWindow(session, run_jobs=False)
    window.resize(1440, 900)
    window.show()
    return window


def analytics(app: QApplication, session: ShopSession) -> None:
    """The Analytics tab over 30 days, 6 months and 12 months in both schemes, a runtime switch to dark,
    and one chart exported while dark (it stays light)."""
    for scheme in ("light", "dark"):
        window = open_window(app, session, scheme)
        window.tabs.setCurrentWidget(window.analytics_page)
        tab = window.analytics_tab
        for days, name in ((30, "30-days"), (182, "6-months"), (365, "12-months")):
            tab.range.setCurrentIndex(tab.range.findData(days))
            settle(app, 10)
            while tab.loading or tab.data is None or (tab.data.last - tab.data.first).days != days - 1:
                app.processEvents()
            shoot(app, window, f"analytics-{name}", scheme)
        if scheme == "light":
            apply_scheme(app, "dark")
            shoot(app, window, "analytics-switched", "dark")
        else:
            ExportPath.ask = classmethod(lambda cls, parent, suggested, kind: str(OUT / "analytics-export.png"))
            tab.export("points", "png")
            shoot(app, window, "analytics-after-export", scheme)
            print("docs/screenshots/analytics-export.png")
        window.close()


def demo_shop(members: int, seed: int) -> tuple[QApplication, LoyaltyService, str]:
    """The app, and a fresh demo shop in a temporary folder, its daily jobs run (the screenshots' world)."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    use_default_locale()
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # leave the user's own settings alone
    url = f"sqlite:///{folder / 'demo.db'}"
    build_demo(url, members=members, seed=seed)
    svc = LoyaltyService(url)
    shop = svc.list_shops()[0].user_id
    svc.run_daily_jobs(shop)
    return app, svc, shop


def main() -> None:
    app, svc, shop = demo_shop(400, 11)
    session = ShopSession(svc, shop)
    if "--analytics" in sys.argv:  # only the Analytics tab's shots
        analytics(app, session)
        svc.close()
        return
    richest = svc.list_members_page(shop, sort="current_points", descending=True, limit=1).rows[0]
    for amount, ref in (("42.50", "SHOT-1001"), ("18.00", "SHOT-1002")):
        svc.record_purchase(shop, richest.program_id, richest.id, amount, ref)
    svc.reverse_purchase(shop, richest.program_id, "SHOT-1001", "10.00")
    voucher_code = svc.get_redemptions(shop, limit=1)[0].reward_code_generated
    for scheme in ("light", "dark"):
        window = open_window(app, session, scheme)
        window.counter.open_member(richest.id)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            settle(app, 60)
            if window.tabs.tabText(index) == "Analytics":
                tab = window.analytics_tab
                while tab.loading or tab.data is None:
                    app.processEvents()
            shoot(app, window, f"tab-{window.tabs.tabText(index).lower()}", scheme)
        window.tabs.setCurrentIndex(1)
        for name, opener in (("purchase", window.counter.record_purchase), ("redeem", window.counter.redeem),
                             ("enroll", window.counter.enroll), ("adjust", window.counter.adjust),
                             ("return", window.counter.reverse), ("edit-member", window.counter.edit)):
            dialog = opener()
            if name == "purchase":
                dialog.amount.setText("42.50")
            shoot(app, dialog, f"dialog-{name}", scheme)
            dialog.close()
        shoot(app, window.counter, "counter", scheme)
        dialog = window.counter.reverse()
        dialog.purchases.selectRow(0)
        shoot(app, dialog, "dialog-return-picker", scheme)
        dialog.close()
        dialog = window.counter.redeem()
        first = next(i for i in range(dialog.rewards.count())
                     if dialog.rewards.item(i).data(Qt.ItemDataRole.UserRole + 1) is None)
        dialog.rewards.setCurrentRow(first)
        dialog.submit()
        shoot(app, dialog, "dialog-redeem-confirm", scheme)
        dialog.close()
        window.counter.handle_scan(voucher_code)
        shoot(app, window.counter, "counter-voucher-scan", scheme)
        window.counter.open_member(richest.id)
        document = window.counter.print_card()
        shoot(app, document, "dialog-card", scheme)
        document.close()
        first_run = FirstRunDialog(svc)
        first_run.show()
        shoot(app, first_run, "dialog-first-run", scheme)
        first_run.close()
        window.open_settings()
        shoot(app, window.settings_dialog, "dialog-settings", scheme)
        window.settings_dialog.close()
        window.close()
    member = svc.get_loyalty_member(shop, richest.id)
    program = svc.get_loyalty_program(shop, member.program_id)
    export_png(MemberCard.of(Letterhead.of(svc.get_shop(shop)), program, member), OUT / "card.png", dpi=200)
    redemption = svc.get_redemptions(shop, limit=1)[0]
    letterhead = Letterhead.of(svc.get_shop(shop))
    export_png(RewardVoucher(letterhead, redemption.reward_name, redemption.reward_code_generated,
                             redemption.member_name, redemption.redemption_date, redemption.points_redeemed,
                             "Valid for 30 days. One per visit."), OUT / "voucher.png", dpi=150)
    print("card.png, voucher.png")
    svc.close()


if __name__ == "__main__":
    main()
