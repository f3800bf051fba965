"""The practice tour's service: a trainee only on training data, progress read from real work."""

import pytest

from app.errors import UserError
from app.scoring.identity import periksa_nip
from app.scoring.periode import CaraAgregasi
from app.scoring.types import Aspek, JenisPegawai, Predikat, Rating, StatusEvaluasi
from app.services import evaluasi, latihan, pegawai, realisasi, skp, umpan_balik
from app.services.context import ServiceContext
from app.services.setup import init_installation, store_setting
from tests.conftest import FIXED_NOW
from tests.helpers import NIP_KEPALA, build_team, snapshot


@pytest.fixture
def training(ctx: ServiceContext) -> ServiceContext:
    """A practice database: Dinas Kesehatan set up for training, with the helpers' team."""
    init_installation(
        ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026, lingkungan="training"
    )
    build_team(ctx)
    return ctx


def test_the_tour_never_touches_a_real_office_database(office: ServiceContext) -> None:
    build_team(office)
    before = snapshot(office.db)
    with pytest.raises(UserError, match="Mode Latihan"):
        latihan.mulai_tur(office)
    assert latihan.peserta_tur(office) is None
    assert snapshot(office.db) == before


def test_first_start_registers_a_trainee_under_the_busiest_penilai(
    training: ServiceContext,
) -> None:
    started = latihan.mulai_tur(training)
    peserta = started.value
    assert started.changes.pegawai and started.changes.pengaturan
    assert peserta.penilai_nip == NIP_KEPALA
    assert (peserta.tahun, peserta.periode_kode, peserta.periode_label) == (
        2026,
        "2026-01",
        "Januari 2026",
    )
    assert peserta.unit_kode == "PKM-01" and peserta.jabatan == "Perawat Terampil"
    check = periksa_nip(peserta.nip, JenisPegawai.PPPK, FIXED_NOW.date())
    assert check.ok and not check.warnings
    stored = pegawai.get_pegawai(training, peserta.nip)
    assert stored.penilai_nip == NIP_KEPALA and stored.nama == peserta.nama
    # Starting again (or after a restart of the program) resumes the same trainee.
    again = latihan.mulai_tur(training)
    assert again.value == peserta and not again.changes.any
    assert latihan.peserta_tur(training) == peserta
    progress = latihan.kemajuan_tur(training, peserta)
    assert progress.langkah == (False, False, False, False) and progress.skp_id is None


def test_progress_follows_the_work_done_through_the_services(training: ServiceContext) -> None:
    p = latihan.mulai_tur(training).value

    def steps() -> tuple[bool, bool, bool, bool]:
        return latihan.kemajuan_tur(training, p).langkah

    draft = skp.create_skp(training, nip=p.nip, tahun=p.tahun).value
    atasan = skp.rhk_atasan_options(training, draft.id)[0]
    rhk = skp.add_rhk(training, skp_id=draft.id, uraian=p.contoh_rhk, rhk_atasan_id=atasan.id)
    skp.add_indikator(
        training,
        rhk_id=rhk.value.id,
        uraian=p.contoh_indikator,
        aspek=Aspek.KUALITAS,
        target_angka=p.contoh_target,
        satuan=p.contoh_satuan,
        cara_agregasi=CaraAgregasi.RATA_RATA,
    )
    progress = latihan.kemajuan_tur(training, p)
    assert (progress.jumlah_rhk, progress.jumlah_indikator) == (1, 1)
    skp.ajukan_skp(training, draft.id)
    assert steps() == (False, False, False, False)  # submitted is not approved
    skp.setujui_skp(training, draft.id)
    assert steps() == (True, False, False, False)
    indikator = skp.get_skp(training, draft.id).rhk[0].indikator[0]
    # A value in another month does not complete the tour's month.
    realisasi.catat_realisasi(training, indikator_id=indikator.id, periode_kode="2026-02", nilai=1)
    assert steps() == (True, False, False, False)
    realisasi.catat_realisasi(
        training, indikator_id=indikator.id, periode_kode=p.periode_kode, nilai=p.contoh_realisasi
    )
    assert steps() == (True, True, False, False)
    umpan_balik.beri_umpan_balik(
        training, skp_id=draft.id, periode_kode=p.periode_kode, teks="Dokumentasi rapi."
    )
    assert steps() == (True, True, True, False)
    saran = evaluasi.derivasi(training, nip=p.nip, periode_kode=p.periode_kode)
    # The example (92 % against 90 %, averaged) suggests Sesuai Ekspektasi, not a capped 120 %.
    assert saran.saran_rating_hasil is Rating.SESUAI
    evaluasi.simpan_evaluasi(
        training,
        nip=p.nip,
        periode_kode=p.periode_kode,
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.SESUAI,
    )
    assert steps() == (True, True, True, False)  # a draft is not the end
    evaluasi.simpan_evaluasi(
        training,
        nip=p.nip,
        periode_kode=p.periode_kode,
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.SESUAI,
        final=True,
    )
    done = latihan.kemajuan_tur(training, p)
    assert done.langkah == (True, True, True, True)
    assert (done.status_evaluasi, done.predikat) == (StatusEvaluasi.FINAL, Predikat.BAIK)


def test_starting_again_registers_another_trainee_and_keeps_the_first(
    training: ServiceContext,
) -> None:
    first = latihan.mulai_tur(training).value
    skp.create_skp(training, nip=first.nip, tahun=first.tahun)
    second = latihan.mulai_tur(training, ulang=True).value
    assert second.nip != first.nip and second.nama != first.nama and second.ke == 2
    assert latihan.peserta_tur(training) == second
    assert latihan.kemajuan_tur(training, second).skp_id is None
    assert latihan.kemajuan_tur(training, first).skp_id is not None  # earlier work kept


def test_a_forgotten_trainee_is_replaced(training: ServiceContext) -> None:
    with training.write("uji") as session:
        store_setting(session, latihan.PESERTA, {"nip": "199001012020122001", "ke": 3}, 0)
    peserta = latihan.mulai_tur(training).value
    assert peserta.ke == 4 and pegawai.get_pegawai(training, peserta.nip).nama == peserta.nama


def test_no_penilai_with_an_approved_skp_refuses_and_changes_nothing(
    ctx: ServiceContext,
) -> None:
    init_installation(
        ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026, lingkungan="training"
    )
    before = snapshot(ctx.db)
    with pytest.raises(UserError, match="pejabat penilai"):
        latihan.mulai_tur(ctx)
    assert snapshot(ctx.db) == before
