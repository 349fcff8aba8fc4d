"""Words residents use that the letter does not: each maps to the letter's own words (Dutch or English
rendering), so that lexical search and the refusal gate see the topic. Keys are folded, lower case."""

from __future__ import annotations

import json
import re
from pathlib import Path

SYNONYMS: dict[str, str] = {
    # nuisance-causing asylum seekers
    "troublemakers": "overlastgevers nuisance-causers",
    "troublemaker": "overlastgevers nuisance-causers",
    "trouble": "overlast nuisance",
    "troublesome": "overlastgevende nuisance-causing",
    "disruptive": "overlastgevende nuisance-causing",
    "overlastplegers": "overlastgevers",
    "overlastpleger": "overlastgevers",
    "lastpakken": "overlastgevers",
    "criminal": "overlastgevers nuisance-causers",
    "criminals": "overlastgevers nuisance-causers",
    "criminele": "overlastgevers",
    "nuisance": "overlastgevende nuisance-causing",
    # reception
    "azc": "opvang asielzoekers reception",
    "azcs": "opvang asielzoekers reception",
    "asielzoekerscentrum": "opvang asielzoekers",
    "asielzoekerscentra": "opvang asielzoekers",
    "shelter": "opvang reception",
    "shelters": "opvang reception",
    "sheltering": "opvang reception",
    "accommodation": "opvang reception",
    "housing": "huisvestingsopgave housing",
    "woningen": "huisvestingsopgave",
    "statushouders": "taakstelling huisvestingsopgave",
    # dispersal act
    "spreidingswet": "spreidingswet",
    "distribution": "verdelingsmechanismen allocation spreidingswet dispersal",
    "spreading": "spreidingswet dispersal",
    # money
    "money": "bekostiging uitvoeringskosten geld rekening funding costs bill",
    "geld": "bekostiging uitvoeringskosten rekening",
    "funding": "bekostiging funding",
    "financing": "bekostiging funding",
    "financiering": "bekostiging",
    "pay": "vergoed reimburse costs",
    "pays": "vergoed reimburse costs",
    "paying": "vergoed reimburse costs",
    "betalen": "vergoed uitvoeringskosten",
    "betaalt": "vergoed uitvoeringskosten",
    "kosten": "uitvoeringskosten rekening geld",
    "compensation": "vergoed reimburse",
    "compensate": "vergoed reimburse",
    "vergoeding": "vergoed",
    # intimidation, unrest
    "threats": "geintimideerd intimidatie intimidated",
    "threatened": "geintimideerd intimidated",
    "bedreigd": "geintimideerd intimidatie",
    "bedreigingen": "geintimideerd intimidatie",
    "riots": "gewelddadige acties violent",
    "rellen": "gewelddadige acties",
    "protests": "gewelddadige acties actions",
    "demonstrations": "gewelddadige acties actions",
    "demonstraties": "gewelddadige acties",
    "councillors": "raadsvergaderingen bestuurders officials",
    "raadsleden": "raadsvergaderingen bestuurders",
    "mayors": "bestuurders officials",
    "mayor": "bestuurders officials",
    "burgemeesters": "bestuurders",
    "wethouders": "bestuurders",
    "politicians": "bestuurders officials",
    # return, procedures
    "deportation": "terugkeer return",
    "deport": "terugkeer return",
    "uitzetten": "terugkeer",
    "uitzetting": "terugkeer",
    "rejected": "afgewezen",
    "faster": "versneld drastische verkorting",
    "quicker": "versneld",
    "sneller": "versneld verkorting",
    "procedures": "doorlooptijden processing",
    "procedure": "doorlooptijden processing",
    # care
    "mental": "psychosociale psychiatrische psychosocial psychiatric",
    "ggz": "psychosociale psychiatrische",
    "healthcare": "zorg care",
    "zorgkosten": "zorg uitvoeringskosten",
    # government
    "government": "kabinet rijk cabinet",
    "regering": "kabinet",
    "overheid": "kabinet rijk",
    "premier": "schoof",
    "pm": "schoof kabinet",
    "minister-president": "schoof",
    "democracy": "democratische rechtsstaat democratic",
    "democratie": "democratische rechtsstaat",
    "refugee": "vluchtelingen refugees ontheemden",
    "asylum": "asiel asielzoekers",
    "govt": "kabinet government cabinet",
    "gov": "kabinet government cabinet",
    "parliament": "kamer house",
    "parlement": "kamer",
    "tweede": "kamer",
    "told": "geinformeerd informed",
    "tell": "geinformeerd informed",
    "informeren": "geinformeerd informeert",
    "uitgeprocedeerde": "afgewezen terugkeer",
    "uitgeprocedeerd": "afgewezen terugkeer",
    "terug": "terugkeer",
    "terugsturen": "terugkeer",
    "send": "return terugkeer",
    "onbeperkt": "ongelimiteerde",
    "unlimited": "ongelimiteerde unlimited",
    "stuck": "vastloopt seizing",
    "vast": "vastloopt",
    "system": "asielketen chain",
    "systeem": "asielketen",
    "international": "verdragen treaties",
    "internationale": "verdragen",
    "afrekenen": "verantwoordelijk houden",
    "accountable": "verantwoordelijk responsible",
    "aansprakelijk": "verantwoordelijk",
    "homeless": "dakloos homeless",
    "streets": "dakloos steden",
    "straat": "dakloos",
    "boos": "onacceptabel frustratie accepteren",
    "angry": "unacceptable frustration accept",
    "kwaad": "onacceptabel frustratie",
    "upset": "unacceptable frustration",
    "deadline": "deze week this week",
    "termijn": "deze week",
    "snapt": "begrijpen",
    "snappen": "begrijpen",
    "ongerust": "zorgen",
    "bezorgd": "zorgen",
    "bang": "zorgen",
    # ("aan de bel trekken", "raise the alarm": the letter warned early and asked for help repeatedly)
    "bel": "gewaarschuwd herhaaldelijk",
    "alarm": "gewaarschuwd herhaaldelijk warned repeatedly",
    "backup": "rugdekking steun backing support",
    "end": "slot",
    "eind": "slot",
    "einde": "slot",
}

# The wider domain thesaurus (residents' words for each concept of the letter, mapped to the letter's words),
# kept as data; the hand-written entries above win where both have a word.
_THESAURUS = Path(__file__).resolve().parent / "lexicon" / "thesaurus.json"
SYNONYMS = {**json.loads(_THESAURUS.read_text(encoding="utf-8")), **SYNONYMS}

# Multi-word expressions ("om tafel", "back and forth") -> one word that the thesaurus or the letter knows.
PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), f" {word} ")
    for pattern, word in json.loads((_THESAURUS.parent / "phrases.json").read_text(encoding="utf-8")).items()
    if not pattern.startswith("_")
]


def rewrite_phrases(folded: str) -> str:
    for pattern, word in PHRASES:
        folded = pattern.sub(word, folded)
    return folded
