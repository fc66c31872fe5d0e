# Reference values for tests/cx/test_cfa.py: lavaan on Holzinger & Swineford (1939).
# Run: Rscript tests/r/cx_lavaan_holzinger.R   (lavaan 0.6-14, Debian r-cran-lavaan)
# Prints Python literals that are pasted into the test.
suppressMessages(library(lavaan))
d <- HolzingerSwineford1939
py <- function(name, x) {
  cat(name, " = {", paste(sprintf("'%s': %.10g", names(x), x), collapse = ", "), "}\n", sep = "")
}
fm <- c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr",
        "aic", "bic", "logl", "npar", "baseline.chisq", "baseline.df")
pe_py <- function(name, f, ops = c("=~", "~~", "~")) {
  pe <- parameterEstimates(f, standardized = TRUE)
  ss <- standardizedSolution(f)
  pe <- pe[pe$op %in% ops, ]
  key <- paste0(pe$lhs, pe$op, pe$rhs, if ("group" %in% names(pe)) paste0("@", pe$group) else "")
  cat(name, " = {\n", sep = "")
  for (i in seq_len(nrow(pe))) {
    cat(sprintf("    '%s': (%.8f, %.8f, %.8f),\n", key[i], pe$est[i], pe$se[i], pe$std.all[i]))
  }
  cat("}\n")
}
m <- "visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9"
f1 <- cfa(m, data = d)
py("HS_FIT", fitMeasures(f1, fm))
pe_py("HS_PAR", f1)
# standard errors of the standardised solution (delta method)
ss <- standardizedSolution(f1)
ss <- ss[ss$op == "=~", ]
py("HS_STD_SE", setNames(ss$se, paste0(ss$lhs, ss$op, ss$rhs)))

# second-order model (just identified at the second level: same fit as f1)
f2 <- cfa(paste(m, "\ng =~ visual + textual + speed"), data = d)
py("HS2_FIT", fitMeasures(f2, c("chisq", "df", "cfi")))
pe_py("HS2_PAR", f2)

# measurement invariance across schools
cf <- cfa(m, data = d, group = "school")
me <- cfa(m, data = d, group = "school", group.equal = "loadings")
sc <- cfa(m, data = d, group = "school", group.equal = c("loadings", "intercepts"))
fm2 <- c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr",
         "aic", "bic", "npar")
py("MG_CONFIGURAL", fitMeasures(cf, fm2))
py("MG_METRIC", fitMeasures(me, fm2))
py("MG_SCALAR", fitMeasures(sc, fm2))
lrt <- lavTestLRT(cf, me, sc)
py("MG_LRT_CHISQ_DIFF", setNames(lrt[["Chisq diff"]][2:3], c("metric", "scalar")))
py("MG_LRT_P", setNames(lrt[["Pr(>Chisq)"]][2:3], c("metric", "scalar")))
cat("# group 1 =", lavInspect(sc, "group.label")[1], "\n")
pe_py("MG_SCALAR_PAR", sc, ops = c("=~", "~1"))
# regression factor scores of the first respondent
fs <- lavPredict(f1, method = "regression")
py("FS_ROW1", fs[1, ])
# second-order model, scalar invariance: lavaan frees all latent means in group 2 (one redundant parameter; it
# warns that vcov is singular), so its df is one lower than that of the identified model; the chi-square is equal
f2s <- suppressWarnings(cfa(paste(m, "\ng =~ visual + textual + speed"), data = d, group = "school",
                            group.equal = c("loadings", "intercepts")))
py("MG2_SCALAR", fitMeasures(f2s, c("chisq", "df", "cfi")))
