"""The packaged pattern files load, cover CAMEO, and bad user files fail with file:line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from eventwire.cameo import load_cameo
from eventwire.errors import DictionaryError
from eventwire.events.patterns import Pattern, load_patterns, parse_pattern_file

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def packaged_files() -> list[str]:
    folder = resources.files("eventwire").joinpath("data", "patterns")
    return sorted(f.name for f in folder.iterdir() if f.name.endswith(".yaml"))


def test_patterns_one_file_per_root() -> None:
    assert [name[:2] for name in packaged_files()] == ROOTS


@pytest.mark.parametrize("name", packaged_files())
def test_patterns_file_loads_and_codes_match_its_root(name: str) -> None:
    text = (
        resources.files("eventwire").joinpath("data", "patterns", name).read_text(encoding="utf-8")
    )
    patterns = parse_pattern_file(text, name)
    assert patterns, f"{name} has no patterns"
    cameo = load_cameo()
    for pattern in patterns:
        assert pattern.code in cameo
        assert pattern.code[:2] == name[:2]
        assert pattern.rule.startswith(f"{name}:")


def test_patterns_cover_all_roots_and_most_codes() -> None:
    patterns = load_patterns()
    assert {code[:2] for code in patterns.codes} == set(ROOTS)
    assert len(patterns.codes) >= 230, sorted(set(load_cameo()) - patterns.codes)
    assert len(patterns) > 2000


def test_patterns_no_duplicate_or_shadowed_triggers() -> None:
    seen: dict[tuple[str, str, tuple[str, ...]], str] = {}
    claimed: dict[tuple[str, str, str], str] = {}
    for pattern in load_patterns():
        key = (pattern.kind, pattern.phrase, pattern.objects)
        assert key not in seen, f"{pattern.rule} repeats {seen[key]}"
        seen[key] = pattern.rule
        for word in pattern.objects:
            first = claimed.setdefault((pattern.kind, pattern.phrase, word), pattern.code)
            assert first == pattern.code, f"{pattern.rule}: object {word!r} also picks {first}"


def test_patterns_are_lowercase_lemmas_and_short() -> None:
    for pattern in load_patterns():
        assert pattern.lemma == pattern.lemma.lower()
        if pattern.kind == "verb":
            assert pattern.modifiers == ()
            assert len(pattern.phrase.split()) <= 2
        else:
            assert pattern.particle is None


@pytest.mark.parametrize(
    ("kind", "lemma", "code"),
    [
        ("verb", "say", "010"),
        ("verb", "urge", "020"),
        ("verb", "pledge", "030"),
        ("verb", "meet", "040"),
        ("verb", "visit", "042"),
        ("verb", "praise", "051"),
        ("verb", "sign", "057"),
        ("verb", "cooperate", "060"),
        ("verb", "donate", "070"),
        ("verb", "release", "0841"),
        ("verb", "investigate", "090"),
        ("verb", "demand", "100"),
        ("verb", "condemn", "111"),
        ("verb", "reject", "120"),
        ("verb", "threaten", "130"),
        ("verb", "protest", "141"),
        ("verb", "mobilize", "154"),
        ("verb", "expel", "166"),
        ("verb", "arrest", "173"),
        ("verb", "kidnap", "181"),
        ("verb", "attack", "190"),
        ("verb", "shell", "194"),
        ("verb", "massacre", "202"),
        ("noun", "airstrike", "195"),
        ("noun", "talk", "040"),
        ("noun", "sanction", "163"),
    ],
)
def test_patterns_common_news_triggers(kind: str, lemma: str, code: str) -> None:
    general = [
        p
        for p in load_patterns().candidates(kind, lemma)
        if not p.objects and not p.particle and not p.modifiers
    ]
    assert [p.code for p in general] == [code]


def test_patterns_specific_object_wins_over_general_verb() -> None:
    candidates = load_patterns().candidates("verb", "demand")
    assert candidates[0].specificity > candidates[-1].specificity
    by_object = {word: p.code for p in candidates for word in p.objects}
    assert by_object["ceasefire"] == "107"
    assert by_object["withdrawal"] == "106"
    assert by_object["release"] == "1053"
    assert candidates[-1].code == "100" and candidates[-1].objects == ()


@pytest.mark.parametrize(
    ("kind", "phrase", "code", "modifiers", "particle"),
    [
        ("noun", "air strike", "195", ("air",), None),
        ("noun", "hunger strike", "142", ("hunger",), None),
        ("noun", "car bomb", "1832", ("car",), None),
        ("verb", "step down", "0831", (), "down"),
        ("verb", "call for", "020", (), "for"),
    ],
)
def test_patterns_multiword_triggers(
    kind: str, phrase: str, code: str, modifiers: tuple[str, ...], particle: str | None
) -> None:
    head = phrase.split()[-1] if kind == "noun" else phrase.split()[0]
    matches = [
        p for p in load_patterns().candidates(kind, head) if p.phrase == phrase and not p.objects
    ]
    assert [(p.code, p.modifiers, p.particle) for p in matches] == [(code, modifiers, particle)]


def test_patterns_paired_and_targets() -> None:
    patterns = load_patterns()
    assert all(p.paired for p in patterns.candidates("verb", "meet") if not p.objects)
    assert [p.target_preps for p in patterns.candidates("verb", "visit")] == [("to", "in")]
    assert {"meet", "attack", "airstrike", "arrest"} <= patterns.trigger_lemmas


def test_patterns_specificity() -> None:
    pattern = Pattern(
        "107", "verb", "call", "for", (), ("ceasefire",), (), False, "x.yaml:1:call for"
    )
    assert pattern.specificity == 3
    assert (
        Pattern(
            "195", "noun", "strike", None, ("air",), (), (), False, "x:1:air strike"
        ).specificity
        == 1
    )


def test_patterns_default_load_is_cached_and_extra_files_layer(tmp_path: Path) -> None:
    assert load_patterns() is load_patterns()
    extra = tmp_path / "mine.yaml"
    extra.write_text('- code: "190"\n  verbs: [pummel]\n', encoding="utf-8")
    layered = load_patterns([extra])
    assert len(layered) == len(load_patterns()) + 1
    assert layered.candidates("verb", "pummel")[0].rule == f"{extra}:2:pummel"
    assert "pummel" not in load_patterns().trigger_lemmas


BAD_FILES = [
    ('- code: "190"\n  verbs: [attack\n', 3, "YAML syntax error"),
    ('code: "190"\n', 1, "must be a YAML list"),
    ('- "190"\n', 1, "entry must be a mapping"),
    ('- code: "190"\n  verb: [pummel]\n', 2, "unknown key 'verb'"),
    ("- verbs: [pummel]\n", 1, "has no `code`"),
    ("- code: 010\n  verbs: [pummel]\n", 1, "quote the code"),
    ("- code: 190\n  verbs: [pummel]\n", 1, "quote the code"),
    ('- code: "999"\n  verbs: [pummel]\n', 1, "is not in cameo.tsv"),
    ('- code: "190"\n  objects: [town]\n', 1, "needs `verbs` or `nouns`"),
    ('- code: "190"\n  verbs:\n    - pummel\n    - carry out raid\n', 4, "has 3 words"),
    ('- code: "190"\n  verbs: [""]\n', 2, "empty phrase"),
    ('- code: "190"\n  verbs: [Pummel]\n', 2, "lowercase lemma"),
    ('- code: "190"\n  verbs: pummel\n', 2, "must be a list"),
    ('- code: "190"\n  verbs: [pummel]\n  paired: maybe\n', 3, "true or false"),
    ('- code: "190"\n  verbs: [pummel, pummel]\n', 2, "listed twice"),
    (
        '- code: "190"\n  verbs: [pummel]\n- code: "190"\n  verbs: [pummel]\n',
        4,
        "duplicate pattern",
    ),
    (
        '- code: "190"\n  verbs: [pummel]\n- code: "193"\n  verbs: [pummel]\n',
        4,
        "conflicting pattern",
    ),
    (
        '- code: "190"\n  verbs: [pummel]\n  objects: [town]\n'
        '- code: "193"\n  verbs: [pummel]\n  objects: [town, city]\n',
        5,
        "with object 'town'",
    ),
    (
        '- code: "190"\n  verbs: [pummel]\n  transitive: true\n  intransitive: true\n',
        1,
        "not both",
    ),
    (
        '- code: "190"\n  verbs: [pummel]\n  transitive: "yes"\n',
        3,
        "`transitive` must be true or false",
    ),
]


@pytest.mark.parametrize(("text", "line", "problem"), BAD_FILES)
def test_patterns_bad_user_file_reports_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        load_patterns([path])
    assert info.value.path == str(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert problem in str(info.value)


def test_patterns_conflict_with_packaged_names_both_places(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text('- code: "193"\n  verbs: [attack]\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"already code '190' at 19_fight\.yaml:\d+"):
        load_patterns([path])


def test_patterns_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read pattern file"):
        load_patterns([tmp_path / "nope.yaml"])


def test_patterns_root_file_must_hold_its_root(tmp_path: Path) -> None:
    path = tmp_path / "19_mine.yaml"
    path.write_text('- code: "173"\n  verbs: [nab-and-hold]\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match="belongs to root 17"):
        load_patterns([path])


@pytest.mark.parametrize(("lemma", "forms"), [
    ("wage", {"wages", "waged", "waging"}),
    ("ban", {"bans", "banned", "banning"}),
    ("deny", {"denies", "denied", "denying"}),
    ("attack", {"attacks", "attacked", "attacking"}),
])
def test_regular_verb_forms(lemma, forms):
    from eventwire.events.patterns import regular_verb_forms

    assert forms <= set(regular_verb_forms(lemma))


def test_a_mislemmatized_trigger_verb_is_found_by_its_form():
    # spaCy's rule lemmatizer reads "waged" as "wag"; the matcher falls back to the verb's forms.
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings
    from eventwire.events.patterns import load_patterns

    assert [p.lemma for p in load_patterns().verb_form_candidates("waged")][:1] == ["wage"]
    events = code_text("In 2008 the Sinaloa Cartel waged a bloody turf war in Ciudad Juarez.", date="2019-01-01",
                       settings=Settings(min_confidence=0))
    assert any(e.cameo == "190" and e.trigger.text == "waged" for e in events), events


def test_a_second_word_that_names_the_object_outranks_an_object_list():
    from eventwire.events.patterns import load_patterns

    pats = load_patterns().candidates("verb", "open")
    assert pats[0].phrase == "open fire", [p.rule for p in pats]
    assert pats[0].specificity > max(p.specificity for p in pats if p.objects)


@pytest.mark.parametrize(("text", "code"), [
    ("The US Treasury designated the Texis Cartel a transnational criminal organization.", "163"),
    ("The split between the Gulf Cartel and the Zetas unleashed a war in Tamaulipas.", "160"),
    ("The former governor of Veracruz faces charges of money laundering in Mexico.", "173"),
])
def test_sanction_split_and_charge_vocabulary(text, code):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    codes = [e.cameo for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))]
    assert code in codes, codes


@pytest.mark.parametrize(("text", "code"), [
    # contraband found or recovered is confiscated, active or passive, by name or by a noun
    ("Peruvian police found 200 kilos of cocaine in a truck near Tacna.", "1711"),
    ("Three stolen trucks were recovered by Bolivian police in Santa Cruz.", "1711"),
    ("Ecuadorian customs agents detected a cocaine shipment at the port of Guayaquil.", "1711"),
    ("The discovery of 90 kilos of heroin by Turkish police shocked the border town.", "1711"),
    # a dismantled criminal network: its members are arrested; a raid on premises takes property
    ("Peruvian police dismantled a smuggling ring in Puno on Tuesday.", "173"),
    ("Bolivian police raided two nightclubs in La Paz on Sunday.", "171"),
    ("Four warehouses were raided by Guatemalan police last week.", "171"),
    ("Peruvian soldiers dismantled a cocaine laboratory in the jungle.", "171"),
])
def test_confiscation_dismantling_and_raid_vocabulary(text, code):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    codes = [e.cameo for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
             if e.modality == "asserted"]
    assert code in codes, codes


@pytest.mark.parametrize("text", [
    "The rebels agreed to dismantle their organization under the accord.",  # not a crackdown on a ring
    "Investigators found the bodies of two men in a truck near Tacna.",  # no contraband
    "Rebel fighters raided an army post near the border.",  # a raid on a force stays fighting
])
def test_finding_dismantling_and_raiding_what_is_not_property_or_contraband(text):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    codes = [e.cameo for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))]
    assert not any(c in ("171", "1711", "173") for c in codes), codes


@pytest.mark.parametrize("text", [
    "The cartel leader turned himself in to Peruvian authorities on Monday.",
    "Three rebel commanders gave themselves up to the Colombian army.",
])
def test_handing_oneself_over_is_a_surrender(text):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    codes = [e.cameo for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
             if e.modality == "asserted"]
    assert "0874" in codes, codes


def test_breaking_a_pact_reduces_relations_and_breaking_a_treaty_defies_it():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    def codes(text):
        return [e.cameo for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))]

    assert "160" in codes("The Shining Path broke its pact with the Peruvian cocaine clans in 2015.")
    assert "128" in codes("Peru broke the treaty with Bolivia in 2015.")


def test_a_confrontation_between_armed_parties_is_fighting():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = code_text("The confrontation between Peruvian police and the Shining Path left three dead.",
                       date="2021-05-01", settings=Settings(min_confidence=0))
    fights = [(e.cameo, e.source.code, e.target.code) for e in events if e.cameo == "190"]
    assert fights == [("190", "PERCOP", "PERREB")], events


@pytest.mark.parametrize(("text", "code", "target"), [
    ("The Barrio 18 gang extorted money from Peruvian bus companies.", "170", "PERBUS"),
    ("Bolivian police officers stole cash from Peruvian traders.", "171", "PERBUS"),
])
def test_extortion_and_theft_take_from_their_victims(text, code, target):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = [e for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0)) if e.cameo == code]
    assert events and events[0].target is not None and events[0].target.code == target, events


def test_a_split_object_still_picks_the_pattern():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = code_text("Peru brought drug trafficking and money laundering charges against the Bolivian senator.",
                       date="2021-05-01", settings=Settings(min_confidence=0))
    assert "173" in [e.cameo for e in events], events


def test_the_direct_object_outranks_an_adjunct_for_equally_specific_patterns():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = code_text("A Peruvian judge ordered the arrests following an investigation.",
                       date="2021-05-01", settings=Settings(min_confidence=0))
    assert [e.cameo for e in events if e.trigger.text == "ordered"] == ["173"], events


def test_where_an_event_noun_happened_is_not_its_object():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = code_text("The Bolivian senator's capture in the town of Ayacucho surprised Peru.",
                       date="2021-05-01", settings=Settings(min_confidence=0))
    assert "173" in [e.cameo for e in events] and "192" not in [e.cameo for e in events], events


def test_a_noun_phrase_with_of_has_its_head_before_of():
    # "exchange of fire": the parse hangs "of fire" on "exchange", the head the matcher looks up
    pattern = next(p for p in load_patterns().candidates("noun", "exchange") if p.phrase == "exchange of fire")
    assert (pattern.code, pattern.modifiers, pattern.complement) == ("193", (), ("fire",))
    assert pattern.specificity == 1


def _every_event(text: str) -> list:
    """Every event the coder finds in ``text``, the verifier's threshold off."""
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    return code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))


