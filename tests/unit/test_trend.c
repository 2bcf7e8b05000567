/*
 * test_trend.c - the trend analysis: bucketing date keys into periods,
 * gaps, the period-to-period Wald changes with Holm across the series and
 * their matched intervals, the weighted least-squares slope per period
 * (over the span, per year only over a year), partial periods from the
 * days of the answers, control limits from all periods and from a
 * baseline, invalid and out-of-range keys, the monitoring flags.
 *
 * Expected values: tests/unit/scripts/trend_reference.py (Python standard
 * library), run as /usr/bin/python3 tests/unit/scripts/trend_reference.py.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "nps/csvin.h"
#include "nps/trend.h"
#include "nps_test.h"

#define TOL 1e-12

static void add(nps_table *t, const char *key, uint64_t p, uint64_t a,
                uint64_t d) {
  if (p)
    assert_int_equal(nps_table_add(t, key, strlen(key), 10, p), NPS_OK);
  if (a)
    assert_int_equal(nps_table_add(t, key, strlen(key), 7, a), NPS_OK);
  if (d)
    assert_int_equal(nps_table_add(t, key, strlen(key), 3, d), NPS_OK);
}

/* The reference months (P, A, D): Jan (40, 30, 30), Feb (50, 30, 20),
 * Mar empty, Apr (30, 40, 30), May (60, 25, 15), Jun (70, 20, 10), given
 * as several days, a date-time and a month label. */
static nps_table *reference_table(void) {
  nps_table *t = nps_table_new(0);
  assert_non_null(t);
  add(t, "2025-01-02", 10, 10, 10);
  add(t, "2025-01-31T23:59:00-08:00", 30, 20, 20);
  add(t, "2025-02-14", 50, 30, 20);
  add(t, "2025-04", 30, 40, 30);
  add(t, "2025-05-01", 60, 0, 0);
  add(t, "2025-05-31", 0, 25, 15);
  add(t, "2025-06-30", 70, 20, 10);
  return t;
}

static nps_trend *run(const nps_table *t, const nps_trend_options *o,
                      nps_status want) {
  nps_trend *r = NULL;
  assert_int_equal(nps_trend_run(t, o, &r, NULL), want);
  return r;
}

static void test_bucketing_and_changes(void **state) {
  (void)state;
  nps_table *t = reference_table();
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_trend *r = run(t, &o, NPS_OK);
  assert_int_equal(r->n_points, 6);
  assert_int_equal(r->n_gaps, 1);
  assert_string_equal(r->points[0].label, "2025-01");
  assert_string_equal(r->points[2].label, "2025-03");
  assert_int_equal(r->points[2].est.n, 0);
  assert_int_equal(r->points[2].base, NPS_BASE_EMPTY);
  assert_int_equal(r->points[0].dates, 2);
  assert_int_equal(r->points[0].counts.promoters, 40);
  assert_int_equal(r->points[4].counts.detractors, 15);
  /* no change into or out of the gap: three tests in the family */
  assert_int_equal(r->n_tested, 3);
  assert_false(r->points[2].change.tested);
  assert_false(r->points[3].change.tested);
  static const struct {
    size_t k;
    double diff, se, p, q, lo, hi;
  } want[] = {
      {1, 0.19999999999999998, 0.11401754250991379, 0.079410625998942289,
       0.15882125199788458, -0.055559230776533713, 0.45555923077653371},
      {4, 0.45000000000000001, 0.10712142642814275, 2.6592618550786606e-05,
       7.9777855652359817e-05, 0.19355346900328152, 0.7064465309967185},
      {5, 0.14999999999999997, 0.099373034571758945, 0.13118029537394293,
       0.15882125199788458, -0.052773132458270561, 0.35277313245827047},
  };
  for (size_t i = 0; i < 3; i++) {
    const nps_trend_change *c = &r->points[want[i].k].change;
    assert_true(c->tested);
    assert_double_near(c->test.diff, want[i].diff, TOL);
    assert_double_near(c->test.se, want[i].se, TOL);
    assert_double_near(c->test.p, want[i].p, 1e-10);
    assert_double_near(c->p_adjusted, want[i].q, 1e-10);
    assert_double_near(c->ci.lo, want[i].lo, 1e-9);
    assert_double_near(c->ci.hi, want[i].hi, 1e-9);
    /* the interval excludes 0 exactly when the adjusted p is below 5% */
    assert_int_equal(c->verdict.significant, c->ci.lo > 0 || c->ci.hi < 0);
  }
  assert_true(r->points[4].change.verdict.significant);
  assert_false(r->points[5].change.verdict.significant);
  assert_false(r->latest_drop);
  nps_trend_free(r);
  nps_table_free(t);
}

