"""Help ▸ Keyboard shortcuts: built from the window's actions, and the README's key table says the same."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui
README = Path(__file__).resolve().parents[2] / "README.md"


def readme_keys() -> set[str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | action |"):].split("\n\n", 1)[0]
    keys: set[str] = set()
    for line in table.splitlines()[2:]:
        cell = line.split("|")[1].strip()
        if match := re.fullmatch(r"Ctrl\+(\d) … Ctrl\+(\d)", cell):
            keys |= {f"Ctrl+{n}" for n in range(int(match[1]), int(match[2]) + 1)}
        else:
            keys.add(cell)
    return keys


@pytest.fixture
def window(main_window):
    return main_window


def test_the_sheet_lists_every_menu_key_and_the_readme_lists_the_same(window, qtbot):
    window.counter.lookup.setFocus()
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "shortcut_sheet", None) is not None and window.shortcut_sheet.isVisible())
    rows = window.shortcut_sheet.model.rows
    by_key = {row.keys: row for row in rows}
    assert by_key["F2"].action == "Record purchase" and by_key["F2"].menu == "Member"
    assert by_key["Ctrl+/"].menu == "Help"
    assert len(by_key) == len(rows)                         # no key is claimed twice
    assert set(by_key) - readme_keys() == set() and readme_keys() - set(by_key) == set()


def test_the_filter_finds_a_key_or_an_action(window, qtbot):
    window.show_shortcuts()
    sheet = window.shortcut_sheet
    everything = sheet.proxy.rowCount()
    qtbot.keyClicks(sheet.filter, "redeem")
    shown = [sheet.proxy.index(r, 1).data() for r in range(sheet.proxy.rowCount())]
    assert shown == ["Redeem reward"] and everything > 10
    sheet.filter.clear()
    assert sheet.proxy.rowCount() == everything
