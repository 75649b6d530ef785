"""The end of a child protection plan in a review conference's minutes: the support
that follows, the input sought and obtained from every practitioner, and who must
be told. The decision and its reason are in the conference decision's table."""

from __future__ import annotations

from app.exporters.docx_base import Writer, long_date
from app.exporters.docx_tables import Column, add_table
from app.exporters.minutes_journey_model import DischargeEntry, PractitionerInput
from app.exporters.minutes_redact import quiet
from app.exporters.minutes_sections import add_text

INPUT_COLUMNS = (
    Column("Practitioner", 3.3),
    Column("Agency", 2.6),
    Column("Asked", 3.0),
    Column("Replied", 3.0),
    Column("What they said", 5.1),
)


def support(out: Writer, entry: DischargeEntry) -> None:
    out.heading("Support after the plan ends", 2)
    if entry.support:
        out.paragraph("; ".join(entry.support) + ".")
    else:
        out.paragraph("No ongoing support has been recorded.")
    add_text(out, entry.support_detail)


def _input_row(row: PractitionerInput) -> tuple[str, str, str, str, str]:
    if row.responded_on is not None:
        said = row.response or "Replied; nothing further recorded."
    elif row.asked_on is not None:
        said = "No reply yet."
    else:
        said = "Not asked."
    return (
        row.practitioner,
        row.agency or "No agency recorded",
        long_date(row.asked_on) if row.asked_on else "Not asked",
        long_date(row.responded_on) if row.responded_on else "No reply",
        said,
    )


def practitioners(out: Writer, entry: DischargeEntry) -> None:
    if not entry.inputs and quiet(out):
        return
    out.heading("Input from every practitioner involved", 2)
    if not entry.inputs:
        out.paragraph("No practitioner's input has been recorded.")
        return
    replied = sum(1 for row in entry.inputs if row.responded_on is not None)
    lead_in = out.paragraph(
        f"{len(entry.inputs)} practitioner{'' if len(entry.inputs) == 1 else 's'} "
        f"{'was' if len(entry.inputs) == 1 else 'were'} asked for their view before the plan "
        f"ended; {replied} replied."
    )
    lead_in.paragraph_format.keep_with_next = True
    add_table(
        out.document,
        caption="Input sought and obtained from each practitioner",
        columns=INPUT_COLUMNS,
        rows=[_input_row(row) for row in entry.inputs],
    )


def who_must_be_told(out: Writer, entry: DischargeEntry) -> None:
    out.heading("Who must be told", 2)
    if not entry.who_must_be_told:
        out.paragraph("No one has been found who must be told. Check the invitations.")
        return
    lead_in = out.paragraph(
        "The decision to end the plan is notified to every agency involved with the child "
        "and to the parents and carers who were invited to the initial child protection "
        "conference:"
    )
    lead_in.paragraph_format.keep_with_next = True
    add_table(
        out.document,
        caption="Who must be told that the plan has ended",
        columns=(
            Column("Name", 5.5),
            Column("Agency or relationship to the child", 6.5),
            Column("Told as", 5.0),
        ),
        rows=[
            (
                person.name,
                person.connection or "Not recorded",
                "Parent or carer" if person.parent_or_carer else "Agency",
            )
            for person in entry.who_must_be_told
        ],
    )
