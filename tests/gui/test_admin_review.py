"""Review tests for Data > Kelola akun pengguna and Data > Pengaturan kantor (independent review).

Each test names the defect it proves in its docstring.
"""

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services import izin, pengguna
from app.services.context import ServiceContext
from app.views.shell import Shell
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx

ADMIN_SANDI = "rahasia-admin-1"
OPERATOR_SANDI = "rahasia-operator-1"


def make_shell(ctx: ServiceContext, runner: TaskRunner, tmp_path: Path) -> Shell:
    shell = Shell(
        ctx,
        make_ctx,
        runner,
        log_file=tmp_path / "capaian.log",
        practice_path=tmp_path / "latihan" / "capaian-latihan.db",
    )
    runner.error_handler = None  # let failures raise in tests
    return shell


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
