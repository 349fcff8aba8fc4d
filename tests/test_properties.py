"""Property-based tests (hypothesis): question handling, the demand router and language detection hold for
thousands of generated inputs, not just the examples we thought of."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import language
from assistant.models import ChatTurn
from assistant.pipeline import Assistant, InvalidQuestion
from assistant.router import route
from assistant.text import fold

# CI-friendly: no per-example deadline (the first call may load a model), bounded example counts.
FAST = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ASK = settings(max_examples=500, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text as people (and attackers) type it: letters, digits, punctuation, whitespace, controls, emoji...
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
WORDS = st.lists(
    st.sampled_from(["eis", "demand", "wat", "what", "de", "brief", "letter", "Ter", "Apel", "opvang", "VNG",
                     "kabinet", "4b", "onderdeel", "part", "bijlage", "?", "!", "ignore", "wie", "who", "7", "…"]),
    max_size=12,
).map(" ".join)
QUESTIONS = st.one_of(ANY_TEXT, WORDS, st.builds(lambda a, b: a + b, WORDS, ANY_TEXT))
HISTORY = st.lists(
    st.builds(ChatTurn, role=st.sampled_from(["user", "assistant"]), content=st.one_of(ANY_TEXT, WORDS)),
    max_size=4,
)
# Surrounding text that cannot itself name a demand: no digits, no number words, no keywords — and trailing text
# that does not start with a lone letter, which would rightly make "eis 4" + " b" read as part 4b.
NOT_A_NUMBER = re.compile(r"\b(?:[ivx]+|een|one|two|six|ten|elf|part|sub|letter|deel|punt|item|nr|no)\b")
LONE_LETTER_FIRST = re.compile(r"\s*[.(\-]?\s*\(?[a-z]\)?(?![a-z])")
FILLER = st.text(st.sampled_from("abcdfghjkmpqrsuwxyz ,;:!?'\"()-…éü"), max_size=40).filter(
    lambda s: not NOT_A_NUMBER.search(fold(s))
)
AFTER = FILLER.filter(lambda s: not LONE_LETTER_FIRST.match(fold(s)))


@pytest.fixture(scope="module")
def labels(bot: Assistant) -> list[str]:
    return sorted(bot.demand_labels, key=lambda s: (int(re.match(r"\d+", s).group()), s))


@ASK
@given(question=QUESTIONS, history=HISTORY)
def test_ask_never_raises_and_citations_resolve(bot: Assistant, question: str, history: list[ChatTurn]) -> None:
    try:
        answer = bot.ask(question, history)
    except InvalidQuestion:
        return
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert markers <= set(numbers)
    assert answer.language in ("nl", "en")
    for citation in answer.citations:
        assert any(citation.quote in text for text in bot.letter.sources.values()), citation.quote
        bot.letter.unit(citation.id)  # the cited unit exists


@FAST
@given(data=st.data(), before=FILLER, after=AFTER)
def test_every_demand_label_routes_exactly(bot: Assistant, labels: list[str], data, before: str,
                                           after: str) -> None:
    label = data.draw(st.sampled_from(labels))
    number, part = re.match(r"(\d+)([a-z]?)", label).groups()
    phrasing = data.draw(st.sampled_from([
        f"eis {label}", f"demand {label}", f"Eis {label}", f"DEMAND {label}", f"punt {label}",
        f"wat is eis {label}?", f"What is demand {label}?",
        *([f"demand {number}({part})", f"eis {number}.{part}", f"demand {number}, part {part}",
           f"onderdeel {part} van eis {number}"] if part else []),
    ]))
    # Filler is kept apart from the phrasing by a space, so it cannot glue a letter onto the label.
    question = f"{before} {phrasing} {after}"
    routed = route(question, bot.demand_labels, bot.n_demands)
    if routed.intent == "injection":
        return
    assert routed.intent == "demand", question
    assert routed.demands == [label], question


@FAST
@given(number=st.integers(min_value=1, max_value=99), keyword=st.sampled_from(["eis", "demand", "punt", "point"]),
       before=FILLER, after=AFTER)
def test_numbers_beyond_the_letter_are_invalid(bot: Assistant, number: int, keyword: str, before: str,
                                              after: str) -> None:
    question = f"{before} {keyword} {number} {after}"
    routed = route(question, bot.demand_labels, bot.n_demands)
    if routed.intent == "injection":
        return
    if number > bot.n_demands:
        assert routed.intent == "invalid_demand", question
        assert str(number) in routed.requested
    else:
        assert routed.intent == "demand" and routed.demands == [str(number)], question


@FAST
@given(text=st.one_of(ANY_TEXT, WORDS, st.text(max_size=50)), fallback=st.sampled_from(["nl", "en"]))
def test_language_detection_never_raises(text: str, fallback: str) -> None:
    lang, confidence = language.detect(text, fallback=fallback)
    assert lang in ("nl", "en")
    assert 0.5 <= confidence <= 1.0
