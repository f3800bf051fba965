"""Shared pieces of the printed sheets: fonts, paper, styles, Indonesian dates, signatures, codes.

Why these choices:

* The fonts are DejaVu Sans, shipped in ``resources/fonts`` and embedded (subset) in every PDF,
  so a sheet printed at an office and one printed at BKD are identical; the PDF base fonts would
  leave glyphs and metrics to whatever viewer opens the file.
* The official sheets are Indonesian whatever the interface language (``--lang en`` changes
  messages, not the regulation's forms), so dates and numbers here never go through ``_()``.
* Every sheet carries a short verification code: the first 10 base32 characters of the SHA-256
  of a canonical JSON of the sheet's data (see :func:`kode_verifikasi`). BKD recomputes it from
  its own copy of the data (``capaian print ... --json`` lists the codes) to match paper to data.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

import app
from app.errors import UserError
from app.i18n import BULAN, _
from app.io.pdf.data import Identitas, Kop, Sheet, Ttd
from app.scoring.identity import format_nip

FONT = "CapaianSans"
FONT_BOLD = "CapaianSans-Bold"
FONT_DIR = Path(app.__file__).resolve().parent.parent / "resources" / "fonts"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

F4 = (215 * mm, 330 * mm)
"""Folio, the paper many pemda offices print on (215 x 330 mm)."""


class Kertas(StrEnum):
    """Paper sizes offered for the sheets."""

    A4 = "A4"
    F4 = "F4"

    @property
    def ukuran(self) -> tuple[float, float]:
        """Portrait width and height in points."""
        return A4 if self is Kertas.A4 else F4


MARGIN = 12 * mm
FOOTER = 16 * mm
GRID = colors.black
SHADE = colors.Color(0.88, 0.88, 0.88)
LEBAR_GARIS = 0.5


# ----------------------------------------------------------------------------- fonts
@cache
def daftarkan_font() -> None:
    """Register the shipped TTFs once per process; a missing file is a clear user error."""
    for name, filename in FONT_FILES.items():
        path = FONT_DIR / filename
        if not path.is_file():
            raise UserError(
                _(
                    "Berkas huruf {path} tidak ditemukan; lembar cetak tidak dapat dibuat. "
                    "Pasang ulang Capaian."
                ).format(path=path)
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


# ----------------------------------------------------------------------------- styles
@dataclasses.dataclass(frozen=True)
class Gaya:
    """The paragraph styles of the sheets (one size family, so every sheet looks alike)."""

    judul: ParagraphStyle
    sub: ParagraphStyle
    sel: ParagraphStyle
    sel_tebal: ParagraphStyle
    sel_tengah: ParagraphStyle
    kepala: ParagraphStyle
    teks: ParagraphStyle
    kecil: ParagraphStyle


def berkas_sementara(path: Path) -> Path:
    """The hidden name a PDF is written under before it is renamed to ``path``."""
    return path.with_name(f".{path.name}.sementara")


def bangun_lalu_ganti(
    doc: Any, story: list[Any], path: Path, periksa: Callable[[], None] | None = None
) -> None:
    """Build ``doc`` (made on :func:`berkas_sementara`), then rename it to ``path``.

    A half-written PDF never appears under its real name: on any failure (disk full, a cancel
    raised from a flowable, ``periksa`` refusing the result) the temporary file is removed.
    """
    temp = berkas_sementara(path)
    try:
        doc.build(story)
        if periksa is not None:
            periksa()
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(
            _("Berkas PDF {path} tidak dapat ditulis: {err}").format(path=path, err=exc.strerror)
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@cache
def gaya() -> Gaya:
    """Styles built once (after the fonts are registered)."""
    daftarkan_font()
    sel = ParagraphStyle("sel", fontName=FONT, fontSize=7.5, leading=9, alignment=TA_LEFT)
    return Gaya(
        judul=ParagraphStyle(
            "judul", fontName=FONT_BOLD, fontSize=11, leading=14, alignment=TA_CENTER
        ),
        sub=ParagraphStyle("sub", fontName=FONT_BOLD, fontSize=8.5, leading=11),
        sel=sel,
        sel_tebal=ParagraphStyle("sel_tebal", parent=sel, fontName=FONT_BOLD),
        sel_tengah=ParagraphStyle("sel_tengah", parent=sel, alignment=TA_CENTER),
        kepala=ParagraphStyle(
            "kepala", parent=sel, fontName=FONT_BOLD, alignment=TA_CENTER, fontSize=7.5
        ),
        teks=ParagraphStyle("teks", fontName=FONT, fontSize=9, leading=12),
        kecil=ParagraphStyle("kecil", fontName=FONT, fontSize=6.5, leading=8),
    )


def p(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text (escaped: names like ``A&B`` or ``<`` print as typed)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style or gaya().sel)


def markup(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph with reportlab markup the caller built from escaped parts."""
    return Paragraph(text, style or gaya().sel)


