/*
 * csvin_parallel.c - a large regular file read on several threads: cut at
 * line starts into parts, each read by its own reader into its own table,
 * then merged (same result and messages as one thread).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvin_internal.h"

/* ---- a large file read on several threads ----------------------------- */

/* A regular file of at least PAR_MIN_BYTES is cut into parts that each
 * begin just after a '\n'. Every part gets its own reader, which first sees
 * the header bytes (so it resolves the same columns), then parses its part
 * into its own table; the tables are merged in file order, so groups keep
 * their first-seen order and the result equals one sequential pass.
 *
 * A cut is a record boundary when an even number of quotes precedes it
 * (RFC 4180: a quote inside a quoted field is doubled). The parts count
 * their quotes while parsing; if a cut turns out to lie inside a quoted
 * multi-line cell, or any part fails, the file is read again on one
 * thread, so that results and error messages are always exactly those of
 * the sequential reader. Memory per part: one block and a table. */

enum { PAR_MIN_BYTES = 8 * 1024 * 1024, PAR_MAX_THREADS = 64 };

typedef struct part {
  int fd;
  off_t begin, end;
  reader r;
  int r_live;
  nps_table *table;
  nps_csvin_report report;
  nps_csvin_error err;
  uint64_t quotes; /* '"' bytes in [begin, end) */
  uint64_t line0;  /* r.line when the part's first byte is fed */
  pthread_t thread;
  int threaded;
} part;

/* Reads up to n bytes at off; the count read (short at EOF) or -1. */
static ssize_t read_at(int fd, unsigned char *buf, size_t n, off_t off) {
  size_t got = 0;
  while (got < n) {
    ssize_t k = pread(fd, buf + got, n - got, off + (off_t)got);
    if (k < 0 && errno == EINTR)
      continue;
    if (k < 0)
      return -1;
    if (k == 0)
      break;
    got += (size_t)k;
  }
  return (ssize_t)got;
}

/* Where the data rows begin: the header (and the skip_rows rows) parsed on
 * a scratch reader from the first block. 0 when that block does not hold
 * them whole, or the file is not one the parts can share. */
static size_t data_start(const nps_csvin_options *opt, const unsigned char *s,
                         size_t n) {
  nps_table *scratch = nps_table_new(1);
  nps_csvin_report rep;
  nps_csvin_error err;
  reader r;
  memset(&rep, 0, sizeof rep);
  if (!scratch ||
      nps_csv_reader_init(&r, opt, scratch, &rep, &err, NULL) != 0) {
    nps_table_free(scratch);
    return 0;
  }
  size_t pos = nps_csv_start(&r, s, n);
  while (pos != (size_t)-1 && pos < n && r.status == NPS_OK &&
         r.phase != PHASE_DATA) {
    const unsigned char *nl = memchr(s + pos, '\n', n - pos);
    if (!nl)
      break;
    size_t len = (size_t)(nl - (s + pos)) + 1;
    nps_csv_feed(&r, s + pos, len);
    pos += len;
  }
  int ok = pos != (size_t)-1 && r.status == NPS_OK && r.phase == PHASE_DATA &&
           r.eol == '\n' && !r.p.quoted && !r.probe;
  nps_csv_reader_free(&r);
  nps_table_free(scratch);
  return ok ? pos : 0;
}

/* The first '\n' at or after off, plus one; end when there is none. */
static off_t next_line(int fd, off_t off, off_t end) {
  unsigned char buf[4096];
  while (off < end) {
    ssize_t n = read_at(fd, buf, sizeof buf, off);
    if (n <= 0)
      return end;
    const unsigned char *nl = memchr(buf, '\n', (size_t)n);
    if (nl)
      return off + (nl - buf) + 1;
    off += n;
  }
  return end;
}

/* A part's reader, after it has seen the header bytes. */
static int part_init(part *p, const nps_csvin_options *opt, size_t max_groups,
                     const unsigned char *head, size_t n, size_t h) {
  p->table = nps_table_new(max_groups);
  if (!p->table ||
      nps_csv_reader_init(&p->r, opt, p->table, &p->report, &p->err, NULL) != 0)
    return -1;
  p->r_live = 1;
  size_t off = nps_csv_start(&p->r, head, n);
  if (off == (size_t)-1 || off > h)
    return -1;
  nps_csv_feed(&p->r, head + off, h - off);
  if (p->r.status != NPS_OK || p->r.phase != PHASE_DATA)
    return -1;
  p->line0 = p->r.line;
  return 0;
}

static void *part_run(void *arg) {
  part *p = arg;
  unsigned char *buf = malloc(BLOCK);
  if (!buf) {
    p->r.status = NPS_ENOMEM;
    return NULL;
  }
  for (off_t off = p->begin; off < p->end && p->r.status == NPS_OK;) {
    off_t left = p->end - off;
    ssize_t n = read_at(p->fd, buf, left < BLOCK ? (size_t)left : BLOCK, off);
    if (n <= 0) {
      p->r.status = NPS_EIO;
      break;
    }
    p->quotes += nps_csv_count_byte(buf, (size_t)n, '"');
    nps_csv_feed(&p->r, buf, (size_t)n);
    off += n;
  }
  if (p->r.status == NPS_OK)
    nps_csv_finish(&p->r);
  free(buf);
  return NULL;
}

