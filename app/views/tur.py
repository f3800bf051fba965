"""The guided tour of practice mode for a new assessor (issue 7).

A dock beside the ordinary screens walks a new pejabat penilai through one employee's cycle:
plan and approve an SKP, record a month, give feedback, evaluate. The learner does every step
with the real screens; the tour only explains, points (*Tunjukkan*: the right tab, the field
filled with a worked example, an orange frame around what to press) and reads progress back
from the database after each save (``latihan.kemajuan_tur``). So a step ticks off only when the
work is really stored, and the tour can be left and resumed at any time, even after a restart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.scoring.periode import agregasi_bawaan
from app.scoring.types import Aspek, StatusSkp
from app.services import latihan
from app.services.latihan import KemajuanTurDTO, PesertaTurDTO
from app.views.pegawai.realisasi_tab import periode_header
from app.views.refcount import keeps_none
from app.views.state import AppState

if TYPE_CHECKING:
    from app.views.main_window import MainWindow

DONE, TODO = "\u2713", "\u25cb"  # check mark, white circle
STEP_TITLES = (
    N_("1. Susun dan setujui SKP"),
    N_("2. Catat realisasi satu bulan"),
    N_("3. Beri umpan balik"),
    N_("4. Evaluasi dan predikat"),
)
HIGHLIGHT_MS = 4000


class Sorotan(QWidget):
    """An orange frame drawn over one widget of the window for a few seconds."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.target: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def point_at(self, target: QWidget) -> None:
        """Frame ``target`` (which must be visible in the same window)."""
        window = self.parentWidget()
        if window is None or not target.isVisible():
            return
        if self.target is not None and self.target is not target:
            self.target.removeEventFilter(self)
        self.target = target
        # Follow the target while the window is resized, and go when it is hidden (another
        # tab): a frame left where it was drawn would point at something else.
        target.installEventFilter(self)
        window.installEventFilter(self)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(HIGHLIGHT_MS)

    def _place(self) -> None:
        window, target = self.parentWidget(), self.target
        if window is not None and target is not None:
            origin = target.mapTo(window, target.rect().topLeft())
            self.setGeometry(QRect(origin, target.size()).adjusted(-4, -4, 4, 4))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.isVisible() and self.target is not None:
            kind = event.type()
            if watched is self.target and kind == QEvent.Type.Hide:
                self.hide()
            elif kind in (QEvent.Type.Move, QEvent.Type.Resize):
                QTimer.singleShot(0, self._place)  # after the layouts have placed the target
        return False

    @keeps_none
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#ef6c00"), 3))
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 6, 6)
        painter.end()


