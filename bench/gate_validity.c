/*
 * gate_validity.c - how often `nps-stat compare --by COL --fail-if
 * significant` fires when nothing changed, with the gate's family (the
 * overall comparison and every segment, nps_compare_gate) and with the
 * rule it replaces (the overall verdict unadjusted, or any segment's
 * Holm-adjusted verdict).
 *
 * Each trial draws two samples with the same k segments of n answers each,
 * segment i from the same truth in both samples (the truths differ between
 * segments, as channels do), runs nps_compare_run with the command's
 * defaults (permutation test, BCa interval of the difference, Holm) and
 * counts the trials in which each rule fires. Monte Carlo throughout;
 * each cell has its own generator seeded from --seed and the cell number.
 *
 *   gate_validity [--trials N] [--seed S] [--boot B]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "bench_util.h"
#include "nps/compare.h"

/* Promoters, passives, detractors of segment i (cycled). */
static const double truths[][3] = {
    {.40, .30, .30}, {.60, .25, .15}, {.20, .30, .50}, {.50, .30, .20}};
#define NTRUTHS (sizeof truths / sizeof truths[0])

static const size_t ks[] = {3, 5};
static const unsigned ns[] = {50, 200};

static int fill(nps_table *t, size_t k, unsigned n, gsl_rng *r) {
  for (size_t i = 0; i < k; i++) {
    char key[24];
    snprintf(key, sizeof key, "s%zu", i);
    unsigned c[3];
    gsl_ran_multinomial(r, 3, n, truths[i % NTRUTHS], c);
    static const int score[3] = {9, 7, 3};
    for (int j = 0; j < 3; j++)
      if (c[j] && nps_table_add(t, key, strlen(key), score[j], c[j]) != NPS_OK)
        return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  double trials = 2000, seed = 20261204, boot = 2000;
  for (int i = 1; i < argc; i++) {
    double *dst = !strcmp(argv[i], "--trials") ? &trials
                  : !strcmp(argv[i], "--seed") ? &seed
                  : !strcmp(argv[i], "--boot") ? &boot
                                               : NULL;
    if (!dst || i + 1 >= argc || bench_parse_number(argv[++i], 2, 1e12, dst)) {
      fputs("usage: gate_validity [--trials N] [--seed S] [--boot B]\n",
            stderr);
      return 2;
    }
  }
  printf("False alarms of compare --by --fail-if significant when no "
         "segment changed,\n%.0f trials per cell (seed %.0f, B = %.0f), in %% "
         "with the Monte Carlo SE\n\n",
         trials, seed, boot);
  printf("| segments | n per segment and sample | family gate | old rule | "
         "overall alone |\n|---:|---:|---:|---:|---:|\n");
  double t0 = bench_now();
  size_t cell = 0;
  for (size_t a = 0; a < sizeof ks / sizeof ks[0]; a++)
    for (size_t b = 0; b < sizeof ns / sizeof ns[0]; b++, cell++) {
      gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
      gsl_rng_set(r, (unsigned long)seed * 1000 + cell);
      double fired[3] = {0, 0, 0};
      for (long i = 0; i < (long)trials; i++) {
        nps_table *t[2] = {nps_table_new(0), nps_table_new(0)};
        if (!t[0] || !t[1] || fill(t[0], ks[a], ns[b], r) ||
            fill(t[1], ks[a], ns[b], r))
          return 1;
        nps_compare_options o;
        nps_compare_options_init(&o);
        o.by_segment = 1;
        o.replicates = (size_t)boot;
        o.seed = (unsigned long)i;
        nps_compare *c;
        nps_gate g;
        if (nps_compare_run((const nps_table *const *)t, &o, &c, NULL) !=
                NPS_OK ||
            nps_compare_gate(c, NPS_GATE_SIGNIFICANT, &g) != NPS_OK)
          return 1;
        int old = 0;
        for (size_t j = 0; j < c->n_rows; j++)
          old |= c->rows[j].verdict.significant;
        fired[0] += g.fires;
        fired[1] += old;
        fired[2] += nps_compare_overall(c)->verdict.significant;
        nps_compare_free(c);
        nps_table_free(t[0]);
        nps_table_free(t[1]);
      }
      printf("| %zu | %u |", ks[a], ns[b]);
      for (int m = 0; m < 3; m++) {
        double p = fired[m] / trials;
        printf(" %.2f ± %.2f |", 100 * p, 100 * sqrt(p * (1 - p) / trials));
      }
      printf("\n");
      fflush(stdout);
      gsl_rng_free(r);
    }
  fprintf(stderr, "%.1f s\n", bench_now() - t0);
  return 0;
}
