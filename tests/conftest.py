"""Shared fixtures: the real stack (real model, real Chroma on disk), built once per test session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (sets the offline environment first)
from assistant.config import Settings  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir)


@pytest.fixture(scope="session")
def bot(settings: Settings) -> Assistant:
    return Assistant.load(settings)


@pytest.fixture(scope="session")
def letter_text() -> str:
    return " ".join((ROOT / "corpus" / "letter.nl.txt").read_text(encoding="utf-8").split())


def subprocess_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for running the CLI or server in a child process against a test data directory."""
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    env.update(extra)
    return env


# --- one real server process (python app.py), shared by the API, gradio_client and browser tests -------------


@pytest.fixture(scope="session")
def server_url(bot: Assistant, data_dir: Path):
    """`python app.py --port <free>` against the session data dir (its index is built by `bot` first)."""
    from evals.processes import free_port, serving

    url = f"http://127.0.0.1:{free_port()}"
    port = url.rsplit(":", 1)[1]
    cmd = [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", port]
    with serving(cmd, f"{url}/api/health", data_dir / "server.log", subprocess_env(data_dir), cwd=ROOT):
        yield url
