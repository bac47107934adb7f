"""The scanner filter and the shortcut claim, with synthetic key events (offscreen).

Keys are sent the way a keyboard-wedge scanner sends them under X11 (Shift
pressed and released around each capital), with window-system timestamps, so
that these tests decide bursts by the keys' own times and not by how fast the
test machine delivers them. tests/x11 repeats the important cases with real
X11 events.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from loyalty_desk.views.shell import scanner as scanner_module
from loyalty_desk.views.shell.scanner import ScannerFilter
from loyalty_desk.views.shell.shortcuts import ShortcutClaim, claim_shortcuts, install_shortcut_claim

pytestmark = pytest.mark.gui

Press, Release = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
HOLD_MS = scanner_module.BURST_GAP_MS + scanner_module.HOLD_MARGIN_MS


class RecordingField(QLineEdit):
    """A line edit that remembers every key event it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int, str]] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        self.events.append(("press", event.key(), event.text()))
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        self.events.append(("release", event.key(), event.text()))
        super().keyReleaseEvent(event)


class Keys:
    """Sends key events to the focused widget, stamped with a window-system time that the test moves."""

    def __init__(self, start_ms: int = 1_000_000) -> None:
        self.now = start_ms
        self.sent: list[tuple[str, int, str]] = []

    def send(self, kind: QEvent.Type, key: int, text: str = "", modifiers: Any = NONE, *,
             autorepeat: bool = False) -> None:
        target = QApplication.focusWidget()
        assert target is not None
        event = QKeyEvent(kind, key, modifiers, text, autorepeat)
        event.setTimestamp(self.now)
        self.sent.append(("press" if kind == Press else "release", key, text))
        QApplication.sendEvent(target, event)

    def char(self, ch: str, gap_ms: int) -> None:
        """One character as a wedge scanner (or xdotool) types it: Shift around a capital."""
        self.now += gap_ms
        key = ord(ch.upper())
        if ch.isupper():
            self.send(Press, Qt.Key.Key_Shift, "", SHIFT)
            self.send(Press, key, ch, SHIFT)
            self.send(Release, Qt.Key.Key_Shift, "", NONE)
            self.send(Release, key, ch.lower(), NONE)
        else:
            self.send(Press, key, ch)
            self.send(Release, key, ch)

    def text(self, text: str, gap_ms: int) -> None:
        for ch in text:
            self.char(ch, gap_ms)

    def enter(self, gap_ms: int, key: int = Qt.Key.Key_Return) -> None:
        self.now += gap_ms
        modifiers = Qt.KeyboardModifier.KeypadModifier if key == Qt.Key.Key_Enter else NONE
        self.send(Press, key, "\r", modifiers)
        self.send(Release, key, "\r", modifiers)


class Recorder:
    def __init__(self, scanner: ScannerFilter) -> None:
        self.scans: list[str] = []
        self.in_dialog: list[tuple[str, QWidget]] = []
        self.ignored: list[tuple[str, str]] = []
        scanner.scanned.connect(self.scans.append)
        scanner.scannedInDialog.connect(lambda code, dialog: self.in_dialog.append((code, dialog)))
        scanner.ignoredScan.connect(lambda code, note: self.ignored.append((code, note)))


@pytest.fixture
def scanner(qapp) -> Iterator[ScannerFilter]:  # type: ignore[no-untyped-def]
    scanner = ScannerFilter()
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


@pytest.fixture
def field(qtbot) -> RecordingField:  # type: ignore[no-untyped-def]
    host = QWidget()
    layout = QVBoxLayout(host)
    field = RecordingField()
    field.setObjectName("someField")
    layout.addWidget(field)
    field.host = host  # type: ignore[attr-defined]  # keep the window alive as long as the field
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return field


def focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


# --- scans -----------------------------------------------------------------------------------------


