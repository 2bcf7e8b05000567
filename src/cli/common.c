/*
 * common.c - the options every data-reading subcommand shares, and loading
 * an input file into a group table with file:line messages.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart_opts.h"
#include "cli.h"
#include "common.h"
#include "complete.h"
#include "counts_out.h"
#include "outfile.h"
#include "output.h"
#include "render.h"

const char cli_common_help[] =
    "Inputs: an input FILE may be '-' (standard input) or a directory of "
    "part\nfiles (its *.csv, *.tsv, *.txt and those of Hive key=value "
    "folders, in\nname order; names starting with '_' or '.' are passed "
    "over), read as one\ndata set; so are several FILEs where the usage "
    "shows FILE.... Every\nfile needs the same header (docs/cli.md, "
    "Inputs).\n"
    "\n"
    "Input options:\n"
    "  --score COL          the score column (default: detected from names\n"
    "                       like score, nps, recommend, оценка; the choice\n"
    "                       is reported on stderr)\n"
    "  --delimiter C        ',', ';', 'tab' (default: sniffed from the "
    "header)\n"
    "  --skip-rows N        drop N rows after the header (Qualtrics: 2,\n"
    "                       SurveyMonkey: 1)\n"
    "  --na-values LIST     comma-separated cells that mean 'no answer'\n"
    "                       (default: NA,N/A,n/a,na,#N/A,null,NULL,-; '' for "
    "none)\n"
    "  --skip-invalid       skip and count rows with a bad score or field "
    "count\n"
    "  --score-labels       accept labelled scores such as '10 - Extremely "
    "likely'\n"
    "  --where COL=V[,V..]  keep only rows whose COL is one of the values\n"
    "  --exclude COL=V[,V..] drop rows whose COL is one of the values\n"
    "  --input raw|counts   one response per row (default), or counts:\n"
    "                       long (group..,score,count), wide (s0..s10) or\n"
    "                       promoters,passives,detractors\n"
    "  --max-groups N       refuse more than N groups (default 10000)\n"
    "  --threads N          read a large file (8 MiB or more) on N threads\n"
    "                       (default: the processors online, at most 8)\n"
    "\n"
    "Statistics options:\n"
    "  --ci METHOD          bayes (default: Jeffreys), adjusted-wald, wald,\n"
    "                       score, percentile, bca (docs/methods.md)\n"
    "  --level X            confidence level, 0 < X < 1 (default 0.95)\n"
    "  --boot B             bootstrap replicates (default 10000)\n"
    "  --seed N             random seed for bootstrap methods (default "
    "20240601)\n"
    "  --min-n N            groups below N answers are small bases: shown\n"
    "                       with their wide intervals, marked, left out of\n"
    "                       tests (default 2; segments, pilot: 30)\n"
    "\n"
    "Output options:\n"
    "  --format F           table (default), csv, json, markdown; counts\n"
    "                       (summary, segments, trend): the histograms "
    "read,\n"
    "                       as long counts for --input counts\n"
    "  --output FILE        write results to FILE (written whole or not at "
    "all)\n"
    "  --plot FILE.gp       also write a gnuplot script of the chart "
    "(draws\n"
    "                       FILE.png beside it: gnuplot FILE.gp in its "
    "folder)\n"
    "  --render png|svg|pdf run gnuplot on the script now, drawing FILE.png,\n"
    "                       .svg or .pdf (exit 5 if gnuplot is missing or "
    "fails)\n" CLI_CHART_HELP
    "  --quiet              no notes or warnings on stderr\n"
    "  --help               this help\n";

void cli_common_init(cli_common *c, const char *command) {
  memset(c, 0, sizeof *c);
  nps_csvin_options_init(&c->csv);
  c->command = command;
  c->ci = CLI_DEFAULT_CI;
  c->level = 0.95;
  c->boot = NPS_BOOT_DEFAULT_REPLICATES;
  c->seed = CLI_DEFAULT_SEED;
  c->format = FORMAT_TABLE;
  c->min_n = 2;
  c->max_groups = NPS_TABLE_DEFAULT_MAX_GROUPS;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  c->csv.threads = cpus < 1                         ? 1u
                   : cpus > CLI_DEFAULT_MAX_THREADS ? CLI_DEFAULT_MAX_THREADS
                                                    : (unsigned)cpus;
}

void cli_common_free(cli_common *c) {
  for (size_t i = 0; i < c->n_owned; i++)
    free(c->owned[i]);
  c->n_owned = 0;
}

const char *cli_own(cli_common *c, const char *s) {
  if (c->n_owned == sizeof c->owned / sizeof c->owned[0])
    return NULL;
  char *copy = strdup(s);
  if (copy)
    c->owned[c->n_owned++] = copy;
  return copy;
}

/* Writes a message to stderr with every character that nps_text_escape
 * escapes shown by its escape, so a file name or an argument never brings
 * a control character, a byte that is not UTF-8 or an invisible character
 * to the terminal. The library's messages are already escaped: their
 * escapes are plain ASCII and pass unchanged. */
