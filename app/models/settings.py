"""Workspace settings and the local area's closure days."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record


class Setting(Record):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")


class ClosureDay(Record):
    """A day the local area's offices are closed: not a working day."""

    __tablename__ = "closure_day"

    day: Mapped[dt.date] = mapped_column(unique=True)
    description: Mapped[str] = mapped_column(String(200), default="")
