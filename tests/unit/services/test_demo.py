"""The deterministic Sabangau demo: shape, validity, cascading, determinism, consistency."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import aliased

from app.errors import UserError, ValidationError
from app.models import (
    BuktiDukung,
    Evaluasi,
    Indikator,
    Organisasi,
    Pegawai,
    Periode,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from app.models.db import Database
from app.scoring.identity import periksa_nip
from app.scoring.types import (
    GOLONGAN_PPPK,
    PANGKAT_PNS,
    Granularitas,
    JenisJabatan,
    JenisKelamin,
    JenisPegawai,
    Predikat,
    StatusEvaluasi,
    StatusSkp,
)
from app.services import demo_data, evaluasi
from app.services.context import ServiceContext
from app.services.demo import DemoReport, build_demo, tahun_bawaan

CLOCK = datetime(2027, 1, 8, 9, 0)
TAHUN = 2026


def _context(folder: Path) -> ServiceContext:
    folder.mkdir(parents=True, exist_ok=True)
    return ServiceContext(
        db=Database.open(folder / "capaian.db"),
        actor="demo",
        evidence_dir=folder / "bukti",
        clock=lambda: CLOCK,
    )


@dataclass
class Built:
    ctx: ServiceContext
    report: DemoReport
    progress: list[tuple[str, int, int]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The small demo, built once for the module (seed 1, clock in January 2027)."""
    ctx = _context(tmp_path_factory.mktemp("demo"))
    calls: list[tuple[str, int, int]] = []
    report = build_demo(ctx, size="small", seed=1, progress=lambda *a: calls.append(a))
    yield Built(ctx, report, calls)
    ctx.db.dispose()


def _predikat_list(ctx: ServiceContext) -> list[tuple[str, str, str]]:
    with ctx.read() as session:
        rows = session.execute(
            select(Pegawai.nip, Periode.kode, Evaluasi.predikat)
            .join(Skp, Evaluasi.skp_id == Skp.id)
            .join(Pegawai, Skp.pegawai_id == Pegawai.id)
            .join(Periode, Evaluasi.periode_id == Periode.id)
        ).all()
    return sorted((nip or "", kode, p.value if p else "") for nip, kode, p in rows)


def _counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.db.engine.connect() as connection:
        return {
            table: connection.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar_one()
            for table in inspect(connection).get_table_names()
        }


# ----------------------------------------------------------------------------- shape
def test_small_demo_report_and_counts(built: Built) -> None:
    report = built.report
    summary = report.ringkasan
    assert (report.size, report.seed, report.tahun) == ("small", 1, TAHUN)
    assert report.contoh_periode == f"{TAHUN}-06"
    assert 36 <= summary.pegawai <= 48
    assert summary.skp == summary.pegawai
    assert summary.indikator >= 100
    # The Sekda is in the office's database only as the kepala dinas's penilai (and the RHK
    # it cascades from); the Setda records the Sekda's own work, so one pegawai has none here.
    own = summary.pegawai - 1
    assert 0.9 * 12 * summary.indikator <= summary.realisasi <= 12 * summary.indikator + 24
    assert summary.evaluasi_tahunan == own
    assert summary.evaluasi_periodik == 12 * own
    assert summary.bukti_dukung > 0 and summary.umpan_balik > 0
    assert summary.peran == "dinas" and summary.kantor == "DINKES - Dinas Kesehatan"
    assert report.rows > summary.realisasi + summary.indikator + summary.pegawai
    assert report.seconds < 20
    with built.ctx.read() as session:
        assert session.scalar(select(Pegawai.id).where(Pegawai.nip == report.contoh_nip))


def test_progress_reports_each_stage_and_the_end(built: Built) -> None:
    labels = [label for label, _done, _total in built.progress]
    totals = {total for _label, _done, total in built.progress}
    assert len(totals) == 1
    total = totals.pop()
    assert [done for _l, done, _t in built.progress] == list(range(total + 1))
    assert labels[0] == "Menyiapkan basis data dan periode"
    assert built.progress[-1] == ("Demo selesai", total, total)


