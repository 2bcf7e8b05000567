/*
 * trend.h - the trend analysis: NPS over time.
 *
 * The input is a table keyed by a date column (raw dates, date-times or
 * period labels, dates.h). The analysis buckets the keys into periods and
 * merges the histograms of each period, so memory stays O(distinct dates).
 * Per period: n, shares, NPS and its interval (nps_ci_compute), a mark
 * below min_n, and the change from the period before by the Wald z test
 * with its own interval (so that the interval and p agree), the p-values
 * adjusted across the changes of the series. Over the series: a linear
 * trend per period by weighted least squares (with the change it implies
 * over the periods fitted, and per year only when they span a year), and
 * control limits (center +- 3 SE at each period's n) from all periods or a
 * baseline. Every decision is made here; docs/methods.md, "Trend", has the
 * formulas.
 *
 * Periods between the first and the last with answers that have none are
 * kept as gaps (n = 0). Differences and slopes are on -2..2 (per period,
 * over the span, or per year).
 *
 * Partial periods. When the keys are days, a period whose days the data
 * do not cover is marked partial: with G the typical gap between answer
 * days (the 90th percentile, by the inverse empirical distribution, of the
 * gaps in days between consecutive distinct days with answers in all the
 * answers), a period with answers is partial when the days from its first
 * day to its first answer, or from its last answer to its last day, number
 * 2 G or more. Needs two days with answers; a period holding a period
 * label (2025-03) as a key is not judged. Segments take the partial marks
 * of all answers. Partial periods are left out of the change tests, the
 * slope, the control center and the control flags unless include_partial.
 *
 * Segments. When the table's keys have more components than the date
 * (the date first, then segment columns joined by NPS_KEY_SEP), the result
 * is the series of all answers plus one series per segment (its key is the
 * key without the date), each over the same periods as the whole.
 */
#ifndef NPS_TREND_H
#define NPS_TREND_H

#include <stddef.h>
#include <stdint.h>

#include "ci.h"
#include "compare.h"
#include "dates.h"
#include "export.h"
#include "hist.h"
#include "multi.h"
#include "status.h"
#include "summary.h"
#include "table.h"
#include "test2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Periods with fewer answers are shown, marked, and left out of the
 * change tests, the slope and the control flags. */
#define NPS_TREND_MIN_N 30

/* Most periods from the first to the last (gaps included). */
#define NPS_TREND_MAX_PERIODS 10000

/* Control limits at center +- NPS_TREND_SIGMAS standard errors. */
#define NPS_TREND_SIGMAS 3.0

/* ABI: the caller allocates it and fills it with nps_trend_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_trend_options {
  nps_period period;       /* NPS_PERIOD_MONTH */
  const char *date_format; /* NULL: ISO 8601 (dates.h); with a format,
                              keys YYYY-MM-DD (nps_trend_key_map's days)
                              are read too */
  int64_t since, until;    /* day numbers; keys outside are left out;
                              INT64_MIN / INT64_MAX: no bound */
  int skip_invalid;        /* nonzero: keys that are not dates are left out
                              and counted, else NPS_EINVAL */
  nps_ci_method ci;        /* NPS_CI_DEFAULT */
  double level;            /* 0.95 */
  size_t replicates;       /* bootstrap B; 0: default */
  unsigned long seed;
  uint64_t min_n;          /* NPS_TREND_MIN_N */
  nps_multi_method adjust; /* across the changes; NPS_MULTI_HOLM */
  size_t baseline;         /* 0: control limits from all periods; N: from
                              the first N periods (gaps count) */
  int include_partial;     /* nonzero: partial periods are tested, fitted
                              and pooled like complete ones (still marked) */
} nps_trend_options;

NPS_API void nps_trend_options_init(nps_trend_options *opt);

/* The change from the period before (a period with answers right before;
 * a gap breaks the chain). Wald z test of this minus previous; the
 * interval diff +- z se at ci_level = 1 - alpha p / p_adjusted, so it
 * excludes 0 exactly when p_adjusted < alpha (at the level itself when
 * no adjustment changed p). */
typedef struct nps_trend_change {
  int tested;            /* 0: a side is empty, below min_n, partial (without
                            include_partial), or has no spread together
                            (se = 0) */
  nps_test2_result test; /* diff, se, z, p (unadjusted) */
  double p_adjusted;
  double ci_level;
  nps_interval ci;
  nps_verdict verdict; /* significant: p_adjusted < alpha */
} nps_trend_change;

typedef struct nps_trend_point {
  int64_t index; /* the period (dates.h) */
  char label[NPS_PERIOD_LABEL_SIZE];
  nps_counts counts;
  nps_estimate est;
  uint64_t missing;
  uint64_t dates; /* distinct keys merged into it */
  nps_small_base base;
  /* Coverage (see "Partial periods" above). */
  int coverage_known;   /* its answers' keys are all days and G is known */
  int64_t first_day;    /* its earliest and latest day with answers (day */
  int64_t last_day;     /* numbers, dates.h); valid when coverage_known */
  int64_t period_days;  /* days in the period */
  int64_t covered_days; /* days covered: the period less the uncovered days
                           at a partial start or end; = period_days when
                           not partial or not known */
  int partial;          /* 1: the data do not cover it (coverage_known) */
  int has_ci;
  nps_ci_result ci;
  unsigned long seed;
  nps_trend_change change;
  int has_limits; /* n > 0 and the center is defined */
  /* limits: center +- NPS_TREND_SIGMAS sqrt(center_var / n), clipped to
   * [-1, 1] */
  nps_interval limits;
  int out_of_control; /* -1 below, +1 above the limits, 0 inside; only
                         periods of at least min_n are flagged */
} nps_trend_point;

