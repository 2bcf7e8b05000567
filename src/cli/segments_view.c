/*
 * segments_view.c - how a segments analysis is shown: a table (or
 * markdown) of the segments with their test against the rest, the answer
 * in words, the pairs; CSV in long form (one row per segment, pair and
 * omnibus test); JSON. It formats an nps_segments; it computes nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "grid.h"
#include "json.h"
#include "output.h"
#include "present.h"
#include "segments_view.h"

static const nps_segments_row *row(const segments_view *s, size_t i) {
  return &s->res->rows[i];
}

static size_t n_segments(const segments_view *s) {
  return s->res->n_rows - 1;
}

int segments_view_prepare(segments_view *s) {
  s->names = calloc(s->res->n_rows, sizeof *s->names);
  if (!s->names)
    return cli_out_of_memory();
  for (size_t i = 0; i < s->res->n_rows; i++) {
    const nps_segments_row *r = row(s, i);
    s->names[i] = r->key ? cli_display_key(r->key, r->key_len) : strdup("all");
    if (!s->names[i])
      return cli_out_of_memory();
  }
  return EXIT_OK;
}

void segments_view_release(segments_view *s) {
  for (size_t i = 0; s->names && i < s->res->n_rows; i++)
    free(s->names[i]);
  free(s->names);
}

const char *segments_fail_name(seg_fail_if f) {
  return f == SEG_FAIL_DIFFER      ? "differ"
         : f == SEG_FAIL_ANY_BELOW ? "any-below-rest"
         : f == SEG_FAIL_ANY_ABOVE ? "any-above-rest"
                                   : "never";
}

int segments_fails(const segments_view *s) {
  if (s->fail_if == SEG_FAIL_DIFFER)
    return s->res->omnibus_verdict.significant;
  int want = s->fail_if == SEG_FAIL_ANY_BELOW ? -1 : 1;
  for (size_t i = 0; s->fail_if != SEG_FAIL_NEVER && i < n_segments(s); i++) {
    const nps_verdict *v = &row(s, i)->vs_rest.verdict;
    if (v->significant && v->direction == want)
      return 1;
  }
  return 0;
}

/* "above", "below", "" (not significant) or "not tested". */
static const char *verdict_word(const nps_segments_row *r) {
  const nps_verdict *v = &r->vs_rest.verdict;
  if (!v->tested)
    return r->base == NPS_BASE_OK ? "n/a" : "not tested";
  if (!v->significant)
    return "";
  return v->direction > 0 ? "above" : "below";
}

/* ---- table and markdown ---- */

enum { FIXED = 11 };

static void row_cells(const segments_view *s, size_t i, cli_cell *cells) {
  const nps_segments_row *r = row(s, i);
  size_t nb = s->opt->n_by, k = 0;
  for (; k < nb; k++) {
    const char *p;
    size_t len;
    if (r->lumped && k == 0) {
      cli_cell_fmt(&cells[k], "other (%zu segments)", r->lumped);
      continue;
    }
    cli_key_cell(r->lumped ? NULL : r->key, r->key_len, k, &p, &len);
    cli_cell_text(&cells[k], r->lumped ? "" : p, r->lumped ? 0 : len);
  }
  k += cli_estimate_cells(&cells[k], &r->est);
  char ci[80] = "n/a";
  if (r->has_ci)
    cli_fmt_ci(ci, sizeof ci, r->ci.iv.lo, r->ci.iv.hi);
  cli_cell_fmt(&cells[k++], "%s%s%s", ci, r->has_ci && r->ci.note ? " *" : "",
               r->base == NPS_BASE_BELOW ? " **" : "");
  const nps_segments_test *t = &r->vs_rest;
  char d[32] = "", dci[80] = "", lvl[32] = "", p[16] = "";
  if (t->tested) {
    cli_signed_points(d, sizeof d, t->diff);
    cli_fmt_ci(dci, sizeof dci, t->ci.lo, t->ci.hi);
    snprintf(lvl, sizeof lvl, "%.1f%%", 100.0 * t->ci_level);
    cli_fmt_p(p, sizeof p, t->p_adjusted);
  }
  if (i + 1 < s->res->n_rows) {
    cli_cell_copy(&cells[k++], d);
    cli_cell_copy(&cells[k++], dci);
    cli_cell_copy(&cells[k++], lvl);
    cli_cell_copy(&cells[k++], p);
    cli_cell_copy(&cells[k++], verdict_word(r));
  } else {
    for (int j = 0; j < 5; j++)
      cli_cell_copy(&cells[k++], "");
  }
  if (s->res->options.pairwise)
    cli_cell_copy(&cells[k], r->letters ? r->letters : "");
}

