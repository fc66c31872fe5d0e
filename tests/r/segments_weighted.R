# Expected values for tests/nps/test_segments.py::test_weighted_taylor_se_matches_r_survey.
# Weighted NPS (mean of -1/0/+1 times 100) and its Taylor-linearisation SE with R's survey package,
# each subset analysed as its own with-replacement sample (svydesign(ids = ~1, weights = ~w)).
# Run: Rscript tests/r/segments_weighted.R
library(survey)
i <- 0:59
d <- data.frame(ltr = pmin(10, (i * 37 + (i %/% 7) * 5) %% 13), w = 1 + ((i * i) %% 7) / 3,
                seg = ifelse(i %% 3 == 0, "b", "a"))
d$y <- ifelse(d$ltr >= 9, 1, ifelse(d$ltr <= 6, -1, 0))
show <- function(label, dd) {
  des <- svydesign(ids = ~1, weights = ~w, data = dd)
  m <- svymean(~y, des)
  cat(sprintf("%s: nps = %.10f, se = %.10f\n", label, 100 * coef(m), 100 * SE(m)))
}
show("overall", d)
show("a", d[d$seg == "a", ])
show("b", d[d$seg == "b", ])
