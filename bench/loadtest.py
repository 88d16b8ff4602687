"""Load and fault script: N concurrent staff and NGO sessions against gunicorn + PostgreSQL on
loopback, counting errors; optionally restarts PostgreSQL mid-run to show the app recovers.

Standard library only (threads + urllib), loopback only, bounded in time and sessions.

    # a scratch copy of the demo database, gunicorn started by the script, 50 sessions, 60 s
    .venv/bin/python bench/loadtest.py --source-db iop_issue6 --start-server
    # the same with PostgreSQL restarted a third of the way in
    .venv/bin/python bench/loadtest.py --source-db iop_issue6 --start-server --restart-postgres

Each session logs in through the real login form (its own cookies and CSRF token), then loops:
reads the pages its role uses, and (staff) now and then saves a new goal through the real form.
A request counts as an error when its status differs from what the same user got in a single
preflight request before the load started (so an NGO user's expected 404 on someone else's
partnership is not an error, but a 500 or a refused connection is). Every write the app
acknowledged (redirect after save) is looked up in the database at the end: "lost" must be 0.
A write that failed is retried by the session after a second, as a person would resubmit.
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SESSIONS = 200
MAX_DURATION = 300
PASSWORD = "demo1234"
STAFF_USERS = ["handlaggare", "admin"]
NGO_USERS = ["streetminds", "raddabarnen"]
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    def __init__(self, base, username, timeout=30):
        self.base = base
        self.username = username
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path, data=None):
        """(status, body, seconds); status 0 for a connection error."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            status, text = 0, ""
        return status, text, time.perf_counter() - started

    def form_post(self, path, fields):
        status, text, _ = self.request(path)
        match = CSRF_RE.search(text)
        if status != 200 or not match:
            return status or -1, text, 0.0
        return self.request(path, {**fields, "csrfmiddlewaretoken": match[1]})

    def login(self):
        status, _text, _ = self.form_post(
            "/logga-in/", {"username": self.username, "password": PASSWORD}
        )
        return status == 302


def psql(db, sql):
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qAt", "-d", db, "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def make_scratch_db(source, scratch):
    psql("postgres", f'DROP DATABASE IF EXISTS "{scratch}"')
    psql("postgres", f'CREATE DATABASE "{scratch}" TEMPLATE "{source}"')


def other_clients(db):
    """Client connections to this server that are not ours (other databases or tools)."""
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
        f"AND pid <> pg_backend_pid() AND coalesce(datname, '') <> '{db}'"
    )
    return int(psql("postgres", sql))


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.timeline = []  # (t, status ok?, seconds, path)
        self.errors = Counter()
        self.acknowledged = set()
        self.failed_writes = 0
        self.retried_writes_ok = 0

    def add(self, t, ok, seconds, what):
        with self.lock:
            self.timeline.append((t, ok, seconds))
            if not ok:
                self.errors[what] += 1


def run_session(index, args, stats, targets, expected, stop_at, t0):
    role_staff = index % 2 == 0
    username = (STAFF_USERS if role_staff else NGO_USERS)[(index // 2) % 2]
    session = Session(args.base, username)
    rnd = random.Random(index)
    time.sleep(rnd.random() * 2)  # ramp up over two seconds
    while not session.login():
        stats.add(time.monotonic() - t0, False, 0, "login")
        if time.monotonic() > stop_at:
            return
        time.sleep(1)
    pages = targets["staff" if role_staff else "ngo"]
    while time.monotonic() < stop_at:
        if role_staff and rnd.random() < args.write_share:
            marker = f"loadtest {uuid.uuid4().hex}"
            path = targets["goal_create"]
            for attempt in range(2):
                status, _t, seconds = session.form_post(
                    path, {"order": 99, "text": marker, "reason": "Lasttest"}
                )
                ok = status == 302
                stats.add(time.monotonic() - t0, ok, seconds, f"POST {path} -> {status}")
                if ok:
                    with stats.lock:
                        stats.acknowledged.add(marker)
                        if attempt:
                            stats.retried_writes_ok += 1
                    break
                with stats.lock:
                    stats.failed_writes += 1
                time.sleep(1)
        else:
            path = rnd.choice(pages)
            status, _t, seconds = session.request(path)
            ok = status == expected[(username, path)]
            stats.add(time.monotonic() - t0, ok, seconds, f"GET {path} -> {status}")
        time.sleep(rnd.expovariate(1 / args.think) if args.think else 0)


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between requests")
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--source-db", default="iop_issue6", help="database with the demo data")
    parser.add_argument("--db", default="iop_loadtest", help="scratch copy the server uses")
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--restart-postgres", action="store_true")
    parser.add_argument("--pg-cluster", default="15 main")
    args = parser.parse_args()
    if not (1 <= args.sessions <= MAX_SESSIONS and 1 <= args.duration <= MAX_DURATION):
        sys.exit(f"sessions 1..{MAX_SESSIONS}, duration 1..{MAX_DURATION} s")
    args.base = f"http://127.0.0.1:{args.port}"

    server = None
    if args.start_server:
        make_scratch_db(args.source_db, args.db)
        out_dir = ROOT / "bench" / "out"
        out_dir.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}",
            "DJANGO_DEBUG": "0",
            "IOP_DEMO": "1",
            "DJANGO_LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{args.port}",
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_LOG_LEVEL": "warning",
        }
        log = open(out_dir / "gunicorn.log", "w")  # noqa: SIM115
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "--config",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--access-logfile",
                "/dev/null",
                "iop.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(60):
            time.sleep(0.5)
            if Session(args.base, "-").request("/logga-in/")[0] == 200:
                break
        else:
            server.terminate()
            sys.exit("gunicorn did not come up; see bench/out/gunicorn.log")

    try:
        return drive(args)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def discover(args):
    pk_staff = psql(args.db, "SELECT min(id) FROM partnerships_partnership")
    # The goals are written to a partnership not yet signed: a signed one's goals change only by
    # amendment (Partnership.terms_locked), so the write would be refused.
    pk_open = psql(
        args.db,
        "SELECT min(id) FROM partnerships_partnership "
        "WHERE status IN ('draft', 'negotiation', 'decided')",
    )
    pks = psql(args.db, "SELECT id FROM partnerships_partnership ORDER BY id").split()
    annex = psql(args.db, "SELECT min(id) FROM partnerships_annex")
    org = psql(args.db, "SELECT min(id) FROM partnerships_organisation")
    staff_pages = [
        "/partnerskap/",
        "/partnerskap/organisationer/",
        f"/partnerskap/bilagor/{annex}/",
    ]
    staff_pages += [f"/partnerskap/{pk}/" for pk in pks] + [
        f"/partnerskap/{pk}/historik/" for pk in pks
    ]
    staff_pages.append(f"/partnerskap/organisationer/{org}/")
    ngo_pages = ["/portal/"] + [f"/partnerskap/{pk}/" for pk in pks]
    return {
        "staff": staff_pages,
        "ngo": ngo_pages,
        "goal_create": f"/partnerskap/{pk_open or pk_staff}/mal/ny/",
    }


