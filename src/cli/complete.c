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

/* The most frequent of ',', ';' and tab outside quotes in the first line
 * (',' when none occurs), as the reader sniffs it. */
static char sniff(const char *s, size_t n) {
  size_t count[3] = {0, 0, 0};
  int quoted = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"')
      quoted = !quoted;
    else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
      break;
    else if (!quoted && s[i] == ',')
      count[0]++;
    else if (!quoted && s[i] == ';')
      count[1]++;
    else if (!quoted && s[i] == '\t')
      count[2]++;
  }
  if (count[1] > count[0] && count[1] >= count[2])
    return ';';
  if (count[2] > count[0] && count[2] > count[1])
    return '\t';
  return ',';
}

/* Prints one header name, trimmed of spaces, or #N when it cannot be
 * offered as text. */
static void put_name(const char *s, size_t n, size_t column) {
  while (n && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  int plain = n > 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
      plain = 0;
  if (plain)
    printf("%.*s\n", (int)n, s);
  else
    printf("#%zu\n", column);
}

/* The header of a regular file: an optional BOM and sep= line, then the
 * first record, whose quoted cells may span lines. Reads at most 1 MiB. */
static int print_columns(const char *path, const char *delimiter) {
  enum { LIMIT = 1 << 20 };
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return EXIT_IO;
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return EXIT_IO;
  char *buf = malloc(LIMIT);
  size_t n = buf ? fread(buf, 1, LIMIT, fp) : 0;
  fclose(fp);
  if (!buf)
    return cli_out_of_memory();
  char *s = buf;
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
    s += 3, n -= 3;
  char delim = delimiter && strcmp(delimiter, "tab") == 0 ? '\t'
               : delimiter && strlen(delimiter) == 1      ? delimiter[0]
                                                          : 0;
  if (n >= 5 && strncmp(s, "sep=", 4) == 0) {
    if (!delim)
      delim = s[4];
    char *nl = memchr(s, '\n', n);
    size_t skip = nl ? (size_t)(nl - s) + 1 : n;
    s += skip, n -= skip;
  }
  if (!delim)
    delim = sniff(s, n);
  char *field = malloc(n + 1);
  if (!field) {
    free(buf);
    return cli_out_of_memory();
  }
  size_t len = 0, column = 1;
  int quoted = 0;
  for (size_t i = 0; i <= n; i++) {
    char ch = i < n ? s[i] : '\n';
    if (quoted) {
      if (ch == '"' && i + 1 < n && s[i + 1] == '"')
        field[len++] = '"', i++;
      else if (ch == '"')
        quoted = 0;
      else if (i < n)
        field[len++] = ch;
      else
        break; /* an unterminated quote: the names so far */
    } else if (ch == '"') {
      quoted = 1;
    } else if (ch == delim) {
      put_name(field, len, column++);
      len = 0;
    } else if (ch == '\n' || ch == '\r') {
      if (len || column > 1)
        put_name(field, len, column);
      break;
    } else {
      field[len++] = ch;
    }
  }
  free(field);
  free(buf);
  return EXIT_OK;
}

int cli_complete(int argc, char **argv, int (*options)(const char *command)) {
  if (argc >= 2 && strcmp(argv[1], "options") == 0 && argc == 3)
    return options(argv[2]);
  if (argc >= 2 && strcmp(argv[1], "columns") == 0 && (argc == 3 || argc == 4))
    return print_columns(argv[2], argc == 4 ? argv[3] : NULL);
  fputs("nps-stat: --complete commands | options COMMAND | columns FILE "
        "[DELIMITER]\n",
        stderr);
  return EXIT_USAGE;
}
