"""MACPT Companion: meeting support for Lead Child Protection Practitioners."""

__version__ = "0.1.0"
APP_NAME = "MACPT Companion"
