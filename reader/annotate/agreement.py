"""Agreement between annotators: span F1 (exact and overlap), character-level Cohen's and
Fleiss' κ and Krippendorff's α, entity-link and claim-link agreement, and diagnostics.

The definitions are in docs/agreement.md; in short:

- exact match: same document, start, end, kind and label; overlap match: same document,
  kind and label and a character in common, spans paired one to one by a maximum matching
  (so the order in which spans are given never changes a figure);
- F1 = 2m / (n_a + n_b), 1.0 when neither annotator has a span;
- character level: every non-whitespace character of a counted document gets the label of
  the (shortest) entity span covering it or `O` (entity layer), `CLAIM` or `O` (claim
  layer). κ and α come from these.

κ and α are computed on a table of distinct rating patterns with their counts: a corpus has
millions of characters but only a few hundred distinct combinations of labels across
annotators, so the sums run over patterns, not characters.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reader.annotate.team import TeamCorpus
from reader.store.model import CLAIM_LABEL, ClaimLink, Span

#: "outside": a character no span of the layer covers
OUTSIDE = "O"
#: diagnostics, as INCEpTION gives them
FEW_SPANS = 5
DOMINANT_SHARE = 0.85
BOUNDARY_SHARE = 0.20

# Every code point str.isspace() accepts lies below U+3001 (U+3000 is the last).
_WHITESPACE = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)


# -- matching ---------------------------------------------------------------------------------
def maximum_matching(adjacency: Sequence[Sequence[int]], n_right: int,
                     seed: Sequence[tuple[int, int]] = ()) -> list[int]:
    """A maximum matching of a bipartite graph (left vertex i is adjacent to the right vertices
    `adjacency[i]`): for each left vertex its right partner, or -1. `seed` pairs (edges) are
    taken first; augmenting paths (Kuhn's algorithm, an explicit stack instead of recursion)
    then make the matching maximum, so the result's size never depends on the seed."""
    match_left = [-1] * len(adjacency)
    match_right = [-1] * n_right
    for left, right in seed:
        if match_left[left] == -1 and match_right[right] == -1:
            match_left[left], match_right[right] = right, left
    for root in range(len(adjacency)):
        if match_left[root] != -1:
            continue
        parent: dict[int, int] = {}          # right vertex -> the left vertex that reached it
        stack = [(root, iter(adjacency[root]))]
        free = -1
        while stack and free == -1:
            left, edges = stack[-1]
            for right in edges:
                if right in parent:
                    continue
                parent[right] = left
                if match_right[right] == -1:
                    free = right
                else:
                    stack.append((match_right[right], iter(adjacency[match_right[right]])))
                break
            else:
                stack.pop()
        right = free
        while right != -1:                   # flip the path's edges back to the root
            left = parent[right]
            previous = match_left[left]
            match_left[left], match_right[right] = right, left
            right = -1 if left == root else previous
    return match_left


def overlap_pairs(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A maximum one-to-one pairing of ranges `a` with ranges `b` ((start, end), end exclusive)
    that share at least one character, identical ranges paired first where they can be.
    Returns (index in a, index in b) pairs."""
    order = sorted(range(len(b)), key=lambda j: b[j][0])
    starts = [b[j][0] for j in order]
    longest = max((end - start for start, end in b), default=0)
    from bisect import bisect_left

    adjacency: list[list[int]] = []
    for start, end in a:
        lo = bisect_left(starts, start - longest + 1)
        hi = bisect_left(starts, end)
        adjacency.append([order[k] for k in range(lo, hi) if b[order[k]][1] > start])
    exact: dict[tuple[int, int], list[int]] = defaultdict(list)
    for j, key in enumerate(b):
        exact[key].append(j)
    seed = []
    for i, key in enumerate(a):
        if exact.get(key):
            seed.append((i, exact[key].pop()))
    matched = maximum_matching(adjacency, len(b), seed)
    return [(i, j) for i, j in enumerate(matched) if j != -1]


def exact_matches(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    """How many ranges of `a` have an identical range in `b`, one to one."""
    return sum((Counter(a) & Counter(b)).values())


def f1(matched: int, n_a: int, n_b: int) -> float:
    """2m / (n_a + n_b); 1.0 when neither annotator has a span."""
    return 1.0 if n_a + n_b == 0 else 2 * matched / (n_a + n_b)


# -- chance-corrected agreement on a table of rating patterns --------------------------------
@dataclass
class Ratings:
    """Distinct rating patterns and how often each occurs. `codes[p, r]` is rater r's category
    (0..categories-1) in pattern p, or -1 where r gave no rating; `weights[p]` its count."""

    codes: np.ndarray
    weights: np.ndarray
    categories: int

    @classmethod
    def from_units(cls, units: Sequence[Sequence[Hashable | None]]) -> "Ratings":
        """Ratings from plain data: one row per unit, one value per rater, None for missing."""
        values = sorted({v for unit in units for v in unit if v is not None}, key=repr)
        index = {v: i for i, v in enumerate(values)}
        raters = max((len(u) for u in units), default=0)
        codes = np.full((len(units), raters), -1, dtype=np.int64)
        for u, unit in enumerate(units):
            for r, value in enumerate(unit):
                if value is not None:
                    codes[u, r] = index[value]
        return cls(codes, np.ones(len(units), dtype=np.int64), len(values))

    def counts(self, rows: np.ndarray | None = None) -> np.ndarray:
        """patterns × categories: how many raters gave each category in each pattern."""
        codes = self.codes if rows is None else self.codes[rows]
        counts = np.zeros((len(codes), self.categories), dtype=np.int64)
        for r in range(codes.shape[1]):
            present = codes[:, r] >= 0
            np.add.at(counts, (np.nonzero(present)[0], codes[present, r]), 1)
        return counts


def cohen_kappa(ratings: Ratings, a: int, b: int) -> float | None:
    """Cohen's κ between raters `a` and `b` over the units both rated; None when chance
    agreement is total (a single category: κ is undefined)."""
    both = (ratings.codes[:, a] >= 0) & (ratings.codes[:, b] >= 0)
    x, y, w = ratings.codes[both, a], ratings.codes[both, b], ratings.weights[both].astype(float)
    total = w.sum()
    if total == 0:
        return None
    k = ratings.categories
    confusion = np.bincount(x * k + y, weights=w, minlength=k * k).reshape(k, k) / total
    observed = np.trace(confusion)
    expected = float(confusion.sum(axis=1) @ confusion.sum(axis=0))
    if expected >= 1.0 - 1e-12:
        return None
    return float((observed - expected) / (1.0 - expected))


def fleiss_kappa(ratings: Ratings) -> float | None:
    """Fleiss' κ over the units every rater rated; None without such units or when the
    expected agreement is total."""
    complete = np.all(ratings.codes >= 0, axis=1)
    raters = ratings.codes.shape[1]
    w = ratings.weights[complete].astype(float)
    units = w.sum()
    if raters < 2 or units == 0:
        return None
    counts = ratings.counts(complete).astype(float)
    per_unit = ((counts * counts).sum(axis=1) - raters) / (raters * (raters - 1))
    observed = float(per_unit @ w) / units
    shares = (counts * w[:, None]).sum(axis=0) / (units * raters)
    expected = float(shares @ shares)
    if expected >= 1.0 - 1e-12:
        return None
    return float((observed - expected) / (1.0 - expected))


def krippendorff_alpha(ratings: Ratings) -> float | None:
    """Krippendorff's α for nominal data, missing ratings allowed: 1 - D_o/D_e from the
    coincidence matrix of the units rated at least twice. None when nothing is pairable or
    every pairable value is the same (no expected disagreement)."""
    counts = ratings.counts().astype(float)
    per_unit = counts.sum(axis=1)
    pairable = per_unit >= 2
    counts, per_unit, w = counts[pairable], per_unit[pairable], ratings.weights[pairable].astype(float)
    if len(counts) == 0:
        return None
    scale = w / (per_unit - 1)
    coincidence = (counts * scale[:, None]).T @ counts
    coincidence[np.diag_indices_from(coincidence)] -= (counts * scale[:, None]).sum(axis=0)
    totals = coincidence.sum(axis=1)
    n = totals.sum()
    observed = coincidence.sum() - np.trace(coincidence)
    expected = (totals.sum() ** 2 - (totals * totals).sum()) / (n - 1)
    if expected <= 1e-12:
        return None
    return float(1.0 - observed / expected)


# -- the corpus -------------------------------------------------------------------------------
@dataclass
class PairResult:
    a: str
    b: str
    spans_a: int
    spans_b: int
    f1_exact: float
    f1_overlap: float
    matches_exact: int
    matches_overlap: int
    kappa_entities: float | None
    kappa_claims: float | None
    labels: dict[str, dict[str, float]]
    entity_links: dict[str, Any]
    claim_links: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "spans_a": self.spans_a, "spans_b": self.spans_b,
                "f1_exact": self.f1_exact, "f1_overlap": self.f1_overlap,
                "matches_exact": self.matches_exact, "matches_overlap": self.matches_overlap,
                "kappa_entities": self.kappa_entities, "kappa_claims": self.kappa_claims,
                "labels": self.labels, "entity_links": self.entity_links, "claim_links": self.claim_links}


@dataclass
class AgreementReport:
    annotators: list[str]
    documents: list[str]
    pairs: list[PairResult]
    fleiss_kappa_entities: float | None
    fleiss_kappa_claims: float | None
    alpha_entities: float | None
    alpha_claims: float | None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"annotators": self.annotators, "documents": self.documents,
                "pairs": [p.to_json() for p in self.pairs],
                "fleiss_kappa_entities": self.fleiss_kappa_entities,
                "fleiss_kappa_claims": self.fleiss_kappa_claims,
                "alpha_entities": self.alpha_entities, "alpha_claims": self.alpha_claims,
                "warnings": self.warnings}


def _ranges(spans: Sequence[Span]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in spans]


def _groups(spans: Sequence[Span]) -> dict[tuple[str, str], list[Span]]:
    grouped: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for span in spans:
        grouped[(span.kind, span.label)].append(span)
    return grouped


def character_ratings(corpus: TeamCorpus, kind: str) -> tuple[Ratings, list[str]]:
    """The character-level ratings of layer `kind` ("entity" or "claim"): one rater per
    annotator (in `corpus.annotators` order), missing on documents they did not touch.
    Returns them and the category names (code i is names[i]; names[0] is O)."""
    names = [OUTSIDE] + sorted({s.label for spans in corpus.spans.values() for doc in spans.values()
                                for s in doc if s.kind == kind} | ({CLAIM_LABEL} if kind == "claim" else set()))
    code_of = {name: i for i, name in enumerate(names)}
    raters = len(corpus.annotators)
    base = len(names) + 1                        # the last code, len(names), is "missing"
    packed = base ** raters < 2 ** 62
    chunks: list[np.ndarray] = []
    for doc_id, document in corpus.documents.items():
        points = np.frombuffer(document.text.encode("utf-32-le"), dtype="<u4")
        keep = ~np.isin(points, _WHITESPACE)
        rows = np.full((raters, int(keep.sum())), len(names), dtype=np.int64)
        for r, annotator in enumerate(corpus.annotators):
            if doc_id not in corpus.touched[annotator]:
                continue
            labels = np.zeros(len(points), dtype=np.int64)
            layer = [s for s in corpus.spans_of(annotator, doc_id) if s.kind == kind]
            # the longest first, so that a shorter span inside it paints over it
            for span in sorted(layer, key=lambda s: s.end - s.start, reverse=True):
                labels[span.start:span.end] = code_of[span.label]
            rows[r] = labels[keep]
        if packed:
            powers = base ** np.arange(raters, dtype=np.int64)
            chunks.append(powers @ rows)
        else:
            chunks.append(rows.T)
    if packed:
        patterns, weights = np.unique(np.concatenate(chunks) if chunks else np.zeros(0, np.int64),
                                      return_counts=True)
        codes = (patterns[:, None] // (base ** np.arange(raters, dtype=np.int64))) % base
    else:
        codes, weights = np.unique(np.concatenate(chunks), axis=0, return_counts=True)
    codes = np.where(codes == len(names), -1, codes)
    return Ratings(codes.astype(np.int64), weights.astype(np.int64), len(names)), names


def _link_agreement(pairs: list[tuple[Span, Span]]) -> dict[str, Any]:
    """Over matched mentions (x_a, x_b): the pair agrees when the matched mentions a linked to
    x_a's entity are exactly those b linked to x_b's (entity ids are never compared)."""
    def clusters(entity_ids: list[str | None]) -> list[frozenset[int] | None]:
        members: dict[str, set[int]] = defaultdict(set)
        for i, entity in enumerate(entity_ids):
            if entity:
                members[entity].add(i)
        frozen = {e: frozenset(m) for e, m in members.items()}
        return [frozen[e] if e else None for e in entity_ids]

    of_a = clusters([x.entity_id for x, _ in pairs])
    of_b = clusters([y.entity_id for _, y in pairs])
    compared = [i for i in range(len(pairs)) if of_a[i] is not None or of_b[i] is not None]
    same = sum(1 for i in compared if of_a[i] == of_b[i])
    return {"compared": len(compared), "same": same, "share": same / len(compared) if compared else None}


def _claim_link_agreement(
    pairs: list[tuple[Span, Span]], links_a: Sequence[ClaimLink], links_b: Sequence[ClaimLink]
) -> dict[str, Any]:
    """Over pairs of matched claims that either annotator linked: the same link type (or
    both unlinked); a link's direction is not compared."""
    index_a = {x.id: i for i, (x, _) in enumerate(pairs)}
    index_b = {y.id: i for i, (_, y) in enumerate(pairs)}

    def typed(links: Sequence[ClaimLink], index: dict[str, int]) -> dict[frozenset[int], str]:
        found: dict[frozenset[int], str] = {}
        for link in links:
            if link.source in index and link.target in index:
                found[frozenset((index[link.source], index[link.target]))] = link.type
        return found

    a, b = typed(links_a, index_a), typed(links_b, index_b)
    keys = a.keys() | b.keys()
    same = sum(1 for k in keys if a.get(k) == b.get(k))
    return {"compared": len(keys), "same": same, "share": same / len(keys) if keys else None}


def compare_pair(corpus: TeamCorpus, a: str, b: str) -> tuple[PairResult, dict[str, int]]:
    """The span measures of annotators `a` and `b` on the documents both touched (κ filled in
    by `measure`), and the number of spans per label they contributed."""
    n_a = n_b = exact = overlap = 0
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n_a, n_b, exact, overlap
    entity_pairs: list[tuple[Span, Span]] = []
    claim_pairs: list[tuple[Span, Span]] = []
    for doc_id in corpus.common(a, b):
        groups_a = _groups(corpus.spans_of(a, doc_id))
        groups_b = _groups(corpus.spans_of(b, doc_id))
        for key in groups_a.keys() | groups_b.keys():
            xs, ys = groups_a.get(key, []), groups_b.get(key, [])
            ra, rb = _ranges(xs), _ranges(ys)
            matched = overlap_pairs(ra, rb)
            same = exact_matches(ra, rb)
            counts = per_label[key[1]]
            counts[0] += len(xs)
            counts[1] += len(ys)
            counts[2] += same
            counts[3] += len(matched)
            (entity_pairs if key[0] == "entity" else claim_pairs).extend((xs[i], ys[j]) for i, j in matched)
    for counts in per_label.values():
        n_a, n_b, exact, overlap = n_a + counts[0], n_b + counts[1], exact + counts[2], overlap + counts[3]
    labels = {label: {"f1_exact": f1(c[2], c[0], c[1]), "f1_overlap": f1(c[3], c[0], c[1])}
              for label, c in sorted(per_label.items())}
    result = PairResult(
        a=a, b=b, spans_a=n_a, spans_b=n_b, f1_exact=f1(exact, n_a, n_b), f1_overlap=f1(overlap, n_a, n_b),
        matches_exact=exact, matches_overlap=overlap, kappa_entities=None, kappa_claims=None, labels=labels,
        entity_links=_link_agreement(entity_pairs),
        claim_links=_claim_link_agreement(claim_pairs, corpus.links.get(a, []), corpus.links.get(b, [])),
    )
    return result, {label: c[0] + c[1] for label, c in per_label.items()}


def measure(corpus: TeamCorpus) -> AgreementReport:
    """Every figure of `reader agree` for `corpus`."""
    warnings = list(corpus.warnings)
    people = corpus.annotators
    pairs: list[PairResult] = []
    label_totals: Counter[str] = Counter()
    layers = {kind: character_ratings(corpus, kind) for kind in ("entity", "claim")}
    for i, a in enumerate(people):
        for j in range(i + 1, len(people)):
            b = people[j]
            result, contributed = compare_pair(corpus, a, b)
            result.kappa_entities = cohen_kappa(layers["entity"][0], i, j)
            result.kappa_claims = cohen_kappa(layers["claim"][0], i, j)
            pairs.append(result)
            matched, differing = result.matches_overlap, result.matches_overlap - result.matches_exact
            if matched and differing / matched >= BOUNDARY_SHARE:
                warnings.append(f"{a} and {b}: {differing} of {matched} overlapping "
                                "matches differ in their boundaries (20% or more): agree on where spans "
                                "start and end")
    for annotator in people:
        for spans in corpus.spans[annotator].values():
            label_totals.update(s.label for s in spans)
    for label, total in sorted(label_totals.items()):
        if total < FEW_SPANS:
            warnings.append(f"label {label}: only {total} span{'s' if total != 1 else ''} in all "
                            f"(fewer than {FEW_SPANS}): its figures say little")
    for kind, (ratings, names) in layers.items():
        present = ratings.codes >= 0
        totals = np.zeros(len(names))
        for r in range(ratings.codes.shape[1]):
            np.add.at(totals, ratings.codes[present[:, r], r], ratings.weights[present[:, r]])
        if totals.sum() and totals.max() / totals.sum() >= DOMINANT_SHARE:
            top = names[int(totals.argmax())]
            warnings.append(f"{kind} layer: {top} covers {totals.max() / totals.sum():.0%} of the characters "
                            f"(85% or more): κ and α are unreliable there")
    fleiss = {kind: fleiss_kappa(r) if len(people) >= 3 else None for kind, (r, _) in layers.items()}
    return AgreementReport(
        annotators=list(people), documents=list(corpus.documents), pairs=pairs,
        fleiss_kappa_entities=fleiss["entity"], fleiss_kappa_claims=fleiss["claim"],
        alpha_entities=krippendorff_alpha(layers["entity"][0]),
        alpha_claims=krippendorff_alpha(layers["claim"][0]), warnings=warnings,
    )
