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
 *   paired_validity [--trials N] [--seed S] [--exact-max N] [--level L]
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
  double reject[3], cover[2], mass; /* sign-flip mid-p, z, sign-flip exact */
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
  if (r[0].p_conservative < 1.0 - level)
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

static int usage(void) {
  fputs("usage: paired_validity [--trials N] [--seed S] [--exact-max N] "
        "[--level L]\n",
        stderr);
  return 2;
}

int main(int argc, char **argv) {
  double trials = 20000, seed = 20261204, exact_max = 50, level = 0.95;
  for (int i = 1; i < argc; i++) {
    double *dst = !strcmp(argv[i], "--trials")      ? &trials
                  : !strcmp(argv[i], "--seed")      ? &seed
                  : !strcmp(argv[i], "--exact-max") ? &exact_max
                  : !strcmp(argv[i], "--level")     ? &level
                                                    : NULL;
    double hi = dst == &level ? 0.999 : 1e12;
    if (!dst || i + 1 >= argc || bench_parse_number(argv[++i], 0, hi, dst))
      return usage();
  }
  gsl_set_error_handler_off();
  printf("Paired tests of nps-stat compare --paired: rejection rate at "
         "alpha = %g and\ncoverage of the true mean change at %g%%, in %%. "
         "(e) exact enumeration, else %.0f\nMonte Carlo samples per cell "
         "(seed %.0f; MC SE about 0.15 points at 5%%).\n\n",
         1.0 - level, 100.0 * level, trials, seed);
  printf("| truth (%% d = -2/-1/0/+1/+2) | mean | n | reject sign-flip "
         "mid-p | reject z | reject sign-flip exact | cover sign-flip | "
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
