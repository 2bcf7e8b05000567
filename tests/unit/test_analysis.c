/*
 * test_analysis.c - the summary and compare analyses through their public
 * calls: rows, intervals, small bases, seeds; the tests, intervals and
 * verdicts of a comparison, its fallbacks, the paired case and the curves
 * of its power chart.
 *
 * Expected values: tests/data/nps_reference.json (computed with numpy/scipy
 * and checked against the R package NPS): one_sample P5 A3 D2 Jeffreys
 * interval; two_sample Wald and adjusted-Wald tests. The seed rule by hand
 * in Python (FNV-1a from the basis 1469598103934665603, then the splitmix64
 * finaliser of seed + hash * 0x9E3779B97F4A7C15):
 *   seed 1, key "a" -> 6912894605088807842; seed 1, key "" ->
 *   12558695461572883640; seed 2, key "a" -> 18352053379447498419.
 */
#include <math.h>
#include <string.h>

#include "nps/compare.h"
#include "nps/summary.h"
#include "nps_test.h"

static void add(nps_table *t, const char *key, nps_counts c) {
  size_t len = strlen(key);
  if (c.promoters)
    assert_int_equal(nps_table_add(t, key, len, 9, c.promoters), NPS_OK);
  if (c.passives)
    assert_int_equal(nps_table_add(t, key, len, 7, c.passives), NPS_OK);
  if (c.detractors)
    assert_int_equal(nps_table_add(t, key, len, 3, c.detractors), NPS_OK);
}

/* ---- summary --------------------------------------------------------- */

static void test_seed_rule(void **state) {
  (void)state;
  assert_true(nps_seed_for_key(1, "a", 1) == 6912894605088807842ul);
  assert_true(nps_seed_for_key(1, "", 0) == 12558695461572883640ul);
  assert_true(nps_seed_for_key(2, "a", 1) == 18352053379447498419ul);
}

static void test_summary_rows(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  add(t, "b", (nps_counts){5, 3, 2});
  add(t, "a", (nps_counts){1, 0, 0});
  assert_int_equal(nps_table_add_missing(t, "c", 1, 4), NPS_OK);
  nps_summary_options o;
  nps_summary_options_init(&o);
  o.by_group = 1;
  o.min_n = 2;
  o.seed = 1;
  nps_summary *s;
  assert_int_equal(nps_summary_run(t, &o, &s, NULL), NPS_OK);
  assert_int_equal(s->n_rows, 4); /* a, b, c (by key), overall */
  assert_memory_equal(s->rows[0].key, "a", 1);
  assert_int_equal(s->rows[0].base, NPS_BASE_BELOW);
  assert_int_equal(s->rows[2].base, NPS_BASE_EMPTY);
  assert_int_equal(s->rows[2].missing, 4);
  const nps_summary_row *b = &s->rows[1];
  assert_int_equal(b->base, NPS_BASE_OK);
  assert_true(b->has_ci);
  assert_int_equal(b->ci.method_used, NPS_CI_BAYES);
  /* reference one_sample P5 A3 D2, dirichlet_jeffreys */
  assert_double_near(b->ci.iv.lo, -0.2044931055, 1e-9);
  assert_double_near(b->ci.iv.hi, 0.6658994285, 1e-9);
  assert_double_near(b->est.nps, 0.3, 1e-15);
  assert_true(b->seed == nps_seed_for_key(1, "b", 1));
  const nps_summary_row *all = nps_summary_overall(s);
  assert_null(all->key);
  assert_int_equal(all->est.n, 11);
  assert_int_equal(all->missing, 4);
  assert_true(all->seed == 12558695461572883640ul);
  nps_summary_free(s);
  nps_table_free(t);
}

/* A bootstrap summary keeps its replicates when asked, and the same seed
 * gives the same interval. */