static void vmessage(const char *prefix, const char *fmt, va_list ap) {
  char small[1024], *buf = small;
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(small, sizeof small, fmt, copy);
  va_end(copy);
  if (n >= (int)sizeof small && (buf = malloc((size_t)n + 1)) != NULL)
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
  else if (n >= (int)sizeof small)
    buf = small, n = (int)sizeof small - 1; /* out of memory: cut */
  fputs(prefix, stderr);
  cli_put_text(stderr, buf, n > 0 ? (size_t)n : 0, 0);
  fputc('\n', stderr);
  if (buf != small)
    free(buf);
}

int cli_usage_error(const char *command, const char *fmt, ...) {
  char prefix[64];
  snprintf(prefix, sizeof prefix, "nps-stat %s: ", command);
  va_list ap;
  va_start(ap, fmt);
  vmessage(prefix, fmt, ap);
  va_end(ap);
  fprintf(stderr, "Try 'nps-stat %s --help'.\n", command);
  return EXIT_USAGE;
}

int cli_stdin_once(const char *command, char *const *paths, int n) {
  int seen = 0;
  for (int i = 0; i < n; i++)
    seen += strcmp(paths[i], "-") == 0;
  if (seen < 2)
    return 0;
  return cli_usage_error(command,
                         "standard input ('-') given %d times: it "
                         "can be read once",
                         seen);
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("nps-stat: ", fmt, ap);
  va_end(ap);
}

int cli_out_of_memory(void) {
  cli_error("%s", nps_strerror(NPS_ENOMEM));
  return EXIT_IO;
}

void cli_warn(const cli_common *c, const char *fmt, ...) {
  if (c->quiet)
    return;
  va_list ap;
  va_start(ap, fmt);
  vmessage("nps-stat: warning: ", fmt, ap);
  va_end(ap);
}

/* strtoull with an end-pointer check: digits only, no sign. */
static int parse_u64(const char *s, uint64_t *out) {
  if (!s || *s < '0' || *s > '9')
    return -1;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end)
    return -1;
  *out = (uint64_t)v;
  return 0;
}

static int parse_level(const char *s, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  /* 0.5 to 0.9999: every level prints exactly with %g as a percentage,
   * and an interval below 50% is not a confidence statement anyone asks
   * for */
  if (errno || end == s || *end || !(v >= 0.5 && v <= 0.9999))
    return -1;
  *out = v;
  return 0;
}

/* "--" NAME with the per-file prefix of c (--b-skip-rows), for messages. */
static const char *flag(const cli_common *c, const char *name, char *buf,
                        size_t size) {
  snprintf(buf, size, "--%s%s", c->prefix ? c->prefix : "", name);
  return buf;
}

/* Splits a comma-separated list into out (at most CLI_MAX_LIST items);
 * the pieces are copies owned by c. Returns the count, -1 when there are
 * too many, or -2 when out of memory. */
static int split_list(cli_common *c, const char *arg, const char **out) {
  if (c->n_owned == sizeof c->owned / sizeof c->owned[0])
    return -1;
  char *copy = strdup(arg);
  if (!copy)
    return -2;
  c->owned[c->n_owned++] = copy;
  int n = 0;
  for (char *p = copy;; n++) {
    if (n == CLI_MAX_LIST)
      return -1;
    char *comma = strchr(p, ',');
    out[n] = p;
    if (!comma)
      return n + 1;
    *comma = '\0';
    p = comma + 1;
  }
}

