"""Help ▸ User guide (F1): shipped in the package, complete in English and German, opened in the app's
language at the screen's own part."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage

from loyalty_desk.views.shell.user_guide import GUIDE, SECTIONS, guide_for

pytestmark = pytest.mark.gui

GERMAN = guide_for("de")


def anchors(guide: Path) -> list[str]:
    return re.findall(r'<a name="([^"]+)"', guide.read_text(encoding="utf-8"))


def pictures(guide: Path) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', guide.read_text(encoding="utf-8"))


def heading(guide: Path, section: str) -> str:
    """The title of a section, as the guide writes it."""
    found = re.search(rf'<h2><a name="{section}"></a>([^<]+)</h2>', guide.read_text(encoding="utf-8"))
    assert found, section
    return found.group(1)


def test_german_has_a_guide_of_its_own_and_other_languages_fall_back_to_english():
    assert GERMAN != GUIDE and GERMAN.is_file()
    assert guide_for("en") == GUIDE
    assert guide_for("fr") == GUIDE                                # no French guide: the English one


@pytest.mark.parametrize("guide", [GUIDE, GERMAN], ids=["en", "de"])
def test_every_section_and_picture_of_the_guide_is_there(guide):
    html = guide.read_text(encoding="utf-8")
    assert anchors(guide) == list(SECTIONS)
    assert set(re.findall(r'<a href="#([^"]+)"', html)) == set(SECTIONS)         # the contents line links them all
    assert len(pictures(guide)) >= 10
    for picture in pictures(guide):
        image = QImage(str(guide.parent / picture))
        assert not image.isNull() and image.width() <= 760, picture


def test_the_german_guide_shows_german_pictures_of_the_same_screens():
    english, german = pictures(GUIDE), pictures(GERMAN)
    assert all(picture.startswith("images/de/") for picture in german)
    assert [Path(p).name for p in german] == [Path(p).name for p in english]


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
    assert guide.browser.source() == QUrl.fromLocalFile(str(GUIDE))
    qtbot.waitUntil(lambda: top_line(guide) == "The counter")
    assert not guide.isModal()                                     # it stays open beside the window
    window.activateWindow()
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.search.setFocus()
    qtbot.waitUntil(window.members_tab.search.hasFocus)
    qtbot.keyClick(window.members_tab.search, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: top_line(guide) == "Members")
    assert window.user_guide is guide                              # the same window, scrolled


@pytest.fixture
def german_window(german, main_window):  # type: ignore[no-untyped-def]
    """The whole window built with German installed first, as after View ▸ Language ▸ Deutsch and a new
    start (fixtures are set up in the order they are named)."""
    return main_window


def heading_in_view(guide, title: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the section's title is on screen (the last sections cannot scroll to the very top)."""
    browser = guide.browser
    document = browser.document()
    block = document.begin()
    while block.isValid() and block.text() != title:             # the title's own line, not the contents'
        block = block.next()
    top = document.documentLayout().blockBoundingRect(block).top() - browser.verticalScrollBar().value()
    return block.isValid() and 0 <= top < browser.viewport().height()


def test_with_german_loaded_f1_on_every_screen_opens_the_german_guide_at_its_part(german_window, qtbot):
    window = german_window
    assert window.tabs.tabText(window.tabs.indexOf(window.rewards_tab)) == "Prämien"
    screens = [(window.counter.lookup, None)] + [(window.tabs.tabBar(), window.tabs.widget(index))
                                                 for index in range(window.tabs.count())]
    seen = set()
    for target, page in screens:
        if page is not None:
            window.tabs.setCurrentWidget(page)
        window.activateWindow()
        target.setFocus()
        qtbot.waitUntil(target.hasFocus)
        section = window.guide_section()
        assert section in anchors(GERMAN) and section in anchors(GUIDE)     # F1's anchor, in both guides
        qtbot.keyClick(target, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: getattr(window, "user_guide", None) is not None and window.user_guide.isVisible())
        guide = window.user_guide
        assert guide.browser.source() == QUrl.fromLocalFile(str(GERMAN))
        assert guide.windowTitle() == "Loyalty Desk: Benutzerhandbuch"
        qtbot.waitUntil(lambda g=guide, s=section: heading_in_view(g, heading(GERMAN, s)))
        seen.add(section)
    # the counter and every tab: Programs, Members, Rewards, Analytics, Audit (staff)
    assert seen == {"counter", "programs", "members", "rewards", "analytics", "staff"}
