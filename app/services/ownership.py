"""Who owns a record: the office of the employee's unit for that period (sync.md §4.2, §4.11).

An office (dinas) owns its units' staff and their targets, realisations, feedback and
evaluations. A transfer (mutasi) recorded by BKD moves ownership *per period*: the old office
keeps the periods before the effective date, the new office owns them from that date. The
same rule is applied twice: by BKD's merge (an office's op outside its ownership becomes an
``OUT_OF_SCOPE`` conflict) and by the office's own services once it knows of the transfer
(the employee's later periods are read-only there), so both sides agree.

The resolver works on plain dictionaries (rows as JSON values) handed to it, so the merge can
feed it preloaded rows and rows created earlier in the same package without extra queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import LockedError
from app.i18n import _
from app.models import Instalasi, Mutasi, Organisasi, Pegawai, Periode
from app.services.lookup import installation

# entity -> (column holding the parent's id, parent entity); walked up to the pegawai.
PARENT: dict[str, tuple[str, str]] = {
    "bukti_dukung": ("realisasi_id", "realisasi"),
    "realisasi": ("indikator_id", "indikator"),
    "indikator": ("rhk_id", "rhk"),
    "rhk": ("skp_id", "skp"),
    "perilaku_skp": ("skp_id", "skp"),
    "lampiran_skp": ("skp_id", "skp"),
    "umpan_balik": ("skp_id", "skp"),
    "evaluasi": ("skp_id", "skp"),
    "skp": ("pegawai_id", "pegawai"),
}
BKD_ONLY = frozenset({"mutasi", "katalog_indikator"})

Row = dict[str, Any]
Lookup = Callable[[str, str], Row | None]


@dataclass(frozen=True)
class Transfer:
    """One mutasi as the resolver needs it."""

    tanggal_berlaku: date
    organisasi_asal_id: str
    organisasi_tujuan_id: str


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


class Ownership:
    """Resolves the owning office of rows, given organisation tree, periods and transfers.

    ``offices`` are the office codes that count as owners (at BKD: every enrolled office; at an
    office: its own code). An organisation belongs to the nearest ancestor-or-self whose kode
    is one of them; units outside every office (the pemda root, SETDA in a one-office demo)
    have no owner, and rows under them are not restricted.
    """

    def __init__(
        self,
        orgs: dict[str, tuple[str, str | None]],
        offices: Iterable[str],
        periods: dict[str, date],
        transfers: dict[str, list[Transfer]],
    ) -> None:
        self.orgs = orgs  # id -> (kode, induk_id)
        self.offices = frozenset(offices)
        self.periods = periods  # id -> tanggal_mulai
        self.transfers = {
            k: sorted(v, key=lambda t: t.tanggal_berlaku) for k, v in transfers.items()
        }
        self._memo: dict[str, str | None] = {}

    @classmethod
    def load(cls, session: Session, offices: Iterable[str]) -> Ownership:
        """Read the (small) organisation, period and transfer tables once."""
        orgs = {
            row.id: (row.kode, row.induk_id)
            for row in session.execute(
                select(Organisasi.id, Organisasi.kode, Organisasi.induk_id).where(
                    Organisasi.deleted.is_(False)
                )
            )
        }
        periods = {
            row.id: row.tanggal_mulai
            for row in session.execute(select(Periode.id, Periode.tanggal_mulai))
        }
        transfers: dict[str, list[Transfer]] = {}
        for m in session.scalars(select(Mutasi).where(Mutasi.deleted.is_(False))):
            transfers.setdefault(m.pegawai_id, []).append(
                Transfer(m.tanggal_berlaku, m.organisasi_asal_id, m.organisasi_tujuan_id)
            )
        return cls(orgs, offices, periods, transfers)

    # -- facts learnt while merging (rows created earlier in the same package)
    def note_org(self, org_id: str, kode: str, induk_id: str | None) -> None:
        """Add or change one organisation (the memo is cleared: ancestry may have changed)."""
        self.orgs[org_id] = (kode, induk_id)
        self._memo.clear()

    def note_period(self, period_id: str, start: date) -> None:
        """Add one period created earlier in the same package."""
        self.periods[period_id] = start

    def note_transfer(self, pegawai_id: str, transfer: Transfer) -> None:
        """Add one transfer (BKD recording it, or an office applying BKD's master data)."""
        items = [*self.transfers.get(pegawai_id, []), transfer]
        self.transfers[pegawai_id] = sorted(items, key=lambda t: t.tanggal_berlaku)

    # -- resolution
    def office_of_org(self, org_id: str | None) -> str | None:
        """The office a unit belongs to, or None when it lies outside every office."""
        if org_id is None:
            return None
        if org_id in self._memo:
            return self._memo[org_id]
        seen: set[str] = set()
        current: str | None = org_id
        found: str | None = None
        while current is not None and current not in seen and current in self.orgs:
            seen.add(current)
            kode, induk = self.orgs[current]
            if kode in self.offices:
                found = kode
                break
            current = induk
        self._memo[org_id] = found
        return found

    def unit_on(self, pegawai_id: str, current_org: str | None, on: date | None) -> str | None:
        """The employee's unit on ``on`` (None: now) according to the recorded transfers."""
        transfers = self.transfers.get(pegawai_id)
        if not transfers or on is None:
            return current_org
        unit = transfers[0].organisasi_asal_id
        for t in transfers:
            if t.tanggal_berlaku <= on:
                unit = t.organisasi_tujuan_id
        return unit

    def owner(self, entity: str, row: Row, lookup: Lookup) -> tuple[str | None, date | None]:
        """Owning office of ``row`` of ``entity`` (full row, JSON values) and the date used.

        Walks parent links (realisasi -> indikator -> rhk -> skp -> pegawai) through
        ``lookup``; the first period met (or the SKP's start) dates the ownership. A missing
        parent gives no owner: the database's own foreign keys judge that case.
        """
        if entity == "organisasi":
            kode = row.get("kode")
            if isinstance(kode, str) and kode in self.offices:
                return kode, None
            return self.office_of_org(row.get("induk_id")), None
        if entity == "capaian_organisasi":
            return self.office_of_org(row.get("organisasi_id")), None
        pegawai, on = self._walk(entity, row, lookup)
        if pegawai is None:
            return None, on
        unit = self.unit_on(str(pegawai.get("id")), pegawai.get("organisasi_id"), on)
        return self.office_of_org(unit), on

    def _walk(self, entity: str, row: Row, lookup: Lookup) -> tuple[Row | None, date | None]:
        """The pegawai row above ``row`` and the date of the first period on the way."""
        on: date | None = None
        current: Row | None = row
        name = entity
        while current is not None and name != "pegawai":
            if on is None and current.get("periode_id") is not None:
                on = self.periods.get(str(current["periode_id"]))
            if on is None and name == "skp":
                on = _as_date(current.get("tanggal_mulai"))
            link = PARENT.get(name)
            parent_id = current.get(link[0]) if link is not None else None
            if link is None or parent_id is None:
                return None, on
            current, name = lookup(link[1], str(parent_id)), link[1]
        return current, on


# ----------------------------------------------------------------------------- office side
def ensure_writable(session: Session, pegawai: Pegawai, on: date) -> None:
    """Refuse an office's write on an employee's period that belongs to another office.

    Only a transfer recorded by BKD (received in a reverse package) makes periods read-only;
    BKD itself may always write (its corrections travel back to the offices).

    Raises:
        LockedError: the employee was transferred out before ``on``.
    """
    inst: Instalasi = installation(session)
    if inst.peran == "bkd":
        return
    rows = session.scalars(
        select(Mutasi).where(Mutasi.pegawai_id == pegawai.id, Mutasi.deleted.is_(False))
    ).all()
    if not rows:
        return
    resolver = Ownership.load(session, [inst.kode_kantor])
    unit = resolver.unit_on(pegawai.id, pegawai.organisasi_id, on)
    if resolver.office_of_org(unit) == inst.kode_kantor:
        return
    earlier = [r for r in rows if r.tanggal_berlaku <= on]
    if not earlier:
        first = min(rows, key=lambda r: r.tanggal_berlaku)
        raise LockedError(
            _(
                "{nama} baru dimutasi ke kantor ini sejak {tanggal}. Data periode sebelum tanggal "
                "itu milik kantor asal dan hanya dapat dibaca di sini."
            ).format(nama=pegawai.nama, tanggal=first.tanggal_berlaku.isoformat()),
            field="pegawai",
        )
    last = max(earlier, key=lambda r: r.tanggal_berlaku)
    target = session.get(Organisasi, last.organisasi_tujuan_id)
    raise LockedError(
        _(
            "{nama} telah dimutasi ke {unit} sejak {tanggal} (dicatat BKD). Data periode sejak "
            "tanggal itu milik kantor tujuan dan hanya dapat dibaca di kantor ini."
        ).format(
            nama=pegawai.nama,
            unit=target.nama if target is not None else last.organisasi_tujuan_id,
            tanggal=last.tanggal_berlaku.isoformat(),
        ),
        field="pegawai",
    )


def transferred_out(session: Session, kode_kantor: str) -> set[str]:
    """Ids of employees a recorded transfer moved out of office ``kode_kantor``.

    Their master data now belongs to another office: the office's own checks (penilai,
    unrated periods) must not hold its export hostage to records it may no longer change.
    """
    moved = set(session.scalars(select(Mutasi.pegawai_id).where(Mutasi.deleted.is_(False))))
    if not moved:
        return set()
    resolver = Ownership.load(session, [kode_kantor])
    return {
        pegawai_id
        for pegawai_id, org in session.execute(
            select(Pegawai.id, Pegawai.organisasi_id).where(Pegawai.id.in_(moved))
        )
        if resolver.office_of_org(org) != kode_kantor
    }


def outside_office(session: Session) -> set[str]:
    """(Office) Ids of employees whose current unit lies outside this office.

    The office keeps them only as references: the Sekda it cascades from, staff BKD moved to
    another office. Its own checks (penilai, unrated periods) are not about them. At BKD
    nobody is outside.
    """
    inst: Instalasi = installation(session)
    if inst.peran == "bkd":
        return set()
    resolver = Ownership.load(session, [inst.kode_kantor])
    return {
        pegawai_id
        for pegawai_id, org in session.execute(
            select(Pegawai.id, Pegawai.organisasi_id).where(Pegawai.deleted.is_(False))
        )
        if resolver.office_of_org(org) != inst.kode_kantor
    }
