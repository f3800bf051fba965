"""Official printed sheets (PDF): SKP + Lampiran, Evaluasi, Dokumen Evaluasi, unit recap.

:func:`tulis_pdf` writes any mix of sheets into one file, each starting on a new page in its own
orientation (the wide forms landscape), each page footed with its sheet's verification code and
QR. The file is written under a temporary name and renamed, so a cancelled or failed print never
leaves a half-written PDF that looks complete.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from app.io.pdf import dokumen_evaluasi, evaluasi, rekap, skp
from app.io.pdf.common import (
    FONT,
    FOOTER,
    MARGIN,
    Kertas,
    Penanda,
    bangun_lalu_ganti,
    berkas_sementara,
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


class _Tunda:
    """A sheet not yet laid out: expanded into its flowables only when the build reaches it.

    A batch of thousands of employees would otherwise hold every cell paragraph of every
    sheet in memory before the first page is drawn (about a megabyte per Evaluasi sheet).
    """

    def __init__(
        self,
        sheet: Sheet,
        index: int,
        sizes: dict[str, tuple[float, float]],
        saat_lembar: Callable[[int], None] | None,
    ) -> None:
        self.sheet = sheet
        self.index = index
        self.sizes = sizes
        self.saat_lembar = saat_lembar

    def buka(self) -> list[Flowable]:
        """Page break to the sheet's orientation, the code marker, then the sheet itself."""
        name = "melintang" if melintang(self.sheet) else "tegak"
        width = self.sizes[name][0] - 2 * MARGIN
        parts: list[Flowable] = []
        if self.index:
            parts += [NextPageTemplate(name), PageBreak()]
        kode = kode_verifikasi(self.sheet)
        parts.append(Penanda(kode, isi_qr(self.sheet, kode), self.index, self.saat_lembar))
        return parts + _flowables(self.sheet, width)


class _Dokumen(BaseDocTemplate):
    """The document template that expands :class:`_Tunda` placeholders as it goes."""

    def filterFlowables(self, flowables: list[Any]) -> None:  # noqa: N802 - reportlab hook
        """Replace a placeholder at the front of the story by the sheet's flowables."""
        while flowables and isinstance(flowables[0], _Tunda):
            flowables[0:1] = flowables[0].buka()


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
    temp = berkas_sementara(path)
    doc = _Dokumen(
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
    story: list[Any] = [
        _Tunda(sheet, index, sizes, saat_lembar) for index, sheet in enumerate(sheets)
    ]
    bangun_lalu_ganti(doc, story, path)
    return int(doc.page)
