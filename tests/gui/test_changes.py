"""One change signal: a write says what it changed and who made it, and each screen reloads only
what concerns it (now when it is on screen, or when it is next shown)."""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from loyalty_desk.views.shell.changes import KINDS, MEMBER_RECORD, POINTS, PROGRAM, Changes
from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.shell.theme import accent, apply_scheme, paint

from ..support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def window(session, qtbot, gui_svc):
    program = make_program(gui_svc, program_type="tiered", min_redemption_points=0)
    make_tiers(gui_svc, program.id)
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 300, "description": "setup"})
    win = MainWindow(session, run_jobs=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    for page in (win.programs_tab, win.rewards_tab, win.members_tab):   # each loads when first shown
        win.tabs.setCurrentWidget(page)
    assert not win.rewards_tab.stale
    win.ada = ada  # type: ignore[attr-defined]
    win.program = program  # type: ignore[attr-defined]
    return win


def screens(window: MainWindow) -> dict[str, Any]:
    return {"counter": window.counter, "programs": window.programs_tab, "members": window.members_tab,
            "rewards": window.rewards_tab, "analytics": window.analytics_tab}


@pytest.fixture
def refreshes(window, monkeypatch) -> Counter[str]:
    """How often each screen reloaded from the service, counted from now on."""
    counts: Counter[str] = Counter()
    for name, screen in screens(window).items():
        def counted(original: Any = screen.refresh, name: str = name) -> None:
            counts[name] += 1
            original()
        monkeypatch.setattr(screen, "refresh", counted)
    return counts


def members_table_points(window: MainWindow) -> str:
    model = window.members_tab.model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Points")
    return model.index(0, column).data()


def test_a_sale_reloads_the_screens_that_show_points_and_no_other(window, qtbot, refreshes):
    window.tabs.setCurrentWidget(window.members_tab)
    window.counter.open_member(window.ada.id)
    dialog = window.counter.record_purchase()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.amount.hasFocus())
    qtbot.keyClicks(dialog.amount, "20")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: members_table_points(window) == "320")     # the list on screen follows at once
    assert refreshes == {"counter": 1, "members": 1}
    assert not window.programs_tab.stale and not window.rewards_tab.stale   # a sale is nothing to them
    assert window.analytics_tab.stale                                  # hidden: reloads when shown
    window.tabs.setCurrentWidget(window.analytics_page)
    qtbot.waitUntil(lambda: refreshes["analytics"] == 1)
    assert not window.analytics_tab.stale


def test_hidden_screens_wait_and_reload_once_when_shown(window, qtbot, refreshes):
    window.tabs.setCurrentWidget(window.programs_tab)
    assert window.programs_tab.set_status("inactive")   # the owner deactivates the program
    assert refreshes["programs"] == 1                    # its own tab shows it now
    assert window.members_tab.stale and window.rewards_tab.stale and refreshes["members"] == 0
    window.session.notify(PROGRAM)                       # another change before anyone looks
    window.tabs.setCurrentWidget(window.members_tab)
    qtbot.waitUntil(lambda: refreshes["members"] == 1)
    window.tabs.setCurrentWidget(window.rewards_tab)
    qtbot.waitUntil(lambda: refreshes["rewards"] == 1)
    assert not window.members_tab.stale and not window.rewards_tab.stale


def test_a_tab_that_refreshes_its_own_write_is_not_reloaded_again_by_the_signal(window, qtbot, refreshes):
    window.tabs.setCurrentWidget(window.rewards_tab)
    window.session.notify(Changes(rewards=True), window.rewards_tab)      # what its own save announces
    assert refreshes["rewards"] == 0 and refreshes["counter"] == 1
    window.session.notify(Changes(rewards=True))                            # someone else's write
    assert refreshes["rewards"] == 1


def test_f5_reloads_everything(window, qtbot, refreshes):
    window.tabs.setCurrentWidget(window.members_tab)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F5)
    assert refreshes == {"counter": 1, "members": 1}
    assert window.programs_tab.stale and window.rewards_tab.stale and window.analytics_tab.stale


def test_what_a_change_touches():
    assert Changes.everything().kinds() == frozenset(KINDS)
    assert POINTS.touches(("ledger", "programs")) and not POINTS.touches(("members", "rewards"))
    assert MEMBER_RECORD.by("me").initiator == "me" and MEMBER_RECORD.initiator is None
    assert not Changes().touches(KINDS)


def test_painted_labels_follow_a_scheme_change_in_every_tab(window, qtbot, qapp):
    hint = QLabel("hidden tab's hint")
    window.rewards_tab.layout().addWidget(hint)
    paint(hint, "muted", "color: {}; font-weight: bold;")
    light = accent("muted").name()
    assert hint.styleSheet() == f"color: {light}; font-weight: bold;"
    try:
        apply_scheme(qapp, "dark")
        qtbot.waitUntil(lambda: accent("muted").name() in hint.styleSheet())
        assert accent("muted").name() != light and "font-weight: bold" in hint.styleSheet()
        assert QApplication.instance().property("loyaltyDark") is True
    finally:
        apply_scheme(qapp, "light")
    qtbot.waitUntil(lambda: light in hint.styleSheet())
