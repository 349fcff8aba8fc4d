"""The vector index: every unit and every sentence, in Dutch and in English, in one Chroma collection.

The build is idempotent: the collection carries a key (corpus files + model + document schema) and is
rebuilt only when that key changes. An unreadable index directory is detected, removed and rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings
from filelock import FileLock
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.corpus import corpus_digest
from assistant.models import Letter

log = logging.getLogger(__name__)

# Bump when the documents put into the index change shape, so that old indexes are rebuilt.
DOCUMENT_SCHEMA = "unit+sentence/nl+en/v1"


class IndexUnavailable(RuntimeError):
    pass


def index_key(settings: Settings) -> str:
    parts = [DOCUMENT_SCHEMA, settings.embedding_model, corpus_digest(settings.corpus_dir)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def letter_documents(letter: Letter) -> list[Document]:
    """Whole units and single sentences, each in both languages: English questions meet the English
    rendering, Dutch questions the Dutch text, and both lead back to the same unit."""
    docs: list[Document] = []
    for unit in letter.units:
        texts = {"nl": (unit.text_nl, f"{unit.section_nl}. "), "en": (unit.text_en, f"{unit.section_en}. ")}
        for lang, (text, label) in texts.items():
            if not text:
                continue
            docs.append(
                Document(
                    id=f"{unit.id}|unit|{lang}",
                    page_content=label + text,
                    metadata={"unit_id": unit.id, "sentence_id": "", "lang": lang, "level": "unit"},
                )
            )
        for sentence in unit.sentences:
            for lang, text in (("nl", sentence.nl), ("en", sentence.en)):
                if not text:
                    continue
                docs.append(
                    Document(
                        id=f"{sentence.id}|sentence|{lang}",
                        page_content=text,
                        metadata={"unit_id": unit.id, "sentence_id": sentence.id, "lang": lang, "level": "sentence"},
                    )
                )
    return docs


@dataclass
class DenseHit:
    unit_id: str
    sentence_id: str
    lang: str
    level: str
    similarity: float


class LetterIndex:
    def __init__(self, settings: Settings, embeddings: Embeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store: Chroma | None = None
        self.size = 0

    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.resolved_index_dir)

    def _client(self) -> chromadb.ClientAPI:
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        if self.settings.chroma_url:
            url = urlparse(self.settings.chroma_url)
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        path = self.settings.resolved_index_dir
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)

    def _open(self, key: str, letter: Letter, force: bool) -> bool:
        """Open the collection, building it when missing or stale. True when it was (re)built."""
        client = self._client()
        name = self.settings.collection
        existing = {c.name for c in client.list_collections()}
        if name in existing and not force:
            collection = client.get_collection(name)
            if (collection.metadata or {}).get("index_key") == key and collection.count() > 0:
                self.store = Chroma(client=client, collection_name=name, embedding_function=self.embeddings)
                self.size = collection.count()
                return False
            log.info("index at %s is stale (corpus, model or schema changed): rebuilding", self.location)
        if name in existing:
            client.delete_collection(name)
        store = Chroma(
            client=client,
            collection_name=name,
            embedding_function=self.embeddings,
            collection_metadata={"index_key": key, "hnsw:space": "cosine"},
        )
        docs = letter_documents(letter)
        store.add_documents(docs, ids=[d.id for d in docs])
        self.store = store
        self.size = len(docs)
        log.info("index built at %s: %d documents", self.location, len(docs))
        return True

    def ensure(self, letter: Letter, force: bool = False) -> bool:
        key = index_key(self.settings)
        if self.settings.chroma_url:
            try:
                return self._open(key, letter, force)
            except Exception as exc:  # a server we cannot reach is not something we can rebuild
                raise IndexUnavailable(f"cannot use the Chroma server at {self.location}: {exc}") from exc
        path = self.settings.resolved_index_dir
        self._check_writable(path.parent)
        with FileLock(str(path.parent / ".index.lock"), timeout=300):
            if not (path / "chroma.sqlite3").exists():
                log.info("no index at %s (first start, or the directory was removed): building it", path)
                # A client cached in this process for the same path would still see the removed files.
                chromadb.api.client.SharedSystemClient.clear_system_cache()
            try:
                return self._open(key, letter, force)
            except Exception as exc:
                # Truncated or corrupted files surface as any of sqlite's, Chroma's or Rust's errors.
                log.warning("index at %s is unreadable (%s: %s): rebuilding", path, type(exc).__name__, exc)
                self._reset_local(path)
                return self._open(key, letter, True)

    @staticmethod
    def _check_writable(path: Path) -> None:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexUnavailable(f"cannot create the data directory {path}: {exc.strerror}") from exc
        if not os.access(path, os.W_OK):
            raise IndexUnavailable(f"the data directory {path} is not writable")

    @staticmethod
    def _reset_local(path: Path) -> None:
        # Chroma caches one client per path in the process; forget it before the files go.
        chromadb.api.client.SharedSystemClient.clear_system_cache()
        shutil.rmtree(path, ignore_errors=True)

    def search(self, vector: list[float]) -> list[DenseHit]:
        """Cosine similarity of the query to every document (the collection is small)."""
        if self.store is None:
            raise IndexUnavailable("the index is not open")
        results = self.store.similarity_search_by_vector_with_relevance_scores(vector, k=self.size)
        return [
            DenseHit(
                unit_id=doc.metadata["unit_id"],
                sentence_id=doc.metadata["sentence_id"],
                lang=doc.metadata["lang"],
                level=doc.metadata["level"],
                similarity=1.0 - distance,
            )
            for doc, distance in results
        ]
