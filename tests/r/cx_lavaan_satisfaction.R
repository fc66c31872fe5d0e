# Reference values for tests/cx/test_reference_data.py: lavaan + semTools on the bank customer-satisfaction
# survey (plspm's `satisfaction`, 250 respondents; ../shared/reference-data/satisfaction.csv, GPL-3, not part of
# this project). Run from the repository root: Rscript tests/r/cx_lavaan_satisfaction.R
# (lavaan 0.6-14, semTools 0.5-6, Debian packages)
suppressMessages({library(lavaan); library(semTools)})
d <- read.csv("../shared/reference-data/satisfaction.csv")
py <- function(name, x) cat(name, " = {", paste(sprintf("'%s': %.10g", names(x), x), collapse = ", "), "}\n", sep = "")
fm <- c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr", "aic", "bic")
meas <- "IMAG =~ imag1 + imag2 + imag3 + imag4 + imag5
QUAL =~ qual1 + qual2 + qual3 + qual4 + qual5
SAT =~ sat1 + sat2 + sat3 + sat4
LOY =~ loy1 + loy2 + loy3 + loy4"
m1 <- cfa(meas, data = d)
py("SAT_CFA_FIT", fitMeasures(m1, fm))
pe <- parameterEstimates(m1, standardized = TRUE); pe <- pe[pe$op == "=~", ]
key <- paste0(pe$lhs, "=~", pe$rhs)
py("SAT_CFA_EST", setNames(pe$est, key)); py("SAT_CFA_SE", setNames(pe$se, key))
py("SAT_CFA_STD", setNames(pe$std.all, key))
# composite reliability and AVE from the standardised loadings (Fornell & Larcker 1981), computed here in R
cr <- sapply(split(pe$std.all, pe$lhs), function(l) sum(l)^2 / (sum(l)^2 + sum(1 - l^2)))
ave <- sapply(split(pe$std.all, pe$lhs), function(l) mean(l^2))
py("SAT_CR", cr); py("SAT_AVE", ave)
for (v in c(FALSE, TRUE)) {  # original HTMT (Henseler et al. 2015) and HTMT2 (semTools' default)
  h <- semTools::htmt(meas, data = d, htmt2 = v)
  py(if (v) "SAT_HTMT2" else "SAT_HTMT",
     c(QUAL_IMAG = h["QUAL", "IMAG"], SAT_IMAG = h["SAT", "IMAG"], SAT_QUAL = h["SAT", "QUAL"],
       LOY_IMAG = h["LOY", "IMAG"], LOY_QUAL = h["LOY", "QUAL"], LOY_SAT = h["LOY", "SAT"]))
}
lv <- lavInspect(m1, "cor.lv")
py("SAT_LV_COR", c(SAT_QUAL = lv["SAT", "QUAL"], LOY_IMAG = lv["LOY", "IMAG"]))
# structural model: image and quality -> satisfaction -> loyalty
m2 <- sem(paste(meas, "SAT ~ IMAG + QUAL", "LOY ~ SAT + IMAG", sep = "\n"), data = d)
py("SAT_SEM_FIT", fitMeasures(m2, fm))
pe <- parameterEstimates(m2); pe <- pe[pe$op == "~", ]
st <- standardizedSolution(m2); st <- st[st$op == "~", ]
key <- paste0(pe$lhs, "~", pe$rhs)
py("SAT_SEM_EST", setNames(pe$est, key)); py("SAT_SEM_SE", setNames(pe$se, key))
py("SAT_SEM_P", setNames(pe$pvalue, key))
py("SAT_SEM_STD", setNames(st$est.std, key)); py("SAT_SEM_STD_SE", setNames(st$se, key))
py("SAT_SEM_R2", lavInspect(m2, "r2")[c("SAT", "LOY")])
# invariance across gender
fits <- lapply(list(configural = c(""), metric = "loadings", scalar = c("loadings", "intercepts")),
               function(ge) cfa(meas, data = d, group = "gender", group.equal = ge))
for (n in names(fits)) py(paste0("SAT_MG_", toupper(n)), fitMeasures(fits[[n]], c("chisq", "df", "cfi", "rmsea", "srmr")))
cat("# group order:", lavInspect(fits$configural, "group.label"), "\n")
