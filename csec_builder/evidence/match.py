"""Which passages of a material teach which objective: scores, evidence and verdicts, with every threshold here.

The measure is lexical and explainable. Each query (a key point, the statement, a knowledge-check question
with its answer) is a set of stemmed terms weighted by how specific they are to one objective of the
catalog: idf = ln((N + 1) / df) over the catalog's N objectives, so "child" (in every objective) weighs
almost nothing and "11165" (in one) weighs most. A window of consecutive sentences of one slide, page or
document section scores the share of the query's weight whose terms it uses. A key point is found when
its best window reaches FOUND with at least MIN_TERMS matched terms; the verdict counts found key points,
and a key point another objective's own text teaches too (shared) counts for "covered" but never makes a
"partial" on its own.
The calibration behind each number is in docs/coverage.md.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..catalog import Catalog
from ..models import Objective
from .language import LANGUAGES, Language
from .markers import is_marker
from .readers import Material, Passage, Place, sentences


@dataclass(frozen=True)
class Thresholds:
    window: int = 3
    """Consecutive sentences (of one slide, page or section) read together as one passage."""
    found: float = 0.52
    """Share of a query's term weight a window must use for the query to count as taught there."""
    min_terms: int = 2
    """Distinct terms a window must share with the query: one shared word is chance, not evidence."""
    covered: float = 0.5
    """The verdict is 'covered' when MORE than this share of an objective's key points is found (most of them)."""
    partial: float = 0.25
    """Share of key points found for 'partial'; fewer is 'missing'."""
    rival_margin: float = 0.05
    """A window is evidence for an objective only if no other objective's key point scores more than this
    above it there: catalog objectives share laws and words, and a passage teaches what it matches best."""


THRESHOLDS = Thresholds()
URL = re.compile(r"\bhttps?://|\bwww\.", re.IGNORECASE)
COVERED, PARTIAL, MISSING = "covered", "partial", "missing"


@dataclass(frozen=True)
class Query:
    objective_id: str
    kind: str
    """key_point, statement or knowledge_check."""
    number: int
    """1-based position among the objective's queries of that kind."""
    text: str
    weights: dict[str, float]
    shared_with: tuple[str, ...] = ()
    """Other objectives whose own catalog text teaches this key point too (the same law, said twice)."""
    language: str = "en"
    """The language code of the terms (a key of LANGUAGES), so a report stems a quote the same way."""


@dataclass(frozen=True)
class Hit:
    """The best evidence found for one query: where, how strongly, and the sentence to quote."""

    query: Query
    score: float
    matched: tuple[str, ...]
    """The query's stems that the window uses, in the query's order."""
    place: Place | None
    quote: str
    places: tuple[int, ...]
    """Every slide, page or paragraph number where a window reaches FOUND."""

    @property
    def found(self) -> bool:
        return self.place is not None and _counts(self.score, len(self.matched), THRESHOLDS)


@dataclass(frozen=True)
class ObjectiveEvidence:
    objective_id: str
    version: int
    verdict: str
    score: float
    """The mean of the key points' best scores: how much of the objective's wording the material uses."""
    key_points: tuple[Hit, ...]
    statement: Hit
    knowledge_checks: tuple[Hit, ...]

    @property
    def found(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.key_points if h.found)

    @property
    def not_found(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.key_points if not h.found)

    @property
    def places(self) -> tuple[int, ...]:
        """The slides, pages or paragraphs that teach one of its key points, in order."""
        return tuple(sorted({n for h in self.key_points for n in h.places}))


