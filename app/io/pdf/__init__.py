"""Official printed sheets (PDF): SKP + Lampiran, Evaluasi, Dokumen Evaluasi, unit recap.

:func:`tulis_pdf` writes any mix of sheets into one file, each starting on a new page in its own
orientation (the wide forms landscape), each page footed with its sheet's verification code and
QR. The file is written under a temporary name and renamed, so a cancelled or failed print never
leaves a half-written PDF that looks complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from app.errors import UserError
from app.i18n import _
from app.io.pdf import dokumen_evaluasi, evaluasi, rekap, skp
from app.io.pdf.common import (
    FONT,
    FOOTER,
    MARGIN,
    Kertas,
    Penanda,
    daftarkan_font,
    isi_qr,
    kaki_halaman,
    kertas_halaman,
    kode_verifikasi,
)
from app.io.pdf.data import (
    DokumenEvaluasiSheet,
    EvaluasiSheet,
    RekapSheet,
    Sheet,
    SkpSheet,
)

__all__ = ["Kertas", "kode_verifikasi", "melintang", "tulis_pdf"]


def melintang(sheet: Sheet) -> bool:
    """Whether the sheet is printed landscape (the wide forms are)."""
    if isinstance(sheet, SkpSheet):
        return skp.MELINTANG
    if isinstance(sheet, EvaluasiSheet):
        return evaluasi.MELINTANG
    if isinstance(sheet, DokumenEvaluasiSheet):
        return dokumen_evaluasi.MELINTANG
    return rekap.MELINTANG


def _flowables(sheet: Sheet, lebar: float) -> list[Flowable]:
    if isinstance(sheet, SkpSheet):
        return skp.flowables(sheet, lebar)
    if isinstance(sheet, EvaluasiSheet):
        return evaluasi.flowables(sheet, lebar)
    if isinstance(sheet, DokumenEvaluasiSheet):
        return dokumen_evaluasi.flowables(sheet, lebar)
    assert isinstance(sheet, RekapSheet)
    return rekap.flowables(sheet, lebar)


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    width, height = size
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER,
        width - 2 * MARGIN,
        height - 2 * MARGIN - FOOTER,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )
    return PageTemplate(id=name, frames=[frame], pagesize=size, onPageEnd=kaki_halaman)


def tulis_pdf(
    path: Path,
    sheets: Sequence[Sheet],
    kertas: Kertas = Kertas.A4,
    *,
    saat_lembar: Callable[[int], None] | None = None,
    judul_berkas: str = "Capaian",
) -> int:
    """Write ``sheets`` into the PDF ``path``; returns the number of pages.

    ``saat_lembar(i)`` is called as sheet ``i`` (0-based) starts to be drawn; it may raise to
    stop the print (the batch service's cancel), in which case nothing is left at ``path``.
    """
    if not sheets:
        raise ValueError("tidak ada lembar untuk dicetak")
    daftarkan_font()
    sizes = {
        "melintang": kertas_halaman(kertas, melintang=True),
        "tegak": kertas_halaman(kertas, melintang=False),
    }
    first = "melintang" if melintang(sheets[0]) else "tegak"
    order = [first, *(n for n in sizes if n != first)]
    temp = path.with_name(f".{path.name}.sementara")
    doc = BaseDocTemplate(
        str(temp),
        pagesize=sizes[first],
        pageTemplates=[_template(name, sizes[name]) for name in order],
        title=judul_berkas,
        author="Capaian",
        creator="Capaian",
        invariant=True,
        initialFontName=FONT,  # no unembedded base font referenced anywhere in the file
        initialFontSize=9,
    )
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets):
        name = "melintang" if melintang(sheet) else "tegak"
        width = sizes[name][0] - 2 * MARGIN
        if index:
            story += [NextPageTemplate(name), PageBreak()]
        kode = kode_verifikasi(sheet)
        story.append(Penanda(kode, isi_qr(sheet, kode), index, saat_lembar))
        story += _flowables(sheet, width)
    try:
        doc.build(story)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(
            _("Berkas PDF {path} tidak dapat ditulis: {err}").format(path=path, err=exc.strerror)
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return int(doc.page)
