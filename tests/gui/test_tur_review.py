"""Review of the practice tour: what a user hits with the real (asynchronous) task runner."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.scoring.types import Aspek, Rating, StatusEvaluasi, StatusSkp
from app.services import evaluasi, realisasi, setup, skp, umpan_balik
from app.services.context import ServiceContext
from app.views.main_window import MainWindow
from app.views.pegawai.skp_tab import SkpTab
from app.views.shell import Shell
from app.views.state import AppState
from app.views.tasks import TaskRunner
from app.views.tur import TurPanel
from tests.gui.conftest import make_ctx
from tests.gui.test_screenshots import SIZE


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def threaded_shell(
    runner: TaskRunner, office: ServiceContext, demo: Path, tmp_path: Path
) -> tuple[Shell, list[BaseException]]:
    """The application on ``office`` with a copy of the demo as practice data; failures
    collected instead of shown."""
    practice = tmp_path / "latihan" / "capaian-latihan.db"
    practice.parent.mkdir()
    shutil.copy(demo, practice)
    shell = Shell(office, make_ctx, runner, log_file=tmp_path / "log", practice_path=practice)
    found: list[BaseException] = []
    runner.error_handler = found.append
    return shell, found


@pytest.fixture
def async_runner(qapp: object) -> Iterator[TaskRunner]:
    """The runner the application really uses: jobs on worker threads, callbacks queued."""
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def settle(qtbot: QtBot, runner: TaskRunner) -> None:
    """Wait until every job and the callbacks it chained have run."""
    qtbot.waitUntil(lambda: runner.idle, timeout=15000)


@pytest.fixture
def async_practice(
    qtbot: QtBot,
    async_runner: TaskRunner,
    gui_office: ServiceContext,
    demo_template: Path,
    tmp_path: Path,
) -> tuple[MainWindow, list[BaseException]]:
    """Practice mode on the asynchronous runner, failures collected instead of shown."""
    shell, found = threaded_shell(async_runner, gui_office, demo_template, tmp_path)
    shell.start()
    settle(qtbot, async_runner)
    shell.open_practice()
    settle(qtbot, async_runner)
    window = shell.window
    assert window is not None and shell.state.practice
    qtbot.addWidget(window)
    window.resize(SIZE)
    return window, found


@pytest.fixture
def practice(
    qtbot: QtBot,
    state: AppState,
    demo_template: Path,
    tmp_path: Path,
    errors: list[BaseException],
) -> MainWindow:
    """Practice mode on the synchronous runner (as tests/gui/test_tur.py)."""
    path = tmp_path / "latihan" / "capaian-latihan.db"
    path.parent.mkdir()
    shutil.copy(demo_template, path)
    shell = Shell(state.ctx, make_ctx, state.runner, log_file=tmp_path / "log", practice_path=path)
    state.runner.error_handler = errors.append
    shell.start()
    shell.open_practice()
    window = shell.window
    assert window is not None
    qtbot.addWidget(window)
    window.resize(SIZE)
    return window


@pytest.mark.parametrize(
    ("combo", "value"),
    [("filter_skp", StatusSkp.DISETUJUI), ("filter_evaluasi", StatusEvaluasi.FINAL)],
)
def test_the_tour_selects_its_trainee_even_behind_a_status_filter(
    qtbot: QtBot, practice: MainWindow, combo: str, value: str
) -> None:
    """A filter the user left on (e.g. 'SKP Disetujui') hid the new trainee.

    The tour then kept whoever was selected before, and its steps and 'Tunjukkan di layar'
    worked on that employee's SKP.
    """
    window = practice
    chooser = getattr(window, combo)
    chooser.setCurrentIndex(chooser.findData(value))
    assert window.select_nip(window.staff_model.row_at(0).nip or "")
    click(qtbot, window.banner.tour)
    p = window.tur.peserta
    assert p is not None
    assert window.current is not None and window.current.nip == p.nip


def test_show_me_waits_for_the_trainee_when_someone_else_is_on_screen(
    qtbot: QtBot, async_practice: tuple[MainWindow, list[BaseException]]
) -> None:
    """Looking at the penilai's SKP (as step 1 suggests) then pressing 'Tunjukkan di layar'.

    The tour must fill in and point at the *trainee's* form; filling the penilai's form first
    makes the autosave on switching employee try to add the trainee's RHK to the penilai's SKP.
    """
    window, errors = async_practice
    runner = window.state.runner
    window.start_tour()
    settle(qtbot, runner)
    tur = window.tur
    p = tur.peserta
    assert p is not None and window.current is not None and window.current.nip == p.nip
    click(qtbot, tur.show_button)
    settle(qtbot, runner)
    click(qtbot, window.skp_tab.create_button)
    settle(qtbot, runner)
    assert tur.kemajuan is not None and tur.kemajuan.skp_id is not None
    # The learner looks at their own (the penilai's) SKP to see the RHK to intervene...
    assert window.select_nip(p.penilai_nip)
    settle(qtbot, runner)
    assert window.current is not None and window.current.nip == p.penilai_nip
    penilai_skp = window.skp_tab.skp
    assert penilai_skp is not None and penilai_skp.status is StatusSkp.DISETUJUI
    before = skp.get_skp(window.state.ctx, penilai_skp.id)
    # ... then asks the tour to show the next step.
    click(qtbot, tur.show_button)
    settle(qtbot, runner)
    assert window.current is not None and window.current.nip == p.nip
    assert window.skp_tab.skp is not None and window.skp_tab.skp.id == tur.kemajuan.skp_id
    assert window.skp_tab.rhk_uraian.text() == p.contoh_rhk
    assert tur.sorotan.isVisible() and tur.sorotan.target is window.skp_tab.rhk_uraian
    assert skp.get_skp(window.state.ctx, penilai_skp.id) == before
    assert errors == []


def walk_step_one(qtbot: QtBot, window: MainWindow) -> None:
    """Create, fill, submit and approve the trainee's SKP with the tour's help."""
    tur, tab = window.tur, window.skp_tab
    click(qtbot, tur.show_button)
    click(qtbot, tab.create_button)
    click(qtbot, tur.show_button)
    click(qtbot, tab.add_rhk_button)
    click(qtbot, tur.show_button)
    click(qtbot, tab.add_ind_button)
    click(qtbot, tab.ajukan_button)
    click(qtbot, tab.setujui_button)
    assert tur.kemajuan is not None and tur.kemajuan.skp_selesai


def test_the_highlight_follows_its_target_and_goes_with_it(
    qtbot: QtBot, practice: MainWindow
) -> None:
    """The orange frame stayed where it was drawn for 4 s: over other widgets after a resize,
    or over another tab's content once the learner switched tabs."""
    window = practice
    window.start_tour()
    tur = window.tur
    click(qtbot, tur.show_button)
    target = window.skp_tab.create_button
    assert tur.sorotan.isVisible() and tur.sorotan.target is target

    def framed() -> bool:
        origin = target.mapTo(window, target.rect().topLeft())
        return tur.sorotan.geometry().contains(origin) and tur.sorotan.geometry().contains(
            origin + target.rect().bottomRight()
        )

    assert framed()
    window.resize(window.width() - 250, window.height())
    qtbot.waitUntil(lambda: target.mapTo(window, target.rect().topLeft()).x() < 700)
    qtbot.waitUntil(framed, timeout=1000)  # well before the frame's 4 s are over
    assert tur.sorotan.isVisible()
    click(qtbot, tur.show_button)
    assert tur.sorotan.isVisible()
    window.tabs.setCurrentWidget(window.evaluasi_tab)  # the create button is hidden now
    assert not tur.sorotan.isVisible()


