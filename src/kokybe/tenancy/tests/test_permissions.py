from kokybe.tenancy.permissions import ROLE_CAPABILITIES, Capability, Role, roles_with


def test_every_role_is_in_the_table() -> None:
    assert set(ROLE_CAPABILITIES) == set(Role)


def test_every_capability_is_granted_to_someone() -> None:
    for capability in Capability:
        assert roles_with(capability), capability


def test_auditor_reads_but_sees_no_personal_data_and_changes_nothing() -> None:
    auditor = ROLE_CAPABILITIES[Role.AUDITOR]
    assert Capability.VIEW_PERSONAL_DATA not in auditor
    assert Capability.VIEW_AUDIT in auditor
    assert not auditor & {Capability.MANAGE_ORGANISATION, Capability.MANAGE_MEMBERSHIPS}


def test_only_the_coordinator_manages_the_organisation() -> None:
    assert roles_with(Capability.MANAGE_ORGANISATION) == {Role.MUNICIPAL_COORDINATOR}
    assert roles_with(Capability.MANAGE_MEMBERSHIPS) == {Role.MUNICIPAL_COORDINATOR}


def test_client_records_are_read_by_those_who_serve_clients_and_the_coordinator() -> None:
    readers = {Role.MUNICIPAL_COORDINATOR, Role.DIRECTOR, Role.QUALITY_COORDINATOR, Role.SOCIAL_WORKER}
    assert roles_with(Capability.VIEW_CLIENTS) == readers
    assert roles_with(Capability.MANAGE_CLIENTS) == readers
    assert roles_with(Capability.VIEW_CLIENT_RECORD_VIEWS) == {Role.MUNICIPAL_COORDINATOR, Role.DIRECTOR}
    # Whoever reads client records signs in with a second factor (that rule hangs on VIEW_PERSONAL_DATA).
    assert readers <= roles_with(Capability.VIEW_PERSONAL_DATA)
