"""The evaluation tab: suggestion and reasons beside the penilai's choice.

The system's suggestions with their reasons beside the penilai's choice, the kuadran with the
resulting predikat highlighted, capaian organisasi, notes, finalise.

The suggestion never decides (domain.md §3.10): the two combo boxes start on the stored choice,
or on the suggestion when nothing is stored yet, and the penilai may pick anything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.scoring.predikat import PREDIKAT_MATRIX
from app.scoring.types import Predikat, Rating, StatusEvaluasi, StatusSkp
from app.services import evaluasi as evaluasi_service
from app.services import tampilan
from app.services.dto import DerivasiDTO, PeriodeDTO, SkpDTO
from app.services.tampilan import PegawaiStatusDTO
from app.views.dialogs import confirm
from app.views.state import AppState
from app.views.table_models import enum_value, persen_text

RATINGS = (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)
PREDIKAT_COLOURS = {
    Predikat.SANGAT_BAIK: "#1b5e20",
    Predikat.BAIK: "#2e7d32",
    Predikat.BUTUH_PERBAIKAN: "#f9a825",
    Predikat.KURANG: "#e65100",
    Predikat.SANGAT_KURANG: "#b71c1c",
}


KUADRAN_HELP = N_(
    "Predikat kinerja mengikuti kuadran (PermenPANRB 6/2022): baris = rating hasil kerja, "
    "kolom = rating perilaku kerja. Di Atas/Di Atas = Sangat Baik; Di Atas atau Sesuai dengan "
    "perilaku Sesuai/Di Atas = Baik; perilaku Di Bawah (hasil Sesuai/Di Atas) = Kurang; hasil "
    "Di Bawah = Butuh Perbaikan, kecuali perilaku juga Di Bawah = Sangat Kurang. Sel yang "
    "menyala adalah pilihan penilai."
)
SARAN_HELP = N_(
    "Saran dihitung dari capaian indikator (target dan realisasi) dan nilai BerAKHLAK, beserta "
    "alasannya baris demi baris. Saran hanya alat bantu: rating yang sah adalah pilihan pejabat "
    "penilai di sebelah kanan, dan keduanya tersimpan."
)
CHOICE_HELP = N_(
    "Pilihan pejabat penilai. Boleh berbeda dari saran; tuliskan alasannya di Catatan. Setelah "
    "Finalkan, evaluasi tidak dapat diubah lagi."
)


def _explain(widget: QWidget, text: str) -> None:
    """Tooltip and "What's this?" (Shift+F1) text on the evaluation screen (issue 7)."""
    widget.setToolTip(_(text))
    widget.setWhatsThis(_(text))


class KuadranWidget(QWidget):
    """The 3x3 kuadran kinerja; the cell of the chosen ratings is highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(2)
        corner = QLabel(_("Hasil kerja \\ Perilaku"))
        corner.setWordWrap(True)
        grid.addWidget(corner, 0, 0)
        self.cells: dict[tuple[Rating, Rating], QLabel] = {}
        for column, perilaku in enumerate(RATINGS, start=1):
            head = QLabel(perilaku.label)
            head.setWordWrap(True)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, column)
        for row, hasil in enumerate(RATINGS, start=1):
            head = QLabel(hasil.label)
            head.setWordWrap(True)
            grid.addWidget(head, row, 0)
            for column, perilaku in enumerate(RATINGS, start=1):
                cell = QLabel(PREDIKAT_MATRIX[(hasil, perilaku)].label)
                cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setWordWrap(True)  # BUTUH PERBAIKAN in bold needs two lines when narrow
                cell.setMinimumHeight(38)
                grid.addWidget(cell, row, column)
                self.cells[(hasil, perilaku)] = cell
        self.highlighted: tuple[Rating, Rating] | None = None
        self.highlight(None, None)

    def highlight(self, hasil: Rating | None, perilaku: Rating | None) -> None:
        """Mark the cell of ``(hasil, perilaku)``; both None clears the mark."""
        self.highlighted = (hasil, perilaku) if hasil and perilaku else None
        for key, cell in self.cells.items():
            if key == self.highlighted:
                colour = PREDIKAT_COLOURS[PREDIKAT_MATRIX[key]]
                cell.setStyleSheet(
                    f"background: {colour}; color: white; font-weight: bold; "
                    "border: 2px solid black;"
                )
            else:
                cell.setStyleSheet("background: #eeeeee; color: #333; border: 1px solid #ccc;")


