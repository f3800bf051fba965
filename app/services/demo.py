"""Deterministic demo data for practice, training and benchmarks (``capaian demo``).

Builds the Pemerintah Kabupaten Sabangau of the founding document into an empty database: staff
with valid NIPs, approved SKPs cascaded from the Bupati's Perjanjian Kinerja down to every bidan
and guru, a year of monthly realisations with evidence and feedback, capaian organisasi, and
final monthly and annual evaluations. Two sizes: ``small`` (one Dinas Kesehatan, about forty
staff, for the GUI's practice mode and tests) and ``kabupaten`` (about 8,000 ASN, to feel the
app at real scale, domain.md §7).

Why it is built this way:

* Everything comes from one ``random.Random(seed)`` (ids included), so the same seed gives the
  same database and a bug seen in a demo can be reproduced.
* Evaluations are computed with the same pure functions the evaluation service uses
  (:func:`app.scoring.evaluation.derivasi_hasil_kerja` and friends), so ``capaian explain`` on
  demo data shows exactly the stored suggestion.
* Rows are written with :func:`app.models.changes.bulk_create` in one transaction: the ORM unit
  of work would be ten times slower (perf-limits.md) and a half-built demo is worse than none.
* In the small size one extra pegawai goes through the real service functions end to end, so
  the demo also proves that the ordinary path works on its data.
"""

from __future__ import annotations

import contextlib
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import BULAN, _
from app.models import (
    Base,
    BuktiDukung,
    CapaianOrganisasiUnit,
    Evaluasi,
    Indikator,
    LampiranSkp,
    Organisasi,
    Pegawai,
    PerilakuSkp,
    Realisasi,
    Rhk,
    Skp,
    Synced,
    UmpanBalik,
    reference_id,
)
from app.models.changes import bulk_create
from app.scoring.evaluation import HasilKerjaDerivasi, IndikatorData, RhkData, derivasi_hasil_kerja
from app.scoring.identity import nama_dengan_gelar
from app.scoring.jpt import rating_hasil_jpt
from app.scoring.periode import CaraAgregasi, periode_tahun
from app.scoring.predikat import tentukan_predikat
from app.scoring.suggest import AmbangRating, RatingSuggestion, saran_rating_perilaku
from app.scoring.types import (
    Aspek,
    CapaianOrganisasi,
    Granularitas,
    JenisJabatan,
    JenisKelamin,
    JenisLampiran,
    JenisOrganisasi,
    JenisPegawai,
    JenisRhk,
    KlasifikasiRhk,
    NilaiBerakhlak,
    Pendekatan,
    Perspektif,
    Polaritas,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
    pangkat_golongan_label,
)
from app.services import demo_data as data
from app.services import evaluasi, pegawai, realisasi, setup, skp, umpan_balik
from app.services.context import ServiceContext
from app.services.ringkasan import Ringkasan, ringkasan
from app.settings import AMBANG_DI_ATAS, AMBANG_SESUAI, BATAS_ATAS, PEMETAAN_JPT, as_decimal

SIZES = ("small", "kabupaten")
KANTOR_DEMO = {"DINKES": "Dinas Kesehatan", "DISDIK": "Dinas Pendidikan"}
"""Offices a small demo can be (their names are data, not translated)."""

_CHUNK = 50_000  # rows per bulk_create call for the big tables: bounds memory, keeps speed
_CHUNK_EVALUASI = 10_000  # evaluations carry long explanations; flush them more often

_PREDIKAT_MIX: tuple[tuple[Predikat, int], ...] = (
    (Predikat.SANGAT_BAIK, 10),
    (Predikat.BAIK, 75),
    (Predikat.BUTUH_PERBAIKAN, 10),
    (Predikat.KURANG, 4),
    (Predikat.SANGAT_KURANG, 1),
)
"""The intended predikat mix over everyone (domain.md §7)."""

_KUADRAN: dict[Predikat, tuple[tuple[Rating, Rating, int], ...]] = {
    Predikat.SANGAT_BAIK: ((Rating.DI_ATAS, Rating.DI_ATAS, 1),),
    Predikat.BAIK: (
        (Rating.SESUAI, Rating.SESUAI, 70),
        (Rating.SESUAI, Rating.DI_ATAS, 15),
        (Rating.DI_ATAS, Rating.SESUAI, 15),
    ),
    Predikat.BUTUH_PERBAIKAN: (
        (Rating.DI_BAWAH, Rating.SESUAI, 80),
        (Rating.DI_BAWAH, Rating.DI_ATAS, 20),
    ),
    Predikat.KURANG: ((Rating.SESUAI, Rating.DI_BAWAH, 85), (Rating.DI_ATAS, Rating.DI_BAWAH, 15)),
    Predikat.SANGAT_KURANG: ((Rating.DI_BAWAH, Rating.DI_BAWAH, 1),),
}
"""(rating hasil, rating perilaku, weight) cells of the kuadran that give each predikat."""

_LEVEL: dict[Rating, tuple[float, float]] = {
    Rating.DI_ATAS: (1.14, 1.22),
    Rating.SESUAI: (0.96, 1.04),
    Rating.DI_BAWAH: (0.72, 0.84),
}
"""Share of the target a pegawai realises, by the rating hasil kerja the data should support."""

_CAPAIAN_MIX: tuple[tuple[CapaianOrganisasi, int], ...] = (
    (CapaianOrganisasi.ISTIMEWA, 12),
    (CapaianOrganisasi.BAIK, 78),
    (CapaianOrganisasi.BUTUH_PERBAIKAN, 10),
)

_ZERO = Decimal(0)


@dataclass(frozen=True)
class DemoReport:
    """What ``build_demo`` made, for the CLI and the GUI to show.

    Attributes:
        size: ``small`` or ``kabupaten``.
        seed: The seed used; the same seed rebuilds the same data.
        tahun: The year of the SKPs and periods.
        rows: Business rows in the database afterwards (all synced tables, without the outbox
            and the audit log).
        seconds: Wall time of the build.
        ringkasan: The database summary after the build.
        contoh_nip: A NIP whose derivation is worth showing (``capaian explain``).
        contoh_periode: The period to explain it for, e.g. ``2026-06``.
    """

    size: str
    seed: int
    tahun: int
    rows: int
    seconds: float
    ringkasan: Ringkasan
    contoh_nip: str
    contoh_periode: str


def tahun_bawaan(today: date) -> int:
    """The demo year: the last full year before ``today`` (this year once December starts)."""
    return today.year if today.month == 12 else today.year - 1


def build_demo(
    ctx: ServiceContext,
    *,
    size: str = "small",
    seed: int = 1,
    tahun: int | None = None,
    kantor: str = "DINKES",
    progress: Callable[[str, int, int], None] | None = None,
) -> DemoReport:
    """Set up an empty database as the Sabangau demo and fill it with a year of work.

    Args:
        ctx: Service context on an empty (not initialised) database; its clock dates the data.
        size: ``small`` (Dinas Kesehatan, about 40 staff) or ``kabupaten`` (about 8,000 ASN).
        seed: Seed of the only random generator used; equal seeds give equal data.
        tahun: Year of the data; by default the last whole year before the clock.
        kantor: Office of a ``small`` demo: ``DINKES`` (with the service flow for a new hire)
            or ``DISDIK`` (a few schools); two such databases make a two-office exercise.
        progress: Called as ``progress(label, done, total)`` at the start of each stage (and a
            few times during the long one, with the same ``done``); ``done == total`` at the end.

    Returns:
        The report with counts, timing and an example to explain.

    Raises:
        ValidationError: For an unknown ``size`` or a year out of range.
        ConflictError: When the database was already set up (nothing is changed then).
    """
    if size not in SIZES:
        raise ValidationError(
            _("Ukuran demo {size!r} tidak dikenal; pilih 'small' atau 'kabupaten'.").format(
                size=size
            ),
            field="size",
        )
    if kantor not in KANTOR_DEMO:
        raise ValidationError(
            _("Kantor demo {kantor!r} tidak dikenal; pilih {pilihan}.").format(
                kantor=kantor, pilihan=", ".join(KANTOR_DEMO)
            ),
            field="kantor",
        )
    year = tahun if tahun is not None else tahun_bawaan(ctx.today())
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun {tahun} di luar jangkauan.").format(tahun=year), "tahun")
    started = time.perf_counter()
    small = size == "small"
    flow = small and kantor == "DINKES"
    stages = [
        _("Menyiapkan basis data dan periode"),
        _("Menyusun organisasi dan pegawai"),
        _("Menyusun SKP, RHK, dan indikator"),
        _("Menyimpan organisasi, pegawai, dan SKP"),
        _("Mencatat realisasi, umpan balik, dan evaluasi"),
    ]
    if flow:
        stages.append(_("Menjalankan alur layanan lengkap untuk pegawai baru"))
    stages.append(_("Menghitung ringkasan"))
    steps = _Langkah(progress, stages)

    steps.next()
    if small:
        peran, kode, nama = "dinas", kantor, KANTOR_DEMO[kantor]
    else:
        peran, kode, nama = "bkd", "BKD", "Badan Kepegawaian Daerah"
    setup.init_installation(
        ctx,
        peran=peran,
        kode=kode,
        nama=nama,
        nama_pemda=data.NAMA_PEMDA,
        tempat=data.TEMPAT,
        tahun=year,
        granularitas=Granularitas.BULANAN,
        # Demo data is for training: its packages must never be merged into a real database.
        lingkungan="training",
    )
    # Each office draws from its own stream: two offices' demos never share an id by chance.
    stream = random.Random(seed if kode in ("DINKES", "BKD") else f"{seed}:{kode}")
    demo = _Demo(ctx, stream, small=small, tahun=year, kantor=kode)
    steps.next()
    demo.bangun_organisasi()
    steps.next()
    demo.rencanakan_skp()
    steps.next()
    try:
        with tempfile.TemporaryDirectory(prefix="capaian-demo-") as folder:
            if small:
                demo.siapkan_berkas(Path(folder))
            with ctx.write("demo") as session:
                _cache_besar(session, on=True)
                demo.tulis_rencana(session)
                steps.next()
                demo.tulis_kinerja(session, steps.again)
                _cache_besar(session, on=False)
    except BaseException:
        for path in demo.tersimpan:  # files only the rolled-back rows referred to
            path.unlink(missing_ok=True)
        raise
    if flow:
        steps.next()
        _alur_layanan(ctx, demo)
    steps.next()
    summary = ringkasan(ctx)
    rows = _hitung_baris(ctx)
    steps.done(_("Demo selesai"))
    return DemoReport(
        size=size,
        seed=seed,
        tahun=year,
        rows=rows,
        seconds=round(time.perf_counter() - started, 3),
        ringkasan=summary,
        contoh_nip=demo.contoh_nip(),
        contoh_periode=f"{year}-06",
    )


