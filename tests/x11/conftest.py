"""Real X11 key events: a private Xvfb server, the app in a child process, and xdotool to type.

The rest of the suite runs Qt offscreen, which hides how keys really arrive
(Shift before capitals, X server timestamps, Qt's X11 key bindings). These
tests start one Xvfb for the session (on a display number it picks itself,
with ``-displayfd``), run tests/x11/driver.py under ``QT_QPA_PLATFORM=xcb``
for each test, and type into it with xdotool (XTEST), exactly as a USB
keyboard-wedge scanner or a person would.

The folder is skipped when Xvfb or xdotool is missing, except under .ci/run, which installs
them and sets LOYALTY_TEST_X11=required.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from loyalty_desk.services import LoyaltyService

from ..staff_support import staffed_shop
from ..support import SHOP, enroll, make_program

DRIVER = Path(__file__).with_name("driver.py")
START_TIMEOUT_S = 30


@pytest.fixture(scope="session")
def x_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Xvfb server for the session, stopped by its process id at the end."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        why = f"real X11 tests need {' and '.join(missing)} (apt-get install xvfb xdotool)"
        if os.environ.get("LOYALTY_TEST_X11") == "required":  # .ci/run: never skip them there
            pytest.fail(why)
        pytest.skip(why)
    log = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    read_fd, write_fd = os.pipe()
    with open(log, "wb") as log_file:
        # -displayfd: Xvfb takes the first free display (it checks /tmp/.X11-unix and the
        # /tmp/.X<N>-lock files itself, without a race) and writes its number once it accepts clients.
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
                                   "-nolisten", "tcp", "-noreset"],
                                  pass_fds=(write_fd,), stdout=log_file, stderr=subprocess.STDOUT,
                                  preexec_fn=_like_hardware)
    os.close(write_fd)
    try:
        number = _read_display_number(read_fd, server)
        display = f":{number}"
        subprocess.run(["xdotool", "getmouselocation"], env={**os.environ, "DISPLAY": display},
                       check=True, capture_output=True, timeout=10)
        yield display
    finally:
        os.close(read_fd)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _like_hardware() -> None:
    """Run the X server and xdotool ahead of the test workers (in the child, before exec).

    A scanner's key times come from hardware; here they come from xdotool and the times Xvfb
    stamps, and with four test workers on two cores either process can be put off for 40 ms in
    the middle of a burst, which is typing by the scanner's rule. Real-time scheduling (or, where
    that is refused, a high priority) keeps the keys as close together as a scanner sends them.
    The app under test keeps its normal priority."""
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
    except OSError:
        try:
            os.nice(-15)
        except OSError:
            pass  # not allowed here: the keys go out at normal priority


def _read_display_number(fd: int, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + START_TIMEOUT_S
    data = b""
    while not data.endswith(b"\n"):
        if time.monotonic() > deadline or server.poll() is not None:
            raise RuntimeError(f"Xvfb did not start (exit code {server.poll()})")
        chunk = os.read(fd, 64)
        if not chunk:
            raise RuntimeError(f"Xvfb did not start (exit code {server.wait()})")
        data += chunk
    return data.decode().strip()


@dataclass
class Shop:
    db: Path
    ids: dict[str, int]
    cards: dict[str, str]


def _corner_shop(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, name: str,
                 fill: Callable[[LoyaltyService], Any]) -> tuple[Path, Any]:
    """A migrated SQLite file holding the Corner Shop, filled by `fill` (whose result is returned)."""
    path = tmp_path_factory.mktemp(name) / "shop.db"
    shutil.copyfile(sqlite_template, path)
    svc = LoyaltyService(f"sqlite:///{path}")
    try:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC",
                             "phone_region": "US"})
        return path, fill(svc)
    finally:
        svc.close()


@pytest.fixture(scope="session")
def x11_shop(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Shop:
    """A shop with a program and two members, made once; each test's window gets its own copy."""
    def fill(svc: LoyaltyService) -> dict[str, Any]:
        program = make_program(svc, min_redemption_points=0)
        return {name: enroll(svc, program.id, name) for name in ("Ada Lovelace", "Grace Hopper")}

    path, members = _corner_shop(tmp_path_factory, sqlite_template, "x11-shop", fill)
    return Shop(path, {n: m.id for n, m in members.items()}, {n: m.card_number for n, m in members.items()})


@dataclass(frozen=True)
class StaffedShop:
    db: Path
    member_id: int
    card: str


