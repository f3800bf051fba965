"""Printing the assessor's cheat sheet (``docs/ringkas.md``) as a one-page PDF.

The sheet is static help text shipped with the program (the installer bundles ``docs``), so
this use case needs no database and no permission: it works before the office is set up, from
``capaian print ringkas --out FILE.pdf`` and from the GUI's Help menu alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import app
from app.errors import UserError
from app.i18n import _
from app.io.pdf.common import Kertas
from app.io.pdf.ringkas import tulis_ringkas

SUMBER = Path(app.__file__).resolve().parent.parent / "docs" / "ringkas.md"
"""The cheat sheet's Markdown, beside the package (and in the frozen bundle's ``docs``)."""
NAMA_BERKAS = "lembar-ringkas-capaian.pdf"
"""File name used when the target is a folder (and offered by the GUI's save dialog)."""


@dataclass(frozen=True)
class LembarRingkasDTO:
    """The written cheat sheet: where, how many pages (1), paper and body font size."""

    path: Path
    halaman: int
    kertas: str
    ukuran_huruf: float
    sumber: Path


def cetak_ringkas(
    out: Path, *, kertas: Kertas = Kertas.A4, sumber: Path | None = None
) -> LembarRingkasDTO:
    """Write the cheat sheet to ``out`` (a PDF file name, or a folder to put it in).

    ``sumber`` replaces the shipped Markdown (tests, a pemda's own version). A sheet that does
    not fit one page is refused (ValidationError naming the file) and nothing is written.
    """
    source = sumber or SUMBER
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            _("Berkas lembar ringkas {path} tidak dapat dibaca; pasang ulang Capaian.").format(
                path=source
            ),
            field="ringkas",
        ) from exc
    target = out / NAMA_BERKAS if out.is_dir() else out
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            _("Folder {path} tidak dapat dibuat: {err}").format(
                path=target.parent, err=exc.strerror
            ),
            field="out",
        ) from exc
    hasil = tulis_ringkas(target, text, sumber=str(source), kertas=kertas)
    return LembarRingkasDTO(target, hasil.halaman, kertas.value, hasil.ukuran_huruf, source)
