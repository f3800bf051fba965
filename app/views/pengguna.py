"""Account management in the Data menu: the GUI side of ``capaian user`` (issue 6 follow-up).

Office admins are not command-line users, so the Data menu offers what ``capaian user`` does:
list the accounts, create one, set a new password (which also lifts a lock), disable or enable
an account, and, for whoever is signed in, change their own password. Every rule stays in
``app.services.pengguna`` and ``app.services.izin``: this module only hides the entry from
users the matrix would refuse (``izin.boleh``) and shows the services' refusals inside the form
that caused them, so nothing typed is lost.

Passwords are read from the fields into the job's closure only, never logged nor kept in an
attribute, and the fields are cleared once the service accepted them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.i18n import _
from app.services import izin, pengguna
from app.services import pegawai as pegawai_service
from app.services import setup as setup_service
from app.services.context import Result, ServiceContext
from app.services.dto import PegawaiDTO, PenggunaDTO
from app.views.dialogs import confirm, show_info
from app.views.state import AppState

KELOLA = "pengguna.kelola"
ERROR_STYLE = "color: #b00020"


def peran_label(peran: str) -> str:
    """A role as an office clerk reads it (the stored code stays English-free and short)."""
    labels = {
        izin.OPERATOR: _("Operator (entri data)"),
        izin.PENILAI: _("Penilai (pejabat penilai)"),
        izin.SEKRETARIAT: _("Sekretariat (berkas, cetak, paket)"),
        izin.ADMIN: _("Admin kantor"),
        izin.BKD_ADMIN: _("Admin BKD"),
    }
    return labels.get(peran, peran)


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


@dataclass(frozen=True)
class _Accounts:
    """What the list dialog shows, read in one job."""

    rows: tuple[PenggunaDTO, ...]
    bkd: bool


def _read_accounts(ctx: ServiceContext) -> _Accounts:
    rows = pengguna.daftar_pengguna(ctx)
    return _Accounts(rows, setup_service.get_installation(ctx).peran == "bkd")


class _SecretForm(QDialog):
    """A form with a red message line and Simpan/Batal; refusals keep it open as typed."""

    def __init__(self, state: AppState, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.layout_.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Simpan"))
        self.ok.setObjectName("simpan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Batal"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}

    def fit(self, width: int) -> None:
        """Size for ``width`` with the wrapped intro text shown whole.

        A top-level window ignores height-for-width by itself, and a wrapped label at the top
        would be cut at both ends.
        """
        self.resize(width, max(self.heightForWidth(width), self.sizeHint().height()))

    def submit(self) -> None:
        """Check locally, then ask the service (overridden)."""
        raise NotImplementedError

    def secrets(self) -> tuple[QLineEdit, ...]:
        """The password fields, cleared after success and when the form is closed."""
        return tuple(w for w in self.findChildren(QLineEdit) if w.echoMode() != w.EchoMode.Normal)

    def refuse(self, text: str, field: str | None = None) -> None:
        """Show why, stay open, put the cursor where the problem is."""
        self.message.setText(text)
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setFocus()

    def run(
        self, job: Callable[[ServiceContext], Result[Any]], then: Callable[[Any], None]
    ) -> None:
        """The service call; a UserError is shown in the form, anything else is a bug."""
        self.message.clear()

        def succeeded(value: Any) -> None:
            self.clear_secrets()
            self.accept()
            then(value)

        self.state.write(job, succeeded, on_failure=self._failed, label=_("Menyimpan..."))

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            if self.state.runner.error_handler is None:
                raise error
            self.state.runner.error_handler(error)
            return
        self.refuse(error.message, error.field)

    def clear_secrets(self) -> None:
        """Empty every password field (after success, and whenever the form closes)."""
        for field in self.secrets():
            field.clear()

    def done(self, result: int) -> None:
        """QDialog.done, reached by Simpan, Batal and Esc alike: no password stays typed."""
        self.clear_secrets()
        super().done(result)


class NewAccountDialog(_SecretForm):
    """*Tambah akun*: the fields of ``capaian user add``, the pegawai chosen from a list."""

    def __init__(
        self,
        state: AppState,
        staff: tuple[PegawaiDTO, ...],
        *,
        bkd: bool,
        first: bool,
        on_created: Callable[[PenggunaDTO, bool], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(state, _("Tambah akun pengguna"), parent)
        self.on_created = on_created
        self.first = first
        if first:
            note = QLabel(
                _(
                    "Basis data ini belum mempunyai akun. Akun pertama harus admin; sesudah "
                    "dibuat, Anda masuk dengan akun itu dan Capaian meminta masuk setiap kali "
                    "dibuka."
                )
            )
            note.setWordWrap(True)
            self.layout_.insertWidget(0, note)
        self.nama = QLineEdit()
        self.nama.setPlaceholderText(_("huruf kecil, mis. siti.rahma"))
        self.nama_lengkap = QLineEdit()
        self.peran = QComboBox()
        for code in izin.PERAN:
            if code == izin.BKD_ADMIN and not bkd:
                continue  # the service refuses it outside a BKD installation
            self.peran.addItem(peran_label(code), code)
        if first:
            self.peran.setCurrentIndex(self.peran.findData(izin.BKD_ADMIN if bkd else izin.ADMIN))
        self.pegawai = QComboBox()
        self.pegawai.setEditable(True)
        self.pegawai.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.pegawai.addItem("", None)
        for row in staff:
            if row.nip:
                self.pegawai.addItem(f"{row.nama_lengkap} - {row.nip}", row.nip)
        completer = QCompleter(self.pegawai.model(), self.pegawai)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.pegawai.setCompleter(completer)
        line = self.pegawai.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("ketik nama atau NIP"))
        self.pegawai.setCurrentIndex(0)
        self.pegawai.setMinimumWidth(360)
        self.sandi = _password_field()
        self.ulangi = _password_field()
        self.form.addRow(_("Nama pengguna"), self.nama)
        self.form.addRow(_("Nama lengkap"), self.nama_lengkap)
        self.form.addRow(_("Peran"), self.peran)
        self.form.addRow(_("Pegawai (wajib untuk penilai)"), self.pegawai)
        self.form.addRow(_("Sandi (min. 8 karakter)"), self.sandi)
        self.form.addRow(_("Ulangi sandi"), self.ulangi)
        self.fields = {
            "nama_pengguna": self.nama,
            "nama_lengkap": self.nama_lengkap,
            "peran": self.peran,
            "pegawai_nip": self.pegawai,
            "nip": self.pegawai,
            "sandi": self.sandi,
        }
        self.fit(560)

    def chosen_nip(self) -> str | None:
        """The NIP picked or typed (a typed NIP the list lacks is left to the service)."""
        text = self.pegawai.currentText().strip()
        if not text:
            return None
        index = self.pegawai.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            data = self.pegawai.itemData(index)
            return str(data) if data else None
        return text

    def submit(self) -> None:
        """Check the repeated password here, then let ``buat_pengguna`` decide the rest."""
        if self.sandi.text() != self.ulangi.text():
            self.refuse(_("Kedua sandi tidak sama."), "sandi")
            return
        nip = self.chosen_nip()
        if nip is not None and not nip.isdigit():
            self.refuse(_("Pilih pegawai dari daftar (ketik nama atau NIP)."), "pegawai_nip")
            return
        nama, nama_lengkap = self.nama.text(), self.nama_lengkap.text()
        peran, sandi, first = str(self.peran.currentData()), self.sandi.text(), self.first

        def job(ctx: ServiceContext) -> Result[tuple[PenggunaDTO, bool]]:
            result = pengguna.buat_pengguna(
                ctx,
                nama_pengguna=nama,
                nama_lengkap=nama_lengkap,
                peran=peran,
                sandi=sandi,
                pegawai_nip=nip,
            )
            if first:
                # From now on every write needs a login and there is no login screen until the
                # next start, so the person who made the first admin works on as that admin
                # (as in the first-run wizard).
                pengguna.masuk(ctx, result.value.nama_pengguna, sandi)
            return Result((result.value, first), result.changes)

        self.run(job, lambda value: self.on_created(*value))


class ResetPasswordDialog(_SecretForm):
    """*Atur ulang sandi*: a new password typed twice; the service also lifts the lock."""

    def __init__(
        self,
        state: AppState,
        account: PenggunaDTO,
        on_done: Callable[[PenggunaDTO], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(state, _("Atur ulang sandi"), parent)
        self.account_name = account.nama_pengguna
        self.on_done = on_done
        intro = QLabel(
            _(
                "Sandi baru untuk {nama} ({lengkap}). Kunci karena sandi salah berulang ikut "
                "dibuka. Sampaikan sandi ini langsung kepada pemilik akun."
            ).format(nama=account.nama_pengguna, lengkap=account.nama_lengkap)
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.sandi = _password_field()
        self.ulangi = _password_field()
        self.form.addRow(_("Sandi baru (min. 8 karakter)"), self.sandi)
        self.form.addRow(_("Ulangi sandi baru"), self.ulangi)
        self.fields = {"sandi_baru": self.sandi}
        self.fit(480)

    def submit(self) -> None:
        """Both fields equal, then ``reset_sandi``."""
        if self.sandi.text() != self.ulangi.text():
            self.refuse(_("Kedua sandi tidak sama."), "sandi_baru")
            return
        nama, sandi = self.account_name, self.sandi.text()
        self.run(lambda ctx: pengguna.reset_sandi(ctx, nama, sandi), self.on_done)


class ChangeOwnPasswordDialog(_SecretForm):
    """*Ganti sandi saya*: the old password, then the new one twice (``capaian user passwd``)."""

    def __init__(
        self, state: AppState, nama: str, on_done: Callable[[], None], parent: QWidget | None
    ) -> None:
        super().__init__(state, _("Ganti sandi saya"), parent)
        self.on_done = on_done
        intro = QLabel(_("Akun yang sedang masuk: {nama}.").format(nama=nama))
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.lama = _password_field()
        self.sandi = _password_field()
        self.ulangi = _password_field()
        self.form.addRow(_("Sandi lama"), self.lama)
        self.form.addRow(_("Sandi baru (min. 8 karakter)"), self.sandi)
        self.form.addRow(_("Ulangi sandi baru"), self.ulangi)
        self.fields = {"sandi_lama": self.lama, "sandi_baru": self.sandi}
        self.fit(480)

    def submit(self) -> None:
        """Both new fields equal, then ``ganti_sandi`` (which checks the old one)."""
        if self.sandi.text() != self.ulangi.text():
            self.refuse(_("Kedua sandi baru tidak sama."), "sandi_baru")
            return
        lama, baru = self.lama.text(), self.sandi.text()
        self.run(lambda ctx: pengguna.ganti_sandi(ctx, lama, baru), lambda _v: self.on_done())


class AccountsDialog(QDialog):
    """The account list with the admin's actions; it reloads after each change."""

    HEADERS = 6

    def __init__(
        self, state: AppState, on_changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_changed = on_changed
        self.rows: tuple[PenggunaDTO, ...] = ()
        self.bkd = False
        self.form: _SecretForm | None = None
        self.setWindowTitle(_("Kelola akun pengguna"))
        layout = QVBoxLayout(self)
        caption = QLabel(
            _(
                "Operator mengisi data, penilai menilai bawahannya (akun penilai ditautkan ke "
                "pegawai pejabat penilai), sekretariat mengurus berkas, cetak dan paket, admin "
                "mengelola akun dan pengaturan. Akun yang dinonaktifkan tidak dapat masuk; "
                "riwayatnya tetap tercatat."
            )
        )
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.table = QTableWidget(0, self.HEADERS)
        self.table.setHorizontalHeaderLabels(
            [
                _("Nama pengguna"),
                _("Nama lengkap"),
                _("Peran"),
                _("Pegawai"),
                _("Status"),
                _("Terkunci sampai"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # name and NIP: longest
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        actions = QHBoxLayout()
        self.add_button = QPushButton(_("Tambah akun..."))
        self.reset_button = QPushButton(_("Atur ulang sandi..."))
        self.disable_button = QPushButton(_("Nonaktifkan"))
        self.enable_button = QPushButton(_("Aktifkan"))
        self.add_button.clicked.connect(self.ask_new)
        self.reset_button.clicked.connect(self.ask_reset)
        self.disable_button.clicked.connect(lambda: self.ask_active(aktif=False))
        self.enable_button.clicked.connect(lambda: self.ask_active(aktif=True))
        for button in (self.add_button, self.reset_button, self.disable_button):
            actions.addWidget(button)
        actions.addWidget(self.enable_button)
        actions.addStretch(1)
        close = QPushButton(_("Tutup"))
        close.clicked.connect(self.reject)
        actions.addWidget(close)
        layout.addLayout(actions)
        self.resize(980, 460)
        self._update_buttons()

    # ------------------------------------------------------------------ list
    def reload(self, select: str | None = None) -> None:
        """Read the accounts again, keeping (or moving to) the account named ``select``."""
        current = self.selected()
        keep = select or (current.nama_pengguna if current is not None else None)
        self.state.read(_read_accounts, lambda found: self._show(found, keep))

    def _show(self, found: _Accounts, select: str | None) -> None:
        self.rows, self.bkd = found.rows, found.bkd
        now = self.state.ctx.now()
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            locked = row.terkunci_sampai is not None and row.terkunci_sampai > now
            values = [
                row.nama_pengguna,
                row.nama_lengkap,
                peran_label(row.peran),
                f"{row.pegawai_nama} ({row.pegawai_nip})" if row.pegawai_nip else "-",
                _("Aktif") if row.aktif else _("Nonaktif"),
                _format_time(row.terkunci_sampai) if locked and row.terkunci_sampai else "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if not row.aktif:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(number, column, item)
        self.table.clearSelection()
        for number, row in enumerate(self.rows):
            if row.nama_pengguna == select:
                self.table.selectRow(number)
        self._update_buttons()

    def selected(self) -> PenggunaDTO | None:
        """The account of the selected row."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        (number,) = rows
        return self.rows[number] if number < len(self.rows) else None

    def select(self, nama_pengguna: str) -> None:
        """Select the row of an account (tests and after a change)."""
        for number, row in enumerate(self.rows):
            if row.nama_pengguna == nama_pengguna:
                self.table.selectRow(number)
                return
        raise KeyError(nama_pengguna)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.reset_button.setEnabled(row is not None)
        self.disable_button.setEnabled(row is not None and row.aktif)
        self.enable_button.setEnabled(row is not None and not row.aktif)

    # ------------------------------------------------------------------ actions
    def ask_new(self) -> None:
        """Read the staff list for the pegawai chooser, then open the form."""
        self.message.clear()
        self.state.read(
            pegawai_service.list_pegawai,
            self._open_new_form,
            label=_("Membaca daftar pegawai..."),
        )

    def _open_new_form(self, staff: tuple[PegawaiDTO, ...]) -> None:
        self.form = NewAccountDialog(
            self.state,
            staff,
            bkd=self.bkd,
            first=not self.rows,
            on_created=self._created,
            parent=self,
        )
        self.form.open()

    def _created(self, account: PenggunaDTO, first: bool) -> None:
        if first:
            text = _("Akun admin pertama {nama} dibuat; Anda kini masuk dengan akun itu.")
        else:
            text = _("Akun {nama} ({peran}) dibuat.")
        show_info(
            self,
            _("Akun pengguna"),
            text.format(nama=account.nama_pengguna, peran=peran_label(account.peran)),
        )
        self._changed(account.nama_pengguna)

    def ask_reset(self) -> None:
        """The new-password form for the selected account."""
        row = self.selected()
        if row is None:
            return
        self.message.clear()
        self.form = ResetPasswordDialog(self.state, row, self._was_reset, self)
        self.form.open()

    def _was_reset(self, account: PenggunaDTO) -> None:
        show_info(
            self,
            _("Akun pengguna"),
            _("Sandi {nama} diatur ulang; kuncinya dibuka.").format(nama=account.nama_pengguna),
        )
        self._changed(account.nama_pengguna)

    def ask_active(self, *, aktif: bool) -> None:
        """Disable (or enable) the selected account once confirmed."""
        row = self.selected()
        if row is None or row.aktif == aktif:
            return
        self.message.clear()
        nama = row.nama_pengguna
        if aktif:
            title, text = (
                _("Aktifkan akun"),
                _("Aktifkan kembali akun {nama} ({lengkap})? Pemiliknya dapat masuk lagi."),
            )
        else:
            title, text = (
                _("Nonaktifkan akun"),
                _(
                    "Nonaktifkan akun {nama} ({lengkap})? Pemiliknya tidak dapat masuk lagi "
                    "sampai akun diaktifkan kembali; riwayatnya tetap tercatat."
                ),
            )
        confirm(
            self,
            title,
            text.format(nama=nama, lengkap=row.nama_lengkap),
            lambda: self._set_active(nama, aktif=aktif),
        )

    def _set_active(self, nama: str, *, aktif: bool) -> None:
        self.state.write(
            lambda ctx: pengguna.nonaktifkan(ctx, nama, aktif=aktif),
            lambda account: self._changed(account.nama_pengguna),
            on_failure=self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            if self.state.runner.error_handler is None:
                raise error
            self.state.runner.error_handler(error)
            return
        self.message.setText(error.message)

    def _changed(self, nama: str) -> None:
        self.reload(select=nama)
        self.on_changed()


def _format_time(value: datetime) -> str:
    return value.strftime("%d-%m-%Y %H:%M")


class AccountActions:
    """The two Data-menu entries and when they are offered.

    *Kelola akun pengguna* shows only for users the permission matrix allows to manage accounts
    (or while the database has no account at all), never in practice mode; *Ganti sandi saya*
    is enabled only while someone is signed in. Both are re-evaluated on sign-in
    (:meth:`refresh`), when another database is opened, and after each account change.
    """

    def __init__(self, menu: QMenu, window: QWidget, state: AppState) -> None:
        self.window = window
        self.state = state
        self.dialog: AccountsDialog | None = None
        self.form: ChangeOwnPasswordDialog | None = None
        menu.addSeparator()
        self.manage = QAction(_("Kelola akun pengguna..."), window)
        self.manage.triggered.connect(self.show_accounts)
        self.change_own = QAction(_("Ganti sandi saya..."), window)
        self.change_own.triggered.connect(self.ask_change_own)
        menu.addAction(self.manage)
        menu.addAction(self.change_own)
        state.context_switched.connect(self._switched)
        self._apply(False, False)
        self.refresh()

    def refresh(self) -> None:
        """Ask the matrix whether the signed-in user may manage accounts.

        Never in practice mode: the demo database has no account, so the matrix would let
        anyone in, and an account made there would lock the practice database for good (it
        is reopened with nobody signed in and has no login screen).
        """
        practice = self.state.practice
        self.state.read(
            lambda ctx: (not practice and izin.boleh(ctx, KELOLA), ctx.pengguna is not None),
            lambda found: self._apply(*found),
        )

    def _switched(self) -> None:
        """Another database is open: the list and forms of the old one must not act on it."""
        for widget in (self.dialog, self.form):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self.dialog = self.form = None
        self.refresh()

    def _apply(self, may_manage: bool, signed_in: bool) -> None:
        self.manage.setVisible(may_manage)
        self.manage.setEnabled(may_manage)
        self.change_own.setEnabled(signed_in)

    def show_accounts(self) -> None:
        """Open the account list (the same dialog again, freshly read, when already open)."""
        if self.dialog is None:
            self.dialog = AccountsDialog(self.state, self.refresh, self.window)
        self.dialog.reload()
        self.dialog.show()

    def ask_change_own(self) -> None:
        """The signed-in user's own password."""
        user = self.state.ctx.pengguna
        if user is None:
            return
        self.form = ChangeOwnPasswordDialog(
            self.state, user.nama_pengguna, self._own_changed, self.window
        )
        self.form.open()

    def _own_changed(self) -> None:
        show_info(self.window, _("Ganti sandi"), _("Sandi Anda diganti."))
