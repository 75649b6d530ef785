"""Modal dialogs. Each is opened through a classmethod ``ask()`` that returns the result."""
