"""Recognising a USB scanner: it types like a keyboard, very fast, and ends with Enter.

`ScannerFilter` is an application-wide event filter (``app.installEventFilter``).
It holds the keys typed into whatever widget has focus for a moment:

- A printable key (a character, with or without Shift; never with Ctrl, Alt or
  Meta) is held. While keys are held, everything that follows is held too, in
  order: more characters, key releases, and modifier-only keys (Shift, Caps
  Lock, AltGr…). A keyboard-wedge scanner presses Shift before every capital
  letter, so modifier keys never end a burst.
- At least `MIN_SCAN_LENGTH` characters, each at most `BURST_GAP_MS` after the
  one before, then Return or Enter (keypad) just as fast: that is a **scan**.
  Its keys are swallowed (no character and no Enter reaches a field; the late
  releases of its keys are swallowed too) and the code is reported.
- Anything else is typing. The held keys are handed on to the widget they were
  typed into, in their original order, as soon as a gap longer than
  `BURST_GAP_MS` (+ `HOLD_MARGIN_MS` for delivery) shows that no scan is under
  way, or at once when any other key arrives (arrows, Backspace, Tab, a
  shortcut such as Ctrl+E…), before that key. A person typing therefore gets
  each key about 45 ms late, and never loses or reorders one; an automatically
  repeated key (a key held down) is never held. Qt's xcb backend also calls
  "autorepeat" a doubled character that a scanner sends within one
  millisecond (the "33" of a card): a repeat sooner than any keyboard's
  repeat delay is read as the second press it is.

A burst that arrives in two parts: on a loaded machine the window system can
stamp a scanner's keys a few ms apart yet deliver the second half more than
`BURST_GAP_MS` after the first, so the hold timer hands the first half on as
typing. When the next character, or the Enter, is stamped within the gap of
the last one handed on, the burst resumes: the handed-on characters count towards the code,
and if the scan completes they are taken back out of the line edit they went
into (only when its text still ends with them at the cursor).

Gaps are measured with the time the window system stamped on each key
(`QKeyEvent.timestamp()`: the X server's milliseconds under xcb, the message
time on Windows), not with the time the event reached us: when the GUI thread
was busy, keys are delivered in a clump, and typing must not turn into a scan
because of it. Synthetic events without a timestamp (QTest) fall back to the
time of delivery. When the hold timer itself fires late (the GUI thread was
busy), it waits a few more milliseconds so that keys queued meanwhile are seen
before the held ones are given away.

Where a scan goes:

- No modal dialog open: the ``scanned(code)`` signal (the main window connects
  it to the counter).
- A modal dialog is open (``QApplication.activeModalWidget()``): the dialog
  may opt in by defining ``accept_scan(code: str) -> bool``. The filter calls
  it; when it returns True the scan was used, and ``scannedInDialog(code,
  dialog)`` is emitted (for information). When the dialog has no such method,
  or it returns False, the scan is dropped and ``ignoredScan(code, note)``
  gives a one-line note for the status line. Either way the code is never
  typed into the dialog's fields, and ``scanned`` is not emitted.

Installing it (what MainWindow does)::

    scanner = ScannerFilter(window)
    scanner.scanned.connect(counter.handle_scan)
    scanner.ignoredScan.connect(lambda code, note: status_line.setText(note))
    QApplication.instance().installEventFilter(scanner)

A dialog that has a use for scans::

    class RedeemDialog(QDialog):
        def accept_scan(self, code: str) -> bool:
            ...  # called with each scan while this dialog is the active modal one; True if used
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from ..i18n import tr

BURST_GAP_MS = 35      # scanners send a key every few ms; people need 60 ms or more between keys
HOLD_MARGIN_MS = 10    # what the first key waits beyond the gap: the next key's delivery may lag a little
LATE_MS = 4            # a (precise) hold timer this late means the GUI thread was busy: look again first
RECHECK_MS = 5         # time for the keys queued meanwhile to be delivered
MAX_RECHECKS = 20      # stop waiting for a GUI thread that stays busy after this many looks
SWALLOW_RELEASES_MS = 1000  # releases of a scan's keys that come after its Enter are dropped for this long
MIN_SCAN_LENGTH = 4
MIN_REPEAT_DELAY_MS = 150  # a held key repeats after 250-660 ms (X's default 660); sooner is a second press
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta, Qt.Key.Key_Alt, Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
    Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R, Qt.Key.Key_Mode_switch,
})
_BLOCKED = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


@dataclass
class _HandedOn:
    """Characters of a fast run that the hold timer gave away as typing: a burst may yet resume."""

    chars: list[str]
    last: _Key


@dataclass
class _Key:
    """One key event, as it arrived, to hand on later or to read a code from."""

    target: QWidget
    kind: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    scan_code: int
    virtual_key: int
    native_modifiers: int
    autorepeat: bool
    count: int
    timestamp: int      # the window system's, in ms; 0 when the event had none
    arrived_ms: float   # time.monotonic() at delivery, in ms

    @classmethod
    def of(cls, target: QWidget, event: QKeyEvent, now_ms: float) -> _Key:
        return cls(target, event.type(), event.key(), event.modifiers(), event.text(), event.nativeScanCode(),
                   event.nativeVirtualKey(), event.nativeModifiers(), event.isAutoRepeat(), event.count(),
                   int(event.timestamp()), now_ms)

    def event(self) -> QKeyEvent:
        copy = QKeyEvent(self.kind, self.key, self.modifiers, self.scan_code, self.virtual_key,
                         self.native_modifiers, self.text, self.autorepeat, self.count)
        copy.setTimestamp(self.timestamp)
        return copy

    def is_modifier(self) -> bool:
        return self.key in MODIFIER_KEYS


def _gap_ms(earlier: _Key, later: _Key) -> float:
    """Time between two keys: by their window-system stamps when both have one, else by delivery."""
    if earlier.timestamp and later.timestamp:
        # X server times are 32-bit milliseconds and wrap after 49 days.
        return float((later.timestamp - earlier.timestamp + 2**31) % 2**32 - 2**31)
    return later.arrived_ms - earlier.arrived_ms


class ScannerFilter(QObject):
    """Install with ``QApplication.instance().installEventFilter(filter)``; see the module docstring."""

    scanned = Signal(str)
    scannedInDialog = Signal(str, QWidget)  # noqa: N815 - Qt naming
    ignoredScan = Signal(str, str)  # noqa: N815 - the code, and a one-line note for a status line

    def __init__(self, parent: QObject | None = None, *, gap_ms: float = BURST_GAP_MS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.gap_ms = gap_ms
        self._clock = clock
        self._held: list[_Key] = []
        self._last_char: _Key | None = None
        self._chars: list[str] = []
        self._replaying = False
        self._last_press: _Key | None = None      # the last character or other non-modifier key pressed
        self._handed_on: _HandedOn | None = None  # the last run the hold timer gave away
        self._resumed: _HandedOn | None = None    # that run, when the burst held now continues it
        self._due_ms = 0.0
        self._rechecks = 0
        self._unreleased: Counter[int] = Counter()  # keys of the last scan whose release is still to come
        self._scan_ms = 0.0
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._release_timer.timeout.connect(self._timer_fired)

    # --- the filter --------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self._replaying:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # The shortcut system may act on this key before it reaches any widget: hand the
            # held keys on first, so that a fast "a" then Ctrl+E keeps its order.
            if self._held and isinstance(event, QKeyEvent) and not self._may_hold(event):
                self.flush()
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(obj, QWidget) or not _first_receiver(obj):
            return False  # a window-system window, or the same event on its way up to the parents
        assert isinstance(event, QKeyEvent)
        now = self._clock() * 1000.0
        if kind == QEvent.Type.KeyRelease:
            return self._release(obj, event, now)
        key = _Key.of(obj, event, now)
        if event.isAutoRepeat() and not self._doubled(key):
            self.flush()  # a key held down by a person
            return False
        if not key.is_modifier():
            self._last_press = key
        if key.is_modifier():
            if self._held:
                self._held.append(key)  # Shift before a capital: part of the burst, kept in order
                return True
            return False
        if _printable(event):
            if self._last_char is not None and _gap_ms(self._last_char, key) > self.gap_ms:
                self.flush()  # a slow key: what was held was typed by a person
            if not self._held:
                self._resume_burst(key)
            self._held.append(key)
            self._chars.append(key.text)
            self._last_char = key
            self._rechecks = 0
            self._arm(self.gap_ms + HOLD_MARGIN_MS)
            return True
        if event.key() in ENTER_KEYS and not self._held:
            self._resume_burst(key)  # the whole code was handed on as typing, and its Enter came late
        if (event.key() in ENTER_KEYS and self._last_char is not None and len(self._chars) >= MIN_SCAN_LENGTH
                and _gap_ms(self._last_char, key) <= self.gap_ms):
            self._scan_complete(key, now)
            return True
        self.flush()  # any other key: the held keys first, then this one on its normal way
        self._handed_on = None
        return False

    def _doubled(self, key: _Key) -> bool:
        """Whether an "autorepeat" press is really a second press of the same key, as in a scanned "33".

        Qt's xcb backend calls a press autorepeat when the release before it has the same X time; a
        scanner sending a key a millisecond does exactly that for a doubled character. A person's
        held key repeats only after the keyboard's repeat delay (hundreds of ms)."""
        last = self._last_press
        return last is not None and last.key == key.key and _gap_ms(last, key) < MIN_REPEAT_DELAY_MS

    def _resume_burst(self, key: _Key) -> None:
        """Start the new burst where the run handed on by the timer stopped, if key is stamped close to it."""
        handed, self._handed_on = self._handed_on, None
        if (handed is None or not handed.last.timestamp or not key.timestamp
                or handed.last.target is not key.target or _gap_ms(handed.last, key) > self.gap_ms):
            return
        self._resumed = handed
        self._chars = list(handed.chars)
        self._last_char = handed.last

    def _release(self, obj: QWidget, event: QKeyEvent, now: float) -> bool:
        if self._held:
            self._held.append(_Key.of(obj, event, now))
            return True
        if self._unreleased[event.key()] > 0 and now - self._scan_ms <= SWALLOW_RELEASES_MS:
            self._unreleased[event.key()] -= 1
            return True
        return False

    @staticmethod
    def _may_hold(event: QKeyEvent) -> bool:
        return event.key() in MODIFIER_KEYS or event.key() in ENTER_KEYS or _printable(event)

    # --- outcomes ----------------------------------------------------------

    def _scan_complete(self, enter: _Key, now: float) -> None:
        code = "".join(self._chars)
        resumed = self._resumed
        held = self._take()
        if resumed is not None:
            _take_back("".join(resumed.chars), resumed.last.target)
        # Releases that were held go with their presses; those still to come are dropped when they come.
        pressed = Counter(k.key for k in held if k.kind == QEvent.Type.KeyPress and not k.is_modifier())
        released = Counter(k.key for k in held if k.kind == QEvent.Type.KeyRelease and not k.is_modifier())
        pressed[enter.key] += 1
        self._unreleased = pressed - released
        self._scan_ms = now
        # Modifier keys carry no text: hand them on, so the field sees each Shift press matched by its release.
        for key in held:
            if key.is_modifier():
                self._replay(key)
        self._deliver(code)

    def _deliver(self, code: str) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            self.scanned.emit(code)
            return
        accept = getattr(dialog, "accept_scan", None)
        if callable(accept) and accept(code):
            self.scannedInDialog.emit(code, dialog)
            return
        title = dialog.windowTitle() or tr("a dialog")
        self.ignoredScan.emit(code, tr("Scan ignored: “{title}” is open and has no use for {code}").format(
            title=title, code=code))

    def flush(self) -> None:
        """Hand the held keys on to the widgets they were typed into, in their order."""
        for key in self._take():
            self._replay(key)

    def _take(self) -> list[_Key]:
        self._release_timer.stop()
        held, self._held = self._held, []
        self._chars = []
        self._last_char = None
        self._resumed = None
        return held

    def _replay(self, key: _Key) -> None:
        if not shiboken6.isValid(key.target):
            return
        self._replaying = True
        try:
            QApplication.sendEvent(key.target, key.event())
        finally:
            self._replaying = False

    # --- the hold timer ----------------------------------------------------

    def _arm(self, ms: float) -> None:
        self._due_ms = self._clock() * 1000.0 + ms
        self._release_timer.start(max(0, round(ms)))

    def _timer_fired(self) -> None:
        late = self._clock() * 1000.0 - self._due_ms
        if late > LATE_MS and self._rechecks < MAX_RECHECKS:
            # The GUI thread was busy: keys typed meanwhile may be waiting in the queue. Let them in first.
            self._rechecks += 1
            self._arm(RECHECK_MS)
            return
        last, chars = self._last_char, list(self._chars)
        self.flush()
        if last is not None:
            self._handed_on = _HandedOn(chars, last)


def _first_receiver(obj: QWidget) -> bool:
    """Whether obj is the widget a key event is delivered to first (not a parent it propagates to)."""
    target = QWidget.keyboardGrabber()
    if target is None:
        popup = QApplication.activePopupWidget()
        target = (popup.focusWidget() or popup) if popup is not None else QApplication.focusWidget()
    return obj is target if target is not None else obj.isWindow()


def _take_back(chars: str, target: QWidget) -> None:
    """Remove chars, typed just before the cursor, from the line edit they went into; else leave them."""
    edit = target.lineEdit() if isinstance(target, QComboBox) else target
    if not isinstance(edit, QLineEdit) or edit.hasSelectedText():
        return
    if not edit.text()[:edit.cursorPosition()].endswith(chars):
        return
    for _ in chars:
        edit.backspace()


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    return len(text) == 1 and text.isprintable() and not (event.modifiers() & _BLOCKED)
