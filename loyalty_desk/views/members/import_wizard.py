"""File ▸ Import members… (the owner): choose a CSV, preview it, map its columns, see the dry
run's report, then import with a progress bar and Cancel.

The file is read by the same code as the service's (`domain.member_file`), so the preview and
the mapping show exactly what the import will read. The import runs in a worker; Cancel makes
its progress callback raise, which rolls the one transaction back: nothing is half-imported.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...domain.member_file import FIELDS, MemberFileError, Table, field_for, match_columns, read_table
from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import Changes
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets.forms import error_label
from ..widgets.workers import run_job

PREVIEW_ROWS = 10
IMPORTED = Changes(members=True, ledger=True)


class ImportCancelled(Exception):
    """Raised from the progress callback when the owner presses Cancel: the import rolls back."""


def field_labels() -> dict[str, str]:
    """The members file's fields (domain.member_file.FIELDS) as the mapping page names them."""
    return {"customer_id": tr("Customer id"), "customer_name": tr("Customer name"), "first_name": tr("First name"),
            "last_name": tr("Last name"), "email": tr("Email"), "phone": tr("Phone"), "birthday": tr("Birthday"),
            "points": tr("Points"), "lifetime_points": tr("Lifetime points"), "tier": tr("Tier"),
            "enrollment_date": tr("Enrollment date"), "card_number": tr("Card number"),
            "marketing_consent": tr("Marketing consent"), "email_opt_out": tr("Email opt out"), "notes": tr("Notes")}


def field_label(field: str) -> str:
    return field_labels().get(field) or field.replace("_", " ").capitalize()


def report_text(report: Any) -> str:
    """"1,200 to add, 3 to update, 40 unchanged, 2 refused" (or "added", once written)."""
    text = (tr("{added} added, {updated} updated, {unchanged} unchanged, {refused} refused, of {rows} rows")
            if report.written else
            tr("{added} to add, {updated} to update, {unchanged} unchanged, {refused} refused, of {rows} rows"))
    return text.format(added=f"{report.added:,}", updated=f"{report.updated:,}", unchanged=f"{report.unchanged:,}",
                       refused=f"{len(report.refused):,}", rows=f"{report.rows:,}")


