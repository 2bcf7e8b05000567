/*
 * cmd_summary.c - `nps-stat summary FILE [--by COL[,COL]]`: NPS, category
 * shares and a confidence interval for every group and overall, each with
 * its n, the method, the level and (for bootstrap methods) the seed.
 */
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct row {
  const char *key; /* components joined by NPS_KEY_SEP; NULL: overall */
  size_t key_len;
  nps_counts counts;
  nps_estimate est;
  uint64_t missing;
  nps_ci_result ci;
  int has_ci;   /* 0: withheld (n below --min-n, or n = 0) */
  int footnote; /* 0 none, 1 below min-n, 2 method fallback */
} row;

typedef struct summary {
  const cli_common *opt;
  const char *path;
  const char *plot_boot; /* --plot-boot FILE.gp, or NULL */
  nps_csvin_report report;
  row *rows; /* groups, then the overall row last */
  size_t n_rows;
} summary;

static void print_help(void) {
  printf("Usage: nps-stat summary FILE [--by COL[,COL...]] [OPTIONS]\n"
         "\n"
         "NPS with a confidence interval for every group and overall. Each "
         "row\ngives n, the promoter / passive / detractor shares, NPS in "
         "points\n(-100..100), its interval and the missing answers. FILE "
         "may be '-'\nfor standard input.\n"
         "\n"
         "  --by COL[,COL]       one row per distinct value (combination)\n"
         "  --plot-boot FILE.gp  with --ci percentile or bca: a histogram of "
         "the\n"
         "                       overall bootstrap replicates with the "
         "interval\n"
         "                       (drawn like --plot; --render applies)\n"
         "\nThe --plot chart: NPS bars with interval whiskers, highest "
         "first, and\nthe promoter / passive / detractor shares of each "
         "group (at most the\n40 largest groups).\n"
         "\n%s"
         "\nExamples:\n"
         "  nps-stat summary responses.csv --by channel\n"
         "  nps-stat summary responses.csv --by region,customer_type "
         "--format csv\n"
         "  nps-stat summary export.csv --skip-rows 2 --score Q1 "
         "--exclude 'Status=Survey Preview'\n"
         "  nps-stat summary counts.csv --input counts --by channel "
         "--ci wald\n"
         "  nps-stat summary responses.csv --by channel --plot nps.gp "
         "--render png\n",
         cli_common_help);
}

enum { OPT_PLOT_BOOT = 512 };

static int parse_args(int argc, char **argv, cli_common *c, const char **path,
                      const char **plot_boot) {
  static const struct option options[] = {{"by", 1, 0, OPT_BY},
                                          {"plot-boot", 1, 0, OPT_PLOT_BOOT},
                                          CLI_COMMON_OPTIONS,
                                          {0, 0, 0, 0}};
  opterr = 0;
  int opt;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (opt == 'h' || opt == OPT_HELP) {
      print_help();
      return -1;
    }
    if (opt == '?' || opt == ':')
      return cli_usage_error(c->command, "unknown or incomplete option '%s'",
                             argv[optind - 1]);
    if (opt == OPT_PLOT_BOOT) {
      if (!*optarg || strcmp(optarg, "-") == 0)
        return cli_usage_error(c->command,
                               "--plot-boot wants a file name such as "
                               "boot.gp");
      *plot_boot = optarg;
      continue;
    }
    int rc = cli_common_option(c, opt, optarg);
    if (rc)
      return rc;
  }
  if (!*plot_boot && cli_plot_check(c))
    return EXIT_USAGE;
  if (*plot_boot && c->ci != NPS_CI_PERCENTILE && c->ci != NPS_CI_BCA)
    return cli_usage_error(c->command,
                           "--plot-boot needs a bootstrap interval: --ci "
                           "percentile or --ci bca");
  if (optind + 1 != argc)
    return cli_usage_error(c->command, optind == argc
                                           ? "missing input FILE"
                                           : "one input FILE expected");
  *path = argv[optind];
  return 0;
}

