"""Contact agents predicting the customer's score: agreement statistics against independent implementations.

References: Gwet's AC2 and Cohen's kappa from irrCAC 0.4.4 (Gwet's Python port; tests/people/reference_irrcac.py
on tests/people/agent_pairs.csv), quadratic kappa from scikit-learn, ICC(A,1) from pingouin, the
Bland-Altman limits and calibration written out by hand, and the synthetic study's planted agent biases.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from sklearn.metrics import cohen_kappa_score

from nps_research import people
from nps_research.people import _gwet_ac2, _icc_a1, _kappa, agent_agreement

PAIRS = pd.read_csv(Path(__file__).with_name("agent_pairs.csv"))


def test_ac2_and_kappa_match_irrcac():
    a, b = PAIRS["predicted"].to_numpy(), PAIRS["actual"].to_numpy()
    assert _gwet_ac2(a, b, 11, "quadratic") == pytest.approx(0.94565, abs=6e-6)
    assert _kappa(a, b, 11, "quadratic") == pytest.approx(0.87163, abs=6e-6)
    assert _gwet_ac2(a, b, 11, "identity") == pytest.approx(0.35173, abs=6e-6)
    assert _kappa(a, b, 11, None) == pytest.approx(0.31346, abs=6e-6)


def test_kappa_and_icc_match_scikit_learn_and_pingouin():
    a, b = PAIRS["predicted"].to_numpy(), PAIRS["actual"].to_numpy()
    assert _kappa(a, b, 11, "quadratic") == pytest.approx(cohen_kappa_score(a, b, weights="quadratic"))
    assert _kappa(a, b, 11, "linear") == pytest.approx(cohen_kappa_score(a, b, weights="linear"))
    long = pd.DataFrame({"target": np.tile(np.arange(len(a)), 2), "rater": np.repeat(["p", "a"], len(a)),
                         "score": np.r_[a, b]})
    icc = pg.intraclass_corr(long, targets="target", raters="rater", ratings="score").set_index("Type")
    assert _icc_a1(a, b) == pytest.approx(icc.loc["ICC(A,1)", "ICC"])


def test_summary_by_hand_and_deterministic():
    df = PAIRS.assign(agent_id=np.tile(["a1", "a2", "a3", "a4"], 100), ltr=PAIRS["actual"],
                      agent_predicted_ltr=PAIRS["predicted"])
    res = agent_agreement(df, bootstrap=300)
    s = res.summary().set_index("statistic")
    d = PAIRS["predicted"] - PAIRS["actual"]
    assert s.loc["exact_agreement", "estimate"] == pytest.approx(100 * (d == 0).mean())
    assert s.loc["within_one", "estimate"] == pytest.approx(100 * (d.abs() <= 1).mean())
    assert s.loc["bias", "estimate"] == pytest.approx(d.mean())
    assert res.loa == pytest.approx((d.mean() - 1.96 * d.std(), d.mean() + 1.96 * d.std()))
    slope = np.polyfit(PAIRS["predicted"], PAIRS["actual"], 1)[0]
    assert s.loc["calibration_slope", "estimate"] == pytest.approx(slope)
    assert (s["ci_low"] <= s["estimate"]).all() and (s["estimate"] <= s["ci_high"]).all()
    again = agent_agreement(df, bootstrap=300)
    pd.testing.assert_frame_equal(res.summary(), again.summary())
    assert list(res.by_agent().columns[:3]) == ["agent", "n", "bias"]


def test_planted_agent_biases_are_recovered(synthetic):
    study = synthetic(5000, 0)
    res = agent_agreement(study, bootstrap=100)
    agents = res.by_agent().set_index("agent")
    truth = study.truth.agent_bias.reindex(agents.index)
    # clipping at 0 and 10 pulls estimated biases slightly towards zero; the order and size are recovered
    assert np.corrcoef(agents["bias_shrunk"], truth)[0, 1] > 0.9
    assert (agents["bias_shrunk"] - truth).abs().mean() < 0.3
    # the interval of the mean bias contains the mean planted bias, less the clipping
    s = res.summary().set_index("statistic")
    assert s.loc["bias", "ci_low"] - 0.15 < truth.mean() < s.loc["bias", "ci_high"] + 0.15


def test_nonresponse_bias_from_predictions_for_non_responders():
    rng = np.random.default_rng(3)
    act = rng.integers(5, 11, 500)
    df = pd.DataFrame({"ltr": act, "agent_predicted_ltr": act, "agent_id": "a"})
    non = pd.DataFrame({"agent_predicted_ltr": rng.integers(0, 7, 300)})  # all detractors
    res = agent_agreement(df, nonresponders=non, bootstrap=50)
    assert res.nonresponse["nps_nonresponders"] == -100.0
    assert res.nonresponse["difference"] == pytest.approx(res.nonresponse["nps_responders"] + 100)
    assert "non-respons" in " ".join(res.describe("nl"))


def test_bad_predictions_are_named():
    df = pd.DataFrame({"ltr": [5] * 20, "agent_predicted_ltr": [5] * 19 + [12], "agent_id": "a"})
    with pytest.raises(people.StudyDataError, match="whole number 0-10"):
        agent_agreement(df)


def test_people_plots_in_dutch(synthetic, plot_language_check):
    from nps_research.plots.people import (
        agent_calibration_plot,
        bland_altman_plot,
        caterpillar_plot,
        funnel_plot,
        signals_plot,
    )

    study = synthetic(3000, 0)
    tr = study.responses.loc[study.responses["survey_type"] == "transactional"]
    units = people.unit_nps(tr, unit="employee_id")
    names = tr["employee_id"].dropna().unique()
    ax = funnel_plot(units, language="nl")
    assert ax.get_xlabel() == "Aantal antwoorden"
    plot_language_check(ax, "nl", names)
    plot_language_check(caterpillar_plot(units, language="nl"), "nl", names)
    found = people.signals(study, unit="employee_id", where={"survey_type": "transactional"})
    plot_language_check(signals_plot(found, language="nl"), "nl", names)
    res = agent_agreement(study, bootstrap=20)
    plot_language_check(bland_altman_plot(res, language="nl"), "nl")
    plot_language_check(agent_calibration_plot(res, language="nl"), "nl")


def test_signal_names_under_the_heatmap_do_not_overlap(synthetic):
    """Seen in the Dutch demo report: 'weinig zevens en achten' ran into 'alle scores hoger' (labels wrapped at
    a fixed 14 characters). Every signal, both languages: no two neighbouring names overlap."""
    import itertools

    import matplotlib.pyplot as plt

    from nps_research.plots.people import signals_plot

    study = synthetic(3000, 0)
    found = people.signals(study, unit="employee_id", where={"survey_type": "transactional"})
    some = found.loc[found["signal"] == found["signal"].iloc[0]]
    found = pd.concat([found] + [some.assign(signal=s) for s in people.SIGNALS if s not in set(found["signal"])],
                      ignore_index=True)  # every signal the workbench has
    assert found.attrs["prior"] == some.attrs["prior"]  # the tables' attrs (a prior with an array) carried over
    assert set(found["signal"]) == set(people.SIGNALS)
    for language in ("nl", "en"):
        ax = signals_plot(found, language=language)
        renderer = ax.figure.canvas.get_renderer()
        boxes = [(tk.get_text(), tk.get_window_extent(renderer)) for tk in ax.get_xticklabels()]
        assert len(boxes) == found["signal"].nunique()
        assert [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)] == []
        plt.close(ax.figure)
