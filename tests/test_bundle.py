"""The Linux bundle, built for real by scripts/build-bundle (once per test session, on one worker):
it runs its self-test and --version with no display, its archive installs with install.sh into a
home folder of its own (menu entry, icon, program) and uninstalls leaving nothing behind."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from loyalty_desk import self_test
from loyalty_desk.version import app_version

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.bundle, pytest.mark.xdist_group("bundle")]


def quiet_env(home: Path) -> dict[str, str]:
    """No display, and a home of its own: nothing of the person running the tests is read or written."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LOYALTY_DESK_DATABASE_URL", "PYTHONPATH")
           and not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return env


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """scripts/build-bundle into a temporary dist folder; its output is printed with the timing."""
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    done = subprocess.run([str(ROOT / "scripts" / "build-bundle"), "--dist", str(out / "dist"),
                           "--work", str(out / "work")], env={**os.environ, "PYTHON": sys.executable},
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(f"\nbuild-bundle: {time.monotonic() - started:.0f} s\n{done.stdout}")
    return out / "dist"


def run_bundle(program: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(program), *args], env=quiet_env(home), capture_output=True, text=True, timeout=300)


def test_the_bundle_passes_its_self_test_and_knows_its_version(built, tmp_path):
    program = built / "loyalty-desk" / "loyalty-desk"
    done = run_bundle(program, "--self-test", home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("  ")[:2] for line in lines[:-1]] == [["ok", name] for name, _ in self_test.STEPS]
    assert run_bundle(program, "--version", home=tmp_path).stdout.strip() == f"loyalty-desk {app_version()}"
    assert list(tmp_path.iterdir()) == []      # the self-test left nothing in the home folder


def test_the_bundle_holds_what_the_app_reads_and_not_what_it_never_loads(built):
    internal = built / "loyalty-desk" / "_internal"
    package = internal / "loyalty_desk"
    # Alembic reads the migrations as files from a folder: every one of them, and its env.py and template.
    source = ROOT / "loyalty_desk" / "db" / "migrations"
    assert {p.name for p in (package / "db" / "migrations" / "versions").glob("*.py")} == \
        {p.name for p in (source / "versions").glob("*.py")}
    assert (package / "db" / "migrations" / "env.py").is_file()
    assert (package / "db" / "migrations" / "script.py.mako").is_file()
    assert list((package / "demo").glob("*.png")) and (package / "assets" / "loyalty-desk.png").is_file()
    assert {p.name for p in (package / "fonts").glob("*.ttf")} >= {"DejaVuSans.ttf", "DejaVuSansMono.ttf"}
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert {p.name for p in (plugins / "platforms").iterdir()} >= {"libqxcb.so", "libqoffscreen.so"}
    assert not list(internal.rglob("libQt6Quick*")) and not list(internal.rglob("libQt6Qml*"))
    assert not list((plugins / "platforms").glob("libqvnc*"))


def test_the_archive_installs_with_a_menu_entry_and_uninstalls_cleanly(built, tmp_path):
    version = app_version()
    archive = built / f"loyalty-desk-{version}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run([str(tmp_path / "unpacked" / "loyalty-desk" / "install.sh")], env=quiet_env(home),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    opt = home / ".local" / "opt" / "loyalty-desk"
    desktop = home / ".local" / "share" / "applications" / "loyalty-desk.desktop"
    icons = [home / ".local/share/icons/hicolor/256x256/apps/loyalty-desk.png",
             home / ".local/share/icons/hicolor/scalable/apps/loyalty-desk.svg"]
    assert all(icon.is_file() for icon in icons)
    entry = dict(line.split("=", 1) for line in desktop.read_text().splitlines() if "=" in line)
    assert entry["Exec"] == f'"{opt}/loyalty-desk"' and entry["Icon"] == "loyalty-desk"
    assert entry["Name"] == "Loyalty Desk" and entry["Type"] == "Application"
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout + checked.stderr
    assert run_bundle(opt / "loyalty-desk", "--version", home=home).stdout.strip() == f"loyalty-desk {version}"

    done = subprocess.run([str(opt / "install.sh"), "--uninstall"], env=quiet_env(home), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p for p in home.rglob("*") if not p.is_dir()] == []     # every file it made is gone
    assert not opt.exists()
