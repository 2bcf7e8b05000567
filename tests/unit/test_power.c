/*
 * test_power.c - sample size, minimum detectable difference and power.
 *
 * Expected values are the formulas of power.h evaluated by hand in R 4.2.2
 * (qnorm, pnorm; printed with options(digits = 17)), e.g. for the per-arm
 * size: z <- qnorm(0.975); zb <- qnorm(0.8); (z + zb)^2 * 1.22 / 0.01.
 * The baseline (0.5, 0.3, 0.2) has V = 0.5 + 0.2 - 0.3^2 = 0.61; the
 * distribution (0.4, 0.35, 0.25) has V = 0.65 - 0.15^2 = 0.6275 and
 * (0.3, 0.6, 0.1) has V = 0.4 - 0.04 = 0.36.
 */
#include <math.h>

#include "nps/power.h"
#include "nps_test.h"

static void test_variance(void **state) {
  (void)state;
  nps_shares s = {0.5, 0.3, 0.2};
  double v, nps;
  assert_int_equal(nps_power_variance(&s, &v, &nps), NPS_OK);
  assert_double_near(v, 0.61, 1e-15);
  assert_double_near(nps, 0.3, 1e-15);
  nps_shares counts = {40, 35, 25}; /* counts are normalised */
  assert_int_equal(nps_power_variance(&counts, &v, NULL), NPS_OK);
  assert_double_near(v, 0.6275, 1e-15);
  nps_shares one = {0, 7, 0};
  assert_int_equal(nps_power_variance(&one, &v, &nps), NPS_OK);
  assert_double_near(v, 0.0, 0.0);
  assert_double_near(nps, 0.0, 0.0);
  nps_shares bad = {0.5, -0.1, 0.6}, zero = {0, 0, 0};
  assert_int_equal(nps_power_variance(&bad, &v, NULL), NPS_EINVAL);
  assert_int_equal(nps_power_variance(&zero, &v, NULL), NPS_EINVAL);
  nps_shares inf = {INFINITY, 1, 1};
  assert_int_equal(nps_power_variance(&inf, &v, NULL), NPS_EINVAL);
}

static void test_shares_from(void **state) {
  (void)state;
  nps_shares s;
  assert_int_equal(nps_shares_from(45, 35, 20, &s), NPS_OK);
  assert_double_near(s.promoters, 0.45, 1e-15);
  assert_double_near(s.passives, 0.35, 1e-15);
  assert_double_near(s.detractors, 0.20, 1e-15);
  assert_int_equal(nps_shares_from(1, NAN, 1, &s), NPS_EINVAL);
}

/* n = z^2 V / E^2. */
static void test_precision_n(void **state) {
  (void)state;
  double n;
  assert_int_equal(nps_power_precision_n(0.61, 0.05, 0.95, &n), NPS_OK);
  assert_double_near(n, 937.31595224936598, 1e-9);
  assert_int_equal(nps_power_precision_n(0.45, 0.03, 0.99, &n), NPS_OK);
  assert_double_near(n, 3317.4483005106058, 1e-8);
  assert_int_equal(nps_power_precision_n(0.61, 0.0, 0.95, &n), NPS_EINVAL);
  assert_int_equal(nps_power_precision_n(-0.1, 0.05, 0.95, &n), NPS_EINVAL);
  assert_int_equal(nps_power_precision_n(0.61, 0.05, 1.0, &n), NPS_EINVAL);
}

/* n1 = (z_{1-a/s} + z_{1-b})^2 (V1 + V2 / ratio) / d^2. */
static void test_two_group_n(void **state) {
  (void)state;
  double n1, n2;
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.61, 0.1, 0.05, 0.8, 2, 1.0, &n1, &n2),
      NPS_OK);
  assert_double_near(n1, 957.56332759058841, 1e-9);
  assert_double_near(n2, n1, 0.0);
  /* group 2 twice as large, V2 = 0.45 */
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.45, -0.1, 0.05, 0.8, 2, 2.0, &n1, &n2),
      NPS_OK);
  assert_double_near(n1, 655.38145781814865, 1e-9);
  assert_double_near(n2, 2.0 * 655.38145781814865, 2e-9);
  /* one-sided at 5%, power 90%, d = 0.15 */
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.45, 0.15, 0.05, 0.9, 1, 1.0, &n1, NULL),
      NPS_OK);
  assert_double_near(n1, 403.45236407591347, 1e-9);
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.61, 0.0, 0.05, 0.8, 2, 1.0, &n1, NULL),
      NPS_EINVAL);
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.61, 0.1, 0.05, 0.8, 3, 1.0, &n1, NULL),
      NPS_EINVAL);
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.61, 0.1, 0.05, 0.8, 2, 0.0, &n1, NULL),
      NPS_EINVAL);
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.61, 0.1, 0.05, 0.02, 2, 1.0, &n1, NULL),
      NPS_EINVAL); /* power below the size of the test */
}

