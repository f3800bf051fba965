"""The task runner: every database and file job runs off the GUI thread (Anki's TaskManager).

One single-thread executor runs everything that touches the database, so SQLite writes are
serialised and a screen's read always sees the write it asked for before; a small general pool
runs file work (copying evidence, rendering). Results come back to the GUI thread through a Qt
signal, never by touching widgets from a worker. A job that is still running after about half a
second gets a busy cursor and a progress dialog, with a Cancel button when the job can stop.

Tests build the runner with ``synchronous=True``: jobs then run inline and their callbacks are
called before ``db()`` returns, which keeps GUI tests deterministic.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.i18n import _
from app.views.refcount import emit

log = logging.getLogger("capaian.tasks")

PROGRESS_DELAY_MS = 500


class Cancelled(Exception):  # noqa: N818 - reads as "the job was cancelled"
    """Raised inside a job when the user pressed Cancel; the runner drops it quietly."""


@dataclass
class TaskToken:
    """What a job may use to report progress and to notice that the user cancelled it.

    Never call a widget from a job; call ``progress`` and the runner relays it to the GUI.
    """

    _cancel: threading.Event = field(default_factory=threading.Event)
    _report: Callable[[int, int, str], None] | None = None

    @property
    def cancelled(self) -> bool:
        """True once the user pressed Cancel."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop the job (raise ``Cancelled``) when the user pressed Cancel."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, label: str = "") -> None:
        """Report progress (``done`` of ``total``); also a cancellation point."""
        self.check()
        if self._report is not None:
            self._report(done, total, label)


@dataclass
class _Job:
    fn: Callable[..., Any]
    with_token: bool
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    label: str | None
    cancellable: bool
    token: TaskToken = field(default_factory=TaskToken)
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    cursor: bool = False


class TaskRunner(QObject):
    """Runs jobs on the DB worker or the general pool and calls back on the GUI thread.

    Signals:
        busy_changed: True when the first job starts, False when the last one ends.
    """

    busy_changed = Signal(bool)
    _delivered = Signal(object, object, object)  # job, result, exception
    _progressed = Signal(object, int, int, str)  # job, done, total, label

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.error_handler: Callable[[BaseException], None] | None = None
        self.dialog_parent: QWidget | None = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capaian-db")
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="capaian-pool")
        self._running: set[int] = set()
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._on_progressed, Qt.ConnectionType.QueuedConnection)

    @property
    def idle(self) -> bool:
        """No job is running or waiting for its callback."""
        return not self._running

    def db(
        self,
        fn: Callable[..., Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        label: str | None = None,
        with_token: bool = False,
        cancellable: bool = False,
    ) -> TaskToken:
        """Run ``fn()`` (or ``fn(token)``) on the database worker."""
        return self._submit(
            self._db, _Job(fn, with_token, on_success, on_failure, label, cancellable)
        )

    def pool(
        self,
        fn: Callable[..., Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        label: str | None = None,
        with_token: bool = False,
        cancellable: bool = False,
    ) -> TaskToken:
        """Run ``fn()`` (or ``fn(token)``) on the general pool (file and CPU work, no DB)."""
        return self._submit(
            self._pool, _Job(fn, with_token, on_success, on_failure, label, cancellable)
        )

    def shutdown(self) -> None:
        """Stop the threads when the application quits.

        Queued database jobs still run (they may be saves the user already made); waiting file
        and CPU jobs are dropped.
        """
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._db.shutdown(wait=True, cancel_futures=False)

    # ------------------------------------------------------------------ internals
    def _submit(self, executor: ThreadPoolExecutor, job: _Job) -> TaskToken:
        was_idle = self.idle
        self._running.add(id(job))
        if was_idle:
            emit(self.busy_changed, True)
        if self.synchronous:
            result, error = self._call(job)
            self._on_delivered(job, result, error)
            return job.token
        job.token._report = lambda done, total, label: emit(
            self._progressed, job, done, total, label
        )
        job.timer = QTimer(self)
        job.timer.setSingleShot(True)
        job.timer.timeout.connect(lambda: self._show_progress(job))
        job.timer.start(PROGRESS_DELAY_MS)
        future: Future[Any] = executor.submit(self._call, job)
        future.add_done_callback(lambda f: emit(self._delivered, job, *f.result()))
        return job.token

    @staticmethod
    def _call(job: _Job) -> tuple[Any, BaseException | None]:
        try:
            value = job.fn(job.token) if job.with_token else job.fn()
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            return None, exc
        return value, None

    def _show_progress(self, job: _Job) -> None:
        if id(job) not in self._running:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        job.cursor = True
        if job.label is None:
            return
        dialog = QProgressDialog(
            job.label, _("Batal") if job.cancellable else "", 0, 0, self.dialog_parent
        )
        dialog.setWindowTitle(_("Mohon tunggu"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        if not job.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.token._cancel.set)
        dialog.show()
        job.dialog = dialog

    @Slot(object, int, int, str)
    def _on_progressed(self, job: _Job, done: int, total: int, label: str) -> None:
        if job.dialog is not None:
            job.dialog.setMaximum(total)
            job.dialog.setValue(done)
            if label:
                job.dialog.setLabelText(label)

    @Slot(object, object, object)
    def _on_delivered(self, job: _Job, result: Any, error: BaseException | None) -> None:
        if job.timer is not None:
            job.timer.stop()
        if job.dialog is not None:
            job.dialog.canceled.disconnect()
            job.dialog.close()
            job.dialog.deleteLater()
        if job.cursor:
            QApplication.restoreOverrideCursor()
        self._running.discard(id(job))
        try:
            if error is None:
                if job.on_success is not None:
                    job.on_success(result)
            elif isinstance(error, Cancelled):
                log.info("job cancelled: %s", job.label)
            elif job.on_failure is not None:
                job.on_failure(error)
            elif self.error_handler is not None:
                self.error_handler(error)
            else:
                raise error
        finally:
            if self.idle:
                emit(self.busy_changed, False)
