/*
 * ingest_internal.h - what the CSV reader (csvin/) lends to the other
 * ingest modules and to nothing else: the records-only tap the competitors
 * reader (competitors.c) reads its file through, and the three text
 * helpers it shares with the reader's messages (csvin/csvin_text.c).
 * Private to src/lib/ingest/ (csvin/csvin_internal.h includes it).
 */
#ifndef NPS_INGEST_INTERNAL_H
#define NPS_INGEST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "internal.h"
#include "nps/csvin.h"

/* A view of the records of a CSV read as the parser delivers them, after
 * the reader's own preparation of the bytes (encoding checks, BOM, "sep="
 * line, delimiter, line splitting): field gets each field's len bytes (not
 * NUL-terminated, quotes removed), record_end the end of each record and
 * the physical line where it began, the header and skipped rows included.
 * ctx is passed back to both. With records_only the reader does nothing
 * else: no columns are resolved and no table is needed (the competitors
 * reader uses the strict parser this way for a file that holds no
 * scores). */
typedef struct nps_csvin_tap {
  void (*field)(const char *s, size_t len, void *ctx);
  void (*record_end)(uint64_t line, void *ctx);
  void *ctx;
  int records_only;
} nps_csvin_tap;

/* nps_csvin_read with a tap (NULL: none) watching the records; what the
 * reader does with them is unchanged (unless tap->records_only, when table
 * may be NULL). The CSV conformance test checks the
 * parsed records through it. NPS_EINVAL when tap lacks a callback. */
nps_status nps_csvin_read_tap(FILE *in, const nps_csvin_options *opt,
                              nps_table *table, nps_csvin_report *report,
                              nps_csvin_error *err, const nps_csvin_tap *tap);

/* ---- csvin/csvin_text.c: bytes and messages ---- */

int nps_csv_is_blank(unsigned char c);

/* s[0..*len) without surrounding blanks. */
void nps_csv_trim(const char **s, size_t *len);

/* Writes s for a message into out (cap >= 8 bytes): at most limit input
 * bytes, control characters and invalid UTF-8 escaped, "..." when cut. */
void nps_csv_show(char *out, size_t cap, const char *s, size_t len,
                  size_t limit);

#endif
