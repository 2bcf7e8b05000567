/*
 * csvin_direct.c - the direct way for the plain records of a raw read. A
 * record the fast path split (csvin_fast.c) is counted straight into the
 * table, without the field and record callbacks, when nothing about it
 * needs them: a valid or missing score and group cells that are UTF-8. A
 * record that needs a message or a closer look (a bad score, a cell that
 * is not UTF-8, a ragged row, a repeated header, quotes to undo in a cell
 * that counts) is handed back untouched and the callbacks take it, so the
 * result and every message are those of the callbacks.
 *
 * The groups met last are remembered by key (a small direct-mapped cache
 * of positions in the table), so that most records find their group
 * without hashing the key.
 */
#include <stdlib.h>
#include <string.h>

#include "csvin_internal.h"

int nps_csv_direct_ok(const reader *r) {
  const nps_csvin_options *o = r->opt;
  if (r->tap || !r->table || o->input != NPS_INPUT_RAW ||
      r->lay.form != FORM_NONE || o->group_map || o->unique_keys ||
      o->n_filters || r->ncols == 0 || r->data_cols != r->ncols ||
      r->lay.score_col == NO_COLUMN)
    return 0;
  for (size_t c = 0; c < r->ncols; c++) {
    unsigned role = r->lay.roles[c];
    if (role != 0 && role != ROLE_SCORE && role != ROLE_GROUP)
      return 0;
  }
  for (size_t k = 0; k < r->lay.ngroups; k++)
    for (size_t j = 0; j < k; j++)
      if (r->lay.gcol[j] == r->lay.gcol[k])
        return 0;
  return 1;
}

/* What check_group_cell (csvin_record.c) accepts: UTF-8 without the key
 * separator. */
static int key_cell_ok(const char *s, size_t len) {
  size_t i = 0; /* printable ASCII first: one compare a byte */
  while (i < len && (unsigned char)(s[i] - 0x20) < 0x60)
    i++;
  if (i == len)
    return 1;
  return !memchr(s + i, NPS_KEY_SEP, len - i) && nps_utf8_valid(s + i, len - i);
}

static inline void trim(const char **s, size_t *len) {
  const char *p = *s;
  size_t n = *len;
  while (n && (p[0] == ' ' || p[0] == '\t'))
    p++, n--;
  while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
    n--;
  *s = p, *len = n;
}

static inline int same_key(const char *a, const char *b, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (a[i] != b[i])
      return 0;
  return 1;
}

static void fail_table(reader *r, nps_status st) {
  r->rec_line = r->line;
  nps_csv_fail_table(r, st);
  r->rec_line = 0;
}

/* Adds what slot holds to its group. */
static void flush_slot(reader *r, direct_slot *slot) {
  if (!slot->n_pending)
    return;
  for (int sc = 0; sc <= NPS_NSCORES; sc++) {
    uint64_t c = slot->pending[sc];
    if (!c)
      continue;
    slot->pending[sc] = 0;
    nps_status st = sc == NPS_NSCORES
                        ? nps_table_add_missing_at(r->table, slot->idx, c)
                        : nps_table_add_at(r->table, slot->idx, sc, c);
    if (st != NPS_OK)
      fail_table(r, st);
  }
  slot->n_pending = 0;
}

void nps_csv_direct_flush(reader *r) {
  for (size_t i = 0; r->slots && i < DIRECT_SLOTS; i++)
    flush_slot(r, &r->slots[i]);
}

/* The slot of a key that fits one, or NULL. */
static direct_slot *slot_of(reader *r, const char *key, size_t len) {
  if (len >= DIRECT_KEY_MAX ||
      (!r->slots && !(r->slots = calloc(DIRECT_SLOTS, sizeof *r->slots))))
    return NULL;
  unsigned h = (unsigned)len;
  if (len)
    h = h * 31u + (unsigned char)key[0] * 7u + (unsigned char)key[len / 2] +
        (unsigned char)key[len - 1] * 3u;
  return &r->slots[h & (DIRECT_SLOTS - 1)];
}

/* Counts bin (a score, or NPS_NSCORES for missing) for the key's group in
 * the table, created when new, and gives the key slot; -1 after a failure
 * (recorded). */
static int count_new(reader *r, direct_slot *slot, const char *key, size_t len,
                     int bin) {
  size_t idx;
  nps_status st = nps_table_get_index(r->table, key, len, &idx);
  if (st == NPS_OK)
    st = bin == NPS_NSCORES ? nps_table_add_missing_at(r->table, idx, 1)
                            : nps_table_add_at(r->table, idx, bin, 1);
  if (st != NPS_OK) {
    fail_table(r, st);
    return -1;
  }
  if (slot && idx <= UINT32_MAX) {
    flush_slot(r, slot);
    slot->len = (uint32_t)len + 1;
    slot->idx = (uint32_t)idx;
    if (len)
      memcpy(slot->key, key, len);
  }
  return 0;
}

