/*
 * pilot_view.c - how a difference-in-differences analysis is shown: a
 * table (or markdown) of the four cells, each arm's change, the DiD by
 * both procedures and the verdict in words; CSV in long form (one row per
 * cell, change and DiD procedure); JSON. It formats an nps_did; it
 * computes nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "grid.h"
#include "json.h"
#include "output.h"
#include "pilot_view.h"
#include "present.h"

static int change_ci_boot(nps_diff_ci_method m) {
  return m == NPS_DIFF_CI_BCA || m == NPS_DIFF_CI_PERCENTILE ||
         m == NPS_DIFF_CI_BOOT_T;
}

int pilot_fails(const pilot_view *p) {
  const nps_verdict *v = &p->res->verdict;
  if (p->fail_if == PILOT_FAIL_NEVER || !v->significant)
    return 0;
  return p->fail_if == PILOT_FAIL_SIGNIFICANT || v->direction < 0;
}

/* The bootstrap p: "p = 0.018", or "p < 0.0001 (1/B)" at its floor. */
static void boot_p_phrase(char *buf, size_t size, const nps_did *d) {
  if (d->boot_p_floor)
    snprintf(buf, size, "p < %g (1/B)", d->boot_p);
  else
    cli_fmt_p_phrase(buf, size, d->boot_p);
}

static void put_name(FILE *fp, const char *s) {
  cli_put_text(fp, s, strlen(s), 0);
}

/* ---- table and markdown ---- */

enum { COLS = 9 };

static void cell_row(const pilot_view *p, int i, cli_cell *c) {
  const nps_did_cell *x = &p->res->cell[i];
  cli_cell_text(&c[0], p->arm[i / 2], strlen(p->arm[i / 2]));
  cli_cell_text(&c[1], p->period[i % 2], strlen(p->period[i % 2]));
  size_t k = 2 + cli_estimate_cells(&c[2], &x->est);
  char ci[80] = "n/a";
  if (x->has_ci)
    cli_fmt_ci(ci, sizeof ci, x->ci.iv.lo, x->ci.iv.hi);
  cli_cell_fmt(&c[k++], "%s%s%s", ci, x->has_ci && x->ci.note ? " *" : "",
               x->small ? " **" : "");
  cli_cell_u64(&c[k], x->missing);
}

static int print_grid(FILE *fp, const pilot_view *p, int markdown) {
  cli_cell(*cells)[CLI_GRID_MAX_COLS] = calloc(5, sizeof *cells);
  if (!cells)
    return -1;
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * p->opt->level);
  const char *heads[COLS] = {"arm",       "period",   "n",
                             "promoters", "passives", "detractors",
                             "NPS",       level,      "missing"};
  for (size_t k = 0; k < COLS; k++)
    cli_cell_text(&cells[0][k], heads[k], strlen(heads[k]));
  for (int i = 0; i < NPS_DID_CELLS; i++)
    cell_row(p, i, cells[i + 1]);
  static const unsigned char left[CLI_GRID_MAX_COLS] = {1, 1, 0, 0, 0,
                                                        0, 0, 1, 0};
  cli_grid(fp, cells, 5, COLS, left, markdown);
  free(cells);
  return 0;
}

static void print_header(FILE *fp, const pilot_view *p, int md) {
  const cli_common *c = p->opt;
  const char *b = md ? "**" : "", *gap = md ? "\n" : "";
  fprintf(fp, "%sNPS pilot analysis: difference in differences%s\n%s", b, b,
          gap);
  if (p->one_file) {
    fputs("input: ", fp);
    put_name(fp, p->path[0]);
    fprintf(fp, "\n%sarms: ", gap);
    put_name(fp, p->arm[0]);
    fputs(" (control), ", fp);
    put_name(fp, p->arm[1]);
    fputs(" (pilot) of column ", fp);
    put_name(fp, p->arm_column);
    fputs("; periods: ", fp);
    put_name(fp, p->period[0]);
    fputs(", ", fp);
    put_name(fp, p->period[1]);
    fputs(" of column ", fp);
    put_name(fp, p->period_column);
  } else {
    fputs("arms: control (", fp);
    put_name(fp, p->path[0]);
    fputs(", ", fp);
    put_name(fp, p->path[1]);
    fputs("), pilot (", fp);
    put_name(fp, p->path[2]);
    fputs(", ", fp);
    put_name(fp, p->path[3]);
    fputs("); periods: before, after", fp);
  }
  fprintf(fp, "; %g%% level\n%scell intervals: %s", 100.0 * c->level, gap,
          nps_ci_method_label(c->ci));
  if (cli_is_boot(c->ci))
    fprintf(fp, ", B = %zu, seed %lu", c->boot, c->seed);
  fprintf(fp, "; small base: n below %llu\n\n", (unsigned long long)c->min_n);
}

