/*
 * compare_report.c - prints a `nps-stat compare` result as a table for a
 * terminal, markdown, CSV (one row per comparison) or JSON (everything).
 *
 * Every number is shown with its n, the test, the level and, for bootstrap
 * results, B and the seed; the table closes with a one-line verdict in
 * plain language. Labels come from the command line or from CSV cells:
 * control characters are shown as spaces in tables and escaped in JSON.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* ---- small formatting helpers ---- */

/* Points with a sign: "+10.9", "-3.0", "0.0", "n/a". */
static void signed_points(char *buf, size_t size, double x) {
  char tmp[32];
  cli_points(tmp, sizeof tmp, x);
  snprintf(buf, size, "%s%s",
           !isnan(x) && strcmp(tmp, "0.0") && x > 0 ? "+" : "", tmp);
}

static void fmt_p(char *buf, size_t size, double p) {
  if (isnan(p))
    snprintf(buf, size, "n/a");
  else if (p < 0.001)
    snprintf(buf, size, "<0.001");
  else
    snprintf(buf, size, "%.3f", p);
}

/* "p = 0.033" or "p < 0.001". */
static void fmt_p_phrase(char *buf, size_t size, double p) {
  char v[16];
  fmt_p(v, sizeof v, p);
  snprintf(buf, size, "p%s%s",
           v[0] == '<' ? " < "
           : isnan(p)  ? " "
                       : " = ",
           v[0] == '<' ? v + 1 : v);
}

static void fmt_ci(char *buf, size_t size, nps_interval iv) {
  char lo[32], hi[32];
  if (isnan(iv.lo) || isnan(iv.hi)) {
    snprintf(buf, size, "n/a");
    return;
  }
  cli_points(lo, sizeof lo, iv.lo);
  cli_points(hi, sizeof hi, iv.hi);
  snprintf(buf, size, "[%s, %s]", lo, hi);
}

/* Text with control characters shown as spaces. */
static void put_text(FILE *fp, const char *s, size_t len, int markdown) {
  cli_put_text(fp, s, len, markdown);
}

static void put_str(FILE *fp, const char *s) {
  put_text(fp, s, strlen(s), 0);
}

/* Component k of a row's key. */
static void key_part(const cmp_row *r, size_t k, const char **p, size_t *len) {
  cli_key_part(r->key, r->key_len, k, p, len);
}

static int is_boot(nps_ci_method m) {
  return m == NPS_CI_PERCENTILE || m == NPS_CI_BCA;
}

static const cmp_row *overall(const compare *cmp) {
  return &cmp->rows[cmp->n_rows - 1];
}

/* Short name of the test behind a p-value, for sentences. */
static const char *test_label(const cmp_row *r, const compare *cmp) {
  if (cmp->paired)
    return "paired z test";
  switch (r->test.method) {
  case NPS_TEST2_WALD:
    return "Wald z test";
  case NPS_TEST2_ADJUSTED_WALD:
    return "adjusted Wald z test";
  case NPS_TEST2_BOOTSTRAP:
    return "bootstrap test";
  case NPS_TEST2_PERMUTATION:
    return "permutation test";
  default:
    return nps_test2_method_label(r->test.method);
  }
}

/* ---- the verdict ---- */

/* One sentence: what the comparison shows, with the difference, its
 * interval and p, and (when not significant) what could have been seen. */
static void verdict(FILE *fp, const compare *cmp, const cmp_row *r) {
  const char *a = cmp->label[0], *b = cmp->label[1];
  if (!r->tested) {
    fprintf(fp, "no test of %s against %s: %s", b, a, r->reason);
    return;
  }
  char d[40], ci[80], p[40], mdd[40];
  signed_points(d, sizeof d, r->diff);
  fmt_ci(ci, sizeof ci, r->diff_ci);
  fmt_p_phrase(p, sizeof p, r->p_adj);
  double alpha = 1.0 - cmp->opt->level;
  int sig = r->p_adj < alpha;
  const char *dir = r->diff > 0 ? "higher" : "lower";
  if (sig) {
    put_str(fp, b);
    fprintf(fp, " is %s than ", dir);
    put_str(fp, a);
  } else if (cmp->alt == NPS_ALT_TWO_SIDED) {
    fputs("no significant difference between ", fp);
    put_str(fp, b);
    fputs(" and ", fp);
    put_str(fp, a);
  } else {
    put_str(fp, b);
    fprintf(fp, " is not significantly %s than ",
            cmp->alt == NPS_ALT_GREATER ? "higher" : "lower");
    put_str(fp, a);
  }
  fprintf(fp, ": %s points, %g%% CI %s, %s (%s)", d, 100 * cmp->opt->level, ci,
          p, test_label(r, cmp));
  if (!sig && !isnan(r->mdd)) {
    cli_points(mdd, sizeof mdd, r->mdd);
    fprintf(fp, "; these samples detect %s points with 80%% power", mdd);
  }
}

/* ---- table and markdown ---- */

enum { GRID_MAX_COLS = CLI_GRID_MAX_COLS };

typedef cli_cell cell;

static void cell_text(cell *x, const char *s, size_t len) {
  cli_cell_text(x, s, len);
}

