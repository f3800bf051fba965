"""The one-page cheat sheet (docs/ringkas.md): parsed, fitted, read back with poppler."""

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from app.errors import UserError, ValidationError
from app.io.pdf import Kertas, common
from app.io.pdf.ringkas import (
    UKURAN_MAKS,
    UKURAN_MIN,
    Daftar,
    Judul,
    Kepala,
    Paragraf,
    Tabel,
    sebaris,
    tulis_ringkas,
    urai,
)
from app.scoring.predikat import PREDIKAT_MATRIX
from app.scoring.types import Predikat, Rating

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)

SHEET = Path(__file__).resolve().parents[3] / "docs" / "ringkas.md"


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    (line,) = [x for x in out.stdout.splitlines() if x.startswith("Pages:")]
    return int(line.split()[1])


def layout_lines(path: Path) -> list[str]:
    """``pdftotext -layout`` lines with runs of spaces collapsed, blank lines dropped."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def flat(path: Path) -> str:
    return " ".join(" ".join(layout_lines(path)).split())


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    path = tmp_path_factory.mktemp("ringkas") / "ringkas.pdf"
    result = tulis_ringkas(path, SHEET.read_text(encoding="utf-8"), sumber=str(SHEET))
    assert result.halaman == 1
    return path, result.ukuran_huruf


def test_shipped_sheet_is_one_a4_page_with_heads_and_kuadran_labels(
    sheet: tuple[Path, float],
) -> None:
    path, size = sheet
    assert pages(path) == 1
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all("DejaVuSans" in r and " yes yes " in r for r in rows), fonts.stdout
    assert UKURAN_MIN <= size <= UKURAN_MAKS
    text = flat(path)
    for expected in (
        "Capaian — lembar ringkas penilai",
        "Setiap bulan",
        "Kuadran predikat",
        "Awal tahun",
        "Kirim ke BKD",
        "Lencana Sinkron",
        "Sangat Baik",
        "Butuh Perbaikan",
        "Sangat Kurang",
        "Lokal (belum dikirim) · Terkirim · Diterima",
        ".bkdsync",
        "1. Pegawai → tab Realisasi (Alt+2)",
        "3. Tab Evaluasi (Alt+4)",
    ):
        assert expected in text, expected
    assert "**" not in text and "`" not in text and "|" not in text  # no stray Markdown
    assert "lembar ringkas" in layout_lines(path)[-1]  # footer: app, version, lembar ringkas
    assert layout_lines(path)[-1].startswith("Capaian 0.")


def test_kuadran_rows_print_in_order_and_agree_with_the_scoring_rules(
    sheet: tuple[Path, float],
) -> None:
    lines = layout_lines(sheet[0])
    head = lines.index("Di Bawah Sesuai Di Atas")
    rows = lines[head + 1 : head + 4]
    assert rows == [
        "Di Atas Kurang Baik Sangat Baik",
        "Sesuai Kurang Baik Baik",
        "Di Bawah Sangat Kurang Butuh Perbaikan Butuh Perbaikan",
    ]
    # Read the printed cells back into ratings and compare with the kuadran the app applies.
    columns = [Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS]
    labels = sorted((p.name.replace("_", " ").title() for p in Predikat), key=len, reverse=True)
    for line in rows:
        row_label = next(r for r in ("Di Atas", "Sesuai", "Di Bawah") if line.startswith(r))
        rest, cells = line[len(row_label) :].strip(), []
        while rest:
            label = next(lab for lab in labels if rest.startswith(lab))
            cells.append(Predikat[label.upper().replace(" ", "_")])
            rest = rest[len(label) :].strip()
        rating_hasil = Rating[row_label.upper().replace(" ", "_")]
        assert cells == [PREDIKAT_MATRIX[(rating_hasil, c)] for c in columns], line


def _dark_runs(flags: list[bool]) -> int:
    return sum(1 for i, f in enumerate(flags) if f and (i == 0 or not flags[i - 1]))


def test_kuadran_table_has_a_full_grid(sheet: tuple[Path, float], tmp_path: Path) -> None:
    """Rendered without anti-aliasing: six rules span the text width (the title's rule, then
    the table's top, the line under its head, two between the rows and its bottom) and five
    vertical rules run from the table's top to its bottom (4 columns)."""
    subprocess.run(
        ["pdftoppm", "-r", "100", "-gray", "-aa", "no", "-aaVector", "no", "-singlefile",
         "-png", str(sheet[0]), str(tmp_path / "hal")],
        check=True,
    )  # fmt: skip
    image = Image.open(tmp_path / "hal.png").convert("L")
    width, height = image.size
    px = image.load()
    assert px is not None

    def dark(x: int, y: int) -> bool:
        value = px[x, y]
        assert isinstance(value, int)
        return value < 64

    full_rows = [sum(dark(x, y) for x in range(width)) > 0.7 * width for y in range(height)]
    assert _dark_runs(full_rows) == 6
    ys = [y for y, f in enumerate(full_rows) if f]
    table_rows = [y for y in ys if y > ys[0] + 5]
    top, bottom = table_rows[0], table_rows[-1]
    assert bottom - top > 40
    vertical = [all(dark(x, y) for y in range(top + 2, bottom - 1)) for x in range(width)]
    assert _dark_runs(vertical) == 5  # left border, 3 inner, right border


def test_more_text_steps_the_size_down_but_stays_on_one_page(tmp_path: Path) -> None:
    base = SHEET.read_text(encoding="utf-8")
    extra = "\n".join(
        f"{n}. Langkah tambahan nomor {n}: periksa data, simpan, lalu lanjutkan ke pegawai "
        "berikutnya bila semuanya sudah benar dan lengkap."
        for n in range(1, 31)
    )
    path = tmp_path / "panjang.pdf"
    result = tulis_ringkas(path, f"{base}\n\n**Tambahan**\n{extra}\n", sumber="panjang.md")
    assert result.halaman == 1 and pages(path) == 1
    assert UKURAN_MIN <= result.ukuran_huruf < UKURAN_MAKS
    text = flat(path)
    assert "30. Langkah tambahan nomor 30" in text and "Sangat Kurang" in text


def test_oversized_sheet_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "terlalu-panjang.pdf"
    huge = "# Judul\n\n" + "\n\n".join(f"Paragraf panjang nomor {n}. " * 12 for n in range(90))
    with pytest.raises(ValidationError) as caught:
        tulis_ringkas(target, huge, sumber="catatan/ringkas-besar.md")
    message = caught.value.message
    assert "catatan/ringkas-besar.md" in message
    assert "tidak muat pada satu halaman A4" in message and "7 pt" in message
    assert list(tmp_path.iterdir()) == []  # neither the PDF nor its temporary file


def test_failed_render_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "ringkas.pdf"
    target.write_bytes(b"%PDF lama")
    with pytest.raises(ValidationError):
        tulis_ringkas(target, "# A\n\n" + "kata " * 40000, sumber="x.md")
    assert target.read_bytes() == b"%PDF lama"
    assert [p.name for p in tmp_path.iterdir()] == ["ringkas.pdf"]


def test_f4_paper_and_unwritable_folder(tmp_path: Path) -> None:
    text = SHEET.read_text(encoding="utf-8")
    path = tmp_path / "f4.pdf"
    tulis_ringkas(path, text, sumber="ringkas.md", kertas=Kertas.F4)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    assert "609.449 x 935.433 pts" in info.stdout
    with pytest.raises(UserError, match="tidak dapat ditulis"):
        tulis_ringkas(tmp_path / "tidak-ada" / "x.pdf", text, sumber="ringkas.md")


def test_parser_reads_the_subset_the_sheet_uses() -> None:
    blocks = urai(
        "# Judul **tebal**\n\n**Bagian**\n1. satu\n   lanjutan\n2. dua\n\n"
        "- butir a\n- butir `b`\n\n**Awal**: teks\nbaris dua\n\n"
        "| | A | B |\n| --- | :---: | --- |\n| **x** | 1 | 2 |\n\n## Kepala dua\n",
        "uji.md",
    )
    assert blocks == (
        Judul("Judul **tebal**"),
        Kepala("Bagian"),
        Daftar(("satu lanjutan", "dua"), bernomor=True, mulai=1),
        Daftar(("butir a", "butir `b`"), bernomor=False),
        Paragraf("**Awal**: teks baris dua"),
        Tabel(("", "A", "B"), (("**x**", "1", "2"),)),
        Kepala("Kepala dua"),
    )
    assert urai("3. tiga\n4. empat", "uji.md") == (Daftar(("tiga", "empat"), True, 3),)
    assert urai("  - a\n    b\n  - c\ntamat", "uji.md") == (
        Daftar(("a b", "c"), bernomor=False),
        Paragraf("tamat"),
    )


def test_inline_markup_is_escaped_and_converted() -> None:
    assert sebaris("a < b & **c** `d<e>`") == (
        'a &lt; b &amp; <b>c</b> <font backColor="#e6e6e6">d&lt;e&gt;</font>'
    )
    assert sebaris("**x `y`**") == '<b>x <font backColor="#e6e6e6">y</font></b>'
    assert sebaris("satu * dua ** tiga") == "satu * dua ** tiga"


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("# A\n\n```\nkode\n```", 3, "blok kode"),
        ("# A\n> kutip", 2, "kutipan"),
        ("teks\n\n![gb](x.png)", 3, "gambar"),
        ("<div>x</div>", 1, "HTML"),
        ("#### dalam", 1, "judul tingkat 4"),
        ("a\n\n---\n", 3, "garis pemisah"),
        ("1. a\n   - b", 2, "daftar bertingkat"),
        ("- a\n  lanjut\n  > kutip", 3, "kutipan"),
    ],
)
def test_unsupported_markdown_names_file_and_line(text: str, line: int, what: str) -> None:
    with pytest.raises(ValidationError) as caught:
        urai(text, "docs/ringkas.md")
    assert caught.value.message.startswith(f"docs/ringkas.md baris {line}: {what}")


