/*
 * csvin.c - survey exports and counts tables into a group table.
 *
 * The bytes go through libcsv in strict mode, one physical line at a time
 * (cut at each '\n', or at each '\r' in an old Mac file without '\n', and
 * at most one 64 KiB block), so that every callback knows the line it is on
 * and a parse error names it. libcsv drops spaces around unquoted fields and
 * outside quotes, never inside them. Before libcsv sees
 * anything, the first block is checked for gzip, UTF-16 and NUL bytes, a
 * UTF-8 BOM and an Excel "sep=X" line are taken off, and the delimiter is
 * sniffed from the header line.
 *
 * The callbacks are lean: a field is only looked at when its column has a
 * role (score, count, group or filter column), nothing is allocated per
 * field, and a record is reduced to one table update at its end. Errors
 * found inside a callback are recorded and stop the feeding loop after the
 * current line; libcsv cannot be interrupted from a callback.
 *
 * Memory: libcsv's field buffer is checked after every line, so a field
 * over max_field costs at most max_field plus one block before NPS_EFIELD.
 * Group cells of a record and the key built from them live in two buffers
 * reused from record to record. The header names are the only per-column
 * allocation.
 *
 * Messages never hold raw cell bytes: values are cut to SHOW_MAX bytes and
 * control characters and invalid UTF-8 are escaped (show()). They carry no
 * line number; err->line and report->first_invalid_line hold it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "internal.h"
#include "nps/csvin.h"

const char *const nps_csvin_default_na[] = {"NA",   "N/A",  "n/a",  "na",
                                            "#N/A", "null", "NULL", "-"};
const size_t nps_csvin_default_na_count =
    sizeof nps_csvin_default_na / sizeof nps_csvin_default_na[0];

enum {
  BLOCK = 64 * 1024,      /* bytes per fread */
  CSV_GROWTH = 16 * 1024, /* libcsv field buffer growth step */
  SHOW_MAX = 40,          /* bytes of a value shown in a message */
  MAX_COLUMNS = 100000,   /* header columns accepted */
  PROBE_MAX = 10,         /* rows looked at for a skip_rows hint */
  LIST_MAX = 360          /* message bytes spent on a list of columns */
};

#define NO_COLUMN ((size_t)-1)

/* Keeps the rare path out of the field callback's fast path. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

enum phase { PHASE_HEADER, PHASE_SKIP, PHASE_DATA };

/* What a column is used for (bits: one column may have several roles). */
enum role { ROLE_SCORE = 1, ROLE_GROUP = 2, ROLE_FILTER = 4, ROLE_COUNT = 8 };

enum cell { CELL_NONE, CELL_OK, CELL_MISSING };

/* Why a bad score cell is bad, for the message's hints. */
enum bad_kind { BAD_DECIMAL = 1, BAD_LABELLED = 2, BAD_TEXT = 4 };

enum counts_form { FORM_NONE, FORM_LONG, FORM_WIDE, FORM_TRINOMIAL };

typedef struct span {
  size_t off, len;
} span;

typedef struct reader {
  const nps_csvin_options *opt;
  nps_table *table;
  nps_csvin_report *report;
  nps_csvin_error *err;
  nps_status status;
  struct csv_parser p;
  int parser_live;
  /* The callbacks given to libcsv: on_field and on_row, or the tapped
   * versions of them when a tap watches the read. */
  void (*cb_field)(void *, size_t, void *);
  void (*cb_row)(int, void *);
  const nps_csvin_tap *tap;
  unsigned char delim;
  unsigned char hint; /* a likelier delimiter to suggest in errors, or 0 */
  unsigned char eol;  /* '\n', or '\r' for a file without '\n' */
  size_t max_field;
  const char *const *na;
  size_t n_na;
  int na_first; /* an NA value reads as a score: test NA before parsing */
  int labels;   /* "10 - Extremely likely" reads as 10 (raw input only) */

  enum phase phase;
  uint64_t skipped;
  uint64_t line;       /* the physical line being fed (1-based) */
  uint64_t quote_line; /* where the open quoted field began, or 0 */
  uint64_t rec_line;   /* where the current record began, or 0 */

  /* The header and what each column is for. */
  char **names; /* trimmed, NUL-terminated */
  size_t *name_len;
  size_t ncols, names_cap;
  size_t data_cols; /* ncols once data rows are read, else 0 */
  unsigned char *roles;
  unsigned char *slot; /* ROLE_COUNT: index into counts[] */
  size_t score_col;
  size_t *gcol; /* column of each group key component */
  size_t ngroups;
  size_t *fcol; /* column of each filter */
  enum counts_form form;

  /* The record being read. */
  size_t col; /* fields seen so far */
  int nonempty, maybe_header, filter_fail;
  enum cell score_state;
  int score;
  uint64_t counts[NPS_NSCORES];
  span *gcell;
  char *cells;
  size_t cells_len, cells_cap;
  size_t bad_col; /* first bad score or count cell, or NO_COLUMN */
  nps_status bad_status;
  int bad_kind;
  char bad_show[4 * SHOW_MAX + 8];
  char *key;
  size_t key_cap;

  /* After a text-like score in the first data row: how many rows look
   * like more header rows, for a skip_rows hint. */
  int probe;
  uint64_t probe_rows;
  int later_part; /* reads a part of a file after its first data row */
} reader;

/* ---- small byte helpers ------------------------------------------------ */

static int is_blank(unsigned char c) {
  return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len) {
  const char *p = *s;
  size_t n = *len;
  while (n && is_blank((unsigned char)p[0]))
    p++, n--;
  while (n && is_blank((unsigned char)p[n - 1]))
    n--;
  *s = p;
  *len = n;
}

static int is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

static int bytes_equal(const char *a, size_t alen, const char *b) {
  return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t k;
  uint32_t cp, min;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    k = 1, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0)
    k = 2, cp = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    k = 3, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  if (n <= k)
    return 0;
  for (size_t j = 1; j <= k; j++) {
    if ((s[j] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[j] & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return k + 1;
}

static int utf8_valid(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n && u[i] < 0x80)
    i++;
  for (size_t k; i < n; i += k)
    if (!(k = utf8_seq(u + i, n - i)))
      return 0;
  return 1;
}

/* Writes s for a message into out (cap >= 8 bytes): at most limit input
 * bytes, control characters and invalid UTF-8 escaped, "..." when cut. */
static void show(char *out, size_t cap, const char *s, size_t len,
                 size_t limit) {
  const unsigned char *u = (const unsigned char *)s;
  size_t o = 0, i = 0;
  while (i < len && i < limit) {
    char unit[8];
    size_t ulen, adv = 1;
    unsigned char c = u[i];
    if (c >= 0x20 && c < 0x7F) {
      unit[0] = (char)c, ulen = 1;
    } else if (c >= 0x80 && (adv = utf8_seq(u + i, len - i)) != 0) {
      memcpy(unit, u + i, adv), ulen = adv;
    } else {
      adv = 1;
      const char *esc = c == '\n'   ? "\\n"
                        : c == '\r' ? "\\r"
                        : c == '\t' ? "\\t"
                                    : NULL;
      if (esc)
        memcpy(unit, esc, ulen = 2);
      else
        ulen = (size_t)snprintf(unit, sizeof unit, "\\x%02X", c);
    }
    if (o + ulen + 4 > cap)
      break;
    memcpy(out + o, unit, ulen);
    o += ulen;
    i += adv;
  }
  if (i < len)
    memcpy(out + o, "...", 3), o += 3;
  out[o] = '\0';
}

/* Lower-cases ASCII and Cyrillic letters of UTF-8 s into out (len bytes:
 * both cases of a Cyrillic letter take two bytes). */
static void fold(const char *s, size_t len, char *out) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned char *o = (unsigned char *)out;
  for (size_t i = 0; i < len; i++) {
    unsigned c = u[i];
    if (c >= 'A' && c <= 'Z') {
      o[i] = (unsigned char)(c + 32);
    } else if (c == 0xD0 && i + 1 < len && u[i + 1] >= 0x80 &&
               u[i + 1] <= 0xAF) {
      unsigned d = u[i + 1]; /* U+0400..U+042F */
      if (d < 0x90)
        o[i] = 0xD1, o[i + 1] = (unsigned char)(d + 0x10);
      else if (d < 0xA0)
        o[i] = 0xD0, o[i + 1] = (unsigned char)(d + 0x20);
      else
        o[i] = 0xD1, o[i + 1] = (unsigned char)(d - 0x20);
      i++;
    } else {
      o[i] = (unsigned char)c;
    }
  }
}

