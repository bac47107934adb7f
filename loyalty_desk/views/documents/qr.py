"""QR codes drawn by `qrcode` straight into a QImage.

An image factory for qrcode: one QImage and one QPainter per code, one pixel
per module, with the standard four-module quiet zone. Documents scale it up
without smoothing, so every module stays a crisp square at any resolution.
"""
from __future__ import annotations

from typing import Any

import qrcode
import qrcode.image.base
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QImage, QPainter

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 requires


class QImageFactory(qrcode.image.base.BaseImage):
    kind = "PNG"
    allowed_kinds = ("PNG",)
    needs_processing = True

    def new_image(self, **kwargs: Any) -> QImage:
        image = QImage(self.pixel_size, self.pixel_size, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        self._painter = QPainter(image)
        # One brush for every module: building a colour per call is slow, and the
        # QColor overload of fillRect has been seen to corrupt reference counts.
        self._dark = QBrush(Qt.GlobalColor.black)
        return image

    def drawrect(self, row: int, col: int) -> None:
        (x0, y0), (x1, y1) = self.pixel_box(row, col)
        self._painter.fillRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1, self._dark)

    def process(self) -> None:
        self._painter.end()

    def save(self, stream: Any, kind: str | None = None) -> None:
        self._img.save(stream, "PNG")


def qr_image(payload: str) -> QImage:
    """The QR code of `payload` (error correction M), one pixel per module, quiet zone included."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=QUIET_ZONE,
                         image_factory=QImageFactory)
    code.add_data(payload)
    code.make(fit=True)
    return code.make_image().get_image()
