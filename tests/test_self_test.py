"""`loyalty-desk --self-test`: every step passes here, with no display, and leaves nothing anywhere;
a failing step is named on stdout, its detail goes to stderr, and the exit status is 1."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from loyalty_desk import self_test

ROOT = Path(__file__).resolve().parents[1]


def test_self_test_passes_without_a_display_and_leaves_nothing_behind(tmp_path):
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(home), TMPDIR=str(temp), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_STATE_HOME=str(home / "state"), PYTHONPATH=str(ROOT))
    env.pop("LOYALTY_DESK_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "loyalty_desk", "--self-test"], env=env, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("  ")[:2] for line in lines[:-1]] == [["ok", name] for name, _ in self_test.STEPS]
    assert all(line.endswith(" ms)") for line in lines[:-1])
    assert lines[-1] == f"self-test passed: {len(self_test.STEPS)} steps"
    # The temporary database is gone, and the user's data, config and cache folders were never made.
    assert list(temp.iterdir()) == [] and list(home.iterdir()) == []


def test_a_failing_step_is_named_and_stops_the_run(tmp_path, qapp, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    reached = []

    def broken(run: self_test.Run) -> None:
        raise ValueError("the decoder is missing")

    steps = [*self_test.STEPS[:2], ("decode the card's QR code", broken), ("never run", reached.append)]
    out, err = io.StringIO(), io.StringIO()
    assert self_test.run(steps, out, err) == 1
    lines = out.getvalue().splitlines()
    assert [line.split("  ")[0] for line in lines[:3]] == ["ok", "ok", "FAIL"]
    assert lines[2:] == ["FAIL  decode the card's QR code", "self-test failed at: decode the card's QR code"]
    assert "Traceback" not in out.getvalue() and "the decoder is missing" not in out.getvalue()
    assert "decode the card's QR code: ValueError: the decoder is missing" in err.getvalue()
    assert reached == [] and list(tmp_path.iterdir()) == []
