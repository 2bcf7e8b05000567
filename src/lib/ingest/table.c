/*
 * table.c - group keys to histograms: an open-addressing hash index
 * (linear probing, FNV-1a) over a dense array of groups.
 *
 * Groups live in one growing array so iteration is in first-seen order and
 * cache-friendly; the index holds positions into it (+1, 0 = empty slot) and
 * is rebuilt on growth and after sorting.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nps/table.h"

struct nps_table {
  nps_group *groups;
  size_t size, cap;  /* groups used / allocated */
  size_t *index;     /* hash slots: group position + 1, or 0 */
  size_t index_mask; /* slot count - 1 (a power of two) */
  size_t max_groups;
  uint64_t total; /* answers added by nps_table_add and nps_table_merge:
                     kept at most 2^64 - 1, so that no sum of groups (a
                     group's n, the overall row) overflows */
};

static uint64_t hash_key(const char *key, size_t len) {
  return nps_fnv1a(NPS_KEY_HASH_BASIS, key, len);
}

nps_table *nps_table_new(size_t max_groups) {
  nps_table *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->max_groups = max_groups ? max_groups : NPS_TABLE_DEFAULT_MAX_GROUPS;
  t->index = calloc(16, sizeof *t->index);
  if (!t->index) {
    free(t);
    return NULL;
  }
  t->index_mask = 15;
  return t;
}

void nps_table_free(nps_table *t) {
  if (!t)
    return;
  for (size_t i = 0; i < t->size; i++)
    free((char *)t->groups[i].key);
  free(t->groups);
  free(t->index);
  free(t);
}

static void index_insert(size_t *index, size_t mask, const nps_group *g,
                         size_t pos) {
  size_t slot = (size_t)hash_key(g->key, g->key_len) & mask;
  while (index[slot])
    slot = (slot + 1) & mask;
  index[slot] = pos + 1;
}

/* Rebuilds the index with slots slots (a power of two > 2 * size). */
static nps_status index_rebuild(nps_table *t, size_t slots) {
  size_t *index = calloc(slots, sizeof *index);
  if (!index)
    return NPS_ENOMEM;
  for (size_t i = 0; i < t->size; i++)
    index_insert(index, slots - 1, &t->groups[i], i);
  free(t->index);
  t->index = index;
  t->index_mask = slots - 1;
  return NPS_OK;
}

static nps_group *find(const nps_table *t, const char *key, size_t len,
                       size_t *slot_out) {
  size_t slot = (size_t)hash_key(key, len) & t->index_mask;
  for (; t->index[slot]; slot = (slot + 1) & t->index_mask) {
    nps_group *g = &t->groups[t->index[slot] - 1];
    if (g->key_len == len && memcmp(g->key, key, len) == 0)
      return g;
  }
  *slot_out = slot;
  return NULL;
}

static nps_status append(nps_table *t, const char *key, size_t len) {
  if (t->size == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 8;
    nps_group *groups = realloc(t->groups, cap * sizeof *groups);
    if (!groups)
      return NPS_ENOMEM;
    t->groups = groups;
    t->cap = cap;
  }
  char *copy = malloc(len + 1);
  if (!copy)
    return NPS_ENOMEM;
  if (len)
    memcpy(copy, key, len);
  copy[len] = '\0';
  nps_group *g = &t->groups[t->size++];
  memset(g, 0, sizeof *g);
  g->key = copy;
  g->key_len = len;
  return NPS_OK;
}

nps_status nps_table_get(nps_table *t, const char *key, size_t key_len,
                         nps_group **out) {
  size_t slot = 0;
  nps_group *g = find(t, key, key_len, &slot);
  if (g) {
    *out = g;
    return NPS_OK;
  }
  if (t->size >= t->max_groups)
    return NPS_EGROUPS;
  nps_status st = append(t, key, key_len);
  if (st != NPS_OK)
    return st;
  /* Keep the load factor at most 1/2. */
  if (2 * t->size > t->index_mask + 1) {
    st = index_rebuild(t, 2 * (t->index_mask + 1));
    if (st != NPS_OK) {
      free((char *)t->groups[--t->size].key);
      return st;
    }
  } else {
    t->index[slot] = t->size;
  }
  *out = &t->groups[t->size - 1];
  return NPS_OK;
}

nps_status nps_table_add(nps_table *t, const char *key, size_t key_len,
                         int score, uint64_t count) {
  if (!nps_score_valid(score))
    return NPS_EINVAL;
  if (count > UINT64_MAX - t->total)
    return NPS_EOVERFLOW;
  nps_group *g;
  nps_status st = nps_table_get(t, key, key_len, &g);
  if (st == NPS_OK)
    st = nps_hist_add(&g->hist, score, count);
  if (st == NPS_OK)
    t->total += count;
  return st;
}

