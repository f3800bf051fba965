"""Change capture: every write leaves an op in the sync outbox and a link in the audit chain.

The capture runs inside SQLAlchemy's flush (``before_flush``) of :class:`CapturingSession`, the
only session class the services use, so no use case can write around it: a flush without a
:class:`ChangeContext` (who and when) is refused, physical deletes of synced rows are refused
(tombstones only), and bulk loads go through :func:`bulk_create`, which writes the same ops.
The op counter lives on the single ``instalasi`` row, locked for update, so the counter, the op
and the business row move in one transaction on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Mapper, Session, UOWTransaction, class_mapper
from sqlalchemy.orm.attributes import instance_state

from app.models.base import Base, Synced
from app.models.reference import Instalasi, Pengaturan
from app.models.trust import AuditLog, OutboxOp

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class ChangeContext:
    """Who is writing, when, and as part of which user action (for ops and the audit log)."""

    actor: str
    now: datetime
    action: str


def json_value(value: Any) -> Any:
    """A column value as it appears in ops and audit entries (decimals as strings, sync.md §4.4)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        # One spelling per number ("95.5", "100"), whatever the backend returns, so BKD's
        # compare-and-set sees equal values as equal.
        return f"{value.normalize():f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def canonical_json(value: Any) -> str:
    """Deterministic JSON used for hashes: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def audit_hash(previous: str, entry: dict[str, Any]) -> str:
    """Chain ``entry``: SHA-256 over the previous hash and the entry's canonical JSON."""
    return hashlib.sha256(f"{previous}\n{canonical_json(entry)}".encode()).hexdigest()


def audit_payload(row: AuditLog) -> dict[str, Any]:
    """The fields of an audit row that its hash covers."""
    return {
        "seq": row.seq,
        "waktu": json_value(row.waktu),
        "pelaku": row.pelaku,
        "aksi": row.aksi,
        "perintah": row.perintah,
        "entitas": row.entitas,
        "entitas_id": row.entitas_id,
        "sebelum": row.sebelum,
        "sesudah": row.sesudah,
        "op_id": row.op_id,
        "hash_sebelumnya": row.hash_sebelumnya,
    }


_SKIPPED = frozenset({"id", "version"})


def _synced_columns(mapper: Mapper[Any]) -> list[str]:
    return [attr.key for attr in mapper.column_attrs if attr.key not in _SKIPPED]


def row_values(obj: Synced) -> dict[str, Any]:
    """All synced field values of ``obj`` as JSON-ready values."""
    mapper = instance_state(obj).mapper
    return {key: json_value(getattr(obj, key)) for key in _synced_columns(mapper)}


def natural_key(obj: Synced) -> dict[str, Any]:
    """The human-readable identity of a row, per its ``__natural_key__``."""
    return {key: json_value(getattr(obj, key)) for key in type(obj).__natural_key__}


def _apply_python_defaults(obj: Synced) -> None:
    """Fill column defaults now, so the op of a new row carries its real initial values."""
    mapper = instance_state(obj).mapper
    for column in mapper.columns:
        default = column.default
        key = mapper.get_property_by_column(column).key
        if default is None or getattr(obj, key) is not None:
            continue
        if default.is_scalar:
            setattr(obj, key, default.arg)  # type: ignore[attr-defined]
        elif default.is_callable:
            setattr(obj, key, default.arg(None))  # type: ignore[attr-defined]


_TABLE_ORDER = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}


