"""CX plots: check what is drawn against the numbers they show, and that every text is in the report language."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Ellipse, FancyArrowPatch, PathPatch, Rectangle
from semopy.examples import holzinger39

from nps_research.cx import EXQ, cfa, efa, score_scale
from nps_research.plots.cx import (
    dimension_scores,
    dimension_scores_plot,
    loadings_heatmap,
    loadings_plot,
    path_diagram,
    path_diagram_plot,
)
from nps_research.text import fmt_number

MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"
FACTORS = ["visual", "textual", "speed"]
ITEMS = [f"x{i}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def res():
    return cfa(holzinger39.get_data(), MODEL)


@pytest.fixture(scope="module")
def exq(synthetic):
    r = synthetic(1500, 2).responses
    rel = r[r.survey_type == "relational"]
    return rel, cfa(rel, EXQ)


def teardown_function():
    plt.close("all")


def _cells(ax) -> np.ndarray:
    mesh = ax.collections[0]
    rows, cols = len(ax.get_yticklabels()), len(ax.get_xticklabels())
    return np.asarray(mesh.get_array()).reshape(rows, cols)


def test_heatmap_of_cfa_shows_standardised_loadings(res):
    ax = loadings_plot(res)
    arr = _cells(ax)
    assert arr.shape == (9, 3)
    lo = res.loadings.set_index("item")
    assert arr[1, 0] == pytest.approx(lo.loc["x2", "std_all"])  # x2 on visual
    assert arr[1, 1] == 0.0  # not a loading of x2
    labels = [t.get_text() for t in ax.texts if t.get_text()]
    assert len(labels) == 9 and f"{lo.loc['x5', 'std_all']:.2f}" in labels
    assert [t.get_text() for t in ax.get_xticklabels()] == FACTORS


def test_heatmap_in_dutch_writes_decimal_commas(res, plot_language_check):
    ax = loadings_plot(res, language="nl")
    lo = res.loadings.set_index("item")
    assert fmt_number(lo.loc["x5", "std_all"], "nl", 2) in [t.get_text() for t in ax.texts]
    assert ax.get_title() == "Gestandaardiseerde ladingen"
    assert ax.figure.axes[1].get_ylabel() == "lading"  # the colour bar
    plot_language_check(ax, "nl", data_values=FACTORS + ITEMS)


def test_heatmap_of_exq_labels_dimensions_and_items_in_dutch(exq, plot_language_check):
    _, model = exq
    ax = loadings_plot(model, language="nl")
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == [
        "Productervaring", "Uitkomstgerichtheid", "Momenten van de waarheid", "Gemoedsrust"]
    assert ax.get_yticklabels()[0].get_text() == "pex1 (keuzevrijheid)"
    plot_language_check(ax, "nl")


def test_heatmap_of_a_multigroup_loadings_table_shows_the_first_group():
    mg = cfa(holzinger39.get_data(), MODEL, group="school")
    lo = mg.loadings
    ax = loadings_plot(lo)
    arr = _cells(ax)
    first = lo[lo.group == "Pasteur"].set_index("item").std_all
    assert arr[1, 0] == pytest.approx(first["x2"]) and arr[4, 1] == pytest.approx(first["x5"])
    assert first["x2"] != pytest.approx(lo[lo.group == "Grant-White"].set_index("item").std_all["x2"], abs=1e-3)


def test_heatmap_of_efa(res, plot_language_check):
    e = efa(holzinger39.get_data(), ITEMS, n_factors=3, n_sim=10)
    fig, ax0 = plt.subplots()
    ax = loadings_plot(e, ax=ax0, threshold=0.3, language="nl")
    assert ax is ax0
    assert np.allclose(_cells(ax), e.loadings.to_numpy())
    assert len([t for t in ax.texts if t.get_text()]) == int((e.loadings.abs() >= 0.3).to_numpy().sum())
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Factor 1", "Factor 2", "Factor 3"]
    assert ax.get_title() == "Factorladingen (oblimin-rotatie)"
    plot_language_check(ax, "nl", data_values=ITEMS)


def test_old_names_are_deprecated_aliases(res):
    for old in (loadings_heatmap, path_diagram, dimension_scores):
        assert old.__deprecated_alias__
    with pytest.warns(DeprecationWarning, match="loadings_heatmap is deprecated; use loadings_plot"):
        ax = loadings_heatmap(data=res)
    assert np.allclose(_cells(ax), _cells(loadings_plot(res)))
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "seg": ["x", "x", "y", "y"]})
    with pytest.warns(DeprecationWarning, match="use dimension_scores_plot"):
        ax = dimension_scores(data=df, by="seg", labels={"a": "Alpha"})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Alpha"]


def _box_quartiles(ax) -> list[tuple[float, float]]:
    out = []
    for p in ax.patches:
        if isinstance(p, PathPatch):
            ys = p.get_path().vertices[:, 1]
            out.append((round(float(ys.min()), 6), round(float(ys.max()), 6)))
    return sorted(out)


def test_dimension_scores_boxes_show_the_quartiles(plot_language_check):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"pex": rng.normal(3, 1, 200), "pom": rng.normal(5, 1, 200),
                       "channel": np.repeat(["on", "off"], 100)})
    ax = dimension_scores_plot(df, by="channel", scale=EXQ, labels={"channel": "Kanaal van contact"}, language="nl")
    # one box per dimension and segment, spanning its quartiles (matplotlib's linear percentiles)
    expected = sorted((round(float(np.percentile(g, 25)), 6), round(float(np.percentile(g, 75)), 6))
                      for _, sub in df.groupby("channel") for g in (sub.pex, sub.pom))
    assert _box_quartiles(ax) == expected
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["on", "off"]
    assert ax.get_legend().get_title().get_text() == "Kanaal van contact"
    assert ax.get_title() == "Dimensiescores per Kanaal van contact"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Productervaring", "Gemoedsrust"]
    plot_language_check(ax, "nl", data_values=["on", "off", "Kanaal van contact"])


def test_dimension_scores_of_the_scale_in_dutch(exq, plot_language_check):
    rel, _ = exq
    scores = score_scale(rel, EXQ, keep="channel")
    ax = dimension_scores_plot(scores, dimensions=list(EXQ.dimensions), by="channel", scale=EXQ, language="nl")
    assert ax.get_title() == "Dimensiescores per kanaal"  # the role's label, not the role
    assert ax.get_ylabel() == "score (1-7)"
    assert len(_box_quartiles(ax)) == 4 * rel.channel.nunique()
    plot_language_check(ax, "nl", data_values=list(rel.channel.unique()))


def test_path_diagram_draws_model(res, plot_language_check):
    ax = path_diagram_plot(res, language="nl")
    assert sum(isinstance(p, Ellipse) for p in ax.patches) == 3
    assert sum(isinstance(p, Rectangle) for p in ax.patches) == 9
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 9
    texts = [t.get_text() for t in ax.texts]
    lo = res.loadings.set_index("item")
    assert fmt_number(lo.loc["x8", "std_all"], "nl", 2) in texts
    plot_language_check(ax, "nl", data_values=FACTORS + ITEMS)


def test_path_diagram_second_order_and_paths():
    d = holzinger39.get_data()
    r2 = cfa(d, MODEL + "\ng =~ visual + textual + speed")
    ax = path_diagram_plot(r2)
    assert sum(isinstance(p, Ellipse) for p in ax.patches) == 4
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 12
    g = [t for t in ax.texts if t.get_text() == "g"][0]
    v = [t for t in ax.texts if t.get_text() == "visual"][0]
    assert g.get_position()[1] > v.get_position()[1]  # the second-order factor sits above


def _overlaps(ax) -> list[tuple[str, str]]:
    renderer = ax.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_text()]
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_path_diagram_texts_do_not_overlap(exq, plot_language_check):
    """Seen by a user: item labels overlapped. Neither the EXQ diagram (19 items, second order) nor one with long
    Dutch column names has two texts that overlap; long names are written vertically inside their boxes."""
    _, model = exq
    ax = path_diagram_plot(model, language="nl")
    ax.figure.canvas.draw()
    assert _overlaps(ax) == []
    assert {"Productervaring", "Gemoedsrust", "EXQ"} <= {t.get_text() for t in ax.texts}
    plot_language_check(ax, "nl", data_values=EXQ.items)

    rng = np.random.default_rng(0)
    f = rng.normal(size=(400, 2))
    names = [["tevredenheid_afhandeling", "snelheid_van_reactie", "vriendelijkheid_medewerker"],
             ["duidelijkheid_polis", "premie_prijs_kwaliteit", "begrijpelijke_voorwaarden"]]
    df = pd.DataFrame({c: f[:, k] * 0.8 + rng.normal(size=400) * 0.6 for k, g in enumerate(names) for c in g})
    fit = cfa(df, "\n".join(f"F{k} =~ " + " + ".join(g) for k, g in enumerate(names)))
    ax = path_diagram_plot(fit, language="nl")
    ax.figure.canvas.draw()
    assert _overlaps(ax) == []
    renderer = ax.figure.canvas.get_renderer()
    boxes = [p for p in ax.patches if isinstance(p, Rectangle)]
    for t in ax.texts:
        if t.get_text() in sum(names, []):
            assert t.get_rotation() == 90
            bb = t.get_window_extent(renderer)
            assert any(p.get_window_extent(renderer).contains(bb.x0 + 1, bb.y0 + 1)
                       and p.get_window_extent(renderer).contains(bb.x1 - 1, bb.y1 - 1) for p in boxes), t.get_text()
