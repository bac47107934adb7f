"""File ▸ Export…: the shop's members, points history or redemptions as a CSV file, for one
program (the Members tab's) or all of them. Written off the GUI thread, a page at a time, by the
exports the app was given (dataio.export): the same files as `loyalty-desk export`, formula-safe,
readable by their owner only. A members file imports back as it is."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ...errors import LoyaltyError
from ..documents.printing import SavePath
from ..i18n import plural, tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets.forms import error_label
from ..widgets.workers import run_job


def kinds() -> dict[str, str]:
    """What can be exported (the keys are the export's kinds), as the combo box says it."""
    return {"members": tr("Members (with balances: imports back as it is)"),
            "transactions": tr("Points history (every row)"), "redemptions": tr("Redemptions")}


class ExportDialog(QDialog):
    def __init__(self, session: ShopSession, program_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export"))
        self.kind = build.combo("exportKind", kinds(), accessible=tr("What to export"))
        self.program = build.combo("exportProgram", {None: tr("All programs"),
                                                     **{p.id: p.program_name for p in session.programs()}},
                                   accessible=tr("Program"))
        self.program.setCurrentIndex(max(0, self.program.findData(program_id)))
        self.outcome = build.label("exportOutcome", wrap=True)
        self.error = error_label("exportError")
        form = QFormLayout()
        form.addRow(tr("&Export"), self.kind)
        form.addRow(tr("&Of"), self.program)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.saved_rows: int | None = None

    def save(self) -> None:
        kind, program_id = self.kind.currentData(), self.program.currentData()
        path = SavePath.ask(self, f"{kind}.csv", tr("CSV file (*.csv)"))
        if path:
            self.write(kind, program_id, path)

    def write(self, kind: str, program_id: int | None, path: str) -> None:
        exports, svc, user, actor = self.session.exports, self.session.svc, self.session.user_id, self.session.actor
        self.error.setVisible(False)
        if exports is None:
            self._failed(LoyaltyError(tr("Exports are not part of this installation")))
            return
        self.buttons.setEnabled(False)
        self.outcome.setText(tr("Writing…"))
        run_job(lambda _report: exports.export_csv(svc, user, kind, path, program_id=program_id, actor=actor),
                lambda count: self._done(count, path), self._failed)

    def _done(self, count: Any, path: str) -> None:
        self.buttons.setEnabled(True)
        self.saved_rows = int(count)
        self.outcome.setText(plural(int(count), tr("Saved {n} row to {path}"), tr("Saved {n} rows to {path}"))
                             .format(n=f"{count:,}", path=path))

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.outcome.setText("")
        reason = error.strerror if isinstance(error, OSError) and error.strerror else refusal_words(error)
        self.error.setText(tr("Nothing was exported: {reason}").format(reason=reason))
        self.error.setVisible(True)
