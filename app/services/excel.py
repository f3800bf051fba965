"""Excel import and export: templates, all-or-nothing imports, exports and the unit recap.

An import reads the whole sheet (:mod:`app.io.excel`), checks every row against the database
with the same rules as the forms, and only when nothing is wrong writes everything in one
transaction; otherwise it writes an error report and changes nothing. Rows equal to what is
stored are skipped, so importing the same file twice changes nothing the second time. New rows
go through :func:`app.models.changes.bulk_create` (ops and audit like any write, 10x faster than
the unit of work); changed rows are updated through the session, which captures them as ops.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.errors import LockedError, UserError, ValidationError
from app.i18n import _
from app.io.excel import (
    Baris,
    DataLembar,
    KolomEkspor,
    LembarEkspor,
    Masalah,
    baca_lembar,
    tulis_ekspor,
    tulis_laporan_kesalahan,
    tulis_template,
)
from app.io.excel_kolom import SATUAN_UMUM
from app.models import (
    Evaluasi,
    Indikator,
    Organisasi,
    Pegawai,
    PerilakuSkp,
    Periode,
    Realisasi,
    Rhk,
    Skp,
    new_id,
)
from app.models.base import Synced
from app.models.changes import bulk_create
from app.scoring.distribution import periksa_distribusi
from app.scoring.identity import format_nip
from app.scoring.periode import CaraAgregasi, agregasi_bawaan, parse_periode_kode, periode_kode
from app.scoring.types import (
    GOLONGAN_PPPK,
    PANGKAT_PNS,
    Aspek,
    Granularitas,
    JenisJabatan,
    JenisKelamin,
    JenisPegawai,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    Perspektif,
    Polaritas,
    Predikat,
    StatusSkp,
    pangkat_golongan_label,
)
from app.services.context import Changes, Result, ServiceContext
from app.services.evaluasi import capaian_organisasi_for
from app.services.izin import izinkan
from app.services.lookup import chunked, installation, organisasi_by_kode, periode_by_kode
from app.services.organisasi import subtree_ids
from app.services.ownership import ensure_writable, transferred_out
from app.services.pegawai import PegawaiInput, periksa_input
from app.services.setup import check_year, get_setting
from app.services.skp import EDITABLE
from app.services.values import parse_decimal
from app.settings import GRANULARITAS

_E = TypeVar("_E")
_RIBUAN = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")

JENIS_IMPOR = ("pegawai", "skp", "realisasi")
JENIS_EKSPOR = ("pegawai", "skp", "realisasi", "rekap")


@dataclass(frozen=True)
class LaporanImpor:
    """What an import did (or, on errors or with ``uji_coba``, would have done).

    Attributes:
        ok: no problems; with ``uji_coba`` False the rows are stored.
        baris: data rows read; baru/diubah/sama/dilewati count them.
        masalah: every problem, by Excel row and column key.
        laporan_kesalahan: the error report written beside the file, when there were problems.
        rincian: created rows per table (skp, rhk, indikator, ...).
    """

    jenis: str
    berkas: str
    lembar: str
    uji_coba: bool
    ok: bool
    baris: int
    baru: int
    diubah: int
    sama: int
    dilewati: int
    masalah: tuple[Masalah, ...]
    laporan_kesalahan: str | None
    kolom_diabaikan: tuple[str, ...]
    peringatan: tuple[str, ...]
    rincian: dict[str, int]
    detik_baca: float
    detik_total: float


@dataclass
class _Plan:
    """Everything an import would write, collected before writing anything."""

    data: DataLembar
    problems: list[Masalah] = field(default_factory=list)
    creates: dict[type[Synced], list[dict[str, Any]]] = field(default_factory=dict)
    updates: list[tuple[type[Synced], str, dict[str, Any]]] = field(default_factory=list)
    baru: int = 0
    diubah: int = 0
    sama: int = 0
    dilewati: int = 0
    warnings: list[str] = field(default_factory=list)

    def create(self, model: type[Synced], row: dict[str, Any]) -> None:
        self.creates.setdefault(model, []).append(row)

    def has(self, key: str) -> bool:
        """The column ``key`` is present in the sheet (absent optional columns keep values)."""
        return key in self.data.posisi


class _Row:
    """One data row being checked: typed getters that record problems instead of raising."""

    def __init__(self, plan: _Plan, baris: Baris) -> None:
        self.plan = plan
        self.baris = baris
        self.ok = True

    @property
    def nomor(self) -> int:
        return self.baris.nomor

    def error(self, kolom: str | None, pesan: str) -> None:
        self.plan.problems.append(Masalah(self.baris.nomor, kolom, pesan))
        self.ok = False

    def raw(self, key: str) -> Any:
        return self.baris.nilai.get(key)

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.raw(key)
        text = " ".join(str(value).split()) if value is not None else ""
        if not text:
            if required:
                self.error(key, _("Wajib diisi."))
            return None
        return text

    def integer(self, key: str, *, required: bool = False) -> int | None:
        value = self.raw(key)
        if value is None:
            if required:
                self.error(key, _("Wajib diisi."))
            return None
        if int(value) < 1:
            self.error(key, _("Nomor urut dimulai dari 1."))
            return None
        return int(value)

    def enum(
        self,
        key: str,
        cls: Callable[[str], _E],
        choices: Iterable[str],
        *,
        required: bool = False,
        aliases: Mapping[str, str] | None = None,
    ) -> _E | None:
        text = self.text(key, required=required)
        if text is None:
            return None
        code = text.upper().replace(" ", "_").replace("-", "_")
        code = (aliases or {}).get(code, code)
        try:
            return cls(code)
        except ValueError:
            self.error(
                key,
                _("Nilai {v!r} tidak dikenal; pilih salah satu: {daftar}.").format(
                    v=text, daftar=", ".join(choices)
                ),
            )
            return None

    def decimal(self, key: str, *, required: bool = False, label: str = "") -> Decimal | None:
        value = self.raw(key)
        if value is None:
            if required:
                self.error(key, _("Wajib diisi."))
            return None
        if isinstance(value, str) and _RIBUAN.fullmatch(value.strip()):
            value = value.strip().replace(".", "")  # "1.200" in an Indonesian sheet is 1200
        try:
            result = parse_decimal(value, label or key)
        except ValidationError as exc:
            self.error(key, exc.message)
            return None
        if result is not None and result < 0:
            self.error(key, _("Nilai tidak boleh negatif."))
            return None
        return result


def _choices(cls: Iterable[Any]) -> list[str]:
    return [str(item.value) for item in cls]


# ----------------------------------------------------------------------------- import
def impor_excel(
    ctx: ServiceContext,
    jenis: str,
    path: Path,
    *,
    uji_coba: bool = False,
    periode_kode: str | None = None,
    laporan: Path | None = None,
) -> Result[LaporanImpor]:
    """Import a pegawai, SKP or realisasi workbook: all rows or none.

    Args:
        ctx: the service context.
        jenis: ``pegawai``, ``skp`` or ``realisasi``.
        path: the .xlsx file.
        uji_coba: validate only (``--dry-run``); nothing is written except an error report.
        periode_kode: realisasi rows without a Periode cell use this period.
        laporan: where to write the error report (default: ``<file>-kesalahan.xlsx``).

    Raises:
        UserError: the file cannot be read at all (not .xlsx, password, too big, empty).
    """
    izinkan(ctx, "excel.impor")
    if jenis not in JENIS_IMPOR:
        raise UserError(
            _("Jenis impor {jenis!r} tidak dikenal; pilih {daftar}.").format(
                jenis=jenis, daftar=", ".join(JENIS_IMPOR)
            ),
            field="jenis",
        )
    started = time.perf_counter()
    data = baca_lembar(Path(path), jenis)
    plan = _Plan(data, problems=list(data.masalah))
    planner = {"pegawai": _plan_pegawai, "skp": _plan_skp, "realisasi": _plan_realisasi}[jenis]
    file_level = any(m.kolom is None and m.baris == data.baris_judul for m in data.masalah)
    wrote = False
    if uji_coba:
        with ctx.read() as session:
            installation(session)
            if not file_level:
                planner(ctx, session, plan, periode_kode)
    else:
        with ctx.write(f"impor_excel_{jenis}") as session:
            installation(session)
            if not file_level:
                planner(ctx, session, plan, periode_kode)
            if not plan.problems:
                _apply(session, plan)
                wrote = bool(plan.creates or plan.updates)
    report_path = None
    if plan.problems:
        target = laporan or data.path.with_name(f"{data.path.stem}-kesalahan.xlsx")
        try:
            report_path = str(tulis_laporan_kesalahan(data, plan.problems, target))
        except UserError as exc:  # e.g. a full disk: the problems themselves must still show
            plan.warnings.append(exc.message)
    rincian = {model.__tablename__: len(rows) for model, rows in plan.creates.items()}  # type: ignore[attr-defined]
    report = LaporanImpor(
        jenis=jenis,
        berkas=str(data.path),
        lembar=data.nama_lembar,
        uji_coba=uji_coba,
        ok=not plan.problems,
        baris=len(data.baris),
        baru=plan.baru,
        diubah=plan.diubah,
        sama=plan.sama,
        dilewati=plan.dilewati,
        masalah=tuple(sorted(plan.problems, key=lambda m: (m.baris or 0, m.kolom or ""))),
        laporan_kesalahan=report_path,
        kolom_diabaikan=data.kolom_lain,
        peringatan=tuple(plan.warnings),
        rincian=rincian,
        detik_baca=round(data.detik_baca, 3),
        detik_total=round(time.perf_counter() - started, 3),
    )
    changes = Changes()
    if wrote:
        changes = {
            "pegawai": Changes(pegawai=True),
            "skp": Changes(skp=True),
            "realisasi": Changes(realisasi=True),
        }[jenis]
    return Result(report, changes)


def _apply(session: Session, plan: _Plan) -> None:
    """Write the plan: new rows in bulk (parents first), then field updates via the session."""
    for model, new_rows in plan.creates.items():
        for start in range(0, len(new_rows), 20_000):
            bulk_create(session, model, new_rows[start : start + 20_000])
    by_model: dict[type[Synced], dict[str, dict[str, Any]]] = {}
    for model, row_id, values in plan.updates:
        by_model.setdefault(model, {}).setdefault(row_id, {}).update(values)
    for model, rows in by_model.items():
        ids = list(rows)
        for part in chunked(ids):
            for obj in session.scalars(select(model).where(model.id.in_(part))):
                for key, value in rows[obj.id].items():
                    setattr(obj, key, value)
        session.flush()


def _diff(obj: Any, wanted: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in wanted.items() if getattr(obj, k) != v}


# ----------------------------------------------------------------------------- pegawai
_GOLONGAN = {g.upper(): g for g in (*PANGKAT_PNS, *GOLONGAN_PPPK)}
_JENIS_KELAMIN = {"L": "PRIA", "LAKI_LAKI": "PRIA", "P": "WANITA", "PEREMPUAN": "WANITA"}
_JENIS_JABATAN = {"JF": "FUNGSIONAL", "JFT": "FUNGSIONAL", "JFU": "PELAKSANA"}


def _golongan(row: _Row) -> str | None:
    text = row.text("golongan")
    if text is None:
        return None
    key = text.upper().removeprefix("GOLONGAN").strip().replace(" ", "/").replace("-", "/")
    key = key.replace("//", "/")
    if key not in _GOLONGAN:
        row.error(
            "golongan",
            _("Golongan {v!r} tidak dikenal (PNS: I/a ... IV/e; PPPK: I ... XVII).").format(v=text),
        )
        return None
    return _GOLONGAN[key]


_VALIDATION_FIELD = {"nip": "nip", "nama": "nama", "jabatan": "jabatan", "golongan": "golongan"}


def _plan_pegawai(ctx: ServiceContext, session: Session, plan: _Plan, _periode: str | None) -> None:  # noqa: PLR0912, PLR0915 - every check of a row, in the order read
    units = {
        kode: unit_id
        for kode, unit_id in session.execute(
            select(Organisasi.kode, Organisasi.id).where(Organisasi.deleted.is_(False))
        )
    }
    existing = {p.nip: p for p in session.scalars(select(Pegawai)) if p.nip}
    parsed: list[tuple[_Row, str, dict[str, Any], str | None]] = []
    seen: dict[str, int] = {}
    for baris in plan.data.baris:
        if baris.salah:
            continue
        row = _Row(plan, baris)
        nip_raw = row.text("nip", required=True)
        nama = row.text("nama", required=True)
        jenis_pegawai = row.enum(
            "jenis_pegawai", JenisPegawai, _choices(JenisPegawai), required=True
        )
        jabatan = row.text("jabatan", required=True)
        jenis_jabatan = row.enum(
            "jenis_jabatan",
            JenisJabatan,
            _choices(JenisJabatan),
            required=True,
            aliases=_JENIS_JABATAN,
        )
        kode = row.text("organisasi_kode", required=True)
        kelamin = row.enum(
            "jenis_kelamin", JenisKelamin, _choices(JenisKelamin), aliases=_JENIS_KELAMIN
        )
        golongan = _golongan(row)
        penilai_raw = row.text("penilai_nip")
        if kode is not None and kode.upper() in units:
            kode = kode.upper()
        if kode is not None and kode not in units:
            row.error(
                "organisasi_kode",
                _("Unit kerja dengan kode {kode} tidak terdaftar.").format(kode=kode),
            )
        if not row.ok or nip_raw is None or jenis_pegawai is None or jenis_jabatan is None:
            continue
        form = PegawaiInput(
            nip=nip_raw,
            nama=nama or "",
            jenis_pegawai=jenis_pegawai,
            jabatan=jabatan or "",
            jenis_jabatan=jenis_jabatan,
            organisasi_kode=kode or "",
            golongan=golongan,
            jenis_kelamin=kelamin,
            gelar_depan=row.text("gelar_depan"),
            gelar_belakang=row.text("gelar_belakang"),
            jenjang=row.text("jenjang"),
            penilai_nip=penilai_raw,
        )
        try:
            nip, sex, warnings = periksa_input(ctx, form)
        except ValidationError as exc:
            row.error(_VALIDATION_FIELD.get(exc.field or ""), exc.message)
            continue
        assert nip is not None
        if nip in seen:
            row.error(
                "nip",
                _("NIP {nip} ganda: sudah ada di baris {n}.").format(
                    nip=format_nip(nip), n=seen[nip]
                ),
            )
            continue
        seen[nip] = row.nomor
        plan.warnings.extend(
            _("Baris {n}: {w}").format(n=row.nomor, w=warning) for warning in warnings
        )
        values = {
            "nama": form.nama.strip(),
            "gelar_depan": form.gelar_depan,
            "gelar_belakang": form.gelar_belakang,
            "jenis_pegawai": jenis_pegawai,
            "jenis_kelamin": sex,
            "golongan": golongan,
            "jabatan": form.jabatan.strip(),
            "jenis_jabatan": jenis_jabatan,
            "jenjang": form.jenjang,
            "organisasi_id": units[form.organisasi_kode],
        }
        penilai = penilai_raw.replace(" ", "").replace(".", "") if penilai_raw else None
        parsed.append((row, nip, values, penilai))
    # Ids of every live employee after the import: stored ones and the file's new ones.
    ids = {nip: p.id for nip, p in existing.items() if not p.deleted}
    for _row, nip, _values, _penilai in parsed:
        if nip not in ids:
            ids[nip] = existing[nip].id if nip in existing else new_id()
    graph = {p.id: p.penilai_id for p in existing.values() if not p.deleted}
    for row, nip, values, penilai in parsed:
        values["penilai_id"] = None
        if penilai is None:
            if not plan.has("penilai_nip") and nip in existing:
                values["penilai_id"] = existing[nip].penilai_id
        elif penilai == nip:
            row.error(
                "penilai_nip", _("Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri.")
            )
        elif penilai not in ids:
            row.error(
                "penilai_nip",
                _(
                    "Pejabat penilai dengan NIP {nip} tidak ditemukan di basis data maupun di "
                    "berkas ini."
                ).format(nip=format_nip(penilai)),
            )
        else:
            values["penilai_id"] = ids[penilai]
        graph[ids[nip]] = values["penilai_id"]
    for row, nip, _values, _penilai in parsed:
        if row.ok and _loops(graph, ids[nip]):
            row.error(
                "penilai_nip",
                _("Rantai pejabat penilai melingkar (kembali ke pegawai ini)."),
            )
    if plan.problems:
        return
    depth = {ids[nip]: _depth(graph, ids[nip]) for _r, nip, _v, _p in parsed}
    new_rows: list[dict[str, Any]] = []
    moved = transferred_out(session, installation(session).kode_kantor)
    for row, nip, values, _penilai in parsed:
        if not plan.has("jenis_kelamin") and nip in existing:
            values["jenis_kelamin"] = existing[nip].jenis_kelamin
        for optional in ("gelar_depan", "gelar_belakang", "golongan", "jenjang"):
            if not plan.has(optional) and nip in existing:
                values[optional] = getattr(existing[nip], optional)
        current = existing.get(nip)
        if current is None:
            new_rows.append({"id": ids[nip], "nip": nip, "aktif": True, "deleted": False, **values})
            plan.baru += 1
            continue
        changed = _diff(current, {**values, "deleted": False})
        if changed and current.id in moved:
            row.error(
                "nip",
                _(
                    "{nama} telah dimutasi ke kantor lain (dicatat BKD); data pegawainya kini "
                    "dikelola kantor tujuan dan BKD."
                ).format(nama=current.nama),
            )
        elif changed:
            plan.updates.append((Pegawai, current.id, changed))
            plan.diubah += 1
        else:
            plan.sama += 1
    for new in sorted(new_rows, key=lambda r: depth[r["id"]]):
        plan.create(Pegawai, new)


def _loops(graph: Mapping[str, str | None], start: str) -> bool:
    seen = {start}
    current = graph.get(start)
    while current is not None:
        if current == start:
            return True
        if current in seen:
            return False  # a loop further up, reported on its own rows
        seen.add(current)
        current = graph.get(current)
    return False


def _depth(graph: Mapping[str, str | None], start: str) -> int:
    """Distance to the top of the penilai chain: superiors are inserted before their staff."""
    seen = {start}
    current = graph.get(start)
    depth = 0
    while current is not None and current not in seen:
        seen.add(current)
        depth += 1
        current = graph.get(current)
    return depth


# ----------------------------------------------------------------------------- SKP
@dataclass
class _SkpRow:
    row: _Row
    jenis: JenisRhk
    no_rhk: int
    rhk: str
    rhk_atasan: str | None
    penugasan_dari: str | None
    no_indikator: int
    indikator: dict[str, Any]


@dataclass
class _SkpGroup:
    nip: str
    tahun: int
    mulai: date
    selesai: date
    is_plt: bool
    pendekatan: Pendekatan | None
    rows: list[_SkpRow]
    first: _Row
    pegawai: Pegawai | None = None
    skp: Skp | None = None
    skp_id: str = ""
    rhk_ids: dict[tuple[JenisRhk, int], str] = field(default_factory=dict)
    stored_rhk: dict[tuple[JenisRhk, int], Rhk] = field(default_factory=dict)
    rhk_text: dict[tuple[JenisRhk, int], str] = field(default_factory=dict)


_YA = {"YA", "Y", "1", "TRUE", "BENAR", "PLT", "PLH"}
_TIDAK = {"TIDAK", "T", "0", "FALSE", "SALAH", "N"}


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _satuan(text: str | None) -> str | None:
    if text is None:
        return None
    known = {s.casefold(): s for s in SATUAN_UMUM}
    return known.get(text.casefold(), text)


def _target_teks(target: Decimal | None, satuan: str | None) -> str | None:
    if target is None:
        return None
    return f"{target.normalize():f} {satuan or ''}".strip()


def _parse_skp_row(plan: _Plan, baris: Baris) -> tuple[tuple[Any, ...], _SkpRow] | None:
    row = _Row(plan, baris)
    nip = row.text("nip", required=True)
    tahun = row.raw("tahun")
    if tahun is None:
        row.error("tahun", _("Wajib diisi."))
    else:
        try:
            check_year(int(tahun))
        except ValidationError as exc:
            row.error("tahun", exc.message)
    plt_text = (row.text("is_plt") or "TIDAK").upper()
    if plt_text not in _YA | _TIDAK:
        row.error("is_plt", _("Isi YA atau TIDAK."))
    pendekatan = row.enum("pendekatan", Pendekatan, _choices(Pendekatan))
    jenis = row.enum("jenis_rhk", JenisRhk, _choices(JenisRhk), required=True)
    no_rhk = row.integer("no_rhk", required=True)
    rhk = row.text("rhk", required=True)
    no_indikator = row.integer("no_indikator", required=True)
    uraian = row.text("indikator", required=True)
    aspek = row.enum("aspek", Aspek, _choices(Aspek))
    perspektif = row.enum("perspektif", Perspektif, _choices(Perspektif))
    target = row.decimal("target", label=_("target"))
    satuan = _satuan(row.text("satuan"))
    target_teks = row.text("target_teks")
    polaritas = row.enum("polaritas", Polaritas, _choices(Polaritas))
    cara = row.enum("cara_agregasi", CaraAgregasi, _choices(CaraAgregasi))
    if not row.ok or nip is None or tahun is None or jenis is None:
        return None
    assert no_rhk is not None and rhk is not None and no_indikator is not None
    assert uraian is not None
    year = int(tahun)
    mulai = row.raw("tanggal_mulai") or date(year, 1, 1)
    selesai = row.raw("tanggal_selesai") or date(year, 12, 31)
    key = (nip.replace(" ", ""), year, mulai, selesai, plt_text in _YA, pendekatan)
    indikator = {
        "uraian": uraian,
        "aspek": aspek,
        "perspektif": perspektif,
        "target_angka": target,
        "satuan": satuan,
        "target_teks": target_teks or _target_teks(target, satuan),
        "polaritas": polaritas or Polaritas.NAIK,
        "cara_agregasi": cara,  # blank: the stored one, or agregasi_bawaan for a new indicator
    }
    penugasan = row.text("penugasan_dari")
    return key, _SkpRow(
        row, jenis, no_rhk, rhk, row.text("rhk_atasan"), penugasan, no_indikator, indikator
    )


def _plan_skp(ctx: ServiceContext, session: Session, plan: _Plan, _periode: str | None) -> None:
    pegawai = {
        p.nip: p
        for p in session.scalars(select(Pegawai).where(Pegawai.deleted.is_(False)))
        if p.nip
    }
    groups: dict[tuple[str, int, date, bool], _SkpGroup] = {}
    for baris in plan.data.baris:
        if baris.salah:
            continue
        parsed = _parse_skp_row(plan, baris)
        if parsed is None:
            continue
        (nip, tahun, mulai, selesai, is_plt, pendekatan), item = parsed
        key = (nip, tahun, mulai, is_plt)
        group = groups.get(key)
        if group is None:
            groups[key] = _SkpGroup(
                nip, tahun, mulai, selesai, is_plt, pendekatan, [item], item.row
            )
            continue
        if selesai != group.selesai:
            item.row.error(
                "tanggal_selesai",
                _("Tanggal selesai SKP berbeda dengan baris {n}.").format(n=group.first.nomor),
            )
        elif pendekatan is not None and group.pendekatan not in (None, pendekatan):
            item.row.error(
                "pendekatan",
                _("Pendekatan SKP berbeda dengan baris {n}.").format(n=group.first.nomor),
            )
        else:
            group.pendekatan = group.pendekatan or pendekatan
            group.rows.append(item)
    for group in groups.values():
        _plan_skp_group(session, plan, group, pegawai, groups)
    _resolve_rhk_atasan(session, plan, groups, pegawai)
    if plan.problems:
        return
    for group in groups.values():
        _diff_skp_group(session, plan, group, list(groups.values()))
    rhk_rows = plan.creates.get(Rhk, [])
    if rhk_rows:  # a superior's new RHK before the RHK that intervenes it
        new = {r["id"]: r for r in rhk_rows}

        def depth(r: dict[str, Any]) -> int:
            d, current = 0, r.get("rhk_atasan_id")
            while current in new and d < 50:
                d, current = d + 1, new[current].get("rhk_atasan_id")
            return d

        plan.creates[Rhk] = sorted(rhk_rows, key=depth)
    # Keep parents before children whatever order the groups added them in.
    order: list[type[Synced]] = [Skp, PerilakuSkp, Rhk, Indikator]
    plan.creates = {m: plan.creates[m] for m in order if m in plan.creates}


def _skp_owner(
    session: Session, group: _SkpGroup, pegawai: Mapping[str, Pegawai]
) -> Pegawai | None:
    """The registered employee the SKP rows are for, when this office may write them."""
    owner = pegawai.get(group.nip)
    if owner is None:
        for item in group.rows:
            item.row.error(
                "nip",
                _("Pegawai dengan NIP {nip} tidak terdaftar; impor data pegawai dulu.").format(
                    nip=format_nip(group.nip)
                ),
            )
        return None
    try:  # a transfer recorded by BKD gives the later periods to another office
        ensure_writable(session, owner, group.mulai)
    except LockedError as exc:
        group.first.error("nip", exc.message)
        return None
    return owner


def _plan_skp_group(
    session: Session,
    plan: _Plan,
    group: _SkpGroup,
    pegawai: Mapping[str, Pegawai],
    groups: Mapping[tuple[str, int, date, bool], _SkpGroup],
) -> None:
    owner = _skp_owner(session, group, pegawai)
    if owner is None:
        return
    group.pegawai = owner
    if not (group.mulai.year == group.tahun == group.selesai.year and group.selesai >= group.mulai):
        group.first.error(
            "tanggal_mulai",
            _("Rentang SKP {mulai} s/d {selesai} harus berada dalam tahun {tahun}.").format(
                mulai=group.mulai.isoformat(), selesai=group.selesai.isoformat(), tahun=group.tahun
            ),
        )
        return
    existing = session.scalars(
        select(Skp).where(
            Skp.pegawai_id == owner.id,
            Skp.deleted.is_(False),
            Skp.is_plt.is_(group.is_plt),
            Skp.tanggal_mulai <= group.selesai,
            Skp.tanggal_selesai >= group.mulai,
        )
    ).all()
    same = [s for s in existing if s.tanggal_mulai == group.mulai]
    others = [s for s in existing if s.tanggal_mulai != group.mulai]
    if others:
        group.first.error(
            "tanggal_mulai",
            _("{nama} sudah memiliki SKP {mulai} s/d {selesai} yang bertumpang tindih.").format(
                nama=owner.nama,
                mulai=others[0].tanggal_mulai.isoformat(),
                selesai=others[0].tanggal_selesai.isoformat(),
            ),
        )
        return
    for other in groups.values():
        if (
            other is not group
            and other.nip == group.nip
            and other.is_plt == group.is_plt
            and other.mulai <= group.selesai
            and other.selesai >= group.mulai
            and other.first.nomor < group.first.nomor
        ):
            group.first.error(
                "tanggal_mulai",
                _("SKP ini bertumpang tindih dengan SKP pada baris {n}.").format(
                    n=other.first.nomor
                ),
            )
            return
    group.skp = same[0] if same else None
    group.skp_id = group.skp.id if group.skp else new_id()
    pendekatan = group.pendekatan or (group.skp.pendekatan if group.skp else Pendekatan.KUANTITATIF)
    group.pendekatan = pendekatan
    jenis_jabatan = group.skp.jenis_jabatan if group.skp else owner.jenis_jabatan
    rhk_first: dict[tuple[JenisRhk, int], _SkpRow] = {}
    seen_ind: dict[tuple[JenisRhk, int, int], int] = {}
    for item in group.rows:
        key = (item.jenis, item.no_rhk)
        first = rhk_first.setdefault(key, item)
        if first is not item:
            for attr, col in (("rhk", "rhk"), ("rhk_atasan", "rhk_atasan"),
                              ("penugasan_dari", "penugasan_dari")):  # fmt: skip
                mine, theirs = getattr(item, attr), getattr(first, attr)
                if mine is not None and theirs is not None and _norm(mine) != _norm(theirs):
                    item.row.error(
                        col,
                        _("Isian RHK {j} nomor {n} berbeda dengan baris {b}.").format(
                            j=item.jenis.value, n=item.no_rhk, b=first.row.nomor
                        ),
                    )
            first.rhk_atasan = first.rhk_atasan or item.rhk_atasan
            first.penugasan_dari = first.penugasan_dari or item.penugasan_dari
        ind_key = (item.jenis, item.no_rhk, item.no_indikator)
        if ind_key in seen_ind:
            item.row.error(
                "no_indikator",
                _("Indikator nomor {i} RHK {j} nomor {n} ganda: sudah ada di baris {b}.").format(
                    i=item.no_indikator, j=item.jenis.value, n=item.no_rhk, b=seen_ind[ind_key]
                ),
            )
        seen_ind[ind_key] = item.row.nomor
        _check_indikator(item, pendekatan, jenis_jabatan)
    group.rhk_text = {k: v.rhk for k, v in rhk_first.items()}
    if group.skp is not None:
        group.stored_rhk = {
            (r.jenis, r.urutan): r
            for r in session.scalars(select(Rhk).where(Rhk.skp_id == group.skp.id))
        }
    group.rhk_ids = {
        k: group.stored_rhk[k].id if k in group.stored_rhk else new_id() for k in rhk_first
    }


def _check_indikator(item: _SkpRow, pendekatan: Pendekatan, jenis_jabatan: JenisJabatan) -> None:
    """The rules of ``add_indikator``, per row."""
    ind = item.indikator
    if pendekatan is Pendekatan.KUANTITATIF:
        if jenis_jabatan is JenisJabatan.JPT and ind["perspektif"] is None:
            item.row.error("perspektif", _("Indikator SKP JPT kuantitatif memerlukan perspektif."))
        if jenis_jabatan is not JenisJabatan.JPT and ind["aspek"] is None:
            item.row.error(
                "aspek",
                _(
                    "Indikator SKP kuantitatif memerlukan aspek (kuantitas, kualitas, waktu "
                    "atau biaya)."
                ),
            )
        if ind["target_angka"] is None:
            item.row.error("target", _("Indikator kuantitatif memerlukan target berupa angka."))
    elif not ind["target_teks"]:
        item.row.error("target_teks", _("Indikator kualitatif memerlukan uraian target."))


def _resolve_rhk_atasan(
    session: Session,
    plan: _Plan,
    groups: Mapping[tuple[str, int, date, bool], _SkpGroup],
    pegawai: Mapping[str, Pegawai],
) -> None:
    """Find each intervened RHK by its text among the penilai's RHKs (stored or in the file)."""
    by_id = {p.id: p for p in pegawai.values()}
    for group in groups.values():
        owner = group.pegawai
        if owner is None:
            continue
        wanted = [i for i in group.rows if i.rhk_atasan is not None and i.row.ok]
        if not wanted:
            continue
        penilai = by_id.get(owner.penilai_id or "")
        candidates: dict[str, str] = {}
        if penilai is not None:
            superior = session.scalars(
                select(Skp.id).where(
                    Skp.pegawai_id == penilai.id,
                    Skp.deleted.is_(False),
                    Skp.tanggal_mulai <= group.selesai,
                    Skp.tanggal_selesai >= group.mulai,
                )
            ).all()
            if superior:
                for rhk_id, uraian in session.execute(
                    select(Rhk.id, Rhk.uraian).where(
                        Rhk.skp_id.in_(superior), Rhk.deleted.is_(False)
                    )
                ):
                    candidates.setdefault(_norm(uraian), rhk_id)
            for other in groups.values():
                if (
                    other.nip == penilai.nip
                    and other.mulai <= group.selesai
                    and other.selesai >= group.mulai
                ):
                    for rkey, text in other.rhk_text.items():
                        candidates.setdefault(_norm(text), f"file:{id(other)}:{rkey}")
        for item in wanted:
            target = candidates.get(_norm(item.rhk_atasan or ""))
            if target is None:
                item.row.error(
                    "rhk_atasan",
                    _(
                        "RHK pimpinan yang diintervensi tidak ditemukan pada SKP pejabat penilai "
                        "tahun yang sama (tulis uraiannya persis sama)."
                    ),
                )
            else:
                item.rhk_atasan = target


