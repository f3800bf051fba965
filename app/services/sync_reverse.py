"""Reverse packages (BKD → dinas, sync.md §4.13): outcomes, acks, resolved conflicts, BKD's ops.

BKD side. :func:`buat_paket_balasan` signs, with BKD's own installation key (made once with
``sync_export.buat_kunci``), the next package of the stream to one office installation. It
carries, each item once (``sync_balasan_butir`` remembers what went out):

* ``hasil``: BKD's outcome for every op of that installation decided since the last reverse
  package (per received package), and in the manifest ``ack`` the installation's
  ``last_contiguous_seq`` / ``last_seq_seen``;
* ``konflik``: that installation's conflicts resolved since then, with the note and the row's
  current values at BKD (``nilai_akhir``) and version (``versi``);
* ``ops``: BKD's own ops (its outbox) on rows that appear in a resolved conflict of that
  installation. That is the whole rule for v1: the office's rows BKD decided on, and every later
  BKD change of them. Other BKD changes (master data, period locks) need reference datasets.

Office side. :func:`percayai_bkd` stores BKD's public key after the operator compared its
fingerprint (out of band, like enrolment). :func:`terapkan_paket_balasan` verifies a package
with that key, refuses replays, rollbacks and packages for someone else, and then, in ONE
transaction: records BKD's verdicts; marks acknowledged every op BKD accepted (or whose conflict
it resolved) up to the acked package; applies BKD's ops and the resolved conflicts' final values
with Core statements, never over a field that a pending (unacknowledged) local op changed —
those stay, are reported, and meet BKD's conflict check with the next export (sync.md M16).
"""

from __future__ import annotations

import platform
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from sqlalchemy import Select, Table, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app import APP_NAME, __version__
from app.errors import ConflictError, NotFoundError, UserError, ValidationError
from app.i18n import _
from app.models import (
    AliasId,
    AuditLog,
    ButirBalasan,
    HasilOp,
    Instalasi,
    InstalasiTerdaftar,
    KatalogIndikator,
    Konflik,
    KunciBkd,
    Mutasi,
    OpTerapan,
    Organisasi,
    OutboxOp,
    PaketBalasanKeluar,
    PaketBalasanMasuk,
    PaketKeluar,
    PaketMasuk,
    Pegawai,
    Periode,
    Synced,
)
from app.models.changes import ChangeContext, Recorder, decode_value, json_value, synced_models
from app.services.context import ServiceContext
from app.services.izin import izinkan
from app.services.lookup import chunked, installation
from app.services.ownership import Ownership
from app.services.sync_export import SCHEMA_VERSION, op_record, signing_key
from app.services.sync_merge import (
    BERHASIL,
    BERHASIL_DENGAN_KONFLIK,
    DIBUAT,
    DIGABUNG,
    DIHAPUS,
    DITOLAK,
    DIUBAH,
    DUPLIKAT,
    DUPLIKAT_OP,
    SAMA,
    SUDAH_TERCAKUP,
)
from app.sync.errors import SyncError
from app.sync.keys import (
    fingerprint,
    is_small_order,
    key_id,
    public_key_from_b64,
)
from app.sync.keys import public_key_b64 as encode_public_key
from app.sync.package import EXTENSION, PackageSpec, build_package, file_sha256, read_package

KIND = "bkd_update"
SEBAGIAN_TERTAHAN = "SEBAGIAN_TERTAHAN"
"""Applied, but some BKD values wait behind pending local edits (listed in ``tertunda``)."""

DITERIMA = frozenset({DIBUAT, DIUBAH, DIGABUNG, SAMA, DIHAPUS, DUPLIKAT_OP})
"""Per-op outcomes that settle an op: BKD has it, nothing is left to decide."""
TERBUKA = "TERBUKA"
_ACCEPTED_PACKAGES = (BERHASIL, BERHASIL_DENGAN_KONFLIK, SUDAH_TERCAKUP)
_OP_TYPES = ("create", "update", "delete")
_ALL = frozenset({"*"})
"""Pending marker of a row deleted locally: every field of it is held."""
_SKIPPED = frozenset({"id", "version"})

# Ledger kinds (sync_balasan_butir.jenis).
_PAKET, _KONFLIK, _OP, _MUTASI, _PERIODE = "paket", "konflik", "op", "mutasi", "periode"
_ALIAS, _KATALOG = "alias", "katalog"


@dataclass(frozen=True)
class KunciBkdDTO:
    """A BKD signing key: what BKD hands to offices, and what an office has trusted."""

    kode_bkd: str
    key_id: str
    sidik_jari: str
    kunci_publik: str


