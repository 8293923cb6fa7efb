"""Paragraph alignment of two documents, possibly in different languages.

A dynamic programme in the manner of Gale & Church (1993) over paragraph lengths, with
the expected length ratio and its variance estimated from the two documents themselves,
plus evidence from anchors (numbers, Latin names, quotes; every word when both documents
share a language) and from links the user made between paragraphs. Beads may join one
paragraph to several (a translation merges or splits paragraphs) or leave a paragraph
unaligned (titles, "Previous Post Next Post"). See docs/alignment.md.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Iterable, Literal, Sequence

from reader.align.anchors import anchors, words
from reader.align.boilerplate import Boilerplate, classify
from reader.core.document import Document

Side = Literal["a", "b"]

# Prior probabilities of bead shapes, from Gale & Church's hand-aligned corpus; a merge of
# k > 2 paragraphs costs MERGE_EXTRA more per paragraph beyond the second.
PRIOR_ONE_ONE = 0.89
PRIOR_TWO_ONE = 0.089
PRIOR_SKIP = 0.0099
MERGE_EXTRA = 1.0
#: Skipping a headline or caption is cheap, a navigation line cheaper; merging them costs.
SKIP_COST = {Boilerplate.BODY: -math.log(PRIOR_SKIP), Boilerplate.TITLE: 1.5, Boilerplate.NAVIGATION: 0.5}
MERGE_BOILERPLATE_COST = 4.0
#: Weight of a shared anchor (times its rarity) and of an anchor found in the wrong bead.
ANCHOR_BONUS = 1.0
ANCHOR_MISPLACED = 0.5
LINK_BONUS = 4.0
#: Variance of the length difference per character (Gale & Church measured 6.8 for
#: European pairs; different scripts vary more, so the first pass starts wider).
INITIAL_VARIANCE = 12.0
#: Merges stop growing once the merged side is this many standard deviations too long.
MAX_DELTA = 8.0
#: Only cells within this many paragraphs of the diagonal are searched (at least
#: BAND_MIN, or BAND_FRACTION of the longer document), at the price of missing
#: alignments that drift further (a side dropping that much).
BAND_MIN = 30
BAND_FRACTION = 0.15
#: ...but never wider than this (documents of more than ~660 paragraphs): longer ones
#: are searched along the path found so far instead (`_long_programme`), in linear time.
BAND_MAX = 100
#: For those longer documents: the band's half-width around the path, the passes that
#: may move it, and the most paragraphs a bead joins to one (a cell's work grows with it).
LONG_BAND = 12
LONG_PASSES = 4
LONG_MAX_MERGE = 4


@dataclass(frozen=True, slots=True)
class Bead:
    """A group of paragraphs of A aligned with a group of paragraphs of B (indices)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    cost: float = 0.0
    #: How far the lengths are from the expected ratio, in standard deviations.
    length_delta: float = 0.0
    #: Anchors found on both sides of this bead.
    shared: frozenset[str] = frozenset()


@dataclass
class Alignment:
    """The alignment of documents `a` and `b`.

    `beads` holds the aligned groups in order; `unaligned_a`/`unaligned_b` the paragraphs
    left out; `path` every bead in reading order, unaligned paragraphs as one-sided beads;
    `pairs` every (i, j) joined by a bead (a 1-to-2 bead gives two pairs).
    `ratio` is the estimated length ratio len(B)/len(A), `variance` its spread per char.
    """

    a_id: str
    b_id: str
    beads: list[Bead]
    unaligned_a: list[int]
    unaligned_b: list[int]
    ratio: float
    variance: float
    path: list[Bead] = field(default_factory=list)
    _partners: dict[tuple[str, int], list[int]] = field(default_factory=dict, repr=False)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return sorted((i, j) for bead in self.beads for i in bead.a for j in bead.b)

    def partner(self, side: Side, index: int) -> list[int]:
        """The paragraphs on the other side aligned with paragraph `index` of `side`."""
        if not self._partners:
            for bead in self.beads:
                for i in bead.a:
                    self._partners[("a", i)] = list(bead.b)
                for j in bead.b:
                    self._partners[("b", j)] = list(bead.a)
        if side not in ("a", "b"):
            raise ValueError(f"side must be 'a' or 'b', not {side!r}")
        return list(self._partners.get((side, index), []))


