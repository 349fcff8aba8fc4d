"""The chat UI in a real browser (Playwright driving Debian's chromium) against `python app.py`."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ANSWER_TIMEOUT_MS = 60_000
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser: Browser, server_url: str, width: int, height: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(server_url + "/")
    expect(page.locator("#question textarea")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    return page


def _ask(page: Page, question: str) -> None:
    """Ask and wait until the answer has finished streaming (the question box is ready again, answer complete)."""
    bots = page.locator('#chat [data-testid="bot"]')
    before = bots.count()
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    expect(bots).to_have_count(before + 1, timeout=ANSWER_TIMEOUT_MS)
    # Streaming is done when the last message has stopped changing (checked twice, 0.5 s apart).
    page.wait_for_function(
        """() => { const b = document.querySelectorAll('#chat [data-testid="bot"]');
                   const last = b[b.length - 1]; if (!last) return false;
                   const now = last.innerText; const same = window.__last === now; window.__last = now;
                   return same && now.trim().length > 1 && now.trim() !== '…'; }""",
        polling=500, timeout=ANSWER_TIMEOUT_MS,
    )


def _has_class(name: str) -> re.Pattern[str]:
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def _last_answer(page: Page) -> Locator:
    return page.locator('#chat [data-testid="bot"]').last


def test_dutch_and_english_answers_with_sources_and_citation_highlight(browser: Browser, server_url: str) -> None:
    page = _open(browser, server_url, 1400, 900)
    assert page.locator("#letter-panel").is_visible()
    assert page.locator("#unit-demand-4b").count() == 1
    header = page.locator("#app-header").inner_text()
    assert "22 september 2025" in header and "Schoof" in header and "unofficial translation" in header.lower()

    _ask(page, "Wat is eis 4b?")
    dutch = _last_answer(page)
    expect(dutch).to_contain_text("notoire overlastgevers")
    expect(dutch).to_contain_text("[1]")
    expect(dutch.locator("details.sources summary")).to_have_text("Bronnen")

    _ask(page, "What does VNG want on Ukrainians?")
    english = _last_answer(page)
    expect(english).to_contain_text("Ukrainians")
    sources = english.locator("details.sources")
    expect(sources.locator("summary")).to_have_text("Sources")
    sources.locator("summary").click()
    expect(sources).to_contain_text("Unofficial translation")
    link = sources.locator('a[href="#unit-demand-5"]').first
    expect(link).to_be_visible()
    link.click()
    target = page.locator("#unit-demand-5")
    expect(target).to_have_class(_has_class("highlight"))
    expect(target).to_be_in_viewport()
    assert page.locator(".letter-unit.highlight").count() == 1
    page.wait_for_timeout(800)  # let the smooth scroll settle before the screenshot
    page.screenshot(path=str(ARTIFACTS / "chat-desktop.png"), full_page=True)

    # A second citation moves the highlight.
    _ask(page, "Wat is eis 4b?")
    box = _last_answer(page).locator("details.sources")
    box.locator("summary").click()
    box.locator('a[href="#unit-demand-4b"]').first.click()
    expect(page.locator("#unit-demand-4b")).to_have_class(_has_class("highlight"))
    expect(page.locator("#unit-demand-5")).not_to_have_class(_has_class("highlight"))
    page.close()


def test_example_question_runs_and_streams(browser: Browser, server_url: str) -> None:
    page = _open(browser, server_url, 1400, 900)
    page.evaluate(
        """() => { window.__lengths = []; const chat = document.querySelector('#chat');
           new MutationObserver(() => { const b = chat.querySelectorAll('[data-testid="bot"]');
             if (b.length) window.__lengths.push(b[b.length - 1].innerText.length); })
           .observe(chat, {subtree: true, childList: true, characterData: true}); }"""
    )
    page.get_by_role("button", name="What does VNG want on Ukrainians?").click()
    expect(_last_answer(page).locator("details.sources summary")).to_have_text("Sources",
                                                                                timeout=ANSWER_TIMEOUT_MS)
    lengths = [n for n in page.evaluate("window.__lengths") if n > 1]
    assert len(set(lengths)) >= 3, f"the answer did not stream in: {lengths}"
    assert page.get_by_role("button", name="Wat is eis 4b?").count() == 1
    page.close()


def test_injected_markup_shows_as_text_and_runs_nothing(browser: Browser, server_url: str) -> None:
    page = _open(browser, server_url, 1400, 900)
    _ask(page, XSS)
    assert page.evaluate("typeof window.__xss") == "undefined"
    user = page.locator('#chat [data-testid="user"]').last
    expect(user).to_contain_text("<script>window.__xss=1</script>")
    expect(user).to_contain_text('<img src=x onerror="window.__xss=1">')
    assert page.locator("#chat script, #chat img[src='x']").count() == 0
    refusal = _last_answer(page)
    expect(refusal).to_contain_text("letter")
    assert refusal.locator("details.sources").count() == 0  # a refusal has no sources box
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.close()


def test_thumbs_up_is_stored_as_feedback(browser: Browser, server_url: str, data_dir: Path) -> None:
    path = data_dir / "feedback.jsonl"
    before = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
    page = _open(browser, server_url, 1400, 900)
    _ask(page, "Wie heeft de brief ondertekend?")
    page.locator('#chat button[aria-label="Like"]').last.click()
    deadline = time.monotonic() + 30
    lines: list[str] = []
    while time.monotonic() < deadline:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        if len(lines) > before:
            break
        page.wait_for_timeout(250)
    assert len(lines) == before + 1, "no feedback line was written"
    entry = json.loads(lines[-1])
    assert entry["vote"] == "up" and entry["question"] == "Wie heeft de brief ondertekend?"
    assert entry["answer"] and entry["citations"] and entry["time"]
    page.close()


def test_phone_width(browser: Browser, server_url: str) -> None:
    page = _open(browser, server_url, 390, 844)
    _ask(page, "Wat is eis 4b?")
    answer = _last_answer(page)
    expect(answer.locator("details.sources summary")).to_have_text("Bronnen")
    answer.locator("details.sources summary").click()
    page.screenshot(path=str(ARTIFACTS / "chat-phone.png"), full_page=True)
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    answer.locator('a[href="#unit-demand-4b"]').first.click()
    expect(page.locator("#unit-demand-4b")).to_have_class(_has_class("highlight"))
    expect(page.locator("#unit-demand-4b")).to_be_in_viewport(ratio=0.9)
    page.wait_for_timeout(800)  # let the smooth scroll settle before the screenshot
    page.screenshot(path=str(ARTIFACTS / "chat-phone-citation.png"))
    page.close()