@dataclass
class LaporanBalasan:
    """The office's report after applying (or refusing) one reverse package."""

    berkas: str
    file_sha256: str
    status: str
    pesan: str
    kode_alasan: str | None = None
    package_id: str | None = None
    seq: int | None = None
    jumlah: dict[str, int] = field(default_factory=dict)
    konflik: list[dict[str, Any]] = field(default_factory=list)
    tertunda: list[dict[str, Any]] = field(default_factory=list)
    mutasi: list[dict[str, Any]] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The stored form (every field is already JSON-ready)."""
        return asdict(self)


def _require(session: Session, peran: str) -> Instalasi:
    inst = installation(session)
    if inst.peran != peran:
        message = (
            _("Paket balasan dibuat di BKD, bukan di kantor (dinas).")
            if peran == "bkd"
            else _("Paket balasan BKD diterapkan di kantor (dinas), bukan di BKD.")
        )
        raise ValidationError(message, field="peran")
    return inst


def _counter(op_id: str) -> int:
    tail = op_id.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


# ============================================================================= BKD side
def info_kunci_bkd(ctx: ServiceContext) -> KunciBkdDTO:
    """(BKD) The public key and fingerprint to give each office at enrolment, out of band."""
    with ctx.read() as session:
        inst = _require(session, "bkd")
        if inst.kunci_publik is None or inst.key_id is None:
            raise UserError(
                _("BKD belum memiliki kunci penanda tangan. Buat kunci BKD terlebih dahulu."),
                field="kunci",
            )
        public = public_key_from_b64(inst.kunci_publik)
        return KunciBkdDTO(inst.kode_kantor, inst.key_id, fingerprint(public), inst.kunci_publik)


def _recipient(session: Session, kode_kantor: str) -> InstalasiTerdaftar:
    """The approved installation of ``kode_kantor`` (or the installation with that id)."""
    rows = session.scalars(
        select(InstalasiTerdaftar).where(
            (InstalasiTerdaftar.kode_kantor == kode_kantor)
            | (InstalasiTerdaftar.installation_id == kode_kantor),
            InstalasiTerdaftar.status == "DISETUJUI",
        )
    ).all()
    if not rows:
        raise NotFoundError(
            _("Kantor {kode} tidak memiliki instalasi yang disetujui di BKD.").format(
                kode=kode_kantor
            ),
            field="kantor",
        )
    if len(rows) > 1:
        raise ValidationError(
            _(
                "Kantor {kode} memiliki beberapa instalasi ({ids}); sebutkan ID instalasi yang "
                "dituju."
            ).format(kode=kode_kantor, ids=", ".join(r.installation_id[:8] for r in rows)),
            field="kantor",
        )
    return rows[0]


@dataclass
class _Isi:
    """What one reverse package carries, and the ledger rows that record it."""

    hasil: list[dict[str, Any]]
    konflik: list[dict[str, Any]]
    ops: list[dict[str, Any]]
    master: list[dict[str, Any]]
    periode: list[dict[str, Any]]
    alias: list[dict[str, Any]]
    katalog: list[dict[str, Any]]
    butir: list[tuple[str, str]]


def _row_json(session: Session, model: type[Synced], row_id: str) -> dict[str, Any] | None:
    table: Table = model.__table__  # type: ignore[attr-defined]
    found = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return {k: json_value(v) for k, v in found.items()} if found is not None else None


def _master(session: Session, inst_id: str, kode: str) -> list[dict[str, Any]]:
    """Transfers into or out of office ``kode`` not yet sent (sync.md §4.13 ``master``).

    Each record carries the transfer, the employee's master row as BKD holds it now, and the
    units on both sides with their ancestors (root first), so the office can store the new
    unit reference even when it lies in another office's tree.
    """
    offices = set(session.scalars(select(InstalasiTerdaftar.kode_kantor)))
    resolver = Ownership.load(session, offices)
    sent = select(ButirBalasan.ref_id).where(
        ButirBalasan.installation_id == inst_id, ButirBalasan.jenis == _MUTASI
    )
    records = []
    for row in session.scalars(
        select(Mutasi)
        .where(Mutasi.deleted.is_(False), Mutasi.id.not_in(sent))
        .order_by(Mutasi.tanggal_berlaku, Mutasi.id)
    ):
        sides = (row.organisasi_asal_id, row.organisasi_tujuan_id)
        if kode not in {resolver.office_of_org(org) for org in sides}:
            continue
        chain: list[str] = []
        for org in sides:
            path: list[str] = []
            current: str | None = org
            while current is not None and current not in path and current in resolver.orgs:
                path.append(current)
                current = resolver.orgs[current][1]
            chain.extend(o for o in reversed(path) if o not in chain)
        records.append(
            {
                "mutasi": _row_json(session, Mutasi, row.id),
                "pegawai": _row_json(session, Pegawai, row.pegawai_id),
                "organisasi": [_row_json(session, Organisasi, org) for org in chain],
            }
        )
    return records


def _collect(session: Session, inst_id: str, kode: str) -> _Isi:
    """Everything not yet sent to ``inst_id`` (see the module docstring for the rules)."""

    def sent(jenis: str) -> Select[str]:
        return select(ButirBalasan.ref_id).where(
            ButirBalasan.installation_id == inst_id, ButirBalasan.jenis == jenis
        )

    received = select(PaketMasuk.package_id).where(
        PaketMasuk.installation_id == inst_id,
        PaketMasuk.package_id.is_not(None),
        PaketMasuk.package_id.not_in(sent(_PAKET)),
    )
    fresh = session.execute(
        select(OpTerapan.op_id, OpTerapan.hasil, OpTerapan.package_id).where(
            OpTerapan.package_id.in_(received),
            OpTerapan.op_id.startswith(f"{inst_id}:", autoescape=True),
        )
    ).all()
    hasil = [
        {"op_id": row.op_id, "hasil": row.hasil}
        for row in sorted(fresh, key=lambda r: _counter(r.op_id))
    ]
    butir = sorted({(_PAKET, str(row.package_id)) for row in fresh})
    resolved = session.scalars(
        select(Konflik)
        .where(Konflik.installation_id == inst_id, Konflik.status != TERBUKA)
        .order_by(Konflik.diselesaikan_pada, Konflik.dibuat_pada, Konflik.id)
    ).all()
    unsent = set(
        session.scalars(
            select(Konflik.id).where(
                Konflik.installation_id == inst_id,
                Konflik.status != TERBUKA,
                Konflik.id.not_in(sent(_KONFLIK)),
            )
        )
    )
    rows = {(k.entitas, k.entitas_id) for k in resolved}
    # BKD's own writes (resolutions, corrections, transfers) are few; each goes to every
    # office that wrote the same row, not only to the one whose conflict caused it.
    candidates = session.scalars(select(OutboxOp).where(OutboxOp.op_id.not_in(sent(_OP)))).all()
    wrote: set[str] = set()
    for chunk in chunked(sorted({op.entitas_id for op in candidates})):
        wrote.update(
            session.scalars(
                select(AuditLog.entitas_id)
                .where(
                    AuditLog.entitas_id.in_(chunk),
                    AuditLog.op_id.startswith(f"{inst_id}:", autoescape=True),
                )
                .distinct()
            )
        )
    staff = _staff_of(session, kode, candidates)
    ops = [
        op
        for op in candidates
        if (op.entitas, op.entitas_id) in rows or op.entitas_id in wrote or op.entitas_id in staff
    ]
    ops.sort(key=lambda op: op.counter)
    touched: dict[tuple[str, str], set[str]] = {}
    for op in ops:
        touched.setdefault((op.entitas, op.entitas_id), set()).update(op.sesudah or {})
    konflik = [
        _konflik_record(session, k, touched.get((k.entitas, k.entitas_id), set()))
        for k in resolved
        if k.id in unsent
    ]
    butir += [(_KONFLIK, str(k["id"])) for k in konflik]
    butir += [(_OP, op.op_id) for op in ops]
    master = _master(session, inst_id, kode)
    butir += [(_MUTASI, str(record["mutasi"]["id"])) for record in master]
    periods = _bkd_versions(session, inst_id, Periode, _PERIODE)
    butir += [(_PERIODE, str(row["version"])) for row in periods]
    catalogue = _bkd_versions(session, inst_id, KatalogIndikator, _KATALOG)
    butir += [(_KATALOG, str(row["version"])) for row in catalogue]
    aliases = _aliases(session, inst_id)
    butir += [(_ALIAS, str(record["id_lama"])) for record in aliases]
    return _Isi(
        hasil, konflik, [op_record(op) for op in ops], master, periods, aliases, catalogue, butir
    )


def _aliases(session: Session, inst_id: str) -> list[dict[str, Any]]:
    """Records of this office that BKD merged into existing ones, with the surviving row."""
    sent = select(ButirBalasan.ref_id).where(
        ButirBalasan.installation_id == inst_id, ButirBalasan.jenis == _ALIAS
    )
    records = []
    for alias in session.scalars(
        select(AliasId)
        .where(AliasId.installation_id == inst_id, AliasId.id_lama.not_in(sent))
        .order_by(AliasId.dibuat_pada, AliasId.id_lama)
    ):
        model = synced_models().get(alias.entitas)
        row = _row_json(session, model, alias.id_kanonik) if model is not None else None
        if row is not None:
            records.append(
                {
                    "entitas": alias.entitas,
                    "id_lama": alias.id_lama,
                    "id_kanonik": alias.id_kanonik,
                    "baris": row,
                }
            )
    return records


def _bkd_versions(
    session: Session, inst_id: str, model: type[Synced], jenis: str
) -> list[dict[str, Any]]:
    """Rows of a BKD-owned reference table whose current state was not sent yet (§4.13 ``ref``).

    Used for the period calendar with its locks and for the indicator catalogue. Every state
    BKD gave a row has its own version (BKD's op id), so a state is sent once; every office
    gets every row, because these tables are shared by all of them.
    """
    own = installation(session).id
    table: Table = model.__table__  # type: ignore[attr-defined]
    sent = select(ButirBalasan.ref_id).where(
        ButirBalasan.installation_id == inst_id, ButirBalasan.jenis == jenis
    )
    ids = session.scalars(
        select(table.c.id)
        .where(table.c.version.startswith(f"{own}:", autoescape=True), table.c.version.not_in(sent))
        .order_by(table.c.version, table.c.id)
    ).all()
    return [row for row in (_row_json(session, model, rid) for rid in ids) if row]


def _staff_of(session: Session, kode: str, candidates: Sequence[OutboxOp]) -> set[str]:
    """Employees among BKD's changed rows who now work in office ``kode`` (employee master).

    BKD owns the master data (sync.md §4.2): a new hire BKD registered for an office, or a
    correction BKD made to one of its staff, goes to that office even if it never wrote the row.
    """
    ids = sorted({op.entitas_id for op in candidates if op.entitas == "pegawai"})
    if not ids:
        return set()
    offices = set(session.scalars(select(InstalasiTerdaftar.kode_kantor))) | {kode}
    resolver = Ownership.load(session, offices)
    found: set[str] = set()
    for chunk in chunked(ids):
        found.update(
            pegawai_id
            for pegawai_id, org in session.execute(
                select(Pegawai.id, Pegawai.organisasi_id).where(Pegawai.id.in_(chunk))
            )
            if resolver.office_of_org(org) == kode
        )
    return found


def _konflik_record(session: Session, row: Konflik, touched: set[str]) -> dict[str, Any]:
    """A resolved conflict as the office needs it: the decision and BKD's values now."""
    model = synced_models().get(row.entitas)
    current = _row_json(session, model, row.entitas_id) if model is not None else None
    wanted = set(row.medan) | touched | ({"deleted"} if row.jenis == "DELETE_UPDATE" else set())
    final = (
        {k: current[k] for k in sorted(wanted) if k in current and k not in _SKIPPED}
        if current is not None
        else {}
    )
    return {
        "id": row.id,
        "op_id": row.op_id,
        "jenis": row.jenis,
        "entitas": row.entitas,
        "entitas_id": row.entitas_id,
        "kunci_alami": row.kunci_alami,
        "medan": row.medan,
        "pesan": row.pesan,
        "status": row.status,
        "catatan": row.catatan,
        "diselesaikan_oleh": row.diselesaikan_oleh,
        "diselesaikan_pada": row.diselesaikan_pada.isoformat() if row.diselesaikan_pada else None,
        "nilai_akhir": final,
        "versi": current.get("version") if current is not None else None,
    }


def buat_paket_balasan(ctx: ServiceContext, kode_kantor: str, out: Path, passphrase: str) -> Path:
    """(BKD) Write the next reverse package for one office installation and record it.

    ``kode_kantor`` names the office (or an installation id when an office has several PCs);
    ``out`` is a file or a folder. The file is built and verified first, then recorded with
    what it carried in one transaction; if that fails (another operator took the same number)
    the file is deleted, so an unrecorded package never leaves BKD.

    Raises:
        UserError: not BKD, no key, wrong passphrase, unknown office, or nothing new to send.
    """
    izinkan(ctx, "paket.balasan")
    with ctx.read() as session:
        own = _require(session, "bkd")
        key = signing_key(ctx, own, passphrase)
        target = _recipient(session, kode_kantor)
        inst_id, kode = target.installation_id, target.kode_kantor
        last = session.scalars(
            select(PaketBalasanKeluar)
            .where(PaketBalasanKeluar.installation_id == inst_id)
            .order_by(PaketBalasanKeluar.seq.desc())
        ).first()
        seen = session.scalar(
            select(func.max(PaketMasuk.seq)).where(
                PaketMasuk.installation_id == inst_id, PaketMasuk.status.in_(_ACCEPTED_PACKAGES)
            )
        )
        ack = {"last_contiguous_seq": target.seq_terakhir_berurutan, "last_seq_seen": seen or 0}
        isi = _collect(session, inst_id, kode)
        if (
            last is not None
            and not (
                isi.hasil
                or isi.konflik
                or isi.ops
                or isi.master
                or isi.periode
                or isi.alias
                or isi.katalog
            )
            and (last.ack_berurutan, last.ack_terlihat)
            == (ack["last_contiguous_seq"], ack["last_seq_seen"])
        ):
            raise UserError(
                _(
                    "Belum ada yang baru untuk {kode} sejak paket balasan nomor {seq}; paket "
                    "tidak dibuat."
                ).format(kode=kode, seq=last.seq),
                field="kantor",
            )
        seq = (last.seq if last else 0) + 1
        spec = PackageSpec(
            kind=KIND,
            environment=own.lingkungan,
            sender={
                "type": "bkd",
                "bkd_instance_id": own.kode_kantor,
                "key_id": own.key_id,
                "public_key": own.kunci_publik,
            },
            recipient={"type": "dinas", "dinas_code": kode, "installation_id": inst_id},
            seq=seq,
            prev_manifest_sha256=last.manifest_sha256 if last else None,
            created_at=ctx.clock().astimezone(UTC).replace(microsecond=0),
            app={"name": APP_NAME, "version": __version__, "build": platform.python_version()},
            schema_version=SCHEMA_VERSION,
            min_reader_schema_version=SCHEMA_VERSION,
            ack=ack,
            ops=(
                {
                    "first": isi.ops[0]["op_id"],
                    "last": isi.ops[-1]["op_id"],
                    "count": len(isi.ops),
                    "cumulative_since_ack": False,
                }
                if isi.ops
                else None
            ),
            reference_versions={},
            counts={
                "hasil": len(isi.hasil),
                "konflik": len(isi.konflik),
                "ops": len(isi.ops),
                "master": len(isi.master),
                "periode": len(isi.periode),
                "alias": len(isi.alias),
                "katalog": len(isi.katalog),
            },
            cert=None,
            datasets={
                "ops": isi.ops,
                "hasil": isi.hasil,
                "konflik": isi.konflik,
                "master": isi.master,
                "periode": isi.periode,
                "alias": isi.alias,
                "katalog": isi.katalog,
            },
        )
        stamp = ctx.now().strftime("%Y%m%d")
        name = f"balasan_{kode}_{inst_id[:8]}_{seq:06d}_{stamp}{EXTENSION}"
    built = build_package(spec, key, out / name if out.is_dir() else out)
    try:
        with ctx.write("buat_paket_balasan") as session:
            taken = session.get(PaketBalasanKeluar, (inst_id, seq))
            if taken is not None:
                raise ConflictError(
                    _(
                        "Paket balasan nomor {seq} untuk {kode} baru saja dibuat oleh operator "
                        "lain; buat ulang."
                    ).format(seq=seq, kode=kode)
                )
            session.add(
                PaketBalasanKeluar(
                    installation_id=inst_id,
                    seq=seq,
                    kode_kantor=kode,
                    package_id=built.package_id,
                    file_sha256=built.file_sha256,
                    manifest_sha256=built.manifest_sha256,
                    ack_berurutan=ack["last_contiguous_seq"],
                    ack_terlihat=ack["last_seq_seen"],
                    jumlah_hasil=len(isi.hasil),
                    jumlah_konflik=len(isi.konflik),
                    jumlah_op=len(isi.ops),
                    nama_berkas=built.path.name,
                    dibuat_pada=ctx.now(),
                    operator=ctx.actor,
                )
            )
            if isi.butir:
                session.execute(
                    insert(ButirBalasan),
                    [
                        {"installation_id": inst_id, "jenis": jenis, "ref_id": ref, "seq": seq}
                        for jenis, ref in isi.butir
                    ],
                )
    except ConflictError:
        built.path.unlink(missing_ok=True)
        raise
    return built.path


# ============================================================================= office side
def percayai_bkd(ctx: ServiceContext, public_key_b64: str, sidik_jari: str) -> KunciBkdDTO:
    """(Office) Trust BKD's signing key after comparing its fingerprint out of band.

    The fingerprint the operator typed must match the key exactly (spaces and case do not
    matter). Trusting the same key again changes nothing; a second key (BKD's next key) is
    added beside the first, so both verify during a change-over.

    Raises:
        SyncError: ``BAD_KEY`` when the text is not a usable Ed25519 public key.
        ValidationError: the fingerprint does not match, or this is not an office database.
    """
    izinkan(ctx, "kunci.kelola")
    public = public_key_from_b64(public_key_b64)
    if is_small_order(public):
        raise SyncError(
            "BAD_KEY",
            _("Kunci publik tidak sah. Minta kunci yang benar dari BKD."),
        )
    kid = key_id(public)
    if sidik_jari.replace(" ", "").lower() != kid:
        raise ValidationError(
            _(
                "Sidik jari tidak cocok dengan kunci BKD yang dimasukkan. Jangan lanjutkan; "
                "tanyakan ulang kunci dan sidik jarinya kepada BKD."
            ),
            field="sidik_jari",
        )
    with ctx.write("percayai_bkd") as session:
        inst = _require(session, "dinas")
        if kid == inst.key_id:
            raise ValidationError(
                _("Ini kunci instalasi kantor ini sendiri, bukan kunci BKD."), field="kunci"
            )
        row = session.get(KunciBkd, kid)
        if row is None:
            row = KunciBkd(
                key_id=kid,
                kode_bkd=inst.kode_bkd,
                kunci_publik=encode_public_key(public),
                dipercaya_pada=ctx.now(),
                dipercaya_oleh=ctx.actor,
            )
            session.add(row)
        return KunciBkdDTO(row.kode_bkd, kid, fingerprint(public), row.kunci_publik)


def cabut_kunci_bkd(ctx: ServiceContext, key: str, *, alasan: str) -> KunciBkdDTO:
    """(Office) Stop trusting a BKD key (BKD replaced it, or it leaked).

    Reverse packages signed by it are refused from now on; what was applied stays. The
    decision is written to the audit log with the reason, since the row itself is removed.
    """
    izinkan(ctx, "kunci.kelola")
    if not alasan.strip():
        raise ValidationError(_("Alasan wajib diisi."), field="alasan")
    with ctx.write("cabut_kunci_bkd") as session:
        _require(session, "dinas")
        row = session.get(KunciBkd, key.replace(" ", "").lower())
        if row is None:
            raise NotFoundError(
                _("Kunci BKD {key} tidak ada di daftar kunci yang dipercayai.").format(key=key),
                field="kunci",
            )
        dto = KunciBkdDTO(
            row.kode_bkd,
            row.key_id,
            fingerprint(public_key_from_b64(row.kunci_publik)),
            row.kunci_publik,
        )
        recorder = Recorder(session, ChangeContext(ctx.actor, ctx.now(), "cabut_kunci_bkd"))
        recorder.audit(
            "delete",
            "sync_kunci_bkd",
            row.key_id,
            before={"kode_bkd": row.kode_bkd, "kunci_publik": row.kunci_publik},
            after={"alasan": alasan.strip()},
            op_id=None,
        )
        recorder.write()
        session.delete(row)
    return dto


def _refuse(report: LaporanBalasan, code: str, message: str) -> LaporanBalasan:
    report.status, report.kode_alasan, report.pesan = DITOLAK, code, message
    return report


@dataclass(frozen=True)
class _Own:
    """This office installation, as read before the package is checked."""

    inst_id: str
    kode_kantor: str
    lingkungan: str
    kode_bkd: str


def _problem(  # noqa: PLR0911 - one return per check, in the order of sync.md §4.7 step 7
    m: dict[str, Any], signer_bkd: str, own: _Own
) -> tuple[str, str] | None:
    sender, recipient = m["sender"], m["recipient"]
    if sender.get("type") != "bkd" or sender.get("bkd_instance_id") != signer_bkd:
        return "KEY_SENDER_MISMATCH", _(
            "Paket ditandatangani kunci BKD {bkd}, tetapi manifesnya menyebut pengirim lain."
        ).format(bkd=signer_bkd)
    if m["environment"] != own.lingkungan:
        return "WRONG_RECIPIENT", _(
            "Paket balasan dari lingkungan {env} tidak boleh diterapkan ke basis data {own} "
            "(mis. paket Mode Latihan ke data sebenarnya)."
        ).format(env=m["environment"], own=own.lingkungan)
    if (
        recipient.get("type") != "dinas"
        or recipient.get("dinas_code") != own.kode_kantor
        or recipient.get("installation_id") != own.inst_id
    ):
        return "WRONG_RECIPIENT", _(
            "Paket balasan ini ditujukan ke {tujuan}, bukan ke instalasi kantor {own} ini."
        ).format(tujuan=recipient.get("dinas_code"), own=own.kode_kantor)
    if m["kind"] != KIND:
        return "UNEXPECTED_KIND", _(
            "Jenis paket {kind} tidak dapat diterapkan di kantor pada versi ini."
        ).format(kind=m["kind"])
    if m["min_reader_schema_version"] > SCHEMA_VERSION:
        return "FUTURE_SCHEMA", _(
            "Paket balasan dibuat oleh versi Capaian yang lebih baru. Perbarui aplikasi, lalu "
            "terapkan ulang berkas ini."
        )
    ack = m["ack"]
    if set(ack) != {"last_contiguous_seq", "last_seq_seen"} or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in ack.values()
    ):
        return "MALFORMED_MANIFEST", _("Bagian ack pada manifes paket balasan tidak sah.")
    return None


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _well_formed(datasets: dict[str, tuple[dict[str, Any], ...]]) -> bool:
    """Shapes the applier relies on; values are decoded (and may fail) per op later."""
    hasil_ok = all(
        _is_text(r.get("op_id")) and _is_text(r.get("hasil")) for r in datasets.get("hasil", ())
    )
    konflik_ok = all(
        all(_is_text(r.get(k)) for k in ("id", "op_id", "status", "entitas", "entitas_id"))
        and isinstance(r.get("medan"), dict)
        and isinstance(r.get("nilai_akhir"), dict)
        and (r.get("versi") is None or _is_text(r.get("versi")))
        for r in datasets.get("konflik", ())
    )
    ops_ok = all(
        _is_text(r.get("op_id"))
        and r.get("type") in _OP_TYPES
        and _is_text(r.get("entity"))
        and _is_text(r.get("id"))
        and isinstance(r.get("after") or {}, dict)
        and isinstance(r.get("before") or {}, dict)
        for r in datasets.get("ops", ())
    )
    master_ok = all(
        isinstance(r.get("mutasi"), dict)
        and isinstance(r.get("pegawai"), dict)
        and isinstance(r.get("organisasi"), list)
        and all(isinstance(o, dict) and _is_text(o.get("id")) for o in r["organisasi"])
        and _is_text(r["mutasi"].get("id"))
        and _is_text(r["mutasi"].get("tanggal_berlaku"))
        and _is_text(r["pegawai"].get("id"))
        for r in datasets.get("master", ())
    )
    periode_ok = all(
        _is_text(r.get("id")) and _is_text(r.get("kode")) and _is_text(r.get("version"))
        for name in ("periode", "katalog")
        for r in datasets.get(name, ())
    )
    alias_ok = all(
        _is_text(r.get("entitas"))
        and _is_text(r.get("id_lama"))
        and _is_text(r.get("id_kanonik"))
        and isinstance(r.get("baris"), dict)
        for r in datasets.get("alias", ())
    )
    return hasil_ok and konflik_ok and ops_ok and master_ok and periode_ok and alias_ok


