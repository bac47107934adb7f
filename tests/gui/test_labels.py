"""Every value of the vocabulary has a label on screen, and the views do not retype the vocabulary."""
from __future__ import annotations

import pytest

from loyalty_desk.views.widgets import labels


@pytest.mark.parametrize("enum", list(labels.TABLES), ids=lambda e: e.__name__)
def test_every_value_has_a_label(enum):
    table = labels.TABLES[enum]
    assert set(table) == {member.value for member in enum}
    assert all(text and text[0].isupper() for text in table.values())


def test_an_unknown_value_is_shown_readably():
    assert labels.label(labels.FULFILLMENT_STATUSES, "approved") == "Approved"
    assert labels.label(labels.FULFILLMENT_STATUSES, "on_hold") == "On hold"
    assert labels.label(labels.FULFILLMENT_STATUSES, None) == ""
