/*
 * sql.c - the GROUP BY query that makes counts input in a database engine
 * (sql.h). Text only: names become quoted identifiers and values string
 * literals by each dialect's documented rules; nothing the caller gives is
 * written unescaped. The expressions per dialect are templates in which
 * '@' stands for the one argument (a quoted name or one of the query's
 * own column names), so a template is the only place a dialect's function
 * names appear.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nps/sql.h"

/* How a dialect escapes a character inside a quoted token. */
typedef enum escape {
  ESC_DOUBLE,    /* the quote character doubled; anything else as it is */
  ESC_BACKSLASH, /* \q, \\, \n, \r, \t and the other controls as below */
} escape;

typedef struct dialect {
  const char *name;
  char ident_quote;
  escape ident_escape;
  escape literal_escape;
  char control;        /* ESC_BACKSLASH, other controls: 'u' \u00XX, 'x' \xXX */
  size_t max_name;     /* longest name in bytes; 0: no limit */
  const char *cell;    /* a cell as text, trimmed of spaces and tabs */
  const char *valid;   /* nonzero for digits with a fraction of zeros */
  const char *number;  /* such text as a number */
  const char *integer; /* a number 0..10 as an integer */
  const char *day;     /* the date of the first 10 characters */
  const char *period[5]; /* labels of day, week, month, quarter, year */
} dialect;

static const dialect dialects[] = {
    {"duckdb",
     '"',
     ESC_DOUBLE,
     ESC_DOUBLE,
     0,
     0,
     "trim(CAST(@ AS VARCHAR), ' ' || chr(9))",
     "regexp_full_match(@, '[0-9]+([.]0+)?')",
     "TRY_CAST(@ AS DOUBLE)",
     "CAST(@ AS INTEGER)",
     "TRY_CAST(substr(@, 1, 10) AS DATE)",
     {"strftime(@, '%Y-%m-%d')", "strftime(@, '%G-W%V')",
      "strftime(@, '%Y-%m')",
      "strftime(@, '%Y') || '-Q' || CAST(quarter(@) AS VARCHAR)",
      "strftime(@, '%Y')"}},
    {"postgres",
     '"',
     ESC_DOUBLE,
     ESC_DOUBLE,
     0,
     63,
     "btrim(CAST(@ AS text), ' ' || chr(9))",
     "@ ~ '^[0-9]+([.]0+)?$'",
     "CAST(@ AS double precision)",
     "CAST(@ AS integer)",
     "CAST(substr(@, 1, 10) AS date)",
     {"to_char(@, 'YYYY-MM-DD')", "to_char(@, 'IYYY-\"W\"IW')",
      "to_char(@, 'YYYY-MM')", "to_char(@, 'YYYY-\"Q\"Q')",
      "to_char(@, 'YYYY')"}},
    {"sqlite",
     '"',
     ESC_DOUBLE,
     ESC_DOUBLE,
     0,
     0,
     "trim(CAST(@ AS TEXT), ' ' || char(9))",
     "(@ GLOB '[0-9]*' AND @ NOT GLOB '*[^0-9.]*' AND (instr(@, '.') = 0 "
     "OR (substr(@, instr(@, '.') + 1) GLOB '0*' AND substr(@, instr(@, "
     "'.') + 1) NOT GLOB '*[^0]*')))",
     "CAST(@ AS REAL)",
     "CAST(@ AS INTEGER)",
     "date(substr(@, 1, 10))",
     {"strftime('%Y-%m-%d', @)",
      "strftime('%Y', @, 'weekday 0', '-3 days') || '-W' || printf('%02d', "
      "(CAST(strftime('%j', @, 'weekday 0', '-3 days') AS INTEGER) + 6) / "
      "7)",
      "strftime('%Y-%m', @)",
      "strftime('%Y', @) || '-Q' || ((CAST(strftime('%m', @) AS INTEGER) + "
      "2) / 3)",
      "strftime('%Y', @)"}},
    {"bigquery",
     '`',
     ESC_BACKSLASH,
     ESC_BACKSLASH,
     'u',
     0,
     "TRIM(CAST(@ AS STRING), ' \\t')",
     "REGEXP_CONTAINS(@, r'^[0-9]+([.]0+)?$')",
     "SAFE_CAST(@ AS FLOAT64)",
     "CAST(@ AS INT64)",
     "SAFE_CAST(SUBSTR(@, 1, 10) AS DATE)",
     {"FORMAT_DATE('%Y-%m-%d', @)", "FORMAT_DATE('%G-W%V', @)",
      "FORMAT_DATE('%Y-%m', @)", "FORMAT_DATE('%Y-Q%Q', @)",
      "FORMAT_DATE('%Y', @)"}},
    {"spark",
     '`',
     ESC_DOUBLE,
     ESC_BACKSLASH,
     'u',
     0,
     "trim(BOTH ' \\t' FROM CAST(@ AS STRING))",
     "@ RLIKE '^[0-9]+([.]0+)?$'",
     "CAST(@ AS DOUBLE)",
     "CAST(@ AS INT)",
     "to_date(substr(@, 1, 10), 'yyyy-MM-dd')",
     {"date_format(@, 'yyyy-MM-dd')",
      "concat(CAST(year(date_add(@, 3 - (dayofweek(@) + 5) % 7)) AS STRING), "
      "'-W', lpad(CAST(weekofyear(@) AS STRING), 2, '0'))",
      "date_format(@, 'yyyy-MM')",
      "concat(date_format(@, 'yyyy'), '-Q', CAST(quarter(@) AS STRING))",
      "date_format(@, 'yyyy')"}},
    {"clickhouse",
     '`',
     ESC_BACKSLASH,
     ESC_BACKSLASH,
     'x',
     0,
     "trim(BOTH ' \\t' FROM CAST(@ AS Nullable(String)))",
     "match(@, '^[0-9]+([.]0+)?$')",
     "toFloat64OrNull(@)",
     "CAST(@ AS Nullable(Int32))",
     "toDateOrNull(substring(@, 1, 10))",
     {"formatDateTime(@, '%Y-%m-%d')",
      "concat(toString(toISOYear(@)), '-W', leftPad(toString(toISOWeek(@)), "
      "2, '0'))",
      "formatDateTime(@, '%Y-%m')",
      "concat(toString(toYear(@)), '-Q', toString(toQuarter(@)))",
      "toString(toYear(@))"}},
};