class _Langkah:
    """Stage counter behind the ``progress`` callback."""

    def __init__(self, callback: Callable[[str, int, int], None] | None, labels: list[str]) -> None:
        self.callback = callback
        self.labels = labels
        self.index = -1

    def next(self) -> None:
        self.index += 1
        if self.callback is not None:
            self.callback(self.labels[self.index], self.index, len(self.labels))

    def again(self, detail: str) -> None:
        if self.callback is not None:
            label = f"{self.labels[self.index]} ({detail})"
            self.callback(label, self.index, len(self.labels))

    def done(self, label: str) -> None:
        if self.callback is not None:
            self.callback(label, len(self.labels), len(self.labels))


def _cache_besar(session: Session, *, on: bool) -> None:
    """A 256 MiB SQLite page cache while bulk loading, the default again afterwards.

    Random UUID keys scatter inserts over the whole B-tree; with the default 2 MiB cache most
    inserts read and write pages again (perf-limits.md: a bigger cache is 1.3-1.9x faster).
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"PRAGMA cache_size = {-262144 if on else -2000}"))


def _hitung_baris(ctx: ServiceContext) -> int:
    """Rows in every synced table: what the demo added, init and the service flow included."""
    with ctx.read() as session:
        total = 0
        for mapper in Base.registry.mappers:
            if issubclass(mapper.class_, Synced):
                total += session.scalar(select(func.count()).select_from(mapper.local_table)) or 0
        return total


# ----------------------------------------------------------------------------- plan objects
@dataclass(eq=False, slots=True)
class _Unit:
    id: str
    kode: str
    nama: str
    jenis: JenisOrganisasi
    induk: _Unit | None
    baru: bool = True  # False for the rows init_installation already created
    capaian: list[CapaianOrganisasi] | None = None  # months 1..12, then the year

    def chain(self) -> list[_Unit]:
        result: list[_Unit] = []
        current: _Unit | None = self
        while current is not None:
            result.append(current)
            current = current.induk
        return result


@dataclass(eq=False, slots=True)
class _Pegawai:
    id: str
    nip: str
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    jenis_pegawai: JenisPegawai
    jenis_kelamin: JenisKelamin
    golongan: str
    jabatan: str
    jenis_jabatan: JenisJabatan
    jenjang: str | None
    unit: _Unit
    penilai: _Pegawai | None
    peran: data.Peran
    rhk_tpl: tuple[data.RhkTpl, ...]
    konteks: dict[str, str]
    puncak: bool  # heads an OPD: RHKs come from the Perjanjian Kinerja, "penugasan dari Bupati"
    depth: int
    skp: _Skp | None = None

    @property
    def nama_lengkap(self) -> str:
        return nama_dengan_gelar(self.nama, self.gelar_depan, self.gelar_belakang)


@dataclass(eq=False, slots=True)
class _Indikator:
    id: str
    urutan: int
    tpl: data.IndikatorTpl
    uraian: str
    target: Decimal
    aspek: Aspek | None
    perspektif: Perspektif | None


@dataclass(eq=False, slots=True)
class _Rhk:
    id: str
    jenis: JenisRhk
    urutan: int
    uraian: str
    tag: str
    atasan_id: str | None
    penugasan: str | None
    indikator: list[_Indikator] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class _Skp:
    id: str
    pegawai: _Pegawai
    rhk: list[_Rhk]
    hasil: Rating  # the rating hasil kerja the data is made to support
    perilaku: Rating
    level: float
    paksa: bool  # small demo: the penilai's choice is fixed to show every predikat
    diajukan: datetime
    disetujui: datetime


# ----------------------------------------------------------------------------- generator
class _GantiRng(contextlib.AbstractContextManager[None]):
    """Swap the demo's generator for a while (see ``_Demo._bersama``)."""

    def __init__(self, demo: _Demo, rng: random.Random) -> None:
        self.demo = demo
        self.rng = rng
        self.saved = demo.rng

    def __enter__(self) -> None:
        self.saved, self.demo.rng = self.demo.rng, self.rng

    def __exit__(self, *_exc: object) -> None:
        self.demo.rng = self.saved


