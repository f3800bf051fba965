"""Excel and printing from the GUI: the same services as the CLI, through the task runner."""

import subprocess
from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from app.services import pegawai
from app.services.context import ServiceContext
from app.views.berkas import BerkasView
from app.views.state import AppState
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx
from tests.helpers import snapshot


def test_export_then_import_back_unchanged_and_a_bad_file_changes_nothing(
    qtbot: QtBot, demo_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    view = BerkasView(AppState(demo_ctx, runner, make_ctx))
    qtbot.addWidget(view)
    view.export(tmp_path / "pegawai.xlsx")
    assert "diekspor" in view.log.toPlainText()
    view.import_file(tmp_path / "pegawai.xlsx")
    assert "0 baru, 0 diubah" in view.log.toPlainText()

    workbook = openpyxl.load_workbook(tmp_path / "pegawai.xlsx")
    sheet = workbook.active
    sheet.cell(row=2, column=1).value = "123"  # an invalid NIP
    workbook.save(tmp_path / "rusak.xlsx")
    before = snapshot(demo_ctx.db)
    view.import_file(tmp_path / "rusak.xlsx")
    assert "Tidak ada yang disimpan" in view.log.toPlainText()
    assert (tmp_path / "rusak-kesalahan.xlsx").exists()
    assert snapshot(demo_ctx.db) == before
    assert pegawai.list_pegawai(demo_ctx)  # the office's staff are all still there


def test_print_one_employee_through_the_runner(
    qtbot: QtBot, demo_ctx: ServiceContext, runner: TaskRunner, tmp_path: Path
) -> None:
    view = BerkasView(AppState(demo_ctx, runner, make_ctx))
    qtbot.addWidget(view)
    nip = next(p.nip for p in pegawai.list_pegawai(demo_ctx) if p.penilai_nip)
    view.sheet_kind.setCurrentIndex(2)  # Dokumen Evaluasi
    view.print_period.setText("2025")
    view.print_nip.setText(str(nip))
    view.print_to(tmp_path)
    assert "1 lembar dalam 1 berkas PDF" in view.log.toPlainText()
    (pdf,) = tmp_path.glob("*.pdf")
    shown = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    text = shown.stdout
    assert "DOKUMEN EVALUASI KINERJA" in text.upper()
