"""The PDF sheets, read back with pdftotext / pdffonts / pdfinfo and rendered with pdftoppm."""

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserError
from app.io.pdf import Kertas, common, kode_verifikasi, tulis_pdf
from app.io.pdf.data import (
    DokumenEvaluasiSheet,
    EvaluasiSheet,
    Identitas,
    IndikatorBaris,
    Kop,
    LampiranBagian,
    PerilakuBaris,
    RekapBaris,
    RekapSheet,
    RhkBaris,
    SkpSheet,
    Ttd,
)
from app.scoring.types import BERAKHLAK

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)

KOP = Kop("Pemerintah Kabupaten Sabangau", "Dinas Kesehatan", date(2026, 1, 1), date(2026, 12, 31))
PEGAWAI = Identitas(
    "Siti Rahmawati, A.Md.Keb",
    "199002152015032001",
    "Pengatur, II/c",
    "Bidan Terampil",
    "UPT Puskesmas Sabangau Kota - Dinas Kesehatan",
)
PENILAI = Identitas(
    "dr. Budi Santoso",
    "197501012000031002",
    "Penata Tingkat I, III/d",
    "Kepala UPT Puskesmas Sabangau Kota",
    "UPT Puskesmas Sabangau Kota - Dinas Kesehatan",
)
ATASAN = Identitas(
    "dr. Hendra Wijaya, M.Kes",
    "196805121994031003",
    "Pembina Utama Muda, IV/c",
    "Kepala Dinas Kesehatan",
    "Dinas Kesehatan",
)
TTD = Ttd("Sabangau", date(2027, 1, 5))


def _rhk(n: int, realisasi: bool = False) -> tuple[RhkBaris, ...]:
    return tuple(
        RhkBaris(
            f"Terlaksananya imunisasi bayi di wilayah kerja nomor {i}",
            "Meningkatnya cakupan imunisasi dasar lengkap",
            (
                IndikatorBaris(
                    "Kuantitas", "Jumlah bayi yang diimunisasi", "120 bayi", "118 bayi" * realisasi
                ),
                IndikatorBaris(
                    "Kualitas", "Persentase bayi tepat jadwal", "95%", "96%" * realisasi
                ),
                IndikatorBaris("Waktu", "Waktu penyelesaian", "12 Bulan", "12 Bulan" * realisasi),
            ),
            "Capaian kinerja sudah maksimal, pertahankan" if realisasi else "",
        )
        for i in range(1, n + 1)
    )


PERILAKU = tuple(
    PerilakuBaris(d.nama, d.panduan, f"Ekspektasi {d.nomor}", f"Umpan balik {d.nomor}")
    for d in BERAKHLAK.values()
)


def skp_sheet(**changes: object) -> SkpSheet:
    sheet = SkpSheet(
        kop=KOP,
        kualitatif=False,
        jpt=False,
        pegawai=PEGAWAI,
        penilai=PENILAI,
        utama=_rhk(2),
        tambahan=(),
        perilaku=PERILAKU,
        lampiran=(
            LampiranBagian("DUKUNGAN SUMBER DAYA", ("Membutuhkan vaksin dan cold chain",)),
            LampiranBagian("SKEMA PERTANGGUNGJAWABAN", ("Hasil kerja dilaporkan setiap bulan",)),
            LampiranBagian("KONSEKUENSI", ()),
        ),
        ttd=TTD,
    )
    return dataclasses.replace(sheet, **changes)  # type: ignore[arg-type]


def evaluasi_sheet(**changes: object) -> EvaluasiSheet:
    sheet = EvaluasiSheet(
        kop=dataclasses.replace(KOP, selesai=date(2026, 3, 31)),
        kualitatif=False,
        jpt=False,
        periode_label="TRIWULAN I",
        periode_kode="2026-TW1",
        pegawai=PEGAWAI,
        penilai=PENILAI,
        capaian_organisasi="BAIK",
        distribusi=(1, 2, 3, 10, 2),
        utama=_rhk(2, realisasi=True),
        tambahan=_rhk(1, realisasi=True),
        rating_hasil="DI ATAS EKSPEKTASI",
        perilaku=PERILAKU,
        rating_perilaku="SESUAI EKSPEKTASI",
        predikat="BAIK",
        ttd=TTD,
    )
    return dataclasses.replace(sheet, **changes)  # type: ignore[arg-type]


