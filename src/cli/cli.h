/*
 * cli.h - shared pieces of the nps-stat command-line tool: exit codes, the
 * common options, input loading, output sinks and number formatting.
 *
 * The tool uses only the public library API (include/nps); everything here is
 * presentation: parsing arguments, naming files in messages, formatting.
 */
#ifndef NPS_CLI_H
#define NPS_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nps/nps.h"

/* Exit status (docs/cli.md, "Exit status"). */
enum {
  EXIT_OK = 0,
  EXIT_CONDITION = 1, /* a --fail-if condition was met */
  EXIT_USAGE = 2,
  EXIT_DATA = 3,
  EXIT_IO = 4,
  EXIT_RENDER = 5
};

/* The seed used when --seed is not given (documented in docs/cli.md). */
#define CLI_DEFAULT_SEED 20240601UL

/* The interval method used when --ci is not given. */
#define CLI_DEFAULT_CI NPS_CI_DEFAULT

/* Most threads --threads accepts, and the most the default uses. */
#define CLI_MAX_THREADS         64
#define CLI_DEFAULT_MAX_THREADS 8

#define CLI_MAX_LIST 64 /* most columns in --by, values in a filter, ... */

/* Most output files of one command: --output and the chart scripts. */
#define CLI_MAX_OUTPUTS 6

typedef enum cli_format {
  FORMAT_TABLE,
  FORMAT_CSV,
  FORMAT_JSON,
  FORMAT_MARKDOWN,
  FORMAT_COUNTS /* the histograms read, as long counts (counts_out.c) */
} cli_format;

/* Options shared by the subcommands that read responses. */
typedef struct cli_common {
  const char *command;   /* "summary", ... for messages */
  const char *prefix;    /* "a-" or "b-" when these are one input's per-file
                            reader options (cli_perfile): messages then name
                            --b-skip-rows; NULL: the plain flags */
  nps_csvin_options csv; /* reader options, pointing into the arrays */
  const char *by[CLI_MAX_LIST];
  size_t n_by;
  const char *na[CLI_MAX_LIST];
  nps_csvin_filter filters[CLI_MAX_LIST];
  const char *filter_values[CLI_MAX_LIST][CLI_MAX_LIST];
  char *owned[4 * CLI_MAX_LIST]; /* copies of split arguments */
  size_t n_owned;
  size_t max_groups;
  nps_ci_method ci;
  double level;
  size_t boot;
  unsigned long seed;
  int seed_given;
  cli_format format;
  const char *output; /* NULL: stdout */
  uint64_t min_n;
  int quiet;
  const char *plot;              /* --plot FILE.gp; NULL: no chart */
  int render;                    /* --render given: run gnuplot */
  nps_plot_format render_format; /* png (default), svg, pdf */
  const char *title;             /* --title: the charts' title; NULL: own */
  const char *subtitle;          /* --subtitle; NULL: the filters, if any */
  int width, height;             /* --size WxH; 0: the chart's own size */
  nps_plot_style style;          /* --chart-style dots (default) | bars */
  nps_plot_theme theme;          /* --theme light (default) | dark | print */
  nps_order order;               /* --order (summary, segments) */
  const char *order_values[CLI_MAX_LIST];
  /* The output files named (cli_output_name), for cli_outputs_check and
   * cli_input_check: the flag ("--plot") and the path of each. */
  const char *out_flag[CLI_MAX_OUTPUTS];
  const char *out_path[CLI_MAX_OUTPUTS];
  size_t n_out;
} cli_common;

/* Long options shared by the subcommands (ids above 256 and below 512). */
enum {
  OPT_SCORE = 256,
  OPT_DELIMITER,
  OPT_SKIP_ROWS,
  OPT_NA_VALUES,
  OPT_SKIP_INVALID,
  OPT_WHERE,
  OPT_EXCLUDE,
  OPT_INPUT,
  OPT_CI,
  OPT_LEVEL,
  OPT_BOOT,
  OPT_SEED,
  OPT_FORMAT,
  OPT_OUTPUT,
  OPT_MIN_N,
  OPT_QUIET,
  OPT_MAX_GROUPS,
  OPT_SCORE_LABELS,
  OPT_BY,
  OPT_HELP,
  OPT_PLOT,
  OPT_RENDER,
  OPT_THREADS,
  OPT_TITLE,
  OPT_SUBTITLE,
  OPT_SIZE,
  OPT_CHART_STYLE,
  OPT_THEME
};