def test_all_five_predikat_in_the_year_and_in_one_month(built: Built) -> None:
    summary = built.report.ringkasan
    assert all(n > 0 for n in summary.evaluasi_tahunan_per_predikat.values())
    months: dict[str, set[str]] = {}
    for _nip, kode, predikat in _predikat_list(built.ctx):
        months.setdefault(kode, set()).add(predikat)
    every = {p.value for p in Predikat}
    assert months[str(TAHUN)] == every
    assert any(found == every for kode, found in months.items() if kode != str(TAHUN))


# ----------------------------------------------------------------------------- validity
def test_every_nip_is_valid_unique_and_matches_the_record(built: Built) -> None:
    with built.ctx.read() as session:
        staff = session.scalars(select(Pegawai)).all()
    assert len({p.nip for p in staff}) == len(staff)
    for person in staff:
        assert person.nip is not None
        check = periksa_nip(person.nip, person.jenis_pegawai, CLOCK.date())
        assert check.ok, (person.nip, check.errors)
        assert check.jenis_kelamin is person.jenis_kelamin
        assert check.tanggal_lahir is not None
        tmt = int(person.nip[8:12])
        assert 20 <= tmt - check.tanggal_lahir.year <= 40
        if person.jenis_pegawai is JenisPegawai.PPPK:
            assert person.nip[12:14] == "21"
            assert person.golongan in GOLONGAN_PPPK
            assert person.jenis_jabatan in (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA)
        else:
            assert person.golongan in PANGKAT_PNS
        if person.jenis_jabatan is JenisJabatan.JPT:
            assert person.golongan is not None and person.golongan.startswith("IV/")


def test_staff_report_to_their_direct_superior_with_a_mixed_workforce(built: Built) -> None:
    with built.ctx.read() as session:
        staff = session.scalars(select(Pegawai)).all()
    top = [p for p in staff if p.penilai_id is None]
    assert [p.jabatan for p in top] == ["Sekretaris Daerah"]
    by_id = {p.id: p for p in staff}
    kadis = next(p for p in staff if p.jabatan == "Kepala Dinas Kesehatan")
    assert by_id[kadis.penilai_id or ""].jabatan == "Sekretaris Daerah"
    assert kadis.jenis_jabatan is JenisJabatan.JPT
    assert {p.jenis_pegawai for p in staff} == set(JenisPegawai)
    assert {p.jenis_kelamin for p in staff} == set(JenisKelamin)
    assert any(p.jabatan.startswith("Bidan") for p in staff)
    assert any(p.jabatan.startswith("Kepala UPT Puskesmas") for p in staff)
    for person in staff:
        if person.jabatan.startswith(("Bidan", "Perawat", "Dokter")):
            assert by_id[person.penilai_id or ""].jabatan.startswith("Kepala UPT Puskesmas")


def test_every_rhk_cascades_from_the_penilai_or_from_the_bupati(built: Built) -> None:
    atasan = aliased(Rhk)
    atasan_skp = aliased(Skp)
    with built.ctx.read() as session:
        rows = session.execute(
            select(Rhk, Skp, Pegawai, atasan_skp.pegawai_id)
            .join(Skp, Rhk.skp_id == Skp.id)
            .join(Pegawai, Skp.pegawai_id == Pegawai.id)
            .outerjoin(atasan, Rhk.rhk_atasan_id == atasan.id)
            .outerjoin(atasan_skp, atasan.skp_id == atasan_skp.id)
        ).all()
    assert rows
    top = 0
    for rhk, skp_row, person, atasan_pegawai in rows:
        assert skp_row.penilai_id == person.penilai_id
        if rhk.rhk_atasan_id is None:
            top += 1
            assert rhk.penugasan_dari == demo_data.BUPATI
            assert person.jenis_jabatan is JenisJabatan.JPT
        else:
            assert atasan_pegawai == skp_row.penilai_id, rhk.uraian
    assert top > 0


def test_indicators_follow_the_rules_of_their_jabatan(built: Built) -> None:
    with built.ctx.read() as session:
        rows = session.execute(
            select(Indikator, Skp.jenis_jabatan)
            .join(Rhk, Indikator.rhk_id == Rhk.id)
            .join(Skp, Rhk.skp_id == Skp.id)
        ).all()
    uraian = {i.uraian for i, _j in rows}
    assert demo_data.IMUNISASI in uraian
    assert any(i.polaritas.value == "TURUN" for i, _j in rows)
    for ind, jenis in rows:
        assert ind.target_angka is not None and ind.target_teks
        if jenis is JenisJabatan.JPT:
            assert ind.perspektif is not None and ind.aspek is None
        else:
            assert ind.aspek is not None and ind.perspektif is None
        if ind.satuan == "%":
            assert ind.target_teks.endswith("%")


