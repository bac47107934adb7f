"""Backups at the desktop: Settings ▸ Backups… (the folder, kept per computer: a USB stick or
a synced folder), the daily copy after the daily jobs, the last backup in the status bar (a
warning after 7 days without one), and File ▸ Restore from backup….

The copies are made by the service (SQLite's online backup API, verified, 7 daily and 4 weekly
kept); this module only chooses where, says when, and runs them off the GUI thread.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ...errors import LoyaltyError
from ...services.backups import last_backup
from ..i18n import plural, tr
from ..refusals import refusal_words
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import Confirm, error_label
from ..widgets.workers import run_job
from .session import ShopSession
from .theme import paint

FOLDER_KEY = "backup/folder"
STALE_DAYS = 7


def backup_folder(store: QSettings) -> str:
    """The folder chosen on this computer ("" when none: no automatic backups)."""
    return str(store.value(FOLDER_KEY, "") or "")


def backup_status(folder: str, now: dt.datetime) -> tuple[str, str]:
    """The status bar's words about backups, and their tone ("muted" or "bad")."""
    if not folder:
        return tr("No backup folder: Settings ▸ Backups…"), "bad"
    try:
        last = last_backup(folder)
    except LoyaltyError:
        last = None
    if last is None:
        return tr("No backup yet"), "bad"
    days = (now - last.taken_at).days
    when = fmt.date_time(last.taken_at)
    if days >= STALE_DAYS:
        return tr("Last backup {when}: {days} days ago").format(when=when, days=days), "bad"
    return tr("Last backup {when}").format(when=when), "muted"


class BackupDialog(QDialog):
    """Where the daily copy goes, and a copy now."""

    def __init__(self, session: ShopSession, store: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = store
        self.setObjectName("backupDialog")
        self.setWindowTitle(tr("Backups"))
        self.folder = build.line_edit("backupFolder", backup_folder(store), accessible=tr("Backup folder"),
                                      placeholder=tr("a folder on a USB stick or a synced drive"))
        choose = build.button(tr("Choose…"), "backupChoose", self.choose)
        self.now_button = build.button(tr("Back up now"), "backupNow", self.back_up_now)
        self.outcome = build.label("backupOutcome", wrap=True)
        self.error = error_label("backupError")
        close = build.button(tr("Close"), "backupClose", self.accept)
        build.column(build.label("backupIntro", tr("Every day, after the daily jobs, Loyalty Desk copies the whole "
                                    "database into this folder, checks the copy, and keeps the last 7 daily and 4 "
                                    "weekly copies. Choose a folder on another disk: a USB stick or a synced "
                                    "folder."), wrap=True),
                     build.row(self.folder, choose, margins=False), self.outcome, self.error,
                     build.row(self.now_button, None, close, margins=False), parent=self)
        self.setMinimumWidth(520)
        self.job: Any = None

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Backup folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        self.store.setValue(FOLDER_KEY, self.folder.text().strip())
        super().accept()

    def back_up_now(self) -> None:
        folder = self.folder.text().strip()
        self.error.setVisible(False)
        if not folder:
            self.error.setText(tr("Choose the folder first"))
            self.error.setVisible(True)
            return
        self.store.setValue(FOLDER_KEY, folder)
        self.now_button.setEnabled(False)
        self.outcome.setText(tr("Copying and checking the database…"))
        # A person's copy, named as theirs (the daily one after the jobs is the system's).
        user, actor = self.session.user_id, self.session.actor
        run_job(lambda _report: self.session.svc.backup_to_folder(folder, user_id=user, actor=actor),
                self._done, self._failed)

    def _done(self, made: Any) -> None:
        self.now_button.setEnabled(True)
        size = made.backup.size_bytes / 2**20
        count = len(made.removed)
        removed = plural(count, tr("; {n} old copy removed"), tr("; {n} old copies removed")).format(n=count) \
            if made.removed else ""
        self.outcome.setText(tr("Saved and checked {name} ({size} MB)").format(
            name=Path(made.backup.path).name, size=f"{size:,.1f}") + removed)

    def _failed(self, error: BaseException) -> None:
        self.now_button.setEnabled(True)
        self.outcome.setText("")
        self.error.setText(refusal_words(error) if isinstance(error, LoyaltyError)
                           else tr("The backup failed: {error}").format(error=refusal_words(error)))
        self.error.setVisible(True)


def show_status(label: Any, folder: str, now: dt.datetime) -> None:
    text, tone = backup_status(folder, now)
    label.setText(text)
    paint(label, tone)


def ask_restore(parent: QWidget) -> str | None:
    """Choose a backup and confirm; returns its path (None: nothing to do)."""
    path, _ = QFileDialog.getOpenFileName(parent, tr("Restore from backup"), "",
                                          tr("Loyalty Desk backups (*.db);;All (*)"))
    if not path:
        return None
    if not Confirm.ask(parent, tr("Restore from backup"),
                       tr("Replace the shop's database by {name}? Everything since that backup is "
                          "lost. The database as it is now is kept beside it.").format(name=Path(path).name)):
        return None
    return path


class HealthBanner(QWidget):
    """A line across the top when the database needs the person's attention: opened read-only,
    or damaged (found by the full check after an unclean shutdown), with what to do."""

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("healthBanner")
        self.text = build.label("healthText", wrap=True)
        paint(self.text, "bad")
        self.rebuild = build.button(tr("Rebuild the indexes"), "healthRebuild", self.rebuild_indexes)
        self.rebuild.setVisible(False)
        build.row((self.text, 1), self.rebuild, margins=False, parent=self)
        self.setVisible(False)
        if session.svc.read_only:
            self.say(tr("This database is open read-only (the file, its folder or its disk cannot be written): "
                        "you can look, but nothing can be saved."))

    def say(self, text: str, *, offer_rebuild: bool = False) -> None:
        self.text.setText(text)
        self.rebuild.setVisible(offer_rebuild)
        self.setVisible(True)

    def check_after_crash(self) -> None:
        """After an unclean shutdown: the full integrity check, in the background."""
        if self.session.svc.unclean_shutdown:
            run_job(lambda _report: self.session.svc.check_integrity(), self._checked, lambda _error: None)

    def _checked(self, report: Any) -> None:
        if report.ok:
            return
        if report.indexes_only:
            self.say(tr("The last session ended abruptly and {n} index(es) are damaged: "
                        "rebuild them now (a few seconds; nothing is lost).").format(n=len(report.damaged_indexes)),
                     offer_rebuild=True)
        else:
            self.say(tr("The last session ended abruptly and the database is damaged: restore the last backup "
                        "(File ▸ Restore from backup…)."))

    def rebuild_indexes(self) -> None:
        self.rebuild.setEnabled(False)
        run_job(lambda _report: self.session.svc.rebuild_indexes(), self._rebuilt,
                lambda error: self.say(
                    tr("The indexes could not be rebuilt: {error}").format(error=refusal_words(error))))

    def _rebuilt(self, report: Any) -> None:
        self.rebuild.setEnabled(True)
        if report.ok:
            self.setVisible(False)
        else:
            self._checked(report)
