"""A job board over HTTPS (timeout, retries), or from a file saved earlier.

urllib is enough for one GET per import; a failure after the last try is a ``FetchError``
saying what the board's server answered, so the import writes nothing. Plain http is
accepted only for a server on this machine (tests point ``base_url`` at 127.0.0.1).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

from .boards import BoardSpec

BASE_URLS = {
    "greenhouse": "https://boards-api.greenhouse.io",
    "lever": "https://api.lever.co",  # EU accounts: --base-url https://api.eu.lever.co
    "ashby": "https://api.ashbyhq.com",
}
# Greenhouse documents `pay_transparency` on the one-job endpoint; the list accepts it too,
# and one request per board beats one per job. Where pay is absent, no salary is imported.
PATHS = {
    "greenhouse": "/v1/boards/{board}/jobs?content=true&pay_transparency=true",
    "lever": "/v0/postings/{board}?mode=json",
    "ashby": "/posting-api/job-board/{board}?includeCompensation=true",
}
MAX_BYTES = 50_000_000  # the largest real boards are a few MB
USER_AGENT = "talent-community-import/0.1 (+community import)"


class FetchError(Exception):
    """The board could not be read; the message says why and what to try."""


def board_url(spec: BoardSpec, base_url: str | None = None) -> str:
    base = (base_url or BASE_URLS[spec.ats]).rstrip("/")
    parts = urlsplit(base)
    local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
    if not (parts.scheme == "https" or local) or not parts.netloc:
        raise FetchError(f"'{base}' is not an https:// address (http only for this machine)")
    return base + PATHS[spec.ats].format(board=quote(spec.board, safe=""))


def fetch(url: str, *, timeout: float = 20.0, attempts: int = 3, backoff: float = 2.0,
          sleep: Callable[[float], None] = time.sleep) -> bytes:
    """The body of ``url``; retries on no connection, timeouts, 429 and 5xx answers."""
    reason = ""
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, headers={
            "Accept": "application/json", "User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise FetchError(f"{url}: the answer is larger than {MAX_BYTES // 1_000_000} MB;"
                                 " this is not a job board")
            return body
        except urllib.error.HTTPError as error:
            reason = f"the server answered {error.code} {error.reason}"
            if error.code == 404:
                raise FetchError(f"{url}: {reason}: check the board name (it is the last "
                                 "part of the job board's address)") from None
            if error.code != 429 and error.code < 500:
                raise FetchError(f"{url}: {reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            cause = getattr(error, "reason", error)
            reason = f"no answer ({cause})"
        if attempt < attempts:
            sleep(backoff * attempt)
    raise FetchError(f"{url}: {reason}, {attempts} tries; nothing was changed. Try again "
                     "later, or import a saved board with --from FILE.json")


def read_saved(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FetchError(f"{path}: cannot be read ({error.strerror})") from None