def test_show_me_on_the_finished_tour_points_at_something_to_read(
    qtbot: QtBot, practice: MainWindow, errors: list[BaseException]
) -> None:
    """With all four steps done, 'Tunjukkan di layar' framed the disabled Finalkan button."""
    window = practice
    window.start_tour()
    tur = window.tur
    walk_step_one(qtbot, window)
    p, ctx = tur.peserta, window.state.ctx
    assert p is not None and tur.kemajuan is not None and tur.kemajuan.skp_id is not None
    indikator = skp.get_skp(ctx, tur.kemajuan.skp_id).rhk[0].indikator[0]
    window.realisasi_tab.state.write(
        lambda c: realisasi.catat_realisasi(
            c, indikator_id=indikator.id, periode_kode=p.periode_kode, nilai=p.contoh_realisasi
        )
    )
    window.state.write(
        lambda c: umpan_balik.beri_umpan_balik(
            c, skp_id=indikator_skp(tur), periode_kode=p.periode_kode, teks="Rapi."
        )
    )
    window.state.write(
        lambda c: evaluasi.simpan_evaluasi(
            c,
            nip=p.nip,
            periode_kode=p.periode_kode,
            rating_hasil=Rating.SESUAI,
            rating_perilaku=Rating.SESUAI,
            final=True,
        )
    )
    assert all(tur.kemajuan.langkah) and tur.steps.currentRow() == 3
    click(qtbot, tur.show_button)
    target = tur.sorotan.target
    assert tur.sorotan.isVisible() and target is not None
    assert target.isEnabled(), "the frame points at a control that cannot be used"
    assert target is window.evaluasi_tab.kuadran
    assert errors == []


