/*
 * test_csvin_columns.c - column resolution as a function of the header
 * names alone (nps_csv_resolve): no input is read. Expected columns are
 * read off the header lists by hand, by the rules in csvin.h.
 */
#include <stdlib.h>
#include <string.h>

#include "csvin_internal.h"
#include "nps_test.h"

typedef struct resolved {
  nps_status st;
  nps_csv_layout lay;
  unsigned char roles[32], slot[32];
  size_t gcol[4], fcol[4];
  nps_csvin_report rep;
  nps_csvin_error err;
} resolved;

static void resolve(resolved *x, const char *const *names, size_t n,
                    const nps_csvin_options *opt) {
  char *copy[32];
  size_t len[32];
  assert_true(n <= 32);
  for (size_t i = 0; i < n; i++) {
    copy[i] = (char *)names[i];
    len[i] = strlen(names[i]);
  }
  memset(x, 0, sizeof *x);
  x->lay.roles = x->roles;
  x->lay.slot = x->slot;
  x->lay.gcol = x->gcol;
  x->lay.fcol = x->fcol;
  x->st = nps_csv_resolve(copy, len, n, opt, &x->lay, &x->rep, &x->err);
}

/* A Qualtrics export: Q1 is the score because Q1_NPS_GROUP exists. */
static void test_qualtrics(void **state) {
  (void)state;
  const char *h[] = {"StartDate", "Status",  "ResponseId", "Q1_NPS_GROUP",
                     "Q1",        "Q2_TEXT", "channel"};
  const char *by[] = {"channel"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  resolved x;
  resolve(&x, h, 7, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_int_equal(x.lay.score_col, 4);
  assert_int_equal(x.rep.score_detected, 1);
  assert_string_equal(x.rep.score_column, "Q1");
  assert_int_equal(x.lay.gcol[0], 6);
  assert_int_equal(x.roles[4], ROLE_SCORE);
  assert_int_equal(x.roles[6], ROLE_GROUP);
  assert_int_equal(x.roles[3], 0);
}

/* A Russian header: "Оценка" matches "оценка" ignoring case. */
static void test_russian(void **state) {
  (void)state;
  const char *h[] = {"ID", "Канал",
                     "\xd0\x9e\xd1\x86\xd0\xb5\xd0\xbd\xd0\xba"
                     "\xd0\xb0"};
  resolved x;
  resolve(&x, h, 3, &(nps_csvin_options){0});
  assert_int_equal(x.st, NPS_OK);
  assert_int_equal(x.lay.score_col, 2);
}

/* Two names that each contain "score": ambiguous, both named, with the
 * hint to name one. */
static void test_ambiguous(void **state) {
  (void)state;
  const char *h[] = {"id", "nps_score_q1", "nps_score_q2"};
  resolved x;
  resolve(&x, h, 3, &(nps_csvin_options){0});
  assert_int_equal(x.st, NPS_ECOLUMN);
  assert_non_null(strstr(x.err.message, "'nps_score_q1' (column 2) and "
                                        "'nps_score_q2' (column 3)"));
  assert_int_equal(x.err.hints.n, 1);
  assert_int_equal(x.err.hints.item[0].code, NPS_CSVIN_HINT_SCORE_COLUMN);
  /* naming one settles it */
  nps_csvin_options o = {0};
  o.score_column = "nps_score_q2";
  resolve(&x, h, 3, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_int_equal(x.lay.score_col, 2);
  assert_int_equal(x.rep.score_detected, 0);
}

/* Counts input: long, wide and trinomial layouts from the names. */
static void test_counts_layouts(void **state) {
  (void)state;
  nps_csvin_options o = {0};
  o.input = NPS_INPUT_COUNTS;
  resolved x;
  const char *lng[] = {"channel", "Score", "Count"};
  resolve(&x, lng, 3, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_string_equal(x.rep.counts_form, "long");
  assert_int_equal(x.lay.score_col, 1);
  assert_int_equal(x.roles[2], ROLE_COUNT);
  const char *wide[] = {"s0", "s1", "s2", "s3", "s4",  "s5",
                        "s6", "s7", "s8", "s9", "s10", "region"};
  resolve(&x, wide, 12, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_string_equal(x.rep.counts_form, "wide");
  assert_int_equal(x.slot[10], 10);
  assert_int_equal(x.roles[11], 0);
  const char *tri[] = {"detractors", "passives", "promoters"};
  resolve(&x, tri, 3, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_string_equal(x.rep.counts_form, "trinomial");
  assert_int_equal(x.slot[2], 0); /* promoters */
  assert_int_equal(x.slot[0], 2); /* detractors */
  const char *none[] = {"a", "b"};
  resolve(&x, none, 2, &o);
  assert_int_equal(x.st, NPS_ECOLUMN);
  assert_non_null(strstr(x.err.message, "counts input needs columns"));
}

/* A missing --by column: the message suggests the name that differs only
 * in case and lists the columns. */
static void test_missing_group(void **state) {
  (void)state;
  const char *h[] = {"score", "Channel"};
  const char *by[] = {"channel"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  resolved x;
  resolve(&x, h, 2, &o);
  assert_int_equal(x.st, NPS_ECOLUMN);
  assert_string_equal(x.err.message, "no column 'channel' (did you mean "
                                     "'Channel'?); the columns are: score, "
                                     "Channel");
  assert_int_equal(x.err.hints.n, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_qualtrics),
      cmocka_unit_test(test_russian),
      cmocka_unit_test(test_ambiguous),
      cmocka_unit_test(test_counts_layouts),
      cmocka_unit_test(test_missing_group),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
