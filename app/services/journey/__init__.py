"""After the strategy meeting: the journey of a child through the child protection process.

- ``review``: the five-day review's ICPC timeframe decision (15 working days by
  default; an extension needs a reason and exceptional circumstances agreed by
  the MACPT; or no conference, with a reason)
- ``safety_plan``: the interim safety plan, where every change is a new dated version
- ``conference``: ICPC and review conference decisions, and the child protection plan
- ``discharge``: ending a plan, ongoing support and the practitioners' input
- ``notifications``: who must be told what after a meeting, and the log of letters
- ``timeline``: a case from strategy meeting to discharge, with each clock

Every function takes keyword-only arguments after the workspace, opens one
transaction and returns frozen dataclasses. Changes to a meeting whose minutes
are signed off are refused (``RecordLocked``).
"""
