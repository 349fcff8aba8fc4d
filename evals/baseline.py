"""The baseline: plain dense retrieval over fixed-size chunks of the raw letter, answering with the top chunk.

500-character chunks with 50 characters overlap (LangChain's RecursiveCharacterTextSplitter) of
corpus/letter.nl.txt, embedded with the assistant's own model into an in-memory Chroma. The answer is the top
chunk, never a refusal; its citations are the letter units the chunk overlaps (see evals/README.md).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.config import Settings
from assistant.corpus import LETTER_FILE
from assistant.embeddings import load_embeddings
from assistant.models import Letter
from evals.gold import GoldCase
from evals.metrics import CaseResult, score

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
# A unit counts as covered by a chunk when one of its sentences lies wholly inside the chunk, or when the
# overlap is at least this many characters (a sentence longer than what a chunk can hold).
MIN_PARTIAL_OVERLAP = 100


@dataclass
class Chunk:
    index: int
    text: str  # whitespace-normalised
    start: int  # span in the normalised letter (letter.sources["letter"]); -1 when not found
    end: int
    units: list[tuple[str, str]]  # (unit id, verbatim quote of the part of the unit inside the chunk)


def _normalise(text: str) -> str:
    return " ".join(text.split())


def map_chunk(letter: Letter, index: int, raw: str, cursor: int = 0) -> Chunk:
    """The units a chunk overlaps, largest overlap first, each with the verbatim overlapping text."""
    source = letter.sources["letter"]
    text = _normalise(raw)
    start = source.find(text, cursor)
    if start < 0:
        start = source.find(text)
    covered: list[tuple[int, str, str]] = []
    for unit in letter.units:
        if unit.source != "letter" or not unit.sentences:
            continue
        if start >= 0:
            end = start + len(text)
            spans = [(s.position, s.position + len(s.nl)) for s in unit.sentences]
            whole = any(start <= a and b <= end for a, b in spans)
            overlap = sum(max(0, min(b, end) - max(a, start)) for a, b in spans)
            if whole or overlap >= MIN_PARTIAL_OVERLAP:
                lo, hi = max(start, spans[0][0]), min(end, spans[-1][1])
                covered.append((overlap, unit.id, source[lo:hi].strip()))
        else:  # not located (should not happen): fall back to whole sentences found in the chunk
            inside = [s.nl for s in unit.sentences if s.nl in text]
            if inside:
                covered.append((sum(map(len, inside)), unit.id, max(inside, key=len)))
    covered.sort(key=lambda item: -item[0])
    return Chunk(index=index, text=text, start=start, end=start + len(text) if start >= 0 else -1,
                 units=[(unit_id, quote) for _, unit_id, quote in covered])


class Baseline:
    def __init__(self, settings: Settings, letter: Letter, embeddings: Embeddings | None = None) -> None:
        started = time.perf_counter()
        self.letter = letter
        self.embeddings = embeddings or load_embeddings(settings.embedding_model)
        raw = (settings.corpus_dir / LETTER_FILE).read_text(encoding="utf-8")
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        pieces = splitter.split_text(raw)
        self.chunks: list[Chunk] = []
        cursor = 0
        for i, piece in enumerate(pieces):
            chunk = map_chunk(letter, i, piece, cursor)
            cursor = max(cursor, chunk.start) if chunk.start >= 0 else cursor
            self.chunks.append(chunk)
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma(
            client=client,
            collection_name=f"baseline-{uuid.uuid4().hex[:8]}",
            embedding_function=self.embeddings,
            collection_metadata={"hnsw:space": "cosine"},
        )
        self.store.add_texts([c.text for c in self.chunks], metadatas=[{"chunk": c.index} for c in self.chunks],
                             ids=[f"chunk-{c.index}" for c in self.chunks])
        self.build_ms = (time.perf_counter() - started) * 1000

    def search(self, question: str) -> list[Chunk]:
        found = self.store.similarity_search(question, k=len(self.chunks))
        return [self.chunks[doc.metadata["chunk"]] for doc in found]

    def run(self, cases: Sequence[GoldCase]) -> list[CaseResult]:
        sources = list(self.letter.sources.values())
        unit_ids = {u.id for u in self.letter.units}
        results = []
        for case in cases:
            started = time.perf_counter()
            ranked_chunks = self.search(case.question)  # plain RAG: no conversation memory
            top = ranked_chunks[0]
            latency = (time.perf_counter() - started) * 1000
            citations = [
                {"n": n, "id": unit_id, "section": self.letter.unit(unit_id).section_nl, "demand": None,
                 "quote": quote, "quote_en": None}
                for n, (unit_id, quote) in enumerate(top.units, start=1)
            ]
            ranked: list[str] = []
            for chunk in ranked_chunks:
                ranked.extend(u for u, _ in chunk.units if u not in ranked)
            result = CaseResult.for_case(
                case,
                "baseline",
                answer=top.text,
                language="nl",  # the chunk is Dutch text, whatever the question's language
                refused=False,
                citations=citations,
                cited=[u for u, _ in top.units],
                ranked=ranked,
                retriever_ranked=ranked,
                latency_ms=round(latency, 2),
            )
            results.append(score(result, sources, unit_ids))
        return results