nps_status nps_table_get_index(nps_table *t, const char *key, size_t key_len,
                               size_t *idx) {
  nps_group *g;
  nps_status st = nps_table_get(t, key, key_len, &g);
  if (st == NPS_OK)
    *idx = (size_t)(g - t->groups);
  return st;
}

nps_status nps_table_add_at(nps_table *t, size_t idx, int score,
                            uint64_t count) {
  if (idx >= t->size || !nps_score_valid(score))
    return NPS_EINVAL;
  if (count > UINT64_MAX - t->total)
    return NPS_EOVERFLOW;
  nps_status st = nps_hist_add(&t->groups[idx].hist, score, count);
  if (st == NPS_OK)
    t->total += count;
  return st;
}

nps_status nps_table_add_missing_at(nps_table *t, size_t idx, uint64_t count) {
  if (idx >= t->size)
    return NPS_EINVAL;
  nps_group *g = &t->groups[idx];
  if (g->missing > UINT64_MAX - count)
    return NPS_EOVERFLOW;
  g->missing += count;
  return NPS_OK;
}

nps_status nps_table_add_missing(nps_table *t, const char *key, size_t key_len,
                                 uint64_t count) {
  nps_group *g;
  nps_status st = nps_table_get(t, key, key_len, &g);
  if (st != NPS_OK)
    return st;
  if (g->missing > UINT64_MAX - count)
    return NPS_EOVERFLOW;
  g->missing += count;
  return NPS_OK;
}

nps_status nps_table_merge(nps_table *dst, const nps_table *src) {
  if (src->total > UINT64_MAX - dst->total)
    return NPS_EOVERFLOW;
  dst->total += src->total;
  for (size_t i = 0; i < src->size; i++) {
    const nps_group *s = &src->groups[i];
    nps_group *d;
    nps_status st = nps_table_get(dst, s->key, s->key_len, &d);
    if (st == NPS_OK)
      st = nps_hist_merge(&d->hist, &s->hist);
    if (st == NPS_OK && d->missing > UINT64_MAX - s->missing)
      st = NPS_EOVERFLOW;
    if (st != NPS_OK)
      return st;
    d->missing += s->missing;
  }
  return NPS_OK;
}

size_t nps_table_max_groups(const nps_table *t) {
  return t->max_groups;
}

size_t nps_table_size(const nps_table *t) {
  return t->size;
}

const nps_group *nps_table_group(const nps_table *t, size_t i) {
  return i < t->size ? &t->groups[i] : NULL;
}

int nps_key_compare(const char *a, size_t alen, const char *b, size_t blen) {
  size_t n = alen < blen ? alen : blen;
  int c = n ? memcmp(a, b, n) : 0;
  if (c)
    return c;
  return (alen > blen) - (alen < blen);
}

static int compare_groups(const void *a, const void *b) {
  const nps_group *x = a, *y = b;
  return nps_key_compare(x->key, x->key_len, y->key, y->key_len);
}

static int compare_group_ptrs(const void *a, const void *b) {
  return compare_groups(*(const nps_group *const *)a,
                        *(const nps_group *const *)b);
}

const nps_group **nps_table_sorted(const nps_table *t, int *out_ok) {
  *out_ok = 1;
  if (t->size == 0)
    return NULL;
  const nps_group **g = malloc(t->size * sizeof *g);
  if (!g) {
    *out_ok = 0;
    return NULL;
  }
  for (size_t i = 0; i < t->size; i++)
    g[i] = &t->groups[i];
  qsort(g, t->size, sizeof *g, compare_group_ptrs);
  return g;
}

void nps_table_sort(nps_table *t) {
  if (t->size < 2)
    return;
  qsort(t->groups, t->size, sizeof *t->groups, compare_groups);
  /* Re-point the slots in place: sorting cannot fail for lack of memory. */
  size_t slots = t->index_mask + 1;
  memset(t->index, 0, slots * sizeof *t->index);
  for (size_t i = 0; i < t->size; i++)
    index_insert(t->index, t->index_mask, &t->groups[i], i);
}

void nps_table_total(const nps_table *t, nps_hist *hist, uint64_t *missing) {
  memset(hist, 0, sizeof *hist);
  *missing = 0;
  for (size_t i = 0; i < t->size; i++) {
    (void)nps_hist_merge(hist, &t->groups[i].hist);
    *missing += t->groups[i].missing;
  }
}

int nps_key_part(const char *key, size_t len, size_t k, const char **part,
                 size_t *part_len) {
  size_t start = 0, i = 0;
  for (; i < k; i++) {
    const char *sep = memchr(key + start, NPS_KEY_SEP, len - start);
    if (!sep)
      break;
    start = (size_t)(sep - key) + 1;
  }
  int found = i == k;
  if (!found)
    start = len;
  const char *sep = memchr(key + start, NPS_KEY_SEP, len - start);
  if (part)
    *part = key + start;
  size_t stop = sep ? (size_t)(sep - key) : len;
  if (part_len)
    *part_len = found ? stop - start : 0;
  return found;
}
