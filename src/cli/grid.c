/*
 * grid.c - aligned text and markdown tables whose rows are formatted as
 * they are written: a first pass measures each column's width, a second
 * formats the rows again and prints them, so memory holds one row, not the
 * table (a summary by a million groups stays within its result's size).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "grid.h"
#include "output.h"

static void pad(FILE *fp, size_t n) {
  while (n--)
    fputc(' ', fp);
}

static void print_row(FILE *fp, const cli_cell *cells, size_t cols,
                      const size_t *width, const unsigned char *left,
                      int markdown) {
  if (markdown)
    fputs("| ", fp);
  /* No trailing spaces: a table stops after its last non-empty cell. */
  size_t end = cols;
  while (!markdown && end > 0 && cells[end - 1].len == 0)
    end--;
  for (size_t k = 0; k < cols && k < end; k++) {
    size_t w = cli_table_width(cells[k].text, cells[k].len, markdown);
    if (k)
      fputs(markdown ? " | " : "  ", fp);
    if (!left[k])
      pad(fp, width[k] - w);
    cli_put_text(fp, cells[k].text, cells[k].len, markdown);
    if (left[k] && (markdown || k + 1 < end))
      pad(fp, width[k] - w);
  }
  fputs(markdown ? " |\n" : "\n", fp);
}

void cli_grid_rows(FILE *fp, cli_row_fn fill, const void *ctx, size_t rows,
                   size_t cols, const unsigned char *left, int markdown) {
  size_t width[CLI_GRID_MAX_COLS] = {0};
  cli_cell cells[CLI_GRID_MAX_COLS];
  for (size_t r = 0; r < rows; r++) {
    memset(cells, 0, cols * sizeof cells[0]);
    fill(ctx, r, cells);
    for (size_t k = 0; k < cols; k++) {
      size_t w = cli_table_width(cells[k].text, cells[k].len, markdown);
      if (w > width[k])
        width[k] = w;
    }
  }
  for (size_t r = 0; r < rows; r++) {
    memset(cells, 0, cols * sizeof cells[0]);
    fill(ctx, r, cells);
    print_row(fp, cells, cols, width, left, markdown);
    if (markdown && r == 0) {
      fputs("|", fp);
      for (size_t k = 0; k < cols; k++)
        fputs(left[k] ? " :--- |" : " ---: |", fp);
      fputc('\n', fp);
    }
  }
}

/* A table held whole: each row is copied out of it (a cell's text may
 * point into its own buffer). */
typedef struct held {
  cli_cell (*cells)[CLI_GRID_MAX_COLS];
  size_t cols;
} held;

static void held_row(const void *ctx, size_t r, cli_cell *out) {
  const held *h = ctx;
  for (size_t k = 0; k < h->cols; k++) {
    const cli_cell *x = &h->cells[r][k];
    out[k] = *x;
    uintptr_t t = (uintptr_t)x->text, b = (uintptr_t)x->buf;
    if (t >= b && t < b + sizeof x->buf)
      out[k].text = out[k].buf + (t - b);
  }
}

void cli_grid(FILE *fp, cli_cell (*cells)[CLI_GRID_MAX_COLS], size_t rows,
              size_t cols, const unsigned char *left, int markdown) {
  held h = {cells, cols};
  cli_grid_rows(fp, held_row, &h, rows, cols, left, markdown);
}
