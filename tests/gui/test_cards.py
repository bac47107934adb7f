"""Member cards, sheets, vouchers and slips: real QR codes that decode, real PDFs, and the workflow."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.documents.documents import CardSheet, CounterSlip, Letterhead, MemberCard, RewardVoucher
from loyalty_desk.views.documents.printing import SavePath, export_pdf, export_png, render_image
from loyalty_desk.views.shell.scanner import ScannerFilter
from loyalty_desk.views.widgets.forms import Confirm

from ..support import SHOP, enroll, make_program, make_tiers, shown


def decode(image: QImage) -> list[str]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(gray.constBits(), dtype=np.uint8).reshape(gray.height(), gray.bytesPerLine())
    return [r.text for r in zxingcpp.read_barcodes(np.ascontiguousarray(pixels[:, :gray.width()]))]


@pytest.fixture
def member(gui_svc, session):
    program = make_program(gui_svc, program_type="tiered")
    make_tiers(gui_svc, program.id)
    return program, enroll(gui_svc, program.id, "Zoë Müller")


@pytest.mark.parametrize("dpi", [300, 96])
def test_card_qr_decodes_to_the_card_number(member, dpi):
    program, m = member
    card = MemberCard.of(Letterhead("Corner Shop"), program, m)
    image = render_image(card, dpi)
    assert (image.width(), image.height()) == (round(85.6 / 25.4 * dpi), round(54 / 25.4 * dpi))
    assert decode(image) == [m.card_number]


def test_voucher_qr_decodes_to_the_reward_code(gui_svc, member):
    program, m = member
    gui_svc.add_points_transaction(SHOP, program.id, m.id, {"points_amount": 100, "description": "setup"})
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                              "points_cost": 100})
    red = gui_svc.create_redemption(SHOP, program.id, m.id, reward.id, 100)
    voucher = RewardVoucher(Letterhead("Corner Shop"), red.reward_name, red.reward_code_generated, m.customer_name,
                            red.redemption_date, red.points_redeemed, "One per visit.")
    for dpi in (300, 110):
        assert decode(render_image(voucher, dpi)) == [red.reward_code_generated]


@pytest.mark.parametrize(("paper", "points"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_sheet_of_25_cards_is_a_three_page_pdf(tmp_path, member, paper, points):
    program, m = member
    shop = Letterhead("Corner Shop")
    cards = [MemberCard(shop, program.program_name, f"Member {i}", m.card_number, "Gold") for i in range(25)]
    pages_drawn = []
    path = export_pdf(CardSheet(cards, paper), tmp_path / "sheet.pdf", lambda done, total, _s: pages_drawn.append(done))
    reader = PdfReader(path)
    assert len(reader.pages) == 3 and pages_drawn == [1, 2, 3]
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == points
    assert reader.metadata.title == "Card sheet"


def test_single_card_pdf_is_id1_size(tmp_path, member):
    program, m = member
    reader = PdfReader(export_pdf(MemberCard.of(Letterhead("Shop"), program, m), tmp_path / "card.pdf"))
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    height_mm = float(reader.pages[0].mediabox.height) / 72 * 25.4
    assert abs(width_mm - 85.6) < 0.5 and abs(height_mm - 54) < 0.5


def test_slip_grows_with_its_lines(tmp_path):
    slip = CounterSlip(Letterhead("Shop"), "Ada", [("Points", "+125"), ("New balance", "1,340")])
    image = QImage(str(export_png(slip, tmp_path / "slip.png", dpi=203)))  # a thermal printer's resolution
    assert image.width() == round(80 / 25.4 * 203)
    assert slip.size_mm.height() < CounterSlip(Letterhead("Shop"), "Ada", [("x", "y")] * 6).size_mm.height()


@pytest.fixture
def counter(session, qtbot):
    return shown(qtbot, CounterBar(session), (1100, 420))


def test_enroll_print_card_as_pdf_and_scan_it_back(counter, qtbot, gui_svc, member, tmp_path, monkeypatch, qapp):
    program, _ = member
    dialog = counter.enroll()
    qtbot.keyClicks(dialog.name, "Grace Hopper")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.member is not None and counter.member.customer_name == "Grace Hopper")
    assert "Print the card" in counter.result_label.text()
    grace = counter.member
    document = counter.print_card()
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, parent, suggested, pattern: str(tmp_path / suggested)))
    document.findChild(type(counter.buttons["redeemButton"]), "pdfButton").click()
    pdf = tmp_path / f"card-{grace.card_number}.pdf"
    assert " ".join(PdfReader(pdf).pages[0].extract_text().split()).count("Grace Hopper") == 1
    document.findChild(type(counter.buttons["redeemButton"]), "pngButton").click()
    printed = QImage(str(tmp_path / f"card-{grace.card_number}.png"))
    scanned_text = decode(printed)[0]
    document.close()
    counter.open_member(member[1].id)  # someone else is on screen
    scanner = ScannerFilter()
    scanner.scanned.connect(counter.handle_scan)
    qapp.installEventFilter(scanner)
    try:
        counter.lookup.setFocus()
        qtbot.keyClicks(counter.lookup, scanned_text)
        qtbot.keyClick(counter.lookup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: counter.member.id == grace.id)
    finally:
        qapp.removeEventFilter(scanner)


def test_replacing_a_card_makes_the_old_one_unknown(counter, qtbot, gui_svc, member, monkeypatch):
    _, m = member
    counter.open_member(m.id)
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    counter.buttons["replaceCardButton"].click()
    qtbot.waitUntil(lambda: counter.member.card_number != m.card_number)
    new_card = counter.member.card_number
    counter.handle_scan(m.card_number)
    # The old card says it was replaced, and whose it was: never an offer to enroll someone.
    assert not counter.results.isVisible()
    assert counter.voucher_panel.isVisible() and counter.voucher_panel.title.text().startswith("This card was replaced on")
    assert m.customer_name in counter.voucher_panel.details.text()
    counter.voucher_panel.open_member.click()
    assert counter.member.id == m.id and not counter.voucher_panel.isVisible()
    counter.handle_scan(new_card)
    assert counter.member.card_number == new_card


def redeem_a_mug(counter, qtbot, gui_svc, program, m):  # type: ignore[no-untyped-def]
    """150 points, a 100-point mug, and the mug redeemed at the counter: the dialog shows its voucher code."""
    gui_svc.add_points_transaction(SHOP, program.id, m.id, {"points_amount": 150, "description": "setup"})
    gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                     "points_cost": 100})
    counter.open_member(m.id)
    dialog = counter.redeem()
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.code.text().startswith("RW-"))
    return dialog


def test_a_reward_posted_to_the_member_needs_the_address(counter, qtbot, gui_svc, member):
    program, m = member
    gui_svc.add_points_transaction(SHOP, program.id, m.id, {"points_amount": 150, "description": "setup"})
    gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                     "points_cost": 100})
    counter.open_member(m.id)
    dialog = counter.redeem()
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)                       # the confirmation
    assert dialog.delivery.currentData() is None and not dialog.address.isVisible()
    dialog.delivery.setCurrentIndex(dialog.delivery.findData("ship"))
    assert dialog.address.isVisible()
    qtbot.waitUntil(dialog.address.hasFocus)                                 # typed into next
    dialog.ok_button.click()                                                 # no address yet
    qtbot.waitUntil(lambda: bool(dialog.errors.message("shipping_address")))
    assert dialog.errors.message("shipping_address") == "Enter the address to ship the reward to"
    assert dialog.pages.currentIndex() == dialog.CONFIRM and gui_svc.get_member_redemptions(SHOP, m.id) == []
    qtbot.keyClicks(dialog.address, "1 Main St")
    qtbot.waitUntil(lambda: dialog.address.text() == "1 Main St")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.code.text().startswith("RW-"))
    (made,) = gui_svc.get_member_redemptions(SHOP, m.id)
    assert (made.delivery_method, made.shipping_address) == ("ship", "1 Main St")


def test_voucher_and_slip_after_a_redemption(counter, qtbot, gui_svc, member):
    program, m = member
    dialog = redeem_a_mug(counter, qtbot, gui_svc, program, m)
    dialog.findChild(type(counter.buttons["redeemButton"]), "printVoucherButton").click()
    assert isinstance(counter.document.doc, RewardVoucher)
    assert decode(render_image(counter.document.doc, 200)) == [dialog.code.text()]
    dialog.accept()
    qtbot.waitUntil(lambda: counter.last_receipt is not None)
    slip = counter.print_slip()
    assert slip.doc.kind == "Redemption"
    assert ("Points used", "-100") in slip.doc.lines and ("New balance", "50") in slip.doc.lines
    assert slip.doc.when == gui_svc.get_member_redemptions(SHOP, m.id)[0].redemption_date


def test_the_referral_code_is_on_the_panel_the_card_and_the_slip(counter, qtbot, gui_svc, member, tmp_path):
    program, m = member
    gui_svc.update_loyalty_program(SHOP, program.id, {"referral_enabled": True, "referral_points_awarded": 50})
    counter.open_member(m.id)
    assert counter.panel.card_label.text().endswith(f" · referral code {m.referral_code}")
    card = MemberCard.of(Letterhead("Shop"), gui_svc.get_loyalty_program(SHOP, program.id), m)
    assert card.referral_code == m.referral_code
    text = " ".join(PdfReader(export_pdf(card, tmp_path / "card.pdf")).pages[0].extract_text().split())
    assert f"Refer a friend: {m.referral_code}" in text
    assert decode(render_image(card, 300)) == [m.card_number]         # the QR still reads beside it
    gui_svc.record_purchase(SHOP, program.id, m.id, "10", "REF-1")
    counter.last_receipt = None
    buy = counter.record_purchase()
    qtbot.keyClicks(buy.amount, "5")
    buy.ok_button.click()
    qtbot.waitUntil(lambda: counter.last_receipt is not None)
    assert ("Referral code", m.referral_code) in counter.print_slip().doc.lines
    gui_svc.update_loyalty_program(SHOP, program.id, {"referral_enabled": False})
    counter.open_member(m.id)
    assert "referral code" not in counter.panel.card_label.text()       # no code to pass on without referrals


def test_camera_button_is_hidden_without_the_extra_or_a_camera(counter):
    from loyalty_desk.views.counter.camera import camera_available

    assert counter.camera_button.isHidden() == (not camera_available())


def test_card_sheet_dialog_saves_selected_members(session, qtbot, gui_svc, member, tmp_path, monkeypatch, clock):
    from loyalty_desk.views.documents.card_sheet_dialog import CardSheetDialog

    program, m = member
    others = [enroll(gui_svc, program.id, f"New {i}") for i in range(12)]
    dialog = CardSheetDialog(session, [m.id, others[0].id], None)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a: str(tmp_path / "two.pdf")))
    dialog.save_pdf()
    qtbot.waitUntil(lambda: "Saved 2 card(s)" in dialog.message.text(), timeout=10000)
    assert len(PdfReader(tmp_path / "two.pdf").pages) == 1
    dialog.since.setChecked(True)
    dialog.since_date.setDate(clock.now.date() - dt.timedelta(days=1))
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a: str(tmp_path / "since.pdf")))
    dialog.save_pdf()
    qtbot.waitUntil(lambda: "Saved 13 card(s)" in dialog.message.text(), timeout=10000)
    assert len(PdfReader(tmp_path / "since.pdf").pages) == 2


def test_the_shops_paper_and_receipt_footer_are_used(session, counter, qtbot, gui_svc, member):
    from loyalty_desk.views.documents.card_sheet_dialog import CardSheetDialog
    from loyalty_desk.views.shell.changes import Changes

    program, m = member
    sheet = CardSheetDialog(session, [m.id], None)
    qtbot.addWidget(sheet)
    assert sheet.paper.currentText() == "Letter"          # the test shop's phone region is the US
    gui_svc.save_shop(SHOP, {"paper_size": "A4", "receipt_footer": "Merci !\n\nOpen Sunday 9-12"})
    session.notify(Changes(shop=True))
    sheet = CardSheetDialog(session, [m.id], None)
    qtbot.addWidget(sheet)
    assert sheet.paper.currentText() == "A4"
    dialog = redeem_a_mug(counter, qtbot, gui_svc, program, m)
    dialog.accept()
    qtbot.waitUntil(lambda: counter.last_receipt is not None)
    slip = counter.print_slip().doc
    assert slip.footer_lines == ["Merci !", "Open Sunday 9-12"]
    plain = CounterSlip(Letterhead("Shop"), "Ada", list(slip.lines))
    assert plain.footer_lines == ["Thank you!"] and plain.size_mm.height() < slip.size_mm.height()


def pdf_text(path) -> str:  # type: ignore[no-untyped-def]
    """The first page's words, one space apart (pypdf separates words with tabs)."""
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def _red_logo() -> bytes:
    """A 60 × 30 pure red PNG, so the logo's pixels can be found on the printed page."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = QImage(60, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _red_share(image: QImage, top: float, bottom: float) -> float:
    """The share of pure-red pixels between two heights (fractions of the page)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    pixels = np.frombuffer(rgb.constBits(), dtype=np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    band = pixels[int(rgb.height() * top):int(rgb.height() * bottom), :rgb.width() * 3].reshape(-1, 3)
    return float(((band[:, 0] > 240) & (band[:, 1] < 20) & (band[:, 2] < 20)).mean())


def test_the_shops_logo_and_address_are_on_cards_vouchers_and_slips(session, counter, qtbot, gui_svc, member,
                                                                     tmp_path):
    from loyalty_desk.views.shell.changes import Changes

    program, m = member
    gui_svc.save_shop(SHOP, {"address": "12 Rue de la Paix\n75002 Paris", "logo_png": _red_logo()})
    session.notify(Changes(shop=True))
    counter.open_member(m.id)
    card = counter.print_card().doc
    assert card.shop.address_lines == ["12 Rue de la Paix", "75002 Paris"] and card.shop.logo is not None
    image = render_image(card, 200)
    assert _red_share(image, 0.0, 0.2) > 0.05 and _red_share(image, 0.3, 1.0) == 0   # in the top band only
    assert decode(image) == [m.card_number]                                          # the QR still reads
    text = pdf_text(export_pdf(card, tmp_path / "card.pdf"))
    assert "12 Rue de la Paix · 75002 Paris" in text

    dialog = redeem_a_mug(counter, qtbot, gui_svc, program, m)
    dialog.findChild(type(counter.buttons["redeemButton"]), "printVoucherButton").click()
    voucher = counter.document.doc
    image = render_image(voucher, 200)
    assert _red_share(image, 0.0, 0.13) > 0.02 and _red_share(image, 0.13, 1.0) == 0
    assert decode(image) == [dialog.code.text()]
    assert "75002 Paris" in pdf_text(export_pdf(voucher, tmp_path / "v.pdf"))
    dialog.accept()
    qtbot.waitUntil(lambda: counter.last_receipt is not None)
    slip = counter.print_slip().doc
    text = pdf_text(export_pdf(slip, tmp_path / "slip.pdf"))
    assert "12 Rue de la Paix" in text and "75002 Paris" in text
    plain = CounterSlip(Letterhead(slip.shop.name), slip.member_name, list(slip.lines), slip.when, slip.kind)
    assert slip.size_mm.height() - plain.size_mm.height() == pytest.approx(16 + 2 * 4)  # the logo and two lines
    assert _red_share(render_image(slip, 200), 0.0, 0.15) > 0.05
