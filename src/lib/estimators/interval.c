/*
 * interval.c - analytic confidence intervals for one NPS.
 *
 * Wald and adjusted Wald follow Rocks (2016), "Interval Estimation for the
 * Net Promoter Score", The American Statistician 70(4). The score (Tango) and
 * Bayesian (Dirichlet) intervals are below them. Formulas: docs/methods.md.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>

#include "internal.h"
#include "nps/interval.h"

static const nps_name methods[] = {
    {"wald", NPS_CI_WALD, "Wald"},
    {"adjusted-wald", NPS_CI_ADJUSTED_WALD, "adjusted Wald (Rocks 2016)"},
    {"score", NPS_CI_SCORE, "Tango score"},
    {"bayes", NPS_CI_BAYES, "Bayesian, Jeffreys Dirichlet prior"},
    {"percentile", NPS_CI_PERCENTILE, "bootstrap percentile"},
    {"bca", NPS_CI_BCA, "bootstrap BCa"},
};

nps_status nps_ci_method_parse(const char *name, nps_ci_method *out) {
  int v;
  nps_status st = nps_name_parse(methods, NPS_COUNT_OF(methods), name, &v);
  if (st == NPS_OK)
    *out = (nps_ci_method)v;
  return st;
}

const char *nps_ci_method_name(nps_ci_method method) {
  return nps_name_text(methods, NPS_COUNT_OF(methods), (int)method, 0);
}

const char *nps_ci_method_label(nps_ci_method method) {
  return nps_name_text(methods, NPS_COUNT_OF(methods), (int)method, 1);
}

double nps_z_for_level(double level) {
  return gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
}

nps_interval nps_interval_clip(nps_interval iv) {
  if (iv.lo < -1.0)
    iv.lo = -1.0;
  if (iv.hi > 1.0)
    iv.hi = 1.0;
  if (iv.lo > 1.0)
    iv.lo = 1.0;
  if (iv.hi < -1.0)
    iv.hi = -1.0;
  return iv;
}

/* theta +- z sqrt((pP + pD - theta^2) / n) for the (possibly adjusted)
 * category weights p, a, d. */
static nps_interval wald_from(double p, double a, double d, double z,
                              double *center) {
  double n = p + a + d;
  double pp = p / n, pd = d / n, theta = pp - pd;
  double v = pp + pd - theta * theta;
  double se = sqrt((v > 0.0 ? v : 0.0) / n);
  if (center)
    *center = theta;
  return (nps_interval){theta - z * se, theta + z * se};
}

/* The counts of c as doubles for an interval at level: NPS_EINVAL for a
 * bad level, NPS_EEMPTY for n = 0. */
static nps_status interval_counts(const nps_counts *c, double level, double *p,
                                  double *a, double *d, double *n) {
  if (!nps_level_valid(level))
    return NPS_EINVAL;
  nps_counts_as_double(c, p, a, d, n);
  return *n == 0.0 ? NPS_EEMPTY : NPS_OK;
}

nps_status nps_interval_wald(const nps_counts *c, double level,
                             nps_interval *out) {
  double p, a, d, n;
  nps_status st = interval_counts(c, level, &p, &a, &d, &n);
  if (st == NPS_OK)
    *out = wald_from(p, a, d, nps_z_for_level(level), NULL);
  return st;
}

/* Rocks (2016) adjusted Wald: pseudo-counts 3/4 promoter, 3/2 passive,
 * 3/4 detractor, i.e. z^2/4 ~ 1 respondent spread 1:2:1, then Wald. */
nps_status nps_interval_adjusted_wald(const nps_counts *c, double level,
                                      nps_interval *out, double *center) {
  if (!nps_level_valid(level))
    return NPS_EINVAL;
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  *out = wald_from(p + 0.75, a + 1.5, d + 0.75, nps_z_for_level(level), center);
  return NPS_OK;
}

/* Brent's method for f(x) = 0 on [lo, hi], where f changes sign, to an
 * absolute tolerance tol. NPS_ENOMEM, or NPS_ENUMERIC when GSL refuses the
 * bracket or does not converge in 200 steps. */
