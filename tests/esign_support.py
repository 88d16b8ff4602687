"""What the signing tests share: their own CA (made the way `make run` makes the demo's), a
session that signed in strongly, and an RFC 3161 timestamp authority served over HTTP on
loopback (pyHanko's own TSA implementation answering real requests)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import tsp
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from iop import assurance
from partnerships import seal_ca


def use_demo_ca(settings, directory):
    seal_ca.create_demo_ca(directory)
    settings.SEAL_CERT = str(directory / seal_ca.SEAL_CERT)
    settings.SEAL_KEY = str(directory / seal_ca.SEAL_KEY)
    settings.SEAL_TRUST_ROOT = str(directory / seal_ca.ROOT_CERT)
    settings.TSA_URL = ""
    return directory


def sign_in_strongly(client, user, provider="IOP, lösenord och engångskod"):
    """As iop.mfa does after a verified code: the session's assurance."""
    client.force_login(user)
    session = client.session
    session[assurance.SESSION_KEY] = {
        "method": assurance.METHOD_TOTP,
        "provider": provider,
        "acr": "",
        "asserted_at": "2026-12-01T09:30:00+01:00",
    }
    session.save()
    return client


class _TimestampHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 — http.server's name
        request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
        reply = self.server.stamper.request_tsa_response(request).dump()
        self.server.requests += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


class LoopbackTSA:
    """`with LoopbackTSA(ca_dir) as url:` an RFC 3161 timestamp authority at `url`."""

    def __init__(self, directory):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _TimestampHandler)
        self.server.requests = 0
        self.server.stamper = DummyTimeStamper(
            tsa_cert=load_cert_from_pemder(str(directory / seal_ca.TSA_CERT)),
            tsa_key=load_private_key_from_pemder(str(directory / seal_ca.TSA_KEY), None),
        )

    @property
    def requests(self):
        return self.server.requests

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/tsa"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
