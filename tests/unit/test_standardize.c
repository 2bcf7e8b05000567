/*
 * test_standardize.c - direct standardization of two samples to their
 * pooled mix, against values computed by hand from the formulas of
 * docs/methods.md ("Standardizing the mix"):
 *   theta_g = sum_s w_s theta_gs, Var = sum_s w_s^2 V_gs / n_gs,
 *   w_s = (n0s + n1s) / N, z = diff / SE, p = erfc(|z| / sqrt 2),
 * evaluated with python3 (math.erfc, math.sqrt) in the comments below.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nps/nps.h"
#include "nps_test.h"

/* Adds P promoters (score 10), A passives (8), D detractors (0). */
static void add(nps_table *t, const char *key, uint64_t p, uint64_t a,
                uint64_t d) {
  size_t len = strlen(key);
  assert_int_equal(nps_table_add(t, key, len, 10, p), NPS_OK);
  assert_int_equal(nps_table_add(t, key, len, 8, a), NPS_OK);
  assert_int_equal(nps_table_add(t, key, len, 0, d), NPS_OK);
}

static nps_standardized *run(nps_table *t[2]) {
  nps_standardized *s = NULL;
  assert_int_equal(
      nps_standardize((const nps_table *const *)t, NPS_ALT_TWO_SIDED, 0.95, &s),
      NPS_OK);
  assert_non_null(s);
  return s;
}

static void tables(nps_table *t[2]) {
  t[0] = nps_table_new(100);
  t[1] = nps_table_new(100);
  assert_non_null(t[0]);
  assert_non_null(t[1]);
}

static void free_tables(nps_table *t[2]) {
  nps_table_free(t[0]);
  nps_table_free(t[1]);
}

/* Two strata of equal pooled size (w = 1/2 each). Before: x (30,10,10)
 * theta 0.4, V 0.64; y (10,20,70) theta -0.6, V 0.44. After: x
 * (70,20,10) theta 0.6, V 0.44; y (5,10,35) theta -0.6, V 0.44.
 * Standardized -0.1 and 0.0, difference 0.1; raw -40/150 and 30/150,
 * difference 0.466667, so the mix accounts for 0.366667.
 * Var = 0.25 (0.64/50 + 0.44/100 + 0.44/100 + 0.44/50) = 0.0076,
 * SE 0.0871780, z 1.1470787, p 0.2513491, CI 0.1 -+ 1.959964 SE =
 * [-0.0708657, 0.2708657]. */
static void test_two_strata(void **state) {
  (void)state;
  nps_table *t[2];
  tables(t);
  add(t[0], "x", 30, 10, 10);
  add(t[0], "y", 10, 20, 70);
  add(t[1], "y", 5, 10, 35);
  add(t[1], "x", 70, 20, 10);
  nps_standardized *s = run(t);
  assert_int_equal(s->n_strata, 2);
  assert_int_equal(s->n_standard, 2);
  assert_memory_equal(s->strata[0].key, "x", 2);
  assert_double_near(s->strata[0].weight, 0.5, 1e-15);
  assert_double_near(s->strata[1].weight, 0.5, 1e-15);
  assert_double_near(s->test.nps2, -0.1, 1e-12);
  assert_double_near(s->test.nps1, 0.0, 1e-12);
  assert_double_near(s->test.diff, 0.1, 1e-12);
  assert_double_near(s->raw_diff, 0.4666666667, 1e-9);
  assert_double_near(s->mix, 0.3666666667, 1e-9);
  assert_double_near(s->test.se, 0.0871779789, 1e-9);
  assert_double_near(s->test.z, 1.1470786694, 1e-9);
  assert_double_near(s->test.p, 0.2513491088, 1e-9);
  assert_double_near(s->test.ci.lo, -0.0708656988, 1e-9);
  assert_double_near(s->test.ci.hi, 0.2708656988, 1e-9);
  nps_standardized_free(s);
  free_tables(t);
}

/* A stratum answered only after (z, 5 promoters) is left out of the
 * standard; the raw difference keeps it: (80 - 45)/155 + 40/150 =
 * 0.4924731. The standardized numbers are those of test_two_strata. */
