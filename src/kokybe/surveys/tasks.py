from django_tasks import task


@task()
def invitation_mail_task(*, invitation_id: int, base_url: str, reminder: bool) -> None:
    # Imported here: the services module enqueues this task, so it cannot be imported at the top.
    from kokybe.surveys.services.invitations import invitation_mail_send

    invitation_mail_send(invitation_id=invitation_id, base_url=base_url, reminder=reminder)
