/*
 * render.h - chart scripts: writing them like --output, and running
 * gnuplot on them (render.c).
 */
#ifndef NPS_CLI_RENDER_H
#define NPS_CLI_RENDER_H

#include <stdio.h>

#include "nps/nps.h"

#include "common.h"
#include "outfile.h"

/* Writes one chart script to fp for target; ctx is the caller's data. */
typedef nps_status (*cli_plot_writer)(FILE *fp, const nps_plot_target *target,
                                      const void *ctx);

/* Checks the name given to a chart option flag (--plot, --plot-boot, ...):
 * not empty, not "-", no control characters. Returns 0, or EXIT_USAGE
 * after a message that shows example. */
int cli_chart_name(const char *command, const char *flag, const char *name,
                   const char *example);

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

#endif
