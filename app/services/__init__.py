"""Service functions: the only way the UI and the CLI touch the workspace.

Each takes keyword-only arguments and opens exactly one transaction.
"""
