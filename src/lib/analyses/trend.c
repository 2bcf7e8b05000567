/*
 * trend.c - the trend analysis (trend.h): date keys bucketed into periods,
 * each period's estimate and interval, the change from the period before
 * with its Wald z test and matched interval, the adjustment across those
 * changes, the partial periods, the weighted least-squares slope per
 * period (over the span, per year) and the control limits. Formulas:
 * docs/methods.md, "Trend".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "internal.h"
#include "nps/trend.h"

void nps_trend_options_init(nps_trend_options *opt) {
  *opt = (nps_trend_options){.period = NPS_PERIOD_MONTH,
                             .since = INT64_MIN,
                             .until = INT64_MAX,
                             .ci = NPS_CI_DEFAULT,
                             .level = 0.95,
                             .replicates = NPS_BOOT_DEFAULT_REPLICATES,
                             .min_n = NPS_TREND_MIN_N,
                             .adjust = NPS_MULTI_HOLM};
}

/* ---- bucketing ------------------------------------------------------ */

int nps_trend_key_map(size_t k, const char *cell, size_t len, char *out,
                      size_t *out_len, void *ctx) {
  const nps_trend_options *o = ctx;
  int64_t day, index;
  if (k != 0) {
    if (len)
      memcpy(out, cell, len);
    *out_len = len;
    return 0;
  }
  if (nps_date_parse(cell, len, o->date_format, &day) == NPS_OK) {
    nps_period_label(NPS_PERIOD_DAY, day, out, NPS_PERIOD_LABEL_SIZE);
    *out_len = strlen(out);
    return 0;
  }
  if (nps_period_bucket(cell, len, o->date_format, o->period, &index, NULL) !=
      NPS_OK)
    return -1;
  while (len && *cell == ' ')
    cell++, len--;
  while (len && cell[len - 1] == ' ')
    len--;
  if (len)
    memcpy(out, cell, len);
  *out_len = len;
  return 0;
}

static void add_counts(nps_counts *a, const nps_counts *b) {
  a->promoters += b->promoters;
  a->passives += b->passives;
  a->detractors += b->detractors;
}

/* The segment part of a key: the components after the date; 0 when the
 * key has none. */
static int segment_of(const nps_group *g, const char **s, size_t *len) {
  const char *sep = memchr(g->key, NPS_KEY_SEP, g->key_len);
  if (!sep)
    return 0;
  *s = sep + 1;
  *len = g->key_len - (size_t)(*s - g->key);
  return 1;
}

/* Whether group g belongs to the series r: every group for all answers,
 * else the groups of r's segment. */
static int in_series(const nps_trend *r, const nps_group *g) {
  const char *s;
  size_t len;
  if (!r->segment)
    return 1;
  return segment_of(g, &s, &len) && len == r->segment_len &&
         memcmp(s, r->segment, len) == 0;
}

/* Where group g goes: 0 with its period, 1 when it is outside
 * since..until, -1 when its date is not a date. */
static int place(const nps_trend_options *o, const nps_group *g,
                 int64_t *index) {
  int64_t first;
  const char *d;
  size_t len;
  nps_key_part(g->key, g->key_len, 0, &d, &len);
  nps_status st =
      nps_period_bucket(d, len, o->date_format, o->period, index, &first);
  if (st != NPS_OK && o->date_format) /* a day as nps_trend_key_map keeps it */
    st = nps_period_bucket(d, len, NULL, o->period, index, &first);
  if (st != NPS_OK)
    return -1;
  return first < o->since || first > o->until;
}

/* The first and last period with answers; tallies bad and outside keys. */
static nps_status scan(nps_trend *r, const nps_table *t, int64_t *lo,
                       int64_t *hi) {
  *lo = INT64_MAX, *hi = INT64_MIN;
  for (size_t i = 0; i < nps_table_size(t); i++) {
    const nps_group *g = nps_table_group(t, i);
    if (!in_series(r, g))
      continue;
    uint64_t n = nps_hist_total(&g->hist);
    int64_t index;
    int where = place(&r->options, g, &index);
    if (where < 0) {
      if (!r->first_invalid)
        r->first_invalid = g->key, r->first_invalid_len = g->key_len;
      if (!r->options.skip_invalid)
        return NPS_EINVAL;
      r->invalid_keys++;
      r->invalid_answers += n;
    } else if (where > 0) {
      r->outside_keys++;
      r->outside_answers += n;
    } else if (n > 0) {
      *lo = index < *lo ? index : *lo;
      *hi = index > *hi ? index : *hi;
    }
  }
  return NPS_OK;
}