static void cell_str(cell *x, const char *s) {
  cli_cell_copy(x, s);
}

static void cell_u64(cell *x, uint64_t v) {
  snprintf(x->buf, sizeof x->buf, "%llu", (unsigned long long)v);
  cell_text(x, x->buf, strlen(x->buf));
}

static void cell_pct(cell *x, uint64_t n, double share) {
  if (n == 0)
    cell_str(x, "n/a");
  else {
    snprintf(x->buf, sizeof x->buf, "%.1f%%", 100.0 * share);
    cell_text(x, x->buf, strlen(x->buf));
  }
}

/* Prints rows x cols cells (row 0 the heading) with the columns in
 * left[0..n_left) left-aligned, the others right-aligned. */
static void print_grid(FILE *fp, cell (*cells)[GRID_MAX_COLS], size_t rows,
                       size_t cols, const size_t *left, size_t n_left,
                       int markdown) {
  unsigned char align[GRID_MAX_COLS] = {0};
  for (size_t i = 0; i < n_left; i++)
    align[left[i]] = 1;
  cli_grid(fp, cells, rows, cols, align, markdown);
}

static void print_samples(FILE *fp, const compare *cmp, int md) {
  cell cells[3][GRID_MAX_COLS];
  memset(cells, 0, sizeof cells);
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * cmp->opt->level);
  const char *heads[] = {"sample",     "n",   "promoters", "passives",
                         "detractors", "NPS", level,       "missing"};
  for (size_t k = 0; k < 8; k++)
    cell_str(&cells[0][k], heads[k]);
  const cmp_row *r = overall(cmp);
  for (int s = 0; s < 2; s++) {
    const cmp_side *x = &r->side[s];
    cell *c = cells[s + 1];
    cell_text(&c[0], cmp->label[s], strlen(cmp->label[s]));
    cell_u64(&c[1], x->est.n);
    cell_pct(&c[2], x->est.n, x->est.share_promoters);
    cell_pct(&c[3], x->est.n, x->est.share_passives);
    cell_pct(&c[4], x->est.n, x->est.share_detractors);
    cli_points(c[5].buf, sizeof c[5].buf, x->est.n ? x->est.nps : NAN);
    cell_text(&c[5], c[5].buf, strlen(c[5].buf));
    if (x->has_ci)
      fmt_ci(c[6].buf, sizeof c[6].buf, x->ci.iv);
    else
      snprintf(c[6].buf, sizeof c[6].buf, "withheld");
    if (x->has_ci && x->ci.note)
      strcat(c[6].buf, " *");
    cell_text(&c[6], c[6].buf, strlen(c[6].buf));
    cell_u64(&c[7], x->missing);
  }
  static const size_t left[] = {0, 6};
  print_grid(fp, cells, 3, 8, left, 2, md);
}

static void test_note(char *buf, size_t size, const compare *cmp,
                      const cmp_test *t) {
  const cli_common *c = cmp->opt;
  if (t->status != NPS_OK) {
    snprintf(buf, size, "not run: %s", nps_strerror(t->status));
  } else if (t->method == NPS_TEST2_BOOTSTRAP) {
    snprintf(buf, size, "B = %zu, seed %lu%s", t->res.draws, c->seed,
             t->res.bca_ok ? "" : ", percentile");
  } else if (t->method == NPS_TEST2_PERMUTATION) {
    if (t->res.exact)
      snprintf(buf, size, "studentized, mid-p; exact, %.0f tables",
               t->res.tables);
    else
      snprintf(buf, size,
               "studentized, mid-p; Monte Carlo, %zu draws, seed %lu, "
               "MC SE %.4f",
               t->res.draws, c->seed, t->res.p_mc_se);
  } else if (t->method == NPS_TEST2_ADJUSTED_WALD) {
    snprintf(buf, size, "difference of adjusted NPS");
  } else {
    buf[0] = '\0';
  }
}

static void print_tests(FILE *fp, const compare *cmp, int md) {
  cell cells[CMP_MAX_TESTS + 1][GRID_MAX_COLS];
  memset(cells, 0, sizeof cells);
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * cmp->opt->level);
  const char *heads[] = {"test", "difference", level, "p", "note"};
  for (size_t k = 0; k < 5; k++)
    cell_str(&cells[0][k], heads[k]);
  for (size_t i = 0; i < cmp->n_all; i++) {
    const cmp_test *t = &cmp->all[i];
    cell *c = cells[i + 1];
    int ok = t->status == NPS_OK;
    cell_str(&c[0], nps_test2_method_label(t->method));
    signed_points(c[1].buf, sizeof c[1].buf, ok ? t->res.diff : NAN);
    cell_text(&c[1], c[1].buf, strlen(c[1].buf));
    if (ok && !isnan(t->res.ci.lo))
      fmt_ci(c[2].buf, sizeof c[2].buf, t->res.ci);
    else
      snprintf(c[2].buf, sizeof c[2].buf, "-");
    cell_text(&c[2], c[2].buf, strlen(c[2].buf));
    fmt_p(c[3].buf, sizeof c[3].buf, ok ? t->res.p : NAN);
    cell_text(&c[3], c[3].buf, strlen(c[3].buf));
    test_note(c[4].buf, sizeof c[4].buf, cmp, t);
    cell_text(&c[4], c[4].buf, strlen(c[4].buf));
  }
  static const size_t left[] = {0, 2, 4};
  print_grid(fp, cells, cmp->n_all + 1, 5, left, 3, md);
}

