/*
 * test_segments.c - the segments analysis: each segment against the rest,
 * pairs, the intervals matched to the Holm-adjusted p-values, the letter
 * display, the omnibus decision, small bases, lumping and ordering.
 *
 * Expected values: tests/unit/scripts/segments_reference.py (scipy, and
 * exact enumeration of the studentized permutation test), run as
 * /usr/bin/python3 tests/unit/scripts/segments_reference.py; the omnibus W
 * of the same three segments from omnibus_reference.py.
 */
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "nps/segments.h"
#include "nps_test.h"

/* A table with one group per (key, counts), scores 10 / 8 / 0. */
static nps_table *table_of(const char *const *keys, const nps_counts *c,
                           size_t k) {
  nps_table *t = nps_table_new(0);
  assert_non_null(t);
  for (size_t i = 0; i < k; i++) {
    size_t len = strlen(keys[i]);
    if (c[i].promoters)
      assert_int_equal(nps_table_add(t, keys[i], len, 10, c[i].promoters),
                       NPS_OK);
    if (c[i].passives)
      assert_int_equal(nps_table_add(t, keys[i], len, 8, c[i].passives),
                       NPS_OK);
    if (c[i].detractors)
      assert_int_equal(nps_table_add(t, keys[i], len, 0, c[i].detractors),
                       NPS_OK);
  }
  return t;
}

static const char *const abc[] = {"A", "B", "C"};
static const nps_counts abc_counts[] = {
    {50, 30, 20}, {40, 30, 30}, {30, 20, 50}};

/* The row whose key is key. */
static const nps_segments_row *row(const nps_segments *s, const char *key) {
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    if (s->rows[i].key_len == strlen(key) &&
        memcmp(s->rows[i].key, key, s->rows[i].key_len) == 0)
      return &s->rows[i];
  fail_msg("no row %s", key);
  return NULL;
}

/* t against the reference's family-only values (diff, p, its Holm p,
 * the matched level and interval at that level) and the rule of
 * segments.h: when the gate (the omnibus p) does not reject, p_adjusted =
 * max(holm, gate), and where the gate is larger the interval is the
 * reference's (same SE |diff| / z_p) at the level 1 - alpha p / gate.
 * significant is the expected verdict. */
static void check_test(const nps_segments_test *t, double gate, double diff,
                       double p, double holm, double level, double lo,
                       double hi, int significant) {
  assert_true(t->tested);
  assert_int_equal(t->test.method, NPS_TEST2_PERMUTATION);
  assert_true(t->test.exact);
  assert_double_near(t->diff, diff, 1e-12);
  assert_double_near(t->test.p, p, 1e-9 * p + 1e-15);
  assert_double_near(t->p_family, holm, 1e-9 * holm + 1e-15);
  if (gate >= 0.05 && gate > holm) {
    double se = (hi - lo) / (2.0 * gsl_cdf_ugaussian_Qinv((1 - level) / 2));
    level = 1.0 - 0.05 * p / gate;
    double z = gsl_cdf_ugaussian_Qinv((1 - level) / 2);
    lo = diff - z * se;
    hi = diff + z * se;
    holm = gate;
  }
  assert_double_near(t->p_adjusted, holm, 1e-9 * holm + 1e-15);
  assert_double_near(t->ci_level, level, 1e-12);
  assert_double_near(t->ci.lo, lo, 1e-9);
  assert_double_near(t->ci.hi, hi, 1e-9);
  assert_int_equal(t->verdict.significant, significant);
  /* the interval agrees with the verdict */
  assert_int_equal(t->ci.lo > 0.0 || t->ci.hi < 0.0, significant);
}

