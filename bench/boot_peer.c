/*
 * boot_peer.c - the library side of the bootstrap peer comparison
 * (bench/boot_peers.sh).
 *
 * Reads the answers that the peers (scipy, R) also read, a plain file with
 * one score 0..10 per line (blank lines are missing answers and are left
 * out), reduces them to a histogram, and times nps_boot_ci (multinomial
 * replicates, sort, percentile and BCa limits) on its category counts. The
 * generator is reseeded with the same seed before each timed call, so every
 * repeat computes the same interval; the median time is reported. Reading
 * the file is timed separately and is not part of the interval time.
 * With --counts P,A,D the histogram is given directly and no file is read.
 *
 * --spread K measures the Monte Carlo error of the limits instead of
 * estimating it: K more intervals from the seeds S+1 .. S+K (not timed),
 * and the mean and standard deviation of their lower and upper limits. Peers'
 * limits should lie within a few of these of the library's.
 *
 *   boot_peer [--boot B] [--level L] [--repeat R] [--seed S] [--spread K]
 *             (FILE | --counts P,A,D)
 *
 * Output: key=value lines (n, counts, estimate, read_s, boot_median_s,
 * boot_min_s, boot_cpu_median_s, bca_lo, bca_hi in points, ...) for the
 * script to parse.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "nps/nps.h"

#include "bench_util.h"

struct options {
  double boot, level, repeat, seed, spread;
  const char *counts; /* "P,A,D" or NULL */
  const char *file;
};

/* Wall-clock and CPU time of the timed calls, in seconds. */
struct timing {
  double median, min, cpu_median;
};

/* "P,A,D" -> counts; -1 on anything else. */
static int parse_counts(const char *s, nps_counts *c) {
  uint64_t v[3];
  for (int i = 0; i < 3; i++) {
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9')
      return -1;
    v[i] = strtoull(s, &end, 10);
    if (errno || *end != (i < 2 ? ',' : '\0'))
      return -1;
    s = end + 1;
  }
  *c = (nps_counts){v[0], v[1], v[2]};
  return 0;
}

/* Adds one line ("9", " 10 ", "" for a missing answer) to h. */
static int add_line(nps_hist *h, const char *line) {
  const char *p = line;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0' || *p == '\n' || *p == '\r')
    return 0;
  char *end;
  errno = 0;
  long v = strtol(p, &end, 10);
  while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
    end++;
  if (errno || end == p || *end || !nps_score_valid(v))
    return -1;
  return nps_hist_add(h, (int)v, 1) == NPS_OK ? 0 : -1;
}

