# Expected values for tests/nps/test_nps_intervals.py (NPS interval methods and weighted/paired SEs).
# Run:  Rscript tests/r/nps_intervals.R   (R 4.2, packages survey, boot; no CRAN needed)
#
# Sources of the reference code pasted below (read via public GitHub mirrors of CRAN):
#  - npvar():     CRAN package "NPS" 0.2 by Brendan Rocks, R/Documented_Small_NPS_Functions.r (cran/NPS)
#  - nps.test():  same file (two-sample Wald test), trimmed to the values we compare
#  - scoreci.mp(): CRAN package "PropCIs" by Ralph Scherer, R/scoreci.mp.R (cran/PropCIs):
#                 Tango's score interval for a difference of paired proportions.
options(digits = 15)
suppressPackageStartupMessages({ library(survey); library(boot) })

## ---- pasted from NPS (Rocks) -------------------------------------------------------------
npvar <- function(x) {
    props <- as.numeric(prop.table(x))
    (props[3] + props[1]) - (props[3] - props[1])^2
}
## ---- pasted from PropCIs (Scherer), scoreci.mp -----------------------------------------
scoreci.mp <- function(b,c,n,conf.level)
{
   pa = 2*n
   z = qnorm(1-(1-conf.level)/2)
   if(c == n) {ul = 1}
   else{
     proot = (c-b)/n
     dp = 1-proot
     niter = 1
     while(niter <= 50){
       dp = 0.5*dp
       up2 = proot+dp
       pb = - b - c + (2*n-c+b)*up2
       pc = -b*up2*(1-up2)
       q21 = (sqrt(pb^2-4*pa*pc)-pb)/(2*pa)
       score = (c-b-n*up2)/sqrt(n*(2*q21+up2*(1-up2)))
       if(abs(score)<z){ proot = up2 }
       niter=niter+1
       if((dp<0.0000001) || (abs(z-score)<.000001)){
       niter=51
       ul=up2
       }
      }
   }
   if(b == n) {ll = -1}
   else{
     proot = (c-b)/n
     dp = 1+proot
     niter = 1
     while(niter <= 50){
       dp = 0.5*dp
       low2 = proot-dp
       pb = - b - c + (2*n-c+b)*low2
       pc = -b*low2*(1-low2)
       q21 = (sqrt(pb^2-4*pa*pc)-pb)/(2*pa)
       score = (c-b-n*low2)/sqrt(n*(2*q21+low2*(1-low2)))
       if(abs(score) < z){proot = low2}
       niter = niter+1
       if((dp<0.0000001) || (abs(z-score)<.000001)){
       ll = low2
       niter = 51
       }
      }
  }
  c(ll,ul)
}
## -------------------------------------------------------------------------------------------

z <- qnorm(0.975)
wald <- function(cnt) {            # cnt = c(detractors, passives, promoters)
  n <- sum(cnt); est <- (cnt[3] - cnt[1]) / n; se <- sqrt(npvar(cnt) / n)
  c(est - z * se, est + z * se)
}
adj_wald <- function(cnt, pseudo = c(0.75, 1.5, 0.75)) {   # Rocks (2016) adjusted Wald
  a <- cnt + pseudo; n <- sum(a); est <- (a[3] - a[1]) / n; se <- sqrt(npvar(a) / n)
  c(est - z * se, est + z * se)
}
# Exact Dirichlet posterior quantiles of theta_p - theta_d, by numerical integration:
# theta_d + theta_p = s ~ Beta(a_d + a_p, a_0), r = theta_p / s ~ Beta(a_p, a_d) independent,
# NPS = s (2r - 1);  P(NPS <= x) = int_0^1 pbeta((x / qbeta(u) + 1) / 2) du.
bayes_q <- function(cnt, prior = c(0.5, 0.5, 0.5), probs = c(0.025, 0.975)) {
  a <- cnt + prior
  cdf <- function(x) integrate(function(u) {
      s <- qbeta(u, a[1] + a[3], a[2]); pbeta(pmin(pmax((x / s + 1) / 2, 0), 1), a[3], a[1])
    }, 0, 1, subdivisions = 2000L, rel.tol = 1e-10)$value
  sapply(probs, function(pr) uniroot(function(x) cdf(x) - pr, c(-1 + 1e-12, 1 - 1e-12), tol = 1e-12)$root)
}

cases <- list(c(20, 30, 50), c(3, 10, 17), c(0, 0, 12), c(1, 0, 0), c(250, 400, 350), c(7, 2, 1),
              c(45, 80, 175), c(0, 5, 0))