static void test_three_segments(void **state) {
  (void)state;
  nps_table *t = table_of(abc, abc_counts, 3);
  nps_segments_options o;
  nps_segments_options_init(&o);
  o.pairwise = 1;
  nps_segments *s;
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_int_equal(s->n_rows, 4);
  assert_int_equal(s->n_tested, 3);
  /* NPS order: A (30), B (10), C (-20) */
  assert_memory_equal(s->rows[0].key, "A", 1);
  assert_memory_equal(s->rows[2].key, "C", 1);
  /* the gate: the omnibus permutation p (Monte Carlo; W = 18.3 on 2 df
   * has chi-square p 1.1e-4, so it is below 0.001 in any run) */
  double g = s->omnibus_verdict.p;
  assert_true(g > 0.0 && g < 0.001);
  /* "perm" lines of segments_reference.py */
  check_test(&row(s, "A")->vs_rest, g, 0.35, 0.0005786803199306916,
             0.0011573606398613831, 0.975, 0.1220440685302212,
             0.5779559314697787, 1);
  check_test(&row(s, "B")->vs_rest, g, 0.05, 0.6259655519492882,
             0.6259655519492882, 0.95, -0.15105775206142663, 0.2510577520614266,
             0);
  check_test(&row(s, "C")->vs_rest, g, -0.4, 0.00019318305718007354,
             0.0005795491715402206, 0.9833333333333333, -0.6568807689263392,
             -0.14311923107366092, 1);
  assert_int_equal(row(s, "A")->vs_rest.verdict.direction, 1);
  assert_int_equal(row(s, "C")->vs_rest.verdict.direction, -1);
  /* pairs in row order: A-B, A-C, B-C */
  assert_int_equal(s->n_pairs, 3);
  check_test(&s->pairs[0].t, g, 0.2, 0.08326129370220421, 0.08326129370220421,
             0.95, -0.026314781353864863, 0.4263147813538648, 0);
  check_test(&s->pairs[1].t, g, 0.5, 4.094293669227027e-05,
             0.00012282881007681082, 0.9833333333333333, 0.20820021490416862,
             0.7917997850958314, 1);
  check_test(&s->pairs[2].t, g, 0.3, 0.01444048819146883, 0.02888097638293766,
             0.975, 0.02510663487317577, 0.5748933651268243, 1);
  /* A and B do not differ, C differs from both: a, a, b */
  assert_string_equal(row(s, "A")->letters, "a");
  assert_string_equal(row(s, "B")->letters, "a");
  assert_string_equal(row(s, "C")->letters, "b");
  /* omnibus: W of omnibus_reference.py; its permutation p decides */
  assert_double_near(s->omnibus.w, 18.29796294981901, 1e-9);
  assert_true(s->omnibus.perm_draws >= NPS_SEGMENTS_MIN_DRAWS);
  assert_true(s->omnibus_verdict.significant);
  assert_int_equal(s->answer, NPS_SEGMENTS_DIFFER);
  assert_int_equal(s->held_back, 0);
  /* thin: B's interval at n = 100 is about +-1.96 sqrt(0.7 - 0.01) / 10 =
   * +-0.163 (Wald), the median of the three, above 0.10 */
  assert_int_equal(s->thin, 1);
  assert_double_near(s->median_half_width, 0.163, 0.01);
  nps_segments_free(s);
  nps_table_free(t);
}

/* Overlapping letters: with A-C the only significant pair of three
 * segments, B shares a letter with both (ab). */
static void test_letters_overlap(void **state) {
  (void)state;
  /* NPS 40, 10, -20 with n = 200, 30, 200: only A-C is clearly apart; B's
   * small n keeps it close to both (checked below through the pairs) */
  const nps_counts c[] = {{100, 80, 20}, {10, 13, 7}, {50, 60, 90}};
  nps_table *t = table_of(abc, c, 3);
  nps_segments_options o;
  nps_segments_options_init(&o);
  o.pairwise = 1;
  nps_segments *s;
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_int_equal(s->n_pairs, 3);
  int ab = s->pairs[0].t.verdict.significant;
  int ac = s->pairs[1].t.verdict.significant;
  int bc = s->pairs[2].t.verdict.significant;
  assert_true(!ab && ac && !bc);
  assert_string_equal(row(s, "A")->letters, "a");
  assert_string_equal(row(s, "B")->letters, "ab");
  assert_string_equal(row(s, "C")->letters, "b");
  nps_segments_free(s);
  nps_table_free(t);
}

/* Small segments keep their interval but are not tested; lumping merges
 * them into one tested "other" row. */
