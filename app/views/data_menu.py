"""Data menu: change history of the selected employee, and backups (issue 6).

The history comes from the hash-chained audit log (``riwayat`` service): who changed what, when,
from which value to which. Backups use the same service as ``capaian backup``. Restoring
replaces the open database: the screen closes it, lets the service verify the backup and swap
the files (the current database is kept beside it), then reopens whichever database is now in
place, so a refused backup leaves the office working on its database as before. The account
entries (manage accounts, change own password) live in ``app.views.pengguna``, the office
settings in ``app.views.pengaturan``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.i18n import _
from app.services import cadangan, izin, riwayat
from app.services.context import ServiceContext
from app.services.dto import RiwayatDTO
from app.views.dialogs import show_info
from app.views.pengaturan import SettingsAction
from app.views.pengguna import AccountActions
from app.views.state import AppState


def _change(row: RiwayatDTO) -> str:
    before = row.sebelum or {}
    parts = []
    for key, value in (row.sesudah or {}).items():
        old = before.get(key)
        shown = json.dumps(value, ensure_ascii=False, default=str)
        if key in before:
            parts.append(f"{key}: {json.dumps(old, ensure_ascii=False, default=str)} → {shown}")
        else:
            parts.append(f"{key}: {shown}")
    return "; ".join(parts)


class TableDialog(QDialog):
    """A read-only table with a caption, for the history and the backup list."""

    def __init__(
        self,
        title: str,
        caption: str,
        headers: list[str],
        rows: list[list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(caption)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for number, row in enumerate(rows):
            for column, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(number, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 560)


class DataMenu:
    """The *Data* menu of the main window; ``window.current`` is the selected employee.

    ``on_reopened(ctx)`` is told the context of the database reopened after a restore.
    """

    def __init__(
        self,
        window: QMainWindow,
        state: AppState,
        on_reopened: Callable[[ServiceContext], None] | None = None,
    ) -> None:
        self.window = window
        self.state = state
        self.on_reopened = on_reopened
        self.dialog: TableDialog | None = None
        menu = window.menuBar().addMenu(_("&Data"))
        history = QAction(_("Riwayat perubahan pegawai terpilih..."), window)
        history.triggered.connect(self.show_history)
        backup = QAction(_("Buat cadangan sekarang"), window)
        backup.triggered.connect(self.backup_now)
        listed = QAction(_("Daftar cadangan..."), window)
        listed.triggered.connect(self.show_backups)
        restore = QAction(_("Pulihkan dari cadangan..."), window)
        restore.triggered.connect(self.ask_restore)
        self.restore_action = restore
        for action in (history, backup, listed, restore):
            menu.addAction(action)
        # Restoring replaces the database, accounts included: offered to admins only.
        menu.aboutToShow.connect(self.refresh_restore)
        state.context_switched.connect(self.refresh_restore)
        self.refresh_restore()
        self.accounts = AccountActions(menu, window, state)
        self.settings = SettingsAction(menu, window, state)

    def show_history(self) -> None:
        """The audit entries about the selected employee and all their records."""
        current: Any = getattr(self.window, "current", None)
        if current is None or not current.nip:
            show_info(self.window, _("Riwayat"), _("Pilih seorang pegawai di daftar dahulu."))
            return
        nip, nama = current.nip, current.nama
        self.state.read(
            lambda ctx: riwayat.riwayat_pegawai(ctx, nip),
            lambda rows: self._history(nama, rows),
            label=_("Membaca riwayat..."),
        )

    def _history(self, nama: str, rows: tuple[RiwayatDTO, ...]) -> None:
        table = [
            [
                row.waktu.isoformat(sep=" ", timespec="minutes"),
                row.pelaku,
                row.perintah,
                row.entitas,
                _change(row),
            ]
            for row in reversed(rows)  # newest first
        ]
        self.dialog = TableDialog(
            _("Riwayat perubahan"),
            _("{nama}: {n} perubahan tercatat di log audit (terbaru di atas).").format(
                nama=nama, n=len(rows)
            ),
            [_("Waktu"), _("Oleh"), _("Tindakan"), _("Data"), _("Perubahan")],
            table,
            self.window,
        )
        self.dialog.show()

    def backup_now(self) -> None:
        """An online backup of the open database into its backup folder."""
        self.state.read(
            lambda ctx: cadangan.buat_cadangan(ctx.db),
            self._backed_up,
            label=_("Membuat cadangan..."),
        )

    def _backed_up(self, done: cadangan.CadanganDTO) -> None:
        show_info(
            self.window, _("Cadangan"), _("Cadangan ditulis ke {path}.").format(path=done.berkas)
        )

    def show_backups(self) -> None:
        """The backups of the open database, and the exact command that restores one."""
        ctx = self.state.ctx
        path = ctx.db.path
        if path is None:
            show_info(
                self.window,
                _("Cadangan"),
                _("Basis data PostgreSQL dicadangkan dengan pg_dump oleh pengelola server."),
            )
            return
        self.state.read(lambda _ctx: cadangan.daftar_cadangan(path), self._backups)

    def _backups(self, rows: tuple[cadangan.CadanganDTO, ...]) -> None:
        path = self.state.ctx.db.path
        table = [
            [
                row.waktu.isoformat(sep=" ") if row.waktu else "-",
                row.jenis,
                f"{row.ukuran / 1_048_576:.1f} MB",
                str(row.berkas),
            ]
            for row in rows
        ]
        self.dialog = TableDialog(
            _("Cadangan"),
            _(
                "Cadangan {db}. Pulihkan lewat menu Data > Pulihkan dari cadangan (atau, dengan "
                'Capaian tertutup: capaian --db "{db}" restore "BERKAS"). Berkas diperiksa '
                "dahulu; basis data sekarang disimpan di sampingnya sebelum diganti."
            ).format(db=path),
            [_("Waktu"), _("Jenis"), _("Ukuran"), _("Berkas")],
            table,
            self.window,
        )
        self.dialog.show()

    # ------------------------------------------------------------------ restore
    def refresh_restore(self) -> None:
        """Show *Pulihkan* only to whoever the permission matrix lets restore."""
        self.state.read(
            lambda ctx: izin.boleh(ctx, "cadangan.pulihkan"), self.restore_action.setVisible
        )

    def ask_restore(self) -> None:
        """Pick a backup, confirm, then restore it over the open database."""
        if self.state.practice or self.state.ctx.db.path is None:
            show_info(
                self.window,
                _("Pulihkan"),
                _("Pemulihan hanya untuk basis data kantor (SQLite), bukan Mode Latihan."),
            )
            return
        folder = cadangan.folder_cadangan(self.state.ctx.db.path)
        name, _filter = QFileDialog.getOpenFileName(
            self.window, _("Pilih berkas cadangan"), str(folder), _("Basis data (*.db)")
        )
        if not name:
            return
        answer = QMessageBox.question(
            self.window,
            _("Pulihkan dari cadangan"),
            _(
                "Ganti basis data yang sedang dibuka dengan {berkas}? Perubahan sesudah cadangan "
                "itu dibuat tidak ada lagi di basis data; basis data sekarang disimpan di "
                "sampingnya."
            ).format(berkas=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(Path(name))

    def restore(self, source: Path) -> None:
        """Close, restore (verified by the service), reopen; refusals keep the old database."""
        state, old = self.state, self.state.ctx
        target = old.db.path
        assert target is not None  # checked by ask_restore

        def job() -> tuple[ServiceContext, Any, BaseException | None]:
            cadangan.izinkan_pemulihan(old)  # refused: the database stays open, untouched
            cadangan.tutup(old.db)
            outcome: Any = None
            error: BaseException | None = None
            try:
                outcome = cadangan.pulihkan(target, source)
            except UserError as exc:
                error = exc
            return state.open_context(target), outcome, error

        state.runner.db(job, on_success=self._restored, label=_("Memulihkan..."))

    def _restored(self, result: tuple[ServiceContext, Any, BaseException | None]) -> None:
        ctx, outcome, error = result
        if self.on_reopened is not None:
            self.on_reopened(ctx)
        else:
            self.state.switch(ctx, practice=False)
        if error is not None:
            if self.state.runner.error_handler is not None:
                self.state.runner.error_handler(error)
            return
        message = _(
            "Basis data dipulihkan dari {sumber}. Basis data sebelumnya disimpan di {lama}."
        )
        show_info(
            self.window,
            _("Pulihkan"),
            message.format(sumber=outcome.sumber, lama=outcome.sebelum_pulih or "-"),
        )


def install_data_menu(
    window: QMainWindow,
    state: AppState,
    on_reopened: Callable[[ServiceContext], None] | None = None,
) -> DataMenu:
    """Add the *Data* menu; the returned object keeps the dialogs alive."""
    return DataMenu(window, state, on_reopened)
