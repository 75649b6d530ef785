"""Alembic migrations for the workspace schema."""
