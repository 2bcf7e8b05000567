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

/* The columns whose case-folded name passes test (up to two in found). */
static size_t find_folded(resolver *r, name_test test, const void *arg,
                          size_t found[2]) {
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
    if (test(buf, len, arg) && n++ < 2)
      found[n - 1] = i;
  }
  free(buf);
  return n;
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

/* Appends "; the columns are: a, b, ..." (cut to LIST_MAX bytes). */
static void append_columns(const resolver *r, char *msg, size_t cap) {
  size_t start = strlen(msg);
  nps_csv_append(msg, cap, "; the columns are: ");
  for (size_t i = 0; i < r->ncols; i++) {
    char name[4 * SHOW_MAX + 8];
    if (strlen(msg) - start > LIST_MAX) {
      nps_csv_append(msg, cap, ", ... (%zu more)", r->ncols - i);
      return;
    }
    nps_csv_show(name, sizeof name, r->names[i], r->name_len[i], SHOW_MAX);
    nps_csv_append(msg, cap, "%s%s", i ? ", " : "", name);
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
             "ambiguous column '%s': columns %zu and %zu have that name", a,
             two[0] + 1, two[1] + 1);
  else if (col_fail(r, NPS_ECOLUMN,
                    "two columns could be the %s column: '%s' (column %zu) and "
                    "'%s' (column %zu)",
                    what, a, two[0] + 1, b, two[1] + 1) &&
           strcmp(what, "score") == 0)
    nps_csv_add_hint(&r->err->hints, r->err->message,
                     NPS_CSVIN_HINT_SCORE_COLUMN);
}

/* The column called name; NO_COLUMN (and a failure) when absent. */
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
  char msg[sizeof r->err->message], shown[4 * SHOW_MAX + 8];
  nps_csv_show(shown, sizeof shown, name, len, SHOW_MAX);
  snprintf(msg, sizeof msg, "no column '%s'", shown);
  char *want = malloc(len + 1);
  if (want) {
    nps_csv_fold(name, len, want);
    want[len] = '\0';
    const char *const alts[] = {want, NULL};
    if (find_folded(r, test_equal_any, alts, found) == 1) {
      show_col(r, found[0], shown, sizeof shown);
      nps_csv_append(msg, sizeof msg, " (did you mean '%s'?)", shown);
    }
    free(want);
  }
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
