"""Screenshots of each main screen with the demo data at 1366x768.

They go to ``$CAPAIAN_SCREENSHOT_DIR`` (e.g. ``out/screenshots``, git-ignored) or a temporary
folder; a person looks at them (text rendered, nothing cut off). The test itself checks that each
image has the window's size and is not blank.
"""

import shutil
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.i18n import set_language
from app.services.context import ServiceContext
from app.views.shell import Shell
from app.views.state import AppState
from app.views.tasks import TaskRunner
from tests.gui.conftest import make_ctx

SIZE = QSize(1366, 768)


def shoot(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / name
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    assert image.size() == widget.size()
    # Not blank: a screen full of text has many distinct colours.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20, name
    return path


def test_main_screens_with_demo_data(
    qtbot: QtBot, demo_ctx: ServiceContext, runner: TaskRunner, screenshot_dir: Path, tmp_path: Path
) -> None:
    shell = Shell(
        demo_ctx, make_ctx, runner, log_file=tmp_path / "log", practice_path=tmp_path / "p.db"
    )
    shell.start()
    window = shell.window
    assert window is not None
    qtbot.addWidget(window)
    window.resize(SIZE)
    qtbot.waitExposed(window)
    window.staff_table.selectRow(5)
    assert window.current is not None
    names = ["01-pegawai-skp.png", "02-realisasi.png", "03-umpan-balik.png", "04-evaluasi.png"]
    for number, name in enumerate(names):
        window.tabs.setCurrentIndex(number)
        shoot(window, screenshot_dir, name)
    window.pages.setCurrentWidget(window.dashboard)
    shoot(window, screenshot_dir, "05-dasbor.png")
    assert window.sync_view is not None
    window.pages.setCurrentWidget(window.sync_view)
    window.sync_view.run_check()
    shoot(window, screenshot_dir, "06-sinkronisasi.png")
    window.dashboard.export(screenshot_dir / "07-grafik-distribusi.png")


def test_practice_banner_wizard_and_english(
    qtbot: QtBot,
    state: AppState,
    demo_template: Path,
    screenshot_dir: Path,
    tmp_path: Path,
) -> None:
    gui_office, runner = state.ctx, state.runner
    practice = tmp_path / "latihan" / "capaian-latihan.db"
    practice.parent.mkdir()
    shutil.copy(demo_template, practice)
    shell = Shell(gui_office, make_ctx, runner, log_file=tmp_path / "log", practice_path=practice)
    shell.start()
    shell.open_practice()
    window = shell.window
    assert window is not None and window.banner.isVisible()
    qtbot.addWidget(window)
    window.resize(SIZE)
    window.staff_table.selectRow(0)
    window.tabs.setCurrentIndex(3)
    shoot(window, screenshot_dir, "08-mode-latihan.png")
    window.close()

    empty = make_ctx(tmp_path / "baru" / "capaian.db")
    try:
        wizard_shell = Shell(
            empty, make_ctx, runner, log_file=tmp_path / "log", practice_path=practice
        )
        wizard_shell.start()
        wizard = wizard_shell.wizard
        assert wizard is not None
        wizard.next()
        shoot(wizard, screenshot_dir, "09-wizard.png")
        wizard.close()
    finally:
        empty.db.dispose()

    set_language("en")
    try:
        english = Shell(
            gui_office, make_ctx, runner, log_file=tmp_path / "log", practice_path=practice
        )
        english.open_practice()
        window = english.window
        assert window is not None
        qtbot.addWidget(window)
        window.resize(SIZE)
        window.staff_table.selectRow(0)
        window.tabs.setCurrentIndex(3)
        assert window.pages.tabText(1) == "Office dashboard"
        shoot(window, screenshot_dir, "10-english-evaluation.png")
        window.close()
    finally:
        set_language("id")