/* Row r of the table: the header, then one row per segment. */
static void table_row(const void *ctx, size_t r, cli_cell *cells) {
  const segments_view *s = ctx;
  if (r > 0) {
    row_cells(s, r - 1, cells);
    return;
  }
  size_t nb = s->opt->n_by;
  size_t ncols = nb + FIXED + (s->res->options.pairwise ? 1 : 0);
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * s->opt->level);
  const char *heads[FIXED + 1] = {
      "n",       "promoters",    "passives", "detractors", "NPS", level,
      "vs rest", "CI (matched)", "level",    "p adj.",     "",    "group"};
  for (size_t i = 0; i < nb; i++)
    cli_cell_text(&cells[i], s->opt->by[i], strlen(s->opt->by[i]));
  for (size_t i = 0; nb + i < ncols; i++)
    cli_cell_copy(&cells[nb + i], heads[i]);
}

static int print_grid(FILE *fp, const segments_view *s, int markdown) {
  size_t nb = s->opt->n_by, rows = s->res->n_rows;
  size_t ncols = nb + FIXED + (s->res->options.pairwise ? 1 : 0);
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  for (size_t k = 0; k < ncols; k++)
    left[k] = k < nb || k == nb + 5 || k == nb + 7 || k >= nb + FIXED - 1;
  cli_grid_rows(fp, table_row, s, rows + 1, ncols, left, markdown);
  return 0;
}

static void print_header(FILE *fp, const segments_view *s, int markdown) {
  const cli_common *c = s->opt;
  const nps_segments *res = s->res;
  const nps_segments_row *all = nps_segments_overall(res);
  const char *b = markdown ? "**" : "", *gap = markdown ? "\n" : "";
  fprintf(fp, "%sNPS segments%s: ", b, b);
  cli_put_str(fp, s->path, markdown);
  fprintf(fp, "\n%s", gap);
  fprintf(fp, "responses: %llu, missing: %llu", (unsigned long long)all->est.n,
          (unsigned long long)all->missing);
  if (s->report.invalid)
    fprintf(fp, ", skipped invalid: %llu",
            (unsigned long long)s->report.invalid);
  if (s->report.filtered)
    fprintf(fp, ", filtered out: %llu", (unsigned long long)s->report.filtered);
  fprintf(fp, "\n%ssegments: %zu, tested: %zu, below --min-n %llu: %zu", gap,
          n_segments(s), res->n_tested, (unsigned long long)c->min_n,
          res->n_small);
  fprintf(fp, "; order: %s\n", nps_order_name(res->options.order.by));
  fprintf(fp, "%sinterval: %s, %g%% level", gap, nps_ci_method_label(c->ci),
          100.0 * c->level);
  if (cli_is_boot(c->ci))
    fprintf(fp, ", B = %zu, seed %lu", c->boot, c->seed);
  fprintf(fp, "\n\n");
}

/* Names of the segments whose vs-rest verdict is want (+1 above, -1
 * below, 0 not significant), comma-separated, the first LIST_NAMES of
 * them and how many more; "none" when there are none. */
#define LIST_NAMES 12

static void list_names(FILE *fp, const segments_view *s, int want) {
  size_t shown = 0, more = 0;
  for (size_t i = 0; i < n_segments(s); i++) {
    const nps_segments_row *r = row(s, i);
    const nps_verdict *v = &r->vs_rest.verdict;
    if (!v->tested ||
        (want ? !v->significant || v->direction != want : v->significant))
      continue;
    if (shown == LIST_NAMES) {
      more++;
      continue;
    }
    fputs(shown ? ", " : "", fp);
    cli_put_text(fp, s->names[i], strlen(s->names[i]), 0);
    shown++;
  }
  if (more)
    fprintf(fp, " and %zu more", more);
  fputs(shown ? "" : "none", fp);
}

