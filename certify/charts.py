"""Charts drawn on the server as SVG, each with its numbers as a table and a sentence saying what it shows.

Pure functions: they take figures a selector already counted and work out the geometry; the templates in
`templates/includes/chart_*.html` draw it. A chart is an image with a text alternative (its summary), and its
data table sits behind a toggle for anyone who would rather read the numbers (or cannot see the picture).
"""

from dataclasses import dataclass, field

# The line chart's drawing area, in SVG user units (the picture scales to its container's width).
LINE_WIDTH, LINE_HEIGHT = 480, 220
LINE_LEFT, LINE_RIGHT, LINE_TOP, LINE_BOTTOM = 44, 12, 12, 30
# Series colours: distinct for the common kinds of colour blindness (Okabe–Ito), each ≥ 3:1 against white.
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56595c"]


def _text(value, fmt) -> str:
    if value is None:
        return "—"
    return fmt(value) if fmt else f"{value:g}" if isinstance(value, float) else str(value)


@dataclass
class Bar:
    label: str
    value: float | None
    text: str
    width: float  # percent of the longest bar
    note: str = ""


@dataclass
class BarChart:
    id: str
    title: str
    summary: str
    value_label: str
    bars: list
    columns: list  # the data table's headings
    rows: list  # the data table's rows (lists of cells as text)
    kind: str = "bars"  # "bars", or "funnel" (steps narrowing from the first)

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(*, id, title, summary, rows, value_label, fmt=None, kind="bars", extra_columns=()) -> BarChart:
    """Horizontal bars: `rows` are (label, value[, extra cells...]); a value of None draws no bar and reads "—"."""
    values = [row[1] for row in rows if row[1] is not None]
    top = max(values, default=0) or 1
    bars = [
        Bar(label=str(row[0]), value=row[1], text=_text(row[1], fmt), width=round(100 * (row[1] or 0) / top, 1))
        for row in rows
    ]
    table = [[str(row[0]), _text(row[1], fmt), *[_text(cell, None) for cell in row[2:]]] for row in rows]
    return BarChart(
        id=id,
        title=title,
        summary=summary,
        value_label=value_label,
        bars=bars,
        columns=["", value_label, *extra_columns],
        rows=table,
        kind=kind,
    )


@dataclass
class Series:
    name: str
    colour: str
    points: str  # the polyline's "x,y x,y" (gaps split into several lines)
    segments: list = field(default_factory=list)
    dots: list = field(default_factory=list)  # (x, y, text) for each known value


@dataclass
class LineChart:
    id: str
    title: str
    summary: str
    value_label: str
    series: list
    x_ticks: list  # (x, label)
    y_ticks: list  # (y, label)
    columns: list
    rows: list
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT
    left: int = LINE_LEFT
    right: int = LINE_WIDTH - LINE_RIGHT
    bottom: int = LINE_HEIGHT - LINE_BOTTOM

    @property
    def is_empty(self) -> bool:
        return not any(series.dots for series in self.series)


def _nice_top(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten at or above `value`, for round axis ticks."""
    if value <= 0:
        return 1
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 0.1
    while power > value:
        power /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def line_chart(*, id, title, summary, x_labels, series, value_label, fmt=None, top=None) -> LineChart:
    """Lines over shared x labels (weeks, months): `series` are (name, [value or None per label])."""
    known = [value for _name, values in series for value in values if value is not None]
    top = top or _nice_top(max(known, default=0))
    inner_w = LINE_WIDTH - LINE_LEFT - LINE_RIGHT
    inner_h = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    count = len(x_labels)

    def x_at(index):
        return round(LINE_LEFT + (inner_w * index / (count - 1) if count > 1 else inner_w / 2), 1)

    def y_at(value):
        return round(LINE_TOP + inner_h * (1 - min(value, top) / top), 1)

    drawn = []
    for position, (name, values) in enumerate(series):
        segments, current, dots = [], [], []
        for index, value in enumerate(values):
            if value is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            current.append(f"{x_at(index)},{y_at(value)}")
            dots.append((x_at(index), y_at(value), _text(value, fmt)))
        if current:
            segments.append(" ".join(current))
        drawn.append(
            Series(name=name, colour=PALETTE[position % len(PALETTE)], points=" ".join(segments), segments=segments, dots=dots)
        )
    every = max(1, -(-count // 6))  # at most about six labels under the axis
    shown = [index for index in range(count) if index % every == 0 or index == count - 1]
    if len(shown) > 2 and shown[-1] - shown[-2] < every:
        shown.pop(-2)  # the last label would crowd the one before it
    # The first label starts at its point and the last ends at its point, so neither runs off the picture.
    x_ticks = [
        (x_at(index), x_labels[index], "start" if index == 0 and count > 1 else "end" if index == count - 1 and count > 1 else "middle")
        for index in shown
    ]
    y_ticks = [(y_at(top * share), _text(top * share if top * share % 1 else int(top * share), fmt)) for share in (0, 0.5, 1)]
    rows = [[label, *[_text(values[index], fmt) for _name, values in series]] for index, label in enumerate(x_labels)]
    return LineChart(
        id=id,
        title=title,
        summary=summary,
        value_label=value_label,
        series=drawn,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        columns=["", *[name for name, _values in series]],
        rows=rows,
    )


def money(amount, currency: str) -> str:
    """An amount as figures read it: the currency code, then whole units with thousands separators."""
    return "—" if amount is None else f"{currency} {amount:,.0f}"


def percent(part, whole) -> float | None:
    """`part` as a percentage of `whole`, to one decimal; None when there is no whole to take a share of."""
    return round(100 * part / whole, 1) if whole else None


def percent_text(value) -> str:
    return "—" if value is None else f"{value:g} %"
