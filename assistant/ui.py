"""The chat UI (Gradio 6, messages format): streamed cited answers beside the whole letter.

Everything shown is escaped here (user text, answers, corpus text); the only HTML is our own markup.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.api import LETTER_TITLE_EN, LETTER_TITLE_NL
from assistant.feedback import FeedbackError, record_feedback
from assistant.models import Answer, ChatTurn, Letter
from assistant.pipeline import Assistant, InvalidQuestion

log = logging.getLogger(__name__)

EXAMPLES = [
    "Wat is eis 4b?",
    "What does VNG want on Ukrainians?",
    "Welke eisen stelt de VNG aan het kabinet?",
    "What does the letter say about Ter Apel?",
    "Wie heeft de brief ondertekend?",
    "Who received a copy of the letter?",
]
UNOFFICIAL_EN = "Unofficial translation"
STREAM_DELAY_S = 0.02  # between streamed chunks, so the answer visibly grows
STREAM_WORDS = 4  # words per streamed chunk

# Citation links and letter passages: clicking [data-unit] scrolls to #unit-<id> and highlights it.
# Capture phase, so that it runs before Gradio's own link handling in chat messages.
HEAD = """
<script>
(function () {
  function unitOf(link) {
    var id = link.getAttribute('data-unit');
    if (!id) {
      var href = link.getAttribute('href') || '';
      if (href.indexOf('#unit-') !== 0) return null;
      id = href.slice(6);
    }
    return id;
  }
  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a.cite-link, a[href^="#unit-"]') : null;
    if (!link) return;
    var id = unitOf(link);
    var target = id && document.getElementById('unit-' + id);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    document.querySelectorAll('.letter-unit.highlight').forEach(function (el) { el.classList.remove('highlight'); });
    target.classList.add('highlight');
    target.scrollIntoView({behavior: 'smooth', block: 'start'});
  }, true);
})();
</script>
"""

CSS = """
#letter-scroll { max-height: 78vh; overflow-y: auto; padding: 0 .75rem .75rem .75rem;
  border: 1px solid var(--border-color-primary); border-radius: var(--radius-lg); }
#letter-panel h2 { font-size: 1.1rem; margin: .75rem 0 .25rem 0; }
#letter-panel .translation-note { font-size: .85rem; opacity: .8; margin-bottom: .5rem; }
.letter-unit { padding: .4rem .6rem; margin: .35rem 0; border-radius: 6px; border-left: 3px solid transparent;
  scroll-margin: 1rem; transition: background-color .4s; }
.letter-unit.demand_part { margin-left: 1.25rem; }
.letter-unit h3 { font-size: .95rem; margin: 0 0 .2rem 0; }
.letter-unit h3 .section-en { font-weight: normal; opacity: .75; }
.letter-unit p { margin: .2rem 0; }
.letter-unit p.en { font-size: .9rem; opacity: .85; font-style: italic; }
.letter-unit .label { font-style: normal; font-size: .75rem; text-transform: uppercase; letter-spacing: .03em;
  opacity: .8; margin-right: .35rem; }
