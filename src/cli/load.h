/*
 * load.h - reading one data set into a group table, with file:line
 * messages (load.c).
 */
#ifndef NPS_CLI_LOAD_H
#define NPS_CLI_LOAD_H

#include <stddef.h>

#include "nps/nps.h"

#include "common.h"

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

#endif