static void test_small_and_lumped(void **state) {
  (void)state;
  const char *keys[] = {"big", "tiny1", "tiny2", "mid"};
  const nps_counts c[] = {{60, 30, 30}, {5, 3, 2}, {2, 4, 6}, {40, 30, 50}};
  nps_table *t = table_of(keys, c, 4);
  nps_segments_options o;
  nps_segments_options_init(&o);
  nps_segments *s;
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_int_equal(s->n_tested, 2);
  assert_int_equal(s->n_small, 2);
  const nps_segments_row *tiny = row(s, "tiny1");
  assert_int_equal(tiny->base, NPS_BASE_BELOW);
  assert_true(tiny->has_ci);
  assert_false(tiny->vs_rest.tested);
  /* the rest of "big" includes the small segments' answers:
   * rest = (5+2+40, 3+4+30, 2+6+50) = (47, 37, 58) */
  const nps_segments_test *b = &row(s, "big")->vs_rest;
  assert_double_near(b->test.nps2, (47.0 - 58.0) / 142.0, 1e-15);
  nps_segments_free(s);
  /* lump below 30: tiny1 and tiny2 become "other" (7, 7, 8), n = 22, still
   * below min_n 30 and so not tested; with min_n 20 it is tested */
  o.lump_below = 30;
  o.min_n = 20;
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_int_equal(s->n_rows, 4); /* big, mid, other, all */
  const nps_segments_row *other = &s->rows[2];
  assert_int_equal(other->lumped, 2);
  assert_memory_equal(other->key, "other", 5);
  assert_int_equal(other->counts.promoters, 7);
  assert_int_equal(other->counts.detractors, 8);
  assert_true(other->vs_rest.tested);
  assert_int_equal(s->n_tested, 3);
  assert_true(s->omnibus.perm_draws >= NPS_SEGMENTS_MIN_DRAWS);
  nps_segments_free(s);
  nps_table_free(t);
}

/* Two segments: each against the rest is the permutation test compare
 * runs by default, a family of one, at the 95% level. */
static void test_two_segments(void **state) {
  (void)state;
  nps_table *t = table_of(abc, abc_counts, 2);
  nps_segments_options o;
  nps_segments_options_init(&o);
  nps_segments *s;
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  /* the gate: the omnibus permutation p, near the chi-square p 0.079
   * below (Monte Carlo); not significant, like the test against the rest */
  double g = s->omnibus_verdict.p;
  assert_true(g > 0.05 && g < 0.15);
  assert_int_equal(s->answer, NPS_SEGMENTS_NO_EVIDENCE);
  /* "perm A (two segments)" of segments_reference.py */
  check_test(&row(s, "A")->vs_rest, g, 0.2, 0.08326129370220421,
             0.08326129370220421, 0.95, -0.026314781353864863,
             0.4263147813538648, 0);
  check_test(&row(s, "B")->vs_rest, g, -0.2, 0.08326129370220421,
             0.08326129370220421, 0.95, -0.4263147813538648,
             0.026314781353864863, 0);
  /* the omnibus W of two groups is z^2, so its chi-square p is the
   * two-sample Wald p of tests/data/nps_reference.json */
  assert_double_near(s->omnibus.w_p, 0.079410626, 1e-9);
  nps_segments_free(s);
  nps_table_free(t);
}

/* The omnibus gate: where the omnibus test and the tests against the rest
 * disagree, one answer (segments.h). Values: the "gate" and "perm held
 * back" / "perm overall" lines of segments_reference.py (W and its
 * chi-square p in closed form; exact permutation mid-p, Holm). The
 * omnibus permutation p is Monte Carlo; the chi-square p of each W (0.101
 * and 0.0085) lies far enough from 0.05 that its verdict is the same in
 * any run (its Monte Carlo SE is under 0.004). */