cat("# interval cases: detractors, passives, promoters -> limits (proportion scale)\n")
for (cnt in cases) {
  n <- sum(cnt)
  w <- wald(cnt); aw <- adj_wald(cnt); sc <- scoreci.mp(cnt[1], cnt[3], n, 0.95); bq <- bayes_q(cnt)
  cat(sprintf("((%d, %d, %d), (%.10f, %.10f), (%.10f, %.10f), (%.10f, %.10f), (%.10f, %.10f)),\n",
              cnt[1], cnt[2], cnt[3], w[1], w[2], aw[1], aw[2], sc[1], sc[2], bq[1], bq[2]))
}
cat("# 90% score interval and uniform-prior Bayes for (20, 30, 50)\n")
cnt <- c(20, 30, 50)
sc90 <- scoreci.mp(cnt[1], cnt[3], 100, 0.90); cat(sprintf("score90 = (%.10f, %.10f)\n", sc90[1], sc90[2]))
bu <- bayes_q(cnt, prior = c(1, 1, 1)); cat(sprintf("bayes_uniform = (%.10f, %.10f)\n", bu[1], bu[2]))

## ---- bootstrap with boot (rows resampled), jackknife influence for BCa ----------------------
cat("# bootstrap: boot::boot R = 40000 on rows; perc and bca (jackknife empirical influence)\n")
set.seed(20240501)
for (cnt in list(c(250, 400, 350), c(45, 80, 175))) {
  y <- rep(c(-1, 0, 1), cnt)
  b <- boot(y, function(v, i) mean(v[i]), R = 40000)
  L <- empinf(b, type = "jack")
  ci <- boot.ci(b, conf = 0.95, type = c("perc", "bca"), L = L)
  cat(sprintf("((%d, %d, %d), perc=(%.6f, %.6f), bca=(%.6f, %.6f), sd=%.6f),\n", cnt[1], cnt[2], cnt[3],
              ci$percent[4], ci$percent[5], ci$bca[4], ci$bca[5], sd(b$t)))
}

## ---- weighted NPS: survey::svymean of the -1/0/+1 score ------------------------------------
# data: i = 0..199, score = (7 i) %% 11, weight = 1 + (i %% 5) / 2
i <- 0:199
score <- (7 * i) %% 11
y <- ifelse(score <= 6, -1, ifelse(score <= 8, 0, 1))
wt <- 1 + (i %% 5) / 2
des <- svydesign(ids = ~1, weights = ~wt, data = data.frame(y = y, wt = wt))
m <- svymean(~y, des)
cat(sprintf("# weighted: mean = %.12f, se = %.12f, n_eff = %.12f\n", coef(m), SE(m), sum(wt)^2 / sum(wt^2)))

## ---- paired: per-person difference ---------------------------------------------------------
# wave a score = (7 i) %% 11, wave b score = min(10, (3 i + 5) %% 11 + i %% 3), i = 0..199; weights as above
sb <- pmin(10, (3 * i + 5) %% 11 + i %% 3)
yb <- ifelse(sb <= 6, -1, ifelse(sb <= 8, 0, 1))
dd <- y - yb
tt <- t.test(dd)
cat(sprintf("# paired unweighted: mean = %.12f, se = %.12f, t = %.12f\n", mean(dd), sd(dd) / sqrt(200),
            tt$statistic))
desp <- svydesign(ids = ~1, weights = ~wt, data = data.frame(dd = dd, wt = wt))
mp <- svymean(~dd, desp)
cat(sprintf("# paired weighted: mean = %.12f, se = %.12f\n", coef(mp), SE(mp)))

## ---- two-sample Wald test as in NPS::nps.test ------------------------------------------------
# sample x: score (7 i) %% 11, i = 0..199; sample y: min(10, (3 j + 5) %% 11 + j %% 3), j = 0..149
jj <- 0:149
sy <- pmin(10, (3 * jj + 5) %% 11 + jj %% 3)
cx <- table(factor(ifelse(score <= 6, 1, ifelse(score <= 8, 2, 3)), levels = 1:3))
cy <- table(factor(ifelse(sy <= 6, 1, ifelse(sy <= 8, 2, 3)), levels = 1:3))
nx <- sum(cx); ny <- sum(cy)
npsx <- (cx[3] - cx[1]) / nx; npsy <- (cy[3] - cy[1]) / ny
se.hat <- sqrt(npvar(cx) / nx + npvar(cy) / ny)      # as nps.test, test = "wald"
delta <- abs(npsx - npsy)
p.value <- 1 - (pnorm(delta / se.hat) * 2 - 1)
cat(sprintf("# two-sample: nps_x = %.12f, nps_y = %.12f, se = %.12f, p = %.12f\n", npsx, npsy, se.hat, p.value))
