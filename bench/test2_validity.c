/*
 * test2_validity.c - type-I error and power of every two-sample test.
 *
 * Under the null both groups are drawn from the same category shares
 * (three distributions, one extreme), for group sizes 30/30, 100/100,
 * 1000/1000 and 100/1000. Each test is run as a caller gets it, through
 * nps_test2_compute (so Wald and the bootstrap fall back to adjusted Wald
 * when both groups are one-category), two-sided, and rejects when
 * p <= alpha. The bootstrap contributes three p-values from the same
 * replicates: the reported p (the percentile interval inverted by
 * bisection), BCa inversion and the shifted null (nps_test2_result.p,
 * p_bca, p_shift); the permutation test
 * three from one enumeration: the studentized statistic with ties counted
 * whole (p_conservative) and one half (p, the mid-p), and the raw
 * difference (p_diff). Extra null cells have equal NPS
 * but different distributions, a null that exchangeability does not cover.
 *
 *  - Wald and adjusted Wald: exact, by enumerating every pair of group
 *    outcomes whose probabilities are each at least 1e-12, when there are
 *    at most 6e8 such pairs (every cell here); the mass left out is
 *    printed. Otherwise Monte Carlo with the other tests.
 *  - bootstrap and permutation: Monte Carlo, --trials samples; the
 *    bootstrap uses --boot replicates, the permutation test its default
 *    enumeration limit (every cell here is enumerated exactly).
 * Power: group 1 is the distribution shifted by Delta = 5, 10, 20 points
 * (nps_power_shift: detractors become promoters first), group 2 the
 * distribution itself; --power-trials samples per cell, next to the
 * normal-approximation power nps_power_achieved predicts.
 *
 * Each cell has its own generator, seeded with seed * 1000 + cell index,
 * so a cell's numbers do not depend on which other cells run.
 *
 *   test2_validity [--trials N] [--power-trials N] [--boot B] [--seed S]
 *                  [--alpha A] [--no-power] [--quick]
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "nps/nps.h"

#include "bench_util.h"

enum { T_WALD, T_AW, T_PCT, T_BCA, T_SHIFT, T_PERM, T_MID, T_DIFF, NT };

static const char *const test_names[NT] = {
    "wald",       "adjusted-wald", "boot pct",   "boot BCa",
    "boot shift", "perm z",        "perm z mid", "perm diff"};

typedef struct dist {
  const char *name;
  double p, a, d;
} dist;

static const dist dists[] = {{"(.5, .3, .2)", .5, .3, .2},
                             {"(.3, .4, .3)", .3, .4, .3},
                             {"(.9, .08, .02)", .9, .08, .02}};
#define NDISTS (sizeof dists / sizeof dists[0])

static const unsigned sizes[][2] = {
    {30, 30}, {100, 100}, {1000, 1000}, {100, 1000}};
#define NSIZES (sizeof sizes / sizeof sizes[0])

/* Equal NPS (0.3), different distributions: a null of equal NPS that the
 * permutation test's exchangeability does not cover. */
static const dist unequal[][2] = {
    {{"(.6, .1, .3)", .6, .1, .3}, {"(.35, .6, .05)", .35, .6, .05}},
    {{"(.5, .3, .2)", .5, .3, .2}, {"(.4, .5, .1)", .4, .5, .1}}};
#define NUNEQUAL (sizeof unequal / sizeof unequal[0])

static const unsigned unequal_sizes[][2] = {
    {100, 100}, {100, 1000}, {1000, 100}};
#define NUNEQUAL_SIZES (sizeof unequal_sizes / sizeof unequal_sizes[0])

static const double deltas[] = {0.05, 0.10, 0.20};
#define NDELTAS (sizeof deltas / sizeof deltas[0])

#define MIN_PROB  1e-12
#define MAX_PAIRS 6e8

typedef struct options {
  long trials, power_trials;
  size_t boot;
  unsigned long seed;
  double alpha;
  int power;
} options;

