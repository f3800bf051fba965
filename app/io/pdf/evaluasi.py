"""Evaluasi Kinerja Pegawai, periodic and annual (domain.md §4.5; JPT §4.3), landscape.

The distribution curve is drawn with reportlab graphics (vector, so it prints sharp): bars of
the unit's head-count per predikat on the official axis order, joined by the curve line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from app.io.pdf.common import (
    FONT,
    FONT_BOLD,
    SHADE,
    baris_kop,
    blok_ttd,
    gaya,
    judul,
    kotak,
    p,
    tabel_identitas,
)
from app.io.pdf.data import EvaluasiSheet
from app.io.pdf.skp import JUDUL_JA_JF, JUDUL_JPT, baris_pendekatan
from app.io.pdf.tabel import kolom_hasil_kerja, tabel_hasil_kerja, tabel_perilaku

MELINTANG = True

SUMBU_X = ("Sangat Kurang", "Kurang/Misconduct", "Butuh Perbaikan", "Baik", "Sangat Baik")
"""The curve's x-axis, lowest to highest, as printed on the official chart (§3.4)."""
DRAF = "DRAF - EVALUASI BELUM FINAL, TIDAK UNTUK DITANDATANGANI"


def judul_kurva(capaian: str | None) -> str:
    """``KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI DENGAN CAPAIAN KINERJA ORGANISASI BAIK``."""
    return "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI DENGAN CAPAIAN KINERJA ORGANISASI " + (
        capaian or "-"
    )


def kurva(distribusi: Sequence[int], capaian: str | None, lebar: float) -> Drawing:
    """The distribution chart: frequency of each predikat in the unit, bars plus curve."""
    width, height = lebar, 62 * mm
    drawing = Drawing(width, height)
    drawing.hAlign = "CENTER"
    # read by the renderer; without it the PDF references (unembedded) Helvetica
    setattr(drawing, "initialFontName", FONT)  # noqa: B010 - not a declared attribute
    chart = VerticalBarChart()
    # reportlab types these as int; whole points are precise enough for a chart.
    chart.x, chart.y = round(18 * mm), round(12 * mm)
    chart.width, chart.height = round(width - 24 * mm), round(height - 22 * mm)
    chart.data = [list(distribusi)]
    chart.bars[0].fillColor = colors.Color(0.55, 0.67, 0.85)
    chart.bars[0].strokeColor = colors.black
    chart.bars[0].strokeWidth = 0.3
    top = max(max(distribusi, default=0), 1)
    step = max(1, -(-top // 5))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (-(-top // step) + 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(SUMBU_X)
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 5
    drawing.add(chart)
    # The curve through the bar tops, as the official "kurva" shows the shape of the spread.
    slot = chart.width / len(distribusi)
    scale = chart.height / chart.valueAxis.valueMax
    points: list[float] = []
    for i, value in enumerate(distribusi):
        points += [chart.x + slot * (i + 0.5), chart.y + value * scale]
    drawing.add(PolyLine(points, strokeColor=colors.Color(0.8, 0.1, 0.1), strokeWidth=1.2))
    drawing.add(
        String(
            width / 2,
            height - 6 * mm,
            judul_kurva(capaian),
            fontName=FONT_BOLD,
            fontSize=7.5,
            textAnchor="middle",
        )
    )
    axis = Group(String(0, 0, "Frekuensi Pegawai", fontName=FONT, fontSize=7, textAnchor="middle"))
    axis.translate(6 * mm, chart.y + chart.height / 2)
    axis.rotate(90)
    drawing.add(axis)
    drawing.add(
        String(
            chart.x + chart.width / 2,
            1 * mm,
            "Predikat Kinerja Pegawai",
            fontName=FONT,
            fontSize=7,
            textAnchor="middle",
        )
    )
    return drawing


def _butir(nomor: str, label: str, nilai: str | None, lebar: float) -> Table:
    """A numbered line of the form: ``4 | RATING HASIL KERJA* | SESUAI EKSPEKTASI``."""
    g = gaya()
    table = Table(
        [[p(nomor, g.sel_tengah), p(label, g.sel_tebal), p(nilai or "-", g.sel_tebal)]],
        colWidths=[lebar * 0.03, lebar * 0.3, lebar * 0.67],
    )
    table.setStyle(TableStyle([*kotak(), ("BACKGROUND", (0, 0), (1, 0), SHADE)]))
    return table


def flowables(sheet: EvaluasiSheet, lebar: float) -> list[Flowable]:
    """Every part of the form in its official order."""
    g = gaya()
    parts: list[Flowable] = judul(
        "EVALUASI KINERJA PEGAWAI",
        baris_pendekatan(sheet.kualitatif),
        JUDUL_JPT if sheet.jpt else JUDUL_JA_JF,
        f"PERIODE: {sheet.periode_label}",
    )
    if not sheet.final:
        parts.append(p(DRAF, g.judul))
    parts += [
        Spacer(1, 3 * mm),
        baris_kop(sheet.kop, lebar),
        Spacer(1, 2 * mm),
        tabel_identitas(
            sheet.pegawai, sheet.penilai, lebar, label_penilai="INSTANSI" if sheet.jpt else None
        ),
        Spacer(1, 3 * mm),
        _butir("1", "CAPAIAN KINERJA ORGANISASI*", sheet.capaian_organisasi, lebar),
    ]
    chart: list[list[Any]] = [
        [p("2", g.sel_tengah), p("POLA DISTRIBUSI:", g.sel_tebal)],
        ["", kurva(sheet.distribusi, sheet.capaian_organisasi, lebar * 0.6)],
    ]
    table = Table(chart, colWidths=[lebar * 0.03, lebar * 0.97])
    table.setStyle(
        TableStyle(
            [
                *kotak(),
                ("SPAN", (0, 0), (0, 1)),
                ("BACKGROUND", (1, 0), (1, 0), SHADE),
                ("ALIGN", (1, 1), (1, 1), "CENTER"),
            ]
        )
    )
    cols = kolom_hasil_kerja(jpt=sheet.jpt, kualitatif=sheet.kualitatif, evaluasi=True)
    parts += [
        table,
        Spacer(1, 3 * mm),
        CondPageBreak(45 * mm),
        tabel_hasil_kerja(cols, sheet.utama, sheet.tambahan, lebar, judul="3. HASIL KERJA"),
        _butir("4", "RATING HASIL KERJA*", sheet.rating_hasil, lebar),
        Spacer(1, 3 * mm),
        CondPageBreak(45 * mm),
        tabel_perilaku(sheet.perilaku, lebar, evaluasi=True, judul="5. PERILAKU KERJA"),
        # The ratings, the predikat and the signatures stay on one page: a page holding
        # only signatures could be attached to another sheet.
        KeepTogether(
            [
                _butir("6", "RATING PERILAKU KERJA*", sheet.rating_perilaku, lebar),
                _butir("7", "PREDIKAT KINERJA PEGAWAI*", sheet.predikat, lebar),
                Spacer(1, 4 * mm),
                blok_ttd(
                    ("PEGAWAI YANG DINILAI", sheet.pegawai),
                    ("PEJABAT PENILAI KINERJA", sheet.penilai),
                    sheet.ttd,
                    lebar,
                ),
            ]
        ),
    ]
    return parts
