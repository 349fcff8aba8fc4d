"""Load test: N concurrent clients for S seconds against the real server, mixed questions from the gold set.

    python evals/load.py                      # starts `python app.py --port <free>` itself (127.0.0.1)
    python evals/load.py --url http://127.0.0.1:7860 --clients 50 --seconds 60

Each client is a loop over one shared httpx.AsyncClient (bounded to --clients connections): POST /api/ask with a
question (and its history) from evals/gold.jsonl, then the next. Reports throughput, p50/p95/p99 latency and errors
to evals/results/load.json and load.md. Exit code 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: `python evals/load.py`

from evals.processes import ServerFailed, free_port, serving  # noqa: E402

GOLD = ROOT / "evals" / "gold.jsonl"
RESULTS = ROOT / "evals" / "results"


def load_requests() -> list[dict]:
    requests = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            requests.append({"question": item["question"], "history": item.get("history", [])})
    return requests


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


async def run_load(url: str, clients: int, seconds: float, requests: list[dict], seed: int) -> dict:
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    refused = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(60.0)
    deadline = time.perf_counter() + seconds

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http:

        async def client(number: int) -> None:
            nonlocal refused
            rng = random.Random(seed + number)
            while time.perf_counter() < deadline:
                body = rng.choice(requests)
                start = time.perf_counter()
                try:
                    response = await http.post("/api/ask", json=body)
                    elapsed = (time.perf_counter() - start) * 1000
                    if response.status_code != 200:
                        errors[f"HTTP {response.status_code}"] += 1
                        continue
                    answer = response.json()
                    if answer.get("question") != body["question"]:
                        errors["answer for another question"] += 1
                        continue
                    refused += bool(answer.get("refused"))
                    latencies.append(elapsed)
                except (httpx.HTTPError, ValueError) as exc:
                    errors[type(exc).__name__] += 1

        started = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(clients)))
        wall = time.perf_counter() - started

    total = len(latencies) + sum(errors.values())
    return {
        "url": url,
        "clients": clients,
        "seconds": seconds,
        "wall_s": round(wall, 2),
        "requests": total,
        "ok": len(latencies),
        "refused": refused,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "throughput_rps": round(len(latencies) / wall, 2) if wall else 0.0,
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1),
            "max": round(max(latencies), 1) if latencies else 0.0,
            "mean": round(sum(latencies) / len(latencies), 1) if latencies else 0.0,
        },
    }


def write_results(result: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "load.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lat = result["latency_ms"]
    md = [
        "# Load test",
        "",
        f"{result['clients']} concurrent clients for {result['seconds']:g} s against {result['url']} "
        f"(one `python app.py` process; {result['machine']}); questions drawn from evals/gold.jsonl. "
        f"Run at {result['time']}.",
        "",
        "| requests | ok | errors | throughput (req/s) | p50 ms | p95 ms | p99 ms | max ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result['requests']} | {result['ok']} | {result['errors']} | {result['throughput_rps']} | {lat['p50']} | "
        f"{lat['p95']} | {lat['p99']} | {lat['max']} |",
        "",
        f"Errors by kind: {result['error_kinds'] or 'none'}. Refusals among the answers: {result['refused']} "
        "(expected: the gold set includes off-topic questions).",
        "",
        "Latency is measured at the client and includes queueing: with 50 clients on one process, a request "
        "waits for the ones ahead of it, so p50 ≈ clients / throughput.",
        "",
    ]
    (out_dir / "load.md").write_text("\n".join(md), encoding="utf-8")


def _run(url: str, args: argparse.Namespace) -> dict:
    if args.url:  # a server we did not start: make sure it is there
        httpx.get(f"{url}/api/health", timeout=10).raise_for_status()
    print(f"{args.clients} clients for {args.seconds:g} s against {url} ...", file=sys.stderr)
    return asyncio.run(run_load(url, args.clients, args.seconds, load_requests(), args.seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server; default: start `python app.py` on a free port")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients and --seconds must be positive")

    if args.url:
        url = args.url.rstrip("/")
        result = _run(url, args)
    else:
        url = f"http://127.0.0.1:{free_port()}"
        args.out.mkdir(parents=True, exist_ok=True)
        print(f"starting python app.py on {url} ...", file=sys.stderr)
        cmd = [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", url.rsplit(":", 1)[1]]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        try:
            with serving(cmd, f"{url}/api/health", args.out / "load-server.log.tmp", env, cwd=ROOT, timeout=300):
                result = _run(url, args)
        except ServerFailed as exc:
            raise SystemExit(str(exc)) from exc
    result["time"] = datetime.now(UTC).isoformat(timespec="seconds")
    result["machine"] = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    write_results(result, args.out)
    lat = result["latency_ms"]
    print(f"{result['ok']} ok, {result['errors']} errors, {result['throughput_rps']} req/s, "
          f"p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms -> {args.out}/load.json, load.md")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
