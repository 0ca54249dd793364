#!/usr/bin/python3
"""An SMTP server for the mail tests (Debian's python3-aiosmtpd).

Each message's DATA is written to DIR/NNNN.json (envelope, headers, text and HTML parts, and the
answer given) before it is answered. --answers "451,250" answers the first DATA with 451, the
second with 250, and every later one with 250; --hold-first N holds the first answer N seconds
(so a test can kill the sender mid-delivery). Prints "ready" once it listens.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import sys
import time

from aiosmtpd.controller import Controller

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
    a = p.parse_args()
    answers = [x for x in a.answers.split(",") if x]
    controller = Controller(Sink(a.dir, answers, a.hold_first), hostname="127.0.0.1",
                            port=a.port)
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