static int contains(const char *hay, size_t hlen, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= hlen; i++)
    if (memcmp(hay + i, needle, n) == 0)
      return 1;
  return 0;
}

/* ---- messages and failures ------------------------------------------- */

/* Ends s before a UTF-8 sequence that a cut left incomplete at its end. */
static void drop_partial_utf8(char *s) {
  size_t i = strlen(s), cont = 0;
  while (i && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && cont < 3)
    i--, cont++;
  unsigned char lead = i ? (unsigned char)s[i - 1] : 0;
  size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (lead >= 0xC0 && cont < need)
    s[i - 1] = '\0';
}

/* A message too long for buf is cut at a character boundary. */
static void vformat(char *buf, size_t cap, const char *fmt, va_list ap) {
  int n = vsnprintf(buf, cap, fmt, ap);
  if (n < 0)
    buf[0] = '\0';
  else if ((size_t)n >= cap)
    drop_partial_utf8(buf);
}

static void append(char *buf, size_t cap, const char *fmt, ...) {
  size_t used = strlen(buf);
  if (used + 1 >= cap)
    return;
  va_list ap;
  va_start(ap, fmt);
  vformat(buf + used, cap - used, fmt, ap);
  va_end(ap);
}

/* Copies the string src into out (cap >= 4 bytes), cut at a UTF-8
 * character boundary and ended with "..." when it does not fit. */
/* Records that hint's advice goes at the current end of msg. */
static void add_hint(nps_csvin_hints *h, const char *msg, nps_csvin_hint hint) {
  if (h->n == NPS_CSVIN_MAX_HINTS)
    return;
  h->item[h->n].code = hint;
  h->item[h->n].at = strlen(msg);
  h->n++;
}

static void copy_cut(char *out, size_t cap, const char *src) {
  size_t len = strlen(src);
  if (len < cap) {
    memcpy(out, src, len + 1);
    return;
  }
  len = cap - 4;
  while (len && ((unsigned char)src[len] & 0xC0) == 0x80)
    len--;
  memcpy(out, src, len);
  memcpy(out + len, "...", 4);
}

static void end_probe(reader *r, int found);

/* Records the first error of the read (and clears its hints); later ones
 * are ignored. Returns 1 when this one was recorded. */
static int fail(reader *r, nps_status st, uint64_t line, size_t column,
                const char *fmt, ...) {
  if (r->status != NPS_OK)
    return 0;
  if (r->probe) { /* the pending score error came first */
    end_probe(r, 0);
    return 0;
  }
  r->status = st;
  r->err->line = line;
  r->err->column = column;
  memset(&r->err->hints, 0, sizeof r->err->hints);
  va_list ap;
  va_start(ap, fmt);
  vformat(r->err->message, sizeof r->err->message, fmt, ap);
  va_end(ap);
  return 1;
}

/* A record-level problem: skipped and counted under skip_invalid when
 * skippable, else the read fails. column is 1-based or 0; hints (may be
 * NULL) go with the message. */
static void reject(reader *r, nps_status st, int skippable, size_t column,
                   const nps_csvin_hints *hints, const char *fmt, ...) {
  char msg[sizeof r->err->message];
  va_list ap;
  va_start(ap, fmt);
  vformat(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!(skippable && r->opt->skip_invalid)) {
    if (fail(r, st, r->rec_line, column, "%s", msg) && hints)
      r->err->hints = *hints;
    return;
  }
  nps_csvin_report *rep = r->report;
  if (rep->invalid++ == 0) {
    rep->first_invalid_line = r->rec_line;
    copy_cut(rep->first_invalid_reason, sizeof rep->first_invalid_reason, msg);
    if (hints)
      rep->first_invalid_hints = *hints;
  }
}

static void show_name(const reader *r, size_t col, char *out, size_t cap) {
  if (col < r->ncols)
    show(out, cap, r->names[col], r->name_len[col], SHOW_MAX);
  else
    snprintf(out, cap, "%zu", col + 1);
}

static void fail_table(reader *r, nps_status st) {
  if (st == NPS_EGROUPS)
    fail(r, st, r->rec_line, 0,
         "more than %zu distinct groups (is an id column among the group "
         "columns?)",
         nps_table_size(r->table));
  else if (st == NPS_EOVERFLOW)
    fail(r, st, r->rec_line, 0, "a count total passes 2^64 - 1");
  else
    fail(r, st, r->rec_line, 0, "%s", nps_strerror(st));
}

/* ---- scores and counts ----------------------------------------------- */

/* A score from a trimmed, non-empty cell. */
static nps_status parse_score(const char *cell, size_t len, int labels,
                              int *score) {
  size_t i = 0;
  int v = 0;
  for (; i < len && is_digit((unsigned char)cell[i]); i++)
    if (v <= 10)
      v = v * 10 + (cell[i] - '0'); /* past 10 only "too big" */
  if (i == 0)
    return NPS_ESCORE;
  if (i < len && cell[i] == '.') { /* "9.0", "9.00" */
    size_t j = i + 1;
    while (j < len && cell[j] == '0')
      j++;
    if (j == i + 1)
      return NPS_ESCORE;
    i = j;
  }
  if (i < len && !(labels && cell[i] == ' '))
    return NPS_ESCORE;
  if (v > 10)
    return NPS_ESCORE;
  *score = v;
  return NPS_OK;
}

nps_status nps_csvin_parse_score(const char *cell, size_t len, int labels,
                                 int *score) {
  if (!score || (!cell && len))
    return NPS_EINVAL;
  trim(&cell, &len);
  return len ? parse_score(cell, len, labels, score) : NPS_EEMPTY;
}

/* Why cell (a rejected score) was rejected: BAD_* bits. */
static int bad_kind(const char *cell, size_t len) {
  trim(&cell, &len);
  size_t i = 0, letters = 0;
  while (i < len && is_digit((unsigned char)cell[i]))
    i++;
  int kind = 0;
  if (i && i + 1 < len && (cell[i] == '.' || cell[i] == ',')) {
    size_t j = i + 1;
    while (j < len && is_digit((unsigned char)cell[j]))
      j++;
    if (j == len && j > i + 1)
      kind |= BAD_DECIMAL;
  }
  if (i && i + 1 < len && cell[i] == ' ')
    kind |= BAD_LABELLED;
  for (size_t k = 0; k < len; k++) {
    unsigned char c = (unsigned char)cell[k];
    letters += c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  }
  /* Question texts and Qualtrics' {"ImportId":...} rows, not "abc". */
  if (letters >= 4 || (len && cell[0] == '{'))
    kind |= BAD_TEXT;
  return kind;
}

