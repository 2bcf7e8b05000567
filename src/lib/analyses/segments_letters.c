/*
 * segments_letters.c - the compact letter display of pairwise verdicts:
 * segments that share a letter are not significantly different.
 *
 * Insert-and-absorb (Piepho 2004, J. Comput. Graph. Stat. 13(2)): start
 * with one letter for every tested segment; for each significant pair,
 * split every letter that holds both into one without the first and one
 * without the second; drop letters whose segments are a subset of another
 * letter's. Letters are then named a, b, ... by their best segment (by
 * NPS), so "a" marks the top group.
 */
#include <stdlib.h>
#include <string.h>

#include "segments_internal.h"

/* More letters than this: no display (a note says why). */
#define MAX_LETTERS 52
/* Letter sets kept while splitting, at most. */
#define MAX_SETS 4096

typedef struct sets {
  unsigned char *m; /* n sets of k bytes: m[s * k + i] = segment i in s */
  size_t n, k;
} sets;

static int subset(const sets *v, size_t a, size_t b) {
  for (size_t i = 0; i < v->k; i++)
    if (v->m[a * v->k + i] && !v->m[b * v->k + i])
      return 0;
  return 1;
}

/* Removes every set contained in another (of two equal sets, the later). */
static void absorb(sets *v) {
  size_t keep = 0;
  for (size_t a = 0; a < v->n; a++) {
    int drop = 0;
    for (size_t b = 0; b < v->n && !drop; b++)
      drop = b != a && subset(v, a, b) && (!subset(v, b, a) || b < a);
    if (!drop)
      memmove(v->m + keep++ * v->k, v->m + a * v->k, v->k);
  }
  v->n = keep;
}

/* Splits the sets holding both i and j; 0 when MAX_SETS would pass. */
static int split(sets *v, size_t i, size_t j) {
  size_t n = v->n;
  for (size_t s = 0; s < n; s++) {
    unsigned char *c = v->m + s * v->k;
    if (!c[i] || !c[j])
      continue;
    if (v->n == MAX_SETS)
      return 0;
    unsigned char *d = v->m + v->n++ * v->k;
    memcpy(d, c, v->k);
    c[i] = 0;
    d[j] = 0;
  }
  absorb(v);
  return 1;
}

/* The letter of set number s: a..z, then A..Z. */
static char letter(size_t s) {
  return s < 26 ? (char)('a' + s) : (char)('A' + (s - 26));
}

/* rank[i]: the position by NPS (highest first) of tested segment i. */
static size_t first_member(const sets *v, size_t s, const size_t *by_rank) {
  for (size_t r = 0; r < v->k; r++)
    if (v->m[s * v->k + by_rank[r]])
      return r;
  return v->k;
}

/* Orders the sets by their best member and writes each row's letters. */
static nps_status name_letters(nps_segments *s, sets *v, const size_t *row,
                               const size_t *by_rank) {
  size_t *order = malloc(v->n * sizeof *order);
  s->letter_buf = malloc(v->k * (v->n + 1) + 1);
  if (!order || !s->letter_buf) {
    free(order);
    return NPS_ENOMEM;
  }
  for (size_t a = 0; a < v->n; a++)
    order[a] = a;
  for (size_t a = 1; a < v->n; a++) /* insertion sort: few sets */
    for (size_t b = a; b > 0 && first_member(v, order[b], by_rank) <
                                    first_member(v, order[b - 1], by_rank);
         b--) {
      size_t t = order[b];
      order[b] = order[b - 1];
      order[b - 1] = t;
    }
  char *p = s->letter_buf;
  for (size_t i = 0; i < v->k; i++) {
    s->rows[row[i]].letters = p;
    for (size_t a = 0; a < v->n; a++)
      if (v->m[order[a] * v->k + i])
        *p++ = letter(a);
    *p++ = '\0';
  }
  free(order);
  return NPS_OK;
}

static int by_nps_desc(const void *pa, const void *pb, const nps_segments *s,
                       const size_t *row) {
  double x = s->rows[row[*(const size_t *)pa]].est.nps;
  double y = s->rows[row[*(const size_t *)pb]].est.nps;
  return (x < y) - (x > y);
}

nps_status nps_segments_letters(nps_segments *s) {
  size_t k = s->n_tested;
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    s->rows[i].letters = "";
  if (k == 0)
    return NPS_OK;
  size_t *row = malloc(2 * k * sizeof *row);
  sets v = {malloc(MAX_SETS * k), 1, k};
  if (!row || !v.m) {
    free(row);
    free(v.m);
    return NPS_ENOMEM;
  }
  size_t *by_rank = row + k, t = 0;
  for (size_t i = 0; i + 1 < s->n_rows; i++)
    if (s->rows[i].base == NPS_BASE_OK)
      row[t++] = i;
  /* tested segments by NPS, highest first (insertion sort, stable) */
  for (size_t i = 0; i < k; i++) {
    size_t j = i;
    by_rank[i] = i;
    for (; j > 0 && by_nps_desc(&by_rank[j], &by_rank[j - 1], s, row) < 0;
         j--) {
      size_t x = by_rank[j];
      by_rank[j] = by_rank[j - 1];
      by_rank[j - 1] = x;
    }
  }
  memset(v.m, 1, k);
  /* tested index of each row, for the pairs */
  size_t *index = calloc(s->n_rows, sizeof *index);
  int ok = index != NULL;
  for (size_t i = 0; ok && i < k; i++)
    index[row[i]] = i;
  for (size_t p = 0; ok && p < s->n_pairs; p++)
    if (s->pairs[p].t.verdict.significant)
      ok = split(&v, index[s->pairs[p].a], index[s->pairs[p].b]);
  nps_status st = index ? NPS_OK : NPS_ENOMEM;
  if (st == NPS_OK && (!ok || v.n > MAX_LETTERS))
    s->letters_note = "the pairwise verdicts need more than 52 letters: no "
                      "letter display";
  else if (st == NPS_OK)
    st = name_letters(s, &v, row, by_rank);
  free(index);
  free(row);
  free(v.m);
  return st;
}
