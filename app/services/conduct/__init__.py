"""Conducting a meeting: one module per part of it, each function one transaction.

- ``templates``: the area's agenda template per meeting type
- ``agenda``: a meeting's own agenda, and the notes taken under each item
- ``invitations``: who is invited (the statutory agencies by default, the guardian prompt)
- ``attendance``: who came, when, and in what capacity; walk-ins
- ``representation``: statutory agencies not represented, and the chair's reasons
- ``information``: what each agency shared
- ``decision``: the threshold decision, its rationale and each agency's view
- ``actions``: actions agreed, and open ones carried from earlier meetings
- ``timescales``: the working-day clocks a strategy discussion starts
- ``closing``: what is recorded, what is missing, starting and closing
- ``signoff``: sign-off, amendments and reissued minutes
- ``record``: everything about one meeting, for display and export
- ``flow``: the chair's step model for a meeting, loaded from the workspace

Every function that changes a meeting's records refuses once its minutes are
signed off (``RecordLocked``); changes then go through ``signoff.record_amendment``.
"""
