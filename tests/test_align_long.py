"""Aligning long documents: the programme's work grows linearly with their length
(a band of fixed width that follows the path), and the alignment is the one the full
band finds."""

from __future__ import annotations

from reader.align import paragraphs as alignment
from reader.core.document import Document
from reader.core.loading import load_documents


def _pair(copies: int) -> tuple[Document, Document]:
    """Seed 000 (Arabic) and its translation 004, each repeated ``copies`` times (each
    copy's paragraphs numbered, so that no two are the same)."""
    seeds = {d.id[:3]: d for d in load_documents([]).documents}
    sides = []
    for seed, lang in (("000", "ar"), ("004", "en")):
        lines = [f"{p.text} {copy}" for copy in range(copies) for p in seeds[seed].paragraphs]
        document = Document(f"{seed}x{copies}", f"{seed}.txt", "\n".join(lines) + "\n", {"lang": lang})
        sides.append(document)
    return sides[0], sides[1]


def _counted(monkeypatch, a: Document, b: Document):
    """The alignment of a and b, and how many bead lengths the programme weighed."""
    calls = [0]
    original = alignment._length_cost

    def counting(*args):
        calls[0] += 1
        return original(*args)

    monkeypatch.setattr(alignment, "_length_cost", counting)
    result = alignment._align(a, b, frozenset())
    monkeypatch.setattr(alignment, "_length_cost", original)
    return result, calls[0]


def test_the_work_grows_linearly_with_the_documents(monkeypatch):
    # BAND_MAX made small, so that documents of a few hundred paragraphs take the path
    # of long ones (quick to test); before, the band was a fraction of the length and
    # every cell looked back over all the rows before it: the work grew ~n^2 or worse.
    monkeypatch.setattr(alignment, "BAND_MAX", 10, raising=False)
    _, small = _counted(monkeypatch, *_pair(5))  # 90 x 105 paragraphs
    _, large = _counted(monkeypatch, *_pair(20))  # 360 x 420
    assert large / small < 6, (small, large)  # 4 times the paragraphs: ~4 times the work


def test_the_banded_path_finds_what_the_full_band_finds(monkeypatch):
    a, b = _pair(6)  # 108 x 126 paragraphs: the full band searches 30 either side
    full = alignment._align(a, b, frozenset())
    monkeypatch.setattr(alignment, "BAND_MAX", 10, raising=False)
    banded = alignment._align(a, b, frozenset())
    assert banded.pairs == full.pairs and len(full.pairs) > 95
    assert abs(banded.ratio - full.ratio) < 1e-9
