/*
 * test_benchmark.c - the benchmark analysis and the competitors reader.
 *
 * Reference values: tests/unit/scripts/benchmark_reference.py (pure
 * Python, math only; run `python3 tests/unit/scripts/benchmark_reference.py`),
 * which computes the worst-case variance by brute force over a grid, the
 * conservative z test, the fixed comparison from the adjusted-Wald
 * formula, Holm's adjustment and the exact studentized permutation mid-p
 * by enumerating every table. The rank interval is known by construction:
 * a party far ahead of all others with a large n ranks 1 in every
 * replicate.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nps/benchmark.h"
#include "nps_test.h"

static nps_status read_text(const char *text, nps_shares_mode mode, int skip,
                            nps_competitors **out, nps_csvin_error *err) {
  FILE *in = fmemopen((void *)text, strlen(text), "r");
  assert_non_null(in);
  nps_competitors_options o;
  nps_competitors_options_init(&o);
  o.shares = mode;
  o.skip_invalid = skip;
  nps_status st = nps_competitors_read(in, &o, out, err);
  fclose(in);
  return st;
}

static nps_competitors *read_ok(const char *text) {
  nps_competitors *c = NULL;
  nps_csvin_error err;
  nps_status st = read_text(text, NPS_SHARES_AUTO, 0, &c, &err);
  if (st != NPS_OK)
    print_error("read failed: line %llu col %zu: %s\n",
                (unsigned long long)err.line, err.column, err.message);
  assert_int_equal(st, NPS_OK);
  return c;
}

static nps_benchmark *run(const nps_counts *ours, const nps_competitors *c,
                          nps_multi_method adjust) {
  nps_benchmark_options o;
  nps_benchmark_options_init(&o);
  o.seed = 7;
  o.replicates = 2000;
  o.adjust = adjust;
  nps_benchmark *b = NULL;
  assert_int_equal(nps_benchmark_run(ours, c, &o, &b, NULL), NPS_OK);
  return b;
}

static const nps_benchmark_party *party(const nps_benchmark *b,
                                        const char *name) {
  for (size_t i = 0; i < b->n_parties; i++)
    if (strcmp(b->parties[i].name, name) == 0)
      return &b->parties[i];
  fail_msg("no party %s", name);
  return NULL;
}

static void test_worst_var(void **state) {
  (void)state;
  /* Grid maximum 0.91 for theta = 0.3 (reference script). */
  assert_double_near(nps_benchmark_worst_var(0.3), 0.91, 1e-15);
  assert_double_near(nps_benchmark_worst_var(-1.0), 0.0, 0);
  assert_double_near(nps_benchmark_worst_var(0.0), 1.0, 0);
}