def terapkan_paket_balasan(  # noqa: PLR0911 - one return per verdict
    ctx: ServiceContext, path: Path
) -> LaporanBalasan:
    """(Office) Verify and apply one reverse package from BKD; see the module docstring.

    Refusals (``DITOLAK`` with a reason code) and duplicates (``DUPLIKAT``) change nothing.
    """
    izinkan(ctx, "paket.terapkan_balasan")
    try:
        sha = file_sha256(path)
    except OSError as exc:
        raise UserError(
            _("Berkas paket {path} tidak dapat dibaca: {err}").format(path=path, err=exc.strerror),
            field="berkas",
        ) from exc
    report = LaporanBalasan(berkas=path.name, file_sha256=sha, status="", pesan="")
    with ctx.read() as session:
        inst = _require(session, "dinas")
        own = _Own(inst.id, inst.kode_kantor, inst.lingkungan, inst.kode_bkd)
        earlier = session.scalars(
            select(PaketBalasanMasuk).where(PaketBalasanMasuk.file_sha256 == sha)
        ).first()
        if earlier is not None:
            return _duplicate(report, earlier)
        trusted = {
            row.key_id: (public_key_from_b64(row.kunci_publik), row.kode_bkd)
            for row in session.scalars(select(KunciBkd))
        }
    try:
        package = read_package(path, lambda kid: trusted[kid][0] if kid in trusted else None)
    except SyncError as exc:
        if exc.code == "UNKNOWN_KEY":
            return _refuse(
                report,
                exc.code,
                _(
                    "Paket balasan ini tidak ditandatangani oleh kunci BKD yang dipercayai "
                    "kantor ini. Jangan terapkan; bila BKD mengganti kuncinya, percayai kunci "
                    "baru setelah mencocokkan sidik jarinya dengan BKD."
                ),
            )
        return _refuse(report, exc.code, exc.message)
    m = package.manifest
    report.package_id, report.seq = m["package_id"], m["seq"]
    problem = _problem(m, trusted[package.key_id][1], own)
    if problem is not None:
        return _refuse(report, *problem)
    if not _well_formed(package.datasets):
        return _refuse(
            report, "MALFORMED_DATA", _("Isi paket balasan tidak sesuai format; laporkan ke BKD.")
        )
    with ctx.read() as session:
        last = session.scalars(
            select(PaketBalasanMasuk).order_by(PaketBalasanMasuk.seq.desc())
        ).first()
        if last is not None and m["seq"] <= last.seq:
            same = session.get(PaketBalasanMasuk, m["seq"])
            if same is not None and same.manifest_sha256 == package.manifest_sha256:
                return _duplicate(report, same)
            return _refuse(
                report,
                "STALE_SEQ",
                _(
                    "Paket balasan nomor {seq} lebih lama dari yang sudah diterapkan (nomor "
                    "{last}). Paket lama tidak boleh menimpa data yang lebih baru; minta paket "
                    "balasan terbaru dari BKD."
                ).format(seq=m["seq"], last=last.seq),
            )
        last_seq = last.seq if last else 0
        last_manifest = last.manifest_sha256 if last else None
        exported = session.scalar(select(func.max(PaketKeluar.seq))) or 0
    _sequence_warnings(report, m, last_seq, last_manifest, exported)
    with ctx.write("terapkan_paket_balasan") as session:
        newest = session.scalar(select(func.max(PaketBalasanMasuk.seq)))
        if newest is not None and newest >= m["seq"]:
            raise ConflictError(
                _("Paket balasan nomor {seq} baru saja diterapkan oleh pengguna lain.").format(
                    seq=m["seq"]
                )
            )
        recorder = Recorder(session, ChangeContext(ctx.actor, ctx.now(), "terapkan_paket_balasan"))
        applier = _Applier(session, recorder, report, own, m["seq"])
        applier.run(m["ack"], package.datasets)
        recorder.write()
        session.add(
            PaketBalasanMasuk(
                seq=m["seq"],
                package_id=m["package_id"],
                file_sha256=sha,
                manifest_sha256=package.manifest_sha256,
                kode_bkd=m["sender"]["bkd_instance_id"],
                laporan=report.as_json(),
                nama_berkas=path.name,
                diterapkan_pada=ctx.now(),
                operator=ctx.actor,
            )
        )
    return report


