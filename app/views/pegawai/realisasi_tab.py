"""The realisation grid: one row per indicator, one column per recording period.

Typed like a spreadsheet: arrow keys move, typing replaces a cell, Enter saves it, Delete clears
the selection, Ctrl+V pastes a block copied from Excel (tab-separated, Indonesian or English
numbers), Ctrl+Z / Ctrl+Y undo and redo. Every change is saved at once through the DB worker
(nothing typed waits for a Save button), and the capaian column is recomputed by the same
service that suggests the rating, so the percentage shown is the one the penilai will see.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, ValidationError
from app.i18n import _, format_number, format_percent, month_name
from app.scoring.types import StatusSkp
from app.services import evaluasi as evaluasi_service
from app.services import realisasi as realisasi_service
from app.services import tampilan
from app.services.dto import DerivasiDTO, IndikatorDTO, PeriodeDTO, RealisasiDTO, SkpDTO
from app.services.tampilan import PegawaiStatusDTO
from app.services.values import parse_decimal
from app.views.refcount import emit, keeps_none
from app.views.state import AppState

Index = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = 3  # indicator, target, capaian (kept left so it never scrolls away)
CAPAIAN_COLUMN = 2


def angka_text(value: Decimal | None) -> str:
    """A stored number as people type it here: ``1.234,5``, no needless zeros."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, min(places, 4))


def periode_header(periode: PeriodeDTO) -> str:
    """``Jan``..``Des`` for months, the period's own label otherwise."""
    if periode.kode.count("-") == 1 and periode.kode[-2:].isdigit():
        return month_name(periode.tanggal_mulai.month)[:3]
    return periode.label


@dataclass(frozen=True)
class Line:
    """One grid row: the indicator and the RHK it belongs to."""

    rhk_uraian: str
    indikator: IndikatorDTO