/* The headline in words: one per answer of the library's rule. */
static const char *answer_text(nps_segments_answer a) {
  switch (a) {
  case NPS_SEGMENTS_DIFFER:
    return "Yes: they do not share one NPS";
  case NPS_SEGMENTS_DIFFER_OVERALL:
    return "Yes overall, but no single segment stands out from the rest";
  default:
    return "No evidence that they do";
  }
}

static void print_omnibus(FILE *fp, const segments_view *s) {
  const nps_segments *res = s->res;
  const nps_omnibus *o = &res->omnibus;
  char p[32];
  if (res->answer == NPS_SEGMENTS_NOT_COMPARED) {
    fprintf(fp, "Do the segments differ? Fewer than two segments are "
                "tested: nothing to compare.\n");
    return;
  }
  char wp[32];
  cli_fmt_p_phrase(p, sizeof p, res->omnibus_verdict.p);
  cli_fmt_p_phrase(wp, sizeof wp, o->w_p);
  fprintf(fp,
          "Do the segments differ? %s\n  (Wald chi-square of NPS: W = %.1f, "
          "%g df; permutation %s +- %.3f,\n  %zu draws; chi-square "
          "approximation %s).\n",
          answer_text(res->answer), o->w, o->w_df, p, o->perm_mc_se,
          o->perm_draws, wp);
  if (!isnan(o->chisq_p)) {
    cli_fmt_p_phrase(p, sizeof p, o->chisq_p);
    fprintf(fp,
            "Category mix: X^2 = %.1f, %g df, %s\n  (Pearson: whether the "
            "shares of promoters, passives and detractors\n  differ, a "
            "different question from NPS).\n",
            o->chisq, o->chisq_df, p);
  }
}

/* The segments the omnibus gate held back (the analysis marks them). */
static void list_held(FILE *fp, const segments_view *s) {
  size_t shown = 0;
  for (size_t i = 0; i < n_segments(s); i++) {
    const nps_segments_test *t = &row(s, i)->vs_rest;
    if (!t->tested || !t->held_back)
      continue;
    char p[16];
    cli_fmt_p(p, sizeof p, t->p_family);
    fputs(shown++ ? ", " : "", fp);
    cli_put_text(fp, s->names[i], strlen(s->names[i]), 0);
    fprintf(fp, " (%s p %s)", cli_multi_label(s->res->options.adjust), p);
  }
}

static void print_answer(FILE *fp, const segments_view *s) {
  const nps_segments *res = s->res;
  print_omnibus(fp, s);
  if (res->n_tested >= 1) {
    fprintf(fp,
            "Each segment vs the rest (%zu tests, %s%s):\n  above the "
            "rest: ",
            res->n_tested, cli_multi_label(s->res->options.adjust),
            res->answer == NPS_SEGMENTS_NOT_COMPARED
                ? ""
                : ", gated by the omnibus test");
    list_names(fp, s, 1);
    fputs("\n  below the rest: ", fp);
    list_names(fp, s, -1);
    fputs("\n  indistinguishable: ", fp);
    list_names(fp, s, 0);
    fputc('\n', fp);
  }
  if (res->held_back) {
    fputs("Not claimed: ", fp);
    list_held(fp, s);
    fputs("\n  would stand out against the rest on its own test, but a "
          "segment stands out\n  only when the omnibus test rejects too, and "
          "it does not. A lead to check\n  with new answers, not a "
          "finding.\n",
          fp);
  }
  if (res->thin && n_segments(s) > NPS_SEGMENTS_THIN_COUNT)
    fprintf(fp,
            "Too many segments to tell apart (%zu; median interval +-%.1f "
            "points): use fewer,\nbroader segments (--lump-below N merges "
            "the small ones).\n",
            n_segments(s), 100.0 * res->median_half_width);
  else if (res->thin)
    fprintf(fp,
            "Thin segments: the median interval is +-%.1f points, so only "
            "large differences\ncan show; broader segments or more answers "
            "would tell more.\n",
            100.0 * res->median_half_width);
}

