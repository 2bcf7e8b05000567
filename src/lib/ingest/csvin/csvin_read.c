/*
 * csvin_read.c - the reader's entry points, nps_csvin_read and
 * nps_csvin_read_tap: the arguments checked, the parallel reader tried
 * (csvin_parallel.c), else the input read block by block through one reader
 * (csvin.c), and the delimiter hint added to a failed read's message. The
 * top of the reader: no other reader file calls into it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin_internal.h"

static void append_hint(reader *r) {
  nps_status st = r->status;
  char *msg = r->err->message;
  if (!r->hint || (st != NPS_ECSV && st != NPS_ESCORE && st != NPS_ECOLUMN &&
                   st != NPS_ECOUNT))
    return;
  if (r->hint == '\t')
    nps_csv_append(msg, sizeof r->err->message, "; the header contains tabs");
  else
    nps_csv_append(msg, sizeof r->err->message, "; the header contains '%c'",
                   r->hint);
  r->err->hints.delimiter = (char)r->hint;
  nps_csv_add_hint(&r->err->hints, msg, NPS_CSVIN_HINT_DELIMITER);
}

static int valid_delimiter(char d) {
  return d != '"' && d != '\r' && d != '\n' && d != ' ';
}

/* Reads blocks until EOF; 0 at EOF, -1 on a read error. */
static int read_all(reader *r, FILE *in, unsigned char *buf) {
  size_t n = fread(buf, 1, BLOCK, in);
  if (ferror(in))
    return -1;
  size_t off = nps_csv_start(r, buf, n);
  if (off == (size_t)-1)
    return 0;
  nps_csv_feed(r, buf + off, n - off);
  while (r->status == NPS_OK && n == BLOCK) {
    n = fread(buf, 1, BLOCK, in);
    if (ferror(in))
      return -1;
    nps_csv_feed(r, buf, n);
  }
  if (r->status == NPS_OK)
    nps_csv_finish(r);
  return 0;
}

nps_status nps_csvin_read_tap(FILE *in, const nps_csvin_options *opt,
                              nps_table *table, nps_csvin_report *report,
                              nps_csvin_error *err, const nps_csvin_tap *tap) {
  static const nps_csvin_options defaults = {0};
  nps_csvin_report report_local;
  nps_csvin_error err_local;
  if (!report)
    report = &report_local;
  if (!err)
    err = &err_local;
  memset(report, 0, sizeof *report);
  memset(err, 0, sizeof *err);
  if (!opt)
    opt = &defaults;
  if (!in || (!table && !(tap && tap->records_only)) ||
      (opt->delimiter && !valid_delimiter(opt->delimiter)) ||
      (opt->n_group_columns && !opt->group_columns) ||
      (opt->n_filters && !opt->filters) ||
      (tap && (!tap->field || !tap->record_end))) {
    snprintf(err->message, sizeof err->message, "invalid argument");
    return NPS_EINVAL;
  }
  nps_status st;
  if (!tap && opt->threads > 1 && !opt->unique_keys &&
      nps_csv_read_parallel(in, opt, table, report, err, &st))
    return st;
  memset(report, 0, sizeof *report);
  memset(err, 0, sizeof *err);
  reader r;
  unsigned char *buf = malloc(BLOCK);
  if (!buf || nps_csv_reader_init(&r, opt, table, report, err, tap) != 0) {
    free(buf);
    snprintf(err->message, sizeof err->message, "out of memory");
    return NPS_ENOMEM;
  }
  if (read_all(&r, in, buf) != 0) {
    int saved = errno;
    r.status = NPS_EIO;
    snprintf(err->message, sizeof err->message, "read error: %s",
             strerror(saved ? saved : EIO));
    errno = saved;
  }
  append_hint(&r);
  nps_csv_reader_free(&r);
  free(buf);
  return r.status;
}

void nps_csvin_options_init(nps_csvin_options *opt) {
  *opt =
      (nps_csvin_options){.input = NPS_INPUT_RAW, .scan = NPS_CSVIN_SCAN_AUTO};
}

nps_status nps_csvin_read(FILE *in, const nps_csvin_options *opt,
                          nps_table *table, nps_csvin_report *report,
                          nps_csvin_error *err) {
  return nps_csvin_read_tap(in, opt, table, report, err, NULL);
}

/* ---- the header alone ------------------------------------------------ */

/* The reader's callbacks while only the header is wanted: the header's
 * cells are collected as for a read; a row with no nonempty cell before it
 * is dropped (as nps_csv_end_header does); after it, nothing is done. */
static void header_only_field(void *data, size_t len, void *ctx) {
  reader *r = ctx;
  if (r->phase == PHASE_HEADER)
    nps_csv_on_field(data, len, ctx);
}

static void header_only_row(int c, void *ctx) {
  reader *r = ctx;
  (void)c;
  if (r->phase != PHASE_HEADER)
    return;
  if (r->nonempty)
    r->phase = PHASE_SKIP; /* the header is complete */
  else
    nps_csv_drop_names(r);
  r->col = 0;
  r->rec_line = 0;
  r->nonempty = 0;
}

/* Feeds the reader one line at a time until the header is complete (or a
 * failure); 0 at that point or at EOF, -1 on a read error. */
static int read_header_lines(reader *r, FILE *in, unsigned char *buf) {
  for (int first = 1;; first = 0) {
    size_t n = fread(buf, 1, BLOCK, in);
    if (ferror(in))
      return -1;
    const unsigned char *s = buf;
    if (first) {
      size_t off = nps_csv_start(r, buf, n);
      if (off == (size_t)-1)
        return 0;
      s += off, n -= off;
    }
    while (n && r->status == NPS_OK && r->phase == PHASE_HEADER) {
      const unsigned char *nl = memchr(s, r->eol, n);
      size_t len = nl ? (size_t)(nl - s) + 1 : n;
      nps_csv_feed(r, s, len);
      s += len, n -= len;
    }
    if (r->status != NPS_OK || r->phase != PHASE_HEADER)
      return 0;
    if (feof(in)) {
      nps_csv_finish(r);
      return 0;
    }
  }
}

nps_status nps_csvin_read_header(FILE *in, const nps_csvin_options *opt,
                                 nps_csvin_name_fn name, void *ctx,
                                 nps_csvin_error *err) {
  static const nps_csvin_options defaults = {0};
  nps_csvin_report report;
  nps_csvin_error err_local;
  if (!err)
    err = &err_local;
  memset(&report, 0, sizeof report);
  memset(err, 0, sizeof *err);
  if (!opt)
    opt = &defaults;
  if (!in || !name || (opt->delimiter && !valid_delimiter(opt->delimiter))) {
    snprintf(err->message, sizeof err->message, "invalid argument");
    return NPS_EINVAL;
  }
  reader r;
  unsigned char *buf = malloc(BLOCK);
  if (!buf || nps_csv_reader_init(&r, opt, NULL, &report, err, NULL) != 0) {
    free(buf);
    snprintf(err->message, sizeof err->message, "out of memory");
    return NPS_ENOMEM;
  }
  r.cb_field = header_only_field;
  r.cb_row = header_only_row;
  if (read_header_lines(&r, in, buf) != 0) {
    int saved = errno;
    r.status = NPS_EIO;
    snprintf(err->message, sizeof err->message, "read error: %s",
             strerror(saved ? saved : EIO));
    errno = saved;
  }
  append_hint(&r);
  if (r.status == NPS_OK)
    for (size_t i = 0; i < r.ncols; i++)
      name(r.names[i], r.name_len[i], ctx);
  nps_csv_reader_free(&r);
  free(buf);
  return r.status;
}
