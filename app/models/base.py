"""Declarative base, shared column types and the synced-row mixin.

Every table that travels in sync packages has a text UUID primary key (generated where the row is
born, so offices never collide), a ``version`` holding the op id that produced the current state
(sync.md §4.6) and a ``deleted`` tombstone: rows are never physically deleted by the application.
"""

from __future__ import annotations

import enum
import uuid
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import Boolean, Dialect, Float, MetaData, Numeric, String
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

# Stable constraint names: Alembic batch migrations on SQLite need them to alter tables.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Namespace for deterministic ids of shared reference rows (periods, organisation units): two
# offices that create the period "2026-03" independently get the same id, so packages line up.
REFERENCE_NAMESPACE = uuid.UUID("6b1f0d1e-5c0a-4d55-9a40-636170616961")


def new_id() -> str:
    """A fresh random row id (UUID4 text)."""
    return str(uuid.uuid4())


def reference_id(kind: str, key: str) -> str:
    """Deterministic id of a reference row from its natural key (``periode``, ``2026-03``)."""
    return str(uuid.uuid5(REFERENCE_NAMESPACE, f"{kind}:{key}"))


class DecimalType(TypeDecorator[Decimal]):
    """Exact decimals on PostgreSQL, REAL on SQLite, always ``Decimal`` in Python.

    SQLite has no decimal type; SQLAlchemy's ``Numeric`` there warns and round-trips through
    float anyway. Targets and realisations have at most four decimals, so reading the float back
    through its shortest ``repr`` gives the typed value exactly, while SQL aggregates still work.
    """

    impl = Numeric
    cache_ok = True

    @property
    def python_type(self) -> type[Decimal]:
        """Always Decimal in Python (the importer decodes op values by this)."""
        return Decimal

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """REAL on SQLite, NUMERIC(18, 4) elsewhere."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Float())
        return dialect.type_descriptor(Numeric(18, 4))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        """Send floats to SQLite and decimals to servers that understand them."""
        if value is None:
            return None
        return float(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Normalise to a Decimal without float noise (``95.5`` not ``95.5000000001``)."""
        if value is None:
            return None
        if isinstance(value, Decimal):
            return value.normalize() if value == value.to_integral() else value
        return Decimal(repr(float(value)))


def enum_column(enum_class: type[enum.Enum]) -> SqlEnum:
    """Store an enum by its value (the stable code), as portable VARCHAR, validated in Python."""
    return SqlEnum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    """Declarative base with the naming convention above."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Mixin for rows that are captured as ops and travel in sync packages.

    The op's entity is the table name; ``__natural_key__`` names the columns that identify the
    row for people and for duplicate detection at BKD (sync.md §4.6, §4.11).
    """

    __natural_key__: ClassVar[tuple[str, ...]] = ()

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[str | None] = mapped_column(String(80), default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