static void test_gate(void **state) {
  (void)state;
  const char *eight[] = {"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"};
  nps_counts c8[8];
  for (int i = 0; i < 7; i++)
    c8[i] = (nps_counts){40, 30, 30};
  c8[7] = (nps_counts){54, 30, 16};
  nps_table *t = table_of(eight, c8, 8);
  nps_segments_options o;
  nps_segments_options_init(&o);
  nps_segments *s;
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_double_near(s->omnibus.w, 11.984626135569531, 1e-9);
  double g = s->omnibus_verdict.p;
  assert_true(g > 0.05);
  /* s8 alone stands out by Holm (0.007), but the omnibus test does not
   * reject: the answer is no, and s8 is held back, its p_adjusted the
   * omnibus p and its interval containing 0 */
  assert_int_equal(s->answer, NPS_SEGMENTS_NO_EVIDENCE);
  assert_int_equal(s->held_back, 1);
  check_test(&row(s, "s8")->vs_rest, g, 0.28, 0.0008700756728554322,
             0.006960605382843457, 0.99375, 0.050047361291425146,
             0.5099526387085749, 0);
  assert_double_near(row(s, "s8")->vs_rest.p_adjusted, g, 1e-15);
  /* the row held back is marked: s8 (Holm p 0.007 < 0.05), no other */
  assert_true(row(s, "s8")->vs_rest.held_back);
  for (int i = 0; i < 7; i++)
    assert_false(row(s, eight[i])->vs_rest.held_back);
  for (int i = 0; i < 7; i++)
    check_test(&row(s, eight[i])->vs_rest, g, -0.04, 0.660588257721256, 1.0,
               0.9669705871139372, -0.23418994067535803, 0.15418994067535802,
               0);
  nps_segments_free(s);
  nps_table_free(t);

  /* two segments high, two low: the omnibus test rejects, none stands
   * out from the rest after Holm */
  const char *abcd[] = {"A", "B", "C", "D"};
  const nps_counts c4[] = {
      {47, 30, 23}, {47, 30, 23}, {33, 30, 37}, {33, 30, 37}};
  t = table_of(abcd, c4, 4);
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_double_near(s->omnibus.w, 11.694510739856803, 1e-9);
  g = s->omnibus_verdict.p;
  assert_true(g < 0.05);
  assert_int_equal(s->answer, NPS_SEGMENTS_DIFFER_OVERALL);
  assert_int_equal(s->held_back, 0);
  for (int i = 0; i < 4; i++)
    assert_false(row(s, abcd[i])->vs_rest.held_back);
  for (int i = 0; i < 2; i++)
    check_test(&row(s, abcd[i])->vs_rest, g, 0.18666666666666665,
               0.048302023280405525, 0.1932080931216221, 0.9875,
               -0.04943906162213518, 0.4227723949554685, 0);
  for (int i = 2; i < 4; i++)
    check_test(&row(s, abcd[i])->vs_rest, g, -0.18666666666666668,
               0.05557415660491768, 0.1932080931216221, 0.9856180567524326,
               -0.4253268235759471, 0.051993490242613766, 0);
  nps_segments_free(s);
  nps_table_free(t);
}

/* Over 150 random tables of 4 segments (n 30 to 400, NPS -60 to +80, some
 * segments truly apart), no verdict contradicts its interval, for the
 * vs-rest tests and the pairs, under each adjustment, and the answer
 * agrees with the claims. */