class TurPanel(QDockWidget):
    """The tour's dock: who the trainee is, the four steps, and what to do now."""

    def __init__(self, state: AppState, window: MainWindow) -> None:
        super().__init__(_("Tur latihan penilai baru"), window)
        self.setObjectName("turLatihan")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.state = state
        self.window_ = window
        self.peserta: PesertaTurDTO | None = None
        self.kemajuan: KemajuanTurDTO | None = None
        self.sorotan = Sorotan(window)

        body = QWidget()
        layout = QVBoxLayout(body)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.intro)
        self.steps = QListWidget()
        self.steps.setMaximumHeight(96)
        for title in STEP_TITLES:
            self.steps.addItem(QListWidgetItem(f"{TODO}  {_(title)}"))
        self.steps.currentRowChanged.connect(lambda _row: self._show_detail())
        layout.addWidget(self.steps)
        self.progress = QLabel()
        layout.addWidget(self.progress)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.detail)
        layout.addWidget(scroll, 1)
        self.show_button = QPushButton(_("&Tunjukkan di layar"))
        self.show_button.setToolTip(
            _("Buka tab yang tepat, isi contoh pada kolom yang kosong, dan sorot yang ditekan")
        )
        self.show_button.clicked.connect(self.show_me)
        layout.addWidget(self.show_button)
        below = QHBoxLayout()
        self.restart_button = QPushButton(_("Ulangi dengan pegawai baru"))
        self.restart_button.clicked.connect(lambda: self.start(ulang=True))
        self.close_button = QPushButton(_("Tutup tur"))
        self.close_button.clicked.connect(self.hide)
        below.addWidget(self.restart_button)
        below.addWidget(self.close_button)
        layout.addLayout(below)
        self.setWidget(body)
        self.setMinimumWidth(330)
        self.toggleViewAction().setVisible(False)  # offered once started (nothing to show before)
        state.changed.connect(self._on_changed)
        state.context_switched.connect(self._on_context_switched)
        self.hide()

    # ------------------------------------------------------------------ starting
    def start(self, *, ulang: bool = False) -> None:
        """Open the tour on its trainee (registered on first use, or anew with ``ulang``)."""
        self.state.write(
            lambda ctx: latihan.mulai_tur(ctx, ulang=ulang),
            self._on_started,
            label=_("Menyiapkan tur latihan..."),
        )

    def _on_started(self, peserta: PesertaTurDTO) -> None:
        self.peserta, self.kemajuan = peserta, None
        self.intro.setText(
            _(
                "Anda berperan sebagai <b>{penilai}</b>, {jabatan_penilai}. Pegawai baru Anda: "
                "<b>{nama}</b>, {jabatan} di {unit}. Kerjakan empat langkah ini pada data "
                "latihan; setiap langkah tercentang sendiri begitu pekerjaannya tersimpan."
            ).format(
                penilai=peserta.penilai_nama,
                jabatan_penilai=peserta.penilai_jabatan,
                nama=peserta.nama,
                jabatan=peserta.jabatan,
                unit=peserta.unit_nama,
            )
        )
        self.toggleViewAction().setVisible(True)
        was_visible = self.isVisible()
        self.show()  # a hidden dock reads the progress as it is shown (showEvent)
        self.raise_()
        self._open_trainee()
        if was_visible:
            self.refresh()

    def _on_context_switched(self) -> None:
        """The tour belongs to the practice database: forget it when another one opens."""
        self.peserta, self.kemajuan = None, None
        self.sorotan.hide()
        self.hide()
        self.toggleViewAction().setVisible(False)

    @keeps_none
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Read the progress again: it is not followed while the dock is hidden.

        Qt's dock menu (right click on the menu bar) shows a closed dock without ``start``.
        """
        super().showEvent(event)
        if self.peserta is not None and not event.spontaneous():
            self.refresh()

    @keeps_none
    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """'Tutup tur' or the dock's X: the frame pointing for the tour goes with it."""
        super().hideEvent(event)
        if not event.spontaneous():
            self.sorotan.hide()

    # ------------------------------------------------------------------ progress
    def _on_changed(self, _changes: object) -> None:
        if self.peserta is not None and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the trainee's progress again."""
        peserta = self.peserta
        if peserta is not None:
            self.state.read(
                lambda ctx: latihan.kemajuan_tur(ctx, peserta),
                lambda kemajuan: self._set_progress(kemajuan, peserta),
            )

    def _set_progress(self, kemajuan: KemajuanTurDTO, peserta: PesertaTurDTO) -> None:
        if peserta != self.peserta:
            return  # read for a trainee since replaced ('Ulangi', another database)
        before = self.kemajuan.langkah if self.kemajuan else None
        self.kemajuan = kemajuan
        done = kemajuan.langkah
        for row, finished in enumerate(done):
            item = self.steps.item(row)
            item.setText(f"{DONE if finished else TODO}  {_(STEP_TITLES[row])}")
            item.setForeground(QColor("#2e7d32") if finished else QColor("#202020"))
        self.progress.setText(
            _("{n} dari 4 langkah selesai.").format(n=sum(done))
            if not all(done)
            else _("Keempat langkah selesai.")
        )
        current = self.steps.currentRow()
        if before is None or current < 0 or (done[current] and not before[current]):
            # First read, or the step on screen was just finished: go on to the next one.
            self.steps.setCurrentRow(self.next_step())
        self._show_detail()

    def next_step(self) -> int:
        """The first unfinished step (the last one when all are done)."""
        if self.kemajuan is None:
            return 0
        return next((i for i, ok in enumerate(self.kemajuan.langkah) if not ok), 3)

    # ------------------------------------------------------------------ instructions
    def _show_detail(self) -> None:
        peserta, kemajuan = self.peserta, self.kemajuan
        if peserta is None or kemajuan is None:
            self.detail.setText("")
            return
        step = max(0, self.steps.currentRow())
        text = (self._skp_text, self._realisasi_text, self._umpan_text, self._evaluasi_text)[step](
            peserta, kemajuan
        )
        if all(kemajuan.langkah):
            text = self._selesai_text(peserta, kemajuan) + "<hr>" + text
        self.detail.setText(text)

    @staticmethod
    def _items(lines: list[tuple[bool, str]]) -> str:
        return "<br>".join(
            f"<span style='color:#2e7d32'>{DONE}</span> {text}" if ok else f"{TODO} {text}"
            for ok, text in lines
        )

    def _skp_text(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> str:
        submitted = k.status_skp in (StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI)
        lines = [
            (k.skp_id is not None, _("Di tab <b>SKP</b>, klik <b>Buat SKP</b>.")),
            (
                k.jumlah_rhk > 0,
                _(
                    "Tulis RHK, misalnya «{rhk}». Pilih <b>RHK atasan</b> yang diintervensi "
                    "(RHK {penilai}), lalu klik <b>Tambah RHK</b>."
                ).format(rhk=p.contoh_rhk, penilai=p.penilai_nama),
            ),
            (
                k.jumlah_indikator > 0,
                _(
                    "Tambah indikator: «{indikator}», aspek Kualitas, target {target} {satuan}. "
                    "Persentase yang diukur tiap bulan direkap <b>Dirata-rata</b>. Klik "
                    "<b>Tambah indikator</b>."
                ).format(
                    indikator=p.contoh_indikator, target=p.contoh_target, satuan=p.contoh_satuan
                ),
            ),
            (submitted, _("Klik <b>Ajukan</b>: SKP diajukan kepada penilai.")),
            (
                k.status_skp is StatusSkp.DISETUJUI,
                _(
                    "Sebagai penilai, periksa SKP lalu klik <b>Setujui</b> (atau <b>Tolak</b> "
                    "dengan alasan yang dibaca pegawai)."
                ),
            ),
        ]
        note = _(
            "Di kantor, pegawai biasanya menyusun dan mengajukan SKP-nya sendiri; penilai "
            "memastikan setiap RHK mengintervensi RHK atasan (cascading)."
        )
        return self._items(lines) + f"<p style='color:#555'>{note}</p>"

    def _realisasi_text(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> str:
        if not k.skp_selesai:
            return _("Selesaikan langkah 1 dahulu: realisasi dicatat pada SKP yang disetujui.")
        lines = [
            (
                k.realisasi_selesai,
                _(
                    "Di tab <b>Realisasi</b>, klik sel kolom <b>{bulan}</b> pada baris indikator, "
                    "ketik realisasinya (misalnya {nilai}) lalu tekan <b>Enter</b>."
                ).format(bulan=self._kolom(p), nilai=p.contoh_realisasi),
            ),
        ]
        note = _(
            "{n} dari {total} indikator terisi untuk {periode}. Kolom Capaian dihitung seketika; "
            "bukti dukung dilampirkan dengan tombol <b>Lampirkan berkas bukti</b>."
        ).format(n=k.indikator_terisi, total=k.jumlah_indikator, periode=p.periode_label)
        return self._items(lines) + f"<p style='color:#555'>{note}</p>"

    def _kolom(self, p: PesertaTurDTO) -> str:
        """The grid's own header of the tour's period ("Jan"), so the text matches the screen."""
        for periode in self.window_.realisasi_tab.model.periods:
            if periode.kode == p.periode_kode:
                return periode_header(periode)
        return p.periode_label

    def _umpan_text(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> str:
        if k.skp_id is None:
            return _("Selesaikan langkah 1 dahulu: umpan balik dicatat pada SKP pegawai.")
        lines = [
            (
                k.umpan_balik_selesai,
                _(
                    "Di tab <b>Umpan balik</b>, pilih periode <b>{periode}</b>, pilih frasa umum "
                    "atau tulis sendiri, lalu klik <b>Simpan umpan balik</b>."
                ).format(periode=p.periode_label),
            ),
        ]
        note = _(
            "Umpan balik yang baik menyebut hal yang sudah baik dan satu langkah konkret untuk "
            "bulan berikutnya. Pegawai membacanya di riwayat dialog kinerja."
        )
        return self._items(lines) + f"<p style='color:#555'>{note}</p>"

    def _evaluasi_text(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> str:
        if not k.realisasi_selesai:
            return _("Selesaikan langkah 2 dahulu: evaluasi membaca realisasi bulan itu.")
        chosen = k.rating_hasil is not None and k.rating_perilaku is not None
        lines = [
            (
                chosen,
                _(
                    "Di tab <b>Evaluasi</b>, periode <b>{periode}</b>: baca saran dan alasannya "
                    "di kiri, pilih <b>Rating hasil kerja</b> dan <b>Rating perilaku kerja</b>, "
                    "lalu <b>Simpan draf</b>."
                ).format(periode=p.periode_label),
            ),
            (
                k.evaluasi_selesai,
                _("Bila sudah pasti, klik <b>Finalkan</b>; evaluasi final tidak dapat diubah."),
            ),
        ]
        note = _(
            "Kuadran di kanan menyalakan predikat dari kedua rating: baris = hasil kerja, kolom "
            "= perilaku. Saran hanya alat bantu; rating yang sah adalah pilihan Anda."
        )
        return self._items(lines) + f"<p style='color:#555'>{note}</p>"

    def _selesai_text(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> str:
        if k.predikat is None or k.rating_hasil is None or k.rating_perilaku is None:
            return ""
        return _(
            "<b>Selesai!</b> Predikat {periode} untuk {nama}: <b>{predikat}</b>. Rating hasil "
            "kerja <i>{hasil}</i> (baris) dan rating perilaku <i>{perilaku}</i> (kolom) bertemu "
            "di sel {predikat} pada kuadran kinerja; pegawai membaca penjelasan yang sama di tab "
            "Evaluasi. Berikutnya: cetak lembar Evaluasi Kinerja di halaman <b>Excel dan cetak</b>"
            ", atau ulangi tur dengan pegawai baru."
        ).format(
            periode=p.periode_label,
            nama=p.nama,
            predikat=k.predikat.label,
            hasil=k.rating_hasil.label,
            perilaku=k.rating_perilaku.label,
        )

    # ------------------------------------------------------------------ pointing
    def _open_trainee(self) -> None:
        """The staff page, the tour's year, the trainee selected."""
        peserta, window = self.peserta, self.window_
        if peserta is None:
            return
        window.reveal(peserta.nip, peserta.tahun, peserta.periode_kode)

    def show_me(self) -> None:
        """Go to where the current step is done, fill empty fields with the example, point."""
        if self.peserta is None or self.kemajuan is None:
            return
        self._open_trainee()
        # Selecting the trainee and loading their tabs are reads on the DB worker: point only
        # once they are done. Filling the forms of whoever is on screen now would make the
        # autosave on switching employee add the example to *their* SKP.
        runner = self.state.runner
        if runner.idle:
            self._point()
            return

        def once(busy: bool) -> None:
            if not busy:
                runner.busy_changed.disconnect(once)
                self._point()

        runner.busy_changed.connect(once)

    def _point(self) -> None:
        peserta, kemajuan, window = self.peserta, self.kemajuan, self.window_
        current = window.current
        if (
            peserta is None
            or kemajuan is None
            or current is None
            or current.nip != peserta.nip
            or window.tahun.currentData() != peserta.tahun
        ):
            return  # the trainee could not be shown: never fill someone else's forms
        step = max(0, self.steps.currentRow())
        window.tabs.setCurrentIndex(step)
        target = (self._point_skp, self._point_realisasi, self._point_umpan, self._point_evaluasi)[
            step
        ](peserta, kemajuan)
        if target is not None:
            target.setFocus()
            self.sorotan.point_at(target)

    def _point_skp(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> QWidget | None:
        tab = self.window_.skp_tab
        if k.skp_id is None:
            return tab.create_button
        if k.status_skp in (StatusSkp.DRAFT, StatusSkp.DITOLAK):
            if k.jumlah_rhk == 0:
                if not tab.rhk_uraian.text():
                    tab.rhk_uraian.setText(p.contoh_rhk)
                if tab.rhk_atasan.count() > 1 and tab.rhk_atasan.currentIndex() == 0:
                    tab.rhk_atasan.setCurrentIndex(1)
                return tab.rhk_uraian
            if k.jumlah_indikator == 0:
                if not tab.ind_uraian.text():
                    tab.ind_uraian.setText(p.contoh_indikator)
                    tab.ind_target.setText(p.contoh_target)
                    tab.ind_satuan.setText(p.contoh_satuan)
                    aspek = tab.ind_aspek.findData(Aspek.KUALITAS)
                    if aspek >= 0:
                        tab.ind_aspek.setCurrentIndex(aspek)
                    cara = agregasi_bawaan(p.contoh_satuan)
                    tab.ind_agregasi.setCurrentIndex(tab.ind_agregasi.findData(cara))
                return tab.ind_uraian
            return tab.ajukan_button
        if k.status_skp is StatusSkp.DIAJUKAN:
            return tab.setujui_button
        return tab.tree

    def _point_realisasi(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> QWidget | None:
        tab = self.window_.realisasi_tab
        model = tab.model
        column = next(
            (
                c
                for c in range(model.columnCount())
                if (key := model.key(0, c)) and key[1] == p.periode_kode
            ),
            -1,
        )
        if column >= 0:
            row = next((r for r in range(model.rowCount()) if model.value(r, column) is None), 0)
            tab.table.setCurrentIndex(model.index(row, column))
        return tab.table

    def _point_umpan(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> QWidget | None:
        tab = self.window_.umpan_balik_tab
        index = tab.periode.findData(p.periode_kode)
        if index >= 0:
            tab.periode.setCurrentIndex(index)
        return tab.teks

    def _point_evaluasi(self, p: PesertaTurDTO, k: KemajuanTurDTO) -> QWidget | None:
        tab = self.window_.evaluasi_tab
        tab.select_period(p.periode_kode)
        if k.evaluasi_selesai:
            return tab.kuadran  # nothing left to press: the predikat the finish text explains
        if tab.rating_hasil.currentData() is not None and tab.rating_perilaku.currentData():
            return tab.finalkan
        return tab.rating_hasil.parentWidget()
