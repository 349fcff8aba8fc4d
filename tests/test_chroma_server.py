"""Scale-out: a real Chroma server shared by several assistant processes. One ingest builds the collection on
the server; every other process (and a second ingest) finds it up to date and answers identically."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from evals.processes import free_port, serving
from tests.conftest import ROOT, subprocess_env

CHROMA = Path(sys.executable).parent / "chroma"
QUESTIONS = ["Wat is eis 4b?", "What does the letter say about Ter Apel?"]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(CHROMA), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)]
    env = {**subprocess_env(path), "ANONYMIZED_TELEMETRY": "False"}
    with serving(cmd, f"{url}/api/v2/heartbeat", path.parent / "chroma-server.log", env, timeout=60):
        yield url


def _cli(data_dir: Path, chroma_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True, timeout=240,
        env=subprocess_env(data_dir, ASSISTANT_CHROMA_URL=chroma_url, ASSISTANT_LOG_LEVEL="INFO",
                           OMP_NUM_THREADS="1"),
    )


def _batch(data_dir: Path, chroma_url: str, batch: Path) -> subprocess.CompletedProcess[str]:
    return _cli(data_dir, chroma_url, "ask", "--batch", str(batch))


def test_two_processes_share_one_chroma_server(tmp_path: Path, chroma_url: str) -> None:
    first = _cli(tmp_path / "ingest", chroma_url, "ingest")
    assert first.returncode == 0, first.stderr
    assert "index built" in first.stdout and chroma_url in first.stdout

    batch = tmp_path / "questions.jsonl"
    batch.write_text("".join(json.dumps({"question": q}) + "\n" for q in QUESTIONS), encoding="utf-8")
    # Two "replicas": separate processes with separate (empty) local data dirs, one shared server.
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda name: _batch(tmp_path / name, chroma_url, batch), ["replica-a", "replica-b"]))
    answers = []
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
        assert "index built" not in run.stderr and "rebuilding" not in run.stderr, run.stderr  # no rebuild
        answers.append([json.loads(line) for line in run.stdout.splitlines()])
    a, b = answers
    assert len(a) == len(QUESTIONS)
    for x, y in zip(a, b, strict=True):
        assert x["answer"] == y["answer"]
        assert x["citations"] == y["citations"] and x["citations"]
    for name in ("replica-a", "replica-b"):  # nothing was written locally
        assert not (tmp_path / name / "index").exists()

    again = _cli(tmp_path / "replica-c", chroma_url, "ingest")
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stdout, again.stdout


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = _cli(tmp_path, url, "ask", "eis 1")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and url in errors[0], result.stderr