static void test_coherence(void **state) {
  (void)state;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 7);
  const char *keys[] = {"w", "x", "y", "z"};
  const nps_multi_method adj[] = {NPS_MULTI_HOLM, NPS_MULTI_BH,
                                  NPS_MULTI_BONFERRONI, NPS_MULTI_NONE};
  size_t checked = 0, significant = 0;
  for (int trial = 0; trial < 150; trial++) {
    nps_counts c[4];
    for (int i = 0; i < 4; i++) {
      unsigned n = 30 + (unsigned)gsl_rng_uniform_int(r, 371);
      double pp = 0.1 + 0.7 * gsl_rng_uniform(r);
      double pd = (1.0 - pp) * gsl_rng_uniform(r);
      double probs[3] = {pp, 1.0 - pp - pd, pd};
      unsigned k[3];
      gsl_ran_multinomial(r, 3, n, probs, k);
      c[i] = (nps_counts){k[0], k[1], k[2]};
    }
    nps_table *t = table_of(keys, c, 4);
    nps_segments_options o;
    nps_segments_options_init(&o);
    o.pairwise = 1;
    o.adjust = adj[trial % 4];
    o.replicates = 1000;
    nps_segments *s;
    assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
    for (size_t i = 0; i + 1 < s->n_rows; i++) {
      const nps_segments_test *x = &s->rows[i].vs_rest;
      if (!x->tested)
        continue;
      assert_int_equal(x->verdict.significant, x->ci.lo > 0 || x->ci.hi < 0);
      checked++;
      significant += (size_t)x->verdict.significant;
    }
    size_t rest_claims = 0, pair_claims = 0;
    for (size_t i = 0; i + 1 < s->n_rows; i++)
      rest_claims += (size_t)s->rows[i].vs_rest.verdict.significant;
    for (size_t i = 0; i < s->n_pairs; i++) {
      const nps_segments_test *x = &s->pairs[i].t;
      assert_int_equal(x->verdict.significant, x->ci.lo > 0 || x->ci.hi < 0);
      checked++;
      significant += (size_t)x->verdict.significant;
      pair_claims += (size_t)x->verdict.significant;
    }
    /* the answer agrees with every claim below it */
    assert_int_equal(s->answer == NPS_SEGMENTS_DIFFER, rest_claims > 0);
    if (s->answer == NPS_SEGMENTS_NO_EVIDENCE)
      assert_int_equal(pair_claims, 0);
    nps_segments_free(s);
    nps_table_free(t);
  }
  /* both outcomes occur often: the check is not empty */
  assert_true(checked == 1500 && significant > 150 && significant < 1350);
  gsl_rng_free(r);
}

/* One segment: nothing to compare; thin segments: the warning. */
static void test_edges(void **state) {
  (void)state;
  const char *one[] = {"only"};
  const nps_counts c1[] = {{50, 30, 20}};
  nps_table *t = table_of(one, c1, 1);
  nps_segments_options o;
  nps_segments_options_init(&o);
  nps_segments *s;
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_false(s->rows[0].vs_rest.tested); /* the rest is empty */
  assert_int_equal(s->omnibus.k, 1);
  assert_non_null(s->omnibus.note);
  assert_false(s->omnibus_verdict.tested);
  nps_segments_free(s);
  nps_table_free(t);
  /* nine segments of 40: more than 8, so thin */
  const char *nine[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  nps_counts c9[9];
  for (int i = 0; i < 9; i++)
    c9[i] = (nps_counts){16, 12, 12};
  t = table_of(nine, c9, 9);
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_OK);
  assert_true(s->thin);
  /* equal segments: nothing differs */
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    assert_false(s->rows[i].vs_rest.verdict.significant);
  nps_segments_free(s);
  nps_table_free(t);
  /* pairwise is refused above NPS_SEGMENTS_MAX_PAIRWISE tested segments:
   * 101 segments of 40 answers (each above min_n, so each tested), and the
   * error says how many were tested; the table is left as it was */
  enum { MANY = NPS_SEGMENTS_MAX_PAIRWISE + 1 };
  char names[MANY][8];
  const char *many[MANY];
  nps_counts cm[MANY];
  for (int i = 0; i < MANY; i++) {
    snprintf(names[i], sizeof names[i], "s%03d", MANY - i);
    many[i] = names[i];
    cm[i] = (nps_counts){16, 12, 12};
  }
  t = table_of(many, cm, MANY);
  o.pairwise = 1;
  nps_run_error err = {0};
  assert_int_equal(nps_segments_run(t, &o, &s, &err), NPS_EINVAL);
  assert_null(s);
  assert_int_equal(err.count, MANY);
  assert_int_equal(err.sample, -1);
  assert_null(err.key);
  assert_int_equal(err.problem, 0);
  assert_string_equal(nps_table_group(t, 0)->key, "s101"); /* first seen */
  o.pairwise = 0;
  nps_table_free(t);
  /* an empty table */
  t = nps_table_new(0);
  assert_int_equal(nps_segments_run(t, &o, &s, NULL), NPS_EEMPTY);
  assert_non_null(s);
  nps_segments_free(s);
  nps_table_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_three_segments),
      cmocka_unit_test(test_letters_overlap),
      cmocka_unit_test(test_small_and_lumped),
      cmocka_unit_test(test_two_segments),
      cmocka_unit_test(test_gate),
      cmocka_unit_test(test_coherence),
      cmocka_unit_test(test_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
