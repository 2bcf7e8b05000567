/*
 * coverage.c - how often each interval method covers the true NPS.
 *
 * For each true share vector (P, A, D) and sample size n:
 *  - analytic methods (wald, adjusted-wald, score, bayes) by exact
 *    enumeration: every outcome (P, A, D) of Multinomial(n, truth) whose
 *    probability is at least 1e-13, weighted by that probability (the mass
 *    left out is printed; it is below 1e-7 in every cell);
 *  - bootstrap methods (percentile, bca) by Monte Carlo: --trials samples,
 *    each bootstrapped with --boot replicates, both intervals from the same
 *    replicates.
 * Intervals are the ones the library returns: analytic ones through
 * nps_ci_compute (so Wald falls back to adjusted Wald on one-category
 * samples); bootstrap ones through nps_boot_ci, with nps_ci_compute's
 * fallbacks (one-category sample -> adjusted Wald with its end closed at the
 * estimate, infinite z0 -> percentile) applied here, and no minimum-n rule, so
 * the table shows the raw methods.
 *
 * Ties: bootstrap limits lie on the grid k/n, and so do most of the true
 * values below (0.3 = 30/100), so a limit often equals the truth exactly
 * (1-4% of samples at n = 100). Such a tie counts one half by default: the
 * average of the coverage just above and just below the truth, which is
 * what a true NPS off the grid (any real one) sees. --closed counts ties as
 * covered instead. Analytic limits tie with probability zero.
 *
 * Output: a markdown table of coverage per cell and method, then the mean
 * absolute coverage error |coverage - level| per method, over all cells and
 * over n >= 30, and the mean interval width. Cells run in parallel; each
 * Monte Carlo cell has its own generator seeded from --seed and the cell
 * index, so the numbers do not depend on --threads.
 *
 *   coverage [--trials N] [--boot B] [--seed S] [--level L] [--threads T]
 *            [--n N1,N2,...] [--closed] [--quick]
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "nps/nps.h"

#include "bench_util.h"

enum { M_WALD, M_AW, M_SCORE, M_BAYES, M_PCT, M_BCA, NM };

static const char *const method_names[NM] = {"wald",  "adjusted-wald", "score",
                                             "bayes", "percentile",    "bca"};
static const nps_ci_method method_ids[NM] = {
    NPS_CI_WALD,  NPS_CI_ADJUSTED_WALD, NPS_CI_SCORE,
    NPS_CI_BAYES, NPS_CI_PERCENTILE,    NPS_CI_BCA};

typedef struct truth {
  double p, a, d;
} truth;

static const truth five[] = {
    {.5, .3, .2}, {.8, .15, .05}, {.3, .4, .3}, {.1, .3, .6}, {.9, .08, .02}};

/* --grid: NPS -60, -45, ..., +90 with passives 5%, 25%, 45% and 65%,
 * every feasible pair (|NPS| <= 1 - passives): 33 truths. */
#define GRID_MAX 44
static truth grid[GRID_MAX];

static size_t make_grid(void) {
  static const double passives[] = {.05, .25, .45, .65};
  size_t k = 0;
  for (size_t a = 0; a < sizeof passives / sizeof *passives; a++)
    for (int step = -4; step <= 6; step++) {
      double nps = 0.15 * step, rest = 1.0 - passives[a];
      if (fabs(nps) > rest + 1e-12 || k == GRID_MAX)
        continue;
      grid[k++] = (truth){(rest + nps) / 2, passives[a], (rest - nps) / 2};
    }
  return k;
}

static const truth *truths = five;
static size_t NTRUTHS = sizeof five / sizeof five[0];

static const unsigned full_ns[] = {10, 30, 100, 300, 1000};
static const unsigned quick_ns[] = {10, 30, 100};
#define MAX_NS 32

#define MIN_PROB 1e-13

typedef struct cell {
  truth t;
  unsigned n;
  double cover[NM], width[NM];
  double mass;   /* probability enumerated (analytic methods) */
  long failures; /* library calls that did not return NPS_OK */
  double seconds[2];
} cell;

typedef struct options {
  long trials;
  size_t boot;
  unsigned long seed;
  double level;
  int threads;
  int quick;
  int closed; /* a limit equal to the truth covers it (else: one half) */
  unsigned ns[MAX_NS]; /* --n, when given */
  size_t nns;
} options;

typedef struct runner {
  const options *opt;
  cell *cells;
  size_t ncells;
  size_t next_job; /* jobs: 2 per cell, analytic then bootstrap */
  pthread_mutex_t lock;
} runner;

