/*
 * test_hist.c - score categories, histogram arithmetic and the NPS point
 * estimate.
 */
#include <limits.h>
#include <string.h>

#include "nps/hist.h"
#include "nps_test.h"

/* Reference values: tests/data/nps_reference.json, computed independently with
 * numpy/scipy and the R package NPS (NPS on -1..1, var = pP + pD - nps^2,
 * se = sqrt(var / n)). 10 significant digits. */
static const struct {
  uint64_t p, a, d;
  double nps, var, se;
} refs[] = {
    {5, 3, 2, 0.3, 0.61, 0.2469817807},
    {10, 0, 0, 1, 0, 0},
    {0, 0, 10, -1, 0, 0},
    {0, 10, 0, 0, 0, 0},
    {5, 0, 5, 0, 1, 0.316227766},
    {1, 0, 0, 1, 0, 0},
    {45, 35, 20, 0.25, 0.5875, 0.0766485486},
    {500, 300, 200, 0.3, 0.61, 0.0246981781},
    {990, 10, 0, 0.99, 0.0099, 0.0031464265},
};

static void test_categories(void **state) {
  (void)state;
  for (int s = 0; s <= 6; s++)
    assert_int_equal(nps_score_category(s), NPS_DETRACTOR);
  assert_int_equal(nps_score_category(7), NPS_PASSIVE);
  assert_int_equal(nps_score_category(8), NPS_PASSIVE);
  assert_int_equal(nps_score_category(9), NPS_PROMOTER);
  assert_int_equal(nps_score_category(10), NPS_PROMOTER);
  assert_true(nps_score_valid(0));
  assert_true(nps_score_valid(10));
  assert_false(nps_score_valid(-1));
  assert_false(nps_score_valid(11));
  assert_false(nps_score_valid(LONG_MAX));
  assert_false(nps_score_valid(LONG_MIN));
}

static void test_add_and_counts(void **state) {
  (void)state;
  nps_hist h = {{0}};
  for (int s = 0; s < NPS_NSCORES; s++)
    assert_int_equal(nps_hist_add(&h, s, (uint64_t)s + 1), NPS_OK);
  assert_true(nps_hist_total(&h) == 66);
  nps_counts c = nps_hist_counts(&h);
  assert_true(c.detractors == 28); /* 1 + ... + 7 */
  assert_true(c.passives == 17);   /* 8 + 9 */
  assert_true(c.promoters == 21);  /* 10 + 11 */
  assert_true(nps_counts_total(&c) == 66);
  assert_int_equal(nps_hist_add(&h, 11, 1), NPS_EINVAL);
  assert_int_equal(nps_hist_add(&h, -1, 1), NPS_EINVAL);
  assert_true(nps_hist_total(&h) == 66);
}

static void test_add_overflow(void **state) {
  (void)state;
  nps_hist h = {{0}};
  assert_int_equal(nps_hist_add(&h, 9, UINT64_MAX - 1), NPS_OK);
  assert_int_equal(nps_hist_add(&h, 9, 1), NPS_OK);
  assert_int_equal(nps_hist_add(&h, 9, 1), NPS_EOVERFLOW);
  assert_true(h.count[9] == UINT64_MAX);
  /* Totals saturate instead of wrapping. */
  assert_int_equal(nps_hist_add(&h, 10, 5), NPS_OK);
  assert_true(nps_hist_total(&h) == UINT64_MAX);
  nps_counts c = nps_hist_counts(&h);
  assert_true(c.promoters == UINT64_MAX);
  nps_counts big = {UINT64_MAX, 1, 1};
  assert_true(nps_counts_total(&big) == UINT64_MAX);
}

static void test_merge(void **state) {
  (void)state;
  nps_hist a = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
  nps_hist b = {{10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
  assert_int_equal(nps_hist_merge(&a, &b), NPS_OK);
  assert_true(a.count[0] == 11 && a.count[10] == 12 && a.count[5] == 6);
  nps_hist full = {{0}};
  full.count[3] = UINT64_MAX;
  nps_hist before = a;
  a.count[3] = 1;
  before.count[3] = 1;
  assert_int_equal(nps_hist_merge(&a, &full), NPS_EOVERFLOW);
  assert_memory_equal(&a, &before, sizeof a); /* unchanged on overflow */
  /* Merging is the same as adding answer by answer. */
  nps_hist x = {{0}}, y = {{0}}, z = {{0}};
  for (int i = 0; i < 100; i++) {
    nps_hist *dst = i % 3 ? &x : &y;
    assert_int_equal(nps_hist_add(dst, (i * 7) % 11, 1), NPS_OK);
    assert_int_equal(nps_hist_add(&z, (i * 7) % 11, 1), NPS_OK);
  }
  assert_int_equal(nps_hist_merge(&x, &y), NPS_OK);
  assert_memory_equal(&x, &z, sizeof x);
}

static void test_estimate_reference(void **state) {
  (void)state;
  for (size_t i = 0; i < NPS_ARRAY_LEN(refs); i++) {
    nps_counts c = {refs[i].p, refs[i].a, refs[i].d};
    nps_estimate e;
    assert_int_equal(nps_counts_estimate(&c, &e), NPS_OK);
    double n = (double)(refs[i].p + refs[i].a + refs[i].d);
    assert_true(e.n == refs[i].p + refs[i].a + refs[i].d);
    assert_double_near(e.nps, refs[i].nps, 1e-12);
    assert_double_near(e.var, refs[i].var, 1e-12);
    assert_double_near(e.se, refs[i].se, 1e-9);
    assert_double_near(e.share_promoters, (double)refs[i].p / n, 1e-15);
    assert_double_near(e.share_passives, (double)refs[i].a / n, 1e-15);
    assert_double_near(e.share_detractors, (double)refs[i].d / n, 1e-15);
    assert_true(e.var >= 0.0);
  }
}

static void test_estimate_edges(void **state) {
  (void)state;
  nps_counts empty = {0, 0, 0};
  nps_estimate e;
  memset(&e, 0xff, sizeof e);
  assert_int_equal(nps_counts_estimate(&empty, &e), NPS_EEMPTY);
  assert_true(e.n == 0);
  assert_double_near(e.nps, 0.0, 0.0);
  /* The sign of P - D is exact even where doubles cannot tell P from D. */
  nps_counts close = {((uint64_t)1 << 60) + 1, 0, (uint64_t)1 << 60};
  assert_int_equal(nps_counts_estimate(&close, &e), NPS_OK);
  assert_true(e.nps > 0.0);
  nps_counts mirror = {(uint64_t)1 << 60, 0, ((uint64_t)1 << 60) + 1};
  assert_int_equal(nps_counts_estimate(&mirror, &e), NPS_OK);
  assert_true(e.nps < 0.0);
  /* A one-category sample has zero variance, never a negative one. */
  nps_counts third = {3333333, 0, 0};
  assert_int_equal(nps_counts_estimate(&third, &e), NPS_OK);
  assert_double_near(e.var, 0.0, 0.0);
  assert_double_near(e.se, 0.0, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_categories),
      cmocka_unit_test(test_add_and_counts),
      cmocka_unit_test(test_add_overflow),
      cmocka_unit_test(test_merge),
      cmocka_unit_test(test_estimate_reference),
      cmocka_unit_test(test_estimate_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
