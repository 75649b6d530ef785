"""The Qt user interface. The only package that imports PySide6.

The data layer is imported first, before anything here imports Qt: modules
imported after PySide6 go through its import hook, which leaves SQLAlchemy
and the models costing about 17 MB more memory than the same modules imported
before it (measured with ``ru_maxrss``; ``tests/test_cli_imports.py`` holds the order).
"""

import app.models  # noqa: F401  (before PySide6, for the reason above)