/* Whether group g's date is a day (not a period label): *day receives it. */
static int key_day(const nps_trend_options *o, const nps_group *g,
                   int64_t *day) {
  const char *d;
  size_t len;
  nps_key_part(g->key, g->key_len, 0, &d, &len);
  return nps_date_parse(d, len, NULL, day) == NPS_OK ||
         (o->date_format &&
          nps_date_parse(d, len, o->date_format, day) == NPS_OK);
}

/* Merges every key's histogram into its period, lo..hi; with days (room
 * for one per group, NULL for a segment), the days with answers in *n_days
 * and each period's first and last of them (first_day > last_day: a label
 * among its keys). */
static nps_status bucket(nps_trend *r, const nps_table *t, int64_t lo,
                         int64_t *days, size_t *n_days) {
  for (size_t k = 0; k < r->n_points; k++)
    r->points[k].first_day = INT64_MAX, r->points[k].last_day = INT64_MIN;
  for (size_t i = 0; i < nps_table_size(t); i++) {
    const nps_group *g = nps_table_group(t, i);
    int64_t index, day;
    nps_counts c = nps_hist_counts(&g->hist);
    if (!in_series(r, g) || place(&r->options, g, &index) != 0)
      continue;
    r->missing += g->missing;
    if (index < lo || index - lo >= (int64_t)r->n_points)
      continue; /* only missing answers, outside the periods */
    nps_trend_point *p = &r->points[index - lo];
    add_counts(&p->counts, &c);
    add_counts(&r->total, &c);
    p->missing += g->missing;
    p->dates++;
    if (!days || nps_counts_total(&c) == 0 || p->coverage_known < 0)
      continue;
    if (!key_day(&r->options, g, &day)) {
      p->coverage_known = -1; /* a label: not judged */
      continue;
    }
    days[(*n_days)++] = day;
    p->first_day = day < p->first_day ? day : p->first_day;
    p->last_day = day > p->last_day ? day : p->last_day;
  }
  for (size_t k = 0; k < r->n_points; k++) {
    nps_trend_point *p = &r->points[k];
    p->index = lo + (int64_t)k;
    nps_period_label(r->options.period, p->index, p->label, sizeof p->label);
    int64_t first = nps_period_first_day(r->options.period, p->index);
    p->period_days =
        nps_period_first_day(r->options.period, p->index + 1) - first;
    p->covered_days = p->period_days;
  }
  return NPS_OK;
}

/* ---- partial periods ------------------------------------------------ */

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* G: the 90th percentile (inverse empirical distribution: the smallest gap
 * that at least 90% of the gaps do not exceed) of the gaps between
 * consecutive distinct days of days[0..n) (sorted here, reused for the
 * gaps); 0 with fewer than two distinct days. */
static int64_t cadence(int64_t *days, size_t n) {
  if (n == 0)
    return 0;
  qsort(days, n, sizeof *days, cmp_i64);
  size_t m = 0;
  for (size_t i = 1; i < n; i++)
    if (days[i] != days[i - 1])
      days[m++] = days[i] - days[i - 1]; /* m < i: not yet read */
  if (m == 0)
    return 0;
  qsort(days, m, sizeof *days, cmp_i64);
  size_t rank = (9 * m + 9) / 10; /* ceil(0.9 m), 1-based */
  return days[rank - 1];
}

/* Marks the partial periods of all answers (the rule in trend.h). */
static void mark_partial(nps_trend *r) {
  for (size_t k = 0; k < r->n_points; k++) {
    nps_trend_point *p = &r->points[k];
    int judged =
        r->cadence > 0 && p->coverage_known == 0 && p->first_day <= p->last_day;
    p->coverage_known = judged;
    if (!judged)
      continue;
    int64_t first = nps_period_first_day(r->options.period, p->index),
            last = first + p->period_days - 1;
    int64_t head = p->first_day - first, tail = last - p->last_day;
    int64_t from = head >= 2 * r->cadence ? p->first_day : first,
            to = tail >= 2 * r->cadence ? p->last_day : last;
    p->partial = from != first || to != last;
    p->covered_days = to - from + 1;
    r->n_partial += p->partial;
  }
}

/* A segment's marks: those of all answers (whole) for its periods with
 * answers. */
static void inherit_partial(nps_trend *r, const nps_trend *whole) {
  r->cadence = whole->cadence;
  for (size_t k = 0; k < r->n_points; k++) {
    nps_trend_point *p = &r->points[k];
    const nps_trend_point *w = &whole->points[k];
    p->coverage_known = 0;
    p->first_day = w->first_day, p->last_day = w->last_day;
    if (p->est.n == 0 || !w->coverage_known)
      continue;
    p->coverage_known = 1;
    p->covered_days = w->covered_days;
    p->partial = w->partial;
    r->n_partial += p->partial;
  }
}