def indikator_skp(tur: object) -> str:
    kemajuan = getattr(tur, "kemajuan", None)
    assert kemajuan is not None and kemajuan.skp_id is not None
    return str(kemajuan.skp_id)


def test_the_dock_shown_again_from_the_window_menu_is_up_to_date(
    qtbot: QtBot, practice: MainWindow
) -> None:
    """Closed with its title-bar X, the dock stops listening; Qt's dock menu (right click on
    the menu bar) shows it again with the progress of when it was closed."""
    window = practice
    window.start_tour()
    tur = window.tur
    tur.close()  # the dock's own X
    assert not tur.isVisible()
    window.skp_tab.create_button.click()  # the learner carries on without the dock
    assert tur.toggleViewAction().isVisible()
    tur.toggleViewAction().trigger()
    assert tur.isVisible()
    assert tur.kemajuan is not None and tur.kemajuan.skp_id is not None
    # Outside practice mode there is no trainee: the dock is not offered at all.
    click(qtbot, window.banner.leave)
    assert not tur.isVisible() and not tur.toggleViewAction().isVisible()


def test_the_help_menu_tour_on_the_real_runner(
    qtbot: QtBot,
    async_runner: TaskRunner,
    gui_office: ServiceContext,
    demo_template: Path,
    tmp_path: Path,
) -> None:
    """Bantuan > Tur from the office database: switch, build nothing twice, select the trainee.

    With worker threads the switch's reload, the registration and the staff reads interleave;
    the trainee must still end up selected on the tour's year, and a restart must follow.
    """
    shell, found = threaded_shell(async_runner, gui_office, demo_template, tmp_path)
    shell.start()
    settle(qtbot, async_runner)
    window = shell.window
    assert window is not None and not shell.state.practice
    qtbot.addWidget(window)
    shell.start_tour()
    settle(qtbot, async_runner)
    tur = window.tur
    first = tur.peserta
    assert shell.state.practice and tur.isVisible() and first is not None
    assert window.current is not None and window.current.nip == first.nip
    assert window.tahun.currentData() == first.tahun
    assert tur.progress.text() == "0 dari 4 langkah selesai."
    assert window.select_nip(first.penilai_nip)
    settle(qtbot, async_runner)
    click(qtbot, tur.restart_button)
    settle(qtbot, async_runner)
    second = tur.peserta
    assert second is not None and second.nip != first.nip
    assert window.current is not None and window.current.nip == second.nip
    assert found == []