static nps_status find_root(double (*f)(double, void *), void *params,
                            double lo, double hi, double tol, double *root) {
  gsl_function fn = {f, params};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s)
    return NPS_ENOMEM;
  int st = gsl_root_fsolver_set(s, &fn, lo, hi);
  int conv = GSL_CONTINUE;
  for (int i = 0; i < 200 && st == GSL_SUCCESS && conv == GSL_CONTINUE; i++) {
    st = gsl_root_fsolver_iterate(s);
    conv = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                  gsl_root_fsolver_x_upper(s), tol, 1e-15);
  }
  *root = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  return st == GSL_SUCCESS && conv == GSL_SUCCESS ? NPS_OK : NPS_ENUMERIC;
}

/* ---- Tango score interval ------------------------------------------ */

/* Tango (1998) for the difference of two shares of one multinomial, as
 * Rocks (2016) applies it to NPS. On proportions, the score statistic for
 * H0: NPS = theta is Z(theta) = (est - theta) / sqrt(V(theta) / n), with
 * V(theta) = 2 pD~ + theta (1 - theta) the per-respondent variance at the
 * restricted MLE pD~ of the detractor share given theta. A limit solves
 * f(theta) = (est - theta) - sign z sqrt(V / n) = 0, sign = +1 for the lower
 * limit (Z = z) and -1 for the upper (Z = -z). */
typedef struct score_ctx {
  double pp, pd, est, n, z, sign;
} score_ctx;

/* pD~ maximises P log(pD + theta) + A log(1 - 2 pD - theta) + D log pD; it
 * is the larger root of 2 x^2 + B x + C = 0 with
 * B = (2 - pP + pD) theta - (pP + pD), C = -pD theta (1 - theta), computed
 * without cancellation and kept inside the simplex. */
static double score_restricted_pd(const score_ctx *s, double theta) {
  double b = (2.0 - s->pp + s->pd) * theta - (s->pp + s->pd);
  double c = -s->pd * theta * (1.0 - theta);
  double disc = sqrt(fmax(b * b - 8.0 * c, 0.0));
  double x = 0.0;
  if (b <= 0.0)
    x = (disc - b) / 4.0;
  else if (disc + b > 0.0)
    x = -2.0 * c / (disc + b);
  return fmin(fmax(x, fmax(0.0, -theta)), (1.0 - theta) / 2.0);
}

static double score_fn(double theta, void *params) {
  const score_ctx *s = params;
  double v = 2.0 * score_restricted_pd(s, theta) + theta * (1.0 - theta);
  return (s->est - theta) - s->sign * s->z * sqrt(fmax(v, 0.0) / s->n);
}

/* The limit between est and end (-1 for the lower, +1 for the upper).
 * f has the sign of end's side at end and the other sign just inside est,
 * except when V(est) = 0 (one category): then f(est) = 0 and the search
 * first halves its way from end toward est to a point inside. */
static nps_status score_limit(score_ctx *s, double end, double *out) {
  *out = end;
  if (s->est == end)
    return NPS_OK;
  double far = end, near = s->est;
  for (int k = 1; s->sign * score_fn(near, s) >= 0.0; k++) {
    near = s->est + ldexp(end - s->est, -k);
    if (near == s->est || k > 1100) {
      *out = s->est; /* the limit is within rounding of est */
      return NPS_OK;
    }
    double v = s->sign * score_fn(near, s);
    if (v == 0.0) {
      *out = near;
      return NPS_OK;
    }
    if (v > 0.0)
      far = near;
  }
  return find_root(score_fn, s, fmin(far, near), fmax(far, near), 1e-14, out);
}

nps_status nps_interval_score(const nps_counts *c, double level,
                              nps_interval *out) {
  *out = (nps_interval){NAN, NAN};
  double p, a, d, n;
  nps_status st = interval_counts(c, level, &p, &a, &d, &n);
  if (st != NPS_OK)
    return st;
  score_ctx s = {p / n, d / n, 0.0, n, nps_z_for_level(level), 1.0};
  s.est = s.pp - s.pd;
  nps_interval iv;
  st = score_limit(&s, -1.0, &iv.lo);
  s.sign = -1.0;
  if (st == NPS_OK)
    st = score_limit(&s, 1.0, &iv.hi);
  if (st == NPS_OK)
    *out = iv;
  return st;
}