/* Fills r's estimate and interval; the rng is reseeded per row. */
static int compute_row(const cli_common *c, row *r, gsl_rng *rng) {
  nps_estimate_counts(&r->counts, &r->est);
  r->est.n = nps_counts_total(&r->counts);
  if (r->est.n == 0 || r->est.n < c->min_n) {
    r->footnote = r->est.n ? 1 : 0;
    return EXIT_OK;
  }
  gsl_rng_set(rng, cli_group_seed(c->seed, r->key ? r->key : "",
                                  r->key ? r->key_len : 0));
  nps_ci_request req = {c->ci, c->level, c->boot, rng};
  nps_status st = nps_ci_compute(&r->counts, &req, &r->ci);
  if (st != NPS_OK) {
    cli_error("interval (%s): %s", nps_ci_method_name(c->ci), nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  r->has_ci = 1;
  if (r->ci.note)
    r->footnote = 2;
  return EXIT_OK;
}

static int build(summary *s, const nps_table *t) {
  size_t n = nps_table_size(t);
  s->rows = calloc(n + 1, sizeof *s->rows);
  if (!s->rows)
    return cli_out_of_memory();
  s->n_rows = 0;
  if (s->opt->n_by) {
    for (size_t i = 0; i < n; i++, s->n_rows++) {
      const nps_group *g = nps_table_group(t, i);
      row *r = &s->rows[s->n_rows];
      r->key = g->key;
      r->key_len = g->key_len;
      r->counts = nps_hist_counts(&g->hist);
      r->missing = g->missing;
    }
  }
  nps_hist all;
  row *overall = &s->rows[s->n_rows++];
  nps_table_total(t, &all, &overall->missing);
  overall->counts = nps_hist_counts(&all);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng)
    return cli_out_of_memory();
  int rc = EXIT_OK;
  for (size_t i = 0; i < s->n_rows && rc == EXIT_OK; i++)
    rc = compute_row(s->opt, &s->rows[i], rng);
  gsl_rng_free(rng);
  return rc;
}

static int is_boot(nps_ci_method m) {
  return m == NPS_CI_PERCENTILE || m == NPS_CI_BCA;
}

/* "adjusted Wald (Rocks 2016), 95% level" [+ ", B = 10000, seed 1"] */
static void method_line(const cli_common *c, char *buf, size_t size) {
  int n = snprintf(buf, size, "%s, %g%% level", nps_ci_method_label(c->ci),
                   100.0 * c->level);
  if (is_boot(c->ci) && n > 0 && (size_t)n < size)
    snprintf(buf + n, size - (size_t)n, ", B = %zu, seed %lu", c->boot,
             c->seed);
}

/* Component k of a row's key. */
static void key_part(const row *r, size_t k, const char **p, size_t *len) {
  cli_key_part(r->key, r->key_len, k, p, len);
}

/* ---- table and markdown ---- */

enum { NCOLS_FIXED = 7 };

typedef cli_cell cell;

static void set_text(cell *x, const char *s, size_t len) {
  cli_cell_text(x, s, len);
}

static void set_fmt(cell *x, const char *s) {
  cli_cell_copy(x, s);
}

static void pct(cell *x, uint64_t n, double share) {
  if (n == 0)
    set_fmt(x, "n/a");
  else {
    snprintf(x->buf, sizeof x->buf, "%.1f%%", 100.0 * share);
    set_text(x, x->buf, strlen(x->buf));
  }
}

static void row_cells(const summary *s, const row *r, cell *cells) {
  size_t nb = s->opt->n_by, k = 0;
  for (size_t i = 0; i < nb; i++, k++) {
    if (!r->key)
      set_text(&cells[k], i == 0 ? "all" : "", i == 0 ? 3 : 0);
    else {
      const char *p;
      size_t len;
      key_part(r, i, &p, &len);
      set_text(&cells[k], p, len);
    }
  }
  if (nb == 0)
    set_text(&cells[k++], "all", 3);
  snprintf(cells[k].buf, sizeof cells[k].buf, "%llu",
           (unsigned long long)r->est.n);
  set_text(&cells[k], cells[k].buf, strlen(cells[k].buf));
  k++;
  pct(&cells[k++], r->est.n, r->est.share_promoters);
  pct(&cells[k++], r->est.n, r->est.share_passives);
  pct(&cells[k++], r->est.n, r->est.share_detractors);
  cli_points(cells[k].buf, sizeof cells[k].buf, r->est.n ? r->est.nps : NAN);
  set_text(&cells[k], cells[k].buf, strlen(cells[k].buf));
  k++;
  if (r->has_ci) {
    char lo[32], hi[32];
    cli_points(lo, sizeof lo, r->ci.iv.lo);
    cli_points(hi, sizeof hi, r->ci.iv.hi);
    snprintf(cells[k].buf, sizeof cells[k].buf, "[%s, %s]%s", lo, hi,
             r->footnote == 2 ? " *" : "");
  } else {
    snprintf(cells[k].buf, sizeof cells[k].buf, "%s",
             r->est.n == 0 ? "n/a" : "withheld **");
  }
  set_text(&cells[k], cells[k].buf, strlen(cells[k].buf));
  k++;
  snprintf(cells[k].buf, sizeof cells[k].buf, "%llu",
           (unsigned long long)r->missing);
  set_text(&cells[k], cells[k].buf, strlen(cells[k].buf));
}

/* Returns 0, or -1 when out of memory. */
static int print_grid(FILE *fp, const summary *s, int markdown) {
  size_t nb = s->opt->n_by ? s->opt->n_by : 1, ncols = nb + NCOLS_FIXED;
  cell(*cells)[CLI_GRID_MAX_COLS] = calloc(s->n_rows + 1, sizeof *cells);
  if (!cells)
    return -1;
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * s->opt->level);
  const char *heads[NCOLS_FIXED] = {
      "n", "promoters", "passives", "detractors", "NPS", level, "missing"};
  for (size_t i = 0; i < nb; i++) {
    const char *h = s->opt->n_by ? s->opt->by[i] : "group";
    set_text(&cells[0][i], h, strlen(h));
  }
  for (size_t i = 0; i < NCOLS_FIXED; i++)
    set_text(&cells[0][nb + i], heads[i], strlen(heads[i]));
  for (size_t r = 0; r < s->n_rows; r++)
    row_cells(s, &s->rows[r], cells[r + 1]);
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  for (size_t k = 0; k < ncols; k++)
    left[k] = k < nb || k == ncols - 2;
  cli_grid(fp, cells, s->n_rows + 1, ncols, left, markdown);
  free(cells);
  return 0;
}

