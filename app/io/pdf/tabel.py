"""The two big tables of SKP and Evaluasi: HASIL KERJA and PERILAKU KERJA (domain.md §4.1, §4.5).

Both repeat their heading and column-number rows on every page, and keep the cells of one RHK
(or one BerAKHLAK value) row-spanned, as the official forms do; reportlab's table never splits
inside a row span, so an RHK moves whole to the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Table, TableStyle

from app.io.pdf.common import SHADE, gaya, kotak, markup, p
from app.io.pdf.data import IndikatorBaris, PerilakuBaris, RhkBaris

KUALITATIF_JUDUL = "Ukuran keberhasilan/Indikator Kinerja Individu, dan Target:"


@dataclass(frozen=True)
class Kolom:
    """A column of the HASIL KERJA table.

    ``per_rhk`` columns hold one cell spanned over all the RHK's indicator rows; the others
    hold one cell per indicator.
    """

    judul: str
    lebar: float
    per_rhk: bool
    isi: Callable[[int, RhkBaris, IndikatorBaris | None], Paragraph]


def _teks(value: str) -> Paragraph:
    return p(value or "-")


def _blok_kualitatif(rhk: RhkBaris, realisasi: bool) -> Paragraph:
    """RHK text, then the indicator/target list as bullets (§4.2)."""
    parts = [escape(rhk.uraian), f"<i>{escape(KUALITATIF_JUDUL)}</i>"]
    for ind in rhk.indikator:
        line = f"• {escape(ind.uraian)}: {escape(ind.target)}"
        if realisasi and ind.realisasi:
            line += f" (realisasi: {escape(ind.realisasi)})"
        parts.append(line)
    return markup("<br/>".join(parts))


def kolom_hasil_kerja(*, jpt: bool, kualitatif: bool, evaluasi: bool) -> list[Kolom]:
    """The columns for a sheet: SKP JA/JF 6 cols, Evaluasi 8 cols, JPT with perspektif."""
    cols: list[Kolom] = [Kolom("NO", 0.03, True, lambda n, _r, _i: p(str(n), gaya().sel_tengah))]
    if not jpt:
        cols.append(
            Kolom(
                "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI"
                if not evaluasi
                else "RHK PIMPINAN YANG DIINTERVENSI",
                0.17 if evaluasi else 0.25,
                True,
                lambda _n, r, _i: _teks(r.rhk_atasan),
            )
        )
    if kualitatif:
        cols.append(
            Kolom(
                "RENCANA HASIL KERJA",
                0.45 if not evaluasi else 0.40,
                True,
                lambda _n, r, _i: _blok_kualitatif(r, evaluasi),
            )
        )
    else:

        def rhk_cell(_n: int, r: RhkBaris, _i: IndikatorBaris | None) -> Paragraph:
            if jpt and r.rhk_atasan:
                return markup(f"{escape(r.uraian)}<br/><i>{escape(r.rhk_atasan)}</i>")
            return _teks(r.uraian)

        rhk_width = (0.17 if evaluasi else 0.25) if not jpt else (0.2 if evaluasi else 0.3)
        cols.append(Kolom("RENCANA HASIL KERJA", rhk_width, True, rhk_cell))

        def aspek(_n: int, _r: RhkBaris, i: IndikatorBaris | None) -> Paragraph:
            return _teks(i.aspek if i else "")

        def iki(_n: int, _r: RhkBaris, i: IndikatorBaris | None) -> Paragraph:
            return _teks(i.uraian if i else "")

        def target(_n: int, _r: RhkBaris, i: IndikatorBaris | None) -> Paragraph:
            return _teks(i.target if i else "")

        if jpt:
            cols += [
                Kolom("INDIKATOR KINERJA INDIVIDU", 0.22 if evaluasi else 0.37, False, iki),
                Kolom("TARGET", 0.08 if evaluasi else 0.13, False, target),
                Kolom("PERSPEKTIF", 0.09 if evaluasi else 0.17, False, aspek),
            ]
        else:
            cols += [
                Kolom("ASPEK", 0.07 if evaluasi else 0.10, False, aspek),
                Kolom("INDIKATOR KINERJA INDIVIDU", 0.18 if evaluasi else 0.27, False, iki),
                Kolom("TARGET", 0.08 if evaluasi else 0.10, False, target),
            ]
    if evaluasi:

        def realisasi(_n: int, r: RhkBaris, i: IndikatorBaris | None) -> Paragraph:
            if kualitatif:
                return _teks("; ".join(x.realisasi for x in r.indikator if x.realisasi))
            return _teks(i.realisasi if i else "")

        cols += [
            Kolom("REALISASI BERDASARKAN BUKTI DUKUNG", 0.12, kualitatif, realisasi),
            Kolom(
                "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
                0.0,  # takes what is left
                True,
                lambda _n, r, _i: _teks(r.umpan_balik),
            ),
        ]
    used = sum(c.lebar for c in cols)
    if evaluasi:
        cols[-1] = Kolom(cols[-1].judul, 1 - used, True, cols[-1].isi)
    else:  # scale the planning layout to exactly the page width
        cols = [Kolom(c.judul, c.lebar / used, c.per_rhk, c.isi) for c in cols]
    return cols


def tabel_hasil_kerja(
    cols: Sequence[Kolom],
    utama: Sequence[RhkBaris],
    tambahan: Sequence[RhkBaris],
    lebar: float,
    *,
    judul: str = "HASIL KERJA",
) -> Table:
    """HASIL KERJA with ``A. UTAMA`` / ``B. TAMBAHAN`` section rows and spanned RHK cells."""
    g = gaya()
    n = len(cols)
    rows: list[list[Any]] = [
        [p(judul, g.sel_tebal)] + [""] * (n - 1),
        [p(c.judul, g.kepala) for c in cols],
        [p(f"({i})", g.sel_tengah) for i in range(1, n + 1)],
    ]
    style: list[tuple[Any, ...]] = [
        *kotak(),
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 1), (-1, 2), SHADE),
        ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
    ]
    for section, items in (("A. UTAMA", utama), ("B. TAMBAHAN", tambahan)):
        r = len(rows)
        rows.append([p(section, g.sel_tebal)] + [""] * (n - 1))
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SHADE)]
        if not items:
            rows.append([p("-", g.sel_tengah)] + [""] * (n - 1))
            style += [("SPAN", (0, r + 1), (-1, r + 1)), ("NOSPLIT", (0, r), (-1, r + 1))]
            continue
        for number, rhk in enumerate(items, start=1):
            indikator: list[IndikatorBaris | None] = list(rhk.indikator) or [None]
            if all(c.per_rhk for c in cols):
                indikator = [indikator[0]]
            start = len(rows)
            for k, ind in enumerate(indikator):
                rows.append(
                    [c.isi(number, rhk, ind) if (not c.per_rhk or k == 0) else "" for c in cols]
                )
            end = len(rows) - 1
            if number == 1:  # a section heading never stays alone at the foot of a page
                style.append(("NOSPLIT", (0, r), (-1, end)))
            if end > start:
                style += [
                    ("SPAN", (c, start), (c, end)) for c, col in enumerate(cols) if col.per_rhk
                ]
    table = Table(rows, colWidths=[c.lebar * lebar for c in cols], repeatRows=3)
    table.setStyle(TableStyle(style))
    return table


def tabel_perilaku(
    perilaku: Sequence[PerilakuBaris],
    lebar: float,
    *,
    evaluasi: bool,
    judul: str = "PERILAKU KERJA",
) -> Table:
    """PERILAKU KERJA: each value takes 4 rows (name + 3 panduan), NO and expectation spanned."""
    g = gaya()
    heads = ["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN"]
    widths = [0.03, 0.52, 0.45]
    if evaluasi:
        heads.append("UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG")
        widths = [0.03, 0.42, 0.28, 0.27]
    n = len(heads)
    rows: list[list[Any]] = [
        [p(judul, g.sel_tebal)] + [""] * (n - 1),
        [p(h, g.kepala) for h in heads],
        [p(f"({i})", g.sel_tengah) for i in range(1, n + 1)],
    ]
    style: list[tuple[Any, ...]] = [
        *kotak(),
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 1), (-1, 2), SHADE),
        ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
    ]
    for number, item in enumerate(perilaku, start=1):
        start = len(rows)
        lines = [markup(f"<b>{escape(item.nilai)}</b>")] + [p(f"- {line}") for line in item.panduan]
        for k, line in enumerate(lines):
            row: list[Any] = [p(str(number), g.sel_tengah) if k == 0 else "", line]
            row.append(p(item.ekspektasi or "-") if k == 0 else "")
            if evaluasi:
                row.append(p(item.umpan_balik or "-") if k == 0 else "")
            rows.append(row)
        end = len(rows) - 1
        style += [("SPAN", (0, start), (0, end)), ("SPAN", (2, start), (2, end))]
        if evaluasi:
            style.append(("SPAN", (3, start), (3, end)))
    table = Table(rows, colWidths=[w * lebar for w in widths], repeatRows=3)
    table.setStyle(TableStyle(style))
    return table
