"""Small helpers for tests: database snapshots to prove that failures change nothing."""

from sqlalchemy import inspect, text

from app.models.db import Database


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: equal snapshots mean an unchanged database."""
    result = {}
    with db.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).fetchall()
            result[table] = sorted((tuple(r) for r in rows), key=repr)
    return result


from dataclasses import dataclass  # noqa: E402

from app.scoring.periode import CaraAgregasi  # noqa: E402
from app.scoring.types import Aspek, JenisJabatan, JenisOrganisasi, JenisPegawai  # noqa: E402
from app.services import organisasi, pegawai, skp  # noqa: E402
from app.services.context import ServiceContext  # noqa: E402
from app.services.dto import IndikatorDTO, PegawaiDTO, RhkDTO, SkpDTO  # noqa: E402

NIP_KADIS = "196805121994031003"
NIP_KEPALA = "197501012000031002"
NIP_BIDAN = "199002152015032001"
NIP_PERAWAT = "199203102019031004"


@dataclass(frozen=True)
class Team:
    """A kepala puskesmas (rated by the kepala dinas) and a bidan with approved, cascaded SKPs."""

    kepala: PegawaiDTO
    bidan: PegawaiDTO
    skp_kepala: SkpDTO
    skp_bidan: SkpDTO
    rhk_kepala: RhkDTO
    rhk_bidan: RhkDTO
    jumlah: IndikatorDTO  # counted: 120 bayi per year
    persen: IndikatorDTO  # rate: 95 % coverage, latest value counts


def build_team(ctx: ServiceContext, *, target: str = "120") -> Team:
    """Organisation, two staff and two approved SKPs, through the real services."""
    organisasi.create_organisasi(
        ctx,
        kode="PKM-01",
        nama="UPT Puskesmas Sabangau Kota",
        jenis=JenisOrganisasi.PUSKESMAS,
        induk_kode="DINKES",
    )
    pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=NIP_KADIS,
            nama="Hendra Wijaya",
            gelar_depan="dr.",
            gelar_belakang="M.Kes",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Kepala Dinas Kesehatan",
            jenis_jabatan=JenisJabatan.JPT,
            organisasi_kode="DINKES",
            golongan="IV/c",
        ),
    )
    kepala = pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=NIP_KEPALA,
            nama="Budi Santoso",
            gelar_depan="dr.",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Kepala UPT Puskesmas Sabangau Kota",
            jenis_jabatan=JenisJabatan.PENGAWAS,
            organisasi_kode="PKM-01",
            golongan="III/d",
            penilai_nip=NIP_KADIS,
        ),
    ).value
    bidan = pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=NIP_BIDAN,
            nama="Siti Rahmawati",
            gelar_belakang="A.Md.Keb",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Bidan Terampil",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="PKM-01",
            golongan="II/c",
            penilai_nip=NIP_KEPALA,
        ),
    ).value
    skp_kepala = skp.create_skp(ctx, nip=NIP_KEPALA, tahun=2026).value
    rhk_kepala = skp.add_rhk(
        ctx,
        skp_id=skp_kepala.id,
        uraian="Meningkatnya cakupan imunisasi dasar lengkap",
        penugasan_dari="Kepala Dinas Kesehatan",
    ).value
    skp.add_indikator(
        ctx,
        rhk_id=rhk_kepala.id,
        uraian="Persentase bayi dengan imunisasi dasar lengkap",
        aspek=Aspek.KUALITAS,
        target_angka="95",
        satuan="%",
        cara_agregasi=CaraAgregasi.TERAKHIR,
    )
    skp.ajukan_skp(ctx, skp_kepala.id)
    skp.setujui_skp(ctx, skp_kepala.id)
    skp_bidan = skp.create_skp(ctx, nip=NIP_BIDAN, tahun=2026).value
    rhk_bidan = skp.add_rhk(
        ctx,
        skp_id=skp_bidan.id,
        uraian="Terlaksananya imunisasi bayi di wilayah kerja",
        rhk_atasan_id=rhk_kepala.id,
    ).value
    jumlah = skp.add_indikator(
        ctx,
        rhk_id=rhk_bidan.id,
        uraian="Jumlah bayi yang diimunisasi",
        aspek=Aspek.KUANTITAS,
        target_angka=target,
        satuan="bayi",
    ).value
    persen = skp.add_indikator(
        ctx,
        rhk_id=rhk_bidan.id,
        uraian="Persentase bayi diimunisasi tepat jadwal",
        aspek=Aspek.KUALITAS,
        target_angka="95",
        satuan="%",
        cara_agregasi=CaraAgregasi.TERAKHIR,
    ).value
    skp.ajukan_skp(ctx, skp_bidan.id)
    skp_bidan = skp.setujui_skp(ctx, skp_bidan.id).value
    return Team(kepala, bidan, skp_kepala, skp_bidan, rhk_kepala, rhk_bidan, jumlah, persen)