/* Decimal digits only (spaces trimmed); an empty cell is 0. */
static int parse_count(const char *s, size_t len, uint64_t *out) {
  trim(&s, &len);
  uint64_t v = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned d = (unsigned char)s[i] - (unsigned)'0';
    if (d > 9 || v > (UINT64_MAX - d) / 10)
      return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

static int is_na(const reader *r, const char *s, size_t len) {
  for (size_t i = 0; i < r->n_na; i++)
    if (bytes_equal(s, len, r->na[i]))
      return 1;
  return 0;
}

/* ---- the data callbacks ---------------------------------------------- */

static void note_bad(reader *r, size_t col, nps_status st, const char *s,
                     size_t len) {
  if (r->bad_col != NO_COLUMN)
    return;
  r->bad_col = col;
  r->bad_status = st;
  r->bad_kind = st == NPS_ESCORE ? bad_kind(s, len) : 0;
  show(r->bad_show, sizeof r->bad_show, s, len, SHOW_MAX);
}

static void score_field(reader *r, size_t col, const char *s, size_t len) {
  const char *t = s;
  size_t tlen = len;
  trim(&t, &tlen);
  if (!tlen || (r->na_first && is_na(r, t, tlen))) {
    r->score_state = CELL_MISSING;
    return;
  }
  nps_status st = parse_score(t, tlen, r->labels, &r->score);
  if (st == NPS_OK)
    r->score_state = CELL_OK;
  else if (is_na(r, t, tlen))
    r->score_state = CELL_MISSING;
  else
    note_bad(r, col, NPS_ESCORE, s, len);
}

static void count_field(reader *r, size_t col, const char *s, size_t len) {
  if (parse_count(s, len, &r->counts[r->slot[col]]) != 0)
    note_bad(r, col, NPS_ECOUNT, s, len);
}

static void group_field(reader *r, size_t col, const char *s, size_t len) {
  trim(&s, &len);
  /* Allocated even for empty cells: the key is built from r->cells, and
   * NULL + 0 is undefined behaviour. */
  if (!r->cells || r->cells_cap - r->cells_len < len) {
    size_t cap = 2 * r->cells_cap + len + 64;
    char *cells = realloc(r->cells, cap);
    if (!cells) {
      fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
      return;
    }
    r->cells = cells;
    r->cells_cap = cap;
  }
  if (len)
    memcpy(r->cells + r->cells_len, s, len);
  for (size_t k = 0; k < r->ngroups; k++)
    if (r->gcol[k] == col)
      r->gcell[k] = (span){r->cells_len, len};
  r->cells_len += len;
}

static void filter_field(reader *r, size_t col, const char *s, size_t len) {
  trim(&s, &len);
  for (size_t j = 0; j < r->opt->n_filters && !r->filter_fail; j++) {
    const nps_csvin_filter *f = &r->opt->filters[j];
    if (r->fcol[j] != col)
      continue;
    int match = 0;
    for (size_t v = 0; v < f->n_values && !match; v++)
      match = bytes_equal(s, len, f->values[v]);
    if (match == (f->exclude != 0))
      r->filter_fail = 1;
  }
}

static void header_field(reader *r, const char *s, size_t len) {
  if (r->phase == PHASE_SKIP)
    return;
  if (r->ncols == MAX_COLUMNS) {
    fail(r, NPS_ECSV, r->rec_line, 0, "the header has more than %d columns",
         MAX_COLUMNS);
    return;
  }
  if (r->ncols == r->names_cap) {
    size_t cap = r->names_cap ? 2 * r->names_cap : 16;
    char **names = realloc(r->names, cap * sizeof *names);
    if (names)
      r->names = names;
    size_t *lens = names ? realloc(r->name_len, cap * sizeof *lens) : NULL;
    if (!lens) {
      fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
      return;
    }
    r->name_len = lens;
    r->names_cap = cap;
  }
  trim(&s, &len);
  char *name = malloc(len + 1);
  if (!name) {
    fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
    return;
  }
  if (len)
    memcpy(name, s, len);
  name[len] = '\0';
  r->names[r->ncols] = name;
  r->name_len[r->ncols++] = len;
}

static void fail_field_size(reader *r, size_t col) {
  char name[4 * SHOW_MAX + 8];
  show_name(r, col, name, sizeof name);
  uint64_t line = r->rec_line     ? r->rec_line
                  : r->quote_line ? r->quote_line
                                  : r->line;
  fail(r, NPS_EFIELD, line, col + 1,
       "column '%s': a field is longer than %zu bytes", name, r->max_field);
}

/* Nonzero when the cell equals the header name of its column. */
static int header_cell(const reader *r, size_t col, const char *s, size_t len) {
  size_t want = r->name_len[col];
  if (len == want)
    return !len || memcmp(s, r->names[col], len) == 0;
  if (len < want ||
      !(is_blank((unsigned char)s[0]) || is_blank((unsigned char)s[len - 1])))
    return 0; /* trimming cannot make it equal */
  trim(&s, &len);
  return len == want && (!len || memcmp(s, r->names[col], len) == 0);
}

NOINLINE static void field(reader *r, size_t col, const char *s, size_t len) {
  if (r->status != NPS_OK)
    return;
  r->quote_line = 0;
  if (len > r->max_field) {
    fail_field_size(r, col);
    return;
  }
  if (r->phase != PHASE_DATA) {
    header_field(r, s, len);
    return;
  }
  if (col >= r->ncols)
    return; /* ragged: reported at the record's end */
  if (r->maybe_header)
    r->maybe_header = header_cell(r, col, s, len);
  unsigned role = r->roles[col];
  if (!role)
    return;
  if (role & ROLE_SCORE)
    score_field(r, col, s, len);
  if (role & ROLE_COUNT)
    count_field(r, col, s, len);
  if (role & ROLE_GROUP)
    group_field(r, col, s, len);
  if (role & ROLE_FILTER)
    filter_field(r, col, s, len);
}

/* libcsv's field callback. Most fields of a row belong to no role and leave
 * after a few compares; the rest go to field(). */
static void on_field(void *data, size_t len, void *ctx) {
  reader *r = ctx;
  size_t col = r->col++;
  r->nonempty |= len != 0;
  if (!r->rec_line)
    r->rec_line = r->quote_line ? r->quote_line : r->line;
  if (col < r->data_cols && !r->roles[col] && !r->quote_line &&
      len <= r->max_field) {
    if (r->maybe_header)
      r->maybe_header = header_cell(r, col, data, len);
    return;
  }
  field(r, col, data, len);
}

/* ---- the end of a data record ---------------------------------------- */

/* Group cell k must be UTF-8 without the key separator. */
static int check_group_cell(reader *r, size_t k) {
  const char *cell = r->cells + r->gcell[k].off;
  size_t len = r->gcell[k].len, i = 0;
  while (i < len && (unsigned char)cell[i] < 0x80 && cell[i] != NPS_KEY_SEP)
    i++;
  if (i == len)
    return 0;
  int has_sep = memchr(cell + i, NPS_KEY_SEP, len - i) != NULL;
  if (!has_sep && utf8_valid(cell + i, len - i))
    return 0;
  char name[4 * SHOW_MAX + 8], value[4 * SHOW_MAX + 8];
  show_name(r, r->gcol[k], name, sizeof name);
  show(value, sizeof value, cell, len, SHOW_MAX);
  if (has_sep)
    fail(r, NPS_ECSV, r->rec_line, r->gcol[k] + 1,
         "column '%s': '%s' holds the byte 0x1F, which joins group keys", name,
         value);
  else
    fail(r, NPS_EENCODING, r->rec_line, r->gcol[k] + 1,
         "column '%s': '%s' is not valid UTF-8", name, value);
  return -1;
}

/* The group key of the record: its group cells joined by NPS_KEY_SEP. */
static int build_key(reader *r, const char **key, size_t *key_len) {
  size_t total = r->ngroups;
  for (size_t k = 0; k < r->ngroups; k++) {
    if (check_group_cell(r, k) != 0)
      return -1;
    total += r->gcell[k].len;
  }
  if (r->ngroups == 0) {
    *key = "", *key_len = 0;
    return 0;
  }
  if (r->ngroups == 1) {
    *key = r->cells + r->gcell[0].off, *key_len = r->gcell[0].len;
    return 0;
  }
  if (total > r->key_cap) {
    char *buf = realloc(r->key, total);
    if (!buf) {
      fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
      return -1;
    }
    r->key = buf, r->key_cap = total;
  }
  size_t o = 0;
  for (size_t k = 0; k < r->ngroups; k++) {
    if (k)
      r->key[o++] = NPS_KEY_SEP;
    memcpy(r->key + o, r->cells + r->gcell[k].off, r->gcell[k].len);
    o += r->gcell[k].len;
  }
  *key = r->key, *key_len = o;
  return 0;
}

static void add(reader *r, const char *key, size_t len, int score,
                uint64_t count) {
  nps_status st = nps_table_add(r->table, key, len, score, count);
  if (st != NPS_OK) {
    fail_table(r, st);
    return;
  }
  uint64_t *n = &r->report->responses;
  *n = *n > UINT64_MAX - count ? UINT64_MAX : *n + count;
}

static void add_missing(reader *r, const char *key, size_t len,
                        uint64_t count) {
  nps_status st = nps_table_add_missing(r->table, key, len, count);
  if (st != NPS_OK) {
    fail_table(r, st);
    return;
  }
  uint64_t *n = &r->report->missing;
  *n = *n > UINT64_MAX - count ? UINT64_MAX : *n + count;
}

/* Trinomial counts go into bins 10, 8 and 0. NPS and its intervals depend
 * only on category totals (DESIGN.md section 2), so any score of each
 * category would do. */
static const int trinomial_bin[3] = {10, 8, 0};

static void store_record(reader *r, const char *key, size_t len) {
  switch (r->form) {
  case FORM_NONE:
  case FORM_LONG: {
    uint64_t n = r->form == FORM_LONG ? r->counts[0] : 1;
    if (r->score_state == CELL_MISSING)
      add_missing(r, key, len, n);
    else if (n)
      add(r, key, len, r->score, n);
    break;
  }
  case FORM_WIDE:
    for (int s = 0; s < NPS_NSCORES && r->status == NPS_OK; s++)
      if (r->counts[s])
        add(r, key, len, s, r->counts[s]);
    break;
  case FORM_TRINOMIAL:
    for (int c = 0; c < 3 && r->status == NPS_OK; c++)
      if (r->counts[c])
        add(r, key, len, trinomial_bin[c], r->counts[c]);
    break;
  }
}

/* The message for the record's bad score or count cell, and its hints. */
static void bad_cell_message(const reader *r, char *msg, size_t cap,
                             nps_csvin_hints *hints) {
  memset(hints, 0, sizeof *hints);
  char name[4 * SHOW_MAX + 8];
  show_name(r, r->bad_col, name, sizeof name);
  if (r->bad_status == NPS_ECOUNT) {
    snprintf(msg, cap, "column '%s': '%s' is not a whole non-negative count",
             name, r->bad_show);
    return;
  }
  snprintf(msg, cap, "column '%s': '%s' is not a %sscore 0..10", name,
           r->bad_show, r->bad_kind & BAD_DECIMAL ? "whole-number " : "");
  if ((r->bad_kind & BAD_LABELLED) && !r->labels &&
      r->opt->input == NPS_INPUT_RAW)
    add_hint(hints, msg, NPS_CSVIN_HINT_SCORE_LABELS);
}

/* Holds the error and keeps reading: are the next rows header rows too? */
static void start_probe(reader *r) {
  r->err->line = r->rec_line;
  r->err->column = r->bad_col + 1;
  bad_cell_message(r, r->err->message, sizeof r->err->message, &r->err->hints);
  r->probe = 1;
  r->probe_rows = 1;
}

static void end_probe(reader *r, int found) {
  r->probe = 0;
  r->status = NPS_ESCORE;
  if (found) {
    append(r->err->message, sizeof r->err->message, " (extra header rows?");
    r->err->hints.skip_rows = r->opt->skip_rows + r->probe_rows;
    add_hint(&r->err->hints, r->err->message, NPS_CSVIN_HINT_SKIP_ROWS);
    append(r->err->message, sizeof r->err->message, ")");
  }
}

static void probe_record(reader *r) {
  int text = r->col == r->ncols && r->bad_col == r->score_col &&
             (r->bad_kind & BAD_TEXT);
  if (!text)
    end_probe(r, r->col == r->ncols && r->bad_col == NO_COLUMN);
  else if (++r->probe_rows == PROBE_MAX)
    end_probe(r, 0);
}

static void end_record(reader *r) {
  if (!r->nonempty)
    return; /* only empty cells: a blank line */
  r->report->records++;
  if (r->probe) {
    probe_record(r);
    return;
  }
  if (r->col != r->ncols) {
    reject(r, NPS_ECSV, 1, 0, NULL, "expected %zu fields, found %zu", r->ncols,
           r->col);
    return;
  }
  if (r->maybe_header) {
    reject(r, NPS_ECSV, 1, 0, NULL,
           "the header row is repeated (concatenated exports?)");
    return;
  }
  if (r->filter_fail) {
    r->report->filtered++;
    return;
  }
  if (r->bad_col != NO_COLUMN) {
    char msg[sizeof r->err->message];
    nps_csvin_hints hints;
    /* A labelled score ("10 - Extremely likely") is an answer, not a
     * question text: no skip_rows hint for it. */
    if (r->report->records == 1 && !r->later_part &&
        r->bad_status == NPS_ESCORE &&
        (r->bad_kind & (BAD_TEXT | BAD_LABELLED)) == BAD_TEXT &&
        !r->opt->skip_invalid) {
      start_probe(r);
      return;
    }
    bad_cell_message(r, msg, sizeof msg, &hints);
    reject(r, r->bad_status, r->bad_status == NPS_ESCORE, r->bad_col + 1,
           &hints, "%s", msg);
    return;
  }
  const char *key;
  size_t len;
  if (build_key(r, &key, &len) == 0)
    store_record(r, key, len);
}

/* ---- the header: finding the columns ---------------------------------- */

/* The columns whose trimmed name equals name (up to two, in found). */
static size_t find_exact(const reader *r, const char *name, size_t len,
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
static size_t find_folded(reader *r, name_test test, const void *arg,
                          size_t found[2]) {
  size_t n = 0, cap = 0;
  char *buf = NULL;
  for (size_t i = 0; i < r->ncols; i++) {
    size_t len = r->name_len[i];
    if (len > cap) {
      char *b = realloc(buf, len);
      if (!b) {
        free(buf);
        fail(r, NPS_ENOMEM, 0, 0, "out of memory");
        return 0;
      }
      buf = b, cap = len;
    }
    fold(r->names[i], len, buf);
    if (test(buf, len, arg) && n++ < 2)
      found[n - 1] = i;
  }
  free(buf);
  return n;
}

/* arg: a NULL-terminated list of lower-case names. */
static int test_equal_any(const char *name, size_t len, const void *arg) {
  for (const char *const *w = arg; *w; w++)
    if (bytes_equal(name, len, *w))
      return 1;
  return 0;
}

static int test_score_like(const char *name, size_t len, const void *arg) {
  static const char *const words[] = {"recommend", "рекоменд", "nps", "score",
                                      "оценк"};
  static const char *const skip[] = {"group", "reason", "comment"};
  (void)arg;
  for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
    if (contains(name, len, skip[i]))
      return 0;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (contains(name, len, words[i]))
      return 1;
  return 0;
}

/* Appends "; the columns are: a, b, ..." (cut to LIST_MAX bytes). */
static void append_columns(const reader *r, char *msg, size_t cap) {
  size_t start = strlen(msg);
  append(msg, cap, "; the columns are: ");
  for (size_t i = 0; i < r->ncols; i++) {
    char name[4 * SHOW_MAX + 8];
    if (strlen(msg) - start > LIST_MAX) {
      append(msg, cap, ", ... (%zu more)", r->ncols - i);
      return;
    }
    show(name, sizeof name, r->names[i], r->name_len[i], SHOW_MAX);
    append(msg, cap, "%s%s", i ? ", " : "", name);
  }
}

/* Fails with msg and the list of columns; hints (may be NULL) go with
 * msg. */
static void fail_column(reader *r, char *msg, const nps_csvin_hints *hints) {
  size_t cap = sizeof r->err->message;
  append_columns(r, msg, cap);
  if (fail(r, NPS_ECOLUMN, r->rec_line, 0, "%s", msg) && hints)
    r->err->hints = *hints;
}

/* Two columns fit: the same name twice, or two candidates for what. */
static void fail_ambiguous(reader *r, const char *what, const size_t two[2]) {
  char a[4 * SHOW_MAX + 8], b[4 * SHOW_MAX + 8];
  show_name(r, two[0], a, sizeof a);
  show_name(r, two[1], b, sizeof b);
  if (strcmp(r->names[two[0]], r->names[two[1]]) == 0)
    fail(r, NPS_ECOLUMN, r->rec_line, 0,
         "ambiguous column '%s': columns %zu and %zu have that name", a,
         two[0] + 1, two[1] + 1);
  else if (fail(r, NPS_ECOLUMN, r->rec_line, 0,
                "two columns could be the %s column: '%s' (column %zu) and "
                "'%s' (column %zu)",
                what, a, two[0] + 1, b, two[1] + 1) &&
           strcmp(what, "score") == 0)
    add_hint(&r->err->hints, r->err->message, NPS_CSVIN_HINT_SCORE_COLUMN);
}

/* The column called name; NO_COLUMN (and a failure) when absent. */
static size_t need_column(reader *r, const char *name) {
  size_t len = strlen(name), found[2];
  trim(&name, &len);
  size_t n = find_exact(r, name, len, found);
  if (n == 1)
    return found[0];
  if (n > 1) {
    fail_ambiguous(r, "column", found);
    return NO_COLUMN;
  }
  char msg[sizeof r->err->message], shown[4 * SHOW_MAX + 8];
  show(shown, sizeof shown, name, len, SHOW_MAX);
  snprintf(msg, sizeof msg, "no column '%s'", shown);
  char *want = malloc(len + 1);
  if (want) {
    fold(name, len, want);
    want[len] = '\0';
    const char *const alts[] = {want, NULL};
    if (find_folded(r, test_equal_any, alts, found) == 1) {
      show_name(r, found[0], shown, sizeof shown);
      append(msg, sizeof msg, " (did you mean '%s'?)", shown);
    }
    free(want);
  }
  fail_column(r, msg, NULL);
  return NO_COLUMN;
}

/* A column X beside a Qualtrics "X_NPS_GROUP" column. */
static size_t find_qualtrics(const reader *r, size_t found[2]) {
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

static size_t detect_score(reader *r) {
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
  add_hint(&hints, msg, NPS_CSVIN_HINT_SCORE_COLUMN);
  append(msg, sizeof msg, ")");
  fail_column(r, msg, &hints);
  return NO_COLUMN;
}

/* One counts column by name (ignoring case); NO_COLUMN when absent. */
static size_t counts_column(reader *r, const char *const *alts) {
  size_t found[2];
  size_t n = find_folded(r, test_equal_any, alts, found);
  if (n > 1)
    fail_ambiguous(r, alts[0], found);
  return n == 1 ? found[0] : NO_COLUMN;
}

static void use_score(reader *r, size_t col) {
  r->roles[col] |= ROLE_SCORE;
  r->score_col = col;
  show(r->report->score_column, sizeof r->report->score_column, r->names[col],
       r->name_len[col], 200);
}

static void use_count(reader *r, size_t col, unsigned slot) {
  r->roles[col] |= ROLE_COUNT;
  r->slot[col] = (unsigned char)slot;
}

static int resolve_wide(reader *r) {
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
  r->form = FORM_WIDE;
  return 1;
}

static int resolve_trinomial(reader *r) {
  static const char *const cats[3][2] = {
      {"promoters", NULL}, {"passives", NULL}, {"detractors", NULL}};
  size_t cols[3];
  for (unsigned c = 0; c < 3; c++)
    if ((cols[c] = counts_column(r, cats[c])) == NO_COLUMN)
      return 0;
  for (unsigned c = 0; c < 3; c++)
    use_count(r, cols[c], c);
  r->form = FORM_TRINOMIAL;
  return 1;
}

static int resolve_long(reader *r) {
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
  r->form = FORM_LONG;
  return 1;
}

static void resolve_counts(reader *r) {
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
           form_names[r->form]);
}

static void resolve_raw(reader *r) {
  const char *want = r->opt->score_column;
  size_t col = want ? need_column(r, want) : detect_score(r);
  if (col == NO_COLUMN)
    return;
  use_score(r, col);
  r->report->score_detected = want == NULL;
}

static void resolve_named(reader *r) {
  const nps_csvin_options *o = r->opt;
  for (size_t k = 0; k < r->ngroups && r->status == NPS_OK; k++)
    if ((r->gcol[k] = need_column(r, o->group_columns[k])) != NO_COLUMN)
      r->roles[r->gcol[k]] |= ROLE_GROUP;
  for (size_t j = 0; j < o->n_filters && r->status == NPS_OK; j++)
    if ((r->fcol[j] = need_column(r, o->filters[j].column)) != NO_COLUMN)
      r->roles[r->fcol[j]] |= ROLE_FILTER;
}

static void drop_names(reader *r) {
  for (size_t i = 0; i < r->ncols; i++)
    free(r->names[i]);
  r->ncols = 0;
}

static void end_header(reader *r) {
  if (!r->nonempty) { /* a row of empty cells before the header */
    drop_names(r);
    return;
  }
  const nps_csvin_options *o = r->opt;
  r->roles = calloc(r->ncols, 1);
  r->slot = calloc(r->ncols, 1);
  r->gcol = calloc(o->n_group_columns + 1, sizeof *r->gcol);
  r->gcell = calloc(o->n_group_columns + 1, sizeof *r->gcell);
  r->fcol = calloc(o->n_filters + 1, sizeof *r->fcol);
  if (!r->roles || !r->slot || !r->gcol || !r->gcell || !r->fcol) {
    fail(r, NPS_ENOMEM, 0, 0, "out of memory");
    return;
  }
  r->ngroups = o->n_group_columns;
  if (o->input == NPS_INPUT_COUNTS)
    resolve_counts(r);
  else
    resolve_raw(r);
  if (r->status == NPS_OK)
    resolve_named(r);
  r->phase = o->skip_rows ? PHASE_SKIP : PHASE_DATA;
}

static void on_row(int c, void *ctx) {
  reader *r = ctx;
  (void)c;
  if (r->status == NPS_OK) {
    if (r->phase == PHASE_DATA)
      end_record(r);
    else if (r->phase == PHASE_HEADER)
      end_header(r);
    else if (++r->skipped == r->opt->skip_rows)
      r->phase = PHASE_DATA;
    if (r->phase == PHASE_DATA)
      r->data_cols = r->ncols;
  }
  r->col = 0;
  r->rec_line = 0;
  r->nonempty = 0;
  r->maybe_header = 1;
  r->filter_fail = 0;
  r->score_state = CELL_NONE;
  r->bad_col = NO_COLUMN;
  r->cells_len = 0;
}

/* The callbacks when a tap watches: it sees a field or a record end before
 * the reader does. */
static void on_field_tapped(void *data, size_t len, void *ctx) {
  const reader *r = ctx;
  r->tap->field(data, len, r->tap->ctx);
  on_field(data, len, ctx);
}

static void on_row_tapped(int c, void *ctx) {
  const reader *r = ctx;
  r->tap->record_end(r->tap->ctx);
  on_row(c, ctx);
}

/* ---- feeding libcsv ----------------------------------------------------- */

static void fail_parse(reader *r) {
  int e = csv_error(&r->p);
  if (e == CSV_ENOMEM) {
    fail(r, NPS_ENOMEM, r->line, 0, "out of memory");
  } else if (e != CSV_EPARSE) {
    fail(r, NPS_EFIELD, r->line, r->col + 1, "%s", csv_strerror(e));
  } else if (r->quote_line && r->quote_line != r->line) {
    fail(r, NPS_ECSV, r->quote_line, r->col + 1,
         "the quoted field that opens on this line is not closed properly "
         "(unexpected text after a quote on line %llu)",
         (unsigned long long)r->line);
  } else if (r->p.quoted) {
    fail(r, NPS_ECSV, r->line, r->col + 1,
         "text after the closing quote of field %zu (a quote inside a "
         "quoted field must be doubled)",
         r->col + 1);
  } else {
    fail(r, NPS_ECSV, r->line, r->col + 1,
         "stray quote in unquoted field %zu (quote the whole field and "
         "double the quote)",
         r->col + 1);
  }
}

/* Line of the byte at z in s (s starts on line r->line). */
static uint64_t line_at(const reader *r, const unsigned char *s,
                        const unsigned char *z) {
  uint64_t line = r->line;
  for (; (s = memchr(s, r->eol, (size_t)(z - s))) != NULL; s++)
    line++;
  return line;
}

/* Parses n bytes, one line at a time. */
static void feed(reader *r, const unsigned char *s, size_t n) {
  const unsigned char *nul = memchr(s, '\0', n);
  if (nul) {
    fail(r, NPS_ECSV, line_at(r, s, nul), 0,
         "binary data (NUL byte): not a text CSV");
    return;
  }
  while (n && r->status == NPS_OK) {
    const unsigned char *nl = memchr(s, r->eol, n);
    size_t len = nl ? (size_t)(nl - s) + 1 : n;
    if (csv_parse(&r->p, s, len, r->cb_field, r->cb_row, r) != len) {
      fail_parse(r);
      return;
    }
    if (r->status != NPS_OK)
      return;
    if (r->p.entry_pos > r->max_field) {
      fail_field_size(r, r->col);
      return;
    }
    if (nl) {
      /* A record can only go on past '\n' inside quotes. */
      if (r->p.quoted && !r->quote_line)
        r->quote_line = r->line;
      r->line++;
    }
    s += len;
    n -= len;
  }
}

static void finish(reader *r) {
  if (csv_fini(&r->p, r->cb_field, r->cb_row, r) != 0) {
    uint64_t line = r->quote_line ? r->quote_line : r->line;
    fail(r, NPS_ECSV, line, r->col + 1,
         "unterminated quoted field: the quote that opens on this line is "
         "never closed");
  }
  if (r->probe)
    end_probe(r, 0);
  if (r->status == NPS_OK && r->phase == PHASE_HEADER)
    fail(r, NPS_EEMPTY, 0, 0, "no header row");
}

/* ---- the first block: encoding checks, BOM, sep= line, delimiter ------ */

/* UTF-16 without a BOM: many NUL bytes (the high bytes of ASCII
 * characters), all at even or all at odd offsets. */
static int looks_utf16(const unsigned char *s, size_t n) {
  size_t zeros[2] = {0, 0};
  if (n > 512)
    n = 512;
  for (size_t i = 0; i < n; i++)
    zeros[i & 1] += s[i] == 0;
  size_t z = zeros[0] + zeros[1];
  return (zeros[0] == 0 || zeros[1] == 0) && z && 16 * z >= n;
}

static int check_encoding(reader *r, const unsigned char *s, size_t n) {
  if (n >= 2 && s[0] == 0x1F && s[1] == 0x8B) {
    fail(r, NPS_ECSV, 1, 0,
         "binary data (gzip-compressed): not a text CSV; decompress it "
         "first");
    return -1;
  }
  if ((n >= 2 &&
       ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) ||
      looks_utf16(s, n)) {
    fail(r, NPS_EENCODING, 0, 0,
         "UTF-16 is not supported; convert with: iconv -f UTF-16 -t UTF-8 "
         "FILE > FILE.utf8.csv");
    return -1;
  }
  return 0;
}

/* Length of an Excel "sep=X" line at s (0 if none); X into *delim. */
static size_t sep_line(const unsigned char *s, size_t n, unsigned char *delim) {
  if (n < 5 || (memcmp(s, "sep=", 4) != 0 && memcmp(s, "SEP=", 4) != 0))
    return 0;
  unsigned char d = s[4];
  if (d == '\r' || d == '\n' || d == '"' || d == '\0')
    return 0;
  size_t i = 5;
  if (i < n && s[i] == '\r')
    i++;
  if (i < n && s[i] == '\n')
    i++;
  else if (i < n && s[i - 1] != '\r')
    return 0;
  *delim = d;
  return i;
}

/* How often c occurs in the header line at s, outside quotes. */
static size_t count_in_header(const unsigned char *s, size_t n,
                              unsigned char c) {
  size_t count = 0;
  int quoted = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"')
      quoted = !quoted;
    else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
      break;
    else if (!quoted)
      count += s[i] == c;
  }
  return count;
}

/* The most frequent of ',' ';' tab in the header line (ties: in that
 * order; none: ','). */
static unsigned char sniff(const unsigned char *s, size_t n) {
  static const unsigned char cands[] = {',', ';', '\t'};
  unsigned char best = ',';
  size_t most = 0;
  for (size_t i = 0; i < sizeof cands; i++) {
    size_t k = count_in_header(s, n, cands[i]);
    if (k > most)
      most = k, best = cands[i];
  }
  return best;
}

/* A given delimiter the header line holds fewer of than another candidate
 * is likely wrong: the error messages will suggest the other. */
static void pick_hint(reader *r, const unsigned char *s, size_t n) {
  unsigned char other = sniff(s, n);
  if (other != r->delim &&
      count_in_header(s, n, other) > count_in_header(s, n, r->delim))
    r->hint = other;
}

static void append_hint(reader *r) {
  nps_status st = r->status;
  char *msg = r->err->message;
  if (!r->hint || (st != NPS_ECSV && st != NPS_ESCORE && st != NPS_ECOLUMN &&
                   st != NPS_ECOUNT))
    return;
  if (r->hint == '\t')
    append(msg, sizeof r->err->message, "; the header contains tabs");
  else
    append(msg, sizeof r->err->message, "; the header contains '%c'", r->hint);
  r->err->hints.delimiter = (char)r->hint;
  add_hint(&r->err->hints, msg, NPS_CSVIN_HINT_DELIMITER);
}

/* Checks and strips the start of the input; returns the offset of the
 * header, or (size_t)-1 on failure. */
static size_t start(reader *r, const unsigned char *s, size_t n) {
  nps_csvin_report *rep = r->report;
  if (check_encoding(r, s, n) != 0)
    return (size_t)-1;
  size_t off = 0;
  r->eol = memchr(s, '\n', n) || !memchr(s, '\r', n) ? '\n' : '\r';
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
    off = 3, rep->had_bom = 1;
  unsigned char sep = 0;
  size_t skip = sep_line(s + off, n - off, &sep);
  if (skip) {
    rep->had_sep_line = 1;
    off += skip;
    if (s[off - 1] == '\n' || s[off - 1] == '\r')
      r->line++;
  }
  if (r->opt->delimiter)
    r->delim = (unsigned char)r->opt->delimiter;
  else if (sep)
    r->delim = sep;
  else
    r->delim = sniff(s + off, n - off), rep->delimiter_sniffed = 1;
  if (!sep)
    pick_hint(r, s + off, n - off);
  rep->delimiter = (char)r->delim;
  csv_set_delim(&r->p, r->delim);
  return off;
}

/* ---- the entry point -------------------------------------------------- */

static int reader_init(reader *r, const nps_csvin_options *opt,
                       nps_table *table, nps_csvin_report *report,
                       nps_csvin_error *err, const nps_csvin_tap *tap) {
  memset(r, 0, sizeof *r);
  r->opt = opt;
  r->tap = tap;
  r->cb_field = tap ? on_field_tapped : on_field;
  r->cb_row = tap ? on_row_tapped : on_row;
  r->table = table;
  r->report = report;
  r->err = err;
  r->line = 1;
  r->maybe_header = 1;
  r->bad_col = NO_COLUMN;
  r->score_col = NO_COLUMN;
  r->max_field = opt->max_field ? opt->max_field : NPS_CSVIN_DEFAULT_MAX_FIELD;
  r->labels = opt->input == NPS_INPUT_RAW && opt->score_labels;
  r->na = opt->na_values ? opt->na_values : nps_csvin_default_na;
  r->n_na = opt->na_values ? opt->n_na_values : nps_csvin_default_na_count;
  for (size_t i = 0; i < r->n_na; i++) {
    int score;
    const char *v = r->na[i];
    if (nps_csvin_parse_score(v, strlen(v), r->labels, &score) == NPS_OK)
      r->na_first = 1;
  }
  if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return -1;
  csv_set_blk_size(&r->p, CSV_GROWTH);
  r->parser_live = 1;
  return 0;
}

static void reader_free(reader *r) {
  if (r->parser_live)
    csv_free(&r->p);
  drop_names(r);
  free(r->names);
  free(r->name_len);
  free(r->roles);
  free(r->slot);
  free(r->gcol);
  free(r->gcell);
  free(r->fcol);
  free(r->cells);
  free(r->key);
}

static int valid_delimiter(char d) {
  return d != '"' && d != '\r' && d != '\n' && d != ' ';
}

/* Reads blocks until EOF; 0 at EOF, -1 on a read error. */
static int read_all(reader *r, FILE *in, unsigned char *buf) {
  size_t n = fread(buf, 1, BLOCK, in);
  if (ferror(in))
    return -1;
  size_t off = start(r, buf, n);
  if (off == (size_t)-1)
    return 0;
  feed(r, buf + off, n - off);
  while (r->status == NPS_OK && n == BLOCK) {
    n = fread(buf, 1, BLOCK, in);
    if (ferror(in))
      return -1;
    feed(r, buf, n);
  }
  if (r->status == NPS_OK)
    finish(r);
  return 0;
}

/* ---- a large file read on several threads ----------------------------- */

/* A regular file of at least PAR_MIN_BYTES is cut into parts that each
 * begin just after a '\n'. Every part gets its own reader, which first sees
 * the header bytes (so it resolves the same columns), then parses its part
 * into its own table; the tables are merged in file order, so groups keep
 * their first-seen order and the result equals one sequential pass.
 *
 * A cut is a record boundary when an even number of quotes precedes it
 * (RFC 4180: a quote inside a quoted field is doubled). The parts count
 * their quotes while parsing; if a cut turns out to lie inside a quoted
 * multi-line cell, or any part fails, the file is read again on one
 * thread, so that results and error messages are always exactly those of
 * the sequential reader. Memory per part: one block and a table. */

enum { PAR_MIN_BYTES = 8 * 1024 * 1024, PAR_MAX_THREADS = 64 };

typedef struct part {
  int fd;
  off_t begin, end;
  reader r;
  int r_live;
  nps_table *table;
  nps_csvin_report report;
  nps_csvin_error err;
  uint64_t quotes; /* '"' bytes in [begin, end) */
  uint64_t line0;  /* r.line when the part's first byte is fed */
  pthread_t thread;
  int threaded;
} part;

/* Reads up to n bytes at off; the count read (short at EOF) or -1. */
static ssize_t read_at(int fd, unsigned char *buf, size_t n, off_t off) {
  size_t got = 0;
  while (got < n) {
    ssize_t k = pread(fd, buf + got, n - got, off + (off_t)got);
    if (k < 0 && errno == EINTR)
      continue;
    if (k < 0)
      return -1;
    if (k == 0)
      break;
    got += (size_t)k;
  }
  return (ssize_t)got;
}

static uint64_t count_byte(const unsigned char *s, size_t n, int c) {
  uint64_t k = 0;
  for (const unsigned char *e = s + n; (s = memchr(s, c, (size_t)(e - s))); s++)
    k++;
  return k;
}

/* Where the data rows begin: the header (and the skip_rows rows) parsed on
 * a scratch reader from the first block. 0 when that block does not hold
 * them whole, or the file is not one the parts can share. */
static size_t data_start(const nps_csvin_options *opt, const unsigned char *s,
                         size_t n) {
  nps_table *scratch = nps_table_new(1);
  nps_csvin_report rep;
  nps_csvin_error err;
  reader r;
  memset(&rep, 0, sizeof rep);
  if (!scratch || reader_init(&r, opt, scratch, &rep, &err, NULL) != 0) {
    nps_table_free(scratch);
    return 0;
  }
  size_t pos = start(&r, s, n);
  while (pos != (size_t)-1 && pos < n && r.status == NPS_OK &&
         r.phase != PHASE_DATA) {
    const unsigned char *nl = memchr(s + pos, '\n', n - pos);
    if (!nl)
      break;
    size_t len = (size_t)(nl - (s + pos)) + 1;
    feed(&r, s + pos, len);
    pos += len;
  }
  int ok = pos != (size_t)-1 && r.status == NPS_OK && r.phase == PHASE_DATA &&
           r.eol == '\n' && !r.p.quoted && !r.probe;
  reader_free(&r);
  nps_table_free(scratch);
  return ok ? pos : 0;
}

/* The first '\n' at or after off, plus one; end when there is none. */
static off_t next_line(int fd, off_t off, off_t end) {
  unsigned char buf[4096];
  while (off < end) {
    ssize_t n = read_at(fd, buf, sizeof buf, off);
    if (n <= 0)
      return end;
    const unsigned char *nl = memchr(buf, '\n', (size_t)n);
    if (nl)
      return off + (nl - buf) + 1;
    off += n;
  }
  return end;
}

/* A part's reader, after it has seen the header bytes. */
static int part_init(part *p, const nps_csvin_options *opt, size_t max_groups,
                     const unsigned char *head, size_t n, size_t h) {
  p->table = nps_table_new(max_groups);
  if (!p->table ||
      reader_init(&p->r, opt, p->table, &p->report, &p->err, NULL) != 0)
    return -1;
  p->r_live = 1;
  size_t off = start(&p->r, head, n);
  if (off == (size_t)-1 || off > h)
    return -1;
  feed(&p->r, head + off, h - off);
  if (p->r.status != NPS_OK || p->r.phase != PHASE_DATA)
    return -1;
  p->line0 = p->r.line;
  return 0;
}

static void *part_run(void *arg) {
  part *p = arg;
  unsigned char *buf = malloc(BLOCK);
  if (!buf) {
    p->r.status = NPS_ENOMEM;
    return NULL;
  }
  for (off_t off = p->begin; off < p->end && p->r.status == NPS_OK;) {
    off_t left = p->end - off;
    ssize_t n = read_at(p->fd, buf, left < BLOCK ? (size_t)left : BLOCK, off);
    if (n <= 0) {
      p->r.status = NPS_EIO;
      break;
    }
    p->quotes += count_byte(buf, (size_t)n, '"');
    feed(&p->r, buf, (size_t)n);
    off += n;
  }
  if (p->r.status == NPS_OK)
    finish(&p->r);
  free(buf);
  return NULL;
}

/* Cuts [h, size) into at most k parts at line starts; returns the count. */
static size_t cut_parts(part *parts, size_t k, int fd, off_t h, off_t size) {
  size_t m = 0;
  off_t begin = h;
  for (size_t i = 1; i <= k && begin < size; i++) {
    off_t end = size;
    if (i < k)
      end = next_line(
          fd, h + (off_t)((double)(size - h) * (double)i / (double)k), size);
    if (end <= begin)
      continue;
    parts[m].fd = fd;
    parts[m].begin = begin;
    parts[m++].end = end;
    begin = end;
  }
  return m;
}

/* Adds the parts' tallies into report (parts[0] holds the header facts),
 * the first skipped record's line made absolute. */
static void merge_reports(const part *parts, size_t m,
                          nps_csvin_report *report) {
  *report = parts[0].report;
  uint64_t lines = parts[0].r.line - parts[0].line0;
  for (size_t i = 1; i < m; i++) {
    const nps_csvin_report *q = &parts[i].report;
    report->records += q->records;
    report->responses += q->responses;
    report->missing += q->missing;
    report->filtered += q->filtered;
    if (q->invalid && !report->invalid) {
      report->first_invalid_line = q->first_invalid_line + lines;
      memcpy(report->first_invalid_reason, q->first_invalid_reason,
             sizeof q->first_invalid_reason);
      report->first_invalid_hints = q->first_invalid_hints;
    }
    report->invalid += q->invalid;
    lines += parts[i].r.line - parts[i].line0;
  }
}

/* Runs the parts (the first on this thread) and checks that every part
 * succeeded and every cut was outside quotes. */
static int run_parts(part *parts, size_t m) {
  for (size_t i = 1; i < m; i++)
    parts[i].threaded =
        pthread_create(&parts[i].thread, NULL, part_run, &parts[i]) == 0;
  part_run(&parts[0]);
  for (size_t i = 1; i < m; i++) {
    if (parts[i].threaded)
      pthread_join(parts[i].thread, NULL);
    else
      part_run(&parts[i]);
  }
  uint64_t quotes = 0;
  for (size_t i = 0; i < m; i++) {
    if (parts[i].r.status != NPS_OK || parts[i].r.probe || (quotes & 1))
      return -1;
    quotes += parts[i].quotes;
  }
  return 0;
}

/* Reads in on several threads. 1 when done here (*st holds the status),
 * 0 when the file must be read sequentially instead. */
static int read_parallel(FILE *in, const nps_csvin_options *opt,
                         nps_table *table, nps_csvin_report *report,
                         nps_csvin_error *err, nps_status *st) {
  int fd = fileno(in);
  struct stat sb;
  if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
      sb.st_size < PAR_MIN_BYTES || ftello(in) != 0)
    return 0;
  size_t k = opt->threads < PAR_MAX_THREADS ? opt->threads : PAR_MAX_THREADS;
  unsigned char *head = malloc(BLOCK);
  part *parts = calloc(k, sizeof *parts);
  ssize_t n = head ? read_at(fd, head, BLOCK, 0) : -1;
  size_t h = n > 0 ? data_start(opt, head, (size_t)n) : 0;
  size_t m = h ? cut_parts(parts, k, fd, (off_t)h, sb.st_size) : 0;
  int done = parts && m > 1;
  for (size_t i = 0; done && i < m; i++)
    done = part_init(&parts[i], opt, nps_table_max_groups(table), head,
                     (size_t)n, h) == 0;
  for (size_t i = 1; done && i < m; i++)
    parts[i].r.later_part = 1;
  if (done)
    done = run_parts(parts, m) == 0;
  for (size_t i = 1; done && i < m; i++)
    done = nps_table_merge(parts[0].table, parts[i].table) == NPS_OK;
  if (done) {
    merge_reports(parts, m, report);
    *st = nps_table_merge(table, parts[0].table);
    if (*st != NPS_OK)
      snprintf(err->message, sizeof err->message,
               "%s (more than %zu distinct groups?)", nps_strerror(*st),
               nps_table_max_groups(table));
  }
  for (size_t i = 0; parts && i < k; i++) {
    if (parts[i].r_live)
      reader_free(&parts[i].r);
    nps_table_free(parts[i].table);
  }
  free(parts);
  free(head);
  return done;
}