static void print_header(FILE *fp, const summary *s, int markdown) {
  const nps_csvin_report *rp = &s->report;
  const row *all = &s->rows[s->n_rows - 1];
  char method[160];
  method_line(s->opt, method, sizeof method);
  const char *b = markdown ? "**" : "";
  fprintf(fp, "%sNPS summary%s: %s\n%s", b, b, s->path, markdown ? "\n" : "");
  fprintf(fp, "responses: %llu, missing: %llu", (unsigned long long)all->est.n,
          (unsigned long long)all->missing);
  if (rp->invalid)
    fprintf(fp, ", skipped invalid: %llu", (unsigned long long)rp->invalid);
  if (rp->filtered)
    fprintf(fp, ", filtered out: %llu", (unsigned long long)rp->filtered);
  fprintf(fp, "\n%sinterval: %s\n\n", markdown ? "\n" : "", method);
}

/* Nonzero when row i has a fallback note that no earlier row has. */
static int new_note(const summary *s, size_t i) {
  if (s->rows[i].footnote != 2)
    return 0;
  for (size_t j = 0; j < i; j++)
    if (s->rows[j].footnote == 2 &&
        strcmp(s->rows[j].ci.note, s->rows[i].ci.note) == 0)
      return 0;
  return 1;
}

static void print_footnotes(FILE *fp, const summary *s) {
  int below = 0, fallback = 0;
  for (size_t i = 0; i < s->n_rows; i++) {
    below |= s->rows[i].footnote == 1;
    fallback |= s->rows[i].footnote == 2;
  }
  if (fallback || below)
    fputc('\n', fp);
  /* Each distinct reason once: rows may fall back for different ones. */
  for (size_t i = 0; i < s->n_rows; i++)
    if (new_note(s, i))
      fprintf(fp, "*  %s\n", s->rows[i].ci.note);
  if (below)
    fprintf(fp, "** n below --min-n %llu: estimate only, no interval\n",
            (unsigned long long)s->opt->min_n);
}

