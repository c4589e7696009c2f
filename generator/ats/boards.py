"""Each ATS's public job-board JSON -> ``Role``: the fields the import owns, as plain data.

The shapes follow each vendor's public documentation (see the README, "Import roles from
the applicant tracking system"): Greenhouse's Job Board API, Lever's Postings API and
Ashby's Job Postings API. Everything the site does not use is ignored; what it needs and
cannot find is a ``BoardError`` naming the job and the field, so a malformed board writes
nothing.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

ATS_NAMES = ("greenhouse", "lever", "ashby")
_BOARD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class BoardError(Exception):
    """The board (a download or a saved file) is not what the ATS documents."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(f"{self.where}: {problem}" for problem in self.problems)


@dataclass(frozen=True)
class BoardSpec:
    """``greenhouse:northwind``: which ATS, and the company's board name there."""

    ats: str
    board: str

    def __str__(self) -> str:
        return f"{self.ats}:{self.board}"


def parse_spec(text: str) -> BoardSpec:
    """``ats:board`` -> BoardSpec; ValueError with the reason otherwise."""
    ats, _, board = text.strip().partition(":")
    ats = ats.lower()
    if ats not in ATS_NAMES or not board:
        raise ValueError(f"'{text}' is not a board: write greenhouse:<board>, lever:<site> "
                         "or ashby:<organization>")
    if not _BOARD_NAME.match(board):
        raise ValueError(f"'{board}' is not a board name: letters, digits, '.', '_' and '-', "
                         "as in the board's address (boards.greenhouse.io/<board>)")
    return BoardSpec(ats, board)


@dataclass(frozen=True)
class Salary:
    currency: str
    min: float | None
    max: float | None
    per: str  # hour | day | week | month | year
    per_stated: bool = True  # False: the ATS gives no period (Greenhouse): an editor's stays


@dataclass(frozen=True)
class Role:
    """One open role on the board, in the site's terms (``None``: the board does not say)."""

    id: str
    updated_at: str
    title: str
    team: str | None
    locations: tuple[str, ...]
    workplace: str | None  # onsite | hybrid | remote
    employment_type: str | None  # full_time | part_time | contract | temporary | internship
    salary: Salary | None
    apply_url: str | None
    description_html: str
    groups: tuple[str, ...] = field(default=())  # departments, teams, offices: for segments


# --------------------------------------------------------------------------- reading


class _Job:
    """One job object with the path used in messages (``jobs[3]``) and typed getters."""

    def __init__(self, data: Any, path: str, problems: list[str]) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.path = path
        self.problems = problems
        if not isinstance(data, dict):
            problems.append(f"{path}: is not a job object (a {{...}} with 'id' and 'title')")

    def text(self, *keys: str, required: bool = False) -> str | None:
        value: Any = self.data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        name = ".".join(keys)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append(f"{self.path}.{name}: is missing")
            return None
        if not isinstance(value, str):
            self.problems.append(f"{self.path}.{name}: should be text, not {_kind(value)}")
            return None
        return _one_line(value)

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.append(f"{self.path}.{key}: should be a list, not {_kind(value)}")
            return []
        return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), "a number")


def _one_line(text: str) -> str:
    """ATS titles and names are one line; control characters never reach a file."""
    return re.sub(r"[\x00-\x1f\x7f\ufffe\uffff]+", " ", text).strip()


