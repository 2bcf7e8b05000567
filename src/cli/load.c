/*
 * load.c - reading one data set into a group table: every file of it
 * (inputs.c expands directories) in turn into the same table, so that
 * histograms merge by addition, with file:line messages, a check that all
 * files have the same header, and one set of notes (detected score column,
 * skipped rows, unmatched filter values) for the whole data set.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "common.h"
#include "filters.h"
#include "inputs.h"
#include "load.h"
#include "outfile.h"
#include "output.h"

static FILE *open_input(const char *path, const char **name) {
  if (strcmp(path, "-") == 0) {
    *name = "<stdin>";
    return stdin;
  }
  *name = path;
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return NULL;
  struct stat st;
  if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(fp);
    errno = EISDIR;
    return NULL;
  }
  return fp;
}

/* The advice of one reader hint, in the tool's flags; p is the per-file
 * prefix of the flags ("b-" names --b-skip-rows) or "". */
static void advice(char *buf, size_t size, nps_csvin_hint code,
                   const nps_csvin_hints *h, const char *p) {
  switch (code) {
  case NPS_CSVIN_HINT_SCORE_LABELS:
    snprintf(buf, size, " (labelled scores need --%sscore-labels)", p);
    break;
  case NPS_CSVIN_HINT_SKIP_ROWS:
    snprintf(buf, size, " try --%sskip-rows %llu", p,
             (unsigned long long)h->skip_rows);
    break;
  case NPS_CSVIN_HINT_SCORE_COLUMN:
    snprintf(buf, size, "; name one with --%sscore", p);
    break;
  case NPS_CSVIN_HINT_DELIMITER:
    if (h->delimiter == '\t')
      snprintf(buf, size, ": try --%sdelimiter tab", p);
    else
      snprintf(buf, size, ": try --%sdelimiter '%c'", p, h->delimiter);
    break;
  default:
    buf[0] = '\0';
  }
}

/* msg with the advice of each hint put at its place. */
static void with_advice(char *out, size_t size, const char *msg,
                        const nps_csvin_hints *h, const char *prefix) {
  size_t len = strlen(msg), from = 0;
  out[0] = '\0';
  for (size_t i = 0; i < h->n && i < NPS_CSVIN_MAX_HINTS; i++) {
    size_t at = h->item[i].at < len ? h->item[i].at : len;
    char text[96];
    advice(text, sizeof text, h->item[i].code, h, prefix);
    cli_append(out, size, "%.*s%s", (int)(at - from), msg + from, text);
    from = at;
  }
  cli_append(out, size, "%s", msg + from);
}

/* What the reads of a data set saw so far. */
typedef struct load_state {
  const cli_common *c;
  const nps_csvin_options *csv;
  const char *prefix;
  const cli_files *files;
  const char *first_name;   /* the first file, as messages name it */
  const char *invalid_name; /* the first file with skipped rows */
  size_t invalid_files;     /* files with skipped rows */
} load_state;

/* Name i of a header's names (NUL-separated, len bytes); NULL when the
 * names kept stop before it. */
static const char *header_name(const nps_csvin_report *r, uint64_t i) {
  size_t at = 0;
  for (uint64_t k = 0; k < i; k++) {
    const char *end =
        memchr(r->header_names + at, '\0', r->header_names_len - at);
    if (!end)
      return NULL;
    at = (size_t)(end - r->header_names) + 1;
  }
  return at < r->header_names_len ? r->header_names + at : NULL;
}

static int same_header(const nps_csvin_report *a, const nps_csvin_report *b) {
  return a->header_columns == b->header_columns &&
         a->header_hash == b->header_hash;
}

/* "nps-stat: FILE: header differs from FIRST: ..." naming the first
 * column that differs. */
static void header_error(const load_state *s, const char *name,
                         const nps_csvin_report *first,
                         const nps_csvin_report *r) {
  uint64_t n = first->header_columns < r->header_columns ? first->header_columns
                                                         : r->header_columns;
  char what[640] = "";
  for (uint64_t i = 0; i <= n && !what[0]; i++) {
    const char *x = header_name(first, i), *y = header_name(r, i);
    if (i == n)
      snprintf(what, sizeof what, "%llu columns here, %llu there",
               (unsigned long long)r->header_columns,
               (unsigned long long)first->header_columns);
    else if (!x || !y)
      snprintf(what, sizeof what, "the names differ after column %llu",
               (unsigned long long)i);
    else if (strcmp(x, y) != 0)
      snprintf(what, sizeof what,
               "column %llu is '%.200s' here, '%.200s' there",
               (unsigned long long)i + 1, y, x);
  }
  cli_error("%s: header differs from %s: %s (the files of one data set "
            "need the same columns in the same order)",
            name, s->first_name, what);
}

/* Explains a missing column that names a Hive partition folder of file f:
 * its key is not a column of the files. */
static void partition_note(const load_state *s, const cli_file *f) {
  const nps_csvin_options *o = s->csv;
  const char *cols[2 * CLI_MAX_LIST + 1];
  size_t n = 0;
  for (size_t i = 0; i < o->n_group_columns && n < CLI_MAX_LIST; i++)
    cols[n++] = o->group_columns[i];
  for (size_t i = 0; i < o->n_filters && n < 2 * CLI_MAX_LIST; i++)
    cols[n++] = o->filters[i].column;
  if (o->score_column)
    cols[n++] = o->score_column;
  for (size_t i = 0; i < n; i++) {
    const char *key;
    size_t len;
    if (cli_file_partition(f, cols[i], &key, &len)) {
      cli_error("%s: '%s' is a Hive partition key (folder '%.*s'), not a "
                "column of the files; nps-stat reads only the columns "
                "inside the files: read each partition folder as its own "
                "data set, or export the key as a column",
                f->path, cols[i], (int)len, key);
      return;
    }
  }
}

