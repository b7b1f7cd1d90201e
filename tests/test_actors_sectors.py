"""Armed non-state actors: militant and terrorist groups are insurgents (INS), armed
rebellions are rebels (REB), as the annotation guide codes them."""

from __future__ import annotations

import pytest

from eventwire.coding.explain import find_actors


@pytest.mark.parametrize(("text", "word", "sector"), [
    ("Suspected militants abducted two passengers near the border.", "militants", "INS"),
    ("A suicide bomber detonated a car near the market.", "suicide bomber", "INS"),
    ("Naxals torched a mobile tower in the district.", "Naxals", "INS"),
    ("Rebels attacked the town and seized the mayor.", "Rebels", "REB"),
    ("Guerrillas ambushed an army patrol in the mountains.", "Guerrillas", "REB"),
])
def test_armed_groups_by_kind(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor


@pytest.mark.parametrize(("text", "word", "sector"), [
    # someone held in prison for a crime is a criminal; a detainee or captive is not yet judged
    ("Inmates attacked a guard in the prison on Monday.", "Inmates", "CRM"),
    ("Guards beat two prisoners during a search of the jail.", "prisoners", "CRM"),
    ("The junta freed forty political prisoners on Monday.", "political prisoners", "CVL"),
    ("Soldiers questioned the detainees for hours.", "detainees", "CVL"),
    # military police police civilians: the longer term wins over 'military'
    ("Military police arrested four smugglers near the port.", "Military police", "COP"),
])
def test_people_in_custody_and_police_by_kind(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor


@pytest.mark.parametrize(("text", "word", "sector"), [
    # an attorney or prosecutor general heads the prosecution, whatever state they serve
    ("The Sonora State Attorney General opened a case against the mayor.", "Attorney General", "JUD"),
    ("The deputy attorney general questioned two witnesses.", "deputy attorney general", "JUD"),
    # who speaks or acts for the courts
    ("A judicial source told reporters that the gang had paid the guards.", "judicial source", "JUD"),
    ("Judicial authorities froze the accounts of the company.", "Judicial authorities", "JUD"),
])
def test_the_judiciary_by_kind(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor


@pytest.mark.parametrize(("text", "word", "code"), [
    # a unit or force named for the crime it fights is police; without such words it stays the army's
    ("The Honduran Anti-Kidnapping Task Force freed a rancher on Sunday.", "Task Force", "HNDCOP"),
    ("Officers of Peru's criminal investigation unit detained two clerks.", "criminal investigation unit", "PERCOP"),
    ("Chile's Anti-narcotics Division seized a truck near the port.", "Division", "CHLCOP"),
    ("A Colombian army unit shelled the camp overnight.", "army unit", "COLMIL"),
    # a part of a body acts as the body
    ("The Homicide Unit of Peru's National Police arrested the driver.", "Homicide Unit", "PERCOP"),
    ("Ecuador's Attorney General's Office charged the mayor with fraud.", "Office", "ECUJUD"),
    ("A spokesman for the Swat chapter of the TTP claimed the attack.", "spokesman", "PAKINS"),
])
def test_units_and_parts_of_a_body(text, word, code):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.code == code, actor


@pytest.mark.parametrize(("text", "word", "sector"), [
    # a military title held in an armed group is the group's kind; alone it is the army's
    ("Abdul Karim, a militant commander, ambushed a convoy near the pass.", "militant commander", "INS"),
    ("A paramilitary commander surrendered to the navy on Friday.", "paramilitary commander", "UAF"),
    ("The army commander said the post was attacked at dawn.", "army commander", "MIL"),
    # after 'anti', the word names the enemy
    ("An anti-militant unit searched the village for weapons.", "unit", "MIL"),
])
def test_military_titles_held_in_armed_groups(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor


@pytest.mark.parametrize(("text", "word", "sector"), [
    # a head that speaks for or leads a body takes the body a modifier names
    ("An army spokesman denied that the village was shelled.", "army spokesman", "MIL"),
    ("Guerrilla representatives arrived in Oslo for the talks.", "Guerrilla representatives", "REB"),
    ("A cartel boss was shot dead outside a bar in Culiacan.", "cartel boss", "CRM"),
    # a title that is a term of its own keeps it; a plain official is the government
    ("A police spokesman said two officers were hurt.", "police spokesman", "COP"),
    ("A senior official said the talks would resume.", "senior official", "GOV"),
])
def test_a_body_head_takes_the_body_its_modifier_names(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor


@pytest.mark.parametrize(("text", "word", "sector"), [
    # a coalition of bodies is those bodies; a bare coalition is a party coalition
    ("A coalition of human rights organizations filed a complaint on Monday.", "coalition", "NGO"),
    ("An alliance of opposition parties called for a strike.", "alliance", "OPP"),
    ("The ruling coalition rejected the budget.", "ruling coalition", "PTY"),
])
def test_a_coalition_of_bodies_is_those_bodies(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if t.startswith(word.lower()) or word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor


@pytest.mark.parametrize(("text", "word", "sector"), [
    # a party's activists and workers are the party; a company's workers the business
    ("Gunmen shot dead an activist of the Liberal Party in Arequipa.", "activist", "PTY"),
    ("Militants killed two workers of the National Party in Turbat.", "workers", "PTY"),
    ("Gunmen killed an MQM activist in Karachi.", "MQM activist", "PTY"),
    ("A driver of the Mehran Oil Company was shot dead near the highway.", "driver", "BUS"),
    ("Militants abducted five labourers working for a construction company in Helmand.", "labourers", "BUS"),
    ("Gunmen abducted four engineers employed by a mining company in Sonora.", "engineers", "BUS"),
    ("Three employees of television channel Sky News were injured in the blast.", "employees", "MED"),
    # with no organisation named, workers are ordinary people (a union is labour) and activists
    # their own sector
    ("Police detained three workers of Pakistan in Dubai.", "workers", "CVL"),
    ("Workers blocked the highway for a second day.", "Workers", "CVL"),
])
def test_a_worker_or_activist_of_an_organisation_is_the_organisation(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor


@pytest.mark.parametrize(("text", "code"), [
    # people introduced by names that are told a role take the role
    ("Two persons, identified as Ali Raza and Imran Shah, the workers of the National Party, were "
     "killed in Quetta.", "PAKPTY"),
    ("A man, identified as Imran Shah, a police constable, was shot dead in Quetta.", "PAKCOP"),
    # names told nothing leave them civilians
    ("Two persons, identified as Ali Raza and Imran Shah, were killed in Quetta.", "PAKCVL"),
])
def test_people_identified_by_names_with_a_role_take_the_role(text, code):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if t.endswith(("persons", "man")))
    assert actor.code == code, actor


@pytest.mark.parametrize(("text", "word", "code"), [
    # a force of a police body is that police; a government's forces keep their branch
    ("Funds went to the Rapid Response Force of Peru's National Police.", "Rapid Response Force", "PERCOP"),
    ("The forces of the regime shelled the town.", "forces", "MIL"),
])
def test_a_force_of_a_body_is_the_body_unless_the_body_is_the_government(text, word, code):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.code == code, actor


@pytest.mark.parametrize(("text", "word", "code"), [
    # a police unit is police; its commissioner and the officials from it are that police
    ("A police unit raided the house on Monday.", "police unit", "COP"),
    ("The commissioner of the Lima police unit was dismissed.", "commissioner", "PERCOP"),
    ("The migrants were stopped by officials from the criminal investigation unit.", "officials", "COP"),
    # a rank names no body: a deputy commissioner is no legislator
    ("The Deputy Commissioner of Ranchi district imposed a curfew.", "Deputy Commissioner", "INDGOV"),
    ("The deputy chief of the army resigned on Monday.", "deputy chief", "MIL"),
    ("An army spokesman said the rebels fled.", "army spokesman", "MIL"),
    # officials from a country stay its government
    ("Officials from Peru met the minister.", "Officials", "PERGOV"),
])
def test_police_units_commissioners_and_ranks(text, word, code):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.code == code or (actor.sectors[:1] == (code,) and not actor.country), actor


@pytest.mark.parametrize(("text", "word", "sector"), [
    # a name the parse takes for a place is a person when an apposition gives it a role
    ('Pedro "Coya" Martinez, a suspected drug trafficker, was shot dead on Monday in Salta.', "martinez", "CRM"),
])
def test_a_name_with_a_role_apposition_is_a_person_not_a_place(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word in t)
    assert actor.sectors[:1] == (sector,), actor


def test_a_place_with_a_place_apposition_stays_a_place():
    actors = {a.text: a for a in find_actors("Gunmen attacked Oran, a city in Salta province.", date="2021-05-01")}
    assert actors["Oran"].sectors == (), actors["Oran"]


@pytest.mark.parametrize(("text", "code"), [
    # a place word beginning the name of a group named before, as the other party, is the group
    ("The Tijuana Cartel controls the port. The Gulf Cartel has formed an alliance with Tijuana.", "MEXCRM"),
    # as a place, it stays the place
    ("The Tijuana Cartel controls the port. Violence in Tijuana rose sharply last year.", "MEX"),
])
def test_a_place_word_for_a_group_named_before(text, code):
    actors = [a for a in find_actors(text, date="2021-05-01") if a.text == "Tijuana"]
    assert [a.code for a in actors] == [code], actors


@pytest.mark.parametrize(("text", "word", "sector"), [
    ("Gunmen massacred nine gold miners near the river in Bolivar.", "miners", "CVL"),
    ("Smugglers abandoned forty migrants in the desert near Sonora.", "migrants", "CVL"),
    ("The dock workers were threatened by a local gang.", "dock workers", "CVL"),
    ("The transport union rejected the new fares.", "transport union", "LAB"),
    ("Thousands of refugees crossed the border.", "refugees", "REF"),
])
def test_working_people_and_migrants_are_civilians_and_a_union_labour(text, word, sector):
    actors = {a.text.lower(): a for a in find_actors(text, date="2021-05-01")}
    actor = next(a for t, a in actors.items() if word.lower() in t)
    assert actor.sectors[:1] == (sector,), actor
