/*
 * csvin_fast.c - the reader's fast path. Whole records of a block are split
 * by a scan for the four bytes that shape CSV (the delimiter, '"', '\n' and
 * '\r'), 64 bytes at a time: with SSE2 where the compiler targets it, else
 * 8 bytes at a time in portable C. The fields go to the same callbacks that
 * libcsv calls, with the same bytes (or, for the plain records of a raw
 * read, to the direct count of csvin_direct.c, which gives what the
 * callbacks would), so the reader's results do not depend on which path
 * read a record.
 *
 * What the scan takes is the plain RFC 4180 record: unquoted fields (blanks
 * around them trimmed, as libcsv does) and quoted fields (blanks allowed
 * before the opening and after the closing quote, '""' for a quote, line
 * ends inside) ended by LF or CRLF. Anything else (a quote inside an
 * unquoted field, text after a closing quote, a CR alone, an over-long
 * field, a record that the block cuts) is left to libcsv, record by
 * record, so every message, line number and strict-mode rule stays libcsv's.
 */
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "csvin_internal.h"

/* ---- finding the structural bytes -------------------------------------- */

typedef struct scan {
  const unsigned char *s;
  size_t n;
  size_t chunk;  /* offset of the 64-byte chunk of mask */
  uint64_t mask; /* its structural bytes not yet taken, one bit each */
  unsigned char delim;
  int simd;
} scan;

/* One bit per byte of p[0..len) (len <= 64) equal to a structural byte. */
static uint64_t mask_bytes(const unsigned char *p, size_t len,
                           unsigned char delim) {
  uint64_t m = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = p[i];
    if (c == delim || c == '"' || c == '\n' || c == '\r')
      m |= (uint64_t)1 << i;
  }
  return m;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NPS_SWAR 1
static const uint64_t LOW7 = 0x7f7f7f7f7f7f7f7fULL;
static const uint64_t ONES = 0x0101010101010101ULL;

/* 0x80 in each byte of w equal to the byte b, 0 elsewhere (exact: no
 * borrow runs from one byte into the next). */
static uint64_t eq_bytes(uint64_t w, unsigned char b) {
  uint64_t x = w ^ (ONES * b);
  return ~(((x & LOW7) + LOW7) | x) & ~LOW7;
}

/* The high bit of each byte of h, byte i to bit i. */
static unsigned gather(uint64_t h) {
  return (unsigned)(((h >> 7) * 0x0102040810204080ULL) >> 56);
}

static uint64_t mask64_swar(const unsigned char *p, unsigned char delim) {
  uint64_t m = 0;
  for (int k = 0; k < 8; k++) {
    uint64_t w;
    memcpy(&w, p + 8 * k, 8);
    uint64_t h = eq_bytes(w, delim) | eq_bytes(w, '"') | eq_bytes(w, '\n') |
                 eq_bytes(w, '\r');
    m |= (uint64_t)gather(h) << (8 * k);
  }
  return m;
}
#else
#define NPS_SWAR 0
static uint64_t mask64_swar(const unsigned char *p, unsigned char delim) {
  return mask_bytes(p, 64, delim);
}
#endif

#if defined(__SSE2__)
static uint64_t mask64_sse2(const unsigned char *p, unsigned char delim) {
  const __m128i d = _mm_set1_epi8((char)delim), q = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  uint64_t m = 0;
  for (int k = 0; k < 4; k++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
    __m128i a = _mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q));
    __m128i b = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
    m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(a, b)) << (16 * k);
  }
  return m;
}
#endif

static uint64_t chunk_mask(const scan *sc, size_t at) {
  if (sc->n - at < 64)
    return mask_bytes(sc->s + at, sc->n - at, sc->delim);
#if defined(__SSE2__)
  if (sc->simd)
    return mask64_sse2(sc->s + at, sc->delim);
#endif
  return mask64_swar(sc->s + at, sc->delim);
}

