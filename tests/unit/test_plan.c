/*
 * test_plan.c - the plan analysis: sizes, detectable differences, margins,
 * the tables and curves, and the problems it reports.
 *
 * Reference values come from tests/unit/scripts/plan_reference.py, pure
 * Python (math, statistics.NormalDist) written apart from the library:
 *   python3 tests/unit/scripts/plan_reference.py
 * Tolerances: 1e-6 relative on sizes (the quantiles of GSL and Python
 * agree to about 1e-12), 1e-9 on differences solved by bisection.
 */
#include <math.h>
#include <stdlib.h>

#include "nps/plan.h"
#include "nps_test.h"

static nps_plan_options base_options(void) {
  nps_plan_options o;
  nps_plan_options_init(&o);
  o.baseline = (nps_shares){45, 30, 25};
  o.diff = 0.05;
  /* The tests below check the formulas with the change taken from
   * detractors (the reference script's shift()); test_shift_sources and
   * test_shift_any check the other sources and the default. */
  o.shift = NPS_SHIFT_DETRACTORS;
  return o;
}

static nps_plan *run_ok(const nps_plan_options *o) {
  nps_plan *p = NULL;
  nps_run_error why = {.problem = NPS_PLAN_BAD_MODE};
  assert_int_equal(nps_plan_run(o, &p, &why), NPS_OK);
  assert_int_equal(why.problem, NPS_PLAN_FINE);
  assert_non_null(p);
  return p;
}

static void assert_rel(double a, double b, double rel) {
  assert_double_near(a, b, rel * fabs(b));
}

static void test_defaults(void **state) {
  (void)state;
  nps_plan_options o;
  nps_plan_options_init(&o);
  assert_int_equal(o.mode, NPS_PLAN_SIZE);
  assert_double_near(o.alpha, 0.05, 0);
  assert_double_near(o.power, 0.8, 0);
  assert_double_near(o.ratio, 1.0, 0);
  assert_int_equal(o.alternative, NPS_ALT_TWO_SIDED);
  assert_int_equal(o.paired, 0);
  assert_int_equal(o.shift, NPS_SHIFT_ANY);
  nps_plan_free(NULL);
}

/* 45/30/25, 5 points: V1 = 0.66, shifted 47.5/30/22.5 V2 = 0.6375. */
static void test_size(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  nps_plan *p = run_ok(&o);
  assert_double_near(p->baseline.var, 0.66, 1e-12);
  assert_double_near(p->baseline.nps, 0.20, 1e-12);
  assert_int_equal(p->how, NPS_PLAN_SECOND_SHIFT);
  assert_double_near(p->second.shares.promoters, 0.475, 1e-12);
  assert_double_near(p->second.var, 0.6375, 1e-12);
  assert_double_near(p->moved_from_opposite, 0.025, 1e-12);
  assert_double_near(p->moved_from_passives, 0.0, 1e-12);
  assert_rel(p->n1, 4073.5685821271745, 1e-6);
  assert_rel(p->n2, 4073.5685821271745, 1e-6);
  assert_double_near(p->n1_planned, 4074, 0);
  assert_double_near(p->diff, 0.05, 1e-15);
  assert_double_near(p->achieved, 0.8000424894128998, 1e-9);
  assert_rel(p->sizes[0].n1, 11399.189667519653, 1e-6);
  assert_rel(p->sizes[4].n1, 235.46639203047252, 1e-6);
  assert_rel(p->sizes[1].n_margin, 1014.1451286632483, 1e-6);
  assert_null(p->note);
  nps_plan_free(p);
}

static void test_one_sided_ratio(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.diff = 0.10;
  o.alpha = 0.1;
  o.power = 0.9;
  o.alternative = NPS_ALT_GREATER;
  nps_plan *p = run_ok(&o);
  assert_int_equal(p->sides, 1);
  assert_rel(p->n1, 834.3262028961069, 1e-6);
  nps_plan_free(p);
  o = base_options();
  o.ratio = 2.0;
  p = run_ok(&o);
  assert_rel(p->n1, 3072.8364159976663, 1e-6);
  assert_rel(p->n2, 2 * 3072.8364159976663, 1e-6);
  nps_plan_free(p);
}