def _file_rhk_id(groups: Iterable[_SkpGroup], ref: str) -> str:
    for group in groups:
        prefix = f"file:{id(group)}:"
        if ref.startswith(prefix):
            for key, rhk_id in group.rhk_ids.items():
                if f"{prefix}{key}" == ref:
                    return rhk_id
    raise KeyError(ref)


def _diff_skp_group(  # noqa: PLR0912, PLR0915 - every check of a row, in the order read
    session: Session, plan: _Plan, group: _SkpGroup, groups_all: Sequence[_SkpGroup]
) -> None:
    owner = group.pegawai
    assert owner is not None and group.pendekatan is not None
    skp = group.skp
    changed_rows: set[int] = set()
    new_rows: set[int] = set()
    if skp is None:
        penilai = session.get(Pegawai, owner.penilai_id) if owner.penilai_id else None
        plan.create(
            Skp,
            {
                "id": group.skp_id,
                "pegawai_id": owner.id,
                "penilai_id": penilai.id if penilai else None,
                "atasan_penilai_id": penilai.penilai_id if penilai else None,
                "organisasi_id": owner.organisasi_id,
                "tahun": group.tahun,
                "tanggal_mulai": group.mulai,
                "tanggal_selesai": group.selesai,
                "pendekatan": group.pendekatan,
                "jenis_jabatan": owner.jenis_jabatan,
                "status": StatusSkp.DRAFT,
                "alasan_penolakan": None,
                "is_plt": group.is_plt,
                "identitas": None,
                "diajukan_pada": None,
                "disetujui_pada": None,
            },
        )
        for nilai in NilaiBerakhlak:
            plan.create(
                PerilakuSkp,
                {"id": new_id(), "skp_id": group.skp_id, "nilai": nilai, "ekspektasi_khusus": None},
            )
        stored_rhk: dict[tuple[JenisRhk, int], Rhk] = {}
        stored_ind: dict[tuple[str, int], Indikator] = {}
    else:
        if skp.tanggal_selesai != group.selesai or skp.pendekatan != group.pendekatan:
            plan.updates.append(
                (Skp, skp.id, {"tanggal_selesai": group.selesai, "pendekatan": group.pendekatan})
            )
            changed_rows.add(group.first.nomor)
        stored_rhk = group.stored_rhk
        ids = [r.id for r in stored_rhk.values()]
        stored_ind = {}
        for part in chunked(ids):
            for ind in session.scalars(select(Indikator).where(Indikator.rhk_id.in_(part))):
                stored_ind[(ind.rhk_id, ind.urutan)] = ind
    firsts: dict[tuple[JenisRhk, int], _SkpRow] = {}
    for item in group.rows:
        firsts.setdefault((item.jenis, item.no_rhk), item)
    for key, first in firsts.items():
        atasan = first.rhk_atasan
        if atasan is not None and atasan.startswith("file:"):
            atasan = _file_rhk_id(groups_all, atasan)
        values: dict[str, Any] = {
            "uraian": first.rhk,
            "rhk_atasan_id": atasan,
            "penugasan_dari": first.penugasan_dari,
            "deleted": False,
        }
        current = stored_rhk.get(key)
        if current is None:
            rhk_id = group.rhk_ids[key]
            plan.create(
                Rhk,
                {
                    "id": rhk_id,
                    "skp_id": group.skp_id,
                    "jenis": key[0],
                    "urutan": key[1],
                    "klasifikasi": None,
                    **values,
                },
            )
        else:
            if not plan.has("rhk_atasan"):
                values["rhk_atasan_id"] = current.rhk_atasan_id
            if not plan.has("penugasan_dari"):
                values["penugasan_dari"] = current.penugasan_dari
            changed = _diff(current, values)
            if changed:
                plan.updates.append((Rhk, current.id, changed))
                changed_rows.add(first.row.nomor)
    for item in group.rows:
        rhk_id = group.rhk_ids[(item.jenis, item.no_rhk)]
        values = dict(item.indikator)
        current_ind = stored_ind.get((rhk_id, item.no_indikator))
        if current_ind is None:
            if values["cara_agregasi"] is None:
                values["cara_agregasi"] = agregasi_bawaan(values["satuan"])
            plan.create(
                Indikator,
                {
                    "id": new_id(),
                    "rhk_id": rhk_id,
                    "urutan": item.no_indikator,
                    "wajib_bukti": False,
                    "deleted": False,
                    **values,
                },
            )
            new_rows.add(item.row.nomor)
            continue
        for optional in ("aspek", "perspektif", "satuan", "polaritas", "cara_agregasi"):
            if not plan.has(optional):
                values[optional] = getattr(current_ind, optional)
        if values["cara_agregasi"] is None:
            # A blank cell keeps what is stored: a workbook filled before the default changed
            # (or by someone who never touched the column) must re-import unchanged.
            values["cara_agregasi"] = current_ind.cara_agregasi
        if not plan.has("target_teks"):
            values["target_teks"] = current_ind.target_teks
        if (values["satuan"] or "").casefold() == (current_ind.satuan or "").casefold():
            values["satuan"] = current_ind.satuan  # "bayi" stored, "Bayi" from the list
        changed = _diff(current_ind, {**values, "deleted": False})
        if changed:
            plan.updates.append((Indikator, current_ind.id, changed))
            changed_rows.add(item.row.nomor)
    if skp is not None and skp.status not in EDITABLE and (changed_rows or new_rows):
        for item in group.rows:
            if item.row.nomor in changed_rows | new_rows:
                item.row.error(
                    None,
                    _(
                        "SKP {nama} berstatus {status}; isinya tidak dapat diubah lewat impor. "
                        "Hanya SKP Draft atau Ditolak yang dapat diubah."
                    ).format(nama=owner.nama, status=skp.status.label),
                )
        return
    for item in group.rows:
        if item.row.nomor in new_rows:
            plan.baru += 1
        elif item.row.nomor in changed_rows:
            plan.diubah += 1
        else:
            plan.sama += 1


