"""``capaian print ringkas``: the cheat sheet from the command line, with no database at all."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.io.pdf.ringkas import UKURAN_MAKS, UKURAN_MIN
from app.services import lembar_ringkas

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("CAPAIAN_DATA_DIR", str(data))
    return data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(next(x for x in out.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def test_writes_the_sheet_without_opening_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "belum-ada.db"
    target = tmp_path / "keluar" / "ringkas.pdf"
    code, out, err = run(capsys, "--db", str(db), "print", "ringkas", "--out", str(target))
    assert code == 0, err
    assert pages(target) == 1
    assert out.splitlines() == [
        f"{target} (1 halaman)",
        # The current sheet fits at the largest size tried.
        f"Lembar ringkas dicetak pada kertas A4, huruf {UKURAN_MAKS:.1f} pt.".replace(".", ",", 1),
    ]
    assert not db.exists()  # static help text: nothing opened or created
    text = subprocess.run(
        ["pdftotext", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Sangat Baik" in text and "Butuh Perbaikan" in text


def test_json_matches_the_other_print_commands_and_folder_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "print", "ringkas", "--out", str(tmp_path), "--kertas", "F4", "--json"
    )
    assert code == 0, err
    report = json.loads(out)
    written = tmp_path / lembar_ringkas.NAMA_BERKAS
    assert report == {
        "jenis": "ringkas",
        "kertas": "F4",
        "berkas": [{"path": str(written), "halaman": 1, "lembar": []}],
        "dibatalkan": False,
        "jumlah_lembar": 1,
        "ukuran_huruf": report["ukuran_huruf"],
        "sumber": str(lembar_ringkas.SUMBER),
    }
    assert UKURAN_MIN <= report["ukuran_huruf"] <= UKURAN_MAKS
    assert pages(written) == 1


def test_options_of_the_official_sheets_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.pdf"
    code, _out, err = run(
        capsys, "print", "ringkas", "--out", str(target), "--nip", "199002152015032001",
        "--satu-berkas",
    )  # fmt: skip
    assert code == 2
    assert "--nip, --satu-berkas tidak berlaku untuk lembar ringkas" in err
    assert not target.exists()


def test_user_errors_exit_1_with_the_file_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    code, out, _err = run(capsys, "print", "ringkas", "--out", str(blocker / "r.pdf"), "--json")
    assert code == 1
    assert str(blocker) in json.loads(out)["error"]

    missing = tmp_path / "hilang.md"
    monkeypatch.setattr(lembar_ringkas, "SUMBER", missing)
    code, _out, err = run(capsys, "--lang", "en", "print", "ringkas", "--out", str(tmp_path))
    assert code == 1
    assert f"The cheat sheet file {missing} cannot be read" in err

    long_sheet = tmp_path / "panjang.md"
    long_sheet.write_text("# Panjang\n\n" + "kata " * 30000, encoding="utf-8")
    monkeypatch.setattr(lembar_ringkas, "SUMBER", long_sheet)
    code, _out, err = run(capsys, "print", "ringkas", "--out", str(tmp_path / "p.pdf"))
    assert code == 1
    assert f"{long_sheet} tidak muat pada satu halaman A4, bahkan dengan huruf 7 pt" in err
    assert not (tmp_path / "p.pdf").exists()