/* ---- running the tests on one pair of samples -------------------------- */

typedef struct runner {
  const options *opt;
  gsl_rng *r;
  double *work; /* bootstrap replicates */
  long failures;
} runner;

static double p_of(runner *u, const nps_counts *a, const nps_counts *b,
                   nps_test2_method m, nps_test2_result *res) {
  nps_test2_request req = {
      m, NPS_ALT_TWO_SIDED, 0.95, u->opt->boot, 0, u->r, u->work};
  nps_status st = nps_test2_compute(a, b, &req, res);
  if (st != NPS_OK) {
    u->failures++;
    return NAN;
  }
  return res->p;
}

/* Rejections (0/1) of the two z tests. */
static void z_tests(runner *u, const nps_counts *a, const nps_counts *b,
                    double rej[NT]) {
  nps_test2_result res;
  rej[T_WALD] = p_of(u, a, b, NPS_TEST2_WALD, &res) <= u->opt->alpha;
  rej[T_AW] = p_of(u, a, b, NPS_TEST2_ADJUSTED_WALD, &res) <= u->opt->alpha;
}

/* Rejections of the bootstrap variants and the permutation test. */
static void resampling_tests(runner *u, const nps_counts *a,
                             const nps_counts *b, double rej[NT]) {
  nps_test2_result res;
  double alpha = u->opt->alpha;
  double p = p_of(u, a, b, NPS_TEST2_BOOTSTRAP, &res);
  int boot = res.method == NPS_TEST2_BOOTSTRAP;
  rej[T_PCT] =
      p <= alpha; /* the reported p: the percentile interval inverted */
  rej[T_BCA] = (boot ? res.p_bca : p) <= alpha;
  rej[T_SHIFT] = (boot ? res.p_shift : p) <= alpha;
  rej[T_MID] = p_of(u, a, b, NPS_TEST2_PERMUTATION, &res) <= alpha;
  rej[T_PERM] = res.p_conservative <= alpha;
  rej[T_DIFF] = res.p_diff <= alpha;
}

static nps_counts draw(gsl_rng *r, unsigned n, const double probs[3]) {
  unsigned k[3];
  gsl_ran_multinomial(r, 3, n, probs, k);
  return (nps_counts){k[0], k[1], k[2]};
}

/* ---- exact enumeration for the z tests ------------------------------- */

typedef struct outcome {
  nps_counts c;
  double w;
} outcome;

/* Outcomes of Multinomial(n, probs) with probability >= MIN_PROB. */
static outcome *outcomes(unsigned n, const double probs[3], size_t *len,
                         double *mass) {
  size_t cap = 1024, k = 0;
  outcome *v = malloc(cap * sizeof *v);
  *mass = 0.0;
  for (unsigned p = 0; v && p <= n; p++) {
    for (unsigned d = 0; d + p <= n; d++) {
      unsigned a = n - p - d;
      double lw = gsl_sf_lnfact(n) - gsl_sf_lnfact(p) - gsl_sf_lnfact(a) -
                  gsl_sf_lnfact(d) + p * log(probs[0]) + a * log(probs[1]) +
                  d * log(probs[2]);
      if (lw < log(MIN_PROB))
        continue;
      if (k == cap) {
        outcome *t = realloc(v, 2 * cap * sizeof *v);
        if (!t) {
          free(v);
          return NULL;
        }
        v = t;
        cap *= 2;
      }
      v[k++] = (outcome){{p, a, d}, exp(lw)};
      *mass += exp(lw);
    }
  }
  *len = k;
  return v;
}