static void test_summary_replicates(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  add(t, "", (nps_counts){60, 25, 40});
  nps_summary_options o;
  nps_summary_options_init(&o);
  o.method = NPS_CI_PERCENTILE;
  o.replicates = 2000;
  o.keep_replicates = 1;
  nps_summary *s1, *s2;
  assert_int_equal(nps_summary_run(t, &o, &s1, NULL), NPS_OK);
  assert_int_equal(nps_summary_run(t, &o, &s2, NULL), NPS_OK);
  assert_int_equal(s1->n_replicates, 2000);
  assert_non_null(s1->replicates);
  for (size_t i = 1; i < 2000; i++)
    assert_true(s1->replicates[i - 1] <= s1->replicates[i]);
  const nps_summary_row *a = nps_summary_overall(s1);
  const nps_summary_row *b = nps_summary_overall(s2);
  assert_double_near(a->ci.iv.lo, b->ci.iv.lo, 0.0);
  assert_double_near(a->ci.iv.hi, b->ci.iv.hi, 0.0);
  /* Wald interval 0.16 +- 1.96 sqrt(0.7744 / 125) = 0.16 +- 1.96 * 0.0787
   * (by hand); within 0.02 of it lie the percentile
   * limits of 2000 replicates */
  assert_double_near(a->ci.iv.lo, 0.16 - 1.96 * 0.0787, 0.02);
  nps_summary_free(s1);
  nps_summary_free(s2);
  nps_table_free(t);
}

/* ---- compare ---------------------------------------------------------- */

/* Two one-group samples: before (sample 0) and after (sample 1). */
static nps_compare *run2(nps_counts before, nps_counts after,
                         nps_test2_method test, nps_diff_ci_method dci,
                         uint64_t min_n) {
  nps_table *t[2] = {nps_table_new(0), nps_table_new(0)};
  add(t[0], "", before);
  add(t[1], "", after);
  nps_compare_options o;
  nps_compare_options_init(&o);
  o.test = test;
  o.diff_ci = dci;
  o.min_n = min_n;
  nps_compare *c;
  nps_status st = nps_compare_run((const nps_table *const *)t, &o, &c, NULL);
  assert_int_equal(st, NPS_OK);
  nps_table_free(t[0]);
  nps_table_free(t[1]);
  return c;
}

static void test_compare_wald(void **state) {
  (void)state;
  /* reference two_sample g1 (50, 30, 20) vs g2 (40, 30, 30): Wald */
  nps_compare *c = run2((nps_counts){40, 30, 30}, (nps_counts){50, 30, 20},
                        NPS_TEST2_WALD, NPS_DIFF_CI_TEST, 2);
  const nps_compare_row *r = nps_compare_overall(c);
  assert_double_near(r->diff, 0.2, 1e-12);
  assert_double_near(r->test.p, 0.079410626, 1e-9);
  assert_double_near(r->diff_ci.iv.lo, -0.0234702769, 1e-9);
  assert_double_near(r->diff_ci.iv.hi, 0.4234702769, 1e-9);
  assert_int_equal(r->diff_ci.method_used, NPS_DIFF_CI_TEST);
  assert_true(r->verdict.tested);
  assert_false(r->verdict.significant);
  assert_int_equal(r->verdict.direction, 1);
  assert_double_near(r->verdict.p, 0.079410626, 1e-9);
  nps_compare_free(c);
  /* g1 (120, 50, 30) vs g2 (95, 60, 45): significant, higher */
  c = run2((nps_counts){95, 60, 45}, (nps_counts){120, 50, 30}, NPS_TEST2_WALD,
           NPS_DIFF_CI_TEST, 2);
  r = nps_compare_overall(c);
  assert_double_near(r->test.p, 0.0093692276, 1e-9);
  assert_double_near(r->diff_ci.iv.lo, 0.0491336899, 1e-9);
  assert_double_near(r->diff_ci.iv.hi, 0.3508663101, 1e-9);
  assert_true(r->verdict.significant);
  assert_int_equal(r->verdict.direction, 1);
  /* the detectable difference at 80% power is positive and finite */
  assert_true(r->mdd > 0.0 && r->mdd < 1.0);
  nps_compare_free(c);
  /* adjusted Wald: reference p 0.0832158675 */
  c = run2((nps_counts){40, 30, 30}, (nps_counts){50, 30, 20},
           NPS_TEST2_ADJUSTED_WALD, NPS_DIFF_CI_TEST, 2);
  assert_double_near(nps_compare_overall(c)->test.p, 0.0832158675, 1e-9);
  nps_compare_free(c);
}

