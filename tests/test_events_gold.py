"""Our own hand-coded gold sentences (tests/data/gold_events.tsv), with a pinned floor,
plus the modality rules issue #4 names."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coding.coder import code_text
from eventwire.config import Settings

GOLD = Path(__file__).parent / "data" / "gold_events.tsv"
ROWS = [
    line.split("\t")
    for line in GOLD.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
# Share of gold sentences whose first asserted event has the right root and actor
# countries. Measured 2026-11-29; lowering it needs a reason in the commit message.
FLOOR = 0.85


def _party(actor) -> str | None:
    return None if actor is None else (actor.country or actor.code[:6])


def _roles(sentence: str, trigger: str) -> tuple[str | None, str | None]:
    """(source, target) codes of the match on ``trigger``, with the verifier's threshold off."""
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    event = next(e for e in events if e.trigger.text == trigger)
    return event.source.code if event.source else None, event.target.code if event.target else None


def _judge(row: list[str]) -> tuple[bool, str]:
    date, source, target, root, sentence = row
    events = [e for e in code_text(sentence, date=date) if e.modality == "asserted"]
    if root == "-":
        hits = [e for e in events if _party(e.source) == source and e.cameo_root not in ("01", "03", "13")]
        return not hits, f"unexpected {[(e.cameo, _party(e.source), _party(e.target)) for e in hits]}"
    if not events:
        return False, "no event"
    e = events[0]
    ok = e.cameo_root == root and _party(e.source) == source and (not target or _party(e.target) == target)
    return ok, f"got {e.cameo} {_party(e.source)}->{_party(e.target)} by {e.rule}"


def test_events_gold_floor():
    results = [(_judge(row), row) for row in ROWS]
    share = sum(ok for (ok, _), _ in results) / len(results)
    misses = "\n".join(f"  {row[4]} -> {why}" for (ok, why), row in results if not ok)
    assert share >= FLOOR, f"gold share {share:.3f} < {FLOOR}:\n{misses}"


def test_events_negation_gives_no_asserted_attack():
    events = code_text("Russia did not attack Ukraine.", date="2022-02-20")
    assert not [e for e in events if e.modality == "asserted" and e.cameo_root == "19"]
    negated = [e for e in events if e.cameo_root == "19"]
    assert negated and all(e.modality == "negated" for e in negated)


def test_events_not_easing_a_curfew_is_refusing_to_ease_sanctions():
    """Negated 0813 (ease curfew) is a refusal to ease administrative sanctions (1241), as a
    negated 081 is, not the bare refusal to yield (124)."""
    events = code_text("The Egyptian government did not lift the curfew in Cairo on Monday.", date="2021-05-04",
                       settings=Settings(min_confidence=0.0))
    assert [(e.cameo, e.modality) for e in events] == [("1241", "asserted")], events


def test_events_threat_is_138_not_attack():
    events = [e for e in code_text("Russia threatened to attack Ukraine.", date="2022-02-20")
              if e.modality == "asserted"]
    assert events and events[0].cameo.startswith("138")  # threaten with military force (1384: attack)
    assert not [e for e in events if e.cameo_root == "19"]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("France will meet Germany next week.", "036"),
        ("Egypt could send troops to Libya if the fighting continues.", None),
        ("Did Russia attack Ukraine?", None),
    ],
)
def test_events_modality_future_and_hypothetical(sentence, code):
    # How a match is coded, with the verifier's threshold off (whether it keeps a match is
    # tests/test_events_verify.py's subject): hypothetical acts and questions are never asserted.
    asserted = [e for e in code_text(sentence, date="2019-04-19", settings=Settings(min_confidence=0.0))
                if e.modality == "asserted"]
    if code is None:
        assert not asserted, [(e.cameo, e.rule) for e in asserted]
    else:
        assert asserted and asserted[0].cameo == code


def test_events_reported_speech_codes_the_reported_event():
    events = [e for e in code_text("Ukraine said that Russian forces attacked Kharkiv.", date="2022-03-01")
              if e.modality == "asserted"]
    assert events[0].cameo_root == "19" and events[0].source.country == "RUS"
    assert not [e for e in events if e.cameo == "010"]


def test_events_paired_meeting_both_directions():
    events = code_text("Trump held talks with Kim Jong Un in Hanoi.", date="2019-02-28")
    pairs = {(_party(e.source), _party(e.target)) for e in events if e.cameo_root == "04"}
    assert {("USA", "PRK"), ("PRK", "USA")} <= pairs