static int print_table(FILE *fp, const summary *s, int markdown) {
  print_header(fp, s, markdown);
  if (print_grid(fp, s, markdown))
    return -1;
  print_footnotes(fp, s);
  return 0;
}

/* ---- csv ---- */

static void print_csv(FILE *fp, const summary *s) {
  const cli_common *c = s->opt;
  fputs("row", fp);
  for (size_t i = 0; i < c->n_by; i++) {
    fputc(',', fp);
    cli_csv_field(fp, c->by[i], strlen(c->by[i]));
  }
  fputs(",n,promoters,passives,detractors,pct_promoters,pct_passives,"
        "pct_detractors,nps,se,ci_low,ci_high,method,level,boot,seed,missing,"
        "note\n",
        fp);
  for (size_t i = 0; i < s->n_rows; i++) {
    const row *r = &s->rows[i];
    fputs(r->key ? "group" : "overall", fp);
    for (size_t k = 0; k < c->n_by; k++) {
      const char *p = "";
      size_t len = 0;
      if (r->key)
        key_part(r, k, &p, &len);
      fputc(',', fp);
      cli_csv_field(fp, p, len);
    }
    fprintf(fp, ",%llu,%llu,%llu,%llu", (unsigned long long)r->est.n,
            (unsigned long long)r->counts.promoters,
            (unsigned long long)r->counts.passives,
            (unsigned long long)r->counts.detractors);
    int has = r->est.n > 0;
    cli_csv_num(fp, has ? 100 * r->est.share_promoters : NAN);
    cli_csv_num(fp, has ? 100 * r->est.share_passives : NAN);
    cli_csv_num(fp, has ? 100 * r->est.share_detractors : NAN);
    cli_csv_num(fp, has ? 100 * r->est.nps : NAN);
    cli_csv_num(fp, has ? 100 * r->est.se : NAN);
    cli_csv_num(fp, r->has_ci ? 100 * r->ci.iv.lo : NAN);
    cli_csv_num(fp, r->has_ci ? 100 * r->ci.iv.hi : NAN);
    fprintf(fp, ",%s", r->has_ci ? nps_ci_method_name(r->ci.method_used) : "");
    cli_csv_num(fp, c->level);
    if (is_boot(c->ci))
      fprintf(fp, ",%zu,%lu", c->boot, c->seed);
    else
      fputs(",,", fp);
    fprintf(fp, ",%llu,", (unsigned long long)r->missing);
    const char *note = r->footnote == 1   ? "n below --min-n: no interval"
                       : r->footnote == 2 ? r->ci.note
                                          : "";
    cli_csv_field(fp, note, strlen(note));
    fputc('\n', fp);
  }
}

/* ---- json ---- */

