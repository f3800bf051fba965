"""First-run wizard, practice mode (never touching the real database), dashboard, sync, main()."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models.trust import AuditLog
from app.scoring.types import CapaianOrganisasi, JenisOrganisasi, Predikat
from app.services import evaluasi, organisasi, setup
from app.services.context import ServiceContext
from app.views.shell import Shell
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx
from tests.helpers import snapshot


@pytest.fixture
def empty_ctx(tmp_path: Path) -> ServiceContext:
    ctx = make_ctx(tmp_path / "kantor" / "capaian.db")
    yield ctx
    ctx.db.dispose()


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


def test_first_run_wizard_sets_role_office_and_sheet_defaults(
    qtbot: QtBot, empty_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    shell = make_shell(empty_ctx, runner, tmp_path)
    shell.start()
    wizard = shell.wizard
    assert wizard is not None and wizard.isVisible() and shell.window is None
    wizard.next()
    office = wizard.office
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # kode, nama required
    office.peran.setCurrentIndex(office.peran.findData("dinas"))
    qtbot.keyClicks(office.kode, "disdik")
    qtbot.keyClicks(office.nama, "Dinas Pendidikan")
    office.tahun.setValue(2026)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    wizard.sheets.tempat.setText("Kereng Bangkirai")
    wizard.accept()
    inst = setup.get_installation(empty_ctx)
    assert (inst.peran, inst.kode_kantor, inst.nama_kantor) == (
        "dinas",
        "DISDIK",
        "Dinas Pendidikan",
    )
    # The signing place is on the pemda and office units, and new units inherit it.
    organisasi.create_organisasi(
        empty_ctx,
        kode="SD-01",
        nama="SD Negeri 1",
        jenis=JenisOrganisasi.SEKOLAH,
        induk_kode="DISDIK",
    )
    assert {u.kode: u.tempat for u in organisasi.list_organisasi(empty_ctx)} == {
        "PEMDA": "Kereng Bangkirai",
        "DISDIK": "Kereng Bangkirai",
        "SD-01": "Kereng Bangkirai",
    }
    # The whole set-up was one transaction (one user action in the audit log).
    with empty_ctx.read() as session:
        actions = set(session.scalars(select(AuditLog.perintah)))
    assert actions == {"init", "buat_organisasi"}
    assert shell.window is not None and shell.window.isVisible()
    assert "Dinas Pendidikan" in shell.window.office_label.text()
    assert shell.window.tahun.currentData() == 2026
    shell.window.close()


def test_wizard_refusal_keeps_it_open_with_the_message(
    qtbot: QtBot, empty_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    shell = make_shell(empty_ctx, runner, tmp_path)
    shown: list[BaseException] = []
    runner.error_handler = shown.append
    shell.start()
    wizard = shell.wizard
    assert wizard is not None
    wizard.next()
    qtbot.keyClicks(wizard.office.kode, "kode salah!")
    qtbot.keyClicks(wizard.office.nama, "Dinas")
    wizard.next()
    wizard.accept()
    assert wizard.isVisible() and "tidak sah" in wizard.sheets.message.text()
    assert wizard.currentId() == 1  # back on the office page
    assert shown and shell.window is None
    wizard.close()


def test_practice_mode_opens_the_demo_under_a_banner_and_leaves_real_data_alone(
    qtbot: QtBot, gui_office: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    before = snapshot(gui_office.db)
    shell = make_shell(gui_office, runner, tmp_path)
    shell.start()
    window = shell.window
    assert window is not None and not window.banner.isVisible()
    qtbot.mouseClick(window.practice_button, Qt.MouseButton.LeftButton)
    assert shell.state.practice and shell.state.ctx is not gui_office
    assert shell.state.ctx.db.display_name.endswith("capaian-latihan.db")
    assert window.banner.isVisible() and "MODE LATIHAN" in window.banner.label.text()
    assert "[MODE LATIHAN]" in window.windowTitle()
    assert window.staff_model.total > 30  # the Sabangau demo staff
    assert not window.practice_button.isVisible()
    qtbot.mouseClick(window.banner.leave, Qt.MouseButton.LeftButton)
    assert not shell.state.practice and shell.state.ctx is gui_office
    assert not window.banner.isVisible()
    assert window.staff_model.total == 0
    assert snapshot(gui_office.db) == before
    window.close()


def test_wizard_can_open_the_demo_instead(
    qtbot: QtBot, empty_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    shell = make_shell(empty_ctx, runner, tmp_path)
    shell.start()
    assert shell.wizard is not None
    shell.wizard.start.demo.setChecked(True)
    shell.wizard.accept()
    assert shell.state.practice and shell.window is not None and shell.window.isVisible()
    # Leaving practice on a database never set up brings the wizard back.
    shell.leave_practice()
    assert shell.wizard is not None and shell.wizard.isVisible()
    assert not shell.window.isVisible()
    shell.wizard.close()


def test_dashboard_progress_distribution_capaian_and_png(
    qtbot: QtBot, demo_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    shell = make_shell(demo_ctx, runner, tmp_path)
    shell.start()
    window = shell.window
    assert window is not None
    dashboard = window.dashboard
    window.pages.setCurrentWidget(dashboard)
    assert dashboard.periode.currentData() == "2025"
    unit = dashboard.selected_unit()
    assert unit is not None and unit.kedalaman == 1 and unit.kode == "DINKES"
    expected = evaluasi.distribusi(demo_ctx, organisasi_kode="DINKES", periode_kode="2025")
    assert dashboard.distribusi == expected
    bars = {b.label: b for b in dashboard.chart.bars}
    assert bars["Baik"].text.startswith(f"{expected.jumlah[Predikat.BAIK]} (")
    assert dashboard.warnings.count() >= 1
    assert unit.jumlah_dinilai == expected.total
    # Setting the capaian organisasi of a sub-unit is a write that refreshes the table.
    row = dashboard.model.find(lambda r: r.kode.startswith("PKM"))
    dashboard.table.selectRow(row)
    dashboard.capaian_org.setCurrentIndex(
        dashboard.capaian_org.findData(CapaianOrganisasi.ISTIMEWA)
    )
    dashboard.set_capaian_organisasi()
    assert dashboard.model.row_at(row).capaian_organisasi is CapaianOrganisasi.ISTIMEWA
    out = tmp_path / "grafik"
    dashboard.export(out)
    image = QImage(str(out.with_suffix(".png")))
    assert not image.isNull() and image.width() >= 640
    window.close()


def test_sync_view_runs_the_gate_and_creates_a_key(
    qtbot: QtBot, demo_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    shell = make_shell(demo_ctx, runner, tmp_path)
    shell.start()
    window = shell.window
    assert window is not None and window.sync_view is not None
    view = window.sync_view
    window.pages.setCurrentWidget(view)
    view.run_check()
    assert view.check_summary.text()
    assert "Belum ada kunci" in view.key_label.text()
    view.make_key("rahasia-kantor", "rahasia-kantor")
    assert "Sidik jari" in view.key_label.text()
    assert not view.make_key_button.isEnabled()
    assert not view.tabs.isTabEnabled(2)  # the conflict queue is BKD's
    window.close()


def test_launch_opens_the_wizard_on_a_new_database(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from app import main as main_module
    from app.views.wizard import FirstRunWizard

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    launched = main_module.launch(["--db", str(tmp_path / "baru.db"), "--lang", "id"])
    try:
        qtbot.waitUntil(lambda: launched.shell.wizard is not None)
        wizard = launched.shell.wizard
        assert isinstance(wizard, FirstRunWizard) and wizard.isVisible()
        assert launched.shell.window is None
        assert (tmp_path / "baru.db").exists()
        assert launched.runner.error_handler is not None
    finally:
        if launched.shell.wizard is not None:
            launched.shell.wizard.close()
        launched.runner.shutdown()
        launched.ctx.db.dispose()


def test_launch_refuses_an_unopenable_database(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import main as main_module
    from app.errors import UserError

    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    with pytest.raises(UserError):
        main_module.launch(["--db", str(blocker / "capaian.db")])


def test_threaded_launch_loads_screens_off_the_gui_thread(
    qtbot: QtBot, demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import sys

    from app import main as main_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    db = tmp_path / "demo.db"
    shutil.copy(demo_template, db)
    launched = main_module.launch(["--db", str(db)])
    try:
        qtbot.waitUntil(
            lambda: (
                launched.shell.window is not None and launched.shell.window.staff_model.total > 0
            )
        )
        window = launched.shell.window
        window.staff_table.selectRow(3)
        window.tabs.setCurrentWidget(window.evaluasi_tab)
        qtbot.waitUntil(lambda: window.evaluasi_tab.derivasi is not None, timeout=10_000)
        assert window.realisasi_tab.model.rowCount() > 0
        window.pages.setCurrentWidget(window.dashboard)
        qtbot.waitUntil(lambda: window.dashboard.distribusi is not None, timeout=10_000)
        window.close()
        qtbot.waitUntil(lambda: launched.runner.idle)
    finally:
        launched.runner.shutdown()
        launched.ctx.db.dispose()


def test_installer_smoke_hook_builds_the_window(
    qtbot: QtBot, demo_template: Path, tmp_path: Path
) -> None:
    import shutil

    from app import main as main_module

    db = tmp_path / "demo.db"
    shutil.copy(demo_template, db)
    main_module.smoke(db)  # raises when the window does not come up with the staff list
    with pytest.raises(RuntimeError, match="jendela utama"):
        main_module.smoke(tmp_path / "kosong.db", timeout=1.0)  # a new DB shows the wizard


def test_a_database_with_accounts_asks_who_is_working_first(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    from app.services import pengguna

    ctx = make_ctx(tmp_path / "kantor.db")
    setup.init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    pengguna.buat_pengguna(
        ctx, nama_pengguna="admin", nama_lengkap="Admin Dinkes", peran="admin", sandi="rahasia-1234"
    )
    shell = Shell(ctx, make_ctx, runner, log_file=tmp_path / "log.txt")
    shell.start()
    qtbot.waitUntil(lambda: shell.login is not None and shell.login.isVisible())
    login = shell.login
    assert login is not None and shell.window is None
    qtbot.keyClicks(login.name, "admin")
    qtbot.keyClicks(login.password, "salah-sekali")
    login.sign_in()
    qtbot.waitUntil(lambda: "salah" in login.message.text())
    assert login.isVisible() and shell.window is None and ctx.pengguna is None
    qtbot.keyClicks(login.password, "rahasia-1234")
    login.sign_in()
    qtbot.waitUntil(lambda: shell.window is not None)
    assert not login.isVisible()
    assert ctx.pengguna is not None and ctx.pengguna.peran == "admin"
    assert ctx.actor == "admin"
    shell.window.close()


def test_wizard_creates_the_first_admin_and_signs_in(
    qtbot: QtBot, empty_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    from app.services import pengguna

    shell = make_shell(empty_ctx, runner, tmp_path)
    shell.start()
    wizard = shell.wizard
    assert wizard is not None
    wizard.next()
    qtbot.keyClicks(wizard.office.kode, "dinkes")
    qtbot.keyClicks(wizard.office.nama, "Dinas Kesehatan")
    wizard.next()
    sheets = wizard.sheets
    qtbot.keyClicks(sheets.admin, "admin")
    qtbot.keyClicks(sheets.admin_nama, "Admin Dinkes")
    qtbot.keyClicks(sheets.sandi, "pendek")
    qtbot.keyClicks(sheets.sandi_ulang, "pendek")
    before = snapshot(empty_ctx.db)
    wizard.accept()  # refused before anything is written
    assert "minimal 8" in sheets.message.text() and wizard.isVisible()
    assert snapshot(empty_ctx.db) == before
    sheets.sandi.setText("rahasia-kantor")
    sheets.sandi_ulang.setText("rahasia-kantor")
    wizard.accept()
    assert not wizard.isVisible()
    assert [u.peran for u in pengguna.daftar_pengguna(empty_ctx)] == ["admin"]
    assert empty_ctx.pengguna is not None and empty_ctx.actor == "admin"


def test_the_gui_refuses_a_database_another_program_is_writing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from app import main as main_module
    from app.errors import UserError

    db = tmp_path / "kantor.db"
    code = (
        "import time; from app.services import cadangan; "
        f"cadangan.buka({str(db)!r}); print('siap', flush=True); time.sleep(60)"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "siap"
            with pytest.raises(UserError, match="sedang dibuka"):
                main_module.open_context(db)
        finally:
            holder.kill()
    main_module.open_context(db).db.dispose()  # free again once the other program is gone