def _shape(identitas: dict[str, Any] | None) -> tuple[object, ...]:
    assert identitas is not None
    return tuple(
        (key, tuple(sorted(value)) if isinstance(value, dict) else type(value).__name__)
        for key, value in sorted(identitas.items())
    )


def test_approved_skp_snapshots_match_what_setujui_skp_writes(built: Built) -> None:
    """The bulk SKPs have the identitas shape of the one approved through ``setujui_skp``."""
    with built.ctx.read() as session:
        skps = session.scalars(select(Skp).order_by(Skp.disetujui_pada)).all()
        assert all(s.status is StatusSkp.DISETUJUI for s in skps)
        service_made = skps[-1]  # approved at the clock time, after every bulk SKP
        assert service_made.disetujui_pada == CLOCK
        assert {_shape(s.identitas) for s in skps} == {_shape(service_made.identitas)}
        bidan = session.scalars(select(Pegawai).where(Pegawai.nip == built.report.contoh_nip)).one()
        row = session.scalars(select(Skp).where(Skp.pegawai_id == bidan.id)).one()
        assert row.identitas is not None
        assert row.identitas["instansi"] == "Pemerintah Kabupaten Sabangau"
        assert row.identitas["pegawai"]["nip"] == bidan.nip
        assert " - Dinas Kesehatan" in row.identitas["pegawai"]["unit_kerja"]
        assert row.identitas["penilai"]["jabatan"].startswith("Kepala UPT Puskesmas")
        assert row.identitas["atasan_penilai"]["jabatan"] == "Kepala Dinas Kesehatan"


def test_real_evidence_files_are_in_the_store(built: Built) -> None:
    with built.ctx.read() as session:
        files = session.scalars(select(BuktiDukung).where(BuktiDukung.sha256.is_not(None))).all()
        urls = session.scalar(
            select(func.count()).select_from(BuktiDukung).where(BuktiDukung.url.is_not(None))
        )
    assert 2 <= len(files) <= 3
    assert (urls or 0) > len(files)
    for row in files:
        assert row.sha256 is not None and row.nama_file and row.ukuran
        stored = built.ctx.evidence_dir / row.sha256[:2] / row.sha256
        assert stored.stat().st_size == row.ukuran


# ----------------------------------------------------------------------------- consistency
def test_stored_evaluations_match_the_service_derivation(built: Built) -> None:
    ctx = built.ctx
    with ctx.read() as session:
        staff = session.scalars(
            select(Pegawai)
            .join(Organisasi, Pegawai.organisasi_id == Organisasi.id)
            .where(Organisasi.kode != "SETDA")  # the Sekda's work is recorded by the Setda
            .order_by(Pegawai.nip)
        ).all()
        picks = [p.nip for p in staff if p.jenis_jabatan is JenisJabatan.JPT]
        picks += [p.nip for p in staff[::6]] + [built.report.contoh_nip]
    assert len(picks) >= 8
    for nip in picks:
        assert nip is not None
        for kode in (f"{TAHUN}-01", f"{TAHUN}-06", f"{TAHUN}-11", f"{TAHUN}-12", str(TAHUN)):
            with ctx.read() as session:
                stored = session.execute(
                    select(Evaluasi)
                    .join(Skp, Evaluasi.skp_id == Skp.id)
                    .join(Pegawai, Skp.pegawai_id == Pegawai.id)
                    .join(Periode, Evaluasi.periode_id == Periode.id)
                    .where(Pegawai.nip == nip, Periode.kode == kode)
                ).scalar_one()
            derived = evaluasi.derivasi(ctx, nip=nip, periode_kode=kode)
            assert derived.saran_rating_hasil == stored.saran_rating_hasil, (nip, kode)
            assert derived.saran_rating_perilaku == stored.saran_rating_perilaku, (nip, kode)
            assert derived.capaian_persen == stored.capaian_persen, (nip, kode)
            assert derived.capaian_organisasi == stored.capaian_organisasi, (nip, kode)
            assert derived.predikat == stored.predikat
            assert stored.status is StatusEvaluasi.FINAL
            assert stored.penjelasan and stored.penjelasan[-1] == derived.predikat_penjelasan[-1]
            assert list(derived.saran_rating_hasil_penjelasan) == list(
                stored.penjelasan[: len(derived.saran_rating_hasil_penjelasan)]
            )


