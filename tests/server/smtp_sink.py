#!/usr/bin/python3
"""An SMTP server for the mail tests (Debian's python3-aiosmtpd).

Each message's DATA is written to DIR/NNNN.json (envelope, headers, text and HTML parts, and the
answer given) before it is answered. --answers "451,250" answers the first DATA with 451, the
second with 250, and every later one with 250; --hold-first N holds the first answer N seconds
(so a test can kill the sender mid-delivery). Prints "ready" once it listens.

TLS with a certificate the test made (--cert, --key): --tls smtps speaks TLS from the first byte;
--tls starttls offers STARTTLS and refuses MAIL until the client used it (--tls starttls-optional
offers it but also takes mail in the clear, to show a client never falls back). --auth-file FILE (user on
the first line, password on the second) makes AUTH required; AUTH is offered only over TLS. Each
record says whether its transfer was encrypted ("tls") and who signed in ("login").
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

REPLIES = {
    "250": "250 OK: queued",
    "451": "451 4.3.0 Mailbox temporarily unavailable, try again later",
    "550": "550 5.1.1 Recipient mailbox does not exist here",
}


class Sink:
    def __init__(self, folder, answers, hold_first):
        self.folder = folder
        self.answers = answers
        self.hold_first = hold_first
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        n = self.count
        answer = self.answers[n - 1] if n <= len(self.answers) else "250"
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
        parts = {}
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        record = {
            "n": n,
            "answer": int(answer),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": (session.auth_data.login.decode()
                      if session.authenticated and session.auth_data else None),
            "mailFrom": envelope.mail_from,
            "rcptTos": list(envelope.rcpt_tos),
            "headers": {k: str(v) for k, v in msg.items()},
            "contentType": msg.get_content_type(),
            "text": parts.get("text/plain", ""),
            "html": parts.get("text/html", ""),
        }
        tmp = os.path.join(self.folder, "%04d.tmp" % n)
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.folder, "%04d.json" % n))
        if n == 1 and self.hold_first > 0:
            await asyncio.sleep(self.hold_first)
        return REPLIES[answer]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--answers", default="")
    p.add_argument("--hold-first", type=float, default=0)
    p.add_argument("--tls", choices=["none", "smtps", "starttls", "starttls-optional"], default="none")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--auth-file")
    a = p.parse_args()
    answers = [x for x in a.answers.split(",") if x]
    smtp = {}
    if a.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)
        if a.tls == "smtps":
            smtp["ssl_context"] = context
        else:
            smtp["tls_context"] = context
            smtp["require_starttls"] = a.tls == "starttls"
    if a.auth_file:
        with open(a.auth_file) as f:
            user, password = (f.read().split("\n") + ["", ""])[:2]

        def check(server, session, envelope, mechanism, data):
            ok = data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=data)

        smtp["authenticator"] = check
        smtp["auth_required"] = True
        # Over smtps:// the whole connection is TLS (aiosmtpd only knows about STARTTLS).
        smtp["auth_require_tls"] = a.tls != "smtps"
    controller = Controller(Sink(a.dir, answers, a.hold_first), hostname="127.0.0.1",
                            port=a.port, **smtp)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