def _unique(values: Iterator[str | None] | list[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value.strip():
            seen.setdefault(value.strip(), None)
    return tuple(seen)


def _https(url: str | None) -> str | None:
    return url if url and url.lower().startswith("https://") else None


def _iso_from_millis(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value / 1000, tz=UTC).isoformat().replace("+00:00", "Z")
    return None


def _remote_or_onsite(locations: tuple[str, ...]) -> str:
    """Without a workplace field: remote when a location says so (``Remote - EMEA``)."""
    return "remote" if any(re.match(r"\s*remote\b", loc, re.I) for loc in locations) \
        else "onsite"


def _jobs_list(data: Any, where: str, wrapped: bool) -> list[Any]:
    if wrapped:
        if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
            raise BoardError(where, ["is not a job board: expected an object with a 'jobs' "
                                     "list"])
        return data["jobs"]
    if not isinstance(data, list):
        raise BoardError(where, ["is not a Lever postings list: expected a [...] of postings"])
    return data


def _collect(jobs: list[Any], where: str, read: Callable[[_Job], Role | None]) -> list[Role]:
    problems: list[str] = []
    roles: list[Role] = []
    seen: dict[str, int] = {}
    for index, data in enumerate(jobs):
        job = _Job(data, f"jobs[{index}]", problems)
        role = read(job) if isinstance(data, dict) else None
        if role is None:
            continue
        if role.id in seen:
            problems.append(f"jobs[{index}].id: '{role.id}' is also the id of "
                            f"jobs[{seen[role.id]}]")
        seen.setdefault(role.id, index)
        roles.append(role)
    if problems:
        raise BoardError(where, problems)
    return roles


# --------------------------------------------------------------------------- Greenhouse


def _greenhouse_role(job: _Job) -> Role | None:
    job_id, title = job.text("id", required=True), job.text("title", required=True)
    updated = job.text("updated_at") or ""
    departments = _unique(_Job(d, f"{job.path}.departments", job.problems).text("name")
                          for d in job.items("departments"))
    offices = [_Job(o, f"{job.path}.offices", job.problems) for o in job.items("offices")]
    office_names = _unique(office.text("name") for office in offices)
    # Offices are Greenhouse's structured places (a role may have several); the free-text
    # location.name is what the board shows when a role has no office.
    locations = _unique(office.text("location") or office.text("name") for office in offices) \
        or _unique([job.text("location", "name")])
    if not locations:
        job.problems.append(f"{job.path}.location.name: is missing, and the job has no offices")
    salary = _greenhouse_pay(job)
    if job_id is None or title is None:
        return None
    content = job.data.get("content")
    return Role(
        id=job_id, updated_at=updated, title=title,
        team=departments[0] if departments else None,
        locations=locations, workplace=_remote_or_onsite(locations),
        employment_type=_greenhouse_employment(job),
        salary=salary, apply_url=_https(job.text("absolute_url")),
        # Greenhouse escapes the description's HTML as entities (&lt;p&gt;): decode once.
        description_html=html.unescape(content) if isinstance(content, str) else "",
        groups=(*departments, *office_names, *locations),
    )


def _greenhouse_pay(job: _Job) -> Salary | None:
    """``pay_input_ranges`` (pay transparency): amounts in cents, no period given."""
    for item in job.items("pay_input_ranges"):
        if not isinstance(item, dict):
            continue
        currency = item.get("currency_type")
        low, high = item.get("min_cents"), item.get("max_cents")
        amounts = [v / 100 if _number(v) else None for v in (low, high)]
        if isinstance(currency, str) and any(a is not None for a in amounts):
            # Greenhouse documents no pay period for these ranges; they are annual salaries
            # on the boards we know of. The README says so; an editor fixes `salary.per`.
            return Salary(currency.upper(), amounts[0], amounts[1], "year", per_stated=False)
    return None


def _greenhouse_employment(job: _Job) -> str | None:
    """The Job Board API has no employment type; a custom field named so may carry one."""
    for item in job.items("metadata"):
        if isinstance(item, dict) and str(item.get("name", "")).strip().lower() in (
                "employment type", "employment_type", "commitment"):
            value = item.get("value")
            return _employment(value if isinstance(value, str) else None)
    return None


# --------------------------------------------------------------------------- Lever

_LEVER_WORKPLACE = {"on-site": "onsite", "onsite": "onsite", "remote": "remote",
                    "hybrid": "hybrid"}
_LEVER_INTERVAL = {"per-year-salary": "year", "per-month-salary": "month",
                   "per-week-salary": "week", "per-day-wage": "day", "per-day-salary": "day",
                   "per-hour-wage": "hour"}


def _lever_role(job: _Job) -> Role | None:
    job_id, title = job.text("id", required=True), job.text("text", required=True)
    categories = job.data.get("categories") if isinstance(job.data.get("categories"), dict) \
        else {}
    cat = _Job(categories, f"{job.path}.categories", job.problems)
    all_locations = [loc if isinstance(loc, str) else None for loc in cat.items("allLocations")]
    locations = _unique([*all_locations, cat.text("location")]) if all_locations \
        else _unique([cat.text("location")])
    if not locations:
        job.problems.append(f"{job.path}.categories.location: is missing")
    team, department = cat.text("team"), cat.text("department")
    workplace = _LEVER_WORKPLACE.get((job.text("workplaceType") or "").lower()) \
        or _remote_or_onsite(locations)
    if job_id is None or title is None:
        return None
    return Role(
        id=job_id,
        updated_at=_iso_from_millis(job.data.get("updatedAt"))
        or _iso_from_millis(job.data.get("createdAt")) or "",
        title=title, team=team or department, locations=locations, workplace=workplace,
        employment_type=_employment(cat.text("commitment")),
        salary=_lever_salary(job), apply_url=_https(job.text("applyUrl"))
        or _https(job.text("hostedUrl")),
        description_html=_lever_description(job),
        groups=_unique([department, team, *locations]),
    )


def _lever_salary(job: _Job) -> Salary | None:
    salary = job.data.get("salaryRange")
    if not isinstance(salary, dict):
        return None
    per = _LEVER_INTERVAL.get(str(salary.get("interval", "")).lower())
    currency = salary.get("currency")
    low, high = (salary.get(k) if _number(salary.get(k)) else None for k in ("min", "max"))
    if per is None or not isinstance(currency, str) or (low is None and high is None):
        return None  # e.g. "one-time": not a pay period the site can state
    return Salary(currency.upper(), low, high, per)


def _lever_description(job: _Job) -> str:
    """``description`` (opening and body), then each of ``lists``, then ``additional``."""
    parts = [job.data.get("description") or ""]
    for item in job.items("lists"):
        if isinstance(item, dict):
            heading = html.escape(str(item.get("text") or "").strip())
            content = str(item.get("content") or "")
            parts.append(f"<h3>{heading}</h3>" if heading else "")
            # Lever gives a list's items as bare <li> elements.
            parts.append(f"<ul>{content}</ul>" if "<li" in content else f"<p>{content}</p>")
    parts.append(job.data.get("additional") or "")
    text = "\n".join(part for part in parts if isinstance(part, str) and part)
    return text or _plain_html(job.data.get("descriptionPlain"))


# --------------------------------------------------------------------------- Ashby

_ASHBY_WORKPLACE = {"onsite": "onsite", "remote": "remote", "hybrid": "hybrid"}
_ASHBY_INTERVAL = {"1 YEAR": "year", "1 MONTH": "month", "1 WEEK": "week", "1 DAY": "day",
                   "1 HOUR": "hour"}


def _ashby_role(job: _Job) -> Role | None:
    job_id, title = job.text("id", required=True), job.text("title", required=True)
    if job.data.get("isListed") is False:
        return None  # unlisted postings are reachable by link only: not for the site
    secondary = [_Job(s, f"{job.path}.secondaryLocations", job.problems).text("location")
                 for s in job.items("secondaryLocations")]
    locations = _unique([job.text("location"), *secondary])
    if not locations:
        job.problems.append(f"{job.path}.location: is missing")
    team, department = job.text("team"), job.text("department")
    kind = re.sub(r"[^a-z]", "", (job.text("workplaceType") or "").lower())
    workplace = _ASHBY_WORKPLACE.get(kind) or (
        "remote" if job.data.get("isRemote") is True else _remote_or_onsite(locations))
    if job_id is None or title is None:
        return None
    return Role(
        id=job_id, updated_at=job.text("updatedAt") or job.text("publishedAt") or "",
        title=title, team=department or team, locations=locations, workplace=workplace,
        employment_type=_employment(job.text("employmentType")),
        salary=_ashby_salary(job), apply_url=_https(job.text("applyUrl"))
        or _https(job.text("jobUrl")),
        description_html=str(job.data.get("descriptionHtml") or "")
        or _plain_html(job.data.get("descriptionPlain")),
        groups=_unique([department, team, *locations]),
    )


def _ashby_salary(job: _Job) -> Salary | None:
    """The salary components of ``compensation``: the widest range in one currency."""
    if job.data.get("shouldDisplayCompensationOnJobPostings") is False:
        return None
    compensation = job.data.get("compensation")
    if not isinstance(compensation, dict):
        return None
    components = compensation.get("summaryComponents")
    if not isinstance(components, list):
        tiers = compensation.get("compensationTiers")
        components = [c for tier in tiers if isinstance(tier, dict)
                      for c in tier.get("components") or []] if isinstance(tiers, list) else []
    salaries = [c for c in components if isinstance(c, dict)
                and c.get("compensationType") == "Salary"
                and isinstance(c.get("currencyCode"), str)
                and str(c.get("interval", "")).upper() in _ASHBY_INTERVAL]
    if not salaries:
        return None
    first = salaries[0]
    same = [c for c in salaries if c["currencyCode"] == first["currencyCode"]
            and c["interval"] == first["interval"]]
    lows = [c["minValue"] for c in same if _number(c.get("minValue"))]
    highs = [c["maxValue"] for c in same if _number(c.get("maxValue"))]
    if not lows and not highs:
        return None
    return Salary(first["currencyCode"].upper(), min(lows) if lows else None,
                  max(highs) if highs else None,
                  _ASHBY_INTERVAL[str(first["interval"]).upper()])


# --------------------------------------------------------------------------- shared


def _plain_html(text: Any) -> str:
    """A plain-text description (when the HTML one is missing) as escaped paragraphs."""
    if not isinstance(text, str):
        return ""
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text)
                   if part.strip())


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


