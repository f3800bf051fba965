"""Review of the practice tour: what a user hits with the real (asynchronous) task runner."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.scoring.types import StatusEvaluasi, StatusSkp
from app.services import skp
from app.services.context import ServiceContext
from app.views.main_window import MainWindow
from app.views.shell import Shell
from app.views.state import AppState
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx
from tests.gui.test_screenshots import SIZE


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


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
    practice = tmp_path / "latihan" / "capaian-latihan.db"
    practice.parent.mkdir()
    shutil.copy(demo_template, practice)
    shell = Shell(
        gui_office, make_ctx, async_runner, log_file=tmp_path / "log", practice_path=practice
    )
    found: list[BaseException] = []
    async_runner.error_handler = found.append
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
