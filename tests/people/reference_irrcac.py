"""Reference values for tests/people/test_agents.py: Gwet's AC2 and Cohen's kappa by irrCAC 0.4.4
(Gwet's own Python port), on tests/people/agent_pairs.csv.

irrCAC pins numpy < 2, so it cannot live in the project's environment; run it in a throwaway venv:

    python3 -m venv /tmp/irr && /tmp/irr/bin/pip install irrcac==0.4.4 pandas
    /tmp/irr/bin/python tests/people/reference_irrcac.py
"""

from pathlib import Path

import pandas as pd
from irrCAC.raw import CAC

pairs = pd.read_csv(Path(__file__).with_name("agent_pairs.csv"))
cats = list(range(11))
for weights in ("quadratic", "identity"):
    cac = CAC(pairs[["predicted", "actual"]], weights=weights, categories=cats)
    print(weights, "AC2", cac.gwet()["est"]["coefficient_value"], "kappa",
          cac.conger()["est"]["coefficient_value"])  # Conger = Cohen for two raters
