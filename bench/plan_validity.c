/*
 * plan_validity.c - does `nps-stat plan`'s sample size reach its power with
 * the test compare actually runs, wherever the change comes from?
 *
 * The plan sizes are normal-approximation sizes for a z test of the
 * difference (nps_plan_run, docs/methods.md "Planning"); compare's default
 * test is the studentized permutation test (NPS_TEST2_DEFAULT). For each
 * baseline - 50/30/20, 30/40/30, 70/20/10, 20/30/50, 40/50/10, 60/10/30 -
 * and rise - 5, 10 and 20 points - this program plans equal arms for 80%
 * power at alpha 0.05 two-sided with the default shift (NPS_SHIFT_ANY, the
 * source that needs the most answers), then, for each true source of the
 * rise - detractors, passives, both (half from each) and passives first
 * (only where passives alone cannot supply the rise) - draws --trials
 * pairs of samples of exactly those sizes, the baseline arm from the
 * baseline and the other from the baseline moved by that source
 * (nps_power_shift_from), and runs nps_test2_compute with
 * NPS_TEST2_DEFAULT as compare does (exact enumeration or, above its table
 * limit, Monte Carlo permutations, --draws of them). A source that cannot
 * supply the rise is reported as such. The achieved power is the share of
 * p <= alpha, with its Monte Carlo standard error sqrt(p (1 - p) /
 * trials), next to the z test's predicted power at the planned sizes for
 * that source.
 *
 * Each cell has its own generator, seeded with seed * 1000 + cell index,
 * so a cell's numbers do not depend on which other cells run.
 *
 *   plan_validity [--trials N] [--draws B] [--seed S] [--cells LIST]
 *
 * --draws 0 (the default) keeps the library's default number of Monte
 * Carlo permutations (NPS_TEST2_DEFAULT_DRAWS); --cells takes cell
 * indices 0..71 (e.g. 0,1,2) to run a subset.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "nps/nps.h"

#include "bench_util.h"

typedef struct dist {
  const char *name;
  double p, a, d;
} dist;

static const dist dists[] = {
    {"50/30/20", .5, .3, .2}, {"30/40/30", .3, .4, .3},
    {"70/20/10", .7, .2, .1}, {"20/30/50", .2, .3, .5},
    {"40/50/10", .4, .5, .1}, {"60/10/30", .6, .1, .3}};
static const double diffs[] = {0.05, 0.10, 0.20};
static const nps_shift_source sources[] = {NPS_SHIFT_DETRACTORS,
                                           NPS_SHIFT_PASSIVES, NPS_SHIFT_BOTH,
                                           NPS_SHIFT_PASSIVES_FIRST};
static const char *const source_names[] = {"detractors", "passives", "both",
                                           "passives first"};
#define NDISTS   (sizeof dists / sizeof dists[0])
#define NDIFFS   (sizeof diffs / sizeof diffs[0])
#define NSOURCES (sizeof sources / sizeof sources[0])
#define NCELLS   (NDISTS * NDIFFS * NSOURCES)

#define ALPHA 0.05

typedef struct config {
  size_t trials;
  size_t draws;
  unsigned long seed;
  int run[NCELLS];
} config;

static void draw(gsl_rng *r, const nps_shares *s, unsigned n, nps_counts *c) {
  double p[3] = {s->promoters, s->passives, s->detractors};
  unsigned k[3];
  gsl_ran_multinomial(r, 3, n, p, k);
  *c = (nps_counts){k[0], k[1], k[2]};
}

static const char *plan_source(nps_shift_source s) {
  for (size_t i = 0; i < NSOURCES; i++)
    if (sources[i] == s)
      return source_names[i];
  return "?";
}

static int run_cell(const config *cf, size_t cell) {
  const dist *ds = &dists[cell / (NDIFFS * NSOURCES)];
  double delta = diffs[(cell / NSOURCES) % NDIFFS];
  size_t k = cell % NSOURCES;
  nps_plan_options o;
  nps_plan_options_init(&o);
  o.baseline = (nps_shares){ds->p, ds->a, ds->d};
  o.diff = delta;
  nps_shares truth;
  if (sources[k] == NPS_SHIFT_PASSIVES_FIRST && ds->a >= delta)
    return 0; /* the same as passives */
  if (nps_power_shift_from(&o.baseline, delta, sources[k], &truth) != NPS_OK) {
    printf("| %2zu | %s | %2.0f | %s | cannot supply the rise |||||||\n", cell,
           ds->name, 100 * delta, source_names[k]);
    return 0;
  }
  nps_plan *plan = NULL;
  if (nps_plan_run(&o, &plan, NULL) != NPS_OK)
    return -1;
  unsigned n1 = (unsigned)plan->n1_planned, n2 = (unsigned)plan->n2_planned;
  double v1 = plan->baseline.var, v2, predicted = NAN;
  if (nps_power_variance(&truth, &v2, NULL) == NPS_OK)
    nps_power_achieved(v1, n1, v2, n2, delta, ALPHA, 2, &predicted);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (!r) {
    nps_plan_free(plan);
    return -1;
  }
  gsl_rng_set(r, cf->seed * 1000 + cell);
  nps_test2_request req = {
      NPS_TEST2_DEFAULT, NPS_ALT_TWO_SIDED, 1.0 - ALPHA, cf->draws, 0, r, NULL};
  size_t reject = 0, exact = 0;
  double t0 = bench_now();
  for (size_t t = 0; t < cf->trials; t++) {
    nps_counts base, moved;
    draw(r, &plan->baseline.shares, n1, &base);
    draw(r, &truth, n2, &moved);
    nps_test2_result res;
    if (nps_test2_compute(&moved, &base, &req, &res) != NPS_OK)
      continue;
    reject += res.p <= ALPHA;
    exact += (size_t)res.exact;
  }
  double pw = (double)reject / (double)cf->trials;
  double se = sqrt(pw * (1.0 - pw) / (double)cf->trials);
  printf("| %2zu | %s | %2.0f | %s | %5u | %s | %.1f | %.1f ± %.1f | "
         "%+.1f | %zu/%zu | %.0f s |\n",
         cell, ds->name, 100 * delta, source_names[k], n1,
         plan_source(plan->shift_used), 100 * predicted, 100 * pw, 100 * se,
         100 * (pw - 0.8), exact, cf->trials, bench_now() - t0);
  fflush(stdout);
  gsl_rng_free(r);
  nps_plan_free(plan);
  return 0;
}

