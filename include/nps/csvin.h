/*
 * csvin.h - reading survey exports and counts tables into a group table.
 *
 * The reader is libcsv in strict RFC 4180 mode (CSV_STRICT | CSV_STRICT_FINI,
 * quoted data never trimmed). It handles a UTF-8 BOM, CRLF / LF / mixed line
 * ends, quoted multi-line cells, an Excel "sep=;" first line, and a delimiter
 * (',', ';' or tab) sniffed from the header outside quotes. The first row
 * (after an optional sep= line) is the header; skip_rows further rows are
 * dropped (Qualtrics exports carry 2 extra header rows, SurveyMonkey 1).
 *
 * Rows are reduced to one score histogram per group as they stream past:
 * memory is bounded by the number of groups and the longest record, never by
 * the number of rows.
 *
 * Data records take a fast path where they can: a scan for the delimiter,
 * quotes and line ends 64 bytes at a time (SSE2 where the build targets
 * it, else 8 bytes at a time in portable C) splits plain records (quoted
 * or not, LF or CRLF) and hands them to the same per-cell rules; a raw
 * record with a valid or missing score is counted without per-cell calls.
 * Any record the scan does not take whole (a stray quote, a lone CR, an
 * over-long cell, a record cut by the end of a read) goes through libcsv,
 * so every result, message and line number is libcsv's (checked by the
 * csvfast fuzz harness and sweep; nps_csvin_options.scan selects a way).
 *
 * Missing answers (an empty cell, or a cell equal to one of the NA values
 * after trimming spaces) are never scores: they are counted per group in
 * nps_group.missing.
 */
#ifndef NPS_CSVIN_H
#define NPS_CSVIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "export.h"
#include "status.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest field accepted by default (1 MiB). */
#define NPS_CSVIN_DEFAULT_MAX_FIELD ((size_t)1 << 20)

/* The NA values used when none are given: "NA", "N/A", "n/a", "na",
 * "#N/A", "null", "NULL", "-" (documented in docs/cli.md). */
NPS_API extern const char *const nps_csvin_default_na[];
NPS_API extern const size_t nps_csvin_default_na_count;

/* A row filter: keep (exclude = 0) or drop (exclude = 1) the rows whose
 * column equals one of values (exact byte comparison after trimming the
 * cell's surrounding spaces). */
typedef struct nps_csvin_filter {
  const char *column;
  const char *const *values;
  size_t n_values;
  int exclude;
} nps_csvin_filter;

typedef enum nps_csvin_input {
  NPS_INPUT_RAW = 0, /* one response per row, a score column */
  NPS_INPUT_COUNTS   /* pre-aggregated counts (see nps_csvin_read) */
} nps_csvin_input;

/* Room a group map may write: the larger of the cell's length and this. */
#define NPS_CSVIN_MAP_MAX 64

/* Rewrites group cell k (0-based, in group_columns order) of len bytes
 * before it joins the key: writes the replacement to out (room for
 * max(len, NPS_CSVIN_MAP_MAX) bytes), its length to *out_len, and returns
 * 0; or returns nonzero when the cell is not a valid value. Called from
 * the reader's threads at once: it must not change shared state. */
typedef int (*nps_csvin_group_map)(size_t k, const char *cell, size_t len,
                                   char *out, size_t *out_len, void *ctx);

/* How records are split (nps_csvin_options.scan). Every way gives the same
 * result; the choice exists to check that, and to measure. */
typedef enum nps_csvin_scan {
  NPS_CSVIN_SCAN_AUTO = 0, /* plain records by the fast scan (SIMD where
                              the build has it), the rest by libcsv */
  NPS_CSVIN_SCAN_SCALAR,   /* the fast scan in portable C, the rest by
                              libcsv */
  NPS_CSVIN_SCAN_LIBCSV    /* every byte through libcsv */
} nps_csvin_scan;

/* ABI: the caller allocates it and fills it with nps_csvin_options_init
 * first; its size and layout are fixed within a major version (docs/api.md,
 * "ABI policy"). */
