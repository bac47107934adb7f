"""The window's shortcuts win over the key bindings built into text fields.

Before Qt offers a key to the shortcut system it sends a ShortcutOverride event
to the focused widget; a widget that accepts it keeps the key for itself. Text
fields accept the keys of their platform's editing bindings. Under X11 (the xcb
platform) those include Emacs-style keys: Ctrl+E is "move to end of line" in a
QLineEdit or QPlainTextEdit, so the Edit member action (Ctrl+E) never fires
while the counter's lookup field has focus. The offscreen platform uses other
bindings, which is why tests there did not see it.

`ShortcutClaim` is an application-wide event filter that stops the
ShortcutOverride of a key combination that one of the window's QActions or
QShortcuts uses, so the shortcut system takes the key. When no shortcut takes
it after all (the action is disabled, or a modal dialog blocks the window's
shortcuts), the focused widget still receives the key press as usual: Ctrl+E
still moves to the end of a line in a dialog's field. Only combinations
with Ctrl, Alt or Meta, and the function keys F1-F35, are ever claimed: typing,
Return, Tab and the arrows always belong to the field.

Install it once the window's actions exist::

    from .shortcuts import install_shortcut_claim
    install_shortcut_claim(self)   # in MainWindow.__init__, after the menus are built

Or claim a fixed list of key sequences: ``claim_shortcuts(app, ["Ctrl+E"])``.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

_COMMAND = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
_IGNORED = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.GroupSwitchModifier


def _combination(event: QKeyEvent) -> int:
    return QKeyCombination(event.modifiers() & ~_IGNORED, Qt.Key(event.key())).toCombined()


def _single_keys(sequences: Iterable[QKeySequence]) -> set[int]:
    """The one-key sequences among these, as combined ints (multi-key chords are left to Qt)."""
    return {seq[0].toCombined() for seq in sequences if seq.count() == 1}  # type: ignore[index]  # QKeySequence[i] exists


class ShortcutClaim(QObject):
    """App-wide filter: a ShortcutOverride for a claimed key combination is not offered to the focused widget.

    Claimed: the fixed `sequences`, plus the shortcuts of every QAction and QShortcut of `window` (looked
    up at each key, so shortcuts added, removed or changed later are followed).
    """

    def __init__(self, window: QWidget | None = None, sequences: Iterable[QKeySequence | str] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self.window = window  # whose shortcuts are claimed
        self.fixed = _single_keys(QKeySequence(s) for s in sequences)

    def claimed(self) -> set[int]:
        combos = set(self.fixed)
        if self.window is not None:
            actions = set(self.window.findChildren(QAction)) | set(self.window.actions())
            combos |= _single_keys(seq for action in actions for seq in action.shortcuts())
            combos |= _single_keys(seq for key in self.window.findChildren(QShortcut) for seq in key.keys())
        return combos

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not (event.modifiers() & _COMMAND) and not Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35:
            # Typing, Return, Tab, arrows: the field's own keys, never a window shortcut here. Checked
            # first because a scan ends in Return, and looking up every shortcut costs milliseconds.
            return False
        if _combination(event) in self.claimed():
            event.ignore()  # not overridden: the shortcut system may take it
            return True
        return False


def install_shortcut_claim(window: QWidget) -> ShortcutClaim:
    """Make the window's action shortcuts work while a text field has focus. Safe to call more than once."""
    existing = getattr(window, "_shortcut_claim", None)
    if isinstance(existing, ShortcutClaim):
        return existing
    claim = ShortcutClaim(window)
    window._shortcut_claim = claim  # type: ignore[attr-defined]
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(claim)  # Qt drops the filter when the window, its parent, is deleted
    return claim


def claim_shortcuts(app: QApplication, sequences: Iterable[QKeySequence | str],
                    parent: QObject | None = None) -> ShortcutClaim:
    """Claim a fixed list of key sequences for the shortcut system, application-wide."""
    claim = ShortcutClaim(sequences=sequences, parent=parent if parent is not None else app)
    app.installEventFilter(claim)
    return claim
