/*
 * paired_validity.c - type-I error and interval coverage of the paired
 * tests of nps-stat compare --paired: the exact sign-flip test (the
 * default, nps_test2_sign_flip, with its test-based interval) and the
 * paired z test (nps_test2_paired).
 *
 * A respondent's change d = after - before, in category steps, lies in
 * {-2, ..., 2}; both tests depend on the answers only through the counts
 * of the five changes, so a truth is a distribution q over them and a
 * sample of n respondents is Multinomial(n, q) over the five.
 *
 *  - n <= --exact-max (default 50): every outcome is enumerated, weighted
 *    by its probability (cells marked (e)); nothing is left out;
 *  - larger n: --trials Monte Carlo samples per cell, each cell with its
 *    own generator seeded from --seed and the cell number.
 *
 * Reported per cell: the rejection rate at alpha = 1 - level of each test
 * (the type-I error where the mean change is 0), and the coverage of the
 * true mean change by each test's interval.
 *
 * With --churn it prints instead the exact type-I error of the sign-flip
 * p (ties counted whole, the default) at n = 5, 10, 20, 30, 50 under
 * nulls in which answers move between categories with NPS unchanged
 * (named ones, then the largest over every mean-0 null on a grid of
 * shares in steps of 1 / --grid, default 20): every outcome enumerated.
 *
 *   paired_validity [--trials N] [--seed S] [--exact-max N] [--level L]
 *   paired_validity --churn [--grid STEPS] [--level L]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "bench_util.h"
#include "nps/test2.h"

typedef struct truth {
  const char *name;
  double q[5]; /* P(d = -2), ..., P(d = +2) */
} truth;

static const truth truths[] = {
    {"sym 5/15/60/15/5", {.05, .15, .60, .15, .05}},
    {"sym 10/25/30/25/10", {.10, .25, .30, .25, .10}},
    {"sym 1/4/90/4/1", {.01, .04, .90, .04, .01}},
    {"skew 0/20/70/0/10", {0, .20, .70, 0, .10}},
    {"skew 5/0/85/10/0", {.05, 0, .85, .10, 0}},
    {"skew 0/30/50/10/10", {0, .30, .50, .10, .10}},
    {"+15 5/15/50/20/10", {.05, .15, .50, .20, .10}},
    {"+30 0/10/60/20/10", {0, .10, .60, .20, .10}},
    {"+54 2/5/50/23/20", {.02, .05, .50, .23, .20}},
};
#define NTRUTHS (sizeof truths / sizeof truths[0])

static const unsigned ns[] = {10, 20, 30, 50, 100, 300, 1000};
#define NNS (sizeof ns / sizeof ns[0])

typedef struct tally {
  double reject[3], cover[2], mass; /* sign-flip p (ties whole), z,
                                       sign-flip mid-p */
} tally;

static double mean_change(const truth *t) {
  double m = 0.0;
  for (int k = 0; k < 5; k++)
    m += (k - 2) * t->q[k];
  return round(m * 1e9) / 1e9; /* the shares are exact to 1e-9: a mean of
                                  0 is 0, not 3e-18 */
}

/* The paired table with c[k] respondents whose change is k - 2. */
static nps_paired table_of(const unsigned c[5]) {
  nps_paired p;
  memset(&p, 0, sizeof p);
  p.count[0][2] = c[0];
  p.count[0][1] = c[1];
  p.count[1][1] = c[2];
  p.count[1][0] = c[3];
  p.count[2][0] = c[4];
  return p;
}

static void score(const unsigned c[5], double w, double mu, double level,
                  tally *t) {
  nps_paired p = table_of(c);
  nps_test2_result r[2];
  if (nps_test2_sign_flip(&p, NPS_ALT_TWO_SIDED, level, &r[0]) != NPS_OK ||
      nps_test2_paired(&p, NPS_ALT_TWO_SIDED, level, &r[1]) != NPS_OK)
    return; /* n < 2 cannot happen here */
  t->mass += w;
  for (int m = 0; m < 2; m++) {
    if (r[m].p < 1.0 - level)
      t->reject[m] += w;
    if (r[m].ci.lo <= mu && mu <= r[m].ci.hi)
      t->cover[m] += w;
  }
  if (r[0].p_mid < 1.0 - level)
    t->reject[2] += w;
}

