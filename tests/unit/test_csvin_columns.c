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

/* Names that are not a column's exact name: ignoring case, a part of one
 * name, a position; each match is reported. Expected columns and texts
 * are read off the header lists by the rules in csvin.h. */
static void test_loose_names(void **state) {
  (void)state;
  const char *h[] = {"ID", "How likely are you to recommend us?", "Channel",
                     "Region", "region_code"};
  const char *by[] = {"channel", "#1"};
  nps_csvin_options o = {0};
  o.score_column = "LIKELY";
  o.group_columns = by;
  o.n_group_columns = 2;
  resolved x;
  resolve(&x, h, 5, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_int_equal(x.lay.score_col, 1);
  assert_int_equal(x.lay.gcol[0], 2);
  assert_int_equal(x.lay.gcol[1], 0);
  assert_string_equal(x.rep.columns_matched,
                      "'LIKELY' is column 2, 'How likely are you to "
                      "recommend us?'; 'channel' is column 3, 'Channel'; "
                      "'#1' is column 1, 'ID'");
  /* An exact name wins over a case-insensitive one, and is not reported. */
  const char *exact[] = {"score", "Region", "region"};
  const char *byr[] = {"region"};
  o.score_column = NULL;
  o.group_columns = byr;
  o.n_group_columns = 1;
  resolve(&x, exact, 3, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_int_equal(x.lay.gcol[0], 2);
  assert_string_equal(x.rep.columns_matched, "");
}

/* A part of several names, a case-insensitive name of two columns, a
 * position outside the header, and a part in a one-column header. */
static void test_loose_names_fail(void **state) {
  (void)state;
  const char *h[] = {"score", "Region", "region_code", "REGION"};
  const char *by[] = {"reg"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  resolved x;
  resolve(&x, h, 4, &o);
  assert_int_equal(x.st, NPS_ECOLUMN);
  assert_string_equal(x.err.message,
                      "no column 'reg', and several columns contain it (give "
                      "more of the name, or the column's position as #N): #2 "
                      "'Region', #3 'region_code', #4 'REGION'");
  by[0] = "region"; /* Region and REGION both equal it ignoring case */
  resolve(&x, h, 4, &o);
  assert_int_equal(x.st, NPS_ECOLUMN);
  assert_non_null(strstr(x.err.message, "#2 'Region', #3 'region_code', #4 "
                                        "'REGION'"));
  by[0] = "#5";
  resolve(&x, h, 4, &o);
  assert_string_equal(x.err.message, "no column #5: the header has 4 columns");
  by[0] = "#0";
  resolve(&x, h, 4, &o);
  assert_string_equal(x.err.message, "no column #0: the header has 4 columns");
  /* "score" is a part of the only name, but one column means a wrong
   * delimiter more likely than a question text: no match. */
  const char *one[] = {"id;region;score"};
  o.group_columns = NULL;
  o.n_group_columns = 0;
  o.score_column = "score";
  resolve(&x, one, 1, &o);
  assert_int_equal(x.st, NPS_ECOLUMN);
  assert_string_equal(x.err.message,
                      "no column 'score'; the columns are: id;region;score");
}

/* Repeated names (SurveyMonkey writes several): the exact name is
 * ambiguous and the message gives the positions; "#N" picks one; lists of
 * columns show positions where names repeat. */
static void test_repeated_names(void **state) {
  (void)state;
  const char *h[] = {"Respondent", "Q", "Q", "score"};
  const char *by[] = {"Q"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  resolved x;
  resolve(&x, h, 4, &o);
  assert_int_equal(x.st, NPS_ECOLUMN);
  assert_string_equal(x.err.message,
                      "ambiguous column 'Q': columns 2 and 3 have that name "
                      "(choose one by position: #2 or #3)");
  by[0] = "#3";
  resolve(&x, h, 4, &o);
  assert_int_equal(x.st, NPS_OK);
  assert_int_equal(x.lay.gcol[0], 2);
  by[0] = "nothing";
  resolve(&x, h, 4, &o);
  assert_string_equal(x.err.message,
                      "no column 'nothing'; the columns are: Respondent, Q "
                      "(#2), Q (#3), score");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_qualtrics),
      cmocka_unit_test(test_russian),
      cmocka_unit_test(test_ambiguous),
      cmocka_unit_test(test_counts_layouts),
      cmocka_unit_test(test_loose_names),
      cmocka_unit_test(test_loose_names_fail),
      cmocka_unit_test(test_repeated_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
