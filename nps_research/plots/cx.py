"""Plots for CX measurement: loadings heatmap, dimension scores by segment, path diagram.

Every function takes ``data=``, accepts ``ax=`` and returns the matplotlib Axes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Ellipse, FancyArrowPatch, Rectangle

__all__ = ["dimension_scores", "loadings_heatmap", "path_diagram"]


def _loadings_matrix(data) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        if {"factor", "item", "std_all"} <= set(data.columns):  # a loadings table (first group if several)
            if "group" in data.columns:
                data = data[data["group"] == data["group"].iloc[0]]
            return data.pivot_table(index="item", columns="factor", values="std_all", sort=False)
        return data
    if hasattr(data, "spec") and hasattr(data, "loadings"):  # CFAResult: observed indicators only
        lo = data.loadings
        lo = lo[(lo.group == lo.group.iloc[0]) & lo["item"].isin(data.spec.observed)]
        return lo.pivot_table(index="item", columns="factor", values="std_all", sort=False).reindex(
            lo["item"].unique())
    if hasattr(data, "loadings"):  # EFAResult
        return data.loadings
    raise TypeError("data must be a CFAResult, an EFAResult or a DataFrame of loadings")


def loadings_heatmap(data, *, ax=None, annotate: bool = True, threshold: float = 0.0, cmap: str = "RdBu_r"):
    """Heatmap of (standardised) loadings, items x factors.

    Parameters
    ----------
    data : CFAResult, EFAResult or DataFrame
        A fitted CFA (standardised loadings of the observed items), an EFA (rotated loadings) or an items x
        factors DataFrame.
    annotate : bool
        Write the values in the cells (those with ``|l| >= threshold``).

    Examples
    --------
    >>> ax = loadings_heatmap(data=pd.DataFrame({"F1": [0.8, 0.1], "F2": [0.05, 0.7]}, index=["a", "b"]))
    >>> ax.get_images()[0].get_array().tolist()
    [[0.8, 0.05], [0.1, 0.7]]
    """
    L = _loadings_matrix(data).fillna(0.0)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 + 1.1 * L.shape[1], 0.9 + 0.32 * L.shape[0]))
    im = ax.imshow(L.to_numpy(float), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(L.shape[1]), [str(c) for c in L.columns])
    ax.set_yticks(range(L.shape[0]), [str(i) for i in L.index])
    if annotate:
        for i in range(L.shape[0]):
            for j in range(L.shape[1]):
                v = L.iat[i, j]
                if abs(v) >= max(threshold, 1e-12):
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                            color="white" if abs(v) > 0.6 else "black")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label="loading")
    ax.set_title("Standardised loadings")
    return ax


def dimension_scores(data: pd.DataFrame, *, dimensions: list[str] | None = None, by: str | None = None,
                     ax=None, labels: dict[str, str] | None = None):
    """Box plots of dimension scores, per segment.

    Parameters
    ----------
    data : DataFrame
        Scores (e.g. :func:`~nps_research.cx.score_scale` output) plus the segment column ``by``.
    dimensions : list of str, optional
        Score columns (default: all numeric columns except ``by``).
    by : str, optional
        Segment column; one box per dimension and segment.
    labels : dict, optional
        Dimension -> label for the x axis.

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 5, 5], "seg": ["x", "x", "y", "y"]})
    >>> ax = dimension_scores(data=df, by="seg")
    >>> len(ax.artists) + len([p for p in ax.patches]) >= 4
    True
    """
    dims = dimensions or [c for c in data.select_dtypes("number").columns if c != by]
    segs = [None] if by is None else list(pd.unique(data[by].dropna()))
    if ax is None:
        _, ax = plt.subplots(figsize=(1.5 + 1.3 * len(dims) * max(1, len(segs)) / 2, 4))
    width = 0.8 / len(segs)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for k, seg in enumerate(segs):
        sub = data if seg is None else data[data[by] == seg]
        vals = [sub[d].dropna().to_numpy() for d in dims]
        pos = np.arange(len(dims)) + (k - (len(segs) - 1) / 2) * width
        bp = ax.boxplot(vals, positions=pos, widths=width * 0.9, patch_artist=True, manage_ticks=False)
        for box in bp["boxes"]:
            box.set_facecolor(colors[k % len(colors)])
            box.set_alpha(0.7)
            box.set_label(str(seg) if seg is not None else None)
    ax.set_xticks(range(len(dims)), [(labels or {}).get(d, d) for d in dims])
    ax.set_ylabel("score")
    if by is not None:
        handles = [Rectangle((0, 0), 1, 1, color=colors[k % len(colors)], alpha=0.7) for k in range(len(segs))]
        ax.legend(handles, [str(s) for s in segs], title=by, fontsize=8)
    ax.set_title("Dimension scores" + (f" by {by}" if by else ""))
    return ax


def path_diagram(data, *, ax=None, show_items: bool = True):
    """Path diagram of a fitted CFA/SEM: latent variables as ellipses, items as boxes, arrows with standardised
    loadings and paths (first group).

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> from nps_research.cx import cfa
    >>> res = cfa(holzinger39.get_data(), "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6")
    >>> ax = path_diagram(data=res)
    >>> sum(isinstance(p, Ellipse) for p in ax.patches), sum(isinstance(p, Rectangle) for p in ax.patches)
    (2, 6)
    """
    spec = data.spec
    est = data.estimates[data.estimates.group == data.groups[0]]
    first = spec.first_order_factors()
    higher = [f for f in spec.latent if f not in first]
    items = [v for v in spec.observed if any(r.op == "=~" and r.rhs == v for r in spec.rows)] if show_items else []
    others = [v for v in spec.observed if v not in items and show_items]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6, 0.55 * max(len(items), 4)), 5))
    pos: dict[str, tuple[float, float]] = {}
    n_items = max(len(items), 1)
    for i, v in enumerate(items):
        pos[v] = (i, 0.0)
    for f in first:
        ind = [pos[i][0] for i in spec.indicators(f) if i in pos]
        pos[f] = (float(np.mean(ind)) if ind else 0.0, 2.0)
    for f in higher:
        ind = [pos[i][0] for i in spec.indicators(f) if i in pos]
        pos[f] = (float(np.mean(ind)) if ind else (n_items - 1) / 2, 4.0)
    struct_y = 4.0 if not higher else 5.5
    for k, v in enumerate(others):
        pos[v] = ((n_items - 1) * (k + 1) / (len(others) + 1), struct_y)
    for v in spec.observed:
        if v in pos:
            x, y = pos[v]
            ax.add_patch(Rectangle((x - 0.4, y - 0.25), 0.8, 0.5, fill=False, lw=1))
            ax.text(x, y, v, ha="center", va="center", fontsize=7)
    for f in spec.latent:
        x, y = pos[f]
        ax.add_patch(Ellipse((x, y), 1.4, 0.7, fill=False, lw=1.5))
        ax.text(x, y, f, ha="center", va="center", fontsize=9, weight="bold")
    for r in est.itertuples():
        if r.op not in ("=~", "~"):
            continue
        src, dst = (r.lhs, r.rhs) if r.op == "=~" else (r.rhs, r.lhs)
        if src not in pos or dst not in pos:
            continue
        (x0, y0), (x1, y1) = pos[src], pos[dst]
        ax.add_patch(FancyArrowPatch((x0, y0 + (-0.35 if y1 < y0 else 0.35)),
                                     (x1, y1 + (0.25 if y1 < y0 else -0.25)),
                                     arrowstyle="-|>", mutation_scale=8, lw=0.8, color="0.3"))
        ax.text(0.5 * (x0 + x1), 0.5 * (y0 + y1), f"{r.std_all:.2f}", fontsize=6, ha="center",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 1, max(xs) + 1)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    ax.set_axis_off()
    ax.set_title("Path diagram (standardised estimates)")
    return ax
