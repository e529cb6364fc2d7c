"""Small static SVG charts (matplotlib, no pyplot): a KPI's actual against its phased target.

matplotlib rather than Vega-Altair + vl-convert-python: both are permissively licensed, but
vl-convert ships a JavaScript engine (a ~100 MB wheel) to draw what matplotlib's SVG backend
draws in pure Python already installed with its ~25 MB; importing ``matplotlib.figure`` and
the SVG backend takes about 0.4 s once per process. The SVG is made reproducible (fixed
hash salt for element ids, no creation date) and embedded as a ``data:`` URI, so the HTML
stays self-contained and the same data gives the same bytes. Tick labels are formatted by
Babel like the rest of the report; the text alternative is written by the caller.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

COLOURS = {"actual": "#1f4e79", "target": "#9c6500"}


def _figure_modules():
    import matplotlib

    matplotlib.use("svg", force=False)
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "spf-briefing",
            "svg.fonttype": "none",
            "font.family": "DejaVu Sans",
            "font.size": 8,
        }
    )
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    return Figure, FigureCanvasSVG, FuncFormatter


def kpi_chart(
    quarters: list[str],
    actual: list[float | None],
    target: list[float | None],
    labels: tuple[str, str],
    tick: Callable[[float], str],
) -> str:
    """An SVG line chart as a ``data:image/svg+xml;base64,…`` URI."""
    figure_class, canvas_class, formatter = _figure_modules()
    figure = figure_class(figsize=(3.2, 1.6), dpi=72)
    canvas_class(figure)
    axes = figure.add_subplot(1, 1, 1)
    positions = list(range(len(quarters)))
    for values, label, style, key in (
        (target, labels[1], "--", "target"),
        (actual, labels[0], "-", "actual"),
    ):
        points = [(x, v) for x, v in zip(positions, values, strict=True) if v is not None]
        if points:
            axes.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                style,
                marker="o",
                markersize=3,
                color=COLOURS[key],
                label=label,
            )
    axes.set_xticks(positions, quarters)
    axes.set_xlim(-0.5, max(len(quarters) - 0.5, 0.5))
    axes.yaxis.set_major_formatter(formatter(lambda v, _pos: tick(v)))
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="best", frameon=False, fontsize=7)
    figure.tight_layout(pad=0.3)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
