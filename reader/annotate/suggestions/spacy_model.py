"""A user's own model: a spaCy pipeline they installed or trained (`reader suggest --model
NAME_OR_PATH`), its entity labels mapped onto the label schema's.

spaCy is an optional extra (`pip install reader[spacy]`): it is imported only when a model
is asked for, and a missing spaCy or model is a ReaderError that says what to install.
Nothing is downloaded: `spacy.load` reads an installed package or a directory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from reader.annotate.suggestions.base import Found
from reader.errors import ReaderError

#: spaCy's NER gives no probability per entity: a model's suggestion scores this.
MODEL_SCORE = 0.6
#: Texts are given to the model a paragraph at a time (bounded memory, spaCy's max_length).
_BATCH = 64


def label_map(schema_labels: tuple[str, ...], model_labels: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """model label -> schema label: the `[model_labels]` table of the schema, and every
    schema label not named there for the model label of the same name."""
    mapping = {name: label for label, names in model_labels.items() for name in names}
    for label in schema_labels:
        if label not in model_labels:
            mapping.setdefault(label, label)
    return mapping


class SpacyRecognizer:
    """Entities from a spaCy pipeline, relabelled by `mapping` (others dropped)."""

    def __init__(self, name_or_path: str, mapping: dict[str, str]) -> None:
        self.name = name_or_path
        self.nlp = load_pipeline(name_or_path)
        self.mapping = mapping
        self.source = f"model:{name_or_path}"
        self.labels = frozenset(mapping.values())

    def find(self, text: str, lang: str) -> Iterator[Found]:
        # One paragraph (line) at a time: offsets shift by the paragraph's start.
        starts, lines = [], []
        position = 0
        for line in text.split("\n"):
            if line.strip():
                starts.append(position)
                lines.append(line)
            position += len(line) + 1
        for offset, doc in zip(starts, self.nlp.pipe(lines, batch_size=_BATCH)):
            for ent in doc.ents:
                label = self.mapping.get(ent.label_)
                if label is not None and ent.text.strip():
                    yield Found(offset + ent.start_char, offset + ent.end_char, label, MODEL_SCORE)


def load_pipeline(name_or_path: str) -> Any:
    """`spacy.load(name_or_path)`, with the failures a user can fix told as ReaderErrors."""
    try:
        import spacy
    except ImportError:
        raise ReaderError("--model needs spaCy: pip install 'reader[spacy]'") from None
    try:
        return spacy.load(name_or_path)
    except OSError as error:
        raise ReaderError(f"{name_or_path}: not an installed spaCy package or a pipeline directory ({error})") from None
    except Exception as error:  # spaCy raises many kinds (config, version, catalogue) on a bad pipeline
        raise ReaderError(f"{name_or_path}: cannot load this spaCy pipeline ({type(error).__name__}: {error})") from None
