"""Render the staff screens, light and dark: the sign-in screen, a manager's approval over the
cashier's adjustment, the Audit tab with its flags, and Settings ▸ Staff, on a small demo shop
with an owner, a manager and two cashiers.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_staff.py

Writes docs/screenshots/staff-{sign-in,approval,approval-over-adjust,audit,settings}-{light,dark}.png.
"""
from __future__ import annotations

from typing import Any

from screenshots import OUT, SCHEMES, demo_shop, settle, shoot  # the same demo, settling and naming as every shot

from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from loyalty_desk.errors import PermissionDenied
from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme

STAFF = (("Olive Grant", "owner", "1111"), ("Marc Dupont", "manager", "2222"), ("Ana Silva", "cashier", "3333"),
         ("Cleo Park", "cashier", "4444"))


def raise_flags(svc: LoyaltyService, shop: str, member: Any, ids: dict[str, int]) -> None:
    """What the owner's flags are for: Ana's hand-typed points over the daily cap, a redemption
    right after her own credit, six sales on one card in minutes, and Cleo locked out by wrong PINs."""
    ana, approval = ids["Ana Silva"], {"approver": ids["Marc Dupont"], "approver_pin": "2222"}
    for points in (450, 450, 450):
        svc.add_points_transaction(shop, member.program_id, member.id,
                                   {"points_amount": points, "description": "Goodwill"}, actor=ana, **approval)
    reward = min((r for r in svc.get_loyalty_rewards(shop, member.program_id) if r.active),
                 key=lambda r: r.points_cost)
    svc.create_redemption(shop, member.program_id, member.id, reward.id, actor=ana)
    for number in range(6):
        svc.record_purchase(shop, member.program_id, member.id, "4.50", f"TILL-{number + 1:03d}", actor=ana)
    for _ in range(5):
        try:
            svc.sign_in(shop, ids["Cleo Park"], "0000")
        except PermissionDenied:
            pass


def shoot_stacked(app: QApplication, widgets: list[QWidget], name: str, scheme: str) -> None:
    """The window with its dialogs over it, each centred on the one below, as a person sees them
    (offscreen, every dialog is a window of its own)."""
    settle(app)
    base = widgets[0].grab()
    canvas = QPixmap(base.size())
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, base)
    painter.fillRect(canvas.rect(), QColor(0, 0, 0, 70))          # the window behind a modal dialog, dimmed
    x, y = None, canvas.height() // 4
    for widget in widgets[1:]:
        shot = widget.grab()
        # Each dialog a little lower and to the right of the one it opened from, so both read.
        x = (canvas.width() - shot.width()) // 2 if x is None else x + 60
        painter.drawPixmap(x, y, shot)
        painter.setPen(QColor(120, 120, 120))
        painter.drawRect(x - 1, y - 1, shot.width() + 1, shot.height() + 1)
        y += shot.height() - 40
    painter.end()
    path = OUT / f"{name}-{scheme}.png"
    canvas.save(str(path))
    print(path)


def main() -> None:
    app, svc, shop = demo_shop(300, 5)
    ids: dict[str, int] = {}
    for name, role, pin in STAFF:
        ids[name] = svc.create_staff(shop, {"name": name, "role": role, "pin": pin}, actor=ids.get("Olive Grant")).id
    member = svc.list_members_page(shop, sort="current_points", descending=True, limit=1).rows[0]
    svc.add_points_transaction(shop, member.program_id, member.id, {"points_amount": 750, "description": "Party order"},
                               actor=ids["Ana Silva"], approver=ids["Marc Dupont"], approver_pin="2222")
    raise_flags(svc, shop, member, ids)
    for scheme in SCHEMES:
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
        shoot_stacked(app, [window, dialog, dialog.approval], "staff-approval-over-adjust", scheme)
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
