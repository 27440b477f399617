"""An e-mail backend for tests whose server refuses one address, like a real SMTP server would."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.locmem import EmailBackend


class RefusingEmailBackend(EmailBackend):
    REFUSED = "kaputt@example.org"

    def send_messages(self, messages):
        for message in messages:
            if self.REFUSED in message.to:
                raise SMTPRecipientsRefused({self.REFUSED: (550, b"mailbox unavailable")})
        return super().send_messages(messages)