def fill_table(table: QTableWidget, header: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(header)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


def read_only_grid(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    return table


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Choose the file"))
        self.setSubTitle(tr("A CSV file with a header row: UTF-8 or Windows-1252, separated by commas, semicolons "
                            "or tabs. Spreadsheets save one with File ▸ Save as ▸ CSV."))
        self.path = build.line_edit("importPath", placeholder=tr("the CSV file"), accessible=tr("CSV file"))
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        browse = build.button(tr("Browse…"), "importBrowse", self.browse)
        self.program = build.combo("importProgram", {p.id: p.program_name for p in wizard.session.programs()},
                                   accessible=tr("Program"))
        self.error = error_label("importFileError")
        self.path.textEdited.connect(lambda _t: self.error.setVisible(False))
        form = QFormLayout()
        file_label = QLabel(tr("F&ile"))
        file_label.setBuddy(self.path)      # a row of two widgets: Alt+I goes to the path
        form.addRow(file_label, build.row(self.path, browse, margins=False))
        form.addRow(tr("Into the &program"), self.program)
        build.column(form, self.error, None, parent=self)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import members"), "",
                                              tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return bool(self.path.text().strip()) and self.program.currentData() is not None

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        path = Path(self.path.text().strip())
        try:
            self.owner.table = read_table(path.read_bytes())
        except (OSError, MemberFileError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else refusal_words(error)
            self.error.setText(f"{path.name or path}: {reason}")
            self.error.setVisible(True)
            return False
        self.owner.path = path
        self.owner.program_id = self.program.currentData()
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Preview"))
        self.summary = build.label("importPreviewSummary", wrap=True)
        self.grid = read_only_grid("importPreview")
        build.column(self.summary, (self.grid, 1), parent=self)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        table = self.owner.table
        assert table is not None
        delimiter = {",": tr("commas"), ";": tr("semicolons"), "\t": tr("tabs")}[table.delimiter]
        self.setSubTitle(tr("{file}: {rows} rows, read as {encoding}, separated by {delimiter}.").format(
            file=self.owner.path.name, rows=f"{len(table.rows):,}", encoding=table.encoding.upper(),
            delimiter=delimiter))
        self.summary.setText(tr("The first {n} rows, as the import reads them:").format(
            n=min(PREVIEW_ROWS, len(table.rows))))
        fill_table(self.grid, list(table.header), [list(cells) for _line, cells in table.rows[:PREVIEW_ROWS]])


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Map the columns"))
        self.setSubTitle(tr("Each column of the file, and what it holds. Columns left out are not read."))
        self.form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        self.error = error_label("importMappingError")
        holder = QWidget()
        holder.setLayout(self.form)
        build.column(holder, self.error, None, parent=self)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        table = self.owner.table
        assert table is not None
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes = {}
        for header in table.header:
            box = build.combo(f"importMap_{header}", {None: tr("(leave out)"), **{f: field_label(f) for f in FIELDS}},
                              accessible=tr("Column {header}").format(header=header))
            box.setCurrentIndex(max(0, box.findData(field_for(header))))
            box.currentIndexChanged.connect(lambda _i: self.error.setVisible(False))
            self.boxes[header] = box
            self.form.addRow(header or tr("(no header)"), box)

    @property
    def mapping(self) -> dict[str, str | None]:
        return {header: box.currentData() for header, box in self.boxes.items()}

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        table = self.owner.table
        assert table is not None
        try:
            match_columns(table.header, self.mapping)
        except MemberFileError as error:
            self.error.setText(refusal_words(error))
            self.error.setVisible(True)
            return False
        self.owner.mapping = self.mapping
        return True


class DryRunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Dry run"))
        self.setSubTitle(tr("What the import would do. Nothing has been written yet."))
        self.summary = build.label("importDryRunSummary", wrap=True)
        self.skip = QCheckBox(tr("Import the good rows, and leave the refused ones out"))
        self.skip.setObjectName("importSkipBadRows")
        self.skip.toggled.connect(lambda _on: self.completeChanged.emit())
        self.refusals = read_only_grid("importRefusals")
        self.error = error_label("importDryRunError")
        build.column(self.summary, self.skip, (self.refusals, 1), self.error, parent=self)
        self.report: Any = None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.report = None
        self.summary.setText(tr("Reading the file as the import would…"))
        self.error.setVisible(False)
        fill_table(self.refusals, [tr("Line"), tr("Column"), tr("Why")], [])
        owner = self.owner
        run_job(lambda _report: owner.call(dry_run=True), self._show, self._failed)

    def _show(self, report: Any) -> None:
        self.report = report
        self.summary.setText(report_text(report) + (
            tr(". Refused rows are listed below: fix the file and import it again, or import the good rows only.")
            if report.refused else tr(". Every row is good.")))
        self.skip.setVisible(bool(report.refused))
        fill_table(self.refusals, [tr("Line"), tr("Column"), tr("Why")],
                   [[str(r.row), r.column, refusal_words(r.message)] for r in report.refused])
        self.completeChanged.emit()
        self.owner.press_on(QWizard.WizardButton.CommitButton)

    def _failed(self, error: BaseException) -> None:
        self.summary.setText("")
        self.error.setText(refusal_words(error) if isinstance(error, LoyaltyError)
                           else tr("The file could not be read: {error}").format(error=refusal_words(error)))
        self.error.setVisible(True)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.report is not None and (not self.report.refused or self.skip.isChecked()) and (
            self.report.added + self.report.updated > 0)


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Import"))
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.stage = build.label("importStage", wrap=True)
        self.cancel = QPushButton(tr("Cancel the import"))
        self.cancel.setObjectName("importCancel")
        self.cancel.clicked.connect(self.stop)
        self.error = error_label("importError")
        build.column(self.stage, self.bar, build.row(None, self.cancel, margins=False), self.error, None, parent=self)
        self.stopping = threading.Event()
        self.report: Any = None
        self.running = False

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.report, self.running = None, True
        self.stopping.clear()
        self.cancel.setEnabled(True)
        self.error.setVisible(False)
        self.bar.setRange(0, 0)
        self.stage.setText(tr("Importing…"))
        owner, stopping = self.owner, self.stopping

        def work(report: Any) -> Any:
            def progress(done: int, total: int, stage: str) -> None:
                if stopping.is_set():
                    raise ImportCancelled()
                report(done, total, stage)
            return owner.call(dry_run=False, progress=progress)

        job = run_job(work, self._done, self._failed)
        job.signals.progress.connect(self._progress)

    def _progress(self, done: int, total: int, stage: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))
        self.stage.setText(f"{stage}…")

    def stop(self) -> None:
        self.stopping.set()
        self.cancel.setEnabled(False)
        self.stage.setText(tr("Cancelling: nothing will be written…"))

    def _done(self, report: Any) -> None:
        self.running, self.report = False, report
        self.cancel.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.stage.setText(report_text(report) + ".")
        self.owner.session.notify(IMPORTED, self.owner)
        self.completeChanged.emit()
        self.owner.press_on(QWizard.WizardButton.FinishButton)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.cancel.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        if isinstance(error, ImportCancelled):
            self.stage.setText(tr("Cancelled: nothing was imported."))
        else:
            self.stage.setText("")
            self.error.setText(refusal_words(error) if isinstance(error, LoyaltyError)
                               else tr("The import failed: {error}").format(error=refusal_words(error)))
            self.error.setVisible(True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.running


class ImportWizard(QWizard):
    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.program_id: int | None = None
        self.setObjectName("importWizard")
        self.setWindowTitle(tr("Import members"))
        self.table: Table | None = None
        self.path = Path()
        self.mapping: dict[str, str | None] = {}
        self.file_page, self.preview_page = FilePage(self), PreviewPage(self)
        self.mapping_page, self.dry_run_page, self.import_page = MappingPage(self), DryRunPage(self), ImportPage(self)
        for page in (self.file_page, self.preview_page, self.mapping_page, self.dry_run_page, self.import_page):
            self.addPage(page)
        # Pressing Import commits: the import page has no Back, so no key press after the import
        # can lead back to the dry run and its Import button.
        self.dry_run_page.setCommitPage(True)
        self.dry_run_page.setButtonText(QWizard.WizardButton.CommitButton, tr("Import"))
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(760, 560)

    def press_on(self, which: QWizard.WizardButton) -> None:
        """Put the keyboard on the way forward once it opens (a worker's answer enabled it): while
        it was disabled, Qt moved the focus to Back, and Return would have gone back."""
        button = self.button(which)
        if button.isEnabled() and button.isVisible():
            if isinstance(button, QPushButton):
                button.setDefault(True)
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def call(self, *, dry_run: bool, progress: Any = None) -> Any:
        """The service's import of the chosen file, program and mapping (in a worker)."""
        assert self.program_id is not None
        return self.session.svc.import_members(
            self.session.user_id, self.program_id, str(self.path), dry_run=dry_run, actor=self.session.actor,
            skip_bad_rows=self.dry_run_page.skip.isChecked(), mapping=self.mapping, progress=progress)

    @property
    def busy(self) -> bool:
        """An import is being written (the idle lock waits for it)."""
        return bool(self.import_page.running)

    def reject(self) -> None:
        if self.import_page.running:
            self.import_page.stop()  # Cancel while importing rolls back; the wizard closes once it has
            return
        super().reject()