static int read_scores(const char *path, nps_hist *h) {
  FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
  if (!f) {
    fprintf(stderr, "boot_peer: %s: %s\n", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  unsigned long long lineno = 0;
  int rc = 0;
  while (rc == 0 && getline(&line, &cap, f) != -1) {
    lineno++;
    if (add_line(h, line) != 0) {
      fprintf(stderr, "boot_peer: %s:%llu: not a score 0..10\n", path, lineno);
      rc = -1;
    }
  }
  if (rc == 0 && ferror(f)) {
    fprintf(stderr, "boot_peer: %s: read error\n", path);
    rc = -1;
  }
  free(line);
  if (f != stdin)
    fclose(f);
  return rc;
}

static void usage(FILE *f) {
  fprintf(f, "Usage: boot_peer [--boot B] [--level L] [--repeat R] [--seed S]\n"
             "                 [--spread K] (FILE | --counts P,A,D)\n"
             "Times nps_boot_ci (BCa) on the scores in FILE (one 0..10 per "
             "line).\n"
             "  --boot B     replicates (default 10000)\n"
             "  --level L    confidence level (default 0.95)\n"
             "  --repeat R   timed calls, median reported (default 15)\n"
             "  --seed S     mt19937 seed, set before every call "
             "(default 20240601)\n"
             "  --spread K   also mean and sd of the limits over K more seeds\n"
             "  --counts P,A,D  use these category counts instead of a file\n");
}

static int parse_args(int argc, char **argv, struct options *o) {
  static const struct option longs[] = {
      {"boot", required_argument, NULL, 'b'},
      {"level", required_argument, NULL, 'l'},
      {"repeat", required_argument, NULL, 'r'},
      {"seed", required_argument, NULL, 's'},
      {"counts", required_argument, NULL, 'c'},
      {"spread", required_argument, NULL, 'k'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int ch, bad = 0;
  while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
    switch (ch) {
    case 'b':
      bad |= bench_parse_number(optarg, 2, 1e9, &o->boot);
      break;
    case 'l':
      bad |= bench_parse_number(optarg, 1e-9, 1 - 1e-9, &o->level);
      break;
    case 'r':
      bad |= bench_parse_number(optarg, 1, 100000, &o->repeat);
      break;
    case 's':
      bad |= bench_parse_number(optarg, 0, 4294967295.0, &o->seed);
      break;
    case 'c':
      o->counts = optarg;
      break;
    case 'k':
      bad |= bench_parse_number(optarg, 0, 100000, &o->spread);
      break;
    case 'h':
      usage(stdout);
      exit(0);
    default:
      bad = 1;
    }
  }
  if (!o->counts && optind == argc - 1)
    o->file = argv[optind];
  else if (!(o->counts && optind == argc))
    bad = 1;
  return bad ? -1 : 0;
}

/* Times R calls of nps_boot_ci, each from the same seed. CPU time is
 * the process's, which other jobs on a busy machine do not inflate. */
static int time_boot(const nps_counts *c, const struct options *o,
                     nps_boot_result *br, struct timing *tm) {
  size_t B = (size_t)o->boot, R = (size_t)o->repeat;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  double *t = malloc(2 * R * sizeof *t), *cpu = t + R;
  if (!r || !t) {
    gsl_rng_free(r);
    free(t);
    fprintf(stderr, "boot_peer: out of memory\n");
    return -1;
  }
  nps_status st = NPS_OK;
  for (size_t i = 0; i < R && st == NPS_OK; i++) {
    gsl_rng_set(r, (unsigned long)o->seed);
    double c0 = bench_seconds(CLOCK_PROCESS_CPUTIME_ID), t0 = bench_now();
    st = nps_boot_ci(c, B, o->level, r, NULL, br);
    t[i] = bench_now() - t0;
    cpu[i] = bench_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
  }
  if (st == NPS_OK) {
    tm->median = bench_median(t, R); /* sorts t */
    tm->min = t[0];
    tm->cpu_median = bench_median(cpu, R);
  } else {
    fprintf(stderr, "boot_peer: nps_boot_ci: %s\n", nps_strerror(st));
  }
  gsl_rng_free(r);
  free(t);
  return st == NPS_OK ? 0 : -1;
}

/* Means and standard deviations (divisor K - 1) of the BCa limits over
 * the seeds S+1 .. S+K; K >= 2. */
static int mc_spread(const nps_counts *c, const struct options *o,
                     nps_interval *mean, nps_interval *sd) {
  size_t K = (size_t)o->spread;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (!r) {
    fprintf(stderr, "boot_peer: out of memory\n");
    return -1;
  }
  double s_lo = 0, ss_lo = 0, s_hi = 0, ss_hi = 0;
  nps_status st = NPS_OK;
  for (size_t k = 1; k <= K && st == NPS_OK; k++) {
    nps_boot_result br;
    gsl_rng_set(r, (unsigned long)o->seed + k);
    st = nps_boot_ci(c, (size_t)o->boot, o->level, r, NULL, &br);
    s_lo += br.bca.lo;
    ss_lo += br.bca.lo * br.bca.lo;
    s_hi += br.bca.hi;
    ss_hi += br.bca.hi * br.bca.hi;
  }
  gsl_rng_free(r);
  if (st != NPS_OK) {
    fprintf(stderr, "boot_peer: nps_boot_ci: %s\n", nps_strerror(st));
    return -1;
  }
  double k = (double)K;
  mean->lo = s_lo / k;
  mean->hi = s_hi / k;
  sd->lo = sqrt(fmax(0, (ss_lo - s_lo * s_lo / k) / (k - 1)));
  sd->hi = sqrt(fmax(0, (ss_hi - s_hi * s_hi / k) / (k - 1)));
  return 0;
}

int main(int argc, char **argv) {
  struct options o = {10000, 0.95, 15, 20240601, 0, NULL, NULL};
  if (parse_args(argc, argv, &o) != 0) {
    usage(stderr);
    return 2;
  }
  gsl_set_error_handler_off();
  nps_counts c;
  double t_read = 0;
  if (o.counts) {
    if (parse_counts(o.counts, &c) != 0) {
      fprintf(stderr, "boot_peer: --counts wants P,A,D\n");
      return 2;
    }
  } else {
    nps_hist h = {{0}};
    double t0 = bench_now();
    if (read_scores(o.file, &h) != 0)
      return 1;
    c = nps_hist_counts(&h);
    t_read = bench_now() - t0;
  }
  nps_boot_result br;
  struct timing tm;
  if (time_boot(&c, &o, &br, &tm) != 0)
    return 1;
  printf("n=%" PRIu64 "\npromoters=%" PRIu64 "\npassives=%" PRIu64
         "\ndetractors=%" PRIu64 "\n",
         nps_counts_total(&c), c.promoters, c.passives, c.detractors);
  printf("boot=%.0f\nlevel=%g\nseed=%.0f\nrepeat=%.0f\n", o.boot, o.level,
         o.seed, o.repeat);
  printf("estimate=%.6f\nbca_ok=%d\nbca_lo=%.6f\nbca_hi=%.6f\n",
         100 * br.estimate, br.bca_ok, 100 * br.bca.lo, 100 * br.bca.hi);
  printf("read_s=%.9f\nboot_median_s=%.9f\nboot_min_s=%.9f\n"
         "boot_cpu_median_s=%.9f\n",
         t_read, tm.median, tm.min, tm.cpu_median);
  if (o.spread >= 2) {
    nps_interval mean, sd;
    if (mc_spread(&c, &o, &mean, &sd) != 0)
      return 1;
    printf("spread=%.0f\nbca_lo_mean=%.6f\nbca_hi_mean=%.6f\n"
           "bca_lo_sd=%.6f\nbca_hi_sd=%.6f\n",
           o.spread, 100 * mean.lo, 100 * mean.hi, 100 * sd.lo, 100 * sd.hi);
  }
  return 0;
}
