"""Unexpected errors: written to the log file, shown as a friendly message, and the app keeps running."""
from __future__ import annotations

import logging
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ... import paths, redaction
from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words

log = logging.getLogger("loyalty_desk")


def log_path() -> Path:
    return paths.log_file()


class PrivateLogFile(RotatingFileHandler):
    """The log file, 0600 whatever the umask; rotation renames it, so the older copies stay 0600 too."""

    def _open(self) -> TextIOWrapper:
        # "a", as RotatingFileHandler always appends when it rotates by size.
        return open(self.baseFilename, "a", encoding=self.encoding, errors=self.errors, opener=paths.open_private)


def setup_logging() -> Path:
    path = log_path()
    paths.private_dir(path.parent)
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = PrivateLogFile(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(redaction.install(handler))
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
        # Kinds, codes, frames and ids only: a refusal's words and a driver's details may name a member.
        log.error("unexpected error\n%s", redaction.crash_report(error if tb is None else error.with_traceback(tb)))
        if isinstance(error, LoyaltyError):
            message = refusal_words(error)
        else:
            message = tr("Something went wrong, but nothing was lost: the last action was not saved.\n\n"
                         "The details are in {path}.").format(path=log_path())
        self.shown += 1
        self.show(message)

    def show(self, message: str) -> None:
        parent: QWidget | None = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, "Loyalty Desk", message, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("crashDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.box = box  # keep the Python object alive while it shows (it has no parent without a window)
        box.open()
