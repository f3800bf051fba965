"""Bad input gives a UserError naming the field, and the database stays exactly as it was."""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from app.errors import ConflictError, LockedError, NotFoundError, UserError, ValidationError
from app.models import Periode
from app.scoring.types import (
    Aspek,
    JenisJabatan,
    JenisOrganisasi,
    JenisPegawai,
    Rating,
)
from app.services import evaluasi, organisasi, pegawai, realisasi, setup, skp, umpan_balik
from app.services.context import ServiceContext
from tests.helpers import NIP_BIDAN, NIP_KEPALA, Team, build_team, snapshot

VALID = pegawai.PegawaiInput(
    nip="199203102019031004",
    nama="Andi Pratama",
    jenis_pegawai=JenisPegawai.PNS,
    jabatan="Perawat Terampil",
    jenis_jabatan=JenisJabatan.FUNGSIONAL,
    organisasi_kode="PKM-01",
    golongan="II/b",
    penilai_nip=NIP_KEPALA,
)

Case = Callable[[ServiceContext, Team], object]

CASES: dict[str, tuple[Case, type[UserError], str | None]] = {
    "nip 17 digit": (
        lambda c, t: pegawai.create_pegawai(c, replace(VALID, nip="19920310201903100")),
        ValidationError,
        "nip",
    ),
    "nip bulan TMT 13": (
        lambda c, t: pegawai.create_pegawai(c, replace(VALID, nip="199203102019131004")),
        ValidationError,
        "nip",
    ),
    "nip ganda": (
        lambda c, t: pegawai.create_pegawai(c, replace(VALID, nip=NIP_BIDAN)),
        ConflictError,
        "nip",
    ),
    "nama kosong": (
        lambda c, t: pegawai.create_pegawai(c, replace(VALID, nama="  ")),
        ValidationError,
        "nama",
    ),
    "golongan asing": (
        lambda c, t: pegawai.create_pegawai(c, replace(VALID, golongan="V/z")),
        ValidationError,
        "golongan",
    ),
    "unit tak dikenal": (
        lambda c, t: pegawai.create_pegawai(
            c, replace(VALID, nip="199405202020122003", organisasi_kode="TIDAK-ADA")
        ),
        NotFoundError,
        "organisasi",
    ),
    "penilai diri sendiri": (
        lambda c, t: pegawai.update_pegawai(c, NIP_BIDAN, penilai_nip=NIP_BIDAN),
        ValidationError,
        "penilai",
    ),
    "rantai penilai melingkar": (
        lambda c, t: pegawai.update_pegawai(c, NIP_KEPALA, penilai_nip=NIP_BIDAN),
        ValidationError,
        "penilai",
    ),
    "kolom tak dapat diubah": (
        lambda c, t: pegawai.update_pegawai(c, NIP_BIDAN, jabatan_baru="x"),
        ValidationError,
        "jabatan_baru",
    ),
    "kode unit ganda": (
        lambda c, t: organisasi.create_organisasi(
            c, kode="pkm-01", nama="X", jenis=JenisOrganisasi.PUSKESMAS, induk_kode="DINKES"
        ),
        ConflictError,
        "kode",
    ),
    "skp bertumpang tindih": (
        lambda c, t: skp.create_skp(c, nip=NIP_BIDAN, tahun=2026),
        ConflictError,
        "tanggal_mulai",
    ),
    "skp lintas tahun": (
        lambda c, t: skp.create_skp(
            c, nip=NIP_BIDAN, tahun=2027, tanggal_mulai=__import__("datetime").date(2026, 12, 1)
        ),
        ValidationError,
        "tanggal_mulai",
    ),
    "ubah skp disetujui": (
        lambda c, t: skp.add_rhk(c, skp_id=t.skp_bidan.id, uraian="RHK baru"),
        LockedError,
        "status",
    ),
    "rhk atasan bukan dari penilai": (
        lambda c, t: skp.add_rhk(c, skp_id=_draft(c), uraian="RHK", rhk_atasan_id=t.rhk_bidan.id),
        ValidationError,
        "rhk_atasan",
    ),
    "indikator tanpa aspek": (
        lambda c, t: skp.add_indikator(c, rhk_id=_draft_rhk(c, t), uraian="X", target_angka=1),
        ValidationError,
        "aspek",
    ),
    "target bukan angka": (
        lambda c, t: skp.add_indikator(
            c, rhk_id=_draft_rhk(c, t), uraian="X", aspek=Aspek.KUANTITAS, target_angka="sepuluh"
        ),
        ValidationError,
        "target",
    ),
    "ajukan tanpa indikator": (
        lambda c, t: skp.ajukan_skp(c, _draft_with_empty_rhk(c, t)),
        ValidationError,
        "indikator",
    ),
    "setujui draft": (lambda c, t: skp.setujui_skp(c, _draft(c)), ValidationError, "status"),
    "tolak tanpa alasan": (
        lambda c, t: skp.tolak_skp(c, t.skp_bidan.id, " "),
        ValidationError,
        "alasan",
    ),
    "realisasi negatif": (
        lambda c, t: realisasi.catat_realisasi(
            c, indikator_id=t.jumlah.id, periode_kode="2026-01", nilai=-1
        ),
        ValidationError,
        "realisasi",
    ),
    "realisasi periode tahunan": (
        lambda c, t: realisasi.catat_realisasi(
            c, indikator_id=t.jumlah.id, periode_kode="2026", nilai=1
        ),
        ValidationError,
        "periode",
    ),
    "kode periode rusak": (
        lambda c, t: realisasi.catat_realisasi(
            c, indikator_id=t.jumlah.id, periode_kode="Maret", nilai=1
        ),
        UserError,
        "periode",
    ),
    "periode belum ada": (
        lambda c, t: realisasi.catat_realisasi(
            c, indikator_id=t.jumlah.id, periode_kode="2030-01", nilai=1
        ),
        NotFoundError,
        "periode",
    ),
    "periode terkunci": (
        lambda c, t: (
            _lock(c, "2026-02"),
            realisasi.catat_realisasi(c, indikator_id=t.jumlah.id, periode_kode="2026-02", nilai=1),
        ),
        LockedError,
        "periode",
    ),
    "bukti tanpa berkas dan url": (
        lambda c, t: realisasi.tambah_bukti(c, realisasi_id="x", nama="Bukti"),
        ValidationError,
        "berkas",
    ),
    "bukti url bukan http": (
        lambda c, t: realisasi.tambah_bukti(c, realisasi_id="x", nama="Bukti", url="ftp://x"),
        ValidationError,
        "url",
    ),
    "bukti berkas hilang": (
        lambda c, t: realisasi.tambah_bukti(
            c, realisasi_id=_STATE["realisasi"], nama="Bukti", berkas=Path("/tidak/ada.pdf")
        ),
        UserError,
        "berkas",
    ),
    "umpan balik kosong": (
        lambda c, t: umpan_balik.beri_umpan_balik(
            c, skp_id=t.skp_bidan.id, periode_kode="2026-01", teks=""
        ),
        ValidationError,
        "teks",
    ),
    "evaluasi periode triwulan": (
        lambda c, t: (
            setup.set_setting(c, setup.GRANULARITAS, "BULANAN"),
            evaluasi.simpan_evaluasi(
                c,
                nip=NIP_BIDAN,
                periode_kode="2026-TW1",
                rating_hasil=Rating.SESUAI,
                rating_perilaku=Rating.SESUAI,
            ),
        ),
        UserError,
        "periode",
    ),
    "evaluasi nilai berakhlak asing": (
        lambda c, t: evaluasi.simpan_evaluasi(
            c,
            nip=NIP_BIDAN,
            periode_kode="2026-01",
            rating_hasil=Rating.SESUAI,
            rating_perilaku=Rating.SESUAI,
            rating_perilaku_nilai={"JUJUR": "SESUAI_EKSPEKTASI"},
        ),
        ValidationError,
        "rating_perilaku_nilai",
    ),
    "init kedua kali": (
        lambda c, t: setup.init_installation(c, peran="dinas", kode="LAIN", nama="Lain"),
        ConflictError,
        None,
    ),
    "peran asing": (
        lambda c, t: setup.init_installation(c, peran="pusat", kode="X", nama="X"),
        ValidationError,
        "peran",
    ),
}