static void print_change(FILE *fp, const pilot_view *p, int a, int md) {
  const nps_did_change *ch = &p->res->change[a];
  char d[32], ci[80], pp[32];
  size_t w0 = cli_width(p->arm[0], strlen(p->arm[0]));
  size_t w1 = cli_width(p->arm[1], strlen(p->arm[1]));
  size_t w = cli_width(p->arm[a], strlen(p->arm[a])), width = w0 > w1 ? w0 : w1;
  fprintf(fp, "%schange   ", md ? "- " : "");
  put_name(fp, p->arm[a]);
  fprintf(fp, ":%*s", md ? 1 : (int)(width - w + 1), "");
  cli_signed_points(d, sizeof d, ch->diff);
  fprintf(fp, "%s points", d);
  if (!ch->tested) {
    fputs(" (not tested: a small base)\n", fp);
    return;
  }
  cli_fmt_ci(ci, sizeof ci, ch->ci.iv.lo, ch->ci.iv.hi);
  cli_fmt_p_phrase(pp, sizeof pp, ch->p);
  fprintf(fp, ", %g%% CI %s, %s  (", 100.0 * p->opt->level, ci, pp);
  if (ch->ci.method_used == NPS_DIFF_CI_WALD) {
    fputs("Wald z)\n", fp);
    return;
  }
  fprintf(fp, "interval: %s", nps_diff_ci_method_label(ch->ci.method_used));
  if (change_ci_boot(ch->ci.method_used))
    fprintf(fp, ", B = %zu, seed %lu", p->opt->boot, p->opt->seed);
  fputs("; p: Wald z)\n", fp);
}

static void print_did(FILE *fp, const pilot_view *p, int md) {
  const nps_did *d = p->res;
  char x[32], ci[80], pp[48], se[32];
  const char *li = md ? "- " : "  ";
  cli_signed_points(x, sizeof x, d->did);
  fprintf(fp, "%sDiD (pilot change - control change)%s: %s points\n",
          md ? "**" : "", md ? "**" : "", x);
  if (!d->tested) {
    fprintf(fp, "%snot tested: a cell has fewer than %llu answers (**)\n", li,
            (unsigned long long)p->opt->min_n);
    return;
  }
  cli_fmt_ci(ci, sizeof ci, d->wald_ci.lo, d->wald_ci.hi);
  cli_fmt_p_phrase(pp, sizeof pp, d->p);
  cli_points(se, sizeof se, d->se);
  fprintf(fp, "%sWald z:     %g%% CI %s, %s (SE %s points, z = %.2f)\n", li,
          100.0 * p->opt->level, ci, pp, se, d->z);
  cli_fmt_ci(ci, sizeof ci, d->boot_ci.lo, d->boot_ci.hi);
  boot_p_phrase(pp, sizeof pp, d);
  cli_points(se, sizeof se, d->boot_se);
  fprintf(fp,
          "%sbootstrap:  %g%% CI %s, %s (percentile; SE %s points; B = %zu, "
          "seed %lu)\n",
          li, 100.0 * p->opt->level, ci, pp, se, d->replicates, p->opt->seed);
}

