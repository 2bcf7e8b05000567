/*
 * segments_chart.c - the chart of `nps-stat segments`: every segment's NPS
 * with its interval and shares (the largest segments when there are many),
 * the overall row below a rule, and the answer of the tests in the note.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_opts.h"
#include "common.h"
#include "output.h"
#include "segments_view.h"

typedef struct ranked {
  uint64_t n;
  size_t index;
} ranked;

static int by_n_desc(const void *pa, const void *pb) {
  const ranked *a = pa, *b = pb;
  if (a->n != b->n)
    return a->n > b->n ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

static nps_plot_group plot_group(const segments_view *s, size_t i) {
  const nps_segments_row *r = &s->res->rows[i];
  nps_plot_group g = {
      s->names[i], strlen(s->names[i]), r->counts, {NAN, NAN}, NPS_PLOT_PLAIN};
  if (r->has_ci)
    g.ci = r->ci.iv;
  if (r->base == NPS_BASE_BELOW)
    g.mark = NPS_PLOT_SMALL;
  else if (r->vs_rest.verdict.significant)
    g.mark = NPS_PLOT_STANDS_OUT;
  return g;
}

/* The note under the title (at most 80 characters are shown): the segments that
 * stand out (dark; bright on the dark theme's background), small bases
 * (faint), what is left out. */
static void chart_note(const segments_view *s, nps_plot_theme theme,
                       size_t shown, size_t with, char *note, size_t size) {
  const nps_segments *res = s->res;
  note[0] = '\0';
  size_t above = 0, below = 0;
  for (size_t i = 0; i + 1 < res->n_rows; i++) {
    const nps_verdict *v = &res->rows[i].vs_rest.verdict;
    above += v->significant && v->direction > 0;
    below += v->significant && v->direction < 0;
  }
  cli_append(note, size, "%zu above, %zu below the rest (%s)", above, below,
             theme == NPS_PLOT_DARK ? "bright" : "dark");
  if (res->n_small)
    cli_append(note, size, " · %zu small (faint)", res->n_small);
  if (shown < with)
    cli_append(note, size, " · largest %zu of %zu", shown, with);
}

nps_status segments_write_chart(FILE *fp, const nps_plot_target *t,
                                const void *ctx) {
  const segments_view *s = ctx;
  const cli_common *c = s->opt;
  const nps_segments *res = s->res;
  size_t k = res->n_rows - 1, with = 0;
  ranked *order = malloc((k ? k : 1) * sizeof *order);
  nps_plot_group *groups = malloc((k ? k : 1) * sizeof *groups);
  if (!order || !groups) {
    free(order);
    free(groups);
    return NPS_ENOMEM;
  }
  for (size_t i = 0; i < k; i++)
    if (res->rows[i].est.n > 0)
      order[with++] = (ranked){res->rows[i].est.n, i};
  qsort(order, with, sizeof *order, by_n_desc);
  size_t shown = with < SEGMENTS_CHART_MAX ? with : SEGMENTS_CHART_MAX;
  for (size_t i = 0; i < shown; i++)
    groups[i] = plot_group(s, order[i].index);
  nps_plot_group overall = plot_group(s, k);
  char title[512], note[512], sub[256], p[32];
  snprintf(title, sizeof title, "NPS by ");
  for (size_t i = 0; i < c->n_by; i++)
    cli_append(title, sizeof title, "%s%s", i ? ", " : "", c->by[i]);
  if (res->answer != NPS_SEGMENTS_NOT_COMPARED) {
    cli_chart_p(p, sizeof p, res->omnibus_verdict.p);
    cli_append(title, sizeof title, ": %s (%s)",
               res->answer == NPS_SEGMENTS_DIFFER ? "the segments differ"
               : res->answer == NPS_SEGMENTS_DIFFER_OVERALL
                   ? "they differ overall, none stands out"
                   : "no significant difference",
               p);
  }
  chart_note(s, t->theme, shown, with, note, sizeof note);
  nps_plot_info info = cli_chart_base(c, s->path, title);
  info.note = note;
  cli_chart_info(c, &info, sub, sizeof sub);
  nps_status st = nps_plot_segments(fp, t, &info, groups, shown, &overall);
  free(order);
  free(groups);
  return st;
}