static void test_stratum_left_out(void **state) {
  (void)state;
  nps_table *t[2];
  tables(t);
  add(t[0], "x", 30, 10, 10);
  add(t[0], "y", 10, 20, 70);
  add(t[1], "x", 70, 20, 10);
  add(t[1], "y", 5, 10, 35);
  add(t[1], "z", 5, 0, 0);
  nps_standardized *s = run(t);
  assert_int_equal(s->n_strata, 3);
  assert_int_equal(s->n_standard, 2);
  assert_int_equal(s->left_out[0], 0);
  assert_int_equal(s->left_out[1], 5);
  assert_false(s->strata[2].in_standard);
  assert_double_near(s->strata[2].weight, 0.0, 0.0);
  assert_double_near(s->test.diff, 0.1, 1e-12);
  assert_double_near(s->raw_diff, 0.4924731183, 1e-9);
  assert_double_near(s->test.p, 0.2513491088, 1e-9);
  nps_standardized_free(s);
  free_tables(t);
}

/* A cell in one category uses its adjusted-Wald variance: before x
 * (10,0,0): (10.75/13 + 0.75/13 - (10/13)^2) / 13 = 0.0225307. Weights
 * 110/260 and 150/260; standardized before 0.0769231, after -0.0923077,
 * difference -0.1692308; SE 0.0959892, z -1.7630184, p 0.0778974. */
static void test_one_category_cell(void **state) {
  (void)state;
  nps_table *t[2];
  tables(t);
  add(t[0], "x", 10, 0, 0);
  add(t[0], "y", 10, 20, 70);
  add(t[1], "x", 70, 20, 10);
  add(t[1], "y", 5, 10, 35);
  nps_standardized *s = run(t);
  assert_double_near(s->test.nps2, 0.0769230769, 1e-9);
  assert_double_near(s->test.nps1, -0.0923076923, 1e-9);
  assert_double_near(s->test.se, 0.0959892250, 1e-9);
  assert_double_near(s->test.z, -1.7630183933, 1e-9);
  assert_double_near(s->test.p, 0.0778973875, 1e-9);
  nps_standardized_free(s);
  free_tables(t);
}

/* With one stratum, standardization is the Wald test itself. */
static void test_one_stratum_is_wald(void **state) {
  (void)state;
  nps_table *t[2];
  tables(t);
  add(t[0], "x", 30, 10, 10);
  add(t[1], "x", 70, 20, 10);
  nps_standardized *s = run(t);
  nps_counts a = {30, 10, 10}, b = {70, 20, 10};
  nps_test2_result w;
  assert_int_equal(nps_test2_wald(&b, &a, NPS_ALT_TWO_SIDED, 0.95, &w), NPS_OK);
  assert_double_near(s->test.diff, w.diff, 1e-15);
  assert_double_near(s->test.se, w.se, 1e-15);
  assert_double_near(s->test.p, w.p, 1e-15);
  assert_double_near(s->mix, 0.0, 1e-15);
  nps_standardized_free(s);
  free_tables(t);
}

/* No stratum in both samples, or bad arguments. */
static void test_errors(void **state) {
  (void)state;
  nps_table *t[2];
  tables(t);
  add(t[0], "x", 3, 1, 1);
  add(t[1], "y", 3, 1, 1);
  nps_standardized *s = (nps_standardized *)1;
  assert_int_equal(
      nps_standardize((const nps_table *const *)t, NPS_ALT_TWO_SIDED, 0.95, &s),
      NPS_EEMPTY);
  assert_null(s);
  assert_int_equal(
      nps_standardize((const nps_table *const *)t, NPS_ALT_TWO_SIDED, 1.5, &s),
      NPS_EINVAL);
  assert_int_equal(nps_standardize((const nps_table *const *)t,
                                   (nps_alternative)9, 0.95, &s),
                   NPS_EINVAL);
  nps_standardized_free(NULL);
  free_tables(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_strata),
      cmocka_unit_test(test_stratum_left_out),
      cmocka_unit_test(test_one_category_cell),
      cmocka_unit_test(test_one_stratum_is_wald),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
