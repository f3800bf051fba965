"""Sign-in dialog: shown at start once the office's database has user accounts (issue 6).

The services check every permission themselves; this dialog only makes the context act as the
signed-in user. Failed attempts, and the lock after repeated failures, are decided and counted
by ``pengguna.masuk``; the dialog shows its message and lets the user try again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.i18n import _
from app.services import pengguna
from app.services.dto import PenggunaDTO
from app.views.state import AppState


class LoginDialog(QDialog):
    """User name and password; ``on_signed_in`` runs once the service accepted them."""

    def __init__(
        self,
        state: AppState,
        on_signed_in: Callable[[PenggunaDTO], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_signed_in = on_signed_in
        self.setWindowTitle(_("Masuk ke Capaian"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Basis data ini memakai akun pengguna. Masuk dengan akun Anda."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Nama pengguna"), self.name)
        form.addRow(_("Sandi"), self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Masuk"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Batal"))
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, 0)

    def sign_in(self) -> None:
        """Ask the service; on success close and continue, else show why and stay open."""
        name, secret = self.name.text(), self.password.text()
        self.message.clear()
        self.state.read(
            lambda ctx: pengguna.masuk(ctx, name, secret),
            self._signed_in,
            on_failure=self._refused,
            label=_("Memeriksa sandi..."),
        )

    def _signed_in(self, user: PenggunaDTO) -> None:
        self.password.clear()
        self.accept()
        self.on_signed_in(user)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error.message)