static double log_multinomial(unsigned n, unsigned p, unsigned a, unsigned d,
                              const truth *t) {
  double l =
      gsl_sf_lnfact(n) - gsl_sf_lnfact(p) - gsl_sf_lnfact(a) - gsl_sf_lnfact(d);
  const unsigned k[3] = {p, a, d};
  const double q[3] = {t->p, t->a, t->d};
  for (int i = 0; i < 3; i++) /* a share of 0 allows a count of 0 only */
    if (k[i])
      l += q[i] > 0 ? k[i] * log(q[i]) : -INFINITY;
  return l;
}

static double true_nps(const truth *t) {
  return t->p - t->d;
}

/* 1 if iv covers theta, 0 if not; a limit equal to theta counts 1/2
 * unless closed (a point interval at theta counts 1). */
static double covers(nps_interval iv, double theta, int closed) {
  if (iv.lo == theta && iv.hi == theta)
    return 1.0;
  if (iv.lo == theta || iv.hi == theta)
    return closed ? 1.0 : 0.5;
  return iv.lo < theta && theta < iv.hi ? 1.0 : 0.0;
}

/* Exact coverage of the four analytic methods. */
static void run_analytic(const options *opt, cell *c) {
  double theta = true_nps(&c->t), lmin = log(MIN_PROB);
  unsigned n = c->n;
  for (unsigned p = 0; p <= n; p++) {
    for (unsigned d = 0; d + p <= n; d++) {
      unsigned a = n - p - d;
      double lw = log_multinomial(n, p, a, d, &c->t);
      if (lw < lmin)
        continue;
      double w = exp(lw);
      nps_counts k = {p, a, d};
      c->mass += w;
      for (int m = M_WALD; m <= M_BAYES; m++) {
        nps_ci_request req = {method_ids[m], opt->level, 0, NULL, NULL};
        nps_ci_result res;
        if (nps_ci_compute(&k, &req, &res) != NPS_OK) {
          c->failures++;
          continue;
        }
        c->cover[m] += w * covers(res.iv, theta, opt->closed);
        c->width[m] += w * (res.iv.hi - res.iv.lo);
      }
    }
  }
  for (int m = M_WALD; m <= M_BAYES; m++)
    c->width[m] /= c->mass;
}

/* Monte Carlo coverage of percentile and BCa. */
static void run_boot(const options *opt, cell *c, unsigned long seed) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  double *work = malloc(opt->boot * sizeof *work);
  if (!r || !work) {
    c->failures = opt->trials;
    free(work);
    if (r)
      gsl_rng_free(r);
    return;
  }
  gsl_rng_set(r, seed);
  double theta = true_nps(&c->t), probs[3] = {c->t.p, c->t.a, c->t.d};
  for (long i = 0; i < opt->trials; i++) {
    unsigned k[3];
    gsl_ran_multinomial(r, 3, c->n, probs, k);
    nps_counts s = {k[0], k[1], k[2]};
    nps_boot_result br;
    nps_interval iv[2];
    nps_status st = nps_boot_ci(&s, opt->boot, opt->level, r, work, &br);
    int flat = (k[0] > 0) + (k[1] > 0) + (k[2] > 0) == 1;
    if (st == NPS_OK && flat) { /* no spread: nps_ci_compute's fallback */
      nps_interval aw;
      (void)nps_interval_adjusted_wald(&s, opt->level, &aw, NULL);
      aw = nps_interval_clip(aw);
      if (k[0] > 0) /* and nps_ci_compute's end at the estimate */
        aw.hi = 1.0;
      if (k[2] > 0)
        aw.lo = -1.0;
      iv[0] = iv[1] = aw;
    } else if (st == NPS_OK) {
      iv[0] = br.percentile;
      iv[1] = br.bca; /* the percentile interval when !bca_ok */
    } else {
      c->failures++;
      continue;
    }
    for (int m = 0; m < 2; m++) {
      c->cover[M_PCT + m] += covers(iv[m], theta, opt->closed);
      c->width[M_PCT + m] += iv[m].hi - iv[m].lo;
    }
  }
  for (int m = M_PCT; m <= M_BCA; m++) {
    c->cover[m] /= (double)opt->trials;
    c->width[m] /= (double)opt->trials;
  }
  free(work);
  gsl_rng_free(r);
}

static void *worker(void *arg) {
  runner *run = arg;
  for (;;) {
    pthread_mutex_lock(&run->lock);
    size_t job = run->next_job++;
    pthread_mutex_unlock(&run->lock);
    if (job >= 2 * run->ncells)
      return NULL;
    /* Largest cells first: they are last in the cell array. */
    size_t ci = run->ncells - 1 - job / 2;
    cell *c = &run->cells[ci];
    double t0 = bench_now();
    if (job % 2 == 0)
      run_analytic(run->opt, c);
    else
      run_boot(run->opt, c, run->opt->seed * 1000003ul + ci);
    c->seconds[job % 2] = bench_now() - t0;
  }
}