/* Returns -1 when out of memory (nothing printed), else 0. */
static int print_segments(FILE *fp, const compare *cmp, int md) {
  size_t nb = cmp->opt->n_by, nrows = cmp->n_rows + 1, ncols = nb + 8;
  cell(*cells)[GRID_MAX_COLS] = calloc(nrows, sizeof *cells);
  if (!cells)
    return -1;
  char h[8][96];
  snprintf(h[0], sizeof h[0], "n %s", cmp->label[0]);
  snprintf(h[1], sizeof h[1], "NPS %s", cmp->label[0]);
  snprintf(h[2], sizeof h[2], "n %s", cmp->label[1]);
  snprintf(h[3], sizeof h[3], "NPS %s", cmp->label[1]);
  snprintf(h[4], sizeof h[4], "difference");
  snprintf(h[5], sizeof h[5], "%g%% CI", 100.0 * cmp->opt->level);
  snprintf(h[6], sizeof h[6], "p");
  snprintf(h[7], sizeof h[7], "p %s", nps_multi_method_name(cmp->adjust));
  for (size_t k = 0; k < nb; k++)
    cell_text(&cells[0][k], cmp->opt->by[k], strlen(cmp->opt->by[k]));
  for (size_t k = 0; k < 8; k++)
    cell_text(&cells[0][nb + k], h[k], strlen(h[k]));
  for (size_t i = 0; i < cmp->n_rows; i++) {
    const cmp_row *r = &cmp->rows[i];
    cell *c = cells[i + 1];
    for (size_t k = 0; k < nb; k++) {
      const char *p = k ? "" : "all";
      size_t len = k ? 0 : 3;
      if (r->key)
        key_part(r, k, &p, &len);
      cell_text(&c[k], p, len);
    }
    c += nb;
    for (int s = 0; s < 2; s++) {
      const nps_estimate *e = &r->side[s].est;
      cell_u64(&c[2 * s], e->n);
      cli_points(c[2 * s + 1].buf, sizeof c[0].buf, e->n ? e->nps : NAN);
      cell_text(&c[2 * s + 1], c[2 * s + 1].buf, strlen(c[2 * s + 1].buf));
    }
    signed_points(c[4].buf, sizeof c[4].buf, r->diff);
    cell_text(&c[4], c[4].buf, strlen(c[4].buf));
    if (r->tested)
      fmt_ci(c[5].buf, sizeof c[5].buf, r->diff_ci);
    else
      snprintf(c[5].buf, sizeof c[5].buf, "not tested *");
    cell_text(&c[5], c[5].buf, strlen(c[5].buf));
    fmt_p(c[6].buf, sizeof c[6].buf, r->tested ? r->test.p : NAN);
    cell_text(&c[6], c[6].buf, strlen(c[6].buf));
    if (r->key)
      fmt_p(c[7].buf, sizeof c[7].buf, r->p_adj);
    else
      snprintf(c[7].buf, sizeof c[7].buf, "-");
    cell_text(&c[7], c[7].buf, strlen(c[7].buf));
  }
  size_t left[CLI_MAX_LIST + 1];
  for (size_t k = 0; k < nb; k++)
    left[k] = k;
  left[nb] = nb + 5;
  print_grid(fp, cells, nrows, ncols, left, nb + 1, md);
  free(cells);
  return 0;
}

static void print_pairs(FILE *fp, const compare *cmp, int md) {
  uint64_t matched = overall(cmp)->side[0].est.n;
  fprintf(fp,
          "paired on '%s': %llu respondents answered both; left out: "
          "%llu only in ",
          cmp->id_column, (unsigned long long)matched,
          (unsigned long long)cmp->unmatched[0]);
  put_str(fp, cmp->label[0]);
  fprintf(fp, ", %llu only in ", (unsigned long long)cmp->unmatched[1]);
  put_str(fp, cmp->label[1]);
  fputs("\n\n", fp);
  cell cells[4][GRID_MAX_COLS];
  memset(cells, 0, sizeof cells);
  static const char *names[3] = {"detractor", "passive", "promoter"};
  char corner[200];
  snprintf(corner, sizeof corner, "%.80s \\ %.80s", cmp->label[0],
           cmp->label[1]);
  cell_text(&cells[0][0], corner, strlen(corner));
  for (int j = 0; j < 3; j++) {
    cell_str(&cells[0][j + 1], names[j]);
    cell_str(&cells[j + 1][0], names[j]);
  }
  /* Rows: sample 0 (before); columns: sample 1 (after). The library's
   * table has sample 1 as rows. */
  for (int b = 0; b < 3; b++)
    for (int a = 0; a < 3; a++)
      cell_u64(&cells[b + 1][a + 1], cmp->pairs.count[a][b]);
  static const size_t left[] = {0};
  print_grid(fp, cells, 4, 4, left, 1, md);
}

