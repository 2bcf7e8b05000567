/*
 * outfile.h - output files committed whole, the checks that keep outputs
 * from replacing inputs or each other, and the standard descriptors
 * (outfile.c).
 */
#ifndef NPS_CLI_OUTFILE_H
#define NPS_CLI_OUTFILE_H

#include <stdio.h>

#include "common.h"

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

/* Started with a standard descriptor (0, 1, 2) closed, the tool holds it
 * open on /dev/null, read-only for 1 and 2 and write-only for 0, so that no
 * file it opens takes its number (messages would land in an output file)
 * while using it still fails as on a closed descriptor. Call first. */
void cli_std_fds(void);

/* Nonzero when the tool started with standard error closed. */
int cli_stderr_closed(void);

#endif
