/*
 * summary_chart.c - the charts of `nps-stat summary`: NPS per group with
 * intervals and shares (the largest groups), and the histogram of the
 * overall bootstrap replicates that the analysis kept.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_opts.h"
#include "cli.h"
#include "common.h"
#include "output.h"
#include "present.h"
#include "summary_view.h"

#define CHART_MAX_GROUPS 40 /* more rows make an unreadable chart */

static int by_n_desc(const void *pa, const void *pb) {
  const nps_summary_row *a = *(const nps_summary_row *const *)pa;
  const nps_summary_row *b = *(const nps_summary_row *const *)pb;
  if (a->est.n != b->est.n)
    return a->est.n > b->est.n ? -1 : 1;
  return a < b ? -1 : a > b;
}

static nps_plot_group plot_group(const nps_summary_row *r, const char *label) {
  nps_plot_group g = {label,
                      strlen(label),
                      r->counts,
                      {NAN, NAN},
                      r->base == NPS_BASE_BELOW ? NPS_PLOT_SMALL
                                                : NPS_PLOT_PLAIN};
  if (r->has_ci)
    g.ci = r->ci.iv;
  return g;
}

/* The note under the title: groups left out, fallbacks, small bases. */
static void chart_note(summary_chart *ch, size_t shown, size_t with_answers) {
  const nps_summary *res = ch->s->res;
  size_t fallback = 0, small = summary_count_below(res);
  for (size_t i = 0; i < res->n_rows; i++)
    fallback += res->rows[i].has_ci && res->rows[i].ci.note;
  const char *sep = "";
  if (shown < with_answers) {
    cli_append(ch->note, sizeof ch->note, "the %zu largest of %zu groups",
               shown, with_answers);
    sep = " · ";
  }
  if (fallback) {
    cli_append(ch->note, sizeof ch->note, "%s%zu interval%s by %s instead", sep,
               fallback, fallback == 1 ? "" : "s",
               nps_ci_method_label(NPS_CI_FALLBACK));
    sep = " · ";
  }
  if (small)
    cli_append(ch->note, sizeof ch->note, "%s%zu small base%s (n < %llu)", sep,
               small, small == 1 ? "" : "s",
               (unsigned long long)ch->s->opt->min_n);
}

static void chart_title(summary_chart *ch) {
  const cli_common *c = ch->s->opt;
  snprintf(ch->title, sizeof ch->title, "NPS%s", c->n_by ? " by " : "");
  for (size_t i = 0; i < c->n_by; i++)
    cli_append(ch->title, sizeof ch->title, "%s%s", i ? ", " : "", c->by[i]);
}

/* sub (256 bytes) receives the subtitle. */
static nps_plot_info chart_info(const summary_chart *ch, int with_note,
                                char *sub) {
  const cli_common *c = ch->s->opt;
  nps_plot_info info = cli_chart_base(c, ch->s->path, ch->title);
  info.note = with_note && ch->note[0] ? ch->note : NULL;
  cli_chart_info(c, &info, sub, 256);
  return info;
}

static nps_status write_chart(FILE *fp, const nps_plot_target *t,
                              const void *ctx) {
  const summary_chart *ch = ctx;
  char sub[256];
  nps_plot_info info = chart_info(ch, 1, sub);
  return nps_plot_segments(fp, t, &info, ch->groups, ch->n_groups,
                           &ch->overall);
}

static nps_status write_boot_chart(FILE *fp, const nps_plot_target *t,
                                   const void *ctx) {
  const summary_chart *ch = ctx;
  const char *title = ch->s->opt->title;
  char sub[256];
  nps_plot_info info = chart_info(ch, 0, sub);
  info.title = title ? title : "Bootstrap distribution of NPS";
  return nps_plot_bootstrap(fp, t, &info, &ch->overall, ch->s->res->replicates,
                            ch->s->res->n_replicates);
}

/* The groups with answers, the largest first, at most CHART_MAX_GROUPS. */
static int pick_groups(summary_chart *ch) {
  const nps_summary *res = ch->s->res;
  size_t ng = res->n_rows - 1, k = 0;
  const nps_summary_row **pick = malloc((ng + 1) * sizeof *pick);
  ch->groups = malloc((ng + 1) * sizeof *ch->groups);
  ch->labels = calloc(ng + 1, sizeof *ch->labels);
  if (!pick || !ch->groups || !ch->labels) {
    free(pick);
    return -1;
  }
  for (size_t i = 0; i < ng; i++)
    if (res->rows[i].est.n)
      pick[k++] = &res->rows[i];
  qsort(pick, k, sizeof *pick, by_n_desc);
  size_t shown = k < CHART_MAX_GROUPS ? k : CHART_MAX_GROUPS;
  for (size_t i = 0; i < shown; i++) {
    if (!(ch->labels[i] = cli_display_key(pick[i]->key, pick[i]->key_len))) {
      free(pick);
      return -1;
    }
    ch->groups[ch->n_groups++] = plot_group(pick[i], ch->labels[i]);
  }
  free(pick);
  chart_note(ch, shown, k);
  if (shown < k)
    cli_warn(ch->s->opt, "the chart shows the %zu largest of %zu groups", shown,
             k);
  return 0;
}

int summary_chart_init(summary_chart *ch, const summary_view *s, cli_view *v) {
  memset(ch, 0, sizeof *ch);
  ch->s = s;
  if (pick_groups(ch) != 0) {
    cli_error("chart: %s", nps_strerror(NPS_ENOMEM));
    return EXIT_IO;
  }
  cli_filter_words(s->opt, ch->all, sizeof ch->all);
  if (!ch->all[0])
    snprintf(ch->all, sizeof ch->all, "all responses");
  ch->overall = plot_group(nps_summary_overall(s->res), ch->all);
  ch->overall.mark = NPS_PLOT_PLAIN;
  chart_title(ch);
  cli_view_chart(v, s->opt->plot, write_chart, ch);
  if (s->plot_boot && s->res->replicates)
    cli_view_chart(v, s->plot_boot, write_boot_chart, ch);
  else if (s->plot_boot) {
    const nps_summary_row *all = nps_summary_overall(s->res);
    cli_warn(s->opt, "no bootstrap distribution to chart for %s: %s",
             s->plot_boot, all->ci.note ? all->ci.note : "no interval");
  }
  return EXIT_OK;
}

void summary_chart_free(summary_chart *ch) {
  if (ch->labels)
    for (size_t i = 0; i < ch->n_groups; i++)
      free(ch->labels[i]);
  free(ch->labels);
  free(ch->groups);
}
