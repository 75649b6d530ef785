"""The register of every child with an open section 47 enquiry or a child protection plan."""

from app.ui.register.view import RegisterView

__all__ = ["RegisterView"]
