/*
 * grid.h - aligned text and markdown tables (grid.c); the cell type the
 * table writers fill.
 */
#ifndef NPS_CLI_GRID_H
#define NPS_CLI_GRID_H

#include <stddef.h>
#include <stdio.h>

#include "common.h"

/* Most columns of a table: the --by columns and a command's own. */
#define CLI_GRID_MAX_COLS (CLI_MAX_LIST + 12)

/* One table cell: text points into buf or at a string that outlives the
 * table (a header name, a group key). */
typedef struct cli_cell {
  char buf[96];
  const char *text;
  size_t len;
} cli_cell;

/* Fills cells[0..cols) (zeroed) with row r of a table, row 0 being the
 * header. Called twice per row: it must give the same cells each time. */
typedef void (*cli_row_fn)(const void *ctx, size_t r, cli_cell *cells);

/* Writes an aligned table (markdown: a pipe table) of rows rows made by
 * fill, formatting each row as it is written: memory holds one row
 * (grid.c). left[k]: column k is left-aligned. */
void cli_grid_rows(FILE *fp, cli_row_fn fill, const void *ctx, size_t rows,
                   size_t cols, const unsigned char *left, int markdown);

/* Prints rows x cols cells as aligned columns, row 0 the heading: plain
 * text separated by two spaces, or a markdown table. left[k] nonzero
 * left-aligns column k, else it is right-aligned (grid.c; a table held
 * whole: cli_grid_rows formats long ones row by row). */
void cli_grid(FILE *fp, cli_cell (*cells)[CLI_GRID_MAX_COLS], size_t rows,
              size_t cols, const unsigned char *left, int markdown);

#endif
