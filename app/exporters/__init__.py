"""Documents the app exports (minutes, letters, notifications, reports). No Qt here.

``docx_base`` and ``docx_tables`` hold what every document shares: the base
template, the OFFICIAL-SENSITIVE marking, page numbers, document properties,
British long dates, tables and the atomic save.
"""