/* The chart look options, in every command that draws a chart. */
#define CLI_CHART_OPTIONS                                                      \
  {"title", 1, 0, OPT_TITLE}, {"subtitle", 1, 0, OPT_SUBTITLE},                \
      {"size", 1, 0, OPT_SIZE}, {"chart-style", 1, 0, OPT_CHART_STYLE}, {      \
    "theme", 1, 0, OPT_THEME                                                   \
  }

/* A file's name without its folder and a .csv, .tsv or .txt ending
 * ("dir/after.csv" -> "after"): *stem points into path; returns the
 * length. */
size_t cli_file_stem(const char *path, const char **stem);

/* "A,B" of option opt into out[0] and out[1] (kept in c->owned): 0, or
 * the usage error's exit status (the message printed). */
int cli_split_pair(cli_common *c, const char *opt, const char *arg,
                   const char *out[2]);

/* --period ARG into *out, and a --date-format ARG checked: 0, or the
 * usage error's exit status (the message printed). */
int cli_period_arg(const cli_common *c, const char *arg, nps_period *out);
int cli_date_format_arg(const cli_common *c, const char *arg);

/* Their usage text (a string literal, for the commands' help texts). */
#define CLI_CHART_HELP                                                         \
  "  --title TEXT         the chart's title (default: what was measured "      \
  "and\n"                                                                      \
  "                       the verdict, in words)\n"                            \
  "  --subtitle TEXT      a line under the title (default: the --where /\n"    \
  "                       --exclude filters, if any)\n"                        \
  "  --size WxH           image size in pixels, e.g. 1280x720 (the layout\n"   \
  "                       and fonts scale to fit)\n"                           \
  "  --chart-style S      dots (default: NPS as dots with interval "           \
  "whiskers)\n"                                                                \
  "                       or bars (bars from 0)\n"                             \
  "  --theme T            light (default), dark (light text on a dark\n"       \
  "                       background, for slides) or print (black and\n"       \
  "                       greys only, for black-and-white printing)\n"

#define CLI_COMMON_OPTIONS                                                     \
  {"score", 1, 0, OPT_SCORE}, {"delimiter", 1, 0, OPT_DELIMITER},              \
      {"skip-rows", 1, 0, OPT_SKIP_ROWS}, {"na-values", 1, 0, OPT_NA_VALUES},  \
      {"skip-invalid", 0, 0, OPT_SKIP_INVALID}, {"where", 1, 0, OPT_WHERE},    \
      {"exclude", 1, 0, OPT_EXCLUDE}, {"input", 1, 0, OPT_INPUT},              \
      {"ci", 1, 0, OPT_CI}, {"level", 1, 0, OPT_LEVEL},                        \
      {"boot", 1, 0, OPT_BOOT}, {"seed", 1, 0, OPT_SEED},                      \
      {"format", 1, 0, OPT_FORMAT}, {"output", 1, 0, OPT_OUTPUT},              \
      {"min-n", 1, 0, OPT_MIN_N}, {"quiet", 0, 0, OPT_QUIET},                  \
      {"max-groups", 1, 0, OPT_MAX_GROUPS},                                    \
      {"score-labels", 0, 0, OPT_SCORE_LABELS}, {"help", 0, 0, OPT_HELP},      \
      {"plot", 1, 0, OPT_PLOT}, {"render", 1, 0, OPT_RENDER},                  \
      {"threads", 1, 0, OPT_THREADS}, CLI_CHART_OPTIONS

/* Usage text of the common options, for the subcommands' --help. */
extern const char cli_common_help[];

/* Sets the defaults. */
void cli_common_init(cli_common *c, const char *command);

/* Releases copies made while parsing. */
void cli_common_free(cli_common *c);

/* Applies one common option. Returns 0 when handled, EXIT_USAGE after
 * printing a usage error, -1 when opt is not a common option. */
