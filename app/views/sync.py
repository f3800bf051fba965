"""Sync screens over the existing sync services.

The data-quality gate and package export (office), package import with its report, the conflict
queue (one conflict or a whole group) and enrolment approval (BKD), reverse packages both ways
(BKD writes one per office, the office applies it and trusts BKD's key), and the key
fingerprint to read out over the phone.

Every action runs through the task runner; the passphrase of the signing key is asked each time
and never stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.i18n import _
from app.services import pemeriksaan, sync_export, sync_merge, sync_reverse
from app.services.context import Changes, Result
from app.services.pemeriksaan import BLOKIR, HasilPemeriksaan
from app.services.sync_merge import KonflikDTO, LaporanImpor
from app.views.dialogs import show_info
from app.views.refcount import keeps_none
from app.views.state import AppState


class SyncView(QWidget):
    """Export / import / conflicts / enrolment, in sub-tabs."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.conflicts: tuple[KonflikDTO, ...] = ()
        self.enrolled: tuple[Any, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.role_label = QLabel()
        layout.addWidget(self.role_label)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_export(), _("Pemeriksaan dan ekspor"))
        self.tabs.addTab(self._build_import(), _("Impor paket"))
        self.tabs.addTab(self._build_conflicts(), _("Antrean konflik"))
        self.tabs.addTab(self._build_keys(), _("Kunci dan pendaftaran"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        state.changed.connect(lambda _c: self.refresh() if self.isVisible() else None)

    @keeps_none
    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()  # read the key and queues whenever the page is opened

    # ------------------------------------------------------------------ export
    def _build_export(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.check_button = QPushButton(_("Periksa data"))
        self.check_button.clicked.connect(self.run_check)
        self.export_button = QPushButton(_("Ekspor paket ke BKD..."))
        self.export_button.clicked.connect(self.choose_export)
        self.apply_button = QPushButton(_("Terapkan paket balasan BKD..."))
        self.apply_button.clicked.connect(self.choose_reply)
        row.addWidget(self.check_button)
        row.addWidget(self.export_button)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.check_summary = QLabel(_("Pemeriksaan kualitas data dijalankan sebelum ekspor."))
        self.check_summary.setWordWrap(True)
        layout.addWidget(self.check_summary)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        layout.addWidget(self.findings, 1)
        return page

    def run_check(self) -> None:
        """Run the data-quality gate and list its findings."""
        self.state.read(pemeriksaan.periksa, self._show_check, label=_("Memeriksa data..."))

    def _show_check(self, result: HasilPemeriksaan) -> None:
        self.findings.clear()
        blocking = sum(1 for t in result.temuan if t.tingkat == BLOKIR)
        if not result.temuan:
            self.check_summary.setText(_("Tidak ada temuan; data siap diekspor."))
        else:
            self.check_summary.setText(
                _("{n} temuan, {b} di antaranya menghalangi ekspor.").format(
                    n=len(result.temuan), b=blocking
                )
            )
        for temuan in result.temuan:
            text = f"[{temuan.tingkat}] {temuan.pesan} ({temuan.jumlah})"
            if temuan.contoh:
                text += "\n  " + ", ".join(temuan.contoh[:5])
            item = QListWidgetItem(text)
            if temuan.tingkat == BLOKIR:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.findings.addItem(item)
        self.export_button.setEnabled(result.boleh_ekspor)

    def _ask_folder_and_passphrase(
        self, folder_title: str, key_prompt: str
    ) -> tuple[Path, str] | None:
        """The destination folder, then the signing key's passphrase (None when cancelled)."""
        folder = QFileDialog.getExistingDirectory(self, folder_title)
        if not folder:
            return None
        passphrase, ok = QInputDialog.getText(
            self, _("Kata sandi kunci"), key_prompt, QLineEdit.EchoMode.Password
        )
        return (Path(folder), passphrase) if ok else None

    def choose_export(self) -> None:
        """Ask for the folder and passphrase, then export."""
        answer = self._ask_folder_and_passphrase(
            _("Folder tujuan paket"), _("Kata sandi kunci instalasi:")
        )
        if answer is not None:
            self.export(*answer)

    def export(self, folder: Path, passphrase: str) -> None:
        """Export the unacknowledged changes as the next signed package."""
        self.state.read(
            lambda ctx: sync_export.ekspor_paket(ctx, folder, passphrase),
            self._exported,
            label=_("Mengekspor paket..."),
        )

    def _exported(self, dto: sync_export.EksporDTO) -> None:
        show_info(
            self,
            _("Paket diekspor"),
            "\n".join(
                _("Paket {berkas} berisi {n} perubahan (nomor urut {seq}).").format(
                    berkas=part.berkas, n=part.jumlah_op, seq=part.seq
                )
                for part in (dto, *dto.lanjutan)
            ),
        )

    def choose_reply(self) -> None:
        """(Office) pick BKD's reverse packages and apply them in order."""
        files, _filter = QFileDialog.getOpenFileNames(
            self, _("Pilih paket balasan BKD"), "", _("Paket Capaian (*.bkdsync)")
        )
        for name in sorted(files):
            self.apply_reply(Path(name))

    def apply_reply(self, path: Path) -> None:
        """(Office) apply one reverse package; its report is listed under the findings."""
        self.state.write(
            lambda ctx: _as_result(sync_reverse.terapkan_paket_balasan(ctx, path)),
            self._reply_applied,
            label=_("Menerapkan paket balasan..."),
        )

    def _reply_applied(self, report: sync_reverse.LaporanBalasan) -> None:
        self.findings.clear()
        lines = [f"{report.berkas}: {report.status}", report.pesan]
        lines += [m["pesan"] for m in report.mutasi]
        lines += [str(k.get("pesan")) for k in report.konflik]
        lines += [str(t.get("pesan")) for t in report.tertunda]
        lines += report.peringatan
        for line in lines:
            self.findings.addItem(QListWidgetItem(line))
        self.check_summary.setText(_("Laporan paket balasan BKD:"))

    # ------------------------------------------------------------------ import
    def _build_import(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.import_button = QPushButton(_("Impor paket..."))
        self.dry_button = QPushButton(_("Uji coba impor..."))
        self.import_button.clicked.connect(lambda: self.choose_import(dry_run=False))
        self.dry_button.clicked.connect(lambda: self.choose_import(dry_run=True))
        self.reply_button = QPushButton(_("Buat paket balasan untuk kantor..."))
        self.reply_button.clicked.connect(self.choose_reply_office)
        row.addWidget(self.import_button)
        row.addWidget(self.dry_button)
        row.addWidget(self.reply_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(_("Laporan impor tampil di sini."))
        layout.addWidget(self.report, 1)
        return page

    def choose_import(self, *, dry_run: bool) -> None:
        """Pick package files and import them one by one."""
        files, _filter = QFileDialog.getOpenFileNames(
            self, _("Pilih paket"), "", _("Paket Capaian (*.bkdsync);;Semua berkas (*)")
        )
        for name in files:
            self.import_package(Path(name), dry_run=dry_run)

    def import_package(self, path: Path, *, dry_run: bool = False) -> None:
        """Import (or dry-run) one package at BKD and show the report."""
        self.state.read(
            lambda ctx: sync_merge.impor_paket(ctx, path, dry_run=dry_run),
            self._show_report,
            label=_("Mengimpor paket..."),
        )

    def choose_reply_office(self) -> None:
        """(BKD) ask the office code, the folder and the passphrase, then write the reply."""
        offices = sorted({i.kode_kantor for i in self.enrolled if i.status == "DISETUJUI"})
        if not offices:
            return
        office, ok = QInputDialog.getItem(
            self, _("Paket balasan"), _("Kantor tujuan:"), offices, 0, False
        )
        if not ok:
            return
        answer = self._ask_folder_and_passphrase(
            _("Folder tujuan paket"), _("Kata sandi kunci BKD:")
        )
        if answer is not None:
            self.write_reply(office, *answer)

    def write_reply(self, office: str, folder: Path, passphrase: str) -> None:
        """(BKD) write the next reverse package for one office."""
        self.state.read(
            lambda ctx: sync_reverse.buat_paket_balasan(ctx, office, folder, passphrase),
            lambda path: self.report.appendPlainText(
                _("Paket balasan untuk {kantor} ditulis ke {path}.").format(
                    kantor=office, path=path
                )
                + "\n"
            ),
            label=_("Membuat paket balasan..."),
        )

    def _show_report(self, report: LaporanImpor) -> None:
        lines = [
            _("Berkas: {b}").format(b=report.berkas),
            _("Status: {s}").format(s=report.status),
            report.pesan,
        ]
        if report.uji_coba:
            lines.append(_("(uji coba: tidak ada yang disimpan)"))
        for name, count in sorted(report.jumlah.items()):
            lines.append(f"  {name}: {count}")
        if report.konflik:
            lines.append(_("{n} konflik masuk antrean.").format(n=len(report.konflik)))
        lines.extend(report.peringatan)
        self.report.appendPlainText("\n".join(lines) + "\n")
        self.refresh()

    # ------------------------------------------------------------------ conflicts
    def _build_conflicts(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.conflict_list = QListWidget()
        self.conflict_list.currentRowChanged.connect(self._show_conflict)
        splitter.addWidget(self.conflict_list)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.conflict_message = QLabel()
        self.conflict_message.setWordWrap(True)
        detail_layout.addWidget(self.conflict_message)
        self.sides = QTableWidget(0, 4)
        self.sides.setHorizontalHeaderLabels(
            [_("Kolom"), _("Dasar"), _("Masuk (kantor)"), _("Sekarang (BKD)")]
        )
        self.sides.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sides.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sides.verticalHeader().setVisible(False)
        detail_layout.addWidget(self.sides, 1)
        row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Catatan penyelesaian (wajib)"))
        self.keep_button = QPushButton(_("Pertahankan nilai BKD"))
        self.take_button = QPushButton(_("Ambil nilai kantor"))
        self.merge_button = QPushButton(_("Orang yang sama (gabungkan)"))
        self.merge_button.setToolTip(
            _("Untuk NIP ganda: data kantor digabungkan ke data pegawai yang sudah ada di BKD.")
        )
        self.whole_group = QCheckBox(_("Seluruh kelompok"))
        self.whole_group.setToolTip(
            _("Terapkan keputusan yang sama pada semua konflik sejenis dari kantor ini.")
        )
        self.keep_button.clicked.connect(lambda: self.resolve(sync_merge.TETAP_SEKARANG))
        self.take_button.clicked.connect(lambda: self.resolve(sync_merge.AMBIL_MASUK))
        self.merge_button.clicked.connect(lambda: self.resolve(sync_merge.GABUNG))
        row.addWidget(self.note, 1)
        row.addWidget(self.whole_group)
        row.addWidget(self.keep_button)
        row.addWidget(self.take_button)
        row.addWidget(self.merge_button)
        detail_layout.addLayout(row)
        splitter.addWidget(detail)
        layout.addWidget(splitter)
        return page

    def _show_conflict(self, row: int) -> None:
        self.sides.setRowCount(0)
        if not 0 <= row < len(self.conflicts):
            self.conflict_message.setText("")
            return
        conflict = self.conflicts[row]
        self.conflict_message.setText(conflict.pesan)
        for name, sides in conflict.medan.items():
            number = self.sides.rowCount()
            self.sides.insertRow(number)
            values: list[Any] = [name]
            if isinstance(sides, dict):
                values += [sides.get("base"), sides.get("masuk"), sides.get("sekarang")]
            else:
                values += ["", str(sides), ""]
            for column, value in enumerate(values):
                self.sides.setItem(
                    number, column, QTableWidgetItem("" if value is None else str(value))
                )

    def resolve(self, pilihan: str) -> None:
        """Resolve the selected conflict with the typed note."""
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict, catatan = self.conflicts[row], self.note.text()
        if self.whole_group.isChecked():
            group = f"{conflict.jenis}:{conflict.kode_kantor}:{conflict.entitas}"
            self.state.read(
                lambda ctx: sync_merge.selesaikan_kelompok(
                    ctx, group, pilihan=pilihan, catatan=catatan
                ),
                self._resolved,
            )
            return
        self.state.read(
            lambda ctx: sync_merge.selesaikan_konflik(
                ctx, conflict.id, pilihan=pilihan, catatan=catatan
            ),
            self._resolved,
        )

    def _resolved(self, _konflik: Any) -> None:
        self.note.clear()
        self.refresh()

    # ------------------------------------------------------------------ keys
    def _build_keys(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        own = QGroupBox(_("Kunci instalasi ini"))
        own_layout = QVBoxLayout(own)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        own_layout.addWidget(self.key_label)
        self.make_key_button = QPushButton(_("Buat kunci..."))
        self.make_key_button.clicked.connect(self.ask_make_key)
        own_layout.addWidget(self.make_key_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.request_button = QPushButton(_("Buat berkas permintaan pendaftaran..."))
        self.request_button.clicked.connect(self.choose_request)
        own_layout.addWidget(self.request_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.trust_button = QPushButton(_("Percayai kunci BKD..."))
        self.trust_button.setToolTip(
            _("Masukkan kunci publik BKD dan sidik jari yang dibacakan BKD lewat telepon.")
        )
        self.trust_button.clicked.connect(self.ask_trust)
        own_layout.addWidget(self.trust_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(own)
        enrolled = QGroupBox(_("Instalasi terdaftar (BKD)"))
        enrolled_layout = QVBoxLayout(enrolled)
        self.installations = QTableWidget(0, 4)
        self.installations.setHorizontalHeaderLabels(
            [_("Kantor"), _("Status"), _("Sidik jari kunci"), _("Paket terakhir")]
        )
        self.installations.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.installations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.installations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        enrolled_layout.addWidget(self.installations)
        approve_row = QHBoxLayout()
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText(_("Sidik jari yang dibacakan kantor lewat telepon"))
        self.approve_button = QPushButton(_("Setujui pendaftaran"))
        self.approve_button.clicked.connect(self.approve_selected)
        approve_row.addWidget(self.fingerprint, 1)
        approve_row.addWidget(self.approve_button)
        enrolled_layout.addLayout(approve_row)
        layout.addWidget(enrolled, 1)
        return page

    def ask_make_key(self) -> None:
        """Ask a passphrase (twice) and create the signing key."""
        first, ok = QInputDialog.getText(
            self, _("Buat kunci"), _("Kata sandi baru:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        second, ok = QInputDialog.getText(
            self, _("Buat kunci"), _("Ulangi kata sandi:"), QLineEdit.EchoMode.Password
        )
        if ok:
            self.make_key(first, second)

    def make_key(self, passphrase: str, repeated: str) -> None:
        """Create the installation's signing key."""
        if passphrase != repeated or not passphrase:
            if self.state.runner.error_handler is not None:
                self.state.runner.error_handler(
                    UserError(_("Kedua kata sandi harus sama dan tidak kosong."))
                )
            return
        self.state.read(
            lambda ctx: sync_export.buat_kunci(ctx, passphrase),
            lambda _k: self.refresh(),
            label=_("Membuat kunci..."),
        )

    def choose_request(self) -> None:
        """Ask for the folder and passphrase, then write the enrolment request."""
        answer = self._ask_folder_and_passphrase(
            _("Folder tujuan permintaan"), _("Kata sandi kunci instalasi:")
        )
        if answer is not None:
            self.write_request(*answer)

    def write_request(self, folder: Path, passphrase: str) -> None:
        """Write the signed enrolment request for BKD (proof that this office holds the key)."""
        self.state.read(
            lambda ctx: sync_export.minta_pendaftaran(ctx, folder, passphrase),
            self._request_written,
        )

    def _request_written(self, path: Path) -> None:
        show_info(
            self,
            _("Permintaan pendaftaran"),
            _("Kirim berkas {path} ke BKD, lalu bacakan sidik jari kunci lewat telepon.").format(
                path=path
            ),
        )

    def ask_trust(self) -> None:
        """(Office) ask BKD's public key and the fingerprint read out by BKD."""
        key, ok = QInputDialog.getText(self, _("Kunci BKD"), _("Kunci publik BKD (base64):"))
        if not ok:
            return
        fingerprint, ok = QInputDialog.getText(
            self, _("Kunci BKD"), _("Sidik jari yang dibacakan BKD:")
        )
        if ok:
            self.trust(key.strip(), fingerprint)

    def trust(self, key: str, fingerprint: str) -> None:
        """(Office) trust BKD's key for reverse packages."""
        self.state.read(lambda ctx: sync_reverse.percayai_bkd(ctx, key, fingerprint), self._trusted)

    def _trusted(self, dto: sync_reverse.KunciBkdDTO) -> None:
        show_info(
            self,
            _("Kunci BKD"),
            _("Kunci BKD {kode} dipercaya (sidik jari {fp}).").format(
                kode=dto.kode_bkd, fp=dto.sidik_jari
            ),
        )

    def approve_selected(self) -> None:
        """(BKD) approve the selected waiting installation with the fingerprint typed."""
        row = self.installations.currentRow()
        if not 0 <= row < len(self.enrolled):
            return
        key, typed = self.enrolled[row].installation_id, self.fingerprint.text()
        self.state.read(lambda ctx: sync_merge.setujui_instalasi(ctx, key, typed), self._approved)

    def _approved(self, result: Any) -> None:
        installation, reports = result
        self.fingerprint.clear()
        for report in reports:
            self._show_report(report)
        show_info(
            self,
            _("Pendaftaran disetujui"),
            _("{kantor} terdaftar; {n} paket yang menunggu telah diimpor.").format(
                kantor=installation.kode_kantor, n=len(reports)
            ),
        )
        self.refresh()

    # ------------------------------------------------------------------ refresh
    def refresh(self) -> None:
        """Read the role, the key, the conflicts and the installations."""

        def fetch(ctx):  # type: ignore[no-untyped-def]
            role = sync_export.get_role(ctx)
            try:
                key = sync_export.info_kunci(ctx)
            except UserError:
                key = None
            if role == "bkd":
                return role, key, sync_merge.daftar_konflik(ctx), sync_merge.daftar_instalasi(ctx)
            return role, key, (), ()

        self.state.read(fetch, lambda data: self._show(*data))

    def _show(self, role: str, key: Any, conflicts: tuple[KonflikDTO, ...], inst: Any) -> None:
        bkd = role == "bkd"
        self.role_label.setText(
            _("Peran instalasi: {peran}").format(peran=_("BKD") if bkd else _("Dinas"))
        )
        self.tabs.setTabEnabled(1, bkd)
        self.tabs.setTabEnabled(2, bkd)
        self.export_button.setEnabled(not bkd)
        if key is None:
            self.key_label.setText(_("Belum ada kunci. Buat kunci untuk mendaftar ke BKD."))
        else:
            self.key_label.setText(
                _("ID kunci: {id}\nSidik jari (bacakan ke BKD): {fp}\nBerkas: {path}").format(
                    id=key.key_id, fp=key.sidik_jari, path=key.berkas_kunci
                )
            )
        self.make_key_button.setEnabled(key is None)
        self.request_button.setEnabled(key is not None and not bkd)
        self.trust_button.setEnabled(not bkd)
        self.apply_button.setEnabled(not bkd)
        self.reply_button.setEnabled(bkd and key is not None)
        self.approve_button.setEnabled(bkd)
        self.fingerprint.setEnabled(bkd)
        self.enrolled = tuple(inst)
        self.conflicts = conflicts
        self.conflict_list.clear()
        for conflict in conflicts:
            self.conflict_list.addItem(
                f"{conflict.jenis} | {conflict.kode_kantor} | {conflict.entitas}: {conflict.pesan}"
            )
        self.installations.setRowCount(len(inst))
        for row, item in enumerate(inst):
            for column, value in enumerate(
                (
                    f"{item.kode_kantor} - {item.nama_kantor}",
                    item.status,
                    item.sidik_jari,
                    str(item.seq_terakhir),
                )
            ):
                self.installations.setItem(row, column, QTableWidgetItem(value))


def _as_result(value: Any) -> Result[Any]:
    """Wrap a report as a ``Result``: applying BKD's reply may touch any screen's data."""
    everything = Changes(**{name: True for name in Changes.__dataclass_fields__})
    return Result(value, everything)
