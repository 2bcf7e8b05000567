/*
 * internal.h - helpers shared by the library's modules, not part of the API.
 */
#ifndef NPS_INTERNAL_H
#define NPS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/hist.h"
#include "nps/table.h"

/* c as doubles: promoters, passives, detractors, n. */
static inline void nps_counts_as_double(const nps_counts *c, double *p,
                                        double *a, double *d, double *n) {
  *p = (double)c->promoters;
  *a = (double)c->passives;
  *d = (double)c->detractors;
  *n = *p + *a + *d;
}

/* Nonzero when 0 < level < 1. */
static inline int nps_level_valid(double level) {
  return level > 0.0 && level < 1.0;
}

/* ---- table.c: groups by position ---- */

/* nps_table_get, giving the group's position (stable for the table's
 * life: groups are only appended). */
nps_status nps_table_get_index(nps_table *t, const char *key, size_t key_len,
                               size_t *idx);

/* nps_table_add and nps_table_add_missing for the group at position idx. */
nps_status nps_table_add_at(nps_table *t, size_t idx, int score,
                            uint64_t count);
nps_status nps_table_add_missing_at(nps_table *t, size_t idx, uint64_t count);

/* The groups of t ordered by key (nps_key_compare), without changing t: a
 * new array of nps_table_size(t) pointers into t (NULL also when t is
 * empty; *out_ok 0 only when out of memory). Free the array, not the
 * groups. */
const nps_group **nps_table_sorted(const nps_table *t, int *out_ok);

/* Clears err (may be NULL) as every nps_X_run does first: sample -1, no
 * key, count 0, problem 0. */
static inline void nps_run_error_clear(nps_run_error *err) {
  if (err)
    *err = (nps_run_error){-1, NULL, 0, 0, 0};
}

/* ---- text.c: UTF-8, enum names, hashing ---- */

/* Decodes the UTF-8 sequence at s[0..len) (len >= 1): its length (1..4)
 * with the code point in *cp, or 0 when it is invalid (truncated, overlong,
 * a surrogate, above U+10FFFF, a stray continuation byte). */
size_t nps_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Writes code point c (at most U+10FFFF) as UTF-8 into out (4 bytes of
 * room); returns the length. */
size_t nps_utf8_encode(uint32_t c, char *out);

/* Nonzero when s[0..len) is valid UTF-8. */
int nps_utf8_valid(const char *s, size_t len);

/* One row of an enum's name table: the canonical name (or an alias), the
 * enum value, and a one-line label (may be NULL). */
typedef struct nps_name {
  const char *name;
  int value;
  const char *label;
} nps_name;

#define NPS_COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The row whose name is name (NULL name or no match: NULL). */
const nps_name *nps_name_find(const nps_name *table, size_t n,
                              const char *name);

/* The first row whose value is value, or NULL. */
const nps_name *nps_name_of(const nps_name *table, size_t n, int value);

/* Parses name through table: NPS_OK with its value in *value, or
 * NPS_EINVAL (NULL or unknown name; *value unchanged). */
nps_status nps_name_parse(const nps_name *table, size_t n, const char *name,
                          int *value);

/* The canonical name (label = 0) or the label (label = 1) of value;
 * "unknown" when the table does not hold it. */
const char *nps_name_text(const nps_name *table, size_t n, int value,
                          int label);

/* FNV-1a: h updated with len bytes at p, from a basis (FNV's own offset
 * basis is 14695981039346656037). */
/* The basis that group keys have always been hashed from (the table's
 * slots, the seed of each key): kept so that every seed, and every
 * bootstrap result, stays what it was. */
#define NPS_KEY_HASH_BASIS 1469598103934665603u
uint64_t nps_fnv1a(uint64_t h, const void *p, size_t len);

/* Nonzero when every answer of c is in one category (and n > 0): such a
 * sample has no sampling spread. */
static inline int nps_counts_one_category(const nps_counts *c) {
  int nonzero = (c->promoters > 0) + (c->passives > 0) + (c->detractors > 0);
  return nonzero == 1;
}

/* ---- counts: exact arithmetic on category counts ---- */

/* x - y for counts, as a double rounded once. */
static inline double nps_count_diff(uint64_t x, uint64_t y) {
  return x >= y ? (double)(x - y) : -(double)(y - x);
}

/* P + A + D of c; 0 with *overflow set (it is never cleared) when the sum
 * passes 2^64 - 1. */
static inline uint64_t nps_counts_total_checked(const nps_counts *c,
                                                int *overflow) {
  uint64_t pa = c->promoters + c->passives;
  int o = pa < c->promoters || pa + c->detractors < pa;
  *overflow |= o;
  return o ? 0 : pa + c->detractors;
}

/* Central moments m2, m3 of the +1/0/-1 scores of c (0 for n = 0). */
void nps_score_moments(const nps_counts *c, double *m2, double *m3);

/* ---- test2.c: the adjusted counts, also used by compare.c's detectable
 * difference for a sample with no spread ---- */

/* theta = (P - D)/m and the per-respondent variance V of the counts
 * adjusted by 0.75 / 1.5 / 0.75 (Rocks 2016), m = n + 3. */
void nps_test2_adjusted(const nps_counts *c, double *theta, double *var,
                        double *m);

/* ---- boot.c: pieces shared by the one- and two-sample bootstraps ---- */

/* qsort comparison of doubles, ascending. */
int nps_compare_doubles(const void *a, const void *b);

/* Standard deviation of v[0..B) (divisor B - 1, B >= 2) by two passes. */
double nps_sample_sd(const double *v, size_t B);

/* Number of sorted[0..B) below x (strictly, or <= x when inclusive). */
/* The BCa limit of the sorted replicates at the normal quantile z (the
 * lower limit of a two-sided level-L interval at z = Phi^-1((1 - L) / 2),
 * the upper at -z), with bias correction z0 and acceleration accel: the
 * replicate quantile at Phi(z0 + (z0 + z) / (1 - accel (z0 + z))). */
double nps_boot_bca_limit(const double *sorted, size_t B, double z0,
                          double accel, double z);

size_t nps_sorted_count_below(const double *sorted, size_t B, double x,
                              int inclusive);

/* The replicate buffer of a bootstrap: work when the caller gave one, else
 * B doubles from malloc (NULL when that fails or B * sizeof(double)
 * overflows). Free it with nps_boot_buffer_done. */
double *nps_boot_buffer(double *work, size_t B);
void nps_boot_buffer_done(double *buf, double *work);

#endif