typedef struct nps_csvin_options {
  nps_csvin_input input;
  char delimiter;           /* ',', ';' or '\t'; 0 sniffs it from the header */
  uint64_t skip_rows;       /* rows to drop after the header */
  const char *score_column; /* NULL: detect (see below) */
  const char *const *group_columns; /* the grouping columns, in key order */
  size_t n_group_columns;           /* 0: one group with an empty key */
  const char *const *na_values;     /* NULL: nps_csvin_default_na */
  size_t n_na_values;
  const nps_csvin_filter *filters; /* all must hold for a row to count */
  size_t n_filters;
  int skip_invalid; /* skip and count bad rows instead of failing */
  int score_labels; /* accept "10 - Extremely likely" (leading integer) */
  int unique_keys;  /* raw input: a group key may take one record (one
                       respondent id); a second is NPS_EVALUE at its line,
                       never skipped. Keys with an empty cell are not
                       checked. Reads on one thread. */
  size_t max_field; /* 0: NPS_CSVIN_DEFAULT_MAX_FIELD */
  unsigned threads; /* 0 or 1: one thread; N > 1: a regular file of 8 MiB
                       or more is cut at line starts into N parts parsed
                       in parallel (same result, same messages) */
  nps_csvin_group_map group_map; /* NULL: group cells are keys as written;
                                    else each record's group cells are
                                    mapped, and a cell it rejects is
                                    NPS_EVALUE ("column 'date': '2023-02-29'
                                    is not a date": line, column, value),
                                    or skipped and counted with
                                    skip_invalid */
  void *group_map_ctx;
  const char *group_map_what; /* what a valid cell is, for the message
                                 ("a date"); NULL: "a valid value" */
  nps_csvin_scan scan;        /* 0: NPS_CSVIN_SCAN_AUTO */
} nps_csvin_options;

/* Sets the defaults above: raw input, the delimiter sniffed, no rows
 * skipped, the score column detected, one group with an empty key, the
 * default NA values, no filters, no flags, the default max_field, one
 * thread, no group map, NPS_CSVIN_SCAN_AUTO. Call it before setting
 * fields, as for every analysis's options: a field added later gets its
 * default from here. */
NPS_API void nps_csvin_options_init(nps_csvin_options *opt);

/* Advice that goes with a message: an option of nps_csvin_options that
 * would likely fix the read. The library's messages state the problem;
 * a caller turns each hint into advice in its own terms (the nps-stat
 * tool names its flags) and places it at the hint's offset. */
typedef enum nps_csvin_hint {
  NPS_CSVIN_HINT_SCORE_LABELS = 1, /* labelled scores ("10 - Extremely
                                      likely"): set score_labels */
  NPS_CSVIN_HINT_SKIP_ROWS,        /* more header rows: skip_rows =
                                      hints.skip_rows */
  NPS_CSVIN_HINT_SCORE_COLUMN,     /* name the score column: score_column */
  NPS_CSVIN_HINT_DELIMITER         /* the header holds another separator:
                                      delimiter = hints.delimiter */
} nps_csvin_hint;

#define NPS_CSVIN_MAX_HINTS 4

typedef struct nps_csvin_hints {
  size_t n; /* hints in item[], in the order they apply */
  struct {
    nps_csvin_hint code;
    size_t at; /* byte offset in the message where the advice goes */
  } item[NPS_CSVIN_MAX_HINTS];
  uint64_t skip_rows; /* NPS_CSVIN_HINT_SKIP_ROWS */
  char delimiter;     /* NPS_CSVIN_HINT_DELIMITER */
} nps_csvin_hints;

/* What a read saw. Filled even when the read fails, as far as it got. */
/* What a read saw in the column of one filter (the first
 * NPS_CSVIN_TALLY_FILTERS filters of the options), so that a value that
 * matches nothing can be reported with the values there are. */
#define NPS_CSVIN_TALLY_FILTERS 8
#define NPS_CSVIN_TALLY_VALUES  8
typedef struct nps_csvin_filter_tally {
  uint64_t hit;      /* bit v set: the filter's value v (v < 64) equals the
                        trimmed cell of at least one record */
  uint32_t n_values; /* distinct non-empty cells kept in value[], first met
                        first */
  int more;          /* the column holds cells besides those kept */
  uint32_t len[NPS_CSVIN_TALLY_VALUES]; /* each kept cell's whole length */
  /* its first bytes (at most 63, whole UTF-8 characters), NUL-terminated;
   * raw bytes: escape them before showing them. Cells are told apart by
   * these bytes and their length. */
  char value[NPS_CSVIN_TALLY_VALUES][64];
} nps_csvin_filter_tally;

