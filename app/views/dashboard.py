"""The office dashboard: progress, capaian and the predikat distribution per unit.

Evaluation progress and capaian per unit for a period, and the predikat distribution of the
selected unit against the pattern its capaian organisasi allows
(warnings only, never blocking, domain.md §3.6).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_percent
from app.scoring.distribution import DistribusiResult
from app.scoring.types import CapaianOrganisasi, Predikat
from app.services import evaluasi as evaluasi_service
from app.services import tampilan
from app.services.dto import PeriodeDTO
from app.services.tampilan import UnitRingkasanDTO
from app.views.chart import Bar, BarChart
from app.views.dialogs import show_info
from app.views.pegawai.evaluasi_tab import PREDIKAT_COLOURS
from app.views.state import AppState
from app.views.table_models import UnitSummaryTableModel


class DashboardView(QWidget):
    """Per-unit progress table, distribution chart with warnings, capaian per sub-unit."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rows: tuple[UnitRingkasanDTO, ...] = ()
        self.distribusi: DistribusiResult | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Periode")))
        self.periode = QComboBox()
        self.periode.setMinimumContentsLength(18)
        self.periode.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.periode)
        top.addStretch(1)
        top.addWidget(QLabel(_("Capaian organisasi unit terpilih")))
        self.capaian_org = QComboBox()
        for value in CapaianOrganisasi:
            self.capaian_org.addItem(value.label, value)
        top.addWidget(self.capaian_org)
        self.set_capaian_button = QPushButton(_("Tetapkan"))
        self.set_capaian_button.clicked.connect(self.set_capaian_organisasi)
        top.addWidget(self.set_capaian_button)
        self.export_button = QPushButton(_("Ekspor grafik PNG..."))
        self.export_button.clicked.connect(self.choose_export)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = UnitSummaryTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((205, 58, 54, 44, 72, 68, 92)):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.refresh_unit())
        splitter.addWidget(self.table)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.chart = BarChart()
        distribution_help = _(
            "Kurva distribusi predikat di unit ini untuk periode terpilih, dibanding pola yang "
            "dibolehkan oleh capaian kinerja organisasi (mis. capaian Baik: sebagian besar, "
            "paling banyak 70%, Baik, dan harus ada yang Butuh Perbaikan atau Kurang). "
            "Penyimpangan tampil sebagai peringatan di bawahnya; tidak memblokir penilaian. Unit "
            "dengan kurang dari 5 pegawai tidak dapat memenuhi persentase."
        )
        self.chart.setToolTip(distribution_help)
        self.chart.setWhatsThis(distribution_help)
        right_layout.addWidget(self.chart, 3)
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        right_layout.addWidget(self.warnings, 2)
        self.capaian_chart = BarChart()
        right_layout.addWidget(self.capaian_chart, 2)
        splitter.addWidget(right)
        splitter.setSizes([600, 760])
        layout.addWidget(splitter, 1)
        self.state.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ data
    def set_periods(self, periods: tuple[PeriodeDTO, ...], current: str | None) -> None:
        """Fill the period choice (the main window passes the periods of its year)."""
        self.periode.blockSignals(True)
        self.periode.clear()
        for periode in periods:
            self.periode.addItem(periode.label, periode.kode)
        index = self.periode.findData(current) if current else -1
        self.periode.setCurrentIndex(max(0, index))
        self.periode.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Read the per-unit summary of the chosen period."""
        kode = self.periode.currentData()
        if not kode:
            self.model.set_rows([])
            return
        self.state.read(
            lambda ctx: tampilan.ringkasan_unit(ctx, periode_kode=kode),
            lambda rows: self._set_rows(kode, rows),
        )

    def _set_rows(self, kode: str, rows: tuple[UnitRingkasanDTO, ...]) -> None:
        if kode != self.periode.currentData():
            return
        selected = self.selected_unit()
        self.rows = rows
        self.model.set_rows(rows)
        keep = selected.kode if selected else None
        # Default: the office itself (the first unit below the pemda).
        target = self.model.find(lambda r: r.kode == keep) if keep else -1
        if target < 0:
            target = self.model.find(lambda r: r.kedalaman == 1)
        if target < 0 and rows:
            target = 0
        if target >= 0:
            self.table.selectRow(target)
        self.refresh_unit()

    def selected_unit(self) -> UnitRingkasanDTO | None:
        """The unit of the selected row."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def refresh_unit(self) -> None:
        """Read the distribution of the selected unit and redraw the charts."""
        unit, kode = self.selected_unit(), self.periode.currentData()
        if unit is None or not kode:
            return
        if unit.capaian_organisasi is not None:
            self.capaian_org.setCurrentIndex(self.capaian_org.findData(unit.capaian_organisasi))
        self.state.read(
            lambda ctx: evaluasi_service.distribusi(
                ctx, organisasi_kode=unit.kode, periode_kode=kode
            ),
            lambda result: self._show_distribution(unit, result),
        )

    def _show_distribution(self, unit: UnitRingkasanDTO, result: DistribusiResult) -> None:
        self.distribusi = result
        bars = [
            Bar(
                p.curve_label,
                float(result.persen[p]),
                f"{result.jumlah[p]} ({format_percent(result.persen[p], 1)})",
                PREDIKAT_COLOURS[p],
            )
            for p in Predikat.ordered()
        ]
        capaian = result.capaian.label if result.capaian else _("belum ditetapkan")
        self.chart.set_data(
            _("Distribusi predikat {unit} - {periode}").format(
                unit=unit.nama, periode=self.periode.currentText()
            ),
            bars,
            caption=_("{n} pegawai dinilai; capaian organisasi: {capaian}.").format(
                n=result.total, capaian=capaian
            ),
            maximum=100.0,
            curve=True,
        )
        self.warnings.clear()
        if not result.peringatan:
            item = QListWidgetItem(_("Sebaran predikat sesuai pola yang diharapkan."))
            item.setForeground(Qt.GlobalColor.darkGreen)
            self.warnings.addItem(item)
        for finding in result.peringatan:
            item = QListWidgetItem(finding.pesan)
            if finding.tingkat == "PERINGATAN":
                item.setForeground(Qt.GlobalColor.darkRed)
            self.warnings.addItem(item)
        for line in result.explanation:
            item = QListWidgetItem(line)
            item.setForeground(Qt.GlobalColor.darkGray)
            self.warnings.addItem(item)
        children = [r for r in self.rows if r.induk_kode == unit.kode]
        self.capaian_chart.set_data(
            _("Capaian rata-rata dan kemajuan penilaian per sub-unit {unit}").format(
                unit=unit.nama
            ),
            [
                Bar(
                    r.nama,
                    float(r.capaian_persen or Decimal(0)),
                    "{c} | {d}/{n}".format(
                        c=format_percent(r.capaian_persen, 0) if r.capaian_persen else "-",
                        d=r.jumlah_dinilai,
                        n=r.jumlah_pegawai,
                    ),
                )
                for r in children[:12]
            ],
            caption=_("Angka di atas batang: capaian rata-rata | pegawai dinilai/jumlah."),
            maximum=120.0,
        )

    def _on_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if changes.evaluasi or changes.pegawai or changes.organisasi or changes.skp:
            self.refresh()

    # ------------------------------------------------------------------ actions
    def set_capaian_organisasi(self) -> None:
        """Record the unit's capaian kinerja organisasi for the period."""
        unit, kode = self.selected_unit(), self.periode.currentData()
        if unit is None or not kode:
            return
        nilai = CapaianOrganisasi(self.capaian_org.currentData())
        self.state.write(
            lambda ctx: evaluasi_service.tetapkan_capaian_organisasi(
                ctx, organisasi_kode=unit.kode, periode_kode=kode, nilai=nilai
            )
        )

    def choose_export(self) -> None:
        """Ask where to save the distribution chart."""
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan grafik"), "distribusi-predikat.png", _("Gambar PNG (*.png)")
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        """Save the distribution chart as PNG."""
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        self.chart.export_png(path)
        show_info(self, _("Grafik disimpan"), _("Grafik disimpan di {path}.").format(path=path))
