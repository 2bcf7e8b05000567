/*
 * test_dates.c - date cells, periods and labels as tables of inputs and
 * expected results.
 *
 * Expected values are hand computations from the calendar: ISO weeks from
 * ISO 8601 (week 1 holds the year's first Thursday: 2020 has 53 weeks since
 * 2020-01-01 was a Wednesday of a leap year; 2015 has 53 since 2015-01-01
 * was a Thursday), the same dates checked with GNU date (`date -d
 * 2021-01-03 +%G-W%V` prints 2020-W53).
 */
#include <string.h>

#include "nps/dates.h"
#include "nps_test.h"

typedef struct bucket_case {
  const char *cell;
  const char *format; /* NULL: ISO 8601 */
  nps_period period;
  nps_status want;
  const char *label; /* the period's label when want is NPS_OK */
} bucket_case;

static const bucket_case cases[] = {
    /* days, leap days */
    {"2024-02-29", NULL, NPS_PERIOD_DAY, NPS_OK, "2024-02-29"},
    {"2023-02-29", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2000-02-29", NULL, NPS_PERIOD_DAY, NPS_OK, "2000-02-29"},
    {"1900-02-29", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-04-31", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-13-01", NULL, NPS_PERIOD_MONTH, NPS_EINVAL, NULL},
    {"2025-00-10", NULL, NPS_PERIOD_MONTH, NPS_EINVAL, NULL},
    {"0000-01-01", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"0001-01-01", NULL, NPS_PERIOD_DAY, NPS_OK, "0001-01-01"},
    {"9999-12-31", NULL, NPS_PERIOD_WEEK, NPS_OK, "9999-W52"},
    {"  2025-03-04 ", NULL, NPS_PERIOD_DAY, NPS_OK, "2025-03-04"},
    /* ISO weeks: week 53 and year boundaries */
    {"2020-12-31", NULL, NPS_PERIOD_WEEK, NPS_OK, "2020-W53"},
    {"2021-01-03", NULL, NPS_PERIOD_WEEK, NPS_OK, "2020-W53"},
    {"2021-01-04", NULL, NPS_PERIOD_WEEK, NPS_OK, "2021-W01"},
    {"2019-12-30", NULL, NPS_PERIOD_WEEK, NPS_OK, "2020-W01"},
    {"2016-01-03", NULL, NPS_PERIOD_WEEK, NPS_OK, "2015-W53"},
    {"2025-01-01", NULL, NPS_PERIOD_WEEK, NPS_OK, "2025-W01"},
    {"2024-12-29", NULL, NPS_PERIOD_WEEK, NPS_OK, "2024-W52"},
    {"2024-12-30", NULL, NPS_PERIOD_WEEK, NPS_OK, "2025-W01"},
    {"1970-01-01", NULL, NPS_PERIOD_WEEK, NPS_OK, "1970-W01"},
    {"1969-12-28", NULL, NPS_PERIOD_WEEK, NPS_OK, "1969-W52"},
    /* months, quarters, years and their boundaries */
    {"2025-03-31", NULL, NPS_PERIOD_MONTH, NPS_OK, "2025-03"},
    {"2025-03-31", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q1"},
    {"2025-04-01", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q2"},
    {"2025-06-30", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q2"},
    {"2025-07-01", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q3"},
    {"2025-09-30", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q3"},
    {"2025-10-01", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q4"},
    {"2024-12-31", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2024-Q4"},
    {"2024-12-31", NULL, NPS_PERIOD_YEAR, NPS_OK, "2024"},
    {"2025-01-01", NULL, NPS_PERIOD_YEAR, NPS_OK, "2025"},
    /* date-times: the local date as written, the offset ignored */
    {"2025-03-31T23:30:00-05:00", NULL, NPS_PERIOD_MONTH, NPS_OK, "2025-03"},
    {"2025-03-31T23:30+02:00", NULL, NPS_PERIOD_DAY, NPS_OK, "2025-03-31"},
    {"2025-03-31T23:30:59Z", NULL, NPS_PERIOD_DAY, NPS_OK, "2025-03-31"},
    {"2025-03-31T23:30:59.123Z", NULL, NPS_PERIOD_DAY, NPS_OK, "2025-03-31"},
    {"2025-03-31 08:00", NULL, NPS_PERIOD_DAY, NPS_OK, "2025-03-31"},
    {"2025-03-31T08:00+0530", NULL, NPS_PERIOD_DAY, NPS_OK, "2025-03-31"},
    {"2025-03-31T08:00-03", NULL, NPS_PERIOD_DAY, NPS_OK, "2025-03-31"},
    {"2025-03-31T24:00", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-03-31T08:60", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-03-31T08:00+25:00", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-03-31T08", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-03-31X", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    /* --date-format */
    {"31.03.2025", "%d.%m.%Y", NPS_PERIOD_DAY, NPS_OK, "2025-03-31"},
    {"1.3.2025", "%d.%m.%Y", NPS_PERIOD_DAY, NPS_OK, "2025-03-01"},
    {"03/04/2025", "%m/%d/%Y", NPS_PERIOD_DAY, NPS_OK, "2025-03-04"},
    {"03/04/2025", "%d/%m/%Y", NPS_PERIOD_DAY, NPS_OK, "2025-04-03"},
    {"13/04/2025", "%m/%d/%Y", NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"29.02.23", "%d.%m.%y", NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"29.02.24", "%d.%m.%y", NPS_PERIOD_DAY, NPS_OK, "2024-02-29"},
    {"01.01.69", "%d.%m.%y", NPS_PERIOD_DAY, NPS_OK, "1969-01-01"},
    {"01.01.68", "%d.%m.%y", NPS_PERIOD_DAY, NPS_OK, "2068-01-01"},
    {"2025/03/04 17:05:09", "%Y/%m/%d %H:%M:%S", NPS_PERIOD_DAY, NPS_OK,
     "2025-03-04"},
    {"2025/03/04 24:05:09", "%Y/%m/%d %H:%M:%S", NPS_PERIOD_DAY, NPS_EINVAL,
     NULL},
    {"2025/03/04 23:60:09", "%Y/%m/%d %H:%M:%S", NPS_PERIOD_DAY, NPS_EINVAL,
     NULL},
    {"2025/03/04 23:59:61", "%Y/%m/%d %H:%M:%S", NPS_PERIOD_DAY, NPS_EINVAL,
     NULL},
    {"100% 04.03.2025", "100%% %d.%m.%Y", NPS_PERIOD_DAY, NPS_OK, "2025-03-04"},
    {"2025-03-04", "%d.%m.%Y", NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"04.03.2025 ", "%d.%m.%Y", NPS_PERIOD_DAY, NPS_OK, "2025-03-04"},
    {"04.03.20255", "%d.%m.%Y", NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    /* period labels (counts input) */
    {"2025-03", NULL, NPS_PERIOD_MONTH, NPS_OK, "2025-03"},
    {"2025-03", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q1"},
    {"2025-03", NULL, NPS_PERIOD_YEAR, NPS_OK, "2025"},
    {"2025-03", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-03", NULL, NPS_PERIOD_WEEK, NPS_EINVAL, NULL},
    {"2025-W09", NULL, NPS_PERIOD_WEEK, NPS_OK, "2025-W09"},
    {"2020-W53", NULL, NPS_PERIOD_WEEK, NPS_OK, "2020-W53"},
    {"2021-W53", NULL, NPS_PERIOD_WEEK, NPS_EINVAL, NULL},
    {"2025-W09", NULL, NPS_PERIOD_MONTH, NPS_EINVAL, NULL},
    {"2025-W00", NULL, NPS_PERIOD_WEEK, NPS_EINVAL, NULL},
    {"2025-Q1", NULL, NPS_PERIOD_QUARTER, NPS_OK, "2025-Q1"},
    {"2025-Q4", NULL, NPS_PERIOD_YEAR, NPS_OK, "2025"},
    {"2025-Q5", NULL, NPS_PERIOD_QUARTER, NPS_EINVAL, NULL},
    {"2025-Q1", NULL, NPS_PERIOD_MONTH, NPS_EINVAL, NULL},
    {"2025", NULL, NPS_PERIOD_YEAR, NPS_OK, "2025"},
    {"2025", NULL, NPS_PERIOD_QUARTER, NPS_EINVAL, NULL},
    {"2025-3", NULL, NPS_PERIOD_MONTH, NPS_EINVAL, NULL},
    {"2025-03", "%d.%m.%Y", NPS_PERIOD_MONTH, NPS_OK, "2025-03"},
    /* bad cells */
    {"", NULL, NPS_PERIOD_DAY, NPS_EEMPTY, NULL},
    {"   ", NULL, NPS_PERIOD_DAY, NPS_EEMPTY, NULL},
    {"yesterday", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"03/04/2025", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-3-4", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"+2025-03-04", NULL, NPS_PERIOD_DAY, NPS_EINVAL, NULL},
    {"2025-03-04", "%Q", NPS_PERIOD_DAY, NPS_EINVAL, NULL},
};

static void test_bucket_table(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const bucket_case *k = &cases[i];
    int64_t index = 0;
    nps_status st = nps_period_bucket(k->cell, strlen(k->cell), k->format,
                                      k->period, &index, NULL);
    if (st != k->want)
      print_error("case %zu '%s' (%s): status %d, want %d\n", i, k->cell,
                  k->format ? k->format : "ISO", (int)st, (int)k->want);
    assert_int_equal(st, k->want);
    if (st != NPS_OK)
      continue;
    char buf[NPS_PERIOD_LABEL_SIZE];
    nps_period_label(k->period, index, buf, sizeof buf);
    if (strcmp(buf, k->label) != 0)
      print_error("case %zu '%s': label %s, want %s\n", i, k->cell, buf,
                  k->label);
    assert_string_equal(buf, k->label);
  }
}

/* Consecutive periods differ by one: every day of 1999..2031 maps to the
 * period whose label parses back to it, and each period's first day is a
 * day of it. */
static void test_round_trip(void **state) {
  (void)state;
  int64_t from, to;
  assert_int_equal(nps_date_from_ymd(1999, 1, 1, &from), NPS_OK);
  assert_int_equal(nps_date_from_ymd(2031, 12, 31, &to), NPS_OK);
  for (int p = NPS_PERIOD_DAY; p <= NPS_PERIOD_YEAR; p++) {
    int64_t prev = nps_period_of((nps_period)p, from);
    for (int64_t d = from; d <= to; d++) {
      int64_t i = nps_period_of((nps_period)p, d);
      assert_true(i == prev || i == prev + 1);
      prev = i;
      int64_t first = nps_period_first_day((nps_period)p, i);
      assert_true(first <= d);
      assert_int_equal(nps_period_of((nps_period)p, first), i);
      char buf[NPS_PERIOD_LABEL_SIZE];
      nps_period_label((nps_period)p, i, buf, sizeof buf);
      int64_t back;
      assert_int_equal(
          nps_period_bucket(buf, strlen(buf), NULL, (nps_period)p, &back, NULL),
          NPS_OK);
      assert_int_equal(back, i);
    }
  }
}

static void test_calendar(void **state) {
  (void)state;
  int64_t d;
  assert_int_equal(nps_date_from_ymd(1970, 1, 1, &d), NPS_OK);
  assert_int_equal(d, 0);
  assert_int_equal(nps_date_from_ymd(2000, 3, 1, &d), NPS_OK);
  assert_int_equal(d, 11017); /* date -d 2000-03-01 +%s / 86400 */
  int y, m, dd;
  nps_date_to_ymd(-1, &y, &m, &dd);
  assert_true(y == 1969 && m == 12 && dd == 31);
  assert_int_equal(nps_date_parse("2025-03-04", 10, "%d", &d), NPS_EINVAL);
  assert_int_equal(nps_date_format_check("%d.%m.%Y"), NPS_OK);
  assert_int_equal(nps_date_format_check("%d.%m"), NPS_EINVAL);
  assert_int_equal(nps_date_format_check("%d.%m.%Y %Y"), NPS_EINVAL);
  assert_int_equal(nps_date_format_check("%d.%m.%Y%"), NPS_EINVAL);
  nps_period p;
  assert_int_equal(nps_period_parse("quarter", &p), NPS_OK);
  assert_int_equal(p, NPS_PERIOD_QUARTER);
  assert_string_equal(nps_period_name(NPS_PERIOD_WEEK), "week");
  assert_int_equal(nps_period_parse("fortnight", &p), NPS_EINVAL);
  assert_double_near(nps_period_per_year(NPS_PERIOD_MONTH), 12.0, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bucket_table),
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_calendar),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