int cli_common_option(cli_common *c, int opt, const char *arg);

/* cli_common_option for the options of the reader's data interpretation
 * only (--score, --delimiter, --skip-rows, --na-values, --skip-invalid,
 * --score-labels, --input, --where, --exclude); -1 for any other opt. */
int cli_reader_option(cli_common *c, int opt, const char *arg);

/* --order nps|n|name|natural|file|V1,V2,...: a keyword, or a list of
 * values (any argument with a comma, or a single word that is not a
 * keyword). Returns 0 or EXIT_USAGE / EXIT_IO after a message. */
int cli_order_option(cli_common *c, const char *arg);

/* Parses a whole number >= min for option opt (e.g. "--lump-below").
 * Returns 0, or EXIT_USAGE after a message. */
int cli_number_option(const cli_common *c, const char *opt, const char *arg,
                      uint64_t min, uint64_t *out);

/* A usage error (returned) when standard input ('-') is among the n input
 * paths more than once: it can be read only once. Else 0. */
int cli_stdin_once(const char *command, char *const *paths, int n);

/* Why a read gave no responses, for "FILE: no responses%s": every answer
 * missing, every row removed by --where / --exclude (with the values of the
 * column of the filter that removed them), or only a header
 * (filters.c). */
const char *cli_empty_reason(const cli_common *c, const nps_csvin_report *r,
                             uint64_t missing, char *buf, size_t size);

/* Warns, after a read of name with csv, about each --where / --exclude
 * value that matched no row, naming the closest value of the column or
 * the values it holds (filters.c). */
void cli_filter_notes(const cli_common *c, const char *name,
                      const nps_csvin_options *csv, const nps_csvin_report *r);

/* Prints "nps-stat CMD: message" and the --help hint; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "nps-stat: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "nps-stat: out of memory" on stderr; returns EXIT_IO. */
int cli_out_of_memory(void);

