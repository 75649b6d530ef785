"""The main window's pages. Each takes the open workspace and holds no session."""