# ----------------------------------------------------------------------------- realisasi
def _plan_realisasi(  # noqa: PLR0912, PLR0915 - every check of a row, in the order read
    ctx: ServiceContext, session: Session, plan: _Plan, periode_default: str | None
) -> None:
    pegawai = {
        nip: pegawai_id
        for nip, pegawai_id in session.execute(
            select(Pegawai.nip, Pegawai.id).where(Pegawai.deleted.is_(False))
        )
    }
    periods = {
        p.kode: p for p in session.scalars(select(Periode).where(Periode.deleted.is_(False)))
    }
    default = _canonical_periode(periode_default) if periode_default else None
    if periode_default and default not in periods:
        raise UserError(
            _("Periode {kode} belum disiapkan di basis data ini.").format(kode=periode_default),
            field="periode",
        )
    parsed: list[tuple[_Row, str, Periode, JenisRhk, int, int, dict[str, Any]]] = []
    for baris in plan.data.baris:
        if baris.salah:
            continue
        row = _Row(plan, baris)
        if row.raw("realisasi") is None:
            plan.dilewati += 1
            continue
        nip = row.text("nip", required=True)
        kode_text = row.text("periode")
        jenis = row.enum("jenis_rhk", JenisRhk, _choices(JenisRhk)) or JenisRhk.UTAMA
        no_rhk = row.integer("no_rhk", required=True)
        no_ind = row.integer("no_indikator", required=True)
        nilai = row.decimal("realisasi", required=True, label=_("realisasi"))
        periode = None
        kode = _canonical_periode(kode_text) if kode_text else default
        if kode_text is None and default is None:
            row.error("periode", _("Wajib diisi (atau berikan --periode)."))
        elif kode is None:
            row.error("periode", _("Kode periode {v!r} tidak dikenali.").format(v=kode_text))
        elif kode not in periods:
            row.error("periode", _("Periode {kode} belum disiapkan.").format(kode=kode))
        else:
            periode = periods[kode]
        if nip is not None and nip not in pegawai:
            row.error(
                "nip",
                _("Pegawai dengan NIP {nip} tidak terdaftar.").format(nip=format_nip(nip)),
            )
        if not row.ok or nip is None or periode is None or no_rhk is None or no_ind is None:
            continue
        values = {
            "nilai": nilai,
            "uraian": row.text("uraian"),
            "sumber_data": row.text("sumber_data"),
        }
        parsed.append((row, pegawai[nip], periode, jenis, no_rhk, no_ind, values))
    if not parsed:
        return
    owners = sorted({p[1] for p in parsed})
    skps: dict[str, list[Skp]] = {}
    for part in chunked(owners):
        for skp in session.scalars(
            select(Skp).where(Skp.pegawai_id.in_(part), Skp.deleted.is_(False))
        ):
            skps.setdefault(skp.pegawai_id, []).append(skp)
    skp_ids = [s.id for group in skps.values() for s in group]
    indikator: dict[tuple[str, JenisRhk, int, int], str] = {}
    for part in chunked(skp_ids):
        for skp_id, jenis, urutan_rhk, urutan, ind_id in session.execute(
            select(Rhk.skp_id, Rhk.jenis, Rhk.urutan, Indikator.urutan, Indikator.id)
            .join(Indikator, Indikator.rhk_id == Rhk.id)
            .where(Rhk.skp_id.in_(part), Rhk.deleted.is_(False), Indikator.deleted.is_(False))
        ):
            indikator[(skp_id, jenis, urutan_rhk, urutan)] = ind_id
    granularitas: dict[int, Granularitas] = {}
    used_periods = {p[2].id for p in parsed}
    stored: dict[tuple[str, str], Realisasi] = {}
    ind_ids = list(set(indikator.values()))
    for part in chunked(ind_ids):
        for real in session.scalars(
            select(Realisasi).where(
                Realisasi.indikator_id.in_(part), Realisasi.periode_id.in_(used_periods)
            )
        ):
            stored[(real.indikator_id, real.periode_id)] = real
    seen: dict[tuple[str, str], int] = {}
    for row, pegawai_id, periode, jenis, no_rhk, no_ind, values in parsed:
        chosen = _skp_for(skps.get(pegawai_id, []), periode)
        if chosen is None:
            row.error(
                "nip",
                _("Pegawai ini belum memiliki SKP untuk periode {kode}.").format(kode=periode.kode),
            )
            continue
        if chosen.status is not StatusSkp.DISETUJUI:
            row.error("nip", _("Realisasi hanya dapat dicatat pada SKP yang sudah disetujui."))
            continue
        if chosen.tahun not in granularitas:
            granularitas[chosen.tahun] = Granularitas(
                get_setting(session, GRANULARITAS, chosen.tahun)
            )
        if periode.granularitas is not granularitas[chosen.tahun] or periode.tahun != chosen.tahun:
            row.error(
                "periode",
                _("Periode {kode} bukan periode pencatatan realisasi SKP ini ({g}).").format(
                    kode=periode.kode, g=granularitas[chosen.tahun].label
                ),
            )
            continue
        found = indikator.get((chosen.id, jenis, no_rhk, no_ind))
        if found is None:
            row.error(
                "no_indikator",
                _("SKP ini tidak memiliki indikator nomor {i} pada RHK {j} nomor {n}.").format(
                    i=no_ind, j=jenis.value, n=no_rhk
                ),
            )
            continue
        key = (found, periode.id)
        if key in seen:
            row.error(
                "no_indikator",
                _(
                    "Realisasi indikator ini untuk periode {kode} ganda: sudah ada di baris {b}."
                ).format(kode=periode.kode, b=seen[key]),
            )
            continue
        seen[key] = row.nomor
        current = stored.get(key)
        changed: dict[str, Any] = {}
        if current is not None:
            for optional in ("uraian", "sumber_data"):
                if not plan.has(optional):
                    values[optional] = getattr(current, optional)
            changed = _diff(current, {**values, "deleted": False})
            if not changed:
                plan.sama += 1  # an unchanged row never needs the period open
                continue
        refused = _closed_for(session, periode, chosen)
        if refused is not None:
            row.error(*refused)
            continue
        if current is None:
            plan.create(
                Realisasi,
                {
                    "id": new_id(),
                    "indikator_id": found,
                    "periode_id": periode.id,
                    "deleted": False,
                    **values,
                },
            )
            plan.baru += 1
        else:
            plan.updates.append((Realisasi, current.id, changed))
            plan.diubah += 1