def test_shift_between_keys_is_still_a_scan(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("7K3QXW9A", gap_ms=5)
    keys.enter(gap_ms=5)
    assert seen.scans == ["7K3QXW9A"]
    qtbot.wait(HOLD_MS * 2)
    assert field.text() == ""
    # Only the Shift keys reached the field (they carry no text), each press with its release.
    assert {key for _kind, key, _text in field.events} == {Qt.Key.Key_Shift}
    assert [kind for kind, _key, _text in field.events].count("press") == 5
    assert [kind for kind, _key, _text in field.events].count("release") == 5


def test_keypad_enter_ends_a_scan_and_lowercase_is_kept(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("7k3qxw9a", gap_ms=8)
    keys.enter(gap_ms=8, key=Qt.Key.Key_Enter)
    assert seen.scans == ["7k3qxw9a"]
    qtbot.wait(HOLD_MS * 2)
    assert field.text() == "" and field.events == []


def test_releases_that_come_after_the_enter_are_swallowed(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    for ch in "RW-7K3Q":
        keys.now += 3
        keys.send(Press, ord(ch), ch)  # a scanner that sends each release late, after the next press
    keys.send(Press, Qt.Key.Key_Return, "\r")
    for ch in "RW-7K3Q":
        keys.send(Release, ord(ch), ch)
    keys.send(Release, Qt.Key.Key_Return, "\r")
    assert seen.scans == ["RW-7K3Q"]
    assert field.events == []
    keys.now += 500
    keys.char("z", gap_ms=0)  # the next key is typing again
    qtbot.waitUntil(lambda: field.text() == "z")


def test_a_short_fast_burst_is_typing(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("ok", gap_ms=10)  # two keys rolled over by a fast typist, then Enter
    keys.enter(gap_ms=10)
    assert seen.scans == []
    assert field.text() == "ok"  # Enter handed the held keys on before itself
    assert [e for e in field.events if e[0] == "press"][-1][1] == Qt.Key.Key_Return


@pytest.mark.parametrize("gap_ms", [60, 100])
def test_a_person_typing_gets_every_key_in_order(scanner, field, qtbot, gap_ms):
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("Ada Lovelace", gap_ms=gap_ms)  # delivered in one clump, stamped at a person's pace
    keys.enter(gap_ms=gap_ms)
    assert seen.scans == []
    assert field.text() == "Ada Lovelace"
    assert field.events == keys.sent  # every press and release, Shift included, in the order sent


def test_slow_typing_in_real_time_is_not_swallowed(scanner, field, qtbot):
    seen = Recorder(scanner)
    QTest.keyClicks(field, "Ada", Qt.KeyboardModifier.NoModifier, 70)  # no timestamps: delivery time counts
    QTest.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 70)
    qtbot.waitUntil(lambda: field.text() == "Ada")
    assert seen.scans == []


def test_held_keys_are_handed_on_after_a_pause(scanner, field, qtbot):
    keys = Keys()
    keys.text("Gr", gap_ms=5)
    assert field.text() == ""  # held: a scan may be under way
    qtbot.waitUntil(lambda: field.text() == "Gr", timeout=1000)
    assert field.events == keys.sent


def test_another_key_hands_the_held_ones_on_first(scanner, field):
    keys = Keys()
    keys.text("abc", gap_ms=5)
    keys.now += 5
    keys.send(Press, Qt.Key.Key_Backspace)
    keys.send(Release, Qt.Key.Key_Backspace)
    assert field.text() == "ab"
    keys.text("de", gap_ms=5)
    keys.now += 5
    keys.send(Press, Qt.Key.Key_A, "\x01", Qt.KeyboardModifier.ControlModifier)  # Ctrl+A: select all
    assert field.text() == "abde" and field.selectedText() == "abde"


def test_autorepeat_is_never_a_scan(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    keys.send(Press, Qt.Key.Key_A, "a")
    keys.now += 500                                  # the keyboard's repeat delay, then its repeat rate
    for _ in range(6):
        keys.send(Release, Qt.Key.Key_A, "a", autorepeat=True)
        keys.send(Press, Qt.Key.Key_A, "a", autorepeat=True)
        keys.now += 30
    keys.send(Release, Qt.Key.Key_A, "a")
    keys.enter(gap_ms=5)
    assert seen.scans == []
    assert field.text() == "aaaaaaa"


def test_a_doubled_character_that_qt_calls_autorepeat_is_part_of_the_scan(scanner, field, qtbot):
    """Under xcb, a release followed by a press of the same key at the same X time is reported as
    autorepeat: a scanner's "33" a millisecond apart. It is a second press, not a held key."""
    seen = Recorder(scanner)
    keys = Keys()
    keys.send(Press, Qt.Key.Key_3, "3")
    keys.send(Release, Qt.Key.Key_3, "3", autorepeat=True)
    keys.send(Press, Qt.Key.Key_3, "3", autorepeat=True)
    keys.send(Release, Qt.Key.Key_3, "3")
    keys.text("2LWZHF8W", gap_ms=1)
    keys.enter(gap_ms=1)
    assert seen.scans == ["332LWZHF8W"]
    qtbot.wait(HOLD_MS * 2)
    assert field.text() == ""


def test_a_late_hold_timer_waits_for_the_keys_queued_meanwhile(qapp, field, qtbot):
    """The GUI thread stalled just after the first key: the timer fires late, and the rest of the
    burst is still in the queue. The first key must not be handed on before the rest is seen."""
    now = [100.0]
    scanner = ScannerFilter(clock=lambda: now[0])
    seen = Recorder(scanner)
    qapp.installEventFilter(scanner)
    try:
        keys = Keys()
        keys.char("7", gap_ms=0)
        now[0] += 0.3  # 300 ms in which the GUI thread was busy
        scanner._timer_fired()  # what the overdue hold timer does first
        assert field.text() == ""
        keys.text("K3QXW9A", gap_ms=5)
        keys.enter(gap_ms=5)
        assert seen.scans == ["7K3QXW9A"]
        qtbot.wait(HOLD_MS * 2)
        assert field.text() == ""
    finally:
        qapp.removeEventFilter(scanner)


def test_a_burst_delivered_in_two_parts_is_still_one_scan(scanner, field, qtbot):
    """A loaded machine stamped the keys 1 ms apart but delivered the second half late: the hold
    timer gave the first half to the field as typing. The burst resumes, and the field is left as it was."""
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("Ana ", gap_ms=90)                     # a person typed first
    keys.now += 300
    keys.text("5C22", gap_ms=1)
    qtbot.waitUntil(lambda: field.text() == "Ana 5C22", timeout=1000)
    keys.text("ACBM95", gap_ms=1)                    # stamped 1 ms after the "2", delivered only now
    keys.enter(gap_ms=1)
    assert seen.scans == ["5C22ACBM95"]
    assert field.text() == "Ana "


def test_a_code_handed_on_whole_is_still_a_scan_when_its_enter_comes_late(scanner, field, qtbot):
    """The machine delivered the Enter after the hold timer had given the whole code away: the Enter
    is stamped 1 ms after the last character, so it is the scanner's, and the code is taken back."""
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("Ana ", gap_ms=90)
    keys.now += 300
    keys.text("5C22ACBM95", gap_ms=1)
    qtbot.waitUntil(lambda: field.text() == "Ana 5C22ACBM95", timeout=1000)
    keys.enter(gap_ms=1)
    assert seen.scans == ["5C22ACBM95"]
    assert field.text() == "Ana "
    assert [e for e in field.events if e[1] == Qt.Key.Key_Return] == []   # the Enter did not reach the field


def test_a_late_enter_after_typing_stays_typing(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("5C22ACBM95", gap_ms=1)
    qtbot.waitUntil(lambda: field.text() == "5C22ACBM95", timeout=1000)
    keys.enter(gap_ms=80)                            # a person pressed Enter after the code was typed
    assert seen.scans == []
    assert field.text() == "5C22ACBM95"
    assert [e for e in field.events if e[0] == "press"][-1][1] == Qt.Key.Key_Return


def test_typing_after_a_pause_does_not_resume_a_burst(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("5C22", gap_ms=1)
    qtbot.waitUntil(lambda: field.text() == "5C22", timeout=1000)
    keys.text("ACBM95", gap_ms=80)                   # stamped at a person's pace: typing, kept
    keys.enter(gap_ms=80)
    assert seen.scans == []
    assert field.text() == "5C22ACBM95"


def test_a_resumed_burst_that_was_edited_meanwhile_leaves_the_text_alone(scanner, field, qtbot):
    seen = Recorder(scanner)
    keys = Keys()
    keys.text("5C22", gap_ms=1)
    qtbot.waitUntil(lambda: field.text() == "5C22", timeout=1000)
    field.setText("something else")                 # the field changed under the handed-on keys
    keys.text("ACBM95", gap_ms=1)
    keys.enter(gap_ms=1)
    assert seen.scans == ["5C22ACBM95"]              # still the scan it was
    assert field.text() == "something else"          # but nothing is deleted that may not be the scan's


# --- modal dialogs ---------------------------------------------------------------------------------


class ScanDialog(QDialog):
    def __init__(self, answer: bool | None) -> None:
        super().__init__()
        self.setWindowTitle("Redeem a reward")
        self.setObjectName("scanDialog")
        self.code = RecordingField()
        QVBoxLayout(self).addWidget(self.code)
        self.offered: list[str] = []
        if answer is not None:
            def accept_scan(code: str) -> bool:
                self.offered.append(code)
                return answer
            self.accept_scan = accept_scan  # type: ignore[method-assign]


@pytest.fixture
def modal(qtbot, field):  # type: ignore[no-untyped-def]
    def open_dialog(answer: bool | None) -> ScanDialog:
        dialog = ScanDialog(answer)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        focus(qtbot, dialog.code)
        assert QApplication.activeModalWidget() is dialog
        return dialog
    return open_dialog


def test_a_dialog_that_takes_scans_gets_the_code(scanner, modal, field, qtbot):
    seen = Recorder(scanner)
    dialog = modal(True)
    keys = Keys()
    keys.text("RW-7K3QXW", gap_ms=4)
    keys.enter(gap_ms=4)
    assert dialog.offered == ["RW-7K3QXW"]
    assert seen.in_dialog == [("RW-7K3QXW", dialog)]
    assert seen.scans == [] and seen.ignored == []
    qtbot.wait(HOLD_MS * 2)
    assert dialog.code.text() == "" and field.text() == ""
    assert dialog.isVisible()  # Enter did not reach the dialog's default button


@pytest.mark.parametrize("answer", [None, False], ids=["no accept_scan", "declined"])
def test_a_dialog_without_use_for_the_scan_ignores_it_with_a_note(scanner, modal, field, qtbot, answer):
    seen = Recorder(scanner)
    dialog = modal(answer)
    keys = Keys()
    keys.text("7K3QXW9A", gap_ms=4)
    keys.enter(gap_ms=4)
    assert seen.scans == [] and seen.in_dialog == []
    [(code, note)] = seen.ignored
    assert code == "7K3QXW9A"
    assert "Redeem a reward" in note and "\n" not in note
    qtbot.wait(HOLD_MS * 2)
    assert dialog.code.text() == "" and field.text() == ""
    # Typing in the dialog still works.
    keys.now += 500
    keys.text("Hi", gap_ms=90)
    qtbot.waitUntil(lambda: dialog.code.text() == "Hi")


# --- shortcuts -------------------------------------------------------------------------------------


class X11Field(RecordingField):
    """A line edit with Qt's X11 binding: Ctrl+E is "end of line", claimed through ShortcutOverride.
    (The offscreen platform uses other bindings, so the real QLineEdit does not show the clash here.)"""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.keyCombination().toCombined() == QKeySequence("Ctrl+E")[0].toCombined():
            event.accept()
            return True
        return super().event(event)


@pytest.fixture
def window_with_edit_action(qtbot):  # type: ignore[no-untyped-def]
    window = QWidget()
    window.field = X11Field()  # type: ignore[attr-defined]
    QVBoxLayout(window).addWidget(window.field)  # type: ignore[attr-defined]
    action = QAction("Edit member", window)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.addAction(action)
    window.fired = []  # type: ignore[attr-defined]
    action.triggered.connect(lambda: window.fired.append("edit"))  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    focus(qtbot, window.field)  # type: ignore[attr-defined]
    return window


def test_a_text_field_takes_ctrl_e_from_the_window_without_the_claim(window_with_edit_action):
    window = window_with_edit_action
    QTest.keyClick(window.field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.fired == []  # the bug, as under X11


def test_the_claim_gives_ctrl_e_to_the_window(window_with_edit_action, qapp):
    window = window_with_edit_action
    claim = install_shortcut_claim(window)
    assert install_shortcut_claim(window) is claim  # a second call changes nothing
    try:
        QTest.keyClick(window.field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert window.fired == ["edit"]
        QTest.keyClicks(window.field, "e")  # plain typing is never claimed
        assert window.field.text() == "e"
    finally:
        qapp.removeEventFilter(claim)


def test_the_claim_follows_the_actions(window_with_edit_action, qapp):
    window = window_with_edit_action
    claim = ShortcutClaim(window)
    combo = QKeySequence("Ctrl+E")[0].toCombined()
    assert combo in claim.claimed()
    window.actions()[0].setShortcut(QKeySequence("Ctrl+Shift+E"))
    assert combo not in claim.claimed()
    assert QKeySequence("Ctrl+Shift+E")[0].toCombined() in claim.claimed()


def test_a_key_no_shortcut_takes_still_reaches_the_field(window_with_edit_action, qapp):
    """With the action disabled (or a modal dialog in front), the claimed key is the field's again."""
    window = window_with_edit_action
    window.actions()[0].setEnabled(False)
    claim = install_shortcut_claim(window)
    try:
        QTest.keyClick(window.field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert window.fired == []
        assert ("press", Qt.Key.Key_E) in [(kind, key) for kind, key, _text in window.field.events]
    finally:
        qapp.removeEventFilter(claim)


def test_claim_a_fixed_list(window_with_edit_action, qapp):
    window = window_with_edit_action
    claim = claim_shortcuts(qapp, ["Ctrl+E"])
    try:
        QTest.keyClick(window.field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert window.fired == ["edit"]
    finally:
        qapp.removeEventFilter(claim)
        claim.deleteLater()