/* ---- Beta distribution, accurate for any shape size ---------------- */

/* GSL's continued fraction for the regularized incomplete beta function
 * loses accuracy and then fails (GSL_EMAXITER) when both shapes are large
 * (about 1e5 and up); past this size the CDF is integrated from the density
 * instead, over the +-12 sd window outside which the nearly normal Beta
 * leaves no mass a double can hold. */
#define BETA_LARGE     5000.0
#define BETA_WINDOW_SD 12.0
#define LOG_2PI        1.8378770664093454835606594728112

typedef struct beta_param {
  double a, b;
  double mu, nu; /* a / (a + b), b / (a + b) */
  double sd;
  double lognorm; /* see beta_logpdf */
} beta_param;

/* With Stirling's series lnGamma(x) = (x - 1/2) ln x - x + ln(2 pi)/2 +
 * ln gamma*(x) (gamma* = gsl_sf_gammastar), the Beta(a, b) log density is
 *   (a - 1) ln(x / mu) + (b - 1) ln((1 - x) / nu) + lognorm,
 *   lognorm = (3 ln c - ln a - ln b - ln 2 pi) / 2
 *             - ln gamma*(a) - ln gamma*(b) + ln gamma*(c),   c = a + b.
 * Every term stays small near the bulk, so the density keeps full relative
 * precision even for shapes of 1e12, where ln B(a, b) alone would not. */
static beta_param beta_param_make(double a, double b) {
  double c = a + b;
  beta_param bp = {a, b, a / c, b / c, sqrt(a * b / (c * c * (c + 1.0))), 0};
  bp.lognorm = 0.5 * (3.0 * log(c) - log(a) - log(b) - LOG_2PI) -
               log(gsl_sf_gammastar(a)) - log(gsl_sf_gammastar(b)) +
               log(gsl_sf_gammastar(c));
  return bp;
}

/* log(1 + u) - u without cancellation for small u; -inf for u <= -1. */
static double log1pmx(double u) {
  gsl_sf_result r;
  if (!(u > -1.0) || gsl_sf_log_1plusx_mx_e(u, &r) != GSL_SUCCESS)
    return -INFINITY;
  return r.val;
}

/* With d = x - mu, u = d / mu and v = -d / nu, the two logarithms are
 * (a - 1) log(1 + u) + (b - 1) log(1 + v). Since a u + b v = 0 exactly
 * (a / mu = b / nu = c), for large shapes they are evaluated as
 * a L(u) + b L(v) - log(1 + u) - log(1 + v) with L(u) = log(1 + u) - u,
 * free of the cancellation between two terms of size a |u| that would cost
 * 1e-7 of relative precision at shapes of 1e17. */
static double beta_log_pdf(const beta_param *bp, double x) {
  if (!(x > 0.0 && x < 1.0))
    return -INFINITY;
  double d = x - bp->mu, u = d / bp->mu, v = -d / bp->nu;
  if (bp->a + bp->b < 1e6)
    return (bp->a - 1.0) * log1p(u) + (bp->b - 1.0) * log1p(v) + bp->lognorm;
  return bp->a * log1pmx(u) + bp->b * log1pmx(v) - log1p(u) - log1p(v) +
         bp->lognorm;
}

static double beta_pdf(const beta_param *bp, double x) {
  return exp(beta_log_pdf(bp, x));
}

static double beta_pdf_fn(double x, void *params) {
  return beta_pdf(params, x);
}

/* An adaptive quadrature result is usable when GSL met the tolerance or
 * stopped only for rounding with a small error estimate. */
static int quad_ok(int status, double abserr) {
  return status == GSL_SUCCESS || (status == GSL_EROUND && abserr < 1e-10);
}

static double beta_cdf_window(const beta_param *bp, double x,
                              gsl_integration_workspace *w, int *bad) {
  double lo = fmax(0.0, bp->mu - BETA_WINDOW_SD * bp->sd);
  double hi = fmin(1.0, bp->mu + BETA_WINDOW_SD * bp->sd);
  if (x <= lo)
    return 0.0;
  if (x >= hi)
    return 1.0;
  gsl_function fn = {beta_pdf_fn, (void *)bp};
  int lower = x <= bp->mu;
  double r = 0.0, err = 0.0;
  int st = gsl_integration_qag(&fn, lower ? lo : x, lower ? x : hi, 1e-12,
                               1e-10, w->limit, GSL_INTEG_GAUSS41, w, &r, &err);
  if (!quad_ok(st, err))
    *bad = 1;
  return lower ? r : 1.0 - r;
}