/* T = V1 + V2 - 2 r sqrt(V1 V2). */
static void test_paired(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.paired = 1;
  o.correlation = 0.6;
  nps_plan *p = run_ok(&o);
  assert_rel(p->n1, 1629.7949513830827, 1e-6);
  assert_double_near(p->n2, p->n1, 0);
  assert_double_near(p->var_term, 0.66 + 0.6375 - 1.2 * sqrt(0.66 * 0.6375),
                     1e-12);
  nps_plan_free(p);
  o.correlation = -1.0;
  p = run_ok(&o);
  assert_rel(p->n1, 8146.524633367328, 1e-6);
  nps_plan_free(p);
}

static void test_expected(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.has_expected = 1;
  o.expected = (nps_shares){50, 30, 20};
  o.ratio = 2.0;
  nps_plan *p = run_ok(&o);
  assert_int_equal(p->how, NPS_PLAN_SECOND_EXPECTED);
  assert_double_near(p->diff, 0.10, 1e-12);
  assert_double_near(p->second.var, 0.61, 1e-12);
  assert_rel(p->n1, 757.4168943646865, 1e-6);
  assert_double_near(p->design_effect, 0.9747474747474747, 1e-12);
  nps_plan_free(p);
}

static void test_detectable(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.mode = NPS_PLAN_DETECTABLE;
  o.n1 = 400;
  nps_plan *p = run_ok(&o);
  assert_double_near(p->diff, 0.15558024607583387, 1e-9);
  assert_double_near(p->n2, 400, 0);
  assert_double_nan(p->achieved);
  nps_plan_free(p);
  o.n2 = 600;
  p = run_ok(&o);
  assert_double_near(p->diff, 0.14340508757493642, 1e-9);
  assert_double_near(p->ratio, 1.5, 1e-15);
  nps_plan_free(p);
  o.n2 = 0;
  o.has_expected = 1;
  o.expected = (nps_shares){50, 30, 20};
  p = run_ok(&o);
  assert_double_near(p->diff, 0.15786130987850805, 1e-9);
  assert_double_near(p->achieved, 0.4266100761117828, 1e-9);
  nps_plan_free(p);
}

static void test_margin(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.mode = NPS_PLAN_MARGIN;
  o.margin = 0.05;
  nps_plan *p = run_ok(&o);
  assert_rel(p->n1, 1014.1451286632483, 1e-6);
  assert_double_near(p->n1_planned, 1015, 0);
  assert_int_equal(p->how, NPS_PLAN_SECOND_NONE);
  assert_double_near(p->diffs[0].margin, 0.15922822682106716, 1e-12);
  nps_plan_free(p);
}

/* A two-sided plan the baseline cannot reach upward plans the fall. */
static void test_fall(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.baseline = (nps_shares){90, 5, 5};
  o.diff = 0.5;
  nps_plan *p = run_ok(&o);
  assert_double_near(p->diff, -0.5, 1e-15);
  assert_rel(p->n1, 33.12227247895315, 1e-6);
  assert_non_null(p->note);
  nps_plan_free(p);
  o.alternative = NPS_ALT_GREATER;
  nps_run_error why;
  assert_int_equal(nps_plan_run(&o, &p, &why), NPS_EINVAL);
  assert_int_equal(why.problem, NPS_PLAN_UNREACHABLE);
  assert_null(p);
}

static void expect_problem(const nps_plan_options *o, nps_plan_problem want);

static nps_plan *run_shift(double p, double a, double d, double diff,
                           nps_shift_source src) {
  nps_plan_options o;
  nps_plan_options_init(&o);
  o.baseline = (nps_shares){p, a, d};
  o.diff = diff;
  o.shift = src;
  return run_ok(&o);
}

