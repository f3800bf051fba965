"""The task runner (threads, progress, cancel) and the error/crash dialogs."""

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.errors import UserError
from app.views import dialogs
from app.views.tasks import Cancelled, TaskRunner, TaskToken


@pytest.fixture
def threaded(qapp: QApplication) -> TaskRunner:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_db_job_runs_off_the_gui_thread_and_answers_on_it(
    qtbot: QtBot, threaded: TaskRunner
) -> None:
    seen: dict[str, object] = {}

    def job() -> int:
        seen["worker"] = threading.current_thread().name
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()

    with qtbot.waitSignal(threaded.busy_changed, check_params_cb=lambda busy: not busy):
        threaded.db(job, on_success=done)
    assert seen == {"worker": seen["worker"], "value": 42, "gui": True}
    assert str(seen["worker"]).startswith("capaian-db")
    assert threaded.idle


def test_jobs_on_the_db_worker_run_in_order(qtbot: QtBot, threaded: TaskRunner) -> None:
    order: list[int] = []
    for number in range(5):
        threaded.db(lambda n=number: order.append(n))
    qtbot.waitUntil(lambda: threaded.idle)
    assert order == [0, 1, 2, 3, 4]


def test_failure_goes_to_the_error_handler(qtbot: QtBot, threaded: TaskRunner) -> None:
    failures: list[BaseException] = []
    threaded.error_handler = failures.append
    threaded.db(lambda: (_ for _ in ()).throw(UserError("Berkas tidak ada.")))
    qtbot.waitUntil(lambda: threaded.idle)
    assert [str(f) for f in failures] == ["Berkas tidak ada."]


def test_slow_job_shows_progress_and_can_be_cancelled(qtbot: QtBot, threaded: TaskRunner) -> None:
    started = threading.Event()
    results: list[str] = []

    def slow(token: TaskToken) -> str:
        started.set()
        for step in range(1000):
            token.progress(step, 1000, "langkah")
            threading.Event().wait(0.01)
        return "selesai"

    threaded.pool(
        slow,
        with_token=True,
        cancellable=True,
        label="Mengerjakan...",
        on_success=results.append,
    )
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=3000,
    )
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    )
    assert dialog.labelText() in ("Mengerjakan...", "langkah")
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Batal"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: threaded.idle, timeout=3000)
    assert results == []  # cancelled, so no result and no error
    assert started.is_set()


def test_token_check_raises_when_cancelled() -> None:
    token = TaskToken()
    token.check()
    token._cancel.set()
    assert token.cancelled
    with pytest.raises(Cancelled):
        token.progress(1, 2)


def test_user_error_is_a_plain_warning(qtbot: QtBot) -> None:
    box = dialogs.show_user_error(None, UserError("Kolom NIP kosong pada baris 12."))
    assert box.text() == "Kolom NIP kosong pada baris 12."
    assert box.icon() is QMessageBox.Icon.Warning
    box.close()


def test_bug_shows_crash_dialog_that_copies_details(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = tmp_path / "log" / "capaian.log"
    try:
        raise ZeroDivisionError("pembagian nol")
    except ZeroDivisionError as exc:
        error = exc
    handler = dialogs.error_handler(lambda: None, log_file)
    handler(error)
    crash = next(w for w in QApplication.topLevelWidgets() if isinstance(w, dialogs.CrashDialog))
    assert "ZeroDivisionError: pembagian nol" in crash.text.toPlainText()
    assert any(str(log_file) in label.text() for label in crash.findChildren(QLabel))
    qtbot.mouseClick(crash.copy_button, Qt.MouseButton.LeftButton)
    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()
    assert crash.copy_button.text() == "Tersalin"
    crash.close()


def test_text_prompt_needs_text_before_ok(qtbot: QtBot) -> None:
    prompt = dialogs.TextPromptDialog(None, "Tolak SKP", "Alasan:")
    qtbot.addWidget(prompt)
    assert not prompt.ok.isEnabled()
    qtbot.keyClicks(prompt.editor, "  Target belum terukur ")
    assert prompt.ok.isEnabled()
    assert prompt.text() == "Target belum terukur"


def test_shutdown_still_runs_queued_database_jobs(qapp: QApplication) -> None:
    runner = TaskRunner()
    saved: list[int] = []
    for number in range(3):
        runner.db(lambda n=number: (threading.Event().wait(0.05), saved.append(n)))
    runner.shutdown()  # the user quit right after typing: the saves must still happen
    assert saved == [0, 1, 2]
