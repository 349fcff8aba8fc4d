"""The chat UI: rendering (in-process), the running app through gradio_client, and the feedback store."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from gradio_client import Client

from assistant import feedback as feedback_mod
from assistant.feedback import FeedbackError, record_feedback
from assistant.models import Answer, Citation, Timings
from assistant.pipeline import Assistant
from assistant.ui import build_ui, history_turns, render_answer, render_letter
from tests.conftest import ROOT

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


def _answer(text: str, language: str = "en", citations: list[Citation] | None = None) -> Answer:
    return Answer(question="q", language=language, answer=text, refused=not citations, citations=citations or [],
                  timings_ms=Timings(retrieve=0, answer=0, total=0))


# --- rendering -------------------------------------------------------------------------------------------------


def test_render_answer_escapes_everything() -> None:
    cite = Citation(n=1, id="demand-1", section=f"Demand 1 {XSS}", quote=f"quote {XSS}", quote_en=f"en {XSS}")
    html = render_answer(_answer(f"Answer {XSS} [1]", citations=[cite]))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=&quot;" in html
    assert '<details class="sources"><summary>Sources</summary>' in html
    assert 'href="#unit-demand-1" class="cite-link" data-unit="demand-1"' in html
    assert "Unofficial translation" in html
    assert "\n\n<details" in html and "\n" not in html.split("\n\n", 1)[1]  # one HTML line after the text


def test_render_answer_dutch_sources_and_refusals() -> None:
    cite = Citation(n=1, id="demand-4b", section="Eis 4b", quote="versneld afdoen", quote_en="faster handling")
    dutch = render_answer(_answer("Eis 4b: versneld afdoen [1]", language="nl", citations=[cite]))
    assert "<summary>Bronnen</summary>" in dutch and "faster handling" not in dutch
    refusal = render_answer(_answer("Daar zegt de brief niets over.", language="nl"))
    assert refusal == "Daar zegt de brief niets over." and "<details" not in refusal


def test_render_letter_has_every_unit_with_its_translation(bot: Assistant) -> None:
    html = render_letter(bot.letter)
    for unit in bot.letter.units:
        assert f'id="unit-{unit.id}"' in html
    assert html.count("Unofficial translation") >= len([u for u in bot.letter.units if u.text_en])
    assert "notoire overlastgevers" in html and "Demand 4(b)" in html


def test_history_turns_strips_sources_and_unescapes() -> None:
    turns = history_turns([
        {"role": "user", "content": "Wat is eis 4 &amp; 5?"},
        {"role": "assistant", "content": [{"type": "text", "text": 'Eis 4 [1]\n\n<details class="sources">…'}]},
        {"role": "system", "content": "ignored"},
    ])
    assert [(t.role, t.content) for t in turns] == [("user", "Wat is eis 4 & 5?"), ("assistant", "Eis 4 [1]")]


def test_build_ui(bot: Assistant) -> None:
    demo = build_ui(bot)
    public = {fn.api_name for fn in demo.fns.values() if fn.api_visibility == "public"}
    assert public == {"chat"}  # the UI's own events are private: clients use /chat (and the JSON API)


# --- the running app through gradio_client ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def gradio(server_url: str) -> Client:
    return Client(server_url + "/", verbose=False)


def test_chat_endpoint_dutch(gradio: Client) -> None:
    result = gradio.predict("Wat is eis 4b?", api_name="/chat")
    assert "notoire overlastgevers" in result and "[1]" in result
    assert "<summary>Bronnen</summary>" in result
    assert 'data-unit="demand-4b"' in result


def test_chat_endpoint_english(gradio: Client) -> None:
    result = gradio.predict("What does VNG want on Ukrainians?", api_name="/chat")
    assert "<summary>Sources</summary>" in result
    assert 'data-unit="demand-5"' in result
    assert "Unofficial translation" in result and "Ukrainians" in result


def test_chat_endpoint_follow_up_with_history(gradio: Client) -> None:
    history = [{"role": "user", "content": "Wat is eis 4?"}, {"role": "assistant", "content": "Eis 4 … [1]"}]
    result = gradio.predict("En onderdeel b?", history, api_name="/chat")
    assert 'data-unit="demand-4b"' in result


def test_chat_endpoint_refusal_and_injection_are_plain_text(gradio: Client) -> None:
    refusal = gradio.predict("Wat vindt de brief van de Olympische Spelen?", api_name="/chat")
    assert "<details" not in refusal and "brief" in refusal
    injected = gradio.predict(XSS, api_name="/chat")
    assert "<script" not in injected and "<img" not in injected


def test_chat_endpoint_rejects_an_empty_question(gradio: Client) -> None:
    with pytest.raises(Exception, match="empty"):
        gradio.predict("   ", api_name="/chat")


# --- feedback: append-only JSONL under a lock ------------------------------------------------------------------


def _entry(i: int, size: int = 0) -> dict:
    return {"question": f"q{i}", "answer": "x" * size, "citations": [{"n": 1, "id": "demand-1"}], "vote": "up"}


def test_record_feedback_writes_one_json_line(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "feedback.jsonl"
    record_feedback(path, _entry(1))
    record_feedback(path, {**_entry(2), "vote": "down"})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert {"time", "question", "answer", "citations", "vote"} <= set(first)
    assert json.loads(lines[1])["vote"] == "down"


def test_record_feedback_many_threads_no_lost_or_interleaved_lines(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    threads, per_thread, size = 16, 40, 20_000  # 20 kB lines: big enough to interleave without the lock
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def worker(t: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                record_feedback(path, _entry(t * 1000 + i, size))
        except BaseException as exc:
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert not errors
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    entries = [json.loads(line) for line in lines[:-1]]
    assert len(entries) == threads * per_thread
    assert {e["question"] for e in entries} == {f"q{t * 1000 + i}" for t in range(threads) for i in range(per_thread)}
    assert all(len(e["answer"]) == size for e in entries)


def test_record_feedback_many_processes(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    code = (
        "import sys\nfrom assistant.feedback import record_feedback\n"
        "for i in range(50):\n"
        "    record_feedback(sys.argv[1], {'question': f'{sys.argv[2]}-{i}', 'answer': 'y' * 30000, 'vote': 'up'})\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), f"p{n}"], env=env) for n in range(4)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(entries) == 200 and len({e["question"] for e in entries}) == 200


def test_record_feedback_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    path = blocker / "feedback.jsonl"
    with pytest.raises(FeedbackError, match=str(path)):
        record_feedback(path, _entry(1))


def test_record_feedback_full_disk_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(feedback_mod.os, "write", full)
    path = tmp_path / "feedback.jsonl"
    with pytest.raises(FeedbackError, match="No space left") as info:
        record_feedback(path, _entry(1))
    assert str(path) in str(info.value)
