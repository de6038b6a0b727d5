"""Send email from the background worker: an email backend that queues, and the task that sends.

``EMAIL_BACKEND = "core.mail.QueuedEmailBackend"`` (config.settings.base) turns every message
Django or Wagtail sends (workflow and moderation notifications, password resets) into a
django-tasks task; the worker sends it with ``EMAIL_DELIVERY_BACKEND`` (SMTP in production, the
console in development). A request never waits for a mail server, and a message whose delivery
fails is kept as a failed task with its error (``django_tasks_db`` in the Django admin's task
results), not lost in the editor's request. A failure that may pass (the server unreachable, or
a 4xx reply, RFC 5321 section 4.2.1) is tried again later (:data:`RETRY_DELAYS`).
"""

import base64
import datetime
import logging
import smtplib
import socket

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

logger = logging.getLogger(__name__)

#: How long to wait before each new attempt after a transient failure: five attempts over about
#: two and a half hours, then the message stays a failed task.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)


def message_to_json(message: EmailMessage) -> dict:
    """The parts of ``message`` as JSON-safe values (attachments base64-encoded).

    Raises:
        TypeError: for an attachment that is a ready-made MIME part rather than
            (filename, content, mimetype): it cannot be queued.
    """
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("A MIME attachment cannot be queued; attach (filename, content, mimetype).")
        filename, content, mimetype = attachment
        data = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append([filename, base64.b64encode(data).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(key): str(value) for key, value in message.extra_headers.items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "content_subtype": message.content_subtype,
        "attachments": attachments,
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    """The message :func:`message_to_json` described."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


#: Errors of a server that cannot be reached now: refused, reset, timed out, a name that did
#: not resolve, a connection dropped mid-conversation. TLS and protocol errors (``ssl.SSLError``,
#: ``smtplib.SMTPNotSupportedError``) are settings to fix, not waits, so they are left out.
UNREACHABLE = (ConnectionError, TimeoutError, socket.gaierror, smtplib.SMTPServerDisconnected)


def is_transient(error: Exception) -> bool:
    """Whether sending may succeed later: a 4xx SMTP reply (RFC 5321 section 4.2.1) to the
    connection, the message or every recipient, or the server unreachable (:data:`UNREACHABLE`).
    5xx replies, TLS and configuration errors and malformed messages are permanent."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, UNREACHABLE)


@task()
def send_email(message: dict, attempt: int = 1) -> int:
    """Send one queued message (see :func:`message_to_json`) with EMAIL_DELIVERY_BACKEND.

    Returns the number sent (1). A failure raises, so the task is recorded as failed with its
    error; a transient one (:func:`is_transient`) first enqueues attempt ``attempt + 1`` after
    ``RETRY_DELAYS[attempt - 1]``, when the task backend can defer (the database backend can;
    with the immediate backend of the tests and the demo loader there is no retry). Should the
    retry itself fail to be queued, both errors are logged and the sending error is raised.
    """
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        return connection.send_messages([message_from_json(message)])
    except Exception as error:
        if is_transient(error) and attempt <= len(RETRY_DELAYS) and send_email.get_backend().supports_defer:
            run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
            subject = message["subject"]
            try:
                send_email.using(run_after=run_after).enqueue(message, attempt + 1)
            except Exception:
                logger.exception("Email %r not sent (%s), and its next attempt could not be queued", subject, error)
            else:
                logger.warning("Email %r not sent (%s); attempt %d at %s", subject, error, attempt + 1, run_after)
        raise


class QueuedEmailBackend(BaseEmailBackend):
    """An email backend that queues each message as a :func:`send_email` task."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            send_email.enqueue(message_to_json(message))
            count += 1
        return count