/* The audit's examples, +10 points with equal arms. Reference values from
 * tests/unit/scripts/plan_reference.py (size_src, achieved). The
 * conventional equal-variance size (z_{.975} + z_{.8})^2 2 V1 / d^2 is
 * 957.563 for 50/30/20 and 690.701 for 70/20/10: the detractor source's
 * sizes below are smaller than it, the passive source's above it for
 * 50/30/20 and below it for 70/20/10. */
static void test_shift_sources(void **state) {
  (void)state;
  nps_plan *p = run_shift(50, 30, 20, 0.10, NPS_SHIFT_DETRACTORS);
  assert_rel(p->n1, 902.6211694501446, 1e-6);
  assert_int_equal(p->shift_used, NPS_SHIFT_DETRACTORS);
  assert_double_near(p->moved_from_opposite, 0.05, 1e-12);
  assert_double_near(p->moved_from_passives, 0.0, 0);
  /* at 903 per arm: 80.0% from detractors, 76.7% from passives */
  assert_double_near(p->power_by_source[0], 0.8001654931366815, 1e-9);
  assert_double_near(p->power_by_source[1], 0.7666293813998162, 1e-9);
  assert_double_near(p->power_by_source[2], 0.7832491914162394, 1e-9);
  nps_plan_free(p);
  p = run_shift(50, 30, 20, 0.10, NPS_SHIFT_PASSIVES);
  assert_rel(p->n1, 981.1099667936355, 1e-6);
  assert_double_near(p->second.shares.promoters, 0.6, 1e-12);
  assert_double_near(p->second.shares.passives, 0.2, 1e-12);
  assert_double_near(p->moved_from_passives, 0.10, 1e-12);
  assert_double_near(p->moved_from_opposite, 0.0, 0);
  nps_plan_free(p);
  p = run_shift(50, 30, 20, 0.10, NPS_SHIFT_BOTH);
  assert_rel(p->n1, 941.8655681218903, 1e-6);
  assert_double_near(p->moved_from_passives, 0.05, 1e-12);
  assert_double_near(p->moved_from_opposite, 0.025, 1e-12);
  nps_plan_free(p);
  p = run_shift(70, 20, 10, 0.10, NPS_SHIFT_DETRACTORS);
  assert_rel(p->n1, 588.6659800761813, 1e-6);
  /* at 589 per arm: 74.9% if the rise came from passives */
  assert_double_near(p->power_by_source[1], 0.7493419789616325, 1e-9);
  nps_plan_free(p);
  p = run_shift(70, 20, 10, 0.10, NPS_SHIFT_PASSIVES);
  assert_rel(p->n1, 667.1547774196721, 1e-6);
  nps_plan_free(p);
  p = run_shift(70, 20, 10, 0.10, NPS_SHIFT_BOTH);
  assert_rel(p->n1, 627.9103787479268, 1e-6);
  nps_plan_free(p);
}

/* The default takes the largest size: passives when they can supply the
 * change, else passives first and the rest from detractors. */