/* Every outcome of Multinomial(n, q): c[0..4] summing to n. */
static void enumerate(const truth *tr, unsigned n, double level, tally *t) {
  double mu = mean_change(tr), lq[5];
  for (int k = 0; k < 5; k++)
    lq[k] = tr->q[k] > 0 ? log(tr->q[k]) : -INFINITY;
  unsigned c[5];
  for (c[0] = 0; c[0] <= n; c[0]++)
    for (c[1] = 0; c[0] + c[1] <= n; c[1]++)
      for (c[2] = 0; c[0] + c[1] + c[2] <= n; c[2]++)
        for (c[3] = 0; c[0] + c[1] + c[2] + c[3] <= n; c[3]++) {
          c[4] = n - c[0] - c[1] - c[2] - c[3];
          double lw = gsl_sf_lnfact(n);
          for (int k = 0; k < 5; k++) {
            if (c[k] == 0)
              continue;
            lw += c[k] * lq[k] - gsl_sf_lnfact(c[k]);
          }
          double w = exp(lw);
          if (w > 0)
            score(c, w, mu, level, t);
        }
}

static void simulate(const truth *tr, unsigned n, long trials,
                     unsigned long seed, double level, tally *t) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double mu = mean_change(tr);
  for (long i = 0; i < trials; i++) {
    unsigned c[5];
    gsl_ran_multinomial(r, 5, n, tr->q, c);
    score(c, 1.0, mu, level, t);
  }
  gsl_rng_free(r);
}

/* ---- --churn: exact type-I error of the sign-flip p under churn nulls ---- */

/* A null in which answers move between categories and NPS is unchanged:
 * the shares of the five changes d = -2..+2, mean 0. */
static const truth churns[] = {
    {"no change (everyone keeps the category)", {0, 0, 1, 0, 0}},
    {"D<->P 10% each way", {.10, 0, .80, 0, .10}},
    {"D<->P 50% each way", {.50, 0, 0, 0, .50}},
    {"passives churn: A<->P, A<->D 10% each", {0, .20, .60, .20, 0}},
    {"all churn 5/15/60/15/5", {.05, .15, .60, .15, .05}},
    {"all churn 10/25/30/25/10", {.10, .25, .30, .25, .10}},
    {"cycle D->P 10%, P->A 10%, A->D 10%", {0, .20, .70, 0, .10}},
    {"cycle P->D 10%, D->A 10%, A->P 10%", {.10, 0, .70, .20, 0}},
    {"cycle D->P 25%, P->A 25%, A->D 25%", {0, .50, .25, 0, .25}},
};
#define NCHURNS (sizeof churns / sizeof churns[0])

static const unsigned churn_ns[] = {5, 10, 20, 30, 50};
#define NCHURN_NS (sizeof churn_ns / sizeof churn_ns[0])

/* Every outcome c[0..4] of n respondents, with ln(n! / prod c!) and
 * whether p < alpha, for one alternative. */
typedef struct outcomes {
  size_t k;
  unsigned (*c)[5];
  double *lcoef;
  unsigned char *reject[3]; /* two-sided, greater, less: p < alpha */
} outcomes;

static int outcomes_make(unsigned n, double level, outcomes *o) {
  size_t cap = 1;
  for (unsigned i = 1; i <= 4; i++) /* C(n + 4, 4) */
    cap = cap * (n + i) / i;
  o->k = 0;
  o->c = malloc(cap * sizeof *o->c);
  o->lcoef = malloc(cap * sizeof *o->lcoef);
  for (int a = 0; a < 3; a++)
    o->reject[a] = malloc(cap);
  if (!o->c || !o->lcoef || !o->reject[0] || !o->reject[1] || !o->reject[2])
    return -1;
  static const nps_alternative alts[3] = {NPS_ALT_TWO_SIDED, NPS_ALT_GREATER,
                                          NPS_ALT_LESS};
  unsigned c[5];
  for (c[0] = 0; c[0] <= n; c[0]++)
    for (c[1] = 0; c[0] + c[1] <= n; c[1]++)
      for (c[2] = 0; c[0] + c[1] + c[2] <= n; c[2]++)
        for (c[3] = 0; c[0] + c[1] + c[2] + c[3] <= n; c[3]++) {
          c[4] = n - c[0] - c[1] - c[2] - c[3];
          size_t k = o->k++;
          memcpy(o->c[k], c, sizeof c);
          o->lcoef[k] = gsl_sf_lnfact(n);
          for (int j = 0; j < 5; j++)
            o->lcoef[k] -= gsl_sf_lnfact(c[j]);
          nps_paired p = table_of(c);
          for (int a = 0; a < 3; a++) {
            nps_test2_result r;
            o->reject[a][k] =
                nps_test2_sign_flip(&p, alts[a], level, &r) == NPS_OK &&
                r.p < 1.0 - level;
          }
        }
  return 0;
}