static int parse_cells(config *cf, const char *arg) {
  memset(cf->run, 0, sizeof cf->run);
  char *copy = strdup(arg), *save = NULL;
  if (!copy)
    return -1;
  for (char *tok = strtok_r(copy, ",", &save); tok;
       tok = strtok_r(NULL, ",", &save)) {
    double v;
    if (bench_parse_number(tok, 0, NCELLS - 1, &v) || v != floor(v)) {
      free(copy);
      return -1;
    }
    cf->run[(size_t)v] = 1;
  }
  free(copy);
  return 0;
}

static int parse(int argc, char **argv, config *cf) {
  static const struct option opts[] = {{"trials", 1, 0, 't'},
                                       {"draws", 1, 0, 'b'},
                                       {"seed", 1, 0, 's'},
                                       {"cells", 1, 0, 'c'},
                                       {0, 0, 0, 0}};
  int c;
  double v;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (c == 'c') {
      if (parse_cells(cf, optarg))
        return -1;
      continue;
    }
    if (c == '?' || bench_parse_number(optarg, 0, 1e9, &v))
      return -1;
    if (c == 't')
      cf->trials = (size_t)v;
    else if (c == 'b')
      cf->draws = (size_t)v;
    else
      cf->seed = (unsigned long)v;
  }
  return cf->trials ? 0 : -1;
}

int main(int argc, char **argv) {
  gsl_set_error_handler_off();
  config cf = {.trials = 2000, .draws = 0, .seed = 20240601UL};
  for (size_t i = 0; i < NCELLS; i++)
    cf.run[i] = 1;
  if (parse(argc, argv, &cf)) {
    fprintf(stderr, "usage: plan_validity [--trials N] [--draws B] "
                    "[--seed S] [--cells I,J,...]\n");
    return 2;
  }
  printf("Power of the default two-sample test (%s) at the plan's sizes "
         "(default shift: any) for 80%% power, alpha %.2f two-sided, equal "
         "arms, the rise drawn from each source; %zu trials per cell, %zu "
         "Monte Carlo permutations when not enumerated, seed %lu.\n\n",
         nps_test2_method_label(NPS_TEST2_DEFAULT), ALPHA, cf.trials,
         cf.draws ? cf.draws : (size_t)NPS_TEST2_DEFAULT_DRAWS, cf.seed);
  printf("| cell | baseline | Δ | true source | n per arm | planned for | "
         "z-test power %% | achieved %% ± MC SE | vs 80 | exact | time |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < NCELLS; i++)
    if (cf.run[i] && run_cell(&cf, i))
      fprintf(stderr, "plan_validity: cell %zu failed\n", i);
  return 0;
}