def _closed_for(session: Session, periode: Periode, skp: Skp) -> tuple[str, str] | None:
    """(column, message) when a realisation of ``skp`` in ``periode`` may not be written."""
    if periode.terkunci:
        return "periode", _(
            "Periode {kode} sudah dikunci; data di dalamnya hanya dapat dibaca."
        ).format(kode=periode.kode)
    try:  # a transfer recorded by BKD makes the later periods another office's
        ensure_writable(session, skp.pegawai, periode.tanggal_mulai)
    except LockedError as exc:
        return "nip", exc.message
    return None


def _canonical_periode(kode: str | None) -> str | None:
    if not kode:
        return None
    try:
        return periode_kode(*parse_periode_kode(kode))
    except ValueError:
        return None


def _skp_for(skps: Sequence[Skp], periode: Periode) -> Skp | None:
    """As :func:`app.services.lookup.skp_for_period`: regular before Plt, then latest start."""
    overlapping = [
        s
        for s in skps
        if s.tanggal_mulai <= periode.tanggal_selesai and s.tanggal_selesai >= periode.tanggal_mulai
    ]
    overlapping.sort(key=lambda s: (s.is_plt, -s.tanggal_mulai.toordinal()))
    return overlapping[0] if overlapping else None


# ----------------------------------------------------------------------------- templates
_REALISASI_HANYA_BACA = (
    "nip",
    "nama",
    "periode",
    "jenis_rhk",
    "no_rhk",
    "rhk",
    "no_indikator",
    "indikator",
    "target",
)


