/*
 * nps.h - the whole nps-stat library API.
 *
 * Every function reports failure through an nps_status (status.h) and never
 * prints, exits or aborts. The numerical work goes through GSL, whose default
 * error handler aborts the process; nps-stat checks GSL's status codes
 * itself, so a program using this library should switch that handler off
 * once at start, as the nps-stat tool does:
 *
 *     gsl_set_error_handler_off();
 *
 * Random functions take a gsl_rng * owned by the caller; none keeps global
 * state, so separate generators may be used from separate threads.
 */
#ifndef NPS_NPS_H
#define NPS_NPS_H

#include "benchmark.h"
#include "boot.h"
#include "ci.h"
#include "compare.h"
#include "csvin.h"
#include "dates.h"
#include "did.h"
#include "diffci.h"
#include "export.h"
#include "hist.h"
#include "interval.h"
#include "multi.h"
#include "order.h"
#include "plan.h"
#include "plot.h"
#include "power.h"
#include "segments.h"
#include "sql.h"
#include "standardize.h"
#include "status.h"
#include "summary.h"
#include "table.h"
#include "test2.h"
#include "text.h"
#include "trend.h"
#include "version.h"

#endif
