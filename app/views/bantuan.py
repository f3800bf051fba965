"""Help menu: the user guide (docs/panduan.md), the cheat sheet as PDF, and the About dialog.

The guide is read from the ``docs`` folder beside the package (shipped in the frozen bundle)
and shown as Markdown; the About dialog lists the version and, for every bundled component,
its version and licence as its own package metadata declares them, so the list cannot drift.
The one-page cheat sheet (docs/ringkas.md) is saved as PDF by the same service as
``capaian print ringkas``, on the task runner's general pool (it needs no database).
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__, preferensi
from app.errors import UserError
from app.i18n import _
from app.services.lembar_ringkas import NAMA_BERKAS, LembarRingkasDTO, cetak_ringkas
from app.views.dialogs import show_info, show_user_error
from app.views.tasks import TaskRunner

DOCS_DIR = Path(__file__).resolve().parent.parent.parent / "docs"
COMPONENTS = (
    "PySide6-Essentials",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "pandas",
    "numpy",
    "openpyxl",
    "python-calamine",
    "reportlab",
    "pillow",
    "cryptography",
    "argon2-cffi",
    "platformdirs",
    "psycopg",
)
FONTS = ("DejaVu Sans", "Bitstream Vera / DejaVu (bebas), resources/fonts/LICENSE-DejaVu.txt")


def licence_of(distribution: str) -> tuple[str, str]:
    """(version, licence) of an installed distribution, from its own metadata."""
    try:
        info = metadata.metadata(distribution).json
    except metadata.PackageNotFoundError:
        return "-", _("tidak terpasang")
    licence = str(info.get("license_expression") or info.get("license") or "")
    if not licence or len(licence) > 60:  # some packages put the whole text in License
        classifiers = [c for c in info.get("classifier", []) if str(c).startswith("License ::")]
        licence = str(classifiers[-1]).split("::")[-1].strip() if classifiers else licence[:60]
    return str(info.get("version") or "-"), licence or "-"


_IMAGE = re.compile(r"^!\[[^\]]*\]\(([^)]+)\)\s*$")


def _without_missing_images(markdown: str, folder: Path) -> str:
    """Drop image lines whose file was not generated (``scripts/gambar-panduan.sh``)."""
    kept = []
    for line in markdown.splitlines():
        found = _IMAGE.match(line)
        if found is None or (folder / found.group(1)).exists():
            kept.append(line)
    return "\n".join(kept)


class GuideDialog(QDialog):
    """The user guide, rendered from Markdown; its images are looked up beside the file."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Panduan pengguna"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        guide = path or DOCS_DIR / "panduan.md"
        try:
            text = _without_missing_images(guide.read_text(encoding="utf-8"), guide.parent)
            self.browser.setSearchPaths([str(guide.parent)])
        except OSError:
            text = _("Berkas panduan {path} tidak ditemukan.").format(path=guide)
        self.browser.setMarkdown(text)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 640)


class AboutDialog(QDialog):
    """Version, purpose and the licences of the components Capaian ships with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Tentang {app}").format(app=APP_NAME))
        layout = QVBoxLayout(self)
        title = QLabel(
            _(
                "<b>{app} {versi}</b><br>Penilaian kinerja ASN berbasis capaian "
                "(PermenPANRB 6/2022), bekerja tanpa internet."
            ).format(app=APP_NAME, versi=__version__)
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(QLabel(_("Komponen yang disertakan dan lisensinya:")))
        rows = [(name, *licence_of(name)) for name in COMPONENTS]
        rows.append((FONTS[0], "2.37", FONTS[1]))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([_("Komponen"), _("Versi"), _("Lisensi")])
        self.table.verticalHeader().setVisible(False)
        for number, row in enumerate(rows):
            for column, value in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 480)


def default_cheat_sheet_path() -> Path:
    """``lembar-ringkas-capaian.pdf`` in the user's documents folder (home if there is none)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return folder / NAMA_BERKAS


def save_cheat_sheet(window: QWidget, path: Path, runner: TaskRunner | None = None) -> None:
    """Write the cheat sheet PDF to ``path`` off the GUI thread, then say where it went.

    Without a runner (a window built outside the shell) the one-page render runs inline.
    """
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")

    def saved(dto: LembarRingkasDTO) -> None:
        show_info(
            window,
            _("Lembar ringkas disimpan"),
            _("Lembar ringkas disimpan di {path}.").format(path=dto.path),
        )

    if runner is not None:
        # Failures go to the runner's handler: a UserError (no room, unwritable folder) is
        # shown as a plain warning, anything else as a crash report.
        runner.pool(
            lambda: cetak_ringkas(path), on_success=saved, label=_("Menyimpan lembar ringkas...")
        )
        return
    try:
        dto = cetak_ringkas(path)
    except UserError as exc:
        show_user_error(window, exc)
        return
    saved(dto)


def ask_save_cheat_sheet(window: QWidget, runner: TaskRunner | None = None) -> None:
    """Ask for the PDF's file name, then save the cheat sheet there."""
    name, _filter = QFileDialog.getSaveFileName(
        window,
        _("Simpan lembar ringkas"),
        str(default_cheat_sheet_path()),
        _("Dokumen PDF (*.pdf)"),
    )
    if name:
        save_cheat_sheet(window, Path(name), runner)


class BahasaDialog(QDialog):
    """The interface language of this PC, for every user (office settings are admin-only).

    It is a preference of the machine, not office data (``app.preferensi``), read at start.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Bahasa antarmuka"))
        layout = QVBoxLayout(self)
        self.bahasa = QComboBox()
        self.bahasa.addItem("Indonesia", "id")
        self.bahasa.addItem("English", "en")
        self.bahasa.setCurrentIndex(max(0, self.bahasa.findData(preferensi.preferred_language())))
        layout.addWidget(self.bahasa)
        note = QLabel(_("Berlaku setelah Capaian dibuka ulang; hanya untuk PC ini."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Store the choice; an unwritable data folder is said plainly and the dialog stays."""
        try:
            preferensi.save_language(str(self.bahasa.currentData()))
        except UserError as error:
            show_user_error(self, error)
            return
        self.accept()
        show_info(
            self.parentWidget(),
            _("Bahasa antarmuka"),
            _("Bahasa {bahasa} dipakai mulai Capaian dibuka berikutnya.").format(
                bahasa=self.bahasa.currentText()
            ),
        )


def install_help_menu(window: QMainWindow, runner: TaskRunner | None = None) -> QMenu:
    """Add *Bantuan* (F1: the guide; the cheat sheet as PDF; About) to the menu bar; return it."""
    menu = window.menuBar().addMenu(_("&Bantuan"))
    guide = QAction(_("Panduan pengguna"), window)
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    guide.triggered.connect(lambda: GuideDialog(window).show())
    menu.addAction(guide)
    cheat_sheet = QAction(_("Simpan lembar ringkas (PDF)..."), window)
    cheat_sheet.triggered.connect(lambda: ask_save_cheat_sheet(window, runner))
    menu.addAction(cheat_sheet)
    language = QAction(_("Bahasa antarmuka..."), window)
    language.triggered.connect(lambda: BahasaDialog(window).open())
    menu.addAction(language)
    about = QAction(_("Tentang {app}").format(app=APP_NAME), window)
    about.triggered.connect(lambda: AboutDialog(window).show())
    menu.addAction(about)
    return menu
