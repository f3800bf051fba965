"""Per-record sync state at an office (sync.md §4.13): LOKAL, TERKIRIM, DITERIMA, KONFLIK.

Shown as badges so an operator sees at a glance what BKD already has. The state of a record is
that of its newest change: not yet in any exported package (LOKAL), exported but not yet
acknowledged (TERKIRIM), refused into BKD's conflict queue and still open there (KONFLIK), or
settled (DITERIMA). Rows that never changed here came from BKD and count as DITERIMA.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import HasilOp, OutboxOp, PaketKeluar
from app.services.lookup import chunked

LOKAL, TERKIRIM, DITERIMA, KONFLIK = "LOKAL", "TERKIRIM", "DITERIMA", "KONFLIK"
URUTAN = {DITERIMA: 0, TERKIRIM: 1, LOKAL: 2, KONFLIK: 3}
"""Which state wins when several records are summed up in one badge (the most urgent)."""


def status_baris(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """The sync state of each row id (any synced table; ids are UUIDs, unique across tables)."""
    wanted = sorted(set(ids))
    exported = session.scalar(select(func.max(PaketKeluar.op_akhir))) or 0
    newest: dict[str, tuple[int, str, bool]] = {}
    for chunk in chunked(wanted):
        for row_id, counter, op_id, acked in session.execute(
            select(OutboxOp.entitas_id, OutboxOp.counter, OutboxOp.op_id, OutboxOp.diakui).where(
                OutboxOp.entitas_id.in_(chunk)
            )
        ):
            if row_id not in newest or counter > newest[row_id][0]:
                newest[row_id] = (counter, op_id, acked)
    pending = [op_id for _c, op_id, acked in newest.values() if not acked]
    open_conflicts: set[str] = set()
    for chunk in chunked(pending):
        open_conflicts.update(
            session.scalars(
                select(HasilOp.op_id).where(
                    HasilOp.op_id.in_(chunk),
                    HasilOp.hasil == "konflik",
                    (HasilOp.status_konflik.is_(None)) | (HasilOp.status_konflik == "TERBUKA"),
                )
            )
        )
    states: dict[str, str] = {}
    for row_id in wanted:
        found = newest.get(row_id)
        if found is None or found[2]:
            states[row_id] = DITERIMA
        elif found[1] in open_conflicts:
            states[row_id] = KONFLIK
        elif found[0] > exported:
            states[row_id] = LOKAL
        else:
            states[row_id] = TERKIRIM
    return states


def terburuk(states: Iterable[str]) -> str:
    """The most urgent of several states (for one badge over a record and its children)."""
    return max(states, key=URUTAN.__getitem__, default=DITERIMA)