def drive(args):
    targets = discover(args)
    expected = {}
    for username in STAFF_USERS + NGO_USERS:
        session = Session(args.base, username)
        if not session.login():
            sys.exit(f"preflight: {username} cannot log in")
        pages = targets["staff" if username in STAFF_USERS else "ngo"]
        for path in pages:
            expected[(username, path)] = session.request(path)[0]
    stats = Stats()
    t0 = time.monotonic()
    stop_at = t0 + args.duration
    threads = [
        threading.Thread(
            target=run_session, args=(i, args, stats, targets, expected, stop_at, t0), daemon=True
        )
        for i in range(args.sessions)
    ]
    for thread in threads:
        thread.start()

    restart = {}
    if args.restart_postgres:
        time.sleep(args.duration / 3)
        deadline = time.monotonic() + 30
        while other_clients(args.db) and time.monotonic() < deadline:
            time.sleep(2)
        others = other_clients(args.db)
        if others:
            restart["skipped"] = f"{others} other client connection(s) on the server"
        else:
            restart["at"] = time.monotonic() - t0
            started = time.monotonic()
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", *args.pg_cluster.split(), "restart"],
                check=True,
                capture_output=True,
            )
            restart["took"] = time.monotonic() - started

    for thread in threads:
        thread.join(timeout=args.duration + 60)

    rows = psql(args.db, "SELECT text FROM partnerships_goal WHERE text LIKE 'loadtest %'")
    stored = set(rows.split("\n")) if rows else set()
    lost = stats.acknowledged - stored

    timeline = stats.timeline
    total = len(timeline)
    errors = sum(1 for _t, ok, _s in timeline if not ok)
    times = [s for _t, ok, s in timeline if ok]
    print(
        f"sessions {args.sessions}, duration {args.duration} s, think {args.think} s, "
        f"gunicorn workers {args.workers}"
    )
    print(f"requests {total} ({total / args.duration:.1f}/s), errors {errors}")
    print(
        f"latency ok requests: median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {percentile(times, 95) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    print(
        f"writes acknowledged {len(stats.acknowledged)}, found in database "
        f"{len(stats.acknowledged & stored)}, lost {len(lost)}; failed attempts "
        f"{stats.failed_writes}, of which saved on retry {stats.retried_writes_ok}"
    )
    if restart.get("skipped"):
        print(f"PostgreSQL restart SKIPPED: {restart['skipped']}")
    elif restart:
        at, took = restart["at"], restart["took"]
        window = [(t, ok) for t, ok, _s in timeline if t >= at]
        failed_after = [t for t, ok in window if not ok]
        last_error = max(failed_after) if failed_after else at
        after = [ok for t, ok in window if t > last_error]
        print(
            f"PostgreSQL restarted at {at:.1f} s (pg_ctlcluster took {took:.1f} s); errors "
            f"after it {len(failed_after)}, last error at {last_error:.1f} s "
            f"({last_error - at:.1f} s after the restart); {len(after)} requests after that, "
            f"all ok"
        )
    for what, count in stats.errors.most_common(8):
        print(f"  {count:5d}  {what}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