/* The power chart's curves: the grid is 10^(1 + 4 i / 80) by definition
 * (10, 1000 and 100000 at i = 0, 40, 80); 5, 10 and 20 points, then the
 * observed difference when it is at least half a point; each curve is
 * nps_compare_power_curve's for its difference. */
static void test_compare_power_chart(void **state) {
  (void)state;
  nps_compare *c = run2((nps_counts){40, 30, 30}, (nps_counts){50, 30, 20},
                        NPS_TEST2_WALD, NPS_DIFF_CI_TEST, 2);
  const nps_compare_row *r = nps_compare_overall(c);
  nps_compare_power_lines pl;
  nps_compare_power_chart(c, &pl);
  assert_double_near(pl.n[0], 10.0, 1e-9);
  assert_double_near(pl.n[40], 1000.0, 1e-9);
  assert_double_near(pl.n[80], 100000.0, 1e-6);
  assert_int_equal(pl.n_lines, 4);
  static const double want[4] = {0.05, 0.10, 0.20, 0.20};
  for (size_t k = 0; k < 4; k++) {
    const nps_compare_power_line *l = &pl.line[k];
    assert_int_equal(l->observed, k == 3);
    assert_double_near(l->delta_used, want[k], 1e-12);
    double power[NPS_COMPARE_POWER_GRID], needed, used;
    assert_int_equal(nps_compare_power_curve(c, r, want[k], pl.n,
                                             NPS_COMPARE_POWER_GRID, power,
                                             &needed, &used),
                     NPS_OK);
    assert_double_near(l->n_needed, needed, 1e-9);
    for (size_t i = 0; i < NPS_COMPARE_POWER_GRID; i++)
      assert_double_near(l->power[i], power[i], 1e-12);
  }
  nps_compare_free(c);
  /* the same sample twice: a difference of 0 draws no observed curve */
  c = run2((nps_counts){40, 30, 30}, (nps_counts){40, 30, 30}, NPS_TEST2_WALD,
           NPS_DIFF_CI_TEST, 2);
  nps_compare_power_chart(c, &pl);
  assert_int_equal(pl.n_lines, 3);
  for (size_t k = 0; k < 3; k++)
    assert_false(pl.line[k].observed);
  nps_compare_free(c);
}

static void test_compare_untested_and_fallbacks(void **state) {
  (void)state;
  /* a sample below min_n: no test */
  nps_compare *c = run2((nps_counts){4, 3, 3}, (nps_counts){50, 30, 20},
                        NPS_TEST2_WALD, NPS_DIFF_CI_TEST, 30);
  const nps_compare_row *r = nps_compare_overall(c);
  assert_int_equal(r->untested, NPS_UNTESTED_SMALL);
  assert_false(r->verdict.tested);
  nps_compare_free(c);
  /* fewer than 20 answers: the bootstrap interval of the difference falls
   * back to adjusted Wald, and says why */
  c = run2((nps_counts){4, 3, 3}, (nps_counts){6, 2, 2}, NPS_TEST2_DEFAULT,
           NPS_DIFF_CI_BCA, 2);
  r = nps_compare_overall(c);
  assert_int_equal(r->diff_ci.method_used, NPS_DIFF_CI_ADJUSTED_WALD);
  assert_non_null(r->diff_ci.note);
  nps_compare_free(c);
  /* both samples one-category: the Wald test falls back to adjusted Wald
   * with a note on the test */
  c = run2((nps_counts){0, 0, 30}, (nps_counts){30, 0, 0}, NPS_TEST2_WALD,
           NPS_DIFF_CI_TEST, 2);
  r = nps_compare_overall(c);
  assert_int_equal(r->test.method, NPS_TEST2_ADJUSTED_WALD);
  assert_non_null(r->test.note);
  nps_compare_free(c);
}

