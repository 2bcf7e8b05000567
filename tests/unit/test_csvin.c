/*
 * test_csvin.c - the CSV reader: dialects, column detection, every bad input
 * of BAD_INPUTS.md that reaches the reader, and the sample exports.
 *
 * Expected counts are worked out by hand from the fixtures in tests/data
 * (each test says how); the sample exports' counts are those of
 * tests/data/samples_expected.json, which ships with the samples.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nps/nps.h"

typedef struct run {
  nps_status st;
  nps_table *t;
  nps_csvin_report rep;
  nps_csvin_error err;
} run;

static void run_stream(run *r, FILE *in, const nps_csvin_options *o) {
  r->t = nps_table_new(0);
  assert_non_null(r->t);
  r->st = nps_csvin_read(in, o, r->t, &r->rep, &r->err);
}

static void run_file(run *r, const char *name, const nps_csvin_options *o) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", NPS_TEST_DATA, name);
  FILE *in = fopen(path, "rb");
  if (!in)
    fail_msg("cannot open %s", path);
  run_stream(r, in, o);
  fclose(in);
}

static void run_mem(run *r, const void *data, size_t len,
                    const nps_csvin_options *o) {
  FILE *in = tmpfile();
  assert_non_null(in);
  assert_int_equal(fwrite(data, 1, len, in), len);
  rewind(in);
  run_stream(r, in, o);
  fclose(in);
}

static void run_str(run *r, const char *s, const nps_csvin_options *o) {
  run_mem(r, s, strlen(s), o);
}

static void run_done(run *r) {
  nps_table_free(r->t);
  r->t = NULL;
}

static const nps_group *group(const nps_table *t, const char *key) {
  size_t len = strlen(key);
  for (size_t i = 0; i < nps_table_size(t); i++) {
    const nps_group *g = nps_table_group(t, i);
    if (g->key_len == len && memcmp(g->key, key, len) == 0)
      return g;
  }
  fail_msg("no group '%s'", key);
  return NULL;
}

static void assert_hist(const nps_hist *h, const uint64_t want[NPS_NSCORES]) {
  for (int s = 0; s < NPS_NSCORES; s++)
    if (h->count[s] != want[s])
      fail_msg("score %d: %llu, want %llu", s, (unsigned long long)h->count[s],
               (unsigned long long)want[s]);
}

static void assert_ok(const run *r) {
  if (r->st != NPS_OK)
    fail_msg("status %d (%s): line %llu: %s", r->st, nps_strerror(r->st),
             (unsigned long long)r->err.line, r->err.message);
}

/* The message has exactly one hint, code, placed right after prefix
 * (which the message starts with or contains). */
static void assert_hint(const run *r, nps_csvin_hint code, const char *after) {
  const char *m = r->err.message, *p = strstr(m, after);
  if (r->err.hints.n != 1 || r->err.hints.item[0].code != code)
    fail_msg("hints: %zu, first code %d, want one of code %d (message: %s)",
             r->err.hints.n,
             r->err.hints.n ? (int)r->err.hints.item[0].code : 0, (int)code, m);
  if (!p || r->err.hints.item[0].at != (size_t)(p - m) + strlen(after))
    fail_msg("hint at %zu, want right after '%s' in '%s'",
             r->err.hints.item[0].at, after, m);
}

static void assert_error(const run *r, nps_status st, uint64_t line,
                         size_t column, const char *part) {
  if (r->st != st)
    fail_msg("status %d, want %d (message: %s)", r->st, st, r->err.message);
  if (r->err.line != line)
    fail_msg("line %llu, want %llu (message: %s)",
             (unsigned long long)r->err.line, (unsigned long long)line,
             r->err.message);
  if (r->err.column != column)
    fail_msg("column %zu, want %zu (message: %s)", r->err.column, column,
             r->err.message);
  if (!strstr(r->err.message, part))
    fail_msg("message '%s' lacks '%s'", r->err.message, part);
}

/* The category totals of the whole table. */
static void assert_pad(const nps_table *t, uint64_t p, uint64_t a, uint64_t d) {
  nps_hist h;
  uint64_t missing;
  nps_table_total(t, &h, &missing);
  nps_counts c = nps_hist_counts(&h);
  if (c.promoters != p || c.passives != a || c.detractors != d)
    fail_msg("P/A/D %llu/%llu/%llu, want %llu/%llu/%llu",
             (unsigned long long)c.promoters, (unsigned long long)c.passives,
             (unsigned long long)c.detractors, (unsigned long long)p,
             (unsigned long long)a, (unsigned long long)d);
}

/* ---- nps_csvin_parse_score ------------------------------------------ */

static void test_parse_score_table(void **state) {
  (void)state;
  static const struct {
    const char *cell;
    int labels;
    nps_status st;
    int score;
  } cases[] = {
      {"0", 0, NPS_OK, 0},
      {"10", 0, NPS_OK, 10},
      {" 9 ", 0, NPS_OK, 9},
      {"\t7\t", 0, NPS_OK, 7},
      {"09", 0, NPS_OK, 9},
      {"0010", 0, NPS_OK, 10},
      {"9.0", 0, NPS_OK, 9},
      {"9.00", 0, NPS_OK, 9},
      {"", 0, NPS_EEMPTY, 0},
      {"   ", 0, NPS_EEMPTY, 0},
      {"11", 0, NPS_ESCORE, 0},
      {"100", 0, NPS_ESCORE, 0},
      {"99999999999999999999", 0, NPS_ESCORE, 0},
      {"-1", 0, NPS_ESCORE, 0},
      {"+9", 0, NPS_ESCORE, 0},
      {"7.5", 0, NPS_ESCORE, 0},
      {"7,5", 0, NPS_ESCORE, 0},
      {"9.", 0, NPS_ESCORE, 0},
      {".5", 0, NPS_ESCORE, 0},
      {"1e1", 0, NPS_ESCORE, 0},
      {"0x0A", 0, NPS_ESCORE, 0},
      {"inf", 0, NPS_ESCORE, 0},
      {"nan", 0, NPS_ESCORE, 0},
      {"abc", 0, NPS_ESCORE, 0},
      {"\xEF\xBC\x99", 0, NPS_ESCORE, 0}, /* full-width 9 */
      {"9 9", 0, NPS_ESCORE, 0},
      {"10 - Extremely likely", 0, NPS_ESCORE, 0},
      {"10 - Extremely likely", 1, NPS_OK, 10},
      {"0 - Not at all likely", 1, NPS_OK, 0},
      {"7", 1, NPS_OK, 7},
      {"11 - Too much", 1, NPS_ESCORE, 0},
      {"10-Extremely likely", 1, NPS_ESCORE, 0},
      {"Extremely likely", 1, NPS_ESCORE, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int score = -1;
    nps_status st = nps_csvin_parse_score(cases[i].cell, strlen(cases[i].cell),
                                          cases[i].labels, &score);
    if (st != cases[i].st)
      fail_msg("'%s' (labels %d): status %d, want %d", cases[i].cell,
               cases[i].labels, st, cases[i].st);
    if (st == NPS_OK && score != cases[i].score)
      fail_msg("'%s': score %d, want %d", cases[i].cell, score, cases[i].score);
  }
  /* Not NUL-terminated: only len bytes count. */
  int score = -1;
  assert_int_equal(nps_csvin_parse_score("105", 2, 0, &score), NPS_OK);
  assert_int_equal(score, 10);
  assert_int_equal(nps_csvin_parse_score(NULL, 0, 0, &score), NPS_EEMPTY);
}

/* ---- dialects --------------------------------------------------------- */

/* basic.csv, by region. Rows (id: region score):
 *   1 north 10, 2 south 9, 3 north 0 (its comment spans two lines),
 *   4 east " 7 ", 5 south "09", 6 north "9.0", 7 east empty (missing),
 *   8 south NA (missing), 9 north 3, 10 east 8;
 * plus two blank lines and a ",,," row, which are not records.
 * north: 0, 3, 9, 10; south: 9, 9 and 1 missing; east: 7, 8 and 1 missing.
 */
static const uint64_t north[NPS_NSCORES] = {1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1};
static const uint64_t south[NPS_NSCORES] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0};
static const uint64_t east[NPS_NSCORES] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0};

