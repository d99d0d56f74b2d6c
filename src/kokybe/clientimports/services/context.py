"""What every row of one run needs: who imports, for which institutions, and lookups read once."""

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.clientimports.models import ImportRun
from kokybe.clientimports.values import Lookups
from kokybe.clients.models import Client
from kokybe.core.errors import ServiceError
from kokybe.eventlogs.reading import default_zone_name
from kokybe.tenancy.access import Access, memberships_of
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import Capability


@dataclass
class RowContext:
    actor: User
    municipality: Municipality
    default_institution: Institution | None
    institution_ids: frozenset[int] | None  # where the actor may import; None: everywhere
    different_people_confirmed: bool
    lookups: Lookups
    zone: ZoneInfo
    _users: dict[str, User | None] = field(default_factory=dict)
    _held: dict[str, dict[str, int]] | None = None

    def held(self, key: str) -> dict[str, int]:
        """Registered clients by "external_id" or by "personal_code" (of those without an identifier) -> pk.

        Read once per run: a query per row would read the register for each (SQLite cannot use the partial
        unique indexes for an equality), which made 10,000 rows take minutes."""
        if self._held is None:
            by_id: dict[str, int] = {}
            by_code: dict[str, int] = {}
            rows = Client.objects.filter(municipality=self.municipality).values_list(
                "pk", "external_id", "personal_code"
            )
            for pk, external_id, personal_code in rows.iterator(chunk_size=5000):
                if external_id:
                    by_id[external_id] = pk
                elif personal_code:
                    by_code[personal_code] = pk
            self._held = {"external_id": by_id, "personal_code": by_code}
        return self._held[key]

    @property
    def country(self) -> str:
        return self.municipality.country

    def user_by_email(self, email: str) -> User | None:
        """The member named by an e-mail address (one query per address in a run)."""
        if not email:
            return None
        key = email.strip().lower()
        if key not in self._users:
            self._users[key] = User.objects.filter(
                email__iexact=key, memberships__municipality=self.municipality
            ).first()
        found = self._users[key]
        if found is None:
            raise ServiceError(_("No member of the municipality has this e-mail address."), field="responsible")
        return found


def row_context(run: ImportRun, actor: User) -> RowContext:
    municipality = run.municipality
    access = Access(user=actor, municipality=municipality, memberships=memberships_of(actor, municipality))
    institutions = Institution.objects.filter(municipality=municipality, is_active=True)
    return RowContext(
        actor=actor,
        municipality=municipality,
        default_institution=run.institution,
        institution_ids=access.institution_ids(Capability.IMPORT_CLIENTS),
        different_people_confirmed=run.different_people_confirmed,
        lookups=Lookups(institutions),
        zone=ZoneInfo(default_zone_name(municipality)),
    )
