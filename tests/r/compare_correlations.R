# Expected values for tests/test_compare.py (dependent correlations).
# Run from the repository root:  Rscript tests/r/compare_correlations.R
# psych::r.test with r12, r13 and r23 computes Williams' T2 (the test Steiger 1980 recommends)
# for H0: rho12 = rho13, with n - 3 degrees of freedom.
suppressPackageStartupMessages(library(psych))
cat("psych", as.character(packageVersion("psych")), "\n")
options(digits = 12)

# 1. grid of (n, r12, r13, r23)
grid <- data.frame(n   = c(100, 103, 50, 157, 200, 1000, 30),
                   r12 = c(.3, .4, .5, .612, .55, .25, -.2),
                   r13 = c(.4, .5, .2, .541, .45, .31, .35),
                   r23 = c(.5, .1, .3, .466, .60, .70, .10))
for (i in seq_len(nrow(grid))) {
  g <- grid[i, ]
  r <- r.test(n = g$n, r12 = g$r12, r13 = g$r13, r23 = g$r23)
  cat(sprintf("grid n=%d r12=%.3f r13=%.3f r23=%.3f t=%.10f p=%.10f\n", g$n, g$r12, g$r13, g$r23, r$t, r$p))
}

# 2. from data: target retained, x = cx, y = ltr
d <- read.csv("tests/r/compare_correlations_data.csv")
r_x <- cor(d$cx, d$retained)
r_y <- cor(d$ltr, d$retained)
r_xy <- cor(d$cx, d$ltr)
r <- r.test(n = nrow(d), r12 = r_x, r13 = r_y, r23 = r_xy)
cat(sprintf("data n=%d r_x=%.10f r_y=%.10f r_xy=%.10f t=%.10f p=%.10f\n", nrow(d), r_x, r_y, r_xy, r$t, r$p))
rs <- cor(d, method = "spearman")
r <- r.test(n = nrow(d), r12 = rs["cx", "retained"], r13 = rs["ltr", "retained"], r23 = rs["cx", "ltr"])
cat(sprintf("spearman r_x=%.10f r_y=%.10f r_xy=%.10f t=%.10f p=%.10f\n", rs["cx", "retained"],
            rs["ltr", "retained"], rs["cx", "ltr"], r$t, r$p))
