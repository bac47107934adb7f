"""The desktop's mail sender: while the app runs, what is due in the outbox goes every minute,
in a thread of its own (never the GUI's), through `send_due_messages` (README, "Messages").

It runs only for a shop whose mail server is set, never on a read-only database, and one run at
a time. `stop()` asks the run in flight to stop between two messages (`should_stop`); the window
waits for `stopped` before it closes, without blocking: a message being handed to the server
finishes, and the rest stay in the outbox for the next start (or `loyalty-desk send-messages`).
"""
from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets.workers import Job
from .mail import MailTools

log = logging.getLogger(__name__)
SEND_EVERY_MS = 60_000
FIRST_SEND_MS = 15_000            # after start-up, when the till is ready


class MailSender(QObject):
    finished = Signal(object)     # the SendReport of a run (None when the run failed)
    stopped = Signal()            # stop() was asked and nothing runs any more

    def __init__(self, session: ShopSession, mail: MailTools, *, every_ms: int = SEND_EVERY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.mail = mail
        self._pool = QThreadPool(self)       # its own: the window's wait for the shared pool never waits for mail
        self._pool.setMaxThreadCount(1)
        self._job: Job | None = None
        self._stop = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.send_now)
        self._paused = False

    def start(self, first_ms: int = FIRST_SEND_MS) -> None:
        self._stop.clear()
        self._timer.start()
        QTimer.singleShot(first_ms, self, self.send_now)

    @property
    def running(self) -> bool:
        return self._job is not None

    def why_not(self) -> str:
        """Why nothing would be sent now ("" when a run may start)."""
        shop = self.session.shop
        if self._stop.is_set():
            return tr("The mail sender is stopping")
        if self._paused:
            return tr("Sending waits while the database is restored")
        if self.session.svc.read_only:
            return tr("This database is open read-only: no mail is sent from here")
        if shop is None or not shop.smtp_host or not shop.smtp_from:
            return tr("Set the mail server first (Settings ▸ Messages… ▸ Mail server)")
        if self.running:
            return tr("Sending already")
        return ""

    def send_now(self) -> bool:
        """Start a run now, unless one runs or there is nothing to send through. Says whether it started."""
        if self.why_not():
            return False
        svc, user, mail, stop = self.session.svc, self.session.user_id, self.mail, self._stop
        job = Job(lambda _report: mail.send_due_messages(svc, user, should_stop=stop.is_set))
        job.setAutoDelete(False)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._job = job
        self._pool.start(job)
        return True

    def _done(self, report: Any) -> None:
        self._job = None
        if report.sent or report.failed or report.retrying:
            log.info("mail: %d sent, %d to try again, %d failed", report.sent, report.retrying, report.failed)
        self.finished.emit(report)
        self._after_run()

    def _failed(self, error: BaseException) -> None:
        self._job = None
        log.error("the mail sender failed: %s", type(error).__name__)   # its words may quote an address
        self.finished.emit(None)
        self._after_run()

    def _after_run(self) -> None:
        if self._stop.is_set():
            self.stopped.emit()

    def pause(self) -> bool:
        """No new run until `resume` (a run in flight goes on). Says whether the timer was running."""
        was = self._timer.isActive()
        self._timer.stop()
        self._paused = True
        return was

    def resume(self, timer: bool) -> None:
        self._paused = False
        if timer and not self._stop.is_set():
            self._timer.start()

    def stop(self) -> bool:
        """No new run; the one in flight stops after its current message. True while it still runs
        (`stopped` follows), False when nothing runs."""
        self._timer.stop()
        self._stop.set()
        return self.running
