"""Encrypted workspace storage: SQLCipher 4 under SQLAlchemy 2.x.

Creating, opening and upgrading a workspace are services (``app.services.workspace``).
"""

from app.storage.workspace import Workspace

__all__ = ["Workspace"]
