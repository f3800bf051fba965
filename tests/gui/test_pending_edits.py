"""Typed data survives what happens around it: saves elsewhere, period, year and database switches.

The project rule: the GUI never loses typed data. Each test types as a user would, then does
the thing that used to throw the text away, and checks the screen and the database.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.scoring.types import Aspek, JenisJabatan, JenisPegawai, Rating, StatusEvaluasi
from app.services import evaluasi, pegawai, realisasi, skp, umpan_balik
from app.services.context import ServiceContext
from app.services.setup import init_installation, prepare_year
from app.services.tampilan import PegawaiStatusDTO
from app.views.main_window import MainWindow
from app.views.refcount import emit
from app.views.state import AppState
from tests.gui.conftest import make_ctx
from tests.helpers import NIP_BIDAN, NIP_KADIS, NIP_KEPALA, NIP_PERAWAT, Team, build_team


@pytest.fixture
def team(gui_office: ServiceContext) -> Team:
    return build_team(gui_office)


@pytest.fixture
def window(qtbot: QtBot, state: AppState, team: Team) -> MainWindow:
    win = MainWindow(state)
    qtbot.addWidget(win)
    win.show()
    win.reload()
    return win


def select(window: MainWindow, nip: str) -> None:
    assert window.select_nip(nip)
    assert window.current is not None and window.current.nip == nip


def choose(window: MainWindow, hasil: Rating, perilaku: Rating, qtbot: QtBot, note: str) -> None:
    tab = window.evaluasi_tab
    tab.rating_hasil.setCurrentIndex(tab.rating_hasil.findData(hasil))
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(perilaku))
    qtbot.keyClicks(tab.catatan, note)


def test_a_save_elsewhere_keeps_the_typed_evaluation(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    select(window, NIP_BIDAN)
    window.tabs.setCurrentWidget(window.evaluasi_tab)
    tab = window.evaluasi_tab
    tab.select_period("2026-03")
    assert tab.derivasi is not None and tab.derivasi.periode_kode == "2026-03"
    choose(window, Rating.DI_ATAS, Rating.DI_ATAS, qtbot, "Sangat aktif di posyandu")
    assert tab.pending() == ["Evaluasi belum disimpan"]
    # A realisation typed in the other tab changes the derivation (suggestion) of March.
    window.tabs.setCurrentWidget(window.realisasi_tab)
    grid = window.realisasi_tab
    march = 3 + 2
    grid.save_cell(0, march, Decimal(40))
    assert realisasi.list_realisasi(gui_office, team.skp_bidan.id)[0].nilai == Decimal(40)
    assert tab.derivasi.capaian_persen is not None  # the derivation followed the save
    # ... but the penilai's choice and note are still on screen and still pending.
    assert tab.rating_hasil.currentData() == Rating.DI_ATAS
    assert tab.rating_perilaku.currentData() == Rating.DI_ATAS
    assert tab.catatan.toPlainText() == "Sangat aktif di posyandu"
    assert tab.kuadran.highlighted == (Rating.DI_ATAS, Rating.DI_ATAS)
    assert tab.pending() == ["Evaluasi belum disimpan"]
    assert evaluasi.list_evaluasi(gui_office, periode_kode="2026-03") == ()
    # Saving stores exactly what was typed; then nothing is pending.
    qtbot.mouseClick(tab.simpan, Qt.MouseButton.LeftButton)
    stored = evaluasi.list_evaluasi(gui_office, periode_kode="2026-03")
    assert [(e.rating_hasil, e.rating_perilaku, e.catatan) for e in stored] == [
        (Rating.DI_ATAS, Rating.DI_ATAS, "Sangat aktif di posyandu")
    ]
    assert tab.pending() == []


def test_changing_the_evaluation_period_saves_the_draft_first(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext
) -> None:
    select(window, NIP_BIDAN)
    window.tabs.setCurrentWidget(window.evaluasi_tab)
    tab = window.evaluasi_tab
    tab.select_period("2026-03")
    choose(window, Rating.DI_ATAS, Rating.SESUAI, qtbot, "Catatan Maret")
    tab.select_period("2026-02")
    assert tab.derivasi is not None and tab.derivasi.periode_kode == "2026-02"
    stored = evaluasi.list_evaluasi(gui_office, periode_kode="2026-03")
    assert [(e.rating_hasil, e.rating_perilaku, e.catatan, e.status) for e in stored] == [
        (Rating.DI_ATAS, Rating.SESUAI, "Catatan Maret", StatusEvaluasi.DRAFT)
    ]
    assert evaluasi.list_evaluasi(gui_office, periode_kode="2026-02") == ()
    assert tab.catatan.toPlainText() == ""  # February shows February
    tab.select_period("2026-03")
    assert tab.catatan.toPlainText() == "Catatan Maret"
    assert tab.rating_hasil.currentData() == Rating.DI_ATAS
    assert tab.pending() == []


def test_a_draft_without_ratings_keeps_its_period_and_says_why(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, errors: list[BaseException]
) -> None:
    select(window, NIP_BIDAN)
    window.tabs.setCurrentWidget(window.evaluasi_tab)
    tab = window.evaluasi_tab
    tab.select_period("2026-03")
    tab.rating_hasil.setCurrentIndex(0)  # "(belum dipilih)"
    qtbot.keyClicks(tab.catatan, "Belum lengkap")
    tab.select_period("2026-02")
    assert "rating" in str(errors[-1])
    assert tab.periode.currentData() == "2026-03"
    assert tab.derivasi is not None and tab.derivasi.periode_kode == "2026-03"
    assert tab.catatan.toPlainText() == "Belum lengkap"
    assert tab.pending() == ["Evaluasi belum disimpan"]


def test_typed_feedback_is_saved_in_its_own_database_before_practice_mode(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team, tmp_path: Path
) -> None:
    practice = make_ctx(tmp_path / "latihan" / "capaian.db")
    init_installation(practice, peran="dinas", kode="DINKES", nama="Dinas Latihan", tahun=2026)
    practice_team = build_team(practice)
    try:
        select(window, NIP_BIDAN)
        qtbot.keyClicks(window.umpan_balik_tab.teks, "Untuk Bu Siti")
        window.state.switch(practice, practice=True)
        # Saved for the person it was typed for, in the office database, before the switch.
        assert [r.teks for r in umpan_balik.list_umpan_balik(gui_office, team.skp_bidan.id)] == [
            "Untuk Bu Siti"
        ]
        assert window.umpan_balik_tab.teks.toPlainText() == ""
        assert window.pending() == []
        select(window, NIP_KEPALA)
        window.save_pending()
        for skp_id in (practice_team.skp_bidan.id, practice_team.skp_kepala.id):
            assert umpan_balik.list_umpan_balik(practice, skp_id) == ()
        assert umpan_balik.list_umpan_balik(gui_office, team.skp_kepala.id) == ()
        # And back: text typed in the practice database stays there.
        qtbot.keyClicks(window.umpan_balik_tab.teks, "Latihan saja")
        window.state.switch(gui_office, practice=False)
        assert [
            r.teks for r in umpan_balik.list_umpan_balik(practice, practice_team.skp_kepala.id)
        ] == ["Latihan saja"]
        assert umpan_balik.list_umpan_balik(gui_office, team.skp_kepala.id) == ()
        assert window.umpan_balik_tab.teks.toPlainText() == ""
    finally:
        practice.db.dispose()


def test_changing_the_year_saves_feedback_for_the_skp_it_was_typed_for(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    prepare_year(gui_office, 2027)
    window.reload()
    select(window, NIP_BIDAN)
    qtbot.keyClicks(window.umpan_balik_tab.teks, "Catatan 2026")
    window.tahun.setCurrentIndex(window.tahun.findData(2027))
    assert window.skp_tab.skp is None  # no SKP in 2027
    assert [r.teks for r in umpan_balik.list_umpan_balik(gui_office, team.skp_bidan.id)] == [
        "Catatan 2026"
    ]
    assert window.umpan_balik_tab.teks.toPlainText() == "" and window.pending() == []
    select(window, NIP_KEPALA)
    window.save_pending()
    assert umpan_balik.list_umpan_balik(gui_office, team.skp_kepala.id) == ()
    assert len(umpan_balik.list_umpan_balik(gui_office, team.skp_bidan.id)) == 1


def test_changing_the_year_follows_an_employee_without_skp_in_either_year(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext
) -> None:
    prepare_year(gui_office, 2027)
    window.reload()
    select(window, NIP_KADIS)  # no SKP in 2026 nor 2027
    assert window.skp_tab.tahun == 2026
    window.tahun.setCurrentIndex(window.tahun.findData(2027))
    assert window.skp_tab.tahun == 2027  # "Buat SKP" now creates the SKP of 2027
    assert "2027" in window.skp_tab.title.text()


def approved_skp(ctx: ServiceContext, nip: str, start: date, end: date, *, plt: bool) -> str:
    """An approved SKP of ``nip`` for ``start``..``end`` with one RHK and one indicator."""
    created = skp.create_skp(
        ctx, nip=nip, tahun=2026, tanggal_mulai=start, tanggal_selesai=end, is_plt=plt
    ).value
    rhk = skp.add_rhk(
        ctx, skp_id=created.id, uraian=f"RHK {start:%m}", penugasan_dari="Kepala Dinas"
    ).value
    skp.add_indikator(ctx, rhk_id=rhk.id, uraian="Laporan", aspek=Aspek.KUANTITAS, target_angka="6")
    skp.ajukan_skp(ctx, created.id)
    skp.setujui_skp(ctx, created.id)
    return created.id


def staff_row(window: MainWindow, nip: str) -> PegawaiStatusDTO:
    return window.staff_model.row_at(window.staff_model.find(lambda r: r.nip == nip))


def test_a_plt_skp_beside_the_regular_one_is_reachable_and_the_regular_one_comes_first(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    plt_id = approved_skp(gui_office, NIP_KEPALA, date(2026, 7, 1), date(2026, 9, 30), plt=True)
    window.refresh_staff()
    assert staff_row(window, NIP_KEPALA).skp_id == team.skp_kepala.id  # regular before Plt
    select(window, NIP_KEPALA)
    tab = window.skp_tab
    assert tab.pilih_skp.isVisibleTo(window) and tab.pilih_skp.count() == 2
    assert tab.skp is not None and tab.skp.id == team.skp_kepala.id
    assert window.realisasi_tab.skp.id == team.skp_kepala.id
    assert window.umpan_balik_tab.skp.id == team.skp_kepala.id
    # Feedback typed for the regular SKP, then the user picks the Plt SKP in the chooser.
    qtbot.keyClicks(window.umpan_balik_tab.teks, "Untuk SKP definitif")
    plt_index = tab.pilih_skp.findData(plt_id)
    assert "Plt" in tab.pilih_skp.itemText(plt_index)
    tab.pilih_skp.setCurrentIndex(plt_index)
    emit(tab.pilih_skp.activated, plt_index)
    assert tab.skp.id == plt_id and tab.skp.is_plt
    assert window.realisasi_tab.skp.id == plt_id
    assert window.umpan_balik_tab.skp.id == plt_id
    assert window.evaluasi_tab.skp.id == plt_id
    assert [window.evaluasi_tab.periode.itemData(i) for i in range(3)] == [
        "2026-07",
        "2026-08",
        "2026-09",
    ]
    assert [r.teks for r in umpan_balik.list_umpan_balik(gui_office, team.skp_kepala.id)] == [
        "Untuk SKP definitif"
    ]
    assert umpan_balik.list_umpan_balik(gui_office, plt_id) == ()
    assert window.umpan_balik_tab.teks.toPlainText() == ""
    # A refresh of the staff list keeps the SKP the user chose.
    window.refresh_staff()
    assert tab.skp.id == plt_id
    # Another employee has one SKP: no chooser.
    select(window, NIP_BIDAN)
    assert not tab.pilih_skp.isVisibleTo(window)


def test_after_a_mutasi_both_skps_are_reachable_and_the_list_shows_the_evaluation(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    pegawai.create_pegawai(
        gui_office,
        pegawai.PegawaiInput(
            nip=NIP_PERAWAT,
            nama="Andi Pratama",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Perawat Terampil",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="PKM-01",
            golongan="II/c",
            penilai_nip=NIP_KEPALA,
        ),
    )
    early = approved_skp(gui_office, NIP_PERAWAT, date(2026, 1, 1), date(2026, 6, 30), plt=False)
    late = approved_skp(gui_office, NIP_PERAWAT, date(2026, 7, 1), date(2026, 12, 31), plt=False)
    evaluasi.simpan_evaluasi(
        gui_office,
        nip=NIP_PERAWAT,
        periode_kode="2026-03",
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.SESUAI,
    )
    window.periode.setCurrentIndex(window.periode.findData("2026-03"))
    row = staff_row(window, NIP_PERAWAT)
    assert row.skp_id == late  # the latest-starting regular SKP
    assert row.status_evaluasi is StatusEvaluasi.DRAFT  # March was rated on the earlier SKP
    select(window, NIP_PERAWAT)
    tab = window.skp_tab
    assert tab.skp is not None and tab.skp.id == late
    index = tab.pilih_skp.findData(early)
    tab.pilih_skp.setCurrentIndex(index)
    emit(tab.pilih_skp.activated, index)
    assert tab.skp.id == early and window.realisasi_tab.skp.id == early
    window.tabs.setCurrentWidget(window.evaluasi_tab)
    window.evaluasi_tab.select_period("2026-03")
    assert window.evaluasi_tab.derivasi is not None
    assert window.evaluasi_tab.derivasi.status is StatusEvaluasi.DRAFT
