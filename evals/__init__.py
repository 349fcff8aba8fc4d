"""Offline evaluation of the letter assistant against the gold set (evals/gold.jsonl); see evals/README.md."""