static void test_slope_and_limits(void **state) {
  (void)state;
  nps_table *t = reference_table();
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_trend *r = run(t, &o, NPS_OK);
  assert_true(r->slope.tested);
  assert_int_equal(r->slope.periods, 5);
  /* per month; the fit spans Jan..Jun (5 months), less than a year */
  assert_double_near(r->slope.per_period, 0.083409505870018011, 1e-12);
  assert_double_near(r->slope.se, 0.018154684437465995, 1e-12);
  assert_double_near(r->slope.p, 4.3403932464106825e-06, 1e-12);
  assert_int_equal(r->slope.first, 0);
  assert_int_equal(r->slope.last, 5);
  assert_double_near(r->slope.span, 5.0, 0);
  assert_double_near(r->slope.change, 0.41704752935009004, 1e-12);
  assert_double_near(r->slope.change_ci.lo, 0.23913489110947428, 1e-9);
  assert_double_near(r->slope.change_ci.hi, 0.5949601675907058, 1e-9);
  assert_false(r->slope.has_per_year);
  assert_true(isnan(r->slope.per_year));
  /* the days of the reference do not give a cadence short enough to mark
   * any month partial: gaps 29, 14, 76, 30, 30 days (the April label has
   * no day), G = 76 */
  assert_int_equal(r->cadence, 76);
  assert_int_equal(r->n_partial, 0);
  assert_true(r->points[0].coverage_known);
  assert_false(r->points[3].coverage_known);
  assert_true(r->has_center);
  assert_double_near(r->center, 0.29, TOL);
  assert_double_near(r->center_var, 0.6259, TOL);
  assert_double_near(r->points[0].limits.lo, 0.052658473924178162, TOL);
  assert_double_near(r->points[0].limits.hi, 0.52734152607582185, TOL);
  assert_false(r->points[2].has_limits);
  assert_int_equal(r->points[3].out_of_control, -1);
  assert_int_equal(r->points[4].out_of_control, 0);
  assert_int_equal(r->points[5].out_of_control, 1);
  assert_int_equal(r->n_out, 2);
  assert_int_equal(r->latest_outside, 1);
  nps_trend_free(r);

  o.baseline = 2;
  r = run(t, &o, NPS_OK);
  assert_double_near(r->center, 0.2, TOL);
  assert_double_near(r->center_var, 0.66, TOL);
  assert_double_near(r->points[3].limits.lo, -0.043721152139078789, TOL);
  assert_int_equal(r->points[3].out_of_control, 0);
  assert_int_equal(r->points[4].out_of_control, 1);
  assert_int_equal(r->center_periods, 2);
  nps_trend_free(r);
  nps_table_free(t);
}

/* Twelve months with NPS 0.10 + 0.02 k exactly (P = 40 + k, A = 30,
 * D = 30 - k): the weighted fit is exact, 2 points a month, 22 over the 11
 * months of the span, and, as the months span a year, 24 a year
 * (trend_reference.py, "twelve months"). */
static void test_slope_units(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  assert_non_null(t);
  for (int k = 0; k < 12; k++) {
    char key[16];
    snprintf(key, sizeof key, "2024-%02d-15", k + 1);
    add(t, key, 40 + (uint64_t)k, 30, 30 - (uint64_t)k);
  }
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_trend *r = run(t, &o, NPS_OK);
  assert_true(r->slope.tested);
  assert_double_near(r->slope.per_period, 0.02, 1e-12);
  assert_double_near(r->slope.se, 0.0067230545073443454, 1e-12);
  assert_double_near(r->slope.span, 11.0, 0);
  assert_double_near(r->slope.change, 0.22, 1e-12);
  assert_double_near(r->slope.change_ci.lo, 0.075053608294559468, 1e-9);
  assert_double_near(r->slope.change_ci.hi, 0.36494639170544046, 1e-9);
  assert_true(r->slope.has_per_year);
  assert_double_near(r->slope.per_year, 0.24, 1e-12);
  assert_double_near(r->slope.per_year_ci.lo, 12.0 * (r->slope.ci.lo), 1e-12);
  nps_trend_free(r);
  /* the first eleven months span less than a year: no per-year figure */
  o.until = 0;
  assert_int_equal(nps_date_from_ymd(2024, 11, 30, &o.until), NPS_OK);
  r = run(t, &o, NPS_OK);
  assert_double_near(r->slope.span, 10.0, 0);
  assert_false(r->slope.has_per_year);
  nps_trend_free(r);
  nps_table_free(t);
}

