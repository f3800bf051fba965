"""First run: role, office, sheet defaults and, optionally, the first admin; or the demo.

Without an account everybody may do everything (a single-user office); once the first admin
exists, every write needs a signed-in user with the right role (``app.services.izin``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.i18n import _
from app.scoring.types import Granularitas
from app.services import pengguna
from app.services import setup as setup_service
from app.services.context import Result, ServiceContext
from app.services.dto import InstalasiDTO
from app.views.refcount import emit, keeps_none
from app.views.state import AppState
from app.views.table_models import enum_value

PAGE_START, PAGE_OFFICE, PAGE_SHEETS = 0, 1, 2


class StartPage(QWizardPage):
    """Set up a real office, or just look around in the demo."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Selamat datang di Capaian"))
        self.setSubTitle(_("Penilaian kinerja ASN berbasis capaian (PermenPANRB 6/2022)."))
        layout = QVBoxLayout(self)
        self.setup = QRadioButton(_("Siapkan basis data kantor ini"))
        self.demo = QRadioButton(_("Buka data contoh (Mode Latihan) untuk mencoba dulu"))
        self.setup.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.setup)
        group.addButton(self.demo)
        layout.addWidget(self.setup)
        layout.addWidget(self.demo)
        note = QLabel(
            _(
                "Mode Latihan memakai basis data terpisah; data kantor tidak pernah tersentuh. "
                "Penyiapan kantor dapat dilakukan kapan saja sesudahnya."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802
        return -1 if self.demo.isChecked() else PAGE_OFFICE


class OfficePage(QWizardPage):
    """Role, office kode and name, the pemda above it, the year and period granularity."""

    def __init__(self, year: int) -> None:
        super().__init__()
        self.setTitle(_("Peran dan kantor"))
        self.setSubTitle(_("Data ini tercetak pada lembar SKP dan evaluasi."))
        form = QFormLayout(self)
        self.peran = QComboBox()
        self.peran.addItem(_("Dinas / perangkat daerah (kantor)"), "dinas")
        self.peran.addItem(_("BKD (badan kepegawaian daerah)"), "bkd")
        self.kode = QLineEdit()
        self.kode.setPlaceholderText("DINKES")
        self.nama = QLineEdit()
        self.nama.setPlaceholderText(_("Dinas Kesehatan"))
        self.pemda = QLineEdit(_("Pemerintah Kabupaten Sabangau"))
        self.tahun = QSpinBox()
        self.tahun.setRange(2000, 2100)
        self.tahun.setValue(year)
        self.granularitas = QComboBox()
        for value in Granularitas:
            self.granularitas.addItem(value.label.capitalize(), value)
        form.addRow(_("Peran"), self.peran)
        form.addRow(_("Kode kantor"), self.kode)
        form.addRow(_("Nama kantor"), self.nama)
        form.addRow(_("Pemerintah daerah"), self.pemda)
        form.addRow(_("Tahun penilaian"), self.tahun)
        form.addRow(_("Periode penilaian"), self.granularitas)
        self.registerField("kode*", self.kode)
        self.registerField("nama*", self.nama)


class SheetsPage(QWizardPage):
    """Defaults printed on the sheets (office settings stored in the database)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Lembar cetak"))
        self.setSubTitle(_("Bawaan yang tercetak di lembar SKP dan evaluasi; dapat diubah nanti."))
        form = QFormLayout(self)
        self.tempat = QLineEdit("Sabangau")
        form.addRow(_("Tempat penandatanganan"), self.tempat)
        note = QLabel(
            _(
                "Akun admin pertama (boleh dikosongkan): bila diisi, setiap perubahan data "
                "memerlukan akun yang masuk dengan perannya."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.admin = QLineEdit()
        self.admin.setPlaceholderText("admin")
        self.admin_nama = QLineEdit()
        self.sandi = QLineEdit()
        self.sandi.setEchoMode(QLineEdit.EchoMode.Password)
        self.sandi_ulang = QLineEdit()
        self.sandi_ulang.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Nama pengguna admin"), self.admin)
        form.addRow(_("Nama lengkap"), self.admin_nama)
        form.addRow(_("Sandi (min. 8 karakter)"), self.sandi)
        form.addRow(_("Ulangi sandi"), self.sandi_ulang)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)

    def admin_problem(self) -> str | None:
        """Why the account fields cannot be used (checked before anything is written)."""
        name, secret = self.admin.text().strip(), self.sandi.text()
        if not name:
            return None
        if not self.admin_nama.text().strip():
            return _("Isi nama lengkap admin.")
        if len(secret) < 8 or secret.lower() == name.lower():  # the service's own rule
            return _("Sandi minimal 8 karakter dan tidak sama dengan nama pengguna.")
        if secret != self.sandi_ulang.text():
            return _("Kedua sandi tidak sama.")
        return None


class FirstRunWizard(QWizard):
    """The first-run wizard; ``finish`` runs the set-up through the task runner.

    Signals:
        set_up: the office was set up (carries the ``InstalasiDTO``).
        demo_requested: the user chose to open the demo instead.
    """

    set_up = Signal(object)
    demo_requested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(_("Capaian - penyiapan awal"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.start = StartPage()
        self.office = OfficePage(state.ctx.today().year)
        self.sheets = SheetsPage()
        self.setPage(PAGE_START, self.start)
        self.setPage(PAGE_OFFICE, self.office)
        self.setPage(PAGE_SHEETS, self.sheets)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Batal"))
        self.resize(620, 440)
        self._done = False

    @keeps_none
    def accept(self) -> None:
        """Finish: the demo, or the set-up (the wizard stays open on a refusal)."""
        if self.start.demo.isChecked():
            self._done = True
            emit(self.demo_requested)
            super().accept()
            return
        self.sheets.message.setText("")
        problem = self.sheets.admin_problem()
        if problem is not None:
            self.sheets.message.setText(problem)
            return
        admin = self.sheets.admin.text().strip()
        admin_nama, sandi = self.sheets.admin_nama.text().strip(), self.sheets.sandi.text()
        office = self.office
        peran = office.peran.currentData()
        kode, nama = office.kode.text(), office.nama.text()
        pemda, tahun = office.pemda.text().strip(), office.tahun.value()
        granularitas = enum_value(office.granularitas.currentData(), Granularitas)
        tempat = self.sheets.tempat.text().strip() or "Sabangau"

        def run(ctx: ServiceContext) -> Result[InstalasiDTO]:
            # The signing place is stored on the pemda and office units (new units inherit it,
            # and printing takes the nearest unit's place before the setting).
            result = setup_service.init_installation(
                ctx,
                peran=peran,
                kode=kode,
                nama=nama,
                nama_pemda=pemda or _("Pemerintah Kabupaten Sabangau"),
                tempat=tempat,
                tahun=tahun,
                granularitas=granularitas or Granularitas.BULANAN,
            )
            if admin:  # fields checked above, so this second step does not fail on them
                pengguna.buat_pengguna(
                    ctx,
                    nama_pengguna=admin,
                    nama_lengkap=admin_nama,
                    peran="bkd_admin" if peran == "bkd" else "admin",
                    sandi=sandi,
                )
                pengguna.masuk(ctx, admin, sandi)  # the person who set it up works on
            return result

        self.state.write(run, self._finished, on_failure=self._refused)

    def _finished(self, instalasi: InstalasiDTO) -> None:
        self._done = True
        emit(self.set_up, instalasi)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        from app.errors import UserError  # noqa: PLC0415

        if isinstance(error, UserError):
            self.sheets.message.setText(error.message)
            if error.field in ("kode", "nama", "tahun", "peran"):
                while self.currentId() > PAGE_OFFICE:
                    self.back()
        if self.state.runner.error_handler is not None:
            self.state.runner.error_handler(error)


def open_wizard(
    state: AppState,
    on_set_up: Callable[[InstalasiDTO], None],
    on_demo: Callable[[], None],
    on_cancel: Callable[[], None],
) -> FirstRunWizard:
    """Show the wizard (non-blocking) and wire its three outcomes."""
    wizard = FirstRunWizard(state)
    wizard.set_up.connect(on_set_up)
    wizard.demo_requested.connect(on_demo)
    wizard.rejected.connect(on_cancel)
    wizard.show()
    return wizard