/* Paired: five respondents, each from detractor to promoter: the mean
 * change is +2 with no spread. The default sign-flip test: two of the 32
 * sign patterns reach |sum| = 10, none goes beyond, so p (ties whole) is
 * 2/32 = 0.0625 and the mid-p 1/32 (counted by hand); p is not below 0.05
 * and the test-based interval holds 0: not significant. The paired z test
 * beside it has no spread and so no p: it does not take part. */
static void test_compare_paired(void **state) {
  (void)state;
  nps_table *ids[2] = {nps_table_new(0), nps_table_new(0)};
  const char *id[] = {"r1", "r2", "r3", "r4", "r5"};
  for (int i = 0; i < 5; i++) {
    assert_int_equal(nps_table_add(ids[0], id[i], 2, 2, 1), NPS_OK);
    assert_int_equal(nps_table_add(ids[1], id[i], 2, 10, 1), NPS_OK);
  }
  nps_compare_options o;
  nps_compare_options_init(&o);
  o.min_n = 2;
  nps_compare *c;
  assert_int_equal(
      nps_compare_paired((const nps_table *const *)ids, &o, &c, NULL), NPS_OK);
  const nps_compare_row *r = nps_compare_overall(c);
  assert_true(c->paired);
  assert_int_equal(c->pairs.count[2][0],
                   5); /* after promoter, before detractor */
  assert_double_near(r->test.diff, 2.0, 0.0);
  assert_double_near(r->test.se, 0.0, 0.0);
  assert_int_equal(r->test.method, NPS_TEST2_SIGN_FLIP);
  assert_double_near(r->test.p, 2.0 / 32, 1e-12);
  assert_double_near(r->test.p_mid, 1.0 / 32, 1e-12);
  assert_true(r->diff_ci.iv.lo < 0.0); /* agrees with p >= 0.05 */
  assert_true(isnan(r->mdd));          /* no spread, nothing to plan */
  assert_int_equal(c->n_tests, 2);
  assert_int_equal(c->tests[1].method, NPS_TEST2_PAIRED);
  assert_non_null(c->tests[1].res.note);
  assert_true(isnan(c->tests[1].res.p));
  assert_true(r->verdict.tested);
  assert_false(r->verdict.significant);
  assert_int_equal(r->verdict.conflict, NPS_CONFLICT_NONE);
  nps_compare_free(c);
  /* greater: p = 1/32 < 0.05 and the one-sided bound is above 0:
   * significant, no conflict */
  o.alternative = NPS_ALT_GREATER;
  assert_int_equal(
      nps_compare_paired((const nps_table *const *)ids, &o, &c, NULL), NPS_OK);
  r = nps_compare_overall(c);
  assert_double_near(r->test.p, 1.0 / 32, 1e-12);
  assert_true(r->diff_ci.iv.lo > 0.0);
  assert_true(r->verdict.significant);
  assert_int_equal(r->verdict.conflict, NPS_CONFLICT_NONE);
  nps_compare_free(c);
  /* at the 99% level it no longer rejects, and the bound holds 0 */
  o.level = 0.99;
  assert_int_equal(
      nps_compare_paired((const nps_table *const *)ids, &o, &c, NULL), NPS_OK);
  r = nps_compare_overall(c);
  assert_false(r->verdict.significant);
  assert_true(r->diff_ci.iv.lo < 0.0);
  assert_int_equal(r->verdict.conflict, NPS_CONFLICT_NONE);
  nps_compare_free(c);
  o.alternative = NPS_ALT_TWO_SIDED;
  /* the z test chosen instead: undefined without spread, so the
   * comparison is not tested, and says why */
  o.paired_test = NPS_TEST2_PAIRED;
  assert_int_equal(
      nps_compare_paired((const nps_table *const *)ids, &o, &c, NULL), NPS_OK);
  r = nps_compare_overall(c);
  assert_int_equal(r->test.method, NPS_TEST2_PAIRED);
  assert_int_equal(r->untested, NPS_UNTESTED_NO_SPREAD);
  assert_false(r->verdict.tested);
  assert_true(isnan(r->diff_ci.iv.lo));
  nps_compare_free(c);
  o.level = 0.95;
  /* an independent-samples test for a paired comparison is refused */
  o.paired_test = NPS_TEST2_WALD;
  assert_int_equal(
      nps_compare_paired((const nps_table *const *)ids, &o, &c, NULL),
      NPS_EINVAL);
  nps_table_free(ids[0]);
  nps_table_free(ids[1]);
}

