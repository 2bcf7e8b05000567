/*
 * trend_chart.c - the chart of `nps-stat trend`: NPS per period with its
 * interval band, the control limits, flagged periods and n per period
 * (nps_plot_trend), partial periods marked; the slope per period and over
 * the span in the note.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_opts.h"
#include "common.h"
#include "output.h"
#include "trend_view.h"

static nps_plot_period plot_period(const nps_trend_point *p) {
  nps_plot_period q = {p->label,   strlen(p->label), p->counts, {NAN, NAN},
                       {NAN, NAN}, NPS_PLOT_PLAIN,   p->partial};
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

/* The segments drawn: the NPS_PLOT_TREND_MAX_LINES largest (ties in
 * first-seen order), in first-seen order. */
static size_t pick_segments(const nps_trend *r, size_t *pick) {
  size_t k = 0;
  for (size_t i = 0; i < r->n_segments; i++) {
    uint64_t n = nps_counts_total(&r->segments[i]->total);
    size_t at = k;
    while (at > 0 && nps_counts_total(&r->segments[pick[at - 1]]->total) < n)
      at--;
    if (at >= NPS_PLOT_TREND_MAX_LINES)
      continue;
    if (k < NPS_PLOT_TREND_MAX_LINES)
      k++;
    memmove(&pick[at + 1], &pick[at], (k - 1 - at) * sizeof *pick);
    pick[at] = i;
  }
  /* back to first-seen order */
  for (size_t i = 1; i < k; i++)
    for (size_t j = i; j > 0 && pick[j - 1] > pick[j]; j--) {
      size_t x = pick[j];
      pick[j] = pick[j - 1];
      pick[j - 1] = x;
    }
  return k;
}

/* The note: the slope and what the control limits are. */
static void chart_note(const trend_view *s, char *note, size_t size) {
  const nps_trend *r = s->res;
  const nps_trend_slope *sl = &r->slope;
  note[0] = '\0';
  if (sl->tested) {
    char b[32], d[32], p[32];
    cli_signed_points(b, sizeof b, sl->per_period);
    cli_signed_points(d, sizeof d, sl->change);
    cli_fmt_p_phrase(p, sizeof p, sl->p);
    cli_append(note, size, "trend %s/%s, %s over %g %s%s (%s)", b,
               nps_period_name(r->options.period), d, sl->span,
               nps_period_name(r->options.period), sl->span == 1 ? "" : "s", p);
  }
  if (r->has_center)
    cli_append(note, size, "%s±%g SE %slimits", sl->tested ? " · " : "",
               NPS_TREND_SIGMAS, r->options.baseline ? "baseline " : "");
  cli_append(note, size, " · %zu outside", r->n_out);
  if (r->n_segments > NPS_PLOT_TREND_MAX_LINES)
    cli_append(note, size, " · largest %d of %zu segments",
               NPS_PLOT_TREND_MAX_LINES, r->n_segments);
}

/* The segment lines: periods and display names (malloc'ed, in names[]). */
static nps_status segment_lines(const nps_trend *r, nps_plot_trend_line *lines,
                                nps_plot_period *store, char **names,
                                size_t *n_lines) {
  size_t pick[NPS_PLOT_TREND_MAX_LINES];
  *n_lines = pick_segments(r, pick);
  for (size_t l = 0; l < *n_lines; l++) {
    const nps_trend *q = r->segments[pick[l]];
    names[l] = cli_display_key(q->segment, q->segment_len);
    if (!names[l])
      return NPS_ENOMEM;
    nps_plot_period *p = &store[l * r->n_points];
    for (size_t i = 0; i < q->n_points; i++) {
      p[i] = plot_period(&q->points[i]);
      p[i].partial = 0; /* marked on the main series */
    }
    lines[l] = (nps_plot_trend_line){names[l], strlen(names[l]), p};
  }
  return NPS_OK;
}

nps_status trend_write_chart(FILE *fp, const nps_plot_target *t,
                             const void *ctx) {
  const trend_view *s = ctx;
  const cli_common *c = s->opt;
  const nps_trend *r = s->res;
  size_t n_lines = 0, m = r->n_segments < NPS_PLOT_TREND_MAX_LINES
                              ? r->n_segments
                              : NPS_PLOT_TREND_MAX_LINES;
  nps_plot_period *p = malloc((m + 1) * r->n_points * sizeof *p);
  nps_plot_trend_line lines[NPS_PLOT_TREND_MAX_LINES];
  char *names[NPS_PLOT_TREND_MAX_LINES] = {0};
  if (!p)
    return NPS_ENOMEM;
  nps_status st = segment_lines(r, lines, p + r->n_points, names, &n_lines);
  for (size_t i = 0; i < r->n_points; i++)
    p[i] = plot_period(&r->points[i]);
  char title[512], note[512], sub[256];
  snprintf(title, sizeof title, "NPS by %s",
           nps_period_name(r->options.period));
  for (size_t i = 0; i < c->n_by; i++)
    cli_append(title, sizeof title, "%s%s", i ? ", " : " and ", c->by[i]);
  chart_note(s, note, sizeof note);
  nps_plot_info info = cli_chart_base(c, s->path, title);
  info.note = note;
  cli_chart_info(c, &info, sub, sizeof sub);
  if (st == NPS_OK)
    st = nps_plot_trend(fp, t, &info, p, r->n_points,
                        r->has_center ? r->center : NAN, lines, n_lines);
  for (size_t l = 0; l < NPS_PLOT_TREND_MAX_LINES; l++)
    free(names[l]);
  free(p);
  return st;
}