def draft_with_the_tour(qtbot: QtBot, window: MainWindow) -> tuple[TurPanel, SkpTab]:
    """Start the tour and let 'Tunjukkan' fill a draft SKP: created, one RHK, one indicator."""
    window.start_tour()
    tur, tab = window.tur, window.skp_tab
    click(qtbot, tur.show_button)
    click(qtbot, tab.create_button)
    click(qtbot, tur.show_button)
    click(qtbot, tab.add_rhk_button)
    click(qtbot, tur.show_button)
    click(qtbot, tab.add_ind_button)
    return tur, tab


def test_a_rejected_skp_sends_the_learner_back_to_ajukan(
    qtbot: QtBot, practice: MainWindow, errors: list[BaseException]
) -> None:
    window = practice
    tur, tab = draft_with_the_tour(qtbot, window)
    click(qtbot, tab.ajukan_button)
    assert tur.kemajuan is not None and tur.kemajuan.skp_id is not None
    skp_id = tur.kemajuan.skp_id
    window.state.write(lambda c: skp.tolak_skp(c, skp_id, "Target terlalu rendah."))
    assert tur.kemajuan.status_skp is StatusSkp.DITOLAK and tur.steps.currentRow() == 0
    click(qtbot, tur.show_button)
    assert tur.sorotan.target is tab.ajukan_button and tab.ajukan_button.isEnabled()
    click(qtbot, tab.ajukan_button)
    click(qtbot, tur.show_button)
    assert tur.sorotan.target is tab.setujui_button
    click(qtbot, tab.setujui_button)
    assert tur.kemajuan.skp_selesai and tur.steps.currentRow() == 1
    assert errors == []


def test_a_trainee_with_two_indicators_records_both_before_step_two_ticks(
    qtbot: QtBot, practice: MainWindow, errors: list[BaseException]
) -> None:
    window = practice
    tur, tab = draft_with_the_tour(qtbot, window)
    qtbot.keyClicks(tab.ind_uraian, "Jumlah pasien rawat jalan yang dilayani")
    qtbot.keyClicks(tab.ind_target, "1200")
    qtbot.keyClicks(tab.ind_satuan, "Pasien")
    click(qtbot, tab.add_ind_button)
    click(qtbot, tab.ajukan_button)
    click(qtbot, tab.setujui_button)
    p, k = tur.peserta, tur.kemajuan
    assert p is not None and k is not None and k.jumlah_indikator == 2
    assert tur.steps.currentRow() == 1
    grid = window.realisasi_tab
    for expected_row in (0, 1):
        click(qtbot, tur.show_button)
        cell = grid.table.currentIndex()
        assert (cell.row(), grid.model.key(cell.row(), cell.column())[1]) == (
            expected_row,
            p.periode_kode,
        )
        qtbot.keyClicks(grid.table, "9")  # typing opens the cell's editor with the first key
        editor = next(e for e in grid.table.findChildren(QLineEdit) if e.isVisible())
        qtbot.keyClicks(editor, "0")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda n=expected_row + 1: (
                tur.kemajuan is not None and tur.kemajuan.indikator_terisi == n
            )
        )
    assert tur.kemajuan.realisasi_selesai and tur.steps.currentRow() == 2
    assert errors == []


