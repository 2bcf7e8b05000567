/*
 * status.h - status codes returned by every nps-stat library function.
 *
 * The library never prints, exits or aborts: each fallible function returns
 * an nps_status, and nps_strerror() gives the text for it. A result that
 * is valid but carries a caveat (no sampling spread, a fallback method) is
 * NPS_OK with a static English sentence in the result's `note` field.
 */
#ifndef NPS_STATUS_H
#define NPS_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nps_status {
  NPS_OK = 0,
  NPS_ENOMEM,    /* an allocation failed */
  NPS_EINVAL,    /* an argument is outside its documented domain */
  NPS_EEMPTY,    /* no responses: n = 0 */
  NPS_ENUMERIC,  /* a numerical routine did not converge */
  NPS_EIO,       /* reading or writing failed (errno holds the reason) */
  NPS_ECSV,      /* malformed CSV: quote, ragged row, binary data */
  NPS_ESCORE,    /* a score cell is not an integer 0..10 */
  NPS_ECOLUMN,   /* a column is missing or ambiguous */
  NPS_EGROUPS,   /* more distinct groups than the allowed maximum */
  NPS_EENCODING, /* not UTF-8 text (UTF-16, invalid bytes) */
  NPS_EFIELD,    /* a field is longer than the allowed maximum */
  NPS_ECOUNT,    /* a count in counts input is not a non-negative integer */
  NPS_EOVERFLOW, /* a count would overflow 64 bits */
  NPS_EVALUE     /* a group cell is not a valid value (a date column) */
} nps_status;

/* The detail of a failed analysis, beside its status: every nps_X_run
 * (and nps_compare_paired) takes an nps_run_error *err, which may be NULL.
 * When err is given the run clears it first (sample -1, key NULL, every
 * count 0, problem 0), then sets the fields that explain a failure; a
 * field a run does not use stays cleared. The key points into the
 * caller's table and lives as long as it. */
typedef struct nps_run_error {
  int sample;      /* the sample or cell at fault (compare: 0 or 1; did:
                      the cell 0..3), or -1 */
  const char *key; /* the group key at fault (compare_paired: the id
                      that answered more than once), or NULL */
  size_t key_len;
  uint64_t count; /* the number that explains it (how often the id
                     answered; periods spanned; segments tested), or 0 */
  int problem;    /* which option is wrong on NPS_EINVAL, where the
                     analysis names it (plan: an nps_plan_problem), or 0 */
} nps_run_error;

/* A static, never-NULL English description of status. */
NPS_API const char *nps_strerror(nps_status status);

#ifdef __cplusplus
}
#endif
#endif
