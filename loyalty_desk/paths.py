"""Where Loyalty Desk keeps its files, on every platform: one name, one set of folders.

Lives at the package root, beside errors.py, so the database layer, the app and the views
all ask here instead of spelling the folder themselves (`appauthor=False` everywhere, so
Windows does not put some files under a vendor folder and others not).
"""
from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "loyalty-desk"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def default_database_file() -> Path:
    return data_dir() / "loyalty.db"


def demo_database_file() -> Path:
    return data_dir() / "demo.db"


def reward_images_dir() -> Path:
    return data_dir() / "reward-images"


def log_file() -> Path:
    return log_dir() / "loyalty-desk.log"
