import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.tenancy.models import Institution, InstitutionKind, Invitation, Membership, Municipality, Unit


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    # No usable password: hashing with Argon2 would slow every test; login tests set their own.
    password = factory.LazyFunction(lambda: make_password(None))


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    slug = factory.Sequence(lambda n: f"municipality-{n}")
    name = factory.Sequence(lambda n: f"Savivaldybė {n}")
    country = "LT"
    language = "lt"


class InstitutionFactory(factory.django.DjangoModelFactory[Institution]):
    class Meta:
        model = Institution

    municipality = factory.SubFactory(MunicipalityFactory)
    slug = factory.Sequence(lambda n: f"institution-{n}")
    name = factory.Sequence(lambda n: f"Įstaiga {n}")
    kind = InstitutionKind.SOCIAL_SERVICES_CENTRE


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    institution = factory.SubFactory(InstitutionFactory)
    municipality = factory.SelfAttribute("institution.municipality")
    name = factory.Sequence(lambda n: f"Skyrius {n}")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    institution = None
    role = "staff_member"


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    class Meta:
        model = Invitation

    municipality = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = "social_worker"
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))
