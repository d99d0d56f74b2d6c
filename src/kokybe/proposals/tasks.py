from django_tasks import task


@task()
def decision_mail_task(*, proposal_id: int, base_url: str) -> None:
    # Imported here: the services module enqueues this task, so it cannot be imported at the top.
    from kokybe.proposals.services.deciding import proposer_tell

    proposer_tell(proposal_id=proposal_id, base_url=base_url)