.letter-unit.highlight { background: #fff3b0; border-left-color: #e0a800; color: #1f2937; }
details.sources { margin-top: .5rem; }
details.sources summary { cursor: pointer; font-weight: 600; }
details.sources ul { margin: .25rem 0 0 0; padding-left: 1.1rem; }
details.sources li { margin: .35rem 0; }
details.sources .quote-en { font-style: italic; }
/* Phones: the letter follows the chat at full length, so the page is the only thing that scrolls. */
@media (max-width: 700px) { #letter-scroll { max-height: none; overflow-y: visible; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_SAFE_ID = re.compile(r"[^A-Za-z0-9_.:-]")


def _unit_id(value: str) -> str:
    return _SAFE_ID.sub("-", value)


def render_sources(answer: Answer) -> str:
    """The collapsible sources box (one line of HTML: blank lines would end the HTML block in Markdown)."""
    if not answer.citations:
        return ""
    en = answer.language == "en"
    items = []
    for c in answer.citations:
        uid = _unit_id(c.id)
        parts = [
            f'<a href="#unit-{uid}" class="cite-link" data-unit="{uid}">[{c.n}] {_e(c.section)}</a>',
            f'<span class="quote-nl" lang="nl">„{_e(c.quote)}”</span>',
        ]
        if en and c.quote_en:
            parts.append(f'<span class="quote-en" lang="en">{UNOFFICIAL_EN}: “{_e(c.quote_en)}”</span>')
        items.append("<li>" + "<br>".join(parts) + "</li>")
    title = "Sources" if en else "Bronnen"
    return f'<details class="sources"><summary>{title}</summary><ul>{"".join(items)}</ul></details>'


def render_answer(answer: Answer, text: str | None = None) -> str:
    """The answer text (escaped; [n] markers inline) followed by its sources box."""
    body = _e(answer.answer if text is None else text)
    sources = render_sources(answer)
    return f"{body}\n\n{sources}" if sources else body


def render_letter(letter: Letter) -> str:
    """The whole letter by section: Dutch text, with the unofficial English rendering under it."""
    out = [
        '<div class="letter" id="letter-scroll">',
        '<h2>De brief · <span lang="en">The letter</span></h2>',
        f'<div class="translation-note" lang="nl">{_e(LETTER_TITLE_NL)}.</div>',
        f'<div class="translation-note" lang="en">{_e(letter.translation_note or UNOFFICIAL_EN)}</div>',
    ]
    for unit in letter.units:
        uid = _unit_id(unit.id)
        out.append(f'<section class="letter-unit {_e(unit.kind)}" id="unit-{uid}" data-unit="{uid}">')
        out.append(f'<h3><span lang="nl">{_e(unit.section_nl)}</span> '
                   f'<span class="section-en" lang="en">· {_e(unit.section_en)}</span></h3>')
        out.append(f'<p class="nl" lang="nl">{_e(unit.text_nl)}</p>')
        if unit.text_en:
            out.append(f'<p class="en" lang="en"><span class="label">{UNOFFICIAL_EN}</span>{_e(unit.text_en)}</p>')
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out)


def _content_text(content: Any) -> str:
    """Text of a message content in any of Gradio's shapes (str, list of parts, dict)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, list):
        return " ".join(_content_text(part) for part in content)
    return ""


def history_turns(history: list[dict[str, Any]] | None) -> list[ChatTurn]:
    """Chat history from an API client: plain {role, content} messages; our sources box is dropped."""
    turns = []
    for message in history or []:
        role = message.get("role") if isinstance(message, dict) else None
        if role not in ("user", "assistant"):
            continue
        text = _content_text(message.get("content")).split('<details class="sources"')[0]
        turns.append(ChatTurn(role=role, content=html.unescape(text).strip()))
    return turns


def _stream(text: str) -> Iterator[str]:
    """Growing prefixes of `text`, a few words at a time."""
    words = re.findall(r"\S+\s*", text)
    for end in range(STREAM_WORDS, len(words), STREAM_WORDS):
        yield "".join(words[:end])
        time.sleep(STREAM_DELAY_S)


def build_ui(bot: Assistant) -> gr.Blocks:
    """The chat (left) and the whole letter (right; below on a phone)."""
    settings = bot.settings
    letter_html = render_letter(bot.letter)

    def respond(message: str, chat: list[dict[str, Any]] | None, turns: list[dict[str, Any]] | None):
        """Stream one answer. `turns` keeps the raw question and Answer per exchange (for history and feedback)."""
        chat = list(chat or [])
        turns = list(turns or [])
        if not (message or "").strip():
            yield gr.update(), chat, turns
            return
        log.debug("ui ask: %r", message)
        chat.append({"role": "user", "content": _e(message)})
        chat.append({"role": "assistant", "content": "…"})
        yield "", chat, turns
        history: list[ChatTurn] = []
        for turn in turns:
            history.append(ChatTurn(role="user", content=turn["question"]))
            history.append(ChatTurn(role="assistant", content=turn["answer"]["answer"] if turn["answer"] else ""))
        try:
            answer = bot.ask(message, history)
        except InvalidQuestion as exc:
            chat[-1] = {"role": "assistant", "content": _e(f"⚠️ {exc}")}
            turns.append({"question": message, "answer": None})
            yield "", chat, turns
            return
        log.info("ui ask: lang=%s refused=%s citations=%d chars=%d", answer.language, answer.refused,
                 len(answer.citations), len(message))
        for partial in _stream(answer.answer):
            chat[-1] = {"role": "assistant", "content": _e(partial)}
            yield "", chat, turns
        chat[-1] = {"role": "assistant", "content": render_answer(answer)}
        turns.append({"question": message, "answer": answer.model_dump()})
        yield "", chat, turns

    def chat_api(message: str, history: list[dict[str, Any]] | None = None) -> str:
        """One answer with its sources box (HTML), for API clients. history: [{role, content}, ...]."""
        try:
            answer = bot.ask(message, history_turns(history))
        except InvalidQuestion as exc:
            raise gr.Error(f"invalid question: {exc}") from exc
        log.info("api chat: lang=%s refused=%s citations=%d", answer.language, answer.refused, len(answer.citations))
        return render_answer(answer)

    def on_like(turns: list[dict[str, Any]] | None, data: gr.LikeData) -> None:
        index = data.index if isinstance(data.index, int) else data.index[0]
        turns = turns or []
        pair = index // 2
        if pair >= len(turns) or not turns[pair].get("answer"):
            return
        answer = turns[pair]["answer"]
        vote = "up" if data.liked is True else "down" if data.liked is False else str(data.liked)
        entry = {
            "question": turns[pair]["question"],
            "answer": answer["answer"],
            "language": answer["language"],
            "refused": answer["refused"],
            "citations": answer["citations"],
            "vote": vote,
        }
        try:
            record_feedback(settings.resolved_feedback_path, entry)
        except FeedbackError as exc:
            log.error("%s", exc)
            gr.Warning(f"Feedback niet opgeslagen / feedback not saved: {exc}")
            return
        gr.Info("Bedankt voor je feedback! / Thank you for your feedback!")

    with gr.Blocks(title="VNG-brief 22 september 2025 · letter assistant") as demo:
        gr.HTML(
            f'<div class="app-header"><h1 style="margin:.2rem 0;font-size:1.35rem">{_e(LETTER_TITLE_NL)}</h1>'
            f'<p style="margin:.1rem 0">Vragen over deze ene brief, in het Nederlands of Engels. '
            f"Antwoorden citeren de Nederlandse tekst [n]; klik een bron aan om de passage in de brief te zien.</p>"
            f'<p style="margin:.1rem 0" lang="en">Questions about this one letter ({_e(LETTER_TITLE_EN)}), '
            f"in Dutch or English. English text is an <strong>unofficial translation</strong>; the Dutch letter "
            f"is authoritative.</p></div>",
            elem_id="app-header",
        )
        turns = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    label="Gesprek · Conversation",
                    elem_id="chat",
                    height=600,
                    feedback_options=("Like", "Dislike"),
                    placeholder="Stel een vraag over de VNG-brief van 22 september 2025 — "
                                "or ask about the letter in English.",
                    buttons=["copy"],
                )
                box = gr.Textbox(
                    show_label=False,
                    placeholder="Uw vraag over de brief / your question about the letter",
                    max_length=settings.max_question_chars,
                    submit_btn="Vraag / Ask",
                    elem_id="question",
                    autofocus=True,
                )
                examples = gr.Examples(
                    examples=[[q] for q in EXAMPLES],
                    inputs=[box],
                    label="Voorbeeldvragen / Example questions",
                )
            with gr.Column(scale=2, min_width=300):
                gr.HTML(letter_html, elem_id="letter-panel", padding=False)

        box.submit(respond, [box, chatbot, turns], [box, chatbot, turns], api_visibility="private",
                   concurrency_limit=8, concurrency_id="ask", show_progress="hidden")
        # An example question is asked at once (the Examples click fills the box first).
        examples.load_input_event.then(respond, [box, chatbot, turns], [box, chatbot, turns], api_visibility="private",
                                       concurrency_limit=8, concurrency_id="ask", show_progress="hidden")
        chatbot.like(on_like, [turns], None, api_visibility="private")
        chatbot.clear(lambda: [], None, [turns], api_visibility="private")
        gr.api(chat_api, api_name="chat", concurrency_limit=8, concurrency_id="ask")
    return demo


def mount_ui(app: Any, bot: Assistant, path: str = "/") -> Any:
    """Mount the chat UI on a FastAPI app (after its /api routes, so those win)."""
    # System fonts: nothing is fetched from elsewhere, and it renders the same offline.
    theme = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                              font_mono=["ui-monospace", "monospace"])
    return gr.mount_gradio_app(app, build_ui(bot), path=path, head=HEAD, css=CSS, theme=theme,
                               footer_links=["api"], show_error=True)
