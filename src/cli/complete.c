/*
 * complete.c - the hidden `nps-stat --complete` mode behind the shell
 * completions (completions/): the long options of a command, read from the
 * option table its parser uses, and the column names of a CSV file's header.
 *
 * Column names are data: they are printed one per line for the completion
 * script to quote, never for a shell to evaluate. A name the shell could
 * not take as one word of one line (a control character, an empty name) is
 * offered by its position, #N, which every column option accepts.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "common.h"
#include "complete.h"

int cli_listing_options;

void cli_print_options(const struct option *options) {
  for (size_t i = 0; options[i].name; i++)
    printf("--%s%s\n", options[i].name, options[i].has_arg ? "=" : "");
}

/* Prints one header name (trimmed by the reader), or #N when it cannot be
 * offered as text. */
static void put_name(const char *s, size_t n, void *ctx) {
  size_t *column = ctx;
  int plain = n > 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
      plain = 0;
  ++*column;
  if (plain)
    printf("%.*s\n", (int)n, s);
  else
    printf("#%zu\n", *column);
}

static void columns_help(void) {
  puts("Usage: nps-stat --complete columns FILE [DELIMITER | READER OPTIONS]");
}

/* The options after FILE: those of the command line being completed that
 * change how the file is read (--delimiter D, --skip-rows N, ...), parsed
 * as a command parses them, or one bare DELIMITER. 0, or the exit status
 * of a bad value or an operand; -1 after --help. */
static int column_options(cli_common *c, int argc, char **argv) {
  static const struct option options[] = {CLI_COMMON_OPTIONS, {0, 0, 0, 0}};
  if (argc == 2 && strncmp(argv[1], "--", 2) != 0)
    return cli_reader_option(c, OPT_DELIMITER, argv[1]);
  optind = 1;
  int st = cli_parse_options(argc, argv, options, c, columns_help, NULL, NULL);
  if (st == 0 && optind < argc)
    st = cli_usage_error(c->command, "unexpected operand '%s'", argv[optind]);
  return st;
}

/* The header names of a regular file as the reader takes them with the
 * reader options given (the options are checked; a header that cannot be
 * read prints nothing). After --help, only the usage. */
static int print_columns(const char *path, int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "--complete columns");
  int st = column_options(&c, argc, argv);
  if (st < 0) {
    cli_common_free(&c);
    return EXIT_OK;
  }
  struct stat sb;
  FILE *fp = NULL;
  if (st == 0 && (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
                  !(fp = fopen(path, "rb"))))
    st = EXIT_IO;
  if (fp) {
    size_t column = 0;
    nps_status rs = nps_csvin_read_header(fp, &c.csv, put_name, &column, NULL);
    fclose(fp);
    st = rs == NPS_OK       ? EXIT_OK
         : rs == NPS_ENOMEM ? cli_out_of_memory()
         : rs == NPS_EIO    ? EXIT_IO
                            : EXIT_DATA;
  }
  cli_common_free(&c);
  return st;
}

int cli_complete(int argc, char **argv, int (*options)(const char *command)) {
  if (argc >= 2 && strcmp(argv[1], "options") == 0 && argc == 3)
    return options(argv[2]);
  if (argc >= 3 && strcmp(argv[1], "columns") == 0)
    return print_columns(argv[2], argc - 2, argv + 2);
  fputs("nps-stat: --complete commands | options COMMAND | columns FILE "
        "[DELIMITER | READER OPTIONS]\n",
        stderr);
  return EXIT_USAGE;
}
