"""The practice tour, walked as a new assessor would: every step done with the real screens."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.scoring.periode import CaraAgregasi
from app.scoring.types import (
    Aspek,
    JenisJabatan,
    JenisPegawai,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)
from app.services import evaluasi, latihan, pegawai, realisasi, skp, umpan_balik
from app.views.dialogs import open_dialogs
from app.views.main_window import MainWindow
from app.views.refcount import emit
from app.views.shell import Shell
from app.views.state import AppState
from app.views.tur import DONE
from tests.gui.conftest import make_ctx
from tests.gui.test_screenshots import SIZE, shoot
from tests.helpers import NIP_KEPALA, NIP_PERAWAT, build_team


@pytest.fixture
def practice_shell(
    qtbot: QtBot,
    state: AppState,
    demo_template: Path,
    tmp_path: Path,
    errors: list[BaseException],
) -> Shell:
    """The application on an (empty) office database, switched to practice mode."""
    practice = tmp_path / "latihan" / "capaian-latihan.db"
    practice.parent.mkdir()
    shutil.copy(demo_template, practice)
    shell = Shell(
        state.ctx, make_ctx, state.runner, log_file=tmp_path / "log", practice_path=practice
    )
    state.runner.error_handler = errors.append  # the Shell installs dialogs; tests assert
    shell.start()
    shell.open_practice()
    assert shell.window is not None
    qtbot.addWidget(shell.window)
    shell.window.resize(SIZE)
    return shell


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_new_assessor_walks_the_whole_tour(
    qtbot: QtBot,
    practice_shell: Shell,
    errors: list[BaseException],
    screenshot_dir: Path,
) -> None:
    window = practice_shell.window
    assert isinstance(window, MainWindow)
    tur, real = window.tur, practice_shell.real_ctx
    assert not tur.isVisible() and window.banner.tour.isVisible()
    click(qtbot, window.banner.tour)
    assert tur.isVisible() and tur.peserta is not None
    p, ctx = tur.peserta, window.state.ctx
    # The trainee is chosen in the staff list, on the tour's year, and has nothing yet.
    assert window.current is not None and window.current.nip == p.nip
    assert window.tahun.currentData() == p.tahun
    assert window.periode.currentData() == p.periode_kode  # the list shows January's statuses
    assert p.penilai_nama in tur.intro.text() and p.nama in tur.intro.text()
    assert tur.steps.currentRow() == 0 and tur.progress.text() == "0 dari 4 langkah selesai."

    # Step 1: the SKP. "Tunjukkan" points at each control in turn and fills in the example.
    skp_tab = window.skp_tab
    click(qtbot, tur.show_button)
    assert window.tabs.currentWidget() is skp_tab
    assert tur.sorotan.isVisible() and tur.sorotan.target is skp_tab.create_button
    click(qtbot, skp_tab.create_button)
    assert f"{DONE}</span> Di tab <b>SKP</b>" in tur.detail.text()
    click(qtbot, tur.show_button)
    assert tur.sorotan.target is skp_tab.rhk_uraian
    assert skp_tab.rhk_uraian.text() == p.contoh_rhk and skp_tab.rhk_atasan.currentIndex() == 1
    click(qtbot, skp_tab.add_rhk_button)
    click(qtbot, tur.show_button)
    assert tur.sorotan.target is skp_tab.ind_uraian
    assert skp_tab.ind_agregasi.currentData() == CaraAgregasi.RATA_RATA
    click(qtbot, skp_tab.add_ind_button)
    click(qtbot, tur.show_button)
    assert tur.sorotan.target is skp_tab.ajukan_button
    click(qtbot, skp_tab.ajukan_button)
    click(qtbot, tur.show_button)
    assert tur.sorotan.target is skp_tab.setujui_button
    click(qtbot, skp_tab.setujui_button)
    assert tur.kemajuan is not None and tur.kemajuan.status_skp is StatusSkp.DISETUJUI
    stored = skp.get_skp(ctx, tur.kemajuan.skp_id or "")
    indikator = stored.rhk[0].indikator[0]
    assert stored.rhk[0].uraian == p.contoh_rhk and stored.rhk[0].rhk_atasan_id is not None
    assert (indikator.cara_agregasi, indikator.target_angka) == (
        CaraAgregasi.RATA_RATA,
        Decimal(p.contoh_target),
    )
    # The finished step ticks off and the tour moves on by itself.
    assert tur.steps.item(0).text().startswith(DONE) and tur.steps.currentRow() == 1

    # Step 2: type the month's value into the grid cell the tour selected.
    click(qtbot, tur.show_button)
    grid = window.realisasi_tab
    assert window.tabs.currentWidget() is grid and tur.sorotan.target is grid.table
    assert "klik sel kolom <b>Jan</b>" in tur.detail.text()  # the grid's own header
    cell = grid.table.currentIndex()
    assert grid.model.key(cell.row(), cell.column()) == (indikator.id, p.periode_kode)
    shoot(window, screenshot_dir, "11-tur-latihan.png")
    first, rest = p.contoh_realisasi[0], p.contoh_realisasi[1:]
    qtbot.keyClicks(grid.table, first)  # typing opens the cell's editor with the first key
    editor = grid.table.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, rest)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tur.steps.currentRow() == 2)
    values = realisasi.list_realisasi(ctx, stored.id)
    assert [(v.periode_kode, v.nilai) for v in values] == [
        (p.periode_kode, Decimal(p.contoh_realisasi))
    ]

    # Step 3: feedback for the tour's month.
    click(qtbot, tur.show_button)
    feedback = window.umpan_balik_tab
    assert feedback.periode.currentData() == p.periode_kode and tur.sorotan.target is feedback.teks
    qtbot.keyClicks(feedback.teks, "Dokumentasi asuhan sudah rapi; pertahankan.")
    click(qtbot, feedback.kirim)
    assert [u.periode_kode for u in umpan_balik.list_umpan_balik(ctx, stored.id)] == [
        p.periode_kode
    ]
    assert tur.steps.currentRow() == 3

    # Step 4: rate (the suggestion for 92 % of 90 % is Sesuai), save a draft, finalise.
    click(qtbot, tur.show_button)
    tab = window.evaluasi_tab
    assert tab.periode.currentData() == p.periode_kode
    assert tab.rating_hasil.currentData() == Rating.SESUAI
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(Rating.DI_ATAS))
    click(qtbot, tab.simpan)
    assert tur.progress.text() == "3 dari 4 langkah selesai."
    click(qtbot, tur.show_button)
    assert tur.sorotan.target is tab.finalkan
    click(qtbot, tab.finalkan)
    yes = next(b for d in open_dialogs() if (b := d.findChild(QPushButton, "ya")) is not None)
    click(qtbot, yes)
    final = evaluasi.list_evaluasi(ctx, periode_kode=p.periode_kode)
    mine = [e for e in final if e.pegawai_nip == p.nip]
    assert [(e.status, e.predikat) for e in mine] == [(StatusEvaluasi.FINAL, Predikat.BAIK)]
    assert tur.progress.text() == "Keempat langkah selesai."
    row = window.staff_model.row_at(window.staff_model.find(lambda r: r.nip == p.nip))
    assert (row.status_evaluasi, row.predikat) == (StatusEvaluasi.FINAL, Predikat.BAIK)
    assert "Selesai!" in tur.detail.text() and "BAIK" in tur.detail.text()
    assert all(tur.steps.item(i).text().startswith(DONE) for i in range(4))
    assert not errors

    # Leaving practice mode closes the tour; the office's own database never saw the trainee.
    click(qtbot, window.banner.leave)
    assert not tur.isVisible() and tur.peserta is None
    assert pegawai.list_pegawai(real) == ()
    assert latihan.peserta_tur(real) is None


def test_the_tour_resumes_where_it_was_left(
    qtbot: QtBot, practice_shell: Shell, errors: list[BaseException]
) -> None:
    window = practice_shell.window
    assert window is not None
    window.start_tour()
    first = window.tur.peserta
    assert first is not None
    ctx = window.state.ctx
    skp.create_skp(ctx, nip=first.nip, tahun=first.tahun)
    window.tur.close_button.click()
    assert not window.tur.isVisible()
    window.start_tour()  # as after a restart: the same trainee, the same progress
    assert window.tur.peserta == first
    assert window.tur.kemajuan is not None and window.tur.kemajuan.skp_id is not None
    assert window.tur.steps.currentRow() == 0
    assert f"{DONE}</span> Di tab <b>SKP</b>" in window.tur.detail.text()
    # "Ulangi dengan pegawai baru": another trainee, starting from nothing.
    click(qtbot, window.tur.restart_button)
    second = window.tur.peserta
    assert second is not None and second.nip != first.nip
    assert window.current is not None and window.current.nip == second.nip
    assert window.tur.progress.text() == "0 dari 4 langkah selesai."
    assert not errors


def test_the_tour_is_offered_only_in_practice_mode(qtbot: QtBot, state: AppState) -> None:
    window = MainWindow(state, practice_action=lambda: None)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    assert not window.banner.isVisible()
    window.start_tour()
    assert not window.tur.isVisible()


def test_a_percentage_indicator_is_averaged_unless_chosen_otherwise(
    qtbot: QtBot, state: AppState
) -> None:
    build_team(state.ctx)
    pegawai.create_pegawai(
        state.ctx,
        pegawai.PegawaiInput(
            nip=NIP_PERAWAT,
            nama="Rudi Hartono",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Perawat Terampil",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="PKM-01",
            golongan="II/c",
            penilai_nip=NIP_KEPALA,
        ),
    )
    draft = skp.create_skp(state.ctx, nip=NIP_PERAWAT, tahun=2026).value
    skp.add_rhk(state.ctx, skp_id=draft.id, uraian="Terlaksananya asuhan keperawatan")
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    assert window.select_nip(NIP_PERAWAT)
    tab = window.skp_tab
    combo = tab.ind_agregasi
    assert combo.isEnabled() and combo.currentData() == CaraAgregasi.JUMLAH
    qtbot.keyClicks(tab.ind_satuan, "Dokumen")
    assert combo.currentData() == CaraAgregasi.JUMLAH
    tab.ind_satuan.clear()
    qtbot.keyClicks(tab.ind_satuan, "%")
    assert combo.currentData() == CaraAgregasi.RATA_RATA
    qtbot.keyClicks(tab.ind_uraian, "Persentase dokumentasi asuhan yang lengkap")
    tab.ind_aspek.setCurrentIndex(tab.ind_aspek.findData(Aspek.KUALITAS))
    qtbot.keyClicks(tab.ind_target, "90")
    click(qtbot, tab.add_ind_button)
    added = skp.get_skp(state.ctx, draft.id).rhk[0].indikator
    assert [(i.satuan, i.cara_agregasi) for i in added] == [("%", CaraAgregasi.RATA_RATA)]
    assert combo.currentData() == CaraAgregasi.JUMLAH  # the form is reset for the next one
    # Once the user picks a method, typing the unit no longer changes it.
    combo.setCurrentIndex(combo.findData(CaraAgregasi.TERAKHIR))
    emit(combo.activated, combo.currentIndex())
    qtbot.keyClicks(tab.ind_satuan, "%")
    assert combo.currentData() == CaraAgregasi.TERAKHIR


def test_the_help_menu_opens_practice_mode_and_the_tour(
    qtbot: QtBot, state: AppState, demo_template: Path, tmp_path: Path
) -> None:
    practice = tmp_path / "latihan" / "capaian-latihan.db"
    practice.parent.mkdir()
    shutil.copy(demo_template, practice)
    shell = Shell(
        state.ctx, make_ctx, state.runner, log_file=tmp_path / "log", practice_path=practice
    )
    shell.start()
    window = shell.window
    assert window is not None and not shell.state.practice
    qtbot.addWidget(window)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Bantuan")
    tour = next(a for a in menu.actions() if a.text() == "Tur latihan penilai baru")
    tour.trigger()
    assert shell.state.practice and window.banner.isVisible()
    assert window.tur.isVisible() and window.tur.peserta is not None
    assert latihan.peserta_tur(shell.state.ctx) == window.tur.peserta
    assert latihan.peserta_tur(shell.real_ctx) is None
