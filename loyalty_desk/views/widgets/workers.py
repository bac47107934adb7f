"""Work off the GUI thread: a runnable that reports its result, error and progress by signal."""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..i18n import tr


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class Job(QRunnable):
    """Runs `work(report)` in the thread pool; `report(done, total, stage)` updates the progress."""

    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work(lambda done, total, stage: self.signals.progress.emit(done, total, stage))
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[Job] = set()


def run_job(work: Callable[[Callable[[int, int, str], None]], Any], on_done: Callable[[Any], object],
            on_error: Callable[[BaseException], object], *, parent: QWidget | None = None,
            title: str | None = None) -> Job:
    """Start `work` in the background. With a title, a progress dialog shows until it ends."""
    job = Job(work)
    dialog: QProgressDialog | None = None
    if title is not None:
        dialog = QProgressDialog(parent)
        dialog.setLabelText(title)
        dialog.setCancelButton(None)  # no Cancel button: the work cannot be stopped half way
        dialog.setRange(0, 0)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle("Loyalty Desk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)

        def progress(done: int, total: int, stage: str) -> None:
            assert dialog is not None
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            dialog.setLabelText(f"{stage}…")

        job.signals.progress.connect(progress)

    def finish() -> None:
        _running.discard(job)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def failed(exc: BaseException) -> None:
        finish()
        on_error(exc)

    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    _running.add(job)  # keep the Python object (and its signals) alive until it reports
    job.setAutoDelete(False)
    QThreadPool.globalInstance().start(job)
    return job


def busy() -> bool:
    return bool(_running)


WAIT_NOTICE_MS = 300  # after this long without an answer, tell the cashier why
def waiting() -> str:
    """What a cashier sees while another register holds the database."""
    return tr("Waiting for the database… another register is saving")


def run_call(work: Callable[[], Any], on_done: Callable[[Any], object], on_error: Callable[[BaseException], object],
             *, on_waiting: Callable[[], None] | None = None, wait_notice_ms: int = WAIT_NOTICE_MS) -> Job:
    """One service call off the GUI thread, so the window keeps painting and keeps the keys typed meanwhile.

    `on_waiting` runs once if no answer came within `wait_notice_ms` (another register or the daily
    job holds the database). The call's own time limit lives in the service (DatabaseBusy), so a
    refusal here always means nothing was written.
    """
    def done(result: Any) -> None:
        timer.stop()
        on_done(result)

    def failed(error: BaseException) -> None:
        timer.stop()
        on_error(error)

    job = run_job(lambda _report: work(), done, failed)
    timer = QTimer(job.signals)
    timer.setSingleShot(True)
    if on_waiting is not None:
        timer.timeout.connect(on_waiting)
        timer.start(wait_notice_ms)

    return job


def report_unexpected(error: BaseException) -> None:
    """An error that is not a refusal: to the crash reporter (log file and a friendly message)."""
    sys.excepthook(type(error), error, error.__traceback__)
