"""Running the assistant over gold cases in process and scoring every answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from assistant.models import ChatTurn
from assistant.pipeline import Assistant
from evals.gold import GoldCase
from evals.metrics import CaseResult, cited_units, merge_rankings, score

ROOT = Path(__file__).resolve().parent.parent


def history_of(case: GoldCase) -> list[ChatTurn]:
    return [ChatTurn(**turn) for turn in case.history]


def conversation_query(case: GoldCase) -> str:
    """The text the retriever is ranked on: the question, after the previous user turn for follow-ups."""
    users = [t["content"] for t in case.history if t.get("role") == "user"]
    return f"{users[-1]} {case.question}" if users else case.question


def run_assistant(bot: Assistant, cases: Sequence[GoldCase]) -> list[CaseResult]:
    sources = list(bot.letter.sources.values())
    unit_ids = {u.id for u in bot.letter.units}
    results = []
    for case in cases:
        start = time.perf_counter()
        answer = bot.ask(case.question, history_of(case))
        latency = (time.perf_counter() - start) * 1000
        citations = [c.model_dump() for c in answer.citations]
        # Outside the timed part: the retriever's own ranking, for recall@k and the triage of failures.
        retrieved = [h.unit.id for h in bot.retriever.search(conversation_query(case), answer.language).hits]
        cited = cited_units(answer.answer, citations)
        result = CaseResult.for_case(
            case,
            "assistant",
            answer=answer.answer,
            language=answer.language,
            refused=answer.refused,
            citations=citations,
            cited=cited,
            ranked=merge_rankings(cited, retrieved),
            retriever_ranked=retrieved,
            latency_ms=round(latency, 2),
        )
        results.append(score(result, sources, unit_ids))
    return results


COLD_START_QUESTION = "eis 1"


def cold_start(data_dir: Path) -> dict:
    """Wall time from process start to the first answer: `python -m assistant ask "eis 1" --json` in a fresh
    interpreter against an index that is already built in `data_dir`."""
    command = [sys.executable, "-m", "assistant", "ask", COLD_START_QUESTION, "--json"]
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    seconds = time.perf_counter() - started
    answered = False
    if done.returncode == 0:
        try:
            answered = bool(json.loads(done.stdout).get("answer"))
        except json.JSONDecodeError:
            answered = False
    return {
        "command": f'python -m assistant ask "{COLD_START_QUESTION}" --json',
        "seconds": round(seconds, 3),
        "returncode": done.returncode,
        "answered": answered,
        "stderr_tail": done.stderr[-500:] if done.returncode else "",
    }