/* P(X <= x) for X ~ Beta(a, b). Sets *bad when no method gives a value. */
static double beta_cdf(const beta_param *bp, double x,
                       gsl_integration_workspace *w, int *bad) {
  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  if (fmin(bp->a, bp->b) >= BETA_LARGE)
    return beta_cdf_window(bp, x, w, bad);
  /* GSL's series is scaled by x^a (1 - x)^b / B(a, b) = x (1 - x) f(x);
   * where that is below e^-650 the CDF is 0 or 1 to double precision, and
   * GSL would report an underflow through its error handler. */
  double lpre = beta_log_pdf(bp, x) + log(x) + log1p(-x);
  if (lpre < -650.0)
    return x < bp->mu ? 0.0 : 1.0;
  gsl_sf_result r;
  int st = gsl_sf_beta_inc_e(bp->a, bp->b, x, &r);
  if (st == GSL_SUCCESS || st == GSL_EUNDRFLW)
    return r.val;
  *bad = 1;
  return NAN;
}

/* A Beta variable X and its mirror 1 - X ~ Beta(b, a). */
typedef struct beta_pair {
  beta_param x, mirror;
} beta_pair;

static beta_pair beta_pair_make(double a, double b) {
  return (beta_pair){beta_param_make(a, b), beta_param_make(b, a)};
}

/* P(X <= x), or P(X > x) when upper is nonzero, given x and xc = 1 - x
 * each computed without cancellation: the incomplete beta function is
 * always evaluated at the smaller of the two, so a tail near 1 keeps full
 * relative precision. */
static double beta_tail(const beta_pair *bp, double x, double xc, int upper,
                        gsl_integration_workspace *w, int *bad) {
  if (x <= xc) {
    double p = beta_cdf(&bp->x, x, w, bad);
    return upper ? 1.0 - p : p;
  }
  double p = beta_cdf(&bp->mirror, xc, w, bad);
  return upper ? p : 1.0 - p;
}

/* ---- Bayesian Dirichlet interval ----------------------------------- */

/* Posterior Dirichlet(a1, a2, a3) for (pP, pA, pD); theta = pP - pD.
 * With S = pP + pD ~ Beta(a1 + a3, a2) and, independently of S,
 * U = pP / S ~ Beta(a1, a3), theta = S (2U - 1), so for |t| < 1
 *   P(theta <= t) = [t > 0] P(S <= t)
 *                   + int_{|t|}^1 f_S(s) P(U <= (s + t) / (2s)) ds,
 * one adaptive quadrature (breakpoints at the bulk of S) over a Beta CDF.
 * When the bulk of S lies above 1/2 the integral runs over W = 1 - S = pA
 * instead, so that s near 1 and s - t are never formed by cancellation.
 * A zero parameter (prior 0 and no answers in that category) removes the
 * category: theta is then a Beta variable, 2 Beta - 1, or a point. */
typedef enum bayes_kind {
  BAYES_FULL,    /* all three parameters positive */
  BAYES_NO_PASS, /* a2 = 0: theta = 2U - 1, U ~ Beta(a1, a3) */
  BAYES_NO_PROM, /* a1 = 0: theta = -pD, pD ~ Beta(a3, a2) */
  BAYES_NO_DETR, /* a3 = 0: theta = pP, pP ~ Beta(a1, a2) */
  BAYES_POINT    /* one positive parameter: theta is a constant */
} bayes_kind;

typedef struct bayes_ctx {
  bayes_kind kind;
  beta_pair s; /* S (BAYES_FULL) */
  beta_pair u; /* U (BAYES_FULL, NO_PASS); the one Beta of NO_PROM/DETR */
  int over_w;  /* integrate over W = 1 - S */
  gsl_integration_workspace *outer, *inner;
  double t, tc_minus, tc_plus; /* t, 1 - t, 1 + t */
  double q;                    /* the probability a quantile search seeks */
  int bad;                     /* a quadrature failed */
} bayes_ctx;