class _Demo:
    """Plans the organisation, staff and SKPs in memory, then writes them in bulk."""

    def __init__(
        self, ctx: ServiceContext, rng: random.Random, *, small: bool, tahun: int, kantor: str
    ) -> None:
        self.ctx = ctx
        self.rng = rng
        self.small = small
        self.kantor = kantor
        self.tahun = tahun
        self.now = ctx.now()
        self.tahun_tmt = min(tahun, ctx.today().year)
        self.units: list[_Unit] = []
        self.staff: list[_Pegawai] = []
        self.skps: list[_Skp] = []
        self._nip_seq: dict[str, int] = {}
        self._nama_dipakai: set[str] = set()
        self._suku_bobot = [s.bobot for s in data.SUKU]
        specs = periode_tahun(tahun, Granularitas.BULANAN)
        self.periode_bulan = [reference_id("periode", s.kode) for s in specs]
        self.periode_tahun = reference_id("periode", str(tahun))
        self.ambang = AmbangRating(
            di_atas_min=as_decimal(AMBANG_DI_ATAS.default),
            sesuai_min=as_decimal(AMBANG_SESUAI.default),
        )
        self.batas = as_decimal(BATAS_ATAS.default)
        self.pemetaan = {
            CapaianOrganisasi(k): Rating(v) for k, v in dict(PEMETAAN_JPT.default).items()
        }
        self.kapus: list[_Pegawai] = []  # kepala puskesmas, for the service flow
        self.bidan: list[_Pegawai] = []
        self.contoh: _Pegawai | None = None
        self.berkas: list[tuple[str, str, str, int]] = []  # label, file name, sha256, size
        self.tersimpan: list[Path] = []  # evidence files this build added to the store
        self._unit_kerja: dict[str, str] = {}

    # ------------------------------------------------------------------ small helpers
    def new_id(self) -> str:
        """A UUID4-shaped id drawn from the seeded generator (never ``uuid4()``)."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _cap(self, moment: datetime) -> datetime:
        return min(moment, self.now)

    def unit(
        self,
        kode: str,
        nama: str,
        jenis: JenisOrganisasi,
        induk: _Unit | None,
        *,
        baru: bool = True,
    ) -> _Unit:
        row = _Unit(reference_id("organisasi", kode), kode, nama, jenis, induk, baru)
        self.units.append(row)
        return row

    def buat_nama(self, wanita: bool) -> str:
        """A name not yet given in this demo (after a few tries, as real offices allow).

        Two kepala puskesmas with the same name made the staff list, and the practice tour that
        names its penilai, ambiguous for a learner.
        """
        rng = self.rng
        for _attempt in range(25):
            suku = rng.choices(data.SUKU, weights=self._suku_bobot)[0]
            depan = rng.choice(suku.wanita if wanita else suku.pria)
            belakang = rng.choice(suku.belakang_wanita if wanita else suku.belakang_pria)
            nama = depan if belakang == depan else f"{depan} {belakang}"
            if nama not in self._nama_dipakai:
                break
        self._nama_dipakai.add(nama)
        return nama

    def buat_nip(
        self, jenis: JenisPegawai, golongan: str, wanita: bool, *, baru: bool = False
    ) -> str:
        """A NIP or NI PPPK that passes ``periksa_nip``: birth date, TMT, sex, sequence."""
        rng = self.rng
        if jenis is JenisPegawai.PNS:
            lo, hi = data.MASA_KERJA[golongan]
            masa = rng.randint(lo, hi)
            tmt_tahun = self.tahun_tmt - masa
            usia = rng.randint(20, min(33, 57 - masa))
            kode = f"{rng.choice((1, 2, 3, 3, 4, 12)):02d}"
        else:
            if baru:
                tmt_tahun = self.tahun_tmt
            else:
                waves = [y for y in data.ANGKATAN_PPPK if y < self.tahun_tmt]
                tmt_tahun = rng.choice(waves) if waves else self.tahun_tmt - 1
            usia = rng.randint(22, 40)
            kode = "21"
        lahir = date(tmt_tahun - usia, rng.randint(1, 12), rng.randint(1, 28))
        prefix = f"{lahir:%Y%m%d}{tmt_tahun:04d}{kode}{2 if wanita else 1}"
        seq = self._nip_seq.get(prefix, 0) + 1
        self._nip_seq[prefix] = seq
        return f"{prefix}{seq:03d}"

    def orang(
        self,
        peran: data.Peran,
        unit: _Unit,
        penilai: _Pegawai | None,
        *,
        puncak: bool = False,
        rhk: tuple[data.RhkTpl, ...] | None = None,
        gelar: tuple[data.Gelar, ...] | None = None,
        jabatan: str | None = None,
        extra: dict[str, str] | None = None,
        **konteks: str,
    ) -> _Pegawai:
        """Create one pegawai (superiors are always created before their subordinates)."""
        rng = self.rng
        pppk = peran.pppk > 0 and rng.random() < peran.pppk
        jenis = JenisPegawai.PPPK if pppk else JenisPegawai.PNS
        wanita = rng.random() < peran.wanita
        jenjang: str | None = None
        if peran.jenjang:
            jenjang = rng.choice(peran.jenjang)
            table = data.JENJANG_PPPK if pppk else data.JENJANG_PNS
            golongan = rng.choice(table[jenjang])
        elif pppk:
            golongan = rng.choice(peran.golongan_pppk)
        else:
            golongan = rng.choice(peran.golongan)
        if peran.jenis is JenisJabatan.JPT:
            jenjang = "Pratama"
        opd = next(
            (
                u
                for u in unit.chain()
                if u.jenis in (JenisOrganisasi.OPD, JenisOrganisasi.KECAMATAN)
            ),
            unit,
        )
        context = {
            "unit": unit.nama,
            "opd": opd.nama,
            "wilayah": "",
            "bidang": _topik(unit.nama),
            "mapel": "",
            "pelajaran": "",
            "kepala": "",
            "pelaksana": rng.choice(data.PELAKSANA_JABATAN),
            "jf": "",
            "kasi": "",
            "jenjang": jenjang or "",
            **(extra or {}),
            **konteks,
        }
        titles = gelar or data.GELAR_JF.get(context["jf"])
        if titles is None and jenjang in data.JENJANG_KETERAMPILAN and peran.gelar_terampil:
            titles = peran.gelar_terampil
        depan, belakang = rng.choice(titles or peran.gelar)
        person = _Pegawai(
            id=self.new_id(),
            nip=self.buat_nip(jenis, golongan, wanita),
            nama=self.buat_nama(wanita),
            gelar_depan=depan,
            gelar_belakang=belakang,
            jenis_pegawai=jenis,
            jenis_kelamin=JenisKelamin.WANITA if wanita else JenisKelamin.PRIA,
            golongan=golongan,
            jabatan=" ".join((jabatan or peran.jabatan).format_map(context).split()),
            jenis_jabatan=peran.jenis,
            jenjang=jenjang,
            unit=unit,
            penilai=penilai,
            peran=peran,
            rhk_tpl=rhk if rhk is not None else peran.rhk,
            konteks=context,
            puncak=puncak,
            depth=penilai.depth + 1 if penilai is not None else 0,
        )
        self.staff.append(person)
        return person

    def staf(
        self,
        unit: _Unit,
        penilai: _Pegawai,
        jf: Sequence[str],
        n: int,
        *,
        pelaksana: float = 0.45,
        peran_jf: dict[str, data.Peran] | None = None,
        penilai_pelaksana: _Pegawai | None = None,
        **konteks: str,
    ) -> None:
        """``n`` functional and pelaksana staff of a unit."""
        for _i in range(n):
            if not jf or self.rng.random() < pelaksana:
                self.orang(data.PELAKSANA, unit, penilai_pelaksana or penilai, extra=konteks)
            else:
                name = self.rng.choice(jf)
                peran = (peran_jf or {}).get(name, data.JF_UMUM)
                self.orang(peran, unit, penilai, extra=konteks, jf=name)

    # ------------------------------------------------------------------ organisation
    def bangun_organisasi(self) -> None:
        """Units and staff, superiors first, so foreign keys and cascading can follow order."""
        pemda = self.unit(
            setup.KODE_PEMDA, data.NAMA_PEMDA, JenisOrganisasi.PEMDA, None, baru=False
        )
        setda = self.unit("SETDA", "Sekretariat Daerah", JenisOrganisasi.OPD, pemda)
        if self.small:  # the same Sekda in every office's small demo (see ``_bersama``)
            with _GantiRng(self, random.Random(f"sabangau-sekda-{self.tahun}")):
                sekda = self.orang(data.SEKDA, setda, None, puncak=True)
        else:
            sekda = self.orang(data.SEKDA, setda, None, puncak=True)
        if self.small and self.kantor == "DISDIK":
            disdik = self.unit("DISDIK", "Dinas Pendidikan", JenisOrganisasi.OPD, pemda, baru=False)
            self._disdik(disdik, sekda)
        elif self.small:
            dinkes = self.unit("DINKES", "Dinas Kesehatan", JenisOrganisasi.OPD, pemda, baru=False)
            self._dinkes(dinkes, sekda)
        else:
            self._setda(setda, sekda)
            for spec in data.OPD_UMUM:
                unit = self.unit(
                    spec.kode, spec.nama, JenisOrganisasi.OPD, pemda, baru=spec.kode != "BKD"
                )
                self._opd_umum(spec, unit, sekda)
            dinkes = self.unit("DINKES", "Dinas Kesehatan", JenisOrganisasi.OPD, pemda)
            self._dinkes(dinkes, sekda)
            disdik = self.unit("DISDIK", "Dinas Pendidikan", JenisOrganisasi.OPD, pemda)
            self._disdik(disdik, sekda)
            self._kecamatan(pemda, sekda)
        for unit in self.units:
            if unit.jenis in (JenisOrganisasi.OPD, JenisOrganisasi.KECAMATAN) and not (
                self.small and unit.kode == "SETDA"
            ):
                unit.capaian = self._capaian()

    def _capaian(self) -> list[CapaianOrganisasi]:
        rng = self.rng
        levels = [c for c, _w in _CAPAIAN_MIX]
        base = rng.choices(levels, weights=[w for _c, w in _CAPAIAN_MIX])[0]
        months = []
        for _m in range(12):
            if rng.random() < 0.8:
                months.append(base)
            elif base is CapaianOrganisasi.BAIK:
                months.append(
                    rng.choice((CapaianOrganisasi.ISTIMEWA, CapaianOrganisasi.BUTUH_PERBAIKAN))
                )
            else:
                months.append(CapaianOrganisasi.BAIK)
        return [*months, base]

    def _setda(self, setda: _Unit, sekda: _Pegawai) -> None:
        rng = self.rng
        for nama_asisten, topik, bagian in data.ASISTEN_BAGIAN:
            asisten = self.orang(data.ASISTEN, setda, sekda, kepala=nama_asisten, bidang=topik)
            for nama in bagian:
                unit = self.unit(f"SETDA-{_slug(nama)}", nama, JenisOrganisasi.BIDANG, setda)
                kabag = self.orang(data.KABID, unit, asisten)
                self.staf(unit, kabag, data.JF_SETDA, rng.randint(5, 9))

    def _opd_umum(self, spec: data.OpdSpec, unit: _Unit, sekda: _Pegawai) -> None:
        rng = self.rng
        kepala = self.orang(
            data.KEPALA_OPD, unit, sekda, puncak=True, rhk=spec.sasaran, kepala=spec.kepala
        )
        if spec.sekretariat:
            sekret = self.unit(f"{spec.kode}-SEKRET", "Sekretariat", JenisOrganisasi.BIDANG, unit)
            sekretaris = self.orang(data.SEKRETARIS, sekret, kepala)
            kasubbag = self.orang(data.KASUBBAG, sekret, sekretaris)
            self.staf(
                sekret,
                sekretaris,
                ("Perencana", "Analis Keuangan Pusat dan Daerah", "Pranata Komputer"),
                rng.randint(3, 6),
                pelaksana=0.6,
                penilai_pelaksana=kasubbag,
            )
        for i, nama in enumerate(spec.bidang, start=1):
            bidang = self.unit(f"{spec.kode}-B{i}", nama, JenisOrganisasi.BIDANG, unit)
            override = nama if nama.startswith("Inspektur") else None
            kabid = self.orang(data.KABID, bidang, kepala, jabatan=override)
            self.staf(bidang, kabid, spec.jf, rng.randint(10, 16), pelaksana=0.4)

    def _dinkes(self, dinkes: _Unit, sekda: _Pegawai) -> None:
        rng = self.rng
        small = self.small
        kadis = self.orang(
            data.KEPALA_OPD,
            dinkes,
            sekda,
            puncak=True,
            rhk=data.DINKES_RHK,
            gelar=(("dr.", "M.Kes."), ("dr.", "M.P.H."), ("dr.", "M.Kes.")),
            kepala="Kepala Dinas Kesehatan",
        )
        sekret = self.unit("DINKES-SEKRET", "Sekretariat", JenisOrganisasi.BIDANG, dinkes)
        sekretaris = self.orang(data.SEKRETARIS, sekret, kadis)
        kasubbag = self.orang(data.KASUBBAG, sekret, sekretaris)
        self.staf(
            sekret,
            sekretaris,
            ("Perencana", "Analis Keuangan Pusat dan Daerah"),
            2 if small else rng.randint(6, 9),
            pelaksana=0.5,
            penilai_pelaksana=kasubbag,
        )
        if small:
            n_bidang = rng.choice((2, 3))
            picked = rng.sample(range(3), n_bidang)
            bidang = [b for i, b in enumerate(data.DINKES_BIDANG[:3]) if i in picked]
        else:
            bidang = list(data.DINKES_BIDANG)
        for i, (nama, tag, jf) in enumerate(bidang, start=1):
            unit = self.unit(f"DINKES-B{i}", nama, JenisOrganisasi.BIDANG, dinkes)
            kabid = self.orang(data.KABID, unit, kadis, rhk=data.KABID_KESEHATAN[tag])
            self.staf(
                unit,
                kabid,
                jf,
                2 if small else rng.randint(6, 9),
                pelaksana=0.3,
                peran_jf=data.JF_KESEHATAN_DINAS,
            )
        places = data.PUSKESMAS[:3] if small else data.PUSKESMAS
        for i, place in enumerate(places, start=1):
            unit = self.unit(
                f"PKM-{i:02d}", f"UPT Puskesmas {place}", JenisOrganisasi.PUSKESMAS, dinkes
            )
            kapus = self.orang(data.KEPALA_PUSKESMAS, unit, kadis, wilayah=place)
            self.kapus.append(kapus)
            if small:
                team = [data.DOKTER, data.BIDAN, data.BIDAN, data.PERAWAT, data.PERAWAT]
                team += rng.sample([data.PENYULUH_KESEHATAN, data.NUTRISIONIS, data.SANITARIAN], 2)
                team.append(data.ADMINISTRASI_PUSKESMAS)
            else:
                team = [data.DOKTER] * rng.randint(1, 3) + [data.DOKTER_GIGI] * rng.randint(0, 1)
                team += [data.BIDAN] * rng.randint(10, 14) + [data.PERAWAT] * rng.randint(11, 16)
                team += [
                    data.PENYULUH_KESEHATAN,
                    data.NUTRISIONIS,
                    data.SANITARIAN,
                    data.APOTEKER,
                    data.PRANATA_LAB,
                    data.PEREKAM_MEDIS,
                ]
                team += [data.ADMINISTRASI_PUSKESMAS] * rng.randint(2, 3)
            for peran in team:
                person = self.orang(peran, unit, kapus, wilayah=place)
                if peran is data.BIDAN:
                    self.bidan.append(person)

    def _disdik(self, disdik: _Unit, sekda: _Pegawai) -> None:
        rng = self.rng
        kadis = self.orang(
            data.KEPALA_OPD,
            disdik,
            sekda,
            puncak=True,
            rhk=data.DISDIK_RHK,
            kepala="Kepala Dinas Pendidikan",
        )
        sekret = self.unit("DISDIK-SEKRET", "Sekretariat", JenisOrganisasi.BIDANG, disdik)
        sekretaris = self.orang(data.SEKRETARIS, sekret, kadis)
        kasubbag = self.orang(data.KASUBBAG, sekret, sekretaris)
        self.staf(
            sekret,
            sekretaris,
            ("Perencana", "Analis Keuangan Pusat dan Daerah", "Pranata Komputer"),
            rng.randint(6, 9),
            pelaksana=0.6,
            penilai_pelaksana=kasubbag,
        )
        kabid: dict[str, _Pegawai] = {}
        for i, (nama, _tag, jf) in enumerate(data.DISDIK_BIDANG, start=1):
            unit = self.unit(f"DISDIK-B{i}", nama, JenisOrganisasi.BIDANG, disdik)
            jenjang = "SD" if "Dasar" in nama else "SMP" if "Menengah" in nama else ""
            tpl = data.KABID_SEKOLAH.get(jenjang)
            head = self.orang(data.KABID, unit, kadis, rhk=tpl)
            if jenjang:
                kabid[jenjang] = head
            self.staf(unit, head, jf, rng.randint(4, 6), pelaksana=0.3)
        jenjang_sekolah = (
            ("SD", "SDN", data.KEPALA_SD, data.GURU_SD, data.MAPEL_SD, (12, 15), (8, 15)),
            ("SMP", "SMPN", data.KEPALA_SMP, data.GURU_SMP, data.MAPEL_SMP, (2, 4), (16, 30)),
        )
        counters = {"SD": 0, "SMP": 0}
        # The small demo keeps one school per level in the first kecamatan.
        for kecamatan, _kelurahan in data.KECAMATAN[:1] if self.small else data.KECAMATAN:
            for level, prefix, kepala, guru, mapel, per_kec, per_sekolah in jenjang_sekolah:
                for j in range(1, (1 if self.small else rng.randint(*per_kec)) + 1):
                    counters[level] += 1
                    unit = self.unit(
                        f"{prefix}-{counters[level]:03d}",
                        f"{level} Negeri {j} {kecamatan}",
                        JenisOrganisasi.SEKOLAH,
                        disdik,
                    )
                    self._sekolah(
                        unit,
                        kabid[level],
                        kepala=kepala,
                        guru=guru,
                        mapel=mapel,
                        n_guru=rng.randint(*per_sekolah),
                    )

    def _sekolah(
        self,
        unit: _Unit,
        kabid: _Pegawai,
        *,
        kepala: data.Peran,
        guru: data.Peran,
        mapel: Sequence[str],
        n_guru: int,
    ) -> None:
        head = self.orang(kepala, unit, kabid)
        for _i in range(n_guru):
            name = self.rng.choice(mapel)
            pelajaran = "tematik di kelas" if name == "Kelas" else name
            gelar = data.GELAR_GURU_AGAMA.get(name)
            self.orang(guru, unit, head, gelar=gelar, mapel=name, pelajaran=pelajaran)

    def _kecamatan(self, pemda: _Unit, sekda: _Pegawai) -> None:
        rng = self.rng
        for nama, kelurahan in data.KECAMATAN:
            unit = self.unit(
                f"KEC-{_slug(nama)}", f"Kecamatan {nama}", JenisOrganisasi.KECAMATAN, pemda
            )
            camat = self.orang(data.CAMAT, unit, sekda, wilayah=nama)
            sekcam = self.orang(data.SEKCAM, unit, camat, wilayah=nama)
            kasi = [
                self.orang(data.KASI, unit, camat, kasi=title, bidang=topik, wilayah=nama)
                for title, topik in data.KASI_KECAMATAN
            ]
            for _i in range(rng.randint(4, 7)):
                self.orang(data.PELAKSANA, unit, rng.choice([sekcam, *kasi]), wilayah=nama)
            for place in kelurahan[: rng.randint(2, 3)]:
                kel = self.unit(
                    f"KEL-{_slug(place)}", f"Kelurahan {place}", JenisOrganisasi.KELURAHAN, unit
                )
                lurah = self.orang(data.LURAH, kel, camat, wilayah=place)
                for _j in range(rng.randint(3, 5)):
                    self.orang(data.PELAKSANA, kel, lurah, wilayah=place)

    # ------------------------------------------------------------------ SKP plans
    def rencanakan_skp(self) -> None:
        """An approved SKP per pegawai, cascaded from the penilai's SKP planned before it."""
        paksa = self._paksa() if self.small else {}
        predikat_levels = [p for p, _w in _PREDIKAT_MIX]
        weights = [w for _p, w in _PREDIKAT_MIX]
        for person in self.staff:
            with self._bersama(person):
                self._rencana(person, paksa.get(person.id), predikat_levels, weights)

    def _bersama(
        self, person: _Pegawai, purpose: str = "skp"
    ) -> contextlib.AbstractContextManager[None]:
        """A generator of its own for the Sekda's SKP in a small demo.

        Every small demo (DINKES, DISDIK) carries the Sekda, whose RHK its kepala dinas
        cascades from; drawing that SKP from a fixed generator makes it identical in every
        office's database, so BKD sees one SKP arriving twice (converged), not two clashing.
        """
        if not (self.small and person.unit.kode == "SETDA"):
            return contextlib.nullcontext()
        seed = f"sabangau-setda-{person.nip}-{self.tahun}-{purpose}"
        return _GantiRng(self, random.Random(seed))

    def _rencana(
        self,
        person: _Pegawai,
        forced: Predikat | None,
        predikat_levels: list[Predikat],
        weights: list[int],
    ) -> None:
        rng = self.rng
        target = forced or rng.choices(predikat_levels, weights=weights)[0]
        cells = _KUADRAN[target]
        hasil, perilaku, _w = rng.choices(cells, weights=[c[2] for c in cells])[0]
        if person.jenis_jabatan is JenisJabatan.JPT and forced is None:
            capaian = self._capaian_unit(person.unit)
            if capaian is not None and capaian.capaian is not None:
                hasil = self.pemetaan[capaian.capaian[12]]
            perilaku = rng.choice((Rating.SESUAI, Rating.SESUAI, Rating.DI_ATAS))
        lo, hi = _LEVEL[hasil]
        diajukan = datetime(self.tahun, 1, 2, 8) + timedelta(
            days=min(2 * person.depth + rng.randint(0, 2), 25), hours=rng.randint(0, 7)
        )
        disetujui = diajukan + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 5))
        plan = _Skp(
            id=self.new_id(),
            pegawai=person,
            rhk=[],
            hasil=hasil,
            perilaku=perilaku,
            level=rng.uniform(lo, hi),
            paksa=forced is not None,
            diajukan=self._cap(diajukan),
            disetujui=self._cap(disetujui),
        )
        person.skp = plan
        self.skps.append(plan)
        self._rhk(plan)

    def _paksa(self) -> dict[str, Predikat]:
        """Small demo: five pegawai whose penilai picks each predikat, so all five show up."""
        rng = self.rng
        pool = [
            p
            for p in self.staff
            if p.jenis_jabatan is not JenisJabatan.JPT and p.penilai is not None
        ]
        bidan = rng.choice(self.bidan) if self.bidan else pool[-1]
        others = [p for p in pool if p is not bidan]
        chosen = rng.sample(others, 4)
        self.contoh = bidan
        return {
            bidan.id: Predikat.BUTUH_PERBAIKAN,
            chosen[0].id: Predikat.SANGAT_BAIK,
            chosen[1].id: Predikat.BAIK,
            chosen[2].id: Predikat.KURANG,
            chosen[3].id: Predikat.SANGAT_KURANG,
        }

    def _rhk(self, plan: _Skp) -> None:
        rng = self.rng
        person = plan.pegawai
        tpls = person.rhk_tpl
        n = min(len(tpls), rng.choice((3, 4, 5, 5)))
        picked = sorted(rng.sample(range(len(tpls)), n))
        chosen = [(JenisRhk.UTAMA, tpls[i]) for i in picked]
        if person.peran.tambahan and rng.random() < 0.3:
            chosen.append((JenisRhk.TAMBAHAN, rng.choice(person.peran.tambahan)))
        superior = person.penilai.skp if person.penilai is not None else None
        options = [r for r in superior.rhk if r.jenis is JenisRhk.UTAMA] if superior else []
        if not person.puncak and not options:
            raise RuntimeError(f"demo: {person.jabatan} has no superior SKP to cascade from")
        offset = rng.randrange(len(options)) if options else 0
        urutan = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 0}
        for index, (jenis, tpl) in enumerate(chosen):
            urutan[jenis] += 1
            atasan_id: str | None = None
            penugasan: str | None = None
            if person.puncak:
                penugasan = data.BUPATI
            else:
                matching = [r for r in options if tpl.tag and r.tag == tpl.tag] or options
                atasan_id = matching[(offset + index) % len(matching)].id
                if jenis is JenisRhk.TAMBAHAN and person.penilai is not None:
                    penugasan = person.penilai.jabatan
            rhk = _Rhk(
                id=self.new_id(),
                jenis=jenis,
                urutan=urutan[jenis],
                uraian=tpl.uraian.format_map(person.konteks),
                tag=tpl.tag,
                atasan_id=atasan_id,
                penugasan=penugasan,
            )
            indikator = list(tpl.indikator)
            if (
                person.jenis_jabatan is not JenisJabatan.JPT
                and len(indikator) < 3
                and all(i.aspek is not Aspek.WAKTU for i in indikator)
                and rng.random() < 0.9
            ):
                indikator.append(data.WAKTU_UMUM)
            for number, ind in enumerate(indikator, start=1):
                aspek, perspektif = ind.aspek, ind.perspektif
                if person.jenis_jabatan is JenisJabatan.JPT and perspektif is None:
                    aspek, perspektif = None, Perspektif.PROSES_BISNIS
                elif person.jenis_jabatan is not JenisJabatan.JPT and aspek is None:
                    aspek, perspektif = Aspek.KUALITAS, None
                rhk.indikator.append(
                    _Indikator(
                        id=self.new_id(),
                        urutan=number,
                        tpl=ind,
                        uraian=ind.uraian.format_map(person.konteks),
                        target=Decimal(rng.choice(ind.target)),
                        aspek=aspek,
                        perspektif=perspektif,
                    )
                )
            plan.rhk.append(rhk)

    def _capaian_unit(self, unit: _Unit) -> _Unit | None:
        """The nearest unit up the tree with a capaian organisasi (as the service looks it up)."""
        return next((u for u in unit.chain() if u.capaian is not None), None)

    # ------------------------------------------------------------------ evidence files
    def siapkan_berkas(self, folder: Path) -> None:
        """Write the tiny real evidence files and put them into the evidence store."""
        for label, name, content in data.BERKAS_CONTOH[: self.rng.choice((2, 3))]:
            path = folder / name.format(bulan="januari")
            path.write_text(content, encoding="utf-8")
            sha, size, stored = realisasi.store_evidence(self.ctx.evidence_dir, path)
            self.berkas.append((label, path.name, sha, size))
            if stored is not None:
                self.tersimpan.append(stored)

    # ------------------------------------------------------------------ writing: plan
    def tulis_rencana(self, session: Session) -> None:
        """Organisation, staff, SKPs with perilaku, lampiran, RHK and indikator, capaian."""
        _tulis(session, Organisasi, [self._organisasi_row(u) for u in self.units if u.baru])
        _tulis(session, Pegawai, [self._pegawai_row(p) for p in self.staff])
        _tulis(session, Skp, [self._skp_row(s) for s in self.skps])
        _tulis(session, PerilakuSkp, list(self._perilaku_rows()))
        _tulis(session, LampiranSkp, list(self._lampiran_rows()))
        _tulis(session, Rhk, [self._rhk_row(s, r) for s in self.skps for r in s.rhk])
        _tulis(
            session,
            Indikator,
            [self._indikator_row(r, i) for s in self.skps for r in s.rhk for i in r.indikator],
        )
        _tulis(session, CapaianOrganisasiUnit, list(self._capaian_rows()))

    def _organisasi_row(self, unit: _Unit) -> dict[str, Any]:
        return {
            "id": unit.id,
            "deleted": False,
            "kode": unit.kode,
            "nama": unit.nama,
            "jenis": unit.jenis,
            "induk_id": unit.induk.id if unit.induk is not None else None,
            "tempat": data.TEMPAT,
        }

    def _pegawai_row(self, p: _Pegawai) -> dict[str, Any]:
        return {
            "id": p.id,
            "deleted": False,
            "nip": p.nip,
            "nama": p.nama,
            "gelar_depan": p.gelar_depan,
            "gelar_belakang": p.gelar_belakang,
            "jenis_pegawai": p.jenis_pegawai,
            "jenis_kelamin": p.jenis_kelamin,
            "golongan": p.golongan,
            "jabatan": p.jabatan,
            "jenis_jabatan": p.jenis_jabatan,
            "jenjang": p.jenjang,
            "organisasi_id": p.unit.id,
            "penilai_id": p.penilai.id if p.penilai is not None else None,
            "aktif": True,
        }

    def _unit_kerja_label(self, unit: _Unit) -> str:
        """``UNIT KERJA`` as :func:`app.services.skp.identitas` prints it."""
        label = self._unit_kerja.get(unit.id)
        if label is None:
            chain = unit.chain()
            opd = next((o for o in chain if o.jenis is JenisOrganisasi.OPD), chain[0])
            label = chain[0].nama
            if opd is not chain[0]:
                label = f"{chain[0].nama} - {opd.nama}"
            self._unit_kerja[unit.id] = label
        return label

    def _identitas(self, p: _Pegawai | None) -> dict[str, Any]:
        """The snapshot ``setujui_skp`` freezes, in the same format."""
        if p is None:
            return {
                "nama": "-",
                "nip": None,
                "pangkat_golongan": "-",
                "jabatan": "-",
                "unit_kerja": "-",
            }
        return {
            "nama": p.nama_lengkap,
            "nip": p.nip,
            "pangkat_golongan": pangkat_golongan_label(p.jenis_pegawai, p.golongan),
            "jabatan": p.jabatan,
            "unit_kerja": self._unit_kerja_label(p.unit),
        }

    def _skp_row(self, s: _Skp) -> dict[str, Any]:
        p = s.pegawai
        atasan = p.penilai.penilai if p.penilai is not None else None
        return {
            "id": s.id,
            "deleted": False,
            "pegawai_id": p.id,
            "penilai_id": p.penilai.id if p.penilai is not None else None,
            "atasan_penilai_id": atasan.id if atasan is not None else None,
            "organisasi_id": p.unit.id,
            "tahun": self.tahun,
            "tanggal_mulai": date(self.tahun, 1, 1),
            "tanggal_selesai": date(self.tahun, 12, 31),
            "pendekatan": Pendekatan.KUANTITATIF,
            "jenis_jabatan": p.jenis_jabatan,
            "status": StatusSkp.DISETUJUI,
            "alasan_penolakan": None,
            "is_plt": False,
            "identitas": {
                "pegawai": self._identitas(p),
                "penilai": self._identitas(p.penilai),
                "atasan_penilai": self._identitas(atasan),
                "instansi": data.NAMA_PEMDA,
            },
            "diajukan_pada": s.diajukan,
            "disetujui_pada": s.disetujui,
        }

    def _perilaku_rows(self) -> Iterator[dict[str, Any]]:
        for s in self.skps:
            with self._bersama(s.pegawai, "perilaku"):
                rows = list(self._perilaku_of(s))
            yield from rows

    def _perilaku_of(self, s: _Skp) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for nilai in NilaiBerakhlak:
            teks = rng.choice(data.EKSPEKTASI[nilai]) if rng.random() < 0.5 else None
            yield {
                "id": self.new_id(),
                "deleted": False,
                "skp_id": s.id,
                "nilai": nilai,
                "ekspektasi_khusus": teks,
            }

    def _lampiran_rows(self) -> Iterator[dict[str, Any]]:
        for s in self.skps:
            with self._bersama(s.pegawai, "lampiran"):
                rows = list(self._lampiran_of(s))
            yield from rows

    def _lampiran_of(self, s: _Skp) -> Iterator[dict[str, Any]]:
        rng = self.rng
        sektor = s.pegawai.peran.sektor
        lines = {
            JenisLampiran.DUKUNGAN_SUMBER_DAYA: rng.sample(
                data.LAMPIRAN_SUMBER_DAYA[sektor], rng.randint(1, 2)
            ),
            JenisLampiran.SKEMA_PERTANGGUNGJAWABAN: rng.sample(
                data.LAMPIRAN_SKEMA[sektor], rng.randint(1, 2)
            ),
            JenisLampiran.KONSEKUENSI: rng.sample(data.LAMPIRAN_KONSEKUENSI, rng.randint(1, 2)),
        }
        for jenis, texts in lines.items():
            for urutan, uraian in enumerate(texts, start=1):
                yield {
                    "id": self.new_id(),
                    "deleted": False,
                    "skp_id": s.id,
                    "jenis": jenis,
                    "urutan": urutan,
                    "uraian": uraian,
                }

    def _rhk_row(self, s: _Skp, r: _Rhk) -> dict[str, Any]:
        jpt = s.pegawai.jenis_jabatan is JenisJabatan.JPT
        return {
            "id": r.id,
            "deleted": False,
            "skp_id": s.id,
            "jenis": r.jenis,
            "klasifikasi": KlasifikasiRhk.ORGANISASI if jpt else KlasifikasiRhk.INDIVIDU,
            "urutan": r.urutan,
            "uraian": r.uraian,
            "rhk_atasan_id": r.atasan_id,
            "penugasan_dari": r.penugasan,
        }

    def _indikator_row(self, r: _Rhk, i: _Indikator) -> dict[str, Any]:
        return {
            "id": i.id,
            "deleted": False,
            "rhk_id": r.id,
            "urutan": i.urutan,
            "aspek": i.aspek,
            "perspektif": i.perspektif,
            "uraian": i.uraian,
            "target_angka": i.target,
            "satuan": i.tpl.satuan,
            "target_teks": _target_teks(i.target, i.tpl.satuan),
            "polaritas": i.tpl.polaritas,
            "cara_agregasi": i.tpl.cara,
            "wajib_bukti": i.urutan == 1,
        }

    def _capaian_rows(self) -> Iterator[dict[str, Any]]:
        for unit in self.units:
            if unit.capaian is None:
                continue
            for index, nilai in enumerate(unit.capaian):
                periode = self.periode_bulan[index] if index < 12 else self.periode_tahun
                yield {
                    "id": self.new_id(),
                    "deleted": False,
                    "organisasi_id": unit.id,
                    "periode_id": periode,
                    "nilai": nilai,
                    "catatan": data.CATATAN_CAPAIAN.get(nilai.value) if index == 12 else None,
                }

    # ------------------------------------------------------------------ writing: the year's work
    def tulis_kinerja(self, session: Session, report: Callable[[str], None]) -> None:
        """Realisations, evidence, feedback and evaluations, pegawai by pegawai, in chunks."""
        buffers: dict[type[Synced], list[dict[str, Any]]] = {
            Realisasi: [],
            BuktiDukung: [],
            UmpanBalik: [],
            Evaluasi: [],
        }

        def flush(final: bool = False) -> None:
            if final or len(buffers[Realisasi]) >= _CHUNK:
                _tulis(session, Realisasi, buffers[Realisasi])
                _tulis(session, BuktiDukung, buffers[BuktiDukung])
                buffers[Realisasi], buffers[BuktiDukung] = [], []
            if final or len(buffers[UmpanBalik]) >= _CHUNK_EVALUASI:
                _tulis(session, UmpanBalik, buffers[UmpanBalik])
                buffers[UmpanBalik] = []
            if final or len(buffers[Evaluasi]) >= _CHUNK_EVALUASI:
                _tulis(session, Evaluasi, buffers[Evaluasi])
                buffers[Evaluasi] = []

        total = len(self.skps)
        for number, plan in enumerate(self.skps, start=1):
            if self.small and plan.pegawai.unit.kode == "SETDA":
                continue  # the Sekda's work is recorded by the Setda, not by this office
            self._kinerja(plan, buffers)
            flush()
            if number % 1000 == 0:
                report(_("{n} dari {total} pegawai").format(n=number, total=total))
        flush(final=True)

    def _kinerja(self, plan: _Skp, out: dict[type[Synced], list[dict[str, Any]]]) -> None:
        rng = self.rng
        person = plan.pegawai
        sektor = person.peran.sektor
        values: dict[str, list[tuple[int, Decimal]]] = {}
        first_realisasi: dict[tuple[str, int], str] = {}
        for r in plan.rhk:
            level = plan.level * rng.gauss(1, 0.02)
            for ind in r.indikator:
                series = self._nilai_bulanan(ind, level)
                values[ind.id] = []
                for month, value in enumerate(series, start=1):
                    if value is None:
                        continue
                    values[ind.id].append((month, value))
                    row_id = self.new_id()
                    out[Realisasi].append(
                        {
                            "id": row_id,
                            "deleted": False,
                            "indikator_id": ind.id,
                            "periode_id": self.periode_bulan[month - 1],
                            "nilai": value,
                            "uraian": None,
                            "sumber_data": ind.tpl.sumber or data.SUMBER_DATA[sektor],
                        }
                    )
                    if ind.urutan == 1:
                        first_realisasi[(r.id, month)] = row_id
        self._bukti(plan, first_realisasi, out[BuktiDukung])
        self._umpan_balik(plan, out[UmpanBalik])
        self._evaluasi(plan, values, out[Evaluasi])

    def _nilai_bulanan(self, ind: _Indikator, level: float) -> list[Decimal | None]:
        """Twelve monthly realisations around ``level`` × the monthly share of the target."""
        rng = self.rng
        tpl = ind.tpl
        target = float(ind.target)
        bias = level * rng.gauss(1, 0.025)
        series: list[Decimal | None] = []
        if tpl.cara is CaraAgregasi.JUMLAH:
            factor = bias if tpl.polaritas is Polaritas.NAIK else max(0.0, 2 - bias)
            total = 0.0
            previous = 0
            for _m in range(12):
                total += target / 12 * factor * max(0.3, rng.gauss(1, 0.08))
                current = round(total)
                series.append(Decimal(max(0, current - previous)))
                previous = max(previous, current)
        else:
            for _m in range(12):
                f = bias * rng.gauss(1, 0.03)
                value = target * f if tpl.polaritas is Polaritas.NAIK else target * (2 - f)
                if tpl.persen:
                    value = min(value, 100.0)
                series.append(_bulatkan(max(value, 0.0), target, tpl.satuan))
        for month in range(11):  # December is always there: the annual evaluation needs it
            if rng.random() < 0.02:
                series[month] = None
        return series

    def _bukti(
        self, plan: _Skp, first: dict[tuple[str, int], str], out: list[dict[str, Any]]
    ) -> None:
        rng = self.rng
        person = plan.pegawai
        chance = 0.5 if self.small else 0.2
        opd = next((u for u in person.unit.chain() if u.capaian is not None), person.unit)
        names = data.BUKTI[person.peran.sektor]
        for r in plan.rhk:
            for month in range(1, 13):
                realisasi_id = first.get((r.id, month))
                if realisasi_id is None or rng.random() >= chance:
                    continue
                base = rng.choice(names)
                out.append(
                    {
                        "id": self.new_id(),
                        "deleted": False,
                        "realisasi_id": realisasi_id,
                        "nama": f"{base} {BULAN[month - 1]} {self.tahun}",
                        "sha256": None,
                        "nama_file": None,
                        "ukuran": None,
                        "url": f"{data.DRIVE}/{opd.kode.lower()}/{self.tahun}/{month:02d}/"
                        f"{_slug(base).lower()}-{person.nip}-rhk{r.urutan}.pdf",
                    }
                )
        if person is self.contoh and plan.rhk:
            target = next((r for r in plan.rhk if r.tag == "imunisasi"), plan.rhk[0])
            for month, (label, name, sha, size) in enumerate(self.berkas, start=1):
                realisasi_id = first.get((target.id, month))
                if realisasi_id is None:
                    continue
                out.append(
                    {
                        "id": self.new_id(),
                        "deleted": False,
                        "realisasi_id": realisasi_id,
                        "nama": f"{label} {BULAN[month - 1]} {self.tahun} (berkas)",
                        "sha256": sha,
                        "nama_file": name,
                        "ukuran": size,
                        "url": None,
                    }
                )

    def _umpan_balik(self, plan: _Skp, out: list[dict[str, Any]]) -> None:
        rng = self.rng
        person = plan.pegawai
        if person.penilai is None:
            return  # the Bupati writes no feedback in this app
        months = sorted(rng.sample(range(1, 13), 5 if self.small else 2))
        for month in months:
            kind = rng.random()
            rhk_id: str | None = None
            nilai: NilaiBerakhlak | None = None
            if kind < 0.55:
                rhk_id = rng.choice(plan.rhk).id
                pool = (
                    data.UMPAN_BALIK_KURANG
                    if plan.hasil is Rating.DI_BAWAH
                    else data.UMPAN_BALIK_BAIK
                )
                teks = rng.choice(pool + umpan_balik.FRASA_UMUM[:2])
            elif kind < 0.9:
                nilai = rng.choice(list(NilaiBerakhlak))
                phrases = data.UMPAN_BALIK_PERILAKU[nilai]
                teks = phrases[-1] if plan.perilaku is Rating.DI_BAWAH else phrases[0]
            else:
                teks = rng.choice(umpan_balik.FRASA_UMUM)
            moment = datetime(
                self.tahun,
                month,
                rng.randint(5, 25),
                rng.randint(8, 15),
                rng.choice((0, 15, 30, 45)),
            )
            out.append(
                {
                    "id": self.new_id(),
                    "deleted": False,
                    "skp_id": plan.id,
                    "periode_id": self.periode_bulan[month - 1],
                    "rhk_id": rhk_id,
                    "nilai_berakhlak": nilai,
                    "teks": teks,
                    "penulis": person.penilai.nama_lengkap,
                    "dibuat_pada": self._cap(moment),
                }
            )

    # ------------------------------------------------------------------ evaluations
    def _evaluasi(
        self,
        plan: _Skp,
        values: dict[str, list[tuple[int, Decimal]]],
        out: list[dict[str, Any]],
    ) -> None:
        """Thirteen final evaluations, computed exactly as ``evaluasi._derive`` would."""
        rng = self.rng
        person = plan.pegawai
        cap_unit = self._capaian_unit(person.unit)
        annual: HasilKerjaDerivasi | None = None
        for month in range(1, 14):
            bulan = min(month, 12)
            if month == 13 and annual is not None:
                derived = annual  # the annual period sees the same twelve months as December
            else:
                derived = derivasi_hasil_kerja(
                    self._rhk_data(plan, values, bulan), bulan, 12, self.ambang, self.batas
                )
                if month == 12:
                    annual = derived
            capaian = None
            if cap_unit is not None and cap_unit.capaian is not None:
                capaian = cap_unit.capaian[month - 1]
            hasil = self._saran_hasil(person, derived, capaian, cap_unit)
            per_nilai = self._per_nilai(plan.perilaku)
            perilaku = saran_rating_perilaku(per_nilai)
            intended_hasil = plan.hasil
            if person.jenis_jabatan is JenisJabatan.JPT and hasil.rating is not None:
                intended_hasil = hasil.rating
            rating_hasil = self._pilih(hasil.rating, intended_hasil, plan.paksa)
            rating_perilaku = self._pilih(perilaku.rating, plan.perilaku, plan.paksa)
            predikat = tentukan_predikat(rating_hasil, rating_perilaku)
            if month == 13:
                periode_id = self.periode_tahun
                dinilai = datetime(self.tahun + 1, 1, rng.randint(2, 9), rng.randint(8, 15))
                catatan = _catatan(predikat.predikat)
                if (
                    self.contoh is None
                    and person.peran is data.BIDAN
                    and predikat.predikat is Predikat.BUTUH_PERBAIKAN
                ):
                    self.contoh = person
            else:
                periode_id = self.periode_bulan[month - 1]
                end = (
                    date(self.tahun, 12, 31)
                    if month == 12
                    else date(self.tahun, month + 1, 1) - timedelta(days=1)
                )
                dinilai = datetime(end.year, end.month, end.day, 10) + timedelta(
                    days=rng.randint(1, 6)
                )
                catatan = None
            out.append(
                {
                    "id": self.new_id(),
                    "deleted": False,
                    "skp_id": plan.id,
                    "periode_id": periode_id,
                    "saran_rating_hasil": hasil.rating,
                    "saran_rating_perilaku": perilaku.rating,
                    "rating_hasil": rating_hasil,
                    "rating_perilaku": rating_perilaku,
                    "rating_perilaku_nilai": {k.value: v.value for k, v in per_nilai.items()},
                    "predikat": predikat.predikat,
                    "capaian_organisasi": capaian,
                    "capaian_persen": derived.capaian_persen,
                    "catatan": catatan,
                    "status": StatusEvaluasi.FINAL,
                    "penjelasan": [
                        *hasil.explanation,
                        *perilaku.explanation,
                        *predikat.explanation,
                    ],
                    "dinilai_pada": self._cap(dinilai),
                }
            )

    def _rhk_data(
        self, plan: _Skp, values: dict[str, list[tuple[int, Decimal]]], bulan: int
    ) -> list[RhkData]:
        return [
            RhkData(
                r.id,
                r.uraian,
                r.jenis,
                tuple(
                    IndikatorData(
                        i.id,
                        i.uraian,
                        i.target,
                        i.tpl.polaritas,
                        i.tpl.cara,
                        tuple(v for m, v in values[i.id] if m <= bulan),
                    )
                    for i in r.indikator
                ),
            )
            for r in plan.rhk
        ]

    def _saran_hasil(
        self,
        person: _Pegawai,
        derived: HasilKerjaDerivasi,
        capaian: CapaianOrganisasi | None,
        cap_unit: _Unit | None,
    ) -> RatingSuggestion:
        """The suggested rating hasil kerja, worded exactly as ``evaluasi._derive`` words it."""
        if person.jenis_jabatan is not JenisJabatan.JPT:
            return RatingSuggestion(derived.saran.rating, derived.saran.explanation)
        if capaian is None or cap_unit is None:
            return RatingSuggestion(
                None,
                (
                    _(
                        "Rating hasil kerja JPT mengikuti capaian kinerja organisasi yang "
                        "dipimpin, yang belum ditetapkan untuk periode ini."
                    ),
                ),
            )
        jpt = rating_hasil_jpt(capaian, self.pemetaan)
        return RatingSuggestion(
            jpt.rating,
            (
                _("Capaian organisasi {unit}: {nilai}.").format(
                    unit=cap_unit.nama, nilai=capaian.label
                ),
                *jpt.explanation,
            ),
        )

    def _per_nilai(self, target: Rating) -> dict[NilaiBerakhlak, Rating]:
        """Per-value BerAKHLAK ratings that mostly support ``target`` as the overall rating."""
        rng = self.rng
        ratings = dict.fromkeys(NilaiBerakhlak, Rating.SESUAI)
        values = list(NilaiBerakhlak)
        if target is Rating.DI_ATAS:
            for index in rng.sample(range(7), rng.choice((4, 5, 5, 6))):
                ratings[values[index]] = Rating.DI_ATAS
        elif target is Rating.SESUAI:
            picks = rng.sample(range(7), rng.choice((0, 1, 1, 2, 3)) + 1)
            for index in picks[1:]:
                ratings[values[index]] = Rating.DI_ATAS
            if rng.random() < 0.1:
                ratings[values[picks[0]]] = Rating.DI_BAWAH
        else:
            for index in rng.sample(range(7), rng.choice((4, 4, 5))):
                ratings[values[index]] = Rating.DI_BAWAH
        return ratings

    def _pilih(self, saran: Rating | None, intended: Rating, paksa: bool) -> Rating:
        """The penilai's choice: usually the suggestion, sometimes one step from it."""
        if paksa or saran is None:
            return intended
        draw = self.rng.random()
        if saran is not intended and draw < 0.4:
            return _step(saran, intended)
        if draw > 0.97:
            return _step(saran, self.rng.choice((Rating.DI_ATAS, Rating.DI_BAWAH)))
        return saran

    def contoh_nip(self) -> str:
        """A pegawai whose derivation is worth explaining: a bidan, ideally below target."""
        person = self.contoh or (self.bidan[0] if self.bidan else self.staff[-1])
        return person.nip