def _duplicate(report: LaporanBalasan, earlier: PaketBalasanMasuk) -> LaporanBalasan:
    report.status, report.seq, report.package_id = DUPLIKAT, earlier.seq, earlier.package_id
    report.pesan = _(
        "Paket balasan nomor {seq} sudah diterapkan pada {waktu} oleh {operator}; tidak ada yang "
        "diubah."
    ).format(
        seq=earlier.seq, waktu=earlier.diterapkan_pada.isoformat(sep=" "), operator=earlier.operator
    )
    return report


def _sequence_warnings(
    report: LaporanBalasan,
    m: dict[str, Any],
    last_seq: int,
    last_manifest: str | None,
    exported: int,
) -> None:
    seq, ack = m["seq"], m["ack"]
    if seq > last_seq + 1:
        report.peringatan.append(
            _("Paket balasan nomor {a} s/d {b} belum pernah diterapkan di kantor ini.").format(
                a=last_seq + 1, b=seq - 1
            )
        )
    elif last_manifest is not None and m["prev_manifest_sha256"] != last_manifest:
        report.peringatan.append(
            _(
                "Rantai paket balasan terputus: paket ini tidak menyambung ke paket nomor {n} "
                "yang diterapkan sebelumnya. Laporkan ke BKD."
            ).format(n=last_seq)
        )
    if ack["last_seq_seen"] > exported:
        report.peringatan.append(
            _(
                "BKD sudah menerima paket nomor {n} dari instalasi ini, padahal kantor ini baru "
                "mengekspor sampai nomor {m}. Basis data mungkin dipulihkan dari cadangan; "
                "hubungi BKD sebelum mengekspor lagi."
            ).format(n=ack["last_seq_seen"], m=exported)
        )
    elif ack["last_seq_seen"] > ack["last_contiguous_seq"]:
        report.peringatan.append(
            _(
                "BKD belum menerima paket nomor {a} s/d {b}; perubahan di dalamnya tetap "
                "dikirim ulang pada ekspor berikutnya."
            ).format(a=ack["last_contiguous_seq"] + 1, b=ack["last_seq_seen"])
        )


