"""Printing many cards at once: the selected members, or everyone enrolled since a date."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from ...domain.stamps import card_size
from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..widgets import build, units
from ..widgets import formatting as fmt
from ..widgets.forms import error_label
from ..widgets.workers import run_job
from .documents import CardSheet, Letterhead, MemberCard
from .printing import DocumentDialog, SavePath, export_pdf

PAGE = 500


def members_enrolled_since(session: ShopSession, since: dt.date) -> list[Any]:
    """Every member enrolled on or after `since` (the shop's day), oldest first, page by page."""
    out: list[Any] = []
    after: tuple[Any, int] | None = None
    while True:
        page = session.svc.list_members_page(session.user_id, sort="enrollment_date", after=after, limit=PAGE,
                                             enrolled_since=since)
        out.extend(page.rows)
        if page.next_after is None:
            return out
        after = page.next_after


def cards_for(session: ShopSession, members: list[Any]) -> list[MemberCard]:
    shop = Letterhead.of(session.shop, session.user_id)
    programs = {p.id: p for p in session.programs()}
    sizes = {p.id: card_size(r.points_cost for r in session.svc.get_loyalty_rewards(session.user_id, p.id)
                             if r.active)
             for p in programs.values() if units.is_stamps(p)}
    return [MemberCard.of(shop, programs[m.program_id], m, stamp_card_size=sizes.get(m.program_id)) for m in members]


class CardSheetDialog(QDialog):
    def __init__(self, session: ShopSession, selected_ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selected_ids = selected_ids
        self.setObjectName("cardSheetDialog")
        self.setWindowTitle(tr("Print a sheet of cards"))
        self.selected = QRadioButton(tr("The {n} member(s) selected in the Members tab").format(n=len(selected_ids)))
        self.selected.setObjectName("sheetSelected")
        self.selected.setEnabled(bool(selected_ids))
        self.since = QRadioButton(tr("Everyone enrolled since"))
        self.since.setObjectName("sheetSince")
        group = QButtonGroup(self)
        group.addButton(self.selected)
        group.addButton(self.since)
        (self.selected if selected_ids else self.since).setChecked(True)
        self.since_date = QDateEdit(fmt.today().addDays(-7))
        self.since_date.setObjectName("sheetSinceDate")
        self.since_date.setCalendarPopup(True)
        self.since_date.setDisplayFormat(fmt.date_format())
        self.paper = QComboBox()
        self.paper.setObjectName("sheetPaper")
        self.paper.addItems(["A4", "Letter"])
        self.paper.setCurrentText(session.paper_size)     # the shop's paper (Shop settings)
        self.message = QLabel()
        self.message.setObjectName("sheetMessage")
        self.error = error_label("sheetError")
        form = QFormLayout()
        form.addRow(self.selected)
        form.addRow(build.row(self.since, self.since_date))
        form.addRow(tr("&Paper"), self.paper)
        self.preview_button = build.button(tr("Preview and print…"), "sheetPreview", self.preview)
        self.pdf_button = build.button(tr("Save as PDF…"), "sheetPdf", self.save_pdf)
        build.column(form, self.message, self.error,
                     build.row(self.preview_button, self.pdf_button, build.button(tr("Close"), "", self.accept)),
                     parent=self)

    def members(self) -> list[Any]:
        if self.selected.isChecked():
            return [self.session.svc.get_loyalty_member(self.session.user_id, i) for i in self.selected_ids]
        return members_enrolled_since(self.session, fmt.day_of(self.since_date.date()))

    def sheet(self) -> CardSheet:
        return CardSheet(cards_for(self.session, self.members()), self.paper.currentText())

    def preview(self) -> None:
        try:
            sheet = self.sheet()
        except LoyaltyError as error:
            self.error.setText(refusal_words(error))
            self.error.setVisible(True)
            return
        self.document = DocumentDialog(sheet, "cards", self)
        self.document.print_preview()

    def save_pdf(self) -> None:
        path = SavePath.ask(self, "cards.pdf", "PDF (*.pdf)")
        if not path:
            return
        self.pdf_button.setEnabled(False)
        session, use_selected = self.session, self.selected.isChecked()
        ids, since, paper = list(self.selected_ids), fmt.day_of(self.since_date.date()), self.paper.currentText()

        def work(report: Any) -> tuple[str, int]:
            report(0, 0, tr("Collecting members"))
            members = ([session.svc.get_loyalty_member(session.user_id, i) for i in ids] if use_selected
                       else members_enrolled_since(session, since))
            sheet = CardSheet(cards_for(session, members), paper)
            export_pdf(sheet, path, report)
            return path, len(members)

        def done(result: tuple[str, int]) -> None:
            self.pdf_button.setEnabled(True)
            self.message.setText(tr("Saved {n} card(s) to {path}").format(n=result[1], path=result[0]))

        def failed(error: BaseException) -> None:
            self.pdf_button.setEnabled(True)
            self.error.setText(tr("The sheet could not be saved: {error}").format(error=refusal_words(error)))
            self.error.setVisible(True)

        self.job = run_job(work, done, failed, parent=self, title=tr("Drawing the card sheet"))
