"""SQLAlchemy 2 ORM of Capaian; importing this package registers every table on ``Base``."""

from app.models.base import Base, Synced, new_id, reference_id
from app.models.performance import (
    BuktiDukung,
    Evaluasi,
    Indikator,
    LampiranSkp,
    PerilakuSkp,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from app.models.reference import (
    CapaianOrganisasiUnit,
    Instalasi,
    Organisasi,
    Pegawai,
    Pengaturan,
    Periode,
)
from app.models.sync_state import (
    ButirBalasan,
    HasilOp,
    InstalasiTerdaftar,
    Konflik,
    KunciBkd,
    OpTerapan,
    PaketBalasanKeluar,
    PaketBalasanMasuk,
    PaketKeluar,
    PaketMasuk,
)
from app.models.trust import AuditLog, OutboxOp

__all__ = [
    "AuditLog",
    "Base",
    "BuktiDukung",
    "ButirBalasan",
    "CapaianOrganisasiUnit",
    "Evaluasi",
    "HasilOp",
    "Indikator",
    "Instalasi",
    "InstalasiTerdaftar",
    "Konflik",
    "KunciBkd",
    "LampiranSkp",
    "OpTerapan",
    "Organisasi",
    "OutboxOp",
    "PaketBalasanKeluar",
    "PaketBalasanMasuk",
    "PaketKeluar",
    "PaketMasuk",
    "Pegawai",
    "Pengaturan",
    "PerilakuSkp",
    "Periode",
    "Realisasi",
    "Rhk",
    "Skp",
    "Synced",
    "UmpanBalik",
    "new_id",
    "reference_id",
]
