"""Recap of a unit's evaluations in one period, with its distribution curve, landscape.

Not an official PermenPANRB form: a working sheet for the unit head and BKD, so it follows the
same conventions (capital headings, column numbers, signature with place and date).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.io.pdf.common import SHADE, baris_kop, blok_ttd, gaya, judul, kotak, nip_cetak, p
from app.io.pdf.data import RekapSheet
from app.io.pdf.evaluasi import SUMBU_X, kurva

MELINTANG = True

KOLOM = (
    ("NO", 0.03),
    ("NAMA / NIP", 0.19),
    ("JABATAN", 0.15),
    ("PANGKAT/GOL RUANG", 0.10),
    ("UNIT KERJA", 0.14),
    ("CAPAIAN (ALAT BANTU)", 0.07),
    ("RATING HASIL KERJA", 0.08),
    ("RATING PERILAKU KERJA", 0.08),
    ("PREDIKAT KINERJA PEGAWAI", 0.09),
    ("STATUS", 0.07),
)


def flowables(sheet: RekapSheet, lebar: float) -> list[Flowable]:
    """Title, the employee table (header repeated on every page), counts, curve, signature."""
    g = gaya()
    parts: list[Flowable] = judul(
        "REKAPITULASI EVALUASI KINERJA PEGAWAI",
        sheet.kop.unit.upper(),
        f"PERIODE: {sheet.periode_label}",
    )
    parts += [Spacer(1, 3 * mm), baris_kop(sheet.kop, lebar), Spacer(1, 2 * mm)]
    rows: list[list[Any]] = [
        [p(name, g.kepala) for name, _w in KOLOM],
        [p(f"({i})", g.sel_tengah) for i in range(1, len(KOLOM) + 1)],
    ]
    for number, b in enumerate(sheet.baris, start=1):
        rows.append(
            [
                p(str(number), g.sel_tengah),
                p(f"{b.nama}\nNIP {nip_cetak(b.nip)}"),
                p(b.jabatan),
                p(b.pangkat_golongan),
                p(b.unit),
                p(b.capaian, g.sel_tengah),
                p(b.rating_hasil),
                p(b.rating_perilaku),
                p(b.predikat, g.sel_tebal),
                p(b.status),
            ]
        )
    if not sheet.baris:
        rows.append([p("Belum ada evaluasi pada periode ini.")] + [""] * (len(KOLOM) - 1))
    table = Table(rows, colWidths=[w * lebar for _n, w in KOLOM], repeatRows=2)
    style: list[tuple[Any, ...]] = [
        *kotak(),
        ("BACKGROUND", (0, 0), (-1, 1), SHADE),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ]
    if not sheet.baris:
        style.append(("SPAN", (0, 2), (-1, 2)))
    table.setStyle(TableStyle(style))
    total = sum(sheet.distribusi)
    counts: list[list[Any]] = [
        [p("PREDIKAT", g.kepala)] + [p(x, g.kepala) for x in SUMBU_X] + [p("JUMLAH", g.kepala)],
        [p("Jumlah pegawai", g.sel)]
        + [p(str(n), g.sel_tengah) for n in sheet.distribusi]
        + [p(str(total), g.sel_tengah)],
    ]
    summary = Table(counts, colWidths=[lebar * 0.16] + [lebar * 0.12] * 5 + [lebar * 0.1])
    summary.setStyle(TableStyle([*kotak(), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    parts += [
        table,
        Spacer(1, 4 * mm),
    ]
    closing: list[Flowable] = [
        p(f"CAPAIAN KINERJA ORGANISASI: {sheet.capaian_organisasi or '-'}", g.sub),
        Spacer(1, 2 * mm),
        summary,
        Spacer(1, 3 * mm),
        kurva(sheet.distribusi, sheet.capaian_organisasi, lebar * 0.6),
        Spacer(1, 4 * mm),
        blok_ttd(
            None,
            (
                sheet.penandatangan.jabatan.upper()
                if sheet.penandatangan
                else "KEPALA " + sheet.kop.unit.upper(),
                sheet.penandatangan,
            ),
            sheet.ttd,
            lebar,
        ),
    ]
    # Counts, curve and signature on one page, so the signature never stands alone.
    return [*parts, KeepTogether(closing)]