class Matcher:
    """The catalog's queries, weighted once; `audit` then scores any number of materials against them."""

    def __init__(self, catalog: Catalog, language: Language = LANGUAGES["en"], thresholds: Thresholds = THRESHOLDS):
        self.catalog = catalog
        self.language = language
        self.thresholds = thresholds
        idf = _idf([_full_text(o) for o in catalog.objectives], language)
        self.queries = [q for o in catalog.objectives for q in _queries(o, language, idf)]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, query in enumerate(self.queries):
            for term in query.weights:
                self.postings[term].append(index)
        self.queries = self._mark_shared()

    def _mark_shared(self) -> list[Query]:
        """Each key point with the other objectives whose catalog text (slides, notes, checks) teaches it.

        A deck teaching those objectives teaches such a key point too, so finding it alone is no evidence
        that the deck also teaches its own objective (see `verdict`).
        """
        shared: dict[int, set[str]] = defaultdict(set)
        for objective in self.catalog.objectives:
            passages = _catalog_passages(objective)
            terms = [set(self.language.terms(p.text)) for p in passages]
            for start, end in _windows(passages, self.thresholds.window):
                scores, matched = self._score(set().union(*terms[start:end]))
                for index, score in scores.items():
                    query = self.queries[index]
                    own = query.objective_id == objective.id
                    if query.kind == "key_point" and not own and _counts(score, matched[index], self.thresholds):
                        shared[index].add(objective.id)
        return [replace(q, shared_with=tuple(sorted(shared[i]))) for i, q in enumerate(self.queries)]

    def audit(self, material: Material) -> list[ObjectiveEvidence]:
        """One verdict per catalog objective, in catalog order."""
        hits = self._best_hits(material.passages)
        by_objective: dict[str, list[Hit]] = defaultdict(list)
        for hit in hits:
            by_objective[hit.query.objective_id].append(hit)
        return [self._evidence(o, by_objective[o.id]) for o in self.catalog.objectives]

    def _best_hits(self, passages: Sequence[Passage]) -> list[Hit]:
        """For each query, its best window (the first one on a tie) and every place that reaches FOUND."""
        sentences = [p for p in passages if _teaches(p, self.language)]
        terms = [set(self.language.terms(p.text)) for p in sentences]
        best: list[tuple[float, int, int]] = [(0.0, -1, 0)] * len(self.queries)  # score, window start, matched
        places: list[set[int]] = [set() for _ in self.queries]
        for start, end in _windows(sentences, self.thresholds.window):
            window = set().union(*terms[start:end])
            scores, matched = self._score(window)
            rivals = self._rivals(scores)
            for index, score in scores.items():
                if score < rivals(self.queries[index].objective_id) - self.thresholds.rival_margin:
                    continue
                if score > best[index][0]:
                    best[index] = (score, start, matched[index])
                if _counts(score, matched[index], self.thresholds):
                    places[index].add(self._place_of(sentences, terms, start, end, index).number)
        return [self._hit(query, sentences, terms, best[i], places[i]) for i, query in enumerate(self.queries)]

    def _rivals(self, scores: dict[int, float]):
        """objective id -> the best score of any other objective's query (key point, statement or check) here."""
        top: dict[str, float] = {}
        for index, score in scores.items():
            query = self.queries[index]
            if score > top.get(query.objective_id, 0.0):
                top[query.objective_id] = score
        ranked = [*sorted(top.items(), key=lambda item: -item[1])[:2], ("", 0.0), ("", 0.0)]
        (first_id, first), (_, second) = ranked[0], ranked[1]
        return lambda objective_id: second if objective_id == first_id else first

    def _score(self, window: set[str]) -> tuple[dict[int, float], dict[int, int]]:
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for term in window:
            for index in self.postings.get(term, ()):
                scores[index] += self.queries[index].weights[term]
                matched[index] += 1
        return scores, matched

    def _place_of(self, sentences: Sequence[Passage], terms: list[set[str]], start: int, end: int, index: int) -> Place:
        return sentences[self._best_sentence(terms, start, end, self.queries[index])].place

    def _best_sentence(self, terms: list[set[str]], start: int, end: int, query: Query) -> int:
        """The window's sentence that carries most of the query's weight (the first on a tie)."""
        return max(range(start, end), key=lambda i: (sum(query.weights.get(t, 0.0) for t in terms[i]), -i))

    def _hit(
        self,
        query: Query,
        sentences: Sequence[Passage],
        terms: list[set[str]],
        best: tuple[float, int, int],
        places: set[int],
    ) -> Hit:
        score, start, _ = best
        if start < 0:
            return Hit(query, 0.0, (), None, "", ())
        end = min(start + self.thresholds.window, _block_end(sentences, start))
        window = set().union(*terms[start:end])
        matched = tuple(t for t in query.weights if t in window)
        sentence = sentences[self._best_sentence(terms, start, end, query)]
        return Hit(query, round(score, 3), matched, sentence.place, sentence.text, tuple(sorted(places)))

    def _evidence(self, objective: Objective, hits: list[Hit]) -> ObjectiveEvidence:
        key_points = tuple(h for h in hits if h.query.kind == "key_point")
        found = sum(h.found for h in key_points)
        own = sum(h.found and not h.query.shared_with for h in key_points)
        score = round(sum(h.score for h in key_points) / len(key_points), 3) if key_points else 0.0
        return ObjectiveEvidence(
            objective.id,
            objective.version,
            verdict(found, len(key_points), self.thresholds, own),
            score,
            key_points,
            next(h for h in hits if h.query.kind == "statement"),
            tuple(h for h in hits if h.query.kind == "knowledge_check"),
        )