# ----------------------------------------------------------------------------- helpers
def _tulis(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> None:
    """``bulk_create`` in chunks, after checking the rows carry every column of the table."""
    if not rows:
        return
    columns = {c.name for c in model.__table__.columns} - {"version"}  # type: ignore[attr-defined]
    if set(rows[0]) != columns:
        raise RuntimeError(
            f"demo rows for {model.__name__} do not match its columns: "
            f"missing {sorted(columns - set(rows[0]))}, extra {sorted(set(rows[0]) - columns)}"
        )
    size = _CHUNK_EVALUASI if model is Evaluasi else _CHUNK
    for start in range(0, len(rows), size):
        bulk_create(session, model, rows[start : start + size])


def _step(current: Rating, toward: Rating) -> Rating:
    """One step from ``current`` in the direction of ``toward`` (or ``current`` if equal)."""
    if toward.rank > current.rank:
        return Rating.DI_ATAS if current is Rating.SESUAI else Rating.SESUAI
    if toward.rank < current.rank:
        return Rating.DI_BAWAH if current is Rating.SESUAI else Rating.SESUAI
    return current


def _catatan(predikat: Predikat) -> str | None:
    if predikat is Predikat.SANGAT_BAIK:
        return "Kinerja sangat baik; diusulkan mengikuti seleksi pegawai berprestasi."
    if predikat.rank <= Predikat.BUTUH_PERBAIKAN.rank:
        return "Perlu rencana pengembangan kinerja dan pendampingan oleh pejabat penilai."
    return None


def _bulatkan(value: float, target: float, satuan: str) -> Decimal:
    """Round a rate the way people record it (half months, one or two decimals)."""
    if satuan == "Bulan":
        return Decimal(str(round(value * 2) / 2))
    if target >= 20:
        return Decimal(f"{value:.1f}")
    return Decimal(f"{value:.2f}")


def _target_teks(target: Decimal, satuan: str) -> str:
    """``95%``, ``120 Dokumen``, ``4,5%`` as printed on the SKP."""
    text = f"{target.normalize():f}".replace(".", ",")
    return f"{text}%" if satuan == "%" else f"{text} {satuan}"


def _topik(nama: str) -> str:
    """``Bidang Bina Marga`` → ``bina marga``: the subject a bidang's RHKs talk about."""
    words = nama.split()
    if words and words[0] in ("Bidang", "Bagian", "Sekretariat"):
        words = words[1:]
    if len(words) >= 2 and words[0] == "Inspektur" and words[1] == "Pembantu":
        words = ["pengawasan", *words[2:]]
    if not words:
        return "kesekretariatan"
    return " ".join(w if w.isupper() or any(c.isdigit() for c in w) else w.lower() for w in words)


def _slug(text: str) -> str:
    return "-".join("".join(c for c in w if c.isalnum()) for w in text.upper().split())


# ----------------------------------------------------------------------------- service flow
def _alur_layanan(ctx: ServiceContext, demo: _Demo) -> None:
    """One newly hired PPPK perawat through the real services, from registration to evaluation.

    This proves on demo data that the ordinary path (validation, cascading check, approval
    snapshot, realisation, evidence, feedback, evaluation with its derivation) works.
    """
    rng = demo.rng
    tahun = demo.tahun
    kapus = demo.kapus[0]
    assert kapus.skp is not None  # planned for every pegawai
    puskesmas = kapus.unit
    nip = demo.buat_nip(JenisPegawai.PPPK, "IX", True, baru=True)
    pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=nip,
            nama=demo.buat_nama(True),
            jenis_pegawai=JenisPegawai.PPPK,
            jabatan="Perawat Ahli Pertama",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode=puskesmas.kode,
            golongan="IX",
            jenis_kelamin=JenisKelamin.WANITA,
            gelar_belakang="S.Kep., Ners",
            jenjang="Ahli Pertama",
            penilai_nip=kapus.nip,
        ),
    )
    draft = skp.create_skp(ctx, nip=nip, tahun=tahun).value
    atasan = next((r for r in kapus.skp.rhk if r.tag == "mutu"), kapus.skp.rhk[0])
    rhk = skp.add_rhk(
        ctx,
        skp_id=draft.id,
        uraian=f"Terlaksananya asuhan keperawatan bagi pasien rawat jalan {puskesmas.nama}",
        rhk_atasan_id=atasan.id,
    ).value
    jumlah = skp.add_indikator(
        ctx,
        rhk_id=rhk.id,
        uraian="Jumlah pasien yang mendapat asuhan keperawatan",
        aspek=Aspek.KUANTITAS,
        target_angka=1200,
        satuan="Orang",
        target_teks="1200 Orang",
        cara_agregasi=CaraAgregasi.JUMLAH,
        wajib_bukti=True,
    ).value
    persen = skp.add_indikator(
        ctx,
        rhk_id=rhk.id,
        uraian="Persentase dokumentasi asuhan keperawatan yang lengkap",
        aspek=Aspek.KUALITAS,
        target_angka=90,
        satuan="%",
        target_teks="90%",
        cara_agregasi=CaraAgregasi.RATA_RATA,
    ).value
    skp.set_ekspektasi(
        ctx,
        skp_id=draft.id,
        nilai=NilaiBerakhlak.BERORIENTASI_PELAYANAN,
        teks="Melayani pasien dengan ramah dan menjelaskan tindakan keperawatan dengan jelas",
    )
    skp.set_ekspektasi(
        ctx,
        skp_id=draft.id,
        nilai=NilaiBerakhlak.KOMPETEN,
        teks="Menyelesaikan orientasi pegawai baru dan pelatihan pencegahan infeksi",
    )
    for jenis, uraian in (
        (JenisLampiran.DUKUNGAN_SUMBER_DAYA, "Alat kesehatan dan bahan medis habis pakai"),
        (JenisLampiran.SKEMA_PERTANGGUNGJAWABAN, data.LAMPIRAN_SKEMA["kesehatan"][0]),
        (JenisLampiran.KONSEKUENSI, data.LAMPIRAN_KONSEKUENSI[1]),
    ):
        skp.add_lampiran(ctx, skp_id=draft.id, jenis=jenis, uraian=uraian)
    skp.ajukan_skp(ctx, draft.id)
    skp.setujui_skp(ctx, draft.id)
    first_realisasi = ""
    for month in range(1, 13):
        kode = f"{tahun}-{month:02d}"
        count = realisasi.catat_realisasi(
            ctx,
            indikator_id=jumlah.id,
            periode_kode=kode,
            nilai=round(100 * rng.uniform(0.92, 1.1)),
            sumber_data=data.SUMBER_KESEHATAN,
        ).value
        realisasi.catat_realisasi(
            ctx,
            indikator_id=persen.id,
            periode_kode=kode,
            nilai=Decimal(f"{min(100.0, 90 * rng.uniform(0.95, 1.08)):.1f}"),
            sumber_data="Audit dokumentasi keperawatan",
        )
        if month == 1:
            first_realisasi = count.id
    realisasi.tambah_bukti(
        ctx,
        realisasi_id=first_realisasi,
        nama=f"Rekap asuhan keperawatan Januari {tahun}",
        url=f"{data.DRIVE}/dinkes/{tahun}/01/rekap-askep-{nip}.pdf",
    )
    umpan_balik.beri_umpan_balik(
        ctx,
        skp_id=draft.id,
        periode_kode=f"{tahun}-03",
        teks="Selamat bergabung; dokumentasi asuhan sudah rapi, pertahankan.",
        rhk_id=rhk.id,
        penulis=kapus.nama_lengkap,
    )
    per_nilai = {n.value: Rating.SESUAI.value for n in NilaiBerakhlak}
    per_nilai[NilaiBerakhlak.BERORIENTASI_PELAYANAN.value] = Rating.DI_ATAS.value
    saran_perilaku = saran_rating_perilaku(
        {NilaiBerakhlak(k): Rating(v) for k, v in per_nilai.items()}
    )
    for kode in [f"{tahun}-{m:02d}" for m in range(1, 13)] + [str(tahun)]:
        derivation = evaluasi.derivasi(ctx, nip=nip, periode_kode=kode)
        evaluasi.simpan_evaluasi(
            ctx,
            nip=nip,
            periode_kode=kode,
            rating_hasil=derivation.saran_rating_hasil or Rating.SESUAI,
            rating_perilaku=saran_perilaku.rating or Rating.SESUAI,
            rating_perilaku_nilai=per_nilai,
            final=True,
        )