static int read_error(const load_state *s, const cli_file *f, const char *name,
                      nps_status st, int saved_errno,
                      const nps_csvin_error *err, const nps_csvin_report *first,
                      const nps_csvin_report *r) {
  if (st == NPS_EIO) {
    cli_error("%s: %s", name, strerror(saved_errno ? saved_errno : EIO));
    return EXIT_IO;
  }
  if (first && r->header_columns && !same_header(first, r)) {
    header_error(s, name, first, r);
    return EXIT_DATA;
  }
  char msg[1024];
  with_advice(msg, sizeof msg,
              err->message[0] ? err->message : nps_strerror(st), &err->hints,
              s->prefix);
  if (err->line)
    cli_error("%s:%llu: %s", name, (unsigned long long)err->line, msg);
  else
    cli_error("%s: %s", name, msg);
  if (st == NPS_ECOLUMN)
    partition_note(s, f);
  return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
}

/* Reads file i into table; its report into r. first: the first file's
 * report (NULL for the first file), whose header this one must have. */
static int load_one(load_state *s, size_t i, nps_table *table,
                    nps_csvin_report *r, const nps_csvin_report *first) {
  const cli_file *f = &s->files->item[i];
  const char *name;
  FILE *fp = open_input(f->path, &name);
  if (!fp) {
    cli_error("%s: %s", f->path, strerror(errno));
    return EXIT_IO;
  }
  if (i == 0)
    s->first_name = name;
  int same = fp != stdin ? cli_input_check(s->c, fileno(fp), f->path) : 0;
  if (same) {
    fclose(fp);
    return same;
  }
  nps_csvin_error err;
  memset(&err, 0, sizeof err);
  errno = 0;
  nps_status st = nps_csvin_read(fp, s->csv, table, r, &err);
  int saved_errno = errno;
  if (fp != stdin)
    fclose(fp);
  if (st != NPS_OK)
    return read_error(s, f, name, st, saved_errno, &err, first, r);
  if (first && !same_header(first, r)) {
    header_error(s, name, first, r);
    return EXIT_DATA;
  }
  if (r->invalid && s->invalid_files++ == 0)
    s->invalid_name = name;
  return EXIT_OK;
}

/* The notes of a data set, once: the detected score column and the loose
 * column matches (the same in every file, whose headers agree), the rows
 * skipped in all files, and the filter values that matched nothing. */
static void report_notes(const load_state *s, const char *name,
                         const nps_csvin_report *r) {
  const cli_common *c = s->c;
  if (c->quiet)
    return;
  /* Through cli_error: names and cells are shown escaped. */
  if (r->score_detected)
    cli_error("%s: score column '%s' (detected; --%sscore to choose "
              "another)",
              s->first_name, r->score_column, s->prefix);
  if (r->columns_matched[0])
    cli_error("%s: %s", s->first_name, r->columns_matched);
  char reason[512];
  with_advice(reason, sizeof reason, r->first_invalid_reason,
              &r->first_invalid_hints, s->prefix);
  if (r->invalid && s->files->n == 1)
    cli_error("warning: %s: skipped %llu invalid row%s (first: line %llu: "
              "%s)",
              s->invalid_name, (unsigned long long)r->invalid,
              r->invalid == 1 ? "" : "s",
              (unsigned long long)r->first_invalid_line, reason);
  else if (r->invalid)
    cli_error("warning: %s: skipped %llu invalid row%s in %zu of %zu files "
              "(first: %s:%llu: %s)",
              name, (unsigned long long)r->invalid, r->invalid == 1 ? "" : "s",
              s->invalid_files, s->files->n, s->invalid_name,
              (unsigned long long)r->first_invalid_line, reason);
  cli_filter_notes(c, name, s->csv, r);
}

int cli_load(const cli_common *c, const char *path, nps_table *table,
             nps_csvin_report *report) {
  return cli_load_with(c, &c->csv, "", path, table, report);
}

int cli_load_with(const cli_common *c, const nps_csvin_options *csv,
                  const char *prefix, const char *path, nps_table *table,
                  nps_csvin_report *report) {
  char *paths[1] = {(char *)path};
  return cli_load_paths(c, csv, prefix, paths, 1, table, report);
}

int cli_load_paths(const cli_common *c, const nps_csvin_options *csv,
                   const char *prefix, char *const *paths, size_t n,
                   nps_table *table, nps_csvin_report *report) {
  memset(report, 0, sizeof *report);
  cli_files files;
  int rc = cli_files_expand(c, paths, n, &files);
  if (rc)
    return rc;
  load_state s = {c, csv, prefix, &files, NULL, NULL, 0};
  nps_csvin_report *one = malloc(sizeof *one);
  if (!one) {
    cli_files_free(&files);
    return cli_out_of_memory();
  }
  for (size_t i = 0; i < files.n && rc == EXIT_OK; i++) {
    rc = load_one(&s, i, table, i ? one : report, i ? report : NULL);
    if (rc == EXIT_OK && i)
      nps_csvin_report_merge(report, one);
  }
  free(one);
  if (rc == EXIT_OK) {
    char name[512];
    if (n == 1 && strcmp(paths[0], "-") == 0)
      snprintf(name, sizeof name, "<stdin>");
    else if (n == 1)
      snprintf(name, sizeof name, "%s", paths[0]);
    else
      snprintf(name, sizeof name, "%s and %zu more", paths[0], n - 1);
    report_notes(&s, name, report);
  }
  cli_files_free(&files);
  return rc;
}
