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


@pytest.mark.parametrize("sentence", [
    "Peru and Chile signed a trade agreement in Lima.",  # coordinated subjects
    "Talks between Peru and Chile began in Lima on Monday.",  # both in a 'between' phrase
])
def test_events_paired_event_both_directions_when_named_alike(sentence):
    events = code_text(sentence, date="2019-02-28", settings=Settings(min_confidence=0.0))
    pairs = {(_party(e.source), _party(e.target)) for e in events if e.cameo_root in ("04", "05", "06")}
    assert {("PER", "CHL"), ("CHL", "PER")} <= pairs, pairs


@pytest.mark.parametrize("sentence", [
    "Trump held talks with Kim Jong Un in Hanoi.",
    "The Peruvian government forged an alliance with the Chilean army.",
    "Peru met Chile in Lima.",
])
def test_events_paired_event_once_when_the_subject_acts_on_an_object(sentence):
    """The subject's act on its object is coded once, as the article gold codes it."""
    events = code_text(sentence, date="2019-02-28", settings=Settings(min_confidence=0.0))
    mutual = [e for e in events if e.cameo_root in ("04", "05", "06")]
    assert len(mutual) == 1, [(e.cameo, _party(e.source), _party(e.target)) for e in mutual]


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
    events = code_text("Peru and Chile signed a trade agreement in Lima.", date="2019-02-28",
                       settings=Settings(min_confidence=0.0))
    deals = [e for e in events if e.cameo_root == "06"]
    assert len(deals) == 2 and deals[0].confidence == deals[1].confidence, deals


@pytest.mark.parametrize(("sentence", "trigger", "source", "target"), [
    # the parse hangs the agent on the last passive only: the others share it, and the subject
    # (acts of one root so coordinated are one event, the last: test_events_coordinated_acts_...)
    ("A policeman was detained and beaten by Maoist cadres in Sukma District on Monday.", "detained",
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
    # a place phrase says where the capture was, not what was captured
    ("Brazilian police captured the gang leader in the town of Santos on Monday.", "173"),
    ("The smuggler fled to Spain a year after his capture near the port of Callao.", "173"),
    ("Rebels captured the town of Kidal on Monday.", "192"),
])
def test_events_the_capture_of_a_person_is_an_arrest_of_a_place_an_occupation(sentence, code):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert next(e for e in events if e.trigger.text.startswith("captur")).cameo == code


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
    # a relative pronoun as passive subject stands for the noun its clause modifies
    ("The Zetas, which have been blamed for the massacre, deny the charges.", "blamed", None, "MEXCRM"),
    ("Officials said the rebels, who were arrested in Lima on Monday, will be tried.", "arrested", None, "PERREB"),
])
def test_events_passive_subjects_undergo(sentence, trigger, source, target):
    assert _roles(sentence, trigger) == (source, target)


@pytest.mark.parametrize(("sentence", "trigger", "source"), [
    # the object of the governing verb does what its infinitive says, when it is a party
    ("The unrest led Peruvian authorities to send troops into the town.", "send", "PERGOV"),
    # a thing used is no party: its user acts
    ("The rebels used the valley to regroup, stepping up attacks on army posts.", "stepping", "REB"),
])
def test_events_the_object_of_a_control_verb_acts(sentence, trigger, source):
    assert _roles(sentence, trigger)[0] == source


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


@pytest.mark.parametrize(("sentence", "trigger", "code"), [
    # a mutual act "between" one plural actor is between two of its members
    ("Residents heard a long shootout between rival gangs on Tuesday night.", "shootout", "CRM"),
    ("A bloody war between rival Mexican cartels spread to the coast last year.", "war", "MEXCRM"),
    ("A truce between the rebel factions took effect in May.", "truce", "REB"),
])
def test_events_between_one_plural_actor_puts_it_on_both_sides(sentence, trigger, code):
    assert _roles(sentence, trigger) == (code, code)


@pytest.mark.parametrize(("sentence", "trigger"), [
    # a robbery is no mutual act: "between" does not put one actor on both sides
    ("Police counted armed robberies between rival gangs last year.", "robberies"),
    # one named group is not several, whatever the tagger says
    ("Talks between the FARC took place in Havana.", "Talks"),
    # one of two coordinated parties, the other no actor, is one side only
    ("The exchange of fire between SFs and militants went on for hours.", "exchange"),
])
def test_events_between_one_actor_needs_a_mutual_act_and_several_parties(sentence, trigger):
    source, target = _roles(sentence, trigger)
    assert source is None or source != target


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