static void json_row(FILE *fp, const summary *s, const row *r,
                     const char *indent) {
  const cli_common *c = s->opt;
  fprintf(fp, "{");
  if (r->key) {
    fprintf(fp, "\n%s  \"group\": {", indent);
    for (size_t k = 0; k < c->n_by; k++) {
      const char *p;
      size_t len;
      key_part(r, k, &p, &len);
      fprintf(fp, "%s", k ? ", " : "");
      cli_json_string(fp, c->by[k], strlen(c->by[k]));
      fputs(": ", fp);
      cli_json_string(fp, p, len);
    }
    fputs("},", fp);
  }
  int has = r->est.n > 0;
  fprintf(fp,
          "\n%s  \"n\": %llu, \"promoters\": %llu, \"passives\": %llu, "
          "\"detractors\": %llu, \"missing\": %llu,\n%s  ",
          indent, (unsigned long long)r->est.n,
          (unsigned long long)r->counts.promoters,
          (unsigned long long)r->counts.passives,
          (unsigned long long)r->counts.detractors,
          (unsigned long long)r->missing, indent);
  cli_json_num(fp, "pct_promoters", has ? 100 * r->est.share_promoters : NAN);
  fputs(", ", fp);
  cli_json_num(fp, "pct_passives", has ? 100 * r->est.share_passives : NAN);
  fputs(", ", fp);
  cli_json_num(fp, "pct_detractors", has ? 100 * r->est.share_detractors : NAN);
  fprintf(fp, ",\n%s  ", indent);
  cli_json_num(fp, "nps", has ? 100 * r->est.nps : NAN);
  fputs(", ", fp);
  cli_json_num(fp, "se", has ? 100 * r->est.se : NAN);
  fprintf(fp, ",\n%s  \"ci\": ", indent);
  if (!r->has_ci) {
    fputs("null", fp);
    if (r->footnote == 1)
      fprintf(fp, ", \"note\": \"n below --min-n: no interval\"");
  } else {
    fputs("{", fp);
    cli_json_num(fp, "low", 100 * r->ci.iv.lo);
    fputs(", ", fp);
    cli_json_num(fp, "high", 100 * r->ci.iv.hi);
    fprintf(fp, ", \"method\": \"%s\"", nps_ci_method_name(r->ci.method_used));
    if (r->ci.note) {
      fputs(", \"note\": ", fp);
      cli_json_string(fp, r->ci.note, strlen(r->ci.note));
    }
    fputs("}", fp);
  }
  fprintf(fp, "\n%s}", indent);
}

static void print_json(FILE *fp, const summary *s) {
  const cli_common *c = s->opt;
  const nps_csvin_report *rp = &s->report;
  fputs("{\n  \"command\": \"summary\",\n  \"input\": ", fp);
  cli_json_string(fp, s->path, strlen(s->path));
  fputs(",\n  \"score_column\": ", fp);
  cli_json_string(fp, rp->score_column, strlen(rp->score_column));
  fprintf(fp, ",\n  \"scale\": \"points\",\n  \"method\": \"%s\",\n  ",
          nps_ci_method_name(c->ci));
  cli_json_num(fp, "level", c->level);
  if (is_boot(c->ci))
    fprintf(fp, ",\n  \"boot\": %zu,\n  \"seed\": %lu", c->boot, c->seed);
  else
    fputs(",\n  \"boot\": null,\n  \"seed\": null", fp);
  fprintf(fp,
          ",\n  \"min_n\": %llu,\n  \"skipped_invalid\": %llu,\n"
          "  \"filtered\": %llu,\n  \"by\": [",
          (unsigned long long)c->min_n, (unsigned long long)rp->invalid,
          (unsigned long long)rp->filtered);
  for (size_t i = 0; i < c->n_by; i++) {
    fputs(i ? ", " : "", fp);
    cli_json_string(fp, c->by[i], strlen(c->by[i]));
  }
  fputs("],\n  \"groups\": [", fp);
  for (size_t i = 0; i + 1 < s->n_rows; i++) {
    fputs(i ? ",\n    " : "\n    ", fp);
    json_row(fp, s, &s->rows[i], "    ");
  }
  fputs(s->n_rows > 1 ? "\n  ],\n  \"overall\": " : "],\n  \"overall\": ", fp);
  json_row(fp, s, &s->rows[s->n_rows - 1], "  ");
  fputs("\n}\n", fp);
}

