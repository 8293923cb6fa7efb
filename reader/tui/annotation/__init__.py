"""Annotating in the reader: selections, highlights, and the session that talks to the store.

`AnnotationSession` (session.py) holds the open AnnotationStore, the label schema and the
pending claim link; `AnnotationActions` (actions.py) gives a DocumentView its annotation
key actions; styles.py draws spans, the selection and search matches over visual lines.
"""