static void check_basic(const run *r, const char *const keys[3]) {
  assert_ok(r);
  assert_int_equal(r->rep.records, 10);
  assert_int_equal(r->rep.responses, 8);
  assert_int_equal(r->rep.missing, 2);
  assert_int_equal(r->rep.invalid, 0);
  assert_int_equal(r->rep.score_detected, 1);
  assert_string_equal(r->rep.score_column, "score");
  assert_int_equal(nps_table_size(r->t), 3);
  const uint64_t *want[3] = {north, south, east};
  const uint64_t missing[3] = {0, 1, 1};
  for (size_t i = 0; i < 3; i++) { /* first-seen order */
    const nps_group *g = nps_table_group(r->t, i);
    assert_string_equal(g->key, keys[i]);
    assert_hist(&g->hist, want[i]);
    assert_int_equal(g->missing, missing[i]);
  }
}

static void test_basic_comma_lf(void **state) {
  (void)state;
  static const char *const by[] = {"region"};
  static const char *const keys[] = {"north", "south", "east"};
  nps_csvin_options o;
  memset(&o, 0xA5, sizeof o); /* init sets every field, not some */
  nps_csvin_options_init(&o);
  /* the defaults csvin.h documents */
  assert_int_equal(o.input, NPS_INPUT_RAW);
  assert_int_equal(o.delimiter, 0);
  assert_int_equal(o.skip_rows, 0);
  assert_null(o.score_column);
  assert_null(o.group_columns);
  assert_int_equal(o.n_group_columns, 0);
  assert_null(o.na_values);
  assert_null(o.filters);
  assert_int_equal(o.skip_invalid + o.score_labels + o.unique_keys, 0);
  assert_int_equal(o.max_field, 0);
  assert_int_equal(o.threads, 0);
  assert_null(o.group_map);
  assert_null(o.group_map_ctx);
  assert_null(o.group_map_what);
  assert_int_equal(o.scan, NPS_CSVIN_SCAN_AUTO);
  o.group_columns = by;
  o.n_group_columns = 1;
  run r = {0};
  run_file(&r, "basic.csv", &o);
  check_basic(&r, keys);
  assert_int_equal(r.rep.delimiter, ',');
  assert_int_equal(r.rep.delimiter_sniffed, 1);
  assert_int_equal(r.rep.had_bom, 0);
  assert_int_equal(r.rep.had_sep_line, 0);
  run_done(&r);
}

/* basic_ru.csv is basic.csv with ';', a BOM, CRLF line ends (inside the
 * quoted comment too) and the regions in Russian: the same histograms. */
