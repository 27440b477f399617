"""Signed links in newsletter e-mails: confirming a subscription (expires) and unsubscribing (does not).

A confirmation link carries the subscriber's current confirmation key; confirming replaces the key,
so a link works once. An unsubscribe link must keep working in every old issue, so it only
carries the subscriber's unsubscribe key.
"""

from django.core import signing

CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3  # three days
CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class InvalidToken(Exception):
    """The link was altered, belongs to nobody, or (for confirmation) has expired."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def confirmation_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.confirmation_key], salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.unsubscribe_key], salt=UNSUBSCRIBE_SALT, compress=True)


def read_confirmation_token(token):
    """(subscriber id, key) from a confirmation link."""
    try:
        return tuple(signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_MAX_AGE))
    except signing.SignatureExpired as error:
        raise InvalidToken("expired") from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise InvalidToken("invalid") from error


def read_unsubscribe_token(token):
    try:
        return tuple(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise InvalidToken("invalid") from error
