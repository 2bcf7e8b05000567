/*
 * csvin_record.c - the reader's libcsv callbacks: each field by its
 * column's role (score, count, group, filter), the header row's names, and
 * the end of each record (the key, the table update, the bad-cell message
 * and the probe for extra header rows).
 */
#include <stdlib.h>
#include <string.h>

#include "csvin_internal.h"

/* ---- scores and counts ----------------------------------------------- */

/* A score from a trimmed, non-empty cell. */
nps_status nps_csv_parse_trimmed(const char *cell, size_t len, int labels,
                                 int *score) {
  size_t i = 0;
  int v = 0;
  for (; i < len && nps_csv_is_digit((unsigned char)cell[i]); i++)
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
  nps_csv_trim(&cell, &len);
  return len ? nps_csv_parse_trimmed(cell, len, labels, score) : NPS_EEMPTY;
}

/* Why cell (a rejected score) was rejected: BAD_* bits. */
static int bad_kind(const char *cell, size_t len) {
  nps_csv_trim(&cell, &len);
  size_t i = 0, letters = 0;
  while (i < len && nps_csv_is_digit((unsigned char)cell[i]))
    i++;
  int kind = 0;
  if (i && i + 1 < len && (cell[i] == '.' || cell[i] == ',')) {
    size_t j = i + 1;
    while (j < len && nps_csv_is_digit((unsigned char)cell[j]))
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
  nps_csv_trim(&s, &len);
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

int nps_csv_is_na(const reader *r, const char *s, size_t len) {
  for (size_t i = 0; i < r->n_na; i++)
    if (nps_csv_bytes_equal(s, len, r->na[i]))
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
  nps_csv_show(r->bad_show, sizeof r->bad_show, s, len, SHOW_MAX);
}

static void score_field(reader *r, size_t col, const char *s, size_t len) {
  const char *t = s;
  size_t tlen = len;
  nps_csv_trim(&t, &tlen);
  if (!tlen || (r->na_first && nps_csv_is_na(r, t, tlen))) {
    r->score_state = CELL_MISSING;
    return;
  }
  nps_status st = nps_csv_parse_trimmed(t, tlen, r->labels, &r->score);
  if (st == NPS_OK)
    r->score_state = CELL_OK;
  else if (nps_csv_is_na(r, t, tlen))
    r->score_state = CELL_MISSING;
  else
    note_bad(r, col, NPS_ESCORE, s, len);
}

static void count_field(reader *r, size_t col, const char *s, size_t len) {
  if (parse_count(s, len, &r->counts[r->lay.slot[col]]) != 0)
    note_bad(r, col, NPS_ECOUNT, s, len);
}

static void group_field(reader *r, size_t col, const char *s, size_t len) {
  nps_csv_trim(&s, &len);
  /* Allocated even for empty cells: the key is built from r->cells, and
   * NULL + 0 is undefined behaviour. */
  if (!r->cells || r->cells_cap - r->cells_len < len) {
    size_t cap = 2 * r->cells_cap + len + 64;
    char *cells = realloc(r->cells, cap);
    if (!cells) {
      nps_csv_fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
      return;
    }
    r->cells = cells;
    r->cells_cap = cap;
  }
  if (len)
    memcpy(r->cells + r->cells_len, s, len);
  for (size_t k = 0; k < r->lay.ngroups; k++)
    if (r->lay.gcol[k] == col)
      r->gcell[k] = (span){r->cells_len, len};
  r->cells_len += len;
}

/* Keeps the trimmed cell s among the distinct cells of its filter's
 * column, while there is room: its first bytes, cut before a character. */
static void tally_cell(nps_csvin_filter_tally *t, const char *s, size_t len) {
  if (t->more)
    return;
  size_t keep = len < sizeof t->value[0] ? len : sizeof t->value[0] - 1;
  /* Back over at most 3 continuation bytes (more are invalid UTF-8 and
   * are cut anywhere). */
  for (int b = 0; b < 3 && keep < len && keep > 0 &&
                  ((unsigned char)s[keep] & 0xC0) == 0x80;
       b++)
    keep--;
  nps_csv_tally_put(t, s, keep, len > UINT32_MAX ? UINT32_MAX : (uint32_t)len);
}

static void filter_field(reader *r, size_t col, const char *s, size_t len) {
  nps_csv_trim(&s, &len);
  for (size_t j = 0; j < r->opt->n_filters; j++) {
    const nps_csvin_filter *f = &r->opt->filters[j];
    if (r->lay.fcol[j] != col)
      continue;
    size_t v = 0;
    while (v < f->n_values && !nps_csv_bytes_equal(s, len, f->values[v]))
      v++;
    int match = v < f->n_values;
    if (j < NPS_CSVIN_TALLY_FILTERS) {
      nps_csvin_filter_tally *t = &r->report->filter_tally[j];
      if (match && v < 64)
        t->hit |= (uint64_t)1 << v;
      if (len) /* blank records end up skipped: keep no empty cell */
        tally_cell(t, s, len);
    }
    if (match == (f->exclude != 0))
      r->filter_fail = 1;
  }
}

static void header_field(reader *r, const char *s, size_t len) {
  if (r->phase == PHASE_SKIP)
    return;
  if (r->ncols == MAX_COLUMNS) {
    nps_csv_fail(r, NPS_ECSV, r->rec_line, 0,
                 "the header has more than %d columns", MAX_COLUMNS);
    return;
  }
  if (r->ncols == r->names_cap) {
    size_t cap = r->names_cap ? 2 * r->names_cap : 16;
    char **names = realloc(r->names, cap * sizeof *names);
    if (names)
      r->names = names;
    size_t *lens = names ? realloc(r->name_len, cap * sizeof *lens) : NULL;
    if (!lens) {
      nps_csv_fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
      return;
    }
    r->name_len = lens;
    r->names_cap = cap;
  }
  nps_csv_trim(&s, &len);
  char *name = malloc(len + 1);
  if (!name) {
    nps_csv_fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
    return;
  }
  if (len)
    memcpy(name, s, len);
  name[len] = '\0';
  r->names[r->ncols] = name;
  r->name_len[r->ncols++] = len;
}

void nps_csv_drop_names(reader *r) {
  for (size_t i = 0; i < r->ncols; i++)
    free(r->names[i]);
  r->ncols = 0;
}

void nps_csv_end_header(reader *r) {
  if (!r->nonempty) { /* a row of empty cells before the header */
    nps_csv_drop_names(r);
    return;
  }
  nps_csv_note_header(r);
  const nps_csvin_options *o = r->opt;
  nps_csv_layout *lay = &r->lay;
  lay->roles = calloc(r->ncols, 1);
  lay->slot = calloc(r->ncols, 1);
  lay->gcol = calloc(o->n_group_columns + 1, sizeof *lay->gcol);
  r->gcell = calloc(o->n_group_columns + 1, sizeof *r->gcell);
  lay->fcol = calloc(o->n_filters + 1, sizeof *lay->fcol);
  if (!lay->roles || !lay->slot || !lay->gcol || !r->gcell || !lay->fcol) {
    nps_csv_fail(r, NPS_ENOMEM, 0, 0, "out of memory");
    return;
  }
  nps_csvin_error e = {0};
  nps_status st =
      nps_csv_resolve(r->names, r->name_len, r->ncols, o, lay, r->report, &e);
  if (st != NPS_OK && nps_csv_fail(r, st, st == NPS_ENOMEM ? 0 : r->rec_line, 0,
                                   "%s", e.message))
    r->err->hints = e.hints;
  r->phase = o->skip_rows ? PHASE_SKIP : PHASE_DATA;
}

/* Nonzero when the cell equals the header name of its column. */
int nps_csv_header_cell(const reader *r, size_t col, const char *s,
                        size_t len) {
  size_t want = r->name_len[col];
  if (len == want)
    return !len || memcmp(s, r->names[col], len) == 0;
  if (len < want || !(nps_csv_is_blank((unsigned char)s[0]) ||
                      nps_csv_is_blank((unsigned char)s[len - 1])))
    return 0; /* trimming cannot make it equal */
  nps_csv_trim(&s, &len);
  return len == want && (!len || memcmp(s, r->names[col], len) == 0);
}

NOINLINE static void field(reader *r, size_t col, const char *s, size_t len) {
  if (r->status != NPS_OK)
    return;
  r->quote_line = 0;
  if (len > r->max_field) {
    nps_csv_fail_field_size(r, col);
    return;
  }
  if (r->phase != PHASE_DATA) {
    header_field(r, s, len);
    return;
  }
  if (col >= r->ncols)
    return; /* ragged: reported at the record's end */
  if (r->maybe_header)
    r->maybe_header = nps_csv_header_cell(r, col, s, len);
  unsigned role = r->lay.roles[col];
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
void nps_csv_on_field(void *data, size_t len, void *ctx) {
  reader *r = ctx;
  size_t col = r->col++;
  r->nonempty |= len != 0;
  if (!r->rec_line)
    r->rec_line = r->quote_line ? r->quote_line : r->line;
  if (col < r->data_cols && !r->lay.roles[col] && !r->quote_line &&
      len <= r->max_field) {
    if (r->maybe_header)
      r->maybe_header = nps_csv_header_cell(r, col, data, len);
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
  if (!has_sep && nps_utf8_valid(cell + i, len - i))
    return 0;
  char name[4 * SHOW_MAX + 8], value[4 * SHOW_MAX + 8];
  nps_csv_show_name(r, r->lay.gcol[k], name, sizeof name);
  nps_csv_show(value, sizeof value, cell, len, SHOW_MAX);
  if (has_sep)
    nps_csv_fail(
        r, NPS_ECSV, r->rec_line, r->lay.gcol[k] + 1,
        "column '%s': '%s' holds the byte 0x1F, which joins group keys", name,
        value);
  else
    nps_csv_fail(r, NPS_EENCODING, r->rec_line, r->lay.gcol[k] + 1,
                 "column '%s': '%s' is not valid UTF-8", name, value);
  return -1;
}

static int key_room(reader *r, size_t need) {
  if (need <= r->key_cap)
    return 0;
  char *buf = realloc(r->key, need);
  if (!buf) {
    nps_csv_fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
    return -1;
  }
  r->key = buf, r->key_cap = need;
  return 0;
}

/* The key of the record with every group cell through opt->group_map. */
static int build_mapped_key(reader *r, const char **key, size_t *key_len) {
  const nps_csvin_options *opt = r->opt;
  size_t o = 0;
  for (size_t k = 0; k < r->lay.ngroups; k++) {
    const char *cell = r->cells + r->gcell[k].off;
    size_t len = r->gcell[k].len;
    size_t room = len > NPS_CSVIN_MAP_MAX ? len : NPS_CSVIN_MAP_MAX;
    if (key_room(r, o + 1 + room) != 0)
      return -1;
    if (k)
      r->key[o++] = NPS_KEY_SEP;
    size_t out_len = 0;
    if (opt->group_map(k, cell, len, r->key + o, &out_len,
                       opt->group_map_ctx) != 0 ||
        out_len > room) {
      char name[4 * SHOW_MAX + 8], value[4 * SHOW_MAX + 8];
      nps_csv_show_name(r, r->lay.gcol[k], name, sizeof name);
      nps_csv_show(value, sizeof value, cell, len, SHOW_MAX);
      nps_csv_reject(r, NPS_EVALUE, 1, r->lay.gcol[k] + 1, NULL,
                     "column '%s': '%s' is not %s", name, value,
                     opt->group_map_what ? opt->group_map_what
                                         : "a valid value");
      return -1;
    }
    o += out_len;
  }
  *key = r->key ? r->key : "", *key_len = o;
  return 0;
}

/* The group key of the record: its group cells joined by NPS_KEY_SEP. */
static int build_key(reader *r, const char **key, size_t *key_len) {
  size_t total = r->lay.ngroups;
  for (size_t k = 0; k < r->lay.ngroups; k++) {
    if (check_group_cell(r, k) != 0)
      return -1;
    total += r->gcell[k].len;
  }
  if (r->opt->group_map && r->lay.ngroups > 0)
    return build_mapped_key(r, key, key_len);
  if (r->lay.ngroups == 0) {
    *key = "", *key_len = 0;
    return 0;
  }
  if (r->lay.ngroups == 1) {
    *key = r->cells + r->gcell[0].off, *key_len = r->gcell[0].len;
    return 0;
  }
  if (total > r->key_cap) {
    char *buf = realloc(r->key, total);
    if (!buf) {
      nps_csv_fail(r, NPS_ENOMEM, r->rec_line, 0, "out of memory");
      return -1;
    }
    r->key = buf, r->key_cap = total;
  }
  size_t o = 0;
  for (size_t k = 0; k < r->lay.ngroups; k++) {
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
    nps_csv_fail_table(r, st);
    return;
  }
  uint64_t *n = &r->report->responses;
  *n = *n > UINT64_MAX - count ? UINT64_MAX : *n + count;
}

static void add_missing(reader *r, const char *key, size_t len,
                        uint64_t count) {
  nps_status st = nps_table_add_missing(r->table, key, len, count);
  if (st != NPS_OK) {
    nps_csv_fail_table(r, st);
    return;
  }
  uint64_t *n = &r->report->missing;
  *n = *n > UINT64_MAX - count ? UINT64_MAX : *n + count;
}

/* Trinomial counts go into bins 10, 8 and 0. NPS and its intervals depend
 * only on category totals (docs/architecture.md), so any score of each
 * category would do. */
static const int trinomial_bin[3] = {10, 8, 0};

/* With unique_keys: 1 (and the record rejected) when the key, none of
 * whose cells is empty, already holds an answer, missing or not. */
static int key_seen(reader *r, const char *key, size_t len) {
  nps_group *g;
  if (!r->opt->unique_keys || len == 0)
    return 0;
  for (size_t k = 0; k < r->lay.ngroups; k++)
    if (r->gcell[k].len == 0)
      return 0; /* an empty cell: no id */
  nps_status st = nps_table_get(r->table, key, len, &g);
  if (st != NPS_OK) {
    nps_csv_fail_table(r, st);
    return 1;
  }
  if (nps_hist_total(&g->hist) == 0 && g->missing == 0)
    return 0;
  char cells[4 * SHOW_MAX + 64] = "", one[4 * SHOW_MAX + 8];
  for (size_t k = 0; k < r->lay.ngroups; k++) {
    nps_csv_show(one, sizeof one, r->cells + r->gcell[k].off, r->gcell[k].len,
                 SHOW_MAX);
    nps_csv_append(cells, sizeof cells, "%s'%s'", k ? " / " : "", one);
  }
  size_t col = r->lay.gcol[r->lay.ngroups - 1];
  nps_csv_show_name(r, col, one, sizeof one);
  nps_csv_reject(r, NPS_EVALUE, 0, col + 1, NULL,
                 "column '%s': %s already answered on an earlier line (each "
                 "id answers once per file)",
                 one, cells);
  return 1;
}

static void store_record(reader *r, const char *key, size_t len) {
  if (key_seen(r, key, len))
    return;
  switch (r->lay.form) {
  case FORM_NONE:
  case FORM_LONG: {
    uint64_t n = r->lay.form == FORM_LONG ? r->counts[0] : 1;
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
  nps_csv_show_name(r, r->bad_col, name, sizeof name);
  if (r->bad_status == NPS_ECOUNT) {
    snprintf(msg, cap, "column '%s': '%s' is not a whole non-negative count",
             name, r->bad_show);
    return;
  }
  snprintf(msg, cap, "column '%s': '%s' is not a %sscore 0..10", name,
           r->bad_show, r->bad_kind & BAD_DECIMAL ? "whole-number " : "");
  if ((r->bad_kind & BAD_LABELLED) && !r->labels &&
      r->opt->input == NPS_INPUT_RAW)
    nps_csv_add_hint(hints, msg, NPS_CSVIN_HINT_SCORE_LABELS);
}

/* Holds the error and keeps reading: are the next rows header rows too? */
static void start_probe(reader *r) {
  r->err->line = r->rec_line;
  r->err->column = r->bad_col + 1;
  bad_cell_message(r, r->err->message, sizeof r->err->message, &r->err->hints);
  r->probe = 1;
  r->probe_rows = 1;
}

static void probe_record(reader *r) {
  int text = r->col == r->ncols && r->bad_col == r->lay.score_col &&
             (r->bad_kind & BAD_TEXT);
  if (!text)
    nps_csv_end_probe(r, r->col == r->ncols && r->bad_col == NO_COLUMN);
  else if (++r->probe_rows == PROBE_MAX)
    nps_csv_end_probe(r, 0);
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
    nps_csv_reject(r, NPS_ECSV, 1, 0, NULL, "expected %zu fields, found %zu",
                   r->ncols, r->col);
    return;
  }
  if (r->maybe_header) {
    nps_csv_reject(r, NPS_ECSV, 1, 0, NULL,
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
    nps_csv_reject(r, r->bad_status, r->bad_status == NPS_ESCORE,
                   r->bad_col + 1, &hints, "%s", msg);
    return;
  }
  const char *key;
  size_t len;
  if (build_key(r, &key, &len) == 0)
    store_record(r, key, len);
}

void nps_csv_on_row(int c, void *ctx) {
  reader *r = ctx;
  (void)c;
  if (r->status == NPS_OK) {
    if (r->phase == PHASE_DATA)
      end_record(r);
    else if (r->phase == PHASE_HEADER)
      nps_csv_end_header(r);
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
void nps_csv_on_field_tapped(void *data, size_t len, void *ctx) {
  reader *r = ctx;
  if (!r->rec_line)
    r->rec_line = r->quote_line ? r->quote_line : r->line;
  r->tap->field(data, len, r->tap->ctx);
  if (r->tap->records_only) {
    r->col++;
    r->quote_line = 0;
  } else
    nps_csv_on_field(data, len, ctx);
}

void nps_csv_on_row_tapped(int c, void *ctx) {
  reader *r = ctx;
  r->tap->record_end(r->rec_line ? r->rec_line : r->line, r->tap->ctx);
  if (!r->tap->records_only) {
    nps_csv_on_row(c, ctx);
    return;
  }
  r->phase = PHASE_DATA;
  r->col = 0;
  r->rec_line = 0;
}