def _draft(ctx: ServiceContext) -> str:
    """A fresh Draft SKP for a new perawat (created outside the snapshot of the case)."""
    return _STATE["draft"]


def _draft_rhk(ctx: ServiceContext, team: Team) -> str:
    return _STATE["draft_rhk"]


def _draft_with_empty_rhk(ctx: ServiceContext, team: Team) -> str:
    return _STATE["draft"]


def _lock(ctx: ServiceContext, kode: str) -> None:
    with ctx.db.engine.begin() as connection:
        connection.execute(
            Periode.__table__.update().where(Periode.kode == kode).values(terkunci=True)
        )


_STATE: dict[str, str] = {}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_changes_nothing(office: ServiceContext, name: str) -> None:
    team = build_team(office)
    pegawai.create_pegawai(office, VALID)
    draft = skp.create_skp(office, nip=VALID.nip or "", tahun=2026).value
    _STATE["draft"] = draft.id
    _STATE["draft_rhk"] = skp.add_rhk(office, skp_id=draft.id, uraian="RHK kosong").value.id
    _STATE["realisasi"] = realisasi.catat_realisasi(
        office, indikator_id=team.jumlah.id, periode_kode="2026-01", nilai=9
    ).value.id
    action, error, field = CASES[name]
    if name == "periode terkunci":
        _lock(office, "2026-02")
    before = snapshot(office.db)
    with pytest.raises(error) as caught:
        action(office, team)
    assert caught.value.field == field
    assert caught.value.message  # an Indonesian sentence, not a code
    assert snapshot(office.db) == before