/* Exact rejection rates of the z tests; returns 0 when too many pairs. */
static int z_exact(runner *u, unsigned n1, unsigned n2, const double pr[3],
                   double rate[NT], double *mass) {
  size_t l1, l2;
  double m1, m2;
  outcome *o1 = outcomes(n1, pr, &l1, &m1), *o2 = outcomes(n2, pr, &l2, &m2);
  int ok = o1 && o2 && (double)l1 * (double)l2 <= MAX_PAIRS;
  if (ok) {
    for (size_t i = 0; i < l1; i++) {
      for (size_t j = 0; j < l2; j++) {
        double rej[NT], w = o1[i].w * o2[j].w;
        z_tests(u, &o1[i].c, &o2[j].c, rej);
        rate[T_WALD] += w * rej[T_WALD];
        rate[T_AW] += w * rej[T_AW];
      }
    }
    rate[T_WALD] /= m1 * m2;
    rate[T_AW] /= m1 * m2;
    *mass = m1 * m2;
  }
  free(o1);
  free(o2);
  return ok;
}

/* ---- cells ------------------------------------------------------------ */

typedef struct cell {
  const dist *dist;  /* group 2, and group 1 before the shift */
  const dist *dist1; /* group 1 when it differs beyond a shift, or NULL */
  unsigned n1, n2;
  double delta; /* 0 under the null */
  double rate[NT];
  int exact_z;      /* z tests enumerated */
  double mass;      /* probability enumerated for the z tests */
  double predicted; /* nps_power_achieved, power cells */
  long trials, failures;
  double seconds;
} cell;

static int run_cell(const options *opt, cell *c, unsigned long seed) {
  double t0 = bench_now();
  const double p2[3] = {c->dist->p, c->dist->a, c->dist->d};
  const dist *d1 = c->dist1 ? c->dist1 : c->dist;
  nps_shares s1 = {d1->p, d1->a, d1->d};
  if (c->delta != 0.0 && nps_power_shift(&s1, c->delta, &s1) != NPS_OK)
    return -1;
  runner u = {opt, gsl_rng_alloc(gsl_rng_mt19937),
              malloc(opt->boot * sizeof(double)), 0};
  if (!u.r || !u.work) {
    free(u.work);
    if (u.r)
      gsl_rng_free(u.r);
    return -1;
  }
  gsl_rng_set(u.r, seed);
  const double p1[3] = {s1.promoters, s1.passives, s1.detractors};
  c->exact_z = c->delta == 0.0 && !c->dist1 &&
               z_exact(&u, c->n1, c->n2, p2, c->rate, &c->mass);
  double count[NT] = {0};
  for (long i = 0; i < c->trials; i++) {
    nps_counts a = draw(u.r, c->n1, p1), b = draw(u.r, c->n2, p2);
    double rej[NT];
    if (!c->exact_z)
      z_tests(&u, &a, &b, rej);
    resampling_tests(&u, &a, &b, rej);
    for (int t = c->exact_z ? T_PCT : 0; t < NT; t++)
      count[t] += rej[t];
  }
  for (int t = c->exact_z ? T_PCT : 0; t < NT; t++)
    c->rate[t] = count[t] / (double)c->trials;
  if (c->delta != 0.0) {
    double v1, v2;
    nps_shares s2 = {p2[0], p2[1], p2[2]};
    (void)nps_power_variance(&s1, &v1, NULL);
    (void)nps_power_variance(&s2, &v2, NULL);
    (void)nps_power_achieved(v1, c->n1, v2, c->n2, c->delta, opt->alpha, 2,
                             &c->predicted);
  }
  c->failures = u.failures;
  free(u.work);
  gsl_rng_free(u.r);
  c->seconds = bench_now() - t0;
  return 0;
}

/* ---- output ----------------------------------------------------------- */