static int add_filter(cli_common *c, const char *arg, int exclude) {
  char buf[32];
  const char *opt = flag(c, exclude ? "exclude" : "where", buf, sizeof buf);
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg)
    return cli_usage_error(c->command,
                           "%s wants COL=VALUE[,VALUE...], not '%s'", opt, arg);
  size_t i = c->csv.n_filters;
  if (i == CLI_MAX_LIST)
    return cli_usage_error(c->command, "too many %s options", opt);
  int n = split_list(c, eq + 1, c->filter_values[i]);
  char *column = strndup(arg, (size_t)(eq - arg));
  if (n == -2 || (n >= 0 && !column)) {
    free(column);
    return cli_out_of_memory();
  }
  if (n < 0 || c->n_owned == sizeof c->owned / sizeof c->owned[0]) {
    free(column);
    return cli_usage_error(c->command, "%s: too many values", opt);
  }
  c->owned[c->n_owned++] = column;
  c->filters[i] =
      (nps_csvin_filter){column, c->filter_values[i], (size_t)n, exclude};
  c->csv.filters = c->filters;
  c->csv.n_filters = i + 1;
  return 0;
}

static int set_delimiter(cli_common *c, const char *arg) {
  char buf[32];
  if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
    c->csv.delimiter = '\t';
  else if (strlen(arg) == 1 && strchr(",;\t|", arg[0]))
    c->csv.delimiter = arg[0];
  else
    return cli_usage_error(c->command,
                           "%s must be ',', ';', '|' or 'tab', not '%s'",
                           flag(c, "delimiter", buf, sizeof buf), arg);
  return 0;
}

static int set_format(cli_common *c, const char *arg) {
  static const struct {
    const char *name;
    cli_format format;
  } formats[] = {{"table", FORMAT_TABLE},
                 {"csv", FORMAT_CSV},
                 {"json", FORMAT_JSON},
                 {"markdown", FORMAT_MARKDOWN},
                 {"counts", FORMAT_COUNTS}};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    if (strcmp(arg, formats[i].name) == 0) {
      if (formats[i].format == FORMAT_COUNTS && !cli_counts_command(c->command))
        return cli_usage_error(c->command,
                               "--format counts is for summary, segments and "
                               "trend (the histograms they read)");
      c->format = formats[i].format;
      return 0;
    }
  }
  return cli_usage_error(c->command,
                         "--format must be table, csv, json, markdown or "
                         "counts, not '%s'",
                         arg);
}

int cli_number_option(const cli_common *c, const char *opt, const char *arg,
                      uint64_t min, uint64_t *out) {
  if (parse_u64(arg, out) == 0 && *out >= min)
    return 0;
  return cli_usage_error(c->command,
                         "%s wants a whole number >= %llu, not '%s'", opt,
                         (unsigned long long)min, arg);
}

int cli_order_option(cli_common *c, const char *arg) {
  nps_order_by by;
  if (!strchr(arg, ',') && nps_order_parse(arg, &by) == NPS_OK) {
    c->order = (nps_order){by, NULL, 0};
    return 0;
  }
  int n = *arg ? split_list(c, arg, c->order_values) : -1;
  if (n == -2)
    return cli_out_of_memory();
  if (n < 0)
    return cli_usage_error(c->command,
                           "--order wants nps, n, name, natural, file or a "
                           "list of values a,b,c, not '%s'",
                           arg);
  c->order = (nps_order){NPS_ORDER_VALUES, c->order_values, (size_t)n};
  return 0;
}

/* The message for an option getopt refused. A short option is reported
 * with the argument it stands in, which may be a file name beginning with
 * '-'; getopt has not always moved past that argument, so it is found by
 * its letter. */