def buat_template(
    ctx: ServiceContext,
    jenis: str,
    path: Path,
    *,
    periode_kode: str | None = None,
    organisasi_kode: str | None = None,
) -> Path:
    """Write an empty, validated template; a realisasi template for a period is pre-filled.

    The lists of unit codes and period codes come from this database. With ``periode_kode`` a
    realisasi template lists every indicator of the approved SKPs in that period (of the unit
    ``organisasi_kode`` and below), with values already recorded, so the office only types the
    realisations.
    """
    if jenis not in JENIS_IMPOR:
        raise UserError(
            _("Jenis templat {jenis!r} tidak dikenal; pilih {daftar}.").format(
                jenis=jenis, daftar=", ".join(JENIS_IMPOR)
            ),
            field="jenis",
        )
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    with ctx.read() as session:
        installation(session)
        pilihan = {
            "organisasi": tuple(
                session.scalars(
                    select(Organisasi.kode)
                    .where(Organisasi.deleted.is_(False))
                    .order_by(Organisasi.kode)
                )
            ),
            "periode": tuple(
                session.scalars(
                    select(Periode.kode)
                    .where(Periode.deleted.is_(False))
                    .order_by(Periode.tahun, Periode.tanggal_mulai)
                )
            ),
        }
        if jenis == "realisasi" and periode_kode:
            periode = periode_by_kode(session, periode_kode)
            rows = _realisasi_rows(session, periode, _unit_ids(session, organisasi_kode), False)
            notes.append(
                f"Berkas ini sudah berisi indikator SKP yang disetujui untuk periode "
                f"{periode.kode}; isi kolom Realisasi (kolom abu-abu hanya untuk dibaca)."
            )
    return tulis_template(
        Path(path),
        jenis,
        pilihan=pilihan,
        baris=rows,
        hanya_baca=_REALISASI_HANYA_BACA if rows else (),
        keterangan=notes,
    )


