"""`python -m evals` (`make eval`): run the assistant and the baseline over the gold set and write
evals/results/report.md, report.json and report.png. See evals/README.md."""

from __future__ import annotations

import argparse
import logging
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import assistant  # noqa: F401  (sets the offline environment before any model library loads)
from assistant.config import Settings
from assistant.pipeline import Assistant
from evals.gold import GOLD_PATH, load_gold
from evals.metrics import breakdown, latency_by_category
from evals.report import write_reports
from evals.run import ROOT, cold_start, run_assistant

DEFAULT_OUT = Path(__file__).resolve().parent / "results"


def git_commit() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
        return f"{commit}{'+dirty' if dirty else ''}"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__)
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all", help="gold cases to run")
    parser.add_argument("--quick", action="store_true", help="skip the baseline and the cold start (CI)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default evals/results)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the assistant's data directory (default: ASSISTANT_DATA_DIR, else ./data)")
    parser.add_argument("--gold", type=Path, default=GOLD_PATH, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    cases = load_gold(args.gold, args.split)
    settings = Settings(data_dir=args.data_dir) if args.data_dir else Settings()
    started = datetime.now(UTC).isoformat(timespec="seconds")

    t0 = time.perf_counter()
    bot = Assistant.load(settings)
    load_s = time.perf_counter() - t0
    print(f"assistant loaded in {load_s:.1f} s; {len(cases)} gold cases", file=sys.stderr)
    results = run_assistant(bot, cases)

    baseline_results = None
    cold = None
    if not args.quick:
        from evals.baseline import Baseline

        # The same model as the assistant's (load_embeddings(settings.embedding_model)), not loaded twice.
        baseline = Baseline(settings, bot.letter, bot.retriever.embeddings)
        baseline_results = baseline.run(cases)
        cold = cold_start(settings.data_dir)

    splits = ["dev", "heldout", "all"] if args.split == "all" else [args.split]
    assistant_metrics = breakdown(results, splits)
    baseline_metrics = breakdown(baseline_results, splits) if baseline_results else None
    latency = {"assistant": latency_by_category(results)}
    if baseline_results:
        latency["baseline"] = latency_by_category(baseline_results)
    meta = {
        "started": started,
        "commit": git_commit(),
        "split_arg": args.split,
        "n_cases": len(cases),
        "mode": "quick (no baseline, no cold start)" if args.quick else "full",
        "embedding_model": settings.embedding_model,
        "data_dir": str(settings.data_dir),
        "load_seconds": round(load_s, 2),
        "python": platform.python_version(),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }
    paths = write_reports(args.out, meta, results, assistant_metrics, baseline_results, baseline_metrics,
                          latency, cold)

    for split in splits:
        o = assistant_metrics[split]["overall"]
        line = (f"{split:8s} accuracy {o['accuracy']:.1%}  citation validity {o['citation_validity']:.1%}  "
                f"R@1 {o['recall_at_1']:.1%}  R@3 {o['recall_at_3']:.1%}  MRR {o['mrr']:.3f}")
        if baseline_metrics:
            b = baseline_metrics[split]["overall"]
            line += f"  | baseline accuracy {b['accuracy']:.1%}  R@1 {b['recall_at_1']:.1%}"
        print(line)
    if cold:
        print(f"cold start {cold['seconds']:.2f} s (exit {cold['returncode']})")
    print(f"failed cases: {sum(not (r.correct and r.valid) for r in results)}; wrote {paths['md']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
