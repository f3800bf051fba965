"""Data menu: an employee's change history from the audit log; backups of the open database."""

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from app.services import cadangan, pegawai
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


def test_restore_from_a_backup_and_a_refused_file_keeps_the_database(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path / "kantor" / "capaian.db")
    from app.services import setup

    setup.init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    build_team(ctx)
    window = QMainWindow()
    qtbot.addWidget(window)
    state = AppState(ctx, runner, make_ctx)
    errors: list[BaseException] = []
    runner.error_handler = errors.append
    menu = install_data_menu(window, state)
    menu.backup_now()
    (backup,) = [b.berkas for b in cadangan.daftar_cadangan(ctx.db.path) if b.jenis == "manual"]
    pegawai.update_pegawai(ctx, NIP_BIDAN, jabatan="Sesudah cadangan")

    not_a_backup = tmp_path / "bukan.db"
    not_a_backup.write_text("bukan basis data")
    menu.restore(not_a_backup)
    assert errors and state.ctx is not ctx  # reopened, and the refusal was shown
    assert pegawai.get_pegawai(state.ctx, NIP_BIDAN).jabatan == "Sesudah cadangan"

    errors.clear()
    menu.restore(backup)
    assert not errors
    assert pegawai.get_pegawai(state.ctx, NIP_BIDAN).jabatan == "Bidan Terampil"
    kept = list((tmp_path / "kantor").glob("capaian.db.sebelum-pulih-*"))
    assert kept  # the replaced database is kept beside it
    state.ctx.db.dispose()