class _Applier:
    """Applies one verified reverse package inside the office's transaction."""

    def __init__(
        self, session: Session, recorder: Recorder, report: LaporanBalasan, own: _Own, seq: int
    ) -> None:
        self.session = session
        self.recorder = recorder
        self.report = report
        self.own = own
        self.prefix = f"{own.inst_id}:"
        self.seq = seq
        self.models = synced_models()
        self.rows: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.pending: dict[tuple[str, str], frozenset[str]] = {}
        self.counts: dict[str, int] = dict.fromkeys(
            (
                "hasil",
                "konflik",
                "diakui",
                "op_diterapkan",
                "op_sama",
                "op_tertunda",
                "op_dilewati",
                "op_gagal",
                "nilai_diselaraskan",
                "mutasi",
                "periode",
                "alias",
                "katalog",
            ),
            0,
        )

    def run(self, ack: dict[str, int], datasets: dict[str, tuple[dict[str, Any], ...]]) -> None:
        """Verdicts, acknowledgements, BKD's ops, then the resolved conflicts' final values."""
        hasil = [r for r in datasets.get("hasil", ()) if r["op_id"].startswith(self.prefix)]
        konflik = [r for r in datasets.get("konflik", ()) if r["op_id"].startswith(self.prefix)]
        ops = [r for r in datasets.get("ops", ()) if not r["op_id"].startswith(self.prefix)]
        master = datasets.get("master", ())
        self._store_verdicts(hasil, konflik)
        self._acknowledge(ack["last_contiguous_seq"])
        keys = {(r["entity"], r["id"]) for r in ops} | {
            (r["entitas"], r["entitas_id"]) for r in konflik
        }
        for record in master:
            keys |= {("organisasi", o["id"]) for o in record["organisasi"]}
            keys |= {("pegawai", record["pegawai"]["id"]), ("mutasi", record["mutasi"]["id"])}
        keys |= {("periode", str(r["id"])) for r in datasets.get("periode", ())}
        keys |= {("katalog_indikator", str(r["id"])) for r in datasets.get("katalog", ())}
        keys |= {(str(r["entitas"]), str(r["id_kanonik"])) for r in datasets.get("alias", ())}
        self._load(keys)
        for record in datasets.get("periode", ()):
            self._period(record)
        for record in datasets.get("katalog", ()):
            self._reference("katalog_indikator", record, "katalog")
        for record in master:
            self._transfer(record)
        for record in datasets.get("alias", ()):
            self._alias(record)
        for op in ops:
            self.counts[self._apply_op(op)] += 1
        for record in konflik:
            self._settle(record)
        report = self.report
        report.jumlah = self.counts
        report.status = SEBAGIAN_TERTAHAN if report.tertunda else BERHASIL
        report.pesan = _(
            "Paket balasan nomor {seq} diterapkan: {diakui} perubahan diakui BKD, {konflik} "
            "konflik telah diputuskan BKD, {op} perubahan BKD diterapkan, {tertunda} ditahan "
            "karena ada perubahan lokal yang belum diakui BKD."
        ).format(
            seq=self.seq,
            diakui=self.counts["diakui"],
            konflik=self.counts["konflik"],
            op=self.counts["op_diterapkan"],
            tertunda=len(report.tertunda),
        )

    # -- verdicts and acknowledgements
    def _store_verdicts(self, hasil: list[dict[str, Any]], konflik: list[dict[str, Any]]) -> None:
        wanted: dict[str, dict[str, Any]] = {}
        for record in hasil:
            wanted[record["op_id"]] = {"hasil": record["hasil"]}
        for record in konflik:
            entry = wanted.setdefault(record["op_id"], {})
            entry.update(konflik_id=record["id"], status_konflik=record["status"])
        existing: set[str] = set()
        for chunk in chunked(sorted(wanted)):
            existing.update(
                self.session.scalars(select(HasilOp.op_id).where(HasilOp.op_id.in_(chunk)))
            )
        updates = [
            {"op_id": op_id, "seq_balasan": self.seq, **values}
            for op_id, values in wanted.items()
            if op_id in existing
        ]
        inserts = [
            {
                "op_id": op_id,
                "seq_balasan": self.seq,
                "hasil": values.get("hasil", "konflik"),
                "konflik_id": values.get("konflik_id"),
                "status_konflik": values.get("status_konflik"),
            }
            for op_id, values in wanted.items()
            if op_id not in existing
        ]
        for row in updates:  # few: a verdict repeated, or a conflict resolved later
            op_id = row.pop("op_id")
            self.session.execute(update(HasilOp).where(HasilOp.op_id == op_id).values(**row))
        if inserts:
            self.session.execute(insert(HasilOp), inserts)
        self.counts["hasil"] = len(hasil)
        self.counts["konflik"] = len(konflik)

    def _acknowledge(self, last_contiguous_seq: int) -> None:
        """Mark settled ops acknowledged, up to the last op of the last package BKD has."""
        upto = self.session.scalar(
            select(func.max(PaketKeluar.op_akhir)).where(PaketKeluar.seq <= last_contiguous_seq)
        )
        if upto is None:
            return
        settled = select(HasilOp.op_id).where(
            HasilOp.hasil.in_(DITERIMA)
            | (HasilOp.status_konflik.is_not(None) & (HasilOp.status_konflik != TERBUKA))
        )
        condition = (
            OutboxOp.diakui.is_(False),
            OutboxOp.counter <= upto,
            OutboxOp.op_id.in_(settled),
        )
        self.counts["diakui"] = self.session.scalar(select(func.count()).where(*condition)) or 0
        if self.counts["diakui"]:
            self.session.execute(
                update(OutboxOp)
                .where(*condition)
                .values(diakui=True)
                .execution_options(synchronize_session=False)
            )

    # -- local rows
    def _load(self, keys: Iterable[tuple[str, str]]) -> None:
        """Current local rows (JSON values) and the fields pending local ops still hold."""
        wanted: dict[str, set[str]] = {}
        for entity, row_id in keys:
            self.rows[(entity, row_id)] = None
            if entity in self.models:
                wanted.setdefault(entity, set()).add(row_id)
        for entity, ids in wanted.items():
            table: Table = self.models[entity].__table__  # type: ignore[attr-defined]
            for chunk in chunked(sorted(ids)):
                for row in self.session.execute(
                    select(table).where(table.c.id.in_(chunk))
                ).mappings():
                    self.rows[(entity, row["id"])] = {k: json_value(v) for k, v in row.items()}
        held: dict[tuple[str, str], set[str]] = {}
        all_ids = sorted({row_id for _entity, row_id in self.rows})
        for chunk in chunked(all_ids):
            for op in self.session.scalars(
                select(OutboxOp).where(OutboxOp.diakui.is_(False), OutboxOp.entitas_id.in_(chunk))
            ):
                fields = held.setdefault((op.entitas, op.entitas_id), set())
                fields.update(_ALL if op.jenis == "delete" else (op.sesudah or {}))
        self.pending = {key: frozenset(fields) for key, fields in held.items()}

    def _blocked(self, key: tuple[str, str], fields: Iterable[str]) -> set[str]:
        held = self.pending.get(key, frozenset())
        return set(fields) if "*" in held else set(fields) & held

    def _hold(self, key: tuple[str, str], values: dict[str, Any], blocked: set[str]) -> None:
        """Report BKD values kept back by pending local edits; one entry per row."""
        entity, row_id = key
        entry = next(
            (
                e
                for e in self.report.tertunda
                if (e["entitas"], e["entitas_id"]) == (entity, row_id)
            ),
            None,
        )
        if entry is None:
            entry = {"entitas": entity, "entitas_id": row_id, "kolom": [], "nilai_bkd": {}}
            self.report.tertunda.append(entry)
        entry["nilai_bkd"].update({c: values.get(c) for c in blocked})
        entry["kolom"] = sorted(entry["nilai_bkd"])
        entry["pesan"] = _(
            "Nilai BKD untuk {kolom} belum diterapkan karena perubahan lokal yang belum diakui "
            "BKD dipertahankan; BKD memeriksanya saat paket berikutnya diimpor."
        ).format(kolom=", ".join(entry["kolom"]))

    def _write(
        self,
        key: tuple[str, str],
        changes: dict[str, Any],
        *,
        version: str | None,
        op_id: str,
        kind: str = "update",
    ) -> None:
        """One row update (or insert) inside a savepoint; raises on values that do not fit."""
        entity, row_id = key
        model: type[Synced] = self.models[entity]
        table: Table = model.__table__  # type: ignore[attr-defined]
        values = {k: decode_value(model, k, v) for k, v in changes.items()}
        for name, value in values.items():
            if value is None and not table.c[name].nullable:
                raise ValueError(f"{name}: wajib diisi")
        extra = {"version": version} if version is not None else {}
        savepoint = self.session.begin_nested()
        try:
            if kind == "create":
                self.session.execute(insert(table).values(id=row_id, **extra, **values))
            else:
                self.session.execute(
                    update(table).where(table.c.id == row_id).values(**extra, **values)
                )
            savepoint.commit()
        except DBAPIError:
            savepoint.rollback()
            raise
        row = self.rows.get(key)
        before = {k: row.get(k) for k in changes} if row is not None else None
        if row is None:
            self.rows[key] = {**changes, "id": row_id, **extra}
        else:
            row.update(changes)
            row.update(extra)
        if changes:
            self.recorder.audit(kind, entity, row_id, before=before, after=changes, op_id=op_id)

    def _fail(self, op: dict[str, Any], reason: str) -> str:
        self.report.peringatan.append(
            _("Perubahan BKD {op} pada {entitas} tidak dapat diterapkan: {err}").format(
                op=op["op_id"], entitas=op["entity"], err=reason[:300]
            )
        )
        return "op_gagal"

    # -- BKD's ops
    def _apply_op(self, op: dict[str, Any]) -> str:  # noqa: PLR0911 - one return per outcome
        key = (str(op["entity"]), str(op["id"]))
        model = self.models.get(key[0])
        if model is None:
            return self._fail(op, _("entitas tidak dikenal"))
        columns = set(model.__table__.columns.keys()) - _SKIPPED  # type: ignore[attr-defined]
        after = {k: v for k, v in (op.get("after") or {}).items() if k in columns}
        before: dict[str, Any] = op.get("before") or {}
        row = self.rows.get(key)
        try:
            if row is None:
                if op["type"] != "create":
                    return self._fail(op, _("baris tidak ada di kantor ini"))
                self._write(key, after, version=op["op_id"], op_id=op["op_id"], kind="create")
                return "op_diterapkan"
            if row.get("version") == op["op_id"]:
                return "op_sama"
            blocked = self._blocked(key, after)
            fast = row.get("version") == op.get("base") and not self.pending.get(key)
            changes: dict[str, Any] = {}
            clashes = False
            for name, value in after.items():
                if name in blocked or row.get(name) == value:
                    continue
                if fast or row.get(name) == before.get(name):
                    changes[name] = value
                else:
                    clashes = True  # changed here and acknowledged; BKD's final values decide
            settled = not blocked and not clashes and not self.pending.get(key)
            if changes or settled:
                self._write(
                    key, changes, version=op["op_id"] if settled else None, op_id=op["op_id"]
                )
        except (DBAPIError, ValueError, KeyError, TypeError) as exc:
            return self._fail(op, str(exc))
        if blocked:
            self._hold(key, after, blocked)
            return "op_tertunda"
        if clashes and not changes:
            return "op_dilewati"
        return "op_diterapkan" if changes else "op_sama"

    # -- reference data: period locks, indicator catalogue
    def _period(self, record: dict[str, Any]) -> None:
        self._reference("periode", record, "periode")

    def _reference(self, entity: str, record: dict[str, Any], counter: str) -> None:
        try:
            self._master_row(entity, record, update_existing=True)
        except (DBAPIError, ValueError, KeyError, TypeError) as exc:
            self.report.peringatan.append(
                _("Data acuan {kode} dari BKD tidak dapat diterapkan: {err}").format(
                    kode=record.get("kode"), err=str(exc)[:300]
                )
            )
            return
        self.counts[counter] += 1

    # -- id aliases: a record of this office that BKD merged into an existing one
    def _alias(self, record: dict[str, Any]) -> None:
        """Replace the office's own row by BKD's and repoint every reference to it.

        The old row is tombstoned with its natural key cleared (the surviving row takes the
        NIP); references in every synced table move to the surviving id. Local pending ops
        keep the old id; BKD rewrites them through the same alias.
        """
        entity, old, new = record["entitas"], record["id_lama"], record["id_kanonik"]
        model = self.models.get(entity)
        if model is None or entity != "pegawai":
            self.report.peringatan.append(
                _("Penggabungan data {entitas} dari BKD tidak dikenal; laporkan ke BKD.").format(
                    entitas=entity
                )
            )
            return
        table: Table = model.__table__  # type: ignore[attr-defined]
        row = dict(record["baris"])
        savepoint = self.session.begin_nested()
        try:
            self.session.execute(
                update(table).where(table.c.id == old).values(nip=None, deleted=True)
            )
            if row.get("penilai_id") and self._missing("pegawai", str(row["penilai_id"])):
                row["penilai_id"] = None
            self._master_row(entity, row, update_existing=True)
            for other in self.models.values():
                other_table: Table = other.__table__  # type: ignore[attr-defined]
                for column in other_table.columns:
                    if any(fk.column.table is table for fk in column.foreign_keys):
                        self.session.execute(
                            update(other_table).where(column == old).values({column.name: new})
                        )
            savepoint.commit()
        except (DBAPIError, ValueError, KeyError, TypeError) as exc:
            savepoint.rollback()
            self.report.peringatan.append(
                _("Penggabungan data {nama} dari BKD tidak dapat diterapkan: {err}").format(
                    nama=row.get("nama"), err=str(exc)[:300]
                )
            )
            return
        self.recorder.audit(
            "update",
            entity,
            old,
            before={"id": old},
            after={"digabung_ke": new},
            op_id=str(row.get("version")),
        )
        self.counts["alias"] += 1
        self.report.peringatan.append(
            _(
                "{nama} ternyata sudah terdaftar di BKD; data kantor ini digabungkan ke data BKD "
                "dan semua rujukannya dipindahkan."
            ).format(nama=row.get("nama"))
        )

    # -- master data: transfers
    def _master_row(self, entity: str, values: dict[str, Any], *, update_existing: bool) -> None:
        """Store one BKD-owned row: create it, or bring it to BKD's values where not held."""
        key = (entity, str(values["id"]))
        model = self.models[entity]
        columns = set(model.__table__.columns.keys()) - _SKIPPED  # type: ignore[attr-defined]
        after = {k: v for k, v in values.items() if k in columns}
        version = values.get("version")
        row = self.rows.get(key)
        if row is None:
            self._write(key, after, version=version, op_id=str(version), kind="create")
            return
        if not update_existing or row.get("version") == version:
            return
        blocked = self._blocked(key, after)
        changes = {k: v for k, v in after.items() if k not in blocked and row.get(k) != v}
        settled = not blocked and not self.pending.get(key)
        if changes or settled:
            self._write(key, changes, version=version if settled else None, op_id=str(version))
        if blocked:
            self._hold(key, after, blocked)

    def _transfer(self, record: dict[str, Any]) -> None:
        """Apply one transfer: units first, then the employee's master row, then the mutasi."""
        mutasi, pegawai = record["mutasi"], dict(record["pegawai"])
        try:
            for org in record["organisasi"]:
                self._master_row("organisasi", org, update_existing=False)
            penilai = pegawai.get("penilai_id")
            if penilai is not None and self._missing("pegawai", str(penilai)):
                pegawai["penilai_id"] = None  # the penilai lives in another office
            self._master_row("pegawai", pegawai, update_existing=True)
            self._master_row("mutasi", mutasi, update_existing=False)
        except (DBAPIError, ValueError, KeyError, TypeError) as exc:
            self.report.peringatan.append(
                _("Data mutasi {nama} dari BKD tidak dapat diterapkan: {err}").format(
                    nama=pegawai.get("nama"), err=str(exc)[:300]
                )
            )
            return
        self.counts["mutasi"] += 1
        units = {o["id"]: o for o in record["organisasi"]}
        tujuan = units.get(mutasi["organisasi_tujuan_id"], {})
        asal = units.get(mutasi["organisasi_asal_id"], {})
        incoming = any(o.get("kode") == self.own.kode_kantor for o in self._ancestry(units, tujuan))
        if incoming:
            message = _(
                "{nama} masuk dari {asal} sejak {tanggal} (mutasi dicatat BKD). Tetapkan pejabat "
                "penilainya dan susun SKP mulai tanggal itu."
            ).format(
                nama=pegawai.get("nama"), asal=asal.get("nama"), tanggal=mutasi["tanggal_berlaku"]
            )
        else:
            message = _(
                "{nama} dimutasi ke {tujuan} sejak {tanggal} (dicatat BKD). Data periode sejak "
                "tanggal itu hanya dapat dibaca di kantor ini."
            ).format(
                nama=pegawai.get("nama"),
                tujuan=tujuan.get("nama"),
                tanggal=mutasi["tanggal_berlaku"],
            )
        self.report.mutasi.append(
            {
                "nip": pegawai.get("nip"),
                "nama": pegawai.get("nama"),
                "tanggal_berlaku": mutasi["tanggal_berlaku"],
                "unit_asal": asal.get("kode"),
                "unit_tujuan": tujuan.get("kode"),
                "masuk": incoming,
                "pesan": message,
            }
        )

    @staticmethod
    def _ancestry(units: dict[str, dict[str, Any]], start: dict[str, Any]) -> list[dict[str, Any]]:
        path: list[dict[str, Any]] = []
        current: dict[str, Any] | None = start
        while current and current not in path:
            path.append(current)
            current = units.get(str(current.get("induk_id")))
        return path

    def _missing(self, entity: str, row_id: str) -> bool:
        if self.rows.get((entity, row_id)) is not None:
            return False
        table: Table = self.models[entity].__table__  # type: ignore[attr-defined]
        return self.session.scalar(select(table.c.id).where(table.c.id == row_id)) is None

    # -- resolved conflicts
    def _settle(self, record: dict[str, Any]) -> None:
        """Show BKD's decision; bring the row to BKD's final values where nothing is pending."""
        key = (record["entitas"], record["entitas_id"])
        final: dict[str, Any] = record["nilai_akhir"]
        self.report.konflik.append(_shown(record))
        row = self.rows.get(key)
        model = self.models.get(key[0])
        if row is None or model is None or record["versi"] is None or record["status"] == TERBUKA:
            return
        columns = set(model.__table__.columns.keys()) - _SKIPPED  # type: ignore[attr-defined]
        final = {k: v for k, v in final.items() if k in columns}
        blocked = self._blocked(key, final)
        changes = {k: v for k, v in final.items() if k not in blocked and row.get(k) != v}
        settled = not blocked and not self.pending.get(key)
        try:
            if changes or (settled and row.get("version") != record["versi"]):
                self._write(
                    key,
                    changes,
                    version=record["versi"] if settled else None,
                    op_id=str(record["versi"]),
                )
        except (DBAPIError, ValueError, KeyError, TypeError) as exc:
            self.report.peringatan.append(
                _("Keputusan BKD atas konflik {id} tidak dapat diterapkan: {err}").format(
                    id=str(record["id"])[:8], err=str(exc)[:300]
                )
            )
            return
        self.counts["nilai_diselaraskan"] += len(changes)
        if blocked:
            self._hold(key, final, blocked)