/* Row r of the pairs table: the header, then one row per pair. */
static void pair_row(const void *ctx, size_t r, cli_cell *c) {
  const segments_view *s = ctx;
  if (r == 0) {
    const char *heads[] = {
        "segment", "vs", "difference", "CI (matched)", "level", "p adj.", ""};
    for (size_t k = 0; k < 7; k++)
      cli_cell_copy(&c[k], heads[k]);
    return;
  }
  const nps_segments_pair *pr = &s->res->pairs[r - 1];
  cli_cell_text(&c[0], s->names[pr->a], strlen(s->names[pr->a]));
  cli_cell_text(&c[1], s->names[pr->b], strlen(s->names[pr->b]));
  cli_signed_points(c[2].buf, sizeof c[2].buf, pr->t.diff);
  cli_cell_text(&c[2], c[2].buf, strlen(c[2].buf));
  cli_fmt_ci(c[3].buf, sizeof c[3].buf, pr->t.ci.lo, pr->t.ci.hi);
  cli_cell_text(&c[3], c[3].buf, strlen(c[3].buf));
  cli_cell_fmt(&c[4], "%.1f%%", 100.0 * pr->t.ci_level);
  cli_fmt_p(c[5].buf, sizeof c[5].buf, pr->t.p_adjusted);
  cli_cell_text(&c[5], c[5].buf, strlen(c[5].buf));
  cli_cell_copy(&c[6], pr->t.verdict.significant ? "differ" : "");
}

static void print_pairs(FILE *fp, const segments_view *s, int markdown) {
  const nps_segments *res = s->res;
  if (!res->options.pairwise)
    return;
  fprintf(fp,
          "\nPairs (%zu tests, %s; segments that share a letter in "
          "'group'\ndo not differ):\n",
          res->n_pairs, cli_multi_label(s->res->options.adjust));
  if (res->letters_note)
    fprintf(fp, "note: %s\n", res->letters_note);
  if (res->pairs_held_back)
    fprintf(fp,
            "note: %zu pair(s) below %g by the %s p alone are not claimed: "
            "the omnibus\n  test does not reject.\n",
            res->pairs_held_back, 1.0 - res->options.level,
            cli_multi_label(s->res->options.adjust));
  if (res->n_pairs == 0)
    return;
  unsigned char left[CLI_GRID_MAX_COLS] = {1, 1, 0, 1, 0, 0, 1};
  cli_grid_rows(fp, pair_row, s, res->n_pairs + 1, 7, left, markdown);
}

/* Each distinct note once. */
static void print_notes(FILE *fp, const segments_view *s) {
  const nps_segments *res = s->res;
  fputc('\n', fp);
  for (size_t i = 0; i < res->n_rows; i++) {
    const char *n = row(s, i)->has_ci ? row(s, i)->ci.note : NULL;
    int seen = 0;
    for (size_t j = 0; n && j < i && !seen; j++)
      seen = row(s, j)->has_ci && row(s, j)->ci.note &&
             strcmp(row(s, j)->ci.note, n) == 0;
    if (n && !seen)
      fprintf(fp, "*  %s\n", n);
  }
  if (res->n_small)
    fprintf(fp,
            "** n below --min-n %llu: shown with its interval, left out "
            "of the tests\n",
            (unsigned long long)s->opt->min_n);
  fputs("vs rest: the segment minus the rest of the answers (permutation "
        "test).\n",
        fp);
  if (res->answer != NPS_SEGMENTS_NOT_COMPARED)
    fprintf(fp,
            "p adj.: %s within the family; raised to the omnibus p when "
            "that test does\nnot reject (a segment stands out, or a pair "
            "differs, only when it rejects).\n",
            cli_multi_label(s->res->options.adjust));
  fprintf(fp, "Each interval of a difference has the level (column 'level') "
              "that matches\nits adjusted p-value: it excludes 0 exactly when "
              "the difference is\nsignificant.\n");
}

