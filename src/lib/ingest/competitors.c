/*
 * competitors.c - the competitors file of the benchmark analysis: one row
 * per competitor (name, nps, n, the distribution, where the number comes
 * from) and the industry percentile rows.
 *
 * The bytes go through the strict CSV reader of nps_csvin_read with a
 * records-only tap (ingest_internal.h), so encoding checks, BOM, "sep="
 * line, delimiter sniffing and RFC 4180 errors are the reader's own. The
 * records are collected first (numbers parsed, text copied), because
 * whether distribution cells are counts or percentages is decided from the
 * whole file; then each row is checked in file order. It does not compare
 * anything: that is benchmark.c.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"
#include "nps/benchmark.h"

/* The columns the file may have. */
enum {
  C_NAME,
  C_NPS,
  C_N,
  C_PROM,
  C_PASS,
  C_DET,
  C_SOURCE,
  C_YEAR,
  C_REGION,
  C_TYPE,
  C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "name",       "nps",    "n",    "promoters", "passives",
    "detractors", "source", "year", "region",    "survey_type"};

enum { NUMS = C_DET - C_NPS + 1 }; /* nps, n, promoters, passives, detr. */

typedef struct num {
  int present;
  double v;
  int pct;  /* had a '%' */
  int frac; /* not a whole number */
} num;

typedef struct raw {
  uint64_t line;
  size_t ncells;
  char *cell[C_COUNT]; /* trimmed copies; NULL: absent or NA */
  num x[NUMS];         /* x[c - C_NPS] */
  nps_status st;       /* a problem found while collecting */
  size_t st_col;
  char *msg;
  int dup; /* the name occurred on an earlier row */
} raw;

typedef struct collect {
  const nps_competitors_options *opt;
  size_t col[C_COUNT]; /* 0-based column, or NO_COL */
  char **head;         /* header names */
  size_t ncols, cap_head;
  int header_done;
  char *field[C_COUNT]; /* the record being read */
  size_t nfields;
  raw *rows;
  size_t n, cap;
  nps_status st; /* a failure that ends the read */
  nps_csvin_error *err;
} collect;

#define NO_COL ((size_t)-1)

