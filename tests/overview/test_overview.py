"""Data overview: counts against hand counts, checks and headline in words, plots drawn in Dutch."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from nps_research import overview
from nps_research.nps import SmallSampleWarning, nps_ci
from nps_research.plots.overview import ltr_distribution_plot, responses_over_time_plot
from nps_research.segments import describe_headline, report_summary


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def responses():
    rng = np.random.default_rng(21)
    n = 900
    df = pd.DataFrame({
        "response_id": [f"r{i}" for i in range(n)],
        "customer_id": [f"c{i % 700}" for i in range(n)],
        "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, n), unit="D"),
        "survey_type": rng.choice(["relational", "transactional"], n, p=[0.4, 0.6]),
        "touchpoint": rng.choice(["app", "shop"], n),
        "ltr": rng.integers(0, 11, n).astype(float),
        "reason": np.where(rng.random(n) < 0.3, None, "text"),
    })
    df.loc[df.index[:5], "ltr"] = np.nan
    dup = df.iloc[[10, 11]].assign(response_id=["r10", "x11"])  # one repeated id, one copy with a new id
    return pd.concat([df, dup], ignore_index=True)


def test_ltr_distribution_counts_and_report_table(responses):
    dist = overview.ltr_distribution(responses)
    valid = responses["ltr"].dropna()
    assert dist["n"].tolist() == [int((valid == s).sum()) for s in range(11)]
    assert dist["percent"].sum() == pytest.approx(100)
    assert dist["category"].tolist() == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    shown = overview.report_ltr_distribution(dist, language="nl").formatted()
    assert list(shown.columns) == ["score", "n", "%", "categorie"]
    assert shown["categorie"].tolist()[6:9] == ["criticaster", "passieve", "passieve"]
    assert "." not in "".join(shown["%"])


def test_duplicate_checks_in_words_and_counts(responses):
    rep = overview.duplicate_report(responses)
    ids = responses["response_id"]
    assert rep.set_index("check").loc["duplicate_id", "n_rows"] == int(ids.duplicated(keep=False).sum()) == 2
    nl = overview.report_duplicates(rep, language="nl").formatted()
    assert nl["controle"].tolist() == ["dubbel antwoord-id", "zelfde klant, datum en contactmoment meer dan eens",
                                       "identieke antwoorden op het antwoord-id na"]
    en = overview.report_duplicates(rep, language="en").formatted()
    assert en["check"].iloc[0] == "duplicate response ID"
    own = overview.report_duplicates(rep, language="nl", labels={"response_id": "RespNr"}).formatted()
    assert own["controle"].iloc[0] == "dubbel RespNr-id"


def test_missingness_per_survey_type_in_words(responses):
    table = overview.missingness_table(responses, by="survey_type")
    rel = responses[responses["survey_type"] == "relational"]
    assert table.set_index("column").loc["reason", "relational"] == pytest.approx(100 * rel["reason"].isna().mean())
    shown = overview.report_missingness(table, language="nl").formatted()
    assert list(shown.columns) == ["kolom", "relationeel", "transactioneel"]
    assert set(shown["kolom"]) == {"reden", "aanbevelingsscore"}


def test_table_overview_in_words(responses):
    from nps_research.study import Study

    shown = overview.report_table_overview(overview.table_overview(Study(responses=responses)), language="nl")
    row = shown.formatted().iloc[0]
    assert row["tabel"] == "antwoorden" and row["rijen"] == "902"
    first = responses["date"].min()
    months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    assert row["eerste datum"] == f"{first.day} {months[first.month - 1]} {first.year}"


def test_headline_per_survey_type_states_which_answers(responses):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        head = overview.headline_nps(responses)
    text = describe_headline(head, "nl", segment_column="survey_type").split("\n\n")
    for paragraph, kind, word in zip(text, ("relational", "transactional"), ("relationele", "transactionele")):
        ref = nps_ci(responses.loc[responses["survey_type"] == kind, "ltr"])
        assert paragraph.startswith(f"De NPS van de {word} antwoorden is {ref.nps:+.1f}".replace(".", ","))
        assert f"n = {ref.n}" in paragraph
    shown = report_summary(head, language="nl", segment_column="survey_type", overall=False,
                           columns=["segment", "n", "promoters_pct", "passives_pct", "detractors_pct", "nps",
                                    "ci_low", "ci_high"]).formatted()
    assert list(shown.columns) == ["type meting", "n", "% promotors", "% passieven", "% criticasters", "NPS",
                                   "ondergrens (95%)", "bovengrens (95%)"]
    assert shown["type meting"].tolist() == ["relationeel", "transactioneel"]


def test_ltr_distribution_plot_in_dutch(responses, plot_language_check):
    dist = overview.ltr_distribution(responses)
    ax = ltr_distribution_plot(dist, language="nl")
    plot_language_check(ax, "nl")
    np.testing.assert_allclose([p.get_height() for p in ax.patches], dist["percent"])
    colours = {tuple(p.get_facecolor()[:3]) for p in ax.patches[:7]}
    assert len(colours) == 1  # every detractor score has the detractor colour


def test_responses_over_time_plot_in_dutch(responses, plot_language_check):
    over = overview.responses_over_time(responses, freq="M")
    ax = responses_over_time_plot(over, language="nl")
    plot_language_check(ax, "nl")
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "jan 2022" and len(ticks) <= 12  # 36 months, readable
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["relationeel", "transactioneel"]
    heights = np.array([p.get_height() for p in ax.patches]).reshape(2, -1).sum(axis=0)
    assert heights.sum() == len(responses)
