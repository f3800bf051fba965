"""One whole office flow through the GUI, in-process, as a user would click and type it.

First run -> add staff -> SKP with a cascaded RHK -> monthly realisations -> feedback ->
evaluation -> the dashboard shows it.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.scoring.types import JenisJabatan, Rating, StatusEvaluasi, StatusSkp
from app.services import evaluasi, realisasi, umpan_balik
from app.views.dialogs import open_dialogs
from app.views.main_window import MainWindow
from app.views.shell import Shell
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx

pytestmark = [pytest.mark.gui, pytest.mark.e2e]

NIP_KABID = "197805122005011002"
NIP_STAF = "199207152019032004"


def add_staff(  # noqa: PLR0917 - one call per employee reads best in the flow
    qtbot: QtBot,
    window: MainWindow,
    nip: str,
    nama: str,
    jabatan: str,
    jenis: JenisJabatan,
    penilai: str | None,
) -> None:
    dialog = window.open_pegawai_dialog()
    qtbot.keyClicks(dialog.nip, nip)
    qtbot.keyClicks(dialog.nama, nama)
    qtbot.keyClicks(dialog.jabatan, jabatan)
    qtbot.keyClicks(dialog.golongan, "III/b")
    dialog.jenis_jabatan.setCurrentIndex(dialog.jenis_jabatan.findData(jenis))
    dialog.unit.setCurrentIndex(dialog.unit.findData("DISKOMINFO"))
    if penilai:
        dialog.penilai.setCurrentIndex(dialog.penilai.findData(penilai))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None, dialog.message.text()


def plan_skp(
    qtbot: QtBot, window: MainWindow, rhk: str, indikator: str, target: str, *, cascade: bool
) -> None:
    tab = window.skp_tab
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    if cascade:
        assert tab.rhk_atasan.count() == 2
        tab.rhk_atasan.setCurrentIndex(1)
    qtbot.keyClicks(tab.rhk_uraian, rhk)
    qtbot.keyClick(tab.rhk_uraian, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.ind_uraian, indikator)
    qtbot.keyClicks(tab.ind_target, target)
    qtbot.keyClicks(tab.ind_satuan, "laporan")
    qtbot.mouseClick(tab.add_ind_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.ajukan_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.setujui_button, Qt.MouseButton.LeftButton)
    assert tab.skp is not None and tab.skp.status is StatusSkp.DISETUJUI


def test_first_run_to_dashboard(qtbot: QtBot, tmp_path: Path, qapp: object) -> None:
    ctx = make_ctx(tmp_path / "kantor" / "capaian.db")
    runner = TaskRunner(synchronous=True)
    shell = Shell(
        ctx,
        make_ctx,
        runner,
        log_file=tmp_path / "capaian.log",
        practice_path=tmp_path / "latihan.db",
    )
    failures: list[BaseException] = []
    runner.error_handler = failures.append

    # First run.
    shell.start()
    wizard = shell.wizard
    assert wizard is not None
    wizard.next()
    qtbot.keyClicks(wizard.office.kode, "DISKOMINFO")
    qtbot.keyClicks(wizard.office.nama, "Dinas Komunikasi dan Informatika")
    wizard.office.tahun.setValue(2026)
    wizard.next()
    wizard.accept()
    window = shell.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)

    # Staff: a kepala bidang and a staff member rated by them.
    add_staff(
        qtbot,
        window,
        NIP_KABID,
        "Rudi Hartono",
        "Kepala Bidang Aplikasi Informatika",
        JenisJabatan.ADMINISTRATOR,
        None,
    )
    add_staff(
        qtbot,
        window,
        NIP_STAF,
        "Maya Sari",
        "Pranata Komputer Terampil",
        JenisJabatan.FUNGSIONAL,
        NIP_KABID,
    )
    assert window.staff_model.total == 2

    # SKPs: the staff member's RHK intervenes the kepala's RHK (cascading).
    assert window.select_nip(NIP_KABID)
    plan_skp(
        qtbot,
        window,
        "Meningkatnya layanan aplikasi pemerintahan",
        "Jumlah aplikasi yang beroperasi",
        "12",
        cascade=False,
    )
    assert window.select_nip(NIP_STAF)
    plan_skp(
        qtbot,
        window,
        "Terpeliharanya aplikasi layanan publik",
        "Jumlah laporan pemeliharaan aplikasi",
        "120",
        cascade=True,
    )
    skp_staf = window.skp_tab.skp
    assert skp_staf is not None
    assert skp_staf.rhk[0].rhk_atasan_uraian == "Meningkatnya layanan aplikasi pemerintahan"

    # Monthly realisations typed into the grid, January to March.
    window.tabs.setCurrentWidget(window.realisasi_tab)
    grid = window.realisasi_tab
    for month, value in ((1, "9"), (2, "11"), (3, "10")):
        grid.table.setCurrentIndex(grid.model.index(0, 2 + month))
        qtbot.keyClick(grid.table, value[0])
        editor = next(e for e in grid.table.findChildren(QLineEdit) if e.isVisible())
        qtbot.keyClicks(editor, value[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda m=month: grid.model.value(0, 2 + m) is not None)
    values = sorted((r.periode_kode, r.nilai) for r in realisasi.list_realisasi(ctx, skp_staf.id))
    assert values == [("2026-01", Decimal(9)), ("2026-02", Decimal(11)), ("2026-03", Decimal(10))]
    grid.until.setCurrentIndex(grid.until.findData("2026-03"))
    assert grid.model.data(grid.model.index(0, 2)) == "100%"  # 30 of a pro-rated 30

    # Feedback for March.
    window.tabs.setCurrentWidget(window.umpan_balik_tab)
    feedback = window.umpan_balik_tab
    feedback.periode.setCurrentIndex(feedback.periode.findData("2026-03"))
    qtbot.keyClicks(feedback.teks, "Laporan pemeliharaan tepat waktu; pertahankan.")
    qtbot.mouseClick(feedback.kirim, Qt.MouseButton.LeftButton)
    assert [u.teks for u in umpan_balik.list_umpan_balik(ctx, skp_staf.id)] == [
        "Laporan pemeliharaan tepat waktu; pertahankan."
    ]

    # Evaluation of March: accept the suggestion, finalise.
    window.tabs.setCurrentWidget(window.evaluasi_tab)
    tab = window.evaluasi_tab
    tab.select_period("2026-03")
    assert tab.derivasi is not None and tab.derivasi.saran_rating_hasil is not None
    assert tab.rating_hasil.currentData() == tab.derivasi.saran_rating_hasil
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(Rating.SESUAI))
    assert tab.kuadran.highlighted == (tab.derivasi.saran_rating_hasil, Rating.SESUAI)
    qtbot.mouseClick(tab.finalkan, Qt.MouseButton.LeftButton)
    yes = next(b for d in open_dialogs() if (b := d.findChild(QPushButton, "ya")) is not None)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    stored = evaluasi.list_evaluasi(ctx, periode_kode="2026-03")
    assert [(e.pegawai_nip, e.status) for e in stored] == [(NIP_STAF, StatusEvaluasi.FINAL)]
    predikat = stored[0].predikat
    assert predikat is not None
    row = window.staff_model.find(lambda r: r.nip == NIP_STAF)
    window.periode.setCurrentIndex(window.periode.findData("2026-03"))
    row = window.staff_model.find(lambda r: r.nip == NIP_STAF)
    assert window.staff_model.row_at(row).status_evaluasi is StatusEvaluasi.FINAL

    # The dashboard shows it.
    window.pages.setCurrentWidget(window.dashboard)
    dashboard = window.dashboard
    dashboard.periode.setCurrentIndex(dashboard.periode.findData("2026-03"))
    unit = dashboard.selected_unit()
    assert unit is not None and unit.kode == "DISKOMINFO"
    assert (unit.jumlah_pegawai, unit.jumlah_dinilai, unit.jumlah_final) == (2, 1, 1)
    assert dashboard.distribusi is not None and dashboard.distribusi.total == 1
    assert dashboard.distribusi.jumlah[predikat] == 1
    assert [b.text for b in dashboard.chart.bars if b.text.startswith("1 ")]
    assert failures == []
    window.close()
    runner.shutdown()
    ctx.db.dispose()