def verdict(found: int, total: int, thresholds: Thresholds = THRESHOLDS, own: int | None = None) -> str:
    """Covered when most key points are found; partial when enough are, and at least one (`own`) is not a
    key point another objective teaches too: what two objectives share proves neither."""
    share = found / total if total else 0.0
    if found and share > thresholds.covered:
        return COVERED
    if found and share >= thresholds.partial and (own is None or own > 0):
        return PARTIAL
    return MISSING


def _teaches(passage: Passage, language: Language) -> bool:
    """Marker lines claim, reference entries (with a web address) and reference lists cite: none is teaching."""
    text = passage.text
    return not is_marker(text) and URL.search(text) is None and not language.is_reference_list(passage.place.section)


def _counts(score: float, matched: int, thresholds: Thresholds) -> bool:
    return score >= thresholds.found and matched >= thresholds.min_terms


def _windows(sentences: Sequence[Passage], size: int) -> list[tuple[int, int]]:
    """(start, end) of every run of `size` consecutive sentences within one block; a shorter block is one run."""
    windows = []
    start = 0
    while start < len(sentences):
        end = _block_end(sentences, start)
        windows += [(i, min(i + size, end)) for i in range(start, max(start + 1, end - size + 1))]
        start = end
    return windows


def _block_end(sentences: Sequence[Passage], start: int) -> int:
    block, end = sentences[start].block, start
    while end < len(sentences) and sentences[end].block == block:
        end += 1
    return end


def _queries(objective: Objective, language: Language, idf: dict[str, float]) -> list[Query]:
    def query(kind: str, number: int, text: str) -> Query:
        weights = {t: idf[t] for t in dict.fromkeys(language.terms(text))}
        total = sum(weights.values()) or 1.0
        return Query(objective.id, kind, number, text, {t: w / total for t, w in weights.items()}, (), language.code)

    checks = [f"{c.question} {c.answer}" for c in objective.knowledge_check]
    return [
        *(query("key_point", n, text) for n, text in enumerate(objective.key_points, 1)),
        query("statement", 1, objective.statement),
        *(query("knowledge_check", n, text) for n, text in enumerate(checks, 1)),
    ]


def _catalog_passages(objective: Objective) -> list[Passage]:
    """An objective's own text as a material would have it: one block per slide, one for the rest."""
    place = Place("slide", 0, objective.id)
    return [
        Passage(place, "text", sentence, block)
        for block, texts in enumerate(_blocks(objective))
        for text in texts
        for sentence in sentences(text)
    ]


def _blocks(objective: Objective) -> list[list[str]]:
    """What the objective teaches: its title, statement, key points and checks, then each slide."""
    rest = [objective.title, objective.statement, *objective.key_points]
    for check in objective.knowledge_check:
        rest += [check.question, check.answer, check.rationale or ""]
    return [rest, *([slide.title, *slide.bullets, slide.notes or ""] for slide in objective.slides)]


def _full_text(objective: Objective) -> str:
    """Every word of the objective, the wrong answers of its checks too: what weighs a term's specificity."""
    choices = [choice for check in objective.knowledge_check for choice in check.choices or []]
    return "\n".join([*(text for block in _blocks(objective) for text in block), *choices])


def _idf(documents: list[str], language: Language) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for document in documents:
        for term in set(language.terms(document)):
            df[term] += 1
    n = len(documents)
    return {term: math.log((n + 1) / count) for term, count in df.items()}
