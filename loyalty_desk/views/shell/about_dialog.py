"""Help ▸ About: the version, and where this register keeps its data, its log and its database."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from ... import paths
from ...version import app_version
from ..i18n import tr
from ..widgets import build
from .crash import log_path


def _selectable(name: str, text: str, *, wrap: bool = True) -> QLabel:
    label = build.label(name, text, wrap=wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr("About Loyalty Desk"))
        self.data_folder = paths.data_dir()
        self.log_file = log_path()
        title = build.label("aboutTitle", "Loyalty Desk", scale=1.6, bold=True)
        self.version = _selectable("aboutVersion", tr("Version {version}").format(version=app_version()), wrap=False)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.database = _selectable("aboutDatabase", database)
        self.folder = _selectable("aboutDataFolder", str(self.data_folder))
        self.log = _selectable("aboutLogFile", str(self.log_file))
        for line in (self.database, self.folder, self.log):
            line.setMinimumWidth(line.fontMetrics().averageCharWidth() * 56)   # a path on one line, mostly
        form.addRow(tr("Database:"), self.database)
        form.addRow(tr("Data folder:"), self.folder)
        form.addRow(tr("Log file:"), self.log)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder = buttons.addButton(tr("&Open data folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder.setObjectName("aboutOpenDataFolder")
        self.open_folder.clicked.connect(lambda: self.open_in_file_manager(self.data_folder))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.version)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)   # as tall as its lines, no gaps

    @staticmethod
    def open_in_file_manager(folder: Path) -> bool:
        paths.private_dir(folder)   # the app's own folder: made 0700 if it is not there yet
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