class RealisasiGridModel(QAbstractTableModel):
    """Indicators x periods, edited through undoable commands.

    Edits are *requested* (``edit_requested``), then applied by an undoable command, so undo
    covers typing and pasting alike.

    Signals:
        edit_requested: ``(row, column, value)`` where value is a ``Decimal`` or None.
    """

    edit_requested = Signal(int, int, object)
    input_rejected = Signal(object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []
        self.periods: list[PeriodeDTO] = []
        self.values: dict[tuple[str, str], RealisasiDTO] = {}
        self.capaian: dict[str, Decimal | None] = {}
        self.capaian_label = _("Capaian")
        self.editable = False

    def set_grid(
        self,
        lines: list[Line],
        periods: list[PeriodeDTO],
        values: tuple[RealisasiDTO, ...],
        editable: bool,
    ) -> None:
        """Replace the whole grid (another employee or a refresh)."""
        self.beginResetModel()
        self.lines, self.periods, self.editable = lines, periods, editable
        self.values = {(v.indikator_id, v.periode_kode): v for v in values}
        self.capaian = {}
        self.endResetModel()

    def set_capaian(self, derivasi: DerivasiDTO | None) -> None:
        """Fill the capaian column from a derivation (None clears it)."""
        self.capaian = {}
        if derivasi is not None:
            self.capaian_label = _("Capaian s.d. {periode}").format(periode=derivasi.periode_label)
            for rhk in derivasi.rhk:
                for ind in rhk.indikator:
                    self.capaian[ind.indikator_id] = ind.persen_terbatas
        emit(self.headerDataChanged, Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.lines:
            column = CAPAIAN_COLUMN
            emit(self.dataChanged, self.index(0, column), self.index(len(self.lines) - 1, column))

    # ------------------------------------------------------------------ cell access
    def key(self, row: int, column: int) -> tuple[str, str] | None:
        """``(indikator_id, periode_kode)`` of a period cell, else None."""
        period = column - FIXED_COLUMNS
        if 0 <= row < len(self.lines) and 0 <= period < len(self.periods):
            return self.lines[row].indikator.id, self.periods[period].kode
        return None

    def value(self, row: int, column: int) -> Decimal | None:
        """The stored value of a period cell."""
        key = self.key(row, column)
        stored = self.values.get(key) if key else None
        return stored.nilai if stored else None

    def is_editable(self, row: int, column: int) -> bool:
        """Period cells of an approved SKP in an open period."""
        period = column - FIXED_COLUMNS
        return (
            self.editable
            and self.key(row, column) is not None
            and not self.periods[period].terkunci
        )

    def apply(self, row: int, column: int, stored: RealisasiDTO) -> None:
        """Show a saved realisation."""
        key = self.key(row, column)
        if key is None:
            return
        self.values[key] = stored
        index = self.index(row, column)
        emit(self.dataChanged, index, index)

    def set_local(self, row: int, column: int, value: Decimal | None) -> None:
        """Show ``value`` at once (before the save returns), keeping the stored extras."""
        key = self.key(row, column)
        if key is None:
            return
        old = self.values.get(key)
        self.values[key] = RealisasiDTO(
            old.id if old else "",
            key[0],
            key[1],
            value,
            old.uraian if old else None,
            old.sumber_data if old else None,
            old.jumlah_bukti if old else 0,
        )
        index = self.index(row, column)
        emit(self.dataChanged, index, index)

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self.periods)

    @keeps_none
    def headerData(  # noqa: N802, PLR0911 - one return per header kind
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if section == 0:
                return _("Indikator")
            if section == 1:
                return _("Target")
            if section == CAPAIAN_COLUMN:
                return _("Capaian")
            if FIXED_COLUMNS <= section < FIXED_COLUMNS + len(self.periods):
                return periode_header(self.periods[section - FIXED_COLUMNS])
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section == CAPAIAN_COLUMN
        ):
            return self.capaian_label
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and FIXED_COLUMNS <= section < FIXED_COLUMNS + len(self.periods)
        ):
            periode = self.periods[section - FIXED_COLUMNS]
            locked = _(" (terkunci)") if periode.terkunci else ""
            return periode.label + locked
        return None

    @keeps_none
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        line = self.lines[row]
        last = CAPAIAN_COLUMN
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return line.indikator.uraian
            if column == 1:
                ind = line.indikator
                if ind.target_angka is None:
                    return ind.target_teks or "-"
                return f"{angka_text(ind.target_angka)} {ind.satuan or ''}".strip()
            if column == last:
                persen = self.capaian.get(line.indikator.id)
                return "-" if persen is None else format_percent(persen)
            return angka_text(self.value(row, column))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return _("RHK: {rhk}\nIndikator: {ind}").format(
                    rhk=line.rhk_uraian, ind=line.indikator.uraian
                )
            key = self.key(row, column)
            stored = self.values.get(key) if key else None
            if stored is not None and stored.jumlah_bukti:
                return _("{n} bukti dukung").format(n=stored.jumlah_bukti)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.is_editable(row, column):
                key = self.key(row, column)
                stored = self.values.get(key) if key else None
                if stored is not None and stored.jumlah_bukti:
                    return QColor("#e3f2e1")
                return None
            if column >= FIXED_COLUMNS:
                return QColor("#f1f1f1")
        if role == Qt.ItemDataRole.ForegroundRole and column == last:
            persen = self.capaian.get(line.indikator.id)
            if persen is not None and persen < 90:
                return QColor("#b00020")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index.row(), index.column()):
            return False
        try:
            number = parse_cell(value)
        except UserError as error:
            emit(self.input_rejected, error)
            return False
        if number == self.value(index.row(), index.column()):
            return False
        emit(self.edit_requested, index.row(), index.column(), number)
        return True


def parse_cell(text: Any) -> Decimal | None:
    """A typed or pasted cell as a realisation value (``UserError`` when it is not one)."""
    number = parse_decimal(text, _("realisasi"))
    if number is not None and number < 0:
        raise ValidationError(_("Realisasi tidak boleh negatif."), field="realisasi")
    return number