def _shown(record: dict[str, Any]) -> dict[str, Any]:
    """A resolved conflict as the office shows it: "nilai Anda diganti oleh BKD"."""
    final: dict[str, Any] = record["nilai_akhir"]
    replaced = []
    for name, sides in sorted(record["medan"].items()):
        mine = sides.get("masuk") if isinstance(sides, dict) else None
        theirs = final.get(name, sides.get("sekarang") if isinstance(sides, dict) else None)
        if mine != theirs:
            replaced.append(
                _("{kolom}: nilai Anda {anda} diganti oleh BKD menjadi {bkd}").format(
                    kolom=name, anda=mine, bkd=theirs
                )
            )
    if record["status"] == "AMBIL_MASUK":
        text = _("BKD menerima perubahan Anda pada {entitas} {kunci}. Catatan BKD: {catatan}")
    elif replaced:
        text = _(
            "BKD tidak menerima perubahan Anda pada {entitas} {kunci}; nilai BKD yang berlaku. "
            "Catatan BKD: {catatan}"
        )
    else:
        text = _("BKD telah memutuskan konflik pada {entitas} {kunci}. Catatan BKD: {catatan}")
    return {
        "id": record["id"],
        "op_id": record["op_id"],
        "jenis": record.get("jenis"),
        "entitas": record["entitas"],
        "entitas_id": record["entitas_id"],
        "kunci_alami": record.get("kunci_alami"),
        "status": record["status"],
        "catatan": record.get("catatan"),
        "pesan": text.format(
            entitas=record["entitas"],
            kunci=_natural_key_text(record.get("kunci_alami")) or record["entitas_id"],
            catatan=record.get("catatan") or "-",
        ),
        "diganti": replaced,
    }


def _natural_key_text(key: object) -> str:
    """``{"nip": "1990…"}`` as ``nip 1990…`` for messages."""
    if not isinstance(key, dict):
        return ""
    return ", ".join(f"{name} {value}" for name, value in key.items())
