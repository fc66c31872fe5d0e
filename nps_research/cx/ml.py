"""Maximum-likelihood estimation of structural equation models (single and multiple groups).

The model is written in RAM form: for the variables ``v`` (observed first, then latent),
``v = A v + e`` with ``cov(e) = S`` and means ``m``; the implied moments of the observed variables are
``Sigma = F B S B' F'`` and ``mu = F B m`` with ``B = (I - A)^-1``. The discrepancy function is lavaan's
normal-theory ML one (sample covariances with divisor N)::

    F = sum_g N_g / N * [log|Sigma_g| + tr(S_g Sigma_g^-1) - log|S_g| - p + (xbar_g - mu_g)' Sigma_g^-1 (...)]

minimised by Fisher scoring with step halving, and the chi-square test statistic is ``N * F``. Standard errors come
from the expected information matrix (lavaan's default for complete data). Parameters with the same label share
one value, which is how equality constraints across groups are expressed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .model import ModelSpec, ParRow

__all__ = ["ConvergenceError", "IdentificationError", "MLFit", "fit_ml"]


class ConvergenceError(RuntimeError):
    """The optimiser did not reach the maximum of the likelihood."""


class IdentificationError(ValueError):
    """The model is not identified (singular information matrix) or has more parameters than data."""


@dataclass
class GroupData:
    name: str
    n: int
    cov: np.ndarray  # divisor N
    mean: np.ndarray


@dataclass
class MLFit:
    """Raw estimation output; wrapped by :class:`~nps_research.cx.cfa.CFAResult`."""

    rows: list[ParRow]
    index: np.ndarray  # theta index per row (-1 fixed)
    theta: np.ndarray
    values: np.ndarray  # estimate per row
    se: np.ndarray  # per row (nan for fixed)
    vcov: np.ndarray
    fmin: float
    chisq: float
    df: int
    npar: int
    groups: list[GroupData]
    implied: list[tuple[np.ndarray, np.ndarray]]
    all_cov: list[np.ndarray]  # implied covariance of all variables per group
    all_mean: list[np.ndarray]
    variables: list[str]
    n_observed: int
    meanstructure: bool
    iterations: int
    converged: bool
    engine: object = None


class _Engine:
    def __init__(self, spec: ModelSpec, rows: list[ParRow], groups: list[GroupData], meanstructure: bool):
        self.spec, self.rows, self.groups, self.meanstructure = spec, rows, groups, meanstructure
        self.vars = spec.observed + spec.latent
        self.p, self.nv = len(spec.observed), len(self.vars)
        pos = {v: i for i, v in enumerate(self.vars)}
        # theta index per row: labels share an index
        idx, labels, k = np.full(len(rows), -1), {}, 0
        for i, r in enumerate(rows):
            if not r.free:
                continue
            if r.label is not None:
                if r.label not in labels:
                    labels[r.label] = k
                    k += 1
                idx[i] = labels[r.label]
            else:
                idx[i] = k
                k += 1
        self.index, self.q = idx, k
        G = len(groups)
        self.A0 = [np.zeros((self.nv, self.nv)) for _ in range(G)]
        self.S0 = [np.zeros((self.nv, self.nv)) for _ in range(G)]
        self.m0 = [np.zeros(self.nv) for _ in range(G)]
        # free cells per group: (kind, i, j, theta index)
        self.cells: list[list[tuple[str, int, int, int]]] = [[] for _ in range(G)]
        for r, t in zip(rows, idx):
            g = r.group
            if r.op in ("=~", "~"):
                i, j = (pos[r.rhs], pos[r.lhs]) if r.op == "=~" else (pos[r.lhs], pos[r.rhs])
                cell = ("A", i, j)
            elif r.op == "~~":
                i, j = pos[r.lhs], pos[r.rhs]
                cell = ("S", i, j)
            else:
                cell = ("m", pos[r.lhs], 0)
            if t < 0:
                val = r.value if r.value is not None else 0.0
                if cell[0] == "A":
                    self.A0[g][cell[1], cell[2]] = val
                elif cell[0] == "S":
                    self.S0[g][cell[1], cell[2]] = self.S0[g][cell[2], cell[1]] = val
                else:
                    self.m0[g][cell[1]] = val
            else:
                self.cells[g].append((*cell, int(t)))

    # ------------------------------------------------------------------ model matrices
    def matrices(self, theta, g):
        A, S, m = self.A0[g].copy(), self.S0[g].copy(), self.m0[g].copy()
        for kind, i, j, t in self.cells[g]:
            if kind == "A":
                A[i, j] = theta[t]
            elif kind == "S":
                S[i, j] = S[j, i] = theta[t]
            else:
                m[i] = theta[t]
        B = np.linalg.inv(np.eye(self.nv) - A)
        return A, S, m, B

    def implied(self, theta, g):
        _, S, m, B = self.matrices(theta, g)
        FB = B[: self.p]
        return FB @ S @ FB.T, FB @ m

    def jacobian(self, theta, g):
        """d vec(Sigma) / d theta (p*p x q) and d mu / d theta (p x q)."""
        _, S, m, B = self.matrices(theta, g)
        p = self.p
        FB = B[:p]
        C = B @ S @ FB.T  # nv x p
        Bm = B @ m
        dS = np.zeros((p, p, self.q))
        dm = np.zeros((p, self.q))
        for kind, i, j, t in self.cells[g]:
            if kind == "A":
                o = np.outer(FB[:, i], C[j])
                dS[:, :, t] += o + o.T
                dm[:, t] += FB[:, i] * Bm[j]
            elif kind == "S":
                o = np.outer(FB[:, i], FB[:, j])
                dS[:, :, t] += o + o.T if i != j else o
            else:
                dm[:, t] += FB[:, i]
        return dS, dm

    # ------------------------------------------------------------------ objective
    def objective(self, theta):
        N = sum(gd.n for gd in self.groups)
        total = 0.0
        for g, gd in enumerate(self.groups):
            Sig, mu = self.implied(theta, g)
            sign, logdet = np.linalg.slogdet(Sig)
            if sign <= 0 or not np.isfinite(logdet):
                return np.inf
            Si = np.linalg.inv(Sig)
            f = logdet + np.trace(gd.cov @ Si) - self.logdet_s[g] - self.p
            if self.meanstructure:
                d = gd.mean - mu
                f += d @ Si @ d
            total += gd.n / N * f
        return total

    def grad_info(self, theta):
        """Gradient of F and expected information (Hessian approximation of F)."""
        N = sum(gd.n for gd in self.groups)
        grad = np.zeros(self.q)
        H = np.zeros((self.q, self.q))
        for g, gd in enumerate(self.groups):
            Sig, mu = self.implied(theta, g)
            Si = np.linalg.inv(Sig)
            dS, dm = self.jacobian(theta, g)
            w = gd.n / N
            M = gd.cov
            if self.meanstructure:
                d = gd.mean - mu
                M = M + np.outer(d, d)
                grad += w * (-2.0) * (dm.T @ Si @ d)
                H += w * 2.0 * dm.T @ Si @ dm
            Gm = Si - Si @ M @ Si
            grad += w * np.einsum("ij,ijk->k", Gm, dS)
            # H_kl = tr(Si dS_k Si dS_l)
            X = np.einsum("ij,jlk->ilk", Si, dS)  # Si dS_k
            H += w * np.einsum("ijk,jil->kl", X, X)
        return grad, H

    def fit(self, start, max_iter=500, tol=1e-10):
        self.logdet_s = []
        for gd in self.groups:
            sign, ld = np.linalg.slogdet(gd.cov)
            if sign <= 0:
                raise IdentificationError(
                    f"the sample covariance matrix of group '{gd.name}' is singular: too few complete cases "
                    f"({gd.n}) for {self.p} observed variables, or an item is constant or a linear combination "
                    "of others")
            self.logdet_s.append(ld)
        theta = np.asarray(start, float).copy()
        f = self.objective(theta)
        if not np.isfinite(f):
            raise ConvergenceError("the start values give a non-positive-definite implied covariance matrix")
        converged = False
        it = 0
        for it in range(1, max_iter + 1):  # noqa: B007
            grad, H = self.grad_info(theta)
            try:
                step = -np.linalg.solve(H + 1e-12 * np.eye(self.q), grad)
            except np.linalg.LinAlgError:
                step = -grad
            alpha, improved = 1.0, False
            for _ in range(40):
                new = theta + alpha * step
                fn = self.objective(new)
                if np.isfinite(fn) and fn <= f + 1e-15:
                    improved = True
                    break
                alpha /= 2
            if not improved:
                break
            delta = np.max(np.abs(new - theta))
            theta, f_old, f = new, f, fn
            if delta < tol or (abs(f_old - f) < 1e-16 and np.max(np.abs(grad)) < 1e-8):
                converged = True
                break
        grad, H = self.grad_info(theta)
        if not converged and np.max(np.abs(grad)) < 1e-6:
            converged = True
        return theta, f, it, converged, H


def _start_values(spec: ModelSpec, rows: list[ParRow], groups: list[GroupData], index: np.ndarray, q: int):
    """Start values: loadings from the first principal component of each factor's indicators (scaled to the
    marker), half the observed variances as residual variances, zero regressions and covariances."""
    theta = np.full(q, np.nan)
    obs = {v: i for i, v in enumerate(spec.observed)}

    def pc(f, S):
        inds = [x for x in spec.indicators(f) if x in obs]
        if len(inds) < 2:
            return inds, None, None
        w, v = np.linalg.eigh(S[np.ix_([obs[x] for x in inds], [obs[x] for x in inds])])
        return inds, w[-1], v[:, -1]

    def lv_var(f, S, depth=0):
        inds, w, v = pc(f, S)
        if w is not None:
            return max(w * v[0] ** 2, 1e-3)
        if len(inds) == 1:
            return 0.5 * S[obs[inds[0]], obs[inds[0]]]
        lat = [x for x in spec.indicators(f) if x not in obs]
        return lv_var(lat[0], S, depth + 1) if lat and depth < 10 else 0.05

    endogenous = {r.lhs for r in rows if r.op == "~"} | {r.rhs for r in rows if r.op == "=~"}
    higher = {r.lhs for r in rows if r.op == "=~" and r.rhs in spec.latent}
    for r, t in zip(rows, index):
        if t < 0 or not np.isnan(theta[t]):
            continue
        gd = groups[r.group]
        S = gd.cov
        val = 0.0
        if r.op == "=~":
            val = 1.0
            if r.rhs in obs:
                inds, w, v = pc(r.lhs, S)
                if w is not None and abs(v[0]) > 1e-6:
                    val = v[inds.index(r.rhs)] / v[0]
        elif r.op == "~~" and r.lhs == r.rhs:
            if r.lhs in obs:
                val = 0.5 * S[obs[r.lhs], obs[r.lhs]]
            else:
                val = lv_var(r.lhs, S) * (0.5 if (r.lhs in endogenous or r.lhs in higher) else 1.0)
        elif r.op == "~1":
            val = gd.mean[obs[r.lhs]] if r.lhs in obs else 0.0
        theta[t] = val
    return np.nan_to_num(theta)


def fit_ml(spec: ModelSpec, rows: list[ParRow], groups: list[GroupData], meanstructure: bool,
           max_iter: int = 500) -> MLFit:
    """Fit the model by ML; raise on non-identification, warn on non-convergence."""
    eng = _Engine(spec, rows, groups, meanstructure)
    p, G = eng.p, len(groups)
    n_moments = G * (p * (p + 1) // 2 + (p if meanstructure else 0))
    df = n_moments - eng.q
    if df < 0:
        raise IdentificationError(
            f"the model has more free parameters ({eng.q}) than sample moments ({n_moments}): not identified")
    start = _start_values(spec, rows, groups, eng.index, eng.q)
    theta, fmin, it, converged, H = eng.fit(start, max_iter=max_iter)
    N = sum(gd.n for gd in groups)
    info = 0.5 * N * H  # expected information of the whole sample
    ev = np.linalg.eigvalsh(H)
    if ev[0] <= 1e-10 * max(ev[-1], 1e-300):
        raise IdentificationError(
            "the information matrix is singular: the model is not identified (check that every factor has a "
            "fixed loading or variance and enough indicators)")
    vcov = np.linalg.inv(info)
    if not converged:
        warnings.warn(f"ML estimation did not converge in {it} iterations; the estimates are not reliable",
                      RuntimeWarning, stacklevel=3)
    values = np.array([theta[t] if t >= 0 else (r.value if r.value is not None else 0.0)
                       for r, t in zip(rows, eng.index)])
    se = np.array([np.sqrt(vcov[t, t]) if t >= 0 else np.nan for t in eng.index])
    implied, all_cov, all_mean = [], [], []
    for g in range(G):
        implied.append(eng.implied(theta, g))
        _, S, m, B = eng.matrices(theta, g)
        all_cov.append(B @ S @ B.T)
        all_mean.append(B @ m)
    return MLFit(rows=rows, index=eng.index, theta=theta, values=values, se=se, vcov=vcov, fmin=fmin,
                 chisq=N * fmin, df=df, npar=eng.q, groups=groups, implied=implied, all_cov=all_cov,
                 all_mean=all_mean, variables=eng.vars, n_observed=p, meanstructure=meanstructure,
                 iterations=it, converged=converged, engine=eng)