static void print_type1(const options *opt, const cell *cells, size_t k) {
  printf("### Type-I error (%%) at alpha = %g, two-sided\n\n", opt->alpha);
  printf("| distribution | n1 | n2 |");
  for (int t = 0; t < NT; t++)
    printf(" %s |", test_names[t]);
  printf("\n|---|---:|---:|");
  for (int t = 0; t < NT; t++)
    printf("---:|");
  printf("\n");
  for (size_t i = 0; i < k; i++) {
    const cell *c = &cells[i];
    if (c->dist1)
      printf("| %s vs %s | %u | %u |", c->dist1->name, c->dist->name, c->n1,
             c->n2);
    else
      printf("| %s | %u | %u |", c->dist->name, c->n1, c->n2);
    for (int t = 0; t < NT; t++)
      printf(" %.2f%s |", 100.0 * c->rate[t],
             t <= T_AW && c->exact_z ? " (e)" : "");
    printf("\n");
  }
  double se = 100.0 * sqrt(opt->alpha * (1 - opt->alpha) / (double)opt->trials);
  double mass = 1.0;
  for (size_t i = 0; i < k; i++)
    if (cells[i].exact_z)
      mass = fmin(mass, cells[i].mass);
  printf("\n(e) exact enumeration (probability mass enumerated >= %.9f); "
         "other entries Monte Carlo over %ld samples, standard error "
         "%.2f points at the nominal rate. Bootstrap B = %zu.\n\n",
         mass, opt->trials, se, opt->boot);
}

/* Worst departure from alpha per test, over all cells and over n >= 100. */
static void print_summary(const options *opt, const cell *cells, size_t k) {
  printf("Same distribution in both groups:\n\n"
         "| test | max abs(error), all cells | max abs(error), n >= 100 | "
         "range, n >= 100 |\n|---|---:|---:|---|\n");
  for (int t = 0; t < NT; t++) {
    double all = 0, big = 0, lo = 1, hi = 0;
    for (size_t i = 0; i < k; i++) {
      if (cells[i].dist1)
        continue;
      double e = fabs(cells[i].rate[t] - opt->alpha);
      all = fmax(all, e);
      if (cells[i].n1 >= 100 && cells[i].n2 >= 100) {
        big = fmax(big, e);
        lo = fmin(lo, cells[i].rate[t]);
        hi = fmax(hi, cells[i].rate[t]);
      }
    }
    printf("| %s | %.2f | %.2f | %.2f-%.2f%% |\n", test_names[t], 100 * all,
           100 * big, 100 * lo, 100 * hi);
  }
  printf("\n");
}

static void print_power(const options *opt, const cell *cells, size_t k) {
  printf("### Power (%%) at alpha = %g, two-sided, %ld samples per cell\n\n",
         opt->alpha, opt->power_trials);
  printf("| distribution (group 2) | n1 | n2 | Delta | predicted |");
  for (int t = 0; t < NT; t++)
    printf(" %s |", test_names[t]);
  printf("\n|---|---:|---:|---:|---:|");
  for (int t = 0; t < NT; t++)
    printf("---:|");
  printf("\n");
  for (size_t i = 0; i < k; i++) {
    const cell *c = &cells[i];
    printf("| %s | %u | %u | %.0f | %.1f |", c->dist->name, c->n1, c->n2,
           100 * c->delta, 100 * c->predicted);
    for (int t = 0; t < NT; t++)
      printf(" %.1f |", 100.0 * c->rate[t]);
    printf("\n");
  }
  printf("\n");
}

/* ---- options and main ------------------------------------------------- */

static void usage(FILE *f) {
  fprintf(f, "usage: test2_validity [--trials N] [--power-trials N] "
             "[--boot B] [--seed S] [--alpha A] [--no-power] [--quick]\n");
}

