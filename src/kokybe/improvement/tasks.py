from django_tasks import task


@task()
def action_reminder_task(*, reminder_id: int, base_url: str) -> None:
    # Imported here: the services module enqueues this task, so it cannot be imported at the top.
    from kokybe.improvement.services.reminders import reminder_send

    reminder_send(reminder_id=reminder_id, base_url=base_url)
