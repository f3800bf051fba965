"""Typed data survives what happens around it: saves elsewhere, period, year and database switches.

The project rule: the GUI never loses typed data. Each test types as a user would, then does
the thing that used to throw the text away, and checks the screen and the database.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.scoring.types import Rating, StatusEvaluasi
from app.services import evaluasi, realisasi, umpan_balik
from app.services.context import ServiceContext
from app.services.setup import init_installation, prepare_year
from app.views.main_window import MainWindow
from app.views.state import AppState
from tests.gui.conftest import make_ctx
from tests.helpers import NIP_BIDAN, NIP_KADIS, NIP_KEPALA, Team, build_team


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