def _unit_ids(session: Session, organisasi_kode: str | None) -> set[str] | None:
    if not organisasi_kode:
        return None
    return subtree_ids(session, organisasi_by_kode(session, organisasi_kode).id)


def _realisasi_rows(
    session: Session, periode: Periode, unit_ids: set[str] | None, only_stored: bool
) -> list[dict[str, Any]]:
    """One row per indicator of the approved SKPs recording in ``periode``, with its value."""
    granularitas = Granularitas(get_setting(session, GRANULARITAS, periode.tahun))
    if periode.granularitas is not granularitas:
        raise UserError(
            _("Periode {kode} bukan periode pencatatan realisasi tahun {tahun} ({g}).").format(
                kode=periode.kode, tahun=periode.tahun, g=granularitas.label
            ),
            field="periode",
        )
    query = (
        select(Skp, Pegawai)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .where(
            Skp.deleted.is_(False),
            Skp.status == StatusSkp.DISETUJUI,
            Skp.tanggal_mulai <= periode.tanggal_selesai,
            Skp.tanggal_selesai >= periode.tanggal_mulai,
        )
    )
    if unit_ids is not None:
        query = query.where(Skp.organisasi_id.in_(unit_ids))
    chosen: dict[str, tuple[Skp, Pegawai]] = {}
    for skp, owner in session.execute(query):
        best = chosen.get(owner.id)
        if best is None or _skp_for([best[0], skp], periode) is skp:
            chosen[owner.id] = (skp, owner)
    skp_ids = [s.id for s, _p in chosen.values()]
    lines: dict[str, list[tuple[Rhk, Indikator]]] = {}
    ind_ids: list[str] = []
    for part in chunked(skp_ids):
        for rhk, ind in session.execute(
            select(Rhk, Indikator)
            .join(Indikator, Indikator.rhk_id == Rhk.id)
            .where(Rhk.skp_id.in_(part), Rhk.deleted.is_(False), Indikator.deleted.is_(False))
        ):
            lines.setdefault(rhk.skp_id, []).append((rhk, ind))
            ind_ids.append(ind.id)
    values: dict[str, Realisasi] = {}
    for part in chunked(ind_ids):
        for real in session.scalars(
            select(Realisasi).where(
                Realisasi.indikator_id.in_(part),
                Realisasi.periode_id == periode.id,
                Realisasi.deleted.is_(False),
            )
        ):
            values[real.indikator_id] = real
    rows: list[dict[str, Any]] = []
    for skp, owner in sorted(chosen.values(), key=lambda sp: (sp[1].nama, sp[1].nip or "")):
        ordered = sorted(
            lines.get(skp.id, []),
            key=lambda ri: (ri[0].jenis is not JenisRhk.UTAMA, ri[0].urutan, ri[1].urutan),
        )
        for rhk, ind in ordered:
            stored = values.get(ind.id)
            if only_stored and stored is None:
                continue
            rows.append(
                {
                    "nip": owner.nip,
                    "nama": owner.nama_lengkap,
                    "periode": periode.kode,
                    "jenis_rhk": rhk.jenis.value,
                    "no_rhk": rhk.urutan,
                    "rhk": rhk.uraian,
                    "no_indikator": ind.urutan,
                    "indikator": ind.uraian,
                    "target": ind.target_teks,
                    "realisasi": stored.nilai if stored else None,
                    "uraian": stored.uraian if stored else None,
                    "sumber_data": stored.sumber_data if stored else None,
                }
            )
    return rows


