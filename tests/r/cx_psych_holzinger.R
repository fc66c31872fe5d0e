# Reference values for tests/cx/test_reliability.py and tests/cx/test_efa.py: psych on Holzinger & Swineford.
# Run: Rscript tests/r/cx_psych_holzinger.R   (psych 2.2.9, GPArotation 2022.10-2, Debian packages)
suppressMessages({library(psych); library(lavaan)})
d <- HolzingerSwineford1939[, paste0("x", 1:9)]
py <- function(name, x) cat(name, " = {", paste(sprintf("'%s': %.10g", names(x), x), collapse = ", "), "}\n", sep = "")
sets <- list(visual = 1:3, textual = 4:6, speed = 7:9, all = 1:9)
for (s in names(sets)) {
  a <- suppressWarnings(psych::alpha(d[, sets[[s]]]))
  py(paste0("ALPHA_", s), c(raw = a$total$raw_alpha, std = a$total$std.alpha, average_r = a$total$average_r,
                            feldt_lower = a$feldt$lower.ci[[1]], feldt_upper = a$feldt$upper.ci[[1]]))
  py(paste0("ALPHA_DROP_", s), setNames(a$alpha.drop$raw_alpha, rownames(a$alpha.drop)))
  py(paste0("R_DROP_", s), setNames(a$item.stats$r.drop, rownames(a$item.stats)))
  o <- suppressWarnings(suppressMessages(omega(d[, sets[[s]]], nfactors = 1, fm = "ml", plot = FALSE)))
  py(paste0("OMEGA1_", s), c(omega_total = o$omega.tot))
}
o3 <- suppressWarnings(suppressMessages(omega(d, nfactors = 3, fm = "ml", plot = FALSE)))
py("OMEGA3_all", c(omega_total = o3$omega.tot))
# EFA: ML, oblimin (GPArotation, as psych::fa)
f <- fa(d, 3, fm = "ml", rotate = "oblimin")
L <- unclass(f$loadings)
for (j in 1:3) py(paste0("EFA_L", j), L[, j])
py("EFA_PHI", c(f12 = f$Phi[1, 2], f13 = f$Phi[1, 3], f23 = f$Phi[2, 3]))
py("EFA_COMMUNALITY", f$communality)
k <- KMO(d)
py("KMO", c(overall = k$MSA, k$MSAi))
b <- cortest.bartlett(cor(d), n = nrow(d))
py("BARTLETT", c(chisq = b$chisq, df = b$df, p = b$p.value))
ev <- eigen(cor(d))$values
py("EIGEN", setNames(ev, paste0("e", seq_along(ev))))
# the other rotations offered by nps_research.cx.efa (psych's definitions; GPArotation for quartimax, equamax)
for (rot in c("promax", "varimax", "quartimax", "equamax")) {
  f <- suppressWarnings(fa(d, 3, fm = "ml", rotate = rot))
  L <- unclass(f$loadings)
  for (j in 1:3) py(paste0("ROT_", toupper(rot), "_L", j), L[, j])
  if (!is.null(f$Phi)) py(paste0("ROT_", toupper(rot), "_PHI"), c(f12 = f$Phi[1, 2], f13 = f$Phi[1, 3], f23 = f$Phi[2, 3]))
}
