/*
 * nps.h - the whole nps-stat library API.
 */
#ifndef NPS_NPS_H
#define NPS_NPS_H

#include "boot.h"
#include "ci.h"
#include "csvin.h"
#include "hist.h"
#include "interval.h"
#include "status.h"
#include "table.h"

/* The library version, e.g. "0.1.0". */
const char *nps_version(void);

#endif