static void test_basic_semicolon_bom_crlf_cyrillic(void **state) {
  (void)state;
  static const char *const by[] = {"регион"};
  static const char *const keys[] = {"Север", "Юг", "Восток"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  run r = {0};
  run_file(&r, "basic_ru.csv", &o);
  check_basic(&r, keys);
  assert_int_equal(r.rep.delimiter, ';');
  assert_int_equal(r.rep.had_bom, 1);
  run_done(&r);
}

/* sep_line.csv: "sep=;" then a header with more ',' than ';' (sniffing
 * alone would pick ','); scores 9, 6, 10. */
static void test_sep_line(void **state) {
  (void)state;
  static const uint64_t want[NPS_NSCORES] = {0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1};
  run r = {0};
  run_file(&r, "sep_line.csv", NULL);
  assert_ok(&r);
  assert_int_equal(r.rep.had_sep_line, 1);
  assert_int_equal(r.rep.delimiter, ';');
  assert_int_equal(r.rep.delimiter_sniffed, 0);
  assert_hist(&group(r.t, "")->hist, want);
  run_done(&r);
  /* Line numbers count the sep= line. */
  run_str(&r, "sep=;\r\nid;score\r\n1;11\r\n", NULL);
  assert_error(&r, NPS_ESCORE, 3, 2, "'11' is not a score 0..10");
  run_done(&r);
}

static void test_tab_and_forced_delimiter(void **state) {
  (void)state;
  run r = {0};
  run_str(&r, "id\tscore\n1\t9\n2\t 8\n", NULL);
  assert_ok(&r);
  assert_int_equal(r.rep.delimiter, '\t');
  assert_int_equal(r.rep.responses, 2);
  run_done(&r);
  nps_csvin_options o = {0};
  o.delimiter = '|';
  run_str(&r, "id|score\n1|9\n", &o);
  assert_ok(&r);
  assert_int_equal(r.rep.delimiter_sniffed, 0);
  assert_int_equal(r.rep.responses, 1);
  run_done(&r);
}

/* Errors name the line where the record starts, counting every physical
 * line of quoted multi-line cells, CRLF or LF, and blank lines. */
static void test_line_numbers(void **state) {
  (void)state;
  static const struct {
    const char *csv;
    uint64_t line;
  } cases[] = {
      {"id,score,comment\n1,9,\"a\nb\nc\"\n2,11,x\n", 5},
      {"id,score,comment\r\n1,9,\"a\r\nb\r\nc\"\r\n2,11,x\r\n", 5},
      {"id,score,comment\n1,9,\"a\nb\nc\"\r\n\r\n\n2,11,x", 7},
      {"note,score\n\"a\nb\",11\n", 2},
      {"\n\nid,score\n\n1,11\n", 5},
      {"id,score,c\r1,9,\"a\rb\"\r\r2,11,x\r", 5}, /* old Mac: CR only */
      {"sep=,\rid,score\r1,11", 3},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run r = {0};
    run_str(&r, cases[i].csv, NULL);
    if (r.err.line != cases[i].line)
      fail_msg("case %zu: line %llu, want %llu", i,
               (unsigned long long)r.err.line,
               (unsigned long long)cases[i].line);
    assert_int_equal(r.st, NPS_ESCORE);
    run_done(&r);
  }
}

/* ---- bad scores --------------------------------------------------------- */

static void test_bad_scores(void **state) {
  (void)state;
  static const struct {
    const char *cell; /* as written in the CSV */
    const char *part; /* expected in the message */
  } cases[] = {
      {"abc", "column 'score': 'abc' is not a score 0..10"},
      {"11", "column 'score': '11' is not a score 0..10"},
      {"-1", "'-1' is not a score 0..10"},
      {"100", "'100' is not a score 0..10"},
      {"7.5", "'7.5' is not a whole-number score 0..10"},
      {"\"7,5\"", "'7,5' is not a whole-number score 0..10"},
      {"10 - Extremely likely", "'10 - Extremely likely' is not a score 0..10"},
      {"0x0A", "'0x0A' is not a score"},
      {"1e1", "'1e1' is not a score"},
      {"+9", "'+9' is not a score"},
      {"inf", "'inf' is not a score"},
      {"nan", "'nan' is not a score"},
      {"\xEF\xBC\x99", "'\xEF\xBC\x99' is not a score"},
      {"\"a\tb\x01\"", "'a\\tb\\x01' is not a score"},
      {"\"x\ny\"", "'x\\ny' is not a score"},
      {"\xFF", "'\\xFF' is not a score"},
      {"0123456789012345678901234567890123456789TAIL",
       "'0123456789012345678901234567890123456789...' is not"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char csv[256];
    snprintf(csv, sizeof csv, "id,score\n1,9\n2,%s\n3,10\n", cases[i].cell);
    run r = {0};
    run_str(&r, csv, NULL);
    assert_error(&r, NPS_ESCORE, 3, 2, cases[i].part);
    run_done(&r);
    /* Skipped and counted instead. */
    nps_csvin_options o = {0};
    o.skip_invalid = 1;
    run_str(&r, csv, &o);
    assert_ok(&r);
    assert_int_equal(r.rep.records, 3);
    assert_int_equal(r.rep.responses, 2);
    assert_int_equal(r.rep.invalid, 1);
    assert_int_equal(r.rep.first_invalid_line, 3);
    assert_non_null(strstr(r.rep.first_invalid_reason, cases[i].part));
    run_done(&r);
  }
}

/* Advice comes as hints placed in the message, never as flag text. */
static void test_hints(void **state) {
  (void)state;
  const char *csv = "id,score\n1,9\n2,10 - Extremely likely\n";
  run r = {0};
  run_str(&r, csv, NULL);
  assert_error(&r, NPS_ESCORE, 3, 2,
               "'10 - Extremely likely' is not a score 0..10");
  assert_hint(&r, NPS_CSVIN_HINT_SCORE_LABELS, "is not a score 0..10");
  assert_int_equal(r.err.hints.item[0].at, strlen(r.err.message));
  run_done(&r);
  /* skipped: the report's reason carries the same hint */
  nps_csvin_options o = {0};
  o.skip_invalid = 1;
  run_str(&r, csv, &o);
  assert_ok(&r);
  assert_int_equal(r.rep.first_invalid_hints.n, 1);
  assert_int_equal(r.rep.first_invalid_hints.item[0].code,
                   NPS_CSVIN_HINT_SCORE_LABELS);
  assert_int_equal(r.rep.first_invalid_hints.item[0].at,
                   strlen(r.rep.first_invalid_reason));
  run_done(&r);
  /* two score candidates: name one */
  run_str(&r, "nps,score\n9,9\n", NULL);
  assert_error(&r, NPS_ECOLUMN, 1, 0, "two columns could be the score column");
  assert_hint(&r, NPS_CSVIN_HINT_SCORE_COLUMN, "'score' (column 2)");
  run_done(&r);
  /* no candidate: the hint sits inside the parenthesis, before the list
   * of columns */
  run_str(&r, "a,b\n9,9\n", NULL);
  assert_error(&r, NPS_ECOLUMN, 1, 0,
               "no score column found (looked for names like score, nps, "
               "rating, recommend); the columns are: a, b");
  assert_hint(&r, NPS_CSVIN_HINT_SCORE_COLUMN, "rating, recommend");
  run_done(&r);
  /* a clean error has no hints */
  run_str(&r, "id,score\n1,11\n", NULL);
  assert_int_equal(r.err.hints.n, 0);
  run_done(&r);
}

static void test_score_labels(void **state) {
  (void)state;
  nps_csvin_options o = {0};
  o.score_labels = 1;
  run r = {0};
  run_str(&r,
          "id,score\n1,10 - Extremely likely\n2,0 - Not at all likely\n3,7\n",
          &o);
  assert_ok(&r);
  assert_pad(r.t, 1, 1, 1);
  run_done(&r);
}

/* Empty and NA cells are missing, never 0. */
static void test_missing_scores(void **state) {
  (void)state;
  run r = {0};
  run_str(&r,
          "id,score\n1,\n2, \n3,NA\n4,N/A\n5, n/a \n6,-\n7,#N/A\n8,null\n"
          "9,\"\"\n10,5\n",
          NULL);
  assert_ok(&r);
  assert_int_equal(r.rep.records, 10);
  assert_int_equal(r.rep.missing, 9);
  assert_int_equal(r.rep.responses, 1);
  assert_int_equal(group(r.t, "")->missing, 9);
  run_done(&r);

  /* Given NA values replace the default list ... */
  static const char *const na[] = {"n.a."};
  nps_csvin_options o = {0};
  o.na_values = na;
  o.n_na_values = 1;
  run_str(&r, "id,score\n1,n.a.\n2,NA\n", &o);
  assert_error(&r, NPS_ESCORE, 3, 2, "'NA' is not a score");
  assert_int_equal(r.rep.missing, 1);
  run_done(&r);

  /* ... an empty list leaves only empty cells missing ... */
  o.na_values = na;
  o.n_na_values = 0;
  run_str(&r, "id,score\n1,\n2,NA\n", &o);
  assert_error(&r, NPS_ESCORE, 3, 2, "'NA' is not a score");
  run_done(&r);

  /* ... and an NA value that reads as a score is still missing. */
  static const char *const zero[] = {"0"};
  o.na_values = zero;
  o.n_na_values = 1;
  run_str(&r, "id,score\n1,0\n2,10\n", &o);
  assert_ok(&r);
  assert_int_equal(r.rep.missing, 1);
  assert_int_equal(r.rep.responses, 1);
  run_done(&r);
}

/* ---- columns ---------------------------------------------------------- */

/* The tally of a filter's column: which of its values matched, and the
 * distinct non-empty cells in the order first met. basic.csv's regions
 * (python3 csv.DictReader): north, south, north, east, south, (blank
 * row), north, east, south, north, east. A long cell is kept cut at a
 * character, with its whole length. */
static void test_filter_tally(void **state) {
  (void)state;
  static const char *const vals[] = {"nowhere", "east"};
  nps_csvin_filter f = {"region", vals, 2, 0};
  nps_csvin_options o = {0};
  o.filters = &f;
  o.n_filters = 1;
  run r = {0};
  run_file(&r, "basic.csv", &o);
  assert_int_equal(r.st, NPS_OK);
  const nps_csvin_filter_tally *t = &r.rep.filter_tally[0];
  assert_int_equal(t->hit, 2); /* "east" (value 1) only */
  assert_int_equal(t->n_values, 3);
  assert_int_equal(t->more, 0);
  assert_string_equal(t->value[0], "north");
  assert_string_equal(t->value[1], "south");
  assert_string_equal(t->value[2], "east");
  run_done(&r);

  /* 70 bytes: 60 ASCII then 5 two-byte letters; kept: 60 + 1 letter (62
   * bytes, the next letter would pass 63). Then nine more values: eight
   * are kept in all, and "more" is set. */
  char text[512] = "g,score\n";
  char *p = text + strlen(text);
  memset(p, 'a', 60);
  p += 60;
  for (int i = 0; i < 5; i++)
    *p++ = '\xd0', *p++ = '\xb0';
  p += sprintf(p, ",9\n");
  for (int i = 0; i < 9; i++)
    p += sprintf(p, "v%d,9\n", i);
  f.column = "g";
  run_str(&r, text, &o);
  assert_int_equal(r.st, NPS_OK);
  assert_int_equal(t->n_values, 8);
  assert_int_equal(t->more, 1);
  assert_int_equal(t->len[0], 70);
  assert_int_equal(strlen(t->value[0]), 62);
  assert_string_equal(t->value[7], "v6");
  run_done(&r);

  /* Invalid UTF-8: 70 continuation bytes after "Su". The cut backs over at
   * most 3 of them (found by fuzz_csvin: it used to back over all, keeping
   * "Su"). */
  p = text + sprintf(text, "g,score\nSu");
  memset(p, 0x80, 70);
  p += 70;
  sprintf(p, ",9\n");
  run_str(&r, text, &o);
  assert_int_equal(r.st, NPS_OK);
  assert_int_equal(t->len[0], 72);
  assert_int_equal(strlen(t->value[0]), 60);
  run_done(&r);
}

static void test_missing_column(void **state) {
  (void)state;
  nps_csvin_options o = {0};
  o.score_column = "x";
  run r = {0};
  run_file(&r, "basic.csv", &o);
  assert_error(&r, NPS_ECOLUMN, 1, 0,
               "no column 'x'; the columns are: id, region, score, comment");
  run_done(&r);

  /* "Score" matches "score" ignoring case: no error (the match is in
   * report.columns_matched, tests/unit/test_csvin_columns.c). */
  o.score_column = "Score";
  run_file(&r, "basic.csv", &o);
  assert_int_equal(r.st, NPS_OK);
  run_done(&r);

  static const char *const by[] = {"channel"};
  o.score_column = NULL;
  o.group_columns = by;
  o.n_group_columns = 1;
  run_file(&r, "basic.csv", &o);
  assert_error(&r, NPS_ECOLUMN, 1, 0, "no column 'channel'");
  run_done(&r);

  /* No column looks like a score. */
  run_str(&r, "id,value\n1,9\n", NULL);
  assert_error(&r, NPS_ECOLUMN, 1, 0, "no score column found");
  assert_non_null(strstr(r.err.message, "the columns are: id, value"));
  run_done(&r);
}

static void test_wide_header_list_is_cut(void **state) {
  (void)state;
  char csv[8192] = "";
  for (int i = 0; i < 300; i++)
    snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "%scolumn_%d",
             i ? "," : "", i);
  strcat(csv, "\n");
  run r = {0};
  run_str(&r, csv, NULL);
  assert_int_equal(r.st, NPS_ECOLUMN);
  assert_non_null(strstr(r.err.message, "more)"));
  assert_true(strlen(r.err.message) < sizeof r.err.message - 1);
  run_done(&r);
}

static void test_ambiguous_column(void **state) {
  (void)state;
  run r = {0};
  run_str(&r, "id,score,comment,score\n1,9,x,8\n", NULL);
  assert_error(&r, NPS_ECOLUMN, 1, 0,
               "ambiguous column 'score': columns 2 and 4 have that name");
  run_done(&r);

  nps_csvin_options o = {0};
  o.score_column = "score";
  run_str(&r, "id,score,comment, score \n1,9,x,8\n", &o);
  assert_error(&r, NPS_ECOLUMN, 1, 0,
               "ambiguous column 'score': columns 2 and 4 have that name");
  run_done(&r);

  /* Two different names, equally good candidates. */
  run_str(&r, "id,NPS,Rating\n1,9,8\n", NULL);
  assert_error(&r, NPS_ECOLUMN, 1, 0,
               "'NPS' (column 2) and 'Rating' (column 3)");
  run_done(&r);
}

static void test_score_detection(void **state) {
  (void)state;
  static const struct {
    const char *csv;
    const char *column;
  } cases[] = {
      /* a Qualtrics X beside X_NPS_GROUP beats a name equal to "score" */
      {"score,Q7,Q7_NPS_GROUP\n1,9,3\n", "Q7"},
      {"id, Score \n1,9\n", "Score"},
      {"id,LTR\n1,9\n", "LTR"},
      {"Дата,ОЦЕНКА\n1,9\n", "ОЦЕНКА"},
      /* names that only contain a keyword; group/reason/comment skipped */
      {"Reason for your score,How likely are you to Recommend us?\nx,9\n",
       "How likely are you to Recommend us?"},
      {"Ваша оценка сервиса,Комментарий\n9,x\n", "Ваша оценка сервиса"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    run r = {0};
    run_str(&r, cases[i].csv, NULL);
    assert_ok(&r);
    assert_int_equal(r.rep.score_detected, 1);
    assert_string_equal(r.rep.score_column, cases[i].column);
    assert_int_equal(r.rep.responses, 1);
    run_done(&r);
  }
}

/* A ';' file read with ',' forced: the error suggests ';'. */
static void test_delimiter_hint(void **state) {
  (void)state;
  nps_csvin_options o = {0};
  o.delimiter = ',';
  o.score_column = "score";
  run r = {0};
  run_str(&r, "id;region;score\n1;north;9\n", &o);
  /* the message says what is wrong; the hint says which delimiter to try
   * (nps-stat adds ": try --delimiter ';'" there) */
  assert_error(&r, NPS_ECOLUMN, 1, 0, "the header contains ';'");
  assert_hint(&r, NPS_CSVIN_HINT_DELIMITER, "the header contains ';'");
  assert_int_equal(r.err.hints.delimiter, ';');
  assert_null(strstr(r.err.message, "--"));
  run_done(&r);
  /* The Excel export forced to ',' has one column: the same hint. */
  run_file(&r, "excel_ru.csv", &o);
  assert_int_equal(r.st, NPS_ECOLUMN);
  assert_hint(&r, NPS_CSVIN_HINT_DELIMITER, "the header contains ';'");
  assert_int_equal(r.err.hints.delimiter, ';');
  run_done(&r);
}

/* ---- malformed CSV ------------------------------------------------------ */

/* ragged.csv: line 3 has 2 fields, line 4 has 4; lines 2 and 5 score 9
 * and 10. */
static void test_ragged_rows(void **state) {
  (void)state;
  run r = {0};
  run_file(&r, "ragged.csv", NULL);
  assert_error(&r, NPS_ECSV, 3, 0, "expected 3 fields, found 2");
  run_done(&r);
  run_str(&r, "id,score\n1,9,x\n", NULL);
  assert_error(&r, NPS_ECSV, 2, 0, "expected 2 fields, found 3");
  run_done(&r);
  nps_csvin_options o = {0};
  o.skip_invalid = 1;
  run_file(&r, "ragged.csv", &o);
  assert_ok(&r);
  assert_int_equal(r.rep.invalid, 2);
  assert_int_equal(r.rep.first_invalid_line, 3);
  assert_string_equal(r.rep.first_invalid_reason, "expected 3 fields, found 2");
  assert_int_equal(r.rep.responses, 2);
  assert_pad(r.t, 2, 0, 0);
  run_done(&r);
}

/* unterminated_quote.csv: the quote opens on line 3 and runs to EOF. */
static void test_unterminated_quote(void **state) {
  (void)state;
  run r = {0};
  run_file(&r, "unterminated_quote.csv", NULL);
  assert_error(&r, NPS_ECSV, 3, 3, "unterminated quoted field");
  run_done(&r);
  /* The runaway field meets a quote on line 4: still named by line 2. */
  run_str(&r, "id,score,comment\n1,9,\"open\n2,7,ok\n3,8,\"x\"\n", NULL);
  assert_error(&r, NPS_ECSV, 2, 3, "on line 4");
  assert_non_null(strstr(r.err.message, "not closed properly"));
  run_done(&r);
  /* Quote opening on the last line, no final newline. */
  run_str(&r, "id,score\n1,\"9", NULL);
  assert_error(&r, NPS_ECSV, 2, 2, "unterminated quoted field");
  run_done(&r);
  nps_csvin_options o = {0};
  o.skip_invalid = 1; /* not skippable */
  run_file(&r, "unterminated_quote.csv", &o);
  assert_int_equal(r.st, NPS_ECSV);
  run_done(&r);
}

/* stray_quote.csv: line 3 is 2,7,he said "hi". */
static void test_stray_quote(void **state) {
  (void)state;
  run r = {0};
  run_file(&r, "stray_quote.csv", NULL);
  assert_error(&r, NPS_ECSV, 3, 3, "stray quote in unquoted field 3");
  run_done(&r);
  run_str(&r, "id,score\n1,\"9\"x\n", NULL);
  assert_error(&r, NPS_ECSV, 2, 2, "text after the closing quote");
  run_done(&r);
}

/* nul_byte.csv: a NUL on line 3. */
static void test_binary_input(void **state) {
  (void)state;
  run r = {0};
  run_file(&r, "nul_byte.csv", NULL);
  assert_error(&r, NPS_ECSV, 3, 0, "binary data (NUL byte): not a text CSV");
  run_done(&r);
  static const unsigned char gz[] = {0x1F, 0x8B, 0x08, 0x00, 0x00,
                                     0x00, 0x00, 0x00, 0x00, 0x03};
  run_mem(&r, gz, sizeof gz, NULL);
  assert_error(&r, NPS_ECSV, 1, 0, "gzip");
  run_done(&r);
}

static void test_utf16(void **state) {
  (void)state;
  run r = {0};
  run_file(&r, "utf16le_bom.csv", NULL);
  assert_error(&r, NPS_EENCODING, 0, 0,
               "UTF-16 is not supported; convert with: iconv -f UTF-16 -t "
               "UTF-8 FILE > FILE.utf8.csv");
  run_done(&r);
  static const char be_no_bom[] = "\0i\0d\0,\0s\0c\0o\0r\0e\0\n\0001\0,\0009";
  run_mem(&r, be_no_bom, sizeof be_no_bom - 1, NULL);
  assert_error(&r, NPS_EENCODING, 0, 0, "UTF-16 is not supported");
  run_done(&r);
}

/* bad_utf8_group.csv: line 3's region is Latin-1 "caf\xE9". */
static void test_group_cells(void **state) {
  (void)state;
  static const char *const by[] = {"region"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  run r = {0};
  run_file(&r, "bad_utf8_group.csv", &o);
  assert_error(&r, NPS_EENCODING, 3, 2,
               "column 'region': 'caf\\xE9' is not valid UTF-8");
  run_done(&r);
  o.skip_invalid = 1; /* not skippable */
  run_file(&r, "bad_utf8_group.csv", &o);
  assert_int_equal(r.st, NPS_EENCODING);
  run_done(&r);
  o.skip_invalid = 0;
  run_str(&r, "region,score\n\"a\x1f b\",9\n", &o);
  assert_error(&r, NPS_ECSV, 2, 1, "0x1F");
  run_done(&r);
  /* Trimmed; an empty cell is a group of its own. */
  run_str(&r, "region,score\n north ,9\n\" north\",7\n,8\n", &o);
  assert_ok(&r);
  assert_int_equal(nps_table_size(r.t), 2);
  assert_int_equal(group(r.t, "north")->hist.count[9], 1);
  assert_int_equal(group(r.t, "north")->hist.count[7], 1);
  assert_int_equal(group(r.t, "")->hist.count[8], 1);
  run_done(&r);
}

static void test_multi_column_keys(void **state) {
  (void)state;
  static const char *const by[] = {"b", "a"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 2;
  run r = {0};
  run_str(&r, "a,score,b\nx,9,y\nx,7,\nx,8,y\n", &o);
  assert_ok(&r);
  assert_int_equal(nps_table_size(r.t), 2);
  assert_int_equal(group(r.t, "y\x1fx")->hist.count[9], 1);
  assert_int_equal(group(r.t, "y\x1fx")->hist.count[8], 1);
  assert_int_equal(group(r.t, "\x1fx")->hist.count[7], 1);
  run_done(&r);
}

static void test_big_field(void **state) {
  (void)state;
  size_t big = NPS_CSVIN_DEFAULT_MAX_FIELD + 100;
  static const char head[] = "score,comment\n9,ok\n9,";
  char *csv = malloc(sizeof head + big + 2);
  assert_non_null(csv);
  memcpy(csv, head, sizeof head - 1);
  memset(csv + sizeof head - 1, 'a', big);
  memcpy(csv + sizeof head - 1 + big, "\n", 2);
  run r = {0};
  run_str(&r, csv, NULL);
  assert_error(&r, NPS_EFIELD, 3, 2,
               "column 'comment': a field is longer than 1048576 bytes");
  run_done(&r);
  /* Quoted and spread over lines, starting on line 3. */
  csv[sizeof head - 1] = '"';
  for (size_t i = 1000; i < big; i += 1000)
    csv[sizeof head - 1 + i] = '\n';
  run_str(&r, csv, NULL);
  assert_error(&r, NPS_EFIELD, 3, 2, "longer than 1048576 bytes");
  run_done(&r);
  free(csv);
  /* A smaller limit; a field of exactly max_field is fine. */
  nps_csvin_options o = {0};
  o.max_field = 5;
  run_str(&r, "score,c\n9,12345\n9,123456\n", &o);
  assert_error(&r, NPS_EFIELD, 3, 2, "longer than 5 bytes");
  assert_int_equal(r.rep.responses, 1);
  run_done(&r);
}

/* repeated_header.csv: "id,score" again on line 4; scores 9, 7, 10. */
static void test_repeated_header(void **state) {
  (void)state;
  run r = {0};
  run_file(&r, "repeated_header.csv", NULL);
  assert_error(&r, NPS_ECSV, 4, 0,
               "the header row is repeated (concatenated exports?)");
  run_done(&r);
  nps_csvin_options o = {0};
  o.skip_invalid = 1;
  run_file(&r, "repeated_header.csv", &o);
  assert_ok(&r);
  assert_int_equal(r.rep.invalid, 1);
  assert_int_equal(r.rep.first_invalid_line, 4);
  assert_int_equal(r.rep.responses, 3);
  run_done(&r);
}

static void test_empty_and_header_only(void **state) {
  (void)state;
  static const char *const empties[] = {"", "\xEF\xBB\xBF", "\n\r\n\n",
                                        "sep=;\n"};
  for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
    run r = {0};
    run_str(&r, empties[i], NULL);
    assert_error(&r, NPS_EEMPTY, 0, 0, "no header row");
    run_done(&r);
  }
  run r = {0};
  run_str(&r, "id,score\n", NULL);
  assert_ok(&r);
  assert_int_equal(r.rep.records, 0);
  assert_int_equal(r.rep.responses, 0);
  assert_int_equal(nps_table_size(r.t), 0);
  run_done(&r);
  run_str(&r, "id,score", NULL); /* no newline at all */
  assert_ok(&r);
  run_done(&r);
}

/* Line 3: bad score; line 4: ragged; line 5: the header again; lines 2 and
 * 6 score 9 and 0. */
static void test_skip_invalid_counting(void **state) {
  (void)state;
  nps_csvin_options o = {0};
  o.skip_invalid = 1;
  run r = {0};
  run_str(&r, "id,score\n1,9\n2,eleven\n3\nid,score\n4,0\n", &o);
  assert_ok(&r);
  assert_int_equal(r.rep.records, 5);
  assert_int_equal(r.rep.invalid, 3);
  assert_int_equal(r.rep.responses, 2);
  assert_int_equal(r.rep.first_invalid_line, 3);
  assert_string_equal(r.rep.first_invalid_reason,
                      "column 'score': 'eleven' is not a score 0..10");
  assert_pad(r.t, 1, 0, 1);
  run_done(&r);
}

static void test_filters(void **state) {
  (void)state;
  static const char *const north_only[] = {"north"};
  static const char *const not_se[] = {"south", "east"};
  nps_csvin_filter where = {"region", north_only, 1, 0};
  nps_csvin_filter exclude = {"region", not_se, 2, 1};
  nps_csvin_options o = {0};
  run r = {0};
  /* basic.csv: north has 4 answered rows and no missing ones; the other
   * 6 records are filtered out. */
  for (int i = 0; i < 2; i++) {
    o.filters = i ? &exclude : &where;
    o.n_filters = 1;
    run_file(&r, "basic.csv", &o);
    assert_ok(&r);
    assert_int_equal(r.rep.records, 10);
    assert_int_equal(r.rep.filtered, 6);
    assert_int_equal(r.rep.responses, 4);
    assert_int_equal(r.rep.missing, 0);
    assert_hist(&group(r.t, "")->hist, north);
    run_done(&r);
  }
  /* A filtered-out row is not checked for its score. */
  o.filters = &where;
  run_str(&r, "region,score\nsouth,abc\nnorth,9\n", &o);
  assert_ok(&r);
  assert_int_equal(r.rep.filtered, 1);
  run_done(&r);
  nps_csvin_filter nowhere = {"Status", north_only, 1, 0};
  o.filters = &nowhere;
  run_file(&r, "basic.csv", &o);
  assert_error(&r, NPS_ECOLUMN, 1, 0, "no column 'Status'");
  run_done(&r);
}

/* ---- counts input --------------------------------------------------- */

static void test_counts_forms(void **state) {
  (void)state;
  static const char *const by[] = {"seg"};
  nps_csvin_options o = {0};
  o.input = NPS_INPUT_COUNTS;
  o.group_columns = by;
  o.n_group_columns = 1;
  run r = {0};

  run_str(&r, "seg,score,n\na,10,5\na,0,2\nb,7,3\na,10,1\nb,,4\n", &o);
  assert_ok(&r);
  assert_string_equal(r.rep.counts_form, "long");
  assert_string_equal(r.rep.score_column, "score");
  assert_int_equal(r.rep.responses, 11);
  assert_int_equal(r.rep.missing, 4);
  assert_int_equal(group(r.t, "a")->hist.count[10], 6);
  assert_int_equal(group(r.t, "a")->hist.count[0], 2);
  assert_int_equal(group(r.t, "b")->hist.count[7], 3);
  assert_int_equal(group(r.t, "b")->missing, 4);
  run_done(&r);

  run_str(&r,
          "seg,s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10\n"
          "a,1,0,0,0,0,0,2,0,3,0,4\nb,0,0,0,0,0,0,0,0,0,5,\n",
          &o);
  assert_ok(&r);
  assert_string_equal(r.rep.counts_form, "wide");
  assert_int_equal(r.rep.responses, 15);
  static const uint64_t a[NPS_NSCORES] = {1, 0, 0, 0, 0, 0, 2, 0, 3, 0, 4};
  assert_hist(&group(r.t, "a")->hist, a);
  assert_int_equal(group(r.t, "b")->hist.count[9], 5);
  run_done(&r);

  /* Header "0".."10" in another order. */
  o.n_group_columns = 0;
  run_str(&r, "10,9,8,7,6,5,4,3,2,1,0\n1,2,3,4,5,6,7,8,9,10,11\n", &o);
  assert_ok(&r);
  assert_string_equal(r.rep.counts_form, "wide");
  assert_int_equal(group(r.t, "")->hist.count[0], 11);
  assert_int_equal(group(r.t, "")->hist.count[10], 1);
  run_done(&r);
  o.n_group_columns = 1;

  /* Trinomial counts land in bins 10, 8 and 0. */
  run_str(&r, "seg,Promoters,Passives,Detractors\na,5,3,2\n", &o);
  assert_ok(&r);
  assert_string_equal(r.rep.counts_form, "trinomial");
  static const uint64_t t[NPS_NSCORES] = {2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 5};
  assert_hist(&group(r.t, "a")->hist, t);
  run_done(&r);

  run_str(&r, "seg,score,count\na,9,18446744073709551615\n", &o);
  assert_ok(&r);
  run_done(&r);
}

static void test_counts_errors(void **state) {
  (void)state;
  static const char *const bad[] = {"-3", "1.5", "1e3",
                                    "+2", "x",   "18446744073709551616"};
  nps_csvin_options o = {0};
  o.input = NPS_INPUT_COUNTS;
  run r = {0};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char csv[128], part[128];
    snprintf(csv, sizeof csv, "seg,score,count\na,9,%s\n", bad[i]);
    snprintf(part, sizeof part,
             "column 'count': '%s' is not a whole non-negative count", bad[i]);
    run_str(&r, csv, &o);
    assert_error(&r, NPS_ECOUNT, 2, 3, part);
    run_done(&r);
  }
  run_str(&r, "seg,score,count\na,11,3\n", &o);
  assert_error(&r, NPS_ESCORE, 2, 2, "column 'score': '11' is not a score");
  run_done(&r);
  /* Two bins overflowing one group. */
  run_str(&r, "score,count\n9,18446744073709551615\n9,1\n", &o);
  assert_int_equal(r.st, NPS_EOVERFLOW);
  assert_int_equal(r.err.line, 3);
  run_done(&r);
  run_str(&r, "seg,value\na,1\n", &o);
  assert_error(&r, NPS_ECOLUMN, 1, 0, "counts input needs columns");
  run_done(&r);
}

/* ---- the sample exports (counts from samples_expected.json) ---------- */

static void test_sample_qualtrics(void **state) {
  (void)state;
  static const char *const preview[] = {"Survey Preview"};
  nps_csvin_filter no_preview = {"Status", preview, 1, 1};
  nps_csvin_options o = {0};
  o.skip_rows = 2;
  o.score_column = "Q1";
  o.filters = &no_preview;
  o.n_filters = 1;
  run r = {0};
  run_file(&r, "qualtrics.csv", &o);
  assert_ok(&r);
  /* n 115 = 45 + 28 + 42; the 120 rows hold 5 previews. */
  assert_pad(r.t, 45, 28, 42);
  assert_int_equal(r.rep.records, 120);
  assert_int_equal(r.rep.filtered, 5);
  assert_int_equal(r.rep.score_detected, 0);
  run_done(&r);

  /* Grouped by Qualtrics' own category column: each group holds only its
   * category (1 detractor, 2 passive, 3 promoter). */
  static const char *const by[] = {"Q1_NPS_GROUP"};
  o.group_columns = by;
  o.n_group_columns = 1;
  run_file(&r, "qualtrics.csv", &o);
  assert_ok(&r);
  nps_counts c1 = nps_hist_counts(&group(r.t, "1")->hist);
  nps_counts c3 = nps_hist_counts(&group(r.t, "3")->hist);
  assert_int_equal(c1.detractors, 42);
  assert_int_equal(c1.promoters + c1.passives, 0);
  assert_int_equal(c3.promoters, 45);
  assert_int_equal(c3.detractors + c3.passives, 0);
  run_done(&r);

  /* All rows, score column detected (Q1 beside Q1_NPS_GROUP). */
  nps_csvin_options all = {0};
  all.skip_rows = 2;
  run_file(&r, "qualtrics.csv", &all);
  assert_ok(&r);
  assert_pad(r.t, 48, 28, 44);
  assert_int_equal(r.rep.score_detected, 1);
  assert_string_equal(r.rep.score_column, "Q1");
  run_done(&r);

  /* Without --skip-rows the question-text row fails, with a hint that
   * counts the two extra header rows. */
  all.skip_rows = 0;
  run_file(&r, "qualtrics.csv", &all);
  assert_error(&r, NPS_ESCORE, 2, 12, "(extra header rows?)");
  assert_hint(&r, NPS_CSVIN_HINT_SKIP_ROWS, "(extra header rows?");
  assert_int_equal(r.err.hints.skip_rows, 2);
  run_done(&r);
}

static void test_sample_surveymonkey(void **state) {
  (void)state;
  nps_csvin_options o = {0};
  o.skip_rows = 1;
  run r = {0};
  run_file(&r, "surveymonkey.csv", &o);
  assert_ok(&r);
  assert_pad(r.t, 36, 18, 36); /* n 90 */
  assert_non_null(strstr(r.rep.score_column, "recommend Acme"));
  run_done(&r);
  o.skip_rows = 0;
  run_file(&r, "surveymonkey.csv", &o);
  assert_error(&r, NPS_ESCORE, 2, 10,
               "'Response' is not a score 0..10 (extra header rows?)");
  assert_hint(&r, NPS_CSVIN_HINT_SKIP_ROWS, "(extra header rows?");
  assert_int_equal(r.err.hints.skip_rows, 1);
  run_done(&r);
}

static void test_sample_excel_ru(void **state) {
  (void)state;
  static const char *const by[] = {"Канал"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  run r = {0};
  run_file(&r, "excel_ru.csv", &o);
  assert_ok(&r);
  /* n 146 = 55 + 36 + 55; 150 rows, 4 of them with a blank score. */
  assert_pad(r.t, 55, 36, 55);
  assert_int_equal(r.rep.records, 150);
  assert_int_equal(r.rep.missing, 4);
  assert_int_equal(r.rep.had_bom, 1);
  assert_int_equal(r.rep.delimiter, ';');
  assert_string_equal(r.rep.score_column, "Оценка");
  assert_int_equal(nps_table_size(r.t), 4);
  run_done(&r);
}

static void test_sample_google_forms(void **state) {
  (void)state;
  run r = {0};
  run_file(&r, "google_forms.csv", NULL);
  assert_ok(&r);
  assert_pad(r.t, 21, 13, 26); /* n 60 */
  assert_string_equal(r.rep.score_column,
                      "How likely are you to recommend us to a friend?");
  run_done(&r);
}

static void test_sample_counts_long(void **state) {
  (void)state;
  static const char *const by[] = {"channel"};
  nps_csvin_options o = {0};
  o.input = NPS_INPUT_COUNTS;
  o.group_columns = by;
  o.n_group_columns = 1;
  run r = {0};
  run_file(&r, "counts_long.csv", &o);
  assert_ok(&r);
  assert_string_equal(r.rep.counts_form, "long");
  assert_pad(r.t, 1963, 1239, 1798); /* n 5000 */
  assert_int_equal(r.rep.responses, 5000);
  assert_int_equal(r.rep.records, 198);
  assert_int_equal(nps_table_size(r.t), 3);
  run_done(&r);
}

static void test_invalid_arguments(void **state) {
  (void)state;
  nps_table *t = nps_table_new(0);
  nps_csvin_report rep;
  nps_csvin_error err;
  assert_int_equal(nps_csvin_read(NULL, NULL, t, &rep, &err), NPS_EINVAL);
  FILE *in = tmpfile();
  assert_int_equal(nps_csvin_read(in, NULL, NULL, &rep, &err), NPS_EINVAL);
  nps_csvin_options o = {0};
  o.delimiter = '"';
  assert_int_equal(nps_csvin_read(in, &o, t, &rep, &err), NPS_EINVAL);
  fclose(in);
  nps_table_free(t);
}

/* A directory opens as a stream on Linux, but reading it fails. */
static void test_read_error(void **state) {
  (void)state;
  FILE *in = fopen(NPS_TEST_DATA, "rb");
  if (!in)
    skip();
  run r = {0};
  errno = 0;
  run_stream(&r, in, NULL);
  int saved = errno;
  assert_int_equal(r.st, NPS_EIO);
  assert_int_equal(saved, EISDIR);
  fclose(in);
  run_done(&r);
}

static void test_too_many_groups(void **state) {
  (void)state;
  static const char *const by[] = {"id"};
  nps_csvin_options o = {0};
  o.group_columns = by;
  o.n_group_columns = 1;
  nps_table *t = nps_table_new(2);
  nps_csvin_report rep;
  nps_csvin_error err;
  FILE *in = tmpfile();
  fputs("id,score\n1,9\n2,9\n1,8\n3,7\n", in);
  rewind(in);
  assert_int_equal(nps_csvin_read(in, &o, t, &rep, &err), NPS_EGROUPS);
  assert_int_equal(err.line, 5);
  assert_non_null(strstr(err.message, "more than 2 distinct groups"));
  fclose(in);
  nps_table_free(t);
}

/* ---- nps_csvin_read_header --------------------------------------------- */

typedef struct names {
  char text[256]; /* the names, each followed by '/' */
  size_t n;
} names;

static void add_name(const char *name, size_t len, void *ctx) {
  names *v = ctx;
  size_t used = strlen(v->text);
  assert_true(used + len + 1 < sizeof v->text);
  memcpy(v->text + used, name, len);
  v->text[used + len] = '/';
  v->text[used + len + 1] = '\0';
  v->n++;
}

static nps_status header_of(const char *s, const nps_csvin_options *o,
                            names *v) {
  memset(v, 0, sizeof *v);
  FILE *in = tmpfile();
  assert_non_null(in);
  assert_int_equal(fwrite(s, 1, strlen(s), in), strlen(s));
  rewind(in);
  nps_csvin_error err;
  nps_status st = nps_csvin_read_header(in, o, add_name, v, &err);
  fclose(in);
  return st;
}

/* The names as nps_csvin_read takes them: the inputs are read here by eye
 * (BOM and sep= line skipped, delimiter sniffed or given, names trimmed,
 * a row of empty cells before the header dropped). */
static void test_read_header(void **state) {
  (void)state;
  names v;
  /* BOM, ';' sniffed (two of them, no ','), CRLF, spaces trimmed. */
  assert_int_equal(
      header_of("\xEF\xBB\xBFid; Channel ;score\r\n1;web;9\r\n", NULL, &v),
      NPS_OK);
  assert_string_equal(v.text, "id/Channel/score/");
  /* The sep= line names the delimiter; a quoted name keeps its comma. */
  assert_int_equal(header_of("sep=|\nQ1|\"a,b\"\n9|x\n", NULL, &v), NPS_OK);
  assert_string_equal(v.text, "Q1/a,b/");
  /* A row of empty cells before the header is not the header. */
  assert_int_equal(header_of(",,\nx,y,z\n1,2,3\n", NULL, &v), NPS_OK);
  assert_string_equal(v.text, "x/y/z/");
  /* A quoted name over two lines; the data row after the header has an
   * unterminated quote that a read would fail on: reading stops first. */
  assert_int_equal(header_of("a,\"b\nc\",d\n1,\"2,3\n", NULL, &v), NPS_OK);
  assert_string_equal(v.text, "a/b\nc/d/");
  /* No line end after the header. */
  assert_int_equal(header_of("x;y", NULL, &v), NPS_OK);
  assert_string_equal(v.text, "x/y/");
  /* skip_rows counts rows after the header: the names are the first
   * row's; the given delimiter wins over the sniffed ',' of that row. */
  nps_csvin_options o = {0};
  o.delimiter = '|';
  o.skip_rows = 2;
  assert_int_equal(header_of("Q1|Region, area\nHow likely, 0-10?|Where?\n"
                             "{x}|y\n9|north\n",
                             &o, &v),
                   NPS_OK);
  assert_string_equal(v.text, "Q1/Region, area/");
  assert_int_equal(v.n, 2);
}

static void test_read_header_errors(void **state) {
  (void)state;
  names v;
  assert_int_equal(header_of("", NULL, &v), NPS_EEMPTY);
  assert_int_equal(v.n, 0);
  /* An unterminated quote in the header: no names at all. */
  assert_int_equal(header_of("a,\"b\n", NULL, &v), NPS_ECSV);
  assert_int_equal(v.n, 0);
  FILE *in = tmpfile();
  assert_non_null(in);
  assert_int_equal(nps_csvin_read_header(in, NULL, NULL, NULL, NULL),
                   NPS_EINVAL);
  nps_csvin_options o = {0};
  o.delimiter = '"';
  assert_int_equal(nps_csvin_read_header(in, &o, add_name, &v, NULL),
                   NPS_EINVAL);
  fclose(in);
  assert_int_equal(nps_csvin_read_header(NULL, NULL, add_name, &v, NULL),
                   NPS_EINVAL);
}

static void count_name(const char *name, size_t len, void *ctx) {
  size_t *count = ctx;
  char want[16];
  snprintf(want, sizeof want, "c%05zu", count[0]);
  count[1] += len == strlen(want) && memcmp(name, want, len) == 0;
  count[0]++;
}

/* A header longer than the reader's 64 KiB block: 20000 names "c00000,"
 * ... (7 bytes each, 140000 bytes), the last one "c19999". */
static void test_read_header_long(void **state) {
  (void)state;
  enum { N = 20000 };
  FILE *in = tmpfile();
  assert_non_null(in);
  for (int i = 0; i < N; i++)
    fprintf(in, "c%05d%c", i, i + 1 < N ? ',' : '\n');
  fputs("1,2\n", in);
  rewind(in);
  size_t count[2] = {0, 0}; /* names, names equal to c%05d of their place */
  nps_status st = nps_csvin_read_header(in, NULL, count_name, count, NULL);
  fclose(in);
  assert_int_equal(st, NPS_OK);
  assert_int_equal(count[0], N);
  assert_int_equal(count[1], N);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_score_table),
      cmocka_unit_test(test_basic_comma_lf),
      cmocka_unit_test(test_basic_semicolon_bom_crlf_cyrillic),
      cmocka_unit_test(test_sep_line),
      cmocka_unit_test(test_tab_and_forced_delimiter),
      cmocka_unit_test(test_line_numbers),
      cmocka_unit_test(test_bad_scores),
      cmocka_unit_test(test_hints),
      cmocka_unit_test(test_score_labels),
      cmocka_unit_test(test_missing_scores),
      cmocka_unit_test(test_missing_column),
      cmocka_unit_test(test_filter_tally),
      cmocka_unit_test(test_wide_header_list_is_cut),
      cmocka_unit_test(test_ambiguous_column),
      cmocka_unit_test(test_score_detection),
      cmocka_unit_test(test_delimiter_hint),
      cmocka_unit_test(test_ragged_rows),
      cmocka_unit_test(test_unterminated_quote),
      cmocka_unit_test(test_stray_quote),
      cmocka_unit_test(test_binary_input),
      cmocka_unit_test(test_utf16),
      cmocka_unit_test(test_group_cells),
      cmocka_unit_test(test_multi_column_keys),
      cmocka_unit_test(test_big_field),
      cmocka_unit_test(test_repeated_header),
      cmocka_unit_test(test_empty_and_header_only),
      cmocka_unit_test(test_skip_invalid_counting),
      cmocka_unit_test(test_filters),
      cmocka_unit_test(test_counts_forms),
      cmocka_unit_test(test_counts_errors),
      cmocka_unit_test(test_sample_qualtrics),
      cmocka_unit_test(test_sample_surveymonkey),
      cmocka_unit_test(test_sample_excel_ru),
      cmocka_unit_test(test_sample_google_forms),
      cmocka_unit_test(test_sample_counts_long),
      cmocka_unit_test(test_invalid_arguments),
      cmocka_unit_test(test_read_error),
      cmocka_unit_test(test_too_many_groups),
      cmocka_unit_test(test_read_header),
      cmocka_unit_test(test_read_header_errors),
      cmocka_unit_test(test_read_header_long),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