/* Which procedures reject and which do not, for a borderline verdict. */
static void print_disagreement(FILE *fp, unsigned rejects) {
  static const struct {
    unsigned bit;
    const char *name;
  } parts[] = {{NPS_DID_WALD_P, "the Wald p"},
               {NPS_DID_WALD_CI, "the Wald interval"},
               {NPS_DID_BOOT_P, "the bootstrap p"},
               {NPS_DID_BOOT_CI, "the bootstrap interval"}};
  for (int want = 1; want >= 0; want--) {
    int first = 1;
    fputs(want ? "" : "; ", fp);
    for (size_t i = 0; i < 4; i++) {
      if (((rejects & parts[i].bit) != 0) != want)
        continue;
      fprintf(fp, "%s%s", first ? "" : ", ", parts[i].name);
      first = 0;
    }
    fputs(want ? " reject no difference" : " do not", fp);
  }
}

static void print_verdict(FILE *fp, const pilot_view *p, int md) {
  const nps_did *d = p->res;
  const nps_verdict *v = &d->verdict;
  char x[32], ci[80], pp[32], bci[80], bp[48];
  cli_signed_points(x, sizeof x, d->did);
  fputs(md ? "**" : "", fp);
  if (!v->tested) {
    fputs("no verdict: a cell is a small base; the DiD of ", fp);
    fprintf(fp, "%s points is shown untested", x);
    fputs(md ? "**\n" : "\n", fp);
    return;
  }
  cli_fmt_ci(ci, sizeof ci, d->wald_ci.lo, d->wald_ci.hi);
  cli_fmt_p_phrase(pp, sizeof pp, d->p);
  cli_fmt_ci(bci, sizeof bci, d->boot_ci.lo, d->boot_ci.hi);
  boot_p_phrase(bp, sizeof bp, d);
  double lv = 100.0 * p->opt->level;
  if (v->significant) {
    put_name(fp, p->arm[1]);
    fprintf(fp, " moved NPS %s than ", v->direction > 0 ? "more" : "less");
    put_name(fp, p->arm[0]);
    fprintf(fp,
            ": %s points, %g%% CI %s, %s (Wald z); the bootstrap agrees "
            "(%g%% CI %s, %s)",
            x, lv, ci, pp, lv, bci, bp);
  } else if (v->conflict != NPS_CONFLICT_NONE) {
    fprintf(fp,
            "borderline: %s points; Wald z %g%% CI %s, %s; bootstrap "
            "%g%% CI %s, %s: ",
            x, lv, ci, pp, lv, bci, bp);
    print_disagreement(fp, d->rejects);
    fputs("; no verdict either way", fp);
  } else {
    fputs("no significant difference between the changes of ", fp);
    put_name(fp, p->arm[1]);
    fputs(" and ", fp);
    put_name(fp, p->arm[0]);
    fprintf(fp, ": %s points, %g%% CI %s, %s (Wald z; the bootstrap agrees)", x,
            lv, ci, pp);
  }
  fputs(md ? "**\n" : "\n", fp);
}

static void print_notes(FILE *fp, const pilot_view *p) {
  const nps_did *d = p->res;
  fputc('\n', fp);
  for (int i = 0; i < NPS_DID_CELLS; i++) {
    const char *n = d->cell[i].has_ci ? d->cell[i].ci.note : NULL;
    int seen = 0;
    for (int j = 0; n && j < i && !seen; j++)
      seen = d->cell[j].has_ci && d->cell[j].ci.note &&
             strcmp(d->cell[j].ci.note, n) == 0;
    if (n && !seen)
      fprintf(fp, "*  %s\n", n);
  }
  if (d->n_small)
    fprintf(fp,
            "** n below --min-n %llu: shown with its interval; the DiD is "
            "not tested\n",
            (unsigned long long)p->opt->min_n);
  for (int a = 0; a < 2; a++)
    if (d->change[a].tested && d->change[a].ci.note)
      fprintf(fp, "note: %s\n", d->change[a].ci.note);
  if (d->note)
    fprintf(fp, "note: %s\n", d->note);
  fputs("assumes parallel trends: without the change, the pilot's NPS would "
        "have moved\nas the control's did; no test here can check that.\n",
        fp);
}