static void usage(FILE *f) {
  fprintf(
      f,
      "Usage: coverage [--trials N] [--boot B] [--seed S] [--level L]\n"
      "                [--threads T] [--n LIST] [--closed] [--quick]\n"
      "                [--grid]\n"
      "Coverage of every interval method over true (P, A, D) shares and\n"
      "sample sizes: exact enumeration for wald, adjusted-wald, score\n"
      "and bayes; Monte Carlo for percentile and bca.\n"
      "  --trials N   Monte Carlo samples per cell (default 20000)\n"
      "  --boot B     bootstrap replicates per sample (default 2000)\n"
      "  --seed S     base seed (default 20240601)\n"
      "  --level L    confidence level (default 0.95)\n"
      "  --threads T  worker threads (default: online CPUs)\n"
      "  --n LIST     sample sizes, e.g. 3,5,10 (default 10,30,100,300,1000)\n"
      "  --closed     a limit equal to the true NPS covers it (default:\n"
      "               counts one half, as for a truth just off the grid)\n"
      "  --quick      n = 10, 30, 100 only, 2000 trials, B = 500\n"
      "  --grid       33 truths: NPS -60 to +90 by 15 with 5%%, 25%%, 45%%\n"
      "               and 65%% passives (instead of the five default)\n");
}

/* A comma-separated list of sample sizes 1..100000. */
static int parse_ns(const char *s, options *opt) {
  opt->nns = 0;
  while (*s) {
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || v < 1 || v > 100000 || opt->nns == MAX_NS ||
        (*end && *end != ','))
      return -1;
    opt->ns[opt->nns++] = (unsigned)v;
    s = *end ? end + 1 : end;
  }
  return opt->nns ? 0 : -1;
}