@pytest.mark.parametrize(("sentence", "coded"), [
    # an event word a measure counts is a sum of events, not one
    ("The homicide rate in Honduras doubled last year.", False),
    ("The tally of soldiers killed this year has reached 85.", False),
    ("A sharp drop in complaints of torture by the army suggests the reforms are working.", False),
    ("The police chief pointed to a rise in arrests of gang members as evidence of progress.", False),
    ("The Honduran police arrested 40 gang members in a raid on Monday.", True),
    ("A number of protesters were arrested by police in Caracas.", True),
])
def test_events_what_a_measure_counts_is_no_event(sentence, coded):
    events = [e for e in code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
              if e.cameo_root in ("11", "17", "18", "19")]
    assert bool(events) is coded


@pytest.mark.parametrize(("sentence", "coded"), [
    # an event named as the subject of the writer's comment is its topic, told as news elsewhere
    ("The arrest of a Peruvian drug lord in Lima illustrates how the cartels have spread south.", False),
    ("The recent capture of three Shining Path leaders confirms the weakness of the rebels.", False),
    ("The seizure of a cocaine shipment in Callao has raised questions about port security.", False),
    ("Peruvian police arrested a drug lord in Lima on Monday.", True),
    ("The arrest of a Peruvian drug lord in Lima came after a long investigation.", True),
])
def test_events_an_event_commented_on_is_its_topic(sentence, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo_root == "17" for e in events) is coded, [(e.cameo, e.rule) for e in events]


@pytest.mark.parametrize(("sentence", "coded"), [
    # power is no territory: taking office occupies nothing (CAMEO 192 is occupying territory)
    ("The crime rate was low when the general took power in 1988.", False),
    # controlling a place is a state; taking it is the occupation
    ("The gang controlled the port of Santos for a decade.", False),
    ("The army took control of the airport on Friday.", True),
    ("The rebels took control of the provincial capital on Sunday.", True),
])
def test_events_taking_power_is_no_occupation(sentence, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo == "192" for e in events) is coded


@pytest.mark.parametrize(("sentence", "coded"), [
    # what a group does for a living describes it; no one act is told
    ("Unlike its rivals, the gang dedicates itself to extortion, kidnapping and killing rival dealers.", False),
    ("The group, which specializes in kidnapping businessmen and smuggling migrants, operates in Tamaulipas.", False),
    ("Gunmen kidnapped two businessmen in Tamaulipas on Friday.", True),
])
def test_events_a_livelihood_is_no_event(sentence, coded):
    events = [e for e in code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
              if e.cameo_root in ("17", "18", "19")]
    assert bool(events) is coded


