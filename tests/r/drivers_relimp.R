# Expected values for tests/test_drivers_importance.py, computed independently in R by brute force.
# relaimpo/domir are not packaged for Debian, so LMG (= Shapley = general dominance) is computed here from
# lm()/glm() fits of every subset of predictors, with the Shapley weights s! (p-s-1)! / p!.
# Run: Rscript tests/r/drivers_relimp.R
options(digits = 15)

subsets_fit <- function(data, y, xs, fit) {
  p <- length(xs)
  out <- numeric(2^p)
  for (s in 1:(2^p - 1)) {
    cols <- xs[bitwAnd(s, 2^(0:(p - 1))) > 0]
    out[s + 1] <- fit(data, y, cols)
  }
  out
}
r2_lm <- function(data, y, cols) summary(lm(reformulate(cols, y), data = data))$r.squared
mcfadden <- function(data, y, cols) {
  m <- glm(reformulate(cols, y), family = binomial, data = data)
  m0 <- glm(reformulate("1", y), family = binomial, data = data)
  1 - as.numeric(logLik(m)) / as.numeric(logLik(m0))
}
lmg <- function(r2, p) {
  vals <- numeric(p)
  for (j in 0:(p - 1)) {
    for (s in 0:(2^p - 1)) {
      if (bitwAnd(s, 2^j) == 0) {
        k <- sum(bitwAnd(s, 2^(0:(p - 1))) > 0)
        w <- factorial(k) * factorial(p - k - 1) / factorial(p)
        vals[j + 1] <- vals[j + 1] + w * (r2[s + 2^j + 1] - r2[s + 1])
      }
    }
  }
  vals
}

cat("# mtcars: mpg ~ am + vs + cyl, LMG by brute force\n")
xs <- c("am", "vs", "cyl")
r2 <- subsets_fit(mtcars, "mpg", xs, r2_lm)
print(setNames(lmg(r2, 3), xs))
cat("R2 full:", r2[2^3], "\n")

cat("# mtcars: mpg ~ cyl + disp + hp + wt + drat + qsec, LMG by brute force\n")
xs <- c("cyl", "disp", "hp", "wt", "drat", "qsec")
r2 <- subsets_fit(mtcars, "mpg", xs, r2_lm)
print(setNames(lmg(r2, 6), xs))

cat("# mtcars: vs ~ mpg + am + wt + drat, logistic dominance with McFadden R2 by brute force (glm)\n")
xs <- c("mpg", "am", "wt", "drat")
r2 <- subsets_fit(mtcars, "vs", xs, mcfadden)
print(setNames(lmg(r2, 4), xs))
cat("McFadden full:", r2[2^4], "\n")

cat("# mtcars: logistic relative weights (Tonidandel & LeBreton 2010) for vs ~ mpg + am + wt + drat\n")
X <- scale(as.matrix(mtcars[, xs]))
sv <- svd(X)
Z <- scale(sv$u %*% t(sv$v))
Lambda <- solve(t(Z) %*% Z) %*% t(Z) %*% X
fit <- glm(mtcars$vs ~ Z, family = binomial)
b <- coef(fit)[-1]
eta <- predict(fit, type = "link")
phat <- fitted(fit)
R <- cor(phat, mtcars$vs)
beta <- b * R / sd(eta)
eps <- as.numeric(t(Lambda^2) %*% beta^2)
print(setNames(eps, xs))
cat("sum:", sum(eps), " R^2 (cor(y, phat)^2):", R^2, "\n")
