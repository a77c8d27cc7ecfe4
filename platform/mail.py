"""E-mails written as templates whose first line is the subject."""

from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_templated_mail(template: str, recipients: list[str], context: dict) -> None:
    subject, _separator, body = render_to_string(template, context).partition("\n")
    send_mail(subject=subject.strip(), message=body.strip() + "\n", from_email=None, recipient_list=recipients)
