"""The feedback tab: umpan balik and the history of the dialog kinerja.

The penilai's umpan balik per RHK or per BerAKHLAK value and period, picked from common phrases or
typed freely, above the dated history of the dialog kinerja.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.scoring.types import NilaiBerakhlak, StatusSkp
from app.services import tampilan
from app.services import umpan_balik as umpan_balik_service
from app.services.dto import PeriodeDTO, SkpDTO, UmpanBalikDTO
from app.services.tampilan import PegawaiStatusDTO
from app.views.state import AppState
from app.views.table_models import UmpanBalikTableModel

FRASA_UMUM = (
    N_("Pertahankan kinerja yang sudah sangat baik ini."),
    N_("Target bulan ini tercapai; lanjutkan dengan konsisten."),
    N_("Capaian masih di bawah target; mari susun langkah perbaikan bersama."),
    N_("Lengkapi bukti dukung untuk setiap realisasi."),
    N_("Tingkatkan koordinasi dengan rekan kerja dan unit terkait."),
    N_("Laporan sudah tepat waktu; pertahankan."),
    N_("Perlu peningkatan ketepatan waktu penyelesaian pekerjaan."),
    N_("Pelayanan kepada masyarakat sudah ramah dan responsif."),
)


class UmpanBalikTab(QWidget):
    """Give feedback and read the history of one employee's SKP."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pegawai: PegawaiStatusDTO | None = None
        self.skp: SkpDTO | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        form = QFormLayout()
        self.periode = QComboBox()
        self.tentang = QComboBox()
        self.tentang.setMinimumContentsLength(30)
        self.tentang.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.frasa = QComboBox()
        self.frasa.addItem(_("(pilih frasa umum untuk disisipkan)"), None)
        for phrase in FRASA_UMUM:
            self.frasa.addItem(_(phrase), _(phrase))
        self.frasa.activated.connect(self._insert_phrase)
        self.teks = QPlainTextEdit()
        self.teks.setPlaceholderText(_("Tulis umpan balik di sini..."))
        self.teks.setTabChangesFocus(True)
        self.teks.setFixedHeight(70)
        # The SKP the typed text belongs to: it is saved there, never against another SKP.
        self._teks_skp_id: str | None = None
        self.teks.textChanged.connect(self._on_text_changed)
        self.kirim = QPushButton(_("&Simpan umpan balik"))
        self.kirim.clicked.connect(self.send)
        form.addRow(_("Periode"), self.periode)
        form.addRow(_("Tentang"), self.tentang)
        form.addRow(_("Frasa umum"), self.frasa)
        form.addRow(_("Umpan balik"), self.teks)
        row = QHBoxLayout()
        self.info = QLabel()
        row.addWidget(self.info, 1)
        row.addWidget(self.kirim)
        form.addRow(row)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Riwayat dialog kinerja:")))
        self.model = UmpanBalikTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 130)
        header.resizeSection(1, 70)
        header.resizeSection(2, 200)
        header.resizeSection(4, 150)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)
        self.state.changed.connect(self._on_changed)
        self._set_enabled()

    def _insert_phrase(self, index: int) -> None:
        phrase = self.frasa.itemData(index)
        if phrase:
            current = self.teks.toPlainText().strip()
            self.teks.setPlainText(f"{current} {phrase}".strip())
            self.teks.moveCursor(QTextCursor.MoveOperation.End)  # keep typing after it
            self.teks.setFocus()
        self.frasa.setCurrentIndex(0)

    def _on_text_changed(self) -> None:
        if not self.teks.toPlainText().strip():
            self._teks_skp_id = None
        elif self._teks_skp_id is None and self.skp is not None:
            self._teks_skp_id = self.skp.id

    def load(self, pegawai: PegawaiStatusDTO | None, skp: SkpDTO | None) -> None:
        """Show the feedback of ``skp``.

        Text typed for another SKP is cleared (the main window saved it before switching).
        """
        if self._teks_skp_id is not None and (skp is None or skp.id != self._teks_skp_id):
            self.teks.clear()
        self.pegawai, self.skp = pegawai, skp
        self.tentang.clear()
        self.tentang.addItem(_("Umum (seluruh kinerja)"), ("", None))
        if skp is not None:
            for rhk in skp.rhk:
                self.tentang.addItem(
                    _("RHK {n}: {uraian}").format(n=rhk.urutan, uraian=rhk.uraian), ("rhk", rhk.id)
                )
            for nilai in NilaiBerakhlak:
                self.tentang.addItem(
                    _("Perilaku: {nilai}").format(nilai=nilai.label), ("nilai", nilai)
                )
        self.model.rhk_names = {r.id: r.uraian for r in skp.rhk} if skp else {}
        self._set_enabled()
        if skp is None:
            self.periode.clear()
            self.model.set_rows([])
            return
        skp_id = skp.id

        def fetch(ctx):  # type: ignore[no-untyped-def]
            return (
                tampilan.periode_skp(ctx, skp_id),
                umpan_balik_service.list_umpan_balik(ctx, skp_id),
            )

        self.state.read(fetch, lambda pair: self._set_data(skp_id, *pair))

    def _set_data(
        self, skp_id: str, periods: tuple[PeriodeDTO, ...], rows: tuple[UmpanBalikDTO, ...]
    ) -> None:
        if self.skp is None or self.skp.id != skp_id:
            return
        current = self.periode.currentData()
        self.periode.clear()
        for periode in periods:
            self.periode.addItem(periode.label, periode.kode)
        today = self.state.ctx.today()
        choice = self.periode.findData(current) if current else -1
        if choice < 0:
            started = [i for i, p in enumerate(periods) if p.tanggal_mulai <= today]
            choice = started[-1] if started else 0
        self.periode.setCurrentIndex(choice)
        self.model.set_rows(rows)

    def _set_enabled(self) -> None:
        usable = self.skp is not None and self.skp.status is StatusSkp.DISETUJUI
        for widget in (self.periode, self.tentang, self.frasa, self.teks, self.kirim):
            widget.setEnabled(usable)
        if self.skp is None:
            self.info.setText(_("Pegawai ini belum memiliki SKP pada tahun terpilih."))
        elif not usable:
            self.info.setText(_("Umpan balik diberikan setelah SKP disetujui."))
        else:
            self.info.setText("")

    def _on_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if changes.umpan_balik and self.skp is not None:
            skp_id = self.skp.id
            self.state.read(
                lambda ctx: umpan_balik_service.list_umpan_balik(ctx, skp_id),
                lambda rows: (
                    self.model.set_rows(rows)
                    if self.skp is not None and self.skp.id == skp_id
                    else None
                ),
            )

    def pending(self) -> list[str]:
        """Typed feedback not yet saved."""
        text = self.teks.toPlainText().strip()
        return [_("Umpan balik: {teks}").format(teks=text[:60])] if text else []

    def discard_pending(self) -> None:
        """Forget the typed feedback."""
        self.teks.clear()

    def save_pending(self) -> None:
        """Save the typed feedback."""
        if self.teks.toPlainText().strip():
            self.send()

    def send(self) -> None:
        """Save the typed feedback for the chosen period and subject."""
        if self.skp is None or self._teks_skp_id not in (None, self.skp.id):
            return
        skp_id, periode = self.skp.id, self.periode.currentData()
        kind, target = self.tentang.currentData() or ("", None)
        teks = self.teks.toPlainText()

        def sent(_ub: UmpanBalikDTO) -> None:
            # Clear only what was sent: the user may have moved on and typed more meanwhile.
            if self.teks.toPlainText() == teks and self.skp is not None and self.skp.id == skp_id:
                self.teks.clear()

        self.state.write(
            lambda ctx: umpan_balik_service.beri_umpan_balik(
                ctx,
                skp_id=skp_id,
                periode_kode=periode or "",
                teks=teks,
                rhk_id=target if kind == "rhk" else None,
                nilai=NilaiBerakhlak(str(target)) if kind == "nilai" else None,
            ),
            sent,
        )
