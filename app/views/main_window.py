"""The main window of Capaian.

Organisation tree and staff list on the left, the employee's SKP, realisation, feedback and
evaluation tabs on the right; the dashboard and sync on their own pages;
a coloured banner whenever the practice database is open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_number
from app.scoring.types import JenisJabatan, StatusEvaluasi, StatusSkp
from app.services import organisasi as organisasi_service
from app.services import setup as setup_service
from app.services import tampilan
from app.services.dto import InstalasiDTO, OrganisasiDTO, PeriodeDTO, SkpDTO
from app.services.tampilan import PegawaiStatusDTO
from app.views.berkas import BerkasView
from app.views.dashboard import DashboardView
from app.views.pegawai.evaluasi_tab import EvaluasiTab
from app.views.pegawai.pegawai_dialog import PegawaiDialog
from app.views.pegawai.realisasi_tab import RealisasiTab
from app.views.pegawai.skp_tab import SkpTab
from app.views.pegawai.umpan_balik_tab import UmpanBalikTab
from app.views.refcount import keeps_none
from app.views.state import AppState
from app.views.table_models import StaffTableModel
from app.views.tur import TurPanel

ANY = "__semua__"
NO_VALUE = "__belum__"


class PracticeBanner(QFrame):
    """The orange strip that says the practice database is open, with the way out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceBanner")
        self.setStyleSheet(
            "#practiceBanner { background: #ef6c00; } #practiceBanner QLabel { color: white; "
            "font-weight: bold; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel(
            _(
                "MODE LATIHAN - data contoh Sabangau. Perubahan di sini tidak pernah menyentuh "
                "basis data kantor."
            )
        )
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.tour = QPushButton(_("&Tur penilai baru"))
        self.tour.setToolTip(
            _("Panduan langkah demi langkah: susun SKP, catat sebulan, umpan balik, evaluasi")
        )
        layout.addWidget(self.tour)
        self.leave = QPushButton(_("Keluar dari Mode Latihan"))
        layout.addWidget(self.leave)


