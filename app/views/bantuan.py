"""Help menu: the user guide (docs/panduan.md) and the About dialog with bundled licences.

The guide is read from the ``docs`` folder beside the package (shipped in the frozen bundle)
and shown as Markdown; the About dialog lists the version and, for every bundled component,
its version and licence as its own package metadata declares them, so the list cannot drift.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.i18n import _

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


def install_help_menu(window: QMainWindow) -> QMenu:
    """Add *Bantuan* (F1: the guide; About) to the window's menu bar and return it."""
    menu = window.menuBar().addMenu(_("&Bantuan"))
    guide = QAction(_("Panduan pengguna"), window)
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    guide.triggered.connect(lambda: GuideDialog(window).show())
    menu.addAction(guide)
    about = QAction(_("Tentang {app}").format(app=APP_NAME), window)
    about.triggered.connect(lambda: AboutDialog(window).show())
    menu.addAction(about)
    return menu
