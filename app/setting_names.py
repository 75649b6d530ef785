"""The names administrators use for settings (``macpt settings``), and the fields they set.

Kept apart from the settings service so that ``macpt --help`` can list them
without loading the database layer.
"""

from __future__ import annotations

NAMED_SETTINGS = {
    "chair-name": "chair_name",
    "local-authority-name": "local_authority",
    "team-contact": "lcpp_contact",
    "idle-lock-minutes": "idle_lock_minutes",
    # On parents' letters: the team's telephone number, and whom to ring out of hours.
    "team-phone": "team_phone",
    "out-of-hours-phone": "out_of_hours_phone",
    # A file of re-worded parents' letters (see resources/letters/parent.json).
    "parent-letter-wording": "parent_letter_wording",
    "core-group-weeks": "core_group_weeks",
    # Working days from a pre-birth conference's baby's birth to the first review.
    "birth-review-working-days": "birth_review_working_days",
}
# Stored under this key; the journey rules read it (app.services.clocks).
CORE_GROUP_WEEKS_KEY = NAMED_SETTINGS["core-group-weeks"]
BIRTH_REVIEW_DAYS_KEY = NAMED_SETTINGS["birth-review-working-days"]
CLOSURE_DAYS = "closure-days"
SETTING_NAMES = (*NAMED_SETTINGS, CLOSURE_DAYS)
