"""Data > Kelola akun pengguna and Ganti sandi saya: the GUI side of ``capaian user``.

Real services on a real SQLite file; each argon2 hash or check costs about half a second here,
so every test signs in and hashes only as often as the behaviour it proves needs.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.errors import AksesDitolakError
from app.models import Pengguna
from app.services import pengguna
from app.services.context import ServiceContext
from app.services.dto import PenggunaDTO
from app.views.data_menu import install_data_menu
from app.views.dialogs import open_dialogs
from app.views.pengguna import (
    AccountActions,
    AccountsDialog,
    ChangeOwnPasswordDialog,
    NewAccountDialog,
    ResetPasswordDialog,
)
from app.views.state import AppState
from app.views.tasks import TaskRunner
from tests.conftest import FIXED_NOW
from tests.gui.conftest import make_ctx
from tests.helpers import NIP_KEPALA, build_team, snapshot

ADMIN_SANDI = "rahasia-admin-1"


def add_admin(ctx: ServiceContext, *, sign_in: bool = True) -> None:
    pengguna.buat_pengguna(
        ctx, nama_pengguna="admin", nama_lengkap="Admin Dinkes", peran="admin", sandi=ADMIN_SANDI
    )
    if sign_in:
        pengguna.masuk(ctx, "admin", ADMIN_SANDI)


def account_actions(qtbot: QtBot, state: AppState) -> AccountActions:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return install_data_menu(window, state).accounts


def open_accounts(actions: AccountActions) -> AccountsDialog:
    actions.show_accounts()
    assert actions.dialog is not None and actions.dialog.isVisible()
    return actions.dialog


def table_rows(dialog: AccountsDialog) -> dict[str, list[str]]:
    table = dialog.table
    rows = {}
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() for c in range(table.columnCount())]
        rows[cells[0]] = cells
    return rows


def click(button: QPushButton) -> None:
    assert button.isEnabled()
    button.click()


def answer_yes() -> None:
    yes = next(b for d in open_dialogs() if (b := d.findChild(QPushButton, "ya")) is not None)
    yes.click()


def shoot(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / name
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    assert image.size() == widget.size() and not image.isNull()
    return path


def sign_in_elsewhere(ctx: ServiceContext, nama: str, sandi: str) -> PenggunaDTO:
    """Sign in on a second context of the same file, as another copy of Capaian would."""
    assert ctx.db.path is not None
    other = make_ctx(ctx.db.path)
    try:
        return pengguna.masuk(other, nama, sandi)
    finally:
        other.db.dispose()


def test_admin_creates_a_penilai_linked_to_a_nip_and_refusals_keep_the_form(
    qtbot: QtBot,
    gui_office: ServiceContext,
    state: AppState,
    errors: list[BaseException],
    screenshot_dir: Path,
) -> None:
    build_team(gui_office)
    add_admin(gui_office)
    actions = account_actions(qtbot, state)
    assert actions.manage.isVisible() and actions.manage.isEnabled()
    assert actions.change_own.isEnabled()
    dialog = open_accounts(actions)
    assert table_rows(dialog) == {
        "admin": ["admin", "Admin Dinkes", "Admin kantor", "-", "Aktif", ""]
    }

    click(dialog.add_button)
    form = dialog.form
    assert isinstance(form, NewAccountDialog) and form.isVisible()
    assert form.pegawai.findData(NIP_KEPALA) > 0  # the staff are offered by name and NIP
    qtbot.keyClicks(form.nama, "siti")
    qtbot.keyClicks(form.nama_lengkap, "Siti Rahma")
    form.peran.setCurrentIndex(form.peran.findData("penilai"))
    qtbot.keyClicks(form.sandi, "rahasia-siti-1")
    qtbot.keyClicks(form.ulangi, "rahasia-siti-2")
    before = snapshot(gui_office.db)

    click(form.ok)  # repeat differs: refused here, before any service call
    assert "tidak sama" in form.message.text() and form.isVisible()
    assert snapshot(gui_office.db) == before

    form.ulangi.setText("rahasia-siti-1")
    click(form.ok)  # a penilai without a pegawai: the service refuses
    assert "ditautkan ke pegawai" in form.message.text() and form.isVisible()
    assert (form.nama.text(), form.nama_lengkap.text()) == ("siti", "Siti Rahma")
    assert form.sandi.text() == "rahasia-siti-1" and form.peran.currentData() == "penilai"
    assert snapshot(gui_office.db) == before

    form.pegawai.setCurrentIndex(form.pegawai.findData(NIP_KEPALA))
    form.nama.setText("Admin")  # the name is taken (names are compared in lower case)
    click(form.ok)
    assert "sudah dipakai" in form.message.text() and form.isVisible()
    assert form.chosen_nip() == NIP_KEPALA and form.sandi.text() == "rahasia-siti-1"
    assert snapshot(gui_office.db) == before
    shoot(form, screenshot_dir, "akun-tambah.png")

    form.nama.setText("siti")
    click(form.ok)
    assert not form.isVisible() and not errors
    assert form.sandi.text() == "" and form.ulangi.text() == ""  # nothing kept after use
    assert table_rows(dialog)["siti"] == [
        "siti",
        "Siti Rahma",
        "Penilai (pejabat penilai)",
        f"Budi Santoso ({NIP_KEPALA})",
        "Aktif",
        "",
    ]
    assert dialog.selected() is not None and dialog.selected().nama_pengguna == "siti"
    user = sign_in_elsewhere(gui_office, "siti", "rahasia-siti-1")
    assert (user.peran, user.pegawai_nip) == ("penilai", NIP_KEPALA)

    # The last active admin stays: the refusal is shown in the list, nothing changes.
    before = snapshot(gui_office.db)
    dialog.select("admin")
    click(dialog.disable_button)
    answer_yes()
    assert "Admin aktif terakhir" in dialog.message.text()
    assert snapshot(gui_office.db) == before and not errors
    shoot(dialog, screenshot_dir, "akun-daftar-penilai.png")


def test_reset_lifts_the_lock_and_a_disabled_account_cannot_sign_in(
    qtbot: QtBot,
    gui_office: ServiceContext,
    state: AppState,
    errors: list[BaseException],
    screenshot_dir: Path,
) -> None:
    add_admin(gui_office)
    pengguna.buat_pengguna(
        gui_office,
        nama_pengguna="budi",
        nama_lengkap="Budi Operator",
        peran="operator",
        sandi="x" * 9,
    )
    # Five wrong passwords in a row lock an account (tests/unit cover the counting); set the
    # lock directly rather than spend five password checks on it here.
    with gui_office.db.engine.begin() as connection:
        connection.execute(
            update(Pengguna)
            .where(Pengguna.nama_pengguna == "budi")
            .values(gagal_berturut=5, terkunci_sampai=FIXED_NOW + timedelta(minutes=30))
        )
    actions = account_actions(qtbot, state)
    dialog = open_accounts(actions)
    assert table_rows(dialog)["budi"][2:] == [
        "Operator (entri data)",
        "-",
        "Aktif",
        "29-11-2026 10:30",
    ]
    shoot(dialog, screenshot_dir, "akun-daftar.png")
    assert not dialog.reset_button.isEnabled()  # nothing selected yet

    dialog.select("budi")
    click(dialog.reset_button)
    form = dialog.form
    assert isinstance(form, ResetPasswordDialog) and form.isVisible()
    qtbot.keyClicks(form.sandi, "sandi-baru-budi")
    qtbot.keyClicks(form.ulangi, "sandi-baru-bud")
    before = snapshot(gui_office.db)
    click(form.ok)
    assert "tidak sama" in form.message.text() and form.isVisible()
    assert snapshot(gui_office.db) == before
    form.ulangi.setText("sandi-baru-budi")
    click(form.ok)
    assert not form.isVisible() and not errors
    assert form.sandi.text() == "" and form.ulangi.text() == ""
    assert table_rows(dialog)["budi"][5] == ""  # the lock is lifted
    assert sign_in_elsewhere(gui_office, "budi", "sandi-baru-budi").nama_pengguna == "budi"

    dialog.select("budi")
    assert not dialog.enable_button.isEnabled()
    click(dialog.disable_button)
    answer_yes()
    assert table_rows(dialog)["budi"][4] == "Nonaktif" and not errors
    with pytest.raises(AksesDitolakError, match="dinonaktifkan"):
        sign_in_elsewhere(gui_office, "budi", "sandi-baru-budi")

    assert dialog.selected() is not None and dialog.selected().nama_pengguna == "budi"
    assert not dialog.disable_button.isEnabled()
    click(dialog.enable_button)
    answer_yes()
    assert table_rows(dialog)["budi"][4] == "Aktif"
    assert [u.aktif for u in pengguna.daftar_pengguna(gui_office)] == [True, True]


def test_an_operator_gets_no_account_management_but_changes_own_password(
    qtbot: QtBot, gui_office: ServiceContext, state: AppState, errors: list[BaseException]
) -> None:
    add_admin(gui_office)
    pengguna.buat_pengguna(
        gui_office,
        nama_pengguna="rina",
        nama_lengkap="Rina Operator",
        peran="operator",
        sandi="sandi-rina-lama",
    )
    pengguna.keluar(gui_office, "test")
    actions = account_actions(qtbot, state)
    assert not actions.manage.isVisible() and not actions.change_own.isEnabled()

    pengguna.masuk(gui_office, "rina", "sandi-rina-lama")
    actions.refresh()  # what the shell does once someone signed in
    assert not actions.manage.isVisible() and not actions.manage.isEnabled()
    assert actions.change_own.isEnabled()

    actions.ask_change_own()
    form = actions.form
    assert isinstance(form, ChangeOwnPasswordDialog) and form.isVisible()
    qtbot.keyClicks(form.lama, "bukan-sandi-rina")
    qtbot.keyClicks(form.sandi, "sandi-rina-baru")
    qtbot.keyClicks(form.ulangi, "sandi-rina-baru")
    before = snapshot(gui_office.db)
    click(form.ok)
    assert "Sandi lama salah" in form.message.text() and form.isVisible()
    assert form.sandi.text() == "sandi-rina-baru"  # nothing typed is lost
    assert snapshot(gui_office.db) == before

    form.lama.setText("sandi-rina-lama")
    click(form.ok)
    assert not form.isVisible() and not errors
    assert (form.lama.text(), form.sandi.text(), form.ulangi.text()) == ("", "", "")
    assert any(isinstance(d, QMessageBox) and "diganti" in d.text() for d in open_dialogs())
    assert sign_in_elsewhere(gui_office, "rina", "sandi-rina-baru").peran == "operator"


def test_without_accounts_the_first_one_made_here_is_the_admin_and_signs_in(
    qtbot: QtBot,
    gui_office: ServiceContext,
    state: AppState,
    errors: list[BaseException],
    tmp_path: Path,
) -> None:
    actions = account_actions(qtbot, state)
    assert actions.manage.isVisible() and not actions.change_own.isEnabled()
    dialog = open_accounts(actions)
    assert dialog.table.rowCount() == 0
    click(dialog.add_button)
    form = dialog.form
    assert isinstance(form, NewAccountDialog)
    assert form.peran.currentData() == "admin"
    assert form.peran.findData("bkd_admin") == -1  # only on a BKD installation
    qtbot.keyClicks(form.nama, "kepegawaian")
    qtbot.keyClicks(form.nama_lengkap, "Admin Kepegawaian")
    qtbot.keyClicks(form.sandi, "sandi-pertama-1")
    qtbot.keyClicks(form.ulangi, "sandi-pertama-1")
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    assert not form.isVisible() and not errors
    assert gui_office.pengguna is not None and gui_office.pengguna.nama_pengguna == "kepegawaian"
    assert list(table_rows(dialog)) == ["kepegawaian"]
    assert actions.manage.isVisible() and actions.change_own.isEnabled()

    # Another database: the old list closes, the entries follow the new one (nobody is signed
    # in there); in practice mode account management is never offered.
    other = make_ctx(tmp_path / "lain" / "capaian.db")
    state.switch(other, practice=False)
    assert not dialog.isVisible() and actions.dialog is None
    assert actions.manage.isVisible() and not actions.change_own.isEnabled()
    state.switch(other, practice=True)
    assert not actions.manage.isVisible() and not actions.change_own.isEnabled()
    other.db.dispose()


def test_the_entries_follow_the_sign_in_again_after_a_restore(
    qtbot: QtBot, gui_office: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    from app.views.shell import Shell

    add_admin(gui_office, sign_in=False)
    shell = Shell(gui_office, make_ctx, runner, log_file=tmp_path / "log.txt")
    runner.error_handler = None  # failures raise in the test
    shell.start()
    login = shell.login
    assert login is not None
    qtbot.keyClicks(login.name, "admin")
    qtbot.keyClicks(login.password, ADMIN_SANDI)
    login.sign_in()
    assert shell.window is not None
    actions = shell.data_menu.accounts
    assert actions.manage.isVisible() and actions.change_own.isEnabled()

    assert gui_office.db.path is not None
    reopened = make_ctx(gui_office.db.path)  # what a restore hands back: nobody signed in
    shell._reopened(reopened)
    assert not actions.manage.isVisible() and not actions.change_own.isEnabled()
    login = shell.login
    assert login is not None and login.isVisible()
    qtbot.keyClicks(login.name, "admin")
    qtbot.keyClicks(login.password, ADMIN_SANDI)
    login.sign_in()
    assert actions.manage.isVisible() and actions.change_own.isEnabled()
    shell.window.close()
    reopened.db.dispose()
