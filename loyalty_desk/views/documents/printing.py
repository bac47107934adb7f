"""Where documents go: print preview, the printer, PDF and PNG. All use the document's render()."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ..i18n import tr
from .documents import Document

PDF_DPI = 300
Progress = Callable[[int, int, str], None]


def _paint_pages(doc: Document, painter: QPainter, page_rect: QRectF, new_page: Callable[[], object],
                 progress: Progress | None = None) -> None:
    pages = doc.page_count()
    for page in range(pages):
        if page:
            new_page()
        doc.render(painter, page_rect, page)
        if progress is not None:
            progress(page + 1, pages, tr("Drawing pages"))


def export_pdf(doc: Document, path: str | Path, progress: Progress | None = None) -> Path:
    """A PDF of the document at its true size (card, sheet, voucher or slip), 300 dpi."""
    paths.private_file(path)  # owner-only before a byte is written (it names members)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(doc.page_layout())
    writer.setTitle(doc.title)
    writer.setCreator("Loyalty Desk")
    painter = QPainter(writer)
    if not painter.isActive():  # Qt only warns: a folder that is gone or read-only must not pass as saved
        raise OSError(13, tr("the file could not be opened for writing"), str(path))
    try:
        rect = QRectF(writer.pageLayout().paintRectPixels(PDF_DPI))
        _paint_pages(doc, painter, QRectF(0, 0, rect.width(), rect.height()), writer.newPage, progress)
    finally:
        painter.end()
    return Path(path)


def render_image(doc: Document, dpi: float, page: int = 0) -> QImage:
    """One page as an image at `dpi`, on white."""
    size: QSizeF = doc.size_mm
    width, height = round(size.width() / 25.4 * dpi), round(size.height() / 25.4 * dpi)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        doc.render(painter, QRectF(0, 0, width, height), page)
    finally:
        painter.end()
    return image


def export_png(doc: Document, path: str | Path, dpi: float = PDF_DPI) -> Path:
    paths.private_file(path)  # owner-only before a byte is written (it names members)
    if not render_image(doc, dpi).save(str(path), "PNG"):  # type: ignore[call-overload]  # the stub says bytes; Qt wants str
        raise OSError(tr("could not write {path}").format(path=path))
    return Path(path)


def print_to(doc: Document, printer: QPrinter) -> None:
    printer.setPageLayout(doc.page_layout())
    painter = QPainter(printer)
    try:
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        _paint_pages(doc, painter, QRectF(0, 0, rect.width(), rect.height()), printer.newPage)
    finally:
        painter.end()


class SavePath:
    """A save-file question behind a classmethod that tests can patch."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str, pattern: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, tr("Save as"), suggested, pattern)
        return path or None


class DocumentDialog(QDialog):
    """An on-screen preview of a document, with Print (preview first), Save as PDF and Save as PNG."""

    def __init__(self, doc: Document, file_stem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.file_stem = file_stem
        self.setObjectName("documentDialog")
        self.setWindowTitle(doc.title)
        self.preview = QLabel()
        self.preview.setObjectName("documentPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setPixmap(self._preview_pixmap())
        self.message = QLabel()
        self.message.setObjectName("documentMessage")
        buttons = QHBoxLayout()
        for name, text, slot in (("printButton", tr("Print…"), self.print_preview),
                                 ("pdfButton", tr("Save as PDF…"), self.save_pdf),
                                 ("pngButton", tr("Save as PNG…"), self.save_png),
                                 ("closeButton", tr("Close"), self.accept)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _preview_pixmap(self) -> Any:
        from PySide6.QtGui import QPixmap

        return QPixmap.fromImage(render_image(self.doc, 110))

    def print_preview(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self.doc.page_layout())
        dialog = QPrintPreviewDialog(printer, self)
        dialog.paintRequested.connect(lambda p: print_to(self.doc, p))
        dialog.open()
        self.print_dialog = dialog

    def save_pdf(self) -> None:
        path = SavePath.ask(self, f"{self.file_stem}.pdf", "PDF (*.pdf)")
        if path:
            export_pdf(self.doc, path)
            self.message.setText(tr("Saved {path}").format(path=path))

    def save_png(self) -> None:
        path = SavePath.ask(self, f"{self.file_stem}.png", tr("PNG image (*.png)"))
        if path:
            export_png(self.doc, path)
            self.message.setText(tr("Saved {path}").format(path=path))


def layout_size_mm(layout: QPageLayout) -> QSizeF:
    return layout.pageSize().size(layout.pageSize().Unit.Millimeter)
