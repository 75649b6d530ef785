"""What the demo strategy meetings record: invented, and obviously so.

One scenario per meeting. Agencies are named by their seed keys
(resources/agencies.json); people have "Demo" in their names.
"""

from __future__ import annotations

import dataclasses

from app.models import AttendanceStatus, StatutoryRole, ThresholdOutcome

A = AttendanceStatus


@dataclasses.dataclass(frozen=True)
class DemoAction:
    description: str
    owner: str
    agency: str  # seed key
    due_in_days: int  # after the meeting
    done_after_days: int | None = None


@dataclasses.dataclass(frozen=True)
class Scenario:
    # Status of each statutory agency's default invitation.
    statutory: dict[StatutoryRole, AttendanceStatus]
    # Notes for the agenda items, in agenda order (blank where nothing was said).
    notes: tuple[str, ...]
    # Others present: (agency seed key, name, role, status, walked in).
    others: tuple[tuple[str, str, str, AttendanceStatus, bool], ...] = ()
    # Information by agency seed key: (text, restricted).
    information: dict[str, tuple[str, bool]] = dataclasses.field(default_factory=dict)
    absences: dict[StatutoryRole, str] = dataclasses.field(default_factory=dict)
    threshold_met: bool | None = None
    outcome: ThresholdOutcome | None = None
    rationale: str = ""
    support_detail: str = ""
    dissent: str = ""
    views: dict[str, tuple[bool, str]] = dataclasses.field(default_factory=dict)
    actions: tuple[DemoAction, ...] = ()


ALL_ATTEND = {role: A.ATTENDED for role in StatutoryRole}

# Leo: a disclosure at school; a joint enquiry; signed off, amended and reissued.
LEO = Scenario(
    statutory={**ALL_ATTEND, StatutoryRole.HEALTH: A.SENT_INFORMATION},
    others=(
        ("family-help", "Drew Demo-Lead", "Family Help lead practitioner", A.ATTENDED, True),
        ("probation", "Kit Demo-Probation", "Probation officer", A.APOLOGIES, False),
    ),
    notes=(
        "All introduced themselves. The chair reminded everyone that the information shared "
        "is confidential and for safeguarding purposes only.",
        "Leo told his class teacher this morning that his stepfather hit him with a belt last "
        "night. The teacher saw red marks on his upper arm.",
        "See each agency's information below.",
        "Leo is described as a bright, chatty boy who loves football. He told his teacher he "
        "did not want to go home tonight.",
        "Risks: a direct disclosure with visible marks; the stepfather's history. Strengths: "
        "Leo's mother has engaged with Family Help; Leo has a trusted adult at school.",
        "Threshold met; joint section 47 enquiry.",
        "Actions agreed as listed.",
        "Timescales confirmed.",
        "None.",
    ),
    information={
        "social-care": (
            "Open to Family Help for six months for support with routines. "
            "No previous child protection involvement.",
            False,
        ),
        "police": (
            "Two domestic incidents at the address in the last year; no charges. "
            "Intelligence about the stepfather not to be shared with the family.",
            True,
        ),
        "health": (
            "Sent by the school nurse: immunisations up to date; no missed "
            "appointments; no injuries recorded before.",
            False,
        ),
        "education": (
            "Attendance 96%. Leo disclosed to his class teacher at 9:15 this "
            "morning; marks seen and recorded on a body map.",
            False,
        ),
        "family-help": (
            "Mother has attended parenting sessions. She has said the stepfather can be 'strict'.",
            False,
        ),
    },
    threshold_met=True,
    outcome=ThresholdOutcome.S47_JOINT,
    rationale="Leo's clear disclosure, the marks seen at school and the police history give "
    "reasonable cause to suspect he is suffering significant harm. A joint enquiry lets the "
    "police consider a criminal investigation alongside the assessment.",
    dissent="Education preferred a single-agency enquiry to begin with, to keep Leo's school "
    "day as normal as possible; the chair noted the view and kept the joint enquiry.",
    views={
        "social-care": (True, ""),
        "police": (True, "A joint visit today, with an ABE interview if Leo agrees."),
        "health": (True, "Agreed by email before the meeting."),
        "education": (False, "Would prefer a single-agency enquiry at first."),
    },
    actions=(
        DemoAction(
            "Joint home visit and see Leo on his own",
            "Sam Demo-Social-Worker",
            "social-care",
            0,
            done_after_days=0,
        ),
        DemoAction(
            "Consider an achieving best evidence interview",
            "DC Alex Demo-Officer",
            "police",
            2,
            done_after_days=2,
        ),
        DemoAction("Child protection medical", "Nurse Riley Demo-Health", "health", 1),
        DemoAction(
            "Share the body map and Leo's words with the social worker",
            "Morgan Demo-Teacher",
            "education",
            0,
            done_after_days=0,
        ),
        DemoAction(
            "Safety plan agreed with Leo's mother tonight",
            "Sam Demo-Social-Worker",
            "social-care",
            0,
        ),
    ),
)

