"""Review tests for Data > Kelola akun pengguna and Data > Pengaturan kantor (independent review).

Each test names the defect it proves in its docstring.
"""

from pathlib import Path

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.services import izin, pengguna
from app.services.context import ServiceContext
from app.services.pengaturan import daftar_pengaturan, ubah_pengaturan
from app.views.data_menu import install_data_menu
from app.views.state import AppState
from app.views.tasks import TaskRunner
from tests.gui.test_shell import make_shell

ADMIN_SANDI = "rahasia-admin-1"
OPERATOR_SANDI = "rahasia-operator-1"


def test_practice_mode_does_not_offer_account_management_to_an_operator(
    qtbot: QtBot, gui_office: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    """The demo database has no account, so the matrix allows everything in it.

    Kelola akun pengguna then showed for anyone in practice mode, an operator included, and
    an account made there (the form even signs in as the first admin) locks the practice
    database for good: the next time practice mode opens, its context has nobody signed in,
    no login screen is shown for it, and every practice write (the tour included) is refused.
    """
    pengguna.buat_pengguna(
        gui_office, nama_pengguna="admin", nama_lengkap="Admin", peran="admin", sandi=ADMIN_SANDI
    )
    pengguna.masuk(gui_office, "admin", ADMIN_SANDI)
    pengguna.buat_pengguna(
        gui_office,
        nama_pengguna="ops",
        nama_lengkap="Operator",
        peran="operator",
        sandi=OPERATOR_SANDI,
    )
    pengguna.masuk(gui_office, "ops", OPERATOR_SANDI)
    shell = make_shell(gui_office, runner, tmp_path)
    shell.show_window()
    window = shell.window
    assert window is not None
    actions = shell.data_menu.accounts
    assert not actions.manage.isVisible()  # an operator on the office database
    shell.open_practice()
    assert shell.state.practice
    assert izin.boleh(shell.state.ctx, "skp.susun")  # practice works without a login
    assert not actions.manage.isVisible()
    window.close()


def test_all_years_change_takes_effect_in_the_year_shown_or_is_refused(
    qtbot: QtBot, gui_office: ServiceContext, state: AppState, errors: list[BaseException]
) -> None:
    """The form shows 2026 with a place stored for 2026; the admin types a new place, picks
    "semua tahun" and saves. The form closed without a word, and reopened it still showed
    the old place: the value was stored for year 0, below the 2026 one that stays in force.
    """
    ubah_pengaturan(gui_office, "cetak.tempat", "Palangka Raya", 2026)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    action = install_data_menu(window, state).settings
    action.action.trigger()
    form = action.dialog
    assert form is not None and form.tempat.text() == "Palangka Raya"
    form.tempat.setText("Kereng Bangkirai")
    form.berlaku.setCurrentIndex(form.berlaku.findData(0))  # semua tahun
    form.ok.click()
    assert errors == []
    in_force = next(r for r in daftar_pengaturan(gui_office, 2026) if r.kunci == "cetak.tempat")
    # Refused: the form stays open with what was typed and says which choice works.
    assert in_force.nilai == "Palangka Raya"
    assert form.isVisible() and form.tempat.text() == "Kereng Bangkirai"
    assert "mulai tahun 2026" in form.message.text()


def test_saving_the_place_leaves_a_threshold_the_spin_box_rounds_unchanged(
    qtbot: QtBot, gui_office: ServiceContext, state: AppState, errors: list[BaseException]
) -> None:
    """``capaian pengaturan set saran.ambang_sesuai 92.555`` is accepted; the form shows
    it as 92,56 % (two decimals), and saving only a new signing place wrote 92.56 too: a
    threshold nobody touched changed, in an audited write under the admin's name.
    """
    ubah_pengaturan(gui_office, "saran.ambang_sesuai", "92.555")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    action = install_data_menu(window, state).settings
    action.action.trigger()
    form = action.dialog
    assert form is not None
    form.tempat.setText("Kereng Bangkirai")
    assert set(form.changed_values()) == {"cetak.tempat"}
    form.ok.click()
    assert errors == [] and not form.isVisible()
    rows = {r.kunci: r.nilai for r in daftar_pengaturan(gui_office, 2026)}
    assert rows["cetak.tempat"] == "Kereng Bangkirai"
    assert rows["saran.ambang_sesuai"] == "92.555"


def test_an_operator_is_not_offered_restoring_a_backup(
    qtbot: QtBot, gui_office: ServiceContext, state: AppState
) -> None:
    """Data > Pulihkan dari cadangan replaces the whole database and is offered to anyone."""
    pengguna.buat_pengguna(
        gui_office, nama_pengguna="admin", nama_lengkap="Admin", peran="admin", sandi=ADMIN_SANDI
    )
    pengguna.masuk(gui_office, "admin", ADMIN_SANDI)
    pengguna.buat_pengguna(
        gui_office,
        nama_pengguna="ops",
        nama_lengkap="Operator",
        peran="operator",
        sandi=OPERATOR_SANDI,
    )
    pengguna.masuk(gui_office, "ops", OPERATOR_SANDI)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    menu = install_data_menu(window, state)
    assert not menu.accounts.manage.isVisible() and not menu.settings.action.isVisible()
    data = next(a.menu() for a in window.menuBar().actions() if a.menu() is not None)
    restore = next(a for a in data.actions() if a.text().startswith("Pulihkan"))
    assert not (restore.isVisible() and restore.isEnabled())
