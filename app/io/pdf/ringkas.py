"""The assessor's cheat sheet (``docs/ringkas.md``) as a guaranteed one-page PDF.

Why a small parser of our own rather than ``markdown`` or ``mistune``: the sheet uses a handful
of constructs (a ``#`` title, whole-line ``**bold**`` section heads, inline ``**bold**`` and
`` `code` ``, numbered and bulleted lists, one pipe table, paragraphs), and a general converter
would give HTML that reportlab's paragraph markup does not accept anyway, plus a dependency
to bundle and keep patched. Anything outside that subset (code blocks, quotes, images, HTML,
rules, deep headings) is refused with the file and line named, so the printed sheet never
shows stray Markdown syntax.

Why the fitting loop: the sheet is pinned on a wall next to the screen, so it must be one page.
The page is laid out at a comfortable size and the size is stepped down until reportlab's own
``wrap`` says every block fits the frame; below :data:`UKURAN_MIN` the text is no longer
readable on paper, and the sheet is refused rather than printed on two pages or too small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from app import APP_NAME, __version__
from app.errors import ValidationError
from app.i18n import N_, _
from app.io.pdf.common import (
    FONT,
    FONT_BOLD,
    FOOTER,
    GRID,
    MARGIN,
    SHADE,
    Kertas,
    angka,
    bangun_lalu_ganti,
    berkas_sementara,
    daftarkan_font,
    kertas_halaman,
    kotak,
)

UKURAN_MAKS = 13.0
"""Body text size tried first (points): comfortable to read at arm's length."""
UKURAN_MIN = 7.0
"""The smallest body size still readable on a printed A4 sheet; below it the sheet is refused."""
LANGKAH = 0.25
KODE_LATAR = "#e6e6e6"
"""Light grey behind `code` (no monospaced font is shipped; the shade marks what to type)."""


# ----------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Judul:
    """The ``#`` title of the sheet."""

    teks: str


@dataclass(frozen=True)
class Kepala:
    """A section head: a line that is bold as a whole, or a ``##``/``###`` heading."""

    teks: str


@dataclass(frozen=True)
class Paragraf:
    """Running text (its source lines joined with spaces)."""

    teks: str


@dataclass(frozen=True)
class Daftar:
    """A numbered (``1.``) or bulleted (``-``) list; ``mulai`` is the first number."""

    butir: tuple[str, ...]
    bernomor: bool
    mulai: int = 1


@dataclass(frozen=True)
class Tabel:
    """A pipe table: the header row and the body rows, all with the same number of cells."""

    kepala: tuple[str, ...]
    baris: tuple[tuple[str, ...], ...]


Blok = Judul | Kepala | Paragraf | Daftar | Tabel


@dataclass(frozen=True)
class HasilRingkas:
    """What was written: pages (always 1) and the body font size the sheet ended up at."""

    halaman: int
    ukuran_huruf: float


# ----------------------------------------------------------------------------- parsing
_JUDUL = re.compile(r"^(#{1,3})\s+(.+?)\s*#*$")
_NOMOR = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_BUTIR = re.compile(r"^[-*+]\s+(.*)$")
_KEPALA = re.compile(r"^\*\*([^*]+)\*\*$")
_PEMISAH_SEL = re.compile(r"^:?-{3,}:?$")


