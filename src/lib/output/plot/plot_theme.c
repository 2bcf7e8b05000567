/*
 * plot_theme.c - the colours of the chart themes (plot.h, nps_plot_theme):
 * one palette per theme, by role, and the commands that give the dark and
 * print themes their text colour. It draws nothing itself.
 *
 * The numbers in brackets are each colour's lightness, CIE L* (0 black,
 * 100 white; sRGB, D65). Roles that must be told apart in greyscale keep
 * their L* apart; marks keep their distance to the background's L*.
 * Light writes exactly what the charts wrote before themes (no background
 * or text colour commands beyond those), so its scripts are unchanged.
 */
#include "internal.h"
#include "plot_internal.h"

/* White background (100), black text. */
static const palette light = {
    .term_bg = NULL,
    .tc = "",
    .tc_fill = "",
    .text = "#000000",
    .foot = "#555555",   /* (36) */
    .border = "#444444", /* (29) */
    .grid = "#e6e6e6",   /* (91) */
    .zero = "#444444",
    .rule = "#999999",
    .outline = "#333333",
    .bar = "#7ba7d7",      /* (67) */
    .bar_edge = "#26456e", /* (29) */
    .strong = "#26456e",
    .ink = "#000000",
    .overall = "#111111",
    .detractor = "#a50f15", /* (34) */
    .passive = "#d9d9d9",   /* (87) */
    .promoter = "#41ab5d",  /* (63) */
    .on_detractor = "#ffffff",
    .hist = "#9ecae1", /* (79) */
    .band = "#fde9b5", /* (93) */
    .limit = "#8c510a",
    .alert = "#a50f15",
    .muted = "#7f7f7f",
    .reference = "#555555",
    .hollow = "white",
    .band_outer = "#f3f3f3",
    .band_inner = "#e0e0e0",
    .band_text = "#666666",
    .median = "#888888",
    .key_box = "#bbbbbb",
    .mark_plain_x = "0x7ba7d7", /* (67) */
    .mark_dark_x = "0x26456e",  /* (29): stands out */
    .mark_faint_x = "0xdce6f2", /* (91): a small base */
    .dot_plain_x = "0x4f81bd",  /* (53) */
    .dot_dark_x = "0x0b2545",   /* (15) */
    .dot_faint_x = "0xbfcde0",  /* (82) */
    .cmp_a_x = "0x6baed6",      /* (68): a lighter than b */
    .cmp_bar_x = {"0x9ecae1", "0x3182bd"},
    /* L* 20-65, with dash types 1..8 and point types. */
    .power = {"#08306b", "#d94801", "#238b45", "#6a51a3", "#000000", "#cb181d",
              "#2c7fb8", "#737373"},
    .trend = {"#e6550d", "#31a354", "#756bb1", "#636363", "#3182bd", "#d6616b",
              "#8c6d31", "#17becf"},
};

/* Background #1f2430 (14): everything that must be seen is at least 25
 * L* above it, the faint marks and the grid closer. Emphasis is lightness
 * here, so a group that stands out is the lightest mark and a small base
 * the darkest. */
static const palette dark = {
    .term_bg = "#1f2430",
    .tc = " tc rgb '#e6e6e6'",
    .tc_fill = " tc rgb '#1f2430'", /* on passive (87), promoter (63) */
    .text = "#e6e6e6",              /* (91) */
    .foot = "#a9afba",              /* (71) */
    .border = "#9aa0aa",            /* (66) */
    .grid = "#454d5e",              /* (32) */
    .zero = "#c0c4cc",              /* (79) */
    .rule = "#6b7280",              /* (48) */
    .outline = "#1f2430",
    .bar = "#7ba7d7",      /* (67) */
    .bar_edge = "#1f2430", /* bars parted by the background */
    .strong = "#a9c7ee",   /* (79) */
    .ink = "#e6e6e6",
    .overall = "#f5f5f5",
    .detractor = "#d7301f", /* (48) */
    .passive = "#d9d9d9",   /* (87) */
    .promoter = "#41ab5d",  /* (63) */
    .on_detractor = "#ffffff",
    .hist = "#9ecae1",  /* (79) */
    .band = "#4a4331",  /* (29) */
    .limit = "#f0b35a", /* (77) */
    .alert = "#f07b72", /* (65) */
    .muted = "#8c9bb0", /* (63) */
    .reference = "#a9afba",
    .hollow = "#1f2430",
    .band_outer = "#2a3040", /* (20) */
    .band_inner = "#363d4f", /* (26) */
    .band_text = "#a9afba",
    .median = "#8c9bb0",
    .key_box = "#6b7280",
    .mark_plain_x = "0x7ba7d7",            /* (67) */
    .mark_dark_x = "0xcfe3ff",             /* (90): stands out */
    .mark_faint_x = "0x3d4a5c",            /* (31): a small base */
    .dot_plain_x = "0x6fa8ff",             /* (68) */
    .dot_dark_x = "0xe8f1ff",              /* (95) */
    .dot_faint_x = "0x4a5568",             /* (36) */
    .cmp_a_x = "0x5a7bab",                 /* (51): a darker than b */
    .cmp_bar_x = {"0x4d6a92", "0x9ecae1"}, /* (44), (79) */
    /* L* 65-91. */
    .power = {"#6baed6", "#fd8d3c", "#74c476", "#9e9ac8", "#e6e6e6", "#fc9272",
              "#17becf", "#bdbdbd"},
    /* L* 62-86; no red, which the control limits (alert) use. */
    .trend = {"#fd8d3c", "#74c476", "#9e9ac8", "#bdbdbd", "#6baed6", "#e6d85c",
              "#c7a76c", "#17becf"},
};

