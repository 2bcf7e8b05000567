/*
 * status.c - the text of each nps_status.
 */
#include "nps/nps.h"

const char *nps_strerror(nps_status status) {
  switch (status) {
  case NPS_OK:
    return "success";
  case NPS_ENOMEM:
    return "out of memory";
  case NPS_EINVAL:
    return "invalid argument";
  case NPS_EEMPTY:
    return "no responses";
  case NPS_ENUMERIC:
    return "numerical method did not converge";
  case NPS_EIO:
    return "input/output error";
  case NPS_ECSV:
    return "malformed CSV";
  case NPS_ESCORE:
    return "invalid score";
  case NPS_ECOLUMN:
    return "column not found or ambiguous";
  case NPS_EGROUPS:
    return "too many groups";
  case NPS_EENCODING:
    return "not UTF-8 text";
  case NPS_EFIELD:
    return "field too long";
  case NPS_ECOUNT:
    return "invalid count";
  case NPS_EOVERFLOW:
    return "count overflow";
  case NPS_EVALUE:
    return "invalid value in a group column";
  }
  return "unknown status";
}

const char *nps_version(void) {
  return NPS_VERSION_STRING;
}