static void test_shift_any(void **state) {
  (void)state;
  nps_plan *p = run_shift(50, 30, 20, 0.10, NPS_SHIFT_ANY);
  assert_int_equal(p->shift, NPS_SHIFT_ANY);
  assert_int_equal(p->shift_used, NPS_SHIFT_PASSIVES);
  assert_rel(p->n1, 981.1099667936355, 1e-6);
  assert_double_near(p->n1_planned, 982, 0);
  /* at 982 per arm every source reaches 80% */
  assert_double_near(p->power_by_source[0], 0.8320297347104417, 1e-9);
  assert_double_near(p->power_by_source[1], 0.800356447148949, 1e-9);
  assert_double_near(p->power_by_source[2], 0.8161237655117944, 1e-9);
  assert_double_near(p->achieved, p->power_by_source[1], 1e-15);
  nps_plan_free(p);
  p = run_shift(70, 20, 10, 0.10, NPS_SHIFT_ANY);
  assert_rel(p->n1, 667.1547774196721, 1e-6);
  assert_double_near(p->power_by_source[0], 0.8471866146529103, 1e-9);
  assert_double_near(p->power_by_source[2], 0.8237303242513194, 1e-9);
  nps_plan_free(p);
  /* 60/8/32: 8% passives cannot give 10 points; passives first moves all
   * 8% and 1% of detractors (0.69, 0, 0.31), above both (0.675, 0.03,
   * 0.295) and detractors (0.65, 0.08, 0.27). */
  p = run_shift(60, 8, 32, 0.10, NPS_SHIFT_ANY);
  assert_int_equal(p->shift_used, NPS_SHIFT_PASSIVES_FIRST);
  assert_rel(p->n1, 1332.1118685137264, 1e-6);
  assert_double_near(p->moved_from_passives, 0.08, 1e-12);
  assert_double_near(p->moved_from_opposite, 0.01, 1e-12);
  assert_double_nan(p->power_by_source[1]);
  nps_plan_free(p);
  p = run_shift(60, 8, 32, 0.10, NPS_SHIFT_BOTH);
  assert_rel(p->n1, 1308.5652293106791, 1e-6);
  nps_plan_free(p);
  /* The detectable difference with 400 per arm: V2 of the worst source at
   * d itself (mdd_src "any"), against 15.56 points from detractors. */
  nps_plan_options o;
  nps_plan_options_init(&o);
  o.baseline = (nps_shares){45, 30, 25};
  o.mode = NPS_PLAN_DETECTABLE;
  o.n1 = 400;
  p = run_ok(&o);
  assert_double_near(p->diff, 0.165260599670772, 1e-9);
  assert_int_equal(p->shift_used, NPS_SHIFT_PASSIVES);
  nps_plan_free(p);
  /* Paired, rho 0.6, 5 points: the largest V1 + V2 - 2 rho sqrt(V1 V2). */
  nps_plan_options_init(&o);
  o.baseline = (nps_shares){45, 30, 25};
  o.diff = 0.05;
  o.paired = 1;
  o.correlation = 0.6;
  p = run_ok(&o);
  assert_rel(p->n1, 1692.7471237994137, 1e-6);
  nps_plan_free(p);
}

/* A named source that cannot supply the change is its own problem; one no
 * source can supply is unreachable. */
static void test_shift_short(void **state) {
  (void)state;
  nps_plan_options o;
  nps_plan_options_init(&o);
  o.baseline = (nps_shares){70, 20, 10};
  o.diff = 0.30; /* passives: 30% needed either way, 20% there */
  o.shift = NPS_SHIFT_PASSIVES;
  expect_problem(&o, NPS_PLAN_SOURCE_SHORT);
  o.shift = NPS_SHIFT_ANY; /* 20% passives and 5% detractors */
  nps_plan *p = run_ok(&o);
  assert_int_equal(p->shift_used, NPS_SHIFT_PASSIVES_FIRST);
  assert_double_near(p->diff, 0.30, 1e-15);
  /* the passive source alone cannot give 30 points: no power for it */
  assert_double_nan(p->power_by_source[1]);
  nps_plan_free(p);
  o.shift = NPS_SHIFT_DETRACTORS; /* rise short (15% > 10%): a fall */
  p = run_ok(&o);
  assert_double_near(p->diff, -0.30, 1e-15);
  assert_non_null(p->note);
  nps_plan_free(p);
  o.alternative = NPS_ALT_GREATER;
  expect_problem(&o, NPS_PLAN_SOURCE_SHORT);
  o.diff = 0.45; /* at most 20 + 2 x 10 = 40 points up */
  o.shift = NPS_SHIFT_ANY;
  expect_problem(&o, NPS_PLAN_UNREACHABLE);
  o.shift = (nps_shift_source)99;
  expect_problem(&o, NPS_PLAN_BAD_SHIFT);
}

/* The curves: 5, 10, 20 points and the plan's 7; power rises with n and
 * reaches the target at n_needed. */
