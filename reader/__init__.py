"""reader: a terminal reader and annotator for multilingual, bidirectional news text.

Layers (see docs/architecture.md):
  reader.core     documents: decoding, loading, paragraphs, language, direction, bundled data
  reader.bidi     the bidi layout engine (levels, shaping, wrapping, reordering, sanitizing)
  reader.store    the annotation store on TinyDB (durable storage, journal, locking)
  reader.formats  import/export of annotations (JSONL, Prodigy, doccano, Label Studio, brat, CoNLL)
  reader.align    document relations and paragraph alignment
  reader.tui      the Textual application (the only layer that imports Textual)
  reader.commands the command-line subcommands, one module each
"""

__version__ = "0.1.0"
