"""CX plots: check what is drawn against the numbers they show."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Ellipse, FancyArrowPatch, PathPatch, Rectangle
from semopy.examples import holzinger39

from nps_research.cx import cfa, efa
from nps_research.plots.cx import dimension_scores, loadings_heatmap, path_diagram

MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"


@pytest.fixture(scope="module")
def res():
    return cfa(holzinger39.get_data(), MODEL)


def teardown_function():
    plt.close("all")


def test_heatmap_of_cfa_shows_standardised_loadings(res):
    ax = loadings_heatmap(data=res)
    arr = np.asarray(ax.get_images()[0].get_array())
    assert arr.shape == (9, 3)
    lo = res.loadings.set_index("item")
    assert arr[1, 0] == pytest.approx(lo.loc["x2", "std_all"])  # x2 on visual
    assert arr[1, 1] == 0.0  # not a loading of x2
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == 9 and f"{lo.loc['x5', 'std_all']:.2f}" in labels
    assert [t.get_text() for t in ax.get_xticklabels()] == ["visual", "textual", "speed"]


def test_heatmap_of_a_multigroup_loadings_table_shows_the_first_group():
    mg = cfa(holzinger39.get_data(), MODEL, group="school")
    lo = mg.loadings
    ax = loadings_heatmap(data=lo)
    arr = np.asarray(ax.get_images()[0].get_array())
    first = lo[lo.group == "Pasteur"].set_index("item").std_all
    assert arr[1, 0] == pytest.approx(first["x2"]) and arr[4, 1] == pytest.approx(first["x5"])
    assert first["x2"] != pytest.approx(lo[lo.group == "Grant-White"].set_index("item").std_all["x2"], abs=1e-3)


def test_heatmap_of_efa(res):
    e = efa(holzinger39.get_data(), [f"x{i}" for i in range(1, 10)], n_factors=3, n_sim=10)
    fig, ax0 = plt.subplots()
    ax = loadings_heatmap(data=e, ax=ax0, threshold=0.3)
    assert ax is ax0
    assert np.allclose(np.asarray(ax.get_images()[0].get_array()), e.loadings.to_numpy())
    assert len(ax.texts) == int((e.loadings.abs() >= 0.3).to_numpy().sum())


def test_dimension_scores_boxes_and_medians():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"a": rng.normal(3, 1, 200), "b": rng.normal(5, 1, 200),
                       "seg": np.repeat(["on", "off"], 100)})
    ax = dimension_scores(data=df, by="seg")
    boxes = [p for p in ax.patches if isinstance(p, PathPatch)]
    assert len(boxes) == 4  # 2 dimensions x 2 segments
    medians = sorted(round(float(line.get_ydata()[0]), 6) for line in ax.lines
                     if len(line.get_ydata()) == 2 and line.get_ydata()[0] == line.get_ydata()[1]
                     and line.get_linestyle() == "-" and line.get_color() not in ("black", "k"))
    expected = sorted(round(float(v), 6) for v in df.groupby("seg")[["a", "b"]].median().to_numpy().ravel())
    assert all(any(abs(m - e) < 1e-9 for m in medians) for e in expected)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["on", "off"]


def test_path_diagram_draws_model(res):
    ax = path_diagram(data=res)
    assert sum(isinstance(p, Ellipse) for p in ax.patches) == 3
    assert sum(isinstance(p, Rectangle) for p in ax.patches) == 9
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 9
    texts = [t.get_text() for t in ax.texts]
    lo = res.loadings.set_index("item")
    assert f"{lo.loc['x8', 'std_all']:.2f}" in texts


def test_path_diagram_second_order_and_paths():
    d = holzinger39.get_data()
    r2 = cfa(d, MODEL + "\ng =~ visual + textual + speed")
    ax = path_diagram(data=r2)
    assert sum(isinstance(p, Ellipse) for p in ax.patches) == 4
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 12
    g = [t for t in ax.texts if t.get_text() == "g"][0]
    v = [t for t in ax.texts if t.get_text() == "visual"][0]
    assert g.get_position()[1] > v.get_position()[1]  # the second-order factor sits above