/* White background, black text and lines, greys only (R = G = B). */
static const palette print = {
    .term_bg = "#ffffff",
    .tc = " tc rgb '#000000'",
    .tc_fill = " tc rgb '#000000'",
    .text = "#000000",
    .foot = "#000000",
    .border = "#000000",
    .grid = "#d9d9d9", /* (87) */
    .zero = "#000000",
    .rule = "#808080",
    .outline = "#000000",
    .bar = "#bdbdbd", /* (77) */
    .bar_edge = "#000000",
    .strong = "#000000",
    .ink = "#000000",
    .overall = "#000000",
    .detractor = "#252525", /* (15), white text */
    .passive = "#e0e0e0",   /* (89) */
    .promoter = "#8c8c8c",  /* (58) */
    .on_detractor = "#ffffff",
    .hist = "#bdbdbd", /* (77) */
    .band = "#ececec", /* (93) */
    .limit = "#000000",
    .alert = "#000000",
    .muted = "#737373", /* (48) */
    .reference = "#000000",
    .hollow = "#ffffff",
    .band_outer = "#f3f3f3", /* (96) */
    .band_inner = "#e0e0e0", /* (89) */
    .band_text = "#000000",
    .median = "#000000",
    .key_box = "#000000",
    .mark_plain_x = "0x808080",            /* (54) */
    .mark_dark_x = "0x262626",             /* (15): stands out */
    .mark_faint_x = "0xe0e0e0",            /* (89): a small base */
    .dot_plain_x = "0x737373",             /* (48) */
    .dot_dark_x = "0x000000",              /* (0) */
    .dot_faint_x = "0xc8c8c8",             /* (81) */
    .cmp_a_x = "0xa6a6a6",                 /* (68): a lighter than b */
    .cmp_bar_x = {"0xd9d9d9", "0x737373"}, /* (87), (48) */
    /* Black (0) and grey (48) alternating; dash type and point shape tell
     * the curves apart. */
    .power = {"#000000", "#737373", "#000000", "#737373", "#000000", "#737373",
              "#000000", "#737373"},
    /* Lines 0-3 and 4-7 share dash types: black, then grey (48). */
    .trend = {"#000000", "#000000", "#000000", "#000000", "#737373", "#737373",
              "#737373", "#737373"},
};

static const nps_name themes[] = {
    {"light", NPS_PLOT_LIGHT, NULL},
    {"dark", NPS_PLOT_DARK, NULL},
    {"print", NPS_PLOT_PRINT, NULL},
};

nps_status nps_plot_theme_parse(const char *name, nps_plot_theme *out) {
  int v;
  nps_status st = nps_name_parse(themes, NPS_COUNT_OF(themes), name, &v);
  if (st == NPS_OK)
    *out = (nps_plot_theme)v;
  return st;
}

const palette *nps_gp_palette(nps_plot_theme theme) {
  switch (theme) {
  case NPS_PLOT_DARK:
    return &dark;
  case NPS_PLOT_PRINT:
    return &print;
  default:
    return &light;
  }
}

script nps_gp_script(FILE *fp, const nps_plot_target *t,
                     const nps_plot_info *info, double w) {
  script s = {.fp = fp,
              .format = t->format,
              .w = w,
              .info = info,
              .pal = nps_gp_palette(t->theme)};
  return s;
}

/* gnuplot draws text black unless told: the tics, axis labels and key get
 * the theme's text colour here, labels through pal->tc where they are
 * set. */
void nps_gp_put_text_colours(const script *s) {
  if (!s->pal->tc[0])
    return;
  const char *t = s->pal->text;
  fprintf(s->fp,
          "set xtics textcolor rgb '%s'\nset ytics textcolor rgb '%s'\n"
          "set xlabel textcolor rgb '%s'\nset ylabel textcolor rgb '%s'\n"
          "set key textcolor rgb '%s'\n",
          t, t, t, t, t);
}