static void set_err(nps_csvin_error *e, uint64_t line, size_t col,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void set_err(nps_csvin_error *e, uint64_t line, size_t col,
                    const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  memset(e, 0, sizeof *e);
  e->line = line;
  e->column = col;
  vsnprintf(e->message, sizeof e->message, fmt, ap);
  va_end(ap);
}

static char *dup_trim(const char *s, size_t len) {
  nps_csv_trim(&s, &len);
  char *out = malloc(len + 1);
  if (out) {
    memcpy(out, s, len);
    out[len] = '\0';
  }
  return out;
}

static int is_na(const char *s) {
  if (!*s)
    return 1;
  for (size_t i = 0; i < nps_csvin_default_na_count; i++)
    if (strcmp(s, nps_csvin_default_na[i]) == 0)
      return 1;
  return 0;
}

static int name_is(const char *h, const char *want) {
  for (; *h && *want; h++, want++)
    if (tolower((unsigned char)*h) != *want)
      return 0;
  return !*h && !*want;
}

static void on_field(const char *s, size_t len, void *ctx) {
  collect *c = ctx;
  size_t k = c->nfields++;
  if (c->st != NPS_OK)
    return;
  if (!c->header_done) {
    if (c->ncols == c->cap_head) {
      size_t cap = c->cap_head ? 2 * c->cap_head : 16;
      char **h = realloc(c->head, cap * sizeof *h);
      if (!h) {
        c->st = NPS_ENOMEM;
        return;
      }
      c->head = h, c->cap_head = cap;
    }
    c->head[c->ncols] = dup_trim(s, len);
    if (!c->head[c->ncols]) {
      c->st = NPS_ENOMEM;
      return;
    }
    c->ncols++;
    return;
  }
  for (int j = 0; j < C_COUNT; j++) {
    if (c->col[j] == k) {
      c->field[j] = dup_trim(s, len);
      if (!c->field[j])
        c->st = NPS_ENOMEM;
    }
  }
}

static void end_header(collect *c, uint64_t line) {
  for (int j = 0; j < C_COUNT; j++)
    c->col[j] = NO_COL;
  for (size_t k = 0; k < c->ncols; k++) {
    for (int j = 0; j < C_COUNT; j++) {
      if (!name_is(c->head[k], col_names[j]))
        continue;
      if (c->col[j] != NO_COL) {
        c->st = NPS_ECOLUMN;
        set_err(c->err, line, k + 1, "column '%s' appears twice", col_names[j]);
        return;
      }
      c->col[j] = k;
    }
  }
  if (c->col[C_NAME] == NO_COL) {
    c->st = NPS_ECOLUMN;
    set_err(c->err, line, 0,
            "no 'name' column: a competitors file needs one name per row "
            "and any of nps, n, promoters, passives, detractors");
  }
  c->header_done = 1;
}

/* A number cell: digits, one '.', a sign, an exponent, and a trailing '%'
 * when pct_ok. 0, or -1 when it is not a number. */
static int parse_num(const char *s, int pct_ok, num *out) {
  size_t len = strlen(s);
  out->pct = 0;
  if (pct_ok && len && s[len - 1] == '%') {
    out->pct = 1;
    len--;
    while (len && nps_csv_is_blank((unsigned char)s[len - 1]))
      len--;
  }
  if (!len || len > 64)
    return -1;
  char buf[72];
  for (size_t i = 0; i < len; i++) {
    if (!strchr("0123456789.+-eE", s[i]))
      return -1;
    buf[i] = s[i];
  }
  buf[len] = '\0';
  char *end;
  double v = strtod(buf, &end);
  if (end != buf + len || !isfinite(v))
    return -1;
  out->present = 1;
  out->v = v;
  out->frac = v != floor(v);
  return 0;
}

static void row_problem(raw *r, nps_status st, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void row_problem(raw *r, nps_status st, size_t col, const char *fmt,
                        ...) {
  if (r->st != NPS_OK)
    return;
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  r->st = st;
  r->st_col = col;
  r->msg = strdup(buf);
}

static void show(char *out, size_t cap, const char *s) {
  nps_csv_show(out, cap, s, strlen(s), 40);
}

static void parse_cells(collect *c, raw *r) {
  for (int j = C_NPS; j <= C_DET; j++) {
    const char *s = r->cell[j];
    if (!s)
      continue;
    if (parse_num(s, j >= C_PROM, &r->x[j - C_NPS]) != 0) {
      char v[176];
      show(v, sizeof v, s);
      row_problem(r, NPS_EINVAL, c->col[j] + 1,
                  "column '%s': '%s' is not a number", col_names[j], v);
    }
  }
}

static void end_record(uint64_t line, void *ctx) {
  collect *c = ctx;
  size_t nf = c->nfields;
  c->nfields = 0;
  if (c->st != NPS_OK)
    return;
  if (!c->header_done) {
    end_header(c, line);
    return;
  }
  int blank = 1;
  for (int j = 0; j < C_COUNT; j++)
    blank &= !c->field[j] || !*c->field[j];
  if (blank && nf <= c->ncols) {
    for (int j = 0; j < C_COUNT; j++)
      free(c->field[j]), c->field[j] = NULL;
    return;
  }
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 16;
    raw *rows = realloc(c->rows, cap * sizeof *rows);
    if (!rows) {
      c->st = NPS_ENOMEM;
      return;
    }
    c->rows = rows, c->cap = cap;
  }
  raw *r = &c->rows[c->n++];
  memset(r, 0, sizeof *r);
  r->line = line;
  r->ncells = nf;
  for (int j = 0; j < C_COUNT; j++) {
    r->cell[j] = c->field[j];
    c->field[j] = NULL;
    if (r->cell[j] && j != C_NAME && is_na(r->cell[j]))
      free(r->cell[j]), r->cell[j] = NULL;
  }
  if (nf != c->ncols)
    row_problem(r, NPS_ECSV, 0, "expected %zu fields, found %zu", c->ncols, nf);
  for (int j = 0; j < C_COUNT; j++)
    if (r->cell[j] && !nps_utf8_valid(r->cell[j], strlen(r->cell[j])))
      row_problem(r, NPS_EENCODING, c->col[j] + 1, "column '%s': invalid UTF-8",
                  col_names[j]);
  parse_cells(c, r);
}

/* ---- shares: counts or percentages ---- */

static nps_shares_mode detect(const collect *c) {
  int all_100 = 1, some_other_n = 0, complete = 0;
  for (size_t i = 0; i < c->n; i++) {
    const num *x = c->rows[i].x;
    for (int j = 2; j < NUMS; j++)
      if (x[j].present && (x[j].pct || x[j].frac))
        return NPS_SHARES_PERCENT;
    if (!x[2].present || !x[3].present || !x[4].present)
      continue;
    double sum = x[2].v + x[3].v + x[4].v;
    complete = 1;
    all_100 &= sum >= 99 && sum <= 101;
    some_other_n |= x[1].present && x[1].v != sum;
  }
  return complete && all_100 && some_other_n ? NPS_SHARES_PERCENT
                                             : NPS_SHARES_COUNTS;
}

/* ---- checking one row ---- */

static const char *const band_names[] = {"p10", "p25", "median", "p75", "p90"};

static int band_of(const char *name) {
  if (name_is(name, "p50"))
    return 2;
  for (int i = 0; i < NPS_BENCHMARK_BANDS; i++)
    if (name_is(name, band_names[i]))
      return i;
  return -1;
}

int nps_benchmark_band_percentile(size_t i) {
  static const int pct[NPS_BENCHMARK_BANDS] = {10, 25, 50, 75, 90};
  return i < NPS_BENCHMARK_BANDS ? pct[i] : 0;
}

typedef struct check {
  const collect *c;
  raw *r;
  nps_competitor *out;
  nps_shares_mode mode;
} check;

static size_t col1(const check *k, int j) {
  return k->c->col[j] == NO_COL ? 0 : k->c->col[j] + 1;
}

static const num *x_of(const check *k, int j) {
  return &k->r->x[j - C_NPS];
}

static int check_nps(check *k) {
  const num *x = x_of(k, C_NPS);
  if (!x->present)
    return 0;
  if (x->v < -100 || x->v > 100) {
    row_problem(k->r, NPS_EINVAL, col1(k, C_NPS),
                "column 'nps': %g is outside -100..100", x->v);
    return -1;
  }
  k->out->has_nps = 1;
  k->out->nps = x->v / 100.0;
  return 0;
}

static int check_count(check *k, int j) {
  const num *x = x_of(k, j);
  if (!x->present)
    return 0;
  if (x->v < 0 || x->frac || x->pct || x->v >= 1.8e19) {
    char v[176];
    show(v, sizeof v, k->r->cell[j]);
    row_problem(k->r, NPS_ECOUNT, col1(k, j),
                "column '%s': '%s' is not a non-negative whole number",
                col_names[j], v);
    return -1;
  }
  return 0;
}

/* Percentages with n: promoters and detractors rounded, passives the
 * rest. */
static uint64_t share_of(double share, uint64_t n) {
  double x = floor(share * (double)n + 0.5);
  return x >= (double)n ? n : (uint64_t)x;
}

static void counts_from_shares(nps_competitor *o) {
  uint64_t p = share_of(o->shares.promoters, o->n);
  uint64_t d = share_of(o->shares.detractors, o->n);
  if (d > o->n - p)
    d = o->n - p;
  o->counts = (nps_counts){p, o->n - p - d, d};
  o->has_counts = 1;
}

static int check_percent(check *k, double v[3]) {
  double sum = 0;
  for (int j = 0; j < 3; j++) {
    if (v[j] < 0 || v[j] > 100) {
      row_problem(k->r, NPS_EINVAL, col1(k, C_PROM + j),
                  "column '%s': %g%% is outside 0..100", col_names[C_PROM + j],
                  v[j]);
      return -1;
    }
    sum += v[j];
  }
  if (sum > 100.5 || sum < 98.5) {
    row_problem(k->r, NPS_EINVAL, col1(k, C_DET),
                "promoters, passives and detractors sum to %g%%, not 100%%",
                sum);
    return -1;
  }
  nps_shares_from(v[0], v[1], v[2], &k->out->shares);
  if (k->out->has_n)
    counts_from_shares(k->out);
  return 0;
}

static int check_counts(check *k, double v[3]) {
  nps_competitor *o = k->out;
  o->counts = (nps_counts){(uint64_t)v[0], (uint64_t)v[1], (uint64_t)v[2]};
  int overflow = 0;
  uint64_t sum = nps_counts_total_checked(&o->counts, &overflow);
  if (overflow) {
    row_problem(k->r, NPS_ECOUNT, col1(k, C_DET),
                "promoters + passives + detractors pass 2^64 - 1");
    return -1;
  }
  if (sum == 0) {
    row_problem(k->r, NPS_ECOUNT, col1(k, C_PROM),
                "promoters, passives and detractors are all 0");
    return -1;
  }
  if (o->has_n && sum != o->n) {
    row_problem(k->r, NPS_ECOUNT, col1(k, C_N),
                "promoters + passives + detractors = %llu, but n is %llu",
                (unsigned long long)sum, (unsigned long long)o->n);
    return -1;
  }
  o->n = sum, o->has_n = 1, o->has_counts = 1;
  nps_shares_from(v[0], v[1], v[2], &o->shares);
  return 0;
}

/* The distribution, when any of its cells is given. A missing passives
 * cell is the rest: 100 minus the others, or n minus the other counts. */
static int check_dist(check *k) {
  const num *p = x_of(k, C_PROM), *a = x_of(k, C_PASS), *d = x_of(k, C_DET);
  if (!p->present && !a->present && !d->present)
    return 0;
  int pct = k->mode == NPS_SHARES_PERCENT;
  if (!pct && (check_count(k, C_PROM) || check_count(k, C_PASS) ||
               check_count(k, C_DET)))
    return -1;
  if (!p->present || !d->present || (!a->present && !pct && !k->out->has_n)) {
    int j = !p->present ? C_PROM : !d->present ? C_DET : C_PASS;
    row_problem(k->r, NPS_EINVAL, col1(k, j) ? col1(k, j) : col1(k, C_NAME),
                "the distribution needs '%s'%s", col_names[j],
                j == C_PASS ? " (or n)" : "");
    return -1;
  }
  double v[3] = {p->v, a->v, d->v};
  if (!a->present)
    v[1] = (pct ? 100.0 : (double)k->out->n) - v[0] - v[2];
  if (!a->present && v[1] < 0) {
    row_problem(k->r, NPS_EINVAL, col1(k, C_DET),
                "promoters and detractors add up to more than %s",
                pct ? "100%" : "n");
    return -1;
  }
  k->out->has_dist = 1;
  return pct ? check_percent(k, v) : check_counts(k, v);
}

static int check_agree(check *k) {
  nps_competitor *o = k->out;
  if (!o->has_dist)
    return 0;
  double from = o->shares.promoters - o->shares.detractors;
  if (o->has_nps && fabs(from - o->nps) > 0.01 + 1e-9) {
    row_problem(k->r, NPS_EINVAL, col1(k, C_NPS),
                "column 'nps': %g disagrees with the distribution (%.1f)",
                100 * o->nps, 100 * from);
    return -1;
  }
  o->has_nps = 1;
  o->nps = from;
  return 0;
}

static int check_row(check *k) {
  raw *r = k->r;
  nps_competitor *o = k->out;
  if (r->st != NPS_OK)
    return -1;
  if (!r->cell[C_NAME] || !*r->cell[C_NAME]) {
    row_problem(r, NPS_EINVAL, col1(k, C_NAME), "the name is empty");
    return -1;
  }
  if (r->dup) {
    char v[176];
    show(v, sizeof v, r->cell[C_NAME]);
    row_problem(r, NPS_EINVAL, col1(k, C_NAME),
                "name '%s' appears on an earlier row", v);
    return -1;
  }
  if (check_nps(k) || check_count(k, C_N))
    return -1;
  const num *n = x_of(k, C_N);
  if (n->present && n->v < 1) {
    row_problem(r, NPS_ECOUNT, col1(k, C_N), "column 'n': n is 0");
    return -1;
  }
  o->has_n = n->present;
  o->n = n->present ? (uint64_t)n->v : 0;
  if (check_dist(k) || check_agree(k))
    return -1;
  if (!o->has_nps) {
    row_problem(r, NPS_EINVAL, col1(k, C_NAME),
                "the row gives neither an nps nor a distribution");
    return -1;
  }
  return 0;
}

/* ---- duplicates ---- */

typedef struct keyed {
  const char *name;
  size_t row;
} keyed;

static int by_name(const void *pa, const void *pb) {
  const keyed *a = pa, *b = pb;
  int d = strcmp(a->name, b->name);
  return d ? d : (a->row > b->row) - (a->row < b->row);
}

static int mark_duplicates(collect *c) {
  keyed *ix = malloc((c->n ? c->n : 1) * sizeof *ix);
  if (!ix)
    return -1;
  for (size_t i = 0; i < c->n; i++)
    ix[i] = (keyed){c->rows[i].cell[C_NAME] ? c->rows[i].cell[C_NAME] : "", i};
  qsort(ix, c->n, sizeof *ix, by_name);
  for (size_t i = 1; i < c->n; i++)
    c->rows[ix[i].row].dup = *ix[i].name && !strcmp(ix[i - 1].name, ix[i].name);
  free(ix);
  return 0;
}

/* ---- the result ---- */

static int check_band(check *k, nps_competitors *res, int b) {
  raw *r = k->r;
  if (r->st != NPS_OK)
    return -1;
  char v[176];
  show(v, sizeof v, r->cell[C_NAME]);
  if (r->dup) {
    row_problem(r, NPS_EINVAL, col1(k, C_NAME),
                "name '%s' appears on an earlier row", v);
    return -1;
  }
  if (check_nps(k))
    return -1;
  if (!k->out->has_nps) {
    row_problem(r, NPS_EINVAL, col1(k, C_NPS),
                "the industry percentile row '%s' needs an nps", v);
    return -1;
  }
  res->band[b] = k->out->nps;
  res->band_line[b] = r->line;
  return 0;
}

/* Moves the row's text into o. */
static void take_text(raw *r, nps_competitor *o) {
  o->name = r->cell[C_NAME];
  o->name_len = strlen(o->name);
  o->line = r->line;
  o->source = r->cell[C_SOURCE];
  o->context[NPS_CONTEXT_YEAR] = r->cell[C_YEAR];
  o->context[NPS_CONTEXT_REGION] = r->cell[C_REGION];
  o->context[NPS_CONTEXT_TYPE] = r->cell[C_TYPE];
  r->cell[C_NAME] = r->cell[C_SOURCE] = r->cell[C_YEAR] = NULL;
  r->cell[C_REGION] = r->cell[C_TYPE] = NULL;
}

/* A bad row: the read fails, or with skip_invalid it is counted. */
static int bad_row(const collect *c, nps_competitors *res, const raw *r) {
  nps_csvin_error e;
  set_err(&e, r->line, r->st_col, "%s", r->msg ? r->msg : "invalid row");
  if (!c->opt->skip_invalid) {
    *c->err = e;
    return -1;
  }
  if (res->invalid++ == 0)
    res->first_invalid = e;
  return 0;
}

static nps_status assemble(collect *c, nps_competitors *res) {
  res->rows = calloc(c->n ? c->n : 1, sizeof *res->rows);
  if (!res->rows || mark_duplicates(c) != 0)
    return NPS_ENOMEM;
  for (size_t i = 0; i < c->n; i++) {
    raw *r = &c->rows[i];
    nps_competitor o = {0};
    check k = {c, r, &o, res->shares};
    int b = r->cell[C_NAME] ? band_of(r->cell[C_NAME]) : -1;
    int bad = b >= 0 ? check_band(&k, res, b) : check_row(&k);
    if (bad) {
      if (!r->msg && r->st != NPS_OK)
        return NPS_ENOMEM;
      if (bad_row(c, res, r) != 0)
        return r->st;
      continue;
    }
    if (b >= 0)
      continue;
    take_text(r, &o);
    res->rows[res->n_rows++] = o;
  }
  return NPS_OK;
}

static void collect_free(collect *c) {
  for (size_t i = 0; i < c->ncols; i++)
    free(c->head[i]);
  free(c->head);
  for (int j = 0; j < C_COUNT; j++)
    free(c->field[j]);
  for (size_t i = 0; i < c->n; i++) {
    for (int j = 0; j < C_COUNT; j++)
      free(c->rows[i].cell[j]);
    free(c->rows[i].msg);
  }
  free(c->rows);
}

static nps_status read_records(FILE *in, collect *c) {
  nps_csvin_options o;
  nps_csvin_options_init(&o);
  o.delimiter = c->opt->delimiter;
  nps_csvin_tap tap = {on_field, end_record, c, 1};
  nps_csvin_report rep;
  nps_status st = nps_csvin_read_tap(in, &o, NULL, &rep, c->err, &tap);
  if (c->st != NPS_OK)
    return c->st;
  if (st == NPS_OK && !c->header_done) {
    set_err(c->err, 0, 0, "no header row");
    return NPS_EEMPTY;
  }
  return st;
}

void nps_competitors_options_init(nps_competitors_options *opt) {
  *opt = (nps_competitors_options){.shares = NPS_SHARES_AUTO};
}

nps_status nps_competitors_read(FILE *in, const nps_competitors_options *opt,
                                nps_competitors **out, nps_csvin_error *err) {
  static const nps_competitors_options defaults = {0};
  nps_csvin_error local;
  if (!err)
    err = &local;
  memset(err, 0, sizeof *err);
  if (!out)
    return NPS_EINVAL;
  *out = NULL;
  if (!opt)
    opt = &defaults;
  collect c = {.opt = opt, .err = err};
  nps_competitors *res = calloc(1, sizeof *res);
  if (!res)
    return NPS_ENOMEM;
  for (int b = 0; b < NPS_BENCHMARK_BANDS; b++)
    res->band[b] = NAN;
  nps_status st = read_records(in, &c);
  if (st == NPS_OK) {
    res->shares_detected = opt->shares == NPS_SHARES_AUTO;
    res->shares = res->shares_detected ? detect(&c) : opt->shares;
    st = assemble(&c, res);
  }
  if (st == NPS_ENOMEM)
    set_err(err, 0, 0, "out of memory");
  collect_free(&c);
  if (st != NPS_OK) {
    nps_competitors_free(res);
    return st;
  }
  *out = res;
  return NPS_OK;
}

nps_competitors *nps_competitors_new(void) {
  nps_competitors *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  for (int b = 0; b < NPS_BENCHMARK_BANDS; b++)
    c->band[b] = NAN;
  c->shares = NPS_SHARES_COUNTS;
  return c;
}

static int has_name(const nps_competitors *comp, const char *name, size_t len) {
  for (size_t i = 0; i < comp->n_rows; i++)
    if (comp->rows[i].name_len == len && !memcmp(comp->rows[i].name, name, len))
      return 1;
  return 0;
}

nps_status nps_competitors_add_counts(nps_competitors *comp, const char *name,
                                      size_t len, const nps_counts *c) {
  if (!comp || !name || !c || len == 0 || memchr(name, '\0', len) ||
      has_name(comp, name, len))
    return NPS_EINVAL;
  int overflow = 0;
  uint64_t n = nps_counts_total_checked(c, &overflow);
  if (overflow)
    return NPS_EOVERFLOW;
  if (n == 0)
    return NPS_EINVAL;
  nps_competitor *rows =
      realloc(comp->rows, (comp->n_rows + 1) * sizeof *comp->rows);
  if (!rows)
    return NPS_ENOMEM;
  comp->rows = rows;
  nps_competitor *o = &rows[comp->n_rows];
  memset(o, 0, sizeof *o);
  o->name = malloc(len + 1);
  if (!o->name)
    return NPS_ENOMEM;
  memcpy(o->name, name, len);
  o->name[len] = '\0';
  o->name_len = len;
  o->has_n = o->has_counts = o->has_dist = o->has_nps = 1;
  o->n = n;
  o->counts = *c;
  nps_shares_from((double)c->promoters, (double)c->passives,
                  (double)c->detractors, &o->shares);
  o->nps = nps_count_diff(c->promoters, c->detractors) / (double)n;
  comp->n_rows++;
  return NPS_OK;
}

void nps_competitors_free(nps_competitors *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->n_rows; i++) {
    nps_competitor *o = &c->rows[i];
    free(o->name);
    free(o->source);
    for (int j = 0; j < NPS_CONTEXT_N; j++)
      free(o->context[j]);
  }
  free(c->rows);
  free(c);
}

static const nps_name shares_names[] = {{"auto", NPS_SHARES_AUTO, NULL},
                                        {"percent", NPS_SHARES_PERCENT, NULL},
                                        {"counts", NPS_SHARES_COUNTS, NULL}};

nps_status nps_shares_mode_parse(const char *name, nps_shares_mode *out) {
  int v;
  nps_status st =
      nps_name_parse(shares_names, NPS_COUNT_OF(shares_names), name, &v);
  if (st == NPS_OK)
    *out = (nps_shares_mode)v;
  return st;
}

const char *nps_shares_mode_name(nps_shares_mode mode) {
  return nps_name_text(shares_names, NPS_COUNT_OF(shares_names), (int)mode, 0);
}
