"""The event verifier: its data files load with file:line errors, its probability becomes the
event's confidence, the threshold drops unlikely matches, and explain shows its features."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.coding.explain import explain_text
from eventwire.config import Settings
from eventwire.errors import DictionaryError
from eventwire.events.verify import Verifier, load_cues, load_verifier, parse_cues, parse_weights


def test_packaged_weights_and_cues_load():
    v = load_verifier()
    assert 0.0 < v.threshold < 1.0 and len(v.weights) > 50
    assert "often" in load_cues().habitual


@pytest.mark.parametrize(("text", "message"), [
    ("bias\t0\n", "no 'threshold' row"),
    ("bias\t0\nthreshold\t0.2\nroot=19 0.5\n", ":3: expected 'feature<TAB>number'"),
    ("bias\t0\nthreshold\t0.2\nroot=19\tx\n", ":3: expected"),
    ("bias\t0\nthreshold\t0.2\nroot=19\t1\nroot=19\t2\n", ":4: feature 'root=19' is listed twice"),
    ("bias\t0\nthreshold\t1.5\n", "threshold must be in"),
])
def test_bad_weights_name_file_and_line(text, message):
    with pytest.raises(DictionaryError, match=message):
        parse_weights(text, "my.tsv")


def test_bad_cues_are_refused():
    with pytest.raises(DictionaryError, match="unknown list 'vague'"):
        parse_cues("vague: [x]\n", "cues.yaml")
    with pytest.raises(DictionaryError, match="'habitual' must be a list"):
        parse_cues("habitual: often\n", "cues.yaml")


def test_probability_is_the_logistic_of_the_summed_weights():
    v = Verifier({"a": 1.0, "b": -3.0}, bias=0.5, threshold=0.3)
    assert v.probability([]) == pytest.approx(1 / (1 + 2.718281828 ** -0.5))
    assert v.probability(["a"]) > v.probability([]) > v.probability(["b"])
    assert v.contributions(["a", "b", "c"])[0] == ("b", -3.0)


def test_habitual_statement_is_less_likely_than_a_dated_arrest():
    habit = code_text("Traffickers often pay officials along the border.", date="2021-05-01",
                      settings=Settings(min_confidence=0.0))
    arrest = code_text("Peruvian police arrested three gang members in Lima on Monday.", date="2021-05-01",
                       settings=Settings(min_confidence=0.0))
    assert arrest and arrest[0].cameo.startswith("17")
    assert all(e.confidence < arrest[0].confidence for e in habit)
    # at the packaged threshold the arrest is coded and the habit is not
    assert [e.cameo[:2] for e in code_text("Peruvian police arrested three gang members in Lima on Monday.",
                                           date="2021-05-01")] == ["17"]
    assert code_text("Traffickers often pay officials along the border.", date="2021-05-01") == []


def test_min_confidence_setting_and_verifier_off():
    text = "Peruvian police arrested three gang members in Lima on Monday."
    assert code_text(text, date="2021-05-01", settings=Settings(min_confidence=0.99)) == []
    off = code_text(text, date="2021-05-01", settings=Settings(verifier=False))
    assert off and off[0].confidence == pytest.approx(0.9 * 0.85 * 0.7, abs=0.2)  # the rule-based score


def test_weights_file_from_the_settings(tmp_path):
    text = "Peruvian police arrested three gang members in Lima on Monday."
    sure, unsure = tmp_path / "sure.tsv", tmp_path / "unsure.tsv"
    sure.write_text("bias\t5\nthreshold\t0.5\n", encoding="utf-8")
    unsure.write_text("# every match is unlikely\nbias\t-5\nthreshold\t0.5\n", encoding="utf-8")
    events = code_text(text, date="2021-05-01", settings=Settings(verifier_file=str(sure)))
    assert events and all(e.confidence == 0.99 for e in events)
    assert code_text(text, date="2021-05-01", settings=Settings(verifier_file=str(unsure))) == []


def test_explain_prints_the_verifier_features():
    out = explain_text("Peruvian police arrested three gang members in Lima on Monday.", date="2021-05-01")
    part = out.split("== verifier", 1)[1].split("== events", 1)[0]
    assert "verifier 173 'arrested': confidence" in part
    assert "root=17 +" in part and "tag=VBD +" in part


def test_min_confidence_on_code_query_and_export(tmp_path):
    import json

    from typer.testing import CliRunner

    from eventwire.cli import app

    art = tmp_path / "a.txt"
    art.write_text("Peruvian police arrested three gang members in Lima on Monday. "
                   "The minister praised the police in Lima on Tuesday.", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["code", str(art), "--date", "2021-05-01", "--db", str(db), "--min-confidence", "0"])
    assert result.exit_code == 0, result.output
    everything = runner.invoke(app, ["query", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in everything.stdout.splitlines() if line.strip()]
    assert len(rows) >= 2
    cut = sorted(r["confidence"] for r in rows)[-1]
    sure = runner.invoke(app, ["query", "--db", str(db), "--format", "jsonl", "--min-confidence", str(cut)])
    kept = [json.loads(line) for line in sure.stdout.splitlines() if line.strip()]
    assert kept and len(kept) < len(rows) and all(r["confidence"] >= cut for r in kept)
    out = tmp_path / "x.jsonl"
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--format", "jsonl",
                                 "--min-confidence", str(cut)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == len(kept)
    bad = runner.invoke(app, ["query", "--db", str(db), "--min-confidence", "2"])
    assert bad.exit_code != 0


def _features(text: str) -> dict[str, list[str]]:
    """Each match's verifier features by trigger word, with the threshold off."""
    from eventwire.coding.coder import get_coder
    from eventwire.models import Article

    coder = get_coder(Settings(min_confidence=0.0))
    feats: dict[str, list[str]] = {}
    coded = coder.code_doc(Article(doc_id="t", text=text, published="2021-05-01"), coder.parse(text), features=feats)
    return {e.trigger.text: feats[e.event_id] for e in coded.events}


@pytest.mark.parametrize(("text", "trigger", "aux"), [
    ("A judge in Quito was attacked by gunmen on Friday.", "attacked", "aux=passive"),
    ("Ecuadorian police have arrested a Peruvian smuggler in Guayaquil.", "arrested", "aux=perfect"),
    ("Mexican soldiers are fighting a local cartel in the mountains.", "fighting", "aux=progressive"),
    ("The army sent troops to attack the rebel camp near the river.", "attack", "aux=to"),
    ("Kenya could expel the British ambassador.", "expel", "aux=modal"),
])
def test_tense_aspect_and_mood_of_the_trigger_are_features(text, trigger, aux):
    assert aux in _features(text)[trigger]


def test_reported_speech_is_a_feature():
    said = _features("Officials said that gunmen attacked a police station in the north.")
    assert "reported_speech" in said["attacked"]
    assert "reported_speech" not in _features("Gunmen attacked a police station in the north.")["attacked"]


def test_actors_of_one_or_two_countries_are_features():
    assert "cross_country" in _features("Ecuadorian police have arrested a Peruvian smuggler in Guayaquil.")["arrested"]
    assert "same_country" in _features("Mexican soldiers are fighting a local cartel in the mountains.")["fighting"]