@pytest.mark.parametrize(("text", "code"), [
    ("A long exchange of fire between Peruvian police and the Shining Path ended at dawn.", "193"),
    # ('staged' is lemmatized 'stag', so the army lends no doer there; 'force' is the complement, no party)
    ("The army made a show of force near the border with Venezuela.", "150"),
])
def test_a_noun_with_an_of_phrase_is_matched_with_its_complement(text, code):
    events = _every_event(text)
    assert code in [e.cameo for e in events], events


def test_a_noun_with_another_of_phrase_is_not_that_trigger():
    events = _every_event("Peru and Bolivia agreed an exchange of prisoners last week.")
    assert "193" not in [e.cameo for e in events], events


@pytest.mark.parametrize(("text", "code"), [
    # the tokenizer splits a hyphenated trigger in three; it is matched whole ...
    ("Peru and Ecuador agreed on a cease-fire on Monday.", "0871"),
    # ... or as the word written without the hyphen ("shootout")
    ("A shoot-out between Mexican police and the Zetas left four dead.", "193"),
])
def test_a_hyphenated_trigger_is_matched_whole(text, code):
    events = _every_event(text)
    assert code in [e.cameo for e in events], events
    assert not [e for e in events if e.cameo[:2] == "19" and code[:2] != "19"], events  # not "fire" alone


