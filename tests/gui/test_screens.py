"""Each screen driven as a user would: type, click, tab, paste, undo."""

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.errors import UserError
from app.scoring.types import Predikat, Rating, StatusEvaluasi, StatusSkp
from app.services import evaluasi, realisasi, skp, umpan_balik
from app.services.context import ServiceContext
from app.views.dialogs import TextPromptDialog, open_dialogs
from app.views.main_window import MainWindow
from app.views.refcount import emit
from app.views.state import AppState
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


def test_staff_list_search_tree_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    assert window.staff_model.total == 3
    assert window.tahun.currentData() == 2026
    qtbot.keyClicks(window.search, "bidan")
    emit(window._search_timer.timeout)
    assert [window.staff_model.row_at(i).nip for i in range(window.staff_model.total)] == [
        NIP_BIDAN
    ]
    window.search.clear()
    emit(window._search_timer.timeout)
    # The unit tree filters to the unit and its sub-units.
    pkm = next(
        item
        for item in window.tree.findItems(
            "UPT Puskesmas Sabangau Kota", Qt.MatchFlag.MatchRecursive
        )
    )
    window.tree.setCurrentItem(pkm)
    assert {window.staff_model.row_at(i).nip for i in range(window.staff_model.total)} == {
        NIP_KEPALA,
        NIP_BIDAN,
    }
    window.tree.setCurrentItem(window.tree.topLevelItem(0))
    window.filter_skp.setCurrentIndex(window.filter_skp.findText("SKP belum ada"))
    assert [window.staff_model.row_at(i).nip for i in range(window.staff_model.total)] == [
        NIP_KADIS
    ]
    assert window.count_label.text() == "1 pegawai ditampilkan dari 3"


