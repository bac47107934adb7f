"""The real main window on a real X server, driven by a test through stdin and stdout.

Run by tests/x11/conftest.py in its own process, with DISPLAY=:N and
QT_QPA_PLATFORM=xcb (the pytest process itself runs Qt offscreen, and holds one
QApplication for its lifetime). The test types with xdotool; this process
reports what the window made of it.

    python3 driver.py --db PATH [--focus OBJECT_NAME] [--open-member ID]

Once the window is shown, active, and the widget named by --focus has the
keyboard focus, it prints one line ``READY {"wid": ...}``. Then it reads
commands, one a line, and answers each with one line:

    state            -> STATE {json}: the open member, the text (and cursor) of
                        every named text field, the focused widget, the modal dialog (and
                        a wizard's page and buttons), the
                        scanner's signals, the keys seen (with their X time),
                        and any exception raised in the GUI
    focus NAME       -> FOCUSED NAME, once that widget has the focus
    busy MS          -> BUSY, then the GUI thread sleeps MS milliseconds
    history ID       -> HISTORY [json]: the "By" column of member ID's points history
                        (the Members tab's detail), newest first
    busy-on-key MS   -> ARMED; the GUI thread sleeps MS milliseconds just
                        after the next key press with text arrives (so the
                        scanner is holding a key when the thread stalls)
    quit             -> the process exits
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication, QLineEdit, QPlainTextEdit, QStackedWidget, QTabWidget, QTextEdit, QWidget, QWizard)

from loyalty_desk.services import LoyaltyService  # noqa: E402
from loyalty_desk.views.shell.main_window import MainWindow  # noqa: E402
from loyalty_desk.views.shell.session import ShopSession  # noqa: E402
from loyalty_desk.views.shell.theme import apply_scheme  # noqa: E402
from loyalty_desk.views.widgets.formatting import use_default_locale  # noqa: E402

SHOP = "shop-1"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class KeyLog(QObject):
    """Every key press and release from the X server as it first reaches a widget, before the scanner
    sees it (the scanner's own replays of held keys are not spontaneous, and not logged)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[dict[str, Any]] = []
        self.on_next_press: Any = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and event.spontaneous() \
                and isinstance(obj, QWidget) and isinstance(event, QKeyEvent) \
                and obj is (QApplication.focusWidget() or obj.window()):
            press = event.type() == QEvent.Type.KeyPress
            self.keys.append({"press": press, "key": event.key(), "text": event.text(),
                              "x_time": event.timestamp(), "repeat": event.isAutoRepeat(),
                              "at": round(time.monotonic() * 1000, 1),
                              "to": obj.objectName()})
            if press and event.text().isprintable() and event.text() and self.on_next_press is not None:
                action, self.on_next_press = self.on_next_press, None
                QTimer.singleShot(0, action)
        return False


class Driver(QObject):
    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__()
        self.app = QApplication.instance()
        self.errors: list[str] = []
        sys.excepthook = self._exception
        self.svc = LoyaltyService(f"sqlite:///{args.db}")
        self.window = MainWindow(ShopSession(self.svc, SHOP), run_jobs=False)
        self.scans: list[str] = []
        self.dialog_scans: list[list[str]] = []
        self.ignored: list[list[str]] = []
        scanner = self.window.scanner
        scanner.scanned.connect(self.scans.append)
        if hasattr(scanner, "scannedInDialog"):
            scanner.scannedInDialog.connect(lambda code, dialog: self.dialog_scans.append([code, dialog.objectName()]))
        if hasattr(scanner, "ignoredScan"):
            scanner.ignoredScan.connect(lambda code, note: self.ignored.append([code, note]))
        self.key_log = KeyLog()
        self.app.installEventFilter(self.key_log)  # installed last, so it sees each key before the scanner
        if args.open_member:
            self.window.counter.open_member(args.open_member)
        self.window.resize(1200, 850)
        self.window.move(0, 0)
        self.window.show()
        self._buffer = b""
        self._stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self._stdin.activated.connect(self._read)
        self._focus(args.focus, "READY " + json.dumps({"wid": int(self.window.winId()), "pid": os.getpid()}))

    def _exception(self, kind: type[BaseException], value: BaseException, tb: Any) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        self.errors.append(text)
        sys.stderr.write(text)

    # --- focus -------------------------------------------------------------

    def _focus(self, name: str, answer: str, tries: int = 250) -> None:
        widget = self._widget(name)
        _show_tab_of(widget)
        window = widget.window()
        if not window.isActiveWindow():
            window.activateWindow()  # no window manager under bare Xvfb: Qt sets the X input focus itself
        widget.setFocus()
        if window.isActiveWindow() and QApplication.focusWidget() is widget and widget.isVisible():
            QTimer.singleShot(50, lambda: say(answer))  # let the X server settle on the new focus
        elif tries <= 0:
            say(f"FAILED to focus {name}: active={QApplication.activeWindow()!r} "
                f"focus={QApplication.focusWidget()!r}")
        else:
            QTimer.singleShot(20, lambda: self._focus(name, answer, tries - 1))

    def _widget(self, name: str) -> QWidget:
        for widget in QApplication.allWidgets():
            if widget.objectName() == name and widget.window() in (self.window, QApplication.activeModalWidget()):
                return widget
        raise LookupError(name)

    # --- commands ----------------------------------------------------------

    def _read(self) -> None:
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            self.app.quit()
            return
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self._command(line.decode().strip())

    def _command(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "state":
            say("STATE " + json.dumps(self.state()))
        elif word == "focus":
            self._focus(rest, f"FOCUSED {rest}")
        elif word == "busy":
            say("BUSY")
            time.sleep(int(rest) / 1000)
        elif word == "busy-on-key":
            self.key_log.on_next_press = lambda: time.sleep(int(rest) / 1000)
            say("ARMED")
        elif word == "history":
            detail = self.window.members_tab.detail
            detail.show_member(int(rest))
            table = detail.history
            say("HISTORY " + json.dumps([table.item(row, table.columnCount() - 1).text()
                                         for row in range(table.rowCount())]))
        elif word == "quit":
            self.app.quit()
        else:
            say(f"UNKNOWN {line}")

    def state(self) -> dict[str, Any]:
        counter = self.window.counter
        fields: dict[str, str] = {}
        cursors: dict[str, int] = {}
        for widget in QApplication.allWidgets():
            name = widget.objectName()
            if not name or name.startswith("qt_"):
                continue
            if isinstance(widget, QLineEdit):
                fields[name] = widget.text()
                cursors[name] = widget.cursorPosition()
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                fields[name] = widget.toPlainText()
        focus = QApplication.focusWidget()
        modal = QApplication.activeModalWidget()
        active = QApplication.activeWindow()
        return {
            "member": counter.member.customer_name if counter.member is not None else None,
            "person": self.window.session.person.name if self.window.session.person is not None else None,
            "locked": self.window.session.locked,
            "name_label": counter.panel.name_label.text(),
            "result": counter.result_label.text(),
            "lookup_error": counter.lookup_error.text() if counter.lookup_error.isVisible() else "",
            "fields": fields,
            "cursors": cursors,
            "focus": focus.objectName() if focus is not None else None,
            "modal": modal.objectName() if modal is not None else None,
            "active": self.window.isActiveWindow(),
            "active_window": active.objectName() if active is not None else None,
            "active_wid": int(active.winId()) if active is not None else None,
            "tab": self.window.tabs.tabText(self.window.tabs.currentIndex()),
            "scans": self.scans,
            "dialog_scans": self.dialog_scans,
            "ignored": self.ignored,
            "keys": self.key_log.keys,
            "errors": self.errors,
            "wizard": _wizard_state(modal),
        }


def _wizard_state(modal: QWidget | None) -> dict[str, Any] | None:
    """The page a wizard shows, and which of its buttons can be pressed."""
    if not isinstance(modal, QWizard) or modal.currentPage() is None:
        return None
    button = QWizard.WizardButton
    return {"page": modal.currentPage().title(), "next": modal.button(button.NextButton).isEnabled()
            and modal.button(button.NextButton).isVisible(),
            "finish": modal.button(button.FinishButton).isEnabled() and modal.button(button.FinishButton).isVisible()}


def _show_tab_of(widget: QWidget) -> None:
    """Bring forward every tab page that holds the widget."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            parent.parentWidget().setCurrentWidget(child)
        child = parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--focus", default="counterLookup")
    parser.add_argument("--open-member", type=int, default=None)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Loyalty Desk")
    app.setOrganizationName("loyalty-desk")
    use_default_locale()
    apply_scheme(app, "light")
    driver = Driver(args)
    code = app.exec()
    driver.svc.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
