/*
 * csv_dump.c - prints the records nps_csvin_read parses from a CSV file, for
 * the conformance test against the csv-spectrum cases (csv_spectrum.sh).
 *
 * Usage: csv_dump FILE SCORE_COLUMN
 *
 * The file goes through the reader as the CLI uses it (delimiter sniffed,
 * strict RFC 4180), with SCORE_COLUMN as the score column and invalid rows
 * skipped, so that any well-formed CSV reads to its end. A tap on the
 * reader (src/lib/ingest/ingest_internal.h) sees every record, the header
 * included; each is printed as one line holding a JSON array of its fields,
 * escaped as JavaScript's JSON.stringify escapes strings, so that the
 * output can be compared byte for byte with the expected records that node
 * prints from the case's JSON file. A last line "records N" gives the reader's
 * own count of data records. The reader must succeed, and its answers, missing
 * and skipped rows must add up to that count; else the exit status is 1.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ingest_internal.h"
#include "nps/csvin.h"
#include "nps/table.h"

typedef struct dump {
  FILE *out;
  size_t fields; /* fields of the current record so far */
} dump;

static void put_string(FILE *out, const char *s, size_t len) {
  fputc('"', out);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"':
      fputs("\\\"", out);
      break;
    case '\\':
      fputs("\\\\", out);
      break;
    case '\b':
      fputs("\\b", out);
      break;
    case '\f':
      fputs("\\f", out);
      break;
    case '\n':
      fputs("\\n", out);
      break;
    case '\r':
      fputs("\\r", out);
      break;
    case '\t':
      fputs("\\t", out);
      break;
    default:
      if (c < 0x20)
        fprintf(out, "\\u%04x", c);
      else
        fputc(c, out);
    }
  }
  fputc('"', out);
}

static void on_field(const char *s, size_t len, void *ctx) {
  dump *d = ctx;
  fputc(d->fields++ ? ',' : '[', d->out);
  put_string(d->out, s, len);
}

static void on_record_end(uint64_t line, void *ctx) {
  dump *d = ctx;
  (void)line;
  fputs(d->fields ? "]\n" : "[]\n", d->out);
  d->fields = 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: csv_dump FILE SCORE_COLUMN\n");
    return 2;
  }
  FILE *in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 2;
  }
  nps_table *table = nps_table_new(0);
  if (!table) {
    fclose(in);
    fprintf(stderr, "csv_dump: out of memory\n");
    return 2;
  }
  nps_csvin_options opt = {0};
  opt.score_column = argv[2];
  opt.skip_invalid = 1;
  dump d = {stdout, 0};
  nps_csvin_tap tap = {on_field, on_record_end, &d, 0};
  nps_csvin_report rep;
  nps_csvin_error err;
  nps_status st = nps_csvin_read_tap(in, &opt, table, &rep, &err, &tap);
  fclose(in);
  nps_table_free(table);
  printf("records %llu\n", (unsigned long long)rep.records);
  if (st != NPS_OK) {
    fprintf(stderr, "csv_dump: %s:%llu: %s (%s)\n", argv[1],
            (unsigned long long)err.line, err.message, nps_strerror(st));
    return 1;
  }
  if (rep.responses + rep.missing + rep.invalid != rep.records) {
    fprintf(stderr,
            "csv_dump: %s: %llu answers + %llu missing + %llu skipped "
            "!= %llu records\n",
            argv[1], (unsigned long long)rep.responses,
            (unsigned long long)rep.missing, (unsigned long long)rep.invalid,
            (unsigned long long)rep.records);
    return 1;
  }
  return 0;
}