static int print_table(FILE *fp, const void *ctx, int md) {
  const pilot_view *p = ctx;
  print_header(fp, p, md);
  if (print_grid(fp, p, md))
    return -1;
  fputc('\n', fp);
  print_change(fp, p, 0, md);
  print_change(fp, p, 1, md);
  fputc('\n', fp);
  print_did(fp, p, md);
  fputc('\n', fp);
  print_verdict(fp, p, md);
  print_notes(fp, p);
  return 0;
}

/* ---- csv: long form ---- */

static void csv_name(FILE *fp, const char *s) {
  fputc(',', fp);
  cli_csv_field(fp, s, strlen(s));
}

static void csv_empty(FILE *fp, int n) {
  for (int i = 0; i < n; i++)
    fputc(',', fp);
}

static void csv_cell(FILE *fp, const pilot_view *p, int i) {
  const nps_did_cell *x = &p->res->cell[i];
  fputs("cell", fp);
  csv_name(fp, p->arm[i / 2]);
  csv_name(fp, p->period[i % 2]);
  fprintf(fp, ",%llu,%llu,%llu,%llu,%llu", (unsigned long long)x->est.n,
          (unsigned long long)x->counts.promoters,
          (unsigned long long)x->counts.passives,
          (unsigned long long)x->counts.detractors,
          (unsigned long long)x->missing);
  cli_csv_num(fp, x->est.n ? 100 * x->est.nps : NAN);
  cli_csv_num(fp, x->has_ci ? 100 * x->ci.iv.lo : NAN);
  cli_csv_num(fp, x->has_ci ? 100 * x->ci.iv.hi : NAN);
  fprintf(fp, ",%s", x->has_ci ? nps_ci_method_name(x->ci.method_used) : "");
  cli_csv_num(fp, p->opt->level);
  fprintf(fp, ",%d", x->small);
  csv_empty(fp, 3);
  fputc(',', fp);
  if (cli_is_boot(p->opt->ci))
    fprintf(fp, "%zu,%lu", p->opt->boot, p->opt->seed);
  else
    fputc(',', fp);
  fputs(",,", fp);
  const char *n = x->has_ci && x->ci.note ? x->ci.note : "";
  cli_csv_field(fp, n, strlen(n));
  fputc('\n', fp);
}

static void csv_change(FILE *fp, const pilot_view *p, int a) {
  const nps_did_change *ch = &p->res->change[a];
  fputs("change", fp);
  csv_name(fp, p->arm[a]);
  fputc(',', fp);
  char per[256];
  snprintf(per, sizeof per, "%s - %s", p->period[1], p->period[0]);
  cli_csv_field(fp, per, strlen(per));
  csv_empty(fp, 5);
  cli_csv_num(fp, 100 * ch->diff);
  cli_csv_num(fp, ch->tested ? 100 * ch->ci.iv.lo : NAN);
  cli_csv_num(fp, ch->tested ? 100 * ch->ci.iv.hi : NAN);
  fprintf(fp, ",%s",
          ch->tested ? nps_diff_ci_method_name(ch->ci.method_used) : "");
  cli_csv_num(fp, p->opt->level);
  fputc(',', fp);
  cli_csv_num(fp, 100 * ch->se);
  cli_csv_num(fp, ch->z);
  cli_csv_num(fp, ch->p);
  if (ch->tested && change_ci_boot(ch->ci.method_used))
    fprintf(fp, ",%zu,%lu", p->opt->boot, p->opt->seed);
  else
    csv_empty(fp, 2);
  fputs(",,", fp);
  const char *n = ch->tested && ch->ci.note ? ch->ci.note : "";
  cli_csv_field(fp, n, strlen(n));
  fputc('\n', fp);
}

