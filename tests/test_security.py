"""Security: local-only by default, no outbound network at run time, no questions in INFO logs, locked deps."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from evals.processes import free_port, serving
from tests.conftest import ROOT, subprocess_env

DISTINCTIVE = "Wat zegt de brief precies over de situatie in Ter Apel?"

# Loaded by every Python process started with this directory first on PYTHONPATH: refuses and records any
# connection or name lookup that is not loopback.
SITECUSTOMIZE = textwrap.dedent('''
    import ipaddress, json, os, socket

    _LOG = os.environ["NET_GUARD_LOG"]
    open(_LOG + ".loaded", "w").close()

    def _loopback(host):
        if host is None or host in ("localhost", "ip6-localhost", ""):
            return True
        if isinstance(host, bytes):
            host = host.decode()
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def _record(kind, target):
        with open(_LOG, "a") as f:
            f.write(json.dumps({"kind": kind, "target": repr(target)}) + "\\n")
        raise OSError(f"network guard: outbound {kind} to {target!r} refused")

    def _check(kind, address):
        if isinstance(address, tuple) and not _loopback(address[0]):
            _record(kind, address)

    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
    _getaddrinfo, _create_connection = socket.getaddrinfo, socket.create_connection

    def connect(self, address):
        _check("connect", address)
        return _connect(self, address)

    def connect_ex(self, address):
        _check("connect_ex", address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _loopback(host):
            _record("getaddrinfo", host)
        return _getaddrinfo(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        _check("create_connection", address)
        return _create_connection(address, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.getaddrinfo, socket.create_connection = getaddrinfo, create_connection
''')


@pytest.fixture(scope="module")
def guarded_run(bot, data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """One CLI `ask` under the network guard, at INFO log level, with a distinctive question."""
    guard = tmp_path_factory.mktemp("net-guard")
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = guard / "attempts.jsonl"
    env = subprocess_env(data_dir, ASSISTANT_LOG_LEVEL="INFO", NET_GUARD_LOG=str(log))
    env["PYTHONPATH"] = f"{guard}:{env['PYTHONPATH']}"
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):  # the code itself must keep us offline
        env.pop(key, None)
    result = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", DISTINCTIVE], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240)
    return result, log


def test_no_outbound_network_at_run_time(guarded_run) -> None:
    result, log = guarded_run
    assert Path(f"{log}.loaded").exists(), "the network guard was not loaded"
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["citations"] and not answer["refused"]
    attempts = log.read_text().splitlines() if log.exists() else []
    assert attempts == [], attempts


def test_questions_are_not_logged_at_info(guarded_run) -> None:
    result, _ = guarded_run
    assert " INFO " in result.stderr  # INFO logging was on
    assert "precies over de situatie" not in result.stderr
    assert DISTINCTIVE not in result.stderr


def _listening(port: int) -> set[str]:
    """Local addresses in LISTEN state on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for name in ("tcp", "tcp6"):
        table = Path(f"/proc/net/{name}")
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] != "0A" or int(port_hex, 16) != port:
                continue
            raw = bytes.fromhex(address)
            if name == "tcp":
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def test_server_binds_to_loopback_by_default(bot, data_dir: Path) -> None:
    port = free_port()
    cmd = [sys.executable, str(ROOT / "app.py"), "--port", str(port)]  # no --host
    with serving(cmd, f"http://127.0.0.1:{port}/api/health", data_dir / "security-server.log",
                 subprocess_env(data_dir), cwd=ROOT):
        assert _listening(port) == {"127.0.0.1"}


def test_dependencies_are_locked() -> None:
    lines = [
        line.strip() for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines
    unpinned = [line for line in lines if not re.fullmatch(r"[A-Za-z0-9._\-\[\],]+==[^\s=;]+", line)]
    assert unpinned == []
    assert "torch==2.13.0" in lines
    names = {re.split(r"==", line)[0].lower().replace("_", "-") for line in lines}
    wanted = [
        re.split(r"[=<>~!\[ ]", line.strip())[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert [name for name in wanted if name not in names] == []
