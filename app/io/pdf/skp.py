"""SKP planning sheet and Lampiran SKP (domain.md §4.1-§4.4), landscape."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from app.io.pdf.common import SHADE, baris_kop, blok_ttd, gaya, judul, kotak, p, tabel_identitas
from app.io.pdf.data import SkpSheet
from app.io.pdf.tabel import kolom_hasil_kerja, tabel_hasil_kerja, tabel_perilaku

MELINTANG = True

JUDUL_JPT = "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
JUDUL_JA_JF = "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
KONSEP = "KONSEP - SKP BELUM DISETUJUI, TIDAK UNTUK DITANDATANGANI"


def baris_pendekatan(kualitatif: bool) -> str:
    """``PENDEKATAN HASIL KERJA KUANTITATIF`` or ``... KUALITATIF``."""
    return "PENDEKATAN HASIL KERJA " + ("KUALITATIF" if kualitatif else "KUANTITATIF")


def _kepala(sheet: SkpSheet, title: str, lebar: float) -> list[Flowable]:
    parts: list[Flowable] = judul(
        title, baris_pendekatan(sheet.kualitatif), JUDUL_JPT if sheet.jpt else JUDUL_JA_JF
    )
    if sheet.konsep:
        parts.append(p(KONSEP, gaya().judul))
    parts += [Spacer(1, 3 * mm), baris_kop(sheet.kop, lebar), Spacer(1, 2 * mm)]
    return parts


def _ttd(sheet: SkpSheet, lebar: float) -> Flowable:
    return blok_ttd(
        ("PEGAWAI YANG DINILAI", sheet.pegawai),
        ("PEJABAT PENILAI KINERJA", sheet.penilai),
        sheet.ttd,
        lebar,
    )


def flowables(sheet: SkpSheet, lebar: float) -> list[Flowable]:
    """The SKP pages, then the Lampiran SKP starting on a new page."""
    cols = kolom_hasil_kerja(jpt=sheet.jpt, kualitatif=sheet.kualitatif, evaluasi=False)
    parts = _kepala(sheet, "SASARAN KINERJA PEGAWAI", lebar)
    parts += [
        tabel_identitas(
            sheet.pegawai, sheet.penilai, lebar, label_penilai="INSTANSI" if sheet.jpt else None
        ),
        Spacer(1, 3 * mm),
        CondPageBreak(45 * mm),
        tabel_hasil_kerja(cols, sheet.utama, sheet.tambahan, lebar),
        Spacer(1, 3 * mm),
        CondPageBreak(45 * mm),
        tabel_perilaku(sheet.perilaku, lebar, evaluasi=False),
        Spacer(1, 4 * mm),
        _ttd(sheet, lebar),
        PageBreak(),
    ]
    parts += lampiran(sheet, lebar)
    return parts


def lampiran(sheet: SkpSheet, lebar: float) -> list[Flowable]:
    """LAMPIRAN SASARAN KINERJA PEGAWAI: one ``NO | uraian`` table with shaded sections."""
    g = gaya()
    parts = _kepala(sheet, "LAMPIRAN SASARAN KINERJA PEGAWAI", lebar)
    rows: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [*kotak()]
    for bagian in sheet.lampiran:
        r = len(rows)
        rows.append([p(bagian.judul, g.sel_tebal), ""])
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SHADE)]
        for number, line in enumerate(bagian.butir or ("-",), start=1):
            rows.append([p(str(number), g.sel_tengah), p(line)])
    table = Table(rows, colWidths=[lebar * 0.04, lebar * 0.96])
    table.setStyle(TableStyle(style))
    parts += [table, Spacer(1, 4 * mm), _ttd(sheet, lebar)]
    return parts