/* d = (z_{1-a/2} + z_{1-b}) sqrt(V1/n1 + V2/n2). */
static void test_mdd(void **state) {
  (void)state;
  double d;
  assert_int_equal(nps_power_mdd(0.61, 500, 0.61, 500, 0.05, 0.8, 2, &d),
                   NPS_OK);
  assert_double_near(d, 0.13838810119302802, 1e-12);
  /* the sample size for d detects exactly d */
  double n1, n2;
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.36, 0.07, 0.05, 0.8, 2, 1.5, &n1, &n2),
      NPS_OK);
  assert_int_equal(nps_power_mdd(0.61, n1, 0.36, n2, 0.05, 0.8, 2, &d), NPS_OK);
  assert_double_near(d, 0.07, 1e-12);
  assert_int_equal(nps_power_mdd(0.61, 0, 0.61, 500, 0.05, 0.8, 2, &d),
                   NPS_EINVAL);
}

/* Two-sided power includes the far tail; one-sided does not. */
static void test_achieved(void **state) {
  (void)state;
  double pw;
  assert_int_equal(nps_power_achieved(0.61, 500, 0.61, 500, 0.1, 0.05, 2, &pw),
                   NPS_OK);
  assert_double_near(pw, 0.52573855122746016, 1e-12);
  assert_int_equal(nps_power_achieved(0.61, 500, 0.61, 500, -0.1, 0.05, 2, &pw),
                   NPS_OK);
  assert_double_near(pw, 0.52573855122746016, 1e-12);
  assert_int_equal(nps_power_achieved(0.61, 300, 0.45, 200, 0.05, 0.05, 1, &pw),
                   NPS_OK);
  assert_double_near(pw, 0.18919172065969148, 1e-12);
  /* delta = 0: the size of the test */
  assert_int_equal(nps_power_achieved(0.61, 300, 0.45, 200, 0, 0.05, 2, &pw),
                   NPS_OK);
  assert_double_near(pw, 0.05, 1e-15);
  /* no spread: certain detection */
  assert_int_equal(nps_power_achieved(0, 300, 0, 200, 0.01, 0.05, 2, &pw),
                   NPS_OK);
  assert_double_near(pw, 1.0, 0.0);
  /* at the planned size the power is the planned one plus the far tail */
  double n1;
  assert_int_equal(
      nps_power_two_group_n(0.61, 0.61, 0.1, 0.05, 0.8, 2, 1.0, &n1, NULL),
      NPS_OK);
  assert_int_equal(nps_power_achieved(0.61, n1, 0.61, n1, 0.1, 0.05, 2, &pw),
                   NPS_OK);
  assert_true(pw > 0.8 && pw < 0.8 + 1e-5);
  assert_int_equal(nps_power_achieved(0.61, 500, 0.61, 500, 0.1, 0.0, 2, &pw),
                   NPS_EINVAL);
}

/* Moving the fewest answers: detractors to promoters first. */
static void test_shift(void **state) {
  (void)state;
  nps_shares b = {0.5, 0.3, 0.2}, s;
  assert_int_equal(nps_power_shift(&b, 0.1, &s), NPS_OK);
  assert_double_near(s.promoters, 0.55, 1e-15);
  assert_double_near(s.passives, 0.3, 1e-15);
  assert_double_near(s.detractors, 0.15, 1e-15);
  assert_int_equal(nps_power_shift(&b, 0.5, &s), NPS_OK); /* via passives */
  assert_double_near(s.promoters, 0.8, 1e-15);
  assert_double_near(s.passives, 0.2, 1e-15);
  assert_double_near(s.detractors, 0.0, 1e-15);
  assert_int_equal(nps_power_shift(&b, -0.2, &s), NPS_OK);
  assert_double_near(s.promoters, 0.4, 1e-15);
  assert_double_near(s.passives, 0.3, 1e-15);
  assert_double_near(s.detractors, 0.3, 1e-15);
  assert_int_equal(nps_power_shift(&b, 0.9, &s), NPS_EINVAL); /* NPS 1.2 */
  assert_int_equal(nps_power_shift(&b, 0.71, &s), NPS_EINVAL);
  assert_int_equal(nps_power_shift(&b, 0.7, &s), NPS_OK); /* NPS 1 */
  assert_double_near(s.promoters, 1.0, 1e-15);
  assert_int_equal(nps_power_shift(&b, NAN, &s), NPS_EINVAL);
}