static void test_conservative(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps,n\nB,10,400\n");
  nps_counts ours = {50, 30, 20};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  const nps_benchmark_party *p = party(b, "B");
  assert_int_equal(p->kind, NPS_BENCHMARK_CONSERVATIVE);
  assert_double_near(p->diff, 0.2, 1e-15);
  assert_double_near(p->diff_se, 0.0926012958872607, 1e-13);
  assert_double_near(p->p, 0.030788388878228, 1e-12);
  assert_double_near(p->diff_ci.lo, 0.018504795139232, 1e-12);
  assert_double_near(p->diff_ci.hi, 0.381495204860768, 1e-12);
  assert_double_near(p->se, 0.049749371855331, 1e-13);
  assert_double_near(p->p_adjusted, p->p, 0); /* a family of one */
  assert_true(p->verdict.significant);
  assert_int_equal(p->verdict.direction, 1);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

static void test_fixed(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps\nB,10\n");
  nps_counts ours = {50, 30, 20};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  const nps_benchmark_party *p = party(b, "B");
  assert_int_equal(p->kind, NPS_BENCHMARK_FIXED);
  assert_false(p->has_ci);
  assert_false(p->has_n);
  assert_double_near(p->diff, 0.2, 1e-15);
  assert_double_near(p->p, 0.0128946577995593, 1e-12);
  assert_double_near(p->diff_ci.lo, 0.0405113017876161, 1e-12);
  assert_double_near(p->diff_ci.hi, 0.342012970057044, 1e-12);
  assert_true(p->verdict.significant);
  assert_int_equal(p->verdict.conflict, NPS_CONFLICT_NONE);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

static void test_full(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,promoters,passives,detractors\nB,2,3,5\n");
  nps_counts ours = {6, 2, 2};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  const nps_benchmark_party *p = party(b, "B");
  assert_int_equal(p->kind, NPS_BENCHMARK_FULL);
  assert_int_equal(p->n, 10);
  assert_double_near(p->diff, 0.7, 1e-15);
  /* Exact enumeration of every table (reference script). */
  assert_double_near(p->p, 0.0840243347983286, 1e-10);
  /* The interval of the difference is the library's default one. */
  nps_diff_ci_request r = {
      NPS_DIFF_CI_DEFAULT, NPS_ALT_TWO_SIDED, 0.95, 0, NULL, NULL};
  nps_diff_ci_result d;
  assert_int_equal(nps_diff_ci_compute(&ours, &p->counts, &r, &d), NPS_OK);
  assert_double_near(p->diff_ci.lo, d.iv.lo, 0);
  assert_double_near(p->diff_ci.hi, d.iv.hi, 0);
  assert_false(p->verdict.significant);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

static void test_holm(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps,n\nB,10,400\nC,25,300\nD,40,200\n");
  nps_counts ours = {50, 30, 20};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  assert_int_equal(b->family, 3);
  assert_double_near(party(b, "B")->p_adjusted, 0.0923651666346841, 1e-12);
  assert_double_near(party(b, "C")->p_adjusted, 0.648924711502211, 1e-12);
  assert_double_near(party(b, "D")->p_adjusted, 0.648924711502211, 1e-12);
  /* B's unadjusted p and interval reject, its adjusted p does not: not
   * significant, and not a conflict (compare's rule). */
  assert_false(party(b, "B")->verdict.significant);
  assert_int_equal(party(b, "B")->verdict.conflict, NPS_CONFLICT_NONE);
  nps_benchmark_free(b);
  b = run(&ours, c, NPS_MULTI_NONE);
  assert_double_near(party(b, "B")->p_adjusted, 0.030788388878228, 1e-12);
  assert_true(party(b, "B")->verdict.significant);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

static void test_rank_far_ahead(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps,n,promoters,passives,detractors\n"
                               "B,10,400,,,\nC,0,,,,\nD,,,30,40,30\n"
                               "p25,-10,,,,\np75,50,,,,\n");
  nps_counts ours = {9900, 100, 0};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  assert_int_equal(b->n_parties, 4);
  assert_int_equal(b->ours, 0);
  assert_int_equal(b->rank, 1);
  assert_int_equal(b->rank_lo, 1);
  assert_int_equal(b->rank_hi, 1);
  assert_double_near(b->rank_share[0], 1.0, 0);
  assert_int_equal(b->replicates, 2000);
  /* Our interval (about [98.7, 99.2]) lies above p75. */
  assert_int_equal(b->n_bands, 2);
  assert_int_equal(b->band_below, 3);
  assert_int_equal(b->band_above, -1);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

static void test_rank_middle(void **state) {
  (void)state;
  /* Two fixed parties far above and below: rank 2 in every replicate. */
  nps_competitors *c = read_ok("name,nps\nHigh,90\nLow,-90\n");
  nps_counts ours = {500, 300, 200};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  assert_int_equal(b->rank, 2);
  assert_int_equal(b->rank_lo, 2);
  assert_int_equal(b->rank_hi, 2);
  assert_string_equal(b->parties[0].name, "High");
  assert_string_equal(b->parties[1].name, "us");
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

static void test_context(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps,year,survey_type\n"
                               "A,10,2025,relationship\n"
                               "B,20,2025,Relationship\n"
                               "C,30,2023,transactional\n");
  nps_counts ours = {50, 30, 20};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  assert_string_equal(b->context[NPS_CONTEXT_TYPE], "relationship");
  assert_int_equal(party(b, "A")->mismatch, 0);
  assert_int_equal(party(b, "B")->mismatch, 0); /* case is ignored */
  assert_int_equal(party(b, "C")->mismatch,
                   (1u << NPS_CONTEXT_YEAR) | (1u << NPS_CONTEXT_TYPE));
  assert_int_equal(b->n_mismatch, 1);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

/* A competitor of another year is not comparable: no verdict, out of
 * the Holm family and the rank; rank_unlike keeps the old ranking. Ours
 * 50/30/20 (NPS 0.3, V 0.61, n 100); conservative z tests with
 * SE = sqrt(0.61/100 + (1 - theta^2)/n) (hand formula, scipy's normal):
 * B (0.10, 400) p 0.030788388878228, C (0.25, 300) p 0.602659937790216,
 * D (0.40, 200, year 2023) p 0.324462355751105. Holm over {B, C}:
 * 0.061576777756456 and 0.602659937790216; over {B, C, D} as in
 * test_holm. */
static void test_unlike(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps,n,year\nB,10,400,2025\n"
                               "C,25,300,2025\nD,40,200,2023\n");
  nps_counts ours = {50, 30, 20};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  const nps_benchmark_party *d = party(b, "D");
  assert_false(d->comparable);
  assert_false(d->verdict.tested);
  assert_false(d->verdict.significant);
  assert_true(isnan(d->p_adjusted));
  assert_double_near(d->p, 0.324462355751105, 1e-12); /* kept */
  assert_double_near(d->diff, -0.1, 1e-15);
  assert_int_equal(b->family, 2);
  assert_int_equal(b->n_unlike, 1);
  assert_double_near(party(b, "B")->p_adjusted, 0.061576777756456, 1e-12);
  assert_double_near(party(b, "C")->p_adjusted, 0.602659937790216, 1e-12);
  /* D (40) is above us (30) but not ranked: first of three */
  assert_int_equal(b->n_ranked, 3);
  assert_int_equal(b->rank, 1);
  assert_true(b->rank_hi <= 3);
  nps_benchmark_free(b);

  nps_benchmark_options o;
  nps_benchmark_options_init(&o);
  o.seed = 7;
  o.replicates = 2000;
  o.rank_unlike = 1;
  assert_int_equal(nps_benchmark_run(&ours, c, &o, &b, NULL), NPS_OK);
  d = party(b, "D");
  assert_true(d->comparable);
  assert_true(d->verdict.tested);
  assert_int_equal(d->mismatch, 1u << NPS_CONTEXT_YEAR); /* still flagged */
  assert_int_equal(b->family, 3);
  assert_int_equal(b->n_unlike, 0);
  assert_double_near(d->p_adjusted, 0.648924711502211, 1e-12);
  assert_int_equal(b->n_ranked, 4);
  assert_int_equal(b->rank, 2);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

static void test_shares_detect(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,n,promoters,passives,detractors\n"
                               "A,1000,45%,30%,25%\n");
  assert_int_equal(c->shares, NPS_SHARES_PERCENT);
  assert_true(c->shares_detected);
  assert_int_equal(c->rows[0].counts.promoters, 450);
  assert_int_equal(c->rows[0].counts.passives, 300);
  assert_int_equal(c->rows[0].counts.detractors, 250);
  assert_double_near(c->rows[0].nps, 0.2, 1e-15);
  nps_competitors_free(c);
  /* Whole numbers summing to 100 with another n: percentages. */
  c = read_ok("name,n,promoters,passives,detractors\nA,500,40,35,25\n");
  assert_int_equal(c->shares, NPS_SHARES_PERCENT);
  assert_int_equal(c->rows[0].counts.promoters, 200);
  nps_competitors_free(c);
  /* Counts without n: n is their sum. */
  c = read_ok("name,promoters,passives,detractors\nA,40,35,25\n");
  assert_int_equal(c->shares, NPS_SHARES_COUNTS);
  assert_int_equal(c->rows[0].n, 100);
  nps_competitors_free(c);
  /* A missing passives cell is the rest. */
  c = read_ok("name,promoters,detractors\nA,45%,25%\n");
  assert_double_near(c->rows[0].shares.passives, 0.3, 1e-15);
  nps_competitors_free(c);
}

/* A bad file: status, line and column of the error. */
typedef struct bad_case {
  const char *text;
  nps_shares_mode mode;
  nps_status st;
  uint64_t line;
  size_t column;
  const char *in_message;
} bad_case;

static void test_reader_errors(void **state) {
  (void)state;
  static const bad_case cases[] = {
      {"name,nps\nA,10\nB,150\n", NPS_SHARES_AUTO, NPS_EINVAL, 3, 2,
       "outside -100..100"},
      {"name,nps\nA,-100.5\n", NPS_SHARES_AUTO, NPS_EINVAL, 2, 2, "outside"},
      {"x,name,promoters,passives,detractors\n1,A,60,30,20\n",
       NPS_SHARES_PERCENT, NPS_EINVAL, 2, 5, "sum to 110%"},
      {"name,promoters,passives,detractors\nA,50,60,-10\n", NPS_SHARES_PERCENT,
       NPS_EINVAL, 2, 4, "outside 0..100"},
      {"name,nps,n\nA,10,-5\n", NPS_SHARES_AUTO, NPS_ECOUNT, 2, 3,
       "non-negative whole"},
      {"name,nps,n\nA,10,10.5\n", NPS_SHARES_AUTO, NPS_ECOUNT, 2, 3,
       "non-negative whole"},
      {"name,promoters,passives,detractors\nA,1.5,3,4\n", NPS_SHARES_COUNTS,
       NPS_ECOUNT, 2, 2, "non-negative whole"},
      {"name,n,promoters,passives,detractors\nA,100,50,30,21\n",
       NPS_SHARES_COUNTS, NPS_ECOUNT, 2, 2, "but n is 100"},
      {"name,nps\nA,10\nB,20\nA,30\n", NPS_SHARES_AUTO, NPS_EINVAL, 4, 1,
       "earlier row"},
      {"brand,nps\nA,10\n", NPS_SHARES_AUTO, NPS_ECOLUMN, 1, 0,
       "no 'name' column"},
      {"name,nps,source\nA,,x\n", NPS_SHARES_AUTO, NPS_EINVAL, 2, 1, "neither"},
      {"name,nps\n\"A\nB\",abc\n", NPS_SHARES_AUTO, NPS_EINVAL, 2, 2,
       "not a number"},
      {"name,nps\n\"multi\nline\",10\nB,200\n", NPS_SHARES_AUTO, NPS_EINVAL, 4,
       2, "outside"},
      {"name,nps,n,promoters,passives,detractors\nA,35,100,50,30,20\n",
       NPS_SHARES_COUNTS, NPS_EINVAL, 2, 2, "disagrees"},
      {"name,nps\nA,10,3\n", NPS_SHARES_AUTO, NPS_ECSV, 2, 0,
       "expected 2 fields"},
      {"name,nps\nA,\"1\"0\n", NPS_SHARES_AUTO, NPS_ECSV, 2, 2, ""},
  };
  for (size_t i = 0; i < NPS_ARRAY_LEN(cases); i++) {
    const bad_case *k = &cases[i];
    nps_competitors *c = (nps_competitors *)1;
    nps_csvin_error err;
    nps_status st = read_text(k->text, k->mode, 0, &c, &err);
    if (st != k->st || err.line != k->line || err.column != k->column ||
        !strstr(err.message, k->in_message))
      print_error("case %zu: status %d line %llu column %zu: %s\n", i, (int)st,
                  (unsigned long long)err.line, err.column, err.message);
    assert_int_equal(st, k->st);
    assert_int_equal(err.line, k->line);
    assert_int_equal(err.column, k->column);
    assert_null(c);
  }
}

static void test_skip_invalid(void **state) {
  (void)state;
  nps_competitors *c = NULL;
  nps_csvin_error err;
  assert_int_equal(read_text("name,nps\nA,10\nB,150\nC,\nD,-20\nA,5\n",
                             NPS_SHARES_AUTO, 1, &c, &err),
                   NPS_OK);
  assert_int_equal(c->n_rows, 2);
  assert_int_equal(c->invalid, 3);
  assert_int_equal(c->first_invalid.line, 3);
  assert_int_equal(c->first_invalid.column, 2);
  assert_string_equal(c->rows[1].name, "D");
  nps_competitors_free(c);
}

static void test_bands_and_api(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps\nA,10\nP10,-20\nmedian,5\np90,40\n");
  assert_int_equal(c->n_rows, 1);
  assert_double_near(c->band[0], -0.2, 1e-15);
  assert_double_near(c->band[2], 0.05, 1e-15);
  assert_double_nan(c->band[1]);
  assert_int_equal(c->band_line[4], 5);
  nps_counts ours = {50, 30, 20};
  nps_benchmark_options o;
  nps_benchmark_options_init(&o);
  nps_benchmark *b = (nps_benchmark *)1;
  nps_counts none = {0, 0, 0};
  assert_int_equal(nps_benchmark_run(&none, c, &o, &b, NULL), NPS_EEMPTY);
  assert_null(b);
  o.level = 1.5;
  assert_int_equal(nps_benchmark_run(&ours, c, &o, &b, NULL), NPS_EINVAL);
  nps_benchmark_free(NULL);
  nps_competitors_free(NULL);
  nps_competitors_free(c);
  nps_shares_mode m;
  assert_int_equal(nps_shares_mode_parse("percent", &m), NPS_OK);
  assert_int_equal(m, NPS_SHARES_PERCENT);
  assert_int_equal(nps_shares_mode_parse("share", &m), NPS_EINVAL);
  assert_string_equal(nps_benchmark_kind_name(NPS_BENCHMARK_CONSERVATIVE),
                      "conservative");
}

static void test_add_counts(void **state) {
  (void)state;
  nps_competitors *c = nps_competitors_new();
  assert_non_null(c);
  nps_counts k = {6, 2, 2}, none = {0, 0, 0};
  assert_int_equal(nps_competitors_add_counts(c, "B", 1, &k), NPS_OK);
  assert_int_equal(nps_competitors_add_counts(c, "B", 1, &k), NPS_EINVAL);
  assert_int_equal(nps_competitors_add_counts(c, "", 0, &k), NPS_EINVAL);
  assert_int_equal(nps_competitors_add_counts(c, "C", 1, &none), NPS_EINVAL);
  assert_int_equal(c->n_rows, 1);
  assert_true(c->rows[0].has_counts);
  assert_double_near(c->rows[0].nps, 0.4, 1e-15);
  /* The same comparison as a competitors file row with these counts. */
  nps_counts ours = {2, 3, 5};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  const nps_benchmark_party *p = party(b, "B");
  assert_int_equal(p->kind, NPS_BENCHMARK_FULL);
  assert_double_near(p->diff, -0.7, 1e-15);
  /* Group 1 is now (2,3,5): the two-sided mid-p is symmetric in the
   * groups (reference script: 0.0840243347983286). */
  assert_double_near(p->p, 0.0840243347983286, 1e-10);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

/* Two conservative competitors, Holm: B (NPS 10 of 400) has p 0.0307884,
 * adjusted 2 p = 0.0615768, not significant; its interval at the matched
 * level 1 - 0.05 p / (2 p) = 97.5% is 0.2 -+ z_0.9875 SE with
 * z_0.9875 = 2.2414027276 (statistics.NormalDist) and SE 0.0926013 from
 * the reference script: [-0.0075568, 0.4075568], containing 0 as the
 * verdict says. C (NPS 25) keeps p_adjusted = p and the 95% level. */
static void test_matched_interval(void **state) {
  (void)state;
  nps_competitors *c = read_ok("name,nps,n\nB,10,400\nC,25,400\n");
  nps_counts ours = {50, 30, 20};
  nps_benchmark *b = run(&ours, c, NPS_MULTI_HOLM);
  const nps_benchmark_party *p = party(b, "B");
  assert_double_near(p->p_adjusted, 2 * 0.030788388878228, 1e-12);
  assert_double_near(p->level_matched, 0.975, 1e-12);
  assert_double_near(p->diff_ci_matched.lo, -0.0075567972, 1e-9);
  assert_double_near(p->diff_ci_matched.hi, 0.4075567972, 1e-9);
  assert_false(p->verdict.significant);
  assert_int_equal(p->verdict.conflict, NPS_CONFLICT_NONE);
  p = party(b, "C");
  assert_double_near(p->p_adjusted, p->p, 1e-15);
  assert_double_near(p->level_matched, 0.95, 1e-15);
  assert_double_near(p->diff_ci_matched.lo, p->diff_ci.lo, 0);
  nps_benchmark_free(b);
  nps_competitors_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_worst_var),
      cmocka_unit_test(test_conservative),
      cmocka_unit_test(test_fixed),
      cmocka_unit_test(test_full),
      cmocka_unit_test(test_holm),
      cmocka_unit_test(test_rank_far_ahead),
      cmocka_unit_test(test_rank_middle),
      cmocka_unit_test(test_context),
      cmocka_unit_test(test_unlike),
      cmocka_unit_test(test_shares_detect),
      cmocka_unit_test(test_reader_errors),
      cmocka_unit_test(test_skip_invalid),
      cmocka_unit_test(test_bands_and_api),
      cmocka_unit_test(test_add_counts),
      cmocka_unit_test(test_matched_interval),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
