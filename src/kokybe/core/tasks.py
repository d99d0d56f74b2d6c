from django.core.mail import send_mail
from django_tasks import task


@task()
def email_send(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text e-mail from the background worker, so a slow mail server never holds up a page."""
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
