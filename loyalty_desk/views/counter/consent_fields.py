"""The two consent boxes of the enroll and edit dialogs (README, "Messages"): marketing emails
need the member's yes; "no emails at all" is the member's STOP, for every kind of email."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout

from ..i18n import tr
from ..widgets.forms import FieldErrors


class ConsentFields:
    def __init__(self, form: QFormLayout, errors: FieldErrors, prefix: str, member: Any = None) -> None:
        self.marketing = QCheckBox(tr("Agrees to offers by email (birthday, “we miss you”)"))
        self.marketing.setObjectName(f"{prefix}MarketingConsent")
        self.marketing.setToolTip(tr("Recorded with today's date and “desk” as where the member said so"))
        self.opt_out = QCheckBox(tr("No emails at all (the member asked to stop)"))
        self.opt_out.setObjectName(f"{prefix}EmailOptOut")
        self.opt_out.setToolTip(tr("Nothing is sent to this member any more, and messages waiting are dropped"))
        if member is not None:
            self.marketing.setChecked(bool(member.marketing_consent))
            self.opt_out.setChecked(bool(member.email_opt_out))
        errors.add_row(form, tr("Emails"), self.marketing, "marketing_consent")
        errors.add_row(form, "", self.opt_out, "email_opt_out")
        # Opting out of everything includes offers: ticking it unticks the consent, which cannot be
        # ticked meanwhile. A member stored with both (an import, the API) keeps them as stored until
        # someone changes the box: opening Edit records no withdrawal nobody asked for.
        self.opt_out.toggled.connect(self._opted_out)
        self.marketing.setEnabled(not self.opt_out.isChecked())

    def _opted_out(self, out: bool) -> None:
        if out:
            self.marketing.setChecked(False)
        self.marketing.setEnabled(not out)

    def values(self) -> dict[str, bool]:
        return {"marketing_consent": self.marketing.isChecked(), "email_opt_out": self.opt_out.isChecked()}
