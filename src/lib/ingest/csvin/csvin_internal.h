/*
 * csvin_internal.h - the reader's pieces shared by its files: the reader
 * state, the column layout, and each file's functions, declared in the
 * order the files depend on each other (docs/architecture.md, "The CSV
 * reader's files"): csvin_text.c, csvin_error.c, csvin_columns.c,
 * csvin_report.c, csvin_record.c, csvin_direct.c, csvin_fast.c, csvin.c,
 * csvin_parallel.c, csvin_read.c; a file calls only files before it in
 * that list. Private to src/lib/ingest/csvin/.
 */
#ifndef NPS_CSVIN_INTERNAL_H
#define NPS_CSVIN_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include <csv.h>

#include "../ingest_internal.h"

enum {
  BLOCK = 64 * 1024,      /* bytes per fread */
  CSV_GROWTH = 16 * 1024, /* libcsv field buffer growth step */
  SHOW_MAX = 40,          /* bytes of a value shown in a message */
  MAX_COLUMNS = 100000,   /* header columns accepted */
  PROBE_MAX = 10,         /* rows looked at for a skip_rows hint */
  LIST_MAX = 360          /* message bytes spent on a list of columns */
};

#define NO_COLUMN ((size_t)-1)

/* Keeps the rare path out of the field callback's fast path. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

enum phase { PHASE_HEADER, PHASE_SKIP, PHASE_DATA };

/* What a column is used for (bits: one column may have several roles). */
enum role { ROLE_SCORE = 1, ROLE_GROUP = 2, ROLE_FILTER = 4, ROLE_COUNT = 8 };

enum cell { CELL_NONE, CELL_OK, CELL_MISSING };

/* Why a bad score cell is bad, for the message's hints. */
enum bad_kind { BAD_DECIMAL = 1, BAD_LABELLED = 2, BAD_TEXT = 4 };

enum counts_form { FORM_NONE, FORM_LONG, FORM_WIDE, FORM_TRINOMIAL };

typedef struct span {
  size_t off, len;
} span;

/* What the header says each column is for (nps_csv_resolve). */
typedef struct nps_csv_layout {
  unsigned char *roles; /* per column: enum role bits */
  unsigned char *slot;  /* ROLE_COUNT: index into counts[] */
  size_t score_col;     /* NO_COLUMN when none */
  size_t *gcol;         /* column of each group key component */
  size_t ngroups;
  size_t *fcol; /* column of each filter */
  enum counts_form form;
} nps_csv_layout;

/* A field of a record the fast path split: its bytes in the block, the
 * blanks libcsv drops and the enclosing quotes removed. */
enum { FAST_QUOTED = 1, FAST_ESCAPED = 2 };
typedef struct fast_field {
  size_t off, len;
  int flags; /* FAST_QUOTED: blanks inside are the cell's; FAST_ESCAPED:
                and doubled quotes */
} fast_field;

enum { DIRECT_UNKNOWN, DIRECT_YES, DIRECT_NO };

/* The direct path's memory of the groups it met last (csvin_direct.c). */
enum { DIRECT_SLOTS = 64, DIRECT_KEY_MAX = 32 };
typedef struct direct_slot {
  uint32_t len; /* key length + 1; 0: empty */
  uint32_t idx; /* the group's position in the table */
  char key[DIRECT_KEY_MAX];
  /* Answers counted here and not yet added to the group in the table
   * (nps_csv_direct_flush): per score, and missing. */
  uint32_t pending[NPS_NSCORES + 1];
  uint32_t n_pending;
} direct_slot;

