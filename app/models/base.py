"""Declarative base: UUID keys and created/updated timestamps on every record."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any, ClassVar

from sqlalchemy import DateTime, Enum, MetaData, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import clock

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    # Every CHECK constraint here is an enum column's, so it is named after the column.
    "ck": "ck_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


# Seeded records (the agency directory, agenda templates) get the same id in
# every workspace, so that two laptops mean the same agency by the same id.
SEED_NAMESPACE = uuid.UUID("6f1d7c52-3b8e-4c41-9a55-0d2b8e7f4a10")


def seed_id(kind: str, key: str) -> str:
    """The fixed id of the seeded record ``key`` of ``kind`` ("agency", "agenda-template")."""
    return str(uuid.uuid5(SEED_NAMESPACE, f"{kind}/{key}"))


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime, stored as naive UTC text by SQLite."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use app.clock.utcnow()")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


def str_enum(enum_cls: type[enum.Enum]) -> Enum:
    """Store an enum by its value (what the CLI and JSON speak), as plain text that a
    CHECK constraint holds to the enum's values."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        name=None,  # so the naming convention names the CHECK after its column
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


class Record(Base):
    """Every record: a UUID key (so records can move between laptops) and timestamps."""

    __abstract__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=clock.utcnow, onupdate=clock.utcnow)


class Retirable:
    """A record others refer to: never deleted, retired (who, when, why) and kept."""

    retired_at: Mapped[dt.datetime | None]
    retired_by: Mapped[str | None] = mapped_column(String(200))
    retired_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def retired(self) -> bool:
        return self.retired_at is not None
