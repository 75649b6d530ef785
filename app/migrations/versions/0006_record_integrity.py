"""Signed records stay as they were signed; seeded records have the same id everywhere.

- No ``ON DELETE CASCADE`` (or ``SET NULL``): a referenced record is retired,
  never deleted, and family members and practitioners gain ``retired_by`` and
  ``retired_reason`` (agencies had ``retired_at`` already). Triggers refuse a
  hard delete of an agency, practitioner or family member.
- Enum columns carry CHECK constraints.
- Triggers refuse inserts, updates and deletes of a signed-off meeting's
  records; after sign-off only amendments are added (and given the version
  that carries them), minutes reissued, and actions progressed.
- ``signed_record`` keeps each meeting's record as it was signed off, so
  renaming an agency or correcting a child later leaves signed minutes alone.
- A meeting's chair and an action's owner gain links to the records they
  name (a practitioner; a practitioner or family member invited).
- Seeded agencies and agenda template items take ``uuid5`` ids, the same in
  every workspace; every reference to them follows, and the audit log says so.

SQLite rebuilds a table to change its constraints, which drops the table's
triggers: the register search triggers on ``child`` (revision 0004) are made
again and the index refilled. ``audit_log`` is not rebuilt, so its guard stays.

Revision ID: 0006_record_integrity
Revises: 0005
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from app import clock, paths

revision: str = "0006_record_integrity"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The enum values as this revision knows them (a later enum change migrates again).
_CATEGORY = ("neglect", "physical-abuse", "sexual-abuse", "emotional-abuse", "multiple")
_DISCHARGE = ("no-longer-at-risk", "transferred", "turned-18", "died", "left-uk")
_MEETING_TYPE = ("strategy", "review", "icpc", "rcpc")
_ROLE = ("social-care", "police", "health", "education")
CHECKS: dict[str, dict[str, tuple[str, ...]]] = {
    "agency": {"kind": ("statutory", "relevant", "other"), "statutory_role": _ROLE},
    "agenda_template_item": {"meeting_type": _MEETING_TYPE},
    "attendance": {
        "status": ("invited", "attended", "apologies", "sent-information", "did-not-attend")
    },
    "case_episode": {
        "proceedings": ("none", "public-law", "private-law"),
        "status": ("open", "closed"),
    },
    "child": {"sex": ("female", "male", "not-known")},
    "conference_decision": {
        "category": _CATEGORY,
        "discharge_reason": _DISCHARGE,
        "outcome": ("plan-needed", "no-plan", "continue-plan", "change-category", "end-plan"),
    },
    "cp_plan": {
        "end_reason": _DISCHARGE,
        "initial_category": _CATEGORY,
        "latest_category": _CATEGORY,
    },
    "icpc_timeframe": {"timeframe": ("within-15-days", "extended", "not-needed")},
    "meeting": {
        "meeting_type": _MEETING_TYPE,
        "status": ("scheduled", "in-progress", "closed", "signed-off"),
    },
    "meeting_action": {"status": ("open", "done", "cancelled")},
    "minutes_issue": {"kind": ("draft", "signed-off", "reissued")},
    "notification": {
        "kind": (
            "strategy-outcome",
            "conference-invitation",
            "conference-outcome",
            "discharge-decision",
        ),
        "role": ("agency", "parent_carer"),
    },
    "representation_ack": {"statutory_role": _ROLE},
    "threshold_decision": {
        "outcome": (
            "s47-single-agency",
            "s47-joint",
            "nfa-s47-with-support",
            "nfa",
            "police-protection",
            "emergency-protection-order",
            "reconvene",
        )
    },
}

# The references that cascaded before this revision (for the downgrade).
CASCADES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "agency_information": (("meeting_id", "meeting", "CASCADE"),),
    "agency_view": (("meeting_id", "meeting", "CASCADE"),),
    "agenda_item": (("meeting_id", "meeting", "CASCADE"),),
    "amendment": (("meeting_id", "meeting", "CASCADE"),),
    "attendance": (
        ("meeting_id", "meeting", "CASCADE"),
        ("family_member_id", "family_member", "CASCADE"),
    ),
    "case_episode": (("child_id", "child", "CASCADE"),),
    "conference_decision": (("meeting_id", "meeting", "CASCADE"),),
    "cp_plan": (("case_id", "case_episode", "CASCADE"),),
    "discharge_input": (("meeting_id", "meeting", "CASCADE"),),
    "family_member": (("child_id", "child", "CASCADE"),),
    "icpc_timeframe": (("meeting_id", "meeting", "CASCADE"),),
    "meeting": (("case_id", "case_episode", "CASCADE"),),
    "meeting_action": (
        ("case_id", "case_episode", "CASCADE"),
        ("meeting_id", "meeting", "CASCADE"),
    ),
    "meeting_timescales": (("meeting_id", "meeting", "CASCADE"),),
    "minutes_issue": (("meeting_id", "meeting", "CASCADE"),),
    "notification": (
        ("meeting_id", "meeting", "CASCADE"),
        ("family_member_id", "family_member", "SET NULL"),
    ),
    "representation_ack": (("meeting_id", "meeting", "CASCADE"),),
    "safety_plan": (("case_id", "case_episode", "CASCADE"),),
    "safety_plan_item": (("version_id", "safety_plan_version", "CASCADE"),),
    "safety_plan_version": (("plan_id", "safety_plan", "CASCADE"),),
    "threshold_decision": (("meeting_id", "meeting", "CASCADE"),),
}

RETIRABLE = ("agency", "family_member", "practitioner")

# -- triggers ---------------------------------------------------------------
LOCKED = "signed-off minutes change only by an amendment"
# Building the fictional demo's history is the one other writer: it names the
# meeting in record_rewrite for the length of its transaction (and is audited).
_SIGNED = (
    "(SELECT status FROM meeting WHERE id = {row}.{key}) = 'signed-off' AND NOT EXISTS "
    "(SELECT 1 FROM record_rewrite WHERE meeting_id = {row}.{key})"
)
# Every row of these belongs to one meeting and is part of its record.
MEETING_RECORDS = (
    "agenda_item",
    "attendance",
    "agency_information",
    "representation_ack",
    "threshold_decision",
    "agency_view",
    "meeting_timescales",
    "icpc_timeframe",
    "conference_decision",
    "discharge_input",
)
# An action's progress is recorded at later meetings; what was agreed is not changed.
ACTION_AGREED = (
    "case_id, meeting_id, description, owner_name, owner_agency_id, owner_practitioner_id,"
    " owner_family_member_id, due_date"
)
# People named in a meeting become records: (table, column, referent).
PEOPLE_LINKS = (
    ("meeting", "chair_id", "practitioner"),
    ("meeting_action", "owner_practitioner_id", "practitioner"),
    ("meeting_action", "owner_family_member_id", "family_member"),
)


def _trigger(name: str, event: str, table: str, when: str, message: str = LOCKED) -> str:
    return (
        f"CREATE TRIGGER {name} BEFORE {event} ON {table} WHEN {when} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


def guard_triggers() -> dict[str, str]:
    """Name to CREATE TRIGGER statement for every guard this revision adds."""
    old = _SIGNED.format(row="OLD", key="meeting_id")
    new = _SIGNED.format(row="NEW", key="meeting_id")
    specs: list[tuple[str, str, str, str]] = []
    for table in MEETING_RECORDS:
        specs += [
            (table, "insert", "INSERT", new),
            (table, "update", "UPDATE", f"({old}) OR ({new})"),
            (table, "delete", "DELETE", old),
        ]
    specs += [
        ("meeting_action", "insert", "INSERT", new),
        ("meeting_action", "update", f"UPDATE OF {ACTION_AGREED}", f"({old}) OR ({new})"),
        ("meeting_action", "delete", "DELETE", old),
        ("minutes_issue", "update", "UPDATE", old),
        ("minutes_issue", "delete", "DELETE", old),
        ("amendment", "delete", "DELETE", old),
        ("meeting", "update", "UPDATE", _SIGNED.format(row="OLD", key="id")),
        ("meeting", "delete", "DELETE", _SIGNED.format(row="OLD", key="id")),
    ]
    triggers = {
        f"{table}_signed_{verb}": _trigger(f"{table}_signed_{verb}", event, table, when)
        for table, verb, event, when in specs
    }
    # The one change an amendment takes: the version of the minutes that carries it.
    changed = " OR ".join(
        f"NEW.{c} IS NOT OLD.{c}"
        for c in ("id", "meeting_id", "made_at", "made_by", "what", "reason")
    )
    triggers["amendment_signed_update"] = _trigger(
        "amendment_signed_update",
        "UPDATE",
        "amendment",
        f"(OLD.version IS NOT NULL OR {changed}) AND NOT EXISTS "
        "(SELECT 1 FROM record_rewrite WHERE meeting_id = OLD.meeting_id)",
        "an amendment, once recorded, is not changed",
    )
    for event in ("UPDATE", "DELETE"):
        name = f"signed_record_no_{event.lower()}"
        triggers[name] = _trigger(
            name,
            event,
            "signed_record",
            "NOT EXISTS (SELECT 1 FROM record_rewrite WHERE meeting_id = OLD.meeting_id)",
            "a signed record is kept as it was signed",
        )
    for table in RETIRABLE:
        triggers[f"{table}_no_delete"] = _trigger(
            f"{table}_no_delete",
            "DELETE",
            table,
            "1",
            "records others name are retired, not deleted",
        )
    return triggers


# The register search triggers of revision 0004 (rebuilding ``child`` drops them).
_INSERT_NEW = """
    INSERT INTO child_search (child_id, la_child_ref, first_name, last_name, known_as)
    VALUES (new.id, new.la_child_ref, new.first_name, new.last_name, new.known_as);