static void scan_init(scan *sc, const unsigned char *s, size_t n,
                      unsigned char delim, int simd) {
  sc->s = s;
  sc->n = n;
  sc->delim = delim;
  sc->simd = simd;
  sc->chunk = 0;
  sc->mask = n ? chunk_mask(sc, 0) : 0;
}

/* The offset of the next structural byte, or n when there is none. */
static inline size_t scan_next(scan *sc) {
  while (sc->mask == 0) {
    sc->chunk += 64;
    if (sc->chunk >= sc->n)
      return sc->n;
    sc->mask = chunk_mask(sc, sc->chunk);
  }
  size_t at = sc->chunk + (size_t)__builtin_ctzll(sc->mask);
  sc->mask &= sc->mask - 1;
  return at;
}

uint64_t nps_csv_count_byte(const unsigned char *s, size_t n, unsigned char c) {
  uint64_t k = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i v = _mm_set1_epi8((char)c);
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    k += (uint64_t)__builtin_popcount(
        (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, v)));
  }
#elif NPS_SWAR
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    k += (uint64_t)__builtin_popcountll(eq_bytes(w, c));
  }
#endif
  for (; i < n; i++)
    k += s[i] == c;
  return k;
}

/* ---- splitting one record ---------------------------------------------- */

static int fields_room(reader *r, size_t need) {
  size_t cap = r->fast_cap ? 2 * r->fast_cap : 64;
  while (cap < need)
    cap *= 2;
  fast_field *f = realloc(r->fast, cap * sizeof *f);
  if (!f)
    return -1;
  r->fast = f;
  r->fast_cap = cap;
  return 0;
}

/* A blank that libcsv trims around unquoted cells and before an opening
 * or after a closing quote: a space, or a tab when the tab does not
 * delimit (tab is then '\t', else ' '). */
#define BLANK(c, tab) ((c) <= ' ' && ((c) == ' ' || (c) == (tab)))

/* Splits the record at s[at..): its fields into r->fast, their number into
 * *nf (0 for a line of blanks, which libcsv does not report as a record),
 * the newlines it holds into *lines, whether a field is not empty into
 * *any; returns the offset past its end, or 0 for a record to leave to
 * libcsv. */
static size_t split_record(reader *r, scan *sc, size_t at, size_t *nf,
                           uint64_t *lines, int *any) {
  const unsigned char *s = sc->s;
  const unsigned char delim = r->delim, tab = delim == '\t' ? ' ' : '\t';
  const size_t n = sc->n, max_field = r->max_field;
  fast_field *fields = r->fast;
  size_t cap = r->fast_cap, k = 0;
  uint64_t nl = 0;
  size_t nonempty = 0;
  size_t start = at;
  for (size_t t = scan_next(sc);; t = scan_next(sc)) {
    if (k == cap) {
      if (fields_room(r, k + 1) != 0)
        return 0;
      fields = r->fast, cap = r->fast_cap;
    }
    if (t == n)
      return 0; /* cut by the block's end */
    unsigned char c = s[t];
    if (start < t && s[start] > ' ' && s[t - 1] > ' ' &&
        (c == delim || c == '\n')) {
      /* The common cell: unquoted (a quote would have stopped the scan at
       * start), not empty, no blank at either end. */
      if (t - start > max_field)
        return 0;
      fields[k].off = start;
      fields[k].len = t - start;
      fields[k].flags = 0;
      k++;
      nonempty = 1;
      if (c == delim) {
        start = t + 1;
        continue;
      }
      *nf = k;
      *lines = nl + 1;
      *any = 1;
      return t + 1;
    }
    size_t b = start, off, len;
    int flags = 0;
    while (b < t && BLANK(s[b], tab))
      b++;
    if (c == '"') {
      if (b != t)
        return 0; /* a quote inside an unquoted field */
      off = t + 1;
      flags = FAST_QUOTED;
      for (;;) {
        t = scan_next(sc);
        if (t + 1 >= n)
          return 0;
        if (s[t] == '\n')
          nl++;
        else if (s[t] == '"') {
          if (s[t + 1] != '"')
            break;
          flags |= FAST_ESCAPED;
          scan_next(sc); /* the second quote */
        }
      }
      len = t - off;
      size_t close = t;
      t = scan_next(sc);
      if (t == n || (c = s[t]) == '"')
        return 0;
      for (size_t i = close + 1; i < t; i++)
        if (!BLANK(s[i], tab))
          return 0; /* text after the closing quote */
    } else {
      size_t e = t;
      while (e > b && BLANK(s[e - 1], tab))
        e--;
      off = b;
      len = e - b;
      if (k == 0 && e == b && c != delim) {
        /* Only blanks before the line end: not a record. */
        if (c == '\r') {
          if (t + 1 == n || s[t + 1] != '\n')
            return 0;
          scan_next(sc);
          t++;
        }
        *nf = 0;
        *lines = 1;
        *any = 0;
        return t + 1;
      }
    }
    if (len > max_field)
      return 0;
    nonempty |= len;
    fields[k].off = off;
    fields[k].len = len;
    fields[k].flags = flags;
    k++;
    if (c == delim) {
      start = t + 1;
      continue;
    }
    if (c == '\r') {
      if (t + 1 == n || s[t + 1] != '\n')
        return 0; /* a CR alone ends a record in libcsv: leave it there */
      scan_next(sc);
      t++;
    }
    *nf = k;
    *lines = nl + 1;
    *any = nonempty != 0;
    return t + 1;
  }
}

