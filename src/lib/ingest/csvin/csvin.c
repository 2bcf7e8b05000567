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
 *
 * This file is one reader: the first block, feeding libcsv, a reader's
 * setup and cleanup. The entry points that drive it (or the parallel
 * reader) are in csvin_read.c; how a read fails is csvin_error.c; the
 * callbacks and the header row are csvin_record.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvin_internal.h"

const char *const nps_csvin_default_na[] = {"NA",   "N/A",  "n/a",  "na",
                                            "#N/A", "null", "NULL", "-"};
const size_t nps_csvin_default_na_count =
    sizeof nps_csvin_default_na / sizeof nps_csvin_default_na[0];

/* ---- feeding libcsv ----------------------------------------------------- */

static void fail_parse(reader *r) {
  int e = csv_error(&r->p);
  if (e == CSV_ENOMEM) {
    nps_csv_fail(r, NPS_ENOMEM, r->line, 0, "out of memory");
  } else if (e != CSV_EPARSE) {
    nps_csv_fail(r, NPS_EFIELD, r->line, r->col + 1, "%s", csv_strerror(e));
  } else if (r->quote_line && r->quote_line != r->line) {
    nps_csv_fail(
        r, NPS_ECSV, r->quote_line, r->col + 1,
        "the quoted field that opens on this line is not closed properly "
        "(unexpected text after a quote on line %llu)",
        (unsigned long long)r->line);
  } else if (r->p.quoted) {
    nps_csv_fail(r, NPS_ECSV, r->line, r->col + 1,
                 "text after the closing quote of field %zu (a quote inside a "
                 "quoted field must be doubled)",
                 r->col + 1);
  } else {
    nps_csv_fail(r, NPS_ECSV, r->line, r->col + 1,
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
void nps_csv_feed(reader *r, const unsigned char *s, size_t n) {
  const unsigned char *nul = memchr(s, '\0', n);
  if (nul) {
    nps_csv_fail(r, NPS_ECSV, line_at(r, s, nul), 0,
                 "binary data (NUL byte): not a text CSV");
    return;
  }
  while (n && r->status == NPS_OK) {
    if (r->phase == PHASE_DATA && r->p.pstate == 0 && r->eol == '\n' &&
        !r->quote_line && r->opt->scan != NPS_CSVIN_SCAN_LIBCSV) {
      size_t used = nps_csv_fast(r, s, n);
      s += used;
      n -= used;
      if (!n || r->status != NPS_OK)
        return;
    }
    const unsigned char *nl = memchr(s, r->eol, n);
    size_t len = nl ? (size_t)(nl - s) + 1 : n;
    if (csv_parse(&r->p, s, len, r->cb_field, r->cb_row, r) != len) {
      fail_parse(r);
      return;
    }
    if (r->status != NPS_OK)
      return;
    if (r->p.entry_pos > r->max_field) {
      nps_csv_fail_field_size(r, r->col);
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

void nps_csv_finish(reader *r) {
  if (csv_fini(&r->p, r->cb_field, r->cb_row, r) != 0) {
    uint64_t line = r->quote_line ? r->quote_line : r->line;
    nps_csv_fail(
        r, NPS_ECSV, line, r->col + 1,
        "unterminated quoted field: the quote that opens on this line is "
        "never closed");
  }
  if (r->probe)
    nps_csv_end_probe(r, 0);
  if (r->status == NPS_OK && r->phase == PHASE_HEADER)
    nps_csv_fail(r, NPS_EEMPTY, 0, 0, "no header row");
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
    nps_csv_fail(r, NPS_ECSV, 1, 0,
                 "binary data (gzip-compressed): not a text CSV; decompress it "
                 "first");
    return -1;
  }
  if ((n >= 2 &&
       ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) ||
      looks_utf16(s, n)) {
    nps_csv_fail(
        r, NPS_EENCODING, 0, 0,
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

/* Checks and strips the nps_csv_start of the input; returns the offset of the
 * header, or (size_t)-1 on failure. */
size_t nps_csv_start(reader *r, const unsigned char *s, size_t n) {
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

/* ---- a reader's life ------------------------------------------------- */

int nps_csv_reader_init(reader *r, const nps_csvin_options *opt,
                        nps_table *table, nps_csvin_report *report,
                        nps_csvin_error *err, const nps_csvin_tap *tap) {
  memset(r, 0, sizeof *r);
  r->opt = opt;
  r->tap = tap;
  r->cb_field = tap ? nps_csv_on_field_tapped : nps_csv_on_field;
  r->cb_row = tap ? nps_csv_on_row_tapped : nps_csv_on_row;
  r->table = table;
  r->report = report;
  r->err = err;
  r->line = 1;
  r->maybe_header = 1;
  r->bad_col = NO_COLUMN;
  r->lay.score_col = NO_COLUMN;
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

void nps_csv_reader_free(reader *r) {
  if (r->parser_live)
    csv_free(&r->p);
  nps_csv_drop_names(r);
  free(r->names);
  free(r->name_len);
  free(r->lay.roles);
  free(r->lay.slot);
  free(r->lay.gcol);
  free(r->gcell);
  free(r->lay.fcol);
  free(r->cells);
  free(r->key);
  free(r->fast);
  free(r->unq);
  free(r->slots);
}
