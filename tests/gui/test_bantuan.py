"""Help menu: the guide renders from docs/panduan.md; the cheat sheet saves as a one-page PDF;
About lists the bundled licences."""

import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from app import __version__
from app.errors import UserError
from app.views.bantuan import (
    AboutDialog,
    GuideDialog,
    ask_save_cheat_sheet,
    install_help_menu,
    licence_of,
    save_cheat_sheet,
)
from app.views.dialogs import open_dialogs
from app.views.tasks import TaskRunner


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
    assert [a.text() for a in menu.actions()] == [
        "Panduan pengguna",
        "Simpan lembar ringkas (PDF)...",
        "Bahasa antarmuka...",
        "Tentang Capaian",
    ]


def test_menu_saves_the_cheat_sheet_through_the_runner(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    install_help_menu(window, runner)
    (menu,) = [a.menu() for a in window.menuBar().actions()]
    (action,) = [a for a in menu.actions() if a.text().startswith("Simpan lembar ringkas")]
    asked: list[str] = []

    def save_as(_parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(tmp_path / "sub" / "lembar"), "PDF"  # no suffix typed, folder not there yet

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    action.trigger()
    assert Path(asked[0]).name == "lembar-ringkas-capaian.pdf"
    assert Path(asked[0]).parent.is_dir()
    written = tmp_path / "sub" / "lembar.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(written)], check=True, capture_output=True, text=True)
    assert "Pages:           1" in info.stdout
    (box,) = [d for d in open_dialogs() if isinstance(d, QMessageBox)]
    assert box.text() == f"Lembar ringkas disimpan di {written}."


def test_cheat_sheet_error_is_reported_and_cancel_writes_nothing(
    qtbot: QtBot,
    runner: TaskRunner,
    errors: list[BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    save_cheat_sheet(window, blocker / "ringkas.pdf", runner)
    (error,) = errors
    assert isinstance(error, UserError) and str(blocker) in error.message
    assert [p.name for p in tmp_path.iterdir()] == ["berkas"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    ask_save_cheat_sheet(window, runner)  # the user pressed Cancel
    assert [p.name for p in tmp_path.iterdir()] == ["berkas"]
    assert not open_dialogs()

    # Without a runner (a window built outside the shell) the error is still shown plainly.
    save_cheat_sheet(window, blocker / "ringkas.pdf")
    (box,) = [d for d in open_dialogs() if isinstance(d, QMessageBox)]
    assert str(blocker) in box.text()


def test_licence_of_an_unknown_package() -> None:
    assert licence_of("paket-yang-tidak-ada") == ("-", "tidak terpasang")


def test_images_not_generated_are_left_out(tmp_path: Path) -> None:
    from app.views.bantuan import _without_missing_images

    (tmp_path / "gambar").mkdir()
    (tmp_path / "gambar" / "ada.png").write_bytes(b"png")
    text = "a\n![ada](gambar/ada.png)\n![hilang](gambar/hilang.png)\nb"
    assert _without_missing_images(text, tmp_path) == "a\n![ada](gambar/ada.png)\nb"


def test_any_user_chooses_the_interface_language_of_this_pc(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import preferensi
    from app.views.bantuan import BahasaDialog

    monkeypatch.setenv("CAPAIAN_DATA_DIR", str(tmp_path / "data"))
    window = QMainWindow()
    qtbot.addWidget(window)
    dialog = BahasaDialog(window)
    assert dialog.bahasa.currentData() == "id"
    dialog.bahasa.setCurrentIndex(dialog.bahasa.findData("en"))
    dialog.save()
    assert preferensi.preferred_language() == "en" and not dialog.isVisible()
    (told,) = [d for d in open_dialogs() if isinstance(d, QMessageBox)]
    assert "English" in told.text()
    # A data folder that cannot be written: said plainly, the dialog stays, nothing stored.
    told.close()
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder", encoding="utf-8")
    monkeypatch.setenv("CAPAIAN_DATA_DIR", str(blocked / "data"))
    again = BahasaDialog(window)
    again.show()
    again.save()
    assert again.isVisible()
    assert any(isinstance(d, QMessageBox) for d in open_dialogs())
    assert not (blocked / "data").exists()
