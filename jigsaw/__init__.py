"""Jigsaw: a multi-agency safeguarding network explorer."""

__version__ = "0.1.0"
