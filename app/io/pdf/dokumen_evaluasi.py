"""Dokumen Evaluasi Kinerja Pegawai: one portrait page (domain.md §4.6).

Headings are kept verbatim: BKD staff and the parsers of e-Kinerja documents key on them.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.io.pdf.common import (
    IDENTITAS_LABEL,
    SHADE,
    blok_ttd,
    gaya,
    judul,
    kotak,
    nip_cetak,
    p,
    rentang,
)
from app.io.pdf.data import DokumenEvaluasiSheet, Identitas

MELINTANG = False
DRAF = "DRAF - EVALUASI BELUM FINAL"


def _nilai(who: Identitas) -> tuple[str, ...]:
    return (who.nama, nip_cetak(who.nip), who.pangkat_golongan, who.jabatan, who.unit_kerja)


def flowables(sheet: DokumenEvaluasiSheet, lebar: float) -> list[Flowable]:
    """Title, the five numbered sections, and the two dated signature columns."""
    g = gaya()
    parts: list[Flowable] = judul(
        "DOKUMEN EVALUASI KINERJA PEGAWAI", f"PERIODE: {sheet.periode_label}"
    )
    if not sheet.final:
        parts.append(p(DRAF, g.judul))
    instansi = " / ".join(x for x in (sheet.kop.instansi.upper(), sheet.kop.unit.upper()) if x)
    parts += [
        Spacer(1, 4 * mm),
        p(f"NAMA INSTANSI / UNIT KERJA : {instansi}", g.sub),
        p("PERIODE PENILAIAN: " + rentang(sheet.kop.mulai, sheet.kop.selesai), g.sub),
        Spacer(1, 2 * mm),
    ]
    rows: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [*kotak()]

    def section(number: int, title: str, lines: list[tuple[str, str]]) -> None:
        start = len(rows)
        rows.append([p(str(number), g.sel_tengah), p(title, g.sel_tebal), "", ""])
        style.extend(
            [("SPAN", (1, start), (3, start)), ("BACKGROUND", (0, start), (-1, start), SHADE)]
        )
        for k, (label, value) in enumerate(lines, start=1):
            rows.append(["", p(str(k), g.sel_tengah), p(label), p(value)])
        style.append(("SPAN", (0, start), (0, len(rows) - 1)))

    section(
        1, "PEGAWAI YANG DINILAI", list(zip(IDENTITAS_LABEL, _nilai(sheet.pegawai), strict=True))
    )
    section(
        2, "PEJABAT PENILAI KINERJA", list(zip(IDENTITAS_LABEL, _nilai(sheet.penilai), strict=True))
    )
    section(
        3,
        "ATASAN PEJABAT PENILAI KINERJA",
        list(zip(IDENTITAS_LABEL, _nilai(sheet.atasan_penilai), strict=True)),
    )
    section(
        4,
        "EVALUASI KINERJA",
        [
            ("CAPAIAN KINERJA ORGANISASI", sheet.capaian_organisasi or "-"),
            ("PREDIKAT KINERJA PEGAWAI", sheet.predikat or "-"),
        ],
    )
    start = len(rows)
    rows.append([p("5", g.sel_tengah), p("CATATAN/REKOMENDASI", g.sel_tebal), "", ""])
    rows.append(["", p(sheet.catatan or "-"), "", ""])
    style += [
        ("SPAN", (1, start), (3, start)),
        ("BACKGROUND", (0, start), (-1, start), SHADE),
        ("SPAN", (1, start + 1), (3, start + 1)),
        ("SPAN", (0, start), (0, start + 1)),
    ]
    table = Table(rows, colWidths=[lebar * 0.06, lebar * 0.06, lebar * 0.3, lebar * 0.58])
    table.setStyle(TableStyle(style))
    parts += [
        table,
        Spacer(1, 6 * mm),
        blok_ttd(
            ("PEGAWAI YANG DINILAI", sheet.pegawai),
            ("PEJABAT PENILAI KINERJA", sheet.penilai),
            sheet.ttd,
            lebar,
            tanggal_kiri=True,
        ),
    ]
    return parts
