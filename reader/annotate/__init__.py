"""The annotation layer: what changes and reads annotations, without Textual.

Above `reader.store` (which only keeps what it is given) and below the front ends (the
TUI, the commands, a browser, a Python script): the annotation session (tag, link,
relabel, undo), selections, the corpus's relations with the user's decisions, "tag all
like this" and the entity finder. Everything the TUI does to annotations goes through
here, so the CLI and Python can do it too.
"""
