"""Document memory: what an article has already told us about its actors.

An actor introduced once ("Libyan military leader Khalifa Haftar") is known for
the rest of the article: by surname, by acronym, as "the army", or as "he".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Actor
from ..places.toponyms import rank_countries
from .kb import normalise


@dataclass(slots=True)
class Remembered:
    actor: Actor
    is_person: bool
    sentence_index: int
    role_person: bool = False  # one person named by a role only ("a teacher")


@dataclass(slots=True)
class DocumentMemory:
    names: dict[str, Remembered] = field(default_factory=dict)
    acronyms: dict[str, Remembered] = field(default_factory=dict)
    recent: list[Remembered] = field(default_factory=list)
    last_subject: Remembered | None = None
    country_counts: dict[str, int] = field(default_factory=dict)
    # Mentions of states and places only: where the article happens (see focus_country).
    state_counts: dict[str, int] = field(default_factory=dict)
    non_state: frozenset[str] = frozenset()

    def remember(self, actor: Actor, *, is_person: bool, sentence_index: int,
                 names: tuple[str, ...] = (), role_person: bool = False) -> None:
        item = Remembered(actor, is_person, sentence_index, role_person)
        self.recent.append(item)
        if len(self.recent) > 200:
            del self.recent[:100]
        for name in names:
            key = normalise(name)
            if key:
                self.names[key] = item
        if actor.country:
            self.country_counts[actor.country] = self.country_counts.get(actor.country, 0) + 1
            if not (actor.sectors and actor.sectors[0] in self.non_state):
                self.state_counts[actor.country] = self.state_counts.get(actor.country, 0) + 1

    def learn_acronym(self, acronym: str, actor: Actor, *, is_person: bool, sentence_index: int) -> None:
        self.acronyms[acronym] = Remembered(actor, is_person, sentence_index)

    def by_name(self, text: str) -> Remembered | None:
        return self.names.get(normalise(text))

    def by_acronym(self, text: str) -> Remembered | None:
        return self.acronyms.get(text)

    def fitting(self, sector: str | None, *, person: bool | None = None, roles: bool = False,
                window: int = 8, sentence_index: int = 0) -> Remembered | None:
        """The last actor with this sector (or of this kind) mentioned within ``window`` sentences;
        with ``roles``, people named only by a role ("a teacher") count as persons."""
        for item in reversed(self.recent):
            if sentence_index - item.sentence_index > window:
                break
            is_person = item.is_person or (roles and item.role_person)
            if person is not None and is_person != person:
                continue
            if sector is None or sector in item.actor.sectors:
                if item.actor.code:
                    return item
        return None

    def fitting_body(self, sectors: tuple[str, ...], *, window: int, sentence_index: int) -> Remembered | None:
        """The last body mentioned within ``window`` sentences, when it is of one of ``sectors``:
        what "the agency" refers back to. A person, a place or civilians are no
        body; a body of another kind named last ("Amnesty said ... The agency") is what it would
        refer to, so none."""
        for item in reversed(self.recent):
            if sentence_index - item.sentence_index > window:
                break
            a = item.actor
            if item.is_person or item.role_person or not a.code or not a.sectors or a.sectors[0] == "CVL":
                continue
            return item if a.sectors[0] in sectors else None
        return None

    def context_countries(self, limit: int | None = None) -> list[str]:
        """The countries the article has named, most named first (the first ``limit``; None:
        all): what a place name is read against (``places.toponyms.rank_countries``)."""
        return rank_countries(self.country_counts, limit)

    def focus_country(self) -> str | None:
        """The country the article is about: the one its states and places name most; the
        nationality of armed or criminal groups only when it names no state or place."""
        ranked = rank_countries(self.state_counts or self.country_counts, 1)
        return ranked[0] if ranked else None
