"""Month-by-month bar charts drawn on the server as SVG: readable without JavaScript and
without a chart library; the template puts the same figures in a table beside each chart."""

import math
from dataclasses import dataclass, field

from django.utils.formats import date_format

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 36
# Distinguishable by most colour-blind people, and at least 3:1 against white (RGAA 3.2).
COLOURS = ["#1f5fa8", "#c2410c", "#2f7d32"]


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    colour: str
    label: str


@dataclass
class Chart:
    title: str
    labels: list[str]  # one per series
    colours: list[str]
    months: list
    values: list[list[int]]  # per series, per month
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[int, int]] = field(default_factory=list)  # (y, value) of the horizontal lines
    month_labels: list[tuple[int, str]] = field(default_factory=list)  # (x, text)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM

    @property
    def legend(self):
        return list(zip(self.labels, self.colours, strict=True))

    @property
    def rows(self):
        """(month, values of each series) for the data table."""
        return [(month, [values[index] for values in self.values]) for index, month in enumerate(self.months)]


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2 or 5 times a power of ten at least ``value`` (the axis' top)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def bar_chart(title: str, labels: list[str], months: list, values: list[list[int]]) -> Chart:
    chart = Chart(title=title, labels=labels, colours=COLOURS[: len(labels)], months=months, values=values)
    top = _nice_ceiling(max((value for series in values for value in series), default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group = plot_width / max(len(months), 1)
    bar_width = max(int(group * 0.8 / max(len(values), 1)), 1)
    label_every = math.ceil(len(months) / 12)  # at most a dozen month labels under the axis
    chart.ticks = [(TOP + round(plot_height * (1 - share)), round(top * share)) for share in (0, 0.5, 1)]
    for month_index, month in enumerate(months):
        group_x = LEFT + group * month_index + group * 0.1
        if month_index % label_every == 0:
            chart.month_labels.append((round(LEFT + group * (month_index + 0.5)), date_format(month, "m/y")))
        for series_index, series in enumerate(values):
            height = round(plot_height * series[month_index] / top)
            chart.bars.append(
                Bar(
                    x=round(group_x + bar_width * series_index),
                    y=HEIGHT - BOTTOM - height,
                    width=bar_width,
                    height=height,
                    colour=COLOURS[series_index],
                    label=f"{labels[series_index]}, {date_format(month, 'F Y')} : {series[month_index]}",
                )
            )
    return chart
