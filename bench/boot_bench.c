/*
 * boot_bench.c - cost of a bootstrap BCa interval as n grows.
 *
 * One replicate is two binomial draws whatever n is (docs/methods.md), so
 * the time of nps_boot_ci should stay flat from n = 10^3 to 10^9 and
 * beyond. For each n (shares 50/30/20) this times a full BCa interval
 * (draws, sort, percentile, BCa) and the draws alone, takes the median of
 * --reps runs, and prints a markdown table.
 *
 *   boot_bench [--boot B] [--reps R] [--seed S] [--max-exp E]
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "nps/nps.h"

#include "bench_util.h"

static void usage(FILE *f) {
  fprintf(f, "Usage: boot_bench [--boot B] [--reps R] [--seed S] "
             "[--max-exp E]\n"
             "Times a BCa bootstrap interval for n = 10^3 .. 10^E.\n"
             "  --boot B     replicates (default 10000)\n"
             "  --reps R     timed runs per n, median reported (default 7)\n"
             "  --seed S     generator seed (default 20240601)\n"
             "  --max-exp E  largest n is 10^E, 3..18 (default 12)\n");
}

int main(int argc, char **argv) {
  static const struct option longs[] = {
      {"boot", required_argument, NULL, 'b'},
      {"reps", required_argument, NULL, 'r'},
      {"seed", required_argument, NULL, 's'},
      {"max-exp", required_argument, NULL, 'e'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  double boot = 10000, reps = 7, seed = 20240601, max_exp = 12;
  int ch, bad = 0;
  while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
    switch (ch) {
    case 'b':
      bad |= bench_parse_number(optarg, 2, 1e9, &boot);
      break;
    case 'r':
      bad |= bench_parse_number(optarg, 1, 1000, &reps);
      break;
    case 's':
      bad |= bench_parse_number(optarg, 0, 4294967295.0, &seed);
      break;
    case 'e':
      bad |= bench_parse_number(optarg, 3, 18, &max_exp);
      break;
    case 'h':
      usage(stdout);
      return 0;
    default:
      bad = 1;
    }
  }
  if (bad || optind != argc) {
    usage(stderr);
    return 2;
  }
  gsl_set_error_handler_off();
  size_t B = (size_t)boot, R = (size_t)reps;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  double *work = malloc(B * sizeof *work);
  double *t_ci = malloc(R * sizeof *t_ci), *t_draw = malloc(R * sizeof *t_draw);
  if (!r || !work || !t_ci || !t_draw)
    return 1;
  gsl_rng_set(r, (unsigned long)seed);

  printf("BCa bootstrap interval, B = %zu, shares 50/30/20, median of %zu "
         "runs, seed %lu.\n\n",
         B, R, (unsigned long)seed);
  printf("| n | BCa interval total (ms) | per replicate (ns) | draws only, "
         "per replicate (ns) | 95%% BCa interval (points) |\n"
         "|---|---|---|---|---|\n");
  uint64_t n = 1000;
  for (int e = 3; e <= (int)max_exp; e++, n *= 10) {
    nps_counts c = {n / 2, n / 10 * 3, n / 5};
    nps_boot_result br;
    for (size_t i = 0; i < R; i++) {
      double t0 = bench_now();
      nps_status st = nps_boot_ci(&c, B, 0.95, r, work, &br);
      double t1 = bench_now();
      if (st != NPS_OK) {
        fprintf(stderr, "boot_bench: n = %llu: %s\n", (unsigned long long)n,
                nps_strerror(st));
        return 1;
      }
      (void)nps_boot_replicates(&c, B, r, work);
      t_ci[i] = t1 - t0;
      t_draw[i] = bench_now() - t1;
    }
    double ci = bench_median(t_ci, R), draw = bench_median(t_draw, R);
    printf("| 10^%d | %.2f | %.0f | %.0f | [%.4f, %.4f] |\n", e, 1e3 * ci,
           1e9 * ci / (double)B, 1e9 * draw / (double)B, 100 * br.bca.lo,
           100 * br.bca.hi);
  }
  free(work);
  free(t_ci);
  free(t_draw);
  gsl_rng_free(r);
  return 0;
}