/* compare reads its tables without changing them: segments come out in
 * key order (a, b, c) while each table keeps its first-seen order; the
 * counts follow their keys (a: 10 and 20 answers). */
static void test_compare_keeps_tables(void **state) {
  (void)state;
  nps_table *t[2] = {nps_table_new(0), nps_table_new(0)};
  add(t[0], "b", (nps_counts){5, 0, 0});
  add(t[0], "a", (nps_counts){10, 0, 0});
  add(t[1], "c", (nps_counts){0, 0, 7});
  add(t[1], "a", (nps_counts){0, 20, 0});
  nps_compare_options o;
  nps_compare_options_init(&o);
  o.by_segment = 1;
  nps_compare *c;
  nps_run_error err = {0};
  assert_int_equal(nps_compare_run((const nps_table *const *)t, &o, &c, &err),
                   NPS_OK);
  assert_int_equal(c->n_rows, 4);
  assert_memory_equal(c->rows[0].key, "a", 1);
  assert_memory_equal(c->rows[1].key, "b", 1);
  assert_memory_equal(c->rows[2].key, "c", 1);
  assert_int_equal(c->rows[0].side[0].counts.promoters, 10);
  assert_int_equal(c->rows[0].side[1].counts.passives, 20);
  assert_int_equal(c->rows[1].side[0].counts.promoters, 5);
  assert_int_equal(c->rows[2].side[1].counts.detractors, 7);
  assert_int_equal(err.sample, -1); /* cleared: nothing went wrong */
  nps_compare_free(c);
  assert_memory_equal(nps_table_group(t[0], 0)->key, "b", 1);
  assert_memory_equal(nps_table_group(t[1], 0)->key, "c", 1);
  /* paired: ids b (a promoter, then a passive) and a (promoter both
   * times) in both; the tables again keep their order */
  nps_table *ids[2] = {nps_table_new(0), nps_table_new(0)};
  add(ids[0], "b", (nps_counts){1, 0, 0});
  add(ids[0], "a", (nps_counts){1, 0, 0});
  add(ids[1], "a", (nps_counts){1, 0, 0});
  add(ids[1], "b", (nps_counts){0, 1, 0});
  assert_int_equal(
      nps_compare_paired((const nps_table *const *)ids, &o, &c, &err), NPS_OK);
  assert_int_equal(c->pairs.count[2][2], 1); /* a: promoter -> promoter */
  assert_int_equal(c->pairs.count[1][2], 1); /* b: promoter -> passive */
  nps_compare_free(c);
  assert_memory_equal(nps_table_group(ids[0], 0)->key, "b", 1);
  assert_memory_equal(nps_table_group(ids[1], 0)->key, "a", 1);
  for (int i = 0; i < 2; i++) {
    nps_table_free(t[i]);
    nps_table_free(ids[i]);
  }
}

