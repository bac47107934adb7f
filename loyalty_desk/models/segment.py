"""Saved member segments (migration 0017; README, "Segments"): a named rule of the Members tab."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.segments import SegmentKind
from .base import Base, JSONType, UTCDateTime
from .enums import check_in


class MemberSegment(Base):
    __tablename__ = "loyalty_segments"
    __table_args__ = (
        CheckConstraint(check_in("kind", SegmentKind), name="kind"),
        UniqueConstraint("user_id", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    # The program whose members it picks; NULL: every program's.
    program_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_programs.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    # The kind's parameter: {"number": N} or {"first": "YYYY-MM-DD", "last": "YYYY-MM-DD"}.
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
