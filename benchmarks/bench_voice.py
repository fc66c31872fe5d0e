"""Benchmark: coding 1 million comments with the demo code frame (``code_themes(..., frame="energy")``).

The comments are made from the sentences of the hand-labelled sample (tests/voice/labelled_comments.csv),
two or three per comment, in both languages, with numbers, customer numbers, phone numbers and e-mail
addresses mixed in so that nearly every comment is distinct (a real export repeats far less than a synthetic
one, and the coder works once per distinct comment and once per distinct word: repeats would flatter it).
Two runs: with the language detected per comment, and with a given language column. The target of issue 13
is 60 s on 2 cores.

Run: ``.venv/bin/python benchmarks/bench_voice.py [--rows 1000000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import platform
from pathlib import Path

import numpy as np
import pandas as pd
from timing import best_of

from nps_research.voice import code_themes, load_frame

ROOT = Path(__file__).resolve().parents[1]


def make_comments(rows: int, seed: int = 0) -> pd.DataFrame:
    sample = pd.read_csv(ROOT / "tests" / "voice" / "labelled_comments.csv", sep="|", keep_default_na=False)
    rng = np.random.default_rng(seed)
    out_text, out_lang = [], []
    by_lang = {lg: part["text"].to_numpy(object) for lg, part in sample.groupby("language")}
    extras = {"nl": ["klantnummer C{0:06d}", "bel me op 06-{0:08d}", "mail naar klant{0}@voorbeeld.nl",
                     "al {1} jaar klant", "factuur {0}", ""],
              "en": ["customer number C{0:06d}", "call me on +44 20 {1:04d} {0:04d}", "email me at c{0}@example.com",
                     "customer for {1} years", "invoice {0}", ""]}
    langs = rng.choice(["nl", "en"], rows, p=[0.65, 0.35])
    k = rng.integers(2, 4, rows)
    ids = rng.integers(0, 999_999, rows)
    years = rng.integers(1, 30, rows)
    extra_i = rng.integers(0, 6, rows)
    for i in range(rows):
        lg = langs[i]
        parts = list(rng.choice(by_lang[lg], k[i]))
        parts.append(extras[lg][extra_i[i]].format(ids[i], years[i]))
        out_text.append(". ".join(p for p in parts if p))
        out_lang.append(lg)
    return pd.DataFrame({"reason": out_text, "reason_language": out_lang})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    df = make_comments(args.rows)
    frame = load_frame("energy")
    print(f"{args.rows:,} comments, {df['reason'].nunique():,} distinct; Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    detect, coded = best_of(lambda: code_themes(df, frame=frame, language_column=None), args.repeat)
    agree = float((coded["language"] == df["reason_language"]).mean())
    given, _ = best_of(lambda: code_themes(df, frame=frame), args.repeat)
    print(f"language detected per comment: {detect:.1f} s (agrees with the generator's language: {agree:.1%})")
    print(f"language given (reason_language): {given:.1f} s")
    print(f"coded into at least one theme: {coded[list(frame.themes)].any(axis=1).mean():.1%}")


if __name__ == "__main__":
    main()