/* Adds (2, 1, 1) on every day from..to (ISO dates), weekdays only when
 * asked (1970-01-01, day 0, was a Thursday). */
static void add_days(nps_table *t, const char *from, const char *to,
                     int weekdays, const char *segment) {
  int64_t a, b;
  assert_int_equal(nps_date_parse(from, strlen(from), NULL, &a), NPS_OK);
  assert_int_equal(nps_date_parse(to, strlen(to), NULL, &b), NPS_OK);
  for (int64_t d = a; d <= b; d++) {
    int wd = (int)(((d % 7) + 7 + 3) % 7); /* 0 Monday .. 6 Sunday */
    if (weekdays && wd >= 5)
      continue;
    char key[64];
    nps_period_label(NPS_PERIOD_DAY, d, key, sizeof key);
    if (segment)
      snprintf(key + strlen(key), sizeof key - strlen(key), "\x1f%s", segment);
    add(t, key, 2, 1, 1);
  }
}

/* Partial periods (trend.h's rule), against trend_reference.py's
 * "partial" lines. Daily answers 2025-01-10..2025-03-20: G = 1, January
 * covers 22 of its 31 days and March 20 of 31, both partial; February is
 * whole. They are left out of the changes, the slope and the control
 * center, and kept in with include_partial (still marked). */
static void test_partial_daily(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  assert_non_null(t);
  add_days(t, "2025-01-10", "2025-03-20", 0, NULL);
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_trend *r = run(t, &o, NPS_OK);
  assert_int_equal(r->n_points, 3);
  assert_int_equal(r->cadence, 1);
  assert_int_equal(r->n_partial, 2);
  static const int part[3] = {1, 0, 1};
  static const int64_t days[3] = {31, 28, 31}, covered[3] = {22, 28, 20};
  for (size_t k = 0; k < 3; k++) {
    assert_true(r->points[k].coverage_known);
    assert_int_equal(r->points[k].partial, part[k]);
    assert_int_equal(r->points[k].period_days, days[k]);
    assert_int_equal(r->points[k].covered_days, covered[k]);
  }
  assert_int_equal(r->n_tested, 0);
  assert_false(r->points[1].change.tested);
  assert_false(r->points[2].change.tested);
  assert_false(r->slope.tested);
  assert_int_equal(r->slope.periods, 1);
  assert_int_equal(r->center_periods, 1);
  assert_int_equal(r->points[0].out_of_control, 0);
  /* the center is February's NPS, (2 - 1) / 4 per day */
  assert_double_near(r->center, 0.25, TOL);
  nps_trend_free(r);

  o.include_partial = 1;
  r = run(t, &o, NPS_OK);
  assert_int_equal(r->n_partial, 2);
  assert_true(r->points[2].partial);
  assert_int_equal(r->n_tested, 2);
  assert_true(r->points[2].change.tested);
  assert_true(r->slope.tested);
  assert_int_equal(r->slope.periods, 3);
  assert_int_equal(r->center_periods, 3);
  nps_trend_free(r);

  /* a segment takes the marks of all answers */
  nps_table *u = nps_table_new(0);
  add_days(u, "2025-01-10", "2025-03-20", 0, "app");
  add_days(u, "2025-02-01", "2025-03-20", 0, "web");
  nps_trend_options_init(&o);
  r = run(u, &o, NPS_OK);
  assert_int_equal(r->n_segments, 2);
  const nps_trend *web = r->segments[1];
  assert_int_equal(web->points[0].est.n, 0);
  assert_false(web->points[0].partial);
  assert_false(web->points[1].partial); /* starts on the 1st */
  assert_true(web->points[2].partial);
  assert_int_equal(web->points[2].covered_days, 20);
  assert_int_equal(web->n_partial, 1);
  nps_trend_free(r);
  nps_table_free(u);
  nps_table_free(t);
}