/* f(v) P(U <= (s + t) / 2s), v = s or v = w = 1 - s. */
static double bayes_integrand(double v, void *params) {
  bayes_ctx *b = params;
  double s, s_minus_t, s_plus_t, dens;
  if (b->over_w) {
    s = 1.0 - v;
    s_minus_t = b->tc_minus - v;
    s_plus_t = b->tc_plus - v;
    dens = beta_pdf(&b->s.mirror, v);
  } else {
    s = v;
    s_minus_t = v - b->t;
    s_plus_t = v + b->t;
    dens = beta_pdf(&b->s.x, v);
  }
  double x = s_plus_t / (2.0 * s), xc = s_minus_t / (2.0 * s);
  return dens * beta_tail(&b->u, x, xc, 0, b->inner, &b->bad);
}

static double bayes_cdf_full(bayes_ctx *b, double t) {
  double at = fabs(t), atc = t > 0.0 ? b->tc_minus : b->tc_plus;
  const beta_param *v = b->over_w ? &b->s.mirror : &b->s.x;
  double lo = b->over_w ? 0.0 : at, hi = b->over_w ? atc : 1.0;
  double pts[5], cand[3] = {v->mu - 6.0 * v->sd, v->mu, v->mu + 6.0 * v->sd};
  size_t np = 0;
  pts[np++] = lo;
  for (int i = 0; i < 3; i++)
    if (cand[i] > pts[np - 1] && cand[i] < hi)
      pts[np++] = cand[i];
  pts[np++] = hi;
  gsl_function fn = {bayes_integrand, b};
  double r = 0.0, err = 0.0;
  int st = gsl_integration_qagp(&fn, pts, np, 1e-12, 1e-9, b->outer->limit,
                                b->outer, &r, &err);
  if (!quad_ok(st, err))
    b->bad = 1;
  if (t <= 0.0)
    return r;
  return r + beta_tail(&b->s, at, atc, 0, b->inner, &b->bad);
}

static double bayes_cdf(bayes_ctx *b, double t) {
  if (t <= -1.0)
    return 0.0;
  if (t >= 1.0)
    return 1.0;
  b->t = t;
  b->tc_minus = 1.0 - t;
  b->tc_plus = 1.0 + t;
  gsl_integration_workspace *w = b->inner;
  switch (b->kind) {
  case BAYES_NO_PASS: /* P(U <= (1 + t) / 2) */
    return beta_tail(&b->u, 0.5 * b->tc_plus, 0.5 * b->tc_minus, 0, w, &b->bad);
  case BAYES_NO_PROM: /* P(pD >= -t) */
    return beta_tail(&b->u, -t, b->tc_plus, 1, w, &b->bad);
  case BAYES_NO_DETR: /* P(pP <= t) */
    return beta_tail(&b->u, t, b->tc_minus, 0, w, &b->bad);
  default:
    return bayes_cdf_full(b, t);
  }
}

static double bayes_root_fn(double t, void *params) {
  bayes_ctx *b = params;
  return bayes_cdf(b, t) - b->q;
}

/* Below this posterior sd (n near 1e10 and beyond with almost every answer
 * in one category, next to +-1 where doubles are 1.1e-16 apart), and from
 * n = NPS_BAYES_NORMAL_MIN_N answers on, the limits are mean -+ z sd, clipped
 * to
 * [-1, 1]: their error is a fraction of an sd, under 1e-10, where the
 * quadrature would only fight rounding. From 2^53 on the counts are not
 * even exact in a double, and the skewness term the normal quantile leaves
 * out, mu3 (z^2 - 1) / (6 sd^2) with mu3 = 2 sum a_i (w_i - w)^3 / (a0 (a0
 * + 1) (a0 + 2)) the third central moment of theta = sum w_i p_i, is at
 * most 2 (z^2 - 1) / (3 (a0 + 2)) as |w_i - w| <= 2: 2.1e-16 at the 95%
 * level (docs/methods.md, "Huge counts"). */
#define BAYES_MIN_SD 1e-10

/* The q-quantile of theta. The bracket starts at the normal guess
 * mean + z_q sd and widens by doubling steps until F - q changes sign. */
