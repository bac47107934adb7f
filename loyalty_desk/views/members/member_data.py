"""A member's data at the desktop: export it (JSON), erase it, and merge a duplicate.

- Member ▸ Export member data… saves everything held about the open member as a JSON file,
  readable by its owner only (it is all personal data).
- Member ▸ Erase member… asks for the reason and says it cannot be undone; the service keeps
  the ledger and removes the person.
- The Members tab offers Merge… when the selected member looks like another member of the same
  program (the same phone, email or full name): the dialog says what moves, and which record is kept.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QRadioButton, QWidget

from ...errors import LoyaltyError
from ...services.codes import format_card_number
from ...services.contacts import display_phone
from ..counter.counter_dialogs import CounterDialog
from ..documents.printing import SavePath
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import Changes
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets import formatting as fmt

ERASED = Changes(members=True, ledger=True)      # the member leaves every list, the totals stay
MERGED = Changes(members=True, ledger=True)


def save_member_data(parent: QWidget, session: ShopSession, member: Any) -> str:
    """Ask where, then write the member's data as JSON (0600, by the exports the app was given).
    Returns what to tell the person."""
    if session.exports is None:
        return tr("Exports are not part of this installation")
    path = SavePath.ask(parent, f"member-{member.id}-data.json", tr("JSON file (*.json)"))
    if not path:
        return ""
    try:
        session.exports.export_member_json(session.svc, session.user_id, member.id, path, actor=session.actor)
    except LoyaltyError as error:
        return refusal_words(error)
    except OSError as error:
        return tr("Could not save {path}: {reason}").format(path=path, reason=error.strerror)
    return tr("Saved {name}'s data to {path}").format(name=member.customer_name, path=path)


class EraseDialog(CounterDialog):
    """Erase a member's personal data: the reason is required, and it cannot be undone."""

    CHANGES = ERASED

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Erase {name}").format(name=member.customer_name), "eraseDialog", parent)
        self.member = member
        self.set_heading(tr("Erase {name}'s personal data? This cannot be undone.").format(name=member.customer_name))
        self.explain = build.label("eraseExplain", tr("Name, email, phone, birthday, customer id, notes and delivery "
                                   "addresses are removed everywhere; the card stops working. The points history "
                                   "stays, without the person, so the shop's totals still add up. Who erased it, "
                                   "when and why is recorded."), wrap=True)
        self.form.addRow(self.explain)
        self.reason = QLineEdit()
        self.reason.setObjectName("eraseReason")
        self.reason.setPlaceholderText(tr("required: e.g. the customer asked on 3 December"))
        self.errors.add_row(self.form, tr("Reason"), self.reason, "reason")
        self.ok_button.setText(tr("Erase"))
        self.reason.setFocus()

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        return [] if data["reason"] else [("reason", tr("Give the reason for the erasure"))]

    def prepare(self) -> Any:
        svc, user, member_id, reason = self.session.svc, self.session.user_id, self.member.id, self.values()["reason"]
        return lambda: svc.erase_member(user, member_id, reason=reason, **self.acting())


def duplicates_of(session: ShopSession, member: Any) -> list[tuple[Any, str]]:
    """Other members of the same program who look like the same person, each with what they share:
    the same phone or email (from data imported or kept before the shop checked them), or the same
    full name."""
    found: dict[int, tuple[Any, str]] = {}
    for clue, shared in ((member.phone, "phone"), (member.email, "email"), (member.customer_name, "name")):
        if not clue:
            continue
        for other in session.svc.find_members(session.user_id, clue, program_id=member.program_id):
            same = other.name_key == member.name_key if shared == "name" else clue in (other.phone, other.email)
            if other.id != member.id and same and other.merged_into_id is None and other.erased_at is None:
                found.setdefault(other.id, (other, shared))
    return list(found.values())


class MergeDialog(CounterDialog):
    """Merge two records of one person: choose the one to keep; the other's points (with their
    expiry dates), lifetime points, spending and history move to it, and it is left inactive."""

    CHANGES = MERGED

    def __init__(self, session: ShopSession, first: Any, second: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Merge duplicate members"), "mergeDialog", parent)
        self.pair = (first, second)
        self.set_heading(tr("Two records of {name}?").format(name=first.customer_name)
                         if first.customer_name == second.customer_name
                         else tr("{first} and {second}: one person?").format(first=first.customer_name,
                                                                            second=second.customer_name))
        self.choices = []
        for member in self.pair:
            # Card, contact and spending: what tells the two records apart when the names match.
            parts = [*(contact for contact in (member.phone and display_phone(member.phone, session.phone_region),
                                               member.email) if contact),
                     tr("{points} points").format(points=fmt.points(member.current_points)),
                     tr("{money} spent").format(money=fmt.money(member.total_spent, session.currency)),
                     tr("joined {date}").format(
                         date=fmt.date(member.enrollment_date.date()) if member.enrollment_date else "?")]
            choice = QRadioButton(tr("Keep {name} · card {card}").format(
                name=member.customer_name, card=format_card_number(member.card_number)) + "\n" + " · ".join(parts))
            choice.setObjectName(f"mergeKeep{member.id}")
            self.choices.append(choice)
            self.form.addRow(choice)
        self.choices[0].setChecked(True)
        self.form.addRow(build.label("mergeExplain", tr("The other record's points move with their expiry dates; "
                                     "lifetime points, spending and redemptions add up; the tier is worked out "
                                     "again; the other card stops working. This cannot be undone."), wrap=True))
        self.ok_button.setText(tr("Merge"))

    @property
    def keep_and_merge(self) -> tuple[Any, Any]:
        first, second = self.pair
        return (first, second) if self.choices[0].isChecked() else (second, first)

    def prepare(self) -> Any:
        keep, merge = self.keep_and_merge
        svc, user = self.session.svc, self.session.user_id
        return lambda: svc.merge_members(user, keep.id, merge.id, **self.acting())