_EMPLOYMENT = (  # first match wins: "Full-time intern" is an internship
    ("intern", "internship"), ("werkstudent", "part_time"), ("part", "part_time"),
    ("contract", "contract"), ("freelance", "contract"), ("temp", "temporary"),
    ("fixed", "temporary"), ("full", "full_time"), ("permanent", "full_time"),
)


def _employment(text: str | None) -> str | None:
    """Lever's free-text commitment, Ashby's FullTime/PartTime/...: the contract's choice."""
    words = re.sub(r"[^a-z]", "", (text or "").lower())
    return next((kind for key, kind in _EMPLOYMENT if key in words), None)


_READERS: dict[str, tuple[bool, Callable[[_Job], Role | None]]] = {
    "greenhouse": (True, _greenhouse_role),
    "lever": (False, _lever_role),
    "ashby": (True, _ashby_role),
}


def parse_board(ats: str, raw: bytes, where: str) -> list[Role]:
    """The roles of a board's JSON, in the board's order; BoardError lists every problem."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BoardError(where, ["is not UTF-8 text"]) from None
    except json.JSONDecodeError as error:
        raise BoardError(where, [f"is not JSON: {error.msg} at line {error.lineno}, "
                                 f"column {error.colno}"]) from None
    wrapped, read = _READERS[ats]
    return _collect(_jobs_list(data, where, wrapped), where, read)
