# Reference values for tests/cx/test_fixed_x.py: a SEM with exogenous observed predictors (lavaan's default
# fixed.x = TRUE) on Holzinger & Swineford (1939). Run: Rscript tests/r/cx_lavaan_fixed_x.R
# (Debian r-cran-lavaan). Prints Python literals that are pasted into the test.
suppressMessages(library(lavaan))
d <- HolzingerSwineford1939
f <- sem("speed =~ x7 + x8 + x9\n speed ~ x1 + x4", data = d)
m <- fitMeasures(f, c("chisq", "df", "npar", "logl", "aic", "bic"))
cat("LAVAAN_FIXED_X = {", paste(sprintf("'%s': %.10g", names(m), m), collapse = ", "), "}\n", sep = "")
r2 <- inspect(f, "r2")
cat("LAVAAN_R2 = {", paste(sprintf("'%s': %.10g", names(r2), r2), collapse = ", "), "}\n", sep = "")
g <- sem("speed =~ x7 + x8 + x9\n speed ~ x1 + x4", data = d, fixed.x = FALSE)
m2 <- fitMeasures(g, c("chisq", "df", "npar", "logl", "aic", "bic"))
cat("LAVAAN_FREE_X = {", paste(sprintf("'%s': %.10g", names(m2), m2), collapse = ", "), "}\n", sep = "")
