/*
 * common.h - the options every data-reading subcommand shares (defined in
 * common.c): their defaults and limits, the option ids and tables, the
 * parser, and the usage, error and warning messages.
 */
#ifndef NPS_CLI_COMMON_H
#define NPS_CLI_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "nps/nps.h"

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

/* Parses a subcommand's options with getopt_long: -h and --help print
 * help() and return -1; an unknown or incomplete option is a usage error;
 * every other option goes to own(ctx, ...) (own may be NULL) and, when it
 * is not one of own's, to cli_common_option. Returns 0 (the operands start
 * at optind), -1 after help, or the exit code of an error. */
int cli_parse_options(int argc, char **argv, const struct option *options,
                      cli_common *c, void (*help)(void), cli_option_fn own,
                      void *ctx);

/* A copy of s owned by c (freed by cli_common_free); NULL when out of
 * memory or when c owns too many. */
const char *cli_own(cli_common *c, const char *s);

#endif