typedef struct nps_csvin_report {
  char delimiter;        /* the delimiter used */
  int delimiter_sniffed; /* 1 when it was sniffed, not given */
  int had_bom;           /* 1 when a UTF-8 BOM was stripped */
  int had_sep_line;      /* 1 when an Excel "sep=X" line was honoured */
  int score_detected;    /* 1 when the score column was auto-detected */
  /* Its header name, byte for byte (cut at 252 bytes with "..."): it may
   * hold any byte but NUL, so escape it before showing (text.h). */
  char score_column[256];
  char counts_form[16];  /* counts input: "long", "wide" or "trinomial" */
  uint64_t records;      /* data records after the header and skip_rows */
  uint64_t records_fast; /* of them, those split by the fast scan (the rest
                            went through libcsv; see nps_csvin_scan) */
  uint64_t responses;    /* answers counted into histograms */
  uint64_t missing;      /* answers counted as missing */
  uint64_t filtered;     /* records dropped by filters */
  uint64_t invalid;      /* records skipped by skip_invalid */
  uint64_t first_invalid_line;         /* line of the first skipped record */
  char first_invalid_reason[256];      /* its message (cut with "...") */
  nps_csvin_hints first_invalid_hints; /* advice for that message */
  /* The column names asked for (score, group and filter columns) that
   * matched a column other than by its exact name, one clause each:
   * "'likely' is column 3, 'How likely are you to recommend us?'";
   * empty when every name matched exactly. */
  char columns_matched[512];
  nps_csvin_filter_tally filter_tally[NPS_CSVIN_TALLY_FILTERS];
  /* The header row as read, so that several files read as one data set
   * can be checked to have the same columns in the same order: its number
   * of columns, a hash of its names (trimmed of spaces; FNV-1a 64 over
   * each name and a NUL byte) and the names themselves, each followed by
   * a NUL byte, as many whole names as fit in header_names
   * (header_names_len bytes used; raw bytes: escape them before showing).
   * Two reads saw the same header when header_columns and header_hash
   * agree. All zero when the read found no header. */
  uint64_t header_columns;
  uint64_t header_hash;
  size_t header_names_len;
  char header_names[1024];
} nps_csvin_report;

/* Adds what the read from reported into into, as if one read had seen
 * both: records, responses, missing, filtered and invalid answers summed
 * (saturating at 2^64 - 1), the filter tallies joined; into keeps its own
 * first skipped record (or takes from's when it has none; its line is
 * then a line of from's input) and its header facts. */
NPS_API void nps_csvin_report_merge(nps_csvin_report *into,
                                    const nps_csvin_report *from);

/* Where and why a read failed. */
typedef struct nps_csvin_error {
  uint64_t line;         /* 1-based physical line; 0 when not tied to one */
  size_t column;         /* 1-based field number; 0 when not tied to one */
  char message[512];     /* e.g. "column 'score': '11' is not a score 0..10" */
  nps_csvin_hints hints; /* advice for message */
} nps_csvin_error;

