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


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(bot: Assistant, data_dir: Path):
    """`python app.py --port <free>` against the session data dir (its index is built by `bot` first)."""
    import subprocess
    import time

    import httpx

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = data_dir / "server.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=subprocess_env(data_dir), stdout=log_file, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 240
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"app.py did not answer /api/health:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
