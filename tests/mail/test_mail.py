#!/usr/bin/python3
"""test_mail.py: e-mail against a real SMTP server (tests/mail/smtpd.py,
Python's aiosmtpd) started by the test, with `samla serve` and
`samla mail` as an operator runs them.

    SAMLA_BIN=build/samla /usr/bin/python3 tests/mail/test_mail.py [-k NAME]

Ends with "# pass N" and "# fail N" lines (scripts/check.sh counts them).
Every mail is counted at the server.
"""
import email
import email.header
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.abspath(os.environ.get("SAMLA_BIN", os.path.join(ROOT, "build", "samla")))
# A Monday in a week without Norwegian public holidays.
TODAY = "2026-10-05"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def decode(value):
    return str(email.header.make_header(email.header.decode_header(value or "")))


class Mail:
    """One message as the server received it."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.msg = email.message_from_bytes(f.read())
        self.to = self.msg["X-Envelope-To"]
        self.subject = decode(self.msg["Subject"])
        self.message_id = self.msg["Message-ID"]
        self.text = self.html = ""
        for part in self.msg.walk():
            if part.get_content_type() == "text/plain":
                self.text = part.get_payload(decode=True).decode()
            elif part.get_content_type() == "text/html":
                self.html = part.get_payload(decode=True).decode()

    def __repr__(self):
        return "<Mail to=%s subject=%r>" % (self.to, self.subject)


class Env(unittest.TestCase):
    """A data directory with the demo, an SMTP server, and helpers."""

    smtpd_args = []   # e.g. ["--starttls", "{cert}", "{key}", "--auth", "samla", "hemmelig"]

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="samla-mail-")
        self.data = os.path.join(self.dir, "data")
        self.spool = os.path.join(self.dir, "spool")
        self.env = dict(os.environ, SAMLA_TODAY=TODAY, TZ="Europe/Oslo")
        for k in list(self.env):
            if k.startswith("SAMLA_SMTP") or k.startswith("SAMLA_MAIL"):
                del self.env[k]
        subprocess.run([BIN, "init", "--data", self.data, "--demo"], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)
        self.smtp_port = free_port()
        self.cert = os.path.join(self.dir, "cert.pem")
        self.key = os.path.join(self.dir, "key.pem")
        if self.smtpd_args:
            # a certificate for 127.0.0.1, which samla is told to trust (--smtp-ca-file)
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                            "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", self.key,
                            "-out", self.cert], check=True, capture_output=True)
        args = [a.format(cert=self.cert, key=self.key) for a in self.smtpd_args]
        self.smtpd = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "smtpd.py"), self.spool,
                                       str(self.smtp_port), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.assertEqual(self.smtpd.stdout.readline().strip(), b"ready")
        self.serve = None
        self.port = None

    def tearDown(self):
        self.stop()
        self.smtpd.send_signal(signal.SIGINT)
        try:
            self.smtpd.wait(5)
        except subprocess.TimeoutExpired:
            self.smtpd.kill()
            self.smtpd.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- samla ------------------------------------------------------------------

    def mail_flags(self):
        return ["--smtp-url", "smtp://127.0.0.1:%d" % self.smtp_port, "--smtp-tls", "none",
                "--mail-from", "samla@dep.example", "--base-url", "https://samla.example"]

    def start(self, mail=True, extra_env=None, tick=1, retry=None):
        self.port = free_port()
        env = dict(self.env, SAMLA_MAIL_TICK=str(tick))
        if retry:
            env["SAMLA_MAIL_RETRY"] = str(retry)
        env.update(extra_env or {})
        args = [BIN, "serve", "--data", self.data, "--listen", "127.0.0.1:%d" % self.port, "--quiet"]
        if mail:
            args += self.mail_flags()
        self.log = open(os.path.join(self.dir, "serve.log"), "ab")
        self.serve = subprocess.Popen(args, env=env, stdout=self.log, stderr=self.log)
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/healthz" % self.port, timeout=1).read()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.serve.poll() is not None:
                    return
                time.sleep(0.05)
        self.fail("samla serve did not start")

    def stop(self, sig=signal.SIGTERM):
        if self.serve and self.serve.poll() is None:
            self.serve.send_signal(sig)
            self.serve.wait(15)
            if sig == signal.SIGTERM:   # an orderly stop (under ASan: no leak, no error)
                with open(os.path.join(self.dir, "serve.log"), "rb") as f:
                    tail = f.read()[-3000:].decode(errors="replace")
                self.assertEqual(self.serve.returncode, 0, tail)
        self.serve = None

    def cli(self, *args, today=TODAY, env=None):
        e = dict(self.env, SAMLA_TODAY=today)
        e.update(env or {})
        return subprocess.run([BIN, *args, "--data", self.data], env=e, check=True, capture_output=True,
                              text=True).stdout

    def token(self, user):
        out = self.cli("token", "create", "--user", user, "--name", "test")
        return out.strip().splitlines()[-1]

    def api(self, method, path, token=None, body=None, headers=None, raw=None, ctype=None):
        data = json.dumps(body).encode() if body is not None else raw
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.port, path), data=data, method=method)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        if data is not None:
            req.add_header("Content-Type", ctype or "application/json")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                text = r.read().decode()
                status = r.status
        except urllib.error.HTTPError as err:
            text = err.read().decode()
            status = err.code
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def db(self):
        return sqlite3.connect(os.path.join(self.data, "samla.db"))

    def sql(self, q, *args):
        with self.db() as c:
            return c.execute(q, args).fetchall()

    def only_mentions(self):
        """Turn off the demo's own reminders and summaries, so that the
        mentions of a test are all the mail there is."""
        self.sql("INSERT INTO mail_pref (user_id, kind, cadence) SELECT a.id, k.kind, 'off' FROM account a, "
                 "(SELECT 'deadline' AS kind UNION SELECT 'overdue' UNION SELECT 'summary') k")

    def mention(self, token, record, who, text="kan du se på dette?"):
        status, body = self.api("POST", "/api/v1/records/%d/comments" % record, token,
                                {"text": "@%s %s" % (who, text)})
        self.assertEqual(status, 201, body)
        return body

    # -- the server's side ---------------------------------------------------------

    def mails(self, to=None):
        if not os.path.isdir(self.spool):
            return []
        out = [Mail(os.path.join(self.spool, f)) for f in sorted(os.listdir(self.spool)) if f.endswith(".eml")]
        return [m for m in out if to is None or m.to == to]

    def wait_mails(self, n, to=None, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self.mails(to)
            if len(got) >= n:
                return got
            time.sleep(0.1)
        return self.mails(to)

    def outbox(self, user="sb.kd"):
        """{status: count} of the outbox rows to user (the demo's own
        deadlines give others reminders of their own)."""
        q = ("SELECT status, count(*) FROM mail_outbox WHERE user_id = (SELECT id FROM account WHERE username = ?) "
             "AND kind <> 'summary' GROUP BY status")
        return dict(self.sql(q, user))


KARI = "kari.knutsen@example.invalid"   # sb.kd, case officer KD


class MentionTest(Env):
    def test_a_mention_sends_one_mail_in_the_persons_language(self):
        self.sql("UPDATE account SET language = 'nn' WHERE username = 'sb.kd'")
        self.sql("UPDATE account SET language = 'en' WHERE username = 'sb.bfd'")
        self.start(tick=60)   # the scheduler's default: mail wanted at once still leaves within seconds
        self.mention(self.token("sb.bfd"), 1, "sb.kd")
        begun = time.time()
        got = self.wait_mails(1, KARI, timeout=10)
        self.assertEqual(len(got), 1)
        self.assertLess(time.time() - begun, 5)
        time.sleep(2.5)   # the sender runs every second: nothing more comes
        got = self.mails(KARI)
        self.assertEqual(len(got), 1, got)
        m = got[0]
        # nynorsk, with who and what, and a link to the comment
        self.assertIn("Nemnde deg i ein kommentar", m.subject)
        self.assertIn("Hei Kari Knutsen", m.text)
        self.assertIn("Bjørn Berg", m.text)
        self.assertIn("https://samla.example/measures/1#comment-", m.text)
        self.assertIn("> @sb.kd kan du se på dette?", m.text)     # the comment itself
        self.assertIn("<blockquote", m.html)
        self.assertIn('lang="nn"', m.html)
        self.assertRegex(m.message_id, r"^<[^@\s]+@dep\.example>$")
        self.assertTrue(m.msg["List-Unsubscribe"].startswith("<https://samla.example/mail/unsubscribe?"))
        self.assertEqual(m.msg["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        self.assertEqual(self.outbox().get("sent"), 1)
        with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % self.port) as r:
            metrics = r.read().decode()
        self.assertIn("samla_mail_configured 1", metrics)
        self.assertRegex(metrics, r'samla_mail_outbox\{status="sent"\} [1-9]')
        # the mentioner is not mailed about their own comment
        self.assertEqual(self.mails("bjorn.berg@example.invalid"), [])

    def test_without_smtp_mail_stays_queued_and_the_admin_sees_why(self):
        self.start(mail=False)
        self.mention(self.token("sb.bfd"), 1, "sb.kd")
        time.sleep(1.5)
        self.assertEqual(self.mails(), [])
        self.assertEqual(self.outbox().get("queued"), 1)
        status, body = self.api("GET", "/api/v1/admin/mail/outbox", self.token("admin"))
        self.assertEqual(status, 200)
        self.assertFalse(body["configured"])
        self.assertGreaterEqual(body["counts"]["queued"], 1)
        self.assertIn(("Kari Knutsen", "KD", "queued"),
                      [(x["to_name"], x["to_ministry"], x["status"]) for x in body["items"]])
        # not for anyone else
        status, _ = self.api("GET", "/api/v1/admin/mail/outbox", self.token("sb.kd"))
        self.assertEqual(status, 403)


def workdays_before(deadline, n):
    """The day n working days (Mon-Fri) before deadline (no holidays near TODAY)."""
    import datetime
    d = datetime.date.fromisoformat(deadline)
    while n:
        d -= datetime.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d.isoformat()


class ReminderTest(Env):
    def test_a_round_three_working_days_ahead_reminds_each_recipient_ministrys_officers(self):
        # KD sends a referral to BFD, DFD and AID with a deadline on Monday 26 October.
        self.start(mail=False)
        kari = self.token("sb.kd")
        status, case = self.api("POST", "/api/v1/cases", kari, {"title": "Ny forskrift om felles tjenester",
                                                                "type": "regulation", "summary": "Utkast."})
        self.assertEqual(status, 201, case)
        deadline = "2026-10-26"
        status, rnd = self.api("POST", "/api/v1/cases/%d/rounds" % case["id"], kari,
                               {"kind": "referral", "recipients": ["BFD", "DFD", "AID"], "deadline": deadline,
                                "message": "Se utkastet.", "confirm": True})
        self.assertEqual(status, 201, rnd)
        self.stop()
        officers = {"bjorn.berg@example.invalid", "dina.dale@example.invalid", "aslak.aune@example.invalid"}
        # the round itself: one mail at once to each recipient ministry's officers
        self.cli("mail", "send", *self.mail_flags())
        received = [m for m in self.mails() if "Ny runde" in m.subject]
        self.assertEqual(sorted(m.to for m in received), sorted(officers))

        def reminders():
            return [m for m in self.mails() if "Fristen er om tre arbeidsdager" in m.subject]

        # four working days before: nothing yet
        self.cli("mail", "tick", today=workdays_before(deadline, 4))
        self.cli("mail", "send", *self.mail_flags())
        self.assertEqual(reminders(), [])
        # three working days before (Wednesday 21 October): one each; a second run adds nothing
        day = workdays_before(deadline, 3)
        self.assertEqual(day, "2026-10-21")
        self.cli("mail", "tick", today=day)
        self.cli("mail", "tick", today=day)
        self.cli("mail", "send", *self.mail_flags())
        got = reminders()
        self.assertEqual(sorted(m.to for m in got), sorted(officers), got)
        self.assertTrue(all("Ny forskrift om felles tjenester" in m.subject for m in got))
        self.assertTrue(all("/answers/" in m.text for m in got))
        # nobody in the lead ministry, nobody who may not answer
        self.assertEqual([m for m in got if m.to in (KARI, "hanne.haugen@example.invalid")], [])
        # BFD answers; on the day, only DFD and AID are reminded
        self.start(mail=False)
        answer = next(a["id"] for a in rnd["answers"] if a["ministry"] == "BFD")
        status, body = self.api("POST", "/api/v1/answers/%d" % answer, self.token("sb.bfd"),
                                {"position": "none", "approved_by": "Dag Dahl, departementsråd"})
        self.assertEqual(status, 200, body)
        self.stop()
        self.cli("mail", "tick", today=deadline)
        self.cli("mail", "send", *self.mail_flags())
        today = [m for m in self.mails() if "Fristen er i dag" in m.subject]
        self.assertEqual(sorted(m.to for m in today), ["aslak.aune@example.invalid", "dina.dale@example.invalid"])
        # AID's deadline is extended to Monday 2 November: reminded again three working days before it
        self.sql("UPDATE consult_answer SET deadline = '2026-11-02' WHERE id = ?",
                 next(a["id"] for a in rnd["answers"] if a["ministry"] == "AID"))
        self.cli("mail", "tick", today="2026-10-28")
        self.cli("mail", "send", *self.mail_flags())
        self.assertEqual(sorted(m.to for m in reminders()), sorted(list(officers) + ["aslak.aune@example.invalid"]))
        # and the lead heard of the answer: one mail to the case's officer, who sent the round
        answered = [m for m in self.mails(KARI) if "Nytt svar" in m.subject]
        self.assertEqual(len(answered), 1, self.mails(KARI))
        self.assertIn("Bjørn Berg", answered[0].text)


class SummaryTest(Env):
    def test_a_secretary_general_gets_the_weekly_summary_once_a_week(self):
        dag = "dag.dahl@example.invalid"   # dr.bfd, secretary general of BFD
        for day in (TODAY, TODAY, "2026-10-06", "2026-10-09"):   # Monday twice, Tuesday, Friday
            self.cli("mail", "tick", today=day)
        self.assertEqual(self.outbox("dr.bfd"), {}, "a summary is not a notice")
        summaries = lambda: self.sql("SELECT count(*) FROM mail_outbox o JOIN account a ON a.id = o.user_id "
                                     "WHERE o.kind = 'summary' AND a.username = 'dr.bfd'")[0][0]
        self.assertEqual(summaries(), 1)
        self.assertEqual(self.sql("SELECT count(*) FROM mail_outbox WHERE kind = 'summary'"), [(1,)],
                         "only secretaries general")
        self.cli("mail", "send", *self.mail_flags())
        got = [m for m in self.mails(dag) if m.subject == "Ukentlig oppsummering fra samla"]
        self.assertEqual(len(got), 1, self.mails(dag))
        self.assertIn("https://samla.example/dashboard", got[0].text)
        self.assertIn("k=summary", got[0].msg["List-Unsubscribe"])
        self.cli("mail", "tick", today="2026-10-12")   # the next Monday
        self.assertEqual(summaries(), 2)

    def test_the_summary_lists_what_the_ministry_still_has_to_answer(self):
        subprocess.run([BIN, "user", "add", "--data", self.data, "--username", "dr.kdd", "--name", "Kåre Kvist",
                        "--email", "dr@kdd.example", "--ministry", "KDD", "--role", "secretary_general"],
                       env=self.env, input="et langt passord 123\n", text=True, check=True, capture_output=True)
        owed = self.sql("SELECT r.title, ifnull(ca.deadline, cr.deadline) FROM consult_answer ca "
                        "JOIN consult_round cr ON cr.id = ca.round_id JOIN record r ON r.id = cr.case_id "
                        "JOIN ministry m ON m.id = ca.ministry_id WHERE m.code = 'KDD' AND ca.answered_on IS NULL "
                        "AND cr.closed_on IS NULL")
        self.assertTrue(owed, "the demo has an answer KDD owes")
        self.cli("mail", "tick")
        self.cli("mail", "send", *self.mail_flags())
        got = self.mails("dr@kdd.example")
        self.assertEqual(len(got), 1, got)
        self.assertIn("Høringer og foreleggelser departementet skal svare på", got[0].text)
        for title, deadline in owed:
            self.assertIn(title, got[0].text)
            self.assertIn(deadline, got[0].text)


class StartTlsTest(Env):
    smtpd_args = ["--starttls", "{cert}", "{key}", "--auth", "samla", "et hemmelig passord"]

    def secure_flags(self, password="et hemmelig passord", tls="starttls"):
        pw = os.path.join(self.dir, "smtp-password")
        with open(pw, "w") as f:
            f.write(password + "\n")
        return ["--smtp-url", "smtp://127.0.0.1:%d" % self.smtp_port, "--smtp-tls", tls, "--smtp-ca-file",
                self.cert, "--smtp-user", "samla", "--smtp-password-file", pw, "--mail-from", "samla@dep.example",
                "--base-url", "https://samla.example"]

    def queue_test_mail(self, to):
        self.start(mail=False)
        status, body = self.api("POST", "/api/v1/admin/mail/test", self.token("admin"), {"to": to})
        self.assertEqual(status, 201, body)
        self.stop()
        return body["id"]

    def status_of(self, id):
        return self.sql("SELECT status, last_error FROM mail_outbox WHERE id = ?", id)[0]

    def test_starttls_and_authentication_from_a_password_file(self):
        id = self.queue_test_mail("drift@dep.example")
        self.cli("mail", "send", *self.secure_flags())
        self.assertEqual(self.status_of(id)[0], "sent")
        self.assertEqual(len(self.mails("drift@dep.example")), 1)

    def test_a_wrong_password_is_given_up_with_the_servers_answer(self):
        id = self.queue_test_mail("drift@dep.example")
        self.cli("mail", "send", *self.secure_flags(password="feil"))
        status, error = self.status_of(id)
        self.assertEqual(status, "given_up")
        self.assertIn("535", error)
        self.assertEqual(self.mails(), [])

    def test_without_tls_a_server_that_requires_it_gets_nothing(self):
        id = self.queue_test_mail("drift@dep.example")
        self.cli("mail", "send", *self.secure_flags(tls="none"))
        status, error = self.status_of(id)
        self.assertEqual(status, "given_up")
        self.assertRegex(error, r"5\d\d")
        self.assertEqual(self.mails(), [])


class ImplicitTlsTest(Env):
    smtpd_args = ["--implicit", "{cert}", "{key}"]

    def test_smtps_with_implicit_tls(self):
        self.start(mail=False)
        status, body = self.api("POST", "/api/v1/admin/mail/test", self.token("admin"), {"to": "drift@dep.example"})
        self.assertEqual(status, 201, body)
        self.stop()
        self.cli("mail", "send", "--smtp-url", "smtps://127.0.0.1:%d" % self.smtp_port, "--smtp-ca-file", self.cert,
                 "--mail-from", "samla@dep.example")
        self.assertEqual(len(self.mails("drift@dep.example")), 1)
        # and an untrusted certificate is refused: nothing is sent
        self.sql("UPDATE mail_outbox SET status = 'queued', next_attempt_at = 0 WHERE id = ?", body["id"])
        self.cli("mail", "send", "--smtp-url", "smtps://127.0.0.1:%d" % self.smtp_port,
                 "--mail-from", "samla@dep.example")
        self.assertEqual(len(self.mails("drift@dep.example")), 1)
        status, error = self.sql("SELECT status, last_error FROM mail_outbox WHERE id = ?", body["id"])[0]
        self.assertEqual(status, "failed")
        self.assertRegex(error, r"(?i)certificate|SSL")


class DigestTest(Env):
    def test_a_daily_digest_user_gets_one_mail_with_all_of_the_days_items(self):
        self.start(mail=False)
        kari = self.token("sb.kd")
        status, body = self.api("PUT", "/api/v1/me/mail-preferences", kari, {"mention": "daily"})
        self.assertEqual(status, 200, body)
        self.assertIn({"kind": "mention", "cadence": "daily", "default": "now"}, body["preferences"])
        bjorn = self.token("sb.bfd")
        titles = []
        for record in (1, 2, 3):
            self.mention(bjorn, record, "sb.kd", "runde %d" % record)
            titles.append(self.sql("SELECT title FROM record WHERE id = ?", record)[0][0])
        self.stop()
        self.assertEqual(self.outbox(), {}, "nothing at once for a daily-digest user")
        today, tomorrow = TODAY, "2026-10-06"
        self.cli("mail", "tick", today=today)
        self.assertEqual(self.outbox(), {}, "the day's items wait for the day to end")
        self.cli("mail", "tick", today=tomorrow)
        self.cli("mail", "tick", today=tomorrow)
        self.cli("mail", "send", *self.mail_flags(), today=tomorrow)
        got = [m for m in self.mails(KARI) if "Dagens varsler" in m.subject]
        self.assertEqual(len(got), 1, self.mails(KARI))
        self.assertIn("(3)", got[0].subject)
        for t in titles:
            self.assertIn(t, got[0].text)
        # grouped by record: each title once, with its item under it
        self.assertEqual(got[0].text.count("Nevnte deg i en kommentar"), 3)
        self.assertEqual(got[0].msg["List-Unsubscribe"].count("k=daily"), 1)


class CrashTest(Env):
    def queued(self, n):
        """n mentions of Kari written while no SMTP server is configured."""
        self.only_mentions()
        self.start(mail=False)
        bjorn = self.token("sb.bfd")
        for record in range(1, n + 1):
            self.mention(bjorn, record, "sb.kd")
        self.stop(signal.SIGKILL)
        self.assertEqual(self.outbox(), {"queued": n})

    def test_sigkill_between_writing_and_sending_then_restart_delivers_each_once(self):
        self.queued(5)
        # the sender is killed right after claiming the first: nothing reached the server
        self.start(extra_env={"SAMLA_MAIL_FAILPOINT": "after-claim"})
        self.serve.wait(15)
        self.assertEqual(self.serve.returncode, -signal.SIGKILL)
        self.assertEqual(self.mails(), [])
        self.assertEqual(self.outbox(), {"queued": 4, "sending": 1})
        self.start()
        got = self.wait_mails(5, KARI)
        time.sleep(2.5)
        got = self.mails(KARI)
        self.assertEqual(len(got), 5, got)
        self.assertEqual(len({m.message_id for m in got}), 5)
        self.assertEqual(self.outbox(), {"sent": 5})

    def test_a_crash_after_acceptance_resends_with_the_same_message_id(self):
        self.queued(1)
        self.start(extra_env={"SAMLA_MAIL_FAILPOINT": "after-accept"})
        self.serve.wait(15)
        self.assertEqual(self.serve.returncode, -signal.SIGKILL)
        self.assertEqual(len(self.mails(KARI)), 1)
        self.assertEqual(self.outbox(), {"sending": 1})
        self.start()
        got = self.wait_mails(2, KARI)
        self.assertEqual(len(got), 2)
        self.assertEqual(got[0].message_id, got[1].message_id)
        self.assertEqual(self.outbox(), {"sent": 1})


class RefusalTest(Env):
    def test_a_server_refusing_for_a_while_delays_mail_and_loses_none(self):
        refuse = os.path.join(self.spool, "refuse")
        with open(refuse, "w") as f:
            f.write("421")
        self.only_mentions()
        # A minute of refusals: 421 for 20 s, then 451 for 40 s.  With a
        # first retry after 1 s, doubling, each mail is tried at about 0,
        # 1, 3, 7, 15 (421), 31 (451) and 63 s (accepted); after a 421 the
        # others wait for the next round.
        self.start(retry=1)
        bjorn = self.token("sb.bfd")
        for record in (1, 2, 3):
            self.mention(bjorn, record, "sb.kd")
        time.sleep(20)
        with open(refuse, "w") as f:
            f.write("451")
        time.sleep(40)
        self.assertEqual(self.mails(), [])
        rows = self.sql("SELECT status, attempts, last_error FROM mail_outbox")
        self.assertEqual(len(rows), 3)
        for status, attempts, error in rows:
            self.assertEqual(status, "failed")
            self.assertGreaterEqual(attempts, 3)
            self.assertRegex(error, r"4[25]1")
        os.unlink(refuse)
        got = self.wait_mails(3, KARI, timeout=45)
        time.sleep(2)
        got = self.mails(KARI)
        self.assertEqual(len(got), 3, got)
        self.assertEqual(len({m.message_id for m in got}), 3)
        self.assertEqual(self.outbox(), {"sent": 3})
        with open(os.path.join(self.spool, "refused")) as f:
            codes = {line.split()[0] for line in f}
        self.assertEqual(codes, {"421", "451"})

    def test_a_permanent_refusal_gives_up_and_the_admin_can_resend_it(self):
        refuse = os.path.join(self.spool, "refuse")
        with open(refuse, "w") as f:
            f.write("550")
        self.only_mentions()
        self.start()
        self.mention(self.token("sb.bfd"), 1, "sb.kd")
        deadline = time.time() + 10
        while time.time() < deadline and self.outbox() != {"given_up": 1}:
            time.sleep(0.1)
        self.assertEqual(self.outbox(), {"given_up": 1})
        admin = self.token("admin")
        status, body = self.api("GET", "/api/v1/admin/mail/outbox?status=given_up", admin)
        self.assertEqual(status, 200)
        item = body["items"][0]
        self.assertIn("550", item["last_error"])
        os.unlink(refuse)
        status, body = self.api("POST", "/api/v1/admin/mail/outbox/%d/resend" % item["id"], admin)
        self.assertEqual(status, 200, body)
        got = self.wait_mails(1, KARI)
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0].message_id, item["message_id"])
        status, body = self.api("POST", "/api/v1/admin/mail/outbox/%d/resend" % item["id"], admin)
        self.assertEqual(status, 409)
        # and a test mail
        status, body = self.api("POST", "/api/v1/admin/mail/test", admin, {"to": "drift@dep.example"})
        self.assertEqual(status, 201, body)
        self.assertEqual(len(self.wait_mails(1, "drift@dep.example")), 1)
        status, body = self.api("POST", "/api/v1/admin/mail/test", admin, {"to": "not an address"})
        self.assertEqual(status, 400)


class UnsubscribeTest(Env):
    def test_the_unsubscribe_link_works_without_signing_in_for_its_own_recipient_and_kind_only(self):
        self.start()
        bjorn = self.token("sb.bfd")
        self.mention(bjorn, 1, "sb.kd")
        m = self.wait_mails(1, KARI)[0]
        url = m.msg["List-Unsubscribe"].strip("<>")
        path = url[len("https://samla.example"):]
        # the confirmation page, without signing in
        status, page = self.api("GET", path)
        self.assertEqual(status, 200)
        self.assertIn("Kari Knutsen", page)
        self.assertIn("Meld meg av", page)
        # another kind, another person, a changed token: refused
        for bad in (path.replace("k=mention", "k=deadline"), path.replace("u=4&", "u=5&"), path[:-2] + "xx"):
            status, _ = self.api("GET", bad)
            self.assertEqual(status, 403, bad)
            status, _ = self.api("POST", bad, raw=b"List-Unsubscribe=One-Click",
                                 ctype="application/x-www-form-urlencoded")
            self.assertEqual(status, 403, bad)
        self.assertEqual(self.sql("SELECT count(*) FROM mail_pref"), [(0,)])
        # RFC 8058 one-click: a POST from the mail provider, no cookie, no origin
        status, page = self.api("POST", path, raw=b"List-Unsubscribe=One-Click",
                                ctype="application/x-www-form-urlencoded")
        self.assertEqual(status, 200, page)
        self.assertEqual(self.sql("SELECT user_id, kind, cadence FROM mail_pref"), [(4, "mention", "off")])
        # the other kinds are as they were
        status, body = self.api("GET", "/api/v1/me/mail-preferences", self.token("sb.kd"))
        prefs = {p["kind"]: p["cadence"] for p in body["preferences"]}
        self.assertEqual(prefs["mention"], "off")
        self.assertEqual(prefs["deadline"], "now")
        # and no more mention mail
        self.mention(bjorn, 2, "sb.kd")
        time.sleep(2.5)
        self.assertEqual(len(self.mails(KARI)), 1)


class ConfigTest(Env):
    def run_mail(self, *flags):
        return subprocess.run([BIN, "mail", "send", "--data", self.data, *flags], env=self.env, capture_output=True,
                              text=True)

    def test_a_wrong_configuration_is_refused_with_a_clear_message(self):
        url = "smtp://127.0.0.1:%d" % self.smtp_port
        for flags, says in (
                (["--smtp-url", "http://127.0.0.1", "--mail-from", "a@dep.example"], "must start with smtp://"),
                (["--smtp-url", url], "no sender"),
                (["--smtp-url", url, "--mail-from", "not an address"], "not an e-mail address"),
                (["--smtp-url", url, "--mail-from", "a@dep.example", "--smtp-tls", "maybe"], "starttls, implicit"),
                (["--smtp-url", "smtps://127.0.0.1", "--mail-from", "a@dep.example", "--smtp-tls", "none"],
                 "always uses TLS"),
                (["--smtp-url", url, "--mail-from", "a@dep.example", "--smtp-password-file", "/nonexistent"],
                 "cannot read the SMTP password file"),
                (["--smtp-url", url, "--mail-from", "a@dep.example", "--mail-retry", "0"], "--mail-retry")):
            r = self.run_mail(*flags)
            self.assertEqual(r.returncode, 2, (flags, r.stderr))
            self.assertIn(says, r.stderr, flags)
        # without a server: nothing to do, and it says so
        r = self.run_mail()
        self.assertEqual(r.returncode, 1)
        self.assertIn("no SMTP server configured", r.stderr)
        # a server without a base URL works, with a warning about the links
        r = self.run_mail("--smtp-url", url, "--smtp-tls", "none", "--mail-from", "a@dep.example")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("--base-url", r.stderr)
        # the environment does the same as the flags
        env = dict(self.env, SAMLA_SMTP_HOST="127.0.0.1", SAMLA_SMTP_PORT=str(self.smtp_port), SAMLA_SMTP_TLS="none",
                   SAMLA_MAIL_FROM="a@dep.example", SAMLA_BASE_URL="https://samla.example")
        r = subprocess.run([BIN, "mail", "status", "--data", self.data], env=env, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("smtp smtp://127.0.0.1:%d" % self.smtp_port, r.stdout)


class Result(unittest.TextTestResult):
    pass


if __name__ == "__main__":
    runner = unittest.TextTestRunner(verbosity=2, resultclass=Result)
    prog = unittest.main(exit=False, testRunner=runner)
    r = prog.result
    failed = len(r.failures) + len(r.errors)
    print("# pass %d" % (r.testsRun - failed))
    print("# fail %d" % failed)
    sys.exit(1 if failed else 0)
