"""Add one employee (the bulk way is the Excel import of the command line)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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
from app.scoring.types import JenisJabatan, JenisPegawai
from app.services import pegawai as pegawai_service
from app.services.dto import OrganisasiDTO, PegawaiDTO
from app.services.tampilan import PegawaiStatusDTO
from app.views.state import AppState


class PegawaiDialog(QDialog):
    """A form for one employee; stays open with the message when the service refuses."""

    def __init__(
        self,
        state: AppState,
        units: tuple[OrganisasiDTO, ...],
        staff: list[PegawaiStatusDTO],
        parent: QWidget | None = None,
        *,
        unit_kode: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.created: PegawaiDTO | None = None
        self.setWindowTitle(_("Tambah pegawai"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.nip = QLineEdit()
        self.nip.setPlaceholderText(_("18 angka, tanpa spasi"))
        self.nama = QLineEdit()
        self.gelar_depan = QLineEdit()
        self.gelar_belakang = QLineEdit()
        self.jenis_pegawai = QComboBox()
        for jenis in JenisPegawai:
            self.jenis_pegawai.addItem(jenis.value, jenis)
        self.golongan = QLineEdit()
        self.golongan.setPlaceholderText("III/a")
        self.jabatan = QLineEdit()
        self.jenis_jabatan = QComboBox()
        for jabatan in JenisJabatan:
            self.jenis_jabatan.addItem(jabatan.value.title(), jabatan)
        self.unit = QComboBox()
        for unit in units:
            self.unit.addItem(f"{unit.kode} - {unit.nama}", unit.kode)
        if unit_kode:
            self.unit.setCurrentIndex(max(0, self.unit.findData(unit_kode)))
        self.penilai = QComboBox()
        self.penilai.addItem(_("(tanpa pejabat penilai)"), None)
        for row in sorted(staff, key=lambda r: r.nama):
            if row.nip:
                self.penilai.addItem(f"{row.nama} - {row.jabatan}", row.nip)
        form.addRow(_("NIP"), self.nip)
        form.addRow(_("Nama (tanpa gelar)"), self.nama)
        form.addRow(_("Gelar depan"), self.gelar_depan)
        form.addRow(_("Gelar belakang"), self.gelar_belakang)
        form.addRow(_("Jenis pegawai"), self.jenis_pegawai)
        form.addRow(_("Golongan"), self.golongan)
        form.addRow(_("Jabatan"), self.jabatan)
        form.addRow(_("Jenis jabatan"), self.jenis_jabatan)
        form.addRow(_("Unit kerja"), self.unit)
        form.addRow(_("Pejabat penilai"), self.penilai)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(520, 420)

    def save(self) -> None:
        """Create the employee; a refusal is shown in the form, which stays open."""
        data = pegawai_service.PegawaiInput(
            nip=self.nip.text().strip() or None,
            nama=self.nama.text().strip(),
            jenis_pegawai=JenisPegawai(self.jenis_pegawai.currentData()),
            jabatan=self.jabatan.text().strip(),
            jenis_jabatan=JenisJabatan(self.jenis_jabatan.currentData()),
            organisasi_kode=self.unit.currentData() or "",
            golongan=self.golongan.text().strip() or None,
            gelar_depan=self.gelar_depan.text().strip() or None,
            gelar_belakang=self.gelar_belakang.text().strip() or None,
            penilai_nip=self.penilai.currentData(),
        )
        self.message.setText("")
        self.state.write(
            lambda ctx: pegawai_service.create_pegawai(ctx, data),
            self._created,
            on_failure=self._refused,
        )

    def _created(self, dto: PegawaiDTO) -> None:
        self.created = dto
        self.accept()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.message.setText(error.message)
        elif self.state.runner.error_handler is not None:
            self.state.runner.error_handler(error)
