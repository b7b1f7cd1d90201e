"""`explain` shows, per sentence, the parse, the actors with their evidence, the patterns
tried and the chosen rule with its modality, then the coded events."""

from __future__ import annotations

from eventwire.coding.explain import explain_text, find_actors

TEXT = "Haftar launched an offensive on April 4 to seize Tripoli. He did not attack Misrata."


def test_explain_shows_each_stage_and_the_events():
    out = explain_text(TEXT, date="2019-04-19")
    assert out.count("== sentence ") == 2
    assert "'Haftar' -> LBYMIL (Khalifa Haftar) via kb: kb people.yaml" in out
    assert "'He' -> LBYMIL (Khalifa Haftar) via pronoun" in out
    chosen = [line for line in out.splitlines() if line.startswith(" * ")]
    assert any("190 19_fight.yaml" in line and "trigger='launched'" in line and "modality=asserted" in line
               for line in chosen)
    assert any("trigger='attack'" in line and "modality=negated" in line for line in chosen)
    events_part = out.split("== events", 1)[1].split("== focus country", 1)[0]
    # The event JSON blocks are indented dumps; each holds its CAMEO code and date.
    assert '"cameo": "190"' in events_part and '"date": "2019-04-04"' in events_part
    assert out.rstrip().endswith("== focus country: LBY")


def test_find_actors_lists_mentions_in_order():
    actors = find_actors(TEXT, date="2019-04-19")
    assert [a.text for a in actors][:2] == ["Haftar", "Tripoli"]
    assert actors[0].code == "LBYMIL" and "people.yaml" in actors[0].evidence