static int parse_options(int argc, char **argv, options *opt) {
  static const struct option longs[] = {
      {"trials", required_argument, NULL, 't'},
      {"boot", required_argument, NULL, 'b'},
      {"seed", required_argument, NULL, 's'},
      {"level", required_argument, NULL, 'l'},
      {"threads", required_argument, NULL, 'j'},
      {"quick", no_argument, NULL, 'q'},
      {"closed", no_argument, NULL, 'c'},
      {"n", required_argument, NULL, 'n'},
      {"grid", no_argument, NULL, 'g'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  double trials = -1, boot = -1, v;
  int ch;
  while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
    switch (ch) {
    case 't':
      if (bench_parse_number(optarg, 1, 1e9, &trials))
        return -1;
      break;
    case 'b':
      if (bench_parse_number(optarg, 2, 1e8, &boot))
        return -1;
      break;
    case 's':
      if (bench_parse_number(optarg, 0, 4294967295.0, &v))
        return -1;
      opt->seed = (unsigned long)v;
      break;
    case 'l':
      if (bench_parse_number(optarg, 1e-9, 1 - 1e-9, &opt->level))
        return -1;
      break;
    case 'j':
      if (bench_parse_number(optarg, 1, 256, &v))
        return -1;
      opt->threads = (int)v;
      break;
    case 'q':
      opt->quick = 1;
      break;
    case 'c':
      opt->closed = 1;
      break;
    case 'g':
      NTRUTHS = make_grid();
      truths = grid;
      break;
    case 'n':
      if (parse_ns(optarg, opt))
        return -1;
      break;
    case 'h':
      usage(stdout);
      exit(0);
    default:
      return -1;
    }
  }
  if (optind != argc)
    return -1;
  opt->trials = trials > 0 ? (long)trials : opt->quick ? 2000 : 20000;
  opt->boot = boot > 0 ? (size_t)boot : opt->quick ? 500 : 2000;
  return 0;
}

static void print_table(const cell *cells, size_t nc) {
  printf("| truth P/A/D | NPS | n |");
  for (int m = 0; m < NM; m++)
    printf(" %s |", method_names[m]);
  printf("\n|---|---|---|");
  for (int m = 0; m < NM; m++)
    printf("---|");
  printf("\n");
  for (size_t i = 0; i < nc; i++) {
    const cell *c = &cells[i];
    printf("| %.2f/%.2f/%.2f | %+.0f | %u |", c->t.p, c->t.a, c->t.d,
           100.0 * true_nps(&c->t), c->n);
    for (int m = 0; m < NM; m++)
      printf(" %.3f |", c->cover[m]);
    printf("\n");
  }
}

static void print_summary(const options *opt, const cell *cells, size_t nc) {
  printf("\n| method | mean abs. coverage error, all n | same, n >= 30 "
         "| min coverage, n >= 30 | max coverage, n >= 30 | mean width "
         "(points), n >= 30 |\n"
         "|---|---|---|---|---|---|\n");
  for (int m = 0; m < NM; m++) {
    double all = 0, big = 0, minc = 1, maxc = 0, width = 0;
    size_t nall = 0, nbig = 0;
    for (size_t i = 0; i < nc; i++) {
      double err = fabs(cells[i].cover[m] - opt->level);
      all += err;
      nall++;
      if (cells[i].n >= 30) {
        big += err;
        width += cells[i].width[m];
        minc = fmin(minc, cells[i].cover[m]);
        maxc = fmax(maxc, cells[i].cover[m]);
        nbig++;
      }
    }
    if (nbig)
      printf("| %s | %.4f | %.4f | %.3f | %.3f | %.1f |\n", method_names[m],
             all / (double)nall, big / (double)nbig, minc, maxc,
             100.0 * width / (double)nbig);
    else
      printf("| %s | %.4f | - | - | - | - |\n", method_names[m],
             all / (double)nall);
  }
}

int main(int argc, char **argv) {
  options opt = {0, 0, 20240601ul, 0.95, 0, 0, 0, {0}, 0};
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  opt.threads = cpus > 0 ? (int)cpus : 1;
  if (parse_options(argc, argv, &opt)) {
    fprintf(stderr, "coverage: bad arguments\n");
    usage(stderr);
    return 2;
  }
  gsl_set_error_handler_off();
  const unsigned *ns = opt.nns ? opt.ns : opt.quick ? quick_ns : full_ns;
  size_t nn = opt.nns     ? opt.nns
              : opt.quick ? sizeof quick_ns / sizeof *quick_ns
                          : sizeof full_ns / sizeof *full_ns;
  size_t nc = NTRUTHS * nn;
  cell *cells = calloc(nc, sizeof *cells);
  if (!cells)
    return 1;
  /* Order by n so the largest cells are last (and scheduled first). */
  for (size_t j = 0; j < nn; j++)
    for (size_t i = 0; i < NTRUTHS; i++) {
      cells[j * NTRUTHS + i].t = truths[i];
      cells[j * NTRUTHS + i].n = ns[j];
    }
  runner run = {&opt, cells, nc, 0, PTHREAD_MUTEX_INITIALIZER};
  double t0 = bench_now();
  pthread_t *tid = calloc((size_t)opt.threads, sizeof *tid);
  if (!tid)
    return 1;
  for (int i = 0; i < opt.threads; i++)
    if (pthread_create(&tid[i], NULL, worker, &run))
      return 1;
  for (int i = 0; i < opt.threads; i++)
    pthread_join(tid[i], NULL);
  double elapsed = bench_now() - t0;

  /* Present truth-major: all n of one truth together. */
  cell *sorted = calloc(nc, sizeof *sorted);
  if (!sorted)
    return 1;
  for (size_t i = 0; i < NTRUTHS; i++)
    for (size_t j = 0; j < nn; j++)
      sorted[i * nn + j] = cells[j * NTRUTHS + i];
  double min_mass = 1.0, analytic_s = 0, boot_s = 0;
  long failures = 0;
  for (size_t i = 0; i < nc; i++) {
    min_mass = fmin(min_mass, cells[i].mass);
    failures += cells[i].failures;
    analytic_s += cells[i].seconds[0];
    boot_s += cells[i].seconds[1];
  }
  printf("Coverage of nominal %.0f%% intervals. Analytic methods: exact "
         "enumeration (outcomes with probability >= %g; smallest enumerated "
         "mass in a cell %.10f). percentile, bca: %ld Monte Carlo samples "
         "per cell, B = %zu, seed %lu (Monte Carlo standard error about "
         "%.4f). A limit equal to the true NPS counts %s.\n\n",
         100 * opt.level, MIN_PROB, min_mass, opt.trials, opt.boot, opt.seed,
         sqrt(opt.level * (1 - opt.level) / (double)opt.trials),
         opt.closed ? "as covering it" : "one half");
  print_table(sorted, nc);
  print_summary(&opt, sorted, nc);
  fprintf(stderr,
          "coverage: %.1f s wall on %d threads (analytic %.1f s, bootstrap "
          "%.1f s of CPU); %ld failed library calls\n",
          elapsed, opt.threads, analytic_s, boot_s, failures);
  free(sorted);
  free(cells);
  free(tid);
  return failures ? 1 : 0;
}
