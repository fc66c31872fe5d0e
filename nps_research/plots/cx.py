"""Plots for CX measurement (:mod:`nps_research.cx`): loadings heatmap, dimension scores per segment, path
diagram.

- :func:`loadings_plot`: heatmap of the standardised loadings of a CFA (or the rotated loadings of an EFA);
- :func:`dimension_scores_plot`: box plots of the dimension scores, one colour per segment;
- :func:`path_diagram_plot`: the fitted model with its standardised estimates.

Each is ``<thing>_plot(data=None, *, ..., language="en", ax=None) -> Axes``: dimensions by their labels
(the scale's, in the report language), items by their column, every other text from the text layer
(``plot.cx.`` texts), numbers written in the report language (decimal comma in Dutch), also in the cells
of the heatmap and on the arrows of the path diagram.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.patches import Ellipse, FancyArrowPatch, Rectangle

from ..cx.scales import ItemLabel, Scale, get_scale, latent_label
from ..text import column_label, fmt_number, t
from ._common import finish_axes, label, new_ax, number_axis, wrap

__all__ = ["dimension_scores", "dimension_scores_plot", "loadings_heatmap", "loadings_plot", "path_diagram",
           "path_diagram_plot"]


def _need(data: Any, what: str) -> None:
    if data is None:
        raise ValueError(f"data is required: {what}")


# ------------------------------------------------------------------------------------------ loadings


def _loadings_matrix(data: Any, language: str) -> tuple[pd.DataFrame, str]:
    """Items x factors loadings with rows and columns named as the report shows them, and the title."""
    if isinstance(data, pd.DataFrame):
        if {"factor", "item", "std_all"} <= set(data.columns):  # a loadings table (first group if several)
            if "group" in data.columns:
                data = data[data["group"] == data["group"].iloc[0]]
            return data.pivot_table(index="item", columns="factor", values="std_all", sort=False), label(
                "cx.loadings", language)
        return data, label("cx.loadings", language)
    if hasattr(data, "spec") and hasattr(data, "loadings"):  # CFAResult: observed indicators only
        lo = data.loadings
        lo = lo[(lo.group == lo.group.iloc[0]) & lo["item"].isin(data.spec.observed)]
        L = lo.pivot_table(index="item", columns="factor", values="std_all", sort=False).reindex(lo["item"].unique())
        L = L.reindex(columns=list(dict.fromkeys(lo["factor"])))
        L.index = [ItemLabel.of(i, data.scales, data.labels).format(language) for i in L.index]
        L.columns = [wrap(latent_label(f, data.scales).format(language), 14) for f in L.columns]
        return L, label("cx.loadings", language)
    if hasattr(data, "loadings") and hasattr(data, "kmo"):  # EFAResult
        scales = [data.scale] if getattr(data, "scale", None) is not None else []
        L = data.loadings.copy()
        L.index = [ItemLabel.of(i, scales, getattr(data, "labels", {})).format(language) for i in L.index]
        L.columns = [t("cx.factor_n", language, n=j + 1) for j in range(L.shape[1])]
        rotation = data.rotation if data.loadings.shape[1] > 1 else "none"
        return L, label("cx.efa_loadings", language, rotation=t(f"cx.rotation.{rotation}", language))
    raise TypeError("data must be a CFAResult, an EFAResult or a DataFrame of loadings")


def loadings_plot(data: Any = None, *, threshold: float = 0.0, annotate: bool = True, cmap: str = "RdBu_r",
                  language: str = "en", ax: Axes | None = None) -> Axes:
    """Heatmap of (standardised) loadings, items x factors.

    Parameters
    ----------
    data : CFAResult, EFAResult or DataFrame
        A fitted CFA (standardised loadings of the observed items on their factors, first group), an EFA
        (rotated loadings, factors named *Factor 1, 2, ...*), a CFA loadings table (``factor, item, std_all``)
        or an items x factors DataFrame (its labels as they are).
    threshold : float
        Write the values of the cells with ``|l| >= threshold`` (zero cells, not loadings of a CFA, stay empty).
    annotate : bool
        Write the values in the cells (in the report language: ``0,85`` in Dutch).
    cmap : str
        Diverging colour map, centred on 0 (-1 to 1).
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = loadings_plot(pd.DataFrame({"F1": [0.8, 0.1], "F2": [0.05, 0.7]}, index=["a", "b"]), language="nl")
    >>> ax.collections[0].get_array().reshape(2, 2).tolist(), sorted(t.get_text() for t in ax.texts)
    ([[0.8, 0.05], [0.1, 0.7]], ['0,05', '0,10', '0,70', '0,80'])
    """
    _need(data, "a CFAResult, an EFAResult or a DataFrame of loadings")
    L, title = _loadings_matrix(data, language)
    L = L.fillna(0.0).astype(float)
    ax = new_ax(ax, (2.8 + 1.3 * L.shape[1], 1.2 + 0.32 * L.shape[0]))
    values = L.to_numpy()
    shown = (np.abs(values) >= max(threshold, 1e-12)) & annotate
    annot = np.where(shown, np.vectorize(lambda v: fmt_number(v, language, 2))(values), "")
    sns.heatmap(L, ax=ax, vmin=-1, vmax=1, center=0, cmap=cmap, annot=annot, fmt="", annot_kws={"fontsize": 8},
                linewidths=0.5, linecolor="white", cbar_kws={"label": label("cx.loading", language)})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", rotation=0)
    ax.tick_params(axis="y", rotation=0)
    ax.set_title(title)
    colorbar = ax.collections[0].colorbar
    if colorbar is not None:
        number_axis(colorbar.ax, "y", language)
    finish_axes(ax, language)
    return ax


# ------------------------------------------------------------------------------------------ scores


def dimension_scores_plot(data: Any = None, *, dimensions: list[str] | None = None, by: str | None = None,
                          scale: Scale | str | None = None, dimension_labels: Mapping[str, str] | None = None,
                          labels: Mapping[str, str] | None = None, language: str = "en",
                          ax: Axes | None = None) -> Axes:
    """Box plots of dimension scores, one box per dimension and segment (seaborn, segments as hue).

    Parameters
    ----------
    data : DataFrame
        Scores (e.g. :func:`~nps_research.cx.score_scale` output, with ``keep=by``) plus the segment column.
    dimensions : list of str, optional
        Score columns (default: all numeric columns except ``by``).
    by : str, optional
        Segment column; its label (the client's column name from ``labels``, else the translated role label)
        heads the legend and the title.
    scale : Scale or str, optional
        The scale: dimension labels in the report language and the response range of the axis.
    dimension_labels : mapping, optional
        Dimension -> label, for dimensions the scale does not name.
    labels : mapping, optional
        Role -> the client's column name (``study.labels``).
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> df = pd.DataFrame({"pex": [1, 2, 3, 4], "pom": [2, 2, 5, 5], "channel": ["web", "web", "shop", "shop"]})
    >>> ax = dimension_scores_plot(df, by="channel", scale="EXQ", language="nl")
    >>> ax.get_title(), [t.get_text() for t in ax.get_xticklabels()], ax.get_legend().get_title().get_text()
    ('Dimensiescores per kanaal', ['Productervaring', 'Gemoedsrust'], 'kanaal')
    """
    _need(data, "a DataFrame of dimension scores")
    sc = get_scale(scale) if scale is not None else None
    dims = list(dimensions or [c for c in data.select_dtypes("number").columns if c != by])

    def dim_label(d: str) -> str:
        if dimension_labels and d in dimension_labels:
            return str(dimension_labels[d])
        if sc is not None and (d in sc.dimensions or d == sc.name):
            return sc.label(d, language)
        return d

    names = {d: wrap(dim_label(d), 16) for d in dims}
    cols = dims + ([by] if by is not None else [])
    long = data[cols].melt(id_vars=[by] if by is not None else None, value_vars=dims, var_name="dimension",
                           value_name="score").dropna(subset=["score"])
    long["dimension"] = long["dimension"].map(names)
    segs = list(pd.unique(data[by].dropna())) if by is not None else []
    n_boxes = len(dims) * max(1, len(segs))
    ax = new_ax(ax, (max(6.0, 1.6 + 0.45 * n_boxes), 4.5))
    kwargs: dict[str, Any] = dict(data=long, x="dimension", y="score", order=list(names.values()), ax=ax,
                                  fliersize=2, linewidth=0.8)
    if by is not None:
        long[by] = long[by].astype(str)
        kwargs.update(hue=by, hue_order=[str(s) for s in segs], palette="Set2")
    else:
        kwargs.update(color=sns.color_palette("Set2")[0])
    sns.boxplot(**kwargs)
    ax.set_xlabel("")
    if sc is not None:
        ax.set_ylabel(label("cx.score", language, low=sc.low, high=sc.high))
        ax.set_ylim(sc.low - 0.3, sc.high + 0.3)
    else:
        ax.set_ylabel(label("cx.score_plain", language))
    if by is not None:
        column = column_label(by, language, labels)
        ax.set_title(label("cx.scores_by", language, column=column))
        legend = ax.get_legend()
        if legend is not None:
            legend.set_title(column)
            sns.move_legend(ax, "upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    else:
        ax.set_title(label("cx.scores", language))
    finish_axes(ax, language)
    return ax


# ------------------------------------------------------------------------------------------ path diagram


def _spread(xs: dict[str, float], widths: dict[str, float], gap: float = 0.3) -> dict[str, float]:
    """Push ellipse centres apart (left to right) so that neighbouring ellipses do not overlap."""
    out = dict(xs)
    order = sorted(out, key=lambda k: out[k])
    for a, b in zip(order, order[1:]):
        need = (widths[a] + widths[b]) / 2 + gap
        if out[b] - out[a] < need:
            out[b] = out[a] + need
    return out


def path_diagram_plot(data: Any = None, *, show_items: bool = True, language: str = "en",
                      ax: Axes | None = None) -> Axes:
    """Path diagram of a fitted CFA/SEM: latent variables as ellipses (by their labels), items as boxes (by
    their column), arrows with the standardised loadings and paths (first group).

    Item names that do not fit their box are written vertically; the loadings sit near the item end of their
    arrows, where the arrows are a box apart, so that no two texts overlap.

    Parameters
    ----------
    data : CFAResult
        A fitted model (:func:`~nps_research.cx.cfa` or :func:`~nps_research.cx.sem`).
    show_items : bool
        Draw the observed items (else only the latent variables and their paths).
    language : {"en", "nl"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from semopy.examples import holzinger39
    >>> from nps_research.cx import cfa
    >>> res = cfa(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6")
    >>> ax = path_diagram_plot(res, language="nl")
    >>> sum(isinstance(p, Ellipse) for p in ax.patches), sum(isinstance(p, Rectangle) for p in ax.patches)
    (2, 6)
    >>> ax.get_title()
    'Padmodel (gestandaardiseerde schattingen)'
    """
    _need(data, "a fitted CFAResult")
    spec = data.spec
    est = data.estimates[data.estimates.group == data.groups[0]]
    first = spec.first_order_factors()
    higher = [f for f in spec.latent if f not in first]
    items = [v for v in spec.observed if any(r.op == "=~" and r.rhs == v for r in spec.rows)] if show_items else []
    others = [v for v in spec.observed if v not in items and show_items]
    n_items = max(len(items), 1)
    ax = new_ax(ax, (max(7.0, 0.62 * n_items + 1.5), 5.5))
    names = {v: ItemLabel.of(v, data.scales, data.labels).item for v in spec.observed}
    latent_names = {f: wrap(latent_label(f, data.scales).format(language), 14) for f in spec.latent}

    # positions: items in a row, first-order factors above their items, higher-order factors above those
    pos: dict[str, tuple[float, float]] = {v: (float(i), 0.0) for i, v in enumerate(items)}
    widths = {f: max(1.6, 0.16 * max(len(line) for line in latent_names[f].split("\n")) + 0.5) for f in spec.latent}
    xs = {}
    for f in first:
        ind = [pos[i][0] for i in spec.indicators(f) if i in pos]
        xs[f] = float(np.mean(ind)) if ind else 0.0
    for f, x in _spread(xs, widths).items():
        pos[f] = (x, 2.2)
    xs = {}
    for f in higher:
        ind = [pos[i][0] for i in spec.indicators(f) if i in pos]
        xs[f] = float(np.mean(ind)) if ind else (n_items - 1) / 2
    for f, x in _spread(xs, widths).items():
        pos[f] = (x, 4.4)
    struct_y = 4.4 if not higher else 6.2
    span = max([p[0] for p in pos.values()] + [n_items - 1])
    for k, v in enumerate(others):
        pos[v] = (span * (k + 1) / (len(others) + 1), struct_y)
    xs_all = [p[0] for p in pos.values()]
    ys_all = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs_all) - 1, max(xs_all) + 1)
    ax.set_ylim(min(ys_all) - 0.6, max(ys_all) + 0.8)
    ax.set_axis_off()

    # item names: horizontal when every one fits its box, else vertical (boxes grow downwards)
    texts = {v: ax.text(*pos[v], names[v], ha="center", va="center", fontsize=7) for v in spec.observed if v in pos}
    box_w, box_h = 0.8, 0.5
    renderer = getattr(ax.figure.canvas, "get_renderer", lambda: None)()
    vertical = False
    if renderer is not None and texts:
        def extent(txt):
            inv = ax.transData.inverted()  # after every change of the limits
            bb = txt.get_window_extent(renderer)
            (x0, y0), (x1, y1) = inv.transform([(bb.x0, bb.y0), (bb.x1, bb.y1)])
            return x1 - x0, y1 - y0

        vertical = any(extent(texts[v])[0] > box_w * 0.92 for v in items)
        if vertical:  # room below the row first (a larger range makes the texts shorter in data units)
            ax.set_ylim(min(ys_all) - 2.4, ax.get_ylim()[1])
            for v in items:
                texts[v].set_rotation(90)
            box_h = max(0.5, max(extent(texts[v])[1] for v in items) + 0.2)
    for v, txt in texts.items():
        x, y = pos[v]
        if v in items and vertical:  # the box hangs below the row, its top edge where a horizontal box has it
            txt.set_position((x, 0.25 - box_h / 2))
            ax.add_patch(Rectangle((x - box_w / 2, 0.25 - box_h), box_w, box_h, fill=False, lw=1))
        else:
            ax.add_patch(Rectangle((x - box_w / 2, y - 0.25), box_w, 0.5, fill=False, lw=1))
    if vertical:
        ax.set_ylim(min(ax.get_ylim()[0], 0.25 - box_h - 0.3), ax.get_ylim()[1])
    for f in spec.latent:
        x, y = pos[f]
        ax.add_patch(Ellipse((x, y), widths[f], 0.9, fill=False, lw=1.5))
        ax.text(x, y, latent_names[f], ha="center", va="center", fontsize=8.5, weight="bold")

    # arrows with their standardised estimates
    for r in est.itertuples():
        if r.op not in ("=~", "~"):
            continue
        src, dst = (r.lhs, r.rhs) if r.op == "=~" else (r.rhs, r.lhs)
        if src not in pos or dst not in pos:
            continue
        (x0, y0), (x1, y1) = pos[src], pos[dst]
        down = y1 < y0
        start = (x0, y0 + (-0.45 if down else 0.45) if src in spec.latent else y0 + (-0.25 if down else 0.25))
        end = (x1, y1 + ((0.45 if down else -0.45) if dst in spec.latent else (0.25 if down else -0.25)))
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=8, lw=0.8, color="0.3"))
        at = 0.72 if dst in items else 0.5  # near the item end, where neighbouring arrows are a box apart
        lx, ly = start[0] + at * (end[0] - start[0]), start[1] + at * (end[1] - start[1])
        ax.text(lx, ly, fmt_number(r.std_all, language, 2), fontsize=6.5, ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})
    ax.set_title(label("cx.path", language))
    return ax


# ------------------------------------------------------------------------------------------ deprecated names


def _deprecated(new, old: str):
    import functools
    import warnings

    @functools.wraps(new)
    def alias(*args, **kwargs):
        warnings.warn(f"{old} is deprecated; use {new.__name__}", DeprecationWarning, stacklevel=2)
        return new(*args, **kwargs)

    alias.__name__ = old
    alias.__deprecated_alias__ = True
    return alias


loadings_heatmap = _deprecated(loadings_plot, "loadings_heatmap")
path_diagram = _deprecated(path_diagram_plot, "path_diagram")


def dimension_scores(data: Any = None, *, dimensions: list[str] | None = None, by: str | None = None, ax=None,
                     labels: Mapping[str, str] | None = None, language: str = "en") -> Axes:
    """Deprecated: :func:`dimension_scores_plot` (whose ``labels`` are the client's column names; the old
    ``labels``, dimension -> label, are its ``dimension_labels``)."""
    import warnings

    warnings.warn("dimension_scores is deprecated; use dimension_scores_plot", DeprecationWarning, stacklevel=2)
    return dimension_scores_plot(data, dimensions=dimensions, by=by, dimension_labels=labels, language=language,
                                 ax=ax)


dimension_scores.__deprecated_alias__ = True