/* Cuts [h, size) into at most k parts at line starts; returns the count. */
static size_t cut_parts(part *parts, size_t k, int fd, off_t h, off_t size) {
  size_t m = 0;
  off_t begin = h;
  for (size_t i = 1; i <= k && begin < size; i++) {
    off_t end = size;
    if (i < k)
      end = next_line(
          fd, h + (off_t)((double)(size - h) * (double)i / (double)k), size);
    if (end <= begin)
      continue;
    parts[m].fd = fd;
    parts[m].begin = begin;
    parts[m++].end = end;
    begin = end;
  }
  return m;
}

/* Adds what a later part saw in a filter's column to t. */
static void merge_tally(nps_csvin_filter_tally *t,
                        const nps_csvin_filter_tally *q) {
  t->hit |= q->hit;
  for (uint32_t i = 0; i < q->n_values; i++)
    nps_csv_tally_put(t, q->value[i], strlen(q->value[i]), q->len[i]);
  t->more |= q->more;
}

/* Adds the parts' tallies into report (parts[0] holds the header facts),
 * the first skipped record's line made absolute. */
static void merge_reports(const part *parts, size_t m,
                          nps_csvin_report *report) {
  *report = parts[0].report;
  uint64_t lines = parts[0].r.line - parts[0].line0;
  for (size_t i = 1; i < m; i++) {
    const nps_csvin_report *q = &parts[i].report;
    report->records += q->records;
    report->records_fast += q->records_fast;
    report->responses += q->responses;
    report->missing += q->missing;
    report->filtered += q->filtered;
    if (q->invalid && !report->invalid) {
      report->first_invalid_line = q->first_invalid_line + lines;
      memcpy(report->first_invalid_reason, q->first_invalid_reason,
             sizeof q->first_invalid_reason);
      report->first_invalid_hints = q->first_invalid_hints;
    }
    report->invalid += q->invalid;
    for (size_t j = 0; j < NPS_CSVIN_TALLY_FILTERS; j++)
      merge_tally(&report->filter_tally[j], &q->filter_tally[j]);
    lines += parts[i].r.line - parts[i].line0;
  }
}

/* Runs the parts (the first on this thread) and checks that every part
 * succeeded and every cut was outside quotes. */
static int run_parts(part *parts, size_t m) {
  for (size_t i = 1; i < m; i++)
    parts[i].threaded =
        pthread_create(&parts[i].thread, NULL, part_run, &parts[i]) == 0;
  part_run(&parts[0]);
  for (size_t i = 1; i < m; i++) {
    if (parts[i].threaded)
      pthread_join(parts[i].thread, NULL);
    else
      part_run(&parts[i]);
  }
  uint64_t quotes = 0;
  for (size_t i = 0; i < m; i++) {
    if (parts[i].r.status != NPS_OK || parts[i].r.probe || (quotes & 1))
      return -1;
    quotes += parts[i].quotes;
  }
  return 0;
}

/* Reads in on several threads. 1 when done here (*st holds the status),
 * 0 when the file must be read sequentially instead. */
int nps_csv_read_parallel(FILE *in, const nps_csvin_options *opt,
                          nps_table *table, nps_csvin_report *report,
                          nps_csvin_error *err, nps_status *st) {
  int fd = fileno(in);
  struct stat sb;
  if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
      sb.st_size < PAR_MIN_BYTES || ftello(in) != 0)
    return 0;
  size_t k = opt->threads < PAR_MAX_THREADS ? opt->threads : PAR_MAX_THREADS;
  unsigned char *head = malloc(BLOCK);
  part *parts = calloc(k, sizeof *parts);
  ssize_t n = head ? read_at(fd, head, BLOCK, 0) : -1;
  size_t h = n > 0 ? data_start(opt, head, (size_t)n) : 0;
  size_t m = h ? cut_parts(parts, k, fd, (off_t)h, sb.st_size) : 0;
  int done = parts && m > 1;
  for (size_t i = 0; done && i < m; i++)
    done = part_init(&parts[i], opt, nps_table_max_groups(table), head,
                     (size_t)n, h) == 0;
  for (size_t i = 1; done && i < m; i++)
    parts[i].r.later_part = 1;
  if (done)
    done = run_parts(parts, m) == 0;
  for (size_t i = 1; done && i < m; i++)
    done = nps_table_merge(parts[0].table, parts[i].table) == NPS_OK;
  if (done) {
    merge_reports(parts, m, report);
    *st = nps_table_merge(table, parts[0].table);
    if (*st != NPS_OK)
      snprintf(err->message, sizeof err->message,
               "%s (more than %zu distinct groups?)", nps_strerror(*st),
               nps_table_max_groups(table));
  }
  for (size_t i = 0; parts && i < k; i++) {
    if (parts[i].r_live)
      nps_csv_reader_free(&parts[i].r);
    nps_table_free(parts[i].table);
  }
  free(parts);
  free(head);
  return done;
}
