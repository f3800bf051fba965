"""Every message box of the application, in one place (qutebrowser's ``msgbox``).

Two kinds of failure (ARCHITECTURE.md, Errors): a ``UserError`` is shown as a plain warning
with its Indonesian message; anything else is a bug, shown in a crash dialog with the details,
a *Salin detail* button and the path of the log file to send to the maintainer. Dialogs are
opened with ``open()`` (window-modal, non-blocking) so the event loop keeps running and tests can
find and close them.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import UserError
from app.i18n import _

log = logging.getLogger("capaian.gui")

_open: dict[int, QDialog] = {}


def _keep(dialog: QDialog) -> None:
    """Hold a reference until the dialog closes (a parentless one would be collected at once)."""
    key = id(dialog)
    _open[key] = dialog
    dialog.finished.connect(lambda _result: _open.pop(key, None))
    dialog.destroyed.connect(lambda *_args: _open.pop(key, None))  # parent deleted first


def open_dialogs() -> tuple[QDialog, ...]:
    """Dialogs opened here and still on screen, oldest first."""
    return tuple(d for d in list(_open.values()) if shiboken6.isValid(d) and d.isVisible())


def show_user_error(parent: QWidget | None, error: UserError) -> QMessageBox:
    """A warning with the clerk-readable message; nothing else to do but read it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Tidak dapat dilanjutkan"))
    box.setText(error.message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep(box)
    box.open()
    return box


def show_info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A plain information box (export finished, file saved)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep(box)
    box.open()
    return box


class CrashDialog(QDialog):
    """A bug report: what happened, the details to copy, and where the log is."""

    def __init__(self, parent: QWidget | None, details: str, log_file: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Terjadi kesalahan tak terduga"))
        self.details = details
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Capaian mengalami kesalahan (bug). Data yang sudah tersimpan tetap aman; "
                "perubahan yang sedang diproses mungkin tidak tersimpan. Salin detail di bawah "
                "dan kirimkan bersama berkas log {log} kepada pengelola aplikasi."
            ).format(log=log_file)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(_("Salin detail"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Tutup"))
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        """Put the details on the clipboard, ready to paste into a message."""
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("Tersalin"))


def crash_details(error: BaseException) -> str:
    """Version, platform and the traceback: what a maintainer needs to reproduce a bug."""
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return (
        f"Capaian {__version__}\nPython {platform.python_version()} ({platform.platform()})\n\n"
        f"{trace}"
    )


def show_crash(parent: QWidget | None, error: BaseException, log_file: Path) -> CrashDialog:
    """Log the bug and show the crash dialog."""
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    dialog = CrashDialog(parent, crash_details(error), log_file)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep(dialog)
    dialog.open()
    return dialog


def error_handler(
    parent_getter: Callable[[], QWidget | None], log_file: Path
) -> Callable[[BaseException], None]:
    """The runner's default failure callback: user errors plainly, bugs as crashes."""

    def handle(error: BaseException) -> None:
        if isinstance(error, UserError):
            log.info("user error: %s", error.message)
            show_user_error(parent_getter(), error)
        else:
            show_crash(parent_getter(), error, log_file)

    return handle


def install_excepthook(parent_getter: Callable[[], QWidget | None], log_file: Path) -> None:
    """Uncaught exceptions in slots become crash dialogs instead of a silent stderr line."""
    handle = error_handler(parent_getter, log_file)

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if QApplication.instance() is None:
            sys.__excepthook__(kind, error, trace)
            return
        handle(error.with_traceback(trace))

    sys.excepthook = hook


def confirm(
    parent: QWidget | None, title: str, text: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """A Ya/Tidak question that calls ``on_yes`` when answered Ya. Non-blocking."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(_("Ya"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(_("Tidak"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    yes.setObjectName("ya")
    yes.clicked.connect(on_yes)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep(box)
    box.open()
    return box


class TextPromptDialog(QDialog):
    """Ask for one required text (a rejection reason); OK stays disabled while it is empty."""

    def __init__(self, parent: QWidget | None, title: str, label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        caption = QLabel(label)
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Batal"))
        self.ok.setEnabled(False)
        self.editor.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.editor.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(460, 220)

    def text(self) -> str:
        """The typed text, trimmed."""
        return self.editor.toPlainText().strip()