def test_malformed_tables_and_empty_file_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"uji.md baris 2: tabel tanpa baris pemisah"):
        urai("| a | b |\n| c | d |", "uji.md")
    with pytest.raises(ValidationError, match=r"uji.md baris 4: baris tabel berisi 3 sel"):
        urai("| a | b |\n| --- | --- |\n| 1 | 2 |\n| 1 | 2 | 3 |", "uji.md")
    with pytest.raises(ValidationError, match="kosong"):
        urai("\n  \n", "uji.md")


markdownish = st.lists(
    st.sampled_from([*"ab #|-*`>!<:_.1 \n\t&·→", "**", "1. ", "| --- |", "\n  "]), max_size=60
).map("".join)


@settings(max_examples=150, deadline=None)
@given(markdownish)
def test_any_text_parses_or_is_refused_clearly(text: str) -> None:
    """The hand-written parser never fails with anything but a ValidationError, and every
    block it returns becomes reportlab markup that reportlab accepts."""
    try:
        blocks = urai(text, "acak.md")
    except ValidationError as exc:
        assert exc.message.startswith("acak.md")
        return
    common.daftarkan_font()
    for block in blocks:
        if isinstance(block, Daftar):
            texts = list(block.butir)
        elif isinstance(block, Tabel):
            texts = [*block.kepala, *(c for row in block.baris for c in row)]
        else:
            texts = [block.teks]
        for piece in texts:
            Paragraph(sebaris(piece), ParagraphStyle("x", fontName=common.FONT)).wrap(300, 800)