/* Reads all of in (a text stream opened by the caller) into table.
 *
 * Column names given in the options (the score column, group columns,
 * filter columns) are matched to the header names, after BOM stripping and
 * trimming spaces, in this order: the exact name (a name that two columns
 * have is NPS_ECOLUMN, naming their positions); "#N", the N-th column
 * (1-based), for repeated or unwieldy names; the name ignoring case
 * (ASCII and Cyrillic letters); a part of exactly one name, ignoring case.
 * A part of several names is NPS_ECOLUMN listing them. A match other than
 * the exact name is recorded in report->columns_matched.
 *
 * Raw input (opt->input == NPS_INPUT_RAW): the score column is
 * opt->score_column; when NULL it is detected: a column X for which a column
 * "X_NPS_GROUP" exists (Qualtrics); else a name equal, ignoring case, to
 * "score", "nps", "nps_score", "ltr", "rating", "оценка"; else a name that
 * contains "recommend", "рекоменд", "nps", "score" or "оценк" (ignoring
 * case, names containing "group", "reason", "comment" excluded). Two equally
 * good candidates make NPS_ECOLUMN listing both.
 * A score is an integer 0..10 with optional surrounding spaces, optional
 * leading zeros and an optional ".0" fraction; anything else ("7.5", "7,5",
 * "11", "-1", "+9", "1e1", "0x0A", "inf", "abc") is NPS_ESCORE.
 *
 * Counts input (NPS_INPUT_COUNTS): the form is chosen from the header:
 * long (a "score" column and a count column named "count", "n",
 * "responses", "freq" or "frequency"), wide (columns "0".."10" or
 * "s0".."s10"), or trinomial ("promoters", "passives", "detractors").
 * Counts are non-negative integers below 2^64 (NPS_ECOUNT otherwise).
 * Every column not used as a count or a score may be a group column.
 *
 * Errors: NPS_EIO (errno set), NPS_ECSV (unterminated quote: the line where
 * it opened; stray quote; ragged row; NUL byte or other binary data; a
 * repeated header row, with that hint), NPS_EENCODING (UTF-16, invalid UTF-8
 * in a group cell), NPS_EFIELD (a field over max_field), NPS_ESCORE,
 * NPS_ECOLUMN (missing or ambiguous column, the message lists the available
 * names), NPS_EGROUPS (from the table), NPS_ENOMEM, NPS_EEMPTY (no header).
 * NPS_EVALUE (a group cell that opt->group_map rejects; with unique_keys,
 * a key's second record).
 * With skip_invalid, NPS_ESCORE, NPS_EVALUE and ragged rows are counted in
 * report->invalid instead. err is filled on
 * failure. The table may hold part of the data after a failure. */
NPS_API nps_status nps_csvin_read(FILE *in, const nps_csvin_options *opt,
                                  nps_table *table, nps_csvin_report *report,
                                  nps_csvin_error *err);

/* Called by nps_csvin_read_header with each name of the header, in
 * column order: len bytes at name (not NUL-terminated; raw bytes, escape
 * them before showing), trimmed of spaces as the reader matches names. */
typedef void (*nps_csvin_name_fn)(const char *name, size_t len, void *ctx);

/* Reads the header row of in (a text stream opened by the caller) as
 * nps_csvin_read takes it, and calls name(NAME, LEN, ctx) for each of its
 * columns: after an optional UTF-8 BOM and sep= line, the first row that
 * has a nonempty cell, its quoted cells possibly spanning lines; split on
 * opt->delimiter, or else the sep= line's, or else the one sniffed from
 * that row. skip_rows counts rows after the header, so it and the other
 * options leave the names unchanged; only delimiter and max_field are
 * used (opt may be NULL: defaults). Reading stops with the header's last
 * line: in is left positioned after it, somewhere in the following rows.
 * The callback is only called when the whole header was read.
 *
 * Errors: NPS_EINVAL (in or name NULL, or an invalid delimiter), NPS_EIO
 * (errno set), NPS_ECSV (unterminated quote, stray quote, NUL byte, more
 * columns than the reader takes), NPS_EENCODING (UTF-16), NPS_EFIELD (a
 * name over max_field), NPS_ENOMEM, NPS_EEMPTY (no header). err (may be
 * NULL) is filled on failure as by nps_csvin_read. */
NPS_API nps_status nps_csvin_read_header(FILE *in, const nps_csvin_options *opt,
                                         nps_csvin_name_fn name, void *ctx,
                                         nps_csvin_error *err);

/* Parses one score cell of len bytes (not necessarily NUL-terminated).
 * Returns NPS_OK with *score set, NPS_EEMPTY when the cell is blank (only
 * spaces), NPS_ESCORE when it is not a valid score. With labels nonzero, a
 * leading integer followed by a space and any text is accepted. */
NPS_API nps_status nps_csvin_parse_score(const char *cell, size_t len,
                                         int labels, int *score);

#ifdef __cplusplus
}
#endif
#endif
