"""The parser on the real letter and on letters of the same shape that it has never seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import load_letter
from assistant.parsing import normalise_ws, parse_letter

ROOT = Path(__file__).resolve().parent.parent
RAW = (ROOT / "corpus" / "letter.nl.txt").read_text(encoding="utf-8")


def test_real_letter_structure() -> None:
    parsed = parse_letter(RAW)
    ids = [u.id for u in parsed.units]
    assert ids == [
        "salutation", "paragraph-1", "paragraph-2", "paragraph-3", "paragraph-4", "paragraph-5", "demands-intro",
        "demand-1", "demand-2", "demand-3", "demand-4", "demand-4a", "demand-4b", "demand-4c", "demand-5",
        "closing-request", "signature", "copies", "attachments",
    ]
    by_id = {u.id: u for u in parsed.units}
    assert by_id["demand-1"].section_nl == "Eis 1: Onmiddellijke rijksregie en bestuurlijke rugdekking"
    assert by_id["demand-4b"].text_nl == "versneld afdoen van zaken van notoire overlastgevers"
    assert by_id["demand-4b"].parent == "demand-4"
    assert by_id["demand-4"].sentences[1].nl == "Zet nu door op:"
    assert by_id["paragraph-5"].sentences[0].nl.startswith("Het rijk is primair verantwoordelijk")  # after page break
    assert by_id["paragraph-4"].sentences[-1].nl == "Dat accepteren wij niet langer."
    assert by_id["closing-request"].section_en == "Request for a meeting"
    assert [s.nl for s in by_id["signature"].sentences] == [
        "Met vriendelijke groet,", "Vereniging van Nederlandse Gemeenten", "S.A.M. Dijksma", "Voorzitter VNG"]
    assert len(by_id["copies"].sentences) == 5
    assert by_id["copies"].sentences[0].nl == "Minister van Asiel en Migratie"
    assert [(a.number, a.title) for a in parsed.attachments] == [
        (1, "Onderbouwing dat de VNG al herhaaldelijk heeft benadrukt problemen te ondervinden"),
        (2, "Manifest De Schaduwzijde van Hoop, Lef en Trots"),
    ]


def test_every_sentence_is_verbatim_and_in_document_order() -> None:
    parsed = parse_letter(RAW)
    text = normalise_ws(RAW)
    for unit in parsed.units:
        positions = [s.position for s in unit.sentences]
        assert positions == sorted(positions)
        for sentence in unit.sentences:
            assert text[sentence.position:].startswith(sentence.nl)
    starts = [u.position for u in parsed.units]
    assert starts == sorted(starts)
    # Hard line wraps are rejoined: no sentence keeps a line break or a double space.
    assert all("\n" not in s.nl and "  " not in s.nl for u in parsed.units for s in u.sentences)


def test_english_rendering_is_complete_and_aligned() -> None:
    letter = load_letter(ROOT / "corpus")
    letter_units = [u for u in letter.units if u.source == "letter"]
    assert all(s.en for u in letter_units for s in u.sentences)
    assert "nofficial" in letter.translation_note
    assert letter.unit("demand-5").section_en == "Demand 5: Sustainability of the reception of displaced Ukrainians"


def _variant(demands: list[str], attachments: list[str] | None, double_spaced: bool = True) -> str:
    """A letter of the same shape, as a PDF extraction writes it (an empty line after every line, a line of
    one space between paragraphs) or as plain text (blank lines between paragraphs)."""
    wrap = "\n\n" if double_spaced else "\n"
    para = "\n\n \n\n" if double_spaced else "\n\n"
    text = " Geachte mevrouw De Vries," + para
    text += "Dit is de eerste alinea van een andere brief. Hij gaat over" + wrap + "afval en zwerfvuil in de stad."
    text += para + "Wij vragen u het volgende:" + para
    text += wrap.join(demands) + para
    text += "Wij zien uit naar uw reactie en een gesprek op korte termijn." + para
    text += "Hoogachtend," + para + "Gemeente Voorbeeld" + wrap + "J. Jansen" + "\nBurgemeester" + para
    text += "In afschrift aan:" + wrap + "- Minister van Infrastructuur;" + wrap + "- Provincie Utrecht" + para
    if attachments is not None:
        text += "Bijlagen:\n" + "\n".join(f"{k}. {t}" for k, t in enumerate(attachments, start=1)) + "\n"
    return text


@pytest.mark.parametrize("double_spaced", [True, False])
def test_variant_with_more_demands_and_parts(double_spaced: bool) -> None:
    demands = [
        "1. Meer handhaving. Zet meer boa's in op drukke plekken.",
        "2. Betere inzameling. Plaats extra containers in de wijken.",
        "3. Geld. Regel de financiering: (a) structureel budget; (b) een eenmalige bijdrage; en (c)",
        "een fonds voor innovatie. Doe dat dit jaar nog.",
        "4. Voorlichting. Start een campagne.",
        "5. Samenwerking. Betrek bewoners.",
        "6. Evaluatie. Meet de resultaten elk jaar.",
    ]
    wrap = "\n\n" if double_spaced else "\n"
    # Demand 3 wraps over two lines.
    joined = [*demands[:2], demands[2] + wrap + demands[3], *demands[4:]]
    parsed = parse_letter(_variant(joined, ["Kaart van de wijken", "Begroting 2026"], double_spaced))
    by_id = {u.id: u for u in parsed.units}
    assert [u.demand for u in parsed.units if u.kind == "demand"] == ["1", "2", "3", "4", "5", "6"]
    assert by_id["demand-3"].section_nl == "Eis 3: Geld"
    assert [by_id[f"demand-3{x}"].text_nl for x in "abc"] == [
        "structureel budget", "een eenmalige bijdrage", "een fonds voor innovatie."]
    assert by_id["demand-3"].sentences[-1].nl == "Doe dat dit jaar nog."
    assert by_id["salutation"].text_nl == "Geachte mevrouw De Vries,"
    assert by_id["paragraph-1"].text_nl.endswith("Hij gaat over afval en zwerfvuil in de stad.")
    assert by_id["demands-intro"].text_nl == "Wij vragen u het volgende:"
    assert by_id["closing-request"].section_nl == "Verzoek om overleg"
    assert by_id["signature"].sentences[1].nl == "Gemeente Voorbeeld"
    assert [s.nl for s in by_id["copies"].sentences] == ["Minister van Infrastructuur", "Provincie Utrecht"]
    assert [a.title for a in parsed.attachments] == ["Kaart van de wijken", "Begroting 2026"]


def test_variant_with_fewer_demands_and_no_attachments() -> None:
    parsed = parse_letter(_variant(["1. Eerste titel. Doe iets.", "2. Tweede titel. Doe nog iets."], None))
    assert [u.id for u in parsed.units if u.kind in ("demand", "demand_part")] == ["demand-1", "demand-2"]
    assert parsed.attachments == []
    assert not any(u.kind == "attachments" for u in parsed.units)
    assert parsed.units[-1].id == "copies"
