"""Starting `loyalty-desk`: its version, and a clear one-line refusal where no window can be shown."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loyalty_desk", *args], env=env, capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """An environment whose data folder is empty, with no display and no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM",
                                                             "LOYALTY_DESK_DATABASE_URL")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["HOME"] = str(tmp_path)
    return env


def test_version_comes_from_the_package_metadata(home):
    done = run("--version", env=home)
    assert done.returncode == 0
    assert done.stdout.strip() == f"loyalty-desk {version('loyalty-desk')}"


def free_display() -> str:
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    return f":{number}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays are a Linux matter")
@pytest.mark.parametrize("display", [None, "unreachable"])
def test_no_usable_display_is_one_line_and_exit_1_and_nothing_is_created(home, tmp_path, display):
    if display == "unreachable":
        home["DISPLAY"] = display = free_display()
    done = run(env=home)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("loyalty-desk: "), done.stderr
    assert "offscreen" not in done.stderr and "xcb-cursor" not in done.stderr
    assert (f"cannot reach the display {display}" if display else "no display found") in lines[0]
    assert not (tmp_path / "data" / "loyalty-desk" / "loyalty.db").exists()