/* ---- charts ---- */

#define CHART_MAX_GROUPS 40 /* more rows make an unreadable chart */

typedef struct chart {
  const summary *s;
  nps_plot_group *groups;
  size_t n_groups;
  nps_plot_group overall;
  char **labels; /* owned label text, one per group */
  char title[512];
  char note[256];
  /* bootstrap histogram */
  double *replicates;
  size_t B;
} chart;

static int by_n_desc(const void *pa, const void *pb) {
  const row *a = *(const row *const *)pa, *b = *(const row *const *)pb;
  if (a->est.n != b->est.n)
    return a->est.n > b->est.n ? -1 : 1;
  return a < b ? -1 : a > b;
}

/* The group's key with its components joined by " / ". */
static char *display_key(const row *r) {
  char *out = malloc(3 * r->key_len + 1);
  if (!out)
    return NULL;
  size_t o = 0;
  for (size_t i = 0; i < r->key_len; i++) {
    if (r->key[i] == NPS_KEY_SEP) {
      memcpy(out + o, " / ", 3);
      o += 3;
    } else {
      out[o++] = r->key[i];
    }
  }
  out[o] = '\0';
  return out;
}

static nps_plot_group plot_group(const row *r, const char *label) {
  nps_plot_group g = {label, strlen(label), r->counts, {NAN, NAN}};
  if (r->has_ci)
    g.ci = r->ci.iv;
  return g;
}

static void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...) {
  size_t len = strlen(buf);
  if (len + 1 >= size)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + len, size - len, fmt, ap);
  va_end(ap);
}

/* The note under the title: groups left out, fallbacks, withheld. */
static void chart_note(chart *ch, size_t shown, size_t with_answers) {
  const summary *s = ch->s;
  size_t fallback = 0, withheld = 0;
  for (size_t i = 0; i < s->n_rows; i++) {
    fallback += s->rows[i].footnote == 2;
    withheld += s->rows[i].footnote == 1;
  }
  const char *sep = "";
  if (shown < with_answers) {
    append(ch->note, sizeof ch->note, "the %zu largest of %zu groups", shown,
           with_answers);
    sep = " · ";
  }
  if (fallback) {
    append(ch->note, sizeof ch->note, "%s%zu interval%s by %s instead", sep,
           fallback, fallback == 1 ? "" : "s",
           nps_ci_method_label(NPS_CI_FALLBACK));
    sep = " · ";
  }
  if (withheld)
    append(ch->note, sizeof ch->note, "%sno interval below --min-n %llu", sep,
           (unsigned long long)s->opt->min_n);
}

static void chart_title(chart *ch) {
  const cli_common *c = ch->s->opt;
  snprintf(ch->title, sizeof ch->title, "NPS%s", c->n_by ? " by " : "");
  for (size_t i = 0; i < c->n_by; i++)
    append(ch->title, sizeof ch->title, "%s%s", i ? ", " : "", c->by[i]);
}

/* Picks the groups to draw (those with answers, at most
 * CHART_MAX_GROUPS, the largest by n) and their labels. */
static int chart_init(chart *ch, const summary *s) {
  memset(ch, 0, sizeof *ch);
  ch->s = s;
  size_t ng = s->n_rows - 1, k = 0;
  const row **pick = malloc((ng + 1) * sizeof *pick);
  ch->groups = malloc((ng + 1) * sizeof *ch->groups);
  ch->labels = calloc(ng + 1, sizeof *ch->labels);
  if (!pick || !ch->groups || !ch->labels) {
    free(pick);
    return EXIT_IO;
  }
  for (size_t i = 0; i < ng; i++)
    if (s->rows[i].est.n)
      pick[k++] = &s->rows[i];
  qsort(pick, k, sizeof *pick, by_n_desc);
  size_t shown = k < CHART_MAX_GROUPS ? k : CHART_MAX_GROUPS;
  for (size_t i = 0; i < shown; i++) {
    if (!(ch->labels[i] = display_key(pick[i]))) {
      free(pick);
      return EXIT_IO;
    }
    ch->groups[ch->n_groups++] = plot_group(pick[i], ch->labels[i]);
  }
  free(pick);
  ch->overall = plot_group(&s->rows[s->n_rows - 1], "all responses");
  chart_title(ch);
  chart_note(ch, shown, k);
  if (shown < k)
    cli_warn(s->opt, "the chart shows the %zu largest of %zu groups", shown, k);
  return EXIT_OK;
}