typedef struct reader {
  const nps_csvin_options *opt;
  nps_table *table;
  nps_csvin_report *report;
  nps_csvin_error *err;
  nps_status status;
  struct csv_parser p;
  int parser_live;
  /* The callbacks given to libcsv: on_field and on_row, or the tapped
   * versions of them when a tap watches the read. */
  void (*cb_field)(void *, size_t, void *);
  void (*cb_row)(int, void *);
  const nps_csvin_tap *tap;
  unsigned char delim;
  unsigned char hint; /* a likelier delimiter to suggest in errors, or 0 */
  unsigned char eol;  /* '\n', or '\r' for a file without '\n' */
  size_t max_field;
  const char *const *na;
  size_t n_na;
  int na_first; /* an NA value reads as a score: test NA before parsing */
  int labels;   /* "10 - Extremely likely" reads as 10 (raw input only) */

  enum phase phase;
  uint64_t skipped;
  uint64_t line;       /* the physical line being fed (1-based) */
  uint64_t quote_line; /* where the open quoted field began, or 0 */
  uint64_t rec_line;   /* where the current record began, or 0 */

  /* The header and what each column is for. */
  char **names; /* trimmed, NUL-terminated */
  size_t *name_len;
  size_t ncols, names_cap;
  size_t data_cols;   /* ncols once data rows are read, else 0 */
  nps_csv_layout lay; /* what each column is for (csvin_columns.c) */

  /* The record being read. */
  size_t col; /* fields seen so far */
  int nonempty, maybe_header, filter_fail;
  enum cell score_state;
  int score;
  uint64_t counts[NPS_NSCORES];
  span *gcell;
  char *cells;
  size_t cells_len, cells_cap;
  size_t bad_col; /* first bad score or count cell, or NO_COLUMN */
  nps_status bad_status;
  int bad_kind;
  char bad_show[4 * SHOW_MAX + 8];
  char *key;
  size_t key_cap;

  /* After a text-like score in the first data row: how many rows look
   * like more header rows, for a skip_rows hint. */
  int probe;
  uint64_t probe_rows;
  int later_part; /* reads a part of a file after its first data row */

  /* The fast path (csvin_fast.c): the fields of the record it splits, and
   * room for a field with its doubled quotes undone. */
  fast_field *fast;
  size_t fast_cap;
  char *unq;
  size_t unq_cap, fast_unq_len;
  int direct; /* DIRECT_*: may plain records skip the callbacks? */
  direct_slot *slots;
} reader;

/* ---- csvin_text.c: bytes and messages ---- */

/* nps_csv_is_blank, nps_csv_trim and nps_csv_show: ../ingest_internal.h */
int nps_csv_is_digit(unsigned char c);

/* Nonzero when a[0..alen) equals the string b. */
int nps_csv_bytes_equal(const char *a, size_t alen, const char *b);

/* ASCII and Cyrillic case folding of s[0..len) into out (len bytes). */
void nps_csv_fold(const char *s, size_t len, char *out);

/* Nonzero when hay[0..hlen) contains needle. */
int nps_csv_contains(const char *hay, size_t hlen, const char *needle);

/* vsnprintf into buf that never leaves a cut UTF-8 sequence at the end. */
void nps_csv_vformat(char *buf, size_t cap, const char *fmt, va_list ap);

/* err's message from fmt, and no hints. */
void nps_csv_set_message(nps_csvin_error *err, const char *fmt, va_list ap);

