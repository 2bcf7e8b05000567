/*
 * benchmark.h - the benchmark analysis: where does our NPS stand among
 * competitors whose numbers come from elsewhere (a published score, a
 * vendor's report, an industry study)?
 *
 * Two parts. The competitors reader (competitors.c) reads a CSV file with
 * one row per competitor: a `name` and any of `nps`, `n`, `promoters`,
 * `passives`, `detractors` (counts or percentages), `source`, `year`,
 * `region`, `survey_type`; rows named p10, p25, median (or p50), p75, p90
 * with an `nps` are industry percentiles, not competitors. The analysis
 * (benchmark.c) compares our sample with each competitor by what its row
 * gives:
 *   full          a distribution and n: the two-sample test
 *                 NPS_TEST2_DEFAULT and the interval NPS_DIFF_CI_DEFAULT,
 *                 as compare does;
 *   conservative  NPS and n only: a z test with the worst-case variance
 *                 of one answer for that NPS, 1 - theta^2 (all answers
 *                 promoters or detractors, no passives);
 *   fixed         NPS only: our interval against their number as a fixed
 *                 value; their uncertainty is unknown;
 * adjusts the p-values across competitors (Holm by default), decides each
 * verdict as data, ranks our NPS among all parties with a bootstrap rank
 * interval, places our interval among the industry percentiles, and flags
 * competitors whose year, region or survey type differ from ours. Such a
 * competitor is not comparable: it gets no verdict and stays out of the
 * family and the rank, unless rank_unlike accepts the mismatch.
 *
 * Differences are ours minus theirs, on -2..2: positive when we are ahead.
 * Nothing here prints; no text names a command-line flag.
 */
#ifndef NPS_BENCHMARK_H
#define NPS_BENCHMARK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ci.h"
#include "compare.h"
#include "csvin.h"
#include "diffci.h"
#include "export.h"
#include "hist.h"
#include "interval.h"
#include "multi.h"
#include "status.h"
#include "test2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the competitors file ---------------------------------------------- */

/* How promoters, passives and detractors cells are read. */
typedef enum nps_shares_mode {
  NPS_SHARES_AUTO,    /* detect (nps_competitors_read) */
  NPS_SHARES_PERCENT, /* percentages of the answers, summing to at most 100 */
  NPS_SHARES_COUNTS   /* numbers of answers */
} nps_shares_mode;

/* Parses "percent", "counts" (and "auto"); NPS_EINVAL otherwise. */
NPS_API nps_status nps_shares_mode_parse(const char *name,
                                         nps_shares_mode *out);

/* "auto", "percent" or "counts". */
NPS_API const char *nps_shares_mode_name(nps_shares_mode mode);

/* The industry percentiles a file may give (name column p10 ... p90). */
#define NPS_BENCHMARK_BANDS 5

/* The text columns that say what kind of number a row is. */
enum {
  NPS_CONTEXT_YEAR,
  NPS_CONTEXT_REGION,
  NPS_CONTEXT_TYPE, /* survey_type: relationship, transactional, ... */
  NPS_CONTEXT_N
};

/* One competitor. Strings are NUL-terminated copies owned by the file;
 * a text column that is absent or empty is NULL. */
typedef struct nps_competitor {
  char *name;
  size_t name_len;
  uint64_t line; /* where its record begins */
  int has_nps;
  double nps; /* -1..1: the nps cell, or from the distribution */
  int has_n;
  uint64_t n; /* the n cell, or the sum of the counts */
  int has_dist;
  nps_shares shares; /* has_dist: the distribution's shares */
  int has_counts;    /* counts known (given, or percentages with n) */
  nps_counts counts;
  char *source;
  char *context[NPS_CONTEXT_N];
} nps_competitor;

/* ABI: the caller allocates it and fills it with nps_competitors_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_competitors_options {
  char delimiter;         /* 0: sniffed, as nps_csvin_read */
  nps_shares_mode shares; /* NPS_SHARES_AUTO */
  int skip_invalid;       /* skip and count bad rows instead of failing */
} nps_competitors_options;

/* Sets the defaults above (delimiter sniffed, NPS_SHARES_AUTO, bad rows
 * fail the read). */
NPS_API void nps_competitors_options_init(nps_competitors_options *opt);

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_competitors {
  nps_competitor *rows; /* competitors in file order */
  size_t n_rows;
  double band[NPS_BENCHMARK_BANDS]; /* industry percentile NPS (-1..1) of
                                       p10, p25, median, p75, p90; NAN
                                       when the file has no such row */
  uint64_t band_line[NPS_BENCHMARK_BANDS];
  nps_shares_mode shares;        /* how distribution cells were read */
  int shares_detected;           /* 1 when detected, 0 when given */
  uint64_t invalid;              /* rows skipped by skip_invalid */
  nps_csvin_error first_invalid; /* the first skipped row's error */
} nps_competitors;