static void print_header(FILE *fp, const compare *cmp, int md) {
  const cli_common *c = cmp->opt;
  const char *b = md ? "**" : "", *gap = md ? "\n" : "";
  fprintf(fp, "%sNPS comparison%s: ", b, b);
  if (cmp->arm_column) {
    fputs("column '", fp);
    put_str(fp, cmp->arm_column);
    fputs("' of ", fp);
    put_str(fp, cmp->path[0]);
    fputs(", ", fp);
    put_str(fp, cmp->label[1]);
    fputs(" vs ", fp);
    put_str(fp, cmp->label[0]);
  } else {
    put_str(fp, cmp->label[1]);
    fputs(" (", fp);
    put_str(fp, cmp->path[1]);
    fputs(") vs ", fp);
    put_str(fp, cmp->label[0]);
    fputs(" (", fp);
    put_str(fp, cmp->path[0]);
    fputc(')', fp);
  }
  fprintf(fp, "\n%sdifference: ", gap);
  put_str(fp, cmp->label[1]);
  fputs(" - ", fp);
  put_str(fp, cmp->label[0]);
  fprintf(fp, " (points); test: %s, %s, %g%% level\n%s",
          test_label(overall(cmp), cmp), nps_alternative_name(cmp->alt),
          100 * c->level, gap);
  const cmp_row *r = overall(cmp);
  fprintf(fp, "interval of the difference: %s",
          r->diff_ci_how ? r->diff_ci_how : "none");
  if (r->diff_ci_how && strncmp(r->diff_ci_how, "bootstrap", 9) == 0)
    fprintf(fp, ", B = %zu, seed %lu", c->boot, c->seed);
  fprintf(fp, "\n%ssample intervals: %s", gap, nps_ci_method_label(c->ci));
  if (is_boot(c->ci))
    fprintf(fp, ", B = %zu, seed %lu", c->boot, c->seed);
  fprintf(fp, "\n\n");
}

static void print_notes(FILE *fp, const compare *cmp) {
  const cmp_row *r = overall(cmp);
  for (int s = 0; s < 2; s++)
    if (r->side[s].has_ci && r->side[s].ci.note) {
      fprintf(fp, "* %s\n", r->side[s].ci.note);
      break;
    }
  if (r->test_note)
    fprintf(fp, "note: %s\n", r->test_note);
  if (r->diff_note)
    fprintf(fp, "note: %s\n", r->diff_note);
  for (size_t i = 0; i + 1 < cmp->n_rows; i++)
    if (!cmp->rows[i].tested) {
      fprintf(fp,
              "* not tested: a sample has fewer than --min-n %llu "
              "answers\n",
              (unsigned long long)cmp->opt->min_n);
      break;
    }
}

static void print_power(FILE *fp, const compare *cmp) {
  const cmp_row *r = overall(cmp);
  if (!r->tested || isnan(r->mdd))
    return;
  char mdd[40], d[40];
  cli_points(mdd, sizeof mdd, r->mdd);
  signed_points(d, sizeof d, r->diff);
  fprintf(fp,
          "power: these samples detect a difference of %s points with "
          "80%% power (%s, %g%% level)",
          mdd, nps_alternative_name(cmp->alt), 100 * (1 - cmp->opt->level));
  if (!isnan(r->power))
    fprintf(fp, "; power against the observed %s: %.0f%%", d, 100 * r->power);
  fputc('\n', fp);
}

/* Returns -1 when out of memory (the output is incomplete), else 0. */
static int print_table(FILE *fp, const compare *cmp, int md) {
  const cmp_row *r = overall(cmp);
  print_header(fp, cmp, md);
  if (cmp->paired)
    print_pairs(fp, cmp, md), fputc('\n', fp);
  print_samples(fp, cmp, md);
  char d[40], ci[80], p[40];
  signed_points(d, sizeof d, r->diff);
  fmt_ci(ci, sizeof ci, r->diff_ci);
  fmt_p_phrase(p, sizeof p, r->tested ? r->test.p : NAN);
  fprintf(fp, "\n%sdifference: %s points, %g%% CI %s, %s%s\n", md ? "**" : "",
          d, 100 * cmp->opt->level, ci, p, md ? "**" : "");
  if (cmp->n_all) {
    fputc('\n', fp);
    print_tests(fp, cmp, md);
  }
  if (cmp->opt->n_by) {
    fputc('\n', fp);
    if (print_segments(fp, cmp, md) != 0)
      return -1;
  }
  fputc('\n', fp);
  print_power(fp, cmp);
  print_notes(fp, cmp);
  if (cmp->opt->n_by) {
    size_t sig = 0;
    for (size_t i = 0; i + 1 < cmp->n_rows; i++)
      sig += cmp->rows[i].tested && cmp->rows[i].p_adj < 1 - cmp->opt->level;
    fprintf(fp,
            "segments with a significant difference (%s-adjusted): "
            "%zu of %zu\n",
            nps_multi_method_name(cmp->adjust), sig, cmp->n_rows - 1);
  }
  fputc('\n', fp);
  verdict(fp, cmp, r);
  fputc('\n', fp);
  return 0;
}