@pytest.mark.parametrize(("sentence", "source", "target"), [
    ("Police confirmed Haftar's arrest by the army in Benghazi.", "LBYMIL", "LBYMIL"),  # by-agent, possessor acted on
    ("The army's arrest of two Zetas in Tijuana angered the cartel.", "MEXMIL", "MEXCRM"),  # 'of': possessor acts
    ("Haftar's offensive on Tripoli began in April.", "LBYMIL", "LBY"),  # an act the possessor does
])
def test_events_possessor_of_a_noun_of_undergoing_is_the_target(sentence, source, target):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert events and (events[0].source.code, events[0].target.code) == (source, target)


def test_events_a_demanded_act_is_not_asserted():
    events = code_text("The opposition demanded that the government release all political prisoners.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    asserted = [e.cameo[:2] for e in events if e.modality == "asserted"]
    assert asserted == ["10"]  # the demand; the release has not happened
    release = next(e for e in events if e.cameo.startswith("08"))
    assert release.modality == "hypothetical" and "demanded by" in release.rule


def test_events_a_statement_stays_when_the_other_match_is_not_asserted():
    events = code_text("The bishop said that the government must ensure security for all minorities.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    asserted = [e.cameo for e in events if e.modality == "asserted"]
    assert asserted == ["010"]


def test_events_an_attribution_after_the_news_is_not_a_statement_event():
    events = code_text("The death toll from the flooding is expected to rise, officials said on Monday.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert not [e for e in events if e.cameo == "010"]
    events = code_text("Officials said on Monday that the death toll from the flooding would rise.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert [e for e in events if e.cameo == "010"]


def test_events_paired_twin_is_as_sure_as_its_event():
    events = code_text("Trump held talks with Kim Jong Un in Hanoi.", date="2019-02-28",
                       settings=Settings(min_confidence=0.0))
    talks = [e for e in events if e.cameo_root == "04"]
    assert len(talks) == 2 and talks[0].confidence == talks[1].confidence, talks


@pytest.mark.parametrize(("sentence", "trigger", "source", "target"), [
    # the parse hangs the agent on the last passive only: the others share it, and the subject
    ("A policeman was abducted and killed by Maoist cadres in Sukma District on Monday.", "abducted",
     "INDINS", "INDCOP"),
    ("A policeman was abducted and killed by Maoist cadres in Sukma District on Monday.", "killed",
     "INDINS", "INDCOP"),
    # an active first verb: its subject undergoes the coordinated passive
    ("Taliban fighters attacked the post and were repulsed by Afghan soldiers.", "repulsed", "AFGMIL", "AFGINS"),
    # a later act has its own agent: the judge released the minister, but did not arrest him
    ("The minister was arrested in Lima and later released by a judge.", "arrested", None, "PERGOV"),
    # "have blamed" is active: its subject acts, it does not undergo
    ("Military commanders denied the killings and have blamed armed civilians.", "blamed", "MIL", "UAF"),
])
def test_events_coordinated_passives_share_their_agent_and_subject(sentence, trigger, source, target):
    assert _roles(sentence, trigger) == (source, target)


@pytest.mark.parametrize(("sentence", "code"), [
    ("The army announced the capture of a drug lord in Sinaloa.", "173"),  # a person: an arrest
    ("The capture of Kabul by the Taliban shocked the world.", "192"),  # a place: an occupation
])
def test_events_the_capture_of_a_person_is_an_arrest_of_a_place_an_occupation(sentence, code):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert next(e for e in events if e.trigger.text == "capture").cameo == code


@pytest.mark.parametrize(("sentence", "code"), [
    ("The president sacked the army chief on Monday.", "172"),  # an actor dismissed
    ("Last year the governor fired 900 state policemen.", "172"),
    ("Militants fired rockets at the police station.", "194"),  # rounds fired: still an attack
])
def test_events_firing_people_is_a_dismissal_firing_rounds_an_attack(sentence, code):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert events[0].cameo == code


@pytest.mark.parametrize(("sentence", "trigger", "source", "target"), [
    # a passive with no subject of its own: the clause subject undergoes it
    ("The rebel commander is serving a prison sentence in the US after being convicted in 2008.",
     "convicted", None, "USAREB"),
    # the passive subject of a verb governing an event noun undergoes the event
    ("The mayor was taken into custody by federal police.", "custody", "COP", "GOV"),
])
def test_events_passive_subjects_undergo(sentence, trigger, source, target):
    assert _roles(sentence, trigger) == (source, target)


@pytest.mark.parametrize(("sentence", "code"), [
    ("Prosecutors filed charges against the former governor on Monday.", "173"),  # criminal charges
    ("The state prosecuted the police chief for extortion.", "173"),
    ("The family filed a lawsuit against the company.", "115"),  # a lawsuit
])
def test_events_criminal_charges_are_173_lawsuits_115(sentence, code):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert events[0].cameo == code


def test_events_between_names_both_parties_wherever_the_parse_attaches_them():
    events = code_text("Officials confirmed cooperation between factions of the MS13 and Mexico's Zetas last year.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    pairs = {(e.source.code, e.target.code) for e in events if e.cameo_root == "06" and e.source and e.target}
    assert {("SLVCRM", "MEXCRM"), ("MEXCRM", "SLVCRM")} <= pairs, pairs


@pytest.mark.parametrize(("sentence", "source", "target"), [
    # a province that acts is its government; "the state of X" is X
    ("Last year the state of Veracruz fired some 980 state policemen.", "MEXGOV", "MEXCOP"),
    # a city that is attacked stands for its country
    ("Gunmen attacked Peshawar on Monday.", "PAKREB", "PAK"),
])
def test_events_a_place_that_acts_is_its_government(sentence, source, target):
    event = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))[0]
    assert (event.source.code, event.target.code) == (source, target)


@pytest.mark.parametrize("sentence", [
    "The Gulf Cartel has entered an alliance with the Sinaloa Cartel.",
    "The Zetas and the Beltran Leyva Organization have allied against the Sinaloa Cartel.",
])
def test_events_an_alliance_is_material_cooperation(sentence):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert events and events[0].cameo == "060"


def test_events_the_subject_of_a_state_participle_takes_part_in_the_event_noun():
    events = code_text("The Gulf Cartel has been embroiled in a war with the Zetas since 2010.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert events and (events[0].cameo_root, events[0].source.code) == ("19", "MEXCRM")


@pytest.mark.parametrize(("sentence", "coded"), [
    ("According to the ombudsman, 1,368 people were murdered on public transport between 2005 and 2011.", False),
    ("Over 34,000 people have been killed in the country since 2006, officials said.", False),
    ("More than 1,000 people were arrested in an operation against human trafficking in Ciudad Juarez.", True),
])
def test_events_a_count_over_a_period_is_a_statistic(sentence, coded):
    events = [e for e in code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
              if e.cameo_root in ("17", "18", "19")]
    assert bool(events) is coded


@pytest.mark.parametrize(("sentence", "source"), [
    # a state reports its own act; a newspaper that reports an arrest did not make it
    ("The Venezuelan interior minister reported the arrest of 28 people in Caracas on Monday.", "VENGOV"),
    ("The newspaper El Nacional reported the arrest of 28 people in Caracas on Monday.", None),
])
def test_events_a_state_reporting_an_act_made_it(sentence, source):
    event = next(e for e in code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
                 if e.cameo == "173")
    assert (event.source.code if event.source else None) == source


def test_events_an_armed_force_named_by_the_modifier_of_its_operation_acts():
    from eventwire.config import Settings

    events = [e for e in code_text("Three farmers died after an army incursion into the village.",
                                   date="2021-05-01", settings=Settings(min_confidence=0))
              if e.cameo_root == "19"]
    assert events and events[0].source is not None and events[0].source.code.endswith("MIL"), events


def test_events_the_event_noun_a_partyless_act_happened_in_is_kept():
    from eventwire.config import Settings

    events = code_text("He was gunned down in a firefight with Peruvian police.",
                       date="2021-05-01", settings=Settings(min_confidence=0))
    assert any(e.cameo == "193" and e.target is not None and e.target.code == "PERCOP" for e in events), events


def test_events_coordinated_verbs_share_their_object():
    events = code_text("Soldiers killed and beheaded two FARC rebels.", date="2021-05-01",
                       settings=Settings(min_confidence=0))
    killed = [e for e in events if e.trigger.text == "killed"]
    assert killed and killed[0].target is not None and killed[0].target.code == "COLREB", events


def test_events_coordinated_event_nouns_share_their_complements():
    from eventwire.coding.explain import explain_text

    report = explain_text("The abduction, torture and killing of the Peruvian mayor by the Shining Path shocked Lima.",
                          date="2021-05-01", settings=Settings(min_confidence=0))
    matches = [line for line in report.splitlines() if "trigger='torture'" in line or "trigger='killing'" in line]
    assert len(matches) == 2 and all("source=PERINS" in m or "source=PERREB" in m for m in matches), matches