/* The linear trend: NPS_t = a + b x_t with x_t the period's position from
 * the first period (0, 1, 2, ...; gaps count), so b is per period of the
 * series; weights n_t / V_t (the adjusted-Wald variance where V_t = 0),
 * over the periods of at least min_n that are not partial (unless
 * include_partial). se = 1 / sqrt(sum w (x - xbar)^2); z = b / se;
 * two-sided normal p; ci = b +- z_level se. Needs two such periods.
 * Scaled versions of b share its z, p and verdict: the change over the
 * span (b * span, span = x_last - x_first of the periods in the fit) and,
 * when those periods span a year or more (x_last - x_first + 1 >=
 * nps_period_per_year), b per year (b * nps_period_per_year). */
typedef struct nps_trend_slope {
  int tested;
  size_t periods;    /* periods in the fit */
  double per_period; /* b */
  double se;         /* of b */
  double z;
  double p;
  nps_interval ci;    /* of b */
  size_t first, last; /* the first and last period in the fit (indexes
                         into points) */
  double span;        /* last - first, in periods */
  double change;      /* per_period * span: the fitted change from the
                         first to the last period in the fit */
  nps_interval change_ci;
  int has_per_year; /* the fit spans a year or more */
  double per_year;  /* per_period * periods per year; NAN without */
  nps_interval per_year_ci;
  nps_verdict verdict; /* significant: p < alpha */
} nps_trend_slope;

typedef struct nps_trend nps_trend;

/* ABI: allocated and freed only by the library: read it through the
 * pointer, never declare, copy or allocate one; it may gain fields at its
 * end in a minor version (docs/api.md, "ABI policy"). */
struct nps_trend {
  const char *segment; /* the segment's key (points into the table); NULL:
                          all answers */
  size_t segment_len;
  nps_trend **segments; /* keys with segment columns: one series per
                           segment, in first-seen order; else NULL */
  size_t n_segments;
  nps_trend_point *points; /* first to last period with answers (a
                              segment: the periods of all answers) */
  size_t n_points;
  size_t n_gaps;    /* periods with no answers */
  size_t n_small;   /* periods below min_n with answers */
  size_t n_partial; /* periods marked partial */
  int64_t cadence;  /* G in days; 0: not known (fewer than two answer
                       days); segments: that of all answers */
  size_t n_tested;  /* changes tested: the family of the adjustment */
  nps_counts total;
  uint64_t missing;
  uint64_t invalid_keys;     /* skip_invalid: distinct keys left out */
  uint64_t invalid_answers;  /* and the answers they held */
  const char *first_invalid; /* the first such key (points into the table);
                                without skip_invalid, the key that failed */
  size_t first_invalid_len;
  int64_t span;             /* periods from the first to the last with
                               answers, gaps included */
  uint64_t outside_keys;    /* keys before since or after until */
  uint64_t outside_answers; /* and their answers */
  nps_trend_slope slope;
  int has_center;        /* the control center is defined */
  double center;         /* pooled NPS of all or the baseline periods */
  double center_var;     /* its per-respondent variance (adjusted if 0) */
  size_t center_periods; /* periods pooled (baseline: N, or all) */
  size_t n_out;          /* periods flagged out of control */
  /* The monitoring gate about the latest period (the last one). It asks
   * one question, so it is not the verdict of the table, whose p is
   * adjusted across the series' changes (points[last].change.verdict,
   * with its interval at the matched level): the two can differ. */
  int latest_drop;    /* its change is tested, negative and p < alpha: its
                         own p for all answers (the gate asks one
                         question); for segments, the p adjusted (by
                         options.adjust) across the segments' latest
                         changes, in latest_p */
  double latest_p;    /* the p latest_drop used; NAN: no change tested */
  int latest_outside; /* out_of_control of the last period */
  nps_trend_options options; /* as given, defaults filled in */
};

/* Analyses table t keyed by the date column, then any segment columns
 * (see above); t is not changed. *out receives a result to free with
 * nps_trend_free. Returns NPS_OK; NPS_EEMPTY when no period has answers;
 * NPS_EINVAL for a bad option (*out NULL); NPS_EINVAL with *out returned
 * and first_invalid set (and err->key) when a key is not a date and
 * skip_invalid is off; NPS_EGROUPS with *out returned and span set (and
 * err->count) when the dates span more than NPS_TREND_MAX_PERIODS periods;
 * NPS_ENOMEM; an estimator's failure (*out NULL). err (nps_run_error,
 * status.h) may be NULL. */
NPS_API nps_status nps_trend_run(const nps_table *t,
                                 const nps_trend_options *opt, nps_trend **out,
                                 nps_run_error *err);

/* A group map for the reader (nps_csvin_options.group_map, csvin.h) that
 * checks the date column while reading, so that a bad date is an error
 * with its line, and that keeps one key per day: ctx is the
 * nps_trend_options the table will be analysed with (its period and
 * date_format). Group column 0 is the date: a date or date-time becomes
 * its day YYYY-MM-DD, a period label that the period can hold stays as
 * written (spaces trimmed); anything else, a blank cell included, is
 * rejected (nonzero). Other columns pass as written. */
NPS_API int nps_trend_key_map(size_t k, const char *cell, size_t len, char *out,
                              size_t *out_len, void *ctx);

/* Frees r. nps_trend_free(NULL) is a no-op. */
NPS_API void nps_trend_free(nps_trend *r);

#ifdef __cplusplus
}
#endif
#endif
