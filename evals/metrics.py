"""Scoring one answer against one gold case, and aggregating case scores (definitions: evals/README.md)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from evals.gold import GoldCase, fold

# "[1]", also tolerated as "[1, 2]" or "[1;2]": every number must resolve to a citation.
MARKER_RE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
# Categories the router answers exactly (demand numbers, sender/addressee/copies/attachments/meeting).
ROUTED_CATEGORIES = frozenset({"demand_number", "metadata"})


def markers(text: str) -> list[int]:
    """Citation numbers in order of appearance in the answer text."""
    found: list[int] = []
    for group in MARKER_RE.findall(text):
        found.extend(int(n) for n in re.split(r"\s*[,;]\s*", group))
    return found


def cited_units(answer_text: str, citations: Sequence[dict]) -> list[str]:
    """Cited unit ids in order of first citation: by first [n] in the text, then citations never marked."""
    by_n = {c["n"]: c["id"] for c in citations}
    ordered: list[str] = []
    for n in markers(answer_text):
        unit = by_n.get(n)
        if unit and unit not in ordered:
            ordered.append(unit)
    for citation in sorted(citations, key=lambda c: c["n"]):
        if citation["id"] not in ordered:
            ordered.append(citation["id"])
    return ordered


def merge_rankings(*rankings: Iterable[str]) -> list[str]:
    merged: list[str] = []
    for ranking in rankings:
        for unit in ranking:
            if unit not in merged:
                merged.append(unit)
    return merged


@dataclass
class CaseResult:
    """One system's answer to one gold case, with every per-case score."""

    system: str
    id: str
    split: str
    category: str
    lang: str
    question: str
    expect_units: list[str]
    key_facts: list[list[str]]
    expect_refuse: bool
    history: list[dict]
    # what the system did
    answer: str
    language: str
    refused: bool
    citations: list[dict]
    cited: list[str]  # unit ids, order of first citation
    ranked: list[str]  # cited units first, then the retriever's ranking
    retriever_ranked: list[str]  # the retriever's ranking alone (diagnostic)
    latency_ms: float
    # scores (filled by score())
    valid: bool = True
    validity_problems: list[str] = field(default_factory=list)
    n_quotes: int = 0
    n_verbatim: int = 0
    n_markers: int = 0
    n_resolved_markers: int = 0
    recall_at_1: float | None = None
    recall_at_3: float | None = None
    rr: float | None = None
    retriever_recall_at_1: float | None = None
    retriever_recall_at_3: float | None = None
    retriever_rr: float | None = None
    cite_precision: float | None = None
    cite_recall: float | None = None
    missing_units: list[str] = field(default_factory=list)
    facts_met: list[bool] = field(default_factory=list)
    missing_facts: list[list[str]] = field(default_factory=list)
    language_ok: bool = True
    refusal_ok: bool = True
    correct: bool = False
    causes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def for_case(cls, case: GoldCase, system: str, **outcome: object) -> CaseResult:
        """A result for `case`: the gold fields copied, `outcome` what the system did."""
        return cls(
            system=system, id=case.id, split=case.split, category=case.category, lang=case.lang,
            question=case.question, expect_units=list(case.expect_units),
            key_facts=[list(g) for g in case.key_facts], expect_refuse=case.refuse, history=list(case.history),
            **outcome,  # type: ignore[arg-type]
        )


def recall_at(ranked: Sequence[str], expected: Sequence[str], k: int) -> float:
    """Share of the expected units in the top k, out of the most that fit there (min(k, |expected|))."""
    wanted = set(expected)
    return len(wanted & set(ranked[:k])) / min(k, len(wanted))


def reciprocal_rank(ranked: Sequence[str], expected: Sequence[str]) -> float:
    wanted = set(expected)
    return next((1.0 / rank for rank, unit in enumerate(ranked, start=1) if unit in wanted), 0.0)


def score(result: CaseResult, sources: Iterable[str], unit_ids: set[str]) -> CaseResult:
    """Fill in the per-case scores of `result` (mutates and returns it)."""
    texts = list(sources)
    # Citation validity: every [n] resolves, every quote is verbatim in a source, every id is a unit.
    numbers = {c["n"] for c in result.citations}
    found = markers(result.answer)
    result.n_markers = len(found)
    result.n_resolved_markers = sum(n in numbers for n in found)
    problems = [f"[{n}] has no citation" for n in found if n not in numbers]
    result.n_quotes = len(result.citations)
    for citation in result.citations:
        quote = citation.get("quote") or ""
        if quote and any(quote in text for text in texts):
            result.n_verbatim += 1
        else:
            problems.append(f"[{citation['n']}] quote not verbatim: {quote[:80]!r}")
        if citation["id"] not in unit_ids:
            problems.append(f"[{citation['n']}] cites unknown unit {citation['id']!r}")
    result.validity_problems = problems
    result.valid = not problems

    expected = result.expect_units
    if expected:
        result.recall_at_1 = recall_at(result.ranked, expected, 1)
        result.recall_at_3 = recall_at(result.ranked, expected, 3)
        result.rr = reciprocal_rank(result.ranked, expected)
        result.retriever_recall_at_1 = recall_at(result.retriever_ranked, expected, 1)
        result.retriever_recall_at_3 = recall_at(result.retriever_ranked, expected, 3)
        result.retriever_rr = reciprocal_rank(result.retriever_ranked, expected)
        cited = set(result.cited)
        wanted = set(expected)
        result.missing_units = [u for u in expected if u not in cited]
        if not result.expect_refuse:
            # An answerable question answered without citations scores 0 precision, not "undefined".
            result.cite_precision = len(cited & wanted) / len(cited) if cited else 0.0
            result.cite_recall = len(cited & wanted) / len(wanted)

    answer = fold(result.answer)
    result.facts_met = [any(fold(alt) in answer for alt in group) for group in result.key_facts]
    result.missing_facts = [group for group, met in zip(result.key_facts, result.facts_met, strict=True) if not met]
    result.language_ok = result.language == result.lang
    result.refusal_ok = result.refused == result.expect_refuse
    if result.expect_refuse:
        result.correct = result.refused
    else:
        result.correct = not result.refused and not result.missing_units and all(result.facts_met)
    result.causes = likely_causes(result) if not (result.correct and result.valid) else []
    return result