def test_skp_tab_shows_cascade_and_runs_the_workflow(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    select(window, NIP_BIDAN)
    tab = window.skp_tab
    assert tab.skp is not None and tab.skp.id == team.skp_bidan.id
    rhk_item = tab.tree.topLevelItem(0)
    assert "Terlaksananya imunisasi bayi" in rhk_item.text(0)
    assert rhk_item.text(4) == "Meningkatnya cakupan imunisasi dasar lengkap"
    assert rhk_item.child(0).text(2) == "120"
    assert not tab.forms.isVisible()  # approved: planning forms hidden
    # A new SKP for the kepala dinas, planned and submitted through the tab.
    select(window, NIP_KADIS)
    assert tab.create_button.isVisible()
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.skp is not None and tab.skp.status is StatusSkp.DRAFT
    assert tab.forms.isVisible()
    qtbot.keyClicks(tab.rhk_uraian, "Meningkatnya derajat kesehatan masyarakat")
    qtbot.keyClick(tab.rhk_uraian, Qt.Key.Key_Return)
    assert tab.rhk_uraian.text() == ""
    assert [r.uraian for r in tab.skp.rhk] == ["Meningkatnya derajat kesehatan masyarakat"]
    assert tab.ind_aspek.currentText() == "Penerima Layanan"  # JPT: perspektif, not aspek
    qtbot.keyClicks(tab.ind_uraian, "Indeks kepuasan masyarakat")
    qtbot.keyClicks(tab.ind_target, "82,5")
    qtbot.keyClicks(tab.ind_satuan, "indeks")
    qtbot.mouseClick(tab.add_ind_button, Qt.MouseButton.LeftButton)
    indikator = tab.skp.rhk[0].indikator[0]
    assert (indikator.target_angka, indikator.satuan) == (Decimal("82.5"), "indeks")
    qtbot.mouseClick(tab.ajukan_button, Qt.MouseButton.LeftButton)
    assert tab.skp.status is StatusSkp.DIAJUKAN
    # Rejection asks for a reason first.
    dialog = tab.ask_tolak()
    assert isinstance(dialog, TextPromptDialog)
    qtbot.keyClicks(dialog.editor, "Target belum selaras dengan renstra")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert tab.skp.status is StatusSkp.DITOLAK
    assert "Target belum selaras" in tab.title.text()
    stored = skp.get_skp(gui_office, tab.skp.id)
    assert stored.alasan_penolakan == "Target belum selaras dengan renstra"


def test_skp_cascade_choice_comes_from_the_superior(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    from app.services import pegawai

    pegawai.create_pegawai(
        gui_office,
        pegawai.PegawaiInput(
            nip="199203102019031004",
            nama="Andi Pratama",
            jenis_pegawai=team.bidan.jenis_pegawai,
            jabatan="Perawat Terampil",
            jenis_jabatan=team.bidan.jenis_jabatan,
            organisasi_kode="PKM-01",
            penilai_nip=NIP_KEPALA,
        ),
    )
    window.refresh_staff()
    select(window, "199203102019031004")
    tab = window.skp_tab
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    options = [tab.rhk_atasan.itemText(i) for i in range(tab.rhk_atasan.count())]
    assert options[1:] == ["Meningkatnya cakupan imunisasi dasar lengkap"]
    tab.rhk_atasan.setCurrentIndex(1)
    qtbot.keyClicks(tab.rhk_uraian, "Terlaksananya asuhan keperawatan")
    qtbot.mouseClick(tab.add_rhk_button, Qt.MouseButton.LeftButton)
    assert tab.skp is not None
    assert tab.skp.rhk[0].rhk_atasan_id == team.rhk_kepala.id


def test_realisation_grid_typing_paste_undo_and_evidence(
    qtbot: QtBot,
    window: MainWindow,
    team: Team,
    errors: list[BaseException],
    tmp_path: Path,
) -> None:
    gui_office = window.state.ctx
    select(window, NIP_BIDAN)
    window.tabs.setCurrentWidget(window.realisasi_tab)
    tab = window.realisasi_tab
    model, table = tab.model, tab.table
    assert model.rowCount() == 2
    march = 3 + 2  # indicator, target, capaian, then Jan, Feb, Mar
    assert model.headerData(march, Qt.Orientation.Horizontal) == "Mar"
    # Type into the cell: select it, type, Enter.
    table.setCurrentIndex(model.index(0, march))
    qtbot.keyClick(table, Qt.Key.Key_3)  # typing starts the editor with the first key
    editor = table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "3"
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.value(0, march) is not None)  # the delegate commits queued
    stored = {
        (r.indikator_id, r.periode_kode): r.nilai
        for r in realisasi.list_realisasi(gui_office, team.skp_bidan.id)
    }
    assert stored[(team.jumlah.id, "2026-03")] == Decimal(30)
    assert model.data(model.index(0, march)) == "30"
    tab.until.setCurrentIndex(tab.until.findData("2026-03"))
    # Live capaian: 30 bayi of a pro-rated 30 (120/12 x 3) is 100 %.
    assert model.data(model.index(0, 2)) == "100%"
    # Paste a block copied from Excel (Indonesian decimals), then undo it in one step.
    QGuiApplication.clipboard().setText("10\t12\n90,5\t93,25\n")
    table.setCurrentIndex(model.index(0, 3))
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    stored = {
        (r.indikator_id, r.periode_kode): r.nilai
        for r in realisasi.list_realisasi(gui_office, team.skp_bidan.id)
    }
    assert stored[(team.jumlah.id, "2026-01")] == Decimal(10)
    assert stored[(team.persen.id, "2026-02")] == Decimal("93.25")
    assert model.data(model.index(1, 4)) == "93,25"
    tab.undo_stack.undo()
    stored = {
        (r.indikator_id, r.periode_kode): r.nilai
        for r in realisasi.list_realisasi(gui_office, team.skp_bidan.id)
    }
    assert stored.get((team.jumlah.id, "2026-01")) is None
    assert stored[(team.jumlah.id, "2026-03")] == Decimal(30)
    tab.undo_stack.redo()
    assert model.value(1, 4) == Decimal("93.25")
    # A bad paste changes nothing and names the cell.
    QGuiApplication.clipboard().setText("5\tlima\n")
    table.setCurrentIndex(model.index(0, 6))
    tab.paste()
    assert isinstance(errors[-1], UserError) and "kolom 2" in str(errors[-1])
    assert model.value(0, 6) is None
    # Delete clears the selection (one undo step).
    table.setCurrentIndex(model.index(0, march))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert model.value(0, march) is None
    tab.undo_stack.undo()
    assert model.value(0, march) == Decimal(30)
    # Evidence: a file copied into the content-addressed store, and a URL.
    evidence = tmp_path / "daftar-hadir.pdf"
    evidence.write_bytes(b"%PDF-1.4 daftar hadir posyandu")
    table.setCurrentIndex(model.index(0, march))
    tab.attach_file(evidence)
    tab.attach_url("https://contoh.go.id/laporan-maret")
    assert model.values[(team.jumlah.id, "2026-03")].jumlah_bukti == 2
    stored_files = [p for p in gui_office.evidence_dir.rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in stored_files] == [evidence.read_bytes()]


def test_locked_or_unapproved_skp_cannot_be_typed_into(qtbot: QtBot, window: MainWindow) -> None:
    select(window, NIP_KADIS)  # no SKP at all
    assert window.realisasi_tab.model.rowCount() == 0
    assert not window.realisasi_tab.file_button.isEnabled()


def test_feedback_from_a_phrase_and_free_text(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    select(window, NIP_BIDAN)
    tab = window.umpan_balik_tab
    tab.periode.setCurrentIndex(tab.periode.findData("2026-03"))
    tab.tentang.setCurrentIndex(tab.tentang.findText("RHK 1", Qt.MatchFlag.MatchStartsWith))
    emit(tab.frasa.activated, 2)  # "Target bulan ini tercapai; ..."
    qtbot.keyClicks(tab.teks, " Terima kasih.")
    assert tab.pending()
    qtbot.mouseClick(tab.kirim, Qt.MouseButton.LeftButton)
    rows = umpan_balik.list_umpan_balik(gui_office, team.skp_bidan.id)
    assert len(rows) == 1
    assert rows[0].teks == "Target bulan ini tercapai; lanjutkan dengan konsisten. Terima kasih."
    assert rows[0].rhk_id == team.rhk_bidan.id and rows[0].periode_kode == "2026-03"
    assert tab.model.total == 1
    assert tab.model.data(tab.model.index(0, 2)).startswith("RHK: Terlaksananya imunisasi")
    assert tab.teks.toPlainText() == "" and not tab.pending()


def test_evaluation_suggestion_kuadran_and_finalise(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    realisasi.catat_realisasi(
        gui_office, indikator_id=team.jumlah.id, periode_kode="2026-03", nilai="40"
    )
    realisasi.catat_realisasi(
        gui_office, indikator_id=team.persen.id, periode_kode="2026-03", nilai="96"
    )
    select(window, NIP_BIDAN)
    window.tabs.setCurrentWidget(window.evaluasi_tab)
    tab = window.evaluasi_tab
    tab.select_period("2026-03")
    assert tab.derivasi is not None and tab.derivasi.periode_kode == "2026-03"
    suggested = tab.derivasi.saran_rating_hasil
    assert suggested is not None
    assert suggested.label in tab.saran_hasil.text()
    assert tab.rating_hasil.currentData() == suggested  # starts on the suggestion
    # The penilai chooses; the kuadran highlights the resulting cell.
    tab.rating_hasil.setCurrentIndex(tab.rating_hasil.findData(Rating.DI_ATAS))
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(Rating.DI_ATAS))
    assert tab.kuadran.highlighted == (Rating.DI_ATAS, Rating.DI_ATAS)
    assert "SANGAT BAIK" in tab.predikat.text()
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(Rating.DI_BAWAH))
    assert "KURANG" in tab.predikat.text()
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(Rating.SESUAI))
    qtbot.keyClicks(tab.catatan, "Pertahankan")
    qtbot.mouseClick(tab.simpan, Qt.MouseButton.LeftButton)
    stored = evaluasi.list_evaluasi(gui_office, periode_kode="2026-03")
    assert [(e.rating_hasil, e.predikat, e.status, e.catatan) for e in stored] == [
        (Rating.DI_ATAS, Predikat.BAIK, StatusEvaluasi.DRAFT, "Pertahankan")
    ]
    # Finalise asks first; "Ya" makes it read-only.
    tab.ask_finalise()
    yes = next(b for d in open_dialogs() if (b := d.findChild(QPushButton, "ya")) is not None)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert (
        evaluasi.list_evaluasi(gui_office, periode_kode="2026-03")[0].status is StatusEvaluasi.FINAL
    )
    assert not tab.simpan.isEnabled() and not tab.rating_hasil.isEnabled()
    assert window.staff_model.row_at(window.staff_model.find(lambda r: r.nip == NIP_BIDAN))