static int print_table(FILE *fp, const void *ctx, int markdown) {
  const segments_view *s = ctx;
  print_header(fp, s, markdown);
  if (print_grid(fp, s, markdown))
    return -1;
  fputc('\n', fp);
  print_answer(fp, s);
  print_pairs(fp, s, markdown);
  print_notes(fp, s);
  return 0;
}

/* ---- csv: long form ---- */

/* n empty CSV fields, each after a comma. */
static void csv_empty(FILE *fp, int n) {
  for (int i = 0; i < n; i++)
    fputc(',', fp);
}

static void csv_test(FILE *fp, const nps_segments_test *t) {
  if (!t->tested) {
    csv_empty(fp, 10);
    return;
  }
  cli_csv_num(fp, 100 * t->diff);
  cli_csv_num(fp, 100 * t->ci.lo);
  cli_csv_num(fp, 100 * t->ci.hi);
  cli_csv_num(fp, t->ci_level);
  fprintf(fp, ",%s", nps_test2_method_name(t->test.method));
  cli_csv_num(fp, t->test.z);
  fputc(',', fp);
  cli_csv_num(fp, t->test.p);
  cli_csv_num(fp, t->p_adjusted);
  fprintf(fp, ",%d", t->verdict.significant);
}

/* An omnibus row up to its p: the test in the test column, then the
 * statistic, df and p. */
static void omnibus_csv(FILE *fp, const char *kind, const char *test,
                        double stat, double df, double p) {
  fprintf(fp, "%s,all", kind);
  csv_empty(fp, 15);
  fprintf(fp, ",%s", test);
  cli_csv_num(fp, stat);
  cli_csv_num(fp, df);
  cli_csv_num(fp, p);
}

static void print_csv(FILE *fp, const void *ctx) {
  const segments_view *s = ctx;
  const cli_common *c = s->opt;
  const nps_segments *res = s->res;
  fputs("row,segment,versus,n,promoters,passives,detractors,nps,ci_low,"
        "ci_high,method,level,small_base,diff,diff_ci_low,diff_ci_high,"
        "diff_ci_level,test,statistic,df,p,p_adjusted,significant,adjust,"
        "group,note\n",
        fp);
  for (size_t i = 0; i < res->n_rows; i++) {
    const nps_segments_row *r = row(s, i);
    int last = i + 1 == res->n_rows;
    fputs(last ? "overall," : r->lumped ? "other," : "segment,", fp);
    cli_csv_field(fp, s->names[i], strlen(s->names[i]));
    fputs(last ? "," : ",rest", fp);
    fprintf(fp, ",%llu,%llu,%llu,%llu", (unsigned long long)r->est.n,
            (unsigned long long)r->counts.promoters,
            (unsigned long long)r->counts.passives,
            (unsigned long long)r->counts.detractors);
    cli_csv_num(fp, r->est.n ? 100 * r->est.nps : NAN);
    cli_csv_num(fp, r->has_ci ? 100 * r->ci.iv.lo : NAN);
    cli_csv_num(fp, r->has_ci ? 100 * r->ci.iv.hi : NAN);
    fprintf(fp, ",%s", r->has_ci ? nps_ci_method_name(r->ci.method_used) : "");
    cli_csv_num(fp, c->level);
    fprintf(fp, ",%d", r->base == NPS_BASE_BELOW);
    csv_test(fp, &r->vs_rest);
    fprintf(fp, ",%s,",
            r->vs_rest.tested ? nps_multi_method_name(res->options.adjust)
                              : "");
    cli_csv_field(fp, r->letters ? r->letters : "",
                  r->letters ? strlen(r->letters) : 0);
    const char *note = r->has_ci && r->ci.note ? r->ci.note : "";
    fputc(',', fp);
    cli_csv_field(fp, note, strlen(note));
    fputc('\n', fp);
  }
  for (size_t i = 0; i < res->n_pairs; i++) {
    const nps_segments_pair *pr = &res->pairs[i];
    fputs("pair,", fp);
    cli_csv_field(fp, s->names[pr->a], strlen(s->names[pr->a]));
    fputc(',', fp);
    cli_csv_field(fp, s->names[pr->b], strlen(s->names[pr->b]));
    csv_empty(fp, 8);
    cli_csv_num(fp, c->level);
    csv_empty(fp, 1);
    csv_test(fp, &pr->t);
    fprintf(fp, ",%s,,\n", nps_multi_method_name(res->options.adjust));
  }
  const nps_omnibus *o = &res->omnibus;
  if (o->k < 2)
    return;
  omnibus_csv(fp, "omnibus-wald", "chisq-wald", o->w, o->w_df, o->w_p);
  fputs(",,,,,\n", fp);
  omnibus_csv(fp, "omnibus-categories", "chisq-pearson", o->chisq, o->chisq_df,
              o->chisq_p);
  fputs(",,,,,\n", fp);
  omnibus_csv(fp, "omnibus-permutation", "permutation-wald", o->w, o->w_df,
              o->perm_p);
  fprintf(fp, ",,,,,%zu draws; Monte Carlo se %.17g\n", o->perm_draws,
          o->perm_mc_se);
}