/* ---- csv ---- */

static void csv_str(FILE *fp, const char *s) {
  fputc(',', fp);
  if (s)
    cli_csv_field(fp, s, strlen(s));
}

static void print_csv(FILE *fp, const compare *cmp) {
  const cli_common *c = cmp->opt;
  fputs("row", fp);
  for (size_t i = 0; i < c->n_by; i++)
    csv_str(fp, c->by[i]);
  fputs(",label_a,n_a,promoters_a,passives_a,detractors_a,nps_a,ci_low_a,"
        "ci_high_a,missing_a,label_b,n_b,promoters_b,passives_b,detractors_b,"
        "nps_b,ci_low_b,ci_high_b,missing_b,sample_ci_method,difference,"
        "diff_ci_low,diff_ci_high,diff_ci_method,test,alternative,z,se,p,"
        "p_mc_se,p_adjusted,adjust,level,boot,seed,mdd80,power,note\n",
        fp);
  for (size_t i = 0; i < cmp->n_rows; i++) {
    const cmp_row *r = &cmp->rows[i];
    fputs(r->key ? "segment" : "overall", fp);
    for (size_t k = 0; k < c->n_by; k++) {
      const char *p = "";
      size_t len = 0;
      if (r->key)
        key_part(r, k, &p, &len);
      fputc(',', fp);
      cli_csv_field(fp, p, len);
    }
    for (int s = 0; s < 2; s++) {
      const cmp_side *x = &r->side[s];
      csv_str(fp, cmp->label[s]);
      fprintf(fp, ",%llu,%llu,%llu,%llu", (unsigned long long)x->est.n,
              (unsigned long long)x->counts.promoters,
              (unsigned long long)x->counts.passives,
              (unsigned long long)x->counts.detractors);
      cli_csv_num(fp, x->est.n ? 100 * x->est.nps : NAN);
      cli_csv_num(fp, x->has_ci ? 100 * x->ci.iv.lo : NAN);
      cli_csv_num(fp, x->has_ci ? 100 * x->ci.iv.hi : NAN);
      fprintf(fp, ",%llu", (unsigned long long)x->missing);
    }
    fprintf(fp, ",%s", nps_ci_method_name(c->ci));
    cli_csv_num(fp, 100 * r->diff);
    cli_csv_num(fp, 100 * r->diff_ci.lo);
    cli_csv_num(fp, 100 * r->diff_ci.hi);
    csv_str(fp, r->tested ? r->diff_ci_how : NULL);
    csv_str(fp, r->tested
                    ? (cmp->paired ? "paired"
                                   : nps_test2_method_name(r->test.method))
                    : NULL);
    fprintf(fp, ",%s", nps_alternative_name(cmp->alt));
    cli_csv_num(fp, r->tested ? r->test.z : NAN);
    cli_csv_num(fp, r->tested ? 100 * r->test.se : NAN);
    cli_csv_num(fp, r->tested ? r->test.p : NAN);
    cli_csv_num(fp, r->tested ? r->test.p_mc_se : NAN);
    cli_csv_num(fp, r->p_adj);
    fprintf(fp, ",%s", r->key ? nps_multi_method_name(cmp->adjust) : "none");
    cli_csv_num(fp, c->level);
    fprintf(fp, ",%zu,%lu", c->boot, c->seed);
    cli_csv_num(fp, 100 * r->mdd);
    cli_csv_num(fp, r->power);
    const char *note = !r->tested     ? r->reason
                       : r->test_note ? r->test_note
                                      : r->diff_note;
    csv_str(fp, note);
    fputc('\n', fp);
  }
}

/* ---- json ---- */

static void json_str(FILE *fp, const char *name, const char *s) {
  fprintf(fp, "\"%s\": ", name);
  if (s)
    cli_json_string(fp, s, strlen(s));
  else
    fputs("null", fp);
}

static void json_side(FILE *fp, const compare *cmp, const cmp_side *x, int s) {
  fputs("{", fp);
  json_str(fp, "label", cmp->label[s]);
  fprintf(fp,
          ", \"n\": %llu, \"promoters\": %llu, \"passives\": %llu, "
          "\"detractors\": %llu, \"missing\": %llu, ",
          (unsigned long long)x->est.n, (unsigned long long)x->counts.promoters,
          (unsigned long long)x->counts.passives,
          (unsigned long long)x->counts.detractors,
          (unsigned long long)x->missing);
  cli_json_num(fp, "nps", x->est.n ? 100 * x->est.nps : NAN);
  fputs(", ", fp);
  cli_json_num(fp, "se", x->est.n ? 100 * x->est.se : NAN);
  fputs(", \"ci\": ", fp);
  if (!x->has_ci)
    fputs("null}", fp);
  else {
    fputs("{", fp);
    cli_json_num(fp, "low", 100 * x->ci.iv.lo);
    fputs(", ", fp);
    cli_json_num(fp, "high", 100 * x->ci.iv.hi);
    fprintf(fp, ", \"method\": \"%s\"", nps_ci_method_name(x->ci.method_used));
    if (x->ci.note) {
      fputs(", ", fp);
      json_str(fp, "note", x->ci.note);
    }
    fputs("}}", fp);
  }
}

