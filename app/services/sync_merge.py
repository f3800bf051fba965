"""BKD side of sync: verify, stage and merge office packages; enrol installations.

Order of work (sync.md §4.7, §4.9): the file is hashed and compared with what was already
received (same bytes = duplicate, nothing else happens); the signer's key is looked up (unknown or
not yet approved keys are quarantined, the file kept); the package is verified completely before
anything is parsed for use; then every op is merged in ONE transaction, each inside a savepoint so
one bad op becomes a conflict record instead of aborting the rest. Other offices' rows are written
with Core statements carrying the incoming op id as their version, and every applied op is linked
into BKD's own audit chain. A dry run is the same code ending in a rollback.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.errors import NotFoundError, UserError, ValidationError
from app.i18n import _
from app.models import (
    AliasId,
    Instalasi,
    InstalasiTerdaftar,
    Konflik,
    OpTerapan,
    PaketMasuk,
    Periode,
    Synced,
)
from app.models.changes import (
    ChangeContext,
    Recorder,
    canonical_json,
    decode_value,
    json_value,
    synced_models,
)
from app.services.context import ServiceContext
from app.services.izin import izinkan
from app.services.lookup import chunked, installation
from app.services.ownership import BKD_ONLY, PARENT, Ownership
from app.services.sync_export import SCHEMA_VERSION
from app.sync.errors import SyncError
from app.sync.keys import fingerprint, key_id, public_key_from_b64
from app.sync.package import file_sha256, manifest_of_unverified, peek_signer, read_package

# Verdicts (sync.md §4.14), stored in sync_paket_masuk.status.
BERHASIL = "BERHASIL"
BERHASIL_DENGAN_KONFLIK = "BERHASIL_DENGAN_KONFLIK"
DUPLIKAT = "DUPLIKAT"
SUDAH_TERCAKUP = "SUDAH_TERCAKUP"
DIKARANTINA = "DIKARANTINA"
DITOLAK = "DITOLAK"
MENUNGGU_PERSETUJUAN = "MENUNGGU_PERSETUJUAN"
GAGAL = "GAGAL"
"""The merge failed and was rolled back entirely; importing the same file again is safe."""

# Per-op outcomes (sync_op_terapan.hasil) and report counters.
DIBUAT, DIUBAH, DIGABUNG, SAMA, DIHAPUS, KONFLIK, DUPLIKAT_OP = (
    "dibuat", "diubah", "digabung", "sama", "dihapus", "konflik", "duplikat_op",
)  # fmt: skip

_QUARANTINE_CODES = {"UNKNOWN_KEY", "PENDING", "REVOKED", "KEY_SENDER_MISMATCH", "EQUIVOCATION",
                     "FUTURE_SCHEMA"}  # fmt: skip


@dataclass
class LaporanImpor:
    """The import report shown after every import and dry run, and stored with the package."""

    berkas: str
    file_sha256: str
    status: str
    pesan: str
    uji_coba: bool = False
    kode_alasan: str | None = None
    package_id: str | None = None
    kantor: str | None = None
    installation_id: str | None = None
    seq: int | None = None
    jenis: str | None = None
    dibuat_kantor: str | None = None  # the office clock's created_at: informative only
    jumlah: dict[str, int] = field(default_factory=dict)
    konflik: list[dict[str, Any]] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    lanjutan: list[dict[str, Any]] = field(default_factory=list)
    """Reports of held packages this import released (a split export's later parts)."""

    def as_json(self) -> dict[str, Any]:
        """The stored form (every field is already JSON-ready)."""
        return asdict(self)


@dataclass(frozen=True)
class InstalasiDTO:
    """An enrolled (or waiting) installation, as BKD sees it."""

    installation_id: str
    kode_kantor: str
    nama_kantor: str
    key_id: str
    sidik_jari: str
    status: str
    seq_terakhir: int


class _DryRun(Exception):  # noqa: N818 - control flow, never escapes this module
    """Raised at the end of a dry run to roll the transaction back."""


# ----------------------------------------------------------------------------- enrolment
def _instalasi_dto(row: InstalasiTerdaftar) -> InstalasiDTO:
    return InstalasiDTO(
        row.installation_id,
        row.kode_kantor,
        row.nama_kantor,
        row.key_id,
        fingerprint(public_key_from_b64(row.kunci_publik)),
        row.status,
        row.seq_terakhir_berurutan,
    )


def daftar_instalasi(ctx: ServiceContext) -> tuple[InstalasiDTO, ...]:
    """Every installation BKD knows, waiting ones first."""
    with ctx.read() as session:
        rows = session.scalars(select(InstalasiTerdaftar)).all()
        order = {"MENUNGGU": 0, "DISETUJUI": 1}
        return tuple(
            _instalasi_dto(r)
            for r in sorted(rows, key=lambda r: (order.get(r.status, 2), r.kode_kantor))
        )


def setujui_instalasi(
    ctx: ServiceContext, key: str, sidik_jari: str
) -> tuple[InstalasiDTO, list[LaporanImpor]]:
    """Approve a waiting installation after the fingerprint was read out by phone.

    The fingerprint typed by the BKD operator must match the key exactly (spaces and case do
    not matter). Quarantined packages of that installation are then imported at once.
    """
    izinkan(ctx, "instalasi.kelola")
    wanted = sidik_jari.replace(" ", "").lower()
    with ctx.write("setujui_instalasi") as session:
        _require_bkd(session)
        row = _find_installation(session, key)
        if row.key_id != wanted:
            raise ValidationError(
                _(
                    "Sidik jari tidak cocok dengan kunci yang diajukan {kantor}. Jangan setujui; "
                    "tanyakan ulang sidik jari kepada kantor."
                ).format(kantor=row.kode_kantor),
                field="sidik_jari",
            )
        row.status = "DISETUJUI"
        row.disetujui_pada = ctx.now()
        row.disetujui_oleh = ctx.actor
        dto = _instalasi_dto(row)
        waiting = [
            (p.nama_berkas, p.file_sha256)
            for p in session.scalars(
                select(PaketMasuk)
                .where(
                    PaketMasuk.status == DIKARANTINA,
                    PaketMasuk.kode_alasan.in_(("UNKNOWN_KEY", "PENDING")),
                )
                .order_by(PaketMasuk.seq)
            )
        ]
    reports = []
    for _name, sha in waiting:
        stored = ctx.inbox / f"{sha}.bkdsync"
        if stored.exists():
            reports.append(impor_paket(ctx, stored, _reprocess=True))
    return dto, reports


def _find_installation(session: Session, key: str) -> InstalasiTerdaftar:
    """An installation by key id (spaces and case ignored) or by installation id."""
    row = session.scalars(
        select(InstalasiTerdaftar).where(
            (InstalasiTerdaftar.key_id == key.replace(" ", "").lower())
            | (InstalasiTerdaftar.installation_id == key)
        )
    ).first()
    if row is None:
        raise NotFoundError(
            _("Instalasi atau kunci {key} belum pernah mengajukan pendaftaran.").format(key=key),
            field="kunci",
        )
    return row


def _require_bkd(session: Session) -> Instalasi:
    inst = installation(session)
    if inst.peran != "bkd":
        raise ValidationError(
            _(
                "Basis data ini milik kantor (dinas). Paket kantor diimpor di BKD; di kantor, "
                "terapkan paket balasan BKD dengan 'capaian apply-reply'."
            ),
            field="peran",
        )
    return inst


# ----------------------------------------------------------------------------- import
def impor_paket(  # noqa: PLR0911 - one return per verdict of sync.md §4.14
    ctx: ServiceContext, path: Path, *, dry_run: bool = False, _reprocess: bool = False
) -> LaporanImpor:
    """Import one package file at BKD and return its report (see the module docstring)."""
    izinkan(ctx, "paket.impor")
    try:
        sha = file_sha256(path)
    except OSError as exc:
        raise UserError(
            _("Berkas paket {path} tidak dapat dibaca: {err}").format(path=path, err=exc.strerror),
            field="berkas",
        ) from exc
    report = LaporanImpor(berkas=path.name, file_sha256=sha, status="", pesan="", uji_coba=dry_run)
    with ctx.read() as session:
        own = _require_bkd(session)
        earlier = session.scalars(select(PaketMasuk).where(PaketMasuk.file_sha256 == sha)).first()
        retry = earlier is not None and (
            earlier.status == GAGAL or (_reprocess and earlier.status == DIKARANTINA)
        )
        if earlier is not None and not retry:
            report.status = DUPLIKAT
            report.pesan = _("Berkas ini sudah diimpor pada {waktu} oleh {operator}.").format(
                waktu=earlier.diterima_pada.isoformat(sep=" "), operator=earlier.operator
            )
            return report
        own_code, own_env = own.kode_kantor, own.lingkungan
    if not dry_run and not _reprocess:
        _keep_in_inbox(ctx, path, sha)
    try:
        signer = peek_signer(path)
        manifest = manifest_of_unverified(path)
    except SyncError as exc:
        return _finish(ctx, report, DITOLAK, exc.code, exc.message, dry_run)
    report.kantor = str(manifest.get("sender", {}).get("dinas_code"))
    report.installation_id = str(manifest.get("sender", {}).get("installation_id"))
    report.seq = manifest.get("seq") if isinstance(manifest.get("seq"), int) else None
    report.jenis = str(manifest.get("kind"))
    report.dibuat_kantor = str(manifest.get("created_at"))
    with ctx.read() as session:
        registered = session.scalars(
            select(InstalasiTerdaftar).where(InstalasiTerdaftar.key_id == signer)
        ).first()
        key_b64 = registered.kunci_publik if registered else None
        status = registered.status if registered else None
        registered_id = registered.installation_id if registered else None
        cut = registered.dicabut_setelah_seq if registered else None
        contiguous = registered.seq_terakhir_berurutan if registered else 0
    if manifest.get("kind") == "enrolment_request":
        return _enrol(ctx, path, report, signer, manifest, dry_run)
    if key_b64 is None:
        return _finish(
            ctx,
            report,
            DIKARANTINA,
            "UNKNOWN_KEY",
            _(
                "Kunci pengirim belum terdaftar di BKD. Paket disimpan di karantina dan akan "
                "diimpor otomatis setelah pendaftaran instalasi disetujui."
            ),
            dry_run,
        )
    if status == "MENUNGGU":
        return _finish(
            ctx,
            report,
            DIKARANTINA,
            "PENDING",
            _(
                "Pendaftaran instalasi pengirim belum disetujui (sidik jari belum diperiksa). "
                "Paket menunggu di karantina."
            ),
            dry_run,
        )
    public = public_key_from_b64(key_b64)
    try:
        package = read_package(path, lambda kid: public if kid == key_id(public) else None)
    except SyncError as exc:
        verdict = DIKARANTINA if exc.code in _QUARANTINE_CODES else DITOLAK
        return _finish(ctx, report, verdict, exc.code, exc.message, dry_run)
    m = package.manifest
    report.package_id = m["package_id"]
    problem = _semantic_problem(m, registered_id, own_code, own_env, cut)
    if problem is not None:
        code, message = problem
        verdict = DIKARANTINA if code in _QUARANTINE_CODES else DITOLAK
        return _finish(ctx, report, verdict, code, message, dry_run)
    return _hold_or_merge(ctx, report, package, contiguous, registered_id, dry_run)


def _hold_or_merge(  # noqa: PLR0917 - private, one call site
    ctx: ServiceContext,
    report: LaporanImpor,
    package: Any,
    contiguous: int,
    registered_id: str | None,
    dry_run: bool,
) -> LaporanImpor:
    """Hold a later part of a split export until its gap closes; otherwise merge."""
    m = package.manifest
    if not (m.get("ops") or {}).get("cumulative_since_ack", True) and m["seq"] > contiguous + 1:
        # A later part of a split export: its ops build on the parts before it (sync.md §4.9
        # step 4, held ops). The whole package waits and is merged as soon as the gap closes.
        return _finish(
            ctx,
            report,
            DIKARANTINA,
            "GAP",
            _(
                "Paket ini lanjutan dari paket nomor {a} s/d {b} yang belum diterima dari "
                "instalasi ini; paket menunggu dan digabung otomatis setelah paket itu diimpor."
            ).format(a=contiguous + 1, b=m["seq"] - 1),
            dry_run,
        )
    _clock_warnings(ctx, report, m)
    merged = _merge_or_fail(ctx, report, package, dry_run)
    if not dry_run and merged.status in (BERHASIL, BERHASIL_DENGAN_KONFLIK, SUDAH_TERCAKUP):
        for released in _waiting_after(ctx, registered_id):
            later, released.lanjutan = released.lanjutan, []  # it released the rest itself
            merged.lanjutan += [released.as_json(), *later]
    return merged


def _waiting_after(ctx: ServiceContext, installation_id: str | None) -> list[LaporanImpor]:
    """Packages held for a gap that this import closed, merged now in sequence order."""
    reports: list[LaporanImpor] = []
    while True:
        with ctx.read() as session:
            registered = session.get(InstalasiTerdaftar, installation_id)
            if registered is None:
                return reports
            waiting = session.scalars(
                select(PaketMasuk).where(
                    PaketMasuk.installation_id == installation_id,
                    PaketMasuk.status == DIKARANTINA,
                    PaketMasuk.kode_alasan == "GAP",
                    PaketMasuk.seq == registered.seq_terakhir_berurutan + 1,
                )
            ).first()
            sha = waiting.file_sha256 if waiting is not None else None
        stored = ctx.inbox / f"{sha}.bkdsync"
        if sha is None or not stored.exists():
            return reports
        report = impor_paket(ctx, stored, _reprocess=True)
        reports.append(report)
        if report.status not in (BERHASIL, BERHASIL_DENGAN_KONFLIK, SUDAH_TERCAKUP):
            return reports


def _merge_or_fail(
    ctx: ServiceContext, report: LaporanImpor, package: Any, dry_run: bool
) -> LaporanImpor:
    """Merge; a failure the user can act on (disk full, locked file) becomes ``GAGAL``."""
    try:
        return _merge(
            ctx,
            report,
            package.manifest,
            package.manifest_sha256,
            package.datasets.get("ops", ()),
            dry_run,
        )
    except UserError as exc:  # the transaction rolled back: nothing was written
        report.jumlah, report.konflik = {}, []
        message = _(
            "Penggabungan dibatalkan seluruhnya; tidak ada data yang berubah. Impor ulang berkas "
            "yang sama setelah masalahnya diatasi. Sebab: {err}"
        ).format(err=exc.message)
        try:
            return _finish(ctx, report, GAGAL, "MERGE_FAILED", message, dry_run)
        except UserError:
            report.status, report.kode_alasan, report.pesan = GAGAL, "MERGE_FAILED", message
            return report  # could not even record the failure (the disk is full)


_CLOCK_TOLERANCE = timedelta(days=1)


def _clock_warnings(ctx: ServiceContext, report: LaporanImpor, m: dict[str, Any]) -> None:
    """Warn about an office clock that is off (sync.md §4.14); decisions never use it."""
    try:
        created = datetime.fromisoformat(str(m["created_at"]).replace("Z", "+00:00"))
    except ValueError:
        return
    now = ctx.clock().astimezone(UTC)
    if created > now + _CLOCK_TOLERANCE:
        report.peringatan.append(
            _(
                "Jam komputer kantor tampaknya maju: paket bertanggal {dibuat}, sedangkan di BKD "
                "sekarang {sekarang}. Urutan perubahan tidak bergantung pada jam, tetapi "
                "betulkan jam komputer kantor agar tanggal di dokumen benar."
            ).format(dibuat=created.isoformat(), sekarang=now.replace(microsecond=0).isoformat())
        )
    with ctx.read() as session:
        earlier = session.scalars(
            select(PaketMasuk)
            .where(
                PaketMasuk.installation_id == report.installation_id,
                PaketMasuk.seq < m["seq"],
                PaketMasuk.status.in_((BERHASIL, BERHASIL_DENGAN_KONFLIK, SUDAH_TERCAKUP)),
            )
            .order_by(PaketMasuk.seq.desc())
        ).first()
        previous = (earlier.laporan or {}).get("dibuat_kantor") if earlier else None
    if isinstance(previous, str) and previous > str(m["created_at"]):
        report.peringatan.append(
            _(
                "Paket nomor {seq} bertanggal lebih awal ({dibuat}) daripada paket sebelumnya "
                "({lalu}): jam komputer kantor mundur. Data tetap digabung menurut nomor urut."
            ).format(seq=m["seq"], dibuat=m["created_at"], lalu=previous)
        )


def urutan_impor(paths: list[Path]) -> list[Path]:
    """The files in the order to import them: each installation's packages by sequence number.

    A split export (seq 7, 8, 9) must be merged in order, whatever order the operator picked
    the files in. Files keep their slots, so different offices stay where the operator put
    them; unreadable files keep theirs too (the import then reports why).
    """
    groups: dict[str, list[int]] = {}
    seqs: dict[int, int] = {}
    for index, path in enumerate(paths):
        try:
            manifest = manifest_of_unverified(path)
        except SyncError:
            continue
        seq = manifest.get("seq")
        if isinstance(seq, int):
            sender = str(manifest.get("sender", {}).get("installation_id"))
            groups.setdefault(sender, []).append(index)
            seqs[index] = seq
    ordered = list(paths)
    for slots in groups.values():
        for slot, source in zip(slots, sorted(slots, key=seqs.__getitem__), strict=True):
            ordered[slot] = paths[source]
    return ordered


def _semantic_problem(  # noqa: PLR0911 - one return per check of sync.md §4.7 step 7
    m: dict[str, Any], registered_id: str | None, own_code: str, own_env: str, cut: int | None
) -> tuple[str, str] | None:
    sender, recipient = m["sender"], m["recipient"]
    if sender.get("installation_id") != registered_id:
        return "KEY_SENDER_MISMATCH", _(
            "Paket ditandatangani kunci instalasi lain daripada yang disebut sebagai pengirim."
        )
    if m["environment"] != own_env:
        return "WRONG_RECIPIENT", _(
            "Paket dari lingkungan {env} tidak boleh diimpor ke basis data {own} (mis. paket "
            "Mode Latihan ke data sebenarnya)."
        ).format(env=m["environment"], own=own_env)
    if recipient.get("type") != "bkd" or recipient.get("bkd_instance_id") != own_code:
        return "WRONG_RECIPIENT", _("Paket ini ditujukan ke {tujuan}, bukan ke {own}.").format(
            tujuan=recipient.get("bkd_instance_id"), own=own_code
        )
    if m["kind"] != "changes":
        return "UNEXPECTED_KIND", _("Jenis paket {kind} tidak dapat diimpor di BKD.").format(
            kind=m["kind"]
        )
    if m["schema_version"] > SCHEMA_VERSION:
        return "FUTURE_SCHEMA", _(
            "Paket dibuat oleh versi Capaian yang lebih baru. Perbarui aplikasi BKD; paket "
            "disimpan di karantina."
        )
    if cut is not None and m["seq"] > cut:
        return "REVOKED", _("Kunci pengirim telah dicabut; paket ini dibuat setelah pencabutan.")
    return None


def _keep_in_inbox(ctx: ServiceContext, path: Path, sha: str) -> None:
    target = ctx.inbox / f"{sha}.bkdsync"
    if target.exists():
        return
    try:
        ctx.inbox.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        shutil.copyfile(path, temporary)
        temporary.replace(target)
    except OSError as exc:
        raise UserError(
            _("Paket tidak dapat disimpan ke folder {dir}: {err}").format(
                dir=ctx.inbox, err=exc.strerror
            ),
            field="berkas",
        ) from exc


def _finish(  # noqa: PLR0917 - (ctx, report, verdict, code, message, dry_run) read as a sentence
    ctx: ServiceContext,
    report: LaporanImpor,
    status: str,
    code: str | None,
    message: str,
    dry_run: bool,
    *,
    manifest_sha256: str | None = None,
) -> LaporanImpor:
    """Record a package that was not merged (rejected, quarantined, waiting)."""
    report.status, report.kode_alasan, report.pesan = status, code, message
    if dry_run:
        return report
    with ctx.write("impor_paket") as session:
        _store(session, ctx, report, manifest_sha256)
    return report


def _store(
    session: Session, ctx: ServiceContext, report: LaporanImpor, manifest_sha256: str | None
) -> None:
    row = session.scalars(
        select(PaketMasuk).where(PaketMasuk.file_sha256 == report.file_sha256)
    ).first()
    if row is None:
        row = PaketMasuk(id=str(uuid.uuid4()), file_sha256=report.file_sha256)
        session.add(row)
    row.package_id = report.package_id
    row.installation_id = report.installation_id
    row.seq = report.seq
    row.manifest_sha256 = manifest_sha256
    row.jenis = report.jenis
    row.status = report.status
    row.kode_alasan = report.kode_alasan
    row.laporan = report.as_json()
    row.nama_berkas = report.berkas
    row.diterima_pada = ctx.now()
    row.operator = ctx.actor


def _enrol(  # noqa: PLR0917 - one call site, arguments in the order they were computed
    ctx: ServiceContext,
    path: Path,
    report: LaporanImpor,
    signer: str,
    manifest: dict[str, Any],
    dry_run: bool,
) -> LaporanImpor:
    """Register a self-signed enrolment request as waiting for the fingerprint check."""
    claimed = manifest.get("sender", {}).get("public_key")
    try:
        public = public_key_from_b64(str(claimed))
    except SyncError as exc:
        return _finish(ctx, report, DITOLAK, exc.code, exc.message, dry_run)
    try:
        package = read_package(path, lambda kid: public if kid == key_id(public) else None)
    except SyncError as exc:
        return _finish(ctx, report, DITOLAK, exc.code, exc.message, dry_run)
    (record,) = package.datasets.get("pendaftaran", ({},))[:1] or ({},)
    report.package_id = package.manifest["package_id"]
    if record.get("key_id") != signer or record.get("public_key") != claimed:
        return _finish(
            ctx,
            report,
            DITOLAK,
            "BAD_ENROLMENT",
            _("Isi permintaan pendaftaran tidak konsisten."),
            dry_run,
        )
    report.status = MENUNGGU_PERSETUJUAN
    report.pesan = _(
        "Permintaan pendaftaran {kantor} diterima. Cocokkan sidik jari {fp} dengan kantor "
        "melalui telepon, lalu setujui."
    ).format(kantor=record.get("dinas_code"), fp=fingerprint(public))
    if dry_run:
        return report
    with ctx.write("daftar_instalasi") as session:
        existing = session.get(InstalasiTerdaftar, str(record.get("installation_id")))
        if existing is None:
            session.add(
                InstalasiTerdaftar(
                    installation_id=str(record.get("installation_id")),
                    kode_kantor=str(record.get("dinas_code")),
                    nama_kantor=str(record.get("nama_kantor")),
                    key_id=signer,
                    kunci_publik=str(claimed),
                    label_mesin=str(record.get("machine_label") or ""),
                    status="MENUNGGU",
                    seq_terakhir_berurutan=0,
                    diminta_pada=ctx.now(),
                )
            )
        _store(session, ctx, report, package.manifest_sha256)
    return report


# ----------------------------------------------------------------------------- merge
def _merge(  # noqa: PLR0917 - one call site
    ctx: ServiceContext,
    report: LaporanImpor,
    manifest: dict[str, Any],
    manifest_sha256: str,
    ops: tuple[dict[str, Any], ...],
    dry_run: bool,
) -> LaporanImpor:
    counts: Counter[str] = Counter()
    try:
        with ctx.write("impor_paket") as session:
            registered = session.get(InstalasiTerdaftar, report.installation_id)
            assert registered is not None
            same_seq = session.scalars(
                select(PaketMasuk).where(
                    PaketMasuk.installation_id == registered.installation_id,
                    PaketMasuk.seq == manifest["seq"],
                    PaketMasuk.status.in_((BERHASIL, BERHASIL_DENGAN_KONFLIK, SUDAH_TERCAKUP)),
                )
            ).first()
            if same_seq is not None and same_seq.manifest_sha256 != manifest_sha256:
                report.status, report.kode_alasan = DIKARANTINA, "EQUIVOCATION"
                report.pesan = _(
                    "Nomor paket {seq} dari instalasi ini sudah diterima dengan isi berbeda. "
                    "Kemungkinan basis data dipulihkan dari cadangan atau disalin ke PC lain; "
                    "hubungi kantor sebelum melanjutkan."
                ).format(seq=manifest["seq"])
                _store(session, ctx, report, manifest_sha256)
                if dry_run:
                    raise _DryRun
                return report
            recorder = Recorder(session, ChangeContext(ctx.actor, ctx.now(), "impor_paket"))
            merger = _Merger(session, recorder, report, registered, ctx)
            ops = merger.with_aliases(ops)
            merger.prepare(ops)
            for op in ops:
                counts[merger.apply(op)] += 1
            merger.finish()
            report.jumlah = {
                k: counts.get(k, 0)
                for k in (DIBUAT, DIUBAH, DIGABUNG, SAMA, DIHAPUS, KONFLIK, DUPLIKAT_OP)
            }
            if sum(report.jumlah.values()) != len(ops):
                raise AssertionError("report totals must equal the manifest's op count")
            new_work = len(ops) - counts[DUPLIKAT_OP]
            if counts[KONFLIK]:
                report.status = BERHASIL_DENGAN_KONFLIK
            elif new_work == 0:
                report.status = SUDAH_TERCAKUP
            else:
                report.status = BERHASIL
            report.pesan = _(
                "{n} perubahan diproses: {dibuat} dibuat, {diubah} diubah, {digabung} digabung, "
                "{sama} sudah sama, {dihapus} dihapus, {konflik} konflik, {duplikat} sudah pernah "
                "diterapkan."
            ).format(
                n=len(ops),
                dibuat=counts[DIBUAT],
                diubah=counts[DIUBAH],
                digabung=counts[DIGABUNG],
                sama=counts[SAMA],
                dihapus=counts[DIHAPUS],
                konflik=counts[KONFLIK],
                duplikat=counts[DUPLIKAT_OP],
            )
            if manifest["seq"] == registered.seq_terakhir_berurutan + 1:
                registered.seq_terakhir_berurutan = manifest["seq"]
                registered.manifest_terakhir_sha256 = manifest_sha256
                _advance_over_later_arrivals(session, registered)
            elif manifest["seq"] > registered.seq_terakhir_berurutan + 1:
                report.peringatan.append(
                    _("Paket nomor {a} s/d {b} belum diterima dari instalasi ini.").format(
                        a=registered.seq_terakhir_berurutan + 1, b=manifest["seq"] - 1
                    )
                )
            recorder.write()
            _store(session, ctx, report, manifest_sha256)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


_PAYLOAD_FIELDS = ("op_id", "type", "entity", "id", "base", "before", "after")


def _payload_hash(op: dict[str, Any]) -> str:
    """What makes two ops with one id the same op (the idempotency guard's hash)."""
    return hashlib.sha256(
        canonical_json({k: op.get(k) for k in _PAYLOAD_FIELDS}).encode()
    ).hexdigest()


class _Merger:
    """Applies ops one by one (sync.md §4.9 Phase D) inside the import transaction."""

    def __init__(
        self,
        session: Session,
        recorder: Recorder,
        report: LaporanImpor,
        registered: InstalasiTerdaftar,
        ctx: ServiceContext,
    ) -> None:
        self.session = session
        self.recorder = recorder
        self.report = report
        self.registered = registered
        self.ctx = ctx
        self.models = synced_models()
        self.locked = {
            p.id for p in session.scalars(select(Periode).where(Periode.terkunci.is_(True)))
        }
        self.now = ctx.now()
        self.applied: dict[str, str] = {}  # op id -> payload hash, already applied before
        self.rows: dict[tuple[str, str], dict[str, Any] | None] = {}  # current rows, JSON values
        self.outcomes: list[dict[str, Any]] = []
        self.pending: list[tuple[Table, dict[str, Any]]] = []  # plain updates not yet sent
        self.immediate = False  # True while an op runs inside its own savepoint
        offices = set(session.scalars(select(InstalasiTerdaftar.kode_kantor)))
        self.ownership = Ownership.load(session, offices)
        self.aliases: dict[str, str] = {
            old: new for old, new in session.execute(select(AliasId.id_lama, AliasId.id_kanonik))
        }
        self.parents: dict[tuple[str, str], dict[str, Any]] = {}  # rows above touched rows

    def prepare(self, ops: tuple[dict[str, Any], ...]) -> None:
        """Load, in a few set-based queries, what the per-op loop would otherwise query per op.

        The per-op decisions stay exactly those of sync.md §4.9; only the reads are batched
        (op ids seen before, and the current state of every row the package touches).
        """
        op_ids = [str(op.get("op_id")) for op in ops]
        for chunk in chunked(op_ids):
            for op_id, payload in self.session.execute(
                select(OpTerapan.op_id, OpTerapan.payload_sha256).where(OpTerapan.op_id.in_(chunk))
            ):
                self.applied[op_id] = payload
        wanted: dict[str, set[str]] = {}
        for op in ops:
            if op.get("entity") in self.models:
                wanted.setdefault(op["entity"], set()).add(str(op.get("id")))
        for entity, ids in wanted.items():
            table: Table = self.models[entity].__table__  # type: ignore[attr-defined]
            for row_id in ids:
                self.rows[(entity, row_id)] = None
            for chunk in chunked(sorted(ids)):
                for row in self.session.execute(
                    select(table).where(table.c.id.in_(chunk))
                ).mappings():
                    self.rows[(entity, row["id"])] = {k: json_value(v) for k, v in row.items()}
        self._load_parents(ops)

    def _load_parents(self, ops: tuple[dict[str, Any], ...]) -> None:
        """Rows above the touched ones (indikator, rhk, skp, pegawai), level by level.

        Ownership is decided by the employee a row belongs to (sync.md §4.11); one query per
        level and chunk keeps that to a handful of queries however large the package.
        """
        ahead = {
            (str(op.get("entity")), str(op.get("id"))): {
                **(self.rows.get((str(op.get("entity")), str(op.get("id")))) or {}),
                **(op.get("after") or {}),
            }
            for op in ops
        }
        frontier = list(ahead.items())
        seen: set[tuple[str, str]] = set()
        while frontier:
            missing: dict[str, set[str]] = {}
            following: list[tuple[tuple[str, str], dict[str, Any]]] = []
            for (entity, _row_id), row in frontier:
                link = PARENT.get(entity)
                parent_id = row.get(link[0]) if link is not None else None
                if link is None or parent_id is None or (link[1], str(parent_id)) in seen:
                    continue
                key = (link[1], str(parent_id))
                seen.add(key)
                known = self.rows.get(key) or ahead.get(key)
                if known is not None:
                    following.append((key, known))
                else:
                    missing.setdefault(key[0], set()).add(key[1])
            for entity, ids in missing.items():
                table: Table = self.models[entity].__table__  # type: ignore[attr-defined]
                for chunk in chunked(sorted(ids)):
                    for found in self.session.execute(
                        select(table).where(table.c.id.in_(chunk))
                    ).mappings():
                        row = {k: json_value(v) for k, v in found.items()}
                        self.parents[(entity, row["id"])] = row
                        following.append(((entity, row["id"]), row))
            frontier = following

    def _lookup(self, entity: str, row_id: str) -> dict[str, Any] | None:
        return self.rows.get((entity, row_id)) or self.parents.get((entity, row_id))

    def _refusal(
        self, op: dict[str, Any], row: dict[str, Any] | None, after: dict[str, Any]
    ) -> tuple[str, str] | None:
        """Ownership first, then locks (sync.md §4.9 steps 2 and 3)."""
        refused = self._out_of_scope(op, row, after)
        if refused is not None:
            return "OUT_OF_SCOPE", refused
        periods = {after.get("periode_id"), row.get("periode_id") if row else None}
        if periods & self.locked:  # moving a row out of a locked period is a change to it too
            return "LOCKED", _("Periode data ini sudah dikunci di BKD.")
        return None

    def _out_of_scope(
        self, op: dict[str, Any], row: dict[str, Any] | None, after: dict[str, Any]
    ) -> str | None:
        """Why the sender may not write this row (sync.md §4.2, §4.11), or None."""
        entity = str(op.get("entity"))
        if entity in BKD_ONLY:
            return _("Data {entitas} hanya dicatat oleh BKD.").format(entitas=entity)
        states = [s for s in (row, {**(row or {}), **after} if after else None) if s is not None]
        for state in states:
            owner, on = self.ownership.owner(entity, state, self._lookup)
            if owner is not None and owner != self.registered.kode_kantor:
                if on is None:
                    return _(
                        "Data ini milik kantor {pemilik}, bukan {pengirim}; hanya kantor "
                        "pemilik (atau BKD) yang boleh mengubahnya."
                    ).format(pemilik=owner, pengirim=self.registered.kode_kantor)
                return _(
                    "Pada {tanggal} pegawai ini berada di kantor {pemilik} (mutasi dicatat BKD), "
                    "sehingga data periode itu milik {pemilik}, bukan {pengirim}."
                ).format(
                    tanggal=on.isoformat(), pemilik=owner, pengirim=self.registered.kode_kantor
                )
        return None

    def with_aliases(self, ops: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
        """Ops with ids BKD merged into others replaced by the surviving ids (§4.11).

        The payload hash is taken first, from the op as the office sent it, so a re-sent op is
        still recognised as the same op.
        """
        if not self.aliases:
            return ops
        return tuple(self._alias(op) for op in ops)

    def _alias(self, op: dict[str, Any]) -> dict[str, Any]:
        def swap(values: dict[str, Any] | None) -> dict[str, Any] | None:
            if not values:
                return values
            return {
                k: self.aliases.get(v, v) if k.endswith("_id") and isinstance(v, str) else v
                for k, v in values.items()
            }

        result = {**op, "_payload": _payload_hash(op)}
        result["id"] = self.aliases.get(str(op.get("id")), op.get("id"))
        result["after"], result["before"] = swap(op.get("after")), swap(op.get("before"))
        return result

    def apply(self, op: dict[str, Any]) -> str:
        payload = op.get("_payload") or _payload_hash(op)
        op_id = str(op.get("op_id"))
        if op_id in self.applied:
            if self.applied[op_id] != payload:
                return self._conflict(
                    op, "EQUIVOCATION", {}, _("Op yang sama dikirim dengan isi berbeda.")
                )
            return DUPLIKAT_OP
        if not op_id.startswith(f"{self.registered.installation_id}:"):
            # Not recorded as applied: the op id belongs to another installation, whose own
            # copy of it must still be applied when it arrives.
            return self._conflict(op, "OUT_OF_SCOPE", {}, _("Op bukan milik instalasi pengirim."))
        # A savepoint only where the database itself may refuse the write (new rows:
        # foreign and unique keys); plain updates are fully checked before they are sent.
        risky = op.get("type") == "create" or _touches_keys(op)
        if risky:
            self._flush()  # the savepoint and any probe must see every earlier write
        savepoint = self.session.begin_nested() if risky else None
        self.immediate = risky
        key = (str(op.get("entity")), str(op.get("id")))
        before_op = self.rows.get(key)
        cached = dict(before_op) if before_op is not None else None
        try:
            outcome = self._apply(op)
            if savepoint is not None:
                savepoint.commit()
        except (IntegrityError, DataError, ValueError, KeyError, TypeError) as exc:
            # Without a savepoint nothing was sent yet: values are decoded and checked
            # before a plain update is queued, so only the cached row needs restoring.
            if savepoint is not None:
                savepoint.rollback()
            self.rows[key] = cached
            outcome = self._conflict(
                op,
                "VALIDATION_FAILED",
                {},
                _("Perubahan tidak dapat diterapkan: {err}").format(err=str(exc)[:300]),
            )
        if outcome in (DIBUAT, DIUBAH, DIGABUNG):
            self._note(key)
        self.applied[op_id] = payload
        self.outcomes.append(
            {
                "op_id": op_id,
                "package_id": self.report.package_id or "",
                "payload_sha256": payload,
                "hasil": outcome,
                "diterapkan_pada": self.now,
            }
        )
        return outcome

    def _note(self, key: tuple[str, str]) -> None:
        """Units and periods written by this package count for the ops after it."""
        entity, row_id = key
        row = self.rows.get(key)
        if row is None:
            return
        if entity == "organisasi":
            self.ownership.note_org(row_id, str(row.get("kode")), row.get("induk_id"))
        elif entity == "periode" and row.get("tanggal_mulai"):
            self.ownership.note_period(row_id, date.fromisoformat(str(row["tanggal_mulai"])))

    def _flush(self) -> None:
        """Send the queued plain updates, consecutive ones of the same shape as one executemany.

        Decisions never wait for the database (they work on the preloaded rows), so plain field
        updates can be queued; order is kept because a run is sent whole before the next one.
        """
        run: list[dict[str, Any]] = []
        shape: tuple[str, tuple[str, ...]] | None = None
        for table, params in self.pending:
            this = (table.name, tuple(sorted(params)))
            if this != shape and run:
                self._send(run)
                run = []
            shape = this
            run.append({"_table": table, **params})
        if run:
            self._send(run)
        self.pending = []

    def _send(self, run: list[dict[str, Any]]) -> None:
        table: Table = run[0]["_table"]
        columns = [k for k in run[0] if k not in ("_table", "_id")]
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({c: bindparam(c) for c in columns})
        )
        self.session.execute(
            statement, [{k: v for k, v in p.items() if k != "_table"} for p in run]
        )

    def finish(self) -> None:
        """Send queued writes, then the per-op outcomes (the idempotency guard)."""
        self._flush()
        if self.outcomes:
            self.session.execute(insert(OpTerapan), self.outcomes)

    # -- one op
    def _apply(self, op: dict[str, Any]) -> str:
        model = self.models.get(op.get("entity", ""))
        if model is None:
            raise ValueError(f"entitas tidak dikenal: {op.get('entity')!r}")
        table: Table = model.__table__  # type: ignore[attr-defined]
        after: dict[str, Any] = op.get("after") or {}
        before: dict[str, Any] = op.get("before") or {}
        row = self.rows.get((str(op.get("entity")), str(op["id"])))
        refused = self._refusal(op, row, after)
        if refused is not None:
            # The office's values are kept with the conflict, so BKD can still apply them (an
            # exception for a locked period, or reassigning a late edit to the new owner).
            sides = {
                k: {"base": before.get(k), "masuk": v, "sekarang": (row or {}).get(k)}
                for k, v in after.items()
            }
            return self._conflict(op, refused[0], sides, refused[1])
        kind = op.get("type")
        if kind == "create":
            return self._create(op, model, table, row, after)
        if row is None:
            return self._conflict(
                op, "UNKNOWN_REFERENCE", {}, _("Baris yang diubah belum ada di BKD.")
            )
        current = row
        if current.get("deleted") and kind == "update":
            return self._conflict(op, "UPDATE_DELETED", {}, _("Baris ini sudah dihapus di BKD."))
        if kind == "delete":
            return self._delete(op, model, table, current)
        if kind != "update":
            raise ValueError(f"jenis op tidak dikenal: {kind!r}")
        return self._update(op, model, table, current, after=after, before=before)

    def _update(
        self,
        op: dict[str, Any],
        model: type[Synced],
        table: Table,
        current: dict[str, Any],
        *,
        after: dict[str, Any],
        before: dict[str, Any],
    ) -> str:
        """Fast-forward, or field-wise compare-and-set against what the office saw."""
        if current.get("version") == op.get("base"):
            self._write(op, model, table, after)
            return DIUBAH
        apply: dict[str, Any] = {}
        clashes: dict[str, Any] = {}
        for key, value in after.items():
            if current.get(key) == value:
                continue  # converged
            if current.get(key) == before.get(key):
                apply[key] = value
            else:
                clashes[key] = {
                    "base": before.get(key),
                    "masuk": value,
                    "sekarang": current.get(key),
                }
        if clashes:
            if apply:
                # The fields nobody else touched still count (sync.md §4.9 step 5); the version
                # stays BKD's, so the office's next edit of a clashing field meets the check again.
                self._write(op, model, table, apply, bump_version=False)
            return self._conflict(
                op,
                "FIELD_CONFLICT",
                clashes,
                _("Kolom {cols} diubah berbeda di kantor dan di BKD.").format(
                    cols=", ".join(sorted(clashes))
                ),
            )
        if not apply:
            return SAMA
        self._write(op, model, table, apply)
        return DIGABUNG

    def _delete(
        self, op: dict[str, Any], model: type[Synced], table: Table, current: dict[str, Any]
    ) -> str:
        if current.get("deleted"):
            return SAMA
        if current.get("version") != op.get("base"):
            return self._conflict(
                op, "DELETE_UPDATE", {}, _("Baris ini diubah di BKD sejak kantor menghapusnya.")
            )
        self._write(op, model, table, {"deleted": True})
        return DIHAPUS

    def _create(
        self,
        op: dict[str, Any],
        model: type[Synced],
        table: Table,
        row: Any,
        after: dict[str, Any],
    ) -> str:
        if row is not None:
            current = row
            differing = {
                k: {"base": None, "masuk": v, "sekarang": current.get(k)}
                for k, v in after.items()
                if current.get(k) != v
            }
            if not differing:
                return SAMA  # e.g. a period both sides created from the same kode
            return self._conflict(
                op,
                "DUPLICATE_NATURAL_KEY",
                differing,
                _("Baris dengan identitas yang sama sudah ada di BKD dengan isi berbeda."),
            )
        values = {k: decode_value(model, k, v) for k, v in after.items()}
        for constraint in _unique_keys(table):
            probe = select(table.c.id).where(*(table.c[c] == values.get(c) for c in constraint))
            if "deleted" in table.c:
                probe = probe.where(table.c.deleted.is_(False))
            if all(values.get(c) is not None for c in constraint) and self.session.scalar(probe):
                return self._conflict(
                    op,
                    "DUPLICATE_NATURAL_KEY",
                    {
                        c: {"base": None, "masuk": after.get(c), "sekarang": after.get(c)}
                        for c in constraint
                    },
                    _("Data {entitas} dengan {kunci} yang sama sudah ada di BKD.").format(
                        entitas=op.get("entity"), kunci=", ".join(constraint)
                    ),
                )
        self.session.execute(insert(table).values(id=op["id"], version=op["op_id"], **values))
        self.rows[(str(op.get("entity")), str(op["id"]))] = {
            **after,
            "id": op["id"],
            "version": op["op_id"],
        }
        self._audit(op, "create", None, after)
        return DIBUAT

    def _write(
        self,
        op: dict[str, Any],
        model: type[Synced],
        table: Table,
        fields: dict[str, Any],
        *,
        bump_version: bool = True,
    ) -> None:
        values = {k: decode_value(model, k, v) for k, v in fields.items()}
        for name, value in values.items():
            if value is None and not table.c[name].nullable:
                raise ValueError(f"{name}: wajib diisi")
        cached = self.rows.get((str(op.get("entity")), str(op["id"])))
        if cached is not None:
            cached.update(fields)
            if bump_version:
                cached["version"] = op["op_id"]
        params = {"_id": op["id"], **values}
        if bump_version:
            params["version"] = op["op_id"]
        if self.immediate:  # inside this op's savepoint: the database must judge it now
            self._send([{"_table": table, **params}])
        else:
            self.pending.append((table, params))
        self._audit(op, op.get("type", "update"), op.get("before"), fields)

    def _audit(self, op: dict[str, Any], kind: str, before: Any, after: Any) -> None:
        self.recorder.audit(
            kind,
            str(op.get("entity")),
            str(op.get("id")),
            before=before,
            after=after,
            op_id=str(op.get("op_id")),
        )

    def _conflict(self, op: dict[str, Any], kind: str, fields: dict[str, Any], message: str) -> str:
        self.session.add(
            Konflik(
                id=str(uuid.uuid4()),
                dibuat_pada=self.ctx.now(),
                package_id=self.report.package_id or "",
                op_id=str(op.get("op_id")),
                installation_id=self.registered.installation_id,
                kode_kantor=self.registered.kode_kantor,
                jenis=kind,
                entitas=str(op.get("entity")),
                entitas_id=str(op.get("id")),
                kunci_alami=op.get("natural_key"),
                medan=fields,
                pesan=message,
                status="TERBUKA",
            )
        )
        self.report.konflik.append(
            {"jenis": kind, "entitas": op.get("entity"), "op_id": op.get("op_id"), "pesan": message}
        )
        return KONFLIK


_KEY_FIELDS = frozenset({"nip", "kode"})


def _advance_over_later_arrivals(session: Session, registered: InstalasiTerdaftar) -> None:
    """Packages that arrived early (seq 3 before 2) close the gap once the missing one lands."""
    accepted = {
        seq: manifest
        for seq, manifest in session.execute(
            select(PaketMasuk.seq, PaketMasuk.manifest_sha256).where(
                PaketMasuk.installation_id == registered.installation_id,
                PaketMasuk.status.in_((BERHASIL, BERHASIL_DENGAN_KONFLIK, SUDAH_TERCAKUP)),
            )
        )
        if seq is not None
    }
    while registered.seq_terakhir_berurutan + 1 in accepted:
        registered.seq_terakhir_berurutan += 1
        registered.manifest_terakhir_sha256 = accepted[registered.seq_terakhir_berurutan]


def _touches_keys(op: dict[str, Any]) -> bool:
    """Whether an update changes a foreign key or a natural key (the database may refuse it)."""
    return any(k.endswith("_id") or k in _KEY_FIELDS for k in (op.get("after") or {}))


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    """Column tuples that must be unique among live rows (natural keys of sync.md §4.11)."""
    keys: list[tuple[str, ...]] = [(c.name,) for c in table.columns if c.unique and c.name != "id"]
    for constraint in table.constraints:
        columns = tuple(c.name for c in getattr(constraint, "columns", ()))
        if type(constraint).__name__ == "UniqueConstraint" and columns:
            keys.append(columns)
    return keys


@dataclass(frozen=True)
class KonflikDTO:
    """An open conflict, with base / incoming / current per field."""

    id: str
    jenis: str
    kode_kantor: str
    entitas: str
    entitas_id: str
    kunci_alami: dict[str, Any] | None
    medan: dict[str, Any]
    pesan: str
    op_id: str
    status: str


def daftar_konflik(ctx: ServiceContext, *, status: str = "TERBUKA") -> tuple[KonflikDTO, ...]:
    """Conflicts waiting for a person, grouped by type, office and entity."""
    with ctx.read() as session:
        _require_bkd(session)
        rows = session.scalars(
            select(Konflik)
            .where(Konflik.status == status)
            .order_by(Konflik.jenis, Konflik.kode_kantor, Konflik.entitas, Konflik.dibuat_pada)
        ).all()
        return tuple(_konflik_dto(r) for r in rows)


TETAP_SEKARANG = "TETAP_SEKARANG"
AMBIL_MASUK = "AMBIL_MASUK"
GABUNG = "DIGABUNG"
"""A duplicate natural key resolved as "the same record": the office's id becomes an alias."""
DITERAPKAN_ULANG = "DITERAPKAN_ULANG"
"""A refused op applied after all, once the cause (an id merged into another) was resolved."""
_ALIASABLE = frozenset({"pegawai"})  # natural keys that may be nulled on the office's old row


def _check_choice(pilihan: str, catatan: str) -> None:
    if pilihan not in (TETAP_SEKARANG, AMBIL_MASUK, GABUNG):
        raise ValidationError(
            _(
                "Pilihan harus 'current' (tetap), 'incoming' (ambil dari kantor) atau 'merge' "
                "(gabungkan ke data yang sudah ada)."
            ),
            field="pilihan",
        )
    if not catatan or not catatan.strip():
        raise ValidationError(_("Catatan penyelesaian konflik wajib diisi."), field="catatan")


def _konflik_dto(row: Konflik) -> KonflikDTO:
    return KonflikDTO(
        row.id,
        row.jenis,
        row.kode_kantor,
        row.entitas,
        row.entitas_id,
        row.kunci_alami,
        row.medan,
        row.pesan,
        row.op_id,
        row.status,
    )


def _resolve(
    session: Session, ctx: ServiceContext, row: Konflik, pilihan: str, catatan: str
) -> None:
    if pilihan == AMBIL_MASUK:
        _take_incoming(session, row)
    if pilihan == GABUNG:
        _merge_into_existing(session, row, ctx)
    row.status = pilihan
    row.catatan = catatan.strip()
    row.diselesaikan_oleh = ctx.actor
    row.diselesaikan_pada = ctx.now()


def selesaikan_konflik(
    ctx: ServiceContext, konflik_id: str, *, pilihan: str, catatan: str
) -> KonflikDTO:
    """Resolve one conflict: keep BKD's current value or take the office's incoming one.

    The note is mandatory (the person answers for the decision). Taking the incoming value is
    a normal BKD write, so it is audited and becomes a BKD op that later travels back to the
    office. Only field conflicts and deletes of changed rows can take the incoming side; for
    the other kinds the incoming change is set aside with the note.
    """
    izinkan(ctx, "konflik.selesaikan")
    _check_choice(pilihan, catatan)
    with ctx.write("selesaikan_konflik") as session:
        _require_bkd(session)
        rows = session.scalars(select(Konflik).where(Konflik.id.startswith(konflik_id))).all()
        if len(rows) != 1:
            raise NotFoundError(
                _("Konflik {id} tidak ditemukan (atau awalan ID tidak unik).").format(
                    id=konflik_id
                ),
                field="konflik",
            )
        row = rows[0]
        if row.status != "TERBUKA":
            raise ValidationError(
                _("Konflik ini sudah diselesaikan ({status}).").format(status=row.status),
                field="konflik",
            )
        _resolve(session, ctx, row, pilihan, catatan)
        return _konflik_dto(row)


@dataclass(frozen=True)
class KelompokKonflikDTO:
    """Open conflicts of one kind, from one office, on one entity (sync.md §4.10 grouping)."""

    jenis: str
    kode_kantor: str
    entitas: str
    jumlah: int
    tertua: datetime

    @property
    def kunci(self) -> str:
        """``JENIS:KANTOR:ENTITAS``, as the command line names a group."""
        return f"{self.jenis}:{self.kode_kantor}:{self.entitas}"


def kelompok_konflik(ctx: ServiceContext) -> tuple[KelompokKonflikDTO, ...]:
    """Open conflicts grouped, with counts and the age of the oldest (for the dashboard)."""
    with ctx.read() as session:
        _require_bkd(session)
        rows = session.execute(
            select(
                Konflik.jenis,
                Konflik.kode_kantor,
                Konflik.entitas,
                func.count(),
                func.min(Konflik.dibuat_pada),
            )
            .where(Konflik.status == "TERBUKA")
            .group_by(Konflik.jenis, Konflik.kode_kantor, Konflik.entitas)
            .order_by(Konflik.jenis, Konflik.kode_kantor, Konflik.entitas)
        ).all()
        return tuple(KelompokKonflikDTO(j, k, e, n, t) for j, k, e, n, t in rows)


def selesaikan_kelompok(
    ctx: ServiceContext, kunci: str, *, pilihan: str, catatan: str
) -> tuple[KonflikDTO, ...]:
    """Resolve every open conflict of one group with one decision and one note.

    All or nothing: if one conflict of the group cannot take the decision (e.g. "incoming"
    on a kind that has no incoming value), nothing is resolved and the message says why.
    """
    izinkan(ctx, "konflik.selesaikan")
    _check_choice(pilihan, catatan)
    jenis, _sep, rest = kunci.partition(":")
    kode, _sep, entitas = rest.partition(":")
    with ctx.write("selesaikan_konflik") as session:
        _require_bkd(session)
        rows = session.scalars(
            select(Konflik)
            .where(
                Konflik.status == "TERBUKA",
                Konflik.jenis == jenis,
                Konflik.kode_kantor == kode,
                Konflik.entitas == entitas,
            )
            .order_by(Konflik.dibuat_pada, Konflik.id)
        ).all()
        if not rows:
            raise NotFoundError(
                _(
                    "Tidak ada konflik terbuka dalam kelompok {kunci} (tulis JENIS:KANTOR:ENTITAS, "
                    "lihat 'capaian conflicts groups')."
                ).format(kunci=kunci),
                field="kelompok",
            )
        for row in rows:
            if row.status == "TERBUKA":  # merging one may already have settled another
                _resolve(session, ctx, row, pilihan, catatan)
        return tuple(_konflik_dto(row) for row in rows)


def _merge_into_existing(session: Session, row: Konflik, ctx: ServiceContext) -> None:
    """Record the office's row as an alias of BKD's row with the same natural key.

    Only for a duplicate natural key of an employee (one NIP registered twice): the office's
    later ops that use its own id are rewritten to BKD's id, and the office is told to repoint
    its references (reverse package ``alias``). The ops this office sent that were refused
    because they pointed at its own id are then tried again, in the same transaction.
    """
    model = synced_models().get(row.entitas)
    if row.jenis != "DUPLICATE_NATURAL_KEY" or row.entitas not in _ALIASABLE or model is None:
        raise ValidationError(
            _(
                "Hanya NIP ganda (pegawai yang didaftarkan dua kali) yang dapat digabungkan ke "
                "data yang sudah ada; pilih 'current' atau 'incoming'."
            ),
            field="pilihan",
        )
    table: Table = model.__table__  # type: ignore[attr-defined]
    keys = {c: sides.get("masuk") for c, sides in row.medan.items() if c in table.c}
    canonical = session.scalars(
        select(table.c.id).where(
            *(table.c[c] == decode_value(model, c, v) for c, v in keys.items()),
            table.c.deleted.is_(False),
        )
    ).first()
    if not keys or canonical is None or canonical == row.entitas_id:
        raise ValidationError(
            _("Data yang sudah ada dengan kunci yang sama tidak ditemukan di BKD."),
            field="pilihan",
        )
    session.add(
        AliasId(
            id_lama=row.entitas_id,
            id_kanonik=canonical,
            entitas=row.entitas,
            installation_id=row.installation_id,
            konflik_id=row.id,
            dibuat_pada=ctx.now(),
            dibuat_oleh=ctx.actor,
        )
    )
    session.flush()
    _retry_refused(session, ctx, row.installation_id)


def _retry_refused(session: Session, ctx: ServiceContext, installation_id: str) -> None:
    """Apply again the open refused ops of one office (a reference they lacked may exist now).

    Each op is re-read from its stored, verified package and merged alone inside a savepoint;
    if it still fails nothing changes and its conflict stays open.
    """
    registered = session.get(InstalasiTerdaftar, installation_id)
    refused = session.scalars(
        select(Konflik)
        .where(
            Konflik.installation_id == installation_id,
            Konflik.status == "TERBUKA",
            Konflik.jenis.in_(("VALIDATION_FAILED", "UNKNOWN_REFERENCE")),
        )
        .order_by(Konflik.dibuat_pada)
    ).all()
    if registered is None or not refused:
        return
    public = public_key_from_b64(registered.kunci_publik)
    wanted = {k.op_id: k for k in refused}
    ops: list[dict[str, Any]] = []
    for package_id in sorted({k.package_id for k in refused}):
        stored = session.scalars(select(PaketMasuk).where(PaketMasuk.package_id == package_id))
        for paket in stored:
            path = ctx.inbox / f"{paket.file_sha256}.bkdsync"
            try:
                package = read_package(path, lambda kid: public if kid == key_id(public) else None)
            except (SyncError, OSError):
                continue
            ops += [op for op in package.datasets.get("ops", ()) if op.get("op_id") in wanted]
            break
    ops.sort(key=lambda op: int(str(op["op_id"]).rpartition(":")[2]))
    report = LaporanImpor(berkas="", file_sha256="", status="", pesan="")
    for op in ops:
        savepoint = session.begin_nested()
        session.execute(delete(OpTerapan).where(OpTerapan.op_id == op["op_id"]))
        recorder = Recorder(session, ChangeContext(ctx.actor, ctx.now(), "terapkan_ulang"))
        merger = _Merger(session, recorder, report, registered, ctx)
        again = merger.with_aliases((op,))
        merger.prepare(again)
        outcome = merger.apply(again[0])
        if outcome == KONFLIK:
            savepoint.rollback()
            report.konflik.clear()
            continue
        merger.finish()
        recorder.write()
        savepoint.commit()
        conflict = wanted[op["op_id"]]
        conflict.status = DITERAPKAN_ULANG
        conflict.catatan = _("Diterapkan ulang setelah data digabungkan ({hasil}).").format(
            hasil=outcome
        )
        conflict.diselesaikan_oleh = ctx.actor
        conflict.diselesaikan_pada = ctx.now()


_HELD_BACK = ("OUT_OF_SCOPE", "LOCKED")
"""Refused before any comparison: BKD may still take the office's values as its own decision."""


def _take_incoming(session: Session, row: Konflik) -> None:
    model = synced_models().get(row.entitas)
    target = session.get(model, row.entitas_id) if model is not None else None
    if model is not None and target is None and row.jenis in _HELD_BACK and row.medan:
        # A new row the office was not allowed to create: BKD creates it (an audited BKD op).
        created = model()
        created.id = row.entitas_id
        for key, sides in row.medan.items():
            setattr(created, key, decode_value(model, key, sides.get("masuk")))
        session.add(created)
        return
    allowed = ("FIELD_CONFLICT", "DELETE_UPDATE", *_HELD_BACK)
    if (
        model is None
        or target is None
        or row.jenis not in allowed
        or (not row.medan and (row.jenis in _HELD_BACK))
    ):
        raise ValidationError(
            _(
                "Konflik jenis {jenis} tidak dapat diselesaikan dengan mengambil nilai kantor; "
                "pilih 'current' dan catat alasannya."
            ).format(jenis=row.jenis),
            field="pilihan",
        )
    if row.jenis == "DELETE_UPDATE":
        target.deleted = True
        return
    for key, sides in row.medan.items():
        setattr(target, key, decode_value(model, key, sides.get("masuk")))


def cabut_instalasi(
    ctx: ServiceContext, key: str, *, setelah_seq: int, alasan: str
) -> InstalasiDTO:
    """Revoke an installation's key (a stolen laptop).

    Packages after ``setelah_seq`` are quarantined, earlier ones stay valid: signatures carry
    no trustworthy time, so the cut-off is a sequence number (sync.md §4.3).
    """
    izinkan(ctx, "instalasi.kelola")
    if not alasan or not alasan.strip():
        raise ValidationError(_("Alasan pencabutan wajib diisi."), field="alasan")
    if setelah_seq < 0:
        raise ValidationError(_("Nomor paket tidak boleh negatif."), field="setelah_seq")
    with ctx.write("cabut_instalasi") as session:
        _require_bkd(session)
        row = _find_installation(session, key)
        row.status = "DICABUT"
        row.dicabut_setelah_seq = setelah_seq
        return _instalasi_dto(row)
