"""Individual plans of clients (issue 6): ISPP (a family's social help plan), IPP (a person's help plan) and
ISGP (a social care plan).

Models (`kokybe.individualplans.models`)
    `IndividualPlan` (one client, one institution, the responsible worker, the next review date, in force or
    closed), its `PlanRevision`s (needs found, the first review, the client's agreement: a draft until agreed,
    unchanged from then on; a change is a new revision copied from the one in force), each revision's
    `PlanGoal`s (target date, how success is judged) and their `PlanAction`s (who, what, when), and the
    `PlanReview`s of the revision in force with a `GoalProgress` rating (1-5) per goal.

Access (`kokybe.individualplans.access`)
    A plan opens for whoever may open its client's record (`kokybe.clients.views.opened_client`, which records
    the view) and sees the plan's institution; other institutions get 404. Changes need MANAGE_CLIENTS there.

For the LEAN and charter figures (issue 7)
    `selectors.reviews_on_time(municipality, start=, end=, institution_ids=None)` -> per institution, the
    reviews due in the period held on time, held late and not held (the day passed), with `share_on_time`.

Registered in AppConfig.ready(): the record's "Individual plans" section, the subject-access section
(`report.SECTION`), the merge step (`services.merging`) and the page names of the recorded views; the
home-page reminder of overdue reviews is in `attention.py`.
"""