#define N_DIALECTS (sizeof dialects / sizeof dialects[0])

nps_status nps_sql_dialect_parse(const char *name, nps_sql_dialect *out) {
  if (!name || !out)
    return NPS_EINVAL;
  for (size_t i = 0; i < N_DIALECTS; i++)
    if (strcmp(name, dialects[i].name) == 0) {
      *out = (nps_sql_dialect)i;
      return NPS_OK;
    }
  return NPS_EINVAL;
}

const char *nps_sql_dialect_name(nps_sql_dialect d) {
  return (size_t)d < N_DIALECTS ? dialects[d].name : "";
}

void nps_sql_options_init(nps_sql_options *o) {
  memset(o, 0, sizeof *o);
  o->dialect = NPS_SQL_DUCKDB;
  o->period = NPS_PERIOD_MONTH;
}

/* ---- a growing string ------------------------------------------------ */

typedef struct sbuf {
  char *s;
  size_t len, cap;
  int failed;
} sbuf;

static void put_n(sbuf *b, const char *s, size_t n) {
  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) {
      b->failed = 1;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void put(sbuf *b, const char *s) {
  put_n(b, s, strlen(s));
}

static void put_char(sbuf *b, char c) {
  put_n(b, &c, 1);
}

/* A control character as \n, \r, \t, or \u00XX / \xXX. */
static void put_control(sbuf *b, unsigned char c, char style) {
  static const char hex[] = "0123456789ABCDEF";
  char buf[8];
  if (c == '\n' || c == '\r' || c == '\t') {
    put_char(b, '\\');
    put_char(b, c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
    return;
  }
  if (style == 'u')
    snprintf(buf, sizeof buf, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
  else
    snprintf(buf, sizeof buf, "\\x%c%c", hex[c >> 4], hex[c & 15]);
  put(b, buf);
}

/* s between quote characters q, escaped with esc. */
static void put_quoted(sbuf *b, const char *s, char q, escape esc,
                       char control) {
  put_char(b, q);
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (esc == ESC_DOUBLE) {
      if (c == (unsigned char)q)
        put_char(b, q);
      put_char(b, (char)c);
    } else if (c == (unsigned char)q || c == '\\') {
      put_char(b, '\\');
      put_char(b, (char)c);
    } else if (c < 0x20) {
      put_control(b, c, control);
    } else {
      put_char(b, (char)c);
    }
  }
  put_char(b, q);
}

static void put_ident(sbuf *b, const dialect *d, const char *name) {
  put_quoted(b, name, d->ident_quote, d->ident_escape, d->control);
}

static void put_literal(sbuf *b, const dialect *d, const char *value) {
  put_quoted(b, value, '\'', d->literal_escape, d->control);
}

/* Template tpl with each '@' replaced by arg. */
static void put_tpl(sbuf *b, const char *tpl, const char *arg) {
  for (const char *p = tpl; *p;) {
    const char *at = strchr(p, '@');
    size_t n = at ? (size_t)(at - p) : strlen(p);
    put_n(b, p, n);
    if (!at)
      break;
    put(b, arg);
    p = at + 1;
  }
}

/* The template applied to a quoted name. */
static void put_tpl_ident(sbuf *b, const dialect *d, const char *tpl,
                          const char *name) {
  sbuf q = {0};
  put_ident(&q, d, name);
  if (q.failed)
    b->failed = 1;
  else
    put_tpl(b, tpl, q.s);
  free(q.s);
}

/* ---- checks ---------------------------------------------------------- */

static nps_status refuse(nps_sql_error *err, nps_sql_part part, size_t index,
                         size_t value, const char *why) {
  if (err) {
    err->part = part;
    err->index = index;
    err->value = value;
    snprintf(err->message, sizeof err->message, "%s", why);
  }
  return NPS_EINVAL;
}

static int ascii_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Nonzero when s, trimmed of spaces and tabs, equals word ignoring ASCII
 * case (the counts reader trims header names). */
static int names_word(const char *s, const char *word) {
  size_t len = strlen(s), n = strlen(word);
  while (len && (*s == ' ' || *s == '\t'))
    s++, len--;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  if (len != n)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (ascii_lower((unsigned char)s[i]) != word[i])
      return 0;
  return 1;
}

static int has_own_prefix(const char *s) {
  static const char prefix[] = "nps_stat_";
  for (size_t i = 0; i < sizeof prefix - 1; i++)
    if (ascii_lower((unsigned char)s[i]) != prefix[i])
      return 0;
  return 1;
}

/* A name any dialect can hold as a quoted identifier. */
static nps_status check_name(const dialect *d, const char *name,
                             nps_sql_part part, size_t index, int column,
                             nps_sql_error *err) {
  if (!name || !*name)
    return refuse(err, part, index, 0, "is empty");
  size_t len = strlen(name);
  if (!nps_utf8_valid(name, len))
    return refuse(err, part, index, 0, "is not valid UTF-8");
  if (d->max_name && len > d->max_name)
    return refuse(err, part, index, 0,
                  "is longer than 63 bytes, which PostgreSQL would cut");
  if (column && has_own_prefix(name))
    return refuse(err, part, index, 0,
                  "begins with nps_stat_, which the query uses for its own "
                  "names");
  return NPS_OK;
}

/* A result column that the counts reader would take for one of its own. */
static int counts_name(const char *name, int with_period) {
  static const char *const own[] = {"score",     "count",    "n",
                                    "responses", "freq",     "frequency",
                                    "promoters", "passives", "detractors"};
  char word[4];
  for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
    if (names_word(name, own[i]))
      return 1;
  for (int s = 0; s <= 10; s++) {
    snprintf(word, sizeof word, "%d", s);
    if (names_word(name, word))
      return 1;
    snprintf(word, sizeof word, "s%d", s);
    if (names_word(name, word))
      return 1;
  }
  return with_period && names_word(name, NPS_SQL_PERIOD_COLUMN);
}

static nps_status check_groups(const nps_sql_options *o, const dialect *d,
                               nps_sql_error *err) {
  for (size_t i = 0; i < o->n_group_columns; i++) {
    const char *g = o->group_columns[i];
    nps_status st = check_name(d, g, NPS_SQL_PART_GROUP, i, 1, err);
    if (st != NPS_OK)
      return st;
    if (counts_name(g, o->date_column != NULL))
      return refuse(err, NPS_SQL_PART_GROUP, i, 0,
                    "would be read as a column of the counts themselves "
                    "(score, count, period, ...)");
    for (size_t j = 0; j < i; j++)
      if (strcmp(g, o->group_columns[j]) == 0)
        return refuse(err, NPS_SQL_PART_GROUP, i, 0, "is given twice");
  }
  return NPS_OK;
}

static nps_status check_values(const nps_sql_options *o, nps_sql_error *err) {
  for (size_t i = 0; i < o->n_filters; i++) {
    const nps_csvin_filter *f = &o->filters[i];
    if (f->n_values == 0 || !f->values)
      return refuse(err, NPS_SQL_PART_FILTER_VALUE, i, 0, "has no values");
    for (size_t v = 0; v < f->n_values; v++)
      if (!f->values[v] || !nps_utf8_valid(f->values[v], strlen(f->values[v])))
        return refuse(err, NPS_SQL_PART_FILTER_VALUE, i, v,
                      "is not valid UTF-8");
  }
  const char *const *na = o->na_values;
  for (size_t i = 0; na && i < o->n_na_values; i++)
    if (!na[i] || !nps_utf8_valid(na[i], strlen(na[i])))
      return refuse(err, NPS_SQL_PART_NA_VALUE, i, 0, "is not valid UTF-8");
  return NPS_OK;
}

static nps_status check(const nps_sql_options *o, nps_sql_error *err) {
  const dialect *d = &dialects[o->dialect];
  nps_status st = check_name(d, o->table, NPS_SQL_PART_TABLE, 0, 0, err);
  if (st == NPS_OK && o->schema)
    st = check_name(d, o->schema, NPS_SQL_PART_SCHEMA, 0, 0, err);
  if (st == NPS_OK)
    st = check_name(d, o->score_column, NPS_SQL_PART_SCORE, 0, 1, err);
  if (st == NPS_OK && o->date_column)
    st = check_name(d, o->date_column, NPS_SQL_PART_DATE, 0, 1, err);
  if (st == NPS_OK)
    st = check_groups(o, d, err);
  for (size_t i = 0; st == NPS_OK && i < o->n_filters; i++)
    st = check_name(d, o->filters[i].column, NPS_SQL_PART_FILTER_COLUMN, i, 1,
                    err);
  if (st == NPS_OK)
    st = check_values(o, err);
  return st;
}

/* ---- the query ------------------------------------------------------- */

/* nps_stat_gN: the query's name of group column i (0-based). */
static void put_group_alias(sbuf *b, size_t i) {
  char buf[32];
  snprintf(buf, sizeof buf, "nps_stat_g%zu", i + 1);
  put(b, buf);
}

static void put_filters(sbuf *b, const nps_sql_options *o, const dialect *d) {
  for (size_t i = 0; i < o->n_filters; i++) {
    const nps_csvin_filter *f = &o->filters[i];
    put(b, i ? "\n    AND " : "  WHERE ");
    put(b, "COALESCE(");
    put_tpl_ident(b, d, d->cell, f->column);
    put(b, f->exclude ? ", '') NOT IN (" : ", '') IN (");
    for (size_t v = 0; v < f->n_values; v++) {
      if (v)
        put(b, ", ");
      put_literal(b, d, f->values[v]);
    }
    put(b, ")");
  }
  if (o->n_filters)
    put(b, "\n");
}

/* The first step: each row's cells as trimmed text, filtered. */
static void put_cells(sbuf *b, const nps_sql_options *o, const dialect *d) {
  put(b, "WITH nps_stat_cells AS (\n  SELECT\n");
  for (size_t i = 0; i < o->n_group_columns; i++) {
    put(b, "    COALESCE(");
    put_tpl_ident(b, d, d->cell, o->group_columns[i]);
    put(b, ", '') AS ");
    put_group_alias(b, i);
    put(b, ",\n");
  }
  if (o->date_column) {
    sbuf cell = {0};
    put_tpl_ident(&cell, d, d->cell, o->date_column);
    if (cell.failed)
      b->failed = 1;
    put(b, "    ");
    put_tpl(b, d->day, cell.s ? cell.s : "");
    put(b, " AS nps_stat_day,\n");
    free(cell.s);
  }
  put(b, "    ");
  put_tpl_ident(b, d, d->cell, o->score_column);
  put(b, " AS nps_stat_cell\n  FROM ");
  if (o->schema) {
    put_ident(b, d, o->schema);
    put(b, ".");
  }
  put_ident(b, d, o->table);
  put(b, "\n");
  put_filters(b, o, d);
  put(b, "),\n");
}

/* The missing-answer test of nps_stat_cell. */
static void put_missing(sbuf *b, const nps_sql_options *o, const dialect *d) {
  const char *const *na = o->na_values;
  size_t n_na = o->n_na_values;
  if (!na) {
    na = nps_csvin_default_na;
    n_na = nps_csvin_default_na_count;
  }
  put(b, "nps_stat_cell IS NULL OR nps_stat_cell = ''");
  if (n_na) {
    put(b, "\n        OR nps_stat_cell IN (");
    for (size_t i = 0; i < n_na; i++) {
      if (i)
        put(b, ", ");
      put_literal(b, d, na[i]);
    }
    put(b, ")");
  }
}

/* The second step: the period and the score (NULL: missing; -1: not a
 * score). */
static void put_scores(sbuf *b, const nps_sql_options *o, const dialect *d) {
  put(b, "nps_stat_scores AS (\n  SELECT\n");
  for (size_t i = 0; i < o->n_group_columns; i++) {
    put(b, "    ");
    put_group_alias(b, i);
    put(b, ",\n");
  }
  if (o->date_column) {
    put(b, "    ");
    put_tpl(b, d->period[o->period], "nps_stat_day");
    put(b, " AS nps_stat_period,\n");
  }
  sbuf num = {0}, whole = {0};
  put_tpl(&num, d->number, "nps_stat_cell");
  put_tpl(&whole, d->integer, num.s ? num.s : "");
  if (num.failed || whole.failed)
    b->failed = 1;
  put(b, "    CASE\n      WHEN ");
  put_missing(b, o, d);
  put(b, " THEN NULL\n      WHEN ");
  put_tpl(b, d->valid, "nps_stat_cell");
  put(b, " THEN\n        CASE WHEN ");
  put(b, num.s ? num.s : "");
  put(b, " <= 10 THEN ");
  put(b, whole.s ? whole.s : "");
  put(b, " ELSE -1 END\n      ELSE -1\n    END AS nps_stat_score\n"
         "  FROM nps_stat_cells\n)\n");
  free(num.s);
  free(whole.s);
}

/* The keys in order: groups, period, score. */
static void put_keys(sbuf *b, const nps_sql_options *o, const char *last) {
  for (size_t i = 0; i < o->n_group_columns; i++) {
    put_group_alias(b, i);
    put(b, ", ");
  }
  if (o->date_column)
    put(b, "nps_stat_period, ");
  put(b, "nps_stat_score");
  put(b, last);
}

static void put_result(sbuf *b, const nps_sql_options *o, const dialect *d) {
  put(b, "SELECT\n");
  for (size_t i = 0; i < o->n_group_columns; i++) {
    put(b, "  ");
    put_group_alias(b, i);
    put(b, " AS ");
    put_ident(b, d, o->group_columns[i]);
    put(b, ",\n");
  }
  if (o->date_column) {
    put(b, "  nps_stat_period AS ");
    put_ident(b, d, NPS_SQL_PERIOD_COLUMN);
    put(b, ",\n");
  }
  put(b, "  nps_stat_score AS ");
  put_ident(b, d, NPS_SQL_SCORE_COLUMN);
  put(b, ",\n  COUNT(*) AS ");
  put_ident(b, d, NPS_SQL_COUNT_COLUMN);
  put(b, "\nFROM nps_stat_scores\n"
         "WHERE nps_stat_score IS NULL OR nps_stat_score >= 0\nGROUP BY ");
  put_keys(b, o, "\nORDER BY ");
  put_keys(b, o, " NULLS LAST;\n");
}

nps_status nps_sql_counts_query(const nps_sql_options *o, char **query,
                                nps_sql_error *err) {
  if (!o || !query || (size_t)o->dialect >= N_DIALECTS ||
      (o->n_group_columns && !o->group_columns) ||
      (o->n_filters && !o->filters) || (unsigned)o->period > NPS_PERIOD_YEAR)
    return refuse(err, NPS_SQL_PART_TABLE, 0, 0, "invalid options");
  *query = NULL;
  nps_status st = check(o, err);
  if (st != NPS_OK)
    return st;
  const dialect *d = &dialects[o->dialect];
  sbuf b = {0};
  put_cells(&b, o, d);
  put_scores(&b, o, d);
  put_result(&b, o, d);
  if (b.failed) {
    free(b.s);
    return NPS_ENOMEM;
  }
  *query = b.s;
  return NPS_OK;
}
