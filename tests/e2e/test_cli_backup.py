"""``capaian backup`` / ``restore``: the automatic backups of writing commands and the CLI paths."""

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kantor" / "capaian.db"
    code, _, err = run(
        capsys, "--db", str(path), "init", "--role", "dinas", "--kode", "DINKES", "--nama", "Dinkes"
    )
    assert code == 0, err
    return path


def _units(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM organisasi").fetchone()[0])
    finally:
        connection.close()


def test_backup_list_and_restore_round_trip(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db), "--json", "backup")
    assert code == 0, err
    backup = Path(json.loads(out)["berkas"])
    assert backup.parent == db.parent / "cadangan" and backup.name.startswith("capaian-manual-")
    code, out, _ = run(capsys, "--db", str(db), "backup", "--list", "--json")
    kinds = sorted(row["jenis"] for row in json.loads(out))
    assert kinds == ["manual"]  # init on an empty database had nothing to back up yet
    units = _units(db)
    # Damage the data after the backup: delete a unit behind the program's back.
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("DELETE FROM organisasi WHERE kode = 'DINKES'")
    connection.commit()
    connection.close()
    assert _units(db) == units - 1

    code, _, err = run(capsys, "--db", str(db), "restore", str(backup))
    assert code == 1 and "--yes" in err  # no terminal to confirm on: refuse, change nothing
    assert _units(db) == units - 1
    code, out, err = run(capsys, "--db", str(db), "restore", str(backup), "--yes")
    assert code == 0, err
    assert "dipulihkan" in out and "sebelum-pulih" in out
    assert _units(db) == units
    code, out, _ = run(capsys, "--db", str(db), "--json", "info")
    assert code == 0 and json.loads(out)["organisasi"] == units


def test_backup_to_a_named_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "flashdisk" / "salinan.db"
    code, out, err = run(capsys, "--db", str(db), "backup", str(target))
    assert code == 0, err
    assert str(target) in out and target.stat().st_size > 0


def test_writing_command_takes_the_daily_backup_once(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        run(capsys, "--db", str(db), "periode", "list")  # reading: no backup
    assert not list((db.parent / "cadangan").glob("*harian*"))
    for _ in range(2):
        run(capsys, "--db", str(db), "periode", "kunci", "2026-01", "--alasan", "uji")
    assert len(list((db.parent / "cadangan").glob("capaian-harian-*.db"))) == 1


def test_import_excel_is_preceded_by_an_automatic_backup(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "pegawai.xlsx"
    assert run(capsys, "--db", str(db), "template", "pegawai", str(template))[0] == 0
    run(capsys, "--db", str(db), "import-excel", "pegawai", str(template), "--dry-run")
    assert not list((db.parent / "cadangan").glob("*otomatis*"))  # a dry run changes nothing
    run(capsys, "--db", str(db), "import-excel", "pegawai", str(template))
    (auto,) = (db.parent / "cadangan").glob("capaian-otomatis-*-impor-excel.db")
    assert auto.stat().st_size > 0


def test_damaged_database_gives_a_message_not_a_crash(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", str(db), "backup")[0] == 0
    data = bytearray(db.read_bytes())
    data[: len(data) // 2] = b"\x00" * (len(data) // 2)
    db.write_bytes(bytes(data))
    code, out, err = run(capsys, "--db", str(db), "info")
    assert code == 1
    assert "rusak" in err and f'capaian --db "{db}" restore' in err and "Traceback" not in out + err
    assert list(db.parent.glob("capaian.db.rusak-*"))
    backup = next((db.parent / "cadangan").glob("capaian-manual-*.db"))
    assert str(backup) in err
    assert run(capsys, "--db", str(db), "restore", str(backup), "--yes")[0] == 0
    assert run(capsys, "--db", str(db), "info")[0] == 0


def test_restore_refuses_a_file_that_is_not_a_backup(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "foto.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 bukan basis data")
    before = db.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "restore", str(bad), "--yes")
    assert code == 1 and "bukan cadangan Capaian" in err
    assert db.read_bytes() == before


def test_failed_daily_backup_is_a_warning_and_the_work_goes_on(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.errors import UserError
    from app.services import cadangan

    def full(_source: Path, destination: Path, **_kwargs: object) -> None:
        raise UserError(f"Disk penuh: cadangan {destination} tidak dapat ditulis.")

    monkeypatch.setattr(cadangan, "_copy", full)
    code, out, err = run(capsys, "--db", str(db), "--json", "periode", "list")
    assert code == 0 and "Peringatan" not in err  # reading takes no backup
    code, out, err = run(
        capsys, "--db", str(db), "--json", "periode", "kunci", "2026-01", "--alasan", "uji"
    )
    assert err.startswith("Peringatan: Disk penuh")
    assert "Periode dikunci dan dibuka oleh BKD" in out  # the command itself still ran
    # Before an import the backup is not optional: no backup, no import.
    template = db.parent / "pegawai.xlsx"
    assert run(capsys, "--db", str(db), "template", "pegawai", str(template))[0] == 0
    code, _, err = run(capsys, "--db", str(db), "import-excel", "pegawai", str(template))
    assert code == 1 and "Disk penuh" in err
