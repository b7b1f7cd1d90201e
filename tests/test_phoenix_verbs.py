"""Mining the PETRARCH-2 verb dictionary for verbs our patterns lack (issue #15, part 4).

The dictionary here is invented and written by the test, so none needs ../shared.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.events.patterns import load_patterns, parse_pattern_file
from eventwire.events.phoenix_verbs import convert_verbs, write_pattern_files

VERBS = """\
# Invented verb dictionary for eventwire's tests.
&ARMS
+RIFLE
+ROCKET_LAUNCHER
+GRENADES

---  WALLOP   [190]  ---
WALLOP {WALLOPS WALLOPED}
THUMP
- * (ON)                                              [190]         # WALLOP
- * &ARMS                                             [194]         # WALLOP
- * TOWNS                                             [195]         # WALLOP
- * {BIG STICK}                                       [190]         # WALLOP
- &MILITARY *                                         [154]         # WALLOP
- * (TO)                                              [042:043]     # WALLOP
- * VILLAGES                                          [190]         # THUMP
- * TOWNS                                             [190]         # WALLOP

---  ATTACK   [190]  ---
ATTACK
- * CITY                                              [195]         # ATTACK
"""


def convert(tmp_path: Path):
    path = tmp_path / "CAMEO.2.0.txt"
    path.write_text(VERBS, encoding="utf-8")
    return convert_verbs(path, known_verbs={p.lemma for p in load_patterns() if p.kind == "verb"})


def test_phoenix_verbs_convert_what_maps_onto_our_patterns(tmp_path: Path) -> None:
    conversion = convert(tmp_path)
    entries = [e for group in conversion.entries.values() for e in group]
    assert not any("objects" not in e and " " not in e["verbs"][0] for e in entries)  # no bare verb
    assert {"code": "190", "verbs": ["wallop on"], "note": "CAMEO.2.0.txt:10"} in entries
    assert {"code": "194", "verbs": ["wallop"], "objects": ["grenade", "rifle"], "note": "CAMEO.2.0.txt:11"} in entries
    assert {"code": "195", "verbs": ["wallop"], "objects": ["town"], "note": "CAMEO.2.0.txt:12"} in entries
    assert {"code": "190", "verbs": ["thump"], "objects": ["village"], "note": "CAMEO.2.0.txt:16"} in entries
    # "thump" is a synonym the pattern was not found with: WALLOP's patterns are not spread to it.
    assert not any(e["verbs"] == ["thump"] and e.get("objects") != ["village"] for e in entries)
    assert all(e["verbs"] != ["attack"] for e in entries)  # a verb we already code keeps its patterns


def test_phoenix_verbs_list_what_did_not_convert(tmp_path: Path) -> None:
    skipped = "\n".join(convert(tmp_path).skipped)
    assert "CAMEO.2.0.txt:8: a bare verb code: it fires on every use of the verb" in skipped
    assert "CAMEO.2.0.txt:13: '{BIG STICK}' after the verb" in skipped
    assert "CAMEO.2.0.txt:14: words before the verb" in skipped
    assert "CAMEO.2.0.txt:15: code [042:043] is not one CAMEO code" in skipped
    assert "CAMEO.2.0.txt:17: 'wallop' with ['town'] is already code 195 (line 12)" in skipped


def test_phoenix_verbs_written_files_load_and_code(tmp_path: Path) -> None:
    written = write_pattern_files(convert(tmp_path), tmp_path / "out", "NOTICE")
    assert [p.name for p in written] == ["19_phoenix.yaml"]
    patterns = parse_pattern_file(written[0].read_text(encoding="utf-8"), "19_phoenix.yaml")
    assert {(p.lemma, p.particle, p.code) for p in patterns} >= {("wallop", "on", "190"), ("wallop", None, "195")}
    assert len(load_patterns([str(p) for p in written])) > len(load_patterns())


def test_phoenix_verbs_shipped_patterns_are_loaded() -> None:
    rules = {p.rule.split(":")[0] for p in load_patterns()}
    assert any(rule.startswith("phoenix/") for rule in rules)