/* The record's group cells, trimmed, into cell[] and len[] (room for 8);
 * 0 for a cell the callbacks must see. */
static int record_cells(const reader *r, const char *s, const char **cell,
                        size_t *len) {
  for (size_t k = 0; k < r->lay.ngroups; k++) {
    const fast_field *f = &r->fast[r->lay.gcol[k]];
    if (f->flags & FAST_ESCAPED)
      return 0;
    cell[k] = s + f->off;
    len[k] = f->len;
    if (f->flags & FAST_QUOTED)
      trim(&cell[k], &len[k]); /* else the scan trimmed it */
  }
  return 1;
}

/* The key of the cells: joined by NPS_KEY_SEP (one cell: in place). */
static int record_key(reader *r, const char *const *cell, const size_t *len,
                      const char **key, size_t *klen) {
  size_t ng = r->lay.ngroups, total = ng;
  if (ng == 0) {
    *key = "", *klen = 0;
    return 1;
  }
  if (ng == 1) {
    *key = cell[0], *klen = len[0];
    return 1;
  }
  for (size_t k = 0; k < ng; k++)
    total += len[k];
  if (total > r->key_cap) {
    char *buf = realloc(r->key, total);
    if (!buf)
      return 0; /* the callbacks report it */
    r->key = buf, r->key_cap = total;
  }
  size_t o = 0;
  for (size_t k = 0; k < ng; k++) {
    if (k)
      r->key[o++] = NPS_KEY_SEP;
    if (len[k])
      memcpy(r->key + o, cell[k], len[k]);
    o += len[k];
  }
  *key = r->key, *klen = o;
  return 1;
}

static void bump(uint64_t *n) {
  if (*n < UINT64_MAX)
    ++*n;
}

int nps_csv_direct_record(reader *r, const char *s, size_t nf, int nonempty) {
  if (!nonempty)
    return 1; /* only empty cells: a blank line, which counts nowhere */
  if (nf != r->ncols)
    return 0;
  const fast_field *f = r->fast;
  if ((f[0].flags & FAST_ESCAPED) ||
      ((f[0].len == r->name_len[0] ||
        (f[0].len > r->name_len[0] &&
         (s[f[0].off] == ' ' || s[f[0].off] == '\t' ||
          s[f[0].off + f[0].len - 1] == ' ' ||
          s[f[0].off + f[0].len - 1] == '\t'))) &&
       nps_csv_header_cell(r, 0, s + f[0].off, f[0].len)))
    return 0; /* perhaps the header row again */
  /* The score, as score_field reads it. */
  const fast_field *sf = &f[r->lay.score_col];
  if (sf->flags & FAST_ESCAPED)
    return 0;
  const char *t = s + sf->off;
  size_t tlen = sf->len;
  if (sf->flags & FAST_QUOTED)
    trim(&t, &tlen);
  int score = -1; /* missing */
  unsigned d0 = tlen ? (unsigned char)t[0] - (unsigned)'0' : 10;
  if (tlen == 1 && d0 < 10 && !r->na_first)
    score = (int)d0; /* the common cells first: "0".."9" and "10" */
  else if (tlen == 2 && d0 == 1 && t[1] == '0' && !r->na_first)
    score = 10;
  else if (tlen && !(r->na_first && nps_csv_is_na(r, t, tlen)) &&
           nps_csv_parse_trimmed(t, tlen, r->labels, &score) != NPS_OK) {
    if (!nps_csv_is_na(r, t, tlen))
      return 0;
    score = -1;
  }
  const char *cell[8], *key;
  size_t len[8], klen;
  if (r->lay.ngroups > 8 || !record_cells(r, s, cell, len) ||
      !record_key(r, cell, len, &key, &klen))
    return 0;
  int bin = score < 0 ? NPS_NSCORES : score;
  direct_slot *slot = slot_of(r, key, klen);
  if (slot && slot->len == klen + 1 && same_key(slot->key, key, klen)) {
    /* A key met before: its cells were checked then (the same bytes split
     * at the same separators, none of which a checked cell holds). */
    if (slot->n_pending == UINT32_MAX)
      flush_slot(r, slot);
    slot->pending[bin]++;
    slot->n_pending++;
  } else {
    for (size_t k = 0; k < r->lay.ngroups; k++)
      if (!key_cell_ok(cell[k], len[k]))
        return 0;
    r->report->records++;
    if (count_new(r, slot, key, klen, bin) != 0)
      return 1;
    bump(score < 0 ? &r->report->missing : &r->report->responses);
    return 1;
  }
  r->report->records++;
  bump(score < 0 ? &r->report->missing : &r->report->responses);
  return 1;
}