static void json_comparison(FILE *fp, const compare *cmp, const cmp_row *r,
                            const char *in) {
  fprintf(fp, "{\n%s  \"samples\": [", in);
  json_side(fp, cmp, &r->side[0], 0);
  fprintf(fp, ",\n%s    ", in);
  json_side(fp, cmp, &r->side[1], 1);
  fprintf(fp, "],\n%s  \"tested\": %s, ", in, r->tested ? "true" : "false");
  json_str(fp, "reason", r->tested ? NULL : r->reason);
  fprintf(fp, ",\n%s  ", in);
  cli_json_num(fp, "difference", 100 * r->diff);
  fputs(", \"ci\": ", fp);
  if (!r->tested)
    fputs("null", fp);
  else {
    fputs("{", fp);
    cli_json_num(fp, "low", 100 * r->diff_ci.lo);
    fputs(", ", fp);
    cli_json_num(fp, "high", 100 * r->diff_ci.hi);
    fputs(", ", fp);
    json_str(fp, "method", r->diff_ci_how);
    fputs(", ", fp);
    json_str(fp, "note", r->diff_note);
    fputs("}", fp);
  }
  fprintf(fp, ",\n%s  \"test\": ", in);
  if (!r->tested)
    fputs("null", fp);
  else {
    fputs("{", fp);
    json_str(fp, "method",
             cmp->paired ? "paired" : nps_test2_method_name(r->test.method));
    fputs(", ", fp);
    cli_json_num(fp, "z", r->test.z);
    fputs(", ", fp);
    cli_json_num(fp, "se", 100 * r->test.se);
    fputs(", ", fp);
    cli_json_num(fp, "p", r->test.p);
    fputs(", ", fp);
    cli_json_num(fp, "p_mc_se", r->test.p_mc_se);
    fputs(", ", fp);
    cli_json_num(fp, "p_adjusted", r->p_adj);
    fputs(", ", fp);
    json_str(fp, "note", r->test_note);
    fputs("}", fp);
  }
  fprintf(fp, ",\n%s  ", in);
  cli_json_num(fp, "mdd80", 100 * r->mdd);
  fputs(", ", fp);
  cli_json_num(fp, "power", r->power);
  fprintf(fp, "\n%s}", in);
}

static void json_tests(FILE *fp, const compare *cmp) {
  fputs("[", fp);
  for (size_t i = 0; i < cmp->n_all; i++) {
    const cmp_test *t = &cmp->all[i];
    int ok = t->status == NPS_OK;
    fprintf(fp, "%s\n    {\"method\": \"%s\", ", i ? "," : "",
            nps_test2_method_name(t->method));
    json_str(fp, "status", ok ? "ok" : nps_strerror(t->status));
    fputs(", ", fp);
    cli_json_num(fp, "difference", ok ? 100 * t->res.diff : NAN);
    fputs(", ", fp);
    cli_json_num(fp, "se", ok ? 100 * t->res.se : NAN);
    fputs(", ", fp);
    cli_json_num(fp, "ci_low", ok ? 100 * t->res.ci.lo : NAN);
    fputs(", ", fp);
    cli_json_num(fp, "ci_high", ok ? 100 * t->res.ci.hi : NAN);
    fputs(", ", fp);
    cli_json_num(fp, "p", ok ? t->res.p : NAN);
    fputs(", ", fp);
    cli_json_num(fp, "p_mc_se", ok ? t->res.p_mc_se : NAN);
    if (t->method == NPS_TEST2_PERMUTATION)
      fprintf(fp, ", \"exact\": %s", ok && t->res.exact ? "true" : "false");
    if (t->method == NPS_TEST2_BOOTSTRAP || t->method == NPS_TEST2_PERMUTATION)
      fprintf(fp, ", \"draws\": %zu", ok ? t->res.draws : 0);
    fputs("}", fp);
  }
  fputs(cmp->n_all ? "\n  ]" : "]", fp);
}

static void json_verdict(FILE *fp, const compare *cmp) {
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  if (!mem) {
    fputs("null", fp);
    return;
  }
  verdict(mem, cmp, overall(cmp));
  fclose(mem);
  cli_json_string(fp, text, len);
  free(text);
}