/* The field's bytes with '""' made '"', in r->unq. */
static const char *unescape(reader *r, const unsigned char *p, size_t len) {
  if (len > r->unq_cap) {
    char *u = realloc(r->unq, len);
    if (!u)
      return NULL;
    r->unq = u;
    r->unq_cap = len;
  }
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    r->unq[o++] = (char)p[i];
    if (p[i] == '"')
      i++;
  }
  r->fast_unq_len = o;
  return r->unq;
}

/* Hands the split record to the callbacks, as libcsv would. */
static void emit_record(reader *r, const unsigned char *s, size_t nf,
                        int nonempty, unsigned char end) {
  r->rec_line = r->line;
  r->nonempty = nonempty;
  for (size_t k = 0; k < nf && r->status == NPS_OK; k++) {
    const fast_field *f = &r->fast[k];
    if (!r->tap && k < r->data_cols && !r->lay.roles[k] && !r->maybe_header) {
      r->col++;
      continue;
    }
    const char *p = (const char *)s + f->off;
    size_t len = f->len;
    if (f->flags & FAST_ESCAPED) {
      p = unescape(r, s + f->off, len);
      if (!p) {
        nps_csv_fail(r, NPS_ENOMEM, r->rec_line, k + 1, "out of memory");
        return;
      }
      len = r->fast_unq_len;
    }
    /* libcsv's callbacks take a writable pointer; none writes. */
    r->cb_field((void *)(uintptr_t)p, len, r);
  }
  r->cb_row(end, r);
}

size_t nps_csv_fast(reader *r, const unsigned char *s, size_t n) {
  if (r->direct == DIRECT_UNKNOWN)
    r->direct = nps_csv_direct_ok(r) ? DIRECT_YES : DIRECT_NO;
  scan sc;
  scan_init(&sc, s, n, r->delim, r->opt->scan != NPS_CSVIN_SCAN_SCALAR);
  size_t at = 0;
  while (at < n && r->status == NPS_OK) {
    size_t nf = 0;
    uint64_t lines = 0;
    int any = 0;
    size_t end = split_record(r, &sc, at, &nf, &lines, &any);
    if (end == 0)
      break;
    r->report->records_fast += nf && any;
    if (nf && !(r->direct == DIRECT_YES && !r->probe &&
                nps_csv_direct_record(r, (const char *)s, nf, any)))
      emit_record(r, s, nf, any, end >= 2 && s[end - 2] == '\r' ? '\r' : '\n');
    r->line += lines;
    at = end;
  }
  if (r->direct == DIRECT_YES)
    nps_csv_direct_flush(r);
  return at;
}
