"""Data > Pengaturan kantor: the GUI side of ``capaian pengaturan`` (admins only).

One form per assessment year: the suggestion thresholds, the signing place, the JPT mapping and,
read-only, the period granularity; plus this PC's interface language. The values come from
``pengaturan.daftar_pengaturan`` and only the changed ones go back, together, through
``pengaturan.simpan_pengaturan`` (one transaction: the thresholds are checked as a whole), so
every rule stays in the services. A refusal keeps what was typed and shows the reason; after
a save the ``Changes(pengaturan=True)`` refreshes the screens that show suggestions.

The language is a preference of this PC (``app.preferensi``), not office data: it is written
to the data folder and takes effect the next time Capaian starts.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import preferensi
from app.errors import UserError
from app.i18n import _, language
from app.scoring.types import CapaianOrganisasi, Rating
from app.services import izin, pengaturan
from app.services.context import ServiceContext
from app.services.dto import PengaturanDTO
from app.services.setup import setting_label
from app.settings import (
    AMBANG_DI_ATAS,
    AMBANG_SESUAI,
    BATAS_ATAS,
    GRANULARITAS,
    PEMETAAN_JPT,
    TEMPAT_TTD,
)
from app.views.state import AppState

UBAH = "pengaturan.ubah"
ERROR_STYLE = "color: #b00020"
NOTE_STYLE = "color: #555555"
THRESHOLDS = (AMBANG_SESUAI, AMBANG_DI_ATAS, BATAS_ATAS)


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _number_text(value: float) -> str:
    """A spin box value as the service stores it: ``110``, ``92.5`` (no float noise)."""
    return format(Decimal(f"{value:.2f}").normalize(), "f")


def _number_locale() -> QLocale:
    """Decimal comma in Indonesian, point in English (the spin boxes default to C)."""
    if language() == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


class SettingsDialog(QDialog):
    """The office settings of one year, and this PC's interface language."""

    def __init__(
        self,
        state: AppState,
        tahun: int,
        parent: QWidget | None = None,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_saved = on_saved
        self.rows: dict[str, PengaturanDTO] = {}
        # What each threshold box showed once loaded: a stored value with more than two
        # decimals (``capaian pengaturan set ... 92.555``) is shown rounded, and must not count
        # as changed (and be written rounded) when the admin only changed another field.
        self.shown: dict[str, float] = {}
        self.setWindowTitle(_("Pengaturan kantor"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Pengaturan ini berlaku untuk seluruh kantor dan tersimpan di basis data. Ambang "
                "saran adalah pengaturan aplikasi, bukan ketentuan PermenPANRB 6/2022: sistem "
                "hanya menyarankan, pejabat penilai yang memutuskan."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        top = QFormLayout()
        self.tahun = QSpinBox()
        self.tahun.setRange(2000, 2100)
        self.tahun.setValue(tahun)
        self.tahun.valueChanged.connect(lambda _v: self.reload())
        top.addRow(_("Tahun penilaian"), self.tahun)
        self.granularitas = QLabel()
        self.granularitas.setWordWrap(True)
        top.addRow(_("Granularitas periode"), self.granularitas)
        layout.addLayout(top)

        self.notes: dict[str, QLabel] = {}
        saran = QGroupBox(_("Saran rating hasil kerja (capaian %)"))
        saran_form = QFormLayout(saran)
        self.ambang: dict[str, QDoubleSpinBox] = {}
        for key in THRESHOLDS:
            spin = QDoubleSpinBox()
            spin.setLocale(_number_locale())  # "90,00 %" in Indonesian, as printed elsewhere
            spin.setRange(0, 1000)
            spin.setDecimals(2)
            spin.setSuffix(" %")
            spin.setMinimumWidth(120)
            self.ambang[key.key] = spin
            saran_form.addRow(self._label(key.key), self._with_note(key.key, spin))
        layout.addWidget(saran)

        jpt = QGroupBox(_("Rating hasil kerja JPT dari capaian organisasi"))
        jpt_form = QFormLayout(jpt)
        self.pemetaan: dict[str, QComboBox] = {}
        for level in CapaianOrganisasi:
            combo = QComboBox()
            for rating in Rating:
                combo.addItem(rating.label, rating.value)
            self.pemetaan[level.value] = combo
            jpt_form.addRow(level.label.title(), combo)
        self.pemetaan_note = QLabel()
        self.pemetaan_note.setStyleSheet(NOTE_STYLE)
        jpt_form.addRow("", self.pemetaan_note)
        layout.addWidget(jpt)

        cetak = QGroupBox(_("Lembar cetak"))
        cetak_box = QVBoxLayout(cetak)
        cetak_form = QFormLayout()
        cetak_box.addLayout(cetak_form)
        self.tempat = QLineEdit()
        self.tempat.setMaxLength(100)
        cetak_form.addRow(
            _("Tempat penandatanganan"), self._with_note(TEMPAT_TTD.key, self.tempat, stretch=2)
        )
        tempat_note = QLabel(
            _(
                "Dicetak sebelum tanggal tanda tangan. Unit yang tempatnya berbeda dari "
                "induknya (mis. puskesmas di kecamatan lain) tetap memakai tempatnya sendiri."
            )
        )
        tempat_note.setWordWrap(True)
        tempat_note.setStyleSheet(NOTE_STYLE)
        cetak_box.addWidget(tempat_note)
        layout.addWidget(cetak)

        bottom = QFormLayout()
        self.berlaku = QComboBox()
        bottom.addRow(_("Perubahan berlaku"), self.berlaku)
        self.bahasa = QComboBox()
        self.bahasa.addItem("Indonesia", "id")
        self.bahasa.addItem("English", "en")
        self.bahasa.setCurrentIndex(max(0, self.bahasa.findData(preferensi.preferred_language())))
        bahasa_note = QLabel(_("berlaku setelah aplikasi dibuka ulang; hanya untuk PC ini"))
        bahasa_note.setStyleSheet(NOTE_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.bahasa)
        row.addWidget(bahasa_note, 1)
        bottom.addRow(_("Bahasa antarmuka"), row)
        layout.addLayout(bottom)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Simpan"))
        self.ok.setObjectName("simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Batal"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fields: dict[str, QWidget] = {
            **self.ambang,
            TEMPAT_TTD.key: self.tempat,
            PEMETAAN_JPT.key: self.pemetaan[CapaianOrganisasi.ISTIMEWA.value],
            "tahun_berlaku": self.berlaku,
            "bahasa": self.bahasa,
        }
        self.fit()

    def fit(self, width: int = 660) -> None:
        """Size for ``width`` with every wrapped text whole.

        A top-level window ignores height-for-width by itself, and the granularity sentence
        arrives with the data, so this runs again after each load.
        """
        layout = self.layout()
        if layout is not None:  # new texts: let the layout measure them first
            layout.invalidate()
            layout.activate()
        self.resize(width, max(self.heightForWidth(width), self.sizeHint().height()))

    def _label(self, kunci: str) -> str:
        return setting_label(pengaturan.setting_by_key(kunci))

    def _with_note(self, kunci: str, field: QWidget, stretch: int = 0) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, stretch)
        note = QLabel()
        note.setStyleSheet(NOTE_STYLE)
        self.notes[kunci] = note
        row.addWidget(note, 1)
        return box

    # ------------------------------------------------------------------ load
    def reload(self) -> None:
        """Read the settings in force in the chosen year (typed changes are replaced)."""
        tahun = self.tahun.value()
        self.state.read(
            lambda ctx: pengaturan.daftar_pengaturan(ctx, tahun),
            self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, rows: tuple[PengaturanDTO, ...]) -> None:
        self.message.clear()
        self.rows = {row.kunci: row for row in rows}
        tahun = self.tahun.value()
        for kunci, spin in self.ambang.items():
            spin.setValue(float(_decimal(self.rows[kunci].nilai) or 0))
            self.shown[kunci] = spin.value()
            self.notes[kunci].setText(pengaturan.asal_nilai(self.rows[kunci]))
        tempat = self.rows[TEMPAT_TTD.key]
        self.tempat.setText(str(tempat.nilai))
        self.notes[TEMPAT_TTD.key].setText(pengaturan.asal_nilai(tempat))
        mapping = self.rows[PEMETAAN_JPT.key]
        values = mapping.nilai if isinstance(mapping.nilai, dict) else {}
        for level, combo in self.pemetaan.items():
            combo.setCurrentIndex(max(0, combo.findData(values.get(level))))
        self.pemetaan_note.setText(
            pengaturan.asal_nilai(mapping)
            + (_("; belum dikonfirmasi dengan BKD") if mapping.berlaku_sejak is None else "")
        )
        granularitas = self.rows[GRANULARITAS.key]
        self.granularitas.setText(
            _(
                "{nilai} ({asal}). Tidak diubah di sini: periode tahun yang sudah disiapkan "
                "mencatat realisasi dan evaluasinya per periode itu. Untuk tahun yang belum "
                "disiapkan, admin dapat mengubahnya dengan perintah capaian pengaturan set."
            ).format(nilai=granularitas.teks, asal=pengaturan.asal_nilai(granularitas))
        )
        self.berlaku.clear()
        self.berlaku.addItem(_("mulai tahun {tahun}").format(tahun=tahun), tahun)
        self.berlaku.addItem(_("semua tahun"), 0)
        self.fit(max(660, self.width()))

    # ------------------------------------------------------------------ save
    def changed_values(self) -> dict[str, Any]:
        """The settings whose field differs from the value in force, as the service takes them."""
        changed: dict[str, Any] = {}
        for kunci, spin in self.ambang.items():
            if spin.value() != self.shown.get(kunci):
                changed[kunci] = _number_text(spin.value())
        if self.tempat.text().strip() != str(self.rows[TEMPAT_TTD.key].nilai):
            changed[TEMPAT_TTD.key] = self.tempat.text()
        mapping = {level: str(combo.currentData()) for level, combo in self.pemetaan.items()}
        if mapping != self.rows[PEMETAAN_JPT.key].nilai:
            changed[PEMETAAN_JPT.key] = mapping
        return changed

    def submit(self) -> None:
        """Save the language preference, then the changed office settings in one write."""
        self.message.clear()
        bahasa = str(self.bahasa.currentData())
        if bahasa != preferensi.preferred_language():
            try:
                preferensi.save_language(bahasa)
            except UserError as error:
                self._failed(error)
                return
        changed = self.changed_values()
        if not self.rows or not changed:
            self._saved(None)
            return
        berlaku = int(self.berlaku.currentData())
        self.state.write(
            lambda ctx: pengaturan.simpan_pengaturan(ctx, changed, berlaku),
            self._saved,
            on_failure=self._failed,
            label=_("Menyimpan..."),
        )

    def _saved(self, _value: object) -> None:
        self.accept()
        if self.on_saved is not None:
            self.on_saved()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            if self.state.runner.error_handler is None:
                raise error
            self.state.runner.error_handler(error)
            return
        self.message.setText(error.message)
        self.fit(max(660, self.width()))  # room for the message without squeezing the fields
        widget = self.fields.get(error.field or "")
        if widget is not None:
            widget.setFocus()


class SettingsAction:
    """*Pengaturan kantor...* in the Data menu, shown only to whom the matrix lets change it.

    Re-evaluated when the menu opens, when another database is opened, and after each save.
    """

    def __init__(self, menu: QMenu, window: QWidget, state: AppState) -> None:
        self.window = window
        self.state = state
        self.dialog: SettingsDialog | None = None
        menu.addSeparator()
        self.action = QAction(_("Pengaturan kantor..."), window)
        self.action.triggered.connect(self.show_settings)
        menu.addAction(self.action)
        menu.aboutToShow.connect(self.refresh)
        state.context_switched.connect(self._switched)
        self._apply(False)
        self.refresh()

    def refresh(self) -> None:
        """Ask the permission matrix about the signed-in user."""
        self.state.read(lambda ctx: izin.boleh(ctx, UBAH), self._apply)

    def _apply(self, allowed: bool) -> None:
        self.action.setVisible(allowed)
        self.action.setEnabled(allowed)

    def _switched(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.refresh()

    def year(self) -> int:
        """The main window's year when it has one, else this year."""
        combo = getattr(self.window, "tahun", None)
        chosen = combo.currentData() if isinstance(combo, QComboBox) else None
        return int(chosen) if chosen else self._today().year

    def _today(self) -> Any:
        ctx: ServiceContext = self.state.ctx
        return ctx.today()

    def show_settings(self) -> None:
        """Open the form for the chosen year, freshly read."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = SettingsDialog(self.state, self.year(), self.window, self.refresh)
        self.dialog.reload()
        self.dialog.show()