static void outcomes_free(outcomes *o) {
  free(o->c);
  free(o->lcoef);
  for (int a = 0; a < 3; a++)
    free(o->reject[a]);
}

/* The exact rejection rate of alternative a under the null q. */
static double churn_rate(const outcomes *o, const double q[5], int a) {
  double lq[5], sum = 0.0;
  for (int j = 0; j < 5; j++)
    lq[j] = q[j] > 0 ? log(q[j]) : -INFINITY;
  for (size_t k = 0; k < o->k; k++) {
    if (!o->reject[a][k])
      continue;
    double lw = o->lcoef[k];
    for (int j = 0; j < 5 && lw > -INFINITY; j++)
      if (o->c[k][j])
        lw += o->c[k][j] * lq[j];
    sum += exp(lw);
  }
  return sum;
}

/* Every null on the grid of shares in steps of 1/step with mean change 0
 * (sym: only those symmetric about 0), but not "nobody changes": the
 * largest rejection rate of alternative a, and where. */
static double churn_max(const outcomes *o, unsigned step, int sym, int a,
                        double arg[5]) {
  double best = 0.0;
  for (unsigned x0 = 0; x0 <= step; x0++)
    for (unsigned x1 = 0; x0 + x1 <= step; x1++)
      for (unsigned x3 = 0; x0 + x1 + x3 <= step; x3++)
        for (unsigned x4 = 0; x0 + x1 + x3 + x4 <= step; x4++) {
          unsigned x2 = step - x0 - x1 - x3 - x4;
          if (x2 == step || 2 * x4 + x3 != 2 * x0 + x1)
            continue;
          if (sym && (x0 != x4 || x1 != x3))
            continue;
          double q[5] = {(double)x0 / step, (double)x1 / step,
                         (double)x2 / step, (double)x3 / step,
                         (double)x4 / step};
          double r = churn_rate(o, q, a);
          if (r > best) {
            best = r;
            memcpy(arg, q, sizeof q);
          }
        }
  return best;
}

static int churn_study(double level, unsigned step) {
  printf(
      "Exact type-I error of the paired sign-flip test (p, ties counted "
      "whole) at\nalpha = %g, in %%, under nulls where answers move between "
      "categories and NPS\nis unchanged: every outcome of the five-cell "
      "multinomial enumerated (no Monte\nCarlo). Shares of d = -2/-1/0/+1/+2 "
      "in %%.\n\n",
      1.0 - level);
  printf("| null | d shares | n | two-sided | greater | less |\n");
  printf("|---|---|---:|---:|---:|---:|\n");
  outcomes o[NCHURN_NS];
  for (size_t j = 0; j < NCHURN_NS; j++)
    if (outcomes_make(churn_ns[j], level, &o[j]) != 0) {
      fputs("out of memory\n", stderr);
      return 1;
    }
  for (size_t i = 0; i < NCHURNS; i++)
    for (size_t j = 0; j < NCHURN_NS; j++) {
      const double *q = churns[i].q;
      printf("| %s | %g/%g/%g/%g/%g | %u | %.2f | %.2f | %.2f |\n",
             churns[i].name, 100 * q[0], 100 * q[1], 100 * q[2], 100 * q[3],
             100 * q[4], churn_ns[j], 100 * churn_rate(&o[j], q, 0),
             100 * churn_rate(&o[j], q, 1), 100 * churn_rate(&o[j], q, 2));
      fflush(stdout);
    }
  printf("\nLargest type-I error over every null on the grid of shares in "
         "steps of 1/%u\nwith mean change 0 (symmetric: d as likely +x as "
         "-x; all: any mean-0 shares),\nand the null that reaches it:\n\n",
         step);
  printf("| n | nulls | two-sided max | at | greater max | at |\n");
  printf("|---:|---|---:|---|---:|---|\n");
  for (size_t j = 0; j < NCHURN_NS; j++)
    for (int sym = 1; sym >= 0; sym--) {
      double q2[5] = {0}, q1[5] = {0};
      double m2 = churn_max(&o[j], step, sym, 0, q2);
      double m1 = churn_max(&o[j], step, sym, 1, q1);
      char at2[160] = "-", at1[160] = "-"; /* "-": no null rejects at all */
      if (m2 > 0)
        snprintf(at2, sizeof at2, "%g/%g/%g/%g/%g", 100 * q2[0], 100 * q2[1],
                 100 * q2[2], 100 * q2[3], 100 * q2[4]);
      if (m1 > 0)
        snprintf(at1, sizeof at1, "%g/%g/%g/%g/%g", 100 * q1[0], 100 * q1[1],
                 100 * q1[2], 100 * q1[3], 100 * q1[4]);
      printf("| %u | %s | %.2f | %s | %.2f | %s |\n", churn_ns[j],
             sym ? "symmetric" : "all", 100 * m2, at2, 100 * m1, at1);
      fflush(stdout);
    }
  for (size_t j = 0; j < NCHURN_NS; j++)
    outcomes_free(&o[j]);
  return 0;
}