"""
_DELETE_OLD = """
    DELETE FROM child_search
    WHERE rowid IN (SELECT rowid FROM child_search WHERE child_id = old.id);
"""
SEARCH_TRIGGERS = (
    f"CREATE TRIGGER child_search_insert AFTER INSERT ON child BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER child_search_delete AFTER DELETE ON child BEGIN {_DELETE_OLD} END",
    "CREATE TRIGGER child_search_update "
    "AFTER UPDATE OF id, la_child_ref, first_name, last_name, known_as ON child "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
)
SEARCH_REFILL = (
    "DELETE FROM child_search",
    "INSERT INTO child_search (child_id, la_child_ref, first_name, last_name, known_as) "
    "SELECT id, la_child_ref, first_name, last_name, known_as FROM child",
)


def _remake_search() -> None:
    for name in ("child_search_insert", "child_search_delete", "child_search_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in SEARCH_TRIGGERS:
        op.execute(statement)
    for statement in SEARCH_REFILL:
        op.execute(statement)


# -- seeded ids ---------------------------------------------------------------
SEED_NAMESPACE = uuid.UUID("6f1d7c52-3b8e-4c41-9a55-0d2b8e7f4a10")
# Columns that hold an agency's id (conference_decision.core_group holds it in JSON).
AGENCY_REFERENCES = (
    ("attendance", "agency_id"),
    ("agency_information", "agency_id"),
    ("agency_view", "agency_id"),
    ("meeting_action", "owner_agency_id"),
    ("practitioner", "agency_id"),
    ("safety_plan_item", "responsible_agency_id"),
    ("discharge_input", "agency_id"),
    ("notification", "agency_id"),
)
AUDIT_ACTOR = "MACPT Companion (workspace update)"


def _seed_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(SEED_NAMESPACE, f"{kind}/{key}"))


class _Audit:
    """Appends to the hash-chained audit log as ``app.storage.audit`` does."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        last = connection.execute(
            sa.text("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        ).first()
        self.seq: int = last[0] if last else 0
        self.prev: str = last[1] if last else "0" * 64

    def append(self, table: str, record_id: str, action: str) -> None:
        self.seq += 1
        at = clock.utcnow()
        payload = "\x1f".join(
            (self.prev, str(self.seq), at.isoformat(), AUDIT_ACTOR, table, record_id, action)
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        naive = at.astimezone(dt.UTC).replace(tzinfo=None)
        self.connection.execute(
            sa.text(
                "INSERT INTO audit_log (id, created_at, updated_at, seq, at, actor, record_table,"
                " record_id, action, prev_hash, entry_hash) VALUES (:id, :at, :at, :seq, :at,"
                " :actor, :table, :rid, :action, :prev, :hash)"
            ).bindparams(sa.bindparam("at", type_=sa.DateTime())),
            {
                "id": str(uuid.uuid4()),
                "at": naive,
                "seq": self.seq,
                "actor": AUDIT_ACTOR,
                "table": table,
                "rid": record_id,
                "action": action,
                "prev": self.prev,
                "hash": digest,
            },
        )
        self.prev = digest


def _rekey(audit: _Audit, table: str, old: str, new: str) -> None:
    connection = audit.connection
    connection.execute(
        sa.text(f"UPDATE {table} SET id = :new WHERE id = :old"), {"new": new, "old": old}
    )
    audit.append(table, old, "re-keyed")
    audit.append(table, new, "re-keyed")


def _rekey_agencies(audit: _Audit) -> None:
    connection = audit.connection
    rows = connection.execute(
        sa.text("SELECT id, seed_key FROM agency WHERE seed_key IS NOT NULL")
    ).all()
    for old, key in rows:
        new = _seed_id("agency", key)
        if old == new:
            continue
        for table, column in AGENCY_REFERENCES:
            ids = connection.execute(
                sa.text(f"SELECT id FROM {table} WHERE {column} = :old"), {"old": old}
            ).scalars()
            for record_id in list(ids):
                connection.execute(
                    sa.text(f"UPDATE {table} SET {column} = :new WHERE id = :id"),
                    {"new": new, "id": record_id},
                )
                audit.append(table, record_id, "update")
        for record_id, group in connection.execute(
            sa.text("SELECT id, core_group FROM conference_decision")
        ).all():
            members: list[dict[str, Any]] = json.loads(group or "[]")
            if any(m.get("agency_id") == old for m in members):
                for member in members:
                    if member.get("agency_id") == old:
                        member["agency_id"] = new
                connection.execute(
                    sa.text("UPDATE conference_decision SET core_group = :g WHERE id = :id"),
                    {"g": json.dumps(members), "id": record_id},
                )
                audit.append("conference_decision", record_id, "update")
        _rekey(audit, "agency", old, new)


def _rekey_agenda_templates(audit: _Audit) -> None:
    """A template item that is still one the app shipped takes that item's fixed id."""
    connection = audit.connection
    for meeting_type in ("strategy", "review", "icpc", "rcpc"):
        path = paths.resources_dir() / "agendas" / f"{meeting_type}.json"
        shipped = [i["title"] for i in json.loads(path.read_text(encoding="utf-8"))["items"]]
        rows = connection.execute(
            sa.text(
                "SELECT id, title FROM agenda_template_item WHERE meeting_type = :t"
                " ORDER BY position"
            ),
            {"t": meeting_type},
        ).all()
        taken: set[int] = set()
        for old, title in rows:
            position = next(
                (p for p, t in enumerate(shipped) if t == title and p not in taken), None
            )
            if position is None:
                continue
            taken.add(position)
            new = _seed_id("agenda-template", f"{meeting_type}/{position}")
            if old != new:
                _rekey(audit, "agenda_template_item", old, new)


def _key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _link_people(audit: _Audit) -> None:
    """Chairs and action owners recorded as names become the records they name, where
    exactly one matches: a practitioner in the directory, or an invitee of the meeting."""
    connection = audit.connection
    directory: dict[str, list[str]] = {}
    for pid, name in connection.execute(sa.text("SELECT id, name FROM practitioner")).all():
        directory.setdefault(_key(name), []).append(pid)
    for mid, chair in connection.execute(sa.text("SELECT id, chair_name FROM meeting")).all():
        found = directory.get(_key(chair), [])
        if chair and len(found) == 1:
            connection.execute(
                sa.text("UPDATE meeting SET chair_id = :p WHERE id = :m"), {"p": found[0], "m": mid}
            )
            audit.append("meeting", mid, "update")
    actions = connection.execute(
        sa.text("SELECT id, meeting_id, owner_name, owner_agency_id FROM meeting_action")
    ).all()
    for aid, mid, owner, agency in actions:
        invitees = [
            row
            for row in connection.execute(
                sa.text(
                    "SELECT name, agency_id, practitioner_id, family_member_id FROM attendance"
                    " WHERE meeting_id = :m"
                ),
                {"m": mid},
            ).all()
            if owner and _key(row[0]) == _key(owner) and row[1] == agency and (row[2] or row[3])
        ]
        if len(invitees) == 1:
            connection.execute(
                sa.text(
                    "UPDATE meeting_action SET owner_practitioner_id = :p,"
                    " owner_family_member_id = :f WHERE id = :a"
                ),
                {"p": invitees[0][2], "f": invitees[0][3], "a": aid},
            )
            audit.append("meeting_action", aid, "update")


# -- upgrade and downgrade ------------------------------------------------------
def _tables() -> list[str]:
    return sorted(set(CHECKS) | set(CASCADES) | set(RETIRABLE))


def upgrade() -> None:
    connection = op.get_bind()
    inspector = sa.inspect(connection)
    for table in _tables():
        with op.batch_alter_table(table, recreate="always") as batch:
            for fk in inspector.get_foreign_keys(table):
                if not fk.get("options", {}).get("ondelete"):
                    continue
                name = str(fk["name"])
                batch.drop_constraint(name, type_="foreignkey")
                batch.create_foreign_key(
                    name,
                    fk["referred_table"],
                    fk["constrained_columns"],
                    fk["referred_columns"],
                )
            for column, values in CHECKS.get(table, {}).items():
                allowed = ", ".join(f"'{v}'" for v in values)
                batch.create_check_constraint(f"ck_{table}_{column}", f"{column} IN ({allowed})")
            for linked, column, referent in PEOPLE_LINKS:
                if linked == table:
                    batch.add_column(sa.Column(column, sa.String(length=36), nullable=True))
                    batch.create_foreign_key(
                        f"fk_{table}_{column}_{referent}", referent, [column], ["id"]
                    )
            if table in RETIRABLE:
                if table != "agency":
                    batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
                batch.add_column(sa.Column("retired_by", sa.String(length=200), nullable=True))
                batch.add_column(sa.Column("retired_reason", sa.Text(), nullable=True))
    _remake_search()
    audit = _Audit(connection)
    _rekey_agencies(audit)
    _rekey_agenda_templates(audit)
    _link_people(audit)
    op.create_table(
        "signed_record",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_signed_record_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signed_record")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_signed_record_meeting_id")),
    )
    op.create_table(
        "record_rewrite",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_record_rewrite")),
    )
    for statement in guard_triggers().values():
        op.execute(statement)


