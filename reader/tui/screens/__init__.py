"""Screens of the reader: the library (pick documents) and the help (keys)."""