static void chart_free(chart *ch) {
  if (ch->labels)
    for (size_t i = 0; i < ch->n_groups; i++)
      free(ch->labels[i]);
  free(ch->labels);
  free(ch->groups);
  free(ch->replicates);
}

static nps_plot_info chart_info(const chart *ch, int with_note) {
  const cli_common *c = ch->s->opt;
  nps_plot_info info = {ch->title,
                        strcmp(ch->s->path, "-") ? ch->s->path
                                                 : "standard input",
                        nps_ci_method_label(c->ci),
                        c->level,
                        is_boot(c->ci) ? c->boot : 0,
                        c->seed,
                        with_note && ch->note[0] ? ch->note : NULL};
  return info;
}

static nps_status write_chart(FILE *fp, const nps_plot_target *t,
                              const void *ctx) {
  const chart *ch = ctx;
  nps_plot_info info = chart_info(ch, 1);
  return nps_plot_segments(fp, t, &info, ch->groups, ch->n_groups,
                           &ch->overall);
}

static nps_status write_boot_chart(FILE *fp, const nps_plot_target *t,
                                   const void *ctx) {
  const chart *ch = ctx;
  nps_plot_info info = chart_info(ch, 0);
  info.title = "Bootstrap distribution of NPS";
  return nps_plot_bootstrap(fp, t, &info, &ch->overall, ch->replicates, ch->B);
}

/* Draws the overall replicates again with the seed the interval used
 * (compute_row), so the histogram is the one behind the printed interval. */
static int boot_replicates(chart *ch) {
  const cli_common *c = ch->s->opt;
  const row *all = &ch->s->rows[ch->s->n_rows - 1];
  if (!all->has_ci || all->ci.method_used != c->ci) {
    cli_warn(c, "no bootstrap distribution to chart for %s: %s",
             ch->s->plot_boot, all->ci.note ? all->ci.note : "no interval");
    return -1;
  }
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  ch->B = c->boot;
  ch->replicates = malloc(ch->B * sizeof *ch->replicates);
  if (!rng || !ch->replicates) {
    gsl_rng_free(rng);
    cli_error("bootstrap chart: %s", nps_strerror(NPS_ENOMEM));
    return EXIT_IO;
  }
  gsl_rng_set(rng, cli_group_seed(c->seed, "", 0));
  nps_boot_result br;
  nps_status st =
      nps_boot_ci(&all->counts, ch->B, c->level, rng, ch->replicates, &br);
  gsl_rng_free(rng);
  if (st != NPS_OK) {
    cli_error("bootstrap: %s", nps_strerror(st));
    return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
  }
  return EXIT_OK;
}

/* Prepares the charts asked for, before any output is written, so that a
 * failure here (out of memory) leaves no file behind. *boot_ok is set when
 * the bootstrap histogram can be drawn. */
static int charts_prepare(chart *ch, const summary *s, int *boot_ok) {
  *boot_ok = 0;
  int rc = chart_init(ch, s);
  if (rc != EXIT_OK) {
    cli_error("chart: %s", nps_strerror(NPS_ENOMEM));
    return rc;
  }
  if (!s->plot_boot)
    return EXIT_OK;
  rc = boot_replicates(ch);
  if (rc < 0)
    return EXIT_OK; /* nothing to draw: warned */
  *boot_ok = rc == EXIT_OK;
  return rc;
}