static int bad_option(const cli_common *c, int argc, char **argv) {
  if (optopt > 0 && optopt < 256) {
    for (int i = 1; i < argc; i++)
      if (argv[i][0] == '-' && argv[i][1] == optopt && !argv[i][2])
        return cli_usage_error(c->command, "unknown option '-%c'", optopt);
      else if (argv[i][0] == '-' && argv[i][1] != '-' &&
               strchr(argv[i], optopt))
        return cli_usage_error(c->command,
                               "unknown option '-%c' in '%s' (a file whose "
                               "name begins with '-' goes after '--', or as "
                               "'./%s')",
                               optopt, argv[i], argv[i]);
  }
  return cli_usage_error(c->command, "unknown or incomplete option '%s'",
                         argv[optind - 1]);
}

int cli_parse_options(int argc, char **argv, const struct option *options,
                      cli_common *c, void (*help)(void), cli_option_fn own,
                      void *ctx) {
  if (cli_listing_options) {
    cli_print_options(options);
    return -1;
  }
  opterr = 0;
  int opt;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (opt == 'h' || opt == OPT_HELP) {
      help();
      return -1;
    }
    if (opt == '?' || opt == ':')
      return bad_option(c, argc, argv);
    int rc = own ? own(ctx, opt, optarg) : -1;
    if (rc == -1)
      rc = cli_common_option(c, opt, optarg);
    if (rc)
      return rc;
  }
  return cli_outputs_check(c);
}

static int set_na_values(cli_common *c, const char *arg) {
  char buf[32];
  int n = *arg ? split_list(c, arg, c->na) : 0;
  if (n == -2)
    return cli_out_of_memory();
  if (n < 0)
    return cli_usage_error(c->command, "%s: too many",
                           flag(c, "na-values", buf, sizeof buf));
  c->csv.na_values = c->na;
  c->csv.n_na_values = (size_t)n;
  return 0;
}

static int set_input(cli_common *c, const char *arg) {
  char buf[32];
  if (strcmp(arg, "raw") == 0)
    c->csv.input = NPS_INPUT_RAW;
  else if (strcmp(arg, "counts") == 0)
    c->csv.input = NPS_INPUT_COUNTS;
  else
    return cli_usage_error(c->command, "%s must be raw or counts",
                           flag(c, "input", buf, sizeof buf));
  return 0;
}

int cli_reader_option(cli_common *c, int opt, const char *arg) {
  char buf[32];
  switch (opt) {
  case OPT_SCORE:
    c->csv.score_column = arg;
    return 0;
  case OPT_DELIMITER:
    return set_delimiter(c, arg);
  case OPT_SKIP_ROWS:
    return cli_number_option(c, flag(c, "skip-rows", buf, sizeof buf), arg, 0,
                             &c->csv.skip_rows);
  case OPT_NA_VALUES:
    return set_na_values(c, arg);
  case OPT_SKIP_INVALID:
    c->csv.skip_invalid = 1;
    return 0;
  case OPT_SCORE_LABELS:
    c->csv.score_labels = 1;
    return 0;
  case OPT_WHERE:
    return add_filter(c, arg, 0);
  case OPT_EXCLUDE:
    return add_filter(c, arg, 1);
  case OPT_INPUT:
    return set_input(c, arg);
  default:
    return -1;
  }
}

