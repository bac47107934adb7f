"""Where Loyalty Desk keeps its files, on every platform: one name, one set of folders.

Lives at the package root, beside errors.py, so the database layer, the app and the views
all ask here instead of spelling the folder themselves (`appauthor=False` everywhere, so
Windows does not put some files under a vendor folder and others not).

Every file the app makes may hold members' details (the database, its -wal and -shm, backups,
exports, the log, reward pictures), so each is readable by its owner only (0600) and the app's
own folders are 0700, whatever the process umask: modes are set with chmod, which the umask
does not touch. Files and folders left looser by older versions are tightened on start.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "loyalty-desk"
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The settings folder (on Linux, where QSettings keeps `loyalty-desk.conf`)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def default_database_file() -> Path:
    return data_dir() / "loyalty.db"


def demo_database_file() -> Path:
    return data_dir() / "demo.db"


def reward_images_dir() -> Path:
    return data_dir() / "reward-images"


def log_file() -> Path:
    return log_dir() / "loyalty-desk.log"


def own_dirs() -> tuple[Path, ...]:
    """The folders that belong to the app alone: tightened on start, with the files in them."""
    return data_dir(), reward_images_dir(), log_dir(), config_dir()


def make_dirs(path: str | Path) -> Path:
    """Create `path` and any missing parent, each new one 0700; folders that exist are left as they are
    (a database may live in a folder the app does not own)."""
    folder = Path(path)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for new in reversed(missing):
        try:
            os.mkdir(new, PRIVATE_DIR)
        except FileExistsError:
            continue        # made meanwhile by another process: not ours to change
        os.chmod(new, PRIVATE_DIR)
    return Path(path)


def private_dir(path: str | Path) -> Path:
    """One of the app's own folders: created as in `make_dirs`, and 0700 even if it already existed."""
    folder = make_dirs(path)
    _chmod(folder, PRIVATE_DIR)
    return folder


def open_private(path: str | os.PathLike[str], flags: int) -> int:
    """An `opener` for open(): the file is 0600, new or not, before a byte is written."""
    fd = os.open(path, flags, PRIVATE_FILE)
    if hasattr(os, "fchmod"):       # POSIX; Windows has no such modes
        try:
            os.fchmod(fd, PRIVATE_FILE)
        except BaseException:
            os.close(fd)
            raise
    return fd


def private_file(path: str | os.PathLike[str]) -> Path:
    """Make the file at `path` 0600, creating it empty if it is missing; its content is never touched.

    Writers call it on the path before writing (Qt's image and PDF writers, SQLite, a copy), so the
    file is never readable by others, not even for a moment: a rewrite keeps the mode it finds.
    """
    os.close(open_private(path, os.O_WRONLY | os.O_CREAT))
    return Path(path)


def tighten(path: str | os.PathLike[str]) -> None:
    """An existing file made 0600 (folders 0700); a missing one, or one of another owner, is left alone."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        _chmod(Path(path), PRIVATE_DIR)
    elif stat.S_ISREG(mode):
        _chmod(Path(path), PRIVATE_FILE)


def tighten_own_files() -> None:
    """On start: the app's own folders 0700 and every file in them 0600 (older versions made them 0755
    and 0644). Folders not made yet are left for whoever makes them."""
    for folder in own_dirs():
        if not folder.is_dir():
            continue
        tighten(folder)
        for entry in folder.iterdir():
            tighten(entry)


def _chmod(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except PermissionError:
        pass    # another user's file: not ours to change (and not ours to fail on)
