"""The two-office scenario of the sync issue, from the command line.

Two office databases from the demo (Dinas Kesehatan and Dinas Pendidikan) and one BKD (SQLite,
and PostgreSQL in test.sh): enrolment, first packages, then edits on both offices including one
conflicting edit (both change the Sekda's record) and one transfer (BKD moves a bidan from
DINKES to DISDIK while DINKES, not yet told, corrects her August realisation); BKD merges,
resolves the conflicts, sends reverse packages, and both offices see the outcome. Edits are made
through the services (as the GUI and Excel import do); every sync step is a ``capaian`` command.
"""

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from app.cli import main
from app.errors import LockedError
from app.models import Konflik, Mutasi, Organisasi, Pegawai, Realisasi
from app.models.db import Database
from app.services import pegawai, realisasi
from app.services.context import ServiceContext
from app.services.pemeriksaan import periksa
from tests.helpers import snapshot

SEKDA_UNIT = "SETDA"


class Cli:
    """Runs ``capaian`` in-process and parses its JSON output."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, db: str, *argv: str, expect: int = 0) -> Any:
        code = main(["--db", db, "--json", *argv])
        out, err = self.capsys.readouterr()
        assert code == expect, (argv, out, err)
        return json.loads(out) if out.strip() else None


def _context(path: str) -> ServiceContext:
    db = Database.open(path)
    return ServiceContext(db=db, actor="operator", evidence_dir=Path(path).parent / "bukti")


def _enrol(cli: Cli, office: str, bkd: str, folder: Path) -> None:
    request = cli(office, "enrol", "request", "--out", str(folder))
    assert cli(bkd, "import-package", request["berkas"])[0]["status"] == "MENUNGGU_PERSETUJUAN"
    key = request["kunci"]
    cli(bkd, "enrol", "approve", "--key", key["key_id"], "--fingerprint", key["sidik_jari"])


def _export(cli: Cli, office: str, folder: Path) -> str:
    path: str = cli(office, "export-package", "--out", str(folder))["berkas"]
    return path


def _realisasi_of(ctx: ServiceContext, nip: str, periode_id_kode: str) -> tuple[str, str]:
    """(indikator id, realisasi id) of one of the pegawai's realisations in a month."""
    with ctx.read() as session:
        from app.models import Indikator, Periode, Rhk, Skp

        row = session.execute(
            select(Realisasi.indikator_id, Realisasi.id)
            .join(Indikator, Realisasi.indikator_id == Indikator.id)
            .join(Rhk, Indikator.rhk_id == Rhk.id)
            .join(Skp, Rhk.skp_id == Skp.id)
            .join(Pegawai, Skp.pegawai_id == Pegawai.id)
            .join(Periode, Realisasi.periode_id == Periode.id)
            .where(Pegawai.nip == nip, Periode.kode == periode_id_kode)
            .order_by(Realisasi.id)
        ).first()
        assert row is not None
        return row[0], row[1]