static int usage(void) {
  fputs("usage: paired_validity [--trials N] [--seed S] [--exact-max N] "
        "[--level L]\n       paired_validity --churn [--grid STEPS] "
        "[--level L]\n",
        stderr);
  return 2;
}

int main(int argc, char **argv) {
  double trials = 20000, seed = 20261204, exact_max = 50, level = 0.95;
  double grid = 20;
  int churn = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--churn")) {
      churn = 1;
      continue;
    }
    double *dst = !strcmp(argv[i], "--trials")      ? &trials
                  : !strcmp(argv[i], "--grid")      ? &grid
                  : !strcmp(argv[i], "--seed")      ? &seed
                  : !strcmp(argv[i], "--exact-max") ? &exact_max
                  : !strcmp(argv[i], "--level")     ? &level
                                                    : NULL;
    double hi = dst == &level ? 0.999 : 1e12;
    if (!dst || i + 1 >= argc || bench_parse_number(argv[++i], 0, hi, dst))
      return usage();
  }
  gsl_set_error_handler_off();
  if (churn) {
    double t0 = bench_now();
    int rc = grid >= 2 ? churn_study(level, (unsigned)grid) : usage();
    fprintf(stderr, "%.1f s\n", bench_now() - t0);
    return rc;
  }
  printf("Paired tests of nps-stat compare --paired: rejection rate at "
         "alpha = %g and\ncoverage of the true mean change at %g%%, in %%. "
         "(e) exact enumeration, else %.0f\nMonte Carlo samples per cell "
         "(seed %.0f; MC SE about 0.15 points at 5%%).\n\n",
         1.0 - level, 100.0 * level, trials, seed);
  printf("| truth (%% d = -2/-1/0/+1/+2) | mean | n | reject sign-flip "
         "p | reject z | reject sign-flip mid-p | cover sign-flip | "
         "cover z |\n");
  printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  double t0 = bench_now();
  for (size_t i = 0; i < NTRUTHS; i++)
    for (size_t j = 0; j < NNS; j++) {
      tally t;
      memset(&t, 0, sizeof t);
      int exact = ns[j] <= exact_max;
      if (exact)
        enumerate(&truths[i], ns[j], level, &t);
      else
        simulate(&truths[i], ns[j], (long)trials,
                 (unsigned long)seed * 1000 + i * NNS + j, level, &t);
      double m = t.mass;
      printf("| %s | %+.2f | %u%s | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
             truths[i].name, mean_change(&truths[i]), ns[j],
             exact ? " (e)" : "", 100 * t.reject[0] / m, 100 * t.reject[1] / m,
             100 * t.reject[2] / m, 100 * t.cover[0] / m, 100 * t.cover[1] / m);
      fflush(stdout);
    }
  fprintf(stderr, "%.1f s\n", bench_now() - t0);
  return 0;
}