/* ---- json ---- */

static void json_test(cli_json *w, const char *key, const nps_segments_test *t,
                      const segments_view *s) {
  if (!t->tested) {
    cli_json_raw(w, key, "null");
    return;
  }
  cli_json_open(w, key, '{');
  cli_json_dbl(w, "diff", 100 * t->diff);
  cli_json_dbl(w, "ci_low", 100 * t->ci.lo);
  cli_json_dbl(w, "ci_high", 100 * t->ci.hi);
  cli_json_dbl(w, "ci_level", t->ci_level);
  cli_json_nl(w);
  cli_json_str(w, "test", nps_test2_method_name(t->test.method));
  cli_json_dbl(w, "z", t->test.z);
  cli_json_dbl(w, "p", t->test.p);
  cli_json_dbl(w, "p_family", t->p_family);
  cli_json_dbl(w, "p_adjusted", t->p_adjusted);
  cli_json_str(w, "adjust", cli_multi_label(s->res->options.adjust));
  cli_json_nl(w);
  cli_json_bool(w, "significant", t->verdict.significant);
  cli_json_dbl(w, "direction", t->verdict.direction);
  if (t->test.note)
    cli_json_str(w, "note", t->test.note);
  cli_json_close(w, '}', 0);
}

static void json_row(cli_json *w, const segments_view *s, size_t i) {
  const nps_segments_row *r = row(s, i);
  cli_json_nl(w);
  if (r->key && !r->lumped)
    cli_json_group(w, r->key, r->key_len, s->opt->by, s->opt->n_by);
  else
    cli_json_str(w, "name", s->names[i]);
  if (r->lumped)
    cli_json_u64(w, "lumped", r->lumped);
  cli_json_nl(w);
  cli_json_counts(w, r->est.n, &r->counts, r->missing);
  cli_json_nl(w);
  cli_json_dbl(w, "nps", r->est.n ? 100 * r->est.nps : NAN);
  cli_json_ci(w, r->has_ci, &r->ci);
  cli_json_bool(w, "small_base", r->base == NPS_BASE_BELOW);
  if (i + 1 == s->res->n_rows)
    return;
  cli_json_nl(w);
  json_test(w, "vs_rest", &r->vs_rest, s);
  if (s->res->options.pairwise) {
    cli_json_nl(w);
    cli_json_str(w, "letters", r->letters ? r->letters : "");
  }
}

