"""capaian template / import-excel / export-excel from the command line."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from tests.data import excel_corpus as corpus
from tests.helpers import snapshot


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def kantor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "kantor.db")
    assert (
        run(
            capsys,
            "--db",
            db,
            "init",
            "--role",
            "dinas",
            "--kode",
            "DINKES",
            "--nama",
            "Dinkes",
            "--tahun",
            "2026",
        )[0]
        == 0
    )
    return db


def test_template_fill_import_dry_run_then_store_then_export(
    kantor: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "pegawai.xlsx"
    code, out, _ = run(capsys, "--db", kantor, "template", "pegawai", str(template))
    assert code == 0 and "pegawai.xlsx" in out
    book = load_workbook(template)
    ws = book["Pegawai"]
    for column, value in enumerate(corpus.pegawai_row(corpus.NIP_A), start=1):
        ws.cell(row=2, column=[1, 2, 5, 7, 8, 9, 11, 12][column - 1], value=value)
    book.save(template)

    from app.models.db import Database

    database = Database.open(kantor)
    before = snapshot(database)
    code, out, _ = run(
        capsys, "--db", kantor, "--json", "import-excel", "pegawai", str(template), "--dry-run"
    )
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["uji_coba"] and report["baru"] == 1
    assert snapshot(database) == before
    code, out, _ = run(capsys, "--db", kantor, "import-excel", "pegawai", str(template))
    assert code == 0 and "1 baru" in out
    code, out, _ = run(capsys, "--db", kantor, "import-excel", "pegawai", str(template))
    assert code == 0 and "0 baru, 0 diubah, 1 sama" in out
    database.dispose()

    export = tmp_path / "ekspor.xlsx"
    code, out, _ = run(capsys, "--db", kantor, "--json", "export-excel", "pegawai", str(export))
    assert code == 0 and json.loads(out)["baris"] == 1
    rows = list(load_workbook(export)["Pegawai"].iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == corpus.NIP_A


def test_validation_errors_exit_1_with_report_path(
    kantor: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus.duplicate_nip(tmp_path)
    code, out, err = run(capsys, "--db", kantor, "import-excel", "pegawai", str(path))
    assert code == 1
    assert "tidak ada data yang disimpan" in err
    assert "nip-ganda-kesalahan.xlsx" in err
    assert (tmp_path / "nip-ganda-kesalahan.xlsx").exists()
    code, out, _ = run(
        capsys,
        "--db",
        kantor,
        "--json",
        "import-excel",
        "pegawai",
        str(path),
        "--laporan",
        str(tmp_path / "lap.xlsx"),
    )
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert report["laporan_kesalahan"] == str(tmp_path / "lap.xlsx")
    assert {m["kolom"] for m in report["masalah"]} >= {"nip"}


def test_unusable_file_is_a_plain_user_error(
    kantor: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "--db", kantor, "import-excel", "pegawai", str(corpus.password_protected(tmp_path))
    )
    assert code == 1 and "dilindungi kata sandi" in err and "Traceback" not in err + out


def test_demo_exports_import_back_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "demo.db")
    assert run(capsys, "--db", db, "--json", "demo", "--size", "small", "--tahun", "2026")[0] == 0
    from app.models.db import Database

    database = Database.open(db)
    before = snapshot(database)
    for jenis in ("pegawai", "skp", "realisasi"):
        path = tmp_path / f"{jenis}.xlsx"
        code, out, _ = run(
            capsys, "--db", db, "--json", "export-excel", jenis, str(path), "--periode", "2026-03"
        )
        assert code == 0, out
        code, out, _ = run(capsys, "--db", db, "--json", "import-excel", jenis, str(path))
        report = json.loads(out)
        assert code == 0 and report["ok"], report["masalah"][:3]
        assert report["baru"] == report["diubah"] == 0 and report["sama"] == report["baris"]
    assert snapshot(database) == before
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "--json",
        "export-excel",
        "rekap",
        str(tmp_path / "r.xlsx"),
        "--periode",
        "2026-03",
        "--unit",
        "DINKES",
    )
    assert code == 0 and json.loads(out)["lembar"] == ["Rekap", "Distribusi"]
    code, out, _ = run(
        capsys, "--db", db, "export-excel", "rekap", str(tmp_path / "b1.xlsx"),
        "--periode", "2026-03", "--unit", "DINKES-B1",
    )  # fmt: skip
    units = [r[0] for r in load_workbook(tmp_path / "b1.xlsx")["Distribusi"].iter_rows(
        min_row=4, values_only=True)]  # fmt: skip
    assert code == 0 and units == ["DINKES-B1"]  # not the office above it, seen only in part
    code, _out, err = run(capsys, "--db", db, "export-excel", "rekap", str(tmp_path / "x.xlsx"))
    assert code == 1 and "--periode" in err
    database.dispose()