@dataclass(frozen=True, slots=True)
class _Side:
    """What the programme needs of one document: lengths, kinds, shared anchors."""

    lengths: list[int]
    kinds: list[Boilerplate]
    shared: list[frozenset[str]]


def _evidence(a: Document, b: Document) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """Per paragraph, the anchors that also occur somewhere in the other document."""
    same_language = a.lang == b.lang and a.lang != "und"
    def extract(text: str) -> frozenset[str]:
        found = anchors(text)
        if same_language:
            # Within one language every word of 3+ letters is evidence (short function
            # words are too common to tell paragraphs apart).
            found |= {w for w in words(text) if len(w) >= 3}
        return found
    a_sets = [extract(p.text) for p in a.paragraphs]
    b_sets = [extract(p.text) for p in b.paragraphs]
    in_a = frozenset().union(*a_sets) if a_sets else frozenset()
    in_b = frozenset().union(*b_sets) if b_sets else frozenset()
    return [s & in_b for s in a_sets], [s & in_a for s in b_sets]


def _rarity(a_sets: list[frozenset[str]], b_sets: list[frozenset[str]]) -> dict[str, float]:
    """An inverse-document-frequency weight per anchor, over the paragraphs of both sides."""
    df = Counter(anchor for sets in (a_sets, b_sets) for s in sets for anchor in s)
    total = len(a_sets) + len(b_sets)
    return {anchor: math.log(1 + total / count) / math.log(1 + total) for anchor, count in df.items()}


def _prefix(values: Sequence[int | bool]) -> list[int]:
    """Running totals: result[k] is the sum of values[:k]."""
    totals = [0]
    for value in values:
        totals.append(totals[-1] + int(value))
    return totals


def _length_cost(la: int, lb: int, ratio: float, variance: float) -> tuple[float, float]:
    """(-log P(length match), delta) for la chars of A against lb chars of B."""
    mean = max((la + lb / ratio) / 2, 1.0)
    delta = (lb - ratio * la) / math.sqrt(mean * variance)
    x = abs(delta) / math.sqrt(2)
    tail = math.erfc(x)
    if tail > 1e-300:
        return -math.log(tail), delta
    # Asymptote of -log erfc(x) where erfc underflows.
    return x * x + math.log(x * math.sqrt(math.pi)), delta


def align_paragraphs(a: Document, b: Document, *, links: Iterable[tuple[int, int]] = ()) -> Alignment:
    """Align the paragraphs of `a` with those of `b` (see the module docstring).

    `links` are (paragraph of A, paragraph of B) pairs that share an entity the user linked;
    each is extra evidence for putting them in one bead. Returns an Alignment; neither
    document is changed. Results are remembered by the texts' sha256s, languages and links
    (the last ALIGNMENT_CACHE_SIZE of them), so a TUI asking again pays nothing.
    """
    link_set = frozenset((int(i), int(j)) for i, j in links)
    key = (a.sha256, a.lang, b.sha256, b.lang, link_set)
    known = _recent.get(key)
    if known is not None:
        _recent.move_to_end(key)
    else:
        known = _align(a, b, link_set)
        _recent[key] = known
        if len(_recent) > ALIGNMENT_CACHE_SIZE:
            _recent.popitem(last=False)
    # A fresh object each time: callers may hold it while the ids differ (same text).
    return Alignment(
        a_id=a.id, b_id=b.id, beads=list(known.beads), unaligned_a=list(known.unaligned_a),
        unaligned_b=list(known.unaligned_b), ratio=known.ratio, variance=known.variance,
        path=list(known.path),
    )


ALIGNMENT_CACHE_SIZE = 64
#: (sha256 of A, language of A, sha256 of B, language of B, links) -> its alignment
_recent: OrderedDict[tuple[str, str, str, str, frozenset[tuple[int, int]]], Alignment] = OrderedDict()


