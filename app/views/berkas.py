"""Excel and printing from the GUI: templates, imports, exports and the official PDF sheets.

The same service functions as ``capaian template``, ``import-excel``, ``export-excel`` and
``print``: an import checks every row and stores all or nothing (the error report path is shown
when it refuses); printing runs on the database worker with progress and Cancel, and a
cancelled run keeps the files already finished.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.io.pdf import Kertas
from app.services import cetak, excel
from app.views.state import AppState
from app.views.tasks import TaskToken

_XLSX = "Excel (*.xlsx)"


class BerkasView(QWidget):
    """Excel templates, imports and exports, and batch printing, with a running log."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.addWidget(self._build_excel(), 1)
        row.addWidget(self._build_print(), 1)
        layout.addLayout(row)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setPlaceholderText(_("Hasil impor, ekspor dan cetak tampil di sini."))
        layout.addWidget(self.log, 1)

    # ------------------------------------------------------------------ Excel
    def _build_excel(self) -> QWidget:
        box = QGroupBox(_("Excel"))
        form = QFormLayout(box)
        self.excel_kind = QComboBox()
        for value, label in (
            ("pegawai", _("Pegawai")),
            ("skp", _("SKP (RHK, indikator, target)")),
            ("realisasi", _("Realisasi per periode")),
            ("rekap", _("Rekap per unit (ekspor saja)")),
        ):
            self.excel_kind.addItem(label, value)
        form.addRow(_("Jenis"), self.excel_kind)
        self.excel_period = QLineEdit()
        self.excel_period.setPlaceholderText(_("mis. 2026-03 (realisasi dan rekap)"))
        form.addRow(_("Periode"), self.excel_period)
        self.excel_unit = QLineEdit()
        self.excel_unit.setPlaceholderText(_("kode unit (kosong: seluruh kantor)"))
        form.addRow(_("Unit"), self.excel_unit)
        buttons = QHBoxLayout()
        self.template_button = QPushButton(_("Templat..."))
        self.import_button = QPushButton(_("Impor..."))
        self.check_button = QPushButton(_("Uji coba impor..."))
        self.export_button = QPushButton(_("Ekspor..."))
        self.template_button.clicked.connect(self._ask_template)
        self.import_button.clicked.connect(lambda: self._ask_import(uji_coba=False))
        self.check_button.clicked.connect(lambda: self._ask_import(uji_coba=True))
        self.export_button.clicked.connect(self._ask_export)
        for button in (
            self.template_button,
            self.import_button,
            self.check_button,
            self.export_button,
        ):
            buttons.addWidget(button)
        form.addRow(buttons)
        return box

    def _kind(self) -> str:
        return str(self.excel_kind.currentData())

    def _text(self, field: QLineEdit) -> str | None:
        return field.text().strip() or None

    def _choice(self) -> tuple[str, str | None, str | None]:
        return self._kind(), self._text(self.excel_period), self._text(self.excel_unit)

    def _ask_template(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan templat"), f"templat-{self._kind()}.xlsx", _XLSX
        )
        if name:
            self.template(Path(name))

    def template(self, path: Path) -> None:
        """Write the empty (or, for realisasi with a period, pre-filled) template."""
        kind, period, unit = (
            self._kind(),
            self._text(self.excel_period),
            self._text(self.excel_unit),
        )
        self.state.read(
            lambda ctx: excel.buat_template(
                ctx, kind, path, periode_kode=period, organisasi_kode=unit
            ),
            lambda written: self._say(_("Templat ditulis ke {path}.").format(path=written)),
            label=_("Menulis templat..."),
        )

    def _ask_import(self, *, uji_coba: bool) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Pilih berkas Excel"), "", _XLSX)
        if name:
            self.import_file(Path(name), uji_coba=uji_coba)

    def import_file(self, path: Path, *, uji_coba: bool = False) -> None:
        """Check every row, then store all of them or none; report either way."""
        kind, period = self._kind(), self._text(self.excel_period)
        self.state.write(
            lambda ctx: excel.impor_excel(ctx, kind, path, uji_coba=uji_coba, periode_kode=period),
            self._imported,
            label=_("Mengimpor berkas Excel..."),
        )

    def _imported(self, report: excel.LaporanImpor) -> None:
        mode = _(" (uji coba, tidak disimpan)") if report.uji_coba else ""
        lines = [
            _("{berkas}: {n} baris dibaca, {baru} baru, {ubah} diubah, {sama} sama{mode}.").format(
                berkas=report.berkas,
                n=report.baris,
                baru=report.baru,
                ubah=report.diubah,
                sama=report.sama,
                mode=mode,
            )
        ]
        if not report.ok:
            lines.append(
                _("Tidak ada yang disimpan: {n} masalah. Laporan kesalahan: {path}").format(
                    n=len(report.masalah), path=report.laporan_kesalahan
                )
            )
            lines += [
                _("  baris {baris}, {kolom}: {pesan}").format(
                    baris=m.baris or "-", kolom=m.kolom or "-", pesan=m.pesan
                )
                for m in report.masalah[:20]
            ]
        lines += list(report.peringatan)
        self._say("\n".join(lines))

    def _ask_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan ekspor"), f"{self._kind()}.xlsx", _XLSX
        )
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        """Export the chosen kind (with e-Kinerja BKN column names where they overlap)."""
        kind, period, unit = (
            self._kind(),
            self._text(self.excel_period),
            self._text(self.excel_unit),
        )
        self.state.read(
            lambda ctx: excel.ekspor_excel(
                ctx, kind, path, periode_kode=period, organisasi_kode=unit
            ),
            lambda done: self._say(
                _("{n} baris diekspor ke {path}.").format(n=done.baris, path=done.berkas)
            ),
            label=_("Mengekspor ke Excel..."),
        )

    # ------------------------------------------------------------------ printing
    def _build_print(self) -> QWidget:
        box = QGroupBox(_("Cetak lembar resmi (PDF)"))
        form = QFormLayout(box)
        self.sheet_kind = QComboBox()
        for value, label in (
            (cetak.JenisLembar.SKP, _("SKP dan Lampiran SKP")),
            (cetak.JenisLembar.EVALUASI, _("Evaluasi Kinerja Pegawai")),
            (cetak.JenisLembar.DOKUMEN_EVALUASI, _("Dokumen Evaluasi Kinerja Pegawai")),
            (cetak.JenisLembar.REKAP, _("Rekap per unit")),
        ):
            self.sheet_kind.addItem(label, value.value)
        form.addRow(_("Lembar"), self.sheet_kind)
        self.print_period = QLineEdit()
        self.print_period.setPlaceholderText(_("mis. 2026 atau 2026-06 (evaluasi dan rekap)"))
        form.addRow(_("Periode"), self.print_period)
        self.print_unit = QLineEdit()
        self.print_unit.setPlaceholderText(_("kode unit (kosong: seluruh kantor)"))
        form.addRow(_("Unit"), self.print_unit)
        self.print_nip = QLineEdit()
        self.print_nip.setPlaceholderText(_("NIP satu pegawai (kosong: semua)"))
        form.addRow(_("NIP"), self.print_nip)
        self.paper = QComboBox()
        self.paper.addItems([k.value for k in Kertas])
        form.addRow(_("Kertas"), self.paper)
        self.one_file = QCheckBox(_("Semua lembar dalam satu berkas PDF"))
        form.addRow(self.one_file)
        self.print_button = QPushButton(_("Cetak ke folder..."))
        self.print_button.clicked.connect(self._ask_print)
        form.addRow(self.print_button)
        return box

    def _ask_print(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder tujuan PDF"))
        if folder:
            self.print_to(Path(folder))

    def print_to(self, folder: Path) -> None:
        """Print the chosen sheets into ``folder`` with progress; Cancel keeps finished files."""
        kind = cetak.JenisLembar(str(self.sheet_kind.currentData()))
        period, unit = self._text(self.print_period), self._text(self.print_unit)
        nip, paper = self._text(self.print_nip), Kertas(self.paper.currentText())
        one_file, ctx = self.one_file.isChecked(), self.state.ctx

        def job(token: TaskToken) -> Any:
            return cetak.cetak(
                ctx,
                jenis=kind,
                out_dir=folder,
                periode_kode=period,
                organisasi_kode=unit,
                nip=nip,
                kertas=paper,
                satu_berkas=one_file,
                # Cancel is noticed by ``batal`` between sheets, so the run can report what it
                # finished; progress must not raise in the middle of a file.
                progress=lambda label, done, total: (
                    None if token.cancelled else token.progress(done, total, label)
                ),
                batal=lambda: token.cancelled,
            )

        self.state.runner.db(
            job,
            with_token=True,
            cancellable=True,
            on_success=self._printed,
            label=_("Mencetak lembar..."),
        )

    def _printed(self, result: cetak.HasilCetakDTO) -> None:
        head = _("{n} lembar dalam {f} berkas PDF ({kertas}).").format(
            n=result.jumlah_lembar, f=len(result.berkas), kertas=result.kertas
        )
        if result.dibatalkan:
            head += " " + _("Dibatalkan; berkas yang sudah selesai tetap disimpan.")
        lines = [head] + [
            _("  {path} ({h} halaman; kode {kode})").format(
                path=b.path, h=b.halaman, kode=", ".join(s.kode_verifikasi for s in b.lembar[:3])
            )
            for b in result.berkas[:50]
        ]
        self._say("\n".join(lines))

    def _say(self, text: str) -> None:
        self.log.appendPlainText(text + "\n")
