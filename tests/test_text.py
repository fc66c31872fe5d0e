"""The one text layer: formatters, catalog, vocabulary and languages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from nps_research import compare, segments, text
from nps_research.text import (
    check_language,
    column_label,
    fmt_count,
    fmt_date,
    fmt_int,
    fmt_interval,
    fmt_number,
    fmt_p,
    fmt_pct,
    fmt_period,
    fmt_points,
    fmt_sig,
    t,
)

NAN_VALUES = [float("nan"), None, np.nan, math.inf, -math.inf, pd.NA]


@pytest.mark.parametrize(("x", "language", "kwargs", "expected"), [
    (1234.56, "en", {}, "1,234.6"),
    (1234.56, "nl", {}, "1.234,6"),
    (-1234567.891, "nl", {"decimals": 2}, "-1.234.567,89"),
    (-1234567.891, "en", {"decimals": 2}, "-1,234,567.89"),
    (3.0, "nl", {"sign": True}, "+3,0"),
    (-0.25, "en", {"decimals": 1}, "-0.2"),  # round half to even, as Python formats
    (0.35, "nl", {"decimals": 0}, "0"),
    (2024, "nl", {"decimals": 0, "thousands": False}, "2024"),
])
def test_fmt_number(x, language, kwargs, expected):
    assert fmt_number(x, language, **kwargs) == expected


@pytest.mark.parametrize("x", NAN_VALUES)
@pytest.mark.parametrize("formatter", [fmt_number, fmt_int, fmt_count, fmt_pct, fmt_points, fmt_p, fmt_sig])
def test_formatters_are_nan_safe(formatter, x):
    assert formatter(x, "nl") == "–"
    assert formatter(x, "en", na="") == ""


def test_fmt_int_and_count():
    assert fmt_int(1200, "nl") == "1.200"
    assert fmt_int(1200, "en") == "1,200"
    assert fmt_count(np.int64(-25000), "nl") == "-25.000"
    assert fmt_int(999.6, "en") == "1,000"


def test_fmt_pct():
    assert fmt_pct(39.84, "nl") == "39,8%"
    assert fmt_pct(39.84, "en") == "39.8%"
    assert fmt_pct(-5, "nl", 0) == "-5%"
    assert fmt_pct(1234.5, "nl") == "1.234,5%"


def test_fmt_points():
    assert fmt_points(3.75, "nl") == "+3,8"
    assert fmt_points(3.75, "en") == "+3.8"
    assert fmt_points(-12.345, "nl", 2) == "-12,35" or fmt_points(-12.345, "nl", 2) == "-12,34"
    assert fmt_points(0.0, "en") == "+0.0"
    assert fmt_points(4.2, "nl", sign=False) == "4,2"


def test_fmt_p():
    assert fmt_p(0.0004, "nl") == "< 0,001"
    assert fmt_p(0.0004, "en") == "< 0.001"
    assert fmt_p(0.0341, "nl") == "0,034"
    assert fmt_p(0.0341, "en") == "0.034"
    assert fmt_p(0.0004, "en", "p") == "p < 0.001"
    assert fmt_p(0.5, "nl", "q") == "q = 0,500"
    assert fmt_p(float("nan"), "en", "p", na="n/a") == "p n/a"


def test_fmt_p_matches_segments_alias():
    for p in (0.0, 0.0009, 0.001, 0.0321, 0.5, 1.0):
        for language in ("en", "nl"):
            assert segments.fmt_p(p, language) == fmt_p(p, language)
            assert segments.fmt_p(p, language, "p") == fmt_p(p, language, "p")


def test_fmt_interval():
    assert fmt_interval(19.0, 27.66, "nl") == "+19,0 tot +27,7"
    assert fmt_interval(19.0, 27.66, "en") == "+19.0 to +27.7"
    assert fmt_interval(-3.25, 1200, "nl", 1, sign=False) == "-3,2 tot 1.200,0"
    assert fmt_interval(float("nan"), 1.0, "en") == "–"


def test_fmt_sig():
    assert fmt_sig(0.1834, "nl") == "0,183"
    assert fmt_sig(0.1834, "en") == "0.183"
    assert fmt_sig(0.7, "nl", 6) == "0,7"
    assert fmt_sig(97.5, "nl", 6) == "97,5"


def test_fmt_date():
    assert fmt_date("2025-01-03", "nl") == "3 jan 2025"
    assert fmt_date("2025-01-03", "en") == "3 Jan 2025"
    assert fmt_date(pd.Timestamp("2025-03-31 23:59"), "nl") == "31 mrt 2025"
    assert fmt_date(pd.Timestamp("2025-10-01"), "nl") == "1 okt 2025"
    assert fmt_date(pd.NaT, "en") == "–"
    assert fmt_date(None, "nl", na="") == ""


def test_fmt_period():
    assert fmt_period("2025-01-01", "M", "nl") == "jan 2025"
    assert fmt_period("2025-05-01", "MS", "en") == "May 2025"
    assert fmt_period("2025-01-01", "Q", "nl") == "2025 K1"
    assert fmt_period("2025-11-01", "QS", "en") == "2025 Q4"
    assert fmt_period("2025-01-01", "Y", "nl") == "2025"
    assert fmt_period("2025-01-01", "YS", "en") == "2025"
    assert fmt_period("2025-01-15", "W", "nl") == "2025-W03"
    assert fmt_period(pd.Period("2025Q2", "Q"), "Q", "nl") == "2025 K2"
    assert fmt_period(pd.NaT, "M", "en") == "–"


def test_catalog_t():
    assert t("nps_headline", "nl", nps=23.4, low=19.0, high=27.7, n=1200, level=95) == \
        "De NPS is +23,4 (95%-interval +19,0 tot +27,7; n = 1.200)."
    assert t("nps_headline", "en", nps=23.4, low=19.0, high=27.7, n=1200, level=95) == \
        "NPS is +23.4 (95% interval +19.0 to +27.7; n = 1,200)."
    with pytest.raises(KeyError):
        t("no_such_text", "en")
    with pytest.raises(ValueError, match="language"):
        t("tables", "fr")


def test_every_text_has_every_language():
    for key, texts in text.TEXTS.items():
        assert set(texts) == set(text.LANGUAGES), key


def test_check_language():
    assert check_language("en") == "en"
    with pytest.raises(ValueError):
        check_language("de")


def test_categories():
    assert text.category("promoter", "nl", plural=True) == "promotors"
    assert text.category("passives", "nl", plural=True) == "passieven"
    assert text.category("detractor", "nl", capital=True) == "Criticaster"
    assert text.category("detractor", "en", plural=True, capital=True) == "Detractors"


def test_column_label():
    assert column_label("channel", "nl") == "kanaal"
    assert column_label("channel", "en") == "channel"
    assert column_label("employee_id", "nl") == "medewerker"
    assert column_label("survey_type", "nl") == "type meting"
    assert column_label("ltr", "en") == "likelihood to recommend"
    assert column_label("ci_low", "nl") == "ondergrens"
    assert column_label("channel", "nl", {"channel": "Kanaal_klant"}) == "Kanaal_klant"
    assert column_label("region", "nl", {"channel": "X"}) == "regio"
    assert column_label("my_own_column", "nl") == "my own column"


def test_every_schema_role_has_a_label():
    from nps_research.schema import TABLES

    roles = {r.name for table in TABLES.values() for r in table.roles}
    assert roles - set(text.ROLE_LABELS) == set()


def test_i18n_is_a_shim():
    from nps_research import i18n

    assert i18n.t is text.t
    assert i18n.TEXTS is text.TEXTS
    assert i18n.fmt_num is text.fmt_number


def test_modules_use_the_text_layer():
    assert segments.fmt_p is text.fmt_p
    # compare has no number helpers of its own any more: its sentences pass typed values to the text layer
    assert not hasattr(compare, "_fmt") and not hasattr(compare, "_fmt_p")
    assert segments.fmt_points(-3.0, "nl") == "-3,0"