def _align(a: Document, b: Document, link_set: frozenset[tuple[int, int]]) -> Alignment:
    """The alignment itself (uncached): two passes of the programme."""
    a_sets, b_sets = _evidence(a, b)
    weights = _rarity(a_sets, b_sets)
    side_a = _Side([len(p.text.strip()) for p in a.paragraphs], classify([p.text for p in a.paragraphs]), a_sets)
    side_b = _Side([len(p.text.strip()) for p in b.paragraphs], classify([p.text for p in b.paragraphs]), b_sets)

    ratio = _body_ratio(side_a, side_b)
    variance = INITIAL_VARIANCE
    n, m = len(side_a.lengths), len(side_b.lengths)
    width = max(BAND_MIN, int(BAND_FRACTION * max(n, m)))
    if width <= BAND_MAX:
        band = _band(n, m, _diagonal(n, m), width)
        beads = _programme(side_a, side_b, weights, link_set, ratio, variance, band)
        # Second pass: re-estimate the ratio and its spread from the beads just found.
        ratio, variance = _estimate(beads, side_a, side_b, ratio, variance)
        beads = _programme(side_a, side_b, weights, link_set, ratio, variance, band)
    else:
        beads, ratio, variance = _long_programme(side_a, side_b, weights, link_set, ratio, variance)

    aligned = [bead for bead in beads if bead.a and bead.b]
    in_a = {i for bead in aligned for i in bead.a}
    in_b = {j for bead in aligned for j in bead.b}
    return Alignment(
        a_id=a.id, b_id=b.id, beads=aligned,
        unaligned_a=[i for i in range(len(a.paragraphs)) if i not in in_a],
        unaligned_b=[j for j in range(len(b.paragraphs)) if j not in in_b],
        ratio=ratio, variance=variance, path=beads,
    )


def _long_programme(
    side_a: _Side, side_b: _Side, weights: dict[str, float],
    links: frozenset[tuple[int, int]], ratio: float, variance: float,
) -> tuple[list[Bead], float, float]:
    """The two passes of `_align` for documents whose band would be wider than
    BAND_MAX: the band is LONG_BAND paragraphs either side, first along the diagonal
    the lengths draw,
    then around the path found before (re-estimating the ratio and spread once, as
    `_align` does). While the path runs along an edge of its band (the documents drift
    further apart there than the band reaches), the band moves to it again, up to
    LONG_PASSES passes. Time: rows × (2 LONG_BAND + 1) cells per pass, each trying
    at most 2 LONG_MAX_MERGE beads: linear in the length."""
    n, m = len(side_a.lengths), len(side_b.lengths)
    band = _band(n, m, _length_diagonal(side_a, side_b), LONG_BAND)
    beads = _programme(side_a, side_b, weights, links, ratio, variance, band, LONG_MAX_MERGE)
    ratio, variance = _estimate(beads, side_a, side_b, ratio, variance)
    for _ in range(LONG_PASSES - 1):
        band = _band(n, m, _path_columns(beads, n, m), LONG_BAND)
        beads = _programme(side_a, side_b, weights, links, ratio, variance, band, LONG_MAX_MERGE)
        if not _touches_edge(beads, *band, m):
            break
    return beads, ratio, variance


def _body_ratio(side_a: _Side, side_b: _Side) -> float:
    """len(B)/len(A) over body paragraphs (titles and navigation would skew it)."""
    def body(side: _Side) -> int:
        total = sum(n for n, kind in zip(side.lengths, side.kinds) if kind is Boilerplate.BODY)
        return total or sum(side.lengths)
    la, lb = body(side_a), body(side_b)
    return lb / la if la and lb else 1.0


def _estimate(beads: list[Bead], side_a: _Side, side_b: _Side, ratio: float, variance: float) -> tuple[float, float]:
    """The length ratio and per-character variance measured on the beads just found.

    One-to-one beads decide when there are enough of them: the median of their ratios is
    not pulled by a paragraph that only one side has (total lengths are), nor by merges,
    which fit whatever ratio they were found with.
    """
    groups = [
        (sum(side_a.lengths[i] for i in bead.a), sum(side_b.lengths[j] for j in bead.b))
        for bead in beads if bead.a and bead.b
    ]
    singles = [(x, y) for (x, y), bead in zip(groups, (b for b in beads if b.a and b.b))
               if len(bead.a) == len(bead.b) == 1 and x >= 20 and y >= 20]
    if len(singles) >= 3:
        new_ratio = statistics.median(y / x for x, y in singles)
        sample = singles
    else:
        la = sum(g[0] for g in groups)
        lb = sum(g[1] for g in groups)
        if not la or not lb:
            return ratio, variance
        new_ratio, sample = lb / la, groups
    if len(sample) < 3:
        return new_ratio, variance
    spread = sum((y - new_ratio * x) ** 2 / max(x, 1) for x, y in sample) / len(sample)
    # Bounded: a few outliers must not make every length plausible, nor none.
    return new_ratio, min(max(spread, 4.0), 40.0)