/* Weekday answers (no weekends): G = 3, so a month that starts on a
 * Saturday with its first answer on Monday is whole. Up to Friday
 * 2025-03-28 March is whole (Monday the 31st without answers); up to
 * Friday 2025-03-21 it covers 21 of 31 days. */
static void test_partial_weekdays(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  assert_non_null(t);
  add_days(t, "2025-02-03", "2025-03-28", 1, NULL);
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_trend *r = run(t, &o, NPS_OK);
  assert_int_equal(r->cadence, 3);
  assert_int_equal(r->n_partial, 0);
  assert_int_equal(r->points[1].covered_days, 31);
  assert_true(r->points[1].change.tested);
  nps_trend_free(r);
  assert_int_equal(nps_date_from_ymd(2025, 3, 21, &o.until), NPS_OK);
  r = run(t, &o, NPS_OK);
  assert_int_equal(r->cadence, 3);
  assert_int_equal(r->n_partial, 1);
  assert_false(r->points[0].partial);
  assert_true(r->points[1].partial);
  assert_int_equal(r->points[1].covered_days, 21);
  assert_false(r->points[1].change.tested);
  assert_true(isnan(r->latest_p));
  assert_false(r->latest_drop);
  nps_trend_free(r);
  nps_table_free(t);

  /* one day of answers: no cadence, nothing judged; a month label among
   * a month's keys: that month is not judged */
  t = nps_table_new(0);
  add(t, "2025-01-20", 40, 30, 30);
  nps_trend_options_init(&o);
  r = run(t, &o, NPS_OK);
  assert_int_equal(r->cadence, 0);
  assert_false(r->points[0].coverage_known);
  assert_false(r->points[0].partial);
  nps_trend_free(r);
  add_days(t, "2025-02-10", "2025-02-12", 0, NULL);
  add(t, "2025-02", 10, 0, 0);
  r = run(t, &o, NPS_OK);
  assert_int_equal(r->cadence, 21); /* gaps 21, 1, 1 */
  assert_true(r->points[0].coverage_known);
  assert_false(r->points[1].coverage_known);
  assert_false(r->points[1].partial);
  nps_trend_free(r);
  nps_table_free(t);
}

/* A fall in the last period: 60/20/20 then 30/30/40 (diff -0.5, far
 * beyond 1.96 SE) sets latest_drop; a period below min_n is not tested. */
static void test_drop_and_small(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  assert_non_null(t);
  add(t, "2025-W01", 60, 20, 20);
  add(t, "2025-01-08", 30, 30, 40);
  nps_trend_options o;
  nps_trend_options_init(&o);
  o.period = NPS_PERIOD_WEEK;
  nps_trend *r = run(t, &o, NPS_OK);
  assert_int_equal(r->n_points, 2);
  assert_string_equal(r->points[1].label, "2025-W02");
  assert_true(r->latest_drop);
  assert_double_near(r->points[1].change.p_adjusted, r->points[1].change.test.p,
                     0);
  nps_trend_free(r);
  o.min_n = 101;
  r = run(t, &o, NPS_OK);
  assert_int_equal(r->n_small, 2);
  assert_false(r->points[1].change.tested);
  assert_false(r->slope.tested);
  assert_int_equal(r->n_out, 0);
  assert_false(r->latest_drop);
  nps_trend_free(r);
  nps_table_free(t);
}