static void print_json(FILE *fp, const compare *cmp) {
  const cli_common *c = cmp->opt;
  fputs("{\n  \"command\": \"compare\",\n  \"inputs\": [", fp);
  for (int i = 0; i < 2 && cmp->path[i]; i++) {
    fputs(i ? ", " : "", fp);
    cli_json_string(fp, cmp->path[i], strlen(cmp->path[i]));
  }
  fputs("],\n  ", fp);
  json_str(fp, "arm_column", cmp->arm_column);
  fputs(",\n  \"labels\": [", fp);
  cli_json_string(fp, cmp->label[0], strlen(cmp->label[0]));
  fputs(", ", fp);
  cli_json_string(fp, cmp->label[1], strlen(cmp->label[1]));
  fputs("],\n  \"difference_of\": \"B - A (points)\",\n  ", fp);
  json_str(fp, "score_column", cmp->report[0].score_column);
  fprintf(fp, ",\n  \"test\": \"%s\", \"alternative\": \"%s\", ",
          cmp->paired ? "paired" : nps_test2_method_name(cmp->method),
          nps_alternative_name(cmp->alt));
  cli_json_num(fp, "level", c->level);
  fprintf(fp,
          ", \"boot\": %zu, \"seed\": %lu,\n  \"sample_ci_method\": "
          "\"%s\", \"min_n\": %llu, \"adjust\": \"%s\"",
          c->boot, c->seed, nps_ci_method_name(c->ci),
          (unsigned long long)c->min_n, nps_multi_method_name(cmp->adjust));
  if (cmp->paired) {
    fputs(",\n  \"paired\": {", fp);
    json_str(fp, "id_column", cmp->id_column);
    fprintf(fp,
            ", \"matched\": %llu, \"unmatched\": [%llu, %llu], "
            "\"transitions_a_by_b\": [",
            (unsigned long long)overall(cmp)->side[0].est.n,
            (unsigned long long)cmp->unmatched[0],
            (unsigned long long)cmp->unmatched[1]);
    for (int b = 0; b < 3; b++)
      fprintf(fp, "%s[%llu, %llu, %llu]", b ? ", " : "",
              (unsigned long long)cmp->pairs.count[0][b],
              (unsigned long long)cmp->pairs.count[1][b],
              (unsigned long long)cmp->pairs.count[2][b]);
    fputs("]}", fp);
  }
  fputs(",\n  \"overall\": ", fp);
  json_comparison(fp, cmp, overall(cmp), "  ");
  fputs(",\n  \"tests\": ", fp);
  json_tests(fp, cmp);
  fputs(",\n  \"by\": [", fp);
  for (size_t i = 0; i < c->n_by; i++) {
    fputs(i ? ", " : "", fp);
    cli_json_string(fp, c->by[i], strlen(c->by[i]));
  }
  fputs("],\n  \"segments\": [", fp);
  for (size_t i = 0; i + 1 < cmp->n_rows; i++) {
    const cmp_row *r = &cmp->rows[i];
    fprintf(fp, "%s\n    {\"group\": {", i ? "," : "");
    for (size_t k = 0; k < c->n_by; k++) {
      const char *p;
      size_t len;
      key_part(r, k, &p, &len);
      fputs(k ? ", " : "", fp);
      cli_json_string(fp, c->by[k], strlen(c->by[k]));
      fputs(": ", fp);
      cli_json_string(fp, p, len);
    }
    fputs("},\n     \"comparison\": ", fp);
    json_comparison(fp, cmp, r, "     ");
    fputs("}", fp);
  }
  fputs(cmp->n_rows > 1 ? "\n  ],\n  \"verdict\": " : "],\n  \"verdict\": ",
        fp);
  json_verdict(fp, cmp);
  fputs("\n}\n", fp);
}

/* ---- chart ---- */

/* The comparison chart of the overall result: both samples with their
 * intervals, and the difference with its interval and p. */
static nps_status write_chart(FILE *fp, const nps_plot_target *t,
                              const void *ctx) {
  const compare *cmp = ctx;
  const cli_common *c = cmp->opt;
  const cmp_row *r = overall(cmp);
  nps_plot_group g[2];
  for (int s = 0; s < 2; s++) {
    const cmp_side *x = &r->side[s];
    g[s] = (nps_plot_group){
        cmp->label[s], strlen(cmp->label[s]), x->counts, {NAN, NAN}};
    if (x->has_ci)
      g[s].ci = x->ci.iv;
  }
  nps_plot_diff d = {r->diff, r->tested ? r->diff_ci : (nps_interval){NAN, NAN},
                     r->tested ? r->p_adj : NAN,
                     r->tested ? test_label(r, cmp) : NULL};
  int boot = r->diff_ci_how && strncmp(r->diff_ci_how, "bootstrap", 9) == 0;
  char title[200], note[80];
  snprintf(title, sizeof title, "NPS: %.80s vs %.80s", cmp->label[1],
           cmp->label[0]);
  snprintf(note, sizeof note, "interval of the difference: %s",
           r->tested && r->diff_ci_how ? r->diff_ci_how : "none");
  nps_plot_info info = {title,
                        cmp->arm_column ? cmp->path[0] : NULL,
                        nps_ci_method_label(c->ci),
                        c->level,
                        boot || is_boot(c->ci) ? c->boot : 0,
                        c->seed,
                        note};
  return nps_plot_compare(fp, t, &info, &g[0], &g[1], &d);
}

/* The power chart: for differences of 5, 10 and 20 points and the observed
 * one, the power of a two-sample z test against the size of each arm, with
 * sample A's distribution as the baseline and B's moved by the difference
 * (nps_power_shift). */
enum { POWER_SERIES = 4, POWER_GRID = 81 };

typedef struct power_chart {
  double x[POWER_GRID];
  double power[POWER_SERIES][POWER_GRID];
  char label[POWER_SERIES][48];
  nps_plot_series series[POWER_SERIES];
  size_t n;
} power_chart;

/* Adds the series for a true difference delta (points / 100) when the
 * baseline can move that far; the grid x must be set. */
