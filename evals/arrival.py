"""The rounds as they arrived: each round's dev cases answered by the code of the commit before that round's
fixes, optionally with a change applied, and scored by today's scorer. Those cases were unseen by that code, so
the difference a change makes here estimates what it does to new questions, without touching the held-out split
(method and results: evals/README.md, "Choosing a rule or a constant").

    python -m evals.arrival                      # the code as it was, per round
    python -m evals.arrival --patch change.diff  # the same, with a change applied to each commit

Make the change with `git diff -U0` (no context lines), so that it applies to code that has moved around it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from assistant.config import get_settings
from assistant.corpus import load_letter
from evals.gold import GoldCase, load_gold
from evals.metrics import CaseResult, cited_units, score

ROOT = Path(__file__).resolve().parent.parent
# Round -> the last commit before the fixes its dev cases drove.
ARRIVALS = {6: "83fb7e7", 7: "0d7f151", 8: "9a6ee64", 9: "7e64540", 10: "de5a97b", 11: "0e2e0b8", 12: "9d1b0bf",
            13: "295c9c3", 14: "b4fc926", 15: "3d34aec", 16: "34cf4c3", 17: "d37a385", 18: "bb928d2", 19: "96df312",
            20: "4ea105a", 21: "bbe6786", 22: "ccc2b41", 23: "98ed56c", 24: "79b8201", 25: "efd3b6c",
            26: "685e41d", 27: "ee501df", 28: "6aa8575", 29: "21ce8b4", 30: "ef4cb78", 31: "bbc32fb", 32: "b3f5b71",
            33: "c76f8b1", 34: "428ea7d", 35: "a98d2b3", 36: "e0d9b84",
            37: "cfc0171", 38: "c0cbacd", 39: "557c26f", 40: "7769b1e", 41: "9352908", 42: "91f8ac2",
            43: "7cba61c", 44: "cf384c7", 45: "cf384c7", 46: "a5e0a76", 47: "a5e0a76", 48: "253c18d", 49: "253c18d",
            50: "6bb4aab", 51: "6bb4aab", 52: "000eaa1", 53: "000eaa1",
            54: "f7cd169", 55: "f7cd169", 56: "d006745", 57: "d006745",
            58: "08e8f48", 59: "08e8f48", 60: "6bab3cd", 61: "6bab3cd",
            62: "5c35e9d", 63: "5c35e9d",
            64: "398748f", 65: "398748f", 66: "9deecae", 67: "9deecae",
            68: "29b0eb1", 69: "29b0eb1", 70: "0d5775e", 71: "0d5775e",
            72: "c15f1f4", 73: "c15f1f4", 74: "0d5e8b8", 75: "0d5e8b8",
            76: "c9c1d06", 77: "c9c1d06", 78: "a6f1499", 79: "a6f1499",
            80: "1a8801d", 81: "1a8801d", 82: "3c20118", 83: "3c20118",
            84: "662f97e", 85: "662f97e", 86: "63fffae", 87: "63fffae",
            88: "01b235d", 89: "01b235d", 90: "6a9236e", 91: "6a9236e",
            92: "279e54e", 93: "279e54e", 94: "a1e2d84", 95: "a1e2d84",
            96: "ffd379f", 97: "ffd379f", 98: "f41bada", 99: "f41bada",
            100: "98fa74a", 101: "98fa74a", 102: "553cda4",
            103: "553cda4", 104: "27d4186", 105: "27d4186",
            106: "4b8281f", 107: "4b8281f",
            108: "3308731", 109: "3308731"}


def round_cases(number: int) -> list[GoldCase]:
    prefixes = (f"r{number}a-", f"r{number}b-")
    return [c for c in load_gold(split="dev") if c.id.startswith(prefixes)]


def answers_at(commit: str, cases: list[GoldCase], work: Path, patch: Path | None) -> list[dict] | None:
    """The answers of `commit` (with `patch`, when given) through its CLI batch mode; None when the patch does not
    apply there."""
    tree = work / commit
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), commit], check=True)
    try:
        if patch is not None:
            applied = subprocess.run(["git", "-C", str(tree), "apply", "--unidiff-zero", str(patch.resolve())],
                                     capture_output=True)
            if applied.returncode:
                return None
        batch = work / f"{commit}.jsonl"
        batch.write_text("".join(json.dumps({"question": c.question, "history": c.history}) + "\n" for c in cases),
                         encoding="utf-8")
        env = {**os.environ, "ASSISTANT_DATA_DIR": str(work / f"data-{commit}"), "PYTHONPATH": str(tree)}
        done = subprocess.run([sys.executable, "-m", "assistant", "ask", "--batch", str(batch)], cwd=tree, env=env,
                              capture_output=True, text=True, check=True)
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def scored(cases: list[GoldCase], answers: list[dict]) -> list[CaseResult]:
    letter = load_letter(get_settings().corpus_dir)
    sources, unit_ids = list(letter.sources.values()), {u.id for u in letter.units}
    results = []
    for case, answer in zip(cases, answers, strict=True):
        citations = answer.get("citations", [])
        cited = cited_units(answer.get("answer", ""), citations)
        result = CaseResult.for_case(case, "arrival", answer=answer.get("answer", ""),
                                     language=answer.get("language", ""), refused=bool(answer.get("refused")),
                                     citations=citations, cited=cited, ranked=cited, retriever_ranked=[],
                                     latency_ms=0.0)
        results.append(score(result, sources, unit_ids))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.arrival", description=__doc__.split("\n\n")[0])
    parser.add_argument("--patch", type=Path, help="a diff (git apply) to try on each round's arrival commit")
    parser.add_argument("--rounds", type=int, nargs="*", default=sorted(ARRIVALS))
    args = parser.parse_args(argv)
    total = correct = 0
    with tempfile.TemporaryDirectory(prefix="arrival-") as tmp:
        for number in args.rounds:
            cases = round_cases(number)
            answers = answers_at(ARRIVALS[number], cases, Path(tmp), args.patch)
            if answers is None:
                print(f"round {number}: the patch does not apply to {ARRIVALS[number]}")
                continue
            right = sum(r.correct for r in scored(cases, answers))
            total, correct = total + len(cases), correct + right
            print(f"round {number} ({ARRIVALS[number]}): {right}/{len(cases)}")
    print(f"all: {correct}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
