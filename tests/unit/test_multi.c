/*
 * test_multi.c - Holm, Benjamini-Hochberg and Bonferroni adjusted
 * p-values against R's p.adjust.
 *
 * Expected values: R 4.2.2 (Debian 12 r-base-core), printed with
 * options(digits = 17):
 *   p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.6, 0.012)
 *   p.adjust(p, "holm"); p.adjust(p, "BH"); p.adjust(p, "bonferroni")
 *   q <- c(0.02, NA, 0.5, 0.001, 0.03)
 *   p.adjust(q, "holm"); p.adjust(q, "BH")
 */
#include <math.h>

#include "nps/multi.h"
#include "nps_test.h"

static const double p8[8] = {0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.6, 0.012};

static void check(nps_multi_method m, const double *p, size_t k,
                  const double *want) {
  double adj[8];
  assert_true(k <= 8);
  assert_int_equal(nps_multi_adjust(m, p, k, adj), NPS_OK);
  for (size_t i = 0; i < k; i++) {
    if (isnan(want[i]))
      assert_double_nan(adj[i]);
    else
      assert_double_near(adj[i], want[i], 1e-15);
  }
}

static void test_holm(void **state) {
  (void)state;
  const double want[8] = {0.07, 0.16, 0.15, 0.04, 0.4, 0.16, 0.6, 0.072};
  check(NPS_MULTI_HOLM, p8, 8, want);
}

static void test_bh(void **state) {
  (void)state;
  const double want[8] = {0.032,
                          0.053333333333333330,
                          0.053333333333333330,
                          0.032,
                          0.228571428571428564,
                          0.053333333333333330,
                          0.6,
                          0.032};
  check(NPS_MULTI_BH, p8, 8, want);
}

static void test_bonferroni_and_none(void **state) {
  (void)state;
  const double want[8] = {0.08, 0.32, 0.24, 0.04, 1.0, 0.32, 1.0, 0.096};
  check(NPS_MULTI_BONFERRONI, p8, 8, want);
  check(NPS_MULTI_NONE, p8, 8, p8);
}

/* NaN stands for R's NA: left alone, and m counts only the others (4). */
static void test_nan_entries(void **state) {
  (void)state;
  const double q[5] = {0.02, NAN, 0.5, 0.001, 0.03};
  const double holm[5] = {0.06, NAN, 0.5, 0.004, 0.06};
  const double bh[5] = {0.04, NAN, 0.5, 0.004, 0.04};
  check(NPS_MULTI_HOLM, q, 5, holm);
  check(NPS_MULTI_BH, q, 5, bh);
}

/* adj may be the input array itself. */
static void test_in_place(void **state) {
  (void)state;
  double v[8];
  for (int i = 0; i < 8; i++)
    v[i] = p8[i];
  assert_int_equal(nps_multi_adjust(NPS_MULTI_HOLM, v, 8, v), NPS_OK);
  assert_double_near(v[0], 0.07, 1e-15);
  assert_double_near(v[6], 0.6, 1e-15);
  assert_double_near(v[7], 0.072, 1e-15);
}

/* One test: every method leaves p unchanged. */
static void test_single(void **state) {
  (void)state;
  const double p[1] = {0.037};
  check(NPS_MULTI_HOLM, p, 1, p);
  check(NPS_MULTI_BH, p, 1, p);
  check(NPS_MULTI_BONFERRONI, p, 1, p);
}

static void test_errors(void **state) {
  (void)state;
  double bad[2] = {0.2, 1.5}, out[2] = {-1, -1};
  assert_int_equal(nps_multi_adjust(NPS_MULTI_HOLM, bad, 2, out), NPS_EINVAL);
  assert_double_near(out[0], -1.0, 0.0); /* unchanged */
  bad[1] = -0.1;
  assert_int_equal(nps_multi_adjust(NPS_MULTI_BH, bad, 2, out), NPS_EINVAL);
  assert_int_equal(nps_multi_adjust((nps_multi_method)99, p8, 2, out),
                   NPS_EINVAL);
  assert_int_equal(nps_multi_adjust(NPS_MULTI_BH, NULL, 0, NULL), NPS_OK);
}

static void test_names(void **state) {
  (void)state;
  nps_multi_method m;
  assert_int_equal(nps_multi_method_parse("holm", &m), NPS_OK);
  assert_int_equal(m, NPS_MULTI_HOLM);
  assert_int_equal(nps_multi_method_parse("fdr", &m), NPS_OK);
  assert_int_equal(m, NPS_MULTI_BH);
  assert_int_equal(nps_multi_method_parse("bh", &m), NPS_OK);
  assert_int_equal(m, NPS_MULTI_BH);
  assert_int_equal(nps_multi_method_parse("bonferroni", &m), NPS_OK);
  assert_int_equal(m, NPS_MULTI_BONFERRONI);
  assert_int_equal(nps_multi_method_parse("none", &m), NPS_OK);
  assert_int_equal(m, NPS_MULTI_NONE);
  assert_int_equal(nps_multi_method_parse("Holm", &m), NPS_EINVAL);
  assert_int_equal(nps_multi_method_parse(NULL, &m), NPS_EINVAL);
  assert_string_equal(nps_multi_method_name(NPS_MULTI_BH), "bh");
  assert_string_equal(nps_multi_method_name(NPS_MULTI_HOLM), "holm");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_holm),
      cmocka_unit_test(test_bh),
      cmocka_unit_test(test_bonferroni_and_none),
      cmocka_unit_test(test_nan_entries),
      cmocka_unit_test(test_in_place),
      cmocka_unit_test(test_single),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