def test_events_a_claim_about_a_livelihood_is_an_accusation():
    events = code_text("A leaflet claimed that the cartel was unlike the gangs that devote themselves to extortion, "
                       "kidnapping and killing bystanders.", date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert [e.cameo for e in events] == ["1121"]


@pytest.mark.parametrize(("sentence", "code", "coded"), [
    # with an object "make up" composes; without one the parties reconcile
    ("Remittances made up 20 percent of the country's income in 2018.", "050", False),
    ("The Cuban leader made up with Washington in 2015.", "050", True),
    # "return" needs something returned: coming back to a country is a journey
    ("The smuggler returned to Colombia in 2005, where he joined a cartel.", "084", False),
    ("Venezuela returned the seized aircraft to Colombia on Monday.", "08", True),
])
def test_events_senses_that_need_or_refuse_an_object(sentence, code, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo.startswith(code) for e in events) is coded


@pytest.mark.parametrize(("sentence", "coded"), [
    # being held is a state; being taken into custody is the arrest
    ("Two Guatemalan suspects in US custody have given evidence against the cartel.", False),
    ("The former governor remains in detention in Mexico City.", False),
    ("The mayor was taken into custody by federal police.", True),
])
def test_events_being_held_is_no_arrest(sentence, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo_root == "17" for e in events) is coded


@pytest.mark.parametrize(("sentence", "coded"), [
    # the trade in illicit goods is a market, not cooperation between parties
    ("Peru plays a growing role in Brazil's drug trade.", False),
    ("Smugglers control the arms trade along the border.", False),
    ("China expanded trade with Chile last year.", True),
])
def test_events_an_illicit_market_is_no_cooperation(sentence, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo_root == "06" for e in events) is coded


@pytest.mark.parametrize(("sentence", "trigger", "modality"), [
    # a lack of cooperation is none; an alleged act is not asserted
    ("The reform is hampered by a chronic lack of coordination between the Peruvian army and the police.",
     "coordination", "negated"),
    ("The alleged killing of two farmers by soldiers sparked protests.", "killing", "hypothetical"),
    ("The unit's alleged responsibility for the execution of 12 prisoners is under investigation.", "execution",
     "hypothetical"),
    ("The killing of two farmers by soldiers sparked protests.", "killing", "asserted"),
    # a prevented act did not happen
    ("Federal police prevented the kidnapping of two businessmen in Monterrey.", "kidnapping", "negated"),
    ("The army's presence averted an attack on the Venezuelan embassy.", "attack", "negated"),
])
def test_events_absent_and_alleged_acts_are_not_asserted(sentence, trigger, modality):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert {e.modality for e in events if e.trigger.text == trigger} == {modality}


@pytest.mark.parametrize(("sentence", "trigger", "modality"), [
    # the act an accusation names is alleged, not asserted; the accusation itself is
    ("Peru accused Bolivia of sheltering the rebels.", "sheltering", "hypothetical"),
    ("Peru accused Bolivia of sheltering the rebels.", "accused", "asserted"),
    ("Police accused the gang of kidnapping two farmers.", "kidnapping", "hypothetical"),
    ("The Honduran mayor was charged with murdering a journalist.", "murdering", "hypothetical"),
    ("Soldiers are suspected of killing two farmers near Cali.", "killing", "hypothetical"),
    ("Police arrested the mayor on charges of kidnapping two farmers.", "kidnapping", "hypothetical"),
    ("Police arrested the mayor on charges of kidnapping two farmers.", "arrested", "asserted"),
    # an act the article itself tells is asserted
    ("The gang kidnapped two farmers, and police accused its leader.", "kidnapped", "asserted"),
])
def test_events_what_an_accusation_names_is_alleged(sentence, trigger, modality):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert {e.modality for e in events if e.trigger.text == trigger} == {modality}


@pytest.mark.parametrize(("sentence", "coded"), [
    # an accord told as background to its end is not agreed anew
    ("After the collapse in early 2015 of a fragile truce between the two gangs, the killings resumed.", False),
    ("The breakdown of the ceasefire between the army and the rebels ended the talks.", False),
    ("The president declared that the truce between the two gangs had failed.", False),
    ("The ceasefire between the army and the rebels collapsed in March.", False),
    ("After the end in late 2016 of a long truce between the Lions and the Wolves, the killings resumed.", False),
    ("The MS13 and Barrio 18 agreed to a truce in March.", True),
])
def test_events_an_ended_accord_is_background(sentence, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo.startswith("087") for e in events) is coded


def test_events_a_meeting_that_failed_to_agree_still_met():
    events = code_text("The summit between Peru and Chile failed to reach agreement on fishing rights.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo_root == "04" for e in events)


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


@pytest.mark.parametrize(("sentence", "coded"), [
    # a toll told in an incident named before adds to it; a first telling is the event
    ("Rebels detonated a bomb near a market in the northern town. Three traders were wounded in the blast.",
     ["183"]),
    ("Gunmen ambushed a police patrol on the highway. Detectives are studying the ambush that killed the sergeant.",
     ["180"]),
    ("Three traders were wounded in a bomb blast near the market on Monday.", ["183"]),
])
def test_events_a_toll_of_an_incident_told_before_is_no_new_event(sentence, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert [e.cameo for e in events if e.cameo_root in ("18", "19", "20")] == coded


@pytest.mark.parametrize(("sentence", "code", "modality"), [
    # an act to come is an intent when someone announces it or the sentence states it as planned;
    # the writer's guess is not anyone's intent
    ("The rebels said they would attack the garrison.", "138", "asserted"),
    ("The governor disclosed that the police will arrest the gang leaders.", "137", "asserted"),
    ("France will meet Germany next week.", "036", "asserted"),
    ("The union would hold talks with the employers next month.", "036", "asserted"),
    ("It is unclear who will prosecute the former mayor.", "173", "future"),
    ("It is unclear how the ambassador's visit will affect relations between the two countries.", "042", "future"),
])
def test_events_only_an_announced_act_to_come_is_an_intent(sentence, code, modality):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert (events[0].cameo, events[0].modality) == (code, modality)


@pytest.mark.parametrize(("sentence", "codes"), [
    # coordinated verbs of one root by the same party on the same party tell one act: its outcome
    ("A farmer was abducted and killed by Maoist cadres in Sukma District on Monday.", ["1823"]),
    ("Maoist cadres abducted and killed a farmer in Sukma District on Monday.", ["1823"]),
    # other victims, other acts
    ("Rebels abducted a farmer and killed a policeman in Sukma on Monday.", ["181", "1823"]),
])
def test_events_coordinated_acts_on_one_party_are_one_event(sentence, codes):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert sorted(e.cameo for e in events if e.cameo_root == "18") == codes


def test_events_an_event_noun_that_modifies_another_is_its_kind():
    events = code_text("The Peruvian interior minister held a security review meeting with police chiefs in Lima.",
                       date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert [e.cameo_root for e in events] == ["04"], [(e.cameo, e.trigger.text) for e in events]


@pytest.mark.parametrize(("sentence", "coded"), [
    # an accord the parties only have is a state; signing one is the act
    ("Until last year Peru and Chile had a tacit non-aggression agreement.", False),
    ("Peru and Chile signed a non-aggression agreement in Lima last year.", True),
])
def test_events_an_accord_held_is_a_state(sentence, coded):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    assert any(e.cameo_root == "05" for e in events) is coded, [(e.cameo, e.trigger.text) for e in events]


def test_events_a_fight_against_a_party_is_fighting():
    # the noun "fight", like "fighting", is the use of force when it names its parties
    source, target = _roles("Vigilante groups in Guerrero pressed on with their fight against the Zetas.", "fight")
    assert target == "MEXCRM" and source is not None


@pytest.mark.parametrize(("sentence", "trigger", "roles"), [
    # several parties of one kind that clash fight each other
    ("Rival gangs clashed in the northern Peruvian city on Sunday.", "clashed", ("CRM", "CRM")),
    # coordinated subjects that clash: the first fights the second
    ("Security forces and Maoists clashed in the forest.", "clashed", ("INDCOP", "INDINS")),
    # one named group that clashes has no side named
    ("The Zetas clashed in Tamaulipas.", "clashed", ("MEXCRM", None)),
])
def test_events_a_reciprocal_fight_verb_without_object_takes_its_other_side_from_the_subject(sentence, trigger, roles):
    assert _roles(sentence, trigger) == roles


@pytest.mark.parametrize(("sentence", "codes"), [
    # a phrase of time names another act: both are events
    ("A Peruvian judge ordered the arrests of four Shining Path leaders following an investigation by prosecutors.",
     {"090"}),
    # beside a violent act, a violent or coercive one in a phrase of time is its setting
    ("Colombian police arrested two FARC rebels after the attack.", set()),
])
def test_events_a_phrase_of_time_names_another_event(sentence, codes):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0.0))
    found = {e.cameo for e in events}
    assert codes <= found and not ({"190", "180"} & found and not codes), events


@pytest.mark.parametrize(("sentence", "trigger", "source"), [
    # a gerund used as a noun takes its 'by' party as an event noun does
    ("The policy changed because of lobbying by the embattled Honduran President Juan Perez.", "lobbying",
     "HNDGOV"),
    ("The deal collapsed after weeks of fighting by Somali troops near the port.", "fighting", "SOMMIL"),
])
def test_events_a_nominal_gerund_takes_its_by_party_as_source(sentence, trigger, source):
    assert _roles(sentence, trigger)[0] == source


def test_events_a_means_gerund_after_by_is_no_party():
    # 'by deploying troops' is how the officials acted: they stay the deployment's source
    assert _roles("Peruvian officials reduced crime by deploying soldiers in the slums.", "deploying")[0] == "PERGOV"


def test_events_a_news_site_is_media():
    assert _roles("The news site Voz Libre criticized the mayor of the town.", "criticized")[0] == "MED"


@pytest.mark.parametrize(("sentence", "source"), [
    # the event noun is the object of its own governing preposition: its 'by' party acts, and
    # is not also its target
    ("According to an investigation by Bolivian prosecutors, the mayor was a trafficker.", "BOLJUD"),
    ("According to an investigation by the news site Voz Libre, the mayor was a trafficker.", "MED"),
])
def test_events_a_noun_under_its_verbs_preposition_keeps_its_by_party_as_source(sentence, source):
    assert _roles(sentence, "investigation") == (source, None)


def test_events_gov_abbreviation_is_a_governor_title():
    # wire copy shortens 'Governor' before a name: the person is government
    assert _roles("Prosecutors accused Gov. Ramiro Quintanilla of fraud.", "accused") == ("JUD", "GOV")


@pytest.mark.parametrize(("sentence", "trigger", "target"), [
    # a group's name on a place it holds: an act on the place is done to the group
    ("Mexican marines destroyed a Zetas training camp in Tamaulipas.", "destroyed", "MEXCRM"),
    ("Soldiers dismantled a Zetas camp near the border last month.", "dismantled", "MEXCRM"),
    # a group's name on a part of it: the part is the group
    ("Gulf Cartel gunmen attacked a Zetas cell in Reynosa.", "attacked", "MEXCRM"),
])
def test_events_a_group_holds_the_camp_named_after_it(sentence, trigger, target):
    assert _roles(sentence, trigger)[1] == target


@pytest.mark.parametrize(("sentence", "trigger", "target"), [
    # what a party controls or owns is theirs: an act on it is done to them
    ("The Zetas attacked a ranch owned by the Gulf Cartel.", "attacked", "MEXCRM"),
    ("Gunmen stormed a wing of the jail controlled by the Sinaloa Cartel.", "stormed", "MEXCRM"),
    # other participles name no holder: "driven by a teacher" is no teacher's bus
    ("The Zetas attacked a bus driven by a teacher.", "attacked", None),
])
def test_events_a_thing_held_by_a_party_is_theirs(sentence, trigger, target):
    assert _roles(sentence, trigger)[1] == target


@pytest.mark.parametrize(("sentence", "trigger", "target"), [
    # a demand of money is made of the one who is to pay
    ("Maoists demanded 50,000 rupees from a local teacher in Bihar.", "demanded", "INDEDU"),
    ("The militants seized a trader in Bihar. They demanded a large sum from him.", "demanded", "INDBUS"),
])
def test_events_a_demand_is_made_of_whom_it_is_from(sentence, trigger, target):
    assert _roles(sentence, trigger)[1] == target


@pytest.mark.parametrize(("sentence", "trigger", "target"), [
    # an object pronoun no one named before stands for the object of the verb it follows
    ("The Treasury sanctioned the Zetas leader's brother and accused him of laundering money.", "accused",
     "MEXCRM"),
    ("Prosecutors questioned the FARC commander's sister and charged her with extortion.", "charged", "COLREB"),
])
def test_events_an_unknown_object_pronoun_is_the_object_before_it(sentence, trigger, target):
    assert _roles(sentence, trigger)[1] == target


@pytest.mark.parametrize(("sentence", "trigger", "roles"), [
    # the act a party claims, naming someone not told before, is that party's act
    ("The Gulf Cartel claimed responsibility for the killing of four men in Tamaulipas.", "killing",
     ("MEXCRM", "MEXCVL")),
    ("The ELN claimed responsibility for the bombing of an oil pipeline in Arauca.", "bombing", ("COLREB", None)),
])
def test_events_a_claimed_act_is_the_claimers(sentence, trigger, roles):
    assert _roles(sentence, trigger) == roles


@pytest.mark.parametrize("sentence", [
    # an incident told before, claimed again, is the claim alone
    "Maoists attacked a police post in Gaya. The CPI-Maoist claimed responsibility for the attack.",
    "Rebels attacked two checkpoints in Kunar. The Taliban claimed responsibility for the attacks on the checkpoints.",
])
def test_events_claiming_a_retold_incident_adds_no_second_incident(sentence):
    events = code_text(sentence, date="2021-05-01", settings=Settings(min_confidence=0))
    assert [e.cameo for e in events if e.sentence_index == 1 and e.cameo != "015"] == [], \
        [(e.cameo, e.trigger.text) for e in events]


def test_a_participle_of_claiming_after_a_comma_is_its_clause_subjects_claim():
    # the object of ", claiming responsibility" is what is claimed, not an inverted speaker
    assert _roles("The Zetas issued a video in 2011, claiming responsibility for the attack.", "claiming") \
        == ("MEXCRM", None)


@pytest.mark.parametrize(("sentence", "trigger", "target"), [
    # the people an event leaves dead or hurt are its target
    ("A bomb blast in Peshawar left 12 policemen dead.", "blast", "PAKCOP"),
    ("A prison riot in Lima left two inmates dead and a guard injured.", "riot", "PERCRM"),
])
def test_events_the_toll_an_event_leaves_is_its_target(sentence, trigger, target):
    assert _roles(sentence, trigger)[1] == target


def test_events_an_accord_that_names_its_parties_stands_for_its_partyless_verb():
    # "a truce between X and Y was brokered": one act; the noun names the parties, the verb none
    assert _roles("A truce between the Shining Path and the VRAEM cartel was brokered in 2015.", "truce") \
        == ("PERREB", "PERCRM")