static void power_series(power_chart *pc, const compare *cmp,
                         const nps_shares *base, double v0, double delta,
                         const char *what) {
  double alpha = 1.0 - cmp->opt->level;
  int sides = cmp->alt == NPS_ALT_TWO_SIDED ? 2 : 1;
  nps_shares moved;
  double v1;
  if (nps_power_shift(base, delta, &moved) != NPS_OK &&
      nps_power_shift(base, delta = -delta, &moved) != NPS_OK)
    return;
  if (nps_power_variance(&moved, &v1, NULL) != NPS_OK)
    return;
  size_t k = pc->n;
  for (size_t i = 0; i < POWER_GRID; i++)
    if (nps_power_achieved(v1, pc->x[i], v0, pc->x[i], fabs(delta), alpha,
                           sides, &pc->power[k][i]) != NPS_OK)
      return;
  double n1;
  nps_plot_series *sr = &pc->series[k];
  snprintf(pc->label[k], sizeof pc->label[k], "%s%+.1f points", what,
           100 * delta);
  *sr = (nps_plot_series){pc->label[k], strlen(pc->label[k]), pc->x,
                          pc->power[k], POWER_GRID,           NAN};
  if (nps_power_two_group_n(v1, v0, fabs(delta), alpha, 0.8, sides, 1.0, &n1,
                            NULL) == NPS_OK &&
      n1 >= pc->x[0] && n1 <= pc->x[POWER_GRID - 1])
    sr->mark = ceil(n1);
  pc->n++;
}

static nps_status write_power_chart(FILE *fp, const nps_plot_target *t,
                                    const void *ctx) {
  const compare *cmp = ctx;
  const cmp_row *r = overall(cmp);
  const nps_estimate *a = &r->side[0].est;
  nps_shares base;
  double v0;
  if (nps_shares_from(a->share_promoters, a->share_passives,
                      a->share_detractors, &base) != NPS_OK ||
      nps_power_variance(&base, &v0, NULL) != NPS_OK)
    return NPS_EINVAL;
  power_chart *pc = calloc(1, sizeof *pc);
  if (!pc)
    return NPS_ENOMEM;
  /* Arms of 10 to 100,000 answers, evenly spaced on a log scale. */
  for (size_t i = 0; i < POWER_GRID; i++)
    pc->x[i] = pow(10.0, 1.0 + 4.0 * (double)i / (POWER_GRID - 1));
  static const double fixed[3] = {0.05, 0.10, 0.20};
  for (size_t i = 0; i < 3; i++)
    power_series(pc, cmp, &base, v0, fixed[i], "");
  if (r->tested && fabs(r->diff) >= 0.005)
    power_series(pc, cmp, &base, v0, r->diff, "observed ");
  char title[200];
  snprintf(title, sizeof title, "Power to detect a change from %.80s",
           cmp->label[0]);
  char note[120];
  snprintf(note, sizeof note, "z test, %s, equal arms; baseline: %s (n = %llu)",
           nps_alternative_name(cmp->alt), cmp->label[0],
           (unsigned long long)a->n);
  nps_plot_info info = {title, NULL, NULL, cmp->opt->level, 0, 0, note};
  nps_status st = pc->n ? nps_plot_power(fp, t, &info, NPS_PLOT_POWER_VS_N, 0.8,
                                         pc->series, pc->n)
                        : NPS_EINVAL;
  free(pc);
  return st;
}

static void print_results(FILE *fp, const compare *cmp, int *oom) {
  switch (cmp->opt->format) {
  case FORMAT_TABLE:
  case FORMAT_MARKDOWN:
    *oom = print_table(fp, cmp, cmp->opt->format == FORMAT_MARKDOWN) != 0;
    break;
  case FORMAT_CSV:
    print_csv(fp, cmp);
    break;
  case FORMAT_JSON:
    print_json(fp, cmp);
    break;
  }
}

/* Writes the results and the chart script, then commits them together:
 * either both files are in place or neither is. Rendering comes last. */
int compare_emit(const compare *cmp) {
  const cli_common *c = cmp->opt;
  cli_out out;
  cli_plot_out chart, power;
  memset(&chart, 0, sizeof chart);
  memset(&power, 0, sizeof power);
  int rc = cli_out_open(&out, c->output);
  if (rc)
    return rc;
  int oom = 0;
  print_results(out.fp, cmp, &oom);
  if (oom)
    rc = cli_out_of_memory();
  if (c->plot && rc == EXIT_OK)
    rc = cli_plot_begin(c, c->plot, write_chart, cmp, &chart);
  if (cmp->plot_power && rc == EXIT_OK)
    rc = cli_plot_begin(c, cmp->plot_power, write_power_chart, cmp, &power);
  int ok = rc == EXIT_OK;
  int out_rc = cli_out_close(&out, ok);
  if (ok && out_rc != EXIT_OK) {
    rc = out_rc;
    ok = 0;
  }
  int rc_chart = cli_plot_end(c, &chart, ok);
  int rc_power = cli_plot_end(c, &power, ok);
  if (rc == EXIT_OK)
    rc = rc_chart != EXIT_OK ? rc_chart : rc_power;
  return rc;
}
