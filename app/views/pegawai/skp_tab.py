"""The SKP tab: plan and approve one employee's SKP.

RHK with their indicators, the cascading choice of the superior's RHK, BerAKHLAK expectations,
lampiran, and the workflow buttons (ajukan, setujui, tolak).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, format_number
from app.scoring.periode import CaraAgregasi, agregasi_bawaan
from app.scoring.types import Aspek, JenisLampiran, JenisRhk, NilaiBerakhlak, Perspektif, StatusSkp
from app.services import skp as skp_service
from app.services.dto import RhkDTO, SkpDTO
from app.services.tampilan import PegawaiStatusDTO
from app.views.dialogs import TextPromptDialog
from app.views.refcount import emit
from app.views.state import AppState


class SkpTab(QWidget):
    """Plan and approve one employee's SKP of the selected year.

    Signals:
        skp_loaded: the SKP shown (None when the employee has none that year).
        skp_about_to_change: the user chose another SKP of the year; the tabs still show the
            old one, so what was typed for it is saved now.
    """

    skp_loaded = Signal(object)
    skp_about_to_change = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pegawai: PegawaiStatusDTO | None = None
        self.tahun = 0
        self.skp: SkpDTO | None = None
        self.options: tuple[RhkDTO, ...] = ()
        self.all_skp: tuple[SkpDTO, ...] = ()  # every SKP of the employee in the year
        self._chosen_id: str | None = None  # the SKP picked in the chooser, if any
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        # The title gets the whole width (names with academic titles run long); the workflow
        # buttons sit on the row below it.
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        header = QHBoxLayout()
        # Several SKPs in one year (a Plt beside the regular one, or a mid-year mutasi).
        self.pilih_skp = QComboBox()
        self.pilih_skp.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pilih_skp.setToolTip(_("Pegawai ini memiliki lebih dari satu SKP pada tahun ini"))
        self.pilih_skp.activated.connect(self._on_skp_chosen)
        self.pilih_skp.setVisible(False)
        header.addWidget(self.pilih_skp)
        header.addStretch(1)
        self.create_button = QPushButton(_("Buat SKP"))
        self.ajukan_button = QPushButton(_("&Ajukan"))
        self.setujui_button = QPushButton(_("Se&tujui"))
        self.tolak_button = QPushButton(_("T&olak..."))
        for button in (
            self.create_button,
            self.ajukan_button,
            self.setujui_button,
            self.tolak_button,
        ):
            header.addWidget(button)
        layout.addLayout(header)
        self.create_button.clicked.connect(self.create_skp)
        self.ajukan_button.clicked.connect(self.ajukan)
        self.setujui_button.clicked.connect(self.setujui)
        self.tolak_button.clicked.connect(self.ask_tolak)

        self.sections = QTabWidget()
        layout.addWidget(self.sections, 1)
        self.sections.addTab(self._build_rhk_page(), _("Rencana Hasil Kerja"))
        self.sections.addTab(self._build_perilaku_page(), _("Perilaku (BerAKHLAK)"))
        self.sections.addTab(self._build_lampiran_page(), _("Lampiran"))
        self.state.changed.connect(self._on_changed)
        self._show()

    # ------------------------------------------------------------------ pages
    def _build_rhk_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [_("RHK / indikator"), _("Aspek"), _("Target"), _("Satuan"), _("Mengintervensi RHK")]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        head = self.tree.header()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setStretchLastSection(False)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(1, 110)
        head.resizeSection(2, 80)
        head.resizeSection(3, 70)
        head.resizeSection(4, 220)
        layout.addWidget(self.tree, 1)

        self.forms = QWidget()
        forms = QHBoxLayout(self.forms)
        forms.setContentsMargins(0, 0, 0, 0)
        rhk_box = QGroupBox(_("Tambah RHK"))
        rhk_form = QFormLayout(rhk_box)
        self.rhk_uraian = QLineEdit()
        self.rhk_uraian.setPlaceholderText(_("Uraian rencana hasil kerja"))
        self.rhk_jenis = QComboBox()
        self.rhk_jenis.addItem(_("Utama"), JenisRhk.UTAMA)
        self.rhk_jenis.addItem(_("Tambahan"), JenisRhk.TAMBAHAN)
        self.rhk_atasan = QComboBox()
        self.rhk_atasan.setMinimumContentsLength(20)
        self.rhk_atasan.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_rhk_button = QPushButton(_("Tambah RHK"))
        rhk_form.addRow(_("Uraian"), self.rhk_uraian)
        rhk_form.addRow(_("Jenis"), self.rhk_jenis)
        rhk_form.addRow(_("RHK atasan"), self.rhk_atasan)
        rhk_form.addRow(self.add_rhk_button)
        self.add_rhk_button.clicked.connect(self.add_rhk)
        self.rhk_uraian.returnPressed.connect(self.add_rhk)
        forms.addWidget(rhk_box, 1)

        ind_box = QGroupBox(_("Tambah indikator pada RHK terpilih"))
        ind_form = QFormLayout(ind_box)
        self.ind_uraian = QLineEdit()
        self.ind_uraian.setPlaceholderText(_("Uraian indikator kinerja individu"))
        self.ind_aspek = QComboBox()
        self.ind_target = QLineEdit()
        self.ind_target.setPlaceholderText("1.234,5")
        self.ind_satuan = QLineEdit()
        self.ind_satuan.textEdited.connect(self._suggest_agregasi)
        # How monthly values add up to the year: a percentage summed over months (and compared
        # with a prorated target) gives nonsense, so "%" proposes the average.
        self.ind_agregasi = QComboBox()
        for cara, label in (
            (CaraAgregasi.JUMLAH, _("Dijumlahkan (dokumen, pasien, kegiatan)")),
            (CaraAgregasi.RATA_RATA, _("Dirata-rata (persentase atau tingkat per periode)")),
            (CaraAgregasi.TERAKHIR, _("Angka terakhir (kumulatif sampai periode itu)")),
        ):
            self.ind_agregasi.addItem(label, cara)
        self.ind_agregasi.setToolTip(
            _(
                "Cara realisasi tiap periode digabung untuk capaian tahunan. Dijumlahkan: target "
                "tahunan dibagi rata menurut periode yang telah berjalan. Dirata-rata: untuk "
                "persentase yang diukur tiap periode. Angka terakhir: untuk angka kumulatif."
            )
        )
        self._agregasi_chosen = False  # the user picked one: typing a satuan no longer changes it
        self.ind_agregasi.activated.connect(lambda _i: setattr(self, "_agregasi_chosen", True))
        target_row = QHBoxLayout()
        target_row.addWidget(self.ind_target)
        target_row.addWidget(QLabel(_("Satuan")))
        target_row.addWidget(self.ind_satuan)
        self.add_ind_button = QPushButton(_("Tambah indikator"))
        ind_form.addRow(_("Uraian"), self.ind_uraian)
        ind_form.addRow(_("Aspek"), self.ind_aspek)
        ind_form.addRow(_("Target"), target_row)
        ind_form.addRow(_("Rekap antarperiode"), self.ind_agregasi)
        ind_form.addRow(self.add_ind_button)
        self.add_ind_button.clicked.connect(self.add_indikator)
        forms.addWidget(ind_box, 1)
        layout.addWidget(self.forms)
        return page

    def _build_perilaku_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(_("Ekspektasi khusus pimpinan per nilai BerAKHLAK (klik dua kali untuk ubah):"))
        )
        self.perilaku = QTableWidget(len(NilaiBerakhlak), 2)
        self.perilaku.setHorizontalHeaderLabels([_("Nilai"), _("Ekspektasi khusus pimpinan")])
        self.perilaku.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.perilaku.horizontalHeader().resizeSection(0, 220)
        self.perilaku.verticalHeader().setVisible(False)
        self.perilaku.itemChanged.connect(self._on_perilaku_edited)
        layout.addWidget(self.perilaku)
        return page

    def _build_lampiran_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.lampiran = QTreeWidget()
        self.lampiran.setHeaderLabels([_("Lampiran SKP")])
        layout.addWidget(self.lampiran, 1)
        row = QHBoxLayout()
        self.lampiran_jenis = QComboBox()
        for jenis in JenisLampiran:
            self.lampiran_jenis.addItem(jenis.label.title(), jenis)
        self.lampiran_uraian = QLineEdit()
        self.lampiran_uraian.setPlaceholderText(_("Uraian lampiran"))
        self.add_lampiran_button = QPushButton(_("Tambah lampiran"))
        self.add_lampiran_button.clicked.connect(self.add_lampiran)
        row.addWidget(self.lampiran_jenis)
        row.addWidget(self.lampiran_uraian, 1)
        row.addWidget(self.add_lampiran_button)
        layout.addLayout(row)
        return page

    # ------------------------------------------------------------------ loading
    def load(self, pegawai: PegawaiStatusDTO | None, tahun: int) -> None:
        """Show the SKP of ``pegawai`` in ``tahun`` (read on the DB worker)."""
        same = (
            pegawai is not None
            and self.pegawai is not None
            and pegawai.id == self.pegawai.id
            and tahun == self.tahun
        )
        if not same:
            self._chosen_id = None
        self.pegawai, self.tahun = pegawai, tahun
        self.reload()

    def choose_skp(self, skp_id: str) -> None:
        """Show another SKP of the year (the chooser, and tests, use it)."""
        if self.skp is not None and self.skp.id == skp_id:
            return
        emit(self.skp_about_to_change)
        self._chosen_id = skp_id
        self.reload()

    def _on_skp_chosen(self, index: int) -> None:
        skp_id = self.pilih_skp.itemData(index)
        if skp_id:
            self.choose_skp(skp_id)

    def reload(self) -> None:
        """Read the current SKP again."""
        pegawai, tahun = self.pegawai, self.tahun
        if pegawai is None or pegawai.nip is None:
            self._set_skp((), None, ())
            return
        nip, chosen = pegawai.nip, self._chosen_id

        def fetch(ctx):  # type: ignore[no-untyped-def]
            found = skp_service.list_skp(ctx, nip=nip, tahun=tahun)
            if not found:
                return (), None, ()
            picked = next((s for s in found if s.id == chosen), None) or default_skp(found)
            detail = skp_service.get_skp(ctx, picked.id)
            return found, detail, skp_service.rhk_atasan_options(ctx, detail.id)

        def done(triple):  # type: ignore[no-untyped-def]
            # A read for an employee or year since replaced (a quick click, the tour selecting
            # its trainee right after a save) must not show that SKP under someone else.
            if self.pegawai is not None and self.pegawai.id == pegawai.id and self.tahun == tahun:
                self._set_skp(*triple)

        self.state.read(fetch, done)

    def _set_skp(
        self, found: tuple[SkpDTO, ...], skp: SkpDTO | None, options: tuple[RhkDTO, ...]
    ) -> None:
        self.all_skp, self.skp, self.options = found, skp, options
        self.pilih_skp.clear()
        for item in found:
            label = _("SKP {mulai} s/d {selesai}").format(
                mulai=format_date(item.tanggal_mulai), selesai=format_date(item.tanggal_selesai)
            )
            if item.is_plt:
                label += " " + _("(Plt/Plh)")
            self.pilih_skp.addItem(label, item.id)
        if skp is not None:
            self.pilih_skp.setCurrentIndex(max(0, self.pilih_skp.findData(skp.id)))
        self.pilih_skp.setVisible(len(found) > 1)
        self._show()
        emit(self.skp_loaded, skp)

    def _show(self) -> None:
        skp = self.skp
        if self.pegawai is None:
            self.title.setText(_("Pilih pegawai di daftar sebelah kiri."))
        elif skp is None:
            self.title.setText(
                _("<b>{nama}</b> belum memiliki SKP tahun {tahun}.").format(
                    nama=self.pegawai.nama, tahun=self.tahun
                )
            )
        else:
            text = _(
                "<b>SKP {tahun}</b> ({mulai} s/d {selesai}) &nbsp; Status: <b>{status}</b>"
                " &nbsp; Penilai: {penilai}"
            ).format(
                tahun=skp.tahun,
                mulai=format_date(skp.tanggal_mulai),
                selesai=format_date(skp.tanggal_selesai),
                status=skp.status.label,
                penilai=skp.penilai_nama or "-",
            )
            if skp.status is StatusSkp.DITOLAK and skp.alasan_penolakan:
                text += "<br>" + _("Alasan penolakan: {alasan}").format(alasan=skp.alasan_penolakan)
            self.title.setText(text)
        editable = skp is not None and skp.status in (StatusSkp.DRAFT, StatusSkp.DITOLAK)
        self.create_button.setVisible(self.pegawai is not None and skp is None)
        self.ajukan_button.setEnabled(editable and bool(skp and skp.rhk))
        submitted = skp is not None and skp.status is StatusSkp.DIAJUKAN
        self.setujui_button.setEnabled(submitted)
        self.tolak_button.setEnabled(submitted)
        for widget in (
            self.rhk_uraian,
            self.rhk_jenis,
            self.rhk_atasan,
            self.add_rhk_button,
            self.ind_uraian,
            self.ind_aspek,
            self.ind_target,
            self.ind_satuan,
            self.ind_agregasi,
            self.add_ind_button,
            self.lampiran_uraian,
            self.add_lampiran_button,
            self.lampiran_jenis,
        ):
            widget.setEnabled(editable)
        self.perilaku.setEnabled(skp is not None)
        self.perilaku.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        # Planning forms only while the SKP can change: more room for the RHK list otherwise.
        self.forms.setVisible(editable)

        self.tree.clear()
        self.rhk_atasan.clear()
        self.rhk_atasan.addItem(_("(tidak mengintervensi / penugasan)"), None)
        for option in self.options:
            self.rhk_atasan.addItem(option.uraian, option.id)
            self.rhk_atasan.setItemData(
                self.rhk_atasan.count() - 1, option.uraian, Qt.ItemDataRole.ToolTipRole
            )
        self.ind_aspek.clear()
        jpt = skp is not None and skp.jenis_jabatan.is_pimpinan
        if jpt:
            for perspektif in Perspektif:
                self.ind_aspek.addItem(perspektif.label, perspektif)
        else:
            for aspek in Aspek:
                self.ind_aspek.addItem(aspek.label, aspek)
        self.tree.headerItem().setText(1, _("Perspektif") if jpt else _("Aspek"))
        if skp is not None:
            for rhk in skp.rhk:
                jenis = _("Utama") if rhk.jenis is JenisRhk.UTAMA else _("Tambahan")
                item = QTreeWidgetItem(
                    [
                        f"{rhk.urutan}. {rhk.uraian}",
                        jenis,
                        "",
                        "",
                        rhk.rhk_atasan_uraian or rhk.penugasan_dari or "-",
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, rhk.id)
                item.setToolTip(0, rhk.uraian)
                item.setToolTip(4, rhk.rhk_atasan_uraian or "")
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                for ind in rhk.indikator:
                    label = (
                        ind.aspek.label
                        if ind.aspek
                        else (ind.perspektif.label if ind.perspektif else "-")
                    )
                    target = (
                        format_number(ind.target_angka, 2).rstrip("0").rstrip(",.")
                        if ind.target_angka is not None
                        else (ind.target_teks or "-")
                    )
                    child = QTreeWidgetItem([ind.uraian, label, target, ind.satuan or "", ""])
                    child.setData(0, Qt.ItemDataRole.UserRole, rhk.id)
                    child.setToolTip(0, ind.uraian)
                    child.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
                    item.addChild(child)
                self.tree.addTopLevelItem(item)
                item.setExpanded(True)
        self.perilaku.blockSignals(True)
        by_nilai = {p.nilai: p.ekspektasi_khusus for p in skp.perilaku} if skp else {}
        for row, nilai in enumerate(NilaiBerakhlak):
            name = QTableWidgetItem(nilai.label)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.perilaku.setItem(row, 0, name)
            value = QTableWidgetItem(by_nilai.get(nilai) or "")
            value.setData(Qt.ItemDataRole.UserRole, nilai)
            self.perilaku.setItem(row, 1, value)
        self.perilaku.blockSignals(False)
        self.lampiran.clear()
        if skp is not None:
            for jenis in JenisLampiran:
                group = QTreeWidgetItem([jenis.label.title()])
                for line in skp.lampiran:
                    if line.jenis is jenis:
                        group.addChild(QTreeWidgetItem([f"{line.urutan}. {line.uraian}"]))
                self.lampiran.addTopLevelItem(group)
                group.setExpanded(True)

    def _on_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if changes.skp or changes.pegawai:
            self.reload()

    # ------------------------------------------------------------------ actions
    def pending(self) -> list[str]:
        """Typed text not yet added (asked about before closing or switching employee)."""
        result = []
        if self.rhk_uraian.text().strip():
            result.append(_("RHK baru: {teks}").format(teks=self.rhk_uraian.text().strip()))
        if self.ind_uraian.text().strip():
            result.append(_("Indikator baru: {teks}").format(teks=self.ind_uraian.text().strip()))
        if self.lampiran_uraian.text().strip():
            result.append(_("Lampiran baru: {teks}").format(teks=self.lampiran_uraian.text()))
        return result

    def discard_pending(self) -> None:
        """Forget typed text (the user chose not to keep it)."""
        for editor in (
            self.rhk_uraian,
            self.ind_uraian,
            self.ind_target,
            self.ind_satuan,
            self.lampiran_uraian,
        ):
            editor.clear()

    def save_pending(self) -> None:
        """Add what was typed, as the buttons would."""
        if self.rhk_uraian.text().strip():
            self.add_rhk()
        if self.ind_uraian.text().strip():
            self.add_indikator()
        if self.lampiran_uraian.text().strip():
            self.add_lampiran()

    def create_skp(self) -> None:
        """Start the SKP of the selected year."""
        if self.pegawai is None or self.pegawai.nip is None:
            return
        nip, tahun = self.pegawai.nip, self.tahun
        self.state.write(lambda ctx: skp_service.create_skp(ctx, nip=nip, tahun=tahun))

    def add_rhk(self) -> None:
        """Add the typed RHK, intervening the chosen superior RHK."""
        if self.skp is None:
            return
        skp_id, uraian = self.skp.id, self.rhk_uraian.text()
        jenis = JenisRhk(self.rhk_jenis.currentData())
        atasan = self.rhk_atasan.currentData()
        self.state.write(
            lambda ctx: skp_service.add_rhk(
                ctx, skp_id=skp_id, uraian=uraian, jenis=jenis, rhk_atasan_id=atasan
            ),
            lambda _rhk: self.rhk_uraian.clear(),
        )

    def selected_rhk_id(self) -> str | None:
        """The RHK of the selected tree line (an indicator line selects its RHK)."""
        item = self.tree.currentItem()
        if item is None and self.skp is not None and self.skp.rhk:
            return self.skp.rhk[-1].id
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def add_indikator(self) -> None:
        """Add the typed indicator to the selected RHK (the last one when none is selected)."""
        rhk_id = self.selected_rhk_id()
        if rhk_id is None:
            return
        uraian, target = self.ind_uraian.text(), self.ind_target.text()
        satuan = self.ind_satuan.text().strip() or None
        cara = CaraAgregasi(self.ind_agregasi.currentData())
        choice = self.ind_aspek.currentData()
        jpt = self.skp is not None and self.skp.jenis_jabatan.is_pimpinan
        aspek = None if jpt or not choice else Aspek(choice)
        perspektif = Perspektif(choice) if jpt and choice else None

        def done(_ind) -> None:  # type: ignore[no-untyped-def]
            for editor in (self.ind_uraian, self.ind_target, self.ind_satuan):
                editor.clear()
            self.ind_agregasi.setCurrentIndex(0)
            self._agregasi_chosen = False

        self.state.write(
            lambda ctx: skp_service.add_indikator(
                ctx,
                rhk_id=rhk_id,
                uraian=uraian,
                aspek=aspek,
                perspektif=perspektif,
                target_angka=target or None,
                satuan=satuan,
                cara_agregasi=cara,
            ),
            done,
        )

    def _suggest_agregasi(self, satuan: str) -> None:
        """Propose averaging for a percentage until the user chooses the method themselves."""
        if not self._agregasi_chosen:
            cara = agregasi_bawaan(satuan)
            self.ind_agregasi.setCurrentIndex(self.ind_agregasi.findData(cara))

    def _on_perilaku_edited(self, item: QTableWidgetItem) -> None:
        if self.skp is None or item.column() != 1:
            return
        skp_id = self.skp.id
        nilai = NilaiBerakhlak(item.data(Qt.ItemDataRole.UserRole))
        teks = item.text().strip() or None
        self.state.write(
            lambda ctx: skp_service.set_ekspektasi(ctx, skp_id=skp_id, nilai=nilai, teks=teks)
        )

    def add_lampiran(self) -> None:
        """Add a line to the chosen list of the Lampiran SKP."""
        if self.skp is None:
            return
        skp_id, jenis, uraian = (
            self.skp.id,
            JenisLampiran(self.lampiran_jenis.currentData()),
            self.lampiran_uraian.text(),
        )
        self.state.write(
            lambda ctx: skp_service.add_lampiran(ctx, skp_id=skp_id, jenis=jenis, uraian=uraian),
            lambda _x: self.lampiran_uraian.clear(),
        )

    def ajukan(self) -> None:
        """Submit the SKP to the penilai."""
        if self.skp is not None:
            skp_id = self.skp.id
            self.state.write(lambda ctx: skp_service.ajukan_skp(ctx, skp_id))

    def setujui(self) -> None:
        """Approve the submitted SKP (freezes the identities printed on it)."""
        if self.skp is not None:
            skp_id = self.skp.id
            self.state.write(lambda ctx: skp_service.setujui_skp(ctx, skp_id))

    def ask_tolak(self) -> TextPromptDialog | None:
        """Ask for the reason, then reject."""
        if self.skp is None:
            return None
        dialog = TextPromptDialog(
            self, _("Tolak SKP"), _("Alasan penolakan (dibaca oleh pegawai):")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.tolak(dialog.text()))
        dialog.open()
        return dialog

    def tolak(self, alasan: str) -> None:
        """Reject the submitted SKP with ``alasan``."""
        if self.skp is not None:
            skp_id = self.skp.id
            self.state.write(lambda ctx: skp_service.tolak_skp(ctx, skp_id, alasan))


def default_skp(found: tuple[SkpDTO, ...]) -> SkpDTO:
    """The SKP shown first: the regular one before a Plt/Plh, then the latest-starting.

    The same rule as the services' ``skp_for_period`` and the staff list, so the SKP on screen
    is the one the evaluation and the staff list speak of.
    """
    return min(found, key=lambda s: (s.is_plt, -s.tanggal_mulai.toordinal()))