/* Appends a formatted text to the message in buf. */
void nps_csv_append(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records that hint's advice goes at the current end of msg. */
void nps_csv_add_hint(nps_csvin_hints *h, const char *msg, nps_csvin_hint hint);

/* Copies src into out, cut with "..." when it does not fit. */
void nps_csv_copy_cut(char *out, size_t cap, const char *src);

/* ---- csvin_error.c: how a read fails ---- */

/* Records the first error of the read (and clears its hints); later ones
 * are ignored. Returns 1 when this one was recorded. */
int nps_csv_fail(reader *r, nps_status st, uint64_t line, size_t column,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A record-level problem: skipped and counted under skip_invalid when
 * skippable, else the read fails. column is 1-based or 0; hints (may be
 * NULL) go with the message. */
void nps_csv_reject(reader *r, nps_status st, int skippable, size_t column,
                    const nps_csvin_hints *hints, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The name of column col for a message (its number past the header). */
void nps_csv_show_name(const reader *r, size_t col, char *out, size_t cap);

/* Fails with the message of a table update's status. */
void nps_csv_fail_table(reader *r, nps_status st);

/* Fails for a field over max_field in column col. */
void nps_csv_fail_field_size(reader *r, size_t col);

/* Ends the look for more header rows after a text score in the first
 * record: the pending score error stands, with a skip_rows hint when
 * found. */
void nps_csv_end_probe(reader *r, int found);

/* ---- csvin_columns.c ---- */

/* Resolves the columns of a header (names[0..ncols), trimmed) for opt:
 * lay's arrays (allocated by the caller: ncols roles and slots, a group
 * column per opt->group_columns, a filter column per opt->filters) are
 * filled, and report's score_column, score_detected and counts_form set.
 * NPS_ECOLUMN (or NPS_ENOMEM) with err's message and hints on failure
 * (err->line is not set). */
nps_status nps_csv_resolve(char *const *names, const size_t *name_len,
                           size_t ncols, const nps_csvin_options *opt,
                           nps_csv_layout *lay, nps_csvin_report *report,
                           nps_csvin_error *err);

/* ---- csvin_report.c: the header and the filter tallies in the report ---- */

/* Records the header's column count, hash and names in the report. */
void nps_csv_note_header(reader *r);

/* Keeps a filter column's cell in t when it is new (n kept bytes of a
 * cell of len bytes; cells are told apart by both), or sets t->more when
 * t is full. */
void nps_csv_tally_put(nps_csvin_filter_tally *t, const char *kept, size_t n,
                       uint32_t len);

/* ---- csvin_record.c: the libcsv callbacks and the header row ---- */

nps_status nps_csv_parse_trimmed(const char *cell, size_t len, int labels,
                                 int *score);
int nps_csv_is_na(const reader *r, const char *s, size_t len);
int nps_csv_header_cell(const reader *r, size_t col, const char *s, size_t len);

void nps_csv_on_field(void *data, size_t len, void *ctx);

/* libcsv's record callback: ends the header, a skipped row or a record. */
void nps_csv_on_row(int c, void *ctx);

void nps_csv_on_field_tapped(void *data, size_t len, void *ctx);

void nps_csv_on_row_tapped(int c, void *ctx);

/* The header row has ended: resolve the columns (csvin_columns.c). */
void nps_csv_end_header(reader *r);

/* Frees the header names read so far. */
void nps_csv_drop_names(reader *r);

/* ---- csvin_direct.c ---- */

/* Nonzero when the records of this read may go the direct way: raw input,
 * no tap, filter, group map or unique keys, each column one role at most. */
int nps_csv_direct_ok(const reader *r);

/* Counts a split record (r->fast[0..nf), bytes in s) straight into the
 * table, as the callbacks would; returns 0, having changed nothing, for a
 * record the callbacks must see (a bad cell, a repeated header, a ragged
 * row, quotes to undo in a cell that counts). */
int nps_csv_direct_record(reader *r, const char *s, size_t nf, int nonempty);

/* Adds the answers the direct path holds to the table. */
void nps_csv_direct_flush(reader *r);

/* ---- csvin_fast.c ---- */

/* Reads the whole records at the start of s[0..n) that the fast path takes
 * (the reader in PHASE_DATA, libcsv between records, lines ending in LF)
 * through the callbacks; returns the bytes taken: the rest, from the first
 * record it leaves, is libcsv's. */
size_t nps_csv_fast(reader *r, const unsigned char *s, size_t n);

/* How many bytes of s[0..n) equal c (16 or 8 at a time). */
uint64_t nps_csv_count_byte(const unsigned char *s, size_t n, unsigned char c);

/* ---- csvin.c: one reader (first block, feeding libcsv) ---- */

void nps_csv_feed(reader *r, const unsigned char *s, size_t n);

/* The end of the input: the last record, libcsv's final checks. */
void nps_csv_finish(reader *r);

size_t nps_csv_start(reader *r, const unsigned char *s, size_t n);

/* A reader for one read (or one part of a parallel read); 0, or -1 when
 * libcsv cannot start. */
int nps_csv_reader_init(reader *r, const nps_csvin_options *opt,
                        nps_table *table, nps_csvin_report *report,
                        nps_csvin_error *err, const nps_csvin_tap *tap);

/* Frees what a reader holds (not the reader). */
void nps_csv_reader_free(reader *r);

/* ---- csvin_parallel.c ---- */

int nps_csv_read_parallel(FILE *in, const nps_csvin_options *opt,
                          nps_table *table, nps_csvin_report *report,
                          nps_csvin_error *err, nps_status *st);

#endif
