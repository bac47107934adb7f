"""Reward pictures: the app's own copies in its data dir, thumbnails and a placeholder tile
drawn from the palette (so it suits light and dark schemes), and the file picker."""
from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImageReader, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ... import paths
from ..i18n import tr
from ..shell.theme import accent, is_dark

IMAGE_SUFFIXES = ("png", "jpg", "jpeg", "gif", "bmp", "webp", "svg")
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def images_dir() -> Path:
    """Where reward pictures live: copies owned by the app, one per saved choice."""
    return paths.reward_images_dir()


def image_problem(path: str | Path) -> str | None:
    """Why this file cannot be a reward picture, in plain words; None if it can."""
    file = Path(path)
    if not file.is_file():
        return tr("That file cannot be found.")
    if file.stat().st_size > MAX_IMAGE_BYTES:
        return tr("That picture is larger than 20 MB; choose a smaller one.")
    reader = QImageReader(str(file))
    if not reader.canRead():
        return tr("That file is not a picture Loyalty Desk can read (PNG, JPEG, GIF, BMP, WebP or SVG).")
    return None


def copy_image(source: str | Path) -> Path:
    """Copy a picked picture into the data dir under a unique name; returns the copy."""
    src = Path(source)
    folder = paths.private_dir(images_dir())
    suffix = src.suffix.lower() if src.suffix.lower().lstrip(".") in IMAGE_SUFFIXES else ".img"
    target = paths.private_file(folder / f"{uuid.uuid4().hex}{suffix}")
    shutil.copyfile(src, target)  # into the 0600 file made above: a copy keeps the mode it finds
    return target


def is_own_copy(path: str | None) -> bool:
    """True for a picture this app copied (and may therefore delete)."""
    if not path:
        return False
    try:
        return Path(path).resolve().parent == images_dir().resolve()
    except OSError:
        return False


_thumbs: dict[tuple[str, int, int], QPixmap | None] = {}
_placeholders: dict[tuple[int, bool], QPixmap] = {}


def thumbnail(path: str | None, size: int) -> QPixmap | None:
    """The picture at `path` fitted into a size x size square (None if there is none or it cannot be read)."""
    if not path:
        return None
    try:
        stamp = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    key = (path, size, stamp)
    if key not in _thumbs:
        reader = QImageReader(path)
        reader.setAutoTransform(True)
        image = reader.read()
        if image.isNull():
            _thumbs[key] = None
        else:
            image = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
            square = QPixmap(size, size)
            square.fill(Qt.GlobalColor.transparent)
            painter = QPainter(square)
            painter.drawImage((size - image.width()) // 2, (size - image.height()) // 2, image)
            painter.end()
            _thumbs[key] = square
    return _thumbs[key]


def placeholder(size: int) -> QPixmap:
    """A neutral 'no picture' tile drawn from the palette, so it suits light and dark schemes."""
    key = (size, is_dark())
    if key not in _placeholders:
        palette = QApplication.palette()
        line = palette.color(QPalette.ColorRole.Mid)
        fill = palette.color(QPalette.ColorRole.AlternateBase)
        glyph = QColor(accent("muted"))
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = max(1.0, size * 0.06)
        box = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
        painter.setPen(QPen(line, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, size * 0.12, size * 0.12)
        # A little landscape: a sun and two hills, the usual sign for "picture".
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(glyph)
        r = size * 0.08
        painter.drawEllipse(QRectF(size * 0.62 - r, size * 0.34 - r, 2 * r, 2 * r))
        hills = QPainterPath()
        base = size * 0.72
        hills.moveTo(size * 0.22, base)
        hills.lineTo(size * 0.42, size * 0.44)
        hills.lineTo(size * 0.56, size * 0.60)
        hills.lineTo(size * 0.64, size * 0.52)
        hills.lineTo(size * 0.78, base)
        hills.closeSubpath()
        painter.drawPath(hills)
        painter.end()
        _placeholders[key] = pixmap
    return _placeholders[key]


class ImagePicker:
    """Asks for a picture file; a classmethod so tests can patch it."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        patterns = " ".join(f"*.{s}" for s in IMAGE_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(parent, tr("Choose a picture for the reward"), str(Path.home()),
                                              tr("Pictures ({patterns});;All files (*)").format(patterns=patterns))
        return path or None
