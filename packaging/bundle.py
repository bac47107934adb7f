"""What goes into the PyInstaller bundle, written once for the Linux, Windows and macOS spec files.

A spec file is Python run by PyInstaller; each one puts this folder on sys.path and imports
`analysis` and `lean` from here, so the three platforms bundle the same app the same way.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

ROOT = Path(__file__).resolve().parents[1]
ENTRY = str(ROOT / "packaging" / "entry.py")
ICON_PNG = str(ROOT / "loyalty_desk" / "assets" / "loyalty-desk.png")
NAME = "loyalty-desk"

# Python packages the app never imports at run time (test and build tools, other Qt bindings,
# optional extras of pyqtgraph and numpy): they would only add size.
EXCLUDES = ["tkinter", "_tkinter", "matplotlib", "scipy", "pandas", "IPython", "PyQt5", "PyQt6", "PySide2",
            "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff", "pypdf", "httpx", "h5py", "cupy",
            "OpenGL", "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter", "numpy.f2py",
            "setuptools", "pkg_resources", "PyInstaller",
            "yaml",             # uvicorn reads a YAML logging config only when given one; `serve` never does
            # Qt modules the app does not use (it uses QtCore, QtGui, QtWidgets, QtPrintSupport, QtSvg;
            # pyqtgraph also loads QtOpenGL, QtOpenGLWidgets and QtTest).
            "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
            "PySide6.QtQuickControls2", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtSql",
            "PySide6.QtDBus", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtXml",
            "PySide6.QtConcurrent", "PySide6.QtStateMachine", "PySide6.QtSvgWidgets", "PySide6.QtMultimedia"]

# Qt plugins kept, by folder (None: all of it): the window systems (X11, Wayland, and offscreen for
# --self-test), image formats, the print dialog's backend (CUPS), input methods, and the desktop
# portal's theme (file dialogs). Left out: the GTK theme (it drags in GTK's libraries), raw input
# devices (evdev, for kiosks without a window system) and Wayland's rarer shells and buffers.
QT_PLUGINS = {
    "platforms": ("libqxcb.so", "libqoffscreen.so", "libqwayland", "qwindows.dll", "qoffscreen.dll",
                  "libqcocoa.dylib", "libqoffscreen.dylib"),
    "platformthemes": ("libqxdgdesktopportal.so",),
    "wayland-shell-integration": ("libxdg-shell.so",),
    "wayland-graphics-integration-client": ("libqt-plugin-wayland-egl.so",),
    "xcbglintegrations": None, "wayland-decoration-client": None, "imageformats": None, "iconengines": None,
    "printsupport": None, "platforminputcontexts": None, "styles": None,
}
# Libraries only the plugins left out above need (PyInstaller collected them with the plugins):
# unused Qt modules, and the GTK theme's GTK, Pango and Cairo.
LIBRARIES_DROPPED = ("Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6Network", "Qt6VirtualKeyboard", "Qt6Designer",
                     "Qt6WaylandCompositor", "Qt6Sql", "Qt6EglFS", "Qt6EglFs", "gtk-3", "gdk-3", "gdk_pixbuf", "atk-1",
                     "pango", "cairo", "pixman", "thai", "datrie", "fribidi", "graphite2", "harfbuzz")


FONTS = {"DejaVuSans.ttf": "DejaVu Sans", "DejaVuSans-Bold.ttf": "DejaVu Sans:bold",
         "DejaVuSansMono.ttf": "DejaVu Sans Mono", "DejaVuSansMono-Bold.ttf": "DejaVu Sans Mono:bold"}


def document_fonts() -> list[tuple[str, str]]:
    """The cards' and vouchers' fonts (DejaVu, free to ship), so they print alike on a computer without
    them (views/documents/documents.py loads them). Found with fontconfig, or in DEJAVU_FONTS_DIR
    (Windows, macOS: the folder of the unpacked dejavu-fonts-ttf release)."""
    folder = os.environ.get("DEJAVU_FONTS_DIR")
    if folder:
        found = [str(path) for path in Path(folder).rglob("*.ttf")]
    elif shutil.which("fc-match"):
        found = [subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True,
                                check=True).stdout for pattern in FONTS.values()]
    else:
        found = []
    fonts = sorted({path for path in found if Path(path).name in FONTS})
    if len(fonts) < len(FONTS):
        print(f"warning: {len(fonts)} of the {len(FONTS)} DejaVu fonts found: documents use the system's fonts")
    return [(path, "loyalty_desk/fonts") for path in fonts]


def analysis(spec_dir: str) -> dict[str, Any]:
    """The keyword arguments of PyInstaller's Analysis, the same on every platform."""
    datas = (
        # Alembic reads the migrations as .py files from a folder, so they are copied as files too.
        collect_data_files("loyalty_desk", include_py_files=True, subdir="db/migrations")
        # alembic.ini, the demo shop's logo, the user guide, the icon: the package data of pyproject.toml.
        + collect_data_files("loyalty_desk")
        # --version and Help ▸ About read the version from the package metadata.
        + copy_metadata("loyalty-desk")
        # keyring finds its backends (the OS keyring) through entry points in its metadata.
        + copy_metadata("keyring")
        + document_fonts()
    )
    hidden = (collect_submodules("loyalty_desk") + collect_submodules("keyring.backends")
              + collect_submodules("uvicorn") + collect_submodules("alembic.ddl")
              + ["sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql.psycopg", "psycopg_binary"])
    return {"scripts": [ENTRY], "pathex": [str(ROOT)], "datas": datas, "hiddenimports": hidden,
            "excludes": EXCLUDES, "noarchive": False}


def _kept(dest: str) -> bool:
    parts = Path(dest).parts
    name = parts[-1]
    if any(name.startswith(("lib" + lib, lib)) for lib in LIBRARIES_DROPPED):
        return False
    if "plugins" in parts and parts.index("plugins") + 1 < len(parts) - 1:
        folder = parts[parts.index("plugins") + 1]
        if folder not in QT_PLUGINS:
            return False
        wanted = QT_PLUGINS[folder]
        return wanted is None or name.startswith(wanted)
    if "translations" in parts and name.endswith(".qm"):
        # Qt's own dialogs, and the app's (loyalty_desk/translations); the rest translate modules not shipped
        return name.startswith(("qtbase_", "loyalty_desk_"))
    return True


def lean(toc: list[Any]) -> list[Any]:
    """A TOC (binaries or datas) without the Qt plugins, libraries and translations the app never loads."""
    return [entry for entry in toc if _kept(entry[0])]
