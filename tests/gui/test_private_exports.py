"""Exports and reward pictures are their owner's alone (0600), new or written over, whatever the
umask (README, "Privacy"): cards and slips name members, charts and CSVs carry the shop's figures."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from loyalty_desk.views.analytics.analytics_charts import ChartData
from loyalty_desk.views.analytics.analytics_export import Caption
from loyalty_desk.views.analytics.analytics_export import export_png as export_chart_png
from loyalty_desk.views.analytics.analytics_export import export_svg as export_chart_svg
from loyalty_desk.views.documents.documents import CounterSlip, Letterhead, MemberCard
from loyalty_desk.views.documents.printing import export_pdf, export_png
from loyalty_desk.views.widgets import images

from ..support import enroll, file_mode, make_program


def new_and_loose(tmp_path: Path, name: str) -> list[Path]:
    """A path where nothing is yet, and one where an older export was left readable by all."""
    stem, suffix = name.rsplit(".", 1)
    loose = tmp_path / f"{stem}-again.{suffix}"
    loose.write_bytes(b"an older export")
    os.chmod(loose, 0o644)
    return [tmp_path / name, loose]


def test_card_pdf_and_slip_png_are_private(gui_svc, tmp_path, loose_umask):
    program = make_program(gui_svc)
    card = MemberCard.of(Letterhead("Corner Shop"), program, enroll(gui_svc, program.id, "Zoë Müller"))
    for path in new_and_loose(tmp_path, "card.pdf"):
        export_pdf(card, path)
        assert file_mode(path) == 0o600 and path.read_bytes().startswith(b"%PDF"), path.name
    slip = CounterSlip(Letterhead("Corner Shop"), "Zoë Müller", [("Points", "+125")])
    for path in new_and_loose(tmp_path, "slip.png"):
        export_png(slip, path, dpi=96)
        assert file_mode(path) == 0o600 and not QImage(str(path)).isNull(), path.name


def test_chart_png_and_svg_are_private(qapp, tmp_path, loose_umask):
    data = ChartData(["Mar 1", "Mar 2"], {"New members": [3, 5]}, "Members", "Day")
    caption = Caption("Corner Shop", "New members", "1–2 March 2026", "All programs")
    for path in new_and_loose(tmp_path, "chart.png"):
        export_chart_png(data, caption, path)
        assert file_mode(path) == 0o600 and QImage(str(path)).pixelColor(3, 3) == QColor(255, 255, 255), path.name
    for path in new_and_loose(tmp_path, "chart.svg"):
        export_chart_svg(data, caption, path)
        assert file_mode(path) == 0o600 and "<svg" in path.read_text(encoding="utf-8"), path.name


def test_reward_pictures_are_copied_private_into_a_private_folder(qapp, tmp_path, loose_umask):
    picked = tmp_path / "mug.png"
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.fill(QColor("teal"))
    assert image.save(str(picked), "PNG")
    os.chmod(picked, 0o644)
    copy = images.copy_image(picked)
    assert copy.read_bytes() == picked.read_bytes()
    assert file_mode(copy) == 0o600
    assert file_mode(copy.parent) == 0o700 and copy.parent == images.images_dir()


def test_the_settings_file_is_private_from_its_first_write(qapp, tmp_path, loose_umask):
    from loyalty_desk.views.shell.main_window import make_settings_private, settings

    make_settings_private()
    store = settings()
    store.setValue("theme", "dark")
    store.sync()
    path = Path(store.fileName())
    assert tmp_path.parent in path.parents       # a test's config folder (Qt keeps the first one it was given)
    assert "theme=dark" in path.read_text()
    assert file_mode(path) == 0o600 and file_mode(path.parent) == 0o700