static void csv_did(FILE *fp, const pilot_view *p, int boot) {
  const nps_did *d = p->res;
  fprintf(fp, "did,,,,,,,");
  cli_csv_num(fp, 100 * d->did);
  cli_csv_num(fp, 100 * (boot ? d->boot_ci.lo : d->wald_ci.lo));
  cli_csv_num(fp, 100 * (boot ? d->boot_ci.hi : d->wald_ci.hi));
  fprintf(fp, ",%s", boot ? "bootstrap-percentile" : "wald");
  cli_csv_num(fp, p->opt->level);
  fputc(',', fp);
  cli_csv_num(fp, 100 * (boot ? d->boot_se : d->se));
  cli_csv_num(fp, boot ? NAN : d->z);
  cli_csv_num(fp, boot ? d->boot_p : d->p);
  if (boot && d->tested)
    fprintf(fp, ",%zu,%lu", d->replicates, p->opt->seed);
  else
    csv_empty(fp, 2);
  fprintf(fp, ",%d,", d->verdict.significant);
  const char *n = !d->tested                ? "not tested: a small base"
                  : boot && d->boot_p_floor ? "p below 1/B"
                  : d->note                 ? d->note
                                            : "";
  cli_csv_field(fp, n, strlen(n));
  fputc('\n', fp);
}

static void print_csv(FILE *fp, const void *ctx) {
  const pilot_view *p = ctx;
  fputs("row,arm,period,n,promoters,passives,detractors,missing,nps,ci_low,"
        "ci_high,method,level,small_base,se,z,p,replicates,seed,significant,"
        "note\n",
        fp);
  for (int i = 0; i < NPS_DID_CELLS; i++)
    csv_cell(fp, p, i);
  csv_change(fp, p, 0);
  csv_change(fp, p, 1);
  csv_did(fp, p, 0);
  csv_did(fp, p, 1);
}

/* ---- json ---- */

static void json_cell(cli_json *w, const pilot_view *p, int i) {
  const nps_did_cell *x = &p->res->cell[i];
  cli_json_nl(w);
  cli_json_open(w, NULL, '{');
  cli_json_str(w, "arm", p->arm[i / 2]);
  cli_json_str(w, "period", p->period[i % 2]);
  cli_json_counts(w, x->est.n, &x->counts, x->missing);
  cli_json_nl(w);
  cli_json_dbl(w, "nps", x->est.n ? 100 * x->est.nps : NAN);
  cli_json_ci(w, x->has_ci, &x->ci);
  cli_json_bool(w, "small_base", x->small);
  cli_json_bool(w, "adjusted_variance", x->adjusted);
  cli_json_close(w, '}', 0);
}

static void json_change(cli_json *w, const pilot_view *p, int a) {
  const nps_did_change *ch = &p->res->change[a];
  cli_json_nl(w);
  cli_json_open(w, NULL, '{');
  cli_json_str(w, "arm", p->arm[a]);
  cli_json_str(w, "role", a ? "pilot" : "control");
  cli_json_dbl(w, "diff", 100 * ch->diff);
  cli_json_bool(w, "tested", ch->tested);
  if (ch->tested) {
    cli_json_nl(w);
    cli_json_open(w, "ci", '{');
    cli_json_dbl(w, "low", 100 * ch->ci.iv.lo);
    cli_json_dbl(w, "high", 100 * ch->ci.iv.hi);
    cli_json_str(w, "method", nps_diff_ci_method_name(ch->ci.method_used));
    if (ch->ci.note)
      cli_json_str(w, "note", ch->ci.note);
    cli_json_close(w, '}', 0);
    cli_json_nl(w);
    cli_json_str(w, "test", "wald");
    cli_json_dbl(w, "se", 100 * ch->se);
    cli_json_dbl(w, "z", ch->z);
    cli_json_dbl(w, "p", ch->p);
  }
  cli_json_close(w, '}', 0);
}