# ----------------------------------------------------------------------------- export
@dataclass(frozen=True)
class LaporanEkspor:
    """What an export wrote."""

    jenis: str
    berkas: str
    baris: int
    lembar: tuple[str, ...]


def ekspor_excel(
    ctx: ServiceContext,
    jenis: str,
    path: Path,
    *,
    periode_kode: str | None = None,
    organisasi_kode: str | None = None,
) -> LaporanEkspor:
    """Export staff, SKPs, realisations of a period, or the recap of a period per unit.

    Column names follow the e-Kinerja BKN export fields (domain.md §6) where they overlap
    (``nip``, ``golru``, ``skp_jabatan``, ``pegawai_atasan_nip``, ``hasil_akhir`` ...), so BKD can
    reconcile both; the pegawai, SKP and realisasi exports import back unchanged.
    """
    izinkan(ctx, "excel.ekspor")
    if jenis not in JENIS_EKSPOR:
        raise UserError(
            _("Jenis ekspor {jenis!r} tidak dikenal; pilih {daftar}.").format(
                jenis=jenis, daftar=", ".join(JENIS_EKSPOR)
            ),
            field="jenis",
        )
    if jenis in ("realisasi", "rekap") and not periode_kode:
        raise UserError(
            _("Ekspor {jenis} memerlukan --periode.").format(jenis=jenis), field="periode"
        )
    with ctx.read() as session:
        installation(session)
        units = _unit_ids(session, organisasi_kode)
        periode = periode_by_kode(session, periode_kode) if periode_kode else None
        if jenis == "pegawai":
            sheets = [_sheet_pegawai(session, units)]
        elif jenis == "skp":
            sheets = [_sheet_skp(session, units, periode)]
        elif jenis == "realisasi":
            assert periode is not None
            sheets = [_sheet_realisasi(session, units, periode)]
        else:
            assert periode is not None
            sheets = _sheets_rekap(session, units, periode, organisasi_kode)
    written = tulis_ekspor(Path(path), sheets)
    return LaporanEkspor(
        jenis=jenis,
        berkas=str(written),
        baris=len(sheets[0].baris),
        lembar=tuple(s.nama for s in sheets),
    )


_NIP_COL = KolomEkspor("nip", 22, "@")


def _sheet_pegawai(session: Session, units: set[str] | None) -> LembarEkspor:
    penilai = aliased(Pegawai)
    induk = aliased(Organisasi)
    query = (
        select(Pegawai, Organisasi, induk, penilai)
        .join(Organisasi, Pegawai.organisasi_id == Organisasi.id)
        .outerjoin(induk, Organisasi.induk_id == induk.id)
        .outerjoin(penilai, Pegawai.penilai_id == penilai.id)
        .where(Pegawai.deleted.is_(False))
        .order_by(Organisasi.kode, Pegawai.nama)
    )
    if units is not None:
        query = query.where(Pegawai.organisasi_id.in_(units))
    rows = [
        (
            p.nip,
            p.nama,
            p.gelar_depan,
            p.gelar_belakang,
            p.jenis_pegawai.value,
            p.jenis_kelamin.value if p.jenis_kelamin else None,
            p.golongan,
            pangkat_golongan_label(p.jenis_pegawai, p.golongan),
            p.jabatan,
            p.jenis_jabatan.value,
            p.jenjang,
            o.kode,
            o.nama,
            i.nama if i else None,
            a.nip if a else None,
            a.nama_lengkap if a else None,
            "YA" if p.aktif else "TIDAK",
        )
        for p, o, i, a in session.execute(query)
    ]
    kolom = (
        _NIP_COL,
        KolomEkspor("nama", 28),
        KolomEkspor("gelar_depan", 10),
        KolomEkspor("gelar_belakang", 12),
        KolomEkspor("jenis_pegawai", 10),
        KolomEkspor("jenis_kelamin", 10),
        KolomEkspor("golru", 8, "@"),
        KolomEkspor("pangkat", 28),
        KolomEkspor("skp_jabatan", 32),
        KolomEkspor("skp_jenis_jabatan", 16),
        KolomEkspor("jenjang", 12),
        KolomEkspor("kode_unor", 14),
        KolomEkspor("skp_unor", 32),
        KolomEkspor("skp_unor_induk", 32),
        KolomEkspor("pegawai_atasan_nip", 22, "@"),
        KolomEkspor("pegawai_atasan_nama", 28),
        KolomEkspor("aktif", 8),
    )
    return LembarEkspor("Pegawai", kolom, rows)


