/*
 * trend_chart.c - the chart of `nps-stat trend`: NPS per period with its
 * interval band, the control limits, flagged periods and n per period
 * (nps_plot_trend); the slope in the note.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trend_view.h"

static nps_plot_period plot_period(const nps_trend_point *p) {
  nps_plot_period q = {p->label,   strlen(p->label), p->counts,
                       {NAN, NAN}, {NAN, NAN},       NPS_PLOT_PLAIN};
  if (p->has_ci)
    q.ci = p->ci.iv;
  if (p->has_limits)
    q.limits = p->limits;
  if (p->out_of_control)
    q.mark = NPS_PLOT_STANDS_OUT;
  else if (p->base == NPS_BASE_BELOW)
    q.mark = NPS_PLOT_SMALL;
  return q;
}

/* The note: the slope and what the control limits are. */
static void chart_note(const trend_view *s, char *note, size_t size) {
  const nps_trend *r = s->res;
  const nps_trend_slope *sl = &r->slope;
  note[0] = '\0';
  if (sl->tested) {
    char b[32], p[32];
    cli_signed_points(b, sizeof b, sl->per_year);
    cli_fmt_p_phrase(p, sizeof p, sl->p);
    cli_append(note, size, "trend %s points/year (%s)", b, p);
  }
  if (r->has_center)
    cli_append(note, size, "%slimits ±%g SE (%s)", sl->tested ? " · " : "",
               NPS_TREND_SIGMAS, r->options.baseline ? "baseline" : "long-run");
  cli_append(note, size, " · %zu outside", r->n_out);
}

nps_status trend_write_chart(FILE *fp, const nps_plot_target *t,
                             const void *ctx) {
  const trend_view *s = ctx;
  const cli_common *c = s->opt;
  const nps_trend *r = s->res;
  nps_plot_period *p = malloc(r->n_points * sizeof *p);
  if (!p)
    return NPS_ENOMEM;
  for (size_t i = 0; i < r->n_points; i++)
    p[i] = plot_period(&r->points[i]);
  char title[512], note[512];
  snprintf(title, sizeof title, "NPS by %s",
           nps_period_name(r->options.period));
  chart_note(s, note, sizeof note);
  nps_plot_info info = {title,
                        strcmp(s->path, "-") ? s->path : "standard input",
                        nps_ci_method_label(c->ci),
                        c->level,
                        cli_is_boot(c->ci) ? c->boot : 0,
                        c->seed,
                        note};
  nps_status st = nps_plot_trend(fp, t, &info, p, r->n_points,
                                 r->has_center ? r->center : NAN);
  free(p);
  return st;
}
