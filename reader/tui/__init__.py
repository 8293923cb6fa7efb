"""The Textual application: the only layer of reader that imports Textual."""