def _sheet_skp(session: Session, units: set[str] | None, periode: Periode | None) -> LembarEkspor:
    query = (
        select(Skp, Pegawai, Organisasi, Rhk, Indikator)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .join(Organisasi, Skp.organisasi_id == Organisasi.id)
        .join(Rhk, Rhk.skp_id == Skp.id)
        .join(Indikator, Indikator.rhk_id == Rhk.id)
        .where(Skp.deleted.is_(False), Rhk.deleted.is_(False), Indikator.deleted.is_(False))
    )
    if units is not None:
        query = query.where(Skp.organisasi_id.in_(units))
    if periode is not None:
        query = query.where(
            Skp.tanggal_mulai <= periode.tanggal_selesai,
            Skp.tanggal_selesai >= periode.tanggal_mulai,
        )
    found = list(session.execute(query))
    atasan_ids = {r.rhk_atasan_id for _s, _p, _o, r, _i in found if r.rhk_atasan_id}
    atasan: dict[str, str] = {}
    for part in chunked(sorted(atasan_ids)):
        atasan.update(
            (k, v) for k, v in session.execute(select(Rhk.id, Rhk.uraian).where(Rhk.id.in_(part)))
        )
    found.sort(
        key=lambda t: (
            t[2].kode,
            t[1].nama,
            t[0].tanggal_mulai,
            t[3].jenis is not JenisRhk.UTAMA,
            t[3].urutan,
            t[4].urutan,
        )
    )
    rows = [
        (
            p.nip,
            p.nama_lengkap,
            s.tahun,
            s.tanggal_mulai,
            s.tanggal_selesai,
            "YA" if s.is_plt else "TIDAK",
            s.pendekatan.value,
            s.jenis_jabatan.value,
            s.status.value,
            o.nama,
            r.jenis.value,
            r.urutan,
            r.uraian,
            atasan.get(r.rhk_atasan_id or ""),
            r.penugasan_dari,
            i.urutan,
            i.uraian,
            i.aspek.value if i.aspek else None,
            i.perspektif.value if i.perspektif else None,
            i.target_angka,
            i.satuan,
            i.target_teks,
            i.polaritas.value,
            i.cara_agregasi.value,
        )
        for s, p, o, r, i in found
    ]
    kolom = (
        _NIP_COL,
        KolomEkspor("nama", 28),
        KolomEkspor("tahun_skp", 8),
        KolomEkspor("periode_awal_skp", 12, "yyyy-mm-dd"),
        KolomEkspor("periode_akhir_skp", 12, "yyyy-mm-dd"),
        KolomEkspor("is_skp_plt_plh_pjb", 10),
        KolomEkspor("pendekatan", 12),
        KolomEkspor("skp_jenis_jabatan", 14),
        KolomEkspor("skp_status", 12),
        KolomEkspor("skp_unor", 28),
        KolomEkspor("jenis_rhk", 10),
        KolomEkspor("no_rhk", 7),
        KolomEkspor("rhk", 40),
        KolomEkspor("rhk_atasan", 40),
        KolomEkspor("penugasan_dari", 18),
        KolomEkspor("no_indikator", 8),
        KolomEkspor("indikator", 40),
        KolomEkspor("aspek", 10),
        KolomEkspor("perspektif", 16),
        KolomEkspor("target", 10),
        KolomEkspor("satuan", 10),
        KolomEkspor("target_teks", 14),
        KolomEkspor("polaritas", 10),
        KolomEkspor("cara_agregasi", 12),
    )
    return LembarEkspor("SKP", kolom, rows)


def _sheet_realisasi(session: Session, units: set[str] | None, periode: Periode) -> LembarEkspor:
    data = _realisasi_rows(session, periode, units, True)
    keys = (*_REALISASI_HANYA_BACA, "realisasi", "uraian", "sumber_data")
    widths = (22, 28, 10, 10, 7, 40, 8, 40, 12, 12, 30, 20)
    kolom = tuple(
        KolomEkspor(
            "target_teks" if k == "target" else k, w, "@" if k in ("nip", "periode") else None
        )
        for k, w in zip(keys, widths, strict=True)
    )
    return LembarEkspor("Realisasi", kolom, [tuple(r[k] for k in keys) for r in data])


_PREDIKAT_WARNA = {
    Predikat.SANGAT_BAIK.label: "C6EFCE",
    Predikat.BAIK.label: "E2EFDA",
    Predikat.BUTUH_PERBAIKAN.label: "FFEB9C",
    Predikat.KURANG.label: "F8CBAD",
    Predikat.SANGAT_KURANG.label: "FFC7CE",
}


def _sheets_rekap(
    session: Session, units: set[str] | None, periode: Periode, organisasi_kode: str | None
) -> list[LembarEkspor]:
    """Per pegawai capaian, ratings and predikat; per unit the predikat distribution."""
    query = (
        select(Skp, Pegawai, Organisasi, Evaluasi)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .join(Organisasi, Skp.organisasi_id == Organisasi.id)
        .outerjoin(
            Evaluasi,
            (Evaluasi.skp_id == Skp.id)
            & (Evaluasi.periode_id == periode.id)
            & Evaluasi.deleted.is_(False),
        )
        .where(
            Skp.deleted.is_(False),
            Skp.status == StatusSkp.DISETUJUI,
            Skp.tanggal_mulai <= periode.tanggal_selesai,
            Skp.tanggal_selesai >= periode.tanggal_mulai,
        )
    )
    if units is not None:
        query = query.where(Skp.organisasi_id.in_(units))
    found = sorted(session.execute(query), key=lambda t: (t[2].kode, t[1].nama, t[0].tanggal_mulai))
    rows = []
    per_unit: dict[str, list[Predikat]] = {}
    for skp, owner, unit, ev in found:
        rows.append(
            (
                unit.kode,
                unit.nama,
                owner.nip,
                owner.nama_lengkap,
                owner.jabatan,
                pangkat_golongan_label(owner.jenis_pegawai, owner.golongan),
                skp.jenis_jabatan.value,
                periode.kode,
                ev.capaian_persen if ev else None,
                ev.saran_rating_hasil.label if ev and ev.saran_rating_hasil else None,
                ev.rating_hasil.label if ev and ev.rating_hasil else None,
                ev.rating_perilaku.label if ev and ev.rating_perilaku else None,
                ev.predikat.label if ev and ev.predikat else None,
                ev.capaian_organisasi.label if ev and ev.capaian_organisasi else None,
                ev.status.value if ev else _("BELUM DINILAI"),
            )
        )
        if ev is not None and ev.predikat is not None:
            per_unit.setdefault(unit.id, []).append(ev.predikat)
    kolom = (
        KolomEkspor("kode_unor", 12),
        KolomEkspor("skp_unor", 30),
        _NIP_COL,
        KolomEkspor("nama", 28),
        KolomEkspor("skp_jabatan", 30),
        KolomEkspor("golru", 24),
        KolomEkspor("skp_jenis_jabatan", 14),
        KolomEkspor("periode", 10, "@"),
        KolomEkspor("capaian_persen", 12, "0.00"),
        KolomEkspor("saran_hasil_kerja", 20),
        KolomEkspor("hasil_kerja", 20),
        KolomEkspor("perilaku_kerja", 20),
        KolomEkspor("hasil_akhir", 18),
        KolomEkspor("capaian_organisasi", 16),
        KolomEkspor("status_evaluasi", 14),
    )
    title = _("Rekap kinerja periode {kode}").format(kode=periode.kode)
    if organisasi_kode:
        title += " - " + organisasi_kode
    rekap = LembarEkspor("Rekap", kolom, rows, (title,), _PREDIKAT_WARNA, "hasil_akhir")
    return [rekap, _sheet_distribusi(session, per_unit, periode, units)]


def _sheet_distribusi(
    session: Session,
    per_unit: Mapping[str, list[Predikat]],
    periode: Periode,
    scope: set[str] | None,
) -> LembarEkspor:
    """Each unit with evaluations, and every unit above it within ``scope``, with its curve.

    A unit above the exported scope would show only part of its staff, so it is left out.
    """
    tree = {
        row.id: row
        for row in session.scalars(select(Organisasi).where(Organisasi.deleted.is_(False)))
    }
    totals: dict[str, list[Predikat]] = {}
    for unit_id, predikat in per_unit.items():
        current: str | None = unit_id
        seen: set[str] = set()
        while (
            current is not None
            and current in tree
            and current not in seen
            and (scope is None or current in scope)
        ):
            seen.add(current)
            totals.setdefault(current, []).extend(predikat)
            current = tree[current].induk_id
    order = Predikat.ordered()
    rows = []
    for unit_id in sorted(totals, key=lambda u: tree[u].kode):
        unit = tree[unit_id]
        capaian, _nama = capaian_organisasi_for(session, unit_id, periode)
        result = periksa_distribusi(capaian, totals[unit_id])
        rows.append(
            (
                unit.kode,
                unit.nama,
                capaian.label if capaian else "-",
                result.total,
                *(result.jumlah[p] for p in order),
                *(result.persen[p] for p in order),
                "; ".join(w.pesan for w in result.peringatan) or "-",
            )
        )
    kolom = (
        KolomEkspor("kode_unor", 12),
        KolomEkspor("skp_unor", 30),
        KolomEkspor("capaian_organisasi", 16),
        KolomEkspor("jumlah_dinilai", 10),
        *(KolomEkspor("jumlah_" + p.value.lower(), 10) for p in order),
        *(KolomEkspor("persen_" + p.value.lower(), 10, "0.00") for p in order),
        KolomEkspor("peringatan_kurva", 60),
    )
    return LembarEkspor(
        "Distribusi",
        kolom,
        rows,
        (_("Distribusi predikat per unit, periode {kode}").format(kode=periode.kode),),
    )
