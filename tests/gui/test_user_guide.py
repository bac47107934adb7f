"""Help ▸ User guide (F1): shipped in the package, complete, and opened at the screen's own part."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from loyalty_desk.views.shell.user_guide import GUIDE, SECTIONS

pytestmark = pytest.mark.gui


def test_every_section_and_picture_of_the_guide_is_there():
    html = GUIDE.read_text(encoding="utf-8")
    assert [name for name in re.findall(r'<a name="([^"]+)"', html)] == list(SECTIONS)
    assert set(re.findall(r'<a href="#([^"]+)"', html)) == set(SECTIONS)         # the contents line links them all
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 10
    for picture in pictures:
        image = QImage(str(GUIDE.parent / picture))
        assert not image.isNull() and image.width() <= 760, picture


@pytest.fixture
def window(main_window):
    return main_window


def top_line(guide) -> str:  # type: ignore[no-untyped-def]
    """The first line the guide shows, at the top of its view."""
    return guide.browser.cursorForPosition(QPoint(8, 8)).block().text()


def test_f1_opens_the_guide_at_the_counter_then_at_the_members_tab(window, qtbot):
    window.counter.lookup.setFocus()
    qtbot.waitUntil(window.counter.lookup.hasFocus)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "user_guide", None) is not None and window.user_guide.isVisible())
    guide = window.user_guide
    qtbot.waitUntil(lambda: top_line(guide) == "The counter")
    assert not guide.isModal()                                     # it stays open beside the window
    window.activateWindow()
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.search.setFocus()
    qtbot.waitUntil(window.members_tab.search.hasFocus)
    qtbot.keyClick(window.members_tab.search, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: top_line(guide) == "Members")
    assert window.user_guide is guide                              # the same window, scrolled