class MainWindow(QMainWindow):
    """The one main window (ARCHITECTURE.md, GUI)."""

    def __init__(
        self,
        state: AppState,
        *,
        practice_action: Callable[[], None] | None = None,
        leave_practice_action: Callable[[], None] | None = None,
        sync_view: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.state = state
        self.setWindowTitle("Capaian")
        self.instalasi: InstalasiDTO | None = None
        self.units: tuple[OrganisasiDTO, ...] = ()
        self.periods: tuple[PeriodeDTO, ...] = ()
        self.current: PegawaiStatusDTO | None = None
        self._closing_confirmed = False
        self._reveal_nip: str | None = None  # select once the staff list has been read again
        self._reveal_periode: str | None = None  # the period to show once the year's are listed
        self._pending_box: QMessageBox | None = None

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = PracticeBanner()
        self.banner.setVisible(state.practice)
        if leave_practice_action is not None:
            self.banner.leave.clicked.connect(leave_practice_action)
        outer.addWidget(self.banner)

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        self.office_label = QLabel()
        self.office_label.setStyleSheet("font-weight: bold;")
        bar.addWidget(self.office_label, 1)
        bar.addWidget(QLabel(_("Tahun")))
        self.tahun = QComboBox()
        self.tahun.currentIndexChanged.connect(lambda _i: self._on_year_changed())
        bar.addWidget(self.tahun)
        bar.addWidget(QLabel(_("Periode")))
        self.periode = QComboBox()
        self.periode.setMinimumContentsLength(16)
        self.periode.currentIndexChanged.connect(lambda _i: self.refresh_staff())
        bar.addWidget(self.periode)
        self.practice_button = QPushButton(_("Mode &Latihan"))
        self.practice_button.setToolTip(_("Buka basis data contoh terpisah untuk berlatih"))
        if practice_action is not None:
            self.practice_button.clicked.connect(practice_action)
        self.practice_button.setVisible(not state.practice and practice_action is not None)
        bar.addWidget(self.practice_button)
        outer.addLayout(bar)

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        outer.addWidget(self.pages, 1)
        self.pages.addTab(self._build_staff_page(), _("Pegawai"))
        self.dashboard = DashboardView(state)
        self.pages.addTab(self.dashboard, _("Dasbor kantor"))
        self.berkas = BerkasView(state)
        self.pages.addTab(self.berkas, _("Excel dan cetak"))
        self.sync_view = sync_view
        if sync_view is not None:
            self.pages.addTab(sync_view, _("Sinkronisasi"))
        self.setCentralWidget(central)
        self.tur = TurPanel(state, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.tur)
        self.tur.hide()
        self.banner.tour.clicked.connect(self.start_tour)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_shortcuts()
        state.changed.connect(self._on_changed)
        state.about_to_switch.connect(self.save_pending)
        state.context_switched.connect(self._on_context_switched)
        state.runner.busy_changed.connect(
            lambda busy: self.statusBar().showMessage(_("Memproses...") if busy else "", 0)
        )
        self.resize(1366, 768)
        self._update_status()

    # ------------------------------------------------------------------ layout
    def _build_staff_page(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(lambda *_a: self.apply_filter())
        unit_split = QSplitter(Qt.Orientation.Vertical)
        unit_split.addWidget(self.tree)
        staff = QWidget()
        staff_layout = QVBoxLayout(staff)
        staff_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nama, NIP atau jabatan (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        staff_layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.filter_jabatan = QComboBox()
        self.filter_jabatan.addItem(_("Semua jabatan"), ANY)
        for jenis in JenisJabatan:
            self.filter_jabatan.addItem(jenis.value.title(), jenis)
        self.filter_skp = QComboBox()
        self.filter_skp.addItem(_("Semua status SKP"), ANY)
        self.filter_skp.addItem(_("SKP belum ada"), NO_VALUE)
        for status in StatusSkp:
            self.filter_skp.addItem(_("SKP {status}").format(status=status.label), status)
        self.filter_evaluasi = QComboBox()
        self.filter_evaluasi.addItem(_("Semua evaluasi"), ANY)
        self.filter_evaluasi.addItem(_("Belum dinilai"), NO_VALUE)
        self.filter_evaluasi.addItem(_("Draf"), StatusEvaluasi.DRAFT)
        self.filter_evaluasi.addItem(_("Final"), StatusEvaluasi.FINAL)
        for combo in (self.filter_jabatan, self.filter_skp, self.filter_evaluasi):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            filters.addWidget(combo)
        staff_layout.addLayout(filters)
        self.staff_model = StaffTableModel(self)
        self.staff_table = QTableView()
        self.staff_table.setModel(self.staff_model)
        self.staff_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.staff_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.staff_table.setSortingEnabled(True)
        self.staff_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.staff_table.verticalHeader().setVisible(False)
        self.staff_table.verticalHeader().setDefaultSectionSize(22)
        self.staff_table.setWordWrap(False)
        header = self.staff_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((175, 74, 86, 132, 160, 200, 200)):
            header.resizeSection(column, width)
        self.staff_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_staff_selected(current.row())
        )
        staff_layout.addWidget(self.staff_table, 1)
        below = QHBoxLayout()
        self.count_label = QLabel()
        below.addWidget(self.count_label, 1)
        self.add_staff_button = QPushButton(_("Tambah pegawai..."))
        self.add_staff_button.clicked.connect(self.open_pegawai_dialog)
        below.addWidget(self.add_staff_button)
        staff_layout.addLayout(below)
        unit_split.addWidget(staff)
        unit_split.setSizes([170, 520])
        left_layout.addWidget(unit_split)
        splitter.addWidget(left)

        self.tabs = QTabWidget()
        self.skp_tab = SkpTab(self.state)
        self.realisasi_tab = RealisasiTab(self.state)
        self.umpan_balik_tab = UmpanBalikTab(self.state)
        self.evaluasi_tab = EvaluasiTab(self.state)
        self.tabs.addTab(self.skp_tab, _("SKP"))
        self.tabs.addTab(self.realisasi_tab, _("Realisasi"))
        self.tabs.addTab(self.umpan_balik_tab, _("Umpan balik"))
        self.tabs.addTab(self.evaluasi_tab, _("Evaluasi"))
        self.skp_tab.skp_loaded.connect(self._on_skp_loaded)
        self.skp_tab.skp_about_to_change.connect(self.save_pending)
        splitter.addWidget(self.tabs)
        splitter.setSizes([490, 876])
        splitter.setStretchFactor(1, 1)
        return splitter

    def _build_shortcuts(self) -> None:
        def action(
            text: str, keys: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], None]
        ) -> QAction:
            item = QAction(text, self)
            item.setShortcut(QKeySequence(keys))
            item.triggered.connect(slot)
            self.addAction(item)
            return item

        action(_("Cari pegawai"), QKeySequence.StandardKey.Find, self._focus_search)
        action(_("Muat ulang"), QKeySequence.StandardKey.Refresh, self.reload)
        action(_("Muat ulang"), "F5", self.reload)
        for number, name in enumerate((_("SKP"), _("Realisasi"), _("Umpan balik"), _("Evaluasi"))):
            action(name, f"Alt+{number + 1}", partial(self._show_tab, number))
        action(_("Dasbor kantor"), "Ctrl+D", lambda: self.pages.setCurrentWidget(self.dashboard))
        action(_("Simpan yang belum tersimpan"), QKeySequence.StandardKey.Save, self.save_pending)

    def start_tour(self) -> None:
        """Open the practice tour (only the practice database has a trainee to assess)."""
        if self.state.practice:
            self.tur.start()

    def _focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def _show_tab(self, number: int) -> None:
        self.pages.setCurrentIndex(0)
        self.tabs.setCurrentIndex(number)

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        """Read office, units, years and staff again."""

        def fetch(ctx):  # type: ignore[no-untyped-def]
            return (
                setup_service.get_installation(ctx),
                organisasi_service.list_organisasi(ctx),
                setup_service.list_periods(ctx),
            )

        self.state.read(fetch, lambda triple: self._set_reference(*triple), label=_("Memuat..."))

    def _set_reference(
        self,
        instalasi: InstalasiDTO,
        units: tuple[OrganisasiDTO, ...],
        periods: tuple[PeriodeDTO, ...],
    ) -> None:
        self.instalasi, self.units, self.periods = instalasi, units, periods
        peran = _("BKD") if instalasi.peran == "bkd" else _("Dinas")
        self.office_label.setText(f"{instalasi.kode_kantor} - {instalasi.nama_kantor} ({peran})")
        self.setWindowTitle(
            _("Capaian - {kantor}").format(kantor=instalasi.nama_kantor)
            + (_(" [MODE LATIHAN]") if self.state.practice else "")
        )
        self._fill_tree()
        years = sorted({p.tahun for p in periods})
        current = self.tahun.currentData()
        self.tahun.blockSignals(True)
        self.tahun.clear()
        for year in years:
            self.tahun.addItem(str(year), year)
        if current in years:
            self.tahun.setCurrentIndex(years.index(current))
        elif years:
            today = self.state.ctx.today().year
            self.tahun.setCurrentIndex(years.index(today) if today in years else len(years) - 1)
        self.tahun.blockSignals(False)
        self._on_year_changed(keep_period=True)
        self._update_status()

    def _fill_tree(self) -> None:
        selected = self.selected_unit()
        self.tree.blockSignals(True)
        self.tree.clear()
        root = QTreeWidgetItem([_("Semua unit")])
        root.setData(0, Qt.ItemDataRole.UserRole, None)
        self.tree.addTopLevelItem(root)
        items: dict[str, QTreeWidgetItem] = {}
        for unit in self.units:
            parent = items.get(unit.induk_id or "", root)
            item = QTreeWidgetItem(parent, [unit.nama])
            item.setToolTip(0, f"{unit.kode} - {unit.nama}")
            item.setData(0, Qt.ItemDataRole.UserRole, unit.kode)
            items[unit.id] = item
        self.tree.expandToDepth(2)
        target = next(
            (i for i in items.values() if i.data(0, Qt.ItemDataRole.UserRole) == selected),
            root,
        )
        self.tree.setCurrentItem(target)
        self.tree.blockSignals(False)

    def _on_year_changed(self, *, keep_period: bool = False) -> None:
        year = self.tahun.currentData()
        current = self.periode.currentData() if keep_period else None
        wanted, self._reveal_periode = self._reveal_periode, None
        current = wanted or current
        periods = tuple(p for p in self.periods if p.tahun == year)
        self.periode.blockSignals(True)
        self.periode.clear()
        for periode in periods:
            self.periode.addItem(periode.label, periode.kode)
        index = self.periode.findData(current) if current else -1
        if index < 0:
            today = self.state.ctx.today()
            ended = [i for i, p in enumerate(periods) if p.tanggal_selesai < today]
            index = ended[-1] if ended else 0
        self.periode.setCurrentIndex(index)
        self.periode.blockSignals(False)
        self.dashboard.set_periods(periods, self.periode.currentData())
        self.refresh_staff()

    def refresh_staff(self) -> None:
        """Read the staff list with the statuses of the chosen year and period."""
        year = self.tahun.currentData()
        if year is None:
            self.staff_model.set_rows([])
            self._update_count()
            return
        kode = self.periode.currentData()
        self.state.read(
            lambda ctx: tampilan.daftar_pegawai_status(ctx, tahun=year, periode_kode=kode),
            self._set_staff,
        )

    def _set_staff(self, rows: tuple[PegawaiStatusDTO, ...]) -> None:
        keep = self.current.id if self.current else None
        self.staff_model.set_rows(rows)
        self._update_count()
        reveal, self._reveal_nip = self._reveal_nip, None  # one try: the write is committed
        if reveal is not None and self.select_nip(reveal):
            return
        if keep is not None:
            row = self.staff_model.find(lambda r: r.id == keep)
            if row >= 0:
                fresh = self.staff_model.row_at(row)
                self.staff_table.selectionModel().blockSignals(True)
                self.staff_table.selectRow(row)
                self.staff_table.selectionModel().blockSignals(False)
                if (
                    self.current is None
                    or fresh.skp_id != self.current.skp_id
                    or self.skp_tab.tahun != self.tahun.currentData()
                ):
                    self._select(fresh)  # another SKP, or another year without one
                else:
                    self.current = fresh
            else:
                self._select(None)

    # ------------------------------------------------------------------ filtering
    def selected_unit(self) -> str | None:
        """Kode of the unit chosen in the tree (None: all units)."""
        item = self.tree.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _subtree(self, kode: str) -> set[str]:
        by_kode = {u.kode: u for u in self.units}
        root = by_kode.get(kode)
        if root is None:
            return set()
        children: dict[str | None, list[OrganisasiDTO]] = {}
        for unit in self.units:
            children.setdefault(unit.induk_id, []).append(unit)
        result, stack = set(), [root]
        while stack:
            unit = stack.pop()
            result.add(unit.kode)
            stack.extend(children.get(unit.id, []))
        return result

    def apply_filter(self) -> None:
        """Filter the staff list by unit (with sub-units), text, jabatan and statuses."""
        unit = self.selected_unit()
        kodes = self._subtree(unit) if unit else None
        words = self.search.text().casefold().split()
        # Qt gives enum item data back as plain strings; compare by value.
        jabatan = self.filter_jabatan.currentData()
        skp = self.filter_skp.currentData()
        evaluasi = self.filter_evaluasi.currentData()

        def keep(row: PegawaiStatusDTO) -> bool:
            if kodes is not None and row.organisasi_kode not in kodes:
                return False
            if jabatan not in (ANY, row.jenis_jabatan):
                return False
            if skp != ANY and row.status_skp != (None if skp == NO_VALUE else skp):
                return False
            if evaluasi != ANY and row.status_evaluasi != (
                None if evaluasi == NO_VALUE else evaluasi
            ):
                return False
            if words:
                haystack = f"{row.nama} {row.nip or ''} {row.jabatan}".casefold()
                return all(w in haystack for w in words)
            return True

        everything = kodes is None and not words and ANY == jabatan == skp == evaluasi
        self.staff_model.set_filter(None if everything else keep)
        self._update_count()
        if self.current is not None:
            row = self.staff_model.find(lambda r: r.id == self.current.id)  # type: ignore[union-attr]
            if row >= 0:
                self.staff_table.selectionModel().blockSignals(True)
                self.staff_table.selectRow(row)
                self.staff_table.selectionModel().blockSignals(False)

    def _update_count(self) -> None:
        self.count_label.setText(
            _("{n} pegawai ditampilkan dari {total}").format(
                n=format_number(self.staff_model.total),
                total=format_number(len(self.staff_model.all_rows)),
            )
        )

    # ------------------------------------------------------------------ employee
    def open_pegawai_dialog(self) -> PegawaiDialog:
        """The form to add one employee (in the unit chosen in the tree)."""
        dialog = PegawaiDialog(
            self.state,
            self.units,
            list(self.staff_model.all_rows),
            self,
            unit_kode=self.selected_unit(),
        )
        dialog.open()
        return dialog

    def _on_staff_selected(self, row: int) -> None:
        if 0 <= row < self.staff_model.rowCount():
            self._select(self.staff_model.row_at(row))

    def select_nip(self, nip: str) -> bool:
        """Select the employee with ``nip`` in the list (clears filters that hide them)."""
        row = self.staff_model.find(lambda r: r.nip == nip)
        if row < 0:
            self.search.clear()
            top = self.tree.topLevelItem(0)
            if top is not None:
                self.tree.setCurrentItem(top)
            for combo in (self.filter_jabatan, self.filter_skp, self.filter_evaluasi):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)  # "Semua ...": a status filter hides a new employee
                combo.blockSignals(False)
            self.apply_filter()
            row = self.staff_model.find(lambda r: r.nip == nip)
        if row < 0:
            return False
        self.staff_table.selectRow(row)
        return True

    def reveal(self, nip: str, tahun: int, periode_kode: str | None = None) -> None:
        """Show ``nip`` on the staff page in ``tahun`` and ``periode_kode``, even if just added.

        The staff list is read again first (a just-registered employee is not in it yet), then
        the employee is selected as if clicked; the list's statuses are those of the period.
        """
        self.pages.setCurrentIndex(0)
        index = self.tahun.findData(tahun)
        if index >= 0 and index != self.tahun.currentIndex():
            self._reveal_nip, self._reveal_periode = nip, periode_kode
            self.tahun.setCurrentIndex(index)  # lists the year's periods, reads its staff
            return
        target = self.periode.findData(periode_kode) if periode_kode else -1
        if target >= 0 and target != self.periode.currentIndex():
            self._reveal_nip = nip
            self.periode.setCurrentIndex(target)  # reads the staff with that period's statuses
        elif self.current is None or self.current.nip != nip:
            self._reveal_nip = nip
            self.refresh_staff()

    def _select(self, pegawai: PegawaiStatusDTO | None) -> None:
        if self.current is not None and (
            pegawai is None
            or pegawai.id != self.current.id
            or pegawai.skp_id != self.current.skp_id
        ):
            # Autosave typed data before showing someone else or another SKP (another year).
            self.save_pending()
        self.current = pegawai
        self.skp_tab.load(pegawai, self.tahun.currentData() or date.today().year)

    def _on_skp_loaded(self, skp: SkpDTO | None) -> None:
        self.realisasi_tab.load(self.current, skp)
        self.umpan_balik_tab.load(self.current, skp)
        previous = self.evaluasi_tab.periode.currentData()
        self.evaluasi_tab.load(self.current, skp)
        if previous is None and self.periode.currentData():
            self.evaluasi_tab.select_period(self.periode.currentData())

    def _on_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if changes.organisasi or changes.periode or changes.pengaturan:
            self.reload()
        elif changes.pegawai or changes.skp or changes.evaluasi:
            self.refresh_staff()

    def _on_context_switched(self) -> None:
        self.banner.setVisible(self.state.practice)
        self.practice_button.setVisible(not self.state.practice)
        self.current = None
        # Forget everything read from the other database before anything refreshes.
        self.periods = ()
        for combo in (self.tahun, self.periode):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.dashboard.set_periods((), None)
        self.staff_model.set_rows([])
        self.skp_tab.load(None, 0)
        self._update_status()

    def _update_status(self) -> None:
        self.status_label.setText(_("Basis data: {db}").format(db=self.state.ctx.db.display_name))

    # ------------------------------------------------------------------ unsaved data
    def _tabs_with_pending(self) -> list[SkpTab | UmpanBalikTab | EvaluasiTab]:
        return [
            tab for tab in (self.skp_tab, self.umpan_balik_tab, self.evaluasi_tab) if tab.pending()
        ]

    def pending(self) -> list[str]:
        """Descriptions of everything typed and not yet saved."""
        return [line for tab in self._tabs_with_pending() for line in tab.pending()]

    def save_pending(self) -> None:
        """Save everything typed and not yet saved (Ctrl+S, and before switching employee)."""
        for tab in self._tabs_with_pending():
            tab.save_pending()

    @keeps_none
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        pending = self.pending()
        if pending and not self._closing_confirmed:
            event.ignore()
            self._ask_about_pending(pending)
            return
        event.accept()

    def _ask_about_pending(self, pending: list[str]) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Ada data yang belum disimpan"))
        box.setText(_("Data berikut belum disimpan:") + "\n- " + "\n- ".join(pending))
        save = box.addButton(_("Simpan lalu tutup"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Buang lalu tutup"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        save.setObjectName("simpan")
        discard.setObjectName("buang")
        save.clicked.connect(self._save_then_close)
        discard.clicked.connect(self._discard_then_close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._pending_box = box
        return box

    def _save_then_close(self) -> None:
        self.save_pending()
        self._closing_confirmed = True
        # The saves run on the DB worker, queued before the window goes; close after them.
        self.state.read(lambda _ctx: None, lambda _x: self._close_now())

    def _close_now(self) -> None:
        self.close()

    def _discard_then_close(self) -> None:
        for tab in self._tabs_with_pending():
            tab.discard_pending()
        self._closing_confirmed = True
        self.close()
