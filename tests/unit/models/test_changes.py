"""Change capture: ops in the outbox and a hash-chained audit log for every write."""

from datetime import datetime

import pytest
from sqlalchemy import select, text

from app.models import AuditLog, Organisasi, OutboxOp
from app.models.changes import ChangeContext, bulk_create, iter_chain_breaks
from app.models.db import Database
from app.scoring.types import JenisOrganisasi
from app.services.context import ServiceContext

NOW = datetime(2026, 3, 1, 8, 0)


def _ops(db: Database) -> list[OutboxOp]:
    with db.read() as session:
        return list(session.scalars(select(OutboxOp).order_by(OutboxOp.counter)))


def test_create_update_delete_become_ops_with_base_and_values(office: ServiceContext) -> None:
    db = office.db
    start = len(_ops(db))
    context = ChangeContext("operator", NOW, "uji")
    with db.write(context) as session:
        session.add(Organisasi(kode="BID-P2P", nama="Bidang P2P", jenis=JenisOrganisasi.BIDANG))
    with db.write(context) as session:
        row = session.scalars(select(Organisasi).where(Organisasi.kode == "BID-P2P")).one()
        created_version = row.version
        row.nama = "Bidang Pencegahan dan Pengendalian Penyakit"
    with db.write(context) as session:
        row = session.scalars(select(Organisasi).where(Organisasi.kode == "BID-P2P")).one()
        updated_version = row.version
        row.deleted = True
    create, update, delete = _ops(db)[start:]
    assert (create.jenis, update.jenis, delete.jenis) == ("create", "update", "delete")
    assert create.op_id == created_version
    assert create.sesudah is not None and create.sesudah["nama"] == "Bidang P2P"
    assert create.kunci_alami == {"kode": "BID-P2P"}
    assert update.base == created_version
    assert update.sebelum == {"nama": "Bidang P2P"}
    assert update.sesudah == {"nama": "Bidang Pencegahan dan Pengendalian Penyakit"}
    assert delete.base == updated_version
    assert delete.sebelum is not None and delete.sebelum["kode"] == "BID-P2P"
    assert delete.sesudah == {"deleted": True}
    counters = [op.counter for op in _ops(db)]
    assert counters == list(range(1, len(counters) + 1))
    assert {op.pelaku for op in (create, update, delete)} == {"operator"}


def test_unchanged_assignment_records_nothing(office: ServiceContext) -> None:
    before = len(_ops(office.db))
    with office.db.write(ChangeContext("x", NOW, "uji")) as session:
        row = session.scalars(select(Organisasi).where(Organisasi.kode == "DINKES")).one()
        row.nama = row.nama
    assert len(_ops(office.db)) == before


def test_physical_delete_is_refused_and_rolled_back(office: ServiceContext) -> None:
    before = len(_ops(office.db))
    with pytest.raises(RuntimeError, match="tombstone"):  # noqa: SIM117
        with office.db.write(ChangeContext("x", NOW, "uji")) as session:
            session.delete(session.scalars(select(Organisasi).limit(1)).one())
    assert len(_ops(office.db)) == before


def test_write_without_context_is_refused(office: ServiceContext) -> None:
    session = office.db._write_sessions()
    try:
        with pytest.raises(RuntimeError, match="ChangeContext"), session.begin():
            session.add(Organisasi(kode="X", nama="X", jenis=JenisOrganisasi.BIDANG))
    finally:
        session.close()


def test_failed_transaction_consumes_no_counter(office: ServiceContext) -> None:
    before = _ops(office.db)[-1].counter

    class BoomError(Exception):
        pass

    with pytest.raises(BoomError), office.db.write(ChangeContext("x", NOW, "uji")) as session:
        session.add(Organisasi(kode="GAGAL", nama="Gagal", jenis=JenisOrganisasi.BIDANG))
        session.flush()
        raise BoomError
    with office.db.write(ChangeContext("x", NOW, "uji")) as session:
        session.add(Organisasi(kode="JADI", nama="Jadi", jenis=JenisOrganisasi.BIDANG))
    assert _ops(office.db)[-1].counter == before + 1


def test_bulk_create_records_one_op_per_row(office: ServiceContext) -> None:
    before = len(_ops(office.db))
    rows = [
        {"id": f"00000000-0000-4000-8000-00000000000{i}", "kode": f"SD-{i}", "nama": f"SD {i}",
         "jenis": JenisOrganisasi.SEKOLAH, "induk_id": None, "tempat": None}
        for i in range(5)
    ]  # fmt: skip
    with office.db.write(ChangeContext("demo", NOW, "impor")) as session:
        bulk_create(session, Organisasi, rows)
    ops = _ops(office.db)[before:]
    assert [op.entitas_id for op in ops] == [r["id"] for r in rows]
    with office.db.read() as session:
        versions = {
            r.id: r.version for r in session.execute(select(Organisasi.id, Organisasi.version))
        }
    assert all(versions[op.entitas_id] == op.op_id for op in ops)


def test_audit_chain_holds_and_detects_tampering(office: ServiceContext) -> None:
    with office.db.read() as session:
        rows = list(session.scalars(select(AuditLog).order_by(AuditLog.seq)))
        assert rows and list(iter_chain_breaks(rows)) == []
    with office.db.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET pelaku = 'penyusup' WHERE seq = 2"))
    with office.db.read() as session:
        rows = list(session.scalars(select(AuditLog).order_by(AuditLog.seq)))
        breaks = list(iter_chain_breaks(rows))
    assert breaks[0] == (2, "isi entri telah diubah")


def test_settings_changes_are_audited_but_not_synced(office: ServiceContext) -> None:
    from app.services.setup import set_setting
    from app.settings import AMBANG_DI_ATAS

    ops_before = len(_ops(office.db))
    set_setting(office, AMBANG_DI_ATAS, "105", 2027)
    set_setting(office, AMBANG_DI_ATAS, "108", 2027)
    assert len(_ops(office.db)) == ops_before
    with office.db.read() as session:
        rows = list(
            session.scalars(
                select(AuditLog).where(AuditLog.entitas == "pengaturan").order_by(AuditLog.seq)
            )
        )
        all_rows = list(session.scalars(select(AuditLog).order_by(AuditLog.seq)))
    changes = [(r.entitas_id, r.sebelum, r.sesudah, r.pelaku) for r in rows[-2:]]
    assert changes == [
        ("saran.ambang_di_atas@2027", None, {"nilai": "105"}, "penguji"),
        ("saran.ambang_di_atas@2027", {"nilai": "105"}, {"nilai": "108"}, "penguji"),
    ]
    assert list(iter_chain_breaks(all_rows)) == []


def test_relationship_assignment_is_refused(office: ServiceContext) -> None:
    from app.models import Pegawai
    from app.services import pegawai as pegawai_service
    from tests.helpers import build_team

    build_team(office)
    before = len(_ops(office.db))
    with (
        pytest.raises(RuntimeError, match="penilai_id"),
        office.db.write(ChangeContext("x", NOW, "uji")) as session,
    ):
        row = session.scalars(select(Pegawai).where(Pegawai.penilai_id.is_not(None))).first()
        assert row is not None
        nip = row.nip or ""
        row.penilai = None
        session.flush()
    assert len(_ops(office.db)) == before
    assert pegawai_service.get_pegawai(office, nip).penilai_nip is not None