def test_penilai_mostly_follows_the_suggestion(built: Built) -> None:
    with built.ctx.read() as session:
        pairs = session.execute(select(Evaluasi.saran_rating_hasil, Evaluasi.rating_hasil)).all()
    same = sum(1 for saran, chosen in pairs if saran is chosen)
    assert 0.75 < same / len(pairs) < 1


def test_the_service_flow_pegawai_went_through_every_step(built: Built) -> None:
    with built.ctx.read() as session:
        person = session.scalars(
            select(Pegawai).where(
                Pegawai.jenis_pegawai == JenisPegawai.PPPK,
                Pegawai.nip.like(f"%{TAHUN}21%"),
                Pegawai.jabatan == "Perawat Ahli Pertama",
            )
        ).one()
        assert person.nip is not None and person.nip[8:14] == f"{TAHUN}21"
        row = session.scalars(select(Skp).where(Skp.pegawai_id == person.id)).one()
        assert row.status is StatusSkp.DISETUJUI and row.identitas is not None
        rhk = session.scalars(select(Rhk).where(Rhk.skp_id == row.id)).one()
        assert rhk.rhk_atasan_id is not None
        realisasi = session.scalar(
            select(func.count())
            .select_from(Realisasi)
            .join(Indikator, Realisasi.indikator_id == Indikator.id)
            .where(Indikator.rhk_id == rhk.id)
        )
        evaluations = session.scalars(select(Evaluasi).where(Evaluasi.skp_id == row.id)).all()
        feedback = session.scalar(
            select(func.count()).select_from(UmpanBalik).where(UmpanBalik.skp_id == row.id)
        )
    assert realisasi == 24
    assert len(evaluations) == 13
    assert all(e.status is StatusEvaluasi.FINAL for e in evaluations)
    assert feedback == 1


# ----------------------------------------------------------------------------- determinism, errors
def test_same_seed_same_data_other_seed_other_data(built: Built, tmp_path: Path) -> None:
    twin = _context(tmp_path / "twin")
    other = _context(tmp_path / "other")
    try:
        again = build_demo(twin, size="small", seed=1)
        different = build_demo(other, size="small", seed=2)
        assert again.ringkasan == built.report.ringkasan
        assert again.rows == built.report.rows
        assert again.contoh_nip == built.report.contoh_nip
        assert _predikat_list(twin) == _predikat_list(built.ctx)
        assert _predikat_list(other) != _predikat_list(built.ctx)
        assert different.ringkasan.pegawai >= 36
    finally:
        twin.db.dispose()
        other.db.dispose()


def test_building_twice_is_refused_and_changes_nothing(built: Built) -> None:
    before = _counts(built.ctx)
    with pytest.raises(UserError):
        build_demo(built.ctx, size="small", seed=3)
    assert _counts(built.ctx) == before


def test_unknown_size_is_a_validation_error_on_field_size(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    try:
        with pytest.raises(ValidationError) as caught:
            build_demo(ctx, size="provinsi")
        assert caught.value.field == "size"
        assert _counts(ctx).get("instalasi") == 0
    finally:
        ctx.db.dispose()


def test_default_year_is_the_last_whole_year() -> None:
    assert tahun_bawaan(date(2027, 1, 8)) == 2026
    assert tahun_bawaan(date(2026, 11, 30)) == 2025
    assert tahun_bawaan(date(2026, 12, 1)) == 2026


def test_periods_come_from_init_with_monthly_granularity(built: Built) -> None:
    with built.ctx.read() as session:
        kinds = session.execute(
            select(Periode.granularitas, func.count()).group_by(Periode.granularitas)
        ).all()
        used = session.scalar(select(func.count(func.distinct(Realisasi.periode_id))))
    assert dict(kinds) == {Granularitas.BULANAN: 12, Granularitas.TAHUNAN: 1}
    assert used == 12