def _programme(
    side_a: _Side, side_b: _Side, weights: dict[str, float],
    links: frozenset[tuple[int, int]], ratio: float, variance: float,
    band: tuple[list[int], list[int]], max_merge: int | None = None,
) -> list[Bead]:
    """The cheapest sequence of beads covering both documents, in order, searched
    within ``band`` (per row i, the columns low[i]..high[i]; see `_band`); beads join
    at most ``max_merge`` paragraphs of a side to one of the other (None: any number)."""
    n, m = len(side_a.lengths), len(side_b.lengths)
    inf = math.inf
    low, high = band
    # Only the band's cells are kept: row i holds columns low[i]..high[i].
    cost = [[inf] * (high[i] - low[i] + 1) for i in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (high[i] - low[i] + 1) for i in range(n + 1)]
    cost[0][0] = 0.0

    def at(i: int, j: int) -> float:
        """The cost of cell (i, j); infinite outside the band."""
        k = j - low[i]
        return cost[i][k] if 0 <= k <= high[i] - low[i] else inf

    def weight(anchor_set: Iterable[str]) -> float:
        # Every shared anchor has a weight (_rarity counts the same sets).
        return sum(map(weights.__getitem__, anchor_set))

    # Prefix sums make a bead's lengths and boilerplate counts O(1) whatever its size.
    len_a, len_b = _prefix(side_a.lengths), _prefix(side_b.lengths)
    boiler_a = _prefix([kind is not Boilerplate.BODY for kind in side_a.kinds])
    boiler_b = _prefix([kind is not Boilerplate.BODY for kind in side_b.kinds])
    weight_a = [weight(s) for s in side_a.shared]
    weight_b = [weight(s) for s in side_b.shared]
    skip_a = [SKIP_COST[kind] + ANCHOR_MISPLACED * w for kind, w in zip(side_a.kinds, weight_a)]
    skip_b = [SKIP_COST[kind] + ANCHOR_MISPLACED * w for kind, w in zip(side_b.kinds, weight_b)]
    one_one = -math.log(PRIOR_ONE_ONE)
    two_one = -math.log(PRIOR_TWO_ONE)

    def bead_cost(i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """(cost, length delta) of the bead A[i0:i1] with B[j0:j1]."""
        length, delta = _length_cost(len_a[i1] - len_a[i0], len_b[j1] - len_b[j0], ratio, variance)
        size = max(i1 - i0, j1 - j0)
        if size == 1:
            prior = one_one
            # A headline against a headline is fine; against body text it is not.
            boiler = 0.0 if side_a.kinds[i0] is side_b.kinds[j0] else MERGE_BOILERPLATE_COST
        else:
            prior = two_one + MERGE_EXTRA * (size - 2)
            boiler = MERGE_BOILERPLATE_COST * (boiler_a[i1] - boiler_a[i0] + boiler_b[j1] - boiler_b[j0])
        total = prior + length + boiler
        if size == 1:
            sa, sb = side_a.shared[i0], side_b.shared[j0]
            wa, wb = weight_a[i0], weight_b[j0]
        else:
            sa = frozenset().union(*side_a.shared[i0:i1])
            sb = frozenset().union(*side_b.shared[j0:j1])
            wa, wb = weight(sa), weight(sb)
        if sa and sb:
            both = weight(sa & sb)
            # Shared anchors pull the bead together; the others suggest a place elsewhere.
            total += -ANCHOR_BONUS * both + ANCHOR_MISPLACED * (wa + wb - 2 * both)
        else:
            total += ANCHOR_MISPLACED * (wa + wb)
        if links:
            total -= LINK_BONUS * sum(1 for i in range(i0, i1) for j in range(j0, j1) if (i, j) in links)
        return total, delta

    def relax(i: int, j: int, i0: int, j0: int, step: float) -> None:
        here = cost[i0][j0 - low[i0]] + step
        k = j - low[i]
        if here < cost[i][k]:
            cost[i][k] = here
            back[i][k] = (i0, j0)

    for i in range(n + 1):
        for j in range(low[i], high[i] + 1):
            if i == 0 and j == 0:
                continue
            if i > 0 and at(i - 1, j) < inf:
                relax(i, j, i - 1, j, skip_a[i - 1])
            if j > 0 and at(i, j - 1) < inf:
                relax(i, j, i, j - 1, skip_b[j - 1])
            if i == 0 or j == 0:
                continue
            # k paragraphs of A with one of B (k = 1 is the 1-1 bead), then one of A with k of B.
            # The band's edges never go down from a row to the next, so once a cell
            # (i - k, j - 1) is past its row's high edge, every further k is too.
            for k in range(1, min(i, max_merge or i) + 1):
                if j - 1 > high[i - k]:
                    break
                if at(i - k, j - 1) < inf:
                    step, delta = bead_cost(i - k, i, j - 1, j)
                    relax(i, j, i - k, j - 1, step)
                    if delta < -MAX_DELTA:
                        break
            for k in range(2, min(j, max_merge or j) + 1):
                if j - k < low[i - 1]:
                    break
                if at(i - 1, j - k) < inf:
                    step, delta = bead_cost(i - 1, i, j - k, j)
                    relax(i, j, i - 1, j - k, step)
                    if delta > MAX_DELTA:
                        break

    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        previous = back[i][j - low[i]]
        assert previous is not None
        i0, j0 = previous
        if i0 < i and j0 < j:
            step, delta = bead_cost(i0, i, j0, j)
            shared = (frozenset().union(*side_a.shared[i0:i]) & frozenset().union(*side_b.shared[j0:j]))
            beads.append(Bead(tuple(range(i0, i)), tuple(range(j0, j)), step, delta, shared))
        else:
            step = skip_a[i0] if i0 < i else skip_b[j0]
            beads.append(Bead(tuple(range(i0, i)), tuple(range(j0, j)), step))
        i, j = i0, j0
    beads.reverse()
    return beads


def _band(n: int, m: int, centres: tuple[list[int], list[int]], band: int) -> tuple[list[int], list[int]]:
    """The columns searched in each row i of the programme, ``low[i]..high[i]``: within
    ``band`` paragraphs of the columns ``centres`` gives for the row (lowest, highest).
    Both edges never decrease from a row to the next, and (0, 0) and (n, m) are inside."""
    centre_low, centre_high = centres
    low = [max(0, c - band) for c in centre_low]
    high = [min(m, c + band) for c in centre_high]
    for row in range(1, n + 1):
        low[row] = max(low[row], low[row - 1])
        high[row] = max(high[row], high[row - 1])
    low[0], high[n] = 0, m
    return low, high


def _diagonal(n: int, m: int) -> tuple[list[int], list[int]]:
    """The straight diagonal from (0, 0) to (n, m), by paragraph counts."""
    centre = [i * m // n if n else 0 for i in range(n + 1)]
    return centre, centre


def _length_diagonal(side_a: _Side, side_b: _Side) -> tuple[list[int], list[int]]:
    """Where each row's alignment is expected by the lengths: the first paragraph of B
    whose start is at least the share of B's characters that A has before row i (the
    diagonal from (0, 0) to (n, m) in characters, not in paragraphs)."""
    len_a, len_b = _prefix(side_a.lengths), _prefix(side_b.lengths)
    ratio = len_b[-1] / len_a[-1] if len_a[-1] and len_b[-1] else 1.0
    centre, j, m = [], 0, len(side_b.lengths)
    for chars in len_a:
        while j < m and len_b[j] < chars * ratio:
            j += 1
        centre.append(j)
    return centre, centre


def _path_columns(path: list[Bead], n: int, m: int) -> tuple[list[int], list[int]]:
    """The lowest and highest column of ``path`` (beads from (0, 0) to (n, m)) in each
    row; a row the path crosses inside a bead takes the one before's."""
    lowest, highest = [m] * (n + 1), [0] * (n + 1)
    lowest[0] = highest[0] = i = j = 0
    for bead in path:
        i, j = i + len(bead.a), j + len(bead.b)
        lowest[i], highest[i] = min(lowest[i], j), max(highest[i], j)
    for row in range(1, n + 1):
        if lowest[row] > highest[row]:
            lowest[row] = highest[row] = highest[row - 1]
    return lowest, highest


def _touches_edge(path: list[Bead], low: list[int], high: list[int], m: int) -> bool:
    """Whether ``path`` runs along an edge of its band (where the band cut it short)."""
    i = j = 0
    for bead in path:
        i, j = i + len(bead.a), j + len(bead.b)
        if (j == low[i] and low[i] > 0) or (j == high[i] and high[i] < m):
            return True
    return False
