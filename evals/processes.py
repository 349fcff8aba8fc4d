"""Real server processes for tests and the load script: start one, wait until it answers on loopback, stop it."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerFailed(RuntimeError):
    pass


@contextmanager
def serving(cmd: list[str], ready_url: str, log_path: Path, env: dict[str, str], cwd: Path | None = None,
            timeout: float = 240) -> Iterator[subprocess.Popen[bytes]]:
    """Run `cmd` until `ready_url` answers 200; yield the process; terminate it (then kill) on the way out."""
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise ServerFailed(f"{cmd[0]} exited with {proc.returncode}:\n{_tail(log_path)}")
            try:
                if httpx.get(ready_url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise ServerFailed(f"{ready_url} did not answer within {timeout:g} s:\n{_tail(log_path)}")
            time.sleep(0.25)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-3000:]
