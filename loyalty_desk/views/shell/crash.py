"""Unexpected errors: written to the log file, shown as a friendly message, and the app keeps running."""
from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ... import paths
from ...errors import LoyaltyError

log = logging.getLogger("loyalty_desk")


def log_path() -> Path:
    return paths.log_file()


def setup_logging() -> Path:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


class CrashReporter:
    """Installed as sys.excepthook: Qt calls it for exceptions raised in slots."""

    def __init__(self) -> None:
        self.previous = sys.excepthook
        self.shown = 0

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self.previous

    def handle(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, KeyboardInterrupt):
            self.previous(kind, error, tb)
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        log.error("unexpected error\n%s", text)
        if isinstance(error, LoyaltyError):
            message = str(error)
        else:
            message = ("Something went wrong, but nothing was lost: the last action was not saved.\n\n"
                       f"The details are in {log_path()}.")
        self.shown += 1
        self.show(message)

    def show(self, message: str) -> None:
        parent: QWidget | None = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, "Loyalty Desk", message, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("crashDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.box = box  # keep the Python object alive while it shows (it has no parent without a window)
        box.open()
