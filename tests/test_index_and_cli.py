"""Index build is idempotent and keyed by the corpus; the CLI contract (ask, --json, --batch, ingest)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from tests.conftest import ROOT, subprocess_env


def _cli(data_dir: Path, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=ROOT, env=subprocess_env(data_dir, **env), input=stdin, capture_output=True, text=True, timeout=240,
    )


def test_ingest_is_idempotent_and_rebuilds_on_change(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    data = tmp_path / "data"
    first = _cli(data, "ingest", ASSISTANT_CORPUS_DIR=str(corpus))
    assert first.returncode == 0, first.stderr
    assert "built" in first.stdout
    again = _cli(data, "ingest", ASSISTANT_CORPUS_DIR=str(corpus))
    assert "up to date" in again.stdout
    forced = _cli(data, "ingest", "--force", ASSISTANT_CORPUS_DIR=str(corpus))
    assert "index built" in forced.stdout
    (corpus / "letter.nl.txt").write_text(
        (corpus / "letter.nl.txt").read_text(encoding="utf-8").replace("Het loopt uit de klauwen.",
                                                                       "Het loopt volledig uit de klauwen."),
        encoding="utf-8")
    changed = _cli(data, "ingest", ASSISTANT_CORPUS_DIR=str(corpus))
    assert "index built" in changed.stdout


def test_a_dropped_in_attachment_becomes_citable(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "attachments").mkdir(exist_ok=True)
    (corpus / "attachments" / "bijlage-2-manifest.txt").write_text(
        "Het kabinetsbeleid kenmerkt zich door een opeenstapeling van ondoordachte wetgeving.\n\n"
        "Wij vragen het kabinet gemeenten als serieuze bestuurspartner te behandelen.\n",
        encoding="utf-8",
    )
    bot = Assistant.load(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    assert next(a for a in bot.letter.attachments if a.number == 2).available
    answer = bot.ask("Wat staat er in het manifest over wetgeving?")
    assert not answer.refused
    assert any(c.id.startswith("attachment-2") and "ondoordachte wetgeving" in c.quote for c in answer.citations)
    assert all(any(c.quote in s for s in bot.letter.sources.values()) for c in answer.citations)
    # The other attachment is still not available.
    assert bot.ask("Wat staat er in bijlage 1?").refused


@pytest.fixture(scope="module")
def built(bot: Assistant, data_dir: Path) -> Path:
    return data_dir  # the session index, already built by the `bot` fixture


def test_ask_json_contract(built: Path) -> None:
    result = _cli(built, "ask", "What does VNG want on Ukrainians?", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"question", "language", "answer", "refused", "citations", "timings_ms"}
    assert answer["language"] == "en" and answer["refused"] is False
    assert set(answer["timings_ms"]) == {"retrieve", "answer", "total"}
    citation = answer["citations"][0]
    assert set(citation) == {"n", "id", "section", "demand", "quote", "quote_en"}
    assert any(c["id"] == "demand-5" for c in answer["citations"])


def test_ask_readable(built: Path) -> None:
    result = _cli(built, "ask", "Wat is eis 4b?")
    assert result.returncode == 0
    assert "versneld afdoen van zaken van notoire overlastgevers" in result.stdout
    assert "Bronnen:" in result.stdout


def test_ask_refuses_out_of_scope(built: Path) -> None:
    answer = json.loads(_cli(built, "ask", "Who won the World Cup?", "--json").stdout)
    assert answer["refused"] is True and answer["citations"] == []


def test_batch_answers_in_order_with_history(built: Path, tmp_path: Path) -> None:
    lines = [
        {"question": "eis 2"},
        {"question": "and demand 3?", "history": [{"role": "user", "content": "What is demand 2?"},
                                                  {"role": "assistant", "content": "..."}]},
        {"question": "Who signed the letter?"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = _cli(built, "ask", "--batch", str(batch))
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == [line["question"] for line in lines]
    assert answers[0]["citations"][0]["demand"] == "2"
    assert {c["id"] for c in answers[1]["citations"]} == {"demand-3"}
    assert answers[2]["citations"][0]["id"] == "signature"
