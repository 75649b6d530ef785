"""Shared test helpers: workspace templates, file checks and subprocess scripts."""