int cli_common_option(cli_common *c, int opt, const char *arg) {
  uint64_t v = 0;
  int n = cli_reader_option(c, opt, arg);
  if (n != -1)
    return n;
  switch (opt) {
  case OPT_CI:
    if (nps_ci_method_parse(arg, &c->ci) == NPS_OK)
      return 0;
    return cli_usage_error(c->command,
                           "--ci must be bayes, adjusted-wald, wald, score, "
                           "percentile or bca, not '%s'",
                           arg);
  case OPT_LEVEL:
    if (parse_level(arg, &c->level) == 0)
      return 0;
    return cli_usage_error(c->command,
                           "--level wants a number from 0.5 to 0.9999, such "
                           "as 0.95, not '%s'",
                           arg);
  case OPT_BOOT:
    if (cli_number_option(c, "--boot", arg, 100, &v))
      return EXIT_USAGE;
    if (v > 100000000)
      return cli_usage_error(c->command, "--boot: at most 100000000");
    c->boot = (size_t)v;
    return 0;
  case OPT_SEED:
    if (cli_number_option(c, "--seed", arg, 0, &v))
      return EXIT_USAGE;
    c->seed = (unsigned long)v;
    c->seed_given = 1;
    return 0;
  case OPT_FORMAT:
    return set_format(c, arg);
  case OPT_OUTPUT:
    c->output = arg;
    cli_output_name(c, "--output", arg);
    return 0;
  case OPT_MIN_N:
    return cli_number_option(c, "--min-n", arg, 0, &c->min_n);
  case OPT_THREADS:
    if (cli_number_option(c, "--threads", arg, 1, &v))
      return EXIT_USAGE;
    if (v > CLI_MAX_THREADS)
      return cli_usage_error(c->command, "--threads: at most %d",
                             CLI_MAX_THREADS);
    c->csv.threads = (unsigned)v;
    return 0;
  case OPT_MAX_GROUPS:
    if (cli_number_option(c, "--max-groups", arg, 1, &v))
      return EXIT_USAGE;
    c->max_groups = (size_t)v;
    return 0;
  case OPT_QUIET:
    c->quiet = 1;
    return 0;
  case OPT_PLOT:
    if (cli_chart_name(c->command, "--plot", arg, "chart.gp"))
      return EXIT_USAGE;
    c->plot = arg;
    cli_output_name(c, "--plot", arg);
    return 0;
  case OPT_TITLE:
  case OPT_SUBTITLE:
  case OPT_SIZE:
  case OPT_CHART_STYLE:
  case OPT_THEME:
    return cli_chart_option(c, opt, arg);
  case OPT_RENDER:
    if (nps_plot_format_parse(arg, &c->render_format) != NPS_OK)
      return cli_usage_error(c->command,
                             "--render must be png, svg or pdf, not '%s'", arg);
    c->render = 1;
    return 0;
  case OPT_BY:
    n = split_list(c, arg, c->by);
    if (n == -2)
      return cli_out_of_memory();
    if (n < 0)
      return cli_usage_error(c->command, "--by: too many columns");
    c->n_by = (size_t)n;
    c->csv.group_columns = c->by;
    c->csv.n_group_columns = c->n_by;
    return 0;
  default:
    return -1;
  }
}

int cli_period_arg(const cli_common *c, const char *arg, nps_period *out) {
  if (nps_period_parse(arg, out) == NPS_OK)
    return 0;
  return cli_usage_error(c->command,
                         "--period must be day, week, month, quarter or "
                         "year, not '%s'",
                         arg);
}

int cli_date_format_arg(const cli_common *c, const char *arg) {
  if (nps_date_format_check(arg) == NPS_OK)
    return 0;
  return cli_usage_error(c->command,
                         "--date-format '%s': use %%d, %%m and %%Y (or "
                         "%%y) once each, %%H %%M %%S, %%%% and literal "
                         "text",
                         arg);
}

int cli_split_pair(cli_common *c, const char *opt, const char *arg,
                   const char *out[2]) {
  const char *comma = strchr(arg, ',');
  if (!comma || comma == arg || !comma[1] || strchr(comma + 1, ','))
    return cli_usage_error(c->command, "%s wants two names A,B, not '%s'", opt,
                           arg);
  if (c->n_owned + 2 > sizeof c->owned / sizeof c->owned[0])
    return cli_usage_error(c->command, "%s: too many lists", opt);
  char *a = strndup(arg, (size_t)(comma - arg)), *b = strdup(comma + 1);
  if (!a || !b) {
    free(a);
    free(b);
    return cli_usage_error(c->command, "%s: out of memory", opt);
  }
  c->owned[c->n_owned++] = a;
  c->owned[c->n_owned++] = b;
  out[0] = a;
  out[1] = b;
  return 0;
}

size_t cli_file_stem(const char *path, const char **stem) {
  const char *base = strrchr(path, '/');
  base = base && base[1] ? base + 1 : path;
  size_t len = strlen(base);
  const char *dot = strrchr(base, '.');
  if (dot && dot != base &&
      (strcmp(dot, ".csv") == 0 || strcmp(dot, ".tsv") == 0 ||
       strcmp(dot, ".txt") == 0 || strcmp(dot, ".CSV") == 0))
    len = (size_t)(dot - base);
  *stem = base;
  return len;
}