static void test_invalid_and_range(void **state) {
  (void)state;
  nps_table *t = reference_table();
  add(t, "2023-02-29", 5, 0, 0);
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_run_error err = {0};
  nps_trend *r = NULL;
  assert_int_equal(nps_trend_run(t, &o, &r, &err), NPS_EINVAL);
  assert_non_null(r);
  assert_int_equal(r->first_invalid_len, 10);
  assert_memory_equal(r->first_invalid, "2023-02-29", 10);
  /* the error names the same key, pointing into the table */
  assert_ptr_equal(err.key, r->first_invalid);
  assert_int_equal(err.key_len, 10);
  assert_int_equal(err.sample, -1);
  assert_int_equal(err.count, 0);
  nps_trend_free(r);
  o.skip_invalid = 1;
  r = run(t, &o, NPS_OK);
  assert_int_equal(r->invalid_keys, 1);
  assert_int_equal(r->invalid_answers, 5);
  assert_int_equal(r->n_points, 6);
  nps_trend_free(r);

  /* since..until keeps Feb..May (the April label stands for 1 April) */
  assert_int_equal(nps_date_from_ymd(2025, 2, 1, &o.since), NPS_OK);
  assert_int_equal(nps_date_from_ymd(2025, 5, 15, &o.until), NPS_OK);
  r = run(t, &o, NPS_OK);
  assert_string_equal(r->points[0].label, "2025-02");
  assert_int_equal(r->n_points, 4);
  assert_int_equal(r->points[3].est.n, 60);
  assert_int_equal(r->outside_keys, 4);
  nps_trend_free(r);
  nps_table_free(t);

  /* too many periods */
  t = nps_table_new(0);
  add(t, "1900-01-01", 1, 0, 0);
  add(t, "2025-01-01", 1, 0, 0);
  nps_trend_options_init(&o);
  o.period = NPS_PERIOD_DAY;
  assert_int_equal(nps_trend_run(t, &o, &r, &err), NPS_EGROUPS);
  assert_true(r->span > NPS_TREND_MAX_PERIODS);
  /* 1900-01-01..2025-01-01 inclusive: 125 years of 365 days, 31 leap
   * days (1904..2024; 1900 is none), + 1 = 45657 days (Python's datetime
   * agrees) */
  assert_int_equal(r->span, 45657);
  assert_int_equal(err.count, 45657);
  assert_null(err.key);
  nps_trend_free(r);
  nps_table_free(t);

  /* no answers, bad options */
  t = nps_table_new(0);
  nps_trend_options_init(&o);
  r = run(t, &o, NPS_EEMPTY);
  nps_trend_free(r);
  o.level = 1.5;
  assert_null(run(t, &o, NPS_EINVAL));
  nps_trend_options_init(&o);
  o.date_format = "%d";
  assert_null(run(t, &o, NPS_EINVAL));
  nps_table_free(t);
  nps_trend_free(NULL);
}

/* Segments: keys date, segment. Segment a answers in January and March
 * only (February a gap in its series), b in all three months and falls in
 * March: 60/20/20 then 30/30/40 (the drop of test_drop_and_small). Every
 * series spans the periods of all answers; b's latest change is the only
 * tested one of the segments' family, so its adjusted p is its own. */
static void test_segments(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  assert_non_null(t);
  add(t,
      "2025-01-02\x1f"
      "a",
      20, 10, 10);
  add(t,
      "2025-01-03\x1f"
      "b",
      60, 20, 20);
  add(t,
      "2025-02-03\x1f"
      "b",
      60, 20, 20);
  add(t,
      "2025-03-03\x1f"
      "a",
      30, 5, 5);
  add(t,
      "2025-03-04\x1f"
      "b",
      30, 30, 40);
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_trend *r = run(t, &o, NPS_OK);
  assert_null(r->segment);
  assert_int_equal(r->n_points, 3);
  assert_int_equal(r->points[0].counts.promoters, 80);
  assert_int_equal(r->points[2].est.n, 140);
  assert_int_equal(r->n_segments, 2);
  const nps_trend *a = r->segments[0], *b = r->segments[1];
  assert_int_equal(a->segment_len, 1);
  assert_memory_equal(a->segment, "a", 1);
  assert_int_equal(a->n_points, 3);
  assert_int_equal(a->points[1].est.n, 0);
  assert_int_equal(a->n_gaps, 1);
  assert_false(a->points[2].change.tested);
  assert_true(isnan(a->latest_p));
  assert_memory_equal(b->segment, "b", 1);
  assert_int_equal(b->points[2].counts.detractors, 40);
  assert_true(b->points[2].change.tested);
  /* the gate's p is b's own, adjusted across the segments' latest changes
   * (a has none); the table's verdict adjusts across b's two changes */
  assert_int_equal(b->n_tested, 2);
  assert_double_near(b->latest_p, b->points[2].change.test.p, 0);
  assert_true(b->points[2].change.p_adjusted > b->latest_p);
  assert_true(b->points[2].change.verdict.significant);
  assert_true(b->latest_drop);
  assert_null(a->segments);
  nps_trend_free(r);
  nps_table_free(t);
}

