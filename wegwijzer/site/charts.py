"""Geometry for the overview pictures, drawn as inline SVG by the templates.

Python decides positions, sizes and shades; ``overrides/pages/_charts.html``
holds the SVG markup. No chart library, nothing loaded from elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import model as m
from .facets import FACET
from .vocabulary import Vocabulary
from ..core.textformat import counted


@dataclass(frozen=True)
class FlowBox:
    x: int
    y: int
    width: int
    height: int
    label: str
    name: str
    count: int
    filter: str  # finder fragment, e.g. "stap=wapens-en-jongeren-stap-1"


@dataclass(frozen=True)
class FlowChart:
    width: int
    height: int
    boxes: tuple[FlowBox, ...]
    arrows: tuple[tuple[int, int, int, int], ...]  # x1, y1, x2, y2
    summary: str


def barrier_flow(model: m.BarrierModel, per_row: int = 4) -> FlowChart:
    """The model's steps in order, wrapped over rows, with interventions per step."""
    box_w, box_h, gap_x, gap_y, margin = 150, 74, 40, 36, 4
    boxes, arrows = [], []
    for index, step in enumerate(model.steps):
        row, column = divmod(index, per_row)
        x = margin + column * (box_w + gap_x)
        y = margin + row * (box_h + gap_y)
        boxes.append(FlowBox(x, y, box_w, box_h, f"Stap {step.number}", step.name or "", len(step.interventions),
                             f"stap={step.id}"))
        if index:
            previous = boxes[index - 1]
            if previous.y == y:
                arrows.append((previous.x + box_w, y + box_h // 2, x - 4, y + box_h // 2))
            else:
                arrows.append((previous.x + box_w // 2, previous.y + box_h, x + box_w // 2, y - 4))
    rows = (len(model.steps) + per_row - 1) // per_row
    width = margin * 2 + min(len(model.steps), per_row) * (box_w + gap_x) - gap_x
    height = margin * 2 + rows * (box_h + gap_y) - gap_y
    counts = ", ".join(f"stap {b.label.split()[-1]}: {b.count}" for b in boxes)
    summary = f"{model.name} in {len(boxes)} stappen op volgorde. Aantal interventies per stap: {counts}."
    return FlowChart(width, height, tuple(boxes), tuple(arrows), summary)


@dataclass(frozen=True)
class HeatCell:
    x: int
    y: int
    count: int
    shade: float  # 0..1
    filter: str
    label: str


@dataclass(frozen=True)
class Heatmap:
    width: int
    height: int
    row_labels: tuple[tuple[int, str, str], ...]  # y, label, filter
    column_labels: tuple[tuple[int, str, str], ...]  # x, label, filter
    cells: tuple[HeatCell, ...]
    cell: int
    left: int
    top: int
    summary: str


def catalogue_heatmap(toolbox: m.Toolbox, vocabulary: Vocabulary) -> Heatmap:
    """Themes (rows) × prevention levels (columns): how much is on offer where."""
    themes = sorted(toolbox.themes.values(), key=lambda t: t.name.casefold())
    levels = list(vocabulary.labels("prevention_level").items())
    counts = {(t.id, level): 0 for t in themes for level, _ in levels}
    theme_facet, level_facet = FACET["thema"], FACET["niveau"]
    for intervention in toolbox.interventions.values():
        for theme in theme_facet.values(intervention, vocabulary):
            for level in level_facet.values(intervention, vocabulary):
                counts[(theme, level)] += 1
    top_count = max(counts.values(), default=0) or 1
    cell, left, top = 64, 230, 130  # room above the columns for slanted labels that never overlap
    cells = []
    for row, theme in enumerate(themes):
        for column, (level, label) in enumerate(levels):
            count = counts[(theme.id, level)]
            cells.append(HeatCell(left + column * cell, top + row * cell, count, count / top_count,
                                  f"thema={theme.id}&niveau={level}",
                                  f"{theme.name}, {label}: {counted(count, 'interventie', 'interventies')}"))
    rows = tuple((top + i * cell + cell // 2, t.name, f"thema={t.id}") for i, t in enumerate(themes))
    columns = tuple((left + i * cell + cell // 2, label, f"niveau={level}") for i, (level, label) in enumerate(levels))
    busiest = sorted(cells, key=lambda c: -c.count)[:3]
    summary = ("Aantal interventies per thema en preventieniveau. Het meeste aanbod: "
               + "; ".join(c.label for c in busiest) + ".")
    return Heatmap(left + len(levels) * cell + 100, top + len(themes) * cell + 8, rows, columns, tuple(cells),
                   cell, left, top, summary)


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    period: str
    value: float
    shown: str  # the value as Dutch readers write it


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: int
    bars: tuple[Bar, ...]
    summary: str


def series_chart(figure: m.Entity) -> BarChart | None:
    """A figure's series as bars from zero (a bar's height is its value); None without a series."""
    series = figure.series or []
    if len(series) < 2:
        return None
    bar_w, gap, top, bottom, margin = 56, 28, 26, 28, 8
    tallest = max(point.value for point in series) or 1
    plot = 140
    bars = []
    for index, point in enumerate(series):
        height = round(plot * point.value / tallest) if point.value > 0 else 0
        x = margin + index * (bar_w + gap)
        bars.append(Bar(x, top + plot - height, bar_w, height, point.period, point.value, dutch_number(point.value)))
    summary = (f"{figure.name}: " + ", ".join(f"{bar.shown} in {bar.period}" for bar in bars)
               + (f" ({figure.unit})" if figure.unit else "") + ".")
    width = margin * 2 + len(bars) * (bar_w + gap) - gap
    return BarChart(width, top + plot + bottom, top + plot, tuple(bars), summary)


def dutch_number(value: float) -> str:
    """1268 → "1.268"; 1.4 → "1,4"."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,}".replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass(frozen=True)
class Bubble:
    x: int
    y: int
    radius: float
    count: int
    row: str  # the row's id (a factor, a target group)
    strength: int
    label: str  # what the bubble says, for screen readers and the tooltip


@dataclass(frozen=True)
class BubbleChart:
    width: int
    height: int
    left: int
    top: int
    scale: float  # radius = scale × √count; the page's script applies the same rule when filters change
    row_labels: tuple[tuple[int, str], ...]  # y, label
    column_labels: tuple[tuple[int, str], ...]  # x, label
    bubbles: tuple[Bubble, ...]
    summary: str


def evidence_chart(rows: list[tuple[str, str, list[int]]], steps: list[tuple[int, str]], noun: str) -> BubbleChart:
    """Rows (id, label, count per step) × evidence steps: a bubble's area is the number of interventions."""
    cell, left, top = 56, 250, 110
    biggest = max((count for _, _, counts in rows for count in counts), default=0) or 1
    scale = round((cell / 2 - 4) / biggest ** 0.5, 3)
    bubbles, gaps = [], []
    for row_index, (row_id, label, counts) in enumerate(rows):
        if not any(counts):
            gaps.append(label)
        for column, ((strength, step), count) in enumerate(zip(steps, counts)):
            bubbles.append(Bubble(left + column * cell + cell // 2, top + row_index * cell + cell // 2,
                                  round(scale * count ** 0.5, 2), count, row_id, strength,
                                  f"{label}, {step.lower()}: {counted(count, 'interventie', 'interventies')}"))
    summary = (f"Erkende interventies per {noun} en sterkte van de erkenning. "
               + (f"Geen erkende interventie voor: {', '.join(gaps)}." if gaps else "Voor elke rij is er minstens één."))
    return BubbleChart(left + len(steps) * cell + 20, top + len(rows) * cell + 10, left, top, scale,
                       tuple((top + i * cell + cell // 2, label) for i, (_, label, _) in enumerate(rows)),
                       tuple((left + i * cell + cell // 2, label) for i, (_, label) in enumerate(steps)),
                       tuple(bubbles), summary)
