/*
 * plan.c - the plan analysis (plan.h): sample sizes, detectable
 * differences and margins for NPS surveys and pilots.
 *
 * It validates the options, builds the variance model (the baseline's V,
 * the second arm's V from the expected distribution or from the baseline
 * shifted by the difference, the paired variance of a difference), and
 * answers the question asked, the two small tables and the power curves
 * with the formulas of power.h (normal approximation to the z test of the
 * difference; docs/methods.md, "Planning"). It never prints.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"
#include "nps/plan.h"
#include "nps/power.h"

static const double row_diffs[NPS_PLAN_ROWS] = {0.03, 0.05, 0.10, 0.15, 0.20};
static const double row_sizes[NPS_PLAN_ROWS] = {100, 200, 500, 1000, 2000};
static const double curve_diffs[3] = {0.05, 0.10, 0.20};

void nps_plan_options_init(nps_plan_options *opt) {
  *opt = (nps_plan_options){.mode = NPS_PLAN_SIZE,
                            .alpha = NPS_PLAN_ALPHA,
                            .power = NPS_PLAN_POWER,
                            .alternative = NPS_ALT_TWO_SIDED,
                            .ratio = 1.0};
}

void nps_plan_free(nps_plan *p) {
  free(p);
}

/* The variance model of one run. */
typedef struct model {
  const nps_plan_options *o;
  nps_plan_arm base;
  int has_exp;
  nps_plan_arm exp;
  int sides;
  double ratio; /* n2 / n1 */
  double zs;    /* z_{1-alpha/sides} + z_{power} */
  double zm;    /* z_{1-alpha/2}, for margins */
} model;

static int arm_from(const nps_shares *s, nps_plan_arm *a) {
  if (nps_power_variance(s, &a->var, &a->nps) != NPS_OK)
    return 0;
  return nps_shares_from(s->promoters, s->passives, s->detractors,
                         &a->shares) == NPS_OK;
}

static double var_term(const model *m, double v2);

/* The baseline moved by |d| in direction sign (+1 up, -1 down) with one
 * source. */
static int shifted_by(const model *m, double d, int sign, nps_shift_source src,
                      nps_plan_arm *out) {
  nps_shares s;
  if (nps_power_shift_from(&m->base.shares, sign * d, src, &s) != NPS_OK)
    return 0;
  return arm_from(&s, out);
}

/* The baseline moved by |d| in direction sign with the asked source; for
 * NPS_SHIFT_ANY the source with the largest variance term (passives, then
 * both, detractors and passives first, a later one only when strictly
 * larger). *used (may be NULL) receives the source. */
static int shifted(const model *m, double d, int sign, nps_plan_arm *out,
                   nps_shift_source *used) {
  static const nps_shift_source order[] = {NPS_SHIFT_PASSIVES, NPS_SHIFT_BOTH,
                                           NPS_SHIFT_DETRACTORS,
                                           NPS_SHIFT_PASSIVES_FIRST};
  nps_shift_source src = m->o->shift;
  if (src != NPS_SHIFT_ANY) {
    if (!shifted_by(m, d, sign, src, out))
      return 0;
    if (used)
      *used = src;
    return 1;
  }
  int found = 0;
  double worst = -1.0;
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    nps_plan_arm a;
    if (!shifted_by(m, d, sign, order[i], &a))
      continue;
    double t = var_term(m, a.var);
    if (!found || t > worst * (1.0 + 1e-12)) {
      *out = a;
      worst = t;
      found = 1;
      if (used)
        *used = order[i];
    }
  }
  return found;
}

/* The second arm for a difference of magnitude d: the expected one, or
 * the baseline shifted up (greater, two-sided) or down (less; two-sided
 * when up is out of reach). *sign receives the direction; 0 when the
 * baseline cannot move that far. */
static int second_arm_src(const model *m, double d, nps_plan_arm *arm,
                          int *sign, nps_shift_source *used) {
  if (m->has_exp) {
    *arm = m->exp;
    *sign = m->exp.nps >= m->base.nps ? 1 : -1;
    return 1;
  }
  nps_alternative alt = m->o->alternative;
  if (alt != NPS_ALT_LESS && shifted(m, d, 1, arm, used)) {
    *sign = 1;
    return 1;
  }
  if (alt != NPS_ALT_GREATER && shifted(m, d, -1, arm, used)) {
    *sign = -1;
    return 1;
  }
  return 0;
}

