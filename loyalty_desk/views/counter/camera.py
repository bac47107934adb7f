"""Optional "Scan with camera": webcam frames decoded with zxing-cpp.

It needs the `camera` extra (QtMultimedia from PySide6-Addons, and zxing-cpp).
Where either is missing, or no camera is plugged in, `camera_available()` is
False and the counter simply hides the button.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from ..i18n import tr


def _modules() -> tuple[Any, Any] | None:
    try:
        import zxingcpp
        from PySide6 import QtMultimedia
    except ImportError:
        return None
    return QtMultimedia, zxingcpp


def camera_available() -> bool:
    modules = _modules()
    if modules is None:
        return False
    try:
        return bool(modules[0].QMediaDevices.videoInputs())
    except Exception:  # noqa: BLE001 - a broken multimedia backend means no camera, not a crash
        return False


def decode_image(image: QImage) -> str | None:
    """The text of the first barcode or QR code in the image, if any."""
    modules = _modules()
    if modules is None:
        return None
    import numpy as np

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(gray.constBits(), dtype=np.uint8).reshape(gray.height(), gray.bytesPerLine())
    found = modules[1].read_barcodes(np.ascontiguousarray(pixels[:, :gray.width()]))
    return found[0].text if found else None


class CameraScanDialog(QDialog):
    """Shows the camera and closes as soon as a code is read."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        modules = _modules()
        assert modules is not None, "camera_available() must be checked first"
        multimedia = modules[0]
        self.setObjectName("cameraScanDialog")
        self.setWindowTitle(tr("Scan with camera"))
        self.view = QLabel(tr("Hold the card's QR code up to the camera"))
        self.view.setMinimumSize(480, 360)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.camera = multimedia.QCamera(self)
        self.session = multimedia.QMediaCaptureSession(self)
        self.sink = multimedia.QVideoSink(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        self._frames = 0
        self.camera.start()

    def _frame(self, frame: Any) -> None:
        self._frames += 1
        if self._frames % 3:
            return  # every third frame is plenty, and keeps the counter responsive
        image = frame.toImage()
        if image.isNull():
            return
        from PySide6.QtGui import QPixmap

        self.view.setPixmap(QPixmap.fromImage(image).scaled(self.view.size()))
        text = decode_image(image)
        if text:
            self.camera.stop()
            self.scanned.emit(text)
            self.accept()

    def reject(self) -> None:
        self.camera.stop()
        super().reject()
