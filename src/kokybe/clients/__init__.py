"""The client register (issue 6): who the municipality's institutions serve, and what is held about them.

Other apps (service courses, individual plans, appointments, outcome measures, the subject-access report)
build on these contracts:

Models (`kokybe.clients.models`)
    `Client` — one person in one municipality. `search_name` is "last first" in lower case without
    diacritics (`kokybe.clients.names.searchable`), kept by the services. `personal_code` is stored
    canonical (LT: 11 digits; LV: DDMMYY-NNNNN, or 32NNNNNNNNN since July 2017) and unique per
    municipality, as is `external_id` (imports update by it). `status` is active, closed or merged
    (then `merged_into` names the kept record). Edits carry `lock_version`.
    `ClientInGroup` (the client's groups, `kokybe.core.client_groups.ClientGroup` codes),
    `ClientInstitution` (an institution serving the client and its responsible worker; open while
    `ended_on` is empty), `FamilyLink`, `Consent` (purpose, GDPR legal basis, given/withdrawn),
    `ClientAccessReason` (a coordinator's stated reason to open a record).
    A model of yours that holds a client's data points to `Client` with `on_delete=PROTECT`, carries
    `municipality` (and `institution` where it belongs to one), and joins the merge (below).

Access (`kokybe.clients.access`)
    `client_for(access, client_id) -> OpenedClient` for every page of one client: 403 without
    VIEW_CLIENTS, 404 when no institution of the person serves the client, `ReasonRequired` for a
    municipality-wide reader (the coordinator) without a reason in force. Views catch it with
    `kokybe.clients.views.client_page` (a decorator that sends the person to the reason form).
    `OpenedClient` carries the client, the coordinator's reason (or None) and the serving institution.
    A page keyed by another app's object (a plan, an appointment) calls
    `kokybe.clients.views.opened_client(request, access, obj.client_id, page=...)` instead.
    `visible_clients(access)` is the register list's queryset; `may_manage(access, opened)` whether the
    person may change the record (MANAGE_CLIENTS where the client is served, or municipality-wide).

    Decided: the register list is itself personal data (being a client of social services says much
    about a person), so the coordinator's list shows only names and serving institutions, never groups,
    codes, birth dates or contacts; lists are not recorded per row, records are.

Recording a view (`kokybe.clients.services.access_reasons.client_view_record`)
    Every page or download that shows a client's personal data calls
    `client_view_record(actor=user, opened=opened, page="<short English page name>")` once per request:
    an audit event of kind VIEW on the client, with the coordinator's reason in its purpose. The record's
    "who viewed" list (`selectors.client_record_views`) and the subject-access report read these events.

Writes (`kokybe.clients.services.*`, keyword-only, atomic, audited)
    registry: `client_register` (raises `SamePersonalCode` / `PossibleDuplicates` before writing),
    `client_update`; serving: `client_serve`, `client_serve_end`; merging: `client_merge`;
    consents: `consent_record`, `consent_withdraw`; family: `family_link_add`, `family_link_remove`;
    access_reasons: `client_access_reason_give`. Client details go in as a `ClientDetails` (services.details).

Merging (`kokybe.clients.services.merging.MERGE_STEPS`)
    A list of functions `step(*, actor, kept, duplicate)`; append yours in your AppConfig.ready() to move
    your rows from the duplicate to the kept record inside the merge's transaction (see that module).

Parts of the record other apps hold (`kokybe.clients.record_sections`)
    `record_section_register(RecordSection(label, url_name, order))` in AppConfig.ready(): the record page
    links to each under "Course of help" (services 10, individual plans 20, appointments 30, measures 40).

Subject-access report (`kokybe.clients.subject_access`, built by `subject_access_report`)
    Every app holding client data registers a `ReportSection` naming its models and collecting the client's
    rows (`model_facts` formats a row's fields); a model left out on purpose is `report_exclude`d with the
    reason. `tests/test_subject_access.py` fails on a model with a foreign key path to Client that is
    neither. The report adds the record's changes and every consultation from the audit trail.

Reading (`kokybe.clients.selectors`)
    `client_search(access, ClientFilters(...))` -> `ClientPage` (keyset pages in name order, capped count),
    `client_record(opened)`, `client_record_views(client)`.
"""