static void json_omnibus(cli_json *w, const segments_view *s) {
  const nps_segments *res = s->res;
  const nps_omnibus *o = &res->omnibus;
  cli_json_open(w, "omnibus", '{');
  cli_json_nl(w);
  cli_json_u64(w, "segments", o->k);
  cli_json_bool(w, "significant", res->omnibus_verdict.significant);
  cli_json_dbl(w, "p",
               res->omnibus_verdict.tested ? res->omnibus_verdict.p : NAN);
  cli_json_str(w, "decided_by", "permutation");
  cli_json_nl(w);
  cli_json_dbl(w, "wald_w", o->w);
  cli_json_dbl(w, "wald_df", o->w_df);
  cli_json_dbl(w, "wald_p", o->w_p);
  cli_json_dbl(w, "weighted_nps", 100 * o->theta_w);
  cli_json_nl(w);
  cli_json_dbl(w, "categories_chisq", o->chisq);
  cli_json_dbl(w, "categories_df", o->chisq_df);
  cli_json_dbl(w, "categories_p", o->chisq_p);
  cli_json_nl(w);
  cli_json_dbl(w, "permutation_p", o->perm_p);
  cli_json_dbl(w, "permutation_mc_se", o->perm_mc_se);
  cli_json_u64(w, "permutation_draws", o->perm_draws);
  if (o->note) {
    cli_json_nl(w);
    cli_json_str(w, "note", o->note);
  }
  cli_json_close(w, '}', 1);
}

static void json_pairs(cli_json *w, const segments_view *s) {
  const nps_segments *res = s->res;
  cli_json_open(w, "pairs", '[');
  for (size_t i = 0; i < res->n_pairs; i++) {
    const nps_segments_pair *pr = &res->pairs[i];
    cli_json_nl(w);
    cli_json_open(w, NULL, '{');
    cli_json_str(w, "segment", s->names[pr->a]);
    cli_json_str(w, "versus", s->names[pr->b]);
    cli_json_nl(w);
    json_test(w, "test", &pr->t, s);
    cli_json_close(w, '}', 0);
  }
  cli_json_close(w, ']', res->n_pairs > 0);
  if (res->letters_note) {
    cli_json_nl(w);
    cli_json_str(w, "letters_note", res->letters_note);
  }
}

static void print_json(cli_json *w, const void *ctx) {
  const segments_view *s = ctx;
  const cli_common *c = s->opt;
  const nps_segments *res = s->res;
  cli_json_head(w, "segments", s->path, s->report.score_column);
  cli_json_nl(w);
  cli_json_str(w, "scale", "points");
  cli_json_nl(w);
  cli_json_str(w, "method", nps_ci_method_name(c->ci));
  cli_json_dbl(w, "level", c->level);
  cli_json_u64(w, "boot", c->boot);
  cli_json_u64(w, "seed", c->seed);
  cli_json_nl(w);
  cli_json_u64(w, "min_n", c->min_n);
  cli_json_u64(w, "lump_below", res->options.lump_below);
  cli_json_str(w, "adjust", nps_multi_method_name(res->options.adjust));
  cli_json_str(w, "order", nps_order_name(res->options.order.by));
  cli_json_nl(w);
  cli_json_strings(w, "by", c->by, c->n_by);
  cli_json_nl(w);
  cli_json_open(w, "segments", '[');
  for (size_t i = 0; i < n_segments(s); i++) {
    cli_json_nl(w);
    cli_json_open(w, NULL, '{');
    json_row(w, s, i);
    cli_json_close(w, '}', 1);
  }
  cli_json_close(w, ']', n_segments(s) > 0);
  cli_json_nl(w);
  cli_json_open(w, "overall", '{');
  json_row(w, s, res->n_rows - 1);
  cli_json_close(w, '}', 1);
  cli_json_nl(w);
  json_omnibus(w, s);
  cli_json_nl(w);
  cli_json_str(w, "answer", nps_segments_answer_name(res->answer));
  cli_json_u64(w, "held_back", res->held_back);
  cli_json_u64(w, "pairs_held_back", res->pairs_held_back);
  cli_json_nl(w);
  cli_json_bool(w, "thin", res->thin);
  cli_json_dbl(w, "median_ci_half_width", 100 * res->median_half_width);
  if (res->options.pairwise) {
    cli_json_nl(w);
    json_pairs(w, s);
  }
  cli_json_close(w, '}', 1);
}

void segments_view_init(const segments_view *s, cli_view *v) {
  *v = (cli_view){
      .ctx = s, .table = print_table, .csv = print_csv, .json = print_json};
  cli_view_chart(v, s->opt->plot, segments_write_chart, s);
}
