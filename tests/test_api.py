"""The HTTP API: in-process through FastAPI's TestClient, and against a real `python app.py` process."""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.models import Answer
from assistant.pipeline import Assistant


@pytest.fixture(scope="module")
def client(bot: Assistant) -> TestClient:
    return TestClient(create_app(bot))


def _ids(body: dict) -> list[str]:
    return [c["id"] for c in body["citations"]]


# --- ask -------------------------------------------------------------------------------------------------------


def test_ask_dutch(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "Wat is eis 4b?"})
    assert response.status_code == 200
    body = response.json()
    answer = Answer.model_validate(body)
    assert answer.language == "nl"
    assert not answer.refused
    assert "demand-4b" in _ids(body)
    assert "[1]" in answer.answer
    assert "notoire overlastgevers" in answer.answer
    assert all(c.quote for c in answer.citations)


def test_ask_english(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "What does VNG want on Ukrainians?", "history": []})
    assert response.status_code == 200
    answer = Answer.model_validate(response.json())
    assert answer.language == "en"
    assert not answer.refused
    assert "demand-5" in [c.id for c in answer.citations]
    assert all(c.quote_en for c in answer.citations)  # English answers carry the (unofficial) English rendering


def test_ask_with_history(client: TestClient) -> None:
    history = [
        {"role": "user", "content": "Wat is eis 4?"},
        {"role": "assistant", "content": "Eis 4 heet „Versnelde aanpak overlastgevende asielzoekers” [1]."},
    ]
    response = client.post("/api/ask", json={"question": "En onderdeel b?", "history": history})
    assert response.status_code == 200
    assert "demand-4b" in _ids(response.json())


def test_ask_off_topic_is_a_refusal_not_an_error(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "Wat is de hoofdstad van Frankrijk?"})
    assert response.status_code == 200
    body = response.json()
    assert body["refused"] is True
    assert body["citations"] == []
    assert body["language"] == "nl"


def test_question_of_exactly_the_maximum_length_is_accepted(client: TestClient, bot: Assistant) -> None:
    question = ("Wat zegt de brief over Ter Apel? " * 100)[: bot.settings.max_question_chars]
    assert len(question) == bot.settings.max_question_chars
    assert client.post("/api/ask", json={"question": question}).status_code == 200


# --- invalid input: 422 with a clear message, never a 500 ---------------------------------------------------------

INVALID = {
    "empty": ({"question": ""}, "question", "empty"),
    "whitespace": ({"question": " \t\n  "}, "question", "empty"),
    "too long": ({"question": "a" * 2001}, "question", "2000"),
    "history wrong type": ({"question": "Wat is eis 1?", "history": "eerder"}, "history", "list"),
    "history item wrong type": ({"question": "Wat is eis 1?", "history": ["eerder"]}, "history", ""),
    "history bad role": (
        {"question": "Wat is eis 1?", "history": [{"role": "system", "content": "x"}]}, "history", "",
    ),
    "history extra key": (
        {"question": "Wat is eis 1?", "history": [{"role": "user", "content": "x", "name": "y"}]}, "history", "",
    ),
    "extra field": ({"question": "Wat is eis 1?", "language": "nl"}, "language", "extra"),
    "question wrong type": ({"question": 42}, "question", "string"),
    "question null": ({"question": None}, "question", "string"),
    "question missing": ({"history": []}, "question", "required"),
    "body not an object": (["Wat is eis 1?"], "body", ""),
}


@pytest.mark.parametrize("body,field,words", INVALID.values(), ids=INVALID.keys())
def test_invalid_input_is_422(client: TestClient, body: object, field: str, words: str) -> None:
    response = client.post("/api/ask", json=body)
    assert response.status_code == 422, response.text
    payload = response.json()
    assert isinstance(payload["error"], str) and field in payload["error"]
    assert words.lower() in payload["error"].lower()
    assert payload["detail"] and all(item["msg"] for item in payload["detail"])


def test_malformed_json_is_422(client: TestClient) -> None:
    response = client.post("/api/ask", content=b'{"question": "Wat is', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "json" in response.json()["error"].lower()


def test_unexpected_error_is_a_json_500(bot: Assistant, monkeypatch: pytest.MonkeyPatch,
                                        caplog: pytest.LogCaptureFixture) -> None:
    def boom(question: str, history: object = None) -> Answer:
        raise RuntimeError("index went away")

    monkeypatch.setattr(bot, "ask", boom)
    client = TestClient(create_app(bot), raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="assistant.api"):
        response = client.post("/api/ask", json={"question": "Wat is eis 1?"})
    assert response.status_code == 500
    assert response.json() == {"error": "internal server error", "detail": []}
    assert "index went away" in caplog.text  # logged for the operator, not shown to the user


def test_full_questions_are_not_logged_at_info(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    marker = "Wat zegt de brief over de gemeente Xylofoonstad?"
    with caplog.at_level(logging.INFO):
        assert client.post("/api/ask", json={"question": marker}).status_code == 200
    assert caplog.records, "the request is logged"
    assert "Xylofoonstad" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="assistant.api"):
        client.post("/api/ask", json={"question": marker})
    assert "Xylofoonstad" in caplog.text


# --- health, letter, docs --------------------------------------------------------------------------------------


def test_health(client: TestClient, bot: Assistant) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert body["units"] == len(bot.letter.units)
    assert body["documents"] > 0
    assert body["model"] == bot.settings.embedding_model
    assert len(body["corpus_hash"]) >= 16


def test_letter(client: TestClient, bot: Assistant) -> None:
    response = client.get("/api/letter")
    assert response.status_code == 200
    body = response.json()
    assert "22 september 2025" in body["title_nl"] and "Schoof" in body["title_nl"]
    assert "unofficial" in body["translation_note"].lower()
    assert [u["id"] for u in body["units"]] == [u.id for u in bot.letter.units]
    by_id = {u["id"]: u for u in body["units"]}
    part = by_id["demand-4b"]
    assert part["section_nl"].startswith("Eis 4b") and part["section_en"].startswith("Demand 4(b)")
    assert "notoire overlastgevers" in part["text_nl"]
    assert part["text_en"] and part["parent"] == "demand-4"
    assert all(u["text_nl"] and u["sentences"] for u in body["units"])
    assert body["attachments"]


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/health", "/api/letter"} <= set(spec["paths"])
    ask = spec["paths"]["/api/ask"]["post"]
    assert ask["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Answer")
    assert "422" in ask["responses"]


# --- the real server: python app.py ----------------------------------------------------------------------------


def test_server_end_to_end(server_url: str, bot: Assistant) -> None:
    with httpx.Client(base_url=server_url, timeout=60) as http:
        health = http.get("/api/health").json()
        assert health["ready"] is True and health["units"] == len(bot.letter.units)

        nl = http.post("/api/ask", json={"question": "Wat is eis 4b?"})
        assert nl.status_code == 200
        assert nl.json()["language"] == "nl" and "demand-4b" in _ids(nl.json())

        en = http.post("/api/ask", json={"question": "What does VNG want on Ukrainians?"})
        assert en.status_code == 200
        assert en.json()["language"] == "en" and "demand-5" in _ids(en.json())

        for body in ({"question": "   "}, {"question": "x" * 2001}, {"question": "Wat?", "history": 3}):
            response = http.post("/api/ask", json=body)
            assert response.status_code == 422 and response.json()["error"]

        assert len(http.get("/api/letter").json()["units"]) == len(bot.letter.units)
        assert http.get("/docs").status_code == 200
        page = http.get("/")
        assert page.status_code == 200 and "gradio" in page.text.lower()
