"""The ``glm`` detector: a count model with day-of-week, trend and downweighted outbreaks,
and organisations new to a key as evidence of their own (pure, no clock, no I/O).

Known methods, simplified for sparse daily counts and a short per-key history:

- The expectation follows Farrington-flexible (Noufaily et al. 2013, "An improved
  algorithm for outbreak detection in multiple surveillance systems", Stat Med 32):
  a log-linear Poisson model of the baseline with a trend kept only when it is
  significant (against its quasi-Poisson standard error, ``phi = max(1, Pearson chi2 /
  (n - p))``), and past outbreaks in the baseline downweighted (windows whose Anscombe
  residual exceeds 2.58 get weight ``s^-2``), then refitted. Instead of Farrington's
  yearly comparison weeks, the seasonal term is the day of the week (a period of one
  week in windows, when the window divides a week), its factors shrunk towards 1 by a
  few pseudo-reports so that a key with a handful of reports gets none.
- The threshold comes from the predictive distribution of the judged span's count: a
  negative binomial whose variance holds the noise around the rate (overdispersion by
  moments, ``mu + mu^2 / r`` per window, from the windows not downweighted) and the
  uncertainty of the estimated rate (``M^2 var(log M)``, M the span's expectation). On
  a sparse key this is the Poisson-gamma predictive of Bayesian outbreak detection (the
  ``bayes`` algorithm of the R package surveillance; Höhle 2007, "surveillance: an R
  package for the monitoring of infectious diseases", Comput Stat 22): 2 reports in 8
  quiet weeks is a rate known only roughly, and a plug-in Poisson would call 3 reports
  a spike.
- Reports from organisations that had not reported on the key in the baseline are a
  second, independent line of evidence: how many such organisations the span has,
  against a Poisson rate of newcomers estimated from the baseline itself (organisations
  first seen in its later half). The two p-values are combined by Fisher's method
  (Fisher 1925; for two, ``q (1 - ln q)`` with ``q = p1 p2``), and the count model's own
  p-value stands when it is smaller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from streams.detect.tails import negbin_sf, poisson_sf
from streams.detect.verdicts import Assessment, DetectorConfig

WEEK = 604_800
# pseudo-reports per day of the week: a factor moves away from 1 only with evidence
SEASON_PRIOR = 3.0
OUTLIER = 2.58  # Anscombe residual above which a baseline window is downweighted
# a trend is kept when its estimate is this many standard errors from 0 (Farrington's
# test at 5% is ~2; on 8 weeks of sparse counts a trend that weak cost false alarms on the
# tuning seeds, so only a clear one is kept)
TREND_Z = 3.0
MIN_TREND_REPORTS = 10  # fewer reports in the baseline: no trend is fitted
MIN_KNOWN_WINDOWS = 14  # windows whose reporters are known, for newcomers to mean anything


def period(cfg: DetectorConfig) -> int:
    """Windows in a week when the window divides a week and the baseline holds at least
    two of them (daily windows: 7); otherwise 0, no seasonal term."""
    if WEEK % cfg.window:
        return 0
    p = WEEK // cfg.window
    return p if 2 <= p <= cfg.baseline // 2 else 0


def season_factors(ys: Sequence[float], phases: Sequence[int], p: int) -> list[float]:
    """Multiplicative factor per phase, shrunk towards 1, averaging 1 over ``phases``."""
    n = len(ys)
    total = sum(ys)
    if p == 0 or n == 0 or total <= 0:
        return [1.0] * max(p, 1)
    rate = total / n
    sums, seen = [0.0] * p, [0] * p
    for y, ph in zip(ys, phases, strict=True):
        sums[ph] += y
        seen[ph] += 1
    raw = [(sums[d] + SEASON_PRIOR) / (seen[d] * rate + SEASON_PRIOR) for d in range(p)]
    mean = sum(raw[ph] for ph in phases) / n
    return [f / mean for f in raw]


def _fit(
    ys: Sequence[float], ts: Sequence[float], off: Sequence[float], ws: Sequence[float], trend: bool
) -> tuple[float, float, float]:
    """Weighted Poisson regression ``log mu = a + b t + log off`` (``t`` centred by the
    caller): (a, b, var(b)); without ``trend`` b = 0 in closed form."""
    sw_y = sum(w * y for w, y in zip(ws, ys, strict=True))
    sw_o = sum(w * o for w, o in zip(ws, off, strict=True))
    a = math.log(max(sw_y, 0.5) / sw_o)
    if not trend:
        return a, 0.0, 0.0
    b = 0.0
    for _ in range(8):  # Newton on (a, b): the score and information of the log-likelihood
        g0 = g1 = h00 = h01 = h11 = 0.0
        for y, t, o, w in zip(ys, ts, off, ws, strict=True):
            mu = o * math.exp(a + b * t)
            g0 += w * (y - mu)
            g1 += w * (y - mu) * t
            h00 += w * mu
            h01 += w * mu * t
            h11 += w * mu * t * t
        det = h00 * h11 - h01 * h01
        if det <= 1e-12:
            return a, 0.0, 0.0
        da = (h11 * g0 - h01 * g1) / det
        db = (h00 * g1 - h01 * g0) / det
        a, b = a + da, b + db
        if abs(da) + abs(db) < 1e-6:
            break
    return a, b, h00 / det


def _anscombe(y: float, mu: float, phi: float) -> float:
    return 1.5 * (math.pow(y, 2 / 3) - math.pow(mu, 2 / 3)) / (math.pow(mu, 1 / 6) * math.sqrt(phi))


def expectation(
    ys: Sequence[float], windows: Sequence[int], targets: Sequence[int], cfg: DetectorConfig
) -> tuple[float, float]:
    """The baseline's model: the expected count over ``targets`` and its predictive
    variance."""
    n = len(ys)
    p = period(cfg)
    phases = [w % p for w in windows] if p else [0] * n
    factors = season_factors(ys, phases, p)
    off = [factors[ph] for ph in phases]
    centre = sum(windows) / n
    ts = [(w - centre) / 7.0 for w in windows]  # in weeks: well-scaled slopes
    total = sum(ys)
    trend = total >= MIN_TREND_REPORTS
    ws = [1.0] * n
    plain = [True] * n  # windows not downweighted: the dispersion is measured on these
    a, b, var_b, phi = 0.0, 0.0, 0.0, 1.0
    for reweighted in (False, True):
        a, b, var_b = _fit(ys, ts, off, ws, trend)
        if trend and (var_b <= 0 or abs(b) < TREND_Z * math.sqrt(var_b * phi)):
            a, b, var_b = _fit(ys, ts, off, ws, False)
        mus = [o * math.exp(a + b * t) for o, t in zip(off, ts, strict=True)]
        dof = max(1, n - (2 if b else 1))
        chi2 = sum(w * (y - m) ** 2 / m for w, y, m in zip(ws, ys, mus, strict=True) if m > 0)
        phi = max(1.0, chi2 / dof)
        if reweighted:
            break
        # Noufaily et al.: windows of past outbreaks weigh s^-2, the weights summing to n.
        # Their dispersion leaves out the tenth of windows that fit worst: in a short
        # baseline, one past outbreak would otherwise pass as overdispersion and hide
        parts = sorted((y - m) ** 2 / m for y, m in zip(ys, mus, strict=True) if m > 0)
        kept = parts[: len(parts) - math.ceil(len(parts) / 10)]
        phi_r = max(1.0, sum(kept) / max(1, len(kept) - 1))
        res = [_anscombe(y, m, phi_r) for y, m in zip(ys, mus, strict=True)]
        raw = [1.0 if s <= OUTLIER else s**-2 for s in res]
        if all(r == 1.0 for r in raw):
            break
        scale = n / sum(raw)
        ws = [r * scale for r in raw]
        plain = [r == 1.0 for r in raw]
    weighted = sum(w * y for w, y in zip(ws, ys, strict=True))
    # negative binomial overdispersion by moments, 1/r = (var - mean) / mean^2 over the
    # model's residuals (a quasi-Poisson phi would scale sparse counts' variance by their
    # few large days)
    mus = [o * math.exp(a + b * t) for o, t in zip(off, ts, strict=True)]
    rows = [(y, m) for y, m, k in zip(ys, mus, plain, strict=True) if k]
    excess = sum((y - m) ** 2 - m for y, m in rows)
    inv_r = max(0.0, excess / max(sum(m * m for _, m in rows), 1e-12))
    floor = 0.5 / n  # a baseline of zeros still allows some background
    cap = max(*ys, floor)  # a trend may not carry the expectation beyond what was seen
    expected = spread = 0.0
    for w in targets:
        level = math.exp(a + b * (w - centre) / 7.0)
        if b and level > cap:
            level = cap
        mu = max(level, floor) * (factors[w % p] if p else 1.0)
        expected += mu
        spread += mu + mu * mu * inv_r
    span_t = sum((w - centre) / 7.0 for w in targets) / max(1, len(targets))
    var_log = 1.0 / (weighted + 0.5) + span_t * span_t * var_b
    return expected, spread + expected * expected * var_log


def newcomers(
    orgs: Sequence[AbstractSet[str] | None], span_orgs: AbstractSet[str], span: int
) -> float | None:
    """P-value of the span's organisations new to the key, against the baseline's own
    rate of newcomers; None when too few baseline windows say who reported."""
    known = [o for o in orgs if o is not None]
    if len(known) < MIN_KNOWN_WINDOWS:
        return None
    seen: set[str] = set().union(*known)
    new = len(span_orgs - seen)
    if new == 0:
        return 1.0
    half = len(known) // 2
    early: set[str] = set().union(*known[:half])
    later: set[str] = set().union(*known[half:])
    arrivals = len(later - early)
    rate = (arrivals + 0.5) / (len(known) - half)
    return poisson_sf(new, rate * span)


def assess_glm(  # noqa: PLR0917
    history: Sequence[float],
    observed: float,
    cfg: DetectorConfig,
    window: int,
    windows: Sequence[int],
    orgs: Sequence[AbstractSet[str] | None],
    span_orgs: AbstractSet[str],
) -> Assessment:
    """Judge ``window``'s span. ``history``, ``windows`` (their window indices) and
    ``orgs`` (who reported in each, None where unknown) are aligned, oldest first; the
    last ``guard`` of them are in the span with ``window``, not in the baseline."""
    end = len(history) - cfg.guard
    start = max(0, end - cfg.baseline)
    ys = [float(y) for y in history[start:end]]
    base_windows = windows[start:end]
    if not ys:  # no baseline yet (``assess`` gives no verdict before a warm one anyway)
        return Assessment(False, "glm", observed, 0.0, 0.0, None)
    span = max(1, cfg.span)
    targets = list(range(window - span + 1, window + 1))
    expected, var = expectation(ys, base_windows, targets, cfg)
    p = negbin_sf(observed, expected, var)
    if cfg.new_sources:
        p_new = newcomers(orgs[start:end], span_orgs, span)
        if p_new is not None and p_new < 1.0:
            q = max(p * p_new, 1e-300)
            p = min(p, q * (1.0 - math.log(q)))
    score = -math.log10(max(p, 1e-300))
    return Assessment(
        p < math.pow(10.0, -cfg.threshold), "glm", observed, expected, round(score, 4), p
    )
