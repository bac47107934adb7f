"""Who may use the window, and what they may use.

- In a shop with staff the window shows the sign-in screen until someone signs in, after
  Ctrl+L, and after `auto_lock_minutes` without a key press or a click. Nothing of the last
  member stays on screen, and no menu key or scan gets through.
- The signed-in person shows in the status bar; switching person is a lock and one PIN.
- An action, button or tab the person's role may not use is disabled (tabs: hidden), with
  the reason in its tooltip. The service refuses such calls anyway; this only says so first.
- A shop without staff works as before: nothing is locked or hidden.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressDialog, QStackedWidget, QTabWidget, QWidget

from ...domain.permissions import Permission
from ..i18n import tr
from ..shell.session import ShopSession
from .roles import who_may
from .sign_in import SignInPage

# Input that counts as someone at the till (a scan is key presses too).
ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


@dataclass
class _Guarded:
    target: QAction | QWidget | QShortcut
    permission: Permission | None
    tooltip: str


class StaffGate(QObject):
    def __init__(self, session: ShopSession, stack: QStackedWidget, workspace: QWidget,
                 person_label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self.workspace = workspace
        self.person_label = person_label
        self.sign_in = SignInPage(session)
        self.sign_in.signedIn.connect(session.set_person)
        stack.addWidget(self.sign_in)
        self.guarded: list[_Guarded] = []
        self.tabs: list[tuple[QTabWidget, QWidget, Permission]] = []
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._idle_lock)
        self._idle_ms = 0
        session.personChanged.connect(lambda _person: self.apply())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # --- registration ------------------------------------------------------

    def guard(self, target: QAction | QWidget | QShortcut, permission: Permission | None = None) -> None:
        """Disable `target` while locked, and (with a permission) for roles without it."""
        tooltip = target.toolTip() if isinstance(target, QAction | QWidget) else ""
        entry = _Guarded(target, permission, tooltip)
        self.guarded.append(entry)
        self._apply_guard(entry)  # a widget made later (the Analytics tab, on first show) starts right

    def guard_tab(self, tabs: QTabWidget, page: QWidget, permission: Permission) -> None:
        """Hide a tab from roles without `permission`."""
        self.tabs.append((tabs, page, permission))

    def allowed(self, target: Any) -> bool:
        """Whether `target` is usable now (signed in, and the role may)."""
        entry = next((g for g in self.guarded if g.target is target), None)
        if self.session.locked:
            return False
        return entry is None or entry.permission is None or self.session.may(entry.permission)

    # --- locking -------------------------------------------------------------

    def lock(self) -> None:
        """Back to the sign-in screen (Ctrl+L, or idle); nothing happens in a shop without staff."""
        if not self.session.has_staff:
            return
        # A dialog left open (an idle lock over Settings ▸ Staff, a half-typed sale) would stay
        # usable over the sign-in screen: it closes unsaved, as the person who opened it has gone.
        # QDialog.done, not the dialog's own reject: some step back a page instead of closing.
        open_dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        for dialog in open_dialogs:
            QDialog.done(dialog, QDialog.DialogCode.Rejected)
        if open_dialogs:
            self.stack.window().activateWindow()   # the keys go to the sign-in, not nowhere
        self.session.set_person(None)

    def _idle_lock(self) -> None:
        """The idle lock waits while work runs in a dialog (an import, a write waiting for the
        database, a progress dialog): closing it would cancel that work."""
        if any(_working(w) for w in QApplication.topLevelWidgets()):
            self.idle.start(self._idle_ms)
            return
        self.lock()

    def apply(self) -> None:
        """Show the sign-in screen or the work, and enable what the person may use."""
        locked = self.session.locked
        if locked:
            self.sign_in.start()
            self.stack.setCurrentWidget(self.sign_in)
        else:
            self.stack.setCurrentWidget(self.workspace)
        for entry in self.guarded:
            self._apply_guard(entry)
        for tabs, page, permission in self.tabs:
            index = tabs.indexOf(page)
            if index >= 0:
                tabs.setTabVisible(index, self.session.may(permission))
        person = self.session.person
        if person is not None:
            roles = {"cashier": tr("cashier"), "manager": tr("manager"), "owner": tr("owner")}
            self.person_label.setText(tr("Signed in: {name} ({role}) · Ctrl+L locks").format(
                name=person.name, role=roles.get(person.role, person.role)))
        else:
            self.person_label.setText(tr("Locked") if locked else "")
        self._restart_idle()

    def _apply_guard(self, entry: _Guarded) -> None:
        may = not self.session.locked and (entry.permission is None or self.session.may(entry.permission))
        entry.target.setEnabled(may)
        if entry.permission is not None and isinstance(entry.target, QAction | QWidget):
            entry.target.setToolTip(entry.tooltip if may else who_may(entry.permission))

    # --- idleness -------------------------------------------------------------

    def _restart_idle(self) -> None:
        minutes = getattr(self.session.shop, "auto_lock_minutes", 0) or 0
        if self.session.person is not None and minutes > 0:
            self._idle_ms = int(minutes * 60_000)
            self.idle.start(self._idle_ms)
        else:
            self.idle.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY and self.idle.isActive():
            # someone is at the till: the whole idle time starts again (the shop's, not
            # whatever interval the timer was last given)
            self.idle.start(self._idle_ms)
        return False


def _working(widget: QWidget) -> bool:
    """A visible dialog with work in flight: a progress dialog, or one that says it is busy."""
    if not isinstance(widget, QDialog) or not widget.isVisible():
        return False
    return isinstance(widget, QProgressDialog) or bool(getattr(widget, "busy", False))