/* Each source of a change, worked by hand: 50/30/20 +10 points. */
static void test_shift_from(void **state) {
  (void)state;
  nps_shares b = {0.5, 0.3, 0.2}, s;
  /* detractors: 5% of answers from detractors to promoters */
  assert_int_equal(nps_power_shift_from(&b, 0.1, NPS_SHIFT_DETRACTORS, &s),
                   NPS_OK);
  assert_double_near(s.promoters, 0.55, 1e-15);
  assert_double_near(s.passives, 0.3, 1e-15);
  assert_double_near(s.detractors, 0.15, 1e-15);
  /* passives: 10% from passives to promoters */
  assert_int_equal(nps_power_shift_from(&b, 0.1, NPS_SHIFT_PASSIVES, &s),
                   NPS_OK);
  assert_double_near(s.promoters, 0.6, 1e-15);
  assert_double_near(s.passives, 0.2, 1e-15);
  assert_double_near(s.detractors, 0.2, 1e-15);
  /* both: 5 points from each, 5% of passives and 2.5% of detractors */
  assert_int_equal(nps_power_shift_from(&b, 0.1, NPS_SHIFT_BOTH, &s), NPS_OK);
  assert_double_near(s.promoters, 0.575, 1e-15);
  assert_double_near(s.passives, 0.25, 1e-15);
  assert_double_near(s.detractors, 0.175, 1e-15);
  /* a fall from detractors' mirror: 5% of promoters to detractors */
  assert_int_equal(nps_power_shift_from(&b, -0.1, NPS_SHIFT_DETRACTORS, &s),
                   NPS_OK);
  assert_double_near(s.promoters, 0.45, 1e-15);
  assert_double_near(s.detractors, 0.25, 1e-15);
  /* 40 points: passives (30%) short, detractors exactly (20%), passives
   * first 30% + 5% of detractors */
  assert_int_equal(nps_power_shift_from(&b, 0.4, NPS_SHIFT_PASSIVES, &s),
                   NPS_EINVAL);
  assert_int_equal(nps_power_shift_from(&b, 0.4, NPS_SHIFT_DETRACTORS, &s),
                   NPS_OK);
  assert_double_near(s.detractors, 0.0, 1e-15);
  assert_int_equal(nps_power_shift_from(&b, 0.4, NPS_SHIFT_PASSIVES_FIRST, &s),
                   NPS_OK);
  assert_double_near(s.promoters, 0.85, 1e-15);
  assert_double_near(s.passives, 0.0, 1e-15);
  assert_double_near(s.detractors, 0.15, 1e-15);
  /* both for 40: 20% of passives, 10% of detractors */
  assert_int_equal(nps_power_shift_from(&b, 0.4, NPS_SHIFT_BOTH, &s), NPS_OK);
  assert_int_equal(nps_power_shift_from(&b, 0.9, NPS_SHIFT_BOTH, &s),
                   NPS_EINVAL);
  assert_int_equal(nps_power_shift_from(&b, 0.1, NPS_SHIFT_ANY, &s),
                   NPS_EINVAL);
  assert_int_equal(nps_power_shift_from(&b, NAN, NPS_SHIFT_PASSIVES, &s),
                   NPS_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_variance),    cmocka_unit_test(test_shift_from),
      cmocka_unit_test(test_shares_from), cmocka_unit_test(test_precision_n),
      cmocka_unit_test(test_two_group_n), cmocka_unit_test(test_mdd),
      cmocka_unit_test(test_achieved),    cmocka_unit_test(test_shift),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