/* Prints "nps-stat: warning: message" on stderr unless quiet. */
void cli_warn(const cli_common *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct option;

/* A subcommand's own options: returns 0 when it handled opt, -1 when opt
 * is not one of its options, or an exit code after printing an error. */
typedef int (*cli_option_fn)(void *ctx, int opt, const char *arg);

/* The hidden `nps-stat --complete` mode (complete.c). While
 * cli_listing_options is set, cli_parse_options prints the command's long
 * options (cli_print_options: --name, with '=' when it takes an argument)
 * instead of parsing, and returns -1 as after --help. cli_complete runs
 * `--complete options CMD` through options(CMD) and `--complete columns
 * FILE [DELIMITER]` itself. */
extern int cli_listing_options;
void cli_print_options(const struct option *options);
int cli_complete(int argc, char **argv, int (*options)(const char *command));

/* Parses a subcommand's options with getopt_long: -h and --help print
 * help() and return -1; an unknown or incomplete option is a usage error;
 * every other option goes to own(ctx, ...) (own may be NULL) and, when it
 * is not one of own's, to cli_common_option. Returns 0 (the operands start
 * at optind), -1 after help, or the exit code of an error. */
int cli_parse_options(int argc, char **argv, const struct option *options,
                      cli_common *c, void (*help)(void), cli_option_fn own,
                      void *ctx);

/* Reads path ("-" for stdin, or a directory of part files: see
 * cli_load_paths) into table with c's reader options, printing
 * any error as "nps-stat: FILE:LINE: message" and the reader's notes (the
 * detected score column, skipped rows) on stderr. Returns EXIT_OK, EXIT_DATA
 * or EXIT_IO. */
int cli_load(const cli_common *c, const char *path, nps_table *table,
             nps_csvin_report *report);

/* cli_load with the reader options csv instead of c->csv (one input of
 * several read differently); the advice in messages names the flags with
 * prefix ("b-": --b-skip-rows; "" for the plain flags). */
int cli_load_with(const cli_common *c, const nps_csvin_options *csv,
                  const char *prefix, const char *path, nps_table *table,
                  nps_csvin_report *report);

/* Reads the n paths as one data set into table (cli_load_with for each
 * file, in order, into the same table: histograms add up), the report
 * summed over the files (nps_csvin_report_merge). A path is a file, "-"
 * for standard input, or a directory of part files (cli_files_expand).
 * Every file must have the header of the first (same names in the same
 * order, after trimming): else EXIT_DATA, naming the file and the first
 * column that differs. Notes are printed once for the data set. */
int cli_load_paths(const cli_common *c, const nps_csvin_options *csv,
                   const char *prefix, char *const *paths, size_t n,
                   nps_table *table, nps_csvin_report *report);

/* ---- the files of a data set (inputs.c) ---- */

typedef struct cli_file {
  char *path;  /* malloc'ed; "-" for standard input */
  size_t base; /* inside a directory given: the length of its path with
                  the '/' after it (partition folders follow); else 0 */
} cli_file;

typedef struct cli_files {
  cli_file *item;
  size_t n, cap;
} cli_files;

/* The files of the n paths, in order: a file or "-" as given; a directory
 * as its files named *.csv, *.tsv or *.txt (any case) and those of its
 * Hive partition folders (key=value), recursively, each folder's entries
 * in byte order of their names, names starting with '_' or '.' passed
 * over (_SUCCESS, .crc files), other files left out with a warning.
 * Errors (after a message): a directory with no such file, or with a
 * folder that is not a partition (EXIT_DATA); one file reached twice
 * (EXIT_DATA); a directory that cannot be read (EXIT_IO). Free out with
 * cli_files_free. */
int cli_files_expand(const cli_common *c, char *const *paths, size_t n,
                     cli_files *out);
void cli_files_free(cli_files *f);

/* Nonzero when a partition folder between f's directory and f is named
 * COLUMN=value (the column compared ignoring ASCII case): *key, *len give
 * that folder's name. */
int cli_file_partition(const cli_file *f, const char *column, const char **key,
                       size_t *len);

/* The name of a data set in titles and messages: the path when there is
 * one, else "FIRST and N more" (a copy owned by c; NULL when out of
 * memory). */
const char *cli_inputs_name(cli_common *c, char *const *paths, size_t n);

/* The input operands after the options, argv[optind..argc), read as one
 * data set: at least one (else a usage error, "missing input WHAT"), '-'
 * at most once; their number in *n and their name (cli_inputs_name) in
 * *name. 0, or the exit status. */
int cli_take_inputs(cli_common *c, int argc, char **argv, const char *what,
                    char *const **paths, size_t *n, const char **name);

/* A copy of s owned by c (freed by cli_common_free); NULL when out of
 * memory or when c owns too many. */
const char *cli_own(cli_common *c, const char *s);

/* ---- --format counts (counts_out.c) ---- */

/* Nonzero for the commands that write --format counts: summary, segments,
 * trend. */
int cli_counts_command(const char *command);

/* Usage checks for --format counts: no chart (--plot, or other_chart, a
 * command's own chart flag when given), and no group column named like
 * the score or count column of the long layout. 0 or EXIT_USAGE. */
int cli_counts_check(const cli_common *c, const char *other_chart);

/* Writes t to --output (or stdout, committed whole) in the long counts
 * layout: a header of the group columns of c->csv, "score", "count"; for
 * each group in table order a row per score with answers, then one with
 * an empty score and its missing answers (when it has some, or no answer
 * at all). Returns EXIT_OK or EXIT_IO after a message. */
int cli_counts_write(const cli_common *c, const nps_table *t);

/* ---- per-file reader options (perfile.c) ---- */

/* Two inputs exported differently (compare A.csv B.csv): each reader option
 * --X of cli_reader_option also has the forms --a-X and --b-X, for the first
 * or the second input only. Their option ids are CLI_PERFILE_A + OPT_X and
 * CLI_PERFILE_B + OPT_X. */
#define CLI_PERFILE_A 1000
#define CLI_PERFILE_B 2000

#define CLI_PERFILE_PAIR(name, has_arg, id)                                    \
  {"a-" name, has_arg, 0, CLI_PERFILE_A + (id)}, {                             \
    "b-" name, has_arg, 0, CLI_PERFILE_B + (id)                                \
  }

#define CLI_PERFILE_OPTIONS                                                    \
  CLI_PERFILE_PAIR("score", 1, OPT_SCORE),                                     \
      CLI_PERFILE_PAIR("delimiter", 1, OPT_DELIMITER),                         \
      CLI_PERFILE_PAIR("skip-rows", 1, OPT_SKIP_ROWS),                         \
      CLI_PERFILE_PAIR("na-values", 1, OPT_NA_VALUES),                         \
      CLI_PERFILE_PAIR("skip-invalid", 0, OPT_SKIP_INVALID),                   \
      CLI_PERFILE_PAIR("score-labels", 0, OPT_SCORE_LABELS),                   \
      CLI_PERFILE_PAIR("input", 1, OPT_INPUT),                                 \
      CLI_PERFILE_PAIR("where", 1, OPT_WHERE),                                 \
      CLI_PERFILE_PAIR("exclude", 1, OPT_EXCLUDE)

/* The per-file options given. Each input's own options are parsed by
 * cli_reader_option into a cli_common of their own (over[i], whose messages
 * name --a-X or --b-X); the reader options of input i are built from the
 * shared ones and those (cli_perfile_csv), never by copying a cli_common,
 * whose csv points into its own arrays. */
typedef struct cli_perfile {
  cli_common over[2];
  unsigned given[2]; /* bit OPT_X - OPT_SCORE for each option given */
  int first;         /* id of the first per-file option given; 0: none */
  nps_csvin_filter filters[2][2 * CLI_MAX_LIST]; /* merged filter lists */
} cli_perfile;

void cli_perfile_init(cli_perfile *p, const char *command);
void cli_perfile_free(cli_perfile *p);

/* Applies --a-X or --b-X (opt as above). Returns 0, EXIT_USAGE or EXIT_IO
 * after a message, or -1 when opt is not a per-file option. */
int cli_perfile_option(cli_perfile *p, int opt, const char *arg);

/* Whether input i (0 or 1) has its own value of the reader option opt. */
int cli_perfile_given(const cli_perfile *p, int i, int opt);

/* "--b-skip-rows": the flag of a per-file option id. */
void cli_perfile_flag(char *buf, size_t size, int id);

/* The reader options of input i: shared, with every option input i has its
 * own value of replaced by it. The filters of --where (--exclude) are
 * replaced as one list by --a-where / --b-where (--a-exclude, --b-exclude);
 * the other kind stays shared. out points into shared's arrays and p's; keep
 * both alive while out is used. */
void cli_perfile_csv(cli_perfile *p, const nps_csvin_options *shared, int i,
                     nps_csvin_options *out);

/* ---- output files (outfile.c) ---- */

/* An output destination: stdout, or a file committed whole (a temporary
 * file in its folder renamed over it, a symbolic link's target replaced
 * the same way; a device or FIFO written in place). */
typedef struct cli_out {
  FILE *fp;
  const char *path; /* as given, for messages; NULL for stdout */
  char *target;     /* what a symbolic link resolves to (malloc'ed), or NULL */
  char *tmp_path;   /* the temporary file; NULL when written in place */
  int copy;         /* the target has other hard links: copied in at commit */
  int slot;         /* the temporary file's entry for signal cleanup */
} cli_out;

/* Opens path (NULL or "-": stdout). Returns EXIT_OK or EXIT_IO after a
 * message. */
int cli_out_open(cli_out *o, const char *path);

/* Flushes and commits (rename) or, when ok is 0, discards. Returns EXIT_OK
 * or EXIT_IO after a message (the partial file is removed). */
int cli_out_close(cli_out *o, int ok);

/* Records that the option flag ("--output", "--plot-boot") names the
 * output file path (the last one given for a flag counts). */
void cli_output_name(cli_common *c, const char *flag, const char *path);

/* A usage error (returned, after a message naming both) when two of the
 * output files named are the same file: by device and inode, or, for names
 * not yet existing, by folder and name. Else 0. */
int cli_outputs_check(const cli_common *c);

/* A usage error (returned, after a message naming both) when the input
 * path, open as fd, is one of the output files named: a regular file with
 * the same device and inode. Else 0. */
int cli_input_check(const cli_common *c, int fd, const char *path);

/* Formats x (on -1..1) as points with one decimal: "28.5", "-3.0". */
void cli_points(char *buf, size_t size, double x);

/* Formats x with the shortest "%.*g" that reads back exactly. */
void cli_exact(char *buf, size_t size, double x);

/* Writes ",x" with x as cli_exact gives it, or "," for NaN (a CSV cell). */
void cli_csv_num(FILE *fp, double x);

/* Writes s as a JSON string (quoted and escaped), always valid UTF-8: a
 * byte that is not part of valid UTF-8 is written as \ufffd. */
void cli_json_string(FILE *fp, const char *s, size_t len);

/* Writes s as a CSV field, byte for byte: quoted when needed; a field
 * that starts with = + - @, a tab, CR, LF or a full-width = + - @ gets a
 * "'" prefix so that spreadsheets do not evaluate it (docs/cli.md). */
void cli_csv_field(FILE *fp, const char *s, size_t len);

/* ---- aligned text tables (output.c) ---- */

/* Most columns of a table: the --by columns and a command's own. */
#define CLI_GRID_MAX_COLS (CLI_MAX_LIST + 12)

/* One table cell: text points into buf or at a string that outlives the
 * table (a header name, a group key). */
typedef struct cli_cell {
  char buf[96];
  const char *text;
  size_t len;
} cli_cell;

/* The cell shows len bytes at s (not copied). */
void cli_cell_text(cli_cell *x, const char *s, size_t len);

/* The cell shows a copy of s, cut to fit buf. */
void cli_cell_copy(cli_cell *x, const char *s);

/* Fills cells[0..cols) (zeroed) with row r of a table, row 0 being the
 * header. Called twice per row: it must give the same cells each time. */
typedef void (*cli_row_fn)(const void *ctx, size_t r, cli_cell *cells);

/* Writes an aligned table (markdown: a pipe table) of rows rows made by
 * fill, formatting each row as it is written: memory holds one row
 * (grid.c). left[k]: column k is left-aligned. */
void cli_grid_rows(FILE *fp, cli_row_fn fill, const void *ctx, size_t rows,
                   size_t cols, const unsigned char *left, int markdown);

/* Writes len bytes of s as a table shows them: controls, bytes that are
 * not UTF-8 and invisible characters as nps_text_escape's visible escapes
 * (tables are for a terminal; exact values are in csv and json); in
 * markdown also | as \| and < > & as &lt; &gt; &amp;. */
void cli_put_text(FILE *fp, const char *s, size_t len, int markdown);

/* cli_put_text for a NUL-terminated s (a file name in a title). */
void cli_put_str(FILE *fp, const char *s, int markdown);

/* Prints rows x cols cells as aligned columns, row 0 the heading: plain
 * text separated by two spaces, or a markdown table. left[k] nonzero
 * left-aligns column k, else it is right-aligned (grid.c; a table held
 * whole: cli_grid_rows formats long ones row by row). */
void cli_grid(FILE *fp, cli_cell (*cells)[CLI_GRID_MAX_COLS], size_t rows,
              size_t cols, const unsigned char *left, int markdown);

/* Display width of UTF-8 text as cli_put_text shows it outside markdown
 * (code points, an escape counting its characters). */
size_t cli_width(const char *s, size_t len);

/* The width of s in a table cell: cli_width, and in markdown with the
 * escapes of | < > & counted. */
size_t cli_table_width(const char *s, size_t len, int markdown);

/* Started with a standard descriptor (0, 1, 2) closed, the tool holds it
 * open on /dev/null, read-only for 1 and 2 and write-only for 0, so that no
 * file it opens takes its number (messages would land in an output file)
 * while using it still fails as on a closed descriptor. Call first. */
void cli_std_fds(void);

/* Nonzero when the tool started with standard error closed. */
int cli_stderr_closed(void);

/* ---- charts (render.c) ---- */

/* Writes one chart script to fp for target; ctx is the caller's data. */
typedef nps_status (*cli_plot_writer)(FILE *fp, const nps_plot_target *target,
                                      const void *ctx);

/* Checks the name given to a chart option flag (--plot, --plot-boot, ...):
 * not empty, not "-", no control characters. Returns 0, or EXIT_USAGE
 * after a message that shows example. */
int cli_chart_name(const char *command, const char *flag, const char *name,
                   const char *example);

/* Applies one chart look option (--title, --subtitle, --size,
 * --chart-style): 0, EXIT_USAGE after a message, or -1 for another opt. */
int cli_chart_option(cli_common *c, int opt, const char *arg);

/* A chart's info as every command starts it: title, the data source
 * (path, "-" as "standard input"; NULL: none), the interval method and
 * level of c, and B and the seed when the intervals are bootstrap ones. */
nps_plot_info cli_chart_base(const cli_common *c, const char *path,
                             const char *title);

/* Applies the chart options of c to a chart's info: --title replaces
 * info->title; --subtitle, or else the --where / --exclude filters in
 * words ("channel = store only"), becomes info->subtitle, written into
 * sub (size bytes). */
void cli_chart_info(const cli_common *c, nps_plot_info *info, char *sub,
                    size_t size);

/* "p = 0.019", "p = 0.13", "p < 0.001": p as the charts write it (three
 * decimals below 0.1, else two). */
void cli_chart_p(char *buf, size_t size, double p);

/* The --where / --exclude filters of c in words into buf ("channel =
 * store only · without status = preview"); "" when there are none. */
void cli_filter_words(const cli_common *c, char *buf, size_t size);

/* Usage check after parsing: --render needs --plot. Returns 0 or
 * EXIT_USAGE after a message. */
int cli_plot_check(const cli_common *c);

/* The image a script draws: the base name of path with a final ".gp"
 * replaced by, or else followed by, "." and the format ("out/nps.gp" ->
 * "nps.png"). malloc'ed; NULL when out of memory. */
char *cli_plot_image_name(const char *path, nps_plot_format format);

/* Writes the chart script path with write (atomically, like --output: a
 * failure leaves nothing behind). The script draws the image
 * cli_plot_image_name(path) in the --render format (png by default) and
 * expects to run in the script's folder. With --render, runs gnuplot there
 * (cli_render). Returns EXIT_OK; EXIT_IO when the script cannot be written;
 * EXIT_DATA when write finds nothing to draw; EXIT_RENDER when gnuplot is
 * missing or fails (the script is kept and its path printed). */
int cli_plot(const cli_common *c, const char *path, cli_plot_writer write,
             const void *ctx);

/* cli_plot in two steps, for a command that commits several outputs
 * together: cli_plot_begin writes the script into its temporary file and
 * returns as cli_plot does (on failure nothing is left and po needs no
 * cli_plot_end); cli_plot_end renames it into place and renders when ok is
 * nonzero, or removes it, and returns EXIT_OK, EXIT_IO or EXIT_RENDER
 * (EXIT_OK when !ok). Safe on a zeroed po. */
typedef struct cli_plot_out {
  cli_out out;
  const char *path;
  char *image;
} cli_plot_out;

int cli_plot_begin(const cli_common *c, const char *path, cli_plot_writer write,
                   const void *ctx, cli_plot_out *po);
int cli_plot_end(const cli_common *c, cli_plot_out *po, int ok);

/* Runs `gnuplot SCRIPT` through posix_spawnp (never a shell) in the
 * script's folder, with stdin from /dev/null and gnuplot's output on
 * stderr; NPS_STAT_GNUPLOT in the environment names another program.
 * Checks that image (a name in that folder) was written. Returns EXIT_OK,
 * or EXIT_RENDER after a message that keeps and names the script. */
int cli_render(const char *script, const char *image);

/* Runs gnuplot (prog, found on PATH) on dir/base in dir, without a shell,
 * stdin from /dev/null, its output on our stderr (or nowhere with
 * stdout_to_null); killed after timeout seconds (0: no limit). Returns the
 * wait status, or -1 with errno set (ETIMEDOUT when it ran too long). */
int cli_spawn_gnuplot(const char *prog, const char *dir, const char *base,
                      int stdout_to_null, int timeout);

int nps_cli_main(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_segments(int argc, char **argv);
int cmd_pilot(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_benchmark(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
