"""`make bench` (`python evals/bench.py`): warm latency per question type, the embedding floor, cold start,
index build time and peak memory. Writes evals/results/bench.json and bench.md (linked from report.md).

Numbers only: no test asserts on them (times depend on the machine)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: `python evals/bench.py`
    sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (sets the offline environment before any model library loads)
from assistant.config import Settings  # noqa: E402
from assistant.index import LetterIndex  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from evals.gold import load_gold  # noqa: E402
from evals.metrics import percentile  # noqa: E402
from evals.run import cold_start, history_of  # noqa: E402

DEFAULT_OUT = ROOT / "evals" / "results"


def _mb(kilobytes: int) -> float:
    return round(kilobytes / 1024, 1)  # ru_maxrss is in KiB on Linux


def _stats(values: list[float]) -> dict[str, float | int | None]:
    return {"n": len(values), "p50_ms": _r(percentile(values, 50)), "p95_ms": _r(percentile(values, 95)),
            "max_ms": _r(max(values) if values else None)}


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def warm_latency(bot: Assistant, repeat: int) -> dict:
    """Every gold question `repeat` times: the whole answer and, in the same run, embedding the query alone."""
    cases = load_gold()
    embed = bot.retriever.embeddings.embed_query
    answer_ms: dict[str, list[float]] = {}
    embed_ms: dict[str, list[float]] = {}
    ratios: dict[str, list[float]] = {}
    for _ in range(repeat):
        for case in cases:
            history = history_of(case)
            t0 = time.perf_counter()
            bot.ask(case.question, history)
            t1 = time.perf_counter()
            embed(case.question)
            t2 = time.perf_counter()
            a, e = (t1 - t0) * 1000, (t2 - t1) * 1000
            for key in (case.category, "all"):
                answer_ms.setdefault(key, []).append(a)
                embed_ms.setdefault(key, []).append(e)
                ratios.setdefault(key, []).append(a / e if e > 0 else 0.0)
    out = {}
    for key in [*sorted(k for k in answer_ms if k != "all"), "all"]:
        a50, e50 = percentile(answer_ms[key], 50), percentile(embed_ms[key], 50)
        out[key] = {
            "answer": _stats(answer_ms[key]),
            "embed_query": _stats(embed_ms[key]),
            # The floor: one query embedding is the least any dense-retrieval answer costs.
            "ratio_p50_answer_to_p50_embed": _r(a50 / e50 if e50 else None, 2),
            "ratio_median_per_question": _r(percentile(ratios[key], 50), 2),
        }
    return {"repeat": repeat, "questions": len(cases), "by_category": out}


def index_build(bot: Assistant) -> dict:
    """`python -m assistant ingest --force` in a fresh data directory (wall time, including process start
    and model load), and the build alone in process with the already-loaded model."""
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        env = {**os.environ, "ASSISTANT_DATA_DIR": tmp, "PYTHONPATH": str(ROOT)}
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "assistant", "ingest", "--force"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=900, check=False)
        cli_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        index = LetterIndex(Settings(data_dir=Path(tmp)), bot.retriever.embeddings)
        t0 = time.perf_counter()
        index.ensure(bot.letter, force=True)
        build_s = time.perf_counter() - t0
        documents = index.size
    return {
        "cli_command": "python -m assistant ingest --force",
        "cli_seconds": round(cli_s, 3),
        "cli_returncode": done.returncode,
        "cli_stdout": done.stdout.strip()[-300:],
        "in_process_build_seconds": round(build_s, 3),
        "documents": documents,
    }


def write_md(path: Path, data: dict) -> None:
    lines = ["# Benchmark", "",
             f"Run {data['meta']['started']} on {data['meta']['machine']} (1-minute load average "
             f"{data['meta']['load_average_1m_at_start']} at start, {data['meta']['load_average_1m_at_end']} at end); "
             f"Python {data['meta']['python']}; "
             f"{data['warm']['questions']} gold questions × {data['warm']['repeat']} warm runs. "
             "Times are machine-dependent; no test asserts on them.", "",
             "## Warm latency per question type (ms)", "",
             "| Category | n | answer p50 | answer p95 | embed_query p50 | answer/embed (p50 ÷ p50) "
             "| answer/embed (median per question) |",
             "|---|---|---|---|---|---|---|"]
    for category, row in data["warm"]["by_category"].items():
        lines.append(f"| {category} | {row['answer']['n']} | {row['answer']['p50_ms']:.2f} | "
                     f"{row['answer']['p95_ms']:.2f} | {row['embed_query']['p50_ms']:.2f} | "
                     f"{row['ratio_p50_answer_to_p50_embed']:.2f} | {row['ratio_median_per_question']:.2f} |")
    lines += ["", "The floor is `bot.retriever.embeddings.embed_query(question)` timed right after each answer in "
              "the same run: a ratio near 1 means the answer costs little more than embedding the question; "
              "routed questions (demand numbers, most metadata) do not embed at all, hence ratios below 1.", ""]
    cold = data["cold_start"]
    lines += ["## Cold start", "",
              f"`{cold['command']}` against the built index, {len(cold['runs'])} runs: "
              f"median **{cold['median_seconds']:.2f} s**, min {cold['min_seconds']:.2f} s, "
              f"max {cold['max_seconds']:.2f} s (wall time, process start to first answer).", ""]
    build = data["index_build"]
    lines += ["## Index build", "",
              f"- `{build['cli_command']}` in an empty data directory: **{build['cli_seconds']:.2f} s** wall time "
              f"(process start, model load, parse, embed, write; exit {build['cli_returncode']}).",
              f"- The build alone, in process with the model loaded: {build['in_process_build_seconds']:.2f} s "
              f"for {build['documents']} documents.", ""]
    memory = data["memory"]
    lines += ["## Peak memory (max RSS)", "",
              f"- This bench process (model, index, {data['warm']['repeat']}× the gold set, one in-process "
              f"build): {memory['self_max_rss_mb']:.0f} MB",
              f"- Largest child process (CLI cold start or ingest): {memory['children_max_rss_mb']:.0f} MB", "",
              f"Assistant load in this process: {data['load_seconds']:.2f} s.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python evals/bench.py", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="warm runs over the gold set (default 5)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold-start subprocess runs (default 3)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: ASSISTANT_DATA_DIR, else ./data")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings(data_dir=args.data_dir) if args.data_dir else Settings()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    load_before = os.getloadavg()[0]

    t0 = time.perf_counter()
    bot = Assistant.load(settings)  # also builds the index when missing, so the cold starts find it
    load_s = time.perf_counter() - t0
    warm = warm_latency(bot, args.repeat)
    runs = [cold_start(settings.data_dir) for _ in range(max(1, args.cold_runs))]
    seconds = [r["seconds"] for r in runs]
    build = index_build(bot)
    data = {
        "meta": {"started": started, "python": platform.python_version(),
                 "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
                 "load_average_1m_at_start": round(load_before, 2),
                 "load_average_1m_at_end": round(os.getloadavg()[0], 2),
                 "data_dir": str(settings.data_dir), "embedding_model": settings.embedding_model},
        "load_seconds": round(load_s, 3),
        "warm": warm,
        "cold_start": {"command": runs[0]["command"], "runs": runs, "median_seconds": percentile(seconds, 50),
                       "min_seconds": min(seconds), "max_seconds": max(seconds)},
        "index_build": build,
        "memory": {
            "self_max_rss_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            "children_max_rss_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    write_md(args.out / "bench.md", data)
    overall = warm["by_category"]["all"]
    print(f"warm p50 {overall['answer']['p50_ms']:.1f} ms, p95 {overall['answer']['p95_ms']:.1f} ms; "
          f"answer/embed {overall['ratio_p50_answer_to_p50_embed']:.2f}; cold start median "
          f"{data['cold_start']['median_seconds']:.2f} s; ingest {build['cli_seconds']:.1f} s; "
          f"max RSS {data['memory']['self_max_rss_mb']:.0f} MB; wrote {args.out / 'bench.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
