"""The Rewards tab, driven through its widgets: the catalog and its editor, and the fulfillment queue.

Each test checks the database afterwards through the service, and refusals are
checked to write nothing at all (every table compared before and after).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton, QSplitter, QToolButton

from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.rewards import redemptions_queue
from loyalty_desk.views.rewards.redemptions_queue import RedemptionsModel
from loyalty_desk.views.rewards.reward_editor import RewardEditor
from loyalty_desk.views.rewards.rewards_tab import RewardsModel, RewardsTab
from loyalty_desk.views.shell.changes import Changes
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.widgets import forms
from loyalty_desk.views.widgets.images import ImagePicker, images_dir, placeholder, thumbnail

from ..support import SHOP, database_state, enroll, make_program, make_tiers, shown

pytestmark = pytest.mark.gui


# --- helpers -------------------------------------------------------------------------


def png(path: Path, color: str = "#c0392b", size: int = 24) -> Path:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def reward(svc: LoyaltyService, program_id: int, name: str = "Tote bag", **fields: Any) -> Any:
    data = {"reward_name": name, "reward_type": "free_product", "points_cost": 100}
    data.update(fields)
    return svc.create_loyalty_reward(SHOP, program_id, data)


def rich_member(svc: LoyaltyService, program_id: int, name: str = "Ada Lovelace", amount: str = "1000.00") -> Any:
    member = enroll(svc, program_id, name)
    svc.record_purchase(SHOP, program_id, member.id, amount, f"ORDER-{member.id}")
    return svc.get_loyalty_member(SHOP, member.id)


def make_tab(qtbot: Any, session: ShopSession) -> RewardsTab:
    return shown(qtbot, RewardsTab(session), (1200, 750), activate=True)


def editor_of(tab: RewardsTab) -> RewardEditor:
    assert tab.editor is not None and tab.editor.isVisible()
    return tab.editor


def select_redemption(tab: RewardsTab, redemption_id: int) -> None:
    row = tab.queue.model.row_of(redemption_id)
    assert row >= 0, "the redemption is not in the queue"
    tab.queue.select_row(row)


def enabled_actions(tab: RewardsTab) -> set[str]:
    names = {"approveRedemptionButton": "approve", "shipRedemptionButton": "ship",
             "deliverRedemptionButton": "deliver", "markRedeemedButton": "redeem",
             "cancelRedemptionButton": "cancel"}
    return {short for name, short in names.items() if tab.queue.buttons[name].isEnabled()}


def status_of(svc: LoyaltyService, redemption_id: int) -> Any:
    return next(r for r in svc.get_redemptions(SHOP) if r.id == redemption_id)


@pytest.fixture
def program(gui_svc: LoyaltyService) -> Any:
    return make_program(gui_svc, program_name="Coffee Club")


@pytest.fixture
def tiers(gui_svc: LoyaltyService, program: Any) -> list[Any]:
    return make_tiers(gui_svc, program.id)


# --- the catalog and the editor -----------------------------------------------------


def test_create_a_reward_with_every_field_and_a_picture(qtbot, session, gui_svc, program, tiers, tmp_path,
                                                        monkeypatch) -> None:
    source = png(tmp_path / "coffee.png")
    monkeypatch.setattr(ImagePicker, "ask", lambda parent: str(source))
    tab = make_tab(qtbot, session)
    assert tab.objectName() == "rewardsTab"
    assert tab.model.rowCount() == 0 and tab.catalog_hint.isVisible()

    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    editor = editor_of(tab)
    assert editor.isModal()
    qtbot.keyClicks(editor.name, "Free coffee")
    qtbot.keyClicks(editor.description, "Any size, any milk.")
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("free_product"))
    editor.cost.lineEdit().selectAll()
    qtbot.keyClicks(editor.cost.lineEdit(), "150")
    editor.quantity.setValue(40)
    editor.max_per_member.setValue(2)
    editor.tier.setCurrentIndex(editor.tier.findData(tiers[1].id))
    editor.start.check.setChecked(True)
    editor.start.edit.setDate(QDate(2026, 3, 1))
    editor.end.check.setChecked(True)
    editor.end.edit.setDate(QDate(2026, 6, 30))
    qtbot.keyClicks(editor.code, "COFFEE-FREE")
    qtbot.mouseClick(editor.image_button, Qt.MouseButton.LeftButton)
    assert editor.preview.toolTip() == str(source)
    assert not images_dir().exists() or not any(images_dir().iterdir())   # copied on save only

    with qtbot.waitSignal(session.changed, timeout=1000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()

    [saved] = gui_svc.get_loyalty_rewards(SHOP, program.id)
    assert (saved.reward_name, saved.description, saved.reward_type, saved.points_cost) == \
        ("Free coffee", "Any size, any milk.", "free_product", 150)
    assert (saved.quantity_available, saved.quantity_remaining) == (40, 40)
    assert saved.tier_exclusive_id == tiers[1].id
    assert saved.reward_terms == {"max_per_member": 2}
    assert (saved.start_date, saved.end_date) == (dt.date(2026, 3, 1), dt.date(2026, 6, 30))
    assert saved.reward_code == "COFFEE-FREE" and saved.active is True

    # The picture is a copy inside the data dir (the fixture points XDG_DATA_HOME at tmp_path/data).
    stored = Path(saved.reward_image_url)
    assert stored.parent == tmp_path / "data" / "loyalty-desk" / "reward-images"
    assert stored != source and stored.suffix == ".png"
    assert stored.read_bytes() == source.read_bytes()
    source.unlink()                                   # the original may go: the catalog keeps its copy

    assert tab.model.rowCount() == 1
    row = tab.model.reward(0)
    assert row.id == saved.id
    assert tab.selected_reward().id == saved.id
    index = tab.model.index(0, RewardsModel.IMAGE)
    decoration = tab.model.data(index, Qt.ItemDataRole.DecorationRole)
    assert decoration.cacheKey() != placeholder(40).cacheKey()
    assert decoration.toImage().pixelColor(20, 20) == QColor("#c0392b")
    texts = [tab.model.data(tab.model.index(0, c)) for c in range(tab.model.columnCount())]
    assert texts[1:5] == ["Free coffee", "Free product", "150 pts", "40 of 40"]
    assert texts[6:] == ["Silver", "Active"]
    assert "–" in texts[5]
    assert not tab.catalog_hint.isVisible()


def test_invalid_input_is_shown_next_to_each_field_and_writes_nothing(qtbot, session, gui_svc, program,
                                                                      tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(ImagePicker, "ask", lambda parent: str(png(tmp_path / "pic.png")))
    tab = make_tab(qtbot, session)
    before = database_state(gui_svc)
    changed: list[bool] = []
    session.changed.connect(lambda: changed.append(True))

    tab.open_editor(None)
    editor = editor_of(tab)
    qtbot.mouseClick(editor.image_button, Qt.MouseButton.LeftButton)
    editor.cost.setValue(0)
    editor.start.set_value(dt.date(2026, 4, 10))
    editor.end.set_value(dt.date(2026, 4, 1))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.isVisible()
    assert editor.errors.message("reward_name") == "Enter the reward name"
    assert editor.errors.message("points_cost") == "The points cost must be at least 1"
    assert editor.errors.message("end_date") == "The reward ends before it starts"
    assert editor.errors.labels["reward_name"].isVisibleTo(editor)
    assert editor.focusWidget() is editor.name             # the first mistake has the focus
    assert database_state(gui_svc) == before and not changed
    assert not images_dir().exists() or not list(images_dir().iterdir())

    # Fixing them clears the messages; a refusal only the service sees is shown in place too,
    # and the picture copied for it is removed again.
    qtbot.keyClicks(editor.name, "Gift card")
    editor.cost.setValue(50)
    editor.end.set_value(None)
    editor.description.setPlainText("x" * 2001)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.errors.message("reward_name") == ""
    assert editor.errors.message("points_cost") == ""
    assert "longer than 2000" in editor.errors.message("description")
    assert database_state(gui_svc) == before and not changed
    assert not list(images_dir().iterdir())

    # The editor stays usable: with the description fixed, it saves.
    editor.description.setPlainText("A card for a friend")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and changed == [True]
    [saved] = gui_svc.get_loyalty_rewards(SHOP, program.id)
    assert saved.reward_name == "Gift card" and saved.end_date is None and saved.start_date == dt.date(2026, 4, 10)
    assert len(list(images_dir().iterdir())) == 1


def test_a_file_that_is_not_a_picture_is_refused_next_to_the_picker(qtbot, session, program, tmp_path,
                                                                    monkeypatch) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    monkeypatch.setattr(ImagePicker, "ask", lambda parent: str(text))
    tab = make_tab(qtbot, session)
    tab.open_editor(None)
    editor = editor_of(tab)
    qtbot.mouseClick(editor.image_button, Qt.MouseButton.LeftButton)
    assert "not a picture" in editor.errors.message("reward_image_url")
    assert editor.preview.toolTip() == "No picture"
    monkeypatch.setattr(ImagePicker, "ask", lambda parent: None)        # the owner closes the file dialog
    qtbot.mouseClick(editor.image_button, Qt.MouseButton.LeftButton)
    assert editor.preview.toolTip() == "No picture"


def test_edit_stock_from_the_keyboard(qtbot, session, gui_svc, program) -> None:
    tote = reward(gui_svc, program.id, quantity_available=5, points_cost=100)
    for name in ("Ada Lovelace", "Grace Hopper"):
        member = rich_member(gui_svc, program.id, name)
        gui_svc.create_redemption(SHOP, program.id, member.id, tote.id)
    tab = make_tab(qtbot, session)
    assert tab.model.data(tab.model.index(0, RewardsModel.STOCK)) == "3 of 5"

    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)                   # Enter opens the selected reward
    editor = editor_of(tab)
    assert editor.reward.id == tote.id and editor.quantity.value() == 5
    assert editor.stock_note.text() == "3 left, 2 redeemed"

    # Below what is already redeemed: refused next to the stock field, nothing written.
    before = database_state(gui_svc)
    editor.quantity.setValue(1)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "2 units are already redeemed" in editor.errors.message("quantity_available")
    assert database_state(gui_svc) == before

    editor.quantity.setValue(10)
    with qtbot.waitSignal(session.changed, timeout=1000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [saved] = gui_svc.get_loyalty_rewards(SHOP, program.id)
    assert (saved.quantity_available, saved.quantity_remaining) == (10, 8)
    assert tab.model.data(tab.model.index(0, RewardsModel.STOCK)) == "8 of 10"

    # Unlimited, then deactivated; an edit sends only what changed.
    tab.edit_selected()
    editor = editor_of(tab)
    qtbot.mouseClick(editor.unlimited, Qt.MouseButton.LeftButton)
    assert not editor.quantity.isEnabled()
    editor.active.setChecked(False)
    assert editor.changes() == {"quantity_available": None, "active": False}
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [saved] = gui_svc.get_loyalty_rewards(SHOP, program.id)
    assert (saved.quantity_available, saved.quantity_remaining, saved.active) == (None, None, False)
    assert tab.model.data(tab.model.index(0, RewardsModel.STOCK)) == "Unlimited"
    assert tab.model.data(tab.model.index(0, RewardsModel.ACTIVE)) == "Inactive"

    # Saving with no change writes nothing and does not announce a change.
    tab.edit_selected()
    editor = editor_of(tab)
    before = database_state(gui_svc)
    with qtbot.assertNotEmitted(session.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and database_state(gui_svc) == before


def test_replacing_and_removing_a_picture(qtbot, session, gui_svc, program, tmp_path, monkeypatch) -> None:
    first, second = png(tmp_path / "a.png", "#2ecc71"), png(tmp_path / "b.jpg", "#3498db")
    tab = make_tab(qtbot, session)
    monkeypatch.setattr(ImagePicker, "ask", lambda parent: str(first))
    tab.open_editor(None)
    editor = editor_of(tab)
    qtbot.keyClicks(editor.name, "Mug")
    qtbot.mouseClick(editor.image_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    old = Path(gui_svc.get_loyalty_rewards(SHOP, program.id)[0].reward_image_url)
    assert old.exists()

    monkeypatch.setattr(ImagePicker, "ask", lambda parent: str(second))
    tab.edit_selected()
    editor = editor_of(tab)
    qtbot.mouseClick(editor.image_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    new = Path(gui_svc.get_loyalty_rewards(SHOP, program.id)[0].reward_image_url)
    assert new != old and new.suffix == ".jpg" and new.exists()
    assert not old.exists()                           # the app's previous copy is not left behind

    tab.edit_selected()
    editor = editor_of(tab)
    qtbot.mouseClick(editor.remove_image_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert gui_svc.get_loyalty_rewards(SHOP, program.id)[0].reward_image_url is None
    decoration = tab.model.data(tab.model.index(0, RewardsModel.IMAGE), Qt.ItemDataRole.DecorationRole)
    assert decoration.cacheKey() == placeholder(40).cacheKey()


def test_a_missing_picture_file_shows_the_placeholder(qtbot, session, gui_svc, program, tmp_path) -> None:
    reward(gui_svc, program.id, reward_image_url=str(tmp_path / "gone.png"))
    tab = make_tab(qtbot, session)
    assert thumbnail(str(tmp_path / "gone.png"), 40) is None
    decoration = tab.model.data(tab.model.index(0, RewardsModel.IMAGE), Qt.ItemDataRole.DecorationRole)
    assert decoration.cacheKey() == placeholder(40).cacheKey()


# --- the fulfillment queue -------------------------------------------------------------


@pytest.fixture
def shop(gui_svc: LoyaltyService, program: Any) -> dict[str, Any]:
    """A member with 1,000 points, a limited and an unlimited reward, and one pending redemption."""
    member = rich_member(gui_svc, program.id)
    tote = reward(gui_svc, program.id, "Tote bag", points_cost=300, quantity_available=5)
    coffee = reward(gui_svc, program.id, "Free coffee", points_cost=100)
    redemption = gui_svc.create_redemption(SHOP, program.id, member.id, tote.id)
    return {"member": member, "tote": tote, "coffee": coffee, "redemption": redemption}


def idle(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    """Status changes run in a worker: wait for the answer."""
    qtbot.waitUntil(lambda: not tab.queue.busy)
    qtbot.wait(20)  # the queue's reload after the write


def test_approve_ship_with_tracking_and_deliver(qtbot, session, gui_svc, shop, monkeypatch) -> None:
    tab = make_tab(qtbot, session)
    rid = shop["redemption"].id
    select_redemption(tab, rid)
    assert enabled_actions(tab) == {"approve", "redeem", "cancel"}

    with qtbot.waitSignal(session.changed, timeout=1000):
        qtbot.mouseClick(tab.queue.approve_button, Qt.MouseButton.LeftButton)
    assert status_of(gui_svc, rid).fulfillment_status == "approved"
    assert tab.queue.selected().id == rid                        # still selected after the refresh
    assert enabled_actions(tab) == {"ship", "redeem", "cancel"}
    assert tab.queue.message.text().startswith("Approved")

    # Shipping asks for the tracking number; closing that question ships nothing.
    monkeypatch.setattr(redemptions_queue.TrackingNumber, "ask", lambda parent: None)
    before = database_state(gui_svc)
    qtbot.mouseClick(tab.queue.ship_button, Qt.MouseButton.LeftButton)
    assert database_state(gui_svc) == before

    monkeypatch.setattr(redemptions_queue.TrackingNumber, "ask", lambda parent: "  1Z999AA10123456784 ")
    qtbot.mouseClick(tab.queue.ship_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tab)
    shipped = status_of(gui_svc, rid)
    assert (shipped.fulfillment_status, shipped.tracking_number) == ("shipped", "1Z999AA10123456784")
    assert enabled_actions(tab) == {"deliver"}
    row = tab.queue.model.row_of(rid)
    assert tab.queue.model.data(tab.queue.model.index(row, RedemptionsModel.TRACKING)) == "1Z999AA10123456784"
    assert tab.queue.model.data(tab.queue.model.index(row, RedemptionsModel.STATUS)) == "Shipped"

    qtbot.mouseClick(tab.queue.deliver_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tab)
    delivered = status_of(gui_svc, rid)
    assert delivered.fulfillment_status == "delivered" and delivered.fulfillment_date is not None
    assert enabled_actions(tab) == set()                         # final: nothing more to do


def test_mark_redeemed_at_the_counter(qtbot, session, gui_svc, shop) -> None:
    tab = make_tab(qtbot, session)
    rid = shop["redemption"].id
    select_redemption(tab, rid)
    tab.queue.redeem_button.setFocus()
    qtbot.keyClick(tab.queue.redeem_button, Qt.Key.Key_Space)      # keyboard only
    idle(qtbot, tab)
    assert status_of(gui_svc, rid).fulfillment_status == "redeemed"
    assert enabled_actions(tab) == set()


def test_cancel_asks_first_then_refunds_and_restocks(qtbot, session, gui_svc, program, shop, monkeypatch) -> None:
    tab = make_tab(qtbot, session)
    rid, member, tote = shop["redemption"].id, shop["member"], shop["tote"]
    assert gui_svc.get_loyalty_member(SHOP, member.id).current_points == 700
    assert tab.model.data(tab.model.index(tab.model.row_of(tote.id), RewardsModel.STOCK)) == "4 of 5"
    select_redemption(tab, rid)

    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(forms.Confirm, "ask", lambda parent, title, text: asked.append((title, text)) or False)
    before = database_state(gui_svc)
    with qtbot.assertNotEmitted(session.changed):
        qtbot.mouseClick(tab.queue.cancel_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "300 points go back" in asked[0][1]
    assert database_state(gui_svc) == before                     # declined: nothing changes
    assert status_of(gui_svc, rid).fulfillment_status == "pending"

    monkeypatch.setattr(forms.Confirm, "ask", lambda parent, title, text: True)
    with qtbot.waitSignal(session.changed, timeout=1000):
        qtbot.mouseClick(tab.queue.cancel_button, Qt.MouseButton.LeftButton)
    assert status_of(gui_svc, rid).fulfillment_status == "cancelled"
    assert gui_svc.get_loyalty_member(SHOP, member.id).current_points == 1000          # refunded
    [restocked] = [r for r in gui_svc.get_loyalty_rewards(SHOP, program.id) if r.id == tote.id]
    assert restocked.quantity_remaining == 5                                          # restocked
    assert tab.model.data(tab.model.index(tab.model.row_of(tote.id), RewardsModel.STOCK)) == "5 of 5"
    assert "points went back" in tab.queue.message.text()
    assert enabled_actions(tab) == set()


def test_buttons_follow_the_workflow_and_a_stale_row_is_refused_in_plain_words(qtbot, session, gui_svc, program,
                                                                                shop) -> None:
    member, coffee = shop["member"], shop["coffee"]
    ids = {}
    for status in ("approved", "shipped", "delivered", "redeemed", "cancelled"):
        redemption = gui_svc.create_redemption(SHOP, program.id, member.id, coffee.id)
        path = {"approved": ["approved"], "shipped": ["approved", "shipped"],
                "delivered": ["approved", "shipped", "delivered"], "redeemed": ["redeemed"],
                "cancelled": ["cancelled"]}[status]
        for step in path:
            gui_svc.update_redemption_status(SHOP, redemption.id, step,
                                             tracking_number="T1" if step == "shipped" else None)
        ids[status] = redemption.id
    ids["pending"] = shop["redemption"].id
    tab = make_tab(qtbot, session)
    expected = {"pending": {"approve", "redeem", "cancel"}, "approved": {"ship", "redeem", "cancel"},
                "shipped": {"deliver"}, "delivered": set(), "redeemed": set(), "cancelled": set()}
    for status, rid in ids.items():
        select_redemption(tab, rid)
        assert enabled_actions(tab) == expected[status], status
    tab.queue.table.clearSelection()
    assert enabled_actions(tab) == set()

    # Another register approved it meanwhile (no refresh here): the service refuses, the queue says why.
    select_redemption(tab, ids["pending"])
    gui_svc.update_redemption_status(SHOP, ids["pending"], "redeemed")
    before = database_state(gui_svc)
    with qtbot.assertNotEmitted(session.changed):
        qtbot.mouseClick(tab.queue.approve_button, Qt.MouseButton.LeftButton)
        idle(qtbot, tab)
    assert "cannot become approved" in tab.queue.message.text()
    assert tab.queue.message.isVisible() and tab.queue.message.accessibleName() == "error"
    assert database_state(gui_svc) == before
    # The queue now shows the row as it really is, and offers nothing more for it.
    row = tab.queue.model.row_of(ids["pending"])
    assert tab.queue.model.data(tab.queue.model.index(row, RedemptionsModel.STATUS)) == "Redeemed"
    assert tab.queue.selected().id == ids["pending"] and enabled_actions(tab) == set()


def test_status_filter_and_show_queue(qtbot, session, gui_svc, program, shop) -> None:
    member, coffee = shop["member"], shop["coffee"]
    approved = gui_svc.create_redemption(SHOP, program.id, member.id, coffee.id)
    gui_svc.update_redemption_status(SHOP, approved.id, "approved")
    shipped = gui_svc.create_redemption(SHOP, program.id, member.id, coffee.id)
    gui_svc.update_redemption_status(SHOP, shipped.id, "approved")
    gui_svc.update_redemption_status(SHOP, shipped.id, "shipped", tracking_number="T-1")
    tab = make_tab(qtbot, session)
    queue = tab.queue

    def shown() -> set[int]:
        return {queue.model.redemption(r).id for r in range(queue.model.rowCount())}

    assert shown() == {shop["redemption"].id, approved.id, shipped.id}
    assert queue.status_filter.itemText(0) == "All statuses"
    assert [queue.status_filter.itemData(i) for i in range(queue.status_filter.count())] == \
        [None, "pending", "approved", "shipped", "delivered", "redeemed", "cancelled"]

    queue.status_filter.setFocus()
    queue.status_filter.setCurrentIndex(queue.status_filter.findData("approved"))
    assert shown() == {approved.id}
    assert queue.count_label.text() == "1 approved redemption"

    tab.show_queue("shipped")
    assert queue.status() == "shipped" and shown() == {shipped.id}
    assert queue.table.hasFocus() and queue.selected().id == shipped.id
    assert enabled_actions(tab) == {"deliver"}

    tab.show_queue("delivered")
    assert shown() == set() and enabled_actions(tab) == set()

    # An approval under the "pending" filter: the row leaves the list, and the next one is selected.
    second = gui_svc.create_redemption(SHOP, program.id, member.id, coffee.id)
    tab.show_queue("pending")
    assert shown() == {shop["redemption"].id, second.id}
    select_redemption(tab, second.id)
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tab)
    assert shown() == {shop["redemption"].id}
    assert queue.selected().id == shop["redemption"].id

    tab.show_queue()
    assert queue.status() is None and len(shown()) == 4


def test_the_queue_shows_how_each_reward_reaches_the_member(qtbot, session, gui_svc, program, shop,
                                                          monkeypatch) -> None:
    member, coffee = shop["member"], shop["coffee"]
    posted = gui_svc.create_redemption(SHOP, program.id, member.id, coffee.id, delivery_method="ship",
                                       shipping_address="1 Main St")
    collected = gui_svc.create_redemption(SHOP, program.id, member.id, coffee.id, delivery_method="pickup")
    tab = make_tab(qtbot, session)
    model = tab.queue.model

    def delivery(redemption_id: int) -> str:
        return model.data(model.index(model.row_of(redemption_id), RedemptionsModel.DELIVERY))

    assert delivery(posted.id) == "Posted to an address: 1 Main St"
    assert delivery(collected.id) == "Collected at the shop"
    assert delivery(shop["redemption"].id) == ""                    # not said
    assert model.headerData(RedemptionsModel.DELIVERY, Qt.Orientation.Horizontal) == "Delivery"

    asked = []
    monkeypatch.setattr(redemptions_queue.DeliveryChoice, "ask",
                        lambda parent, method, address: asked.append((method, address)) or ("ship", "2 High St"))
    select_redemption(tab, collected.id)
    button = tab.queue.buttons["deliveryRedemptionButton"]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    idle(qtbot, tab)
    assert asked == [("pickup", None)]                              # the dialog starts from what is stored
    changed = status_of(gui_svc, collected.id)
    assert (changed.delivery_method, changed.shipping_address) == ("ship", "2 High St")
    qtbot.waitUntil(lambda: delivery(collected.id) == "Posted to an address: 2 High St")
    gui_svc.update_redemption_status(SHOP, posted.id, "approved")
    gui_svc.update_redemption_status(SHOP, posted.id, "shipped", tracking_number="1Z")
    tab.queue.reload()
    select_redemption(tab, posted.id)
    assert not button.isEnabled()                                   # gone out: its delivery stays


def test_the_queue_is_brought_forward_when_collapsed(qtbot, session, shop) -> None:
    tab = make_tab(qtbot, session)
    total = sum(tab.splitter.sizes())
    tab.splitter.setSizes([total, 0])
    tab.show_queue("pending")
    assert tab.splitter.sizes()[1] >= total // 3
    assert tab.queue.table.hasFocus()


# --- refreshing, programs, and the models -------------------------------------------------


def test_refresh_on_session_changed_without_loops(qtbot, session, gui_svc, program) -> None:
    tab = make_tab(qtbot, session)
    assert tab.model.rowCount() == 0
    reward(gui_svc, program.id, "Made elsewhere")
    session.notify(Changes.everything())                            # another view wrote something
    assert tab.model.rowCount() == 1

    loads: list[int] = []
    original = gui_svc.get_loyalty_rewards
    gui_svc.get_loyalty_rewards = lambda *a, **k: (loads.append(1), original(*a, **k))[1]  # type: ignore[method-assign]
    emitted: list[bool] = []
    session.changed.connect(lambda: emitted.append(True))
    tab.open_editor(tab.model.reward(0))
    editor = editor_of(tab)
    editor.cost.setValue(120)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert emitted == [True] and len(loads) == 1      # one announcement, one reload

    # Hidden, the tab only notes that it is stale, and reloads when it is shown again.
    tab.hide()
    reward(gui_svc, program.id, "While hidden")
    session.notify(Changes.everything())
    assert tab.model.rowCount() == 1
    tab.show()
    assert tab.model.rowCount() == 2


def test_program_selector_when_the_shop_has_several(qtbot, session, gui_svc, program) -> None:
    reward(gui_svc, program.id, "Coffee reward")
    tab = make_tab(qtbot, session)
    assert not tab.program_combo.isVisible()
    assert tab.queue.table.isColumnHidden(RedemptionsModel.PROGRAM)

    books = make_program(gui_svc, program_name="Book Nook")
    reward(gui_svc, books.id, "Book reward")
    session.notify(Changes.everything())
    assert tab.program_combo.isVisible() and tab.program_combo.count() == 2
    assert not tab.queue.table.isColumnHidden(RedemptionsModel.PROGRAM)
    assert tab.program_id == program.id
    assert [tab.model.reward(r).reward_name for r in range(tab.model.rowCount())] == ["Coffee reward"]

    tab.program_combo.setCurrentIndex(tab.program_combo.findData(books.id))
    assert [tab.model.reward(r).reward_name for r in range(tab.model.rowCount())] == ["Book reward"]
    tab.open_editor(None)
    assert editor_of(tab).program_id == books.id
    editor_of(tab).reject()
    session.notify(Changes.everything())
    assert tab.program_id == books.id                 # the choice survives a refresh


def test_no_program_yet(qtbot, session) -> None:
    tab = make_tab(qtbot, session)
    assert not tab.new_button.isEnabled() and tab.catalog_hint.isVisible()
    assert "Programs tab" in tab.catalog_hint.text()
    assert tab.open_editor(None) is None


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, session, gui_svc, program, tiers, shop, tmp_path) -> None:
    reward(gui_svc, program.id, "Gold lounge", tier_exclusive_id=tiers[2].id, start_date="2026-03-01",
           end_date="2026-12-31", reward_image_url=str(png(tmp_path / "p.png")), reward_code="GOLD")
    reward(gui_svc, program.id, "Old offer", active=False, end_date="2025-01-01",
           reward_terms={"max_per_member": 1})
    tab = make_tab(qtbot, session)
    assert tab.model.rowCount() == 4 and tab.queue.model.rowCount() == 1
    qtmodeltester.check(tab.model)
    for column in range(tab.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            tab.table.sortByColumn(column, order)
            qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.queue.model)
    qtmodeltester.check(RewardsModel())
    qtmodeltester.check(RedemptionsModel())


def test_sorting_keeps_the_selection(qtbot, session, gui_svc, program) -> None:
    for name, cost in (("Banana bread", 300), ("Apple pie", 500), ("Cookie", 100)):
        reward(gui_svc, program.id, name, points_cost=cost)
    tab = make_tab(qtbot, session)
    names = lambda: [tab.model.reward(r).reward_name for r in range(tab.model.rowCount())]
    assert names() == ["Cookie", "Banana bread", "Apple pie"]           # by cost, as the header shows
    tab.table.selectRow(1)
    tab.table.sortByColumn(RewardsModel.NAME, Qt.SortOrder.AscendingOrder)
    assert names() == ["Apple pie", "Banana bread", "Cookie"]
    assert tab.selected_reward().reward_name == "Banana bread"
    session.notify(Changes.everything())
    assert names() == ["Apple pie", "Banana bread", "Cookie"] and tab.selected_reward().reward_name == "Banana bread"


def test_names_tooltips_and_accessible_names(qtbot, session, shop) -> None:
    tab = make_tab(qtbot, session)
    assert tab.findChild(QSplitter, "rewardsSplitter") is tab.splitter
    for button in tab.findChildren(QPushButton) + tab.findChildren(QToolButton):
        assert button.toolTip(), button.objectName()
        if not button.text():
            assert button.accessibleName(), f"icon-only {button.objectName()} needs an accessible name"
    refresh = tab.findChild(QToolButton, "redemptionsRefresh")
    assert refresh.accessibleName() == "Refresh redemptions"
    # Ctrl+N opens the editor when the focus is in the tab.
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor_of(tab).reward is None


def test_header_state_round_trip(qtbot, session, shop) -> None:
    tab = make_tab(qtbot, session)
    tab.table.horizontalHeader().resizeSection(RewardsModel.TYPE, 222)
    tab.queue.table.horizontalHeader().resizeSection(RedemptionsModel.CODE, 211)
    state = tab.header_state()
    other = make_tab(qtbot, session)
    other.restore_header_state(state)
    assert other.table.horizontalHeader().sectionSize(RewardsModel.TYPE) == 222
    assert other.queue.table.horizontalHeader().sectionSize(RedemptionsModel.CODE) == 211



def test_queue_search_finds_a_redemption_by_code_or_member(qtbot, session, gui_svc, program, shop) -> None:
    tab = make_tab(qtbot, session)
    queue = tab.queue
    other = enroll(gui_svc, program.id, "Zed Other")
    gui_svc.add_points_transaction(SHOP, program.id, other.id, {"points_amount": 500, "description": "setup"})
    theirs = gui_svc.create_redemption(SHOP, program.id, other.id, shop["coffee"].id)
    queue.reload()
    assert queue.model.rowCount() >= 2
    queue.search.setFocus()
    qtbot.keyClicks(queue.search, theirs.reward_code_generated.lower().replace("-", " "))
    qtbot.keyClick(queue.search, Qt.Key.Key_Return)
    assert [queue.model.redemption(r).id for r in range(queue.model.rowCount())] == [theirs.id]
    assert "matching" in queue.count_label.text()
    queue.search.clear()
    qtbot.keyClicks(queue.search, "zed")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1 and queue.model.redemption(0).id == theirs.id)
    queue.search.clear()
    qtbot.keyClick(queue.search, Qt.Key.Key_Return)
    assert queue.model.rowCount() >= 2


def test_enter_saves_the_new_reward_whatever_button_had_focus(qtbot, session, gui_svc, program, monkeypatch) -> None:
    picked: list[bool] = []
    monkeypatch.setattr(ImagePicker, "ask", lambda parent: picked.append(True) or None)
    tab = make_tab(qtbot, session)
    tab.open_editor(None)
    editor = editor_of(tab)
    qtbot.keyClicks(editor.name, "Gift card")
    editor.cost.setValue(50)
    editor.image_button.setFocus()  # tabbed past the picture button: Enter still saves
    qtbot.keyClick(editor.image_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert not picked
    assert [r.reward_name for r in gui_svc.get_loyalty_rewards(SHOP, program.id)] == ["Gift card"]


def test_an_error_clears_as_soon_as_its_field_is_corrected(qtbot, session, gui_svc, program) -> None:
    tab = make_tab(qtbot, session)
    tab.open_editor(None)
    editor = editor_of(tab)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.errors.message("reward_name") == "Enter the reward name"
    qtbot.keyClicks(editor.name, "G")  # no save needed: the message goes with the first key
    assert editor.errors.message("reward_name") == ""