/* The percentile of band i: 10, 25, 50, 75, 90. */
NPS_API int nps_benchmark_band_percentile(size_t i);

/* Reads a competitors file from in through the strict CSV reader of
 * nps_csvin_read (encoding checks, BOM, "sep=" line, delimiter).
 * Columns are matched by name ignoring case and surrounding spaces;
 * columns with other names are ignored. Cells: nps a number -100..100;
 * n a whole number >= 1; counts whole numbers >= 0, not all 0;
 * percentages numbers 0..100 with an optional '%', summing to 98.5..100.5
 * per row (rounding); an empty cell or one of the default NA values is
 * absent. A missing passives cell is the rest (100, or n, minus the
 * others). Percentages with n give
 * counts (promoters and detractors rounded, passives the rest); counts
 * without n give n as their sum. With an nps cell and a distribution the
 * distribution's NPS must agree with it within 1 point (published NPS
 * are rounded), and the distribution is used.
 * Detection (NPS_SHARES_AUTO): percentages when any distribution cell has
 * a '%' or a fraction, or when every row with all three cells sums to
 * 99..101 and some such row has an n other than that sum; else counts.
 * Errors, each with the line and 1-based column (0 for the whole row):
 * NPS_ECOLUMN no name column (line 1), or two columns of one name;
 * NPS_ECOUNT an n or count that is negative, not an integer, or counts
 * that do not sum to n; NPS_EINVAL (out of range) an nps outside
 * -100..100, a negative percentage or percentages over 100, a value that
 * is not a number, a name twice, a row with neither nps nor a
 * distribution, an nps that disagrees with the distribution;
 * NPS_EENCODING a cell of invalid UTF-8; NPS_ECSV a ragged row; and the
 * reader's (NPS_ECSV for quoting, NPS_EENCODING, NPS_EFIELD, NPS_EIO,
 * NPS_EEMPTY). With skip_invalid every row error above (the column errors
 * and the reader's excepted) skips the row and counts it. *out receives the
 * rows to free with nps_competitors_free (NULL on failure); err is filled on
 * failure. */
NPS_API nps_status nps_competitors_read(FILE *in,
                                        const nps_competitors_options *opt,
                                        nps_competitors **out,
                                        nps_csvin_error *err);

/* An empty set of competitors (no rows, no percentiles, shares
 * NPS_SHARES_COUNTS), for competitors that come only from raw answers
 * (nps_competitors_add_counts). NULL when out of memory. */
NPS_API nps_competitors *nps_competitors_new(void);

/* Adds a competitor known by its answers: name (len bytes, any bytes but
 * NUL) with category counts c, a full row (line 0). Raw answers of
 * competitors, grouped by brand into a table, come in this way.
 * NPS_EINVAL when the name is empty, holds a NUL byte or is already a
 * competitor, or when c holds no answers; NPS_EOVERFLOW when its total
 * passes 2^64 - 1; NPS_ENOMEM. c is unchanged on failure. */
NPS_API nps_status nps_competitors_add_counts(nps_competitors *comp,
                                              const char *name, size_t len,
                                              const nps_counts *c);

/* Frees c. nps_competitors_free(NULL) is a no-op. */
NPS_API void nps_competitors_free(nps_competitors *c);

/* ---- the analysis ------------------------------------------------------ */

/* Bootstrap replicates of the rank when none are asked for. */
#define NPS_BENCHMARK_DEFAULT_REPLICATES 10000u

/* ABI: the caller allocates it and fills it with nps_benchmark_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_benchmark_options {
  nps_ci_method ci;        /* every interval of one NPS; NPS_CI_DEFAULT */
  double level;            /* 0 < level < 1; 0.95 */
  size_t replicates;       /* rank bootstrap B and Monte Carlo draws of the
                              tests; 0: NPS_BENCHMARK_DEFAULT_REPLICATES */
  unsigned long seed;      /* the run's seed */
  nps_multi_method adjust; /* across competitors; NPS_MULTI_HOLM */
  const char *ours_label;  /* our name in the result; NULL: "us" */
  const char *ours_context[NPS_CONTEXT_N]; /* our year, region, survey
                               type; NULL: the most common value among
                               the competitors (ties: the first seen) */
  int draw_conservative; /* rank bootstrap: nonzero (default) draws an
                            NPS-and-n party from a normal with its
                            worst-case SE; 0 keeps it fixed */
  int rank_unlike;       /* 0 (default): a competitor whose year, region
                            or survey type differs from ours is not
                            comparable: no verdict, out of the p-value
                            family and out of the rank; nonzero: compared
                            and ranked like the others (the mismatch
                            accepted), still flagged */
} nps_benchmark_options;

/* Sets the defaults above (seed 0). */
NPS_API void nps_benchmark_options_init(nps_benchmark_options *opt);

