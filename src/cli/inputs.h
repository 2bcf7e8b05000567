/*
 * inputs.h - the files of a data set: paths, "-" and directories of part
 * files (inputs.c).
 */
#ifndef NPS_CLI_INPUTS_H
#define NPS_CLI_INPUTS_H

#include <stddef.h>

#include "common.h"

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

#endif