def test_failed_evidence_transaction_leaves_no_file(
    office: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = build_team(office)
    row = realisasi.catat_realisasi(
        office, indikator_id=team.jumlah.id, periode_kode="2026-01", nilai=9
    )
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"\xff\xd8 foto kegiatan posyandu")
    with pytest.raises(NotFoundError):
        realisasi.tambah_bukti(office, realisasi_id="tidak-ada", nama="Foto", berkas=source)
    assert not office.evidence_dir.exists() or not any(office.evidence_dir.rglob("*"))
    original = realisasi._open_realisasi
    calls = []

    def fail_on_write(session, realisasi_id):  # type: ignore[no-untyped-def]
        calls.append(realisasi_id)
        if len(calls) == 2:  # the check before copying passes, the write transaction fails
            raise LockedError("periode dikunci di tengah jalan", field="periode")
        return original(session, realisasi_id)

    monkeypatch.setattr(realisasi, "_open_realisasi", fail_on_write)
    before = snapshot(office.db)
    with pytest.raises(LockedError):
        realisasi.tambah_bukti(office, realisasi_id=row.value.id, nama="Foto", berkas=source)
    assert [p for p in office.evidence_dir.rglob("*") if p.is_file()] == []
    assert snapshot(office.db) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("95,5", "95.5"),
        ("1.234,5", "1234.5"),
        ("1.234.567", "1234567"),
        ("95.5", "95.5"),
        (" 7 ", "7"),
    ],
)
def test_numbers_typed_the_indonesian_way(text: str, expected: str) -> None:
    from decimal import Decimal

    from app.services.values import parse_decimal

    assert parse_decimal(text, "target") == Decimal(expected)


@pytest.mark.parametrize("text", ["1e400", "NaN", "Infinity", "1e11", "0,12345", "dua", True])
def test_numbers_refused(text: object) -> None:
    from app.services.values import parse_decimal

    with pytest.raises(ValidationError) as caught:
        parse_decimal(text, "target")
    assert caught.value.field == "target"
