"""Sync screens at an office and at BKD: gate, export, import report, enrolment, conflicts."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services import pegawai, setup, sync_export, sync_merge, sync_reverse
from app.services.context import ServiceContext
from app.views.state import AppState
from app.views.sync import SyncView
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx
from tests.helpers import NIP_BIDAN, NIP_KEPALA, build_team

PASS = "rahasia-kantor-1"
PASS_BKD = "rahasia-bkd-123"


def test_enrolment_export_import_and_conflict_through_the_screens(
    qtbot: QtBot, state: AppState, errors: list[BaseException], tmp_path: Path
) -> None:
    kantor, runner = state.ctx, state.runner
    build_team(kantor)
    office_view = SyncView(state)
    qtbot.addWidget(office_view)
    office_view.show()
    office_view.make_key(PASS, PASS)
    key = sync_export.info_kunci(kantor)
    assert key.sidik_jari in office_view.key_label.text()
    office_view.write_request(tmp_path, PASS)
    request = next(tmp_path.glob("pendaftaran_*.bkdsync"))

    bkd = make_ctx(tmp_path / "bkd" / "capaian.db")
    setup.init_installation(bkd, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
    bkd_view = SyncView(AppState(bkd, runner, make_ctx))
    qtbot.addWidget(bkd_view)
    bkd_view.show()
    assert bkd_view.tabs.isTabEnabled(2)
    bkd_view.import_package(request)
    assert sync_merge.MENUNGGU_PERSETUJUAN in bkd_view.report.toPlainText()
    assert bkd_view.installations.rowCount() == 1
    assert bkd_view.installations.item(0, 2).text() == key.sidik_jari
    # A wrong fingerprint is refused; the right one (read out by phone) approves.
    bkd_view.installations.selectRow(0)
    qtbot.keyClicks(bkd_view.fingerprint, "0000 1111")
    bkd_view.approve_selected()
    assert "Sidik jari tidak cocok" in str(errors[-1])
    assert bkd_view.installations.item(0, 1).text() == "MENUNGGU"
    bkd_view.fingerprint.setText(key.sidik_jari)
    qtbot.mouseClick(bkd_view.approve_button, Qt.MouseButton.LeftButton)
    assert bkd_view.installations.item(0, 1).text() == "DISETUJUI"

    # The office exports through its screen; BKD imports and gets a conflict to resolve.
    (tmp_path / "paket").mkdir()
    office_view.export(tmp_path / "paket", PASS)
    first = next((tmp_path / "paket").glob("*.bkdsync"))
    bkd_view.import_package(first)
    assert sync_merge.BERHASIL in bkd_view.report.toPlainText()
    pegawai.update_pegawai(bkd, NIP_BIDAN, jabatan="Versi BKD")
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Versi kantor")
    second = sync_export.ekspor_paket(kantor, tmp_path / "2.bkdsync", PASS).berkas
    bkd_view.import_package(second)
    assert bkd_view.conflict_list.count() == 1
    bkd_view.conflict_list.setCurrentRow(0)
    sides = {
        bkd_view.sides.item(r, 0).text(): [bkd_view.sides.item(r, c).text() for c in (2, 3)]
        for r in range(bkd_view.sides.rowCount())
    }
    assert sides["jabatan"] == ["Versi kantor", "Versi BKD"]
    qtbot.keyClicks(bkd_view.note, "Dikonfirmasi lewat telepon")
    qtbot.mouseClick(bkd_view.take_button, Qt.MouseButton.LeftButton)
    assert bkd_view.conflict_list.count() == 0
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Versi kantor"

    # Two clashes of one kind are decided together with the group box ticked.
    for nip in (NIP_BIDAN, NIP_KEPALA):
        pegawai.update_pegawai(bkd, nip, jabatan=f"BKD {nip}")
        pegawai.update_pegawai(kantor, nip, jabatan=f"Kantor {nip}")
    third = sync_export.ekspor_paket(kantor, tmp_path / "3.bkdsync", PASS).berkas
    bkd_view.import_package(third)
    assert bkd_view.conflict_list.count() == 2
    bkd_view.conflict_list.setCurrentRow(0)
    bkd_view.whole_group.setChecked(True)
    qtbot.keyClicks(bkd_view.note, "Data BKD sesuai SK")
    qtbot.mouseClick(bkd_view.keep_button, Qt.MouseButton.LeftButton)
    assert bkd_view.conflict_list.count() == 0

    # BKD answers with a reverse package; the office trusts BKD's key and applies it.
    sync_export.buat_kunci(bkd, PASS_BKD)
    bkd_view.refresh()
    bkd_key = sync_reverse.info_kunci_bkd(bkd)
    office_view.trust(bkd_key.kunci_publik, bkd_key.sidik_jari)
    (tmp_path / "balasan").mkdir()
    bkd_view.write_reply("DINKES", tmp_path / "balasan", PASS_BKD)
    reply = next((tmp_path / "balasan").glob("balasan_*.bkdsync"))
    assert str(reply) in bkd_view.report.toPlainText()
    office_view.apply_reply(reply)
    shown = [office_view.findings.item(i).text() for i in range(office_view.findings.count())]
    assert shown[0].endswith(": BERHASIL"), shown
    assert pegawai.get_pegawai(kantor, NIP_KEPALA).jabatan == f"BKD {NIP_KEPALA}"
    bkd.db.dispose()


def test_office_gate_lists_findings(
    qtbot: QtBot, demo_ctx: ServiceContext, runner: TaskRunner
) -> None:
    view = SyncView(AppState(demo_ctx, runner, make_ctx))
    qtbot.addWidget(view)
    view.run_check()
    assert view.findings.count() >= 1
    assert "temuan" in view.check_summary.text()