# Isla: weight loss and missed appointments; police absent; reconvene after the paediatrician.
ISLA = Scenario(
    statutory={**ALL_ATTEND, StatutoryRole.POLICE: A.APOLOGIES},
    notes=(
        "Introductions and confidentiality as usual.",
        "Isla's health visitor is worried about her weight loss and three missed appointments.",
        "See each agency's information below.",
        "Isla attends nursery three mornings a week and is described as quiet and watchful.",
        "Risks: weight loss and missed care. Complicating factor: a paediatric assessment is "
        "booked for Thursday and will say whether there is a medical cause.",
        "Threshold not met on present information; reconvene after the paediatric assessment.",
        "Actions agreed as listed.",
        "Timescales noted in case an enquiry follows.",
        "None.",
    ),
    information={
        "health": (
            "Weight fallen from the 50th to the 9th centile in four months; three "
            "missed appointments.",
            False,
        ),
        "education": ("Nursery attendance 80%. Isla often arrives hungry.", False),
        "social-care": ("Not previously known.", False),
    },
    absences={
        StatutoryRole.POLICE: "The officer was called to an emergency. Police checks (no "
        "information held) were shared by email before the meeting.",
    },
    threshold_met=False,
    outcome=ThresholdOutcome.RECONVENE,
    rationale="The concerns are serious but a medical cause has not been ruled out. The "
    "meeting will reconvene after Thursday's paediatric assessment, sooner if anything changes.",
    views={
        "health": (True, ""),
        "education": (True, "Nursery will weigh and feed Isla each session meanwhile."),
        "social-care": (True, ""),
    },
    actions=(
        DemoAction(
            "Send the paediatric assessment to the chair", "Nurse Riley Demo-Health", "health", 4
        ),
        DemoAction(
            "Offer breakfast at nursery and record what Isla eats",
            "Morgan Demo-Teacher",
            "education",
            1,
        ),
        DemoAction(
            "Visit the family and explain today's meeting",
            "Sam Demo-Social-Worker",
            "social-care",
            1,
            done_after_days=1,
        ),
    ),
)

# Ruby (the core demo's closed meeting): neglect; no further action under s47 with Family Help.
RUBY = Scenario(
    statutory={**ALL_ATTEND, StatutoryRole.EDUCATION: A.SENT_INFORMATION},
    notes=(
        "Introductions and confidentiality.",
        "Home conditions found poor at a health visit; missed health appointments.",
        "See each agency's information below.",
        "Ruby is a happy three-year-old, close to her mother.",
        "Risks: home conditions and missed appointments. Strengths: mother keen to accept help.",
        "Threshold not met; Family Help support.",
        "Actions agreed as listed.",
        "",
        "None.",
    ),
    information={
        "health": ("Two missed developmental checks; the home was cluttered and cold.", False),
        "education": ("Sent by the nursery: good attendance; Ruby is always clean.", False),
    },
    threshold_met=False,
    outcome=ThresholdOutcome.NFA_S47_WITH_SUPPORT,
    rationale="The concerns are about support the family needs rather than significant "
    "harm. Ruby's mother has agreed to Family Help, which can start this week.",
    support_detail="Family Help: a lead practitioner to visit weekly, help with the home and "
    "book the missed checks.",
    views={"health": (True, ""), "social-care": (True, "")},
    actions=(
        DemoAction(
            "Allocate a Family Help lead practitioner", "Sam Demo-Social-Worker", "social-care", 3
        ),
        DemoAction("Rebook the developmental checks", "Nurse Riley Demo-Health", "health", 7),
    ),
)

# The core demo's signed-off meeting: an unborn baby whose sibling was on a plan.
UNBORN = Scenario(
    statutory=ALL_ATTEND,
    notes=(
        "Introductions and confidentiality.",
        "Mother is 30 weeks pregnant; an older sibling was on a plan for neglect two years ago.",
        "See each agency's information below.",
        "The baby is not yet born; the sibling lives with a grandparent.",
        "Risks: the history of neglect. Strengths: mother has engaged with the midwife.",
        "Threshold met; a pre-birth assessment under section 47.",
        "Actions agreed as listed.",
        "Timescales confirmed.",
        "None.",
    ),
    information={
        "health": ("Midwife: booked late at 22 weeks; attending since.", False),
        "police": ("No information held.", False),
    },
    threshold_met=True,
    outcome=ThresholdOutcome.S47_SINGLE_AGENCY,
    rationale="The previous plan for neglect and the late booking give reasonable cause to "
    "suspect the baby is likely to suffer significant harm; a pre-birth assessment is needed.",
    views={"health": (True, ""), "police": (True, ""), "education": (True, "")},
    actions=(
        DemoAction("Start the pre-birth assessment", "Sam Demo-Social-Worker", "social-care", 2),
    ),
)

# The core demo's meeting in progress: only the start has been recorded.
ALFIE_SO_FAR = Scenario(
    statutory={
        StatutoryRole.SOCIAL_CARE: A.ATTENDED,
        StatutoryRole.POLICE: A.ATTENDED,
        StatutoryRole.HEALTH: A.INVITED,
        StatutoryRole.EDUCATION: A.APOLOGIES,
    },
    notes=(
        "Introductions and confidentiality.",
        "Alfie has been missing three times this month and was found in another town.",
    ),
)
