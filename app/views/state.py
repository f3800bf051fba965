"""What every screen shares: context, runner and the change signal.

The open database's service context, the task runner and the change signal (Anki's
``operation_did_execute``: each screen refreshes only for the flags it
cares about).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.services.context import Changes, Result, ServiceContext
from app.views.refcount import emit
from app.views.tasks import TaskRunner, TaskToken

ContextFactory = Callable[[Path], ServiceContext]
"""Opens (creating and migrating) a database file and returns a context on it; built by
``app.main`` so the views never import the ORM."""


class AppState(QObject):
    """The current database context (real or practice) and the runner.

    Signals:
        changed: a write finished; carries its ``Changes``.
        about_to_switch: another database is about to be opened; the old one is still the
            context, so screens save what was typed into it now.
        context_switched: another database was opened (practice mode on or off).
    """

    changed = Signal(object)
    about_to_switch = Signal()
    context_switched = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        open_context: ContextFactory,
        *,
        practice: bool = False,
        log_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner = runner
        self.open_context = open_context
        self.practice = practice
        self.log_file = log_file or Path("capaian.log")

    def read(
        self,
        fn: Callable[[ServiceContext], Any],
        on_success: Callable[[Any], None] | None = None,
        *,
        label: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> TaskToken:
        """Run ``fn(ctx)`` on the DB worker and hand its value to ``on_success``."""
        ctx = self.ctx
        return self.runner.db(
            lambda: fn(ctx), on_success=on_success, on_failure=on_failure, label=label
        )

    def write(
        self,
        fn: Callable[[ServiceContext], Result[Any]],
        on_success: Callable[[Any], None] | None = None,
        *,
        label: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> TaskToken:
        """Run a write use case; on success call back with its value, then emit ``changed``."""
        ctx = self.ctx

        def done(result: Result[Any]) -> None:
            if on_success is not None:
                on_success(result.value)
            if result.changes.any:
                emit(self.changed, result.changes)

        return self.runner.db(lambda: fn(ctx), on_success=done, on_failure=on_failure, label=label)

    def switch(self, ctx: ServiceContext, *, practice: bool, refresh: bool = True) -> None:
        """Use another database from now on (practice mode on or off).

        With ``refresh`` every screen reloads; without it they are only cleared (the database
        was never set up and the wizard comes next).
        """
        emit(self.about_to_switch)  # saves queued now still go to the database being left
        self.ctx = ctx
        self.practice = practice
        emit(self.context_switched)
        if refresh:
            emit(self.changed, Changes(**dict.fromkeys(Changes.__dataclass_fields__, True)))