def test_show_me_never_adds_the_example_to_the_first_trainees_draft(
    qtbot: QtBot, async_practice: tuple[MainWindow, list[BaseException]]
) -> None:
    """The silent variant: after 'Ulangi', the learner looks at the first trainee (a draft
    SKP) and presses 'Tunjukkan di layar'; the autosave on switching used to add the second
    trainee's example RHK to the first trainee's SKP without a word."""
    window, errors = async_practice
    runner = window.state.runner
    window.start_tour()
    settle(qtbot, runner)
    tur = window.tur
    first = tur.peserta
    assert first is not None
    for button in (tur.show_button, window.skp_tab.create_button):
        click(qtbot, button)
        settle(qtbot, runner)
    assert tur.kemajuan is not None and tur.kemajuan.skp_id is not None
    first_skp = tur.kemajuan.skp_id
    for button in (tur.restart_button, tur.show_button, window.skp_tab.create_button):
        click(qtbot, button)
        settle(qtbot, runner)
    assert window.select_nip(first.nip)
    settle(qtbot, runner)
    click(qtbot, tur.show_button)
    settle(qtbot, runner)
    assert skp.get_skp(window.state.ctx, first_skp).rhk == ()
    assert tur.peserta is not None and window.current is not None
    assert window.current.nip == tur.peserta.nip
    assert window.skp_tab.rhk_uraian.text() == tur.peserta.contoh_rhk
    assert errors == []


def test_show_me_after_switching_year_on_the_real_runner(
    qtbot: QtBot, async_practice: tuple[MainWindow, list[BaseException]]
) -> None:
    window, errors = async_practice
    runner = window.state.runner
    window.start_tour()
    settle(qtbot, runner)
    tur = window.tur
    p = tur.peserta
    assert p is not None
    window.state.write(lambda c: setup.prepare_year(c, p.tahun + 1))  # the learner opens a year
    settle(qtbot, runner)
    assert window.tahun.count() > 1
    other = next(i for i in range(window.tahun.count()) if window.tahun.itemData(i) != p.tahun)
    window.tahun.setCurrentIndex(other)
    settle(qtbot, runner)
    click(qtbot, tur.show_button)
    settle(qtbot, runner)
    assert window.tahun.currentData() == p.tahun
    assert window.current is not None and window.current.nip == p.nip
    assert tur.sorotan.isVisible() and tur.sorotan.target is window.skp_tab.create_button
    assert errors == []


def test_a_progress_read_for_the_previous_trainee_is_not_shown_for_the_next(
    qtbot: QtBot, async_practice: tuple[MainWindow, list[BaseException]]
) -> None:
    """'Ulangi' pressed while a save for the first trainee is still on the worker: the progress
    read that save triggers (for the first trainee) arrived after the second trainee was shown,
    and the step list stayed on the first trainee's next step (here step 2 of a trainee with no
    SKP, whose text says 'finish step 1 first')."""
    window, errors = async_practice
    runner, ctx = window.state.runner, window.state.ctx
    window.start_tour()
    settle(qtbot, runner)
    tur = window.tur
    first = tur.peserta
    assert first is not None
    draft = skp.create_skp(ctx, nip=first.nip, tahun=first.tahun).value
    atasan = skp.rhk_atasan_options(ctx, draft.id)[0]
    rhk = skp.add_rhk(ctx, skp_id=draft.id, uraian=first.contoh_rhk, rhk_atasan_id=atasan.id)
    skp.add_indikator(
        ctx,
        rhk_id=rhk.value.id,
        uraian=first.contoh_indikator,
        aspek=Aspek.KUALITAS,
        target_angka=first.contoh_target,
        satuan=first.contoh_satuan,
    )
    skp.ajukan_skp(ctx, draft.id)
    window.state.write(lambda c: skp.setujui_skp(c, draft.id))  # still on the worker...
    click(qtbot, tur.restart_button)  # ... when the learner starts again
    settle(qtbot, runner)
    second = tur.peserta
    assert second is not None and second.nip != first.nip
    assert tur.kemajuan is not None and tur.kemajuan.skp_id is None
    assert tur.steps.currentRow() == 0
    assert errors == []


def test_closing_the_tour_takes_its_highlight_with_it(qtbot: QtBot, practice: MainWindow) -> None:
    window = practice
    window.start_tour()
    tur = window.tur
    click(qtbot, tur.show_button)
    assert tur.sorotan.isVisible()
    click(qtbot, tur.close_button)
    assert not tur.isVisible() and not tur.sorotan.isVisible()
