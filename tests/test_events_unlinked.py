"""Events whose only party the parse hides from the trigger: a raised passive subject, the doer
of acts a series noun counts, and the party an event noun comes from (our own sentences)."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import code_text
from eventwire.config import Settings

ALL = Settings(min_confidence=0.0)


def _event(text: str, trigger: str):
    events = [e for e in code_text(text, date="2021-05-01", settings=ALL) if e.modality == "asserted"]
    return next(e for e in events if e.trigger.text == trigger)


def _code(actor) -> str | None:
    return actor.code if actor else None


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("A village teacher is suspected to have been abducted by rebels in Kandhamal.", "abducted", "EDU"),
    ("Two journalists are believed to have been kidnapped by a gang near the border.", "kidnapped", "MED"),
])
def test_a_raised_subject_undergoes_the_passive_infinitive(text, trigger, target):
    assert (_code(_event(text, trigger).target) or "").endswith(target)


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("The paramilitaries carried out a wave of killings across the province.", "killings", "UAF"),
    ("The rebels carried out a series of kidnappings in the mountains.", "kidnappings", "REB"),
    ("The militias carried out dozens of massacres and killings in the valley.", "massacres", "UAF"),
    ("The Sinaloa Cartel launched a campaign of kidnapping in the northern towns.", "kidnapping", "CRM"),
])
def test_the_doer_of_acts_a_series_noun_counts(text, trigger, source):
    assert (_code(_event(text, trigger).source) or "").endswith(source)


def test_was_supposed_to_be_raises_no_subject():
    # "supposed" is no verb of belief: the infinitive's passive is not undergone by its subject
    events = code_text("The report was supposed to be restricted by the police.", date="2021-05-01", settings=ALL)
    assert not any(e.target and e.target.code.endswith("COP") and e.trigger.text == "restricted" for e in events)



@pytest.mark.parametrize("text", [
    "The government and the rebels failed to reach a deal during another round of talks.",
    "The police made arrests during a series of raids.",
])
def test_a_series_under_a_setting_preposition_lends_no_doer(text):
    # the talks and the raids set the scene of the verb; its subject is not said to do them
    events = code_text(text, date="2021-05-01", settings=ALL)
    assert not any(e.trigger.text in ("talks", "raids") and e.source for e in events)


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("Pressure led to a quick response, with the navy itself acknowledging that there were failures.",
     "acknowledging", "MIL"),
    ("The residents said the Policemen guarding the Court House opened fire on the crowd.", "opened", "COP"),
])
def test_the_subject_behind_an_intensive_pronoun_or_a_participle(text, trigger, source):
    assert (_code(_event(text, trigger).source) or "").endswith(source)


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("Smaller groups like the Zetas have attacked rival smugglers in the port.", "attacked", "CRM"),
    ("New factions like the Rastrojos have attacked army patrols.", "attacked", "CRM"),
])
def test_a_noun_that_is_no_actor_is_the_parties_it_gives_as_examples(text, trigger, source):
    assert (_code(_event(text, trigger).source) or "").endswith(source)


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("The ruling reignited opposition protests in the capital.", "protests", "OPP"),
    ("Workers launched strikes in the port, while teacher protests spread.", "protests", "EDU"),
])
def test_the_modifier_of_a_protest_protests(text, trigger, source):
    assert (_code(_event(text, trigger).source) or "").endswith(source)


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("There were accusations that the police had tortured the suspects.", "accusations", "COP"),
    ("The report raised allegations that the mayor took bribes from the cartel.", "allegations", "GOV"),
])
def test_an_accusation_accuses_the_subject_of_its_that_clause(text, trigger, target):
    assert (_code(_event(text, trigger).target) or "").endswith(target)


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("After being accused of fraud, the smuggler was arrested in Lima.", "accused", "CRM"),
    ("The smuggler was deported to Peru after serving a long sentence for fraud.", "serving", "CRM"),
])
def test_a_time_adjunct_speaks_of_the_subject_of_a_passive_main_clause(text, trigger, target):
    assert (_code(_event(text, trigger).target) or "").endswith(target)


@pytest.mark.parametrize(("text", "word"), [
    ("Police arrested an indigenous leader in the highlands on Monday.", "indigenous leader"),
    ("Gunmen shot two social leaders in the province.", "social leaders"),
    ("The army questioned a community leader about the attack.", "community leader"),
])
def test_leaders_of_civil_society_are_civilians(text, word):
    from eventwire.coding.explain import find_actors
    actor = next(a for a in find_actors(text, date="2021-05-01") if word in a.text.lower())
    assert actor.sectors[:1] == ("CVL",), actor
