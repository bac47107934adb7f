"""Recognising a USB scanner: it types like a keyboard, very fast, and ends with Enter.

An application-wide event filter holds printable keys for a moment. Keys that
arrive in a fast burst ending with Enter are a scan: they are swallowed (they
never reach the focused field) and reported by the `scanned` signal, whichever
widget has focus. Anything else is handed on to the widget it was meant for,
a few milliseconds late, which a person typing never notices.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

BURST_GAP_S = 0.035  # scanners send a key every few ms; people need 80 ms or more
MIN_SCAN_LENGTH = 4
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, gap_s: float = BURST_GAP_S) -> None:
        super().__init__(parent)
        self.gap_s = gap_s
        self._held: list[_HeldKey] = []
        self._last = 0.0
        self._replaying = False
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.timeout.connect(self.flush)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._replaying or event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        focus = QApplication.focusWidget()
        if not isinstance(obj, QWidget) or (focus is not None and obj is not focus):
            return False  # the same event on its way through windows and parents
        if QApplication.activeModalWidget() is not None:
            return False  # a dialog is asking something: scans are not for it
        assert isinstance(event, QKeyEvent)
        if event.type() == QEvent.Type.KeyRelease:
            # Releases of held keys are dropped; the replay sends its own.
            return bool(self._held) and not event.isAutoRepeat() and _printable(event)
        now = time.monotonic()
        in_burst = bool(self._held) and now - self._last <= self.gap_s
        self._last = now
        if event.key() in ENTER_KEYS and in_burst and len(self._held) >= MIN_SCAN_LENGTH:
            code = "".join(k.text for k in self._held)
            self._held.clear()
            self._release_timer.stop()
            self.scanned.emit(code)
            return True
        if _printable(event):
            if self._held and not in_burst:
                self.flush()  # a slow key: what was held was typed by a person
            self._held.append(_HeldKey(obj, event.key(), event.modifiers(), event.text()))
            self._release_timer.start(int(self.gap_s * 1000) + 15)
            return True
        if self._held:
            self.flush()
            # Re-deliver this key after the held ones, to keep the order.
            self._replay(_HeldKey(obj, event.key(), event.modifiers(), event.text()))
            return True
        return False

    def flush(self) -> None:
        """Hand held keys on to the widgets they were typed into."""
        self._release_timer.stop()
        held, self._held = self._held, []
        for key in held:
            self._replay(key)

    def _replay(self, key: _HeldKey) -> None:
        self._replaying = True
        try:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(key.target, QKeyEvent(kind, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    blocked = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    return len(text) == 1 and text.isprintable() and not (event.modifiers() & blocked)