def dokumen_sheet(**changes: object) -> DokumenEvaluasiSheet:
    sheet = DokumenEvaluasiSheet(
        kop=KOP,
        periode_label="TAHUN 2026",
        periode_kode="2026",
        pegawai=PEGAWAI,
        penilai=PENILAI,
        atasan_penilai=ATASAN,
        capaian_organisasi=None,
        predikat="SANGAT BAIK",
        catatan="Pertahankan inovasi posyandu",
        ttd=TTD,
    )
    return dataclasses.replace(sheet, **changes)  # type: ignore[arg-type]


def text_of(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-raw"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def flat(text: str) -> str:
    """Words separated by single spaces (layout columns and wrapping removed)."""
    return " ".join(text.split())


def page_sizes(path: Path) -> list[tuple[float, float]]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)
    ]


def test_skp_sheet_headings_identity_sections_and_lampiran(tmp_path: Path) -> None:
    path = tmp_path / "skp.pdf"
    pages = tulis_pdf(path, [skp_sheet()])
    text = flat(text_of(path))
    for heading in (
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2026",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "A. UTAMA",
        "B. TAMBAHAN",
        "(1) (2) (3) (4) (5) (6)",
        "PERILAKU KERJA",
        "EKSPEKTASI KHUSUS PIMPINAN",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "DUKUNGAN SUMBER DAYA",
        "SKEMA PERTANGGUNGJAWABAN",
        "KONSEKUENSI",
        "Sabangau, 5 Januari 2027",
        "Siti Rahmawati, A.Md.Keb",
        "NIP 19900215 201503 2 001",
        "Berorientasi Pelayanan",
        "Memegang teguh ideologi Pancasila",
    ):
        assert heading in text, heading
    assert "KONSEP" not in text
    # SKP pages are landscape A4, and the Lampiran starts on a page of its own.
    assert pages == len(page_sizes(path)) >= 2
    assert all(w > h and round(w) == 842 for w, h in page_sizes(path))
    assert "LAMPIRAN SASARAN KINERJA PEGAWAI" in text_of(path, pages)
    assert "LAMPIRAN" not in text_of(path, 1)


def test_draft_skp_says_it_cannot_be_signed_and_kualitatif_block(tmp_path: Path) -> None:
    path = tmp_path / "skp.pdf"
    tulis_pdf(path, [skp_sheet(konsep=True, kualitatif=True)])
    text = flat(text_of(path))
    assert "KONSEP - SKP BELUM DISETUJUI" in text
    assert "PENDEKATAN HASIL KERJA KUALITATIF" in text
    assert "Ukuran keberhasilan/Indikator Kinerja Individu, dan Target:" in text
    assert "Jumlah bayi yang diimunisasi: 120 bayi" in text
    assert "ASPEK" not in text  # the qualitative layout has no aspek/target columns


def test_jpt_layout_uses_perspektif_and_instansi(tmp_path: Path) -> None:
    path = tmp_path / "skp.pdf"
    tulis_pdf(path, [skp_sheet(jpt=True)])
    text = flat(text_of(path))
    assert "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in text
    assert "PERSPEKTIF" in text and "INSTANSI" in text
    assert "DIINTERVENSI" not in text


