"""The app's version, from one source: the installed package's metadata (pyproject.toml)."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("loyalty-desk")
    except PackageNotFoundError:        # a source tree that was never installed
        return "unknown (not installed)"
