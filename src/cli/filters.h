/*
 * filters.h - what the tool says about --where and --exclude after a read
 * (filters.c).
 */
#ifndef NPS_CLI_FILTERS_H
#define NPS_CLI_FILTERS_H

#include <stddef.h>
#include <stdint.h>

#include "nps/nps.h"

#include "common.h"

/* Why a read gave no responses, for "FILE: no responses%s": every answer
 * missing, every row removed by --where / --exclude (with the values of the
 * column of the filter that removed them), or only a header
 * (filters.c). */
const char *cli_empty_reason(const cli_common *c, const nps_csvin_report *r,
                             uint64_t missing, char *buf, size_t size);

/* Warns, after a read of name with csv, about each --where / --exclude
 * value that matched no row, naming the closest value of the column or
 * the values it holds (filters.c). */
void cli_filter_notes(const cli_common *c, const char *name,
                      const nps_csvin_options *csv, const nps_csvin_report *r);

#endif