def test_evaluasi_sheet_numbered_parts_curve_and_predikat(tmp_path: Path) -> None:
    path = tmp_path / "evaluasi.pdf"
    tulis_pdf(path, [evaluasi_sheet()])
    text = flat(text_of(path))
    for heading in (
        "EVALUASI KINERJA PEGAWAI",
        "PERIODE: TRIWULAN I",
        "PERIODE PENILAIAN: 1 JANUARI SD 31 MARET TAHUN 2026",
        "CAPAIAN KINERJA ORGANISASI* BAIK",
        "POLA DISTRIBUSI:",
        "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI DENGAN CAPAIAN KINERJA ORGANISASI BAIK",
        "Frekuensi Pegawai",
        "Kurang/Misconduct",
        "REALISASI BERDASARKAN BUKTI DUKUNG",
        "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
        "(1) (2) (3) (4) (5) (6) (7) (8)",
        "RATING HASIL KERJA* DI ATAS EKSPEKTASI",
        "RATING PERILAKU KERJA* SESUAI EKSPEKTASI",
        "PREDIKAT KINERJA PEGAWAI* BAIK",
        "Umpan balik 7",
        "118 bayi",
    ):
        assert heading in text, heading
    assert "DRAF" not in text
    # The signatures never stand alone: the predikat is on their page.
    last = flat(text_of(path, len(page_sizes(path))))
    assert "PREDIKAT KINERJA PEGAWAI* BAIK" in last and "Sabangau, 5 Januari 2027" in last


def test_dokumen_evaluasi_is_one_portrait_page_with_three_identities(tmp_path: Path) -> None:
    path = tmp_path / "dokumen.pdf"
    assert tulis_pdf(path, [dokumen_sheet()], Kertas.F4) == 1
    text = flat(text_of(path))
    for heading in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "PERIODE: TAHUN 2026",
        "NAMA INSTANSI / UNIT KERJA : PEMERINTAH KABUPATEN SABANGAU / DINAS KESEHATAN",
        "1 PEGAWAI YANG DINILAI",
        "2 PEJABAT PENILAI KINERJA",
        "3 ATASAN PEJABAT PENILAI KINERJA",
        "4 EVALUASI KINERJA",
        "CAPAIAN KINERJA ORGANISASI -",
        "PREDIKAT KINERJA PEGAWAI SANGAT BAIK",
        "5 CATATAN/REKOMENDASI",
        "Pertahankan inovasi posyandu",
        "NIP 19680512 199403 1 003",
    ):
        assert heading in text, heading
    # Both signature columns carry place and date on the Dokumen Evaluasi.
    assert text.count("Sabangau, 5 Januari 2027") == 2
    ((w, h),) = page_sizes(path)
    assert (round(w), round(h)) == (609, 935)  # F4 215 x 330 mm, portrait


def test_long_tables_break_with_repeated_header_and_names_wrap(tmp_path: Path) -> None:
    long_name = "Prof. Dr. dr. " + "Raden Ajeng Kusumawardhani Setyaningrum " * 3 + "M.Kes."
    baris = tuple(
        RekapBaris(
            f"{long_name} {i}",
            f"1990021520150320{i:02d}",
            "Bidan Terampil",
            "Pengatur, II/c",
            "UPT Puskesmas Sabangau Kota",
            "98,5%",
            "SESUAI EKSPEKTASI",
            "SESUAI EKSPEKTASI",
            "BAIK",
            "Final",
        )
        for i in range(1, 61)
    )
    sheet = RekapSheet(
        KOP, "PKM-01", "TRIWULAN I", "2026-TW1", "BAIK", (0, 1, 4, 50, 5), baris, PENILAI, TTD
    )
    path = tmp_path / "rekap.pdf"
    pages = tulis_pdf(path, [sheet])
    assert pages >= 4
    for page in range(1, pages):
        assert "PREDIKAT KINERJA" in flat(text_of(path, page)), page
    text = flat(text_of(path))
    # Every row is there once, and the long name wrapped inside its cell (not cut off).
    assert all(f"NIP 19900215 201503 2 0{i:02d}" in text for i in range(1, 61))
    assert "Setyaningrum M.Kes. 60" in text
    assert "KEPALA UPT PUSKESMAS SABANGAU KOTA" in text and "dr. Budi Santoso" in text
    last = flat(text_of(path, pages))
    assert "KURVA DISTRIBUSI" in last and "dr. Budi Santoso" in last


