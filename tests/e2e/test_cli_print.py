"""``capaian print`` on the small Sabangau demo: files, JSON, exit codes, rendered pages."""

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, object]]]:
    """The small demo built once through the command line; its JSON report."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("CAPAIAN_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", db, "demo", "--size", "small", "--json"]) == 0
    yield db, json.loads(out.getvalue())
    monkeypatch.undo()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-raw"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    out = subprocess.run([*args, str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode().split())


def test_print_each_sheet_for_one_employee(
    demo: tuple[str, dict[str, object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, report = demo
    nip, periode = str(report["contoh_nip"]), str(report["contoh_periode"])
    tahun = str(report["tahun"])
    for jenis in ("skp", "evaluasi", "dokumen-evaluasi"):
        code, out, err = run(
            capsys, "--db", db, "print", jenis, "--out", str(tmp_path), "--nip", nip,
            "--periode", periode, "--json",
        )  # fmt: skip
        assert code == 0, err
        result = json.loads(out)
        assert result["jumlah_lembar"] == 1 and not result["dibatalkan"]
        (berkas,) = result["berkas"]
        path = Path(berkas["path"])
        assert path.parent == tmp_path and nip in path.name
        (lembar,) = berkas["lembar"]
        text = text_of(path)
        assert lembar["nama"] in text
        assert f"Kode verifikasi: {lembar['kode_verifikasi']}" in text
        assert f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" in text
    annual = text_of(tmp_path / f"dokumen-evaluasi-{periode}-{nip}.pdf")
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in annual
    assert any(
        f"PREDIKAT KINERJA PEGAWAI {p}" in annual
        for p in ("SANGAT BAIK", "BAIK", "BUTUH PERBAIKAN", "KURANG", "SANGAT KURANG")
    )
    assert "SASARAN KINERJA PEGAWAI" in text_of(tmp_path / f"skp-{tahun}-{nip}.pdf")


def test_whole_office_in_one_f4_file_renders(
    demo: tuple[str, dict[str, object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, report = demo
    tahun = str(report["tahun"])
    code, out, err = run(
        capsys, "--db", db, "print", "evaluasi", "--out", str(tmp_path), "--periode", tahun,
        "--unit", "DINKES", "--kertas", "F4", "--satu-berkas",
    )  # fmt: skip
    assert code == 0, err
    path = tmp_path / f"evaluasi-{tahun}-DINKES.pdf"
    assert str(path) in out and "lembar evaluasi dicetak pada kertas F4" in out
    assert "] Mencetak lembar" in err  # progress lines on stderr
    codes = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert len(codes) == len(set(codes)) >= 36
    text = text_of(path)
    assert text.count("EVALUASI KINERJA PEGAWAI PENDEKATAN HASIL KERJA") == len(codes)
    assert "PERIODE: AKHIR" in text
    # Look at the first pages: they render (F4 landscape) without errors.
    subprocess.run(
        ["pdftoppm", "-r", "20", "-f", "1", "-l", "3", "-png", str(path), str(tmp_path / "p")],
        check=True,
    )
    assert len(list(tmp_path.glob("p-*.png"))) == 3


def test_rekap_and_errors(
    demo: tuple[str, dict[str, object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, report = demo
    periode = str(report["contoh_periode"])
    code, out, _ = run(
        capsys, "--db", db, "print", "rekap", "--out", str(tmp_path), "--periode", periode
    )
    assert code == 0
    text = text_of(tmp_path / f"rekap-{periode}-DINKES.pdf")
    assert "REKAPITULASI EVALUASI KINERJA PEGAWAI" in text and "KEPALA DINAS KESEHATAN" in text
    code, out, err = run(capsys, "--db", db, "print", "evaluasi", "--out", str(tmp_path))
    assert code == 1 and "memerlukan periode" in err and "Traceback" not in err
    code, out, _ = run(
        capsys, "--db", db, "--json", "print", "dokumen-evaluasi", "--out", str(tmp_path),
        "--periode", periode, "--unit", "TIDAK-ADA",
    )  # fmt: skip
    assert code == 1 and json.loads(out)["field"] == "organisasi"
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "print", "lembar-lain", "--out", str(tmp_path)])
    assert usage.value.code == 2


def test_sheets_stay_indonesian_under_english_ui(
    demo: tuple[str, dict[str, object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.i18n import set_language

    db, report = demo
    nip, tahun = str(report["contoh_nip"]), str(report["tahun"])
    try:
        code, out, _ = run(
            capsys, "--db", db, "--lang", "en", "print", "dokumen-evaluasi", "--out",
            str(tmp_path), "--nip", nip, "--periode", tahun,
        )  # fmt: skip
    finally:
        set_language("id")  # main() leaves the process in English; later tests expect Indonesian
    assert code == 0 and "sheet(s) printed on A4 paper" in out  # the UI speaks English
    text = text_of(tmp_path / f"dokumen-evaluasi-{tahun}-{nip}.pdf")
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text and "PERIODE: TAHUN" in text
    months = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus")
    assert any(f" {m} " in text for m in months)  # the signing date is in Indonesian
    assert "January" not in text and "PANGKAT/GOL RUANG" in text
