"""The community report as files: one self-contained HTML page and figures.csv.

The page has no script, stylesheet, font or image from anywhere else: charts are inline SVG
drawn from the figures here, styles are inline, so the file can be mailed or archived and
opens the same anywhere. Every chart is followed by the table of its figures (for people who
cannot see it, and to copy from); figures.csv holds every figure of every chart.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields

from .i18n import Translator
from .render import make_environment
from .report import Figure, Report

REPORT_FILE = "report.html"
FIGURES_FILE = "figures.csv"
BAR_WIDTH = 560  # the longest bar, in SVG units
LABEL_WIDTH = 220
ROW_HEIGHT = 26
AXIS_MARGIN = 36  # half a date's width under a time chart's axis


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    """An SVG chart's geometry: bars plus, for the content chart, a goal line."""

    id: str
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    columns: bool  # vertical bars (time) or horizontal bars (categories)
    goal_y: float | None = None
    goal_label: str = ""
    axis_labels: tuple[tuple[float, str], ...] = ()  # x position, text (time charts)


def horizontal_chart(chart_id: str, title: str, rows: list[Figure]) -> Chart:
    """Categories as horizontal bars, longest first as given, value written at the end."""
    top = max((row.value for row in rows), default=0) or 1
    bars = tuple(Bar(row.label or row.key, row.value, LABEL_WIDTH, index * ROW_HEIGHT + 4,
                     round(BAR_WIDTH * row.value / top, 1), ROW_HEIGHT - 8)
                 for index, row in enumerate(rows))
    return Chart(chart_id, title, LABEL_WIDTH + BAR_WIDTH + 60,
                 max(len(rows), 1) * ROW_HEIGHT, bars, columns=False)


def column_chart(chart_id: str, title: str, periods: list[str], values: list[int],
                 goal: int | None = None, goal_label: str = "") -> Chart:
    """Periods (weeks, months) left to right as columns, with an optional goal line."""
    height, bottom, width = 200, 24, max(BAR_WIDTH + LABEL_WIDTH, 12 * len(periods))
    top = max([*values, goal or 0, 1])
    # a margin each side, so the first and last dates under the axis are not cut off
    step = (width - 2 * AXIS_MARGIN) / max(len(periods), 1)
    scale = (height - bottom - 8) / top
    bars = tuple(Bar(period, value, round(AXIS_MARGIN + index * step + step * 0.15, 1),
                     round(height - bottom - value * scale, 1), round(step * 0.7, 1),
                     round(value * scale, 1))
                 for index, (period, value) in enumerate(zip(periods, values, strict=True)))
    every = max(1, len(periods) // 8)  # at most about eight dates under the axis
    axis = tuple((round(AXIS_MARGIN + index * step + step / 2, 1), period)
                 for index, period in enumerate(periods) if index % every == 0)
    goal_y = round(height - bottom - goal * scale, 1) if goal else None
    return Chart(chart_id, title, int(width), height, bars, columns=True, goal_y=goal_y,
                 goal_label=goal_label, axis_labels=axis)


def figures_csv(report: Report) -> str:
    """Every figure as one CSV row: figure, period, key, label, value."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.name for f in fields(Figure)])
    for row in report.figures:
        writer.writerow([row.figure, row.period, row.key, row.label, row.value])
    return out.getvalue()


def report_html(report: Report, t: Translator, site_name: str) -> str:
    weekly = report.figure("members-per-week")
    months = sorted({row.period for row in report.figure("content-by-type")})
    by_type = report.figure("content-by-type")
    goals = report.figure("content-goal")
    monthly = [sum(row.value for row in by_type if row.period == month) for month in months]
    goal_total = sum(row.value for row in goals) or None
    charts = {
        "weekly": column_chart("weekly", t("report.per_week"), [r.period for r in weekly],
                               [r.value for r in weekly]),
        "content": column_chart("content", t("report.content"), months, monthly, goal_total,
                                t("report.goal_line", count=goal_total or 0)),
    }
    for name, figure in (("segments", "members-by-segment"), ("sources", "members-by-source"),
                         ("campaigns", "members-by-campaign"), ("referrers", "top-referrers"),
                         ("relationships", "members-by-relationship")):
        charts[name] = horizontal_chart(name, t(f"report.{name}"), report.figure(figure))
    template = make_environment().get_template("report/report.html")
    return template.render(
        t=t, report=report, charts=charts, site_name=site_name, months=months,
        type_rows=_by_month(by_type, months), goals={row.key: row.value for row in goals},
        segment_rows=_by_month(report.figure("content-by-segment"), months))


def _by_month(rows: list[Figure], months: list[str]) -> list[tuple[str, str, list[int]]]:
    """(key, label, value per month) for a month-by-key table."""
    keys: dict[str, str] = {}
    cells: dict[tuple[str, str], int] = {}
    for row in rows:
        keys.setdefault(row.key, row.label)
        cells[row.key, row.period] = row.value
    return [(key, label, [cells.get((key, month), 0) for month in months])
            for key, label in keys.items()]
