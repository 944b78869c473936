#!/usr/bin/python3
"""smtpd.py: a real SMTP server for the e-mail tests (Python's aiosmtpd).

    smtpd.py DIR PORT

Accepts every message and writes it to DIR/NNNN.eml (the raw message as
received) once the server has accepted it.  While the file DIR/refuse
exists, the server refuses temporarily with the code it holds (421 or
451) at RCPT TO, and counts the refusals in DIR/refused.  Prints "ready"
on stdout once it listens.
"""
import asyncio
import os
import sys
import time

from aiosmtpd.controller import Controller


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
    os.makedirs(out, exist_ok=True)
    c = Controller(Handler(out), hostname="127.0.0.1", port=port, decode_data=False)
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
