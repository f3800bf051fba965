"""Transfers (mutasi) and the ownership rule they drive (sync.md §4.2, §4.11)."""

from datetime import date
from pathlib import Path

import pytest

from app.errors import ConflictError, NotFoundError, ValidationError
from app.models.db import Database
from app.scoring.types import JenisOrganisasi
from app.services import mutasi, organisasi, pegawai, setup
from app.services.context import ServiceContext
from app.services.ownership import Ownership, Transfer
from tests.conftest import FIXED_NOW
from tests.helpers import NIP_BIDAN, build_team, snapshot

PEMDA, DINKES, PKM, DISDIK, SD = "p", "dk", "pkm", "dd", "sd"
ORGS = {
    PEMDA: ("PEMDA", None),
    DINKES: ("DINKES", PEMDA),
    PKM: ("PKM-01", DINKES),
    DISDIK: ("DISDIK", PEMDA),
    SD: ("SDN-001", DISDIK),
}


def _resolver(transfers: dict[str, list[Transfer]] | None = None) -> Ownership:
    periods = {"2026-06": date(2026, 6, 1), "2026-08": date(2026, 8, 1)}
    return Ownership(dict(ORGS), ["DINKES", "DISDIK"], periods, transfers or {})


def test_units_belong_to_the_nearest_office_above_them() -> None:
    own = _resolver()
    assert own.office_of_org(PKM) == "DINKES"
    assert own.office_of_org(SD) == "DISDIK"
    assert own.office_of_org(PEMDA) is None  # shared by everyone: no owner
    assert own.office_of_org("unknown") is None
    own.note_org("new", "PKM-02", DINKES)
    assert own.office_of_org("new") == "DINKES"


def test_ownership_follows_the_period_across_a_transfer() -> None:
    moved = {"bidan": [Transfer(date(2026, 7, 1), PKM, SD)]}
    own = _resolver(moved)
    rows = {
        ("pegawai", "bidan"): {"id": "bidan", "organisasi_id": SD},
        ("skp", "s1"): {"id": "s1", "pegawai_id": "bidan", "tanggal_mulai": "2026-01-01"},
        ("rhk", "r1"): {"id": "r1", "skp_id": "s1"},
        ("indikator", "i1"): {"id": "i1", "rhk_id": "r1"},
    }

    def lookup(entity: str, row_id: str) -> dict[str, object] | None:
        return rows.get((entity, row_id))

    june = {"id": "x", "indikator_id": "i1", "periode_id": "2026-06"}
    august = {"id": "y", "indikator_id": "i1", "periode_id": "2026-08"}
    assert own.owner("realisasi", june, lookup) == ("DINKES", date(2026, 6, 1))
    assert own.owner("realisasi", august, lookup) == ("DISDIK", date(2026, 8, 1))
    # The SKP is dated by its start; the employee row by the current unit.
    assert own.owner("skp", rows[("skp", "s1")], lookup)[0] == "DINKES"
    assert own.owner("pegawai", rows[("pegawai", "bidan")], lookup)[0] == "DISDIK"
    # A missing parent is left to the database's foreign keys.
    assert own.owner("realisasi", {"indikator_id": "gone", "periode_id": "2026-06"}, lookup) == (
        None,
        date(2026, 6, 1),
    )
    assert own.owner("capaian_organisasi", {"organisasi_id": SD}, lookup) == ("DISDIK", None)
    assert own.owner("organisasi", {"kode": "DISDIK", "induk_id": PEMDA}, lookup) == (
        "DISDIK",
        None,
    )


def test_without_a_transfer_the_current_unit_decides() -> None:
    own = _resolver()
    assert own.unit_on("p", PKM, date(2020, 1, 1)) == PKM
    two = _resolver(
        {"p": [Transfer(date(2026, 9, 1), SD, PKM), Transfer(date(2026, 3, 1), PKM, SD)]}
    )
    assert two.unit_on("p", PKM, date(2026, 1, 1)) == PKM  # before the first: its origin
    assert two.unit_on("p", PKM, date(2026, 5, 1)) == SD
    assert two.unit_on("p", PKM, date(2026, 10, 1)) == PKM
    assert two.unit_on("p", PKM, None) == PKM


@pytest.fixture
def bkd(db: Database, tmp_path: Path) -> ServiceContext:
    """BKD holding the Dinkes team of tests.helpers and an empty Disdik."""
    ctx = ServiceContext(db=db, actor="bkd", evidence_dir=tmp_path, clock=lambda: FIXED_NOW)
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD", tahun=2026)
    for kode, nama in (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan")):
        organisasi.create_organisasi(
            ctx, kode=kode, nama=nama, jenis=JenisOrganisasi.OPD, induk_kode="PEMDA"
        )
    build_team(ctx)
    return ctx


def test_bkd_records_a_transfer_and_clears_the_penilai(bkd: ServiceContext) -> None:
    done = mutasi.catat_mutasi(
        bkd, nip=NIP_BIDAN, unit_tujuan="DISDIK", tanggal_berlaku=date(2026, 7, 1)
    ).value
    assert (done.unit_asal, done.unit_tujuan, done.tanggal_berlaku) == (
        "PKM-01",
        "DISDIK",
        date(2026, 7, 1),
    )
    listed = mutasi.list_mutasi(bkd, nip=NIP_BIDAN)
    assert [m.id for m in listed] == [done.id]
    moved = pegawai.get_pegawai(bkd, NIP_BIDAN)
    assert moved.organisasi_kode == "DISDIK" and moved.penilai_nip is None


def test_bad_transfers_change_nothing(bkd: ServiceContext) -> None:
    mutasi.catat_mutasi(bkd, nip=NIP_BIDAN, unit_tujuan="DISDIK", tanggal_berlaku=date(2026, 7, 1))
    before = snapshot(bkd.db)
    with pytest.raises(ValidationError, match="sudah berada"):
        mutasi.catat_mutasi(
            bkd, nip=NIP_BIDAN, unit_tujuan="DISDIK", tanggal_berlaku=date(2026, 9, 1)
        )
    with pytest.raises(ConflictError, match="setelah mutasi terakhir"):
        mutasi.catat_mutasi(
            bkd, nip=NIP_BIDAN, unit_tujuan="PKM-01", tanggal_berlaku=date(2026, 7, 1)
        )
    with pytest.raises(NotFoundError):
        mutasi.catat_mutasi(
            bkd, nip=NIP_BIDAN, unit_tujuan="NOPE", tanggal_berlaku=date(2026, 9, 1)
        )
    with pytest.raises(NotFoundError):
        mutasi.catat_mutasi(
            bkd, nip="199001012020122001", unit_tujuan="PKM-01", tanggal_berlaku=date(2026, 9, 1)
        )
    assert snapshot(bkd.db) == before


def test_an_office_cannot_record_a_transfer(office: ServiceContext) -> None:
    build_team(office)
    before = snapshot(office.db)
    with pytest.raises(ValidationError, match="hanya dicatat oleh BKD"):
        mutasi.catat_mutasi(
            office, nip=NIP_BIDAN, unit_tujuan="DINKES", tanggal_berlaku=date(2026, 7, 1)
        )
    assert snapshot(office.db) == before