@pytest.mark.parametrize(("text", "code"), [
    # naming someone part of an armed group alleges it
    ("Peruvian prosecutors identified the mayor as a member of the Shining Path.", "1121"),
    # naming a victim's trade does not
    ("Police identified the victim as a local farmer.", None),
])
def test_identifying_someone_as_part_of_an_armed_group_is_an_allegation(text, code):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
    assert [e.cameo for e in events if e.cameo.startswith("11")][:1] == ([code] if code else []), events


def test_buying_from_a_party_is_economic_cooperation():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = code_text("The Sinaloa Cartel bought cocaine directly from the FARC in the 1990s.", date="2021-05-01",
                       settings=Settings(min_confidence=0))
    assert [(e.cameo, e.source.code, e.target.code) for e in events][:1] == [("061", "MEXCRM", "COLREB")], events
    # buying warplanes stays military cooperation (062), as the CAMEO dictionary codes it
    events = code_text("Peru bought fighter jets from Russia.", date="2021-05-01", settings=Settings(min_confidence=0))
    assert events and events[0].cameo == "062", events
    # buying off the police is a bribe, no purchase
    events = code_text("The Zetas bought off the Peruvian border police.", date="2021-05-01",
                       settings=Settings(min_confidence=0))
    assert "061" not in [e.cameo for e in events], events