def likely_causes(result: CaseResult) -> list[str]:
    """A first guess at why a case failed, for triage: routing, retrieval, refusal gate, language,
    sentence selection, citation validity. Heuristic; the failure list shows the evidence."""
    causes: list[str] = []
    routed = result.category in ROUTED_CATEGORIES
    if not result.valid:
        causes.append("citation validity")
    if result.expect_refuse != result.refused:
        causes.append("routing" if routed else "refusal gate")
    elif not result.expect_refuse:
        if result.missing_units:
            if routed:
                causes.append("routing")
            elif any(u not in result.retriever_ranked[:3] for u in result.missing_units):
                causes.append("retrieval")
            else:
                causes.append("sentence selection")
        elif result.missing_facts:
            causes.append("sentence selection")
    if not result.language_ok:
        causes.append("language")
    return causes or ["other"]


# --- aggregation --------------------------------------------------------------------------------


def _mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def f_beta(precision: float | None, recall: float | None, beta: float = 2.0) -> float | None:
    if precision is None or recall is None:
        return None
    if precision == 0 and recall == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def aggregate(results: Sequence[CaseResult]) -> dict[str, float | int | None]:
    """Metrics over a group of case results (macro averages over the cases each metric applies to)."""
    n = len(results)
    answerable = [r for r in results if not r.expect_refuse]
    with_units = [r for r in results if r.expect_units]
    with_facts = [r for r in results if r.key_facts]
    tp = sum(r.refused and r.expect_refuse for r in results)
    fp = sum(r.refused and not r.expect_refuse for r in results)
    fn = sum(not r.refused and r.expect_refuse for r in results)
    quotes = sum(r.n_quotes for r in results)
    marks = sum(r.n_markers for r in results)
    precision = _mean(r.cite_precision for r in answerable)
    recall = _mean(r.cite_recall for r in answerable)
    latencies = [r.latency_ms for r in results]
    return {
        "n": n,
        "n_answerable": len(answerable),
        "n_refuse": n - len(answerable),
        "accuracy": _mean(float(r.correct) for r in results),
        "citation_validity": _mean(float(r.valid) for r in results),
        "quotes_verbatim": sum(r.n_verbatim for r in results) / quotes if quotes else None,
        "markers_resolved": sum(r.n_resolved_markers for r in results) / marks if marks else None,
        "recall_at_1": _mean(r.recall_at_1 for r in with_units),
        "recall_at_3": _mean(r.recall_at_3 for r in with_units),
        "mrr": _mean(r.rr for r in with_units),
        "retriever_recall_at_1": _mean(r.retriever_recall_at_1 for r in with_units),
        "retriever_recall_at_3": _mean(r.retriever_recall_at_3 for r in with_units),
        "retriever_mrr": _mean(r.retriever_rr for r in with_units),
        "citation_precision": precision,
        "citation_recall": recall,
        "citation_f2": f_beta(precision, recall),
        "key_fact_recall": _mean(sum(r.facts_met) / len(r.facts_met) for r in with_facts),
        "key_facts_all_met": _mean(float(all(r.facts_met)) for r in with_facts),
        "refusal_precision": tp / (tp + fp) if tp + fp else None,
        "refusal_recall": tp / (tp + fn) if tp + fn else None,
        "language_accuracy": _mean(float(r.language_ok) for r in results),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }


def breakdown(results: Sequence[CaseResult], splits: Sequence[str]) -> dict[str, dict]:
    """{split: {"overall": metrics, "by_category": {...}, "by_lang": {...}}}; split "all" spans both."""
    out: dict[str, dict] = {}
    for split in splits:
        group = [r for r in results if split == "all" or r.split == split]
        if not group:
            continue
        categories = sorted({r.category for r in group})
        langs = sorted({r.lang for r in group})
        out[split] = {
            "overall": aggregate(group),
            "by_category": {c: aggregate([r for r in group if r.category == c]) for c in categories},
            "by_lang": {lang: aggregate([r for r in group if r.lang == lang]) for lang in langs},
        }
    return out


def latency_by_category(results: Sequence[CaseResult]) -> dict[str, dict[str, float | int | None]]:
    categories = sorted({r.category for r in results})
    out = {}
    for category in [*categories, "all"]:
        values = [r.latency_ms for r in results if category in ("all", r.category)]
        out[category] = {"n": len(values), "p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95)}
    return out