def _table_rank(obj: object) -> int:
    return _TABLE_ORDER.get(instance_state(obj).mapper.local_table.name, 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Change:
    """One row change, before it is numbered."""

    kind: str  # create | update | delete
    entity: str
    row_id: str
    key: dict[str, Any]
    base: str | None
    before: dict[str, Any] | None
    after: dict[str, Any]


class Recorder:
    """Numbers ops and links audit entries within one transaction; collects the rows to insert.

    Used by the flush hook, by :func:`bulk_create`, and by the BKD importer, which applies other
    installations' ops with Core statements and records them in its own audit chain.
    """

    def __init__(self, session: Session, context: ChangeContext) -> None:
        self.session = session
        self.context = context
        # Lock the installation row: concurrent writers (two BKD operators on PostgreSQL) queue
        # here instead of reading the same counter. SQLite ignores FOR UPDATE; its writes are
        # already serialised by BEGIN IMMEDIATE.
        self.installation = session.scalars(
            select(Instalasi).with_for_update().execution_options(populate_existing=True)
        ).one()
        last = session.execute(
            select(AuditLog.seq, AuditLog.hash).order_by(AuditLog.seq.desc()).limit(1)
        ).first()
        self.audit_seq, self.audit_last = (last[0], last[1]) if last else (0, GENESIS_HASH)
        self.ops: list[dict[str, Any]] = []
        self.audits: list[dict[str, Any]] = []

    def record(self, change: _Change, *, audit: bool = True) -> str:
        """Queue the op for ``change`` (and its audit entry); return the new op id."""
        self.installation.op_counter += 1
        counter = self.installation.op_counter
        op_id = f"{self.installation.id}:{counter}"
        self.ops.append(
            {
                "counter": counter,
                "op_id": op_id,
                "jenis": change.kind,
                "entitas": change.entity,
                "entitas_id": change.row_id,
                "kunci_alami": change.key,
                "base": change.base,
                "sebelum": change.before,
                "sesudah": change.after,
                "pelaku": self.context.actor,
                "waktu": self.context.now,
                "diakui": False,
            }
        )
        if audit:
            self.audit(
                change.kind,
                change.entity,
                change.row_id,
                before=change.before,
                after=change.after,
                op_id=op_id,
            )
        return op_id

    def audit(
        self,
        kind: str,
        entity: str,
        row_id: str,
        *,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        op_id: str | None,
    ) -> None:
        """Queue one audit entry, chained to the previous one."""
        self.audit_seq += 1
        row: dict[str, Any] = {
            "seq": self.audit_seq,
            "waktu": self.context.now,
            "pelaku": self.context.actor,
            "aksi": kind,
            "perintah": self.context.action,
            "entitas": entity,
            "entitas_id": row_id,
            "sebelum": before,
            "sesudah": after,
            "op_id": op_id,
            "hash_sebelumnya": self.audit_last,
        }
        row["hash"] = audit_hash(self.audit_last, {**row, "waktu": json_value(row["waktu"])})
        self.audit_last = row["hash"]
        self.audits.append(row)

    def write(self) -> None:
        """Insert the queued ops and audit entries (Core executemany, one statement each)."""
        if self.ops:
            self.session.execute(insert(OutboxOp), self.ops)
        if self.audits:
            self.session.execute(insert(AuditLog), self.audits)


def _context(session: Session) -> ChangeContext:
    context = session.info.get("change_context")
    if not isinstance(context, ChangeContext):
        raise RuntimeError(
            "write without a ChangeContext: every write must go through a service transaction"
        )
    return context


def _changed_fields(obj: object, keys: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Before and after values of the fields of ``obj`` that really changed in this flush."""
    state = instance_state(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in keys:
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = json_value(history.deleted[0] if history.deleted else None)
        new_value = json_value(history.added[0] if history.added else None)
        if old != new_value:
            before[key], after[key] = old, new_value
    return before, after


def _refuse_relationship_writes(obj: object) -> None:
    """Relationship assignments only reach the FK column during the flush, after capture ran."""
    state = instance_state(obj)
    for relationship in state.mapper.relationships:
        if not relationship.viewonly and state.attrs[relationship.key].history.has_changes():
            columns = ", ".join(str(c.key) for c in relationship.local_columns)
            raise RuntimeError(
                f"{type(obj).__name__}.{relationship.key} assigned through the relationship: "
                f"set {columns} instead, so the change is captured as an op"
            )


def _capture(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    new = [obj for obj in session.new if isinstance(obj, Synced)]
    dirty = [
        obj
        for obj in session.dirty
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False)
    ]
    # Office settings do not travel, but who changed a threshold or a signatory is audited.
    settings = [
        obj
        for obj in (*session.new, *session.dirty)
        if isinstance(obj, Pengaturan) and session.is_modified(obj)
    ]
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise RuntimeError(
                f"physical delete of {type(obj).__name__} refused: set deleted=True (tombstone)"
            )
    for obj in (*new, *dirty):
        _refuse_relationship_writes(obj)
    if not new and not dirty and not settings:
        return
    context = _context(session)
    with session.no_autoflush:
        recorder = Recorder(session, context)
        for obj in sorted(new, key=_table_rank):
            _apply_python_defaults(obj)
            change = _Change(
                "create", _entity(obj), obj.id, natural_key(obj), None, None, row_values(obj)
            )
            obj.version = recorder.record(change)
        for obj in sorted(dirty, key=_table_rank):
            before, after = _changed_fields(obj, _synced_columns(instance_state(obj).mapper))
            if not after:
                continue
            kind = "delete" if after.get("deleted") is True else "update"
            if kind == "delete":
                before = {**row_values(obj), **before}
            change = _Change(
                kind, _entity(obj), obj.id, natural_key(obj), obj.version, before, after
            )
            obj.version = recorder.record(change)
        for setting in settings:
            before, after = _changed_fields(setting, ("nilai",))
            created = setting in session.new
            if after:
                recorder.audit(
                    "create" if created else "update",
                    "pengaturan",
                    f"{setting.kunci}@{setting.tahun_berlaku}",
                    before=None if created else before,
                    after=after,
                    op_id=None,
                )
        recorder.write()


def _entity(obj: object) -> str:
    return str(instance_state(obj).mapper.local_table.name)  # type: ignore[attr-defined]


class CapturingSession(Session):
    """The session class of every service transaction; see the module docstring."""


event.listen(CapturingSession, "before_flush", _capture)


def bulk_create(session: Session, model: type[Synced], rows: Sequence[dict[str, Any]]) -> None:
    """Insert many new rows fast (Core ``executemany``) and record their create ops.

    For demo data and bulk imports, where the ORM unit of work would be 10x slower
    (perf-limits.md). Each row gets its op id as ``version`` and one op in the outbox; the audit
    chain records one entry for the whole batch, naming the op range, since the ops carry the
    values. ``rows`` must hold every column (including ``id``) as Python values.
    """
    if not rows:
        return
    context = _context(session)
    table = model.__table__  # type: ignore[attr-defined]
    entity = table.name
    keys = model.__natural_key__
    with session.no_autoflush:
        recorder = Recorder(session, context)
        for row in rows:
            row.setdefault("deleted", False)
            after = {k: json_value(v) for k, v in row.items() if k not in _SKIPPED}
            key = {k: json_value(row.get(k)) for k in keys}
            row["version"] = recorder.record(
                _Change("create", entity, row["id"], key, None, None, after), audit=False
            )
        recorder.audit(
            "bulk_create",
            entity,
            "*",
            before=None,
            after={
                "jumlah": len(rows),
                "op_awal": recorder.ops[0]["op_id"],
                "op_akhir": recorder.ops[-1]["op_id"],
            },
            op_id=None,
        )
        session.execute(insert(table), list(rows))
        recorder.write()
        session.flush()


def iter_chain_breaks(rows: Iterable[AuditLog]) -> Iterable[tuple[int, str]]:
    """Yield ``(seq, reason)`` for every audit row whose link does not hold, in order."""
    previous = GENESIS_HASH
    expected_seq = 1
    for row in rows:
        if row.seq != expected_seq:
            yield row.seq, f"nomor urut melompat dari {expected_seq - 1} ke {row.seq}"
        if row.hash_sebelumnya != previous:
            yield row.seq, "tautan ke entri sebelumnya tidak cocok"
        if audit_hash(row.hash_sebelumnya, audit_payload(row)) != row.hash:
            yield row.seq, "isi entri telah diubah"
        previous = row.hash
        expected_seq = row.seq + 1


def synced_models() -> dict[str, type[Synced]]:
    """Entity name (table) -> model class, for every synced table."""
    result: dict[str, type[Synced]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Synced):
            result[mapper.local_table.name] = cls  # type: ignore[attr-defined]
    return result


def decode_value(model: type[Synced], key: str, value: Any) -> Any:  # noqa: PLR0911 - per type
    """Turn an op's JSON value back into the Python value of ``model.key``'s column.

    Raises ``ValueError``/``KeyError`` on values that do not fit the column, which the importer
    reports as a validation failure of that op.
    """
    column = instance_mapper(model).columns[key]
    if value is None:
        return None
    column_type = column.type
    enum_class = getattr(column_type, "enum_class", None)
    if enum_class is not None:
        return enum_class(value)
    python_type = _python_type(column_type)
    if python_type is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{key}: expected a boolean")
        return value
    if python_type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{key}: expected an integer")
        return value
    if python_type is Decimal:
        return Decimal(str(value))
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    if python_type is str and not isinstance(value, str):
        raise ValueError(f"{key}: expected text")
    return value


def _python_type(column_type: Any) -> type | None:
    try:
        return column_type.python_type  # type: ignore[no-any-return]
    except NotImplementedError:  # JSON and custom types
        impl = getattr(column_type, "impl", None)
        if impl is not None and not isinstance(impl, type):
            return _python_type(impl)
        return None


def instance_mapper(model: type[Synced]) -> Mapper[Any]:
    """The mapper of a synced model class."""
    mapper: Mapper[Any] = class_mapper(model)
    return mapper
