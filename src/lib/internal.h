/*
 * internal.h - helpers shared by the library's modules, not part of the API.
 */
#ifndef NPS_INTERNAL_H
#define NPS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/csvin.h"
#include "nps/hist.h"

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

/* A view of the records of a CSV read as the parser delivers them, after
 * the reader's own preparation of the bytes (encoding checks, BOM, "sep="
 * line, delimiter, line splitting): field gets each field's len bytes (not
 * NUL-terminated, quotes removed), record_end the end of each record, the
 * header and skipped rows included. ctx is passed back to both. */
typedef struct nps_csvin_tap {
  void (*field)(const char *s, size_t len, void *ctx);
  void (*record_end)(void *ctx);
  void *ctx;
} nps_csvin_tap;

/* nps_csvin_read with a tap (NULL: none) watching the records; what the
 * reader does with them is unchanged. The CSV conformance test checks the
 * parsed records through it. NPS_EINVAL when tap lacks a callback. */
nps_status nps_csvin_read_tap(FILE *in, const nps_csvin_options *opt,
                              nps_table *table, nps_csvin_report *report,
                              nps_csvin_error *err, const nps_csvin_tap *tap);

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

/* FNV-1a: h updated with len bytes at p. Start from NPS_FNV_OFFSET. */
#define NPS_FNV_OFFSET 14695981039346656037u
uint64_t nps_fnv1a(uint64_t h, const void *p, size_t len);

/* Nonzero when every answer of c is in one category (and n > 0): such a
 * sample has no sampling spread. */
static inline int nps_counts_one_category(const nps_counts *c) {
  int nonzero = (c->promoters > 0) + (c->passives > 0) + (c->detractors > 0);
  return nonzero == 1;
}

#endif