def test_add_staff_dialog_keeps_the_form_on_a_refusal(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext
) -> None:
    dialog = window.open_pegawai_dialog()
    qtbot.keyClicks(dialog.nip, "123")
    qtbot.keyClicks(dialog.nama, "Rina Marlina")
    qtbot.keyClicks(dialog.jabatan, "Perawat Terampil")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "NIP" in dialog.message.text()
    dialog.nip.setText("199505052020122003")
    dialog.unit.setCurrentIndex(dialog.unit.findData("PKM-01"))
    dialog.penilai.setCurrentIndex(dialog.penilai.findData(NIP_KEPALA))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None and dialog.created.penilai_nip == NIP_KEPALA
    assert window.staff_model.find(lambda r: r.nip == "199505052020122003") >= 0


def test_closing_with_unsaved_text_asks(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    select(window, NIP_BIDAN)
    qtbot.keyClicks(window.umpan_balik_tab.teks, "Catatan yang belum disimpan")
    assert not window.close()  # refused: a question is shown instead
    box = window._pending_box
    assert box is not None and "Catatan yang belum disimpan" in box.text()
    qtbot.mouseClick(box.findChild(QPushButton, "simpan"), Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    rows = umpan_balik.list_umpan_balik(gui_office, team.skp_bidan.id)
    assert [r.teks for r in rows] == ["Catatan yang belum disimpan"]


def test_switching_employee_autosaves_typed_feedback(
    qtbot: QtBot, window: MainWindow, gui_office: ServiceContext, team: Team
) -> None:
    select(window, NIP_BIDAN)
    qtbot.keyClicks(window.umpan_balik_tab.teks, "Disimpan otomatis")
    select(window, NIP_KEPALA)
    assert [r.teks for r in umpan_balik.list_umpan_balik(gui_office, team.skp_bidan.id)] == [
        "Disimpan otomatis"
    ]


def test_shortcuts_focus_search_and_switch_tabs(qtbot: QtBot, window: MainWindow) -> None:
    select(window, NIP_BIDAN)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.evaluasi_tab
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dashboard
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == 0 and QApplication.focusWidget() is window.search


def test_evaluation_screen_explains_the_kuadran_and_the_suggestions(
    qtbot: QtBot, state: AppState
) -> None:
    from app.views.pegawai.evaluasi_tab import EvaluasiTab

    tab = EvaluasiTab(state)
    qtbot.addWidget(tab)
    assert "Sangat Kurang" in tab.kuadran.whatsThis()
    assert tab.kuadran.toolTip() == tab.kuadran.whatsThis()
    assert "pejabat penilai" in tab.rating_hasil.parentWidget().whatsThis()
