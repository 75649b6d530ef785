"""The child's details and the case episode, edited in place (autosaved)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from app.models import ProceedingsType
from app.services.cases import CaseDetail, set_referral_date
from app.ui.autosave import Autosave, optional_date_edit, set_date
from app.ui.dialogs.new_case import sex_combo, short_text_box
from app.ui.widgets import add_row, named

PROCEEDINGS_CHOICES = (
    ("No proceedings", ProceedingsType.NONE),
    ("Public law proceedings", ProceedingsType.PUBLIC_LAW),
    ("Private law proceedings", ProceedingsType.PRIVATE_LAW),
)


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class ChildForm(QGroupBox):
    """Who the child is. Every field is stored as it is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Child", parent)
        named(self, "Child")
        self.la_child_ref = QLineEdit()
        self.unique_child_identifier = QLineEdit()
        self.nhs_number = QLineEdit()
        self.upn = QLineEdit()
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.known_as = QLineEdit()
        self.date_of_birth = optional_date_edit()
        self.expected_date_of_birth = optional_date_edit()
        self.sex = sex_combo()
        self.gender = QLineEdit()
        self.address = short_text_box()
        self.postcode = QLineEdit()
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        add_row(form, "Local authority &reference:", self.la_child_ref)
        add_row(form, "Unique child &identifier:", self.unique_child_identifier)
        add_row(form, "NHS n&umber:", self.nhs_number)
        add_row(form, "Unique &pupil number (UPN):", self.upn)
        add_row(form, "&First name:", self.first_name)
        add_row(form, "&Last name:", self.last_name)
        add_row(form, "&Known as:", self.known_as)
        add_row(form, "&Date of birth:", self.date_of_birth)
        add_row(form, "&Expected date of birth:", self.expected_date_of_birth)
        add_row(form, "&Sex:", self.sex)
        add_row(form, "&Gender:", self.gender)
        add_row(form, "&Address:", self.address)
        add_row(form, "&Postcode:", self.postcode)

    def fields(self) -> dict[str, QWidget]:
        return {
            "la_child_ref": self.la_child_ref,
            "unique_child_identifier": self.unique_child_identifier,
            "nhs_number": self.nhs_number,
            "upn": self.upn,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "known_as": self.known_as,
            "date_of_birth": self.date_of_birth,
            "expected_date_of_birth": self.expected_date_of_birth,
            "sex": self.sex,
            "gender": self.gender,
            "address": self.address,
            "postcode": self.postcode,
        }

    def load(self, case: CaseDetail) -> None:
        self.la_child_ref.setText(case.la_child_ref)
        self.unique_child_identifier.setText(case.unique_child_identifier or "")
        self.nhs_number.setText(case.nhs_number or "")
        self.upn.setText(case.upn or "")
        self.first_name.setText(case.first_name)
        self.last_name.setText(case.last_name)
        self.known_as.setText(case.known_as or "")
        set_date(self.date_of_birth, case.date_of_birth)
        set_date(self.expected_date_of_birth, case.expected_date_of_birth)
        _select(self.sex, case.sex.value)
        self.gender.setText(case.gender or "")
        self.address.setPlainText(case.address)
        self.postcode.setText(case.postcode or "")

    def bind(self, autosave: Autosave, child_id: str) -> None:
        for field, widget in self.fields().items():
            autosave.bind_field(widget, table="child", record_id=child_id, field=field)


class CaseEpisodeForm(QGroupBox):
    """Why the child is being discussed, where harm happens and the legal position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Case", parent)
        named(self, "Case")
        self.concern = short_text_box(4)
        self.harm_inside_home = QCheckBox("Inside the &home")
        self.harm_outside_home = QCheckBox("Outside the home (e&xtra-familial)")
        self.harm_online = QCheckBox("&Online")
        self.looked_after = QCheckBox("Looked after by the local a&uthority")
        self.kinship_care = QCheckBox("In kinship care")
        self.proceedings = QComboBox()
        for text, value in PROCEEDINGS_CHOICES:
            self.proceedings.addItem(text, value.value)
        self.guardian_name = QLineEdit()
        self.guardian_contact = QLineEdit()
        self.lcpp_name = QLineEdit()
        self.referral_date = optional_date_edit()
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        add_row(form, "&Concern:", self.concern, "Why the child is being discussed")
        form.addRow("Where harm happens:", self.harm_inside_home)
        form.addRow("", self.harm_outside_home)
        form.addRow("", self.harm_online)
        form.addRow("Care status:", self.looked_after)
        form.addRow("", self.kinship_care)
        add_row(form, "Proceedi&ngs:", self.proceedings)
        add_row(form, "Children's guardian:", self.guardian_name)
        add_row(form, "Guardian's con&tact:", self.guardian_contact)
        add_row(form, "LCPP:", self.lcpp_name, "Lead Child Protection Practitioner")
        add_row(
            form,
            "Referral recei&ved:",
            self.referral_date,
            "The section 47 assessment's 45 working days count from this date; "
            "left empty, from the strategy discussion",
        )
        for box in self._boxes():
            named(box, box.text().replace("&", ""))

    def _boxes(self) -> list[QCheckBox]:
        return [
            self.harm_inside_home,
            self.harm_outside_home,
            self.harm_online,
            self.looked_after,
            self.kinship_care,
        ]

    def fields(self) -> dict[str, QWidget]:
        return {
            "concern": self.concern,
            "harm_inside_home": self.harm_inside_home,
            "harm_outside_home": self.harm_outside_home,
            "harm_online": self.harm_online,
            "looked_after": self.looked_after,
            "kinship_care": self.kinship_care,
            "proceedings": self.proceedings,
            "guardian_name": self.guardian_name,
            "guardian_contact": self.guardian_contact,
            "lcpp_name": self.lcpp_name,
        }

    def load(self, case: CaseDetail) -> None:
        self.concern.setPlainText(case.concern)
        self.harm_inside_home.setChecked(case.harm_inside_home)
        self.harm_outside_home.setChecked(case.harm_outside_home)
        self.harm_online.setChecked(case.harm_online)
        self.looked_after.setChecked(case.looked_after)
        self.kinship_care.setChecked(case.kinship_care)
        _select(self.proceedings, case.proceedings.value)
        self.guardian_name.setText(case.guardian_name or "")
        self.guardian_contact.setText(case.guardian_contact or "")
        self.lcpp_name.setText(case.lcpp_name or "")
        set_date(self.referral_date, case.referral_date)

    def bind(self, autosave: Autosave, case_id: str) -> None:
        for field, widget in self.fields().items():
            autosave.bind_field(widget, table="case_episode", record_id=case_id, field=field)
        workspace = autosave.workspace
        assert workspace is not None

        # Through the case service, which counts the assessment's dates again.
        def save_referral(value: dt.date | None) -> None:
            set_referral_date(workspace, case_id=case_id, referral_date=value)

        autosave.bind(self.referral_date, save_referral)
