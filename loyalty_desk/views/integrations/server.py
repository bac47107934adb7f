"""The local HTTP API run from the desktop (Settings ▸ Integrations…): `loyalty-desk serve` as a
child process, its state, and its request log.

The server is a process of its own, never a thread of the window: it opens the database on its
own connections (as another register would), its requests never wait for the GUI, and the GUI
never waits for them. It is stopped with SIGTERM, on which uvicorn takes no new connection and
lets the requests in flight finish; after STOP_GRACE_MS it is killed. It outlives the dialog
and stops when the app quits (main_window.closeEvent).

The database URL goes to the child in the environment, not on its command line, where any user
of the computer could read a PostgreSQL password in the process list.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from ..i18n import tr

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8731
LOG_LINES = 500                  # the request log keeps this many lines
STOP_GRACE_MS = 30_000           # requests in flight get this long to finish before a kill
DATABASE_ENV = "LOYALTY_DESK_DATABASE_URL"     # what `serve` opens when no --database-url is given
PACKAGE_ROOT = Path(__file__).resolve().parents[3]   # the folder holding loyalty_desk/
# uvicorn's line once it listens (its logger goes to stderr through the app's redacting handler).
LISTENING = "Uvicorn running on"
# The API's access line (api/app.py, Guard): "GET /api/loyalty/members: status 200, 41 ms".
REQUEST = re.compile(r"^(?P<method>[A-Z]+) (?P<path>.*?): status (?P<status>\d{3}|-), (?P<ms>\d+) ms$")


class State(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class LogLine:
    """One line of the log: a request (method, path, status, ms), or a note from the server."""

    at: dt.datetime
    text: str
    method: str = ""
    path: str = ""
    status: str = ""
    ms: int = 0

    @property
    def is_request(self) -> bool:
        return bool(self.method)


def parse_line(at: dt.datetime, text: str) -> LogLine:
    found = REQUEST.match(text)
    if found is None:
        return LogLine(at, text)
    return LogLine(at, text, found["method"], found["path"], found["status"], int(found["ms"]))


def failure_reason(lines: list[str], host: str, port: int, exit_code: int) -> str:
    """Why the server stopped by itself, in words the owner can act on."""
    said = "\n".join(lines).lower()
    if "address already in use" in said or "errno 98" in said or "errno 48" in said:
        return tr("Port {port} is in use by another program: choose another port, or stop that program").format(
            port=port)
    if "cannot assign requested address" in said or "errno 99" in said or "name or service not known" in said:
        return tr("This computer has no address {host}: use 127.0.0.1, or one of this computer's addresses").format(
            host=host)
    if "permission denied" in said or "errno 13" in said:
        return tr("Port {port} needs administrator rights: choose a port from 1024 up").format(port=port)
    last = next((line for line in reversed(lines) if line.strip()), "")
    if last:
        return tr("The server stopped (exit code {code}): {last}").format(code=exit_code, last=last)
    return tr("The server stopped (exit code {code})").format(code=exit_code)


def serve_command(host: str, port: int) -> tuple[str, list[str]]:
    """The program and arguments that run `loyalty-desk serve` with this Python (or this bundle)."""
    arguments = ["serve", "--host", host, "--port", str(port)]
    if getattr(sys, "frozen", False):        # a PyInstaller bundle: the executable is the app
        return sys.executable, arguments
    return sys.executable, ["-m", "loyalty_desk", *arguments]


class LocalServer(QObject):
    """`loyalty-desk serve` over the session's database, started and stopped without blocking."""

    stateChanged = Signal(str)
    lineLogged = Signal(object)          # a LogLine

    def __init__(self, database_url: Callable[[], str], clock: Callable[[], dt.datetime],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database_url = database_url    # asked at each start: a restore may have reopened the shop
        self.clock = clock
        self.state = State.STOPPED
        self.reason = ""                     # why it failed, for the failed state
        self.host, self.port = DEFAULT_HOST, DEFAULT_PORT
        self.log: deque[LogLine] = deque(maxlen=LOG_LINES)
        self._said: deque[str] = deque(maxlen=20)    # the last lines, for a failure's reason
        self._partial = {QProcess.ProcessChannel.StandardOutput: b"", QProcess.ProcessChannel.StandardError: b""}
        self.process: QProcess | None = None
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._kill)

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}"

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning

    def pid(self) -> int:
        """The child's process id (0 when none runs)."""
        return int(self.process.processId()) if self.alive and self.process is not None else 0

    def start(self, host: str, port: int) -> None:
        if self.alive:
            return
        self.host, self.port, self.reason = host, port, ""
        self._said.clear()
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert(DATABASE_ENV, self._database_url())
        environment.insert("PYTHONUNBUFFERED", "1")
        if not getattr(sys, "frozen", False):   # the child imports the same checkout as this window
            paths = [str(PACKAGE_ROOT), *filter(None, [environment.value("PYTHONPATH")])]
            environment.insert("PYTHONPATH", ":".join(paths) if sys.platform != "win32" else ";".join(paths))
        process.setProcessEnvironment(environment)
        process.setWorkingDirectory(str(Path.home()))
        process.readyReadStandardError.connect(lambda: self._read(QProcess.ProcessChannel.StandardError))
        process.readyReadStandardOutput.connect(lambda: self._read(QProcess.ProcessChannel.StandardOutput))
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self.process = process
        self._note(tr("Starting on {url}").format(url=self.url))
        program, arguments = serve_command(host, port)
        process.start(program, arguments)
        if not self.reason:                 # FailedToStart may have been said already (`_error`)
            self._set(State.STARTING)

    def stop(self) -> None:
        """SIGTERM: the requests in flight finish, then it exits (`stateChanged` says when)."""
        if not self.alive or self.process is None or self.state == State.STOPPING:
            return
        self._set(State.STOPPING)
        self.process.terminate()
        self._kill_timer.start(STOP_GRACE_MS)

    def _kill(self) -> None:
        if self.alive and self.process is not None:
            self._note(tr("Still busy after {seconds} s: stopped at once").format(seconds=STOP_GRACE_MS // 1000))
            self.process.kill()

    def _read(self, channel: QProcess.ProcessChannel) -> None:
        process = self.process
        if process is None:
            return
        process.setReadChannel(channel)
        data = self._partial[channel] + bytes(process.readAll().data())
        *complete, self._partial[channel] = data.split(b"\n")
        for raw in complete:
            text = raw.decode("utf-8", "replace").rstrip("\r")
            if text:
                self._line(text)

    def _line(self, text: str) -> None:
        text = text.removesuffix(" (Press CTRL+C to quit)")    # Stop is the button here
        self._said.append(text)
        line = parse_line(self.clock(), text)
        self._append(line)
        if self.state == State.STARTING and text.startswith(LISTENING):
            self._set(State.RUNNING)

    def _note(self, text: str) -> None:
        self._append(LogLine(self.clock(), text))

    def _append(self, line: LogLine) -> None:
        self.log.append(line)
        self.lineLogged.emit(line)

    def _finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        self._kill_timer.stop()
        for channel in self._partial:       # a last line without its newline
            if self._partial[channel]:
                self._line(self._partial[channel].decode("utf-8", "replace"))
                self._partial[channel] = b""
        if self.state == State.STOPPING:
            self._note(tr("Stopped"))
            self._set(State.STOPPED)
        else:
            self.reason = failure_reason(list(self._said), self.host, self.port, exit_code)
            self._note(self.reason)
            self._set(State.FAILED)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:    # no `finished` follows
            self.reason = tr("The server could not be started: {reason}").format(
                reason=self.process.errorString() if self.process else error)
            self._note(self.reason)
            self._set(State.FAILED)

    def _set(self, state: State) -> None:
        self.state = state
        self.stateChanged.emit(state.value)