nps_status nps_csvin_read_tap(FILE *in, const nps_csvin_options *opt,
                              nps_table *table, nps_csvin_report *report,
                              nps_csvin_error *err, const nps_csvin_tap *tap) {
  static const nps_csvin_options defaults = {0};
  nps_csvin_report report_local;
  nps_csvin_error err_local;
  if (!report)
    report = &report_local;
  if (!err)
    err = &err_local;
  memset(report, 0, sizeof *report);
  memset(err, 0, sizeof *err);
  if (!opt)
    opt = &defaults;
  if (!in || !table || (opt->delimiter && !valid_delimiter(opt->delimiter)) ||
      (opt->n_group_columns && !opt->group_columns) ||
      (opt->n_filters && !opt->filters) ||
      (tap && (!tap->field || !tap->record_end))) {
    snprintf(err->message, sizeof err->message, "invalid argument");
    return NPS_EINVAL;
  }
  nps_status st;
  if (!tap && opt->threads > 1 &&
      read_parallel(in, opt, table, report, err, &st))
    return st;
  memset(report, 0, sizeof *report);
  memset(err, 0, sizeof *err);
  reader r;
  unsigned char *buf = malloc(BLOCK);
  if (!buf || reader_init(&r, opt, table, report, err, tap) != 0) {
    free(buf);
    snprintf(err->message, sizeof err->message, "out of memory");
    return NPS_ENOMEM;
  }
  if (read_all(&r, in, buf) != 0) {
    int saved = errno;
    r.status = NPS_EIO;
    snprintf(err->message, sizeof err->message, "read error: %s",
             strerror(saved ? saved : EIO));
    errno = saved;
  }
  append_hint(&r);
  reader_free(&r);
  free(buf);
  return r.status;
}

nps_status nps_csvin_read(FILE *in, const nps_csvin_options *opt,
                          nps_table *table, nps_csvin_report *report,
                          nps_csvin_error *err) {
  return nps_csvin_read_tap(in, opt, table, report, err, NULL);
}