_TIDAK_DIDUKUNG: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(```|~~~)"), N_("blok kode")),
    (re.compile(r"^>"), N_("kutipan")),
    (re.compile(r"^!\["), N_("gambar")),
    (re.compile(r"^</?[A-Za-z]"), N_("HTML")),
    (re.compile(r"^####"), N_("judul tingkat 4 atau lebih")),
    (re.compile(r"^([-*_])(\s*\1){2,}$"), N_("garis pemisah")),
)


def _tidak_didukung(line: str) -> str | None:
    """The name of a block construct the sheet does not support, if ``line`` starts one."""
    for pattern, name in _TIDAK_DIDUKUNG:
        if pattern.match(line):
            return _(name)
    return None


def _salah(sumber: str, baris: int, pesan: str) -> ValidationError:
    return ValidationError(
        _("{sumber} baris {baris}: {pesan}").format(sumber=sumber, baris=baris, pesan=pesan),
        field="ringkas",
    )


def _sel(line: str) -> tuple[str, ...]:
    body = line.strip()
    body = body.removeprefix("|")
    body = body.removesuffix("|")
    return tuple(cell.strip() for cell in body.split("|"))


def _tabel(rows: list[tuple[int, str]], sumber: str) -> Tabel:
    (first, head), *rest = rows
    kepala = _sel(head)
    if not rest or not all(_PEMISAH_SEL.match(c) for c in _sel(rest[0][1])):
        raise _salah(sumber, first + 1, _("tabel tanpa baris pemisah (| --- |) di bawah kepalanya"))
    body: list[tuple[str, ...]] = []
    for number, line in rest:
        cells = _sel(line)
        if len(cells) != len(kepala):
            raise _salah(
                sumber,
                number,
                _("baris tabel berisi {n} sel, kepala tabel {m} sel").format(
                    n=len(cells), m=len(kepala)
                ),
            )
        body.append(cells)
    return Tabel(kepala, tuple(body[1:]))


def _mulai_blok(line: str) -> bool:
    """Whether ``line`` starts a block that ends the paragraph above it."""
    return bool(
        _JUDUL.match(line)
        or _NOMOR.match(line)
        or _BUTIR.match(line)
        or line.startswith("|")
        or _tidak_didukung(line)
    )


def urai(teks: str, sumber: str) -> tuple[Blok, ...]:
    """The blocks of the Markdown ``teks``; ``sumber`` names the file in error messages."""
    lines = teks.splitlines()
    blocks: list[Blok] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        what = _tidak_didukung(line)
        if what is not None:
            raise _salah(
                sumber, i + 1, _("{apa} tidak didukung pada lembar ringkas").format(apa=what)
            )
        heading = _JUDUL.match(line)
        if heading:
            text = heading.group(2)
            blocks.append(Judul(text) if len(heading.group(1)) == 1 else Kepala(text))
            i += 1
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append((i + 1, lines[i]))
                i += 1
            blocks.append(_tabel(rows, sumber))
        elif _NOMOR.match(line) or _BUTIR.match(line):
            i = _daftar(lines, i, blocks, sumber)
        else:
            parts = [line]
            i += 1
            while i < len(lines) and lines[i].strip() and not _mulai_blok(lines[i].strip()):
                parts.append(lines[i].strip())
                i += 1
            whole = _KEPALA.match(line) if len(parts) == 1 else None
            blocks.append(Kepala(whole.group(1)) if whole else Paragraf(" ".join(parts)))
    if not blocks:
        raise ValidationError(
            _("{sumber} kosong; tidak ada yang dapat dicetak.").format(sumber=sumber),
            field="ringkas",
        )
    return tuple(blocks)


def _daftar(lines: list[str], i: int, blocks: list[Blok], sumber: str) -> int:
    """Collect one list starting at line ``i``; items continue on lines indented past it."""
    first = lines[i]
    indent = len(first) - len(first.lstrip())
    numbered = _NOMOR.match(first.strip())
    bernomor = numbered is not None
    mulai = int(numbered.group(1)) if numbered else 1
    pattern = _NOMOR if bernomor else _BUTIR
    items: list[list[str]] = []
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        deeper = len(raw) - len(raw.lstrip()) > indent
        item = pattern.match(line)
        if line and not deeper:
            if item is None:
                break
            items.append([item.group(2 if bernomor else 1)])
        elif line and not _tidak_didukung(line):
            if _NOMOR.match(line) or _BUTIR.match(line):
                raise _salah(
                    sumber,
                    i + 1,
                    _("{apa} tidak didukung pada lembar ringkas").format(
                        apa=_("daftar bertingkat")
                    ),
                )
            items[-1].append(line)
        else:
            break
        i += 1
    blocks.append(Daftar(tuple(" ".join(parts) for parts in items), bernomor, mulai))
    return i


# ----------------------------------------------------------------------------- inline markup
_SEBARIS = re.compile(r"`([^`]+)`|\*\*(.+?)\*\*")


def sebaris(teks: str) -> str:
    """Reportlab markup for inline ``**bold**`` and `` `code` ``; everything else is escaped."""
    out: list[str] = []
    pos = 0
    for found in _SEBARIS.finditer(teks):
        out.append(escape(teks[pos : found.start()]))
        code, bold = found.groups()
        if code is not None:
            out.append(f'<font backColor="{KODE_LATAR}">{escape(code)}</font>')
        else:
            out.append(f"<b>{sebaris(bold)}</b>")
        pos = found.end()
    out.append(escape(teks[pos:]))
    return "".join(out)


# ----------------------------------------------------------------------------- layout
@dataclass(frozen=True)
class _Gaya:
    judul: ParagraphStyle
    kepala: ParagraphStyle
    teks: ParagraphStyle
    butir: ParagraphStyle
    sel: ParagraphStyle
    sel_tengah: ParagraphStyle
    ukuran: float


def _gaya(size: float) -> _Gaya:
    """Every style scaled from the body size, so stepping it down shrinks the whole sheet."""
    teks = ParagraphStyle(
        f"ringkas-teks-{size}", fontName=FONT, fontSize=size, leading=round(size * 1.3, 2)
    )
    sel = ParagraphStyle(f"ringkas-sel-{size}", parent=teks)
    return _Gaya(
        judul=ParagraphStyle(
            f"ringkas-judul-{size}",
            fontName=FONT_BOLD,
            fontSize=size * 1.55,
            leading=round(size * 1.55 * 1.25, 2),
        ),
        kepala=ParagraphStyle(
            f"ringkas-kepala-{size}",
            fontName=FONT_BOLD,
            fontSize=size * 1.12,
            leading=round(size * 1.12 * 1.3, 2),
        ),
        teks=teks,
        butir=ParagraphStyle(
            f"ringkas-butir-{size}",
            parent=teks,
            bulletIndent=size * 0.3,
            bulletFontName=FONT,
            bulletFontSize=size,
        ),
        sel=sel,
        sel_tengah=ParagraphStyle(f"ringkas-sel-tengah-{size}", parent=sel, alignment=TA_CENTER),
        ukuran=size,
    )


def _tabel_flowable(tabel: Tabel, g: _Gaya, lebar: float) -> Table:
    """The table with a full grid and a shaded header row; the first column labels the rows.

    Body cells are centred except the first column: in the kuadran table every other cell is
    a predikat read across from its row label and down from its column head.
    """
    n = len(tabel.kepala)
    rows: list[list[Any]] = [
        [Paragraph(f"<b>{sebaris(c)}</b>", g.sel_tengah) for c in tabel.kepala]
    ]
    for cells in tabel.baris:
        rows.append(
            [
                Paragraph(sebaris(c), g.sel if column == 0 else g.sel_tengah)
                for column, c in enumerate(cells)
            ]
        )
    table = Table(rows, colWidths=[lebar / n] * n, repeatRows=1)
    pad = max(2.0, g.ukuran * 0.35)
    table.setStyle(
        TableStyle(
            [
                *kotak(),
                ("GRID", (0, 0), (-1, -1), 0.8, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("BACKGROUND", (0, 1), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad * 1.5),
            ]
        )
    )
    table.hAlign = "LEFT"
    return table


def _daftar_flowables(block: Daftar, g: _Gaya) -> list[Flowable]:
    """One paragraph per item, the text indented past the widest number (``10.`` too)."""
    size = g.ukuran
    bullets = [
        f"{number}." if block.bernomor else "•"
        for number in range(block.mulai, block.mulai + len(block.butir))
    ]
    widest = max(stringWidth(b, FONT, size) for b in bullets)
    style = ParagraphStyle(
        f"{g.butir.name}-{widest:.1f}", parent=g.butir, leftIndent=size * 0.3 + widest + size * 0.6
    )
    story: list[Flowable] = []
    for index, (bullet, item) in enumerate(zip(bullets, block.butir, strict=True)):
        if index:
            story.append(Spacer(1, size * 0.25))
        story.append(Paragraph(sebaris(item), style, bulletText=bullet))
    return story


def _flowables(blocks: tuple[Blok, ...], size: float, lebar: float) -> list[Flowable]:
    """The story at body size ``size``; every gap is an explicit Spacer so heights add up."""
    g = _gaya(size)
    story: list[Flowable] = []
    for index, block in enumerate(blocks):
        if index:
            wide = isinstance(block, Kepala | Tabel) or isinstance(blocks[index - 1], Tabel)
            story.append(Spacer(1, size * (1.0 if wide else 0.7)))
        if isinstance(block, Judul):
            story.append(Paragraph(sebaris(block.teks), g.judul))
            story.append(Spacer(1, size * 0.3))
            story.append(HRFlowable(width="100%", thickness=0.8, color=GRID, spaceBefore=0))
        elif isinstance(block, Kepala):
            story.append(Paragraph(sebaris(block.teks), g.kepala))
        elif isinstance(block, Paragraf):
            story.append(Paragraph(sebaris(block.teks), g.teks))
        elif isinstance(block, Daftar):
            story += _daftar_flowables(block, g)
        else:
            story.append(_tabel_flowable(block, g, lebar))
    return story


def _tinggi(story: list[Flowable], lebar: float, tinggi: float) -> float:
    """Total height of the story in a frame ``lebar`` wide, measured by reportlab's wrap."""
    total = 0.0
    for flowable in story:
        _w, h = flowable.wrap(lebar, tinggi)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _ukuran() -> list[float]:
    steps = round((UKURAN_MAKS - UKURAN_MIN) / LANGKAH)
    return [UKURAN_MAKS - k * LANGKAH for k in range(steps + 1)]


def tata_letak(
    blocks: tuple[Blok, ...], lebar: float, tinggi: float
) -> tuple[float, list[Flowable]] | None:
    """The largest body size whose story fits ``lebar`` x ``tinggi``, or None if none does."""
    for size in _ukuran():
        story = _flowables(blocks, size, lebar)
        if _tinggi(story, lebar, tinggi) <= tinggi - 1:  # 1 pt against rounding in the frame
            return size, story
    return None


def _tidak_muat(sumber: str, kertas: Kertas) -> ValidationError:
    return ValidationError(
        _(
            "{sumber} tidak muat pada satu halaman {kertas}, bahkan dengan huruf {ukuran} pt; "
            "persingkat isinya."
        ).format(sumber=sumber, kertas=kertas.value, ukuran=angka(Decimal(str(UKURAN_MIN)))),
        field="ringkas",
    )


def _kaki(canvas: Canvas, _doc: Any) -> None:
    """Footer: which program printed the sheet, so an old copy on the wall can be dated."""
    width, _height = canvas._pagesize  # type: ignore[attr-defined]
    canvas.saveState()
    canvas.setFont(FONT, 6.5)
    canvas.setStrokeColor(colors.grey)
    canvas.setLineWidth(0.4)
    y = MARGIN / 2 + 2 * mm
    canvas.line(MARGIN, y + 3 * mm, width - MARGIN, y + 3 * mm)
    canvas.drawString(MARGIN, y, f"{APP_NAME} {__version__}   ·   lembar ringkas")
    canvas.restoreState()


def tulis_ringkas(
    path: Path, teks: str, *, sumber: str, kertas: Kertas = Kertas.A4
) -> HasilRingkas:
    """Render the Markdown ``teks`` into the one-page PDF ``path``.

    Raises ValidationError (naming ``sumber``) when the Markdown uses constructs outside the
    supported subset or does not fit one page even at :data:`UKURAN_MIN`; nothing is written
    then. The file is written under a temporary name and renamed when complete.
    """
    blocks = urai(teks, sumber)
    daftarkan_font()
    width, height = kertas_halaman(kertas, melintang=False)
    lebar, tinggi = width - 2 * MARGIN, height - 2 * MARGIN - FOOTER
    laid_out = tata_letak(blocks, lebar, tinggi)
    if laid_out is None:
        raise _tidak_muat(sumber, kertas)
    size, story = laid_out
    title = next((b.teks for b in blocks if isinstance(b, Judul)), "Lembar ringkas")
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER,
        lebar,
        tinggi,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="ringkas",
    )
    temp = berkas_sementara(path)
    doc = BaseDocTemplate(
        str(temp),
        pagesize=(width, height),
        pageTemplates=[PageTemplate(id="ringkas", frames=[frame], onPageEnd=_kaki)],
        title=re.sub(r"[*`]", "", title),
        author=APP_NAME,
        creator=APP_NAME,
        invariant=True,
        initialFontName=FONT,  # no unembedded base font referenced anywhere in the file
        initialFontSize=9,
    )

    def satu_halaman() -> None:
        if doc.page != 1:  # the measurement above should make this impossible; never 2 pages
            raise _tidak_muat(sumber, kertas)

    bangun_lalu_ganti(doc, story, path, satu_halaman)
    return HasilRingkas(int(doc.page), size)