static void test_curves(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.diff = 0.07;
  nps_plan *p = run_ok(&o);
  assert_int_equal(p->n_curves, 4);
  assert_double_near(p->grid[0], 10, 1e-12);
  assert_double_near(p->grid[NPS_PLAN_GRID - 1], 1e5, 1e-6);
  for (size_t k = 0; k < p->n_curves; k++)
    for (size_t i = 1; i < NPS_PLAN_GRID; i++)
      assert_true(p->curves[k].power[i] >= p->curves[k].power[i - 1]);
  assert_double_near(p->curves[3].diff, 0.07, 1e-15);
  assert_double_near(p->curves[3].n_needed, p->n1, 1e-9);
  nps_plan_free(p);
}

static void expect_problem(const nps_plan_options *o, nps_plan_problem want) {
  nps_plan *p = (nps_plan *)1;
  nps_run_error why = {0};
  assert_int_equal(nps_plan_run(o, &p, &why), NPS_EINVAL);
  assert_int_equal(why.problem, want);
  assert_null(p);
}

static void test_problems(void **state) {
  (void)state;
  nps_plan_options o = base_options();
  o.baseline = (nps_shares){45, -30, 25};
  expect_problem(&o, NPS_PLAN_BAD_BASELINE);
  o.baseline = (nps_shares){0, 100, 0};
  expect_problem(&o, NPS_PLAN_NO_SPREAD);
  o.baseline = (nps_shares){100, 0, 0};
  expect_problem(&o, NPS_PLAN_NO_SPREAD);
  o = base_options();
  o.diff = 0;
  expect_problem(&o, NPS_PLAN_BAD_DIFF);
  o.diff = 2;
  expect_problem(&o, NPS_PLAN_BAD_DIFF);
  o.diff = 1.5;
  expect_problem(&o, NPS_PLAN_UNREACHABLE);
  o = base_options();
  o.alpha = 1;
  expect_problem(&o, NPS_PLAN_BAD_ALPHA);
  o = base_options();
  o.power = 1;
  expect_problem(&o, NPS_PLAN_BAD_POWER);
  o.power = 0.02;
  expect_problem(&o, NPS_PLAN_BAD_POWER);
  o = base_options();
  o.ratio = 0;
  expect_problem(&o, NPS_PLAN_BAD_RATIO);
  o.ratio = 2;
  o.paired = 1;
  expect_problem(&o, NPS_PLAN_BAD_RATIO);
  o.ratio = 1;
  o.correlation = 1.5;
  expect_problem(&o, NPS_PLAN_BAD_CORRELATION);
  o = base_options();
  o.mode = NPS_PLAN_DETECTABLE;
  expect_problem(&o, NPS_PLAN_BAD_N);
  o.n1 = 100;
  o.n2 = 200;
  o.paired = 1;
  expect_problem(&o, NPS_PLAN_BAD_MODE);
  o = base_options();
  o.mode = NPS_PLAN_MARGIN;
  expect_problem(&o, NPS_PLAN_BAD_MARGIN);
  o = base_options();
  o.has_expected = 1;
  o.expected = (nps_shares){45, 30, 25};
  expect_problem(&o, NPS_PLAN_SAME_NPS);
  o.expected = (nps_shares){40, 30, 30};
  o.alternative = NPS_ALT_GREATER;
  expect_problem(&o, NPS_PLAN_WRONG_DIRECTION);
  o.expected = (nps_shares){0, 0, 0};
  expect_problem(&o, NPS_PLAN_BAD_EXPECTED);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),        cmocka_unit_test(test_size),
      cmocka_unit_test(test_one_sided_ratio), cmocka_unit_test(test_paired),
      cmocka_unit_test(test_expected),        cmocka_unit_test(test_detectable),
      cmocka_unit_test(test_margin),          cmocka_unit_test(test_fall),
      cmocka_unit_test(test_curves),          cmocka_unit_test(test_problems),
      cmocka_unit_test(test_shift_sources),   cmocka_unit_test(test_shift_any),
      cmocka_unit_test(test_shift_short),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
