/*
 * chart_opts.c - the chart look options every charting command shares:
 * --title, --subtitle, --size WxH, --chart-style and --theme, and the
 * subtitle that states the row filters when the user gave none.
 *
 * Titles are untrusted text like the labels: they go into the chart's
 * info, and the library keeps them inside the script's data block.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chart_opts.h"
#include "common.h"
#include "output.h"

/* Parses "WxH" with both between 200 and 10000. */
static int parse_size(const char *arg, int *w, int *h) {
  char *end;
  errno = 0;
  long a = strtol(arg, &end, 10);
  if (errno || end == arg || (*end != 'x' && *end != 'X'))
    return -1;
  const char *rest = end + 1;
  long b = strtol(rest, &end, 10);
  if (errno || end == rest || *end || a < 200 || a > 10000 || b < 200 ||
      b > 10000)
    return -1;
  *w = (int)a;
  *h = (int)b;
  return 0;
}

int cli_chart_option(cli_common *c, int opt, const char *arg) {
  switch (opt) {
  case OPT_TITLE:
    c->title = arg;
    return 0;
  case OPT_SUBTITLE:
    c->subtitle = arg;
    return 0;
  case OPT_SIZE:
    if (parse_size(arg, &c->width, &c->height))
      return cli_usage_error(c->command,
                             "--size wants WIDTHxHEIGHT in pixels, each 200 "
                             "to 10000, such as 1280x720, not '%s'",
                             arg);
    return 0;
  case OPT_CHART_STYLE:
    if (nps_plot_style_parse(arg, &c->style) != NPS_OK)
      return cli_usage_error(
          c->command, "--chart-style must be dots or bars, not '%s'", arg);
    return 0;
  case OPT_THEME:
    if (nps_plot_theme_parse(arg, &c->theme) != NPS_OK)
      return cli_usage_error(
          c->command, "--theme must be light, dark or print, not '%s'", arg);
    return 0;
  default:
    return -1;
  }
}

void cli_chart_p(char *buf, size_t size, double p) {
  if (p < 0.001)
    snprintf(buf, size, "p < 0.001");
  else
    snprintf(buf, size, p < 0.1 ? "p = %.3f" : "p = %.2f", p);
}

/* Appends "COL = V1, V2" to buf. */
static void put_filter(char *buf, size_t size, const nps_csvin_filter *f) {
  cli_append(buf, size, "%s = ", f->column);
  for (size_t k = 0; k < f->n_values; k++)
    cli_append(buf, size, "%s%s", k ? " or " : "", f->values[k]);
}

void cli_filter_words(const cli_common *c, char *buf, size_t size) {
  buf[0] = '\0';
  const char *sep = "";
  for (size_t i = 0; i < c->csv.n_filters; i++) {
    const nps_csvin_filter *f = &c->csv.filters[i];
    cli_append(buf, size, "%s%s", sep, f->exclude ? "without " : "");
    put_filter(buf, size, f);
    if (!f->exclude)
      cli_append(buf, size, " only");
    sep = " · ";
  }
}

nps_plot_info cli_chart_base(const cli_common *c, const char *path,
                             const char *title) {
  nps_plot_info info = {.title = title,
                        .source = !path || strcmp(path, "-") ? path
                                                             : "standard input",
                        .method = nps_ci_method_label(c->ci),
                        .level = c->level,
                        .replicates = cli_is_boot(c->ci) ? c->boot : 0,
                        .seed = c->seed};
  return info;
}

void cli_chart_info(const cli_common *c, nps_plot_info *info, char *sub,
                    size_t size) {
  if (c->title)
    info->title = c->title;
  if (c->subtitle) {
    info->subtitle = c->subtitle;
    return;
  }
  cli_filter_words(c, sub, size);
  if (sub[0])
    info->subtitle = sub;
}