# ----------------------------------------------------------------------------- Indonesian text
def tanggal(value: date) -> str:
    """``5 Januari 2027``: the official sheets are Indonesian whatever the UI language."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def rentang(mulai: date, selesai: date) -> str:
    """``1 JANUARI SD 31 DESEMBER TAHUN 2026`` as on the forms' PERIODE PENILAIAN line."""
    awal = f"{mulai.day} {BULAN[mulai.month - 1].upper()}"
    if mulai.year != selesai.year:
        awal += f" {mulai.year}"
    akhir = f"{selesai.day} {BULAN[selesai.month - 1].upper()}"
    return f"{awal} SD {akhir} TAHUN {selesai.year}"


def angka(value: Decimal | int | None, places: int | None = None) -> str:
    """Indonesian notation (``1.234,5``) regardless of the UI language; ``-`` for no value.

    Without ``places`` the number keeps the decimals it carries (as typed, up to six), the
    way targets and realisasi were entered; with ``places`` it is rounded half up.
    """
    if value is None:
        return "-"
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        if places is None:
            exponent = value.normalize().as_tuple().exponent
            places = min(6, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
        quantum = Decimal(1).scaleb(-places)
        text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def persen(value: Decimal | None) -> str:
    """``92,67%`` (two decimals, trailing zeros trimmed) or ``-``."""
    if value is None:
        return "-"
    text = angka(value, 2)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def nip_cetak(nip: str | None) -> str:
    """``NIP 19900215 201503 2 001`` grouping, ``-`` when there is no NIP."""
    return format_nip(nip) if nip else "-"


# ----------------------------------------------------------------------------- verification code
def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def data_kanonik(sheet: Sheet) -> bytes:
    """The bytes the verification code hashes: the sheet's data without place and print date.

    Canonical JSON: the sheet kind plus every field of the dataclass except ``ttd`` (a reprint
    on another day must keep its code), keys sorted, dates ISO, UTF-8, no whitespace.
    """
    body = dataclasses.asdict(sheet)
    body.pop("ttd")
    payload = {"jenis": sheet.jenis, "versi": 1, "data": _plain(body)}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def kode_verifikasi(sheet: Sheet) -> str:
    """``ABCDE-FGHJK``: first 10 base32 characters of SHA-256 over :func:`data_kanonik`.

    Ten base32 characters carry 50 bits: a mistyped or altered sheet cannot match another
    employee's data by chance, and a clerk can still read the code out on the phone.
    """
    digest = hashlib.sha256(data_kanonik(sheet)).digest()
    code = base64.b32encode(digest).decode("ascii")[:10]
    return f"{code[:5]}-{code[5:]}"


def isi_qr(sheet: Sheet, kode: str) -> str:
    """What the QR holds: ``CAPAIAN|<jenis>|<nip or unit>|<period>|<code>``."""
    return f"CAPAIAN|{sheet.jenis}|{sheet.subjek}|{sheet.periode}|{kode}"


def gambar_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw a QR code of ``text`` with its lower-left corner at (x, y).

    The modules are filled as one path of horizontal runs and kept as a PDF form object per
    text, so the later pages of a sheet reuse it: drawing the QR through reportlab's widget
    and renderer on every page took three quarters of the printing time.
    """
    name = "qr" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]
    done: set[str] = canvas.__dict__.setdefault("_capaian_qr", set())
    if name not in done:
        widget = QrCodeWidget(text, barLevel="M")
        encoder = widget.qr  # type: ignore[attr-defined]  # set in the widget's __init__
        encoder.make()
        modules = encoder.modules
        count = len(modules)
        box = size / (count + 2 * widget.barBorder)
        canvas.beginForm(name)
        canvas.setFillColor(colors.black)
        path = canvas.beginPath()
        for r, row in enumerate(modules):
            c = 0
            for dark, run in groupby(bool(v) for v in row):
                n = len(list(run))
                if dark:
                    top = size - (r + widget.barBorder + 1) * box
                    path.rect((c + widget.barBorder) * box, top, n * box, box)
                c += n
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.endForm()
        done.add(name)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(name)
    canvas.restoreState()


# ----------------------------------------------------------------------------- building blocks
def kertas_halaman(kertas: Kertas, *, melintang: bool) -> tuple[float, float]:
    """Page size for a sheet: landscape where the form is wide."""
    return landscape(kertas.ukuran) if melintang else portrait(kertas.ukuran)


def judul(*lines: str) -> list[Flowable]:
    """The centred title lines in capitals."""
    return [p(line, gaya().judul) for line in lines]


def baris_kop(kop: Kop, lebar: float) -> Table:
    """``PEMERINTAH KAB. X / DINAS ...`` on the left, ``PERIODE PENILAIAN: ...`` on the right."""
    g = gaya()
    instansi = " / ".join(x for x in (kop.instansi.upper(), kop.unit.upper()) if x)
    table = Table(
        [[p(instansi, g.sub), p("PERIODE PENILAIAN: " + rentang(kop.mulai, kop.selesai), g.sub)]],
        colWidths=[lebar * 0.55, lebar * 0.45],
    )
    table.setStyle(
        TableStyle(
            [
                *tanpa_garis(),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    table.hAlign = "LEFT"
    return table


IDENTITAS_LABEL = ("NAMA", "NIP", "PANGKAT/GOL RUANG", "JABATAN", "UNIT KERJA")


def _identitas_nilai(who: Identitas) -> tuple[str, ...]:
    return (who.nama, nip_cetak(who.nip), who.pangkat_golongan, who.jabatan, who.unit_kerja)


def tabel_identitas(
    pegawai: Identitas, penilai: Identitas, lebar: float, *, label_penilai: str | None = None
) -> Table:
    """``NO | PEGAWAI YANG DINILAI | | NO | PEJABAT PENILAI KINERJA |`` side by side (§4.1).

    ``label_penilai`` replaces the penilai's fifth label (``INSTANSI`` on the JPT forms).
    """
    g = gaya()
    kanan = list(IDENTITAS_LABEL)
    if label_penilai:
        kanan[4] = label_penilai
    rows: list[list[Any]] = [
        [
            p("NO", g.kepala),
            p("PEGAWAI YANG DINILAI", g.kepala),
            "",
            p("NO", g.kepala),
            p("PEJABAT PENILAI KINERJA", g.kepala),
            "",
        ]
    ]
    for i, (kiri_label, kiri, kanan_label, nilai) in enumerate(
        zip(
            IDENTITAS_LABEL,
            _identitas_nilai(pegawai),
            kanan,
            _identitas_nilai(penilai),
            strict=True,
        ),
        start=1,
    ):
        rows.append(
            [
                p(str(i), g.sel_tengah),
                p(kiri_label),
                p(kiri),
                p(str(i), g.sel_tengah),
                p(kanan_label),
                p(nilai),
            ]
        )
    w = lebar / 2
    table = Table(
        rows,
        colWidths=[w * 0.07, w * 0.28, w * 0.65, w * 0.07, w * 0.28, w * 0.65],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                *kotak(),
                ("SPAN", (1, 0), (2, 0)),
                ("SPAN", (4, 0), (5, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ]
        )
    )
    return table


def tanpa_garis() -> list[tuple[Any, ...]]:
    """Style of every table: cells use the shipped font.

    The table default is Helvetica, which would be referenced in the PDF without being embedded.
    """
    return [("FONTNAME", (0, 0), (-1, -1), FONT)]


def kotak() -> list[tuple[Any, ...]]:
    """The grid, padding and alignment every bordered table of the forms uses."""
    return [
        *tanpa_garis(),
        ("GRID", (0, 0), (-1, -1), LEBAR_GARIS, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]


def blok_ttd(
    kiri: tuple[str, Identitas | None] | None,
    kanan: tuple[str, Identitas | None],
    ttd: Ttd,
    lebar: float,
    *,
    tanggal_kiri: bool = False,
) -> Flowable:
    """Two signature columns: title, room for the wet signature, name, NIP.

    The place and date stand above the right column (SKP, Evaluasi) or above both columns
    (Dokumen Evaluasi, ``tanggal_kiri``), as on the official forms. A missing signatory gets a
    dotted line for the name, to be written by hand; ``kiri=None`` leaves the left side empty.
    """
    g = gaya()
    tempat = f"{ttd.tempat}, {tanggal(ttd.tanggal)}"

    def kolom(title: str, who: Identitas | None, with_date: bool) -> list[Any]:
        nama = who.nama if who else "(.................................................)"
        nip = f"NIP {nip_cetak(who.nip)}" if who else "NIP"
        return [
            p(tempat if with_date else "", g.sel_tengah),
            p(title, g.kepala),
            "",
            markup(f"<u>{escape(nama)}</u>", g.sel_tengah),
            p(nip, g.sel_tengah),
        ]

    left = kolom(kiri[0], kiri[1], tanggal_kiri) if kiri else [""] * 5
    right = kolom(kanan[0], kanan[1], True)
    table = Table(
        [[a, "", b] for a, b in zip(left, right, strict=True)],
        colWidths=[lebar * 0.4, lebar * 0.2, lebar * 0.4],
        rowHeights=[None, None, 18 * mm, None, None],
    )
    table.setStyle(TableStyle([*tanpa_garis(), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([table])  # a signature block is never split over two pages


# ----------------------------------------------------------------------------- per-sheet marker
class Penanda(Flowable):
    """Zero-size marker at the start of a sheet: footer code and progress follow it.

    The page footer is drawn at the end of each page (``onPageEnd``), after this marker ran, so
    a document holding several employees' sheets gives each page the code of its own sheet.
    ``saat_digambar`` lets the batch service report progress and stop a long print.
    """

    def __init__(self, kode: str, qr: str, nomor: int, saat_digambar: Any = None) -> None:
        super().__init__()
        self.kode = kode
        self.qr = qr
        self.nomor = nomor
        self.saat_digambar = saat_digambar
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Takes no room."""
        return 0, 0

    def draw(self) -> None:
        """Record the sheet on the document for the footer, and call back."""
        doc = self.canv._doctemplate  # type: ignore[attr-defined]
        doc.lembar_kini = (self.kode, self.qr, self.canv.getPageNumber())
        if self.saat_digambar is not None:
            self.saat_digambar(self.nomor)


def kaki_halaman(canvas: Canvas, doc: Any) -> None:
    """Footer of every page: verification code, QR and page number."""
    kode, qr, first = getattr(doc, "lembar_kini", ("", "", 1))
    if not kode:
        return
    halaman = canvas.getPageNumber() - first + 1
    width, _height = canvas._pagesize  # type: ignore[attr-defined]
    size = 12 * mm
    canvas.saveState()
    canvas.setFont(FONT, 6.5)
    canvas.drawString(
        MARGIN,
        MARGIN / 2 + 2 * mm,
        f"Kode verifikasi: {kode}   ·   Halaman {halaman}   ·   "
        "Dicetak dengan Capaian; cocokkan kode ini dengan data di BKD.",
    )
    gambar_qr(canvas, qr, width - MARGIN - size, MARGIN / 2 - 1 * mm, size)
    canvas.restoreState()
