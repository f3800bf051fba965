"""Typed data survives what happens around it: saves elsewhere, period, year and database switches.

The project rule: the GUI never loses typed data. Each test types as a user would, then does
the thing that used to throw the text away, and checks the screen and the database.
"""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.scoring.types import Rating, StatusEvaluasi
from app.services import evaluasi, realisasi
from app.services.context import ServiceContext
from app.views.main_window import MainWindow
from app.views.state import AppState
from tests.helpers import NIP_BIDAN, Team, build_team


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