static int parse_options(int argc, char **argv, options *opt) {
  static const struct option longs[] = {
      {"trials", required_argument, NULL, 't'},
      {"power-trials", required_argument, NULL, 'p'},
      {"boot", required_argument, NULL, 'b'},
      {"seed", required_argument, NULL, 's'},
      {"alpha", required_argument, NULL, 'a'},
      {"no-power", no_argument, NULL, 'n'},
      {"quick", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  double v;
  int ch;
  while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
    if (ch == 'h') {
      usage(stdout);
      exit(0);
    }
    if (ch == 'n' || ch == 'q') {
      if (ch == 'n')
        opt->power = 0;
      else
        *opt = (options){500, 200, 200, opt->seed, opt->alpha, opt->power};
      continue;
    }
    if (ch == '?' || bench_parse_number(optarg, 0, 4294967295.0, &v))
      return -1;
    if (ch == 't')
      opt->trials = (long)v;
    else if (ch == 'p')
      opt->power_trials = (long)v;
    else if (ch == 'b')
      opt->boot = (size_t)v;
    else if (ch == 's')
      opt->seed = (unsigned long)v;
    else if (ch == 'a')
      opt->alpha = v;
  }
  if (optind != argc || opt->trials < 1 || opt->power_trials < 1 ||
      opt->boot < 2 || !(opt->alpha > 0 && opt->alpha < 1))
    return -1;
  return 0;
}

int main(int argc, char **argv) {
  gsl_set_error_handler_off();
  options opt = {10000, 2000, 2000, 20240611, 0.05, 1};
  if (parse_options(argc, argv, &opt)) {
    usage(stderr);
    return 2;
  }
  cell null[NDISTS * NSIZES + NUNEQUAL * NUNEQUAL_SIZES];
  cell alt[NDISTS * NSIZES * NDELTAS];
  size_t nn = 0, na = 0;
  for (size_t d = 0; d < NDISTS; d++)
    for (size_t s = 0; s < NSIZES; s++)
      null[nn++] = (cell){.dist = &dists[d],
                          .n1 = sizes[s][0],
                          .n2 = sizes[s][1],
                          .trials = opt.trials};
  for (size_t d = 0; d < NUNEQUAL; d++)
    for (size_t s = 0; s < NUNEQUAL_SIZES; s++)
      null[nn++] = (cell){.dist = &unequal[d][1],
                          .dist1 = &unequal[d][0],
                          .n1 = unequal_sizes[s][0],
                          .n2 = unequal_sizes[s][1],
                          .trials = opt.trials};
  double t0 = bench_now();
  for (size_t i = 0; i < nn; i++) {
    if (run_cell(&opt, &null[i], opt.seed * 1000 + i)) {
      fprintf(stderr, "test2_validity: out of memory\n");
      return 1;
    }
    fprintf(stderr, "null %zu %s %u/%u: %.1f s, %ld failed calls\n", i,
            null[i].dist->name, null[i].n1, null[i].n2, null[i].seconds,
            null[i].failures);
  }
  printf("test2_validity --trials %ld --power-trials %ld --boot %zu --seed "
         "%lu --alpha %g\n\n",
         opt.trials, opt.power_trials, opt.boot, opt.seed, opt.alpha);
  print_type1(&opt, null, nn);
  print_summary(&opt, null, nn);
  for (size_t d = 0; opt.power && d < NDISTS; d++) {
    for (size_t s = 0; s < NSIZES; s++) {
      for (size_t k = 0; k < NDELTAS; k++) {
        nps_shares b = {dists[d].p, dists[d].a, dists[d].d}, x;
        if (nps_power_shift(&b, deltas[k], &x) != NPS_OK)
          continue; /* not reachable from this distribution */
        alt[na] = (cell){.dist = &dists[d],
                         .n1 = sizes[s][0],
                         .n2 = sizes[s][1],
                         .delta = deltas[k],
                         .trials = opt.power_trials};
        if (run_cell(&opt, &alt[na], opt.seed * 1000 + 100 + na)) {
          fprintf(stderr, "test2_validity: out of memory\n");
          return 1;
        }
        fprintf(stderr, "power %s %u/%u %.2f: %.1f s\n", dists[d].name,
                sizes[s][0], sizes[s][1], deltas[k], alt[na].seconds);
        na++;
      }
    }
  }
  if (na)
    print_power(&opt, alt, na);
  printf("total %.0f s\n", bench_now() - t0);
  return 0;
}
