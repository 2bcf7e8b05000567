/*
 * gen_util.h - what the data generators (gen_responses.c, gen_wide.c)
 * share: the splitmix64 step, decimal output into a buffer, writing the
 * buffer out and parsing the row and seed arguments. Header-only.
 */
#ifndef NPS_GEN_UTIL_H
#define NPS_GEN_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64 (Steele, Lea, Flood 2014): small, fast, passes BigCrush. */
static inline uint64_t gen_splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

/* v in decimal at p; returns the end. */
static inline char *gen_put_uint(char *p, uint64_t v) {
  char tmp[20];
  size_t n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

/* Writes buf to stdout; -1 (with a message naming prog) on failure. */
static inline int gen_flush(const char *prog, const char *buf, size_t len) {
  if (fwrite(buf, 1, len, stdout) != len) {
    fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
    return -1;
  }
  return 0;
}

/* A whole non-negative decimal number; -1 for anything else. */
static inline int gen_parse_u64(const char *s, uint64_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
    return -1;
  *out = (uint64_t)v;
  return 0;
}

#endif
