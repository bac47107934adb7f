"""Each row DTO mirrors its table: the same columns with the same types, plus its declared extras.

A column added to a model and not to its DTO (or the other way round), or a type changed
on one side only, fails here.
"""
from __future__ import annotations

import dataclasses
import typing

import pytest
from sqlalchemy import inspect

from loyalty_desk import models
from loyalty_desk.services import dto

# Every DTO named after a table is that table's row DTO.
ROW_DTOS = [(cls, getattr(models, name)) for name, cls in vars(dto).items()
            if dataclasses.is_dataclass(cls) and isinstance(cls, type) and name in models.__all__]


def test_every_table_the_service_returns_has_a_row_dto() -> None:
    assert {model.__name__ for _, model in ROW_DTOS} == {
        "Shop", "Program", "Tier", "Member", "PointsTransaction", "Reward", "Redemption", "TierProgression",
        "MemberActivity", "ProgramAnalytics", "UnmatchedOrder", "OutboxMessage", "Promotion"}


@pytest.mark.parametrize(("row_dto", "model"), ROW_DTOS, ids=[m.__name__ for _, m in ROW_DTOS])
def test_fields_are_the_columns_plus_the_extras(row_dto: type, model: type) -> None:
    columns = [attr.key for attr in inspect(model).column_attrs]
    extras = list(getattr(row_dto, "EXTRAS", ()))
    assert [f.name for f in dataclasses.fields(row_dto)] == columns + extras


@pytest.mark.parametrize(("row_dto", "model"), ROW_DTOS, ids=[m.__name__ for _, m in ROW_DTOS])
def test_field_types_are_the_column_types(row_dto: type, model: type) -> None:
    mapped = typing.get_type_hints(model)
    declared = typing.get_type_hints(row_dto)
    for attr in inspect(model).column_attrs:
        (column_type,) = typing.get_args(mapped[attr.key])     # Mapped[X] -> X
        assert declared[attr.key] == column_type, attr.key


@pytest.mark.parametrize(("row_dto", "model"), ROW_DTOS, ids=[m.__name__ for _, m in ROW_DTOS])
def test_row_dtos_are_frozen_and_slotted(row_dto: type, model: type) -> None:
    params = row_dto.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen and hasattr(row_dto, "__slots__")