@pytest.mark.parametrize(("text", "pairs"), [
    # an exchange of intelligence is shared with the party after 'with', which the parse hangs on
    # the complement; a party that has regular exchanges does them (no accord only held)
    ("Chile has regular exchanges of intelligence with Argentina and Bolivia.",
     {("CHLGOV", "ARGGOV"), ("CHLGOV", "BOLGOV")}),
    ("Ecuador began an exchange of information with Peru on smuggling routes.", {("ECUGOV", "PERGOV")}),
])
def test_an_exchange_of_intelligence_is_shared_with_its_other_party(text, pairs):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    found = {(e.source.code if e.source else None, e.target.code if e.target else None)
             for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
             if e.cameo == "064" and e.modality == "asserted"}
    assert pairs <= found, found


def test_the_complement_of_an_exchange_of_fire_is_no_party():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    events = [e for e in code_text("Two soldiers died in an exchange of fire with rebels in Cauca.",
                                   date="2021-05-01", settings=Settings(min_confidence=0)) if e.cameo == "193"]
    assert events and all(e.target is not None and e.target.code.endswith("REB") for e in events), \
        [(e.source, e.target) for e in events]


@pytest.mark.parametrize(("text", "pair"), [
    # a diplomatic standoff or dispute with a state reduces relations with it
    ("In 2015, Peru was embroiled in a diplomatic standoff with Bolivia.", ("PERGOV", "BOLGOV")),
    ("Ecuador has been locked in a diplomatic dispute with Colombia since March.", ("ECUGOV", "COLGOV")),
])
def test_a_diplomatic_standoff_reduces_relations(text, pair):
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    found = [(e.source.code if e.source else None, e.target.code if e.target else None)
             for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0)) if e.cameo == "160"]
    assert pair in found, found
