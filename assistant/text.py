"""Lexical normalisation shared by BM25, the router and the refusal gate: folding, tokens, stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

TOKEN_RE = re.compile(r"[a-z0-9]+")

# Function words and question words: they say nothing about which passage answers a question.
STOPWORDS_NL = frozenset(
    """
    aan al alle alles als andere ben bij binnen dan dat de deze die dit doen doet door dus een eens en er
    ermee erover erin eruit ga gaat geen had heb hebben heeft het hier hij hoe hun ik in is ja je jij
    kan kun kunnen maar me meer met mij mijn moet na naar niet niets nog nou nu of om omdat ons onze ook
    op over te tegen toch tot u uit van veel voor waar waarom wanneer wat welk welke werd wie wij wil
    willen word worden wordt ze zegt zeggen zei zich zij zijn zo zonder zou zouden daarover daarin
    daarbij daarvan hierover staat stond vindt vinden vond mag moeten iets iemand precies eigenlijk
    graag even alsjeblieft aub ter hoeveel zitten liggen komen krijgen gebeurt gebeurd
    vertel leg uitleggen uit noemt genoemd noemen gaat gezegd staan ergens allemaal alleen eerder hadden heet
    nou wel echt volgens eigenlijk geven geeft gaan mogen hoeven hoeft zullen zal krijgt kregen ontvangt
    ontvangen ontving gekregen eerste tweede derde vierde vijfde laatste naam namen titel
    kijkt kijken aankijken tegen bedoelen bedoelt bedoeld betekent betekenen waarover waarmee waarin waarvan
    waarop ervan eruit erop weinig genoeg teveel minder
    gewoon zeker misschien wordt worden werd zou kunnen nog steeds ooit
    """.split()
)
STOPWORDS_EN = frozenset(
    """
    a about above after again all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no nor not
    now of off on once only or other our ours out over own same she should so some such than that the
    their theirs them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours say says said tell explain
    please mention mentions mentioned regarding concerning want wants think thinks exactly anything
    something there's what's whats it's doesnt dont cant isnt arent wont going according describe describes
    everything mean means meant like really actually even still ever anyone whether right much many get gets
    talk talks talking happen happens happening stand stands regard regards anyway also got get gets received
    receive receives sent send sends getting enough less too first second third fourth fifth last name names title
    """.split()
)
# Question-frame words ("explain", "volgens", "standpunt"): many inflections of saying, thinking and asking.
_LEXICON = Path(__file__).resolve().parent / "lexicon"
STOPWORDS_NL = STOPWORDS_NL | frozenset((_LEXICON / "frame_nl.txt").read_text(encoding="utf-8").split())
STOPWORDS_EN = STOPWORDS_EN | frozenset((_LEXICON / "frame_en.txt").read_text(encoding="utf-8").split())
# Words that appear in nearly every question about this letter and so carry no topic.
GENERIC = frozenset(
    """
    vng brief letter brandbrief noodbrief schrijven schrijft schreef written write writes wrote document text tekst
    vereniging association
    """.split()
)

# Nouns for anyone or anything: rare in the letter ("veel mensen", "laat de mensen niet dakloos"), but they do not
# say what a question is about ("het terugsturen van mensen die hier niet mogen blijven").
VAGUE = frozenset("mensen persoon personen people person persons man vrouw men women dingen ding zaken things thing "
                  "stuff".split())


def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Oekraïners' and 'Oekrainers' become the same."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# "yo-yo", "e-mail": a hyphen between short parts joins one word, not two.
SHORT_HYPHENATED_RE = re.compile(r"\b([a-z0-9]{1,3})-([a-z0-9]{1,3})\b")


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(SHORT_HYPHENATED_RE.sub(r"\1\2", fold(text)))


@lru_cache(maxsize=2)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer({"nl": "dutch", "en": "english"}[language])


@lru_cache(maxsize=65536)
def stem(token: str, language: str) -> str:
    return _stemmer(language).stemWord(token)


def is_stopword(token: str) -> bool:
    return token in STOPWORDS_NL or token in STOPWORDS_EN


def content_tokens(text: str) -> list[str]:
    """Tokens that can name a topic: no stopwords, no generic words, no bare numbers."""
    return [t for t in tokens(text) if not is_stopword(t) and t not in GENERIC and not t.isdigit() and len(t) > 1]