def test_two_offices_a_conflict_and_a_transfer(
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAPAIAN_PASSPHRASE", "rahasia-kantor-1")
    cli = Cli(capsys)
    bkd = db.url
    dinkes, disdik = str(tmp_path / "dinkes" / "c.db"), str(tmp_path / "disdik" / "c.db")
    out = tmp_path / "paket"
    out.mkdir()

    # ---- set up: BKD (a training BKD: demo packages never enter real data) and two offices
    cli(bkd, "init", "--role", "bkd", "--kode", "BKD", "--nama", "BKD Sabangau", "--latihan")
    cli(bkd, "enrol", "keygen")
    bkd_key = cli(bkd, "enrol", "show")
    tahun = cli(dinkes, "demo", "--kantor", "DINKES")["tahun"]
    assert cli(disdik, "demo", "--kantor", "DISDIK")["tahun"] == tahun
    for office in (dinkes, disdik):
        cli(
            office,
            "enrol",
            "trust-bkd",
            "--key",
            bkd_key["kunci_publik"],
            "--fingerprint",
            bkd_key["sidik_jari"],
        )
        _enrol(cli, office, bkd, out)

    # ---- first packages: both offices carry the Sekda (penilai of both kepala dinas); the
    # copies are identical, so the second one converges instead of clashing.
    first = cli(bkd, "import-package", _export(cli, dinkes, out), _export(cli, disdik, out))
    assert [r["status"] for r in first] == ["BERHASIL", "BERHASIL"], first
    assert first[1]["jumlah"]["sama"] > 0 and first[1]["jumlah"]["konflik"] == 0

    a, b, central = (
        _context(dinkes),
        _context(disdik),
        ServiceContext(db=db, actor="operator-bkd", evidence_dir=tmp_path / "bkd-bukti"),
    )
    with a.read() as session:
        sekda = session.scalars(
            select(Pegawai.nip)
            .join(Organisasi, Pegawai.organisasi_id == Organisasi.id)
            .where(Organisasi.kode == SEKDA_UNIT)
        ).one()
    with a.read() as session:
        bidan = session.scalars(
            select(Pegawai.nip).where(Pegawai.jabatan.like("Bidan%")).order_by(Pegawai.nip)
        ).first()
    assert sekda and bidan

    # ---- BKD records the transfer; DINKES does not know yet
    moved = cli(
        bkd,
        "mutasi",
        "catat",
        "--nip",
        bidan,
        "--ke",
        "DISDIK-SEKRET",
        "--berlaku",
        f"{tahun}-07-01",
        "--sk",
        "800/123/BKD",
    )
    assert (moved["kantor_asal"], moved["kantor_tujuan"]) == ("DINKES", "DISDIK")

    # ---- offline edits on both sides
    indikator_juni, _ = _realisasi_of(a, bidan, f"{tahun}-06")
    indikator_agustus, _ = _realisasi_of(a, bidan, f"{tahun}-08")
    realisasi.catat_realisasi(a, indikator_id=indikator_juni, periode_kode=f"{tahun}-06", nilai=7)
    realisasi.catat_realisasi(
        a, indikator_id=indikator_agustus, periode_kode=f"{tahun}-08", nilai=9
    )
    pegawai.update_pegawai(a, sekda, gelar_belakang="M.Si.")
    pegawai.update_pegawai(b, sekda, gelar_belakang="M.A.P.")

    reports = cli(bkd, "import-package", _export(cli, disdik, out), _export(cli, dinkes, out))
    assert [r["status"] for r in reports] == ["BERHASIL", "BERHASIL_DENGAN_KONFLIK"]
    kinds = sorted(k["jenis"] for k in reports[1]["konflik"])
    assert kinds == ["FIELD_CONFLICT", "OUT_OF_SCOPE"], reports[1]["konflik"]
    with central.read() as session:
        june = session.scalars(
            select(Realisasi.nilai).where(Realisasi.indikator_id == indikator_juni)
        ).all()
        august = session.scalars(
            select(Realisasi).where(Realisasi.indikator_id == indikator_agustus)
        ).all()
    assert 7 in june  # June was still DINKES's period: applied
    assert all(r.nilai != 9 for r in august)  # August belongs to DISDIK now: held as conflict

    # ---- BKD resolves: the late DINKES correction is rejected; DINKES's Sekda title wins
    queue = cli(bkd, "conflicts", "list")
    by_kind = {c["jenis"]: c for c in queue}
    assert set(by_kind) == {"FIELD_CONFLICT", "OUT_OF_SCOPE"}
    conflict = by_kind["FIELD_CONFLICT"]["medan"]["gelar_belakang"]
    assert (conflict["masuk"], conflict["sekarang"]) == ("M.Si.", "M.A.P.")
    cli(
        bkd,
        "conflicts",
        "resolve",
        by_kind["OUT_OF_SCOPE"]["id"],
        "--keep",
        "current",
        "--note",
        "Sejak Juli realisasi dicatat Dinas Pendidikan.",
    )
    cli(
        bkd,
        "conflicts",
        "resolve",
        by_kind["FIELD_CONFLICT"]["id"],
        "--keep",
        "incoming",
        "--note",
        "Sesuai SK terakhir.",
    )
    assert cli(bkd, "conflicts", "list") == []

    # ---- reverse packages; both offices see the outcome
    to_a = cli(bkd, "reply-package", "--office", "DINKES", "--out", str(out))["berkas"]
    to_b = cli(bkd, "reply-package", "--office", "DISDIK", "--out", str(out))["berkas"]
    (applied_a,) = cli(dinkes, "apply-reply", to_a)
    (applied_b,) = cli(disdik, "apply-reply", to_b)
    assert applied_a["status"] == applied_b["status"] == "BERHASIL"
    assert [m["nip"] for m in applied_a["mutasi"]] == [bidan]
    assert not applied_a["mutasi"][0]["masuk"] and applied_b["mutasi"][0]["masuk"]
    assert {k["status"] for k in applied_a["konflik"]} == {"TETAP_SEKARANG", "AMBIL_MASUK"}
    assert applied_b["konflik"] == []  # DISDIK's own op was applied; BKD's value follows

    for ctx in (a, b):
        with ctx.read() as session:
            row = session.scalars(select(Pegawai).where(Pegawai.nip == sekda)).one()
            assert row.gelar_belakang == "M.Si."
    with a.read() as session:
        moved_row = session.scalars(select(Pegawai).where(Pegawai.nip == bidan)).one()
        assert session.get(Organisasi, moved_row.organisasi_id).kode == "DISDIK-SEKRET"
        assert session.scalars(select(Mutasi)).one().nomor_sk == "800/123/BKD"
    # DINKES: the bidan's periods from July are read-only; earlier ones are still its own.
    before = snapshot(a.db)
    with pytest.raises(LockedError, match="dimutasi"):
        realisasi.catat_realisasi(
            a, indikator_id=indikator_agustus, periode_kode=f"{tahun}-09", nilai=4
        )
    with pytest.raises(LockedError):
        pegawai.update_pegawai(a, bidan, jabatan="Bidan Penyelia")
    assert snapshot(a.db) == before
    # The Excel route refuses it too, row by row, and stores nothing.
    sheet = tmp_path / "realisasi-september.xlsx"
    cli(dinkes, "template", "realisasi", str(sheet), "--periode", f"{tahun}-09")
    workbook = openpyxl.load_workbook(sheet)
    rows = [r for r in workbook.active.iter_rows(min_row=2) if r[0].value == bidan]
    assert rows
    rows[0][9].value = 5
    workbook.save(sheet)
    refused = cli(dinkes, "import-excel", "realisasi", str(sheet), expect=1)
    assert "dimutasi" in json.dumps(refused, ensure_ascii=False), refused
    staff = tmp_path / "pegawai.xlsx"
    cli(dinkes, "export-excel", "pegawai", str(staff))
    workbook = openpyxl.load_workbook(staff)
    sheet = workbook.active
    headers = [str(c.value) for c in sheet[1]]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == bidan]
    row[next(i for i, h in enumerate(headers) if "jabatan" in h.lower())].value = "Bidan Penyelia"
    workbook.save(staff)
    refused = cli(dinkes, "import-excel", "pegawai", str(staff), expect=1)
    assert "dimutasi" in json.dumps(refused, ensure_ascii=False), refused
    assert snapshot(a.db) == before
    realisasi.catat_realisasi(a, indikator_id=indikator_juni, periode_kode=f"{tahun}-05", nilai=5)
    assert periksa(a).boleh_ekspor  # the transferred bidan no longer blocks DINKES's export

    # DISDIK: the bidan arrived without a penilai; the gate says so until one is named.
    findings = {t.kode for t in periksa(b).temuan}
    assert "TANPA_PENILAI" in findings
    with b.read() as session:
        kepala = session.scalars(
            select(Pegawai.nip)
            .join(Organisasi, Pegawai.organisasi_id == Organisasi.id)
            .where(Organisasi.kode == "DISDIK-SEKRET")
            .order_by(Pegawai.nip)
        ).first()
    pegawai.update_pegawai(b, bidan, penilai_nip=kepala, jabatan="Pengelola Kepegawaian")
    assert periksa(b).boleh_ekspor
    final = cli(bkd, "import-package", _export(cli, disdik, out), _export(cli, dinkes, out))
    assert [r["status"] for r in final] == ["BERHASIL", "BERHASIL"], final
    with central.read() as session:
        row = session.scalars(select(Pegawai).where(Pegawai.nip == bidan)).one()
        assert row.jabatan == "Pengelola Kepegawaian"
        assert session.scalars(select(Konflik).where(Konflik.status == "TERBUKA")).all() == []
