"""Read-only table models over service DTOs (Vorta's ``set_rows`` style).

Rows are plain frozen DTOs handed in by a screen; each model declares its columns once (header
and how to show a row). Large lists are exposed lazily: the view sees ``BATCH`` rows at first and
asks for more (``canFetchMore``/``fetchMore``) as the user scrolls, so 50,000 employees cost no
more to show than 500. Filtering and sorting happen in the model on the full list, not in a proxy
(a proxy would only ever see the rows fetched so far).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.i18n import _, format_date, format_number, format_percent
from app.scoring.types import Predikat, StatusEvaluasi, StatusSkp
from app.services.dto import UmpanBalikDTO
from app.services.tampilan import PegawaiStatusDTO, UnitRingkasanDTO
from app.views.refcount import keeps_none

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
BATCH = 500


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header, its display text and (optionally) a sort key."""

    header: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """A lazily fetched, filterable, sortable list of DTO rows."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[R] = []
        self._visible: list[R] = []
        self._loaded = 0
        self._predicate: Callable[[R], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # True while rows are being removed or inserted: listeners of those signals (views,
        # the model tester) must not trigger a nested fetch in the middle of the change.
        self._changing = False

    # ------------------------------------------------------------------ data in
    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (after a refresh), keeping the filter and the sort order."""
        self._all = list(rows)
        self._rebuild()

    def set_filter(self, predicate: Callable[[R], bool] | None) -> None:
        """Show only rows for which ``predicate`` is true (None shows all)."""
        self._predicate = predicate
        self._rebuild()

    def _rebuild(self) -> None:
        rows = [r for r in self._all if self._predicate(r)] if self._predicate else list(self._all)
        if self._sort is not None:
            column, order = self._sort
            key = self.columns[column].sort_key or self.columns[column].text
            rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        # Remove, then insert the first batch, rather than a model reset: views keep their
        # header state (sort indicator, column widths).
        self._changing = True
        try:
            if self._loaded:
                self.beginRemoveRows(QModelIndex(), 0, self._loaded - 1)
                self._visible, self._loaded = [], 0
                self.endRemoveRows()
            first = min(BATCH, len(rows))
            if first:
                self.beginInsertRows(QModelIndex(), 0, first - 1)
                self._visible, self._loaded = rows, first
                self.endInsertRows()
            else:
                self._visible = rows
        finally:
            self._changing = False

    # ------------------------------------------------------------------ queries
    def row_at(self, row: int) -> R:
        """The DTO shown on ``row``."""
        return self._visible[row]

    @property
    def total(self) -> int:
        """Rows matching the filter (loaded or not)."""
        return len(self._visible)

    @property
    def all_rows(self) -> list[R]:
        """Every row handed in, whatever the filter."""
        return self._all

    def find(self, predicate: Callable[[R], bool]) -> int:
        """Row number of the first matching row, fetching up to it; -1 when absent."""
        for number, row in enumerate(self._visible):
            if predicate(row):
                while number >= self._loaded:
                    self.fetchMore(QModelIndex())
                return number
        return -1

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._changing and self._loaded < len(self._visible)

    @keeps_none
    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = min(BATCH, len(self._visible) - self._loaded)
        if more <= 0 or self._changing:
            return
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
            self._loaded += more
            self.endInsertRows()
        finally:
            self._changing = False

    @keeps_none
    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    @keeps_none
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        column = self.columns[index.column()]
        row = self._visible[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(row).strip()  # shows what a narrow column cuts off
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, index.column())
        return None

    def foreground(self, row: R, column: int) -> QColor | None:
        """Colour of a cell's text (subclasses mark statuses); None for the default."""
        return None

    @keeps_none
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self._rebuild()


# ---------------------------------------------------------------------- staff list
def status_skp_text(status: StatusSkp | None) -> str:
    """``Disetujui`` or ``Belum ada`` when the employee has no SKP that year."""
    return status.label if status is not None else _("Belum ada")


def status_evaluasi_text(status: StatusEvaluasi | None) -> str:
    """``Final``, ``Draf`` or ``Belum dinilai``."""
    if status is None:
        return _("Belum dinilai")
    return _("Final") if status is StatusEvaluasi.FINAL else _("Draf")


def sinkron_text(state: str | None) -> str:
    """Badge text of a record's sync state (empty at BKD)."""
    labels = {
        "LOKAL": _("Lokal"),
        "TERKIRIM": _("Terkirim"),
        "DITERIMA": _("Diterima"),
        "KONFLIK": _("Konflik"),
    }
    return labels.get(state or "", "")


def predikat_text(predikat: Predikat | None) -> str:
    """Printed predikat or a dash."""
    return predikat.label if predikat is not None else "-"


