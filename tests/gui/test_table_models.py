"""Every table model through qtmodeltester, plus lazy fetching, filtering and sorting."""

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.scoring.types import (
    Aspek,
    CapaianOrganisasi,
    Granularitas,
    JenisJabatan,
    NilaiBerakhlak,
    Polaritas,
    Predikat,
    StatusEvaluasi,
    StatusSkp,
)
from app.services.dto import IndikatorDTO, PeriodeDTO, RealisasiDTO, UmpanBalikDTO
from app.services.tampilan import PegawaiStatusDTO, UnitRingkasanDTO
from app.views.pegawai.realisasi_tab import Line, RealisasiGridModel
from app.views.table_models import (
    BATCH,
    StaffTableModel,
    UmpanBalikTableModel,
    UnitSummaryTableModel,
)


def staff(n: int) -> list[PegawaiStatusDTO]:
    statuses = [None, StatusSkp.DRAFT, StatusSkp.DISETUJUI, StatusSkp.DITOLAK]
    return [
        PegawaiStatusDTO(
            id=f"p{i}",
            nip=f"19900101202001{i % 10000:04d}",
            nama=f"Pegawai {i:05d}",
            jabatan="Bidan Terampil" if i % 2 else "Perawat Ahli Pertama",
            jenis_jabatan=JenisJabatan.FUNGSIONAL if i % 3 else JenisJabatan.PELAKSANA,
            organisasi_kode=f"UNIT-{i % 7}",
            organisasi_nama=f"Unit {i % 7}",
            skp_id=None if i % 4 == 0 else f"s{i}",
            status_skp=statuses[i % 4],
            status_evaluasi=StatusEvaluasi.FINAL if i % 5 == 0 else None,
            predikat=Predikat.BAIK if i % 5 == 0 else None,
        )
        for i in range(n)
    ]


def test_staff_model_is_lazy_and_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = StaffTableModel()
    model.set_rows(staff(1200))
    assert model.rowCount() == BATCH  # only the first batch is exposed
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 1200
    assert not model.canFetchMore(QModelIndex())
    assert model.data(model.index(0, 0)) == "Pegawai 00000"
    assert model.data(model.index(0, 1)) == "Belum ada"
    assert model.data(model.index(0, 2)) == "Final"
    assert model.data(model.index(0, 3)) == "BAIK"
    assert model.headerData(4, Qt.Orientation.Horizontal) == "NIP"


def test_staff_filter_and_sort_work_on_all_rows_not_only_fetched(
    qtmodeltester: ModelTester,
) -> None:
    model = StaffTableModel()
    model.set_rows(staff(2000))
    model.set_filter(lambda r: r.nama.endswith("1999"))
    assert model.total == 1 and model.rowCount() == 1  # row 1999 was never fetched before
    model.set_filter(lambda r: r.status_skp is StatusSkp.DITOLAK)
    assert model.total == 500
    qtmodeltester.check(model)
    model.set_filter(None)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "Pegawai 01999"
    assert model.find(lambda r: r.id == "p0") == 1999
    assert model.rowCount() == 2000  # find fetched up to the row
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).predikat is Predikat.BAIK


def test_feedback_and_unit_models(qtmodeltester: ModelTester) -> None:
    feedback = UmpanBalikTableModel()
    feedback.rhk_names = {"r1": "Terlaksananya imunisasi"}
    feedback.set_rows(
        [
            UmpanBalikDTO("u1", "2026-03", "r1", None, "Bagus", "Budi", datetime(2026, 3, 5, 9)),
            UmpanBalikDTO(
                "u2",
                "2026-04",
                None,
                NilaiBerakhlak.AKUNTABEL,
                "Tepat waktu",
                "Budi",
                datetime(2026, 4, 2, 9),
            ),
        ]
    )
    qtmodeltester.check(feedback)
    assert feedback.data(feedback.index(0, 0)) == "5 Maret 2026"
    assert feedback.data(feedback.index(0, 2)) == "RHK: Terlaksananya imunisasi"
    assert feedback.data(feedback.index(1, 2)) == "Perilaku: Akuntabel"
    units = UnitSummaryTableModel()
    units.set_rows(
        [
            UnitRingkasanDTO(
                "DINKES",
                "Dinas Kesehatan",
                None,
                0,
                1234,
                617,
                600,
                Decimal("97.5"),
                CapaianOrganisasi.BAIK,
            ),
            UnitRingkasanDTO("PKM", "Puskesmas", "DINKES", 1, 0, 0, 0, None, None),
        ]
    )
    qtmodeltester.check(units)
    assert units.data(units.index(0, 1)) == "1.234"
    assert units.data(units.index(0, 4)) == "50%"
    assert units.data(units.index(0, 5)) == "97,5%"
    assert units.data(units.index(1, 0)) == "    Puskesmas"
    assert units.data(units.index(1, 4)) == "-"


def test_realisation_grid_model(qtmodeltester: ModelTester) -> None:
    model = RealisasiGridModel()
    indikator = IndikatorDTO(
        "i1",
        1,
        Aspek.KUANTITAS,
        None,
        "Jumlah bayi",
        Decimal(120),
        "bayi",
        None,
        Polaritas.NAIK,
        "JUMLAH",
        False,
    )
    periods = [
        PeriodeDTO(
            f"p{m}",
            f"2026-{m:02d}",
            f"Bulan {m}",
            2026,
            Granularitas.BULANAN,
            date(2026, m, 1),
            date(2026, m, 28),
            m == 1,
        )
        for m in (1, 2, 3)
    ]
    model.set_grid(
        [Line("RHK", indikator)],
        periods,
        (RealisasiDTO("r2", "i1", "2026-02", Decimal("1234.5"), None, None, 1),),
        True,
    )
    qtmodeltester.check(model)
    assert model.columnCount() == 6
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Jan"
    assert model.data(model.index(0, 1)) == "120 bayi"
    assert model.data(model.index(0, 4)) == "1.234,5"
    assert not model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable  # locked January
    assert model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    requested = []
    model.edit_requested.connect(lambda r, c, v: requested.append((r, c, v)))
    rejected = []
    model.input_rejected.connect(rejected.append)
    assert model.setData(model.index(0, 5), "2.000,25")
    assert requested == [(0, 5, Decimal("2000.25"))]
    assert not model.setData(model.index(0, 5), "dua")
    assert "bukan angka" in str(rejected[0])
    assert not model.setData(model.index(0, 3), "5")  # locked period
