"""Model specification: lavaan-style syntax -> parameter table.

Supported syntax (one statement per line or separated by ``;``; ``#`` starts a comment):

* ``f =~ x1 + x2 + x3``  latent variable ``f`` measured by the indicators (observed or latent);
* ``y ~ f + g``           regression;
* ``x1 ~~ x2``            (residual) variance or covariance;
* ``x1 ~ 1``              intercept.

A term may carry a modifier: a number fixes the parameter (``1*x1``), ``NA*x1`` frees it and a name labels it
(``a*x2``); parameters with the same label are constrained equal (also across groups).

The defaults follow lavaan's ``cfa()``/``sem()``: the first loading of each factor is fixed at 1, all residual
and latent variances are free, exogenous latent variables covary, and the residuals of endogenous variables that
predict nothing covary. Exogenous *observed* predictors get free variances and covariances in the estimation
(lavaan's ``fixed.x=FALSE``; the estimates, chi-square and df are those of lavaan's default ``fixed.x=TRUE``);
the reported log-likelihood, npar, AIC and BIC are those of ``fixed.x=TRUE`` (conditional on the predictors).

Examples
--------
>>> spec = parse_model("f =~ x1 + x2 + x3")
>>> [(r.lhs, r.op, r.rhs, r.free) for r in spec.rows[:3]]
[('f', '=~', 'x1', False), ('f', '=~', 'x2', True), ('f', '=~', 'x3', True)]
>>> spec.observed, spec.latent
(['x1', 'x2', 'x3'], ['f'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

__all__ = ["ModelSpec", "ModelSyntaxError", "ParRow", "build_groups", "parse_model"]


class ModelSyntaxError(ValueError):
    """Raised when model syntax cannot be parsed or is inconsistent."""


@dataclass(frozen=True)
class ParRow:
    """One parameter of the model (a row of the parameter table)."""

    lhs: str
    op: str
    rhs: str
    free: bool = True
    value: float | None = None  # fixed value (free=False) or None
    label: str | None = None
    user: bool = True
    group: int = 0


@dataclass
class ModelSpec:
    """Parsed model: parameter rows (one group), observed and latent variable names."""

    rows: list[ParRow]
    observed: list[str]
    latent: list[str]
    meanstructure: bool = False
    syntax: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def variables(self) -> list[str]:
        return self.observed + self.latent

    def indicators(self, factor: str) -> list[str]:
        return [r.rhs for r in self.rows if r.op == "=~" and r.lhs == factor]

    def first_order_factors(self) -> list[str]:
        """Latent variables measured by observed indicators."""
        return [f for f in self.latent if any(i in self.observed for i in self.indicators(f))]


_OPS = ("=~", "~~", "~")
_NAME = re.compile(r"^[A-Za-z_.][A-Za-z0-9_.]*$")


def _parse_term(term: str, line: str) -> tuple[str, str | None]:
    term = term.strip()
    if not term:
        raise ModelSyntaxError(f"empty term in model line '{line}'")
    if "*" in term:
        mod, name = (t.strip() for t in term.split("*", 1))
        return name, mod
    return term, None


def parse_model(syntax: str) -> ModelSpec:
    """Parse lavaan-style model syntax and add lavaan's default parameters.

    Parameters
    ----------
    syntax : str
        Model syntax (see the module docstring).

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> spec = parse_model("visual =~ x1 + x2 + x3; speed =~ x7 + x8 + x9")
    >>> [(r.lhs, r.rhs) for r in spec.rows if r.op == "~~" and r.lhs != r.rhs]
    [('visual', 'speed')]
    """
    user: list[ParRow] = []
    for raw in re.split(r"[;\n]", syntax):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        op = next((o for o in _OPS if o in line), None)
        if op is None:
            raise ModelSyntaxError(f"no operator (=~, ~, ~~) in model line '{line}'")
        lhs, rhs = (s.strip() for s in line.split(op, 1))
        if not _NAME.match(lhs):
            raise ModelSyntaxError(f"invalid variable name '{lhs}' in model line '{line}'")
        for term in rhs.split("+"):
            name, mod = _parse_term(term, line)
            if op == "~" and name == "1":
                op_, name = "~1", ""
            else:
                op_ = op
                if not _NAME.match(name):
                    raise ModelSyntaxError(f"invalid variable name '{name}' in model line '{line}'")
            free, value, label = True, None, None
            if mod is not None:
                if mod.upper() == "NA":
                    pass
                else:
                    try:
                        value, free = float(mod), False
                    except ValueError:
                        if not _NAME.match(mod):
                            raise ModelSyntaxError(f"invalid modifier '{mod}' in model line '{line}'") from None
                        label = mod
            user.append(ParRow(lhs, op_, name, free=free, value=value, label=label, user=mod is not None))
    if not user:
        raise ModelSyntaxError("the model syntax is empty")
    return _complete(user, syntax)


def _complete(user: list[ParRow], syntax: str) -> ModelSpec:
    latent: list[str] = []
    for r in user:
        if r.op == "=~" and r.lhs not in latent:
            latent.append(r.lhs)
    observed: list[str] = []
    for r in user:
        for name in (r.lhs, r.rhs):
            if name and name not in latent and name not in observed:
                observed.append(name)
    # observed: indicators first in order of appearance (like lavaan), then the others
    ind = [r.rhs for r in user if r.op == "=~" and r.rhs not in latent]
    observed = list(dict.fromkeys(ind + observed))

    rows: list[ParRow] = []
    seen_first: set[str] = set()
    for r in user:
        if r.op == "=~" and r.lhs not in seen_first:
            seen_first.add(r.lhs)
            if r.free and r.label is None and not r.user:
                r = replace(r, free=False, value=1.0, user=False)
        rows.append(r)

    def has(lhs, op, rhs):
        return any(x.op == op and {x.lhs, x.rhs} == {lhs, rhs} for x in rows) if op == "~~" else any(
            x.op == op and x.lhs == lhs and x.rhs == rhs for x in rows)

    regressed = {r.lhs for r in rows if r.op == "~"}
    predictors = {r.rhs for r in rows if r.op == "~"}
    indicators_of = {r.rhs for r in rows if r.op == "=~"}
    # variances
    for v in observed + latent:
        if not has(v, "~~", v):
            rows.append(ParRow(v, "~~", v, user=False))
    # covariances among exogenous latent variables
    exo_lv = [f for f in latent if f not in regressed and f not in indicators_of]
    # exogenous observed predictors (not indicators, not regressed)
    exo_ov = [v for v in observed if v in predictors and v not in regressed and v not in indicators_of]
    for group in (exo_lv, exo_ov):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if not has(a, "~~", b):
                    rows.append(ParRow(a, "~~", b, user=False))
    # residual covariances among endogenous variables that predict nothing (lavaan auto.cov.y)
    ys = [v for v in observed + latent if v in regressed and v not in predictors]
    for i, a in enumerate(ys):
        for b in ys[i + 1:]:
            if not has(a, "~~", b):
                rows.append(ParRow(a, "~~", b, user=False))
    for r in rows:
        if r.op == "~~" and (r.lhs not in observed + latent or r.rhs not in observed + latent):
            raise ModelSyntaxError(f"unknown variable in '{r.lhs} ~~ {r.rhs}'")
    return ModelSpec(rows=rows, observed=observed, latent=latent, syntax=syntax)


#: Names accepted in ``group_equal`` and the parameter rows they constrain.
GROUP_EQUAL = ("loadings", "intercepts", "means", "residuals", "residual.covariances", "lv.variances",
               "lv.covariances", "regressions")


def _kind(r: ParRow, spec: ModelSpec) -> str:
    if r.op == "=~":
        return "loadings"
    if r.op == "~":
        return "regressions"
    if r.op == "~1":
        return "intercepts" if r.lhs in spec.observed else "means"
    lv = r.lhs in spec.latent
    if r.lhs == r.rhs:
        return "lv.variances" if lv else "residuals"
    return "lv.covariances" if lv else "residual.covariances"


def build_groups(spec: ModelSpec, n_groups: int, group_equal: tuple[str, ...] = ()) -> list[ParRow]:
    """Replicate the parameter rows for each group, with equality labels for ``group_equal``.

    With more than one group a mean structure is added: free intercepts per group, latent means fixed at 0;
    when intercepts are equal across groups, the means (intercepts) of the first-order factors are free in groups
    2, 3, ... (as lavaan does). A second-order factor's mean stays 0: lavaan frees it too, which leaves one
    redundant parameter (lavaan then warns about a singular vcov and reports one df fewer; the chi-square is the
    same).

    Examples
    --------
    >>> spec = parse_model("f =~ x1 + x2 + x3")
    >>> rows = build_groups(spec, 2, ("loadings",))
    >>> sorted({r.label for r in rows if r.op == "=~" and r.free})
    ['.eq.f=~x2', '.eq.f=~x3']
    """
    bad = [g for g in group_equal if g not in GROUP_EQUAL]
    if bad:
        raise ModelSyntaxError(f"unknown group_equal {bad}; use some of {list(GROUP_EQUAL)}")
    meanstructure = n_groups > 1 or spec.meanstructure
    first_order = set(spec.first_order_factors())
    base = list(spec.rows)
    if meanstructure:
        for v in spec.observed:
            if not any(r.op == "~1" and r.lhs == v for r in base):
                base.append(ParRow(v, "~1", "", user=False))
        for f in spec.latent:
            if not any(r.op == "~1" and r.lhs == f for r in base):
                base.append(ParRow(f, "~1", "", free=False, value=0.0, user=False))
    out: list[ParRow] = []
    for g in range(n_groups):
        for r in base:
            kind = _kind(r, spec)
            if (kind == "means" and not r.user and g > 0 and "intercepts" in group_equal
                    and "means" not in group_equal and r.lhs in first_order):
                r = replace(r, free=True, value=None)
            label = r.label
            if label is None and r.free and kind in group_equal and n_groups > 1:
                label = f".eq.{r.lhs}{r.op}{r.rhs}"
            out.append(replace(r, group=g, label=label))
    return out