/* Whether period p enters the tests, the slope and the control center. */
static int usable(const nps_trend *r, const nps_trend_point *p) {
  return p->base == NPS_BASE_OK && (!p->partial || r->options.include_partial);
}

/* ---- per period ----------------------------------------------------- */

static nps_status point_stats(const nps_trend_options *o, gsl_rng *rng,
                              nps_trend_point *p) {
  nps_counts_estimate(&p->counts, &p->est);
  p->est.n = nps_counts_total(&p->counts);
  p->base = p->est.n == 0         ? NPS_BASE_EMPTY
            : p->est.n < o->min_n ? NPS_BASE_BELOW
                                  : NPS_BASE_OK;
  if (p->base == NPS_BASE_EMPTY)
    return NPS_OK;
  p->seed = nps_seed_for_key(o->seed, p->label, strlen(p->label));
  gsl_rng_set(rng, p->seed);
  nps_ci_request req = {o->ci, o->level, o->replicates, rng, NULL};
  nps_status st = nps_ci_compute(&p->counts, &req, &p->ci);
  p->has_ci = st == NPS_OK;
  return st;
}

/* ---- changes -------------------------------------------------------- */

/* The Wald z test of period k against period k - 1. */
static nps_status change(nps_trend *r, size_t k) {
  nps_trend_point *p = &r->points[k], *q = &r->points[k - 1];
  if (!usable(r, p) || !usable(r, q))
    return NPS_OK;
  nps_trend_change *c = &p->change;
  nps_status st = nps_test2_wald(&p->counts, &q->counts, NPS_ALT_TWO_SIDED,
                                 r->options.level, &c->test);
  if (st != NPS_OK)
    return st;
  c->tested = c->test.se > 0.0;
  return NPS_OK;
}

/* The interval at 1 - alpha p / p_adjusted and the verdict. */
static void finish_change(nps_trend_change *c, double level) {
  double alpha = 1.0 - level, p = c->test.p, q = c->p_adjusted;
  c->ci_level = nps_multi_matched_level(level, p, q);
  double z = nps_z_for_level(c->ci_level);
  c->ci = (nps_interval){c->test.diff - z * c->test.se,
                         c->test.diff + z * c->test.se};
  c->verdict = (nps_verdict){
      1,  q < alpha,         (c->test.diff > 0.0) - (c->test.diff < 0.0),
      q,  NPS_CONFLICT_NONE, NPS_TEST2_WALD,
      NAN};
}