@pytest.fixture(scope="session")
def x11_staffed_shop(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> StaffedShop:
    """A shop with an owner, a manager and two cashiers (tests/staff_support.py), and Ada with 1,000 points."""
    path, staffed = _corner_shop(tmp_path_factory, sqlite_template, "x11-staffed", staffed_shop)
    return StaffedShop(path, staffed.member.id, staffed.member.card_number)


@dataclass
class App:
    """One running driver.py: a real MainWindow on the Xvfb display."""

    process: subprocess.Popen[str]
    display: str
    lines: queue.Queue[str]
    stderr_path: Path
    ready: dict[str, Any] = field(default_factory=dict)

    def expect(self, prefix: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {prefix!r} from the app within {timeout} s{self._stderr()}") from None
            if line is None:  # type: ignore[comparison-overlap]
                raise AssertionError(f"the app exited (code {self.process.poll()}){self._stderr()}")
            if line.startswith(prefix):
                return line[len(prefix):].strip()
            if line.startswith(("FAILED", "UNKNOWN")):
                raise AssertionError(line + self._stderr())

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def state(self) -> dict[str, Any]:
        self.send("state")
        return json.loads(self.expect("STATE"))

    def wait_for(self, check: Callable[[dict[str, Any]], bool], timeout: float = 5) -> dict[str, Any]:
        """Poll the app's state until check(state) holds; the last state either way."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if check(state) or time.monotonic() > deadline:
                return state
            time.sleep(0.03)

    def settle(self, quiet_s: float = 0.25) -> dict[str, Any]:
        """The state once the app has seen no new key for quiet_s (held keys are handed on by then)."""
        seen = -1
        while True:
            state = self.state()
            if len(state["keys"]) == seen:
                return state
            seen = len(state["keys"])
            time.sleep(quiet_s)

    def focus(self, name: str) -> None:
        self.send(f"focus {name}")
        self.expect("FOCUSED")

    def xdotool(self, *args: str, script: str | None = None) -> None:
        """Run xdotool on the test display; with script, run those commands (one a line) in one process."""
        subprocess.run(["xdotool", *args] if script is None else ["xdotool", "-"], input=script,
                       env={**os.environ, "DISPLAY": self.display}, check=True, timeout=30,
                       capture_output=True, text=True, preexec_fn=_like_hardware)

    def x_focus(self) -> int:
        """The X window that has the X server's input focus (where the next key goes)."""
        answer = subprocess.run(["xdotool", "getwindowfocus"], env={**os.environ, "DISPLAY": self.display},
                                check=True, timeout=30, capture_output=True, text=True)
        return int(answer.stdout.strip())

    def scan(self, code: str, *, delay_ms: int = 4, enter: str = "Return") -> None:
        """A keyboard-wedge scanner: the code a few ms a key (Shift around each capital), then Enter.

        One xdotool process for the whole burst ("type" takes the rest of its line as text, so the
        Enter is a second command of a script), so that no process start-up opens a gap before Enter.
        """
        assert code.replace("-", "").isalnum()
        self.xdotool(script=f"type --delay {delay_ms} {code}\nkey --delay {delay_ms} {enter}\n")

    def type(self, text: str, *, gap_ms: int = 90) -> None:
        """A person typing, gap_ms from one key press to the next.

        xdotool sleeps half its --delay after each press and each release, so a press follows
        the previous one about --delay / 2 later (measured under Xvfb; see the keys' X times).
        """
        self.xdotool("type", "--delay", str(2 * gap_ms), text)

    def key(self, *keys: str, gap_ms: int = 90) -> None:
        self.xdotool("key", "--delay", str(2 * gap_ms), *keys)

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()

    def _stderr(self) -> str:
        try:
            text = self.stderr_path.read_text(errors="replace").strip()
        except OSError:
            return ""
        return f"\n--- the app's stderr ---\n{text[-4000:]}" if text else ""


@pytest.fixture
def start_app(x_display: str, x11_shop: Shop, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """start_app(focus="membersSearch", open_member=None, source=None): the main window on a copy of the
    `source` database (x11_shop's by default), READY with that widget focused."""
    apps: list[App] = []

    def start(focus: str = "counterLookup", open_member: int | None = None, source: Path | None = None) -> App:
        run = tmp_path / f"app{len(apps)}"
        run.mkdir()
        db = run / "shop.db"
        shutil.copyfile(source or x11_shop.db, db)
        env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb",
               "XDG_CONFIG_HOME": str(run / "config"), "XDG_STATE_HOME": str(run / "state"),
               "XDG_DATA_HOME": str(run / "data"), "XDG_CACHE_HOME": str(run / "cache"),
               "PYTHONUNBUFFERED": "1"}
        for variable in ("QT_IM_MODULE", "XMODIFIERS", "WAYLAND_DISPLAY"):
            env.pop(variable, None)
        command = [sys.executable, str(DRIVER), "--db", str(db), "--focus", focus]
        if open_member is not None:
            command += ["--open-member", str(open_member)]
        stderr_path = run / "stderr.txt"
        with open(stderr_path, "w") as stderr:
            process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=stderr, text=True, bufsize=1)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_pump, args=(process, lines), daemon=True).start()
        app = App(process, x_display, lines, stderr_path)
        apps.append(app)
        app.ready = json.loads(app.expect("READY", timeout=START_TIMEOUT_S))
        return app

    yield start
    for app in apps:
        app.close()


def _pump(process: subprocess.Popen[str], lines: queue.Queue[Any]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line.rstrip("\n"))
    lines.put(None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist, every real-X11 test runs on the same worker: one Xvfb, one app at a time."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.xdist_group("x11"))