def test_every_page_carries_its_own_sheets_code_and_qr(tmp_path: Path) -> None:
    first, second = dokumen_sheet(), dokumen_sheet(pegawai=PENILAI, penilai=ATASAN)
    path = tmp_path / "dua.pdf"
    assert tulis_pdf(path, [first, second, evaluasi_sheet()]) >= 3
    assert f"Kode verifikasi: {kode_verifikasi(first)}" in text_of(path, 1)
    assert f"Kode verifikasi: {kode_verifikasi(second)}" in text_of(path, 2)
    assert f"Kode verifikasi: {kode_verifikasi(evaluasi_sheet())}" in text_of(path, 3)
    sizes = page_sizes(path)
    assert sizes[0][0] < sizes[0][1] and sizes[2][0] > sizes[2][1]  # portrait, then landscape
    out = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True)
    assert len(out.stdout.splitlines()) == 2  # header only: QR and curve are vector graphics
    assert common.isi_qr(first, "X").startswith("CAPAIAN|DOKUMEN_EVALUASI|199002152015032001|2026|")


def test_verification_code_follows_content_not_print_date() -> None:
    code = kode_verifikasi(dokumen_sheet())
    assert re.fullmatch(r"[A-Z2-7]{5}-[A-Z2-7]{5}", code)
    assert kode_verifikasi(dokumen_sheet(ttd=Ttd("Palangka Raya", date(2027, 2, 1)))) == code
    assert kode_verifikasi(dokumen_sheet(predikat="BAIK")) != code
    other = dataclasses.replace(PEGAWAI, nip="199002152015032002")
    assert kode_verifikasi(dokumen_sheet(pegawai=other)) != code
    # Documented construction: SHA-256 over the canonical JSON, base32, first ten characters.
    import base64
    import hashlib

    raw = base64.b32encode(hashlib.sha256(common.data_kanonik(dokumen_sheet())).digest())
    assert code.replace("-", "") == raw.decode()[:10]


def test_fonts_are_embedded_and_output_is_reproducible(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    tulis_pdf(a, [evaluasi_sheet()])
    tulis_pdf(b, [evaluasi_sheet()])
    assert a.read_bytes() == b.read_bytes()
    fonts = subprocess.run(["pdffonts", str(a)], check=True, capture_output=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all("DejaVuSans" in r and " yes yes " in r for r in rows), fonts.stdout


def test_pages_render_with_pdftoppm(tmp_path: Path) -> None:
    path = tmp_path / "semua.pdf"
    pages = tulis_pdf(path, [skp_sheet(), evaluasi_sheet(), dokumen_sheet()])
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "hal")], check=True)
    images = sorted(tmp_path.glob("hal-*.png"))
    assert len(images) == pages
    assert all(img.stat().st_size > 1000 for img in images)  # not blank


def test_cancel_from_callback_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "batal.pdf"
    seen: list[int] = []

    class StopError(Exception):
        pass

    def on_sheet(index: int) -> None:
        seen.append(index)
        if index == 1:
            raise StopError

    with pytest.raises(StopError):
        tulis_pdf(path, [dokumen_sheet(), dokumen_sheet(predikat="BAIK")], saat_lembar=on_sheet)
    assert seen == [0, 1]
    assert list(tmp_path.iterdir()) == []


def test_missing_font_is_a_user_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(common, "FONT_DIR", tmp_path)
    common.daftarkan_font.cache_clear()
    try:
        with pytest.raises(UserError, match=r"DejaVuSans\.ttf"):
            common.daftarkan_font()
    finally:
        monkeypatch.undo()
        common.daftarkan_font.cache_clear()
        common.daftarkan_font()


def test_unwritable_target_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="tidak dapat ditulis"):
        tulis_pdf(tmp_path / "tidak-ada" / "x.pdf", [dokumen_sheet()])