def downgrade() -> None:
    for name in guard_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("record_rewrite")
    connection = op.get_bind()
    # The signed records go with the table; the log says so, so that nothing
    # reads their absence as records removed outside the app.
    audit = _Audit(connection)
    for (record_id,) in connection.execute(sa.text("SELECT id FROM signed_record ORDER BY id")):
        audit.append("signed_record", record_id, "delete")
    op.drop_table("signed_record")
    inspector = sa.inspect(connection)
    for table in _tables():
        with op.batch_alter_table(table, recreate="always") as batch:
            for column in CHECKS.get(table, {}):
                batch.drop_constraint(f"ck_{table}_{column}", type_="check")
            names = {
                tuple(fk["constrained_columns"]): fk["name"]
                for fk in inspector.get_foreign_keys(table)
            }
            for column, referent, action in CASCADES.get(table, ()):
                name = str(names[(column,)])
                batch.drop_constraint(name, type_="foreignkey")
                batch.create_foreign_key(name, referent, [column], ["id"], ondelete=action)
            for linked, column, referent in PEOPLE_LINKS:
                if linked == table:
                    batch.drop_constraint(f"fk_{table}_{column}_{referent}", type_="foreignkey")
                    batch.drop_column(column)
            if table in RETIRABLE:
                batch.drop_column("retired_reason")
                batch.drop_column("retired_by")
                if table != "agency":
                    batch.drop_column("retired_at")
    _remake_search()
