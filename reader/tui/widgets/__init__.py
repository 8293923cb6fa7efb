"""Textual widgets of the reader: one per module."""
