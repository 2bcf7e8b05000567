/*
 * csvin_columns.c - which column is what: the score column (named or
 * detected), the counts layout (long, wide or trinomial), the group and
 * filter columns, resolved from the header names and the options alone.
 * No I/O and no reader state: nps_csv_resolve is a function of the names.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csvin_internal.h"

/* The resolution under way: the header, the options, what is found. */
typedef struct resolver {
  char *const *names;
  const size_t *name_len;
  size_t ncols;
  const nps_csvin_options *opt;
  nps_csv_layout *lay;
  nps_csvin_report *report;
  nps_csvin_error *err;
  nps_status status;
} resolver;

/* Records the first failure (message and no hints); returns 1 when this
 * one was recorded. */
static int col_fail(resolver *r, nps_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int col_fail(resolver *r, nps_status st, const char *fmt, ...) {
  if (r->status != NPS_OK)
    return 0;
  r->status = st;
  va_list ap;
  va_start(ap, fmt);
  nps_csv_set_message(r->err, fmt, ap);
  va_end(ap);
  return 1;
}

/* The name of column col, shown for a message. */
static void show_col(const resolver *r, size_t col, char *out, size_t cap) {
  nps_csv_show(out, cap, r->names[col], r->name_len[col], SHOW_MAX);
}

/* The columns whose trimmed name equals name (up to two, in found). */
static size_t find_exact(const resolver *r, const char *name, size_t len,
                         size_t found[2]) {
  size_t n = 0;
  for (size_t i = 0; i < r->ncols; i++)
    if (r->name_len[i] == len && memcmp(r->names[i], name, len) == 0)
      if (n++ < 2)
        found[n - 1] = i;
  return n;
}

typedef int (*name_test)(const char *folded, size_t len, const void *arg);

/* How many columns' case-folded names pass test; the first max of them in
 * found. */
static size_t find_folded_max(resolver *r, name_test test, const void *arg,
                              size_t *found, size_t max) {
  size_t n = 0, cap = 0;
  char *buf = NULL;
  for (size_t i = 0; i < r->ncols; i++) {
    size_t len = r->name_len[i];
    if (len > cap) {
      char *b = realloc(buf, len);
      if (!b) {
        free(buf);
        col_fail(r, NPS_ENOMEM, "out of memory");
        return 0;
      }
      buf = b, cap = len;
    }
    nps_csv_fold(r->names[i], len, buf);
    if (test(buf, len, arg) && n++ < max)
      found[n - 1] = i;
  }
  free(buf);
  return n;
}

/* The columns whose case-folded name passes test (up to two in found). */
static size_t find_folded(resolver *r, name_test test, const void *arg,
                          size_t found[2]) {
  return find_folded_max(r, test, arg, found, 2);
}

/* arg: a NULL-terminated list of lower-case names. */
static int test_equal_any(const char *name, size_t len, const void *arg) {
  for (const char *const *w = arg; *w; w++)
    if (nps_csv_bytes_equal(name, len, *w))
      return 1;
  return 0;
}

static int test_score_like(const char *name, size_t len, const void *arg) {
  static const char *const words[] = {"recommend", "рекоменд", "nps", "score",
                                      "оценк"};
  static const char *const skip[] = {"group", "reason", "comment"};
  (void)arg;
  for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
    if (nps_csv_contains(name, len, skip[i]))
      return 0;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (nps_csv_contains(name, len, words[i]))
      return 1;
  return 0;
}

/* 1 when another column shows as the same text as column col (the same
 * name, or names cut to the same prefix). */
static int shown_twice(const resolver *r, size_t col, const char *shown) {
  for (size_t i = 0; i < r->ncols; i++) {
    char other[4 * SHOW_MAX + 8];
    if (i == col)
      continue;
    show_col(r, i, other, sizeof other);
    if (strcmp(other, shown) == 0)
      return 1;
  }
  return 0;
}

/* Appends "; the columns are: a, b, ..." (cut to LIST_MAX bytes); a name
 * that shows like another's gets its position ("Q1 (#3)"). */
static void append_columns(const resolver *r, char *msg, size_t cap) {
  size_t start = strlen(msg);
  nps_csv_append(msg, cap, "; the columns are: ");
  for (size_t i = 0; i < r->ncols; i++) {
    char name[4 * SHOW_MAX + 8];
    if (strlen(msg) - start > LIST_MAX) {
      nps_csv_append(msg, cap, ", ... (%zu more)", r->ncols - i);
      return;
    }
    show_col(r, i, name, sizeof name);
    nps_csv_append(msg, cap, "%s%s", i ? ", " : "", name);
    if (shown_twice(r, i, name))
      nps_csv_append(msg, cap, " (#%zu)", i + 1);
  }
}

/* Fails with msg and the list of columns; hints (may be NULL) go with
 * msg. */
static void fail_column(resolver *r, char *msg, const nps_csvin_hints *hints) {
  size_t cap = sizeof r->err->message;
  append_columns(r, msg, cap);
  if (col_fail(r, NPS_ECOLUMN, "%s", msg) && hints)
    r->err->hints = *hints;
}

/* Two columns fit: the same name twice, or two candidates for what. */
static void fail_ambiguous(resolver *r, const char *what, const size_t two[2]) {
  char a[4 * SHOW_MAX + 8], b[4 * SHOW_MAX + 8];
  show_col(r, two[0], a, sizeof a);
  show_col(r, two[1], b, sizeof b);
  if (strcmp(r->names[two[0]], r->names[two[1]]) == 0)
    col_fail(r, NPS_ECOLUMN,
             "ambiguous column '%s': columns %zu and %zu have that name "
             "(choose one by position: #%zu or #%zu)",
             a, two[0] + 1, two[1] + 1, two[0] + 1, two[1] + 1);
  else if (col_fail(r, NPS_ECOLUMN,
                    "two columns could be the %s column: '%s' (column %zu) and "
                    "'%s' (column %zu)",
                    what, a, two[0] + 1, b, two[1] + 1) &&
           strcmp(what, "score") == 0)
    nps_csv_add_hint(&r->err->hints, r->err->message,
                     NPS_CSVIN_HINT_SCORE_COLUMN);
}

/* "#N" with N a column number (1-based, no sign, no spaces): its index in
 * *col (SIZE_MAX when N is too large to be one). */
static int parse_position(const char *s, size_t len, size_t *col) {
  if (len < 2 || s[0] != '#')
    return 0;
  size_t v = 0;
  for (size_t i = 1; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    unsigned d = (unsigned)(s[i] - '0');
    v = v > (SIZE_MAX - d) / 10 ? SIZE_MAX : v * 10 + d;
  }
  *col = v == 0 || v == SIZE_MAX ? SIZE_MAX : v - 1;
  return 1;
}

/* Records, for the report, that the name asked for stands for column col
 * although it is not that column's exact name. */
static void note_match(resolver *r, const char *asked, size_t len, size_t col) {
  char *notes = r->report->columns_matched;
  size_t cap = sizeof r->report->columns_matched;
  char a[4 * SHOW_MAX + 8], b[4 * SHOW_MAX + 8];
  nps_csv_show(a, sizeof a, asked, len, SHOW_MAX);
  show_col(r, col, b, sizeof b);
  nps_csv_append(notes, cap, "%s'%s' is column %zu, '%s'", *notes ? "; " : "",
                 a, col + 1, b);
}

static int test_contains(const char *name, size_t len, const void *arg) {
  return nps_csv_contains(name, len, arg);
}

/* Fails: more than one column contains the name asked for; lists them. */
static void fail_part(resolver *r, const char *asked, size_t len,
                      const char *folded) {
  char msg[sizeof r->err->message], a[4 * SHOW_MAX + 8];
  nps_csv_show(a, sizeof a, asked, len, SHOW_MAX);
  snprintf(msg, sizeof msg,
           "no column '%s', and several columns contain it (give more of the "
           "name, or the column's position as #N):",
           a);
  size_t hits[16], shown = 0;
  size_t total = find_folded_max(r, test_contains, folded, hits, 16);
  size_t start = strlen(msg);
  for (; shown < total && shown < 16 && strlen(msg) - start <= LIST_MAX;
       shown++) {
    char b[4 * SHOW_MAX + 8];
    show_col(r, hits[shown], b, sizeof b);
    nps_csv_append(msg, sizeof msg, "%s #%zu '%s'", shown ? "," : "",
                   hits[shown] + 1, b);
  }
  if (total > shown)
    nps_csv_append(msg, sizeof msg, ", ... (%zu more)", total - shown);
  col_fail(r, NPS_ECOLUMN, "%s", msg);
}

/* The column asked for by a name that is no column's exact name: by
 * position ("#3"), by the name ignoring case, or by a part of one name
 * (ignoring case; not in a header of a single column). NO_COLUMN when none
 * fits; a failure is then recorded only for an ambiguous part or a position out
 * of range. */
static size_t loose_column(resolver *r, const char *name, size_t len) {
  size_t col, found[2];
  if (parse_position(name, len, &col)) {
    if (col < r->ncols) {
      note_match(r, name, len, col);
      return col;
    }
    col_fail(r, NPS_ECOLUMN, "no column %.*s: the header has %zu columns",
             (int)(len > 24 ? 24 : len), name, r->ncols);
    return NO_COLUMN;
  }
  char *want = malloc(len + 1);
  if (!want) {
    col_fail(r, NPS_ENOMEM, "out of memory");
    return NO_COLUMN;
  }
  nps_csv_fold(name, len, want);
  want[len] = '\0';
  const char *const alts[] = {want, NULL};
  size_t n = find_folded(r, test_equal_any, alts, found);
  if (n > 1 && r->status == NPS_OK)
    fail_part(r, name, len, want);
  /* A header of one column that holds the name is more likely a file
   * read with the wrong delimiter than a question text. */
  if (n == 0 && len && r->ncols > 1 && r->status == NPS_OK) {
    n = find_folded(r, test_contains, want, found);
    if (n > 1 && r->status == NPS_OK)
      fail_part(r, name, len, want);
  }
  free(want);
  if (n != 1 || r->status != NPS_OK)
    return NO_COLUMN;
  note_match(r, name, len, found[0]);
  return found[0];
}

/* The column called name: an exact name first, else loose_column's
 * rules; NO_COLUMN (and a failure) when absent or ambiguous. */
static size_t need_column(resolver *r, const char *name) {
  size_t len = strlen(name), found[2];
  nps_csv_trim(&name, &len);
  size_t n = find_exact(r, name, len, found);
  if (n == 1)
    return found[0];
  if (n > 1) {
    fail_ambiguous(r, "column", found);
    return NO_COLUMN;
  }
  size_t col = loose_column(r, name, len);
  if (col != NO_COLUMN || r->status != NPS_OK)
    return col;
  char msg[sizeof r->err->message], shown[4 * SHOW_MAX + 8];
  nps_csv_show(shown, sizeof shown, name, len, SHOW_MAX);
  snprintf(msg, sizeof msg, "no column '%s'", shown);
  fail_column(r, msg, NULL);
  return NO_COLUMN;
}

/* A column X beside a Qualtrics "X_NPS_GROUP" column. */
static size_t find_qualtrics(const resolver *r, size_t found[2]) {
  static const char suffix[] = "_NPS_GROUP";
  const size_t sl = sizeof suffix - 1;
  size_t n = 0;
  for (size_t i = 0; i < r->ncols; i++) {
    size_t len = r->name_len[i], one[2];
    if (len <= sl || memcmp(r->names[i] + len - sl, suffix, sl) != 0)
      continue;
    if (find_exact(r, r->names[i], len - sl, one) >= 1 && n++ < 2)
      found[n - 1] = one[0];
  }
  return n;
}

static size_t detect_score(resolver *r) {
  static const char *const names[] = {"score",  "nps",    "nps_score", "ltr",
                                      "rating", "оценка", NULL};
  size_t found[2];
  size_t n = find_qualtrics(r, found);
  if (!n)
    n = find_folded(r, test_equal_any, names, found);
  if (!n)
    n = find_folded(r, test_score_like, NULL, found);
  if (r->status != NPS_OK)
    return NO_COLUMN;
  if (n == 1)
    return found[0];
  if (n > 1) {
    fail_ambiguous(r, "score", found);
    return NO_COLUMN;
  }
  char msg[sizeof r->err->message] =
      "no score column found (looked for names like score, nps, rating, "
      "recommend";
  nps_csvin_hints hints = {0};
  nps_csv_add_hint(&hints, msg, NPS_CSVIN_HINT_SCORE_COLUMN);
  nps_csv_append(msg, sizeof msg, ")");
  fail_column(r, msg, &hints);
  return NO_COLUMN;
}

/* One counts column by name (ignoring case); NO_COLUMN when absent. */
static size_t counts_column(resolver *r, const char *const *alts) {
  size_t found[2];
  size_t n = find_folded(r, test_equal_any, alts, found);
  if (n > 1)
    fail_ambiguous(r, alts[0], found);
  return n == 1 ? found[0] : NO_COLUMN;
}

static void use_score(resolver *r, size_t col) {
  r->lay->roles[col] |= ROLE_SCORE;
  r->lay->score_col = col;
  /* The name's own bytes, cut at a character with "..." when too long;
   * whoever shows it escapes it (text.h). */
  char *out = r->report->score_column;
  size_t len = r->name_len[col], cap = sizeof r->report->score_column;
  if (len >= cap) {
    len = cap - 4;
    while (len && ((unsigned char)r->names[col][len] & 0xC0) == 0x80)
      len--;
    memcpy(out + len, "...", 4);
  } else {
    out[len] = '\0';
  }
  memcpy(out, r->names[col], len);
}

static void use_count(resolver *r, size_t col, unsigned slot) {
  r->lay->roles[col] |= ROLE_COUNT;
  r->lay->slot[col] = (unsigned char)slot;
}

static int resolve_wide(resolver *r) {
  size_t cols[NPS_NSCORES];
  for (unsigned s = 0; s < NPS_NSCORES; s++) {
    char plain[4], prefixed[5];
    snprintf(plain, sizeof plain, "%u", s);
    snprintf(prefixed, sizeof prefixed, "s%u", s);
    const char *const alts[] = {plain, prefixed, NULL};
    if ((cols[s] = counts_column(r, alts)) == NO_COLUMN)
      return 0;
  }
  for (unsigned s = 0; s < NPS_NSCORES; s++)
    use_count(r, cols[s], s);
  r->lay->form = FORM_WIDE;
  return 1;
}

static int resolve_trinomial(resolver *r) {
  static const char *const cats[3][2] = {
      {"promoters", NULL}, {"passives", NULL}, {"detractors", NULL}};
  size_t cols[3];
  for (unsigned c = 0; c < 3; c++)
    if ((cols[c] = counts_column(r, cats[c])) == NO_COLUMN)
      return 0;
  for (unsigned c = 0; c < 3; c++)
    use_count(r, cols[c], c);
  r->lay->form = FORM_TRINOMIAL;
  return 1;
}

static int resolve_long(resolver *r) {
  static const char *const score[] = {"score", NULL};
  static const char *const count[] = {"count", "n",         "responses",
                                      "freq",  "frequency", NULL};
  size_t sc = r->opt->score_column ? need_column(r, r->opt->score_column)
                                   : counts_column(r, score);
  if (sc == NO_COLUMN)
    return 0;
  size_t cc = counts_column(r, count);
  if (cc == NO_COLUMN)
    return 0;
  use_score(r, sc);
  use_count(r, cc, 0);
  r->lay->form = FORM_LONG;
  return 1;
}

static void resolve_counts(resolver *r) {
  static const char *const form_names[] = {"", "long", "wide", "trinomial"};
  if (!resolve_long(r) && r->status == NPS_OK && !resolve_wide(r) &&
      r->status == NPS_OK && !resolve_trinomial(r) && r->status == NPS_OK) {
    char msg[sizeof r->err->message] =
        "counts input needs columns score and count (or n, responses, "
        "freq, frequency), or 0..10 (or s0..s10), or promoters, passives, "
        "detractors";
    fail_column(r, msg, NULL);
  }
  snprintf(r->report->counts_form, sizeof r->report->counts_form, "%s",
           form_names[r->lay->form]);
}

static void resolve_raw(resolver *r) {
  const char *want = r->opt->score_column;
  size_t col = want ? need_column(r, want) : detect_score(r);
  if (col == NO_COLUMN)
    return;
  use_score(r, col);
  r->report->score_detected = want == NULL;
}

static void resolve_named(resolver *r) {
  const nps_csvin_options *o = r->opt;
  for (size_t k = 0; k < r->lay->ngroups && r->status == NPS_OK; k++)
    if ((r->lay->gcol[k] = need_column(r, o->group_columns[k])) != NO_COLUMN)
      r->lay->roles[r->lay->gcol[k]] |= ROLE_GROUP;
  for (size_t j = 0; j < o->n_filters && r->status == NPS_OK; j++)
    if ((r->lay->fcol[j] = need_column(r, o->filters[j].column)) != NO_COLUMN)
      r->lay->roles[r->lay->fcol[j]] |= ROLE_FILTER;
}

nps_status nps_csv_resolve(char *const *names, const size_t *name_len,
                           size_t ncols, const nps_csvin_options *opt,
                           nps_csv_layout *lay, nps_csvin_report *report,
                           nps_csvin_error *err) {
  resolver x = {names, name_len, ncols, opt, lay, report, err, NPS_OK};
  resolver *r = &x;
  lay->score_col = NO_COLUMN;
  lay->ngroups = opt->n_group_columns;
  if (opt->input == NPS_INPUT_COUNTS)
    resolve_counts(r);
  else
    resolve_raw(r);
  if (r->status == NPS_OK)
    resolve_named(r);
  return r->status;
}
