"""Help menu: the user guide renders from docs/panduan.md; About lists the bundled licences."""

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from app import __version__
from app.views.bantuan import AboutDialog, GuideDialog, install_help_menu, licence_of


def test_guide_and_about(qtbot: QtBot, tmp_path: Path) -> None:
    guide = GuideDialog()
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert text.startswith("Panduan Pengguna Capaian")
    assert "Mode Latihan" in text

    missing = GuideDialog(path=tmp_path / "tidak-ada.md")
    qtbot.addWidget(missing)
    assert "tidak ditemukan" in missing.browser.toPlainText()

    about = AboutDialog()
    qtbot.addWidget(about)
    rows = {
        about.table.item(r, 0).text(): about.table.item(r, 2).text()
        for r in range(about.table.rowCount())
    }
    assert "MIT" in rows["SQLAlchemy"]
    assert "LGPL" in rows["PySide6-Essentials"]
    labels = " ".join(label.text() for label in about.findChildren(QLabel))
    assert f"Capaian {__version__}" in labels


def test_menu_offers_both(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    install_help_menu(window)
    (menu,) = [a.menu() for a in window.menuBar().actions()]
    assert [a.text() for a in menu.actions()] == ["Panduan pengguna", "Tentang Capaian"]


def test_licence_of_an_unknown_package() -> None:
    assert licence_of("paket-yang-tidak-ada") == ("-", "tidak terpasang")


def test_images_not_generated_are_left_out(tmp_path: Path) -> None:
    from app.views.bantuan import _without_missing_images

    (tmp_path / "gambar").mkdir()
    (tmp_path / "gambar" / "ada.png").write_bytes(b"png")
    text = "a\n![ada](gambar/ada.png)\n![hilang](gambar/hilang.png)\nb"
    assert _without_missing_images(text, tmp_path) == "a\n![ada](gambar/ada.png)\nb"
