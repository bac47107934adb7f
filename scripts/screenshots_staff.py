"""Render the staff screens, light and dark: the sign-in screen, a manager's approval, the Audit
tab and Settings ▸ Staff, on a small demo shop with an owner, a manager and a cashier.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_staff.py

Writes docs/screenshots/staff-{sign-in,approval,audit,settings}-{light,dark}.png.
"""
from __future__ import annotations

from screenshots import demo_shop, settle, shoot  # the same demo, settling and file naming as every screenshot

from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme

STAFF = (("Olive Grant", "owner", "1111"), ("Marc Dupont", "manager", "2222"), ("Ana Silva", "cashier", "3333"),
         ("Cleo Park", "cashier", "4444"))


def main() -> None:
    app, svc, shop = demo_shop(300, 5)
    ids: dict[str, int] = {}
    for name, role, pin in STAFF:
        ids[name] = svc.create_staff(shop, {"name": name, "role": role, "pin": pin}, actor=ids.get("Olive Grant")).id
    member = svc.list_members_page(shop, sort="current_points", descending=True, limit=1).rows[0]
    svc.add_points_transaction(shop, member.program_id, member.id, {"points_amount": 750, "description": "Party order"},
                               actor=ids["Ana Silva"], approver=ids["Marc Dupont"], approver_pin="2222")
    for scheme in ("light", "dark"):
        apply_scheme(app, scheme)
        session = ShopSession(svc, shop)
        window = MainWindow(session, run_jobs=False)
        window.resize(1440, 900)
        window.show()
        settle(app, 40)
        shoot(app, window, "staff-sign-in", scheme)
        session.set_person(svc.sign_in(shop, ids["Ana Silva"], "3333"))
        window.counter.open_member(member.id)
        settle(app, 20)
        dialog = window.counter.adjust()
        dialog.points.setValue(800)
        dialog.reason.setText("Wrong receipt scanned")
        dialog.submit()
        while getattr(dialog, "approval", None) is None:
            app.processEvents()
        dialog.approval.approver.setCurrentIndex(dialog.approval.approver.findText("Marc Dupont"))
        shoot(app, dialog.approval, "staff-approval", scheme)
        dialog.approval.reject()
        dialog.reject()
        session.set_person(svc.sign_in(shop, ids["Olive Grant"], "1111"))
        window.tabs.setCurrentWidget(window.audit_tab)
        settle(app, 20)
        while window.audit_tab.loading:
            app.processEvents()
        shoot(app, window, "staff-audit", scheme)
        window.open_staff()
        shoot(app, window.staff_dialog, "staff-settings", scheme)
        window.staff_dialog.close()
        window.close()
    svc.close()


if __name__ == "__main__":
    main()