/* Writes the results and the chart scripts, then commits them together:
 * either every file is in place or none is. Rendering comes last. */
static int emit(const summary *s, const chart *ch, int boot_ok) {
  const cli_common *c = s->opt;
  cli_out out;
  cli_plot_out chart_out, boot_out;
  memset(&chart_out, 0, sizeof chart_out);
  memset(&boot_out, 0, sizeof boot_out);
  int rc = cli_out_open(&out, c->output);
  if (rc)
    return rc;
  switch (c->format) {
  case FORMAT_TABLE:
    rc = print_table(out.fp, s, 0);
    break;
  case FORMAT_MARKDOWN:
    rc = print_table(out.fp, s, 1);
    break;
  case FORMAT_CSV:
    print_csv(out.fp, s);
    break;
  case FORMAT_JSON:
    print_json(out.fp, s);
    break;
  }
  if (rc)
    rc = cli_out_of_memory();
  if (ch && c->plot && rc == EXIT_OK)
    rc = cli_plot_begin(c, c->plot, write_chart, ch, &chart_out);
  if (ch && boot_ok && rc == EXIT_OK)
    rc = cli_plot_begin(c, s->plot_boot, write_boot_chart, ch, &boot_out);
  int ok = rc == EXIT_OK;
  int out_rc = cli_out_close(&out, ok);
  if (ok && out_rc != EXIT_OK) {
    rc = out_rc;
    ok = 0;
  }
  int rc_chart = cli_plot_end(c, &chart_out, ok);
  int rc_boot = cli_plot_end(c, &boot_out, ok);
  if (rc == EXIT_OK)
    rc = rc_chart != EXIT_OK ? rc_chart : rc_boot;
  return rc;
}

/* The output says it too, but csv or json in a file is not read by eye. */
static void warn_below(const summary *s) {
  size_t below = 0;
  for (size_t i = 0; i < s->n_rows; i++)
    below += s->rows[i].footnote == 1;
  if (below)
    cli_warn(s->opt,
             "%s: %zu row%s with n below --min-n %llu: estimate shown, "
             "interval withheld",
             s->path, below, below == 1 ? "" : "s",
             (unsigned long long)s->opt->min_n);
}

static int run(cli_common *c, const char *path, const char *plot_boot) {
  nps_table *t = nps_table_new(c->max_groups);
  summary s = {.opt = c, .path = path, .plot_boot = plot_boot};
  if (!t)
    return cli_out_of_memory();
  int rc = cli_load(c, path, t, &s.report);
  if (rc == EXIT_OK) {
    nps_table_sort(t);
    rc = build(&s, t);
  }
  if (rc == EXIT_OK && s.rows[s.n_rows - 1].est.n == 0) {
    cli_error("%s: no responses%s", path,
              s.rows[s.n_rows - 1].missing ? " (every answer is missing)"
                                           : " (only a header?)");
    rc = EXIT_DATA;
  }
  if (rc == EXIT_OK)
    warn_below(&s);
  chart ch;
  int charted = 0, boot_ok = 0;
  if (rc == EXIT_OK && (c->plot || plot_boot)) {
    charted = 1;
    rc = charts_prepare(&ch, &s, &boot_ok);
  }
  if (rc == EXIT_OK)
    rc = emit(&s, charted ? &ch : NULL, boot_ok);
  if (charted)
    chart_free(&ch);
  free(s.rows);
  nps_table_free(t);
  return rc;
}

int cmd_summary(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "summary");
  const char *path = NULL, *plot_boot = NULL;
  int rc = parse_args(argc, argv, &c, &path, &plot_boot);
  if (rc == 0)
    rc = run(&c, path, plot_boot);
  else if (rc < 0)
    rc = EXIT_OK;
  cli_common_free(&c);
  return rc;
}
