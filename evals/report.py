"""report.md, report.json and report.png from the scored cases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from evals.metrics import CaseResult

# (key, label, kind) in the order of the summary tables; kind "rate" prints as a percentage.
SUMMARY_METRICS = [
    ("accuracy", "Accuracy", "rate"),
    ("citation_validity", "Citation validity", "rate"),
    ("recall_at_1", "Recall@1", "rate"),
    ("recall_at_3", "Recall@3", "rate"),
    ("mrr", "MRR", "score"),
    ("citation_precision", "Citation precision", "rate"),
    ("citation_recall", "Citation recall", "rate"),
    ("citation_f2", "Citation F2", "score"),
    ("key_fact_recall", "Key-fact recall", "rate"),
    ("refusal_precision", "Refusal precision", "rate"),
    ("refusal_recall", "Refusal recall", "rate"),
    ("language_accuracy", "Answer-language accuracy", "rate"),
    ("retriever_recall_at_1", "Retriever-only recall@1", "rate"),
    ("retriever_recall_at_3", "Retriever-only recall@3", "rate"),
    ("retriever_mrr", "Retriever-only MRR", "score"),
    ("latency_p50_ms", "Latency p50 (ms)", "ms"),
    ("latency_p95_ms", "Latency p95 (ms)", "ms"),
]
BREAKDOWN_COLUMNS = [
    ("n", "n", "int"),
    ("accuracy", "Acc", "rate"),
    ("citation_validity", "Valid", "rate"),
    ("recall_at_1", "R@1", "rate"),
    ("recall_at_3", "R@3", "rate"),
    ("mrr", "MRR", "score"),
    ("citation_precision", "CiteP", "rate"),
    ("citation_recall", "CiteR", "rate"),
    ("citation_f2", "F2", "score"),
    ("key_fact_recall", "Facts", "rate"),
    ("refusal_precision", "RefP", "rate"),
    ("refusal_recall", "RefR", "rate"),
    ("language_accuracy", "Lang", "rate"),
    ("latency_p50_ms", "p50 ms", "ms"),
    ("latency_p95_ms", "p95 ms", "ms"),
]
CHART_METRICS = ["accuracy", "citation_validity", "recall_at_1", "recall_at_3", "mrr", "citation_f2",
                 "key_fact_recall", "refusal_precision", "refusal_recall", "language_accuracy"]
CAUSE_ORDER = ["citation validity", "routing", "retrieval", "refusal gate", "sentence selection", "language",
               "other"]


def fmt(value: object, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "rate":
        return f"{100 * float(value):.1f}%"
    if kind == "score":
        return f"{float(value):.3f}"
    if kind == "ms":
        return f"{float(value):.1f}"
    return str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _md_escape(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def summary_table(assistant: dict, baseline: dict | None, splits: Sequence[str]) -> list[str]:
    header = ["Metric"]
    for split in splits:
        header.append(f"{split}: assistant")
        if baseline:
            header.append(f"{split}: baseline")
    rows = []
    for key, label, kind in SUMMARY_METRICS:
        row = [label]
        for split in splits:
            row.append(fmt(assistant[split]["overall"].get(key), kind))
            if baseline:
                row.append(fmt(baseline.get(split, {}).get("overall", {}).get(key), kind))
        rows.append(row)
    row = ["Cases (answerable / refuse)"]
    for split in splits:
        o = assistant[split]["overall"]
        row.append(f"{o['n']} ({o['n_answerable']} / {o['n_refuse']})")
        if baseline:
            row.append(row[-1])
    rows.append(row)
    return _table(header, rows)


def breakdown_table(groups: dict[str, dict]) -> list[str]:
    header = ["Group", *[label for _, label, _ in BREAKDOWN_COLUMNS]]
    rows = [[name, *[fmt(metrics.get(key), kind) for key, _, kind in BREAKDOWN_COLUMNS]]
            for name, metrics in groups.items()]
    return _table(header, rows)


def failure_entry(r: CaseResult) -> list[str]:
    expected = "refusal" if r.expect_refuse else f"units {', '.join(r.expect_units) or '–'}"
    if r.key_facts:
        expected += "; facts " + " & ".join("/".join(g) for g in r.key_facts)
    users = [t["content"] for t in r.history if t.get("role") == "user"]
    history = f" (follow-up to: {_md_escape(users[-1])})" if users else ""
    got = (f"{'REFUSED' if r.refused else 'answered'} in {r.language}; cited {', '.join(r.cited) or 'nothing'}")
    problems = []
    if r.missing_units and not r.expect_refuse:
        problems.append("missing units " + ", ".join(r.missing_units))
    if r.missing_facts:
        problems.append("missing facts " + " & ".join("/".join(g) for g in r.missing_facts))
    if not r.refusal_ok:
        problems.append("should have refused" if r.expect_refuse else "should have answered")
    if not r.language_ok:
        problems.append(f"language {r.language}, expected {r.lang}")
    problems += r.validity_problems
    return [
        f"- **{r.id}** ({r.split}, {r.category}, {r.lang}) — {', '.join(r.causes)}",
        f"  - question: {_md_escape(r.question)}{history}",
        f"  - expected: {_md_escape(expected)}",
        f"  - got: {got}; retriever top 3: {', '.join(r.retriever_ranked[:3])}",
        f"  - problems: {_md_escape('; '.join(problems)) or '–'}",
        f"  - answer: {_md_escape(r.answer)}",
    ]


RANKED_KEPT = 5  # of the ranking, the head is what recall@k and MRR look at and what a reader needs


# In gold.jsonl already (the case id joins them), or in "failures" for the cases that failed.
PER_CASE_DROPPED = frozenset({"question", "history", "key_facts", "expect_units", "answer", "citations"})


BASELINE_KEPT = ("id", "split", "category", "lang", "cited", "ranked", "recall_at_1", "recall_at_3", "rr", "correct",
                 "latency_ms")


def _per_case(r: CaseResult) -> dict:
    """One case's outcome and scores, keyed by its gold id, with the head of each ranking: the file stays small
    enough to commit at 5000+ cases. The answers of failed cases are under "failures"."""
    row = {k: v for k, v in r.to_dict().items() if k not in PER_CASE_DROPPED}
    for key in ("ranked", "retriever_ranked"):
        if isinstance(row.get(key), list):
            row[key] = row[key][:RANKED_KEPT]
    return row


def dump_json(data: dict) -> str:
    """Indented metrics, but one line per case and per failure: readable diffs, a small file."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in value)
            body = f"[\n{rows}\n ]"
        else:
            body = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")
        parts.append(f" {json.dumps(key)}: {body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_chart(path: Path, assistant: dict, baseline: dict | None, splits: Sequence[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = {key: label for key, label, _ in SUMMARY_METRICS}
    fig, axes = plt.subplots(len(splits), 1, figsize=(12, 3.6 * len(splits)), squeeze=False)
    width = 0.4 if baseline else 0.8
    for ax, split in zip(axes[:, 0], splits, strict=True):
        xs = range(len(CHART_METRICS))
        series = [("assistant", assistant[split]["overall"], "#1f6feb", -width / 2 if baseline else 0.0)]
        if baseline and split in baseline:
            series.append(("baseline (500-char chunks)", baseline[split]["overall"], "#aaaaaa", width / 2))
        for name, metrics, color, offset in series:
            raw = [metrics.get(k) for k in CHART_METRICS]
            bars = ax.bar([x + offset for x in xs], [v or 0.0 for v in raw], width, label=name, color=color)
            ax.bar_label(bars, labels=["n/a" if v is None else f"{v:.2f}" for v in raw], fontsize=7, padding=1)
        ax.set_xticks(list(xs), [labels[k].replace(" ", "\n", 1) for k in CHART_METRICS], fontsize=8)
        ax.set_ylim(0, 1.1)
        n = assistant[split]["overall"]["n"]
        ax.set_title(f"split: {split} (n={n})", fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    handles, names = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, names, loc="upper right", ncol=2, fontsize=8)
    fig.suptitle("Letter assistant vs baseline: main metrics", fontsize=11, x=0.02, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_reports(
    out_dir: Path,
    meta: dict,
    results: Sequence[CaseResult],
    assistant: dict,
    baseline_results: Sequence[CaseResult] | None,
    baseline: dict | None,
    latency: dict,
    cold_start: dict | None,
) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    splits = [s for s in ("dev", "heldout", "all") if s in assistant]
    failures = [r for r in results if not (r.correct and r.valid)]

    data = {
        "meta": meta,
        "assistant": assistant,
        "baseline": baseline,
        "latency_by_category": latency,
        "cold_start": cold_start,
        "failures": [
            {"id": r.id, "split": r.split, "category": r.category, "lang": r.lang, "question": r.question,
             "causes": r.causes, "expected_units": r.expect_units, "expected_refuse": r.expect_refuse,
             "missing_units": r.missing_units, "missing_facts": r.missing_facts, "cited": r.cited,
             "refused": r.refused, "language": r.language, "validity_problems": r.validity_problems,
             "answer": r.answer}
            for r in failures
        ],
        "cases": [_per_case(r) for r in results],
        # The baseline per case: what its aggregate rows are made of, no more.
        "baseline_cases": [{k: v for k, v in _per_case(r).items() if k in BASELINE_KEPT}
                           for r in baseline_results or []],
    }
    json_path = out_dir / "report.json"
    json_path.write_text(dump_json(data), encoding="utf-8")

    png_path = out_dir / "report.png"
    write_chart(png_path, assistant, baseline, splits)

    lines = ["# Evaluation report", ""]
    lines.append(
        f"Gold set: {meta['n_cases']} cases ({meta['split_arg']}); run {meta['started']} on commit "
        f"`{meta['commit']}`; model `{meta['embedding_model']}`; {meta['mode']}; {meta['cpus']} CPUs, 1-minute load "
        f"average {meta['load_average_1m_at_end']} at the end (latencies are machine- and load-dependent). "
        f"Definitions: "
        f"[evals/README.md](../README.md). Per-case data: `report.json`."
    )
    lines += ["", "## Summary", ""]
    lines += summary_table(assistant, baseline, splits)
    if baseline is None:
        lines += ["", "_Baseline skipped (--quick)._"]
    else:
        lines += ["", "Baseline: plain dense retrieval over 500-character chunks (overlap 50) of the raw letter, "
                  "same embedding model, answer = top chunk, never refuses (see README)."]
    lines += ["", "![main metrics](report.png)", ""]
    lines += ["## Cold start", ""]
    if cold_start:
        lines.append(f"`{cold_start['command']}` against the built index: **{cold_start['seconds']:.2f} s** wall time "
                     f"(process start to first answer; exit code {cold_start['returncode']}).")
    else:
        lines.append("_Skipped (--quick)._")
    lines += ["", "## Latency per question type (in-process, one pass, ms)", ""]
    header = ["Category", "n", "assistant p50", "assistant p95"]
    if baseline_results:
        header += ["baseline p50", "baseline p95"]
    rows = []
    for category, values in latency["assistant"].items():
        row = [category, str(values["n"]), fmt(values["p50_ms"], "ms"), fmt(values["p95_ms"], "ms")]
        if baseline_results:
            base = latency["baseline"].get(category, {})
            row += [fmt(base.get("p50_ms"), "ms"), fmt(base.get("p95_ms"), "ms")]
        rows.append(row)
    lines += _table(header, rows)
    lines += ["", "Repeated warm runs, the embedding floor, index build time and memory: [bench.md](bench.md) "
              "(`make bench`)."]
    for split in splits:
        lines += ["", f"## Assistant by category — {split}", ""]
        lines += breakdown_table({**assistant[split]["by_category"], "**all**": assistant[split]["overall"]})
        lines += ["", f"## Assistant by language — {split}", ""]
        lines += breakdown_table(assistant[split]["by_lang"])
        if baseline and split in baseline:
            lines += ["", f"## Baseline by category — {split}", ""]
            lines += breakdown_table({**baseline[split]["by_category"], "**all**": baseline[split]["overall"]})
    lines += ["", f"## Failed cases (assistant): {len(failures)}", ""]
    if not failures:
        lines.append("None.")
    by_cause: dict[str, list[CaseResult]] = {}
    for r in failures:
        by_cause.setdefault(r.causes[0], []).append(r)
    for cause in sorted(by_cause, key=lambda c: CAUSE_ORDER.index(c) if c in CAUSE_ORDER else 99):
        lines += [f"### {cause} ({len(by_cause[cause])})", ""]
        for r in by_cause[cause]:
            lines += failure_entry(r)
        lines.append("")
    md_path = out_dir / "report.md"
    md_path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return {"md": md_path, "json": json_path, "png": png_path}