def test_indonesian_formatting_ignores_ui_language() -> None:
    from decimal import Decimal

    from app.i18n import set_language

    set_language("en")
    try:
        assert common.tanggal(date(2027, 1, 5)) == "5 Januari 2027"
        assert common.angka(Decimal("1234.5")) == "1.234,5"
        assert common.persen(Decimal("92.666")) == "92,67%"
        assert common.persen(Decimal("100.00")) == "100%"
        assert common.rentang(date(2026, 1, 1), date(2026, 3, 31)) == (
            "1 JANUARI SD 31 MARET TAHUN 2026"
        )
    finally:
        set_language("id")


def test_section_heading_is_never_orphaned_at_a_page_foot(tmp_path: Path) -> None:
    tambahan = (
        RhkBaris(
            "Tugas tambahan sebagai koordinator posyandu lansia",
            "Penugasan dari: Kepala Puskesmas",
            (IndikatorBaris("Kuantitas", "Jumlah posyandu dibina", "4 Posyandu"),),
        ),
    )
    # Growing the utama list moves B. TAMBAHAN across the page foot at some size.
    for n in range(1, 11):
        path = tmp_path / f"skp-{n}.pdf"
        pages = tulis_pdf(path, [skp_sheet(utama=_rhk(n), tambahan=tambahan)])
        for page in range(1, pages + 1):
            text = flat(text_of(path, page))
            if "B. TAMBAHAN" in text:
                assert "koordinator posyandu lansia" in text, (n, page)
            if "A. UTAMA" in text:
                assert "wilayah kerja nomor 1" in text, (n, page)


def test_printed_qr_matches_the_encoded_modules(tmp_path: Path) -> None:
    """Rasterise the footer QR and compare every module with the encoder's matrix.

    No QR decoder is installed here, so this proves the drawing is faithful (not mirrored,
    not shifted); the encoding itself is reportlab's.
    """
    from PIL import Image
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.lib.units import mm

    sheet = dokumen_sheet()
    path = tmp_path / "qr.pdf"
    tulis_pdf(path, [sheet])
    payload = common.isi_qr(sheet, kode_verifikasi(sheet))
    widget = QrCodeWidget(payload, barLevel="M")
    widget.qr.make()
    modules = widget.qr.modules
    border = widget.barBorder
    dpi = 600
    scale = dpi / 72
    width, height = page_sizes(path)[0]
    size = 12 * mm
    left = width - common.MARGIN - size
    top = height - (common.MARGIN / 2 - 1 * mm) - size
    crop = [round(left * scale), round(top * scale), round(size * scale), round(size * scale)]
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-x", str(crop[0]), "-y", str(crop[1]),
         "-W", str(crop[2]), "-H", str(crop[3]), "-png", "-singlefile", str(path),
         str(tmp_path / "qr")],
        check=True,
    )  # fmt: skip
    image = Image.open(tmp_path / "qr.png").convert("L")
    box = crop[2] / (len(modules) + 2 * border)
    wrong = [
        (r, c)
        for r, row in enumerate(modules)
        for c, dark in enumerate(row)
        if (image.getpixel((int((c + border + 0.5) * box), int((r + border + 0.5) * box))) < 128)
        != bool(dark)
    ]
    assert len(modules) >= 21 and wrong == []


def test_batch_lays_out_one_sheet_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch of thousands must not hold every sheet's paragraphs in memory at once."""
    from app.io import pdf

    events: list[str] = []
    original = pdf._flowables

    def spy(sheet: object, width: float) -> list[object]:
        events.append("susun")
        return original(sheet, width)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "_flowables", spy)
    sheets = [dokumen_sheet(predikat=p) for p in ("BAIK", "SANGAT BAIK", "KURANG")]
    tulis_pdf(tmp_path / "x.pdf", sheets, saat_lembar=lambda i: events.append(f"gambar {i}"))
    assert events == ["susun", "gambar 0", "susun", "gambar 1", "susun", "gambar 2"]
