"""Hybrid retrieval over units: BM25 (stemmed in Dutch and English, diacritics folded, typo tolerant)
and dense similarity from the Chroma index, fused with reciprocal rank fusion."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr
from rank_bm25 import BM25Okapi

from assistant.index import LetterIndex
from assistant.models import Lang, Letter, Unit
from assistant.synonyms import SYNONYMS
from assistant.text import content_tokens, stem, tokens

RRF_K = 10  # few units: a small constant keeps the top ranks apart
OTHER_LANGUAGE_PENALTY = 0.05  # an English model on Dutch text is less sure than on English text


@dataclass
class UnitHit:
    unit: Unit
    score: float  # fused (RRF)
    dense: float  # best cosine similarity of the query to the unit or one of its sentences
    bm25: float
    matched: set[str] = field(default_factory=set)  # query tokens found in this unit
    sentence_scores: dict[str, float] = field(default_factory=dict)  # sentence id -> dense similarity


@dataclass
class QueryTerms:
    tokens: list[str]  # content tokens of the question, as asked (folded)
    known: dict[str, set[str]]  # token -> stems it matches in the corpus (after typo correction)

    @property
    def unknown(self) -> list[str]:
        return [t for t in self.tokens if not self.known.get(t)]

    @property
    def coverage(self) -> float:
        return 1.0 if not self.tokens else sum(bool(self.known.get(t)) for t in self.tokens) / len(self.tokens)


@dataclass
class Retrieval:
    hits: list[UnitHit]
    terms: QueryTerms

    @property
    def top_dense(self) -> float:
        return max((h.dense for h in self.hits), default=0.0)


def _unit_stems(text: str) -> set[str]:
    return {s for t in tokens(text) for s in (stem(t, "nl"), stem(t, "en"))}


class HybridRetriever(BaseRetriever):
    """A LangChain retriever; `search` also returns the scores the answer step needs to decide whether the
    letter answers at all (EnsembleRetriever fuses ranks but drops the scores)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    letter: Letter
    index: LetterIndex
    embeddings: Embeddings
    k: int = 5

    _bm25: BM25Okapi = PrivateAttr()
    _unit_stem_sets: list[set[str]] = PrivateAttr()
    _vocab_stems: set[str] = PrivateAttr()
    _vocab_tokens: list[str] = PrivateAttr()
    _sentence_stems: dict[str, set[str]] = PrivateAttr()

    def model_post_init(self, __context: object) -> None:
        docs = []
        self._unit_stem_sets = []
        for unit in self.letter.units:
            text = " ".join([unit.section_nl, unit.section_en, unit.text_nl, unit.text_en or ""])
            stems = [s for t in tokens(text) for s in {stem(t, "nl"), stem(t, "en")}]
            docs.append(stems)
            self._unit_stem_sets.append(set(stems))
        self._bm25 = BM25Okapi(docs)
        self._sentence_stems = {
            s.id: _unit_stems(f"{s.nl} {s.en or ''}") for unit in self.letter.units for s in unit.sentences
        }
        self._vocab_stems = set().union(*self._unit_stem_sets)
        self._vocab_tokens = sorted({t for u in self.letter.units for t in tokens(
            " ".join([u.text_nl, u.text_en or "", u.section_nl, u.section_en]))})

    def analyse(self, query: str) -> QueryTerms:
        """Map each content word to corpus stems: exact stem, then a close spelling, then a compound part."""
        words = content_tokens(query)
        known: dict[str, set[str]] = {}
        for word in words:
            stems = {stem(word, "nl"), stem(word, "en")} & self._vocab_stems
            if word in SYNONYMS:
                stems |= {s for w in tokens(SYNONYMS[word]) for s in (stem(w, "nl"), stem(w, "en"))} & self._vocab_stems
            if not stems and len(word) >= 6:
                close = difflib.get_close_matches(word, self._vocab_tokens, n=2, cutoff=0.85)
                stems = {s for c in close for s in (stem(c, "nl"), stem(c, "en"))} & self._vocab_stems
            if len(word) >= 7:
                # Other inflections and derivations: "oekrainers" ~ "oekraiense", "gemeenten" ~ "gemeentelijke".
                prefix = word[:6]
                stems |= {s for v in self._vocab_tokens if v.startswith(prefix)
                          for s in (stem(v, "nl"), stem(v, "en"))} & self._vocab_stems
            if not stems and len(word) >= 6:
                # Dutch compounds: "asielopvang" ~ "opvang", "spreidingswetgeving" ~ "spreidingswet".
                parts = [v for v in self._vocab_tokens if len(v) >= 5 and (v in word or word in v)]
                stems = {s for c in parts for s in (stem(c, "nl"), stem(c, "en"))} & self._vocab_stems
            known[word] = stems
        return QueryTerms(tokens=words, known=known)

    def sentence_matches(self, sentence_id: str, terms: QueryTerms) -> int:
        """How many of the question's words this sentence contains (by stem, synonym or close spelling)."""
        stems = self._sentence_stems.get(sentence_id, set())
        return sum(1 for known in terms.known.values() if known & stems)

    def search(self, query: str, language: Lang, vector: list[float] | None = None,
               units: set[str] | None = None) -> Retrieval:
        terms = self.analyse(query)
        query_stems = [s for stems in terms.known.values() for s in stems]
        bm25 = self._bm25.get_scores(query_stems) if query_stems else [0.0] * len(self.letter.units)

        vector = vector if vector is not None else self.embeddings.embed_query(query)
        dense: dict[str, float] = {}
        sentence_scores: dict[str, dict[str, float]] = {}
        for hit in self.index.search(vector):
            sim = hit.similarity - (0.0 if hit.lang == language else OTHER_LANGUAGE_PENALTY)
            dense[hit.unit_id] = max(dense.get(hit.unit_id, -1.0), sim)
            if hit.sentence_id:
                per_unit = sentence_scores.setdefault(hit.unit_id, {})
                per_unit[hit.sentence_id] = max(per_unit.get(hit.sentence_id, -1.0), sim)

        hits = []
        for i, unit in enumerate(self.letter.units):
            if units is not None and unit.id not in units:
                continue
            matched = {t for t, stems in terms.known.items() if stems & self._unit_stem_sets[i]}
            hits.append(UnitHit(unit=unit, score=0.0, dense=dense.get(unit.id, 0.0), bm25=float(bm25[i]),
                                matched=matched, sentence_scores=sentence_scores.get(unit.id, {})))
        by_bm25 = sorted((h for h in hits if h.bm25 > 0), key=lambda h: -h.bm25)
        by_dense = sorted(hits, key=lambda h: -h.dense)
        for ranking in (by_bm25, by_dense):
            for rank, hit in enumerate(ranking, start=1):
                hit.score += 1.0 / (RRF_K + rank)
        hits.sort(key=lambda h: -h.score)
        return Retrieval(hits=hits, terms=terms)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        from assistant.language import detect

        language, _ = detect(query)
        result = self.search(query, language)
        return [
            Document(
                id=hit.unit.id,
                page_content=hit.unit.text_nl,
                metadata={"unit_id": hit.unit.id, "section": hit.unit.section_nl, "score": hit.score,
                          "dense": hit.dense, "bm25": hit.bm25},
            )
            for hit in result.hits[: self.k]
        ]