static int second_arm(const model *m, double d, nps_plan_arm *arm, int *sign) {
  return second_arm_src(m, d, arm, sign, NULL);
}

/* The variance term: V1 + V2 / ratio, or the paired variance of the
 * difference V1 + V2 - 2 r sqrt(V1 V2) (at least 0). */
static double var_term(const model *m, double v2) {
  double v1 = m->base.var;
  if (!m->o->paired)
    return v1 + v2 / m->ratio;
  return fmax(v1 + v2 - 2.0 * m->o->correlation * sqrt(v1 * v2), 0.0);
}

/* SE of the difference with n1 (and n2 = ratio n1 unless paired). */
static double se_of(const model *m, double v2, double n1, double n2) {
  if (m->o->paired)
    return sqrt(var_term(m, v2) / n1);
  return sqrt(m->base.var / n1 + v2 / n2);
}

/* n1 to detect magnitude d: zs^2 T / d^2; NAN when out of reach. */
static double size_for(const model *m, double d) {
  nps_plan_arm a;
  int sign;
  if (!second_arm(m, d, &a, &sign))
    return NAN;
  return m->zs * m->zs * var_term(m, a.var) / (d * d);
}

/* Power of the z test to detect magnitude d with n1, n2 answers. */
static double power_at(const model *m, double v2, double n1, double n2,
                       double d) {
  double pw = NAN, t = var_term(m, v2);
  nps_status st = m->o->paired ? nps_power_achieved(t, n1, 0.0, n1, d,
                                                    m->o->alpha, m->sides, &pw)
                               : nps_power_achieved(m->base.var, n1, v2, n2, d,
                                                    m->o->alpha, m->sides, &pw);
  return st == NPS_OK ? pw : NAN;
}

/* d - zs SE(d) in direction sign: negative while d is not detectable. */
static double gap(const model *m, double d, int sign, double n1, double n2) {
  nps_plan_arm a;
  if (!shifted(m, d, sign, &a, NULL))
    return NAN;
  return d - m->zs * se_of(m, a.var, n1, n2);
}

/* The smallest d in (0, dmax] with d = zs SE(d), by bisection; NAN when
 * even dmax is not detectable. */
