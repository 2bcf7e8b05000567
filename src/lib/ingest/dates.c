/*
 * dates.c - date cells to day numbers and periods (dates.h).
 *
 * Day numbers use the proleptic Gregorian calendar (days_from_civil and
 * civil_from_days after H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms"). ISO weeks start on Monday; week 1 is the week holding the
 * year's first Thursday, so a week belongs to the year of its Thursday
 * (2021-01-03 is in 2020-W53). Nothing here guesses between day-first and
 * month-first: without a format only ISO 8601 forms are read.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "nps/dates.h"

static const nps_name periods[] = {
    {"day", NPS_PERIOD_DAY, NULL},     {"week", NPS_PERIOD_WEEK, NULL},
    {"month", NPS_PERIOD_MONTH, NULL}, {"quarter", NPS_PERIOD_QUARTER, NULL},
    {"year", NPS_PERIOD_YEAR, NULL},
};

nps_status nps_period_parse(const char *name, nps_period *out) {
  int v;
  nps_status st = nps_name_parse(periods, NPS_COUNT_OF(periods), name, &v);
  if (st == NPS_OK)
    *out = (nps_period)v;
  return st;
}

const char *nps_period_name(nps_period p) {
  const nps_name *row = nps_name_of(periods, NPS_COUNT_OF(periods), (int)p);
  return row ? row->name : "month";
}

double nps_period_per_year(nps_period p) {
  switch (p) {
  case NPS_PERIOD_DAY:
    return 365.2425;
  case NPS_PERIOD_WEEK:
    return 365.2425 / 7.0;
  case NPS_PERIOD_MONTH:
    return 12.0;
  case NPS_PERIOD_QUARTER:
    return 4.0;
  default:
    return 1.0;
  }
}

/* ---- the calendar ---------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : len[m - 1];
}

/* Hinnant's days_from_civil for years >= 1. */
static int64_t days_from_civil(int y, int m, int d) {
  int64_t yy = y - (m <= 2);
  int64_t era = floor_div(yy, 400), yoe = yy - era * 400;
  int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void nps_date_to_ymd(int64_t days, int *year, int *month, int *day) {
  int64_t z = days + 719468, era = floor_div(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *day = (int)(doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = (int)(yoe + era * 400 + (m <= 2));
}

nps_status nps_date_from_ymd(int year, int month, int day, int64_t *out) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > month_days(year, month))
    return NPS_EINVAL;
  *out = days_from_civil(year, month, day);
  return NPS_OK;
}

/* Monday = 0 .. Sunday = 6; 1970-01-01 was a Thursday. */
static int64_t iso_weekday(int64_t days) {
  return days + 3 - 7 * floor_div(days + 3, 7);
}

int64_t nps_period_of(nps_period p, int64_t days) {
  int y, m, d;
  if (p == NPS_PERIOD_DAY)
    return days;
  if (p == NPS_PERIOD_WEEK)
    return floor_div(days + 3, 7);
  nps_date_to_ymd(days, &y, &m, &d);
  if (p == NPS_PERIOD_MONTH)
    return (int64_t)y * 12 + (m - 1);
  if (p == NPS_PERIOD_QUARTER)
    return (int64_t)y * 4 + (m - 1) / 3;
  return y;
}

int64_t nps_period_first_day(nps_period p, int64_t i) {
  switch (p) {
  case NPS_PERIOD_DAY:
    return i;
  case NPS_PERIOD_WEEK:
    return 7 * i - 3;
  case NPS_PERIOD_MONTH:
    return days_from_civil((int)floor_div(i, 12),
                           (int)(i - 12 * floor_div(i, 12)) + 1, 1);
  case NPS_PERIOD_QUARTER:
    return days_from_civil((int)floor_div(i, 4),
                           3 * (int)(i - 4 * floor_div(i, 4)) + 1, 1);
  default:
    return days_from_civil((int)i, 1, 1);
  }
}

/* The ISO week-year and week of the week starting on day number monday. */
static void iso_week(int64_t monday, int *year, int *week) {
  int m, d;
  int64_t thursday = monday + 3;
  nps_date_to_ymd(thursday, year, &m, &d);
  *week = (int)((thursday - days_from_civil(*year, 1, 1)) / 7 + 1);
}

void nps_period_label(nps_period p, int64_t i, char *buf, size_t size) {
  int y, m, d, w;
  int64_t first = nps_period_first_day(p, i);
  nps_date_to_ymd(first, &y, &m, &d);
  switch (p) {
  case NPS_PERIOD_DAY:
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    break;
  case NPS_PERIOD_WEEK:
    iso_week(first, &y, &w);
    snprintf(buf, size, "%04d-W%02d", y, w);
    break;
  case NPS_PERIOD_MONTH:
    snprintf(buf, size, "%04d-%02d", y, m);
    break;
  case NPS_PERIOD_QUARTER:
    snprintf(buf, size, "%04d-Q%d", y, (m - 1) / 3 + 1);
    break;
  default:
    snprintf(buf, size, "%04d", y);
  }
}

/* ---- reading cells --------------------------------------------------- */

typedef struct cursor {
  const char *s, *end;
} cursor;

/* Exactly min..max digits (as many as there are, up to max) into *v. */
static int digits(cursor *c, int min, int max, int *v) {
  int n = 0, x = 0;
  while (n < max && c->s < c->end && *c->s >= '0' && *c->s <= '9') {
    x = 10 * x + (*c->s++ - '0');
    n++;
  }
  *v = x;
  return n >= min;
}

static int lit(cursor *c, char ch) {
  if (c->s < c->end && *c->s == ch) {
    c->s++;
    return 1;
  }
  return 0;
}

static int at_end(const cursor *c) {
  return c->s == c->end;
}

/* HH:MM[:SS[.fff]] */
static int clock(cursor *c) {
  int h, m, sec;
  if (!digits(c, 2, 2, &h) || h > 23 || !lit(c, ':') || !digits(c, 2, 2, &m) ||
      m > 59)
    return 0;
  if (lit(c, ':')) {
    if (!digits(c, 2, 2, &sec) || sec > 60)
      return 0;
    if (lit(c, '.')) {
      int f;
      if (!digits(c, 1, 9, &f))
        return 0;
    }
  }
  return 1;
}

/* Z, +HH:MM, +HHMM or +HH (or '-'), or nothing. */
static int offset(cursor *c) {
  if (at_end(c) || lit(c, 'Z'))
    return 1;
  if (!lit(c, '+') && !lit(c, '-'))
    return 0;
  int h, m = 0;
  if (!digits(c, 2, 2, &h) || h > 23)
    return 0;
  if (lit(c, ':')) {
    if (!digits(c, 2, 2, &m))
      return 0;
  } else if (!at_end(c) && !digits(c, 2, 2, &m)) {
    return 0;
  }
  return m <= 59;
}

static nps_status iso_date(cursor c, int64_t *out) {
  int y, m, d;
  if (!digits(&c, 4, 4, &y) || !lit(&c, '-') || !digits(&c, 2, 2, &m) ||
      !lit(&c, '-') || !digits(&c, 2, 2, &d))
    return NPS_EINVAL;
  if (!at_end(&c)) {
    if (!lit(&c, 'T') && !lit(&c, ' '))
      return NPS_EINVAL;
    if (!clock(&c) || !offset(&c) || !at_end(&c))
      return NPS_EINVAL;
  }
  return nps_date_from_ymd(y, m, d, out);
}

/* One specifier of a format: its value into v[]. */
static int spec(cursor *c, char f, int v[6]) {
  switch (f) {
  case 'Y':
    return digits(c, 4, 4, &v[0]);
  case 'y':
    if (!digits(c, 2, 2, &v[0]))
      return 0;
    v[0] += v[0] < 69 ? 2000 : 1900;
    return 1;
  case 'm':
    return digits(c, 1, 2, &v[1]);
  case 'd':
    return digits(c, 1, 2, &v[2]);
  case 'H':
    return digits(c, 1, 2, &v[3]) && v[3] <= 23;
  case 'M':
    return digits(c, 1, 2, &v[4]) && v[4] <= 59;
  case 'S':
    return digits(c, 1, 2, &v[5]) && v[5] <= 60;
  case '%':
    return lit(c, '%');
  default:
    return 0;
  }
}

nps_status nps_date_format_check(const char *format) {
  int seen[128] = {0};
  if (!format)
    return NPS_EINVAL;
  for (const char *f = format; *f; f++) {
    if (*f != '%')
      continue;
    f++;
    if (!*f || !strchr("YymdHMS%", *f))
      return NPS_EINVAL;
    if (*f != '%' && seen[(unsigned char)*f]++)
      return NPS_EINVAL;
  }
  if (seen['Y'] + seen['y'] != 1 || !seen['m'] || !seen['d'])
    return NPS_EINVAL;
  return NPS_OK;
}

static nps_status formatted_date(cursor c, const char *format, int64_t *out) {
  int v[6] = {0, 0, 0, 0, 0, 0};
  for (const char *f = format; *f; f++) {
    if (*f == '%') {
      if (!spec(&c, *++f, v))
        return NPS_EINVAL;
    } else if (!lit(&c, *f)) {
      return NPS_EINVAL;
    }
  }
  if (!at_end(&c))
    return NPS_EINVAL;
  return nps_date_from_ymd(v[0], v[1], v[2], out);
}

static cursor trimmed(const char *s, size_t len) {
  cursor c = {s, s + len};
  while (c.s < c.end && *c.s == ' ')
    c.s++;
  while (c.end > c.s && c.end[-1] == ' ')
    c.end--;
  return c;
}

nps_status nps_date_parse(const char *s, size_t len, const char *format,
                          int64_t *out) {
  if (!s && len)
    return NPS_EINVAL;
  if (format && nps_date_format_check(format) != NPS_OK)
    return NPS_EINVAL;
  cursor c = trimmed(s, len);
  if (at_end(&c))
    return NPS_EEMPTY;
  return format ? formatted_date(c, format, out) : iso_date(c, out);
}

/* A period label: its granularity and first day. */
static nps_status label(cursor c, nps_period *g, int64_t *first) {
  int y, x;
  if (!digits(&c, 4, 4, &y) || y < 1)
    return NPS_EINVAL;
  if (at_end(&c)) {
    *g = NPS_PERIOD_YEAR;
    return nps_date_from_ymd(y, 1, 1, first);
  }
  if (!lit(&c, '-'))
    return NPS_EINVAL;
  if (lit(&c, 'W')) {
    *g = NPS_PERIOD_WEEK;
    if (!digits(&c, 2, 2, &x) || !at_end(&c) || x < 1 || x > 53)
      return NPS_EINVAL;
    int64_t jan4 = days_from_civil(y, 1, 4);
    *first = jan4 - iso_weekday(jan4) + 7 * (x - 1);
    int wy, w;
    iso_week(*first, &wy, &w);
    return wy == y ? NPS_OK : NPS_EINVAL; /* no week 53 that year */
  }
  if (lit(&c, 'Q')) {
    *g = NPS_PERIOD_QUARTER;
    if (!digits(&c, 1, 1, &x) || !at_end(&c) || x < 1 || x > 4)
      return NPS_EINVAL;
    return nps_date_from_ymd(y, 3 * x - 2, 1, first);
  }
  *g = NPS_PERIOD_MONTH;
  if (!digits(&c, 2, 2, &x) || !at_end(&c))
    return NPS_EINVAL;
  return nps_date_from_ymd(y, x, 1, first);
}

/* Whether period p holds every period of granularity g whole. */
static int holds(nps_period p, nps_period g) {
  if (g == p || g == NPS_PERIOD_DAY)
    return 1;
  if (g == NPS_PERIOD_MONTH)
    return p == NPS_PERIOD_QUARTER || p == NPS_PERIOD_YEAR;
  return g == NPS_PERIOD_QUARTER && p == NPS_PERIOD_YEAR;
}

nps_status nps_period_bucket(const char *s, size_t len, const char *format,
                             nps_period p, int64_t *index, int64_t *first) {
  int64_t day;
  nps_status st = nps_date_parse(s, len, format, &day);
  if (st == NPS_EINVAL &&
      (!format || nps_date_format_check(format) == NPS_OK)) {
    nps_period g;
    st = label(trimmed(s, len), &g, &day);
    if (st == NPS_OK && !holds(p, g))
      st = NPS_EINVAL;
  }
  if (st != NPS_OK)
    return st;
  *index = nps_period_of(p, day);
  if (first)
    *first = day;
  return NPS_OK;
}