class SetCellCommand(QUndoCommand):
    """One cell change; undo writes the previous value back."""

    def __init__(
        self, tab: RealisasiTab, row: int, column: int, old: Decimal | None, new: Decimal | None
    ) -> None:
        super().__init__(_("Ubah realisasi"))
        self.tab, self.row, self.column, self.old, self.new = tab, row, column, old, new

    @keeps_none
    def redo(self) -> None:
        self.tab.save_cell(self.row, self.column, self.new)

    @keeps_none
    def undo(self) -> None:
        self.tab.save_cell(self.row, self.column, self.old)


class GridView(QTableView):
    """A table that understands Ctrl+V (paste a block) and Delete (clear the selection)."""

    paste_requested = Signal()
    clear_requested = Signal()

    @keeps_none
    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            emit(self.paste_requested)
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            emit(self.clear_requested)
            return
        super().keyPressEvent(event)


class RealisasiTab(QWidget):
    """Monthly (or quarterly) realisations of one employee's approved SKP."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pegawai: PegawaiStatusDTO | None = None
        self.skp: SkpDTO | None = None
        self.undo_stack = QUndoStack(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.info = QLabel()
        self.info.setWordWrap(True)
        top.addWidget(self.info, 1)
        top.addWidget(QLabel(_("Capaian s.d.")))
        self.until = QComboBox()
        self.until.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.until.setMinimumContentsLength(14)
        self.until.currentIndexChanged.connect(lambda _i: self.refresh_capaian())
        top.addWidget(self.until)
        layout.addLayout(top)

        self.model = RealisasiGridModel(self)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.model.input_rejected.connect(self._report)
        self.table = GridView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setMinimumSectionSize(44)
        self.table.paste_requested.connect(self.paste)
        self.table.clear_requested.connect(self.clear_selection)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.undo_button = QPushButton(_("Urungkan"))
        self.redo_button = QPushButton(_("Ulangi"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.file_button = QPushButton(_("Lampirkan berkas bukti..."))
        self.url_button = QPushButton(_("Tambah tautan bukti..."))
        self.file_button.clicked.connect(self.choose_file)
        self.url_button.clicked.connect(self.ask_url)
        for button in (self.undo_button, self.redo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.url_button)
        layout.addLayout(buttons)
        hint = QLabel(
            _(
                "Ketik angka langsung di sel (mis. 1.234,5), Enter menyimpan. Ctrl+V menempel "
                "dari Excel, Delete mengosongkan, Ctrl+Z/Ctrl+Y urungkan/ulangi. Sel hijau "
                "sudah berbukti dukung."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.undo_action = self.undo_stack.createUndoAction(self, _("Urungkan"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.redo_action = self.undo_stack.createRedoAction(self, _("Ulangi"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.state.changed.connect(self._on_changed)
        self._update_info()

    # ------------------------------------------------------------------ loading
    def load(self, pegawai: PegawaiStatusDTO | None, skp: SkpDTO | None) -> None:
        """Show the grid of ``skp`` (the SKP tab already read it)."""
        self.pegawai, self.skp = pegawai, skp
        self.undo_stack.clear()
        if skp is None:
            self.model.set_grid([], [], (), False)
            self.until.blockSignals(True)
            self.until.clear()
            self.until.blockSignals(False)
            self._update_info()
            return
        skp_id = skp.id

        def fetch(ctx):  # type: ignore[no-untyped-def]
            return (
                tampilan.periode_skp(ctx, skp_id),
                realisasi_service.list_realisasi(ctx, skp_id),
            )

        self.state.read(fetch, lambda pair: self._set_grid(skp, *pair))

    def _set_grid(
        self, skp: SkpDTO, periods: tuple[PeriodeDTO, ...], values: tuple[RealisasiDTO, ...]
    ) -> None:
        if self.skp is None or skp.id != self.skp.id:
            return  # another employee was chosen meanwhile
        lines = [Line(rhk.uraian, ind) for rhk in skp.rhk for ind in rhk.indikator]
        self.model.set_grid(lines, list(periods), values, skp.status is StatusSkp.DISETUJUI)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 210)
        header.resizeSection(1, 90)
        header.resizeSection(CAPAIAN_COLUMN, 72)
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            header.resizeSection(column, 46)
        filled = {v.periode_kode for v in values if v.nilai is not None}
        self.until.blockSignals(True)
        self.until.clear()
        last = 0
        for number, periode in enumerate(periods):
            self.until.addItem(periode.label, periode.kode)
            if periode.kode in filled:
                last = number
        self.until.setCurrentIndex(last)
        self.until.blockSignals(False)
        self._update_info()
        self.refresh_capaian()

    def _update_info(self) -> None:
        skp = self.skp
        if skp is None:
            self.info.setText(_("Pegawai ini belum memiliki SKP pada tahun terpilih."))
        elif skp.status is not StatusSkp.DISETUJUI:
            self.info.setText(
                _("SKP berstatus {status}; realisasi dicatat setelah SKP disetujui.").format(
                    status=skp.status.label
                )
            )
        else:
            self.info.setText(
                _("Realisasi {nama}, SKP {tahun}.").format(nama=skp.pegawai_nama, tahun=skp.tahun)
            )
        enabled = bool(skp and skp.status is StatusSkp.DISETUJUI)
        self.file_button.setEnabled(enabled)
        self.url_button.setEnabled(enabled)

    def refresh_capaian(self) -> None:
        """Recompute the capaian column for the chosen 's.d.' period."""
        kode = self.until.currentData()
        if self.skp is None or self.pegawai is None or self.pegawai.nip is None or not kode:
            self.model.set_capaian(None)
            return
        nip, skp_id = self.pegawai.nip, self.skp.id

        def done(result: DerivasiDTO) -> None:
            if self.skp is not None and self.skp.id == skp_id:
                self.model.set_capaian(result)

        self.state.read(
            lambda ctx: evaluasi_service.derivasi(ctx, nip=nip, periode_kode=kode), done
        )

    def _on_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if changes.evaluasi or changes.pengaturan:
            self.refresh_capaian()

    # ------------------------------------------------------------------ editing
    def _report(self, error: BaseException) -> None:
        if self.state.runner.error_handler is not None:
            self.state.runner.error_handler(error)

    def _on_edit_requested(self, row: int, column: int, value: Any) -> None:
        old = self.model.value(row, column)
        self.undo_stack.push(SetCellCommand(self, row, column, old, value))

    def save_cell(self, row: int, column: int, value: Decimal | None) -> None:
        """Show ``value`` and save it; a refusal puts the stored value back and says why."""
        key = self.model.key(row, column)
        if key is None:
            return
        previous = self.model.values.get(key)
        self.model.set_local(row, column, value)
        indikator_id, periode_kode = key
        uraian = previous.uraian if previous else None
        sumber = previous.sumber_data if previous else None

        def failed(error: BaseException) -> None:
            if previous is not None:
                self.model.apply(row, column, previous)
            else:
                self.model.set_local(row, column, None)
            self._report(error)

        self.state.write(
            lambda ctx: realisasi_service.catat_realisasi(
                ctx,
                indikator_id=indikator_id,
                periode_kode=periode_kode,
                nilai=value,
                uraian=uraian,
                sumber_data=sumber,
            ),
            lambda saved: self._saved(row, column, saved),
            on_failure=failed,
        )

    def _saved(self, row: int, column: int, saved: RealisasiDTO) -> None:
        self.model.apply(row, column, saved)
        self.refresh_capaian()

    def paste(self) -> None:
        """Paste a tab-separated block (copied from Excel) at the current cell, as one undo."""
        start = self.table.currentIndex()
        text = QGuiApplication.clipboard().text()
        if not start.isValid() or not text.strip():
            return
        try:
            changes = self.plan_paste(start.row(), start.column(), text)
        except UserError as error:
            self._report(error)
            return
        if not changes:
            return
        self.undo_stack.beginMacro(_("Tempel {n} sel").format(n=len(changes)))
        for row, column, value in changes:
            self.undo_stack.push(
                SetCellCommand(self, row, column, self.model.value(row, column), value)
            )
        self.undo_stack.endMacro()

    def plan_paste(self, row0: int, column0: int, text: str) -> list[tuple[int, int, Any]]:
        """The cell changes a pasted block makes; nothing is applied when one value is bad."""
        lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
        changes = []
        for dr, line in enumerate(lines):
            for dc, cell in enumerate(line.split("\t")):
                row, column = row0 + dr, column0 + dc
                if not self.model.is_editable(row, column):
                    continue
                try:
                    value = parse_cell(cell)
                except UserError as error:
                    raise ValidationError(
                        _("Baris {baris} kolom {kolom} yang ditempel: {pesan}").format(
                            baris=dr + 1, kolom=dc + 1, pesan=error.message
                        ),
                        field="realisasi",
                    ) from None
                if value != self.model.value(row, column):
                    changes.append((row, column, value))
        return changes

    def clear_selection(self) -> None:
        """Empty the selected cells (one undo step)."""
        cells = [
            (i.row(), i.column())
            for i in self.table.selectionModel().selectedIndexes()
            if self.model.is_editable(i.row(), i.column())
            and self.model.value(i.row(), i.column()) is not None
        ]
        if not cells:
            return
        self.undo_stack.beginMacro(_("Kosongkan {n} sel").format(n=len(cells)))
        for row, column in cells:
            self.undo_stack.push(
                SetCellCommand(self, row, column, self.model.value(row, column), None)
            )
        self.undo_stack.endMacro()

    # ------------------------------------------------------------------ evidence
    def _current_realisasi(self) -> RealisasiDTO | None:
        index = self.table.currentIndex()
        key = self.model.key(index.row(), index.column()) if index.isValid() else None
        stored = self.model.values.get(key) if key else None
        if stored is None or not stored.id:
            self._report(
                UserError(_("Pilih sel realisasi yang sudah berisi angka terlebih dahulu."))
            )
            return None
        return stored

    def choose_file(self) -> None:
        """Pick a file to attach to the selected realisation."""
        if self._current_realisasi() is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Pilih berkas bukti dukung"))
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path, nama: str | None = None) -> None:
        """Copy ``path`` into the evidence store and attach it to the selected realisation."""
        stored = self._current_realisasi()
        if stored is None:
            return
        realisasi_id, label = stored.id, nama or path.name
        self.state.write(
            lambda ctx: realisasi_service.tambah_bukti(
                ctx, realisasi_id=realisasi_id, nama=label, berkas=path
            ),
            lambda _b: self._reload_values(),
            label=_("Menyalin berkas bukti..."),
        )

    def ask_url(self) -> None:
        """Ask for a link to attach to the selected realisation."""
        if self._current_realisasi() is None:
            return
        url, ok = QInputDialog.getText(self, _("Tautan bukti dukung"), _("Alamat (https://...):"))
        if ok and url.strip():
            self.attach_url(url.strip())

    def attach_url(self, url: str, nama: str | None = None) -> None:
        """Attach a link as evidence of the selected realisation."""
        stored = self._current_realisasi()
        if stored is None:
            return
        realisasi_id, label = stored.id, nama or url
        self.state.write(
            lambda ctx: realisasi_service.tambah_bukti(
                ctx, realisasi_id=realisasi_id, nama=label, url=url
            ),
            lambda _b: self._reload_values(),
        )

    def _reload_values(self) -> None:
        if self.skp is None:
            return
        skp_id = self.skp.id

        def done(values: tuple[RealisasiDTO, ...]) -> None:
            if self.skp is not None and self.skp.id == skp_id:
                for value in values:
                    self.model.values[(value.indikator_id, value.periode_kode)] = value
                if self.model.lines:
                    emit(
                        self.model.dataChanged,
                        self.model.index(0, 0),
                        self.model.index(len(self.model.lines) - 1, self.model.columnCount() - 1),
                    )

        self.state.read(lambda ctx: realisasi_service.list_realisasi(ctx, skp_id), done)