typedef enum nps_benchmark_kind {
  NPS_BENCHMARK_OURS,         /* our own row */
  NPS_BENCHMARK_FULL,         /* distribution and n: two-sample test */
  NPS_BENCHMARK_CONSERVATIVE, /* NPS and n: worst-case variance */
  NPS_BENCHMARK_FIXED         /* NPS only: a fixed value */
} nps_benchmark_kind;

/* "ours", "full", "conservative", "fixed". */
NPS_API const char *nps_benchmark_kind_name(nps_benchmark_kind kind);

/* One party: ours or a competitor. */
typedef struct nps_benchmark_party {
  const char *name; /* NUL-terminated; a competitor's points into the
                       competitors file, ours into the result */
  size_t name_len;
  const nps_competitor *src; /* NULL for ours */
  nps_benchmark_kind kind;
  int has_n;
  uint64_t n;
  nps_counts counts; /* ours and full */
  double nps;        /* -1..1 */
  int has_ci;        /* ours, full (nps_ci_compute) and conservative
                        (nps +- z sqrt((1 - nps^2) / n)); not fixed */
  nps_interval ci;
  double se; /* conservative: sqrt((1 - nps^2) / n); else NAN */
  /* The comparison with us (competitors; NAN for ours). */
  double diff;                  /* ours - theirs */
  nps_interval diff_ci;         /* full: NPS_DIFF_CI_DEFAULT; conservative:
                                   diff +- z SE; fixed: our adjusted-Wald interval
                                   minus their NPS */
  nps_interval diff_ci_matched; /* the same interval at level_matched */
  double level_matched;  /* 1 - alpha p / p_adjusted: the level at which the
                            interval matches the adjusted p (it excludes 0
                            exactly when p_adjusted < alpha for the z and
                            fixed kinds; for full, the verdict checks it) */
  double diff_se;        /* conservative and fixed: the z test's SE */
  double p;              /* two-sided */
  double p_adjusted;     /* across the competitors */
  nps_test2_method test; /* full: the test after any fallback */
  nps_verdict verdict;   /* direction +1: we are ahead */
  unsigned mismatch;     /* bit NPS_CONTEXT_X: year, region or survey type
                            differ from ours */
  int comparable;        /* ours, and competitors without a mismatch (or
                            all with rank_unlike): in the family and the
                            rank. 0: verdict.tested is 0, p_adjusted and
                            level_matched NAN; diff, diff_ci (at the run's
                            level, also in diff_ci_matched) and the raw p
                            are kept for reference, not for a verdict */
} nps_benchmark_party;

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
typedef struct nps_benchmark {
  nps_benchmark_party *parties; /* by NPS, highest first (ties: ours first,
                                   then file order) */
  size_t n_parties;
  size_t ours; /* index of our row */
  /* Our rank among the comparable parties (ours included), 1 = highest
   * NPS; ties share the better rank. */
  size_t n_ranked;    /* comparable parties, ours included */
  size_t rank;        /* from the point estimates */
  size_t rank_lo;     /* the interval of the replicate ranks: their */
  size_t rank_hi;     /* (1 - level)/2 and (1 + level)/2 quantiles */
  double *rank_share; /* n_ranked shares: replicates with rank i + 1 */
  size_t replicates;  /* B */
  /* Industry percentiles: our interval lies between band_below (the
   * highest percentile at or below its lower limit; -1: under all) and
   * band_above (the lowest at or above its upper limit; -1: over all). */
  size_t n_bands;
  int band_below, band_above;
  const char *context[NPS_CONTEXT_N]; /* ours: given or most common, or
                                         NULL */
  int context_given[NPS_CONTEXT_N];
  size_t n_mismatch; /* competitors with a mismatch bit */
  size_t n_unlike;   /* of them, not comparable (0 with rank_unlike) */
  nps_multi_method adjust;
  size_t family;                 /* comparable competitors: the
                                    adjustment's family */
  nps_benchmark_options options; /* as given, defaults filled in */
  char *ours_name;
} nps_benchmark;

/* Compares ours (our category counts) with the competitors in comp (kept
 * alive while the result is used: parties point into it). *out receives
 * a result to free with nps_benchmark_free. NPS_EEMPTY when ours has no
 * answers, NPS_EINVAL for a bad option or no competitors, NPS_ENOMEM, or
 * an estimator's failure (*out NULL in every failure). err (nps_run_error,
 * status.h; may be NULL) is cleared: these failures need no more detail
 * than the status. */
NPS_API nps_status nps_benchmark_run(const nps_counts *ours,
                                     const nps_competitors *comp,
                                     const nps_benchmark_options *opt,
                                     nps_benchmark **out, nps_run_error *err);

/* The worst-case variance of one answer for an NPS theta (-1..1): the
 * largest pP + pD - theta^2 over shares with pP - pD = theta, 1 -
 * theta^2. */
NPS_API double nps_benchmark_worst_var(double theta);

/* Frees b. nps_benchmark_free(NULL) is a no-op. */
NPS_API void nps_benchmark_free(nps_benchmark *b);

#ifdef __cplusplus
}
#endif
#endif
