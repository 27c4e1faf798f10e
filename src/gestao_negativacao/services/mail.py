"""Sending an e-mail through the SMTP server of Parâmetros → E-mail (the password in the
keyring, never in the database). With STARTTLS on, the server's certificate and name are
checked against the system's authorities before the password goes out; port 465 speaks TLS
from the start."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.services.admin.parameters import EmailParameters
from gestao_negativacao.services.bureau_setup import credentials

SMTP_PASSWORD_KEY = "smtp"
IMPLICIT_TLS_PORT = 465


class MailNotConfigured(UserFacingError, ValueError):
    """Nothing can be sent: the message says what to set up."""


class MailRefused(UserFacingError, ValueError):
    """The server could not be trusted with the message (no TLS, a certificate that does
    not check out); the message says what to fix."""


def require_configured(settings: EmailParameters) -> None:
    if not settings.host or not settings.sender:
        raise MailNotConfigured(
            "Configure o servidor de e-mail (servidor SMTP e remetente) em Parâmetros → E-mail."
        )


def send(settings: EmailParameters, messages: list[EmailMessage]) -> None:
    """Send ``messages`` over one connection (``From`` is the configured sender). A login
    only ever travels encrypted: with a user set, a server without TLS is refused."""
    require_configured(settings)
    implicit = settings.port == IMPLICIT_TLS_PORT
    if settings.user and not (implicit or settings.starttls):
        raise MailRefused(
            "Login SMTP sem criptografia não é permitido: ligue STARTTLS ou use a porta 465 "
            "(Parâmetros → E-mail)."
        )
    context = ssl.create_default_context()
    try:
        if implicit:
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=30, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=30)
        with smtp:
            if settings.starttls and not implicit:
                smtp.starttls(context=context)
            password = credentials.get_named(SMTP_PASSWORD_KEY)
            if settings.user and password:
                smtp.login(settings.user, password)
            for message in messages:
                if "From" not in message:
                    message["From"] = settings.sender
                smtp.send_message(message)
    except ssl.SSLCertVerificationError as exc:
        raise MailRefused(
            f"O certificado do servidor de e-mail {settings.host} não foi aceito "
            f"({exc.verify_message}): nada foi enviado. Use o nome que consta no certificado "
            "ou instale a autoridade que o assinou nesta estação."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailRefused(
            f"O servidor de e-mail {settings.host} não oferece STARTTLS: nada foi enviado. "
            "Use a porta 465 (TLS direto) ou outro servidor."
        ) from None
