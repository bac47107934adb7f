"""The Members tab's segments, driven from the keyboard as an owner would: choose a segment, set its
number, see the table and the count follow, save it under a name, export it, delete it."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest

from loyalty_desk.dataio import export
from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.documents.printing import SavePath
from loyalty_desk.views.members.members_model import page_pool
from loyalty_desk.views.members.members_tab import MembersTab
from loyalty_desk.views.members.segment_bar import NameQuestion
from loyalty_desk.views.widgets.forms import Confirm
from loyalty_desk.views.shell.session import ShopSession

from ..support import SHOP, FakeClock, enroll, make_program, shown

pytestmark = pytest.mark.gui


@pytest.fixture
def spenders(gui_svc: LoyaltyService, clock: FakeClock) -> dict[str, int]:
    program = make_program(gui_svc)
    members = {}
    for name, spend in (("Ada Lovelace", "12.50"), ("Grace Hopper", "250.00"), ("Alan Turing", "40.00"),
                        ("Edsger Dijkstra", None), ("Barbara Liskov", "99.99")):
        member = enroll(gui_svc, program.id, name)
        if spend:
            gui_svc.record_purchase(SHOP, program.id, member.id, spend, f"ORD-{member.id}")
        members[name] = member.id
    return members


def settled(qtbot: Any, tab: MembersTab) -> MembersTab:
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=10_000)
    return tab


def names_shown(tab: MembersTab) -> list[str]:
    return sorted(tab.model.index(r, 0).data() for r in range(tab.model.rowCount()))


def choose(qtbot: Any, tab: MembersTab, text: str) -> None:
    """Pick a segment by typing its first letters into the focused combo box, as the keyboard does."""
    box = tab.segments.choice
    box.setFocus()
    index = box.findText(text)
    assert index >= 0, f"no segment {text!r}"
    while box.currentIndex() != index:
        QTest.keyClick(box, Qt.Key.Key_Down if box.currentIndex() < index else Qt.Key.Key_Up)
    settled(qtbot, tab)


def test_top_spenders_from_the_keyboard_filter_and_count(qtbot: Any, session: ShopSession,
                                                        spenders: dict[str, int]) -> None:
    tab = settled(qtbot, shown(qtbot, MembersTab(session), (1280, 800)))
    assert len(names_shown(tab)) == 5
    choose(qtbot, tab, "Top spenders")
    assert tab.segments.number.isVisible() and tab.segments.number.value() == 50
    assert names_shown(tab) == ["Ada Lovelace", "Alan Turing", "Barbara Liskov", "Grace Hopper"]
    assert not tab.segments.export_button.isEnabled()       # no exports in this installation
    tab.segments.number.setFocus()
    tab.segments.number.selectAll()
    QTest.keyClicks(tab.segments.number, "2")
    qtbot.waitUntil(lambda: names_shown(tab) == ["Barbara Liskov", "Grace Hopper"], timeout=5_000)
    qtbot.waitUntil(lambda: tab.count_label.text() == "2 members", timeout=5_000)
    choose(qtbot, tab, "All members")
    assert not tab.segments.number.isVisible()
    assert len(names_shown(tab)) == 5


def test_save_export_and_delete_a_segment(qtbot: Any, session: ShopSession, gui_svc: LoyaltyService,
                                          spenders: dict[str, int], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    session.exports = export                    # as app.py hands them in
    tab = settled(qtbot, shown(qtbot, MembersTab(session), (1280, 800)))
    choose(qtbot, tab, "Top spenders")
    tab.segments.number.setValue(3)
    qtbot.waitUntil(lambda: names_shown(tab) == ["Alan Turing", "Barbara Liskov", "Grace Hopper"], timeout=5_000)

    monkeypatch.setattr(NameQuestion, "ask", classmethod(lambda cls, parent: "Best three"))
    QTest.keyClick(tab.segments.save_button, Qt.Key.Key_Space)
    assert tab.segments.choice.currentText() == "Saved: Best three"
    assert [(s.name, s.rule.kind, s.rule.number) for s in gui_svc.list_segments(SHOP)] == [
        ("Best three", "top_spenders", 3)]
    assert not tab.segments.number.isEnabled()          # a saved segment keeps its rule
    settled(qtbot, tab)
    assert names_shown(tab) == ["Alan Turing", "Barbara Liskov", "Grace Hopper"]

    # The same name again is refused, in the tab's error line.
    choose(qtbot, tab, "Birthday this month")
    QTest.keyClick(tab.segments.save_button, Qt.Key.Key_Space)
    assert tab.error.isVisible() and "Best three" in tab.error.text()
    assert len(gui_svc.list_segments(SHOP)) == 1

    choose(qtbot, tab, "Saved: Best three")
    target = tmp_path / "best.csv"
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, parent, suggested, pattern: str(target)))
    QTest.keyClick(tab.segments.export_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.last_export is not None, timeout=10_000)
    with target.open(encoding="utf-8") as handle:
        assert sorted(row["name"] for row in csv.DictReader(handle)) == [
            "Alan Turing", "Barbara Liskov", "Grace Hopper"]
    assert tab.last_export == (str(target), 3)

    asked: list[str] = []
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, parent, title, text: asked.append(text) or False))
    QTest.keyClick(tab.segments.delete_button, Qt.Key.Key_Space)
    assert asked == ["Delete the saved segment Best three? Its members are not touched."]
    assert [s.name for s in gui_svc.list_segments(SHOP)] == ["Best three"]          # "No" keeps it
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, parent, title, text: True))
    QTest.keyClick(tab.segments.delete_button, Qt.Key.Key_Space)
    assert gui_svc.list_segments(SHOP) == []
    assert tab.segments.choice.findText("Saved: Best three") == -1
    assert tab.segments.choice.currentText() == "All members"
    page_pool().waitForDone(5_000)
    QThreadPool.globalInstance().waitForDone(5_000)


def test_email_a_segment_from_the_keyboard(qtbot: Any, session: ShopSession, gui_svc: LoyaltyService,
                                          clock: FakeClock) -> None:
    program = make_program(gui_svc)
    enroll(gui_svc, program.id, "Ada Lovelace", email="ada@example.com", marketing_consent=True)
    enroll(gui_svc, program.id, "Alan Turing", email="alan@example.com")        # no consent
    clock.advance(days=120)
    for message in gui_svc.claim_due_messages(SHOP, claimer="test", limit=50):   # the welcome emails
        gui_svc.record_message_outcome(SHOP, message.id, claimer="test", outcome="sent")
    tab = settled(qtbot, shown(qtbot, MembersTab(session), (1280, 800)))
    choose(qtbot, tab, "Inactive for")
    assert names_shown(tab) == ["Ada Lovelace", "Alan Turing"]
    QTest.keyClick(tab.segments.email_button, Qt.Key.Key_Space)
    dialog = tab.email_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=5_000)
    assert dialog.audience.text().startswith("Goes to 1 member (1 other in the segment has not agreed")

    # Send with an empty subject: refused next to the field, nothing queued.
    dialog.message.setFocus()
    QTest.keyClicks(dialog.message, "Coffee is on us this week.")
    QTest.keyClick(dialog.send_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.errors.message("subject") != "", timeout=5_000)
    assert dialog.isVisible()
    QTest.keyClicks(dialog.subject, "We have missed you")
    QTest.keyClick(dialog.send_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog.outcome is not None and (dialog.outcome.queued, dialog.outcome.left_out) == (1, 1)
    (email,) = gui_svc.claim_due_messages(SHOP, claimer="test", limit=50)
    assert (email.recipient, email.subject) == ("ada@example.com", "We have missed you")
    assert "Coffee is on us this week." in email.body_text
