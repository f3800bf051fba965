"""The application's screens wired together: first-run wizard, main window, practice mode.

``app.main`` builds the Qt application, the logging and the context factory, then hands over
here. Practice mode opens a *separate* database (``practice_database_path``), built from the
Sabangau demo on first use, and switches every screen to it under a coloured banner; the real
context is kept aside untouched and comes back when the user leaves practice mode.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.i18n import _
from app.services import pengguna
from app.services import setup as setup_service
from app.services.context import ServiceContext
from app.services.dto import InstalasiDTO
from app.settings import practice_database_path
from app.views.bantuan import install_help_menu
from app.views.data_menu import install_data_menu
from app.views.dialogs import error_handler
from app.views.login import LoginDialog
from app.views.main_window import MainWindow
from app.views.state import AppState, ContextFactory
from app.views.sync import SyncView
from app.views.tasks import TaskRunner, TaskToken
from app.views.wizard import FirstRunWizard, open_wizard

log = logging.getLogger("capaian.gui")


class Shell:
    """Owns the state, the main window and the wizard; switches real <-> practice."""

    def __init__(
        self,
        ctx: ServiceContext,
        open_context: ContextFactory,
        runner: TaskRunner,
        *,
        log_file: Path,
        practice_path: Path | None = None,
    ) -> None:
        self.real_ctx = ctx
        self.practice_path = practice_path or practice_database_path()
        self.state = AppState(ctx, runner, open_context, log_file=log_file)
        self.window: MainWindow | None = None
        self.wizard: FirstRunWizard | None = None
        self.login: LoginDialog | None = None
        runner.error_handler = error_handler(self._dialog_parent, log_file)

    def _dialog_parent(self) -> QWidget | None:
        if self.login is not None and self.login.isVisible():
            return self.login
        if self.wizard is not None and self.wizard.isVisible():
            return self.wizard
        return self.window

    def start(self) -> None:
        """Open the main window, or the wizard when this database was never set up."""
        self.state.read(_installation_or_none, self._on_started, label=_("Membuka..."))

    def _on_started(self, instalasi: InstalasiDTO | None) -> None:
        if instalasi is None:
            self.show_wizard()
        else:
            self.state.read(pengguna.ada_pengguna_terdaftar, self._after_accounts_checked)

    def _after_accounts_checked(self, has_accounts: bool) -> None:
        if has_accounts:
            self.show_login()
        else:
            self.show_window()

    def _reopened(self, ctx: ServiceContext) -> None:
        """The office's database was restored and reopened: work on it, signed in again."""
        self.real_ctx = ctx
        self.state.switch(ctx, practice=False)
        self.state.read(pengguna.ada_pengguna_terdaftar, self._after_restore_accounts)

    def _after_restore_accounts(self, has_accounts: bool) -> None:
        if has_accounts:
            self.show_login()

    def _signed_in(self, _user: object) -> None:
        self.show_window()

    def show_login(self) -> LoginDialog:
        """Ask who is working; the main window opens once the service accepted them."""
        self.login = LoginDialog(self.state, self._signed_in)
        self.login.show()
        return self.login

    def show_wizard(self) -> FirstRunWizard:
        """The first-run wizard on the real database."""
        self.wizard = open_wizard(
            self.state,
            on_set_up=lambda _i: self._after_setup(),
            on_demo=self.open_practice,
            on_cancel=self._on_wizard_cancelled,
        )
        return self.wizard

    def _after_setup(self) -> None:
        self.show_window()

    def _on_wizard_cancelled(self) -> None:
        if self.window is None:
            log.info("first-run wizard cancelled; nothing set up")

    def show_window(self) -> MainWindow:
        """Create (once) and show the main window, then load its data."""
        if self.window is None:
            self.window = MainWindow(
                self.state,
                practice_action=self.open_practice,
                leave_practice_action=self.leave_practice,
                sync_view=SyncView(self.state),
            )
            self.state.runner.dialog_parent = self.window
            self.data_menu = install_data_menu(self.window, self.state, self._reopened)
            help_menu = install_help_menu(self.window, self.state.runner)
            tour = QAction(_("Tur latihan penilai baru"), self.window)
            tour.setToolTip(
                _("Buka Mode Latihan dan ikuti tur: SKP, realisasi, umpan balik, evaluasi")
            )
            tour.triggered.connect(self.start_tour)
            help_menu.insertAction(help_menu.actions()[1], tour)
        else:
            self.data_menu.accounts.refresh()  # signed in again (after a restore)
        self.window.show()
        self.window.reload()
        return self.window

    # ------------------------------------------------------------------ practice mode
    def start_tour(self) -> None:
        """The guided tour: in practice mode at once, otherwise after switching to it."""
        if self.state.practice and self.window is not None:
            self.window.start_tour()
        else:
            self.open_practice(then_tour=True)

    def open_practice(self, *, then_tour: bool = False) -> None:
        """Switch to the practice database, building the demo in it the first time."""
        path, open_context = self.practice_path, self.state.open_context

        def prepare(token: TaskToken) -> ServiceContext:
            ctx = open_context(path)
            if _installation_or_none(ctx) is None:
                from app.services.demo import build_demo  # noqa: PLC0415 - only when needed

                build_demo(
                    ctx,
                    size="small",
                    progress=lambda label, done, total: token.progress(done, total, label),
                )
            return ctx

        self.state.runner.db(
            prepare,
            with_token=True,
            on_success=lambda ctx: self._enter_practice(ctx, then_tour=then_tour),
            label=_("Menyiapkan data latihan Sabangau..."),
        )

    def _enter_practice(self, ctx: ServiceContext, *, then_tour: bool = False) -> None:
        if ctx.db.display_name == self.real_ctx.db.display_name:
            raise RuntimeError("practice database must differ from the real one")
        self.state.switch(ctx, practice=True)
        window = self.show_window()
        if then_tour:
            window.start_tour()

    def leave_practice(self) -> None:
        """Back to the office's real database (the wizard if it was never set up)."""
        practice, real = self.state.ctx, self.real_ctx
        self.state.runner.db(
            lambda: _installation_or_none(real),
            on_success=lambda found: self._after_leaving(practice, found),
        )

    def _after_leaving(self, practice: ServiceContext, instalasi: InstalasiDTO | None) -> None:
        if instalasi is None:
            if self.window is not None:
                self.window.hide()
            self.state.switch(self.real_ctx, practice=False, refresh=False)
            self.show_wizard()
        else:
            self.state.switch(self.real_ctx, practice=False)
        if practice is not self.real_ctx:
            self.state.runner.db(practice.db.dispose)


def _installation_or_none(ctx: ServiceContext) -> InstalasiDTO | None:
    try:
        return setup_service.get_installation(ctx)
    except UserError:
        return None
