"""Hybrid retrieval over units: BM25 (stemmed in Dutch and English, diacritics folded, typo tolerant)
and dense similarity from the Chroma index, fused with reciprocal rank fusion."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import numpy as np
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
# The English MiniLM model is weak on Dutch and on paraphrase; the lexical ranking is the surer of the two.
BM25_WEIGHT = 1.5
DENSE_WEIGHT = 1.0
# Salutation, signature, copy list and attachment list answer "who/which" questions through the router;
# in free search they win only on words that no other unit has (a name such as "Schoof").
METADATA_KINDS = ("salutation", "signature", "copies", "attachments")
METADATA_DEMOTION = 0.5
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
    # token -> how it matched: "exact", "synonym", "spelling", "derivation", "compound"
    how: dict[str, str] = field(default_factory=dict)

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


def _is_word(part: str, vocab: set[str]) -> bool:
    """The other half of a compound must be a word of the letter too (with a linking s or e):
    'asiel|opvang' yes, 'klimaat|beleid' no (the letter never speaks of climate)."""
    for candidate in (part, part[:-1] if part[-1:] in "se" else part, part[1:] if part[:1] in "se" else part):
        if len(candidate) >= 3 and any(v.startswith(candidate) or v.endswith(candidate) for v in vocab):
            return True
    return False


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
    _vocab_set: set[str] = PrivateAttr()
    _sentence_stems: dict[str, set[str]] = PrivateAttr()
    _metadata_only: set[str] = PrivateAttr()

    def model_post_init(self, __context: object) -> None:
        docs = []
        self._unit_stem_sets = []
        for unit in self.letter.units:
            text = " ".join([unit.section_nl, unit.section_en, unit.text_nl, unit.text_en or ""])
            stems = [s for t in tokens(text) for s in {stem(t, "nl"), stem(t, "en")}]
            docs.append(stems)
            self._unit_stem_sets.append(set(stems))
        self._bm25 = BM25Okapi(docs)
        content = set().union(*(st for u, st in zip(self.letter.units, self._unit_stem_sets, strict=True)
                                if u.kind not in METADATA_KINDS))
        self._metadata_only = set().union(*(st for u, st in zip(self.letter.units, self._unit_stem_sets, strict=True)
                                            if u.kind in METADATA_KINDS)) - content
        self._sentence_stems = {
            s.id: _unit_stems(f"{s.nl} {s.en or ''}") for unit in self.letter.units for s in unit.sentences
        }
        self._vocab_stems = set().union(*self._unit_stem_sets)
        self._vocab_set = set()
        self._vocab_tokens = sorted({t for u in self.letter.units for t in tokens(
            " ".join([u.text_nl, u.text_en or "", u.section_nl, u.section_en]))})
        self._vocab_set = set(self._vocab_tokens)

    def analyse(self, query: str) -> QueryTerms:
        """Map each content word to corpus stems: exact stem, then a close spelling, then a compound part."""
        words = content_tokens(query)
        known: dict[str, set[str]] = {}
        how: dict[str, str] = {}

        def stems_of(candidates: list[str] | set[str]) -> set[str]:
            return {s for c in candidates for s in (stem(c, "nl"), stem(c, "en"))} & self._vocab_stems

        for word in words:
            stems = stems_of([word])
            how[word] = "exact"
            if word in SYNONYMS:
                stems |= stems_of(tokens(SYNONYMS[word]))
                how[word] = "exact" if stems_of([word]) else "synonym"
            if not stems and len(word) >= 6:
                stems = stems_of(difflib.get_close_matches(word, self._vocab_tokens, n=2, cutoff=0.85))
                how[word] = "spelling"
            if len(word) >= 7:
                # Other inflections and derivations: "oekrainers" ~ "oekraiense", "gemeenten" ~ "gemeentelijke".
                derived = stems_of([v for v in self._vocab_tokens if v.startswith(word[:6])])
                if derived and not stems:
                    how[word] = "derivation"
                stems |= derived
            if not stems and len(word) >= 6:
                # Dutch compounds: "asielopvang" ~ "opvang", "spreidingswetgeving" ~ "spreidingswet"; the rest
                # of the word must be a word itself ("utrecht" is not "ut" + "recht").
                vocab = self._vocab_set
                parts = [v for v in self._vocab_tokens if len(v) >= 5 and (
                    (word.endswith(v) and _is_word(word[: -len(v)], vocab))
                    or (word.startswith(v) and _is_word(word[len(v):], vocab))
                    or ((v.startswith(word) or v.endswith(word)) and len(v) - len(word) >= 4))]
                stems = stems_of(parts)
                how[word] = "compound"
            known[word] = stems
        return QueryTerms(tokens=words, known=known, how=how)

    def sentence_matches(self, sentence_id: str, terms: QueryTerms) -> int:
        """How many of the question's words this sentence contains (by stem, synonym or close spelling)."""
        stems = self._sentence_stems.get(sentence_id, set())
        return sum(1 for known in terms.known.values() if known & stems)

    def search(self, query: str, language: Lang, vector: list[float] | None = None,
               units: set[str] | None = None) -> Retrieval:
        terms = self.analyse(query)
        query_stems = [s for stems in terms.known.values() for s in stems]
        # Each word of the question counts once, by its best stem: a synonym list ("government" -> kabinet,
        # rijk, cabinet) must not outweigh a rare word that matches once ("warn").
        bm25 = np.zeros(len(self.letter.units))
        for stems in terms.known.values():
            if stems:
                bm25 += np.max([self._bm25.get_scores([s]) for s in sorted(stems)], axis=0)

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
        for weight, ranking in ((BM25_WEIGHT, by_bm25), (DENSE_WEIGHT, by_dense)):
            for rank, hit in enumerate(ranking, start=1):
                hit.score += weight / (RRF_K + rank)
        query_stems_set = set(query_stems)
        for hit in hits:
            if hit.unit.kind in METADATA_KINDS and not (query_stems_set & self._metadata_only):
                hit.score *= METADATA_DEMOTION
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
