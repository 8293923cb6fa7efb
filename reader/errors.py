"""Errors a user can act on. The CLI prints them as one line, never as a traceback."""

from __future__ import annotations


class ReaderError(Exception):
    """An error with a message meant for the user (it names the file and the reason)."""

    exit_code = 1


class UsageError(ReaderError):
    exit_code = 2
