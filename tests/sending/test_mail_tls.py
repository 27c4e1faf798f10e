"""E-mail (issue 18, item 3): the SMTP password never reaches a server whose certificate
does not check out, nor travels unencrypted; a server without STARTTLS is refused with a
clear message; nothing is sent in those cases. Against real local SMTP servers (aiosmtpd),
one presenting a self-signed certificate."""

import datetime as dt
import socket
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from gestao_negativacao.services import mail
from gestao_negativacao.services.admin.parameters import EmailParameters
from gestao_negativacao.services.bureau_setup import credentials


class Inbox:
    def __init__(self):
        self.messages = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


def _self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "smtp.pem", tmp_path / "smtp.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """Two servers: one offering STARTTLS with a self-signed certificate (and AUTH, which
    records any password it is sent), one offering no STARTTLS at all."""
    inbox = Inbox()

    def authenticator(_server, _session, _envelope, mechanism, auth_data):
        inbox.logins.append((mechanism, auth_data))
        return AuthResult(success=True)

    tls = Controller(
        inbox, hostname="127.0.0.1", port=_port(), tls_context=_self_signed(tmp_path),
        authenticator=authenticator, auth_require_tls=True,
    )  # fmt: skip
    plain = Controller(inbox, hostname="127.0.0.1", port=_port())
    tls.start()
    plain.start()
    try:
        yield tls.port, plain.port, inbox
    finally:
        tls.stop()
        plain.stop()


def _message():
    from email.message import EmailMessage

    message = EmailMessage()
    message["To"] = "supervisora@empresa.com.br"
    message["Subject"] = "teste"
    message.set_content("corpo")
    return message


def test_a_self_signed_server_never_receives_the_password(server):
    tls_port, _, inbox = server
    credentials.set_named(mail.SMTP_PASSWORD_KEY, "senha-smtp-secreta")
    settings = EmailParameters(
        host="127.0.0.1", port=tls_port, starttls=True, user="negativacao", sender="n@e.com.br"
    )
    with pytest.raises(mail.MailRefused, match="certificado do servidor de e-mail") as refused:
        mail.send(settings, [_message()])
    assert "senha-smtp-secreta" not in str(refused.value)
    assert inbox.logins == [] and inbox.messages == []


def test_no_login_in_clear_and_no_silent_downgrade(server):
    _, plain_port, inbox = server
    clear = EmailParameters(
        host="127.0.0.1", port=plain_port, starttls=False, user="negativacao", sender="n@e.com.br"
    )
    with pytest.raises(mail.MailRefused, match="sem criptografia"):
        mail.send(clear, [_message()])
    wanted = EmailParameters(host="127.0.0.1", port=plain_port, starttls=True, sender="n@e.com.br")
    with pytest.raises(mail.MailRefused, match="não oferece STARTTLS"):
        mail.send(wanted, [_message()])
    assert inbox.messages == []
    # a relay inside the company, no login: plain SMTP is the administrator's choice
    relay = EmailParameters(host="127.0.0.1", port=plain_port, starttls=False, sender="n@e.com.br")
    mail.send(relay, [_message()])
    assert len(inbox.messages) == 1