class StaffTableModel(RowsTableModel[PegawaiStatusDTO]):
    """The staff list: NIP, name, jabatan, unit, SKP status, evaluation status, predikat."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[PegawaiStatusDTO](_("Nama"), lambda r: r.nama, lambda r: r.nama.lower()),
                Column[PegawaiStatusDTO](_("SKP"), lambda r: status_skp_text(r.status_skp)),
                Column[PegawaiStatusDTO](
                    _("Evaluasi"), lambda r: status_evaluasi_text(r.status_evaluasi)
                ),
                Column[PegawaiStatusDTO](
                    _("Predikat"),
                    lambda r: predikat_text(r.predikat),
                    lambda r: -1 if r.predikat is None else r.predikat.rank,
                ),
                Column[PegawaiStatusDTO](_("NIP"), lambda r: r.nip or "-"),
                Column[PegawaiStatusDTO](_("Jabatan"), lambda r: r.jabatan),
                Column[PegawaiStatusDTO](_("Unit"), lambda r: r.organisasi_nama),
                Column[PegawaiStatusDTO](_("Sinkron"), lambda r: sinkron_text(r.sinkron)),
            ],
            parent,
        )

    def foreground(self, row: PegawaiStatusDTO, column: int) -> QColor | None:
        if column == 7 and row.sinkron == "KONFLIK":
            return QColor("#b00020")
        if column == 1 and row.status_skp is StatusSkp.DITOLAK:
            return QColor("#b00020")
        if column == 2 and row.status_evaluasi is None:
            return QColor("#8a6d00")
        return None


# ---------------------------------------------------------------------- feedback history
def _umpan_balik_tentang(row: UmpanBalikDTO, rhk_names: dict[str, str]) -> str:
    if row.rhk_id is not None:
        return _("RHK: {uraian}").format(uraian=rhk_names.get(row.rhk_id, "?"))
    if row.nilai_berakhlak is not None:
        return _("Perilaku: {nilai}").format(nilai=row.nilai_berakhlak.label)
    return _("Umum")


class UmpanBalikTableModel(RowsTableModel[UmpanBalikDTO]):
    """The dated history of the dialog kinerja, newest first."""

    def __init__(self, parent: Any = None) -> None:
        self.rhk_names: dict[str, str] = {}
        super().__init__(
            [
                Column[UmpanBalikDTO](
                    _("Tanggal"),
                    lambda r: format_date(r.dibuat_pada.date()),
                    lambda r: r.dibuat_pada,
                ),
                Column[UmpanBalikDTO](_("Periode"), lambda r: r.periode_kode),
                Column[UmpanBalikDTO](
                    _("Tentang"), lambda r: _umpan_balik_tentang(r, self.rhk_names)
                ),
                Column[UmpanBalikDTO](_("Umpan balik"), lambda r: r.teks),
                Column[UmpanBalikDTO](_("Penulis"), lambda r: r.penulis),
            ],
            parent,
        )


# ---------------------------------------------------------------------- dashboard
def persen_text(value: Decimal | None) -> str:
    """``92,5%`` or a dash."""
    return "-" if value is None else format_percent(value)


def progress_persen(row: UnitRingkasanDTO) -> Decimal | None:
    """Share of the unit's staff already rated."""
    if not row.jumlah_pegawai:
        return None
    return Decimal(row.jumlah_dinilai * 100) / row.jumlah_pegawai


class UnitSummaryTableModel(RowsTableModel[UnitRingkasanDTO]):
    """Progress and capaian per unit, indented by depth in the organisation tree."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[UnitRingkasanDTO](_("Unit"), lambda r: "    " * r.kedalaman + r.nama),
                Column[UnitRingkasanDTO](
                    _("Pegawai"), lambda r: format_number(r.jumlah_pegawai), align_right=True
                ),
                Column[UnitRingkasanDTO](
                    _("Dinilai"), lambda r: format_number(r.jumlah_dinilai), align_right=True
                ),
                Column[UnitRingkasanDTO](
                    _("Final"), lambda r: format_number(r.jumlah_final), align_right=True
                ),
                Column[UnitRingkasanDTO](
                    _("Kemajuan"), lambda r: persen_text(progress_persen(r)), align_right=True
                ),
                Column[UnitRingkasanDTO](
                    _("Capaian"),
                    lambda r: persen_text(r.capaian_persen),
                    align_right=True,
                ),
                Column[UnitRingkasanDTO](
                    _("Kinerja org."),
                    lambda r: r.capaian_organisasi.label if r.capaian_organisasi else "-",
                ),
            ],
            parent,
        )


E = TypeVar("E", bound=StrEnum)


def enum_value(value: Any, kind: type[E]) -> E | None:
    """An enum back from Qt item data (Qt hands a ``StrEnum`` back as a plain ``str``)."""
    if value is None or value == "":
        return None
    return kind(value)