static double solve_mdd(const model *m, int sign, double n1, double n2) {
  const nps_shares *s = &m->base.shares;
  double from = sign > 0 ? s->detractors : s->promoters, pass = s->passives;
  double dmax;
  switch (m->o->shift) {
  case NPS_SHIFT_DETRACTORS:
    dmax = 2.0 * from;
    break;
  case NPS_SHIFT_PASSIVES:
    dmax = pass;
    break;
  case NPS_SHIFT_BOTH:
    dmax = fmin(2.0 * pass, 4.0 * from);
    break;
  default:
    dmax = pass + 2.0 * from;
    break;
  }
  dmax *= 1.0 - 1e-12;
  if (!(dmax > 0.0) || !(gap(m, dmax, sign, n1, n2) >= 0.0))
    return NAN;
  double lo = 0.0, hi = dmax;
  for (int i = 0; i < 200 && hi - lo > 1e-14; i++) {
    double mid = 0.5 * (lo + hi);
    if (gap(m, mid, sign, n1, n2) >= 0.0)
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

/* The detectable difference (signed) with n1, n2 answers. */
static double mdd_for(const model *m, double n1, double n2) {
  if (m->has_exp) {
    int sign = m->exp.nps >= m->base.nps ? 1 : -1;
    return sign * m->zs * se_of(m, m->exp.var, n1, n2);
  }
  nps_alternative alt = m->o->alternative;
  double d = alt == NPS_ALT_LESS ? NAN : solve_mdd(m, 1, n1, n2);
  if (isnan(d) && alt != NPS_ALT_GREATER)
    d = -solve_mdd(m, -1, n1, n2);
  return d;
}

static nps_plan_problem check_common(const nps_plan_options *o, model *m) {
  if (!arm_from(&o->baseline, &m->base))
    return NPS_PLAN_BAD_BASELINE;
  if (!(m->base.var > 0.0))
    return NPS_PLAN_NO_SPREAD;
  if (o->alternative != NPS_ALT_TWO_SIDED &&
      o->alternative != NPS_ALT_GREATER && o->alternative != NPS_ALT_LESS)
    return NPS_PLAN_BAD_MODE;
  m->sides = o->alternative == NPS_ALT_TWO_SIDED ? 2 : 1;
  if (!nps_level_valid(o->alpha))
    return NPS_PLAN_BAD_ALPHA;
  if (!(o->power > o->alpha / m->sides && o->power < 1.0))
    return NPS_PLAN_BAD_POWER;
  if (!(o->ratio > 0.0) || !isfinite(o->ratio) ||
      (o->paired && o->ratio != 1.0))
    return NPS_PLAN_BAD_RATIO;
  if (o->paired && !(o->correlation >= -1.0 && o->correlation <= 1.0))
    return NPS_PLAN_BAD_CORRELATION;
  if (o->shift != NPS_SHIFT_ANY && o->shift != NPS_SHIFT_DETRACTORS &&
      o->shift != NPS_SHIFT_PASSIVES && o->shift != NPS_SHIFT_BOTH &&
      o->shift != NPS_SHIFT_PASSIVES_FIRST && o->shift != NPS_SHIFT_FEWEST)
    return NPS_PLAN_BAD_SHIFT;
  return NPS_PLAN_FINE;
}

static nps_plan_problem check_expected(const nps_plan_options *o, model *m) {
  if (!o->has_expected)
    return NPS_PLAN_FINE;
  if (o->mode == NPS_PLAN_MARGIN)
    return NPS_PLAN_BAD_MODE;
  if (!arm_from(&o->expected, &m->exp))
    return NPS_PLAN_BAD_EXPECTED;
  double d = m->exp.nps - m->base.nps;
  if (!(fabs(d) > 1e-12))
    return NPS_PLAN_SAME_NPS;
  if ((o->alternative == NPS_ALT_GREATER && d < 0) ||
      (o->alternative == NPS_ALT_LESS && d > 0))
    return NPS_PLAN_WRONG_DIRECTION;
  m->has_exp = 1;
  return NPS_PLAN_FINE;
}

static int size_ok(double n) {
  return n > 0.0 && isfinite(n);
}

/* Whether some change of d answers moving up (or down, as the alternative
 * allows) reaches: the widest source, passives first. */
static int reachable(const model *m, double d) {
  nps_plan_arm a;
  nps_alternative alt = m->o->alternative;
  return (alt != NPS_ALT_LESS &&
          shifted_by(m, d, 1, NPS_SHIFT_PASSIVES_FIRST, &a)) ||
         (alt != NPS_ALT_GREATER &&
          shifted_by(m, d, -1, NPS_SHIFT_PASSIVES_FIRST, &a));
}

static nps_plan_problem check_mode(const nps_plan_options *o, model *m) {
  m->ratio = o->ratio;
  switch (o->mode) {
  case NPS_PLAN_SIZE:
    if (m->has_exp)
      return NPS_PLAN_FINE;
    if (!(o->diff > 0.0 && o->diff < 2.0))
      return NPS_PLAN_BAD_DIFF;
    if (!isnan(size_for(m, o->diff)))
      return NPS_PLAN_FINE;
    return reachable(m, o->diff) ? NPS_PLAN_SOURCE_SHORT : NPS_PLAN_UNREACHABLE;
  case NPS_PLAN_DETECTABLE:
    if (!size_ok(o->n1) || !(o->n2 == 0.0 || size_ok(o->n2)))
      return NPS_PLAN_BAD_N;
    if (o->n2 > 0.0 && o->paired && o->n2 != o->n1)
      return NPS_PLAN_BAD_MODE;
    if (o->n2 > 0.0)
      m->ratio = o->n2 / o->n1;
    return NPS_PLAN_FINE;
  case NPS_PLAN_MARGIN:
    return o->margin > 0.0 && o->margin < 2.0 ? NPS_PLAN_FINE
                                              : NPS_PLAN_BAD_MARGIN;
  default:
    return NPS_PLAN_BAD_MODE;
  }
}

static double n2_of(const model *m, double n1) {
  return m->o->paired ? n1 : m->ratio * n1;
}

static void set_second(nps_plan *p, const model *m, double d) {
  nps_plan_arm a;
  int sign = 0;
  nps_shift_source used = NPS_SHIFT_ANY;
  if (isnan(d) || !second_arm_src(m, fabs(d), &a, &sign, &used)) {
    p->second = m->base;
    p->how = NPS_PLAN_SECOND_NONE;
    return;
  }
  p->second = a;
  p->how = m->has_exp ? NPS_PLAN_SECOND_EXPECTED : NPS_PLAN_SECOND_SHIFT;
  if (p->how == NPS_PLAN_SECOND_SHIFT) {
    const nps_shares *b = &m->base.shares, *s = &a.shares;
    double opp =
        sign > 0 ? b->detractors - s->detractors : b->promoters - s->promoters;
    double pass = b->passives - s->passives;
    /* What renormalising the shares leaves of a category not moved. */
    p->moved_from_opposite = fabs(opp) < 1e-12 ? 0.0 : opp;
    p->moved_from_passives = fabs(pass) < 1e-12 ? 0.0 : pass;
    p->shift_used = used;
  }
  p->var_term = var_term(m, a.var);
  if (m->has_exp) {
    double v1 = m->base.var;
    double t0 = m->o->paired ? 2.0 * v1 * (1.0 - m->o->correlation)
                             : v1 * (1.0 + 1.0 / m->ratio);
    p->design_effect = t0 > 0.0 ? p->var_term / t0 : NAN;
  }
}

/* The signed difference to detect in SIZE mode, with its note. */
static double size_diff(nps_plan *p, const model *m) {
  if (m->has_exp)
    return m->exp.nps - m->base.nps;
  nps_plan_arm a;
  int sign;
  second_arm(m, m->o->diff, &a, &sign);
  if (sign < 0 && m->o->alternative == NPS_ALT_TWO_SIDED)
    p->note = m->o->shift == NPS_SHIFT_ANY
                  ? "the baseline cannot rise that far: the plan is for a fall"
                  : "the baseline cannot rise that far from this source: the "
                    "plan is for a fall";
  return sign * m->o->diff;
}

/* The power at the rounded sizes if the planned change came from each
 * named source (NAN where it cannot supply it). */
static void by_source(nps_plan *p, const model *m) {
  int sign = p->diff >= 0 ? 1 : -1;
  for (int i = 0; i < 3; i++) {
    nps_plan_arm a;
    p->power_by_source[i] =
        shifted_by(m, fabs(p->diff), sign,
                   (nps_shift_source)(NPS_SHIFT_DETRACTORS + i), &a)
            ? power_at(m, a.var, p->n1_planned, p->n2_planned, fabs(p->diff))
            : NAN;
  }
}

static void answer(nps_plan *p, const model *m) {
  const nps_plan_options *o = m->o;
  p->achieved = NAN;
  p->diff = NAN;
  if (o->mode == NPS_PLAN_MARGIN) {
    p->margin = o->margin;
    p->var_term = m->base.var;
    p->z_alpha = m->zm;
    p->n1 = m->zm * m->zm * m->base.var / (o->margin * o->margin);
    p->n1_planned = fmax(ceil(p->n1), 1.0);
    set_second(p, m, NAN);
    return;
  }
  if (o->mode == NPS_PLAN_SIZE) {
    p->diff = size_diff(p, m);
    set_second(p, m, p->diff);
    p->n1 = size_for(m, fabs(p->diff));
    p->n2 = n2_of(m, p->n1);
    p->n1_planned = fmax(ceil(p->n1), 1.0);
    p->n2_planned = fmax(ceil(p->n2), 1.0);
    p->achieved =
        power_at(m, p->second.var, p->n1_planned, p->n2_planned, fabs(p->diff));
    if (p->how == NPS_PLAN_SECOND_SHIFT)
      by_source(p, m);
    return;
  }
  p->n1 = o->n1;
  p->n2 = n2_of(m, o->n1);
  p->diff = mdd_for(m, p->n1, p->n2);
  set_second(p, m, p->diff);
  if (m->has_exp)
    p->achieved =
        power_at(m, m->exp.var, p->n1, p->n2, fabs(m->exp.nps - m->base.nps));
  if (isnan(p->diff))
    p->note = "no difference within reach of the baseline is detectable "
              "with these sizes";
}

static void tables(nps_plan *p, const model *m) {
  for (size_t i = 0; i < NPS_PLAN_ROWS; i++) {
    double d = row_diffs[i];
    nps_plan_size_row *s = &p->sizes[i];
    s->diff = d;
    s->n1 = size_for(m, d);
    s->n2 = n2_of(m, s->n1);
    s->n_margin = m->zm * m->zm * m->base.var / (d * d);
    nps_plan_diff_row *r = &p->diffs[i];
    r->n1 = row_sizes[i];
    r->n2 = n2_of(m, r->n1);
    r->diff = mdd_for(m, r->n1, r->n2);
    r->margin = m->zm * sqrt(m->base.var / r->n1);
  }
}

static void add_curve(nps_plan *p, const model *m, double d) {
  nps_plan_arm a;
  int sign;
  if (!second_arm(m, d, &a, &sign))
    return;
  nps_plan_curve *c = &p->curves[p->n_curves++];
  c->diff = m->has_exp ? m->exp.nps - m->base.nps : sign * d;
  c->n_needed = size_for(m, d);
  for (size_t i = 0; i < NPS_PLAN_GRID; i++)
    c->power[i] =
        power_at(m, a.var, p->grid[i], n2_of(m, p->grid[i]), fabs(c->diff));
}

/* 5, 10 and 20 points (with expected: its difference alone) and the
 * planned difference when it is none of those. */
static void curves(nps_plan *p, const model *m) {
  for (size_t i = 0; i < NPS_PLAN_GRID; i++)
    p->grid[i] = pow(10.0, 1.0 + 4.0 * (double)i / (NPS_PLAN_GRID - 1));
  if (m->has_exp) {
    add_curve(p, m, fabs(m->exp.nps - m->base.nps));
    return;
  }
  for (size_t i = 0; i < 3; i++)
    add_curve(p, m, curve_diffs[i]);
  double d = fabs(p->diff);
  int known = 0;
  for (size_t i = 0; i < 3; i++)
    known |= fabs(d - curve_diffs[i]) < 0.0005;
  if (isfinite(d) && !known && p->mode != NPS_PLAN_MARGIN)
    add_curve(p, m, d);
}

nps_status nps_plan_run(const nps_plan_options *opt, nps_plan **out,
                        nps_run_error *err) {
  model m = {.o = opt};
  *out = NULL;
  nps_plan_problem why = check_common(opt, &m);
  if (why == NPS_PLAN_FINE)
    why = check_expected(opt, &m);
  if (why == NPS_PLAN_FINE) {
    m.zs = gsl_cdf_ugaussian_Qinv(opt->alpha / m.sides) +
           gsl_cdf_ugaussian_Pinv(opt->power);
    m.zm = gsl_cdf_ugaussian_Qinv(opt->alpha / 2.0);
    why = check_mode(opt, &m);
  }
  nps_run_error_clear(err);
  if (err)
    err->problem = (int)why;
  if (why != NPS_PLAN_FINE)
    return NPS_EINVAL;
  nps_plan *p = calloc(1, sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  *p = (nps_plan){.mode = opt->mode,
                  .sides = m.sides,
                  .alternative = opt->alternative,
                  .alpha = opt->alpha,
                  .power = opt->power,
                  .ratio = opt->paired ? 1.0 : m.ratio,
                  .paired = opt->paired,
                  .correlation = opt->paired ? opt->correlation : 0.0,
                  .z_alpha = gsl_cdf_ugaussian_Qinv(opt->alpha / m.sides),
                  .z_power = gsl_cdf_ugaussian_Pinv(opt->power),
                  .baseline = m.base,
                  .design_effect = 1.0,
                  .margin = NAN,
                  .shift = opt->shift,
                  .shift_used = NPS_SHIFT_ANY,
                  .power_by_source = {NAN, NAN, NAN}};
  answer(p, &m);
  tables(p, &m);
  curves(p, &m);
  *out = p;
  return NPS_OK;
}
