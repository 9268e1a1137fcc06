"""A real webhook receiver for tests: an http.server on 127.0.0.1 in a thread, on a free port, that checks each
request's signature with the endpoint's secret and answers with the status codes it is told to."""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict
    body: bytes
    signature_valid: bool

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    secret: str = ""
    answers: list = field(default_factory=list)  # status codes to answer in turn; 200 once they run out
    received: list = field(default_factory=list)
    url: str = ""

    def verify(self, body: bytes, header: str) -> bool:
        expected = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, header or "")


def start_receiver() -> tuple:
    """(receiver, server): shut the server down with `server.shutdown(); server.server_close()`."""
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            valid = receiver.verify(body, headers.get("x-certifiable-signature", ""))
            receiver.received.append(Received(headers=headers, body=body, signature_valid=valid))
            status = receiver.answers.pop(0) if receiver.answers else 200
            self.send_response(status if valid else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/certifiable"
    return receiver, server
