/*
 * report_svg.c - a chart as inline SVG for `nps-stat report`.
 *
 * The library writes the gnuplot script (labels only inside data blocks,
 * see plot.h); this file writes it into a private folder made by mkdtemp,
 * runs gnuplot there through cli_spawn_gnuplot: an argument vector (never a
 * shell), stops it after REPORT_SVG_TIMEOUT seconds, reads the image and
 * removes the folder. The image is checked before it is inlined: the
 * svg terminal without `mouse` writes no script and no link, so an image
 * holding one is refused rather than trusted.
 */
#define _GNU_SOURCE /* strcasestr */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render.h"
#include "report.h"

#define REPORT_SVG_TIMEOUT 60          /* seconds per chart */
#define REPORT_SVG_MAX     (64u << 20) /* bytes of one image */

typedef struct svg_dir {
  char dir[4096];
  char script[4200];
  char image[4200];
} svg_dir;

static int make_dir(svg_dir *d) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp || strlen(tmp) > 4000)
    tmp = "/tmp";
  snprintf(d->dir, sizeof d->dir, "%s/nps-report-XXXXXX", tmp);
  if (!mkdtemp(d->dir))
    return -1;
  snprintf(d->script, sizeof d->script, "%s/chart.gp", d->dir);
  snprintf(d->image, sizeof d->image, "%s/chart.svg", d->dir);
  return 0;
}

static void remove_dir(const svg_dir *d) {
  unlink(d->script);
  unlink(d->image);
  rmdir(d->dir);
}

/* Writes the script; NPS_OK or the writer's status. */
static nps_status write_script(const svg_dir *d, nps_plot_theme theme,
                               cli_plot_writer write, const void *ctx) {
  FILE *fp = fopen(d->script, "w");
  if (!fp)
    return NPS_EIO;
  nps_plot_target target = {
      .format = NPS_PLOT_SVG, .output = "chart.svg", .theme = theme};
  nps_status st = write(fp, &target, ctx);
  if (fclose(fp) != 0 && st == NPS_OK)
    st = NPS_EIO;
  return st;
}

/* Reads the image whole; NULL when it is missing, empty or too large, or
 * (*nomem set) when out of memory. */
static char *read_image(const char *path, size_t *len, int *nomem) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return NULL;
  struct stat st;
  char *buf = NULL;
  if (fstat(fileno(fp), &st) == 0 && st.st_size > 0 &&
      (unsigned long long)st.st_size < REPORT_SVG_MAX) {
    if ((buf = malloc((size_t)st.st_size + 1))) {
      *len = fread(buf, 1, (size_t)st.st_size, fp);
      buf[*len] = '\0';
    } else
      *nomem = 1;
  }
  fclose(fp);
  return buf;
}

/* The <svg> element of an image, moved to the start of buf; -1 when there
 * is none or it holds something that could run or load. */
static int keep_svg(char *buf, size_t *len) {
  static const char *const refused[] = {"<script", "<foreignobject",
                                        "javascript:", "<iframe", "<image"};
  char *start = strstr(buf, "<svg");
  char *end = start ? strstr(start, "</svg>") : NULL;
  if (!end)
    return -1;
  end += strlen("</svg>");
  *end = '\0';
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
    if (strcasestr(start, refused[i]))
      return -1;
  /* gnuplot's point symbols are <use xlink:href='#gpPt6'>: only links
   * inside the image are kept */
  for (const char *h = strcasestr(start, "href="); h;
       h = strcasestr(h + 5, "href="))
    if ((h[5] != '\'' && h[5] != '"') || h[6] != '#')
      return -1;
  *len = (size_t)(end - start);
  memmove(buf, start, *len + 1);
  return 0;
}

static report_svg_status failed(const svg_dir *d, char *why, size_t size,
                                report_svg_status st, const char *fmt,
                                const char *arg) {
  snprintf(why, size, fmt, arg);
  remove_dir(d);
  return st;
}

report_svg_status report_svg(nps_plot_theme theme, cli_plot_writer write,
                             const void *ctx, char **svg, size_t *len,
                             char *why, size_t size) {
  *svg = NULL;
  *len = 0;
  svg_dir d;
  if (make_dir(&d) != 0) {
    snprintf(why, size, "cannot make a temporary folder: %s", strerror(errno));
    return REPORT_SVG_FAILED;
  }
  nps_status st = write_script(&d, theme, write, ctx);
  if (st == NPS_EINVAL)
    return failed(&d, why, size, REPORT_SVG_NOTHING, "%s", "nothing to chart");
  if (st == NPS_ENOMEM)
    return failed(&d, why, size, REPORT_SVG_NOMEM, "%s", nps_strerror(st));
  if (st != NPS_OK)
    return failed(&d, why, size, REPORT_SVG_FAILED,
                  "cannot write the chart script: %s", nps_strerror(st));
  const char *prog = getenv("NPS_STAT_GNUPLOT");
  if (!prog || !*prog)
    prog = "gnuplot";
  int status =
      cli_spawn_gnuplot(prog, d.dir, "chart.gp", 1, REPORT_SVG_TIMEOUT);
  if ((status < 0 && errno == ENOENT) ||
      (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127))
    return failed(&d, why, size, REPORT_SVG_NO_GNUPLOT,
                  "%s not found (install gnuplot 5.4 or later, or name it "
                  "in NPS_STAT_GNUPLOT)",
                  prog);
  if (status < 0)
    return failed(&d, why, size, REPORT_SVG_FAILED, "cannot run gnuplot: %s",
                  strerror(errno));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return failed(&d, why, size, REPORT_SVG_FAILED, "%s failed", prog);
  int nomem = 0;
  char *buf = read_image(d.image, len, &nomem);
  if (nomem)
    return failed(&d, why, size, REPORT_SVG_NOMEM, "%s",
                  nps_strerror(NPS_ENOMEM));
  if (!buf || keep_svg(buf, len) != 0) {
    free(buf);
    return failed(&d, why, size, REPORT_SVG_FAILED, "%s",
                  "gnuplot wrote no usable SVG image");
  }
  remove_dir(&d);
  *svg = buf;
  return REPORT_SVG_OK;
}