/* The --fail-if gate: the overall comparison and the segments are one
 * family. Wald tests with their own z intervals, p by hand (Python
 * statistics.NormalDist): segment a (30, 10, 10) -> (10, 10, 30), -80
 * points, p = 5.733031e-07; segment b unchanged, p = 1; overall (50, 30,
 * 20) -> (30, 30, 40), -40 points, p = 4.510953e-04. Holm over the three:
 * a 3 p = 1.7199094e-06, overall 2 p = 9.021907e-04. */
static void test_compare_gate(void **state) {
  (void)state;
  nps_table *t[2] = {nps_table_new(0), nps_table_new(0)};
  add(t[0], "a", (nps_counts){30, 10, 10});
  add(t[1], "a", (nps_counts){10, 10, 30});
  add(t[0], "b", (nps_counts){20, 20, 10});
  add(t[1], "b", (nps_counts){20, 20, 10});
  nps_compare_options o;
  nps_compare_options_init(&o);
  o.by_segment = 1;
  o.test = NPS_TEST2_WALD;
  o.diff_ci = NPS_DIFF_CI_TEST;
  nps_compare *c;
  assert_int_equal(nps_compare_run((const nps_table *const *)t, &o, &c, NULL),
                   NPS_OK);
  assert_int_equal(c->n_rows, 3);
  assert_double_near(c->rows[0].test.p, 5.733031e-07, 1e-12);
  assert_double_near(nps_compare_overall(c)->test.p, 4.510953e-04, 1e-9);
  nps_gate g;
  assert_int_equal(nps_compare_gate(c, NPS_GATE_SIGNIFICANT, &g), NPS_OK);
  assert_true(g.fires);
  assert_int_equal(g.family, 3);
  assert_int_equal(g.row, 0); /* segment a, before the overall row */
  assert_double_near(g.p_family, 1.7199094e-06, 1e-12);
  assert_int_equal(nps_compare_gate(c, NPS_GATE_DROP, &g), NPS_OK);
  assert_true(g.fires && g.row == 0);
  nps_compare_free(c);
  /* the other way round nothing fell: a drop gate stays shut and has no
   * member to come near; the significant gate still fires */
  nps_table *swapped[2] = {t[1], t[0]};
  assert_int_equal(
      nps_compare_run((const nps_table *const *)swapped, &o, &c, NULL), NPS_OK);
  assert_int_equal(nps_compare_gate(c, NPS_GATE_DROP, &g), NPS_OK);
  assert_false(g.fires);
  assert_true(g.nearest == SIZE_MAX && isnan(g.p_nearest));
  assert_int_equal(nps_compare_gate(c, NPS_GATE_SIGNIFICANT, &g), NPS_OK);
  assert_true(g.fires);
  nps_compare_free(c);
  /* at alpha = 1.5e-6 segment a is significant among the segments
   * (Holm over two: 1.1466e-6) but not in the gate's family of three
   * (1.72e-6): the gate stays shut, its nearest member is segment a */
  o.level = 1.0 - 1.5e-6;
  assert_int_equal(nps_compare_run((const nps_table *const *)t, &o, &c, NULL),
                   NPS_OK);
  assert_true(c->rows[0].verdict.significant);
  assert_int_equal(nps_compare_gate(c, NPS_GATE_SIGNIFICANT, &g), NPS_OK);
  assert_false(g.fires);
  assert_int_equal(g.nearest, 0);
  assert_double_near(g.p_nearest, 1.7199094e-06, 1e-12);
  nps_compare_free(c);
  nps_table_free(t[0]);
  nps_table_free(t[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seed_rule),
      cmocka_unit_test(test_summary_rows),
      cmocka_unit_test(test_summary_replicates),
      cmocka_unit_test(test_compare_wald),
      cmocka_unit_test(test_compare_power_chart),
      cmocka_unit_test(test_compare_untested_and_fallbacks),
      cmocka_unit_test(test_compare_paired),
      cmocka_unit_test(test_compare_keeps_tables),
      cmocka_unit_test(test_compare_gate),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
