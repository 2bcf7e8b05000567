/*
 * test2_signflip.c - the exact sign-flip test of paired answers.
 *
 * Each respondent's change d = s1 - s2 lies in {-2, ..., 2}. When nothing
 * changed on average in the sense that d is as likely to be +x as -x (the
 * two answers of a respondent are exchangeable), every sign of the d's is
 * a fair coin given |d|. The statistic is S = sum of d (the mean change and
 * its studentized form order the sign patterns alike, since sum d^2 does
 * not depend on the signs). With m1 respondents at |d| = 1 and m2 at
 * |d| = 2, S = (2a - m1) + 2 (2b - m2), a ~ Bin(m1, 1/2) and b ~ Bin(m2,
 * 1/2) independent; a tail probability sums, over b, the binomial tail
 * of a that reaches |S| >= |s| (or the one-sided tail). p counts the ties
 * with |s| whole, so P(p <= alpha) <= alpha under the null at every n;
 * p_mid counts them one half and is only reported beside it (at n = 5 it
 * would call five changes of +2 significant at 5%, which happens with
 * probability 2/32 when nothing changed). Both are exact, without Monte
 * Carlo, at every n: O(sqrt(m2)) binomial tails.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "nps/diffci.h"
#include "test2_internal.h"

/* floor(x / 2) and ceil(x / 2) for any sign of x. */
static int64_t floor_half(int64_t x) {
  return x >= 0 ? x / 2 : -((1 - x) / 2);
}
static int64_t ceil_half(int64_t x) {
  return -floor_half(-x);
}

/* P(a <= k) and P(a >= k) for a ~ Bin(m, 1/2). */
static double cdf_below(int64_t k, unsigned m) {
  if (k < 0)
    return 0.0;
  if (k >= (int64_t)m)
    return 1.0;
  return gsl_cdf_binomial_P((unsigned)k, 0.5, m);
}

static double cdf_above(int64_t k, unsigned m) {
  if (k <= 0)
    return 1.0;
  if (k > (int64_t)m)
    return 0.0;
  return gsl_cdf_binomial_Q((unsigned)(k - 1), 0.5, m);
}

/* P(S >= hi or S <= lo) given b, with S = 2a + c; up and down say which
 * of the two parts count. */
static double tails(int64_t c, int64_t lo, int64_t hi, unsigned m1, int up,
                    int down) {
  double p = 0.0;
  if (up)
    p += cdf_above(ceil_half(hi - c), m1);
  if (down)
    p += cdf_below(floor_half(lo - c), m1);
  return p;
}

/* P(S >= hi or S <= lo) over a and b, the parts asked for. */
static double tail_sum(unsigned m1, unsigned m2, int64_t lo, int64_t hi, int up,
                       int down) {
  /* b beyond 20 standard deviations of m2 / 2 carries < 1e-80 */
  double half = m2 / 2.0, w = 20.0 * sqrt(m2 / 4.0) + 1.0, p = 0.0;
  int64_t b0 = (int64_t)fmax(0.0, floor(half - w));
  int64_t b1 = (int64_t)fmin((double)m2, ceil(half + w));
  for (int64_t b = b0; b <= b1; b++) {
    int64_t c = 2 * (2 * b - (int64_t)m2) - (int64_t)m1;
    double pb = gsl_ran_binomial_pdf((unsigned)b, 0.5, m2);
    p += pb * tails(c, lo, hi, m1, up, down);
  }
  return fmin(p, 1.0);
}

nps_status nps_test2_sign_flip(const nps_paired *t, nps_alternative alt,
                               double level, nps_test2_result *out) {
  nps_test2_clear(out, NPS_TEST2_SIGN_FLIP, alt, level);
  nps_test2_result z;
  nps_status st = nps_test2_paired(t, alt, level, &z);
  if (st != NPS_OK)
    return st;
  uint64_t m[3] = {0, 0, 0}; /* respondents by |d| */
  int64_t s = 0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      int d = i - j;
      m[d < 0 ? -d : d] += t->count[i][j];
    }
  if (m[1] > UINT_MAX || m[2] > UINT_MAX)
    return NPS_EOVERFLOW;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      s += (int64_t)t->count[i][j] * (i - j);
  unsigned m1 = (unsigned)m[1], m2 = (unsigned)m[2];
  /* the region at least as extreme as s: S >= hi and/or S <= lo */
  int64_t as = s < 0 ? -s : s, hi = as, lo = -as;
  int up = 1, down = 1;
  if (alt == NPS_ALT_GREATER)
    hi = s, down = 0;
  else if (alt == NPS_ALT_LESS)
    lo = s, up = 0;
  /* s = 0 two-sided: the region is everything (p = 1) */
  double p = alt == NPS_ALT_TWO_SIDED && s == 0
                 ? 1.0
                 : tail_sum(m1, m2, lo, hi, up, down);
  double beyond = tail_sum(m1, m2, lo - 1, hi + 1, up, down); /* strictly */
  *out = z;
  out->method = NPS_TEST2_SIGN_FLIP;
  out->z = z.se > 0.0 ? z.diff / z.se : NAN;
  out->ci = (nps_interval){NAN, NAN};
  out->note = NULL;
  out->p = out->p_conservative = p;
  /* mid-p: ties count one half; a sum of 0 is the centre itself, no
   * evidence of change either way: 1 two-sided */
  out->p_mid =
      alt == NPS_ALT_TWO_SIDED && s == 0 ? 1.0 : fmin(0.5 * (p + beyond), 1.0);
  out->p_mc_se = 0.0;
  out->exact = 1;
  /* The interval that agrees with p (test-based), inside [-2, 2]. Where
   * the test-based SE is undefined (no mean change, p = 1) the SE is that
   * of the changes with one +1 and one -1 added, which is never 0: a
   * sample in which nobody changed does not prove that nothing changes. */
  nps_test2_result b = *out;
  double n2 = (double)out->n1 + 2.0, mean = (double)s / n2;
  double ss = (double)m[1] + 4.0 * (double)m[2] + 2.0;
  b.se = sqrt(fmax(ss - n2 * mean * mean, 0.0) / (n2 - 1.0) / n2);
  double d = out->diff, se = nps_diff_ci_test_based_se(&b);
  nps_interval iv;
  if (alt == NPS_ALT_TWO_SIDED) {
    iv = nps_diff_ci_test_based(&b, level);
  } else { /* one-sided bound at level, from the one-sided p */
    double h = nps_z_for_level(2.0 * level - 1.0) * se;
    iv = alt == NPS_ALT_GREATER ? (nps_interval){d - h, 2.0}
                                : (nps_interval){-2.0, d + h};
  }
  /* by construction the interval excludes 0 exactly when p < 1 - level
   * wherever z_p is defined; where it is not (p = 1 with a mean change)
   * the fallback SE decides nothing: the interval holds 0 */
  if (p >= 1.0 - level) {
    iv.lo = fmin(iv.lo, 0.0);
    iv.hi = fmax(iv.hi, 0.0);
  }
  out->ci = (nps_interval){fmax(iv.lo, -2.0), fmin(iv.hi, 2.0)};
  return NPS_OK;
}
