"""The access rule of one URL, for the probe test (test_access_probes) and the apps' tests/access.py."""

from dataclasses import dataclass

from kokybe.tenancy.permissions import Capability


@dataclass(frozen=True)
class Rule:
    capability: Capability | frozenset[Capability]  # a set: any one of them is enough
    method: str = "GET"  # POST for views that accept only POST
    # Where holding the capability is not enough (an assessor named in the round, the owner of an
    # action): the personas of World who may open the sample object; the others get 403 or 404.
    personas: frozenset[str] | None = None
    # URL kwargs that name no object of A but a kind of page every municipality has (a process, a file
    # format): B's coordinator may open the same address under B, so only the other kwargs are probed there.
    generic_kwargs: frozenset[str] = frozenset()

    @property
    def capabilities(self) -> frozenset[Capability]:
        return self.capability if isinstance(self.capability, frozenset) else frozenset({self.capability})