class EvaluasiTab(QWidget):
    """Rate one employee for one period."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pegawai: PegawaiStatusDTO | None = None
        self.skp: SkpDTO | None = None
        self.derivasi: DerivasiDTO | None = None
        self._loaded_catatan = ""
        # What the screen showed when it was filled from the database (stored choice, or the
        # suggestion): anything else on screen was chosen or typed by the user.
        self._baseline: tuple[Rating | None, Rating | None, str] = (None, None, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Periode penilaian")))
        self.periode = QComboBox()
        self.periode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.periode.setMinimumContentsLength(14)
        self.periode.currentIndexChanged.connect(lambda _i: self._on_period_chosen())
        top.addWidget(self.periode)
        self.status = QLabel()
        top.addWidget(self.status, 1)
        outer.addLayout(top)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        # Left: the suggestions and why.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.saran_hasil = QLabel()
        self.saran_hasil.setWordWrap(True)
        self.saran_hasil.setTextFormat(Qt.TextFormat.RichText)
        self.saran_perilaku = QLabel()
        self.saran_perilaku.setWordWrap(True)
        self.saran_perilaku.setTextFormat(Qt.TextFormat.RichText)
        self.ringkasan = QLabel()
        self.ringkasan.setWordWrap(True)
        self.ringkasan.setTextFormat(Qt.TextFormat.RichText)
        for label in (self.ringkasan, self.saran_hasil, self.saran_perilaku):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            left_layout.addWidget(label)
        _explain(scroll, SARAN_HELP)
        left_layout.addStretch(1)
        scroll.setWidget(left)
        body.addWidget(scroll, 3)

        # Right: the choice, the kuadran, notes and buttons.
        right = QVBoxLayout()
        choice = QGroupBox(_("Pilihan pejabat penilai"))
        form = QFormLayout(choice)
        self.rating_hasil = QComboBox()
        self.rating_perilaku = QComboBox()
        for combo in (self.rating_hasil, self.rating_perilaku):
            combo.addItem(_("(belum dipilih)"), None)
            for rating in RATINGS:
                combo.addItem(rating.label, rating)
            combo.currentIndexChanged.connect(self._on_choice)
        form.addRow(_("Rating hasil kerja"), self.rating_hasil)
        form.addRow(_("Rating perilaku kerja"), self.rating_perilaku)
        _explain(choice, CHOICE_HELP)
        right.addWidget(choice)
        kuadran_box = QGroupBox(_("Kuadran kinerja"))
        kuadran_layout = QVBoxLayout(kuadran_box)
        self.kuadran = KuadranWidget()
        kuadran_layout.addWidget(self.kuadran)
        self.predikat = QLabel()
        self.predikat.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kuadran_layout.addWidget(self.predikat)
        _explain(kuadran_box, KUADRAN_HELP)
        _explain(self.kuadran, KUADRAN_HELP)
        right.addWidget(kuadran_box)
        right.addWidget(QLabel(_("Catatan")))
        self.catatan = QPlainTextEdit()
        self.catatan.setTabChangesFocus(True)
        self.catatan.setFixedHeight(60)
        right.addWidget(self.catatan)
        right.addStretch(1)
        buttons = QHBoxLayout()
        self.simpan = QPushButton(_("Simpan &draf"))
        self.finalkan = QPushButton(_("&Finalkan..."))
        self.simpan.clicked.connect(lambda: self.save(final=False))
        self.finalkan.clicked.connect(self.ask_finalise)
        buttons.addStretch(1)
        buttons.addWidget(self.simpan)
        buttons.addWidget(self.finalkan)
        right.addLayout(buttons)
        body.addLayout(right, 2)
        self.state.changed.connect(self._on_changed)
        self._show()

    # ------------------------------------------------------------------ loading
    def load(self, pegawai: PegawaiStatusDTO | None, skp: SkpDTO | None) -> None:
        """Show the evaluations of ``skp``, on the period chosen before when it exists."""
        same = skp is not None and self.skp is not None and self.skp.id == skp.id
        self.pegawai, self.skp = pegawai, skp
        if not same:  # the same SKP read again keeps what the user typed (see refresh)
            self.derivasi = None
        if skp is None:
            self.periode.blockSignals(True)
            self.periode.clear()
            self.periode.blockSignals(False)
            self._show()
            return
        tahun, skp_id = skp.tahun, skp.id
        self.state.read(
            lambda ctx: tampilan.periode_evaluasi(ctx, tahun),
            lambda periods: self._set_periods(skp_id, periods),
        )

    def _set_periods(self, skp_id: str, periods: tuple[PeriodeDTO, ...]) -> None:
        if self.skp is None or self.skp.id != skp_id:
            return
        current = self.periode.currentData()
        self.periode.blockSignals(True)
        self.periode.clear()
        for periode in periods:
            if periode.tanggal_selesai < self.skp.tanggal_mulai:
                continue
            if periode.tanggal_mulai > self.skp.tanggal_selesai:
                continue
            self.periode.addItem(periode.label, periode.kode)
        index = self.periode.findData(current) if current else -1
        if index < 0:
            today = self.state.ctx.today()
            ended = [
                i
                for i in range(self.periode.count())
                if next(p for p in periods if p.kode == self.periode.itemData(i)).tanggal_selesai
                < today
            ]
            index = ended[0] if ended else 0
        self.periode.setCurrentIndex(index)
        self.periode.blockSignals(False)
        self.refresh()

    def select_period(self, kode: str) -> None:
        """Choose the period ``kode`` (tests and the dashboard use it)."""
        index = self.periode.findData(kode)
        if index >= 0:
            self.periode.setCurrentIndex(index)

    def _on_period_chosen(self) -> None:
        """Save the draft of the period being left before showing another one.

        A draft that cannot be saved yet (a rating missing) keeps the old period on screen
        with the reason, so nothing typed is ever thrown away.
        """
        d = self.derivasi
        leaving = d is not None and self.periode.currentData() != d.periode_kode
        if leaving and self.chosen_differs() and not self.save(final=False):
            index = self.periode.findData(d.periode_kode) if d is not None else -1
            if index >= 0:
                self.periode.blockSignals(True)
                self.periode.setCurrentIndex(index)
                self.periode.blockSignals(False)
                return
        self.refresh()

    def refresh(self) -> None:
        """Read the derivation of the chosen period.

        The suggestions and derivation always follow the database; the penilai's own choice
        and note survive a refresh of the same SKP and period (a save elsewhere changes the
        derivation, never what the user is typing here).
        """
        kode = self.periode.currentData()
        if self.skp is None or self.pegawai is None or self.pegawai.nip is None or not kode:
            self.derivasi = None
            self._show()
            return
        nip, skp_id = self.pegawai.nip, self.skp.id

        def done(result: DerivasiDTO) -> None:
            if self.skp is not None and self.skp.id == skp_id:
                old = self.derivasi
                keep = (
                    self._screen()
                    if old is not None
                    and old.periode_kode == result.periode_kode
                    and old.pegawai_nip == result.pegawai_nip
                    and self.chosen_differs()
                    else None
                )
                self.derivasi = result
                self._show()
                if keep is not None and result.status is not StatusEvaluasi.FINAL:
                    self._set_choice(keep[0], keep[1])
                    self.catatan.setPlainText(keep[2])

        def failed(error: BaseException) -> None:
            self.derivasi = None
            self._show()
            if self.state.runner.error_handler is not None:
                self.state.runner.error_handler(error)

        self.state.read(
            lambda ctx: evaluasi_service.derivasi(ctx, nip=nip, periode_kode=kode),
            done,
            on_failure=failed,
        )

    def _show(self) -> None:
        d = self.derivasi
        approved = self.skp is not None and self.skp.status is StatusSkp.DISETUJUI
        final = d is not None and d.status is StatusEvaluasi.FINAL
        editable = d is not None and approved and not final
        for widget in (self.rating_hasil, self.rating_perilaku, self.catatan, self.simpan):
            widget.setEnabled(editable)
        self.finalkan.setEnabled(editable)
        if d is None:
            self.status.setText(
                _("Belum ada SKP yang disetujui.") if not approved else _("Memuat...")
            )
            self.ringkasan.setText("")
            self.saran_hasil.setText("")
            self.saran_perilaku.setText("")
            self._set_choice(None, None)
            self.catatan.setPlainText("")
            self._loaded_catatan = ""
            self._baseline = self._screen()
            return
        status = (
            _("Belum dinilai")
            if d.status is None
            else (_("Final") if d.status is StatusEvaluasi.FINAL else _("Draf"))
        )
        self.status.setText(_("Status evaluasi: <b>{status}</b>").format(status=status))
        self.ringkasan.setText(
            _(
                "<b>{nama}</b> - {jabatan}<br>Periode: {periode}<br>Capaian rata-rata RHK: "
                "<b>{capaian}</b><br>Capaian organisasi: <b>{org}</b>"
            ).format(
                nama=d.pegawai_nama,
                jabatan=d.jabatan,
                periode=d.periode_label,
                capaian=persen_text(d.capaian_persen),
                org=d.capaian_organisasi.label if d.capaian_organisasi else "-",
            )
        )
        self.saran_hasil.setText(
            _("<b>Saran rating hasil kerja: {rating}</b>").format(
                rating=d.saran_rating_hasil.label if d.saran_rating_hasil else "-"
            )
            + _bullets(d.saran_rating_hasil_penjelasan)
        )
        self.saran_perilaku.setText(
            _("<b>Saran rating perilaku kerja: {rating}</b>").format(
                rating=d.saran_rating_perilaku.label if d.saran_rating_perilaku else "-"
            )
            + _bullets(d.saran_rating_perilaku_penjelasan)
        )
        self._set_choice(
            d.rating_hasil or d.saran_rating_hasil, d.rating_perilaku or d.saran_rating_perilaku
        )
        self.catatan.setPlainText(d.catatan or "")
        self._loaded_catatan = d.catatan or ""
        self._baseline = self._screen()

    def _screen(self) -> tuple[Rating | None, Rating | None, str]:
        """The ratings and note on screen now."""
        return (
            enum_value(self.rating_hasil.currentData(), Rating),
            enum_value(self.rating_perilaku.currentData(), Rating),
            self.catatan.toPlainText(),
        )

    def _set_choice(self, hasil: Rating | None, perilaku: Rating | None) -> None:
        for combo, value in ((self.rating_hasil, hasil), (self.rating_perilaku, perilaku)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)
            combo.blockSignals(False)
        self._on_choice()

    def _on_choice(self) -> None:
        hasil, perilaku = (
            enum_value(self.rating_hasil.currentData(), Rating),
            enum_value(self.rating_perilaku.currentData(), Rating),
        )
        self.kuadran.highlight(hasil, perilaku)
        if hasil and perilaku:
            predikat = PREDIKAT_MATRIX[(hasil, perilaku)]
            self.predikat.setText(_("Predikat: <b>{p}</b>").format(p=predikat.label))
        else:
            self.predikat.setText(_("Pilih kedua rating untuk melihat predikat."))

    def _on_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if changes.realisasi or changes.evaluasi or changes.pengaturan:
            self.refresh()

    # ------------------------------------------------------------------ actions
    def chosen_differs(self) -> bool:
        """The user changed the ratings or note shown from the database (stored or suggested)."""
        d = self.derivasi
        if d is None or d.status is StatusEvaluasi.FINAL:
            return False
        hasil, perilaku, catatan = self._screen()
        base_hasil, base_perilaku, base_catatan = self._baseline
        return (
            hasil != base_hasil
            or perilaku != base_perilaku
            or catatan.strip() != base_catatan.strip()
        )

    def pending(self) -> list[str]:
        """An unsaved change of ratings or notes."""
        return [_("Evaluasi belum disimpan")] if self.chosen_differs() else []

    def discard_pending(self) -> None:
        """Show the stored evaluation again."""
        self._show()

    def save_pending(self) -> None:
        """Save the evaluation as a draft."""
        if self.chosen_differs():
            self.save(final=False)

    def save(self, *, final: bool) -> bool:
        """Store the penilai's choice (draft, or final and read-only) for the period shown.

        False when nothing could be sent (no employee, or a rating not chosen yet).
        """
        if self.pegawai is None or self.pegawai.nip is None:
            return False
        hasil, perilaku = (
            enum_value(self.rating_hasil.currentData(), Rating),
            enum_value(self.rating_perilaku.currentData(), Rating),
        )
        if hasil is None or perilaku is None:
            from app.errors import UserError  # noqa: PLC0415

            if self.state.runner.error_handler is not None:
                self.state.runner.error_handler(
                    UserError(_("Pilih rating hasil kerja dan rating perilaku kerja."))
                )
            return False
        # The period of the evaluation on screen (the combo may already show the next one).
        kode = self.derivasi.periode_kode if self.derivasi else self.periode.currentData()
        nip = self.pegawai.nip
        catatan = self.catatan.toPlainText().strip() or None
        self.state.write(
            lambda ctx: evaluasi_service.simpan_evaluasi(
                ctx,
                nip=nip,
                periode_kode=kode,
                rating_hasil=hasil,
                rating_perilaku=perilaku,
                catatan=catatan,
                final=final,
            )
        )
        return True

    def ask_finalise(self) -> None:
        """Confirm, then finalise (a final evaluation can no longer be changed)."""
        confirm(
            self,
            _("Finalkan evaluasi"),
            _("Evaluasi yang sudah final tidak dapat diubah lagi. Finalkan sekarang?"),
            self._finalise,
        )

    def _finalise(self) -> None:
        self.save(final=True)


def _bullets(lines: tuple[str, ...]) -> str:
    if not lines:
        return ""
    from html import escape  # noqa: PLC0415

    return (
        "<ul style='margin-left:-20px'>"
        + "".join(f"<li>{escape(line)}</li>" for line in lines)
        + "</ul>"
    )
