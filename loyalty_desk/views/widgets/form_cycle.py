"""The one cycle of every editor and counter dialog: fill -> values -> changes -> problems -> errors.

- `fill(stored)` shows a stored record, or (None) a blank form for a new one;
- `values()` reads every field as the service takes it (money and rates as exact strings);
- `changes()` is, for an edit, only what differs from `stored` (`same` decides per field),
  and for a new record everything;
- `problems(data)` lists the mistakes the form can see at once, as (field, message);
- `check()` clears the errors, shows every problem next to its field (the first one gets the
  focus) and says whether the form may be sent. The service checks everything again, and its
  refusals land in the same places through `errors.show`.
"""
from __future__ import annotations

from typing import Any

from .forms import FieldErrors

Problems = list[tuple[str, str]]


class FormCycle:
    """A mixin for a QWidget or QDialog that has `errors` (a FieldErrors); see the module docstring."""

    errors: FieldErrors

    @property
    def stored(self) -> Any:
        """The stored record being edited; None while creating one."""
        return None

    def fill(self, stored: Any) -> None:
        """Show `stored` (None: the blank form)."""

    def values(self) -> dict[str, Any]:
        return {}

    def same(self, key: str, value: Any, stored: Any) -> bool:
        return bool(value == stored)

    def changes(self, data: dict[str, Any] | None = None) -> dict[str, Any]:
        data = self.values() if data is None else data
        if self.stored is None:
            return data
        return {key: value for key, value in data.items() if not self.same(key, value, getattr(self.stored, key))}

    def problems(self, data: dict[str, Any]) -> Problems:
        return []

    def check(self) -> bool:
        self.errors.clear()
        problems = self.problems(self.values())
        for field, message in reversed(problems):   # the first one ends up with the focus
            self.errors.show_text(message, field)
        return not problems


__all__ = ["FormCycle", "Problems"]
