"""Weerbaar: a platform for a municipality's programme for a resilient society."""

__version__ = "0.1.0"
