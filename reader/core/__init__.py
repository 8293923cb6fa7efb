"""The pure core: documents and the data bundled with reader. Never imports Textual."""