static nps_status bayes_quantile(bayes_ctx *b, double q, double mean, double sd,
                                 double *out) {
  b->q = q;
  double guess = fmin(fmax(mean + gsl_cdf_ugaussian_Pinv(q) * sd, -1.0), 1.0);
  double step = 0.25 * sd, lo = guess, hi = guess;
  double f = bayes_root_fn(guess, b), g = f;
  if (f == 0.0) {
    *out = guess;
    return b->bad ? NPS_ENUMERIC : NPS_OK;
  }
  for (int i = 0; (f > 0.0) == (g > 0.0) && !b->bad; i++, step *= 2.0) {
    if (i == 1100)
      return NPS_ENUMERIC;
    if (f > 0.0) { /* the root is below */
      hi = lo;
      lo = fmax(lo - step, -1.0);
      g = lo > -1.0 ? bayes_root_fn(lo, b) : -q;
    } else {
      lo = hi;
      hi = fmin(hi + step, 1.0);
      g = hi < 1.0 ? bayes_root_fn(hi, b) : 1.0 - q;
    }
  }
  if (b->bad)
    return NPS_ENUMERIC;
  nps_status st = find_root(bayes_root_fn, b, lo, hi, 1e-10 * sd, out);
  return st == NPS_OK && b->bad ? NPS_ENUMERIC : st;
}

static bayes_kind bayes_setup(bayes_ctx *b, double a1, double a2, double a3) {
  if ((a1 > 0.0) + (a2 > 0.0) + (a3 > 0.0) == 1)
    return BAYES_POINT;
  if (a2 == 0.0) {
    b->u = beta_pair_make(a1, a3);
    return BAYES_NO_PASS;
  }
  if (a1 == 0.0) {
    b->u = beta_pair_make(a3, a2);
    return BAYES_NO_PROM;
  }
  if (a3 == 0.0) {
    b->u = beta_pair_make(a1, a2);
    return BAYES_NO_DETR;
  }
  b->s = beta_pair_make(a1 + a3, a2);
  b->u = beta_pair_make(a1, a3);
  b->over_w = b->s.x.mu > 0.5;
  return BAYES_FULL;
}

nps_status nps_interval_bayes(const nps_counts *c, double level, double prior,
                              nps_interval *out, double *mean) {
  *out = (nps_interval){NAN, NAN};
  if (mean)
    *mean = NAN;
  if (!nps_level_valid(level) || !(prior >= 0.0) || !isfinite(prior))
    return NPS_EINVAL;
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  double a1 = p + prior, a2 = a + prior, a3 = d + prior, a0 = a1 + a2 + a3;
  if (a0 == 0.0)
    return NPS_EEMPTY;
  double m = (a1 - a3) / a0;
  double sd = sqrt((a1 * (a2 + a3) + a3 * (a1 + a2) + 2.0 * a1 * a3) /
                   (a0 * a0 * (a0 + 1.0)));
  if (mean)
    *mean = m;
  bayes_ctx b = {0};
  b.kind = bayes_setup(&b, a1, a2, a3);
  if (b.kind == BAYES_POINT) {
    *out = (nps_interval){m, m};
    return NPS_OK;
  }
  if (sd < BAYES_MIN_SD || n >= NPS_BAYES_NORMAL_MIN_N) {
    double z = nps_z_for_level(level);
    *out = nps_interval_clip((nps_interval){m - z * sd, m + z * sd});
    return NPS_OK;
  }
  b.outer = gsl_integration_workspace_alloc(200);
  b.inner = gsl_integration_workspace_alloc(200);
  nps_status st = b.outer && b.inner ? NPS_OK : NPS_ENOMEM;
  nps_interval iv = {NAN, NAN};
  if (st == NPS_OK)
    st = bayes_quantile(&b, (1.0 - level) / 2.0, m, sd, &iv.lo);
  if (st == NPS_OK)
    st = bayes_quantile(&b, (1.0 + level) / 2.0, m, sd, &iv.hi);
  if (b.outer)
    gsl_integration_workspace_free(b.outer);
  if (b.inner)
    gsl_integration_workspace_free(b.inner);
  if (st == NPS_OK)
    *out = iv;
  return st;
}