/* The reader with nps_trend_key_map as its group map: a date-time becomes
 * its day, a label stays, the second group column passes as written, and a
 * bad date stops the read at its line (or is skipped and counted). */
static nps_status read_mapped(const char *csv, nps_trend_options *o,
                              int skip_invalid, nps_table *t,
                              nps_csvin_report *rep, nps_csvin_error *err) {
  static const char *const cols[] = {"date", "channel"};
  nps_csvin_options c = {0};
  c.group_columns = cols;
  c.n_group_columns = 2;
  c.skip_invalid = skip_invalid;
  c.group_map = nps_trend_key_map;
  c.group_map_ctx = o;
  c.group_map_what = "a date";
  FILE *in = fmemopen((void *)csv, strlen(csv), "r");
  assert_non_null(in);
  nps_status st = nps_csvin_read(in, &c, t, rep, err);
  fclose(in);
  return st;
}

static void test_key_map_in_reader(void **state) {
  (void)state;
  const char *csv = "date,channel,score\n"
                    "2025-01-05T23:59:59-08:00,web,9\n"
                    " 2025-01-05 ,web,7\n"
                    "2025-02,app,10\n"
                    "2023-02-29,app,3\n";
  nps_trend_options o;
  nps_trend_options_init(&o);
  nps_table *t = nps_table_new(0);
  nps_csvin_report rep;
  nps_csvin_error err;
  assert_int_equal(read_mapped(csv, &o, 0, t, &rep, &err), NPS_EVALUE);
  assert_int_equal(err.line, 5);
  assert_int_equal(err.column, 1);
  assert_string_equal(err.message, "column 'date': '2023-02-29' is not a date");
  nps_table_free(t);

  t = nps_table_new(0);
  assert_int_equal(read_mapped(csv, &o, 1, t, &rep, &err), NPS_OK);
  assert_int_equal(rep.invalid, 1);
  assert_int_equal(rep.first_invalid_line, 5);
  assert_int_equal(nps_table_size(t), 2);
  const nps_group *g = nps_table_group(t, 0);
  assert_string_equal(g->key, "2025-01-05\x1fweb");
  assert_int_equal(nps_hist_total(&g->hist), 2);
  assert_string_equal(nps_table_group(t, 1)->key, "2025-02\x1f"
                                                  "app");
  nps_table_free(t);

  /* a month label cannot be bucketed into days: rejected at its line */
  o.period = NPS_PERIOD_DAY;
  t = nps_table_new(0);
  assert_int_equal(read_mapped(csv, &o, 0, t, &rep, &err), NPS_EVALUE);
  assert_int_equal(err.line, 4);
  nps_table_free(t);

  /* with a format: the reader keeps days as YYYY-MM-DD, which the analysis
   * reads back */
  const char *de = "date,channel,score\n31.01.2025,web,9\n01.02.2025,web,3\n";
  nps_trend_options_init(&o);
  o.date_format = "%d.%m.%Y";
  o.min_n = 1;
  t = nps_table_new(0);
  assert_int_equal(read_mapped(de, &o, 0, t, &rep, &err), NPS_OK);
  assert_string_equal(nps_table_group(t, 0)->key, "2025-01-31\x1fweb");
  nps_table_free(t);
  char out[NPS_CSVIN_MAP_MAX];
  size_t len = 0;
  assert_int_equal(nps_trend_key_map(0, "", 0, out, &len, &o), -1);
  assert_int_equal(nps_trend_key_map(1, "x", 1, out, &len, &o), 0);
  assert_int_equal(len, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bucketing_and_changes),
      cmocka_unit_test(test_slope_and_limits),
      cmocka_unit_test(test_drop_and_small),
      cmocka_unit_test(test_invalid_and_range),
      cmocka_unit_test(test_key_map_in_reader),
      cmocka_unit_test(test_segments),
      cmocka_unit_test(test_slope_units),
      cmocka_unit_test(test_partial_daily),
      cmocka_unit_test(test_partial_weekdays),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
