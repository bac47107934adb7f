"""Render every tab and dialog, light and dark, into docs/screenshots/ (for the README and for review).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--analytics [--db URL] | --help-dialogs
                                                             | --customer-display | --segments
                                                             | --members-over-time]

With --db, the Analytics shots are of that database (a COPY of the 100k demo: it is migrated
on open) and named analytics-100k-*.

scripts/guide_images.py --german runs this script (and the staff and data ones) with
LOYALTY_SHOTS_LANGUAGE=de (the app's words in German), LOYALTY_SHOTS_SCHEMES=light and
LOYALTY_SHOTS_OUT=FOLDER, for the German user guide's pictures.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from loyalty_desk.demo import build_demo  # noqa: E402
from loyalty_desk.services import LoyaltyService  # noqa: E402
from loyalty_desk.views.analytics.analytics_tab import ExportPath  # noqa: E402
from loyalty_desk.views.documents.documents import Letterhead, MemberCard, RewardVoucher  # noqa: E402
from loyalty_desk.views.documents.printing import export_png  # noqa: E402
from loyalty_desk.views.shell.main_window import MainWindow  # noqa: E402
from loyalty_desk.views.shell.session import ShopSession  # noqa: E402
from loyalty_desk.views.shell.setup_dialogs import FirstRunDialog  # noqa: E402
from loyalty_desk.views.shell.theme import apply_scheme  # noqa: E402
from loyalty_desk.views.widgets.formatting import use_default_locale  # noqa: E402

OUT = Path(os.environ.get("LOYALTY_SHOTS_OUT") or ROOT / "docs" / "screenshots")
SCHEMES = tuple(os.environ.get("LOYALTY_SHOTS_SCHEMES", "light,dark").split(","))


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, name: str, scheme: str) -> None:
    settle(app)
    path = OUT / f"{name}-{scheme}.png"
    widget.grab().save(str(path))
    print(path)


def open_window(app: QApplication, session: ShopSession, scheme: str) -> MainWindow:
    apply_scheme(app, scheme)
    window = MainWindow(session, run_jobs=False)
    window.resize(1440, 900)
    window.show()
    return window


ANALYTICS_SIZE = (1440, 1720)   # tall enough for every chart: three rows of two, and the side panels


def wait_for_figures(app: QApplication, tab: Any, days: int) -> None:
    settle(app, 10)
    while tab.loading or tab.data is None or (tab.data.last - tab.data.first).days != days - 1:
        app.processEvents()
    settle(app, 20)


def analytics(app: QApplication, session: ShopSession, prefix: str = "analytics", *, extras: bool = True) -> None:
    """The Analytics tab over 30 days, 6 months and 12 months in both schemes, every chart in view;
    a runtime switch each way; and the tab after a chart export in each scheme (the export itself
    stays light, and the tab says the file's name only)."""
    exports = Path(tempfile.mkdtemp())
    for scheme in ("light", "dark"):
        window = open_window(app, session, scheme)
        window.resize(*ANALYTICS_SIZE)
        window.tabs.setCurrentWidget(window.analytics_page)
        tab = window.analytics_tab
        for days, name in ((30, "30-days"), (182, "6-months"), (365, "12-months")):
            tab.range.setCurrentIndex(tab.range.findData(days))
            wait_for_figures(app, tab, days)
            shoot(app, window, f"{prefix}-{name}", scheme)
        if not extras:
            window.close()
            continue
        other = "dark" if scheme == "light" else "light"
        apply_scheme(app, other)                # at runtime: every chart re-colours at once
        shoot(app, window, "analytics-switched", other)
        apply_scheme(app, scheme)
        target = exports / f"points-{session.svc.shop_today(session.user_id).isoformat()}.png"
        ExportPath.ask = classmethod(lambda cls, parent, suggested, kind, t=target: str(t))  # type: ignore
        tab.export("points", "png")
        shoot(app, window, "analytics-after-export", scheme)
        shutil.copyfile(target, OUT / "analytics-export.png")
        print("docs/screenshots/analytics-export.png")
        window.close()


def demo_shop(members: int, seed: int) -> tuple[QApplication, LoyaltyService, str]:
    """The app, and a fresh demo shop in a temporary folder, its daily jobs run (the screenshots' world)."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    use_default_locale()
    if os.environ.get("LOYALTY_SHOTS_LANGUAGE"):       # before any window is built, as at the app's start
        from loyalty_desk.views import i18n

        i18n.install(os.environ["LOYALTY_SHOTS_LANGUAGE"])
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # leave the user's own settings alone
    url = f"sqlite:///{folder / 'demo.db'}"
    build_demo(url, members=members, seed=seed)
    svc = LoyaltyService(url)
    shop = svc.list_shops()[0].user_id
    svc.run_daily_jobs(shop)
    return app, svc, shop


def help_dialogs(app: QApplication, window: MainWindow, scheme: str) -> None:
    window.show_shortcuts()
    shoot(app, window.shortcut_sheet, "dialog-shortcuts", scheme)
    window.shortcut_sheet.close()
    window.about()
    shoot(app, window.about_dialog, "dialog-about", scheme)
    window.about_dialog.close()
    window.tabs.setCurrentWidget(window.members_tab)
    window.show_guide()
    shoot(app, window.user_guide, "dialog-guide", scheme)
    window.user_guide.close()
    window.connect_to_server()
    dialog = window.connect_dialog
    dialog.host.setText("shop-server")
    dialog.user.setText("till")
    dialog.password.setText("secret")
    dialog.errors.show_text("The password was refused for the user “till” on shop-server:5432.", "password",
                            focus=False)
    shoot(app, dialog, "dialog-connect", scheme)
    dialog.close()


def german(app: QApplication, session: ShopSession, member_id: int) -> None:
    """The main screens and the counter's dialogs with the German translation loaded."""
    from loyalty_desk.views import i18n

    i18n.install("de")
    try:
        for scheme in ("light", "dark"):
            window = open_window(app, session, scheme)
            window.counter.open_member(member_id)
            for index in (0, 1, 2):                      # Programs, Members, Rewards
                window.tabs.setCurrentIndex(index)
                shoot(app, window, f"de-tab-{index}", scheme)
            window.tabs.setCurrentIndex(1)
            for name, opener in (("purchase", window.counter.record_purchase), ("redeem", window.counter.redeem),
                                 ("enroll", window.counter.enroll)):
                dialog = opener()
                shoot(app, dialog, f"de-dialog-{name}", scheme)
                dialog.close()
            german_refusals(app, session, window, member_id, scheme)
            window.open_settings()
            shoot(app, window.settings_dialog, "de-dialog-settings", scheme)
            window.settings_dialog.close()
            window.tabs.setCurrentWidget(window.members_tab)
            window.show_guide()                          # F1: the German guide, at the Members tab's part
            shoot(app, window.user_guide, "de-dialog-guide", scheme)
            window.user_guide.close()
            window.close()
    finally:
        i18n.install("en")


def german_refusals(app: QApplication, session: ShopSession, window: MainWindow, member_id: int, scheme: str) -> None:
    """Enroll a member whose email another member has, with a phone number that is no number: the
    service's refusals (written in English) shown in German beside their fields."""
    existing = session.svc.get_loyalty_member(session.user_id, member_id)
    dialog = window.counter.enroll()
    dialog.program.setCurrentIndex(dialog.program.findData(existing.program_id))
    dialog.name.setText("Erika Mustermann")
    dialog.email.setText(existing.email or "")
    dialog.ok_button.click()
    for _ in range(2000):                              # the service answers from a worker thread
        if dialog.errors.message("email") or not dialog.isVisible():
            break
        app.processEvents()
        time.sleep(0.005)
    if not dialog.errors.message("email"):
        raise SystemExit(f"the duplicate email was not refused: {dialog.errors.message()!r}")
    dialog.phone.setText("12")
    dialog.phone.editingFinished.emit()
    settle(app)
    shoot(app, dialog, "de-dialog-enroll-refused", scheme)      # at the width the dialog opens with
    dialog.close()


def climber(svc: LoyaltyService, shop: str) -> int:
    """A member of a program with tiers who has a next tier to reach (the display then says how far)."""
    for program in svc.get_loyalty_programs(shop):
        if not program.tier_system_enabled:
            continue
        for row in svc.list_members_page(shop, program_id=program.id, sort="current_points", descending=True,
                                         limit=50).rows:
            if svc.get_member_summary(shop, row.id).points_to_next_tier:
                return int(row.id)
    raise SystemExit("the demo shop has no member below a program's top tier")


def customer_display(app: QApplication, window: MainWindow, scheme: str, member_id: int) -> None:
    """View ▸ Customer display: a member just after a sale, then the welcome screen."""
    display = window.show_customer_display()
    display.resize(1280, 720)
    window.counter.open_member(member_id)
    display.show_member(window.counter.summary, 42)
    shoot(app, display, "customer-display", scheme)
    display.show_welcome()
    shoot(app, display, "customer-display-welcome", scheme)
    display.close()


def segments(app: QApplication, window: MainWindow, scheme: str) -> None:
    """The Members tab's segment row on "Top spenders", and its Email… dialog."""
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    bar = tab.segments
    bar.choice.setCurrentIndex(bar.choice.findData("top_spenders"))
    bar.number.setValue(20)
    bar._announce()
    while tab.model.loading:
        app.processEvents()
    settle(app, 60)
    shoot(app, window, "members-segment", scheme)
    svc, shop = window.session.svc, window.session.user_id
    for row in tab.model.rows[:12]:          # some of them agreed to offers by email
        if row.email and not row.email_opt_out:
            svc.update_loyalty_member(shop, row.id, {"marketing_consent": True})
    bar.email_button.click()
    dialog = tab.email_dialog
    assert dialog is not None
    while dialog.reach is None:
        app.processEvents()
    dialog.subject.setText("Double points this weekend")
    dialog.message.setPlainText("Thank you for being one of our best customers: every purchase earns double "
                                "points on Saturday and Sunday.")
    shoot(app, dialog, "dialog-segment-email", scheme)
    dialog.close()


def members_over_time(app: QApplication, window: MainWindow, scheme: str, program_id: int, member_id: int) -> None:
    """The program editor's Members over time group, and the counter celebrating a milestone."""
    tab = window.programs_tab
    window.tabs.setCurrentWidget(tab)
    tab._select_row(tab.model.row_of(program_id))
    settle(app, 20)
    scroll = tab.editor.findChild(QWidget, "programEditorScroll")
    scroll.ensureWidgetVisible(tab.editor.member_rules)
    shoot(app, window, "program-members-over-time", scheme)
    window.counter.open_member(member_id)
    shoot(app, window.counter, "counter-milestone", scheme)


def main() -> None:
    if "--db" in sys.argv:
        app = QApplication(sys.argv[:1])
        use_default_locale()
        os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()  # leave the user's own settings alone
        svc = LoyaltyService(sys.argv[sys.argv.index("--db") + 1])
        analytics(app, ShopSession(svc, svc.list_shops()[0].user_id), "analytics-100k", extras=False)
        svc.close()
        return
    app, svc, shop = demo_shop(400, 11)
    session = ShopSession(svc, shop)
    if "--analytics" in sys.argv:  # only the Analytics tab's shots
        analytics(app, session)
        svc.close()
        return
    if "--help-dialogs" in sys.argv:  # only Help ▸ Keyboard shortcuts, Help ▸ About and File ▸ Connect
        for scheme in ("light", "dark"):
            help_dialogs(app, open_window(app, session, scheme), scheme)
        svc.close()
        return
    if "--members-over-time" in sys.argv:  # only the lifecycle and milestone rules, and a milestone
        cafe = next(p for p in svc.get_loyalty_programs(shop) if p.program_type == "points")
        regular = svc.list_members_page(shop, program_id=cafe.id, sort="lifetime_points", descending=True,
                                        limit=1).rows[0]
        mark = (regular.lifetime_points // 1000 + 1) * 1000       # the next thousand: one sale reaches it
        svc.update_loyalty_program(shop, cafe.id, {"program_rules": {
            **cafe.program_rules, "lapse_after_days": 60, "expire_after_days": 365,
            "milestones": {"visits": [10, 50, 100], "lifetime_points": [mark]}, "referee_bonus_points": 50}})
        svc.record_purchase(shop, cafe.id, regular.id, str(mark // 2), "SHOT-MILESTONE")
        for scheme in ("light", "dark"):
            members_over_time(app, open_window(app, session, scheme), scheme, cafe.id, regular.id)
        svc.close()
        return
    if "--segments" in sys.argv:  # only the Members tab's segments and Email…
        for scheme in ("light", "dark"):
            segments(app, open_window(app, session, scheme), scheme)
        svc.close()
        return
    richest = svc.list_members_page(shop, sort="current_points", descending=True, limit=1).rows[0]
    if "--german" in sys.argv:  # the app in German (View ▸ Language ▸ Deutsch): de-*.png
        german(app, session, richest.id)
        svc.close()
        return
    if "--customer-display" in sys.argv:  # only View ▸ Customer display
        for scheme in ("light", "dark"):
            window = open_window(app, session, scheme)
            customer_display(app, window, scheme, climber(svc, shop))
            window.close()
        svc.close()
        return
    for amount, ref in (("42.50", "SHOT-1001"), ("18.00", "SHOT-1002")):
        svc.record_purchase(shop, richest.program_id, richest.id, amount, ref)
    svc.reverse_purchase(shop, richest.program_id, "SHOT-1001", "10.00")
    voucher_code = svc.get_redemptions(shop, limit=1)[0].reward_code_generated
    for scheme in SCHEMES:
        window = open_window(app, session, scheme)
        window.counter.open_member(richest.id)
        # Named in English whatever the language the tabs speak (the German guide's pictures too).
        for page, name in ((window.programs_tab, "programs"), (window.members_tab, "members"),
                           (window.rewards_tab, "rewards"), (window.analytics_page, "analytics"),
                           (window.audit_tab, "audit")):
            if page is None or window.tabs.indexOf(page) < 0:
                continue
            window.tabs.setCurrentWidget(page)
            settle(app, 60)
            if name == "analytics":
                tab = window.analytics_tab
                while tab.loading or tab.data is None:
                    app.processEvents()
            if name == "audit":   # read off the GUI thread: wait for its rows
                while window.audit_tab.loading or window.audit_tab.model.rowCount() == 0:
                    app.processEvents()
                settle(app, 20)
            shoot(app, window, f"tab-{name}", scheme)
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
        dialog.delivery.setCurrentIndex(dialog.delivery.findData("ship"))
        dialog.address.setText("214 Main Street, Springfield, IL 62701")
        shoot(app, dialog, "dialog-redeem-delivery", scheme)
        dialog.close()
        window.counter.handle_scan(voucher_code)
        shoot(app, window.counter, "counter-voucher-scan", scheme)
        window.counter.open_member(richest.id)
        document = window.counter.print_card()
        shoot(app, document, "dialog-card", scheme)
        document.close()
        first_run = FirstRunDialog(svc)
        first_run.name.setText("Corner Bakery")
        first_run.owner.setChecked(True)              # "Set an owner PIN now", taken
        first_run.owner_name.setText("Olive Grant")
        first_run.owner_pin.setText("2468")
        first_run.show()
        shoot(app, first_run, "dialog-first-run", scheme)
        first_run.close()
        window.open_settings()
        shoot(app, window.settings_dialog, "dialog-settings", scheme)
        settings_dialog = window.settings_dialog
        settings_dialog.phone_region.setText("F")        # half typed: said at once, and Save waits
        settings_dialog.return_amount.setText("12.345")
        shoot(app, settings_dialog, "dialog-settings-checking", scheme)
        settings_dialog.close()
        help_dialogs(app, window, scheme)
        customer_display(app, window, scheme, climber(svc, shop))
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