static void json_did(cli_json *w, const pilot_view *p) {
  const nps_did *d = p->res;
  cli_json_open(w, "did", '{');
  cli_json_nl(w);
  cli_json_dbl(w, "estimate", 100 * d->did);
  cli_json_bool(w, "tested", d->tested);
  cli_json_u64(w, "small_cells", d->n_small);
  cli_json_nl(w);
  cli_json_open(w, "wald", '{');
  cli_json_dbl(w, "se", 100 * d->se);
  cli_json_dbl(w, "z", d->z);
  cli_json_dbl(w, "p", d->p);
  cli_json_dbl(w, "ci_low", 100 * d->wald_ci.lo);
  cli_json_dbl(w, "ci_high", 100 * d->wald_ci.hi);
  cli_json_close(w, '}', 0);
  cli_json_nl(w);
  cli_json_open(w, "bootstrap", '{');
  cli_json_dbl(w, "se", 100 * d->boot_se);
  cli_json_dbl(w, "ci_low", 100 * d->boot_ci.lo);
  cli_json_dbl(w, "ci_high", 100 * d->boot_ci.hi);
  cli_json_str(w, "interval", "percentile");
  cli_json_nl(w);
  cli_json_dbl(w, "p", d->boot_p);
  cli_json_bool(w, "p_below_1_over_b", d->boot_p_floor);
  cli_json_u64(w, "replicates", d->replicates);
  cli_json_u64(w, "seed", p->opt->seed);
  cli_json_close(w, '}', 0);
  if (d->note) {
    cli_json_nl(w);
    cli_json_str(w, "note", d->note);
  }
  cli_json_close(w, '}', 1);
}

static void json_verdict(cli_json *w, const pilot_view *p) {
  const nps_did *d = p->res;
  const nps_verdict *v = &d->verdict;
  cli_json_open(w, "verdict", '{');
  cli_json_nl(w);
  cli_json_bool(w, "tested", v->tested);
  cli_json_bool(w, "significant", v->significant);
  cli_json_bool(w, "borderline", v->conflict != NPS_CONFLICT_NONE);
  cli_json_dbl(w, "direction", v->direction);
  cli_json_dbl(w, "p", v->p);
  cli_json_str(w, "decided_by", "wald");
  cli_json_nl(w);
  cli_json_open(w, "rejects", '{');
  cli_json_bool(w, "wald_p", (d->rejects & NPS_DID_WALD_P) != 0);
  cli_json_bool(w, "wald_ci", (d->rejects & NPS_DID_WALD_CI) != 0);
  cli_json_bool(w, "bootstrap_p", (d->rejects & NPS_DID_BOOT_P) != 0);
  cli_json_bool(w, "bootstrap_ci", (d->rejects & NPS_DID_BOOT_CI) != 0);
  cli_json_close(w, '}', 0);
  cli_json_close(w, '}', 1);
}

static void print_json(cli_json *w, const void *ctx) {
  const pilot_view *p = ctx;
  const cli_common *c = p->opt;
  cli_json_head(w, "pilot", NULL, NULL);
  if (p->one_file) {
    cli_json_str(w, "input", p->path[0]);
    cli_json_str(w, "arm_column", p->arm_column);
    cli_json_str(w, "period_column", p->period_column);
  } else {
    cli_json_strings(w, "inputs", p->path, NPS_DID_CELLS);
  }
  cli_json_nl(w);
  cli_json_str(w, "score_column", p->report.score_column);
  cli_json_str(w, "scale", "points");
  cli_json_nl(w);
  cli_json_strings(w, "arms", p->arm, 2);
  cli_json_strings(w, "periods", p->period, 2);
  cli_json_nl(w);
  cli_json_str(w, "method", nps_ci_method_name(c->ci));
  cli_json_dbl(w, "level", c->level);
  cli_json_u64(w, "boot", c->boot);
  cli_json_u64(w, "seed", c->seed);
  cli_json_u64(w, "min_n", c->min_n);
  cli_json_nl(w);
  cli_json_open(w, "cells", '[');
  for (int i = 0; i < NPS_DID_CELLS; i++)
    json_cell(w, p, i);
  cli_json_close(w, ']', 1);
  cli_json_nl(w);
  cli_json_open(w, "changes", '[');
  json_change(w, p, 0);
  json_change(w, p, 1);
  cli_json_close(w, ']', 1);
  cli_json_nl(w);
  json_did(w, p);
  cli_json_nl(w);
  json_verdict(w, p);
  cli_json_nl(w);
  cli_json_str(w, "assumption",
               "parallel trends: without the change, the pilot would have "
               "moved as the control did");
  cli_json_close(w, '}', 1);
}

void pilot_view_init(const pilot_view *p, cli_view *v) {
  *v = (cli_view){
      .ctx = p, .table = print_table, .csv = print_csv, .json = print_json};
  cli_view_chart(v, p->opt->plot, pilot_write_chart, p);
}
