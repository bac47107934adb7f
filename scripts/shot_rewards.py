"""Render the Rewards tab, light and dark, with a small shop in a throwaway database.

    QT_QPA_PLATFORM=offscreen python scripts/shot_rewards.py [OUT_DIR]

Writes rewards_light.png and rewards_dark.png (and the editor, reward_editor_*.png,
reward_editor_picture_*.png and reward_editor_errors_*.png)
to OUT_DIR (default /tmp). Nothing touches the user's real data dir.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp(prefix="shot-rewards-"))
os.environ["XDG_DATA_HOME"] = str(WORK / "data")      # reward pictures are copied here
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QApplication

from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.rewards.rewards_tab import RewardsTab
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme
from loyalty_desk.views.widgets.images import copy_image

SHOP = "corner-shop"


def cup_picture(path: Path) -> Path:
    """A small drawn coffee cup, standing in for a product photo."""
    image = QImage(160, 160, QImage.Format.Format_ARGB32)
    image.fill(QColor(246, 236, 220))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(120, 72, 40))
    cup = QPainterPath()
    cup.moveTo(40, 60)
    cup.lineTo(112, 60)
    cup.lineTo(104, 124)
    cup.quadTo(76, 134, 48, 124)
    cup.closeSubpath()
    p.drawPath(cup)
    p.setBrush(Qt.BrushStyle.NoBrush)
    pen = p.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    pen.setColor(QColor(120, 72, 40))
    pen.setWidth(9)
    p.setPen(pen)
    p.drawArc(QRectF(98, 72, 34, 34), -90 * 16, 180 * 16)
    pen.setColor(QColor(190, 170, 150))
    pen.setWidth(4)
    p.setPen(pen)
    for x in (58, 76, 94):
        p.drawLine(QPointF(x, 30), QPointF(x - 4, 50))
    p.end()
    image.save(str(path))
    return path


def build_shop(svc: LoyaltyService) -> None:
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
    coffee = svc.create_loyalty_program(SHOP, {"program_name": "Coffee Club", "program_type": "hybrid",
                                               "points_per_dollar": "10"})
    svc.create_loyalty_program(SHOP, {"program_name": "Book Nook", "program_type": "points",
                                      "points_per_dollar": "1"})
    tiers = [svc.create_loyalty_tier(SHOP, coffee.id, {
        "tier_name": name, "tier_level": level, "min_points_required": lo, "max_points_required": hi,
        "points_multiplier": mult}) for name, level, lo, hi, mult in
        (("Bronze", 1, 0, 999, "1"), ("Silver", 2, 1000, 4999, "1.25"), ("Gold", 3, 5000, None, "1.5"))]
    today = dt.date.today()
    picture = copy_image(cup_picture(WORK / "cup.png"))
    rewards = [
        svc.create_loyalty_reward(SHOP, coffee.id, {
            "reward_name": "Free coffee of your choice", "reward_type": "free_product", "points_cost": 150,
            "description": "Any size, any milk.", "reward_image_url": str(picture),
            "reward_terms": {"max_per_member": 5}}),
        svc.create_loyalty_reward(SHOP, coffee.id, {
            "reward_name": "10% off beans", "reward_type": "discount", "points_cost": 300}),
        svc.create_loyalty_reward(SHOP, coffee.id, {
            "reward_name": "Canvas tote bag", "reward_type": "free_product", "points_cost": 800,
            "quantity_available": 25}),
        svc.create_loyalty_reward(SHOP, coffee.id, {
            "reward_name": "Free shipping on subscriptions", "reward_type": "free_shipping", "points_cost": 500,
            "end_date": today + dt.timedelta(days=60)}),
        svc.create_loyalty_reward(SHOP, coffee.id, {
            "reward_name": "Cupping evening with the roaster", "reward_type": "exclusive_access",
            "points_cost": 2500, "quantity_available": 12, "tier_exclusive_id": tiers[1].id,
            "start_date": today - dt.timedelta(days=10), "end_date": today + dt.timedelta(days=80)}),
        svc.create_loyalty_reward(SHOP, coffee.id, {
            "reward_name": "Limited-edition espresso cup", "reward_type": "free_product", "points_cost": 1200,
            "quantity_available": 2}),
        svc.create_loyalty_reward(SHOP, coffee.id, {
            "reward_name": "Summer cold brew voucher", "reward_type": "discount", "points_cost": 200,
            "active": False}),
    ]
    people = ["Ada Lovelace", "Grace Hopper", "Katherine Johnson", "Alan Turing", "Edsger Dijkstra",
              "Barbara Liskov", "Margaret Hamilton", "Donald Knuth"]
    members = []
    for n, name in enumerate(people):
        member = svc.enroll_loyalty_member(SHOP, coffee.id, {"customer_name": name,
                                                             "email": f"member{n}@example.com"})
        svc.record_purchase(SHOP, coffee.id, member.id, "600.00", f"SHOT-{n}")
        members.append(member)
    plan = [
        (0, 0, []), (1, 2, ["approved"]), (2, 4, ["approved", "shipped"]), (3, 2, ["approved", "shipped", "delivered"]),
        (4, 0, ["redeemed"]), (5, 5, ["cancelled"]), (6, 1, []), (7, 2, ["approved"]), (0, 5, []),
        (1, 0, ["redeemed"]),
    ]
    for member_index, reward_index, moves in plan:
        redemption = svc.create_redemption(SHOP, coffee.id, members[member_index].id, rewards[reward_index].id)
        for status in moves:
            tracking = f"1Z 999 AA1 01 2345 67{member_index}" if status == "shipped" else None
            svc.update_redemption_status(SHOP, redemption.id, status, tracking_number=tracking)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    svc = LoyaltyService(f"sqlite:///{WORK / 'shot.db'}")
    try:
        build_shop(svc)
        for scheme in ("light", "dark"):
            apply_scheme(app, scheme)
            tab = RewardsTab(ShopSession(svc, SHOP))
            tab.resize(1200, 750)
            tab.show()
            tab.queue.select_row(1)
            tab.table.selectRow(0)
            app.processEvents()
            tab.grab().save(str(out / f"rewards_{scheme}.png"))
            roaster = next(r for r in map(tab.model.reward, range(tab.model.rowCount())) if 'roaster' in r.reward_name)
            editor = tab.open_editor(roaster)
            assert editor is not None
            app.processEvents()
            editor.grab().save(str(out / f"reward_editor_{scheme}.png"))
            editor.reject()
            coffee = next(r for r in map(tab.model.reward, range(tab.model.rowCount())) if r.reward_image_url)
            editor = tab.open_editor(coffee)
            assert editor is not None
            app.processEvents()
            editor.grab().save(str(out / f"reward_editor_picture_{scheme}.png"))
            editor.reject()
            editor = tab.open_editor(None)            # a new one, saved with mistakes: errors in place
            assert editor is not None
            editor.name.setText("")
            editor.cost.setValue(0)
            editor.start.set_value(dt.date.today())
            editor.end.set_value(dt.date.today() - dt.timedelta(days=1))
            editor.save()
            app.processEvents()
            editor.grab().save(str(out / f"reward_editor_errors_{scheme}.png"))
            editor.reject()
            tab.close()
            tab.deleteLater()
            app.processEvents()
            print(out / f"rewards_{scheme}.png", out / f"reward_editor_{scheme}.png")
    finally:
        svc.close()
        shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
