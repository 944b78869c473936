#!/usr/bin/python3
"""smtpd.py: a real SMTP server for the e-mail tests (Python's aiosmtpd).

    smtpd.py DIR PORT [--starttls CERT KEY | --implicit CERT KEY] [--auth USER PASSWORD]

--starttls: STARTTLS is offered and required before MAIL; --implicit: TLS
from the first byte (smtps).  --auth: AUTH (PLAIN or LOGIN, over TLS
only) with this user and password is required.

Accepts every message and writes it to DIR/NNNN.eml (the raw message as
received) once the server has accepted it.  While the file DIR/refuse
exists, the server refuses temporarily with the code it holds (421 or
451) at RCPT TO, and counts the refusals in DIR/refused.  Prints "ready"
on stdout once it listens.
"""
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, out):
        self.out = out
        self.n = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refuse = os.path.join(self.out, "refuse")
        if os.path.exists(refuse):
            with open(refuse) as f:
                code = f.read().strip() or "451"
            with open(os.path.join(self.out, "refused"), "a") as f:
                f.write("%s %f\n" % (code, time.time()))
            if code.startswith("5"):
                return "550 5.1.1 No such user here"
            if code == "421":
                return "421 4.3.2 Service not available, closing transmission channel"
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        path = os.path.join(self.out, "%04d.eml" % self.n)
        with open(path + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    out, port = sys.argv[1], int(sys.argv[2])
    args = sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    kwargs = {}
    if args[:1] in (["--starttls"], ["--implicit"]):
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args[1], args[2])
        if args[0] == "--starttls":
            kwargs.update(tls_context=ctx, require_starttls=True)
        else:
            kwargs.update(ssl_context=ctx)
        args = args[3:]
    if args[:1] == ["--auth"]:
        user, password = args[1].encode(), args[2].encode()

        def authenticator(server, session, envelope, mechanism, data):
            ok = data.login == user and data.password == password
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=True)
    c = Controller(Handler(out), hostname="127.0.0.1", port=port, decode_data=False, **kwargs)
    c.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()


if __name__ == "__main__":
    main()
