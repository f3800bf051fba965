"""Data menu: an employee's change history from the audit log; backups of the open database."""

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from app.services import pegawai
from app.services.context import ServiceContext
from app.services.tampilan import daftar_pegawai_status
from app.views.data_menu import install_data_menu
from app.views.state import AppState
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx
from tests.helpers import NIP_BIDAN, build_team


def test_history_of_the_selected_employee_and_a_backup(
    qtbot: QtBot, gui_office: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    build_team(gui_office)
    pegawai.update_pegawai(gui_office, NIP_BIDAN, jabatan="Bidan Mahir")
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_data_menu(window, AppState(gui_office, runner, make_ctx))
    window.current = None  # type: ignore[attr-defined]
    menu.show_history()  # nobody selected: a hint, no dialog
    assert menu.dialog is None
    window.current = next(  # type: ignore[attr-defined]
        r for r in daftar_pegawai_status(gui_office, tahun=2026) if r.nip == NIP_BIDAN
    )
    menu.show_history()
    assert menu.dialog is not None
    table = menu.dialog.table
    changes = [table.item(r, 4).text() for r in range(table.rowCount())]
    assert any('"Bidan Terampil" → "Bidan Mahir"' in c for c in changes), changes

    menu.backup_now()
    assert gui_office.db.path is not None
    menu.show_backups()
    assert menu.dialog.table.rowCount() >= 1
    captions = " ".join(label.text() for label in menu.dialog.findChildren(QLabel))
    assert "restore" in captions and str(gui_office.db.path) in captions