static nps_status changes(nps_trend *r) {
  size_t n = r->n_points;
  double *p = malloc((n ? n : 1) * sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  nps_status st = NPS_OK;
  for (size_t k = 0; k < n && st == NPS_OK; k++) {
    if (k > 0)
      st = change(r, k);
    p[k] = r->points[k].change.tested ? r->points[k].change.test.p : NAN;
    r->n_tested += r->points[k].change.tested;
  }
  if (st == NPS_OK)
    st = nps_multi_adjust(r->options.adjust, p, n, p);
  for (size_t k = 0; k < n && st == NPS_OK; k++) {
    nps_trend_change *c = &r->points[k].change;
    if (!c->tested)
      continue;
    c->p_adjusted = p[k];
    finish_change(c, r->options.level);
  }
  free(p);
  return st;
}

/* ---- slope and control limits ---------------------------------------- */

/* The per-respondent variance of c, the adjusted-Wald one where it is 0
 * (as the omnibus weights, multi.h). */
static double variance(const nps_counts *c) {
  double p, a, d, n;
  nps_counts_as_double(c, &p, &a, &d, &n);
  double theta = (p - d) / n, v = p / n + d / n - theta * theta;
  if (v > 0.0)
    return v;
  double m = n + 3.0, pp = (p + 0.75) / m, pd = (d + 0.75) / m;
  return pp + pd - (pp - pd) * (pp - pd);
}

static void slope(nps_trend *r) {
  nps_trend_slope *s = &r->slope;
  double sw = 0, swx = 0, swy = 0;
  for (size_t k = 0; k < r->n_points; k++) {
    const nps_trend_point *p = &r->points[k];
    if (!usable(r, p))
      continue;
    double w = (double)p->est.n / variance(&p->counts), x = (double)k;
    sw += w, swx += w * x, swy += w * p->est.nps;
    if (!s->periods++)
      s->first = k;
    s->last = k;
  }
  s->per_year = NAN;
  if (s->periods < 2)
    return;
  double xbar = swx / sw, ybar = swy / sw, sxx = 0, sxy = 0;
  for (size_t k = 0; k < r->n_points; k++) {
    const nps_trend_point *p = &r->points[k];
    if (!usable(r, p))
      continue;
    double w = (double)p->est.n / variance(&p->counts);
    double dx = (double)k - xbar;
    sxx += w * dx * dx, sxy += w * dx * (p->est.nps - ybar);
  }
  s->tested = 1;
  s->per_period = sxy / sxx;
  s->se = 1.0 / sqrt(sxx);
  s->z = s->per_period / s->se;
  s->p = 2.0 * gsl_cdf_ugaussian_Q(fabs(s->z));
  double z = nps_z_for_level(r->options.level);
  s->ci = (nps_interval){s->per_period - z * s->se, s->per_period + z * s->se};
  s->span = (double)(s->last - s->first);
  s->change = s->per_period * s->span;
  s->change_ci = (nps_interval){s->ci.lo * s->span, s->ci.hi * s->span};
  double per_year = nps_period_per_year(r->options.period);
  s->has_per_year = s->span + 1.0 >= per_year;
  if (s->has_per_year) {
    s->per_year = s->per_period * per_year;
    s->per_year_ci = (nps_interval){s->ci.lo * per_year, s->ci.hi * per_year};
  }
  s->verdict = (nps_verdict){1,
                             s->p < 1.0 - r->options.level,
                             (s->per_period > 0) - (s->per_period < 0),
                             s->p,
                             NPS_CONFLICT_NONE,
                             NPS_TEST2_WALD,
                             NAN};
}

/* center +- 3 sqrt(V_center / n_t), clipped to [-1, 1] (which changes no
 * flag); V_center from the pooled counts. */
static void limits(nps_trend *r) {
  size_t m = r->options.baseline ? r->options.baseline : r->n_points;
  if (m > r->n_points)
    m = r->n_points;
  nps_counts pool = {0, 0, 0};
  size_t pooled = 0;
  for (size_t k = 0; k < m; k++)
    if (!r->points[k].partial || r->options.include_partial) {
      add_counts(&pool, &r->points[k].counts);
      pooled++;
    }
  if (nps_counts_total(&pool) == 0)
    return;
  nps_estimate e;
  nps_counts_estimate(&pool, &e);
  r->has_center = 1;
  r->center = e.nps;
  r->center_var = variance(&pool);
  r->center_periods = pooled;
  for (size_t k = 0; k < r->n_points; k++) {
    nps_trend_point *p = &r->points[k];
    if (p->est.n == 0)
      continue;
    double h = NPS_TREND_SIGMAS * sqrt(r->center_var / (double)p->est.n);
    p->has_limits = 1;
    p->limits =
        (nps_interval){fmax(r->center - h, -1.0), fmin(r->center + h, 1.0)};
    if (usable(r, p))
      p->out_of_control = p->est.nps > p->limits.hi   ? 1
                          : p->est.nps < p->limits.lo ? -1
                                                      : 0;
    r->n_out += p->out_of_control != 0;
  }
}

/* ---- the whole analysis --------------------------------------------- */

/* The series r over the periods lo..hi of its answers, or (a segment) of
 * whole's. */
static nps_status analyse(nps_trend *r, const nps_table *t,
                          const nps_trend *whole) {
  int64_t lo, hi;
  nps_status st = scan(r, t, &lo, &hi);
  if (st != NPS_OK || lo > hi)
    return st != NPS_OK ? st : NPS_EEMPTY;
  if (whole)
    lo = whole->points[0].index, hi = whole->points[whole->n_points - 1].index;
  r->span = hi - lo + 1;
  if (r->span > NPS_TREND_MAX_PERIODS)
    return NPS_EGROUPS;
  r->n_points = (size_t)r->span;
  r->points = calloc(r->n_points, sizeof *r->points);
  size_t n_days = 0;
  int64_t *days = whole ? NULL : malloc((nps_table_size(t) + 1) * sizeof *days);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  st = r->points && rng && (days || whole) ? bucket(r, t, lo, days, &n_days)
                                           : NPS_ENOMEM;
  if (st == NPS_OK && !whole) {
    r->cadence = cadence(days, n_days);
    mark_partial(r);
  }
  free(days);
  for (size_t k = 0; k < r->n_points && st == NPS_OK; k++) {
    st = point_stats(&r->options, rng, &r->points[k]);
    r->n_gaps += r->points[k].base == NPS_BASE_EMPTY;
    r->n_small += r->points[k].base == NPS_BASE_BELOW;
  }
  gsl_rng_free(rng);
  if (st == NPS_OK && whole)
    inherit_partial(r, whole);
  if (st == NPS_OK)
    st = changes(r);
  if (st != NPS_OK)
    return st;
  slope(r);
  limits(r);
  const nps_trend_point *last = &r->points[r->n_points - 1];
  r->latest_p = last->change.tested ? last->change.test.p : NAN;
  r->latest_drop = last->change.tested && last->change.test.diff < 0.0 &&
                   r->latest_p < 1.0 - r->options.level;
  r->latest_outside = last->out_of_control;
  return NPS_OK;
}

/* ---- segments ------------------------------------------------------- */

/* Whether segment s is among the first n of r->segments. */
static int known(const nps_trend *r, const char *s, size_t len) {
  for (size_t i = 0; i < r->n_segments; i++)
    if (r->segments[i]->segment_len == len &&
        memcmp(r->segments[i]->segment, s, len) == 0)
      return 1;
  return 0;
}

static nps_status add_segment(nps_trend *r, const nps_table *t, const char *s,
                              size_t len) {
  nps_trend *q = calloc(1, sizeof *q);
  if (!q)
    return NPS_ENOMEM;
  q->options = r->options;
  q->segment = s, q->segment_len = len;
  r->segments[r->n_segments++] = q;
  nps_status st = analyse(q, t, r);
  if (st == NPS_EEMPTY) { /* no dated answers in the periods: left out */
    nps_trend_free(q);
    r->n_segments--;
    st = NPS_OK;
  }
  return st;
}

/* The latest changes of the segments adjusted together: latest_p and
 * latest_drop from the adjusted p. */
static nps_status segment_gates(nps_trend *r) {
  double *p = malloc((r->n_segments ? r->n_segments : 1) * sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  for (size_t i = 0; i < r->n_segments; i++)
    p[i] = r->segments[i]->latest_p;
  nps_status st = nps_multi_adjust(r->options.adjust, p, r->n_segments, p);
  for (size_t i = 0; i < r->n_segments && st == NPS_OK; i++) {
    nps_trend *q = r->segments[i];
    const nps_trend_point *last = &q->points[q->n_points - 1];
    q->latest_p = p[i];
    q->latest_drop = !isnan(p[i]) && last->change.test.diff < 0.0 &&
                     p[i] < 1.0 - r->options.level;
  }
  free(p);
  return st;
}

/* One series per distinct segment part of the keys, in first-seen order. */
static nps_status segments(nps_trend *r, const nps_table *t) {
  size_t n = nps_table_size(t);
  nps_status st = NPS_OK;
  for (size_t i = 0; i < n && st == NPS_OK; i++) {
    const char *s;
    size_t len;
    const nps_group *g = nps_table_group(t, i);
    if (!segment_of(g, &s, &len) || known(r, s, len))
      continue;
    if (!r->segments && !(r->segments = calloc(n, sizeof *r->segments)))
      return NPS_ENOMEM;
    st = add_segment(r, t, s, len);
  }
  return st == NPS_OK && r->n_segments ? segment_gates(r) : st;
}

static int options_ok(const nps_trend_options *o) {
  return nps_level_valid(o->level) && o->replicates != 1 &&
         o->period <= NPS_PERIOD_YEAR && o->since <= o->until &&
         (!o->date_format || nps_date_format_check(o->date_format) == NPS_OK);
}

nps_status nps_trend_run(const nps_table *t, const nps_trend_options *opt,
                         nps_trend **out, nps_run_error *err) {
  *out = NULL;
  nps_run_error_clear(err);
  if (!t || !opt || !options_ok(opt))
    return NPS_EINVAL;
  nps_trend *r = calloc(1, sizeof *r);
  if (!r)
    return NPS_ENOMEM;
  r->options = *opt;
  if (!r->options.replicates)
    r->options.replicates = NPS_BOOT_DEFAULT_REPLICATES;
  nps_status st = analyse(r, t, NULL);
  if (st == NPS_OK)
    st = segments(r, t);
  if (st == NPS_OK || st == NPS_EEMPTY || st == NPS_EGROUPS ||
      (st == NPS_EINVAL && r->first_invalid)) {
    if (err && st == NPS_EINVAL)
      err->key = r->first_invalid, err->key_len = r->first_invalid_len;
    if (err && st == NPS_EGROUPS && r->span > 0)
      err->count = (uint64_t)r->span;
    *out = r;
    return st;
  }
  nps_trend_free(r);
  return st;
}

void nps_trend_free(nps_trend *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->n_segments; i++)
    nps_trend_free(r->segments[i]);
  free(r->segments);
  free(r->points);
  free(r);
}
