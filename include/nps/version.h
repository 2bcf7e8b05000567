/*
 * version.h - the version of the nps-stat library.
 *
 * The numbers here are the project's version: CMakeLists.txt reads them
 * from this file, so the headers, the library and the package agree.
 * NPS_VERSION_NUMBER compares versions at compile time (0.1.0 is 100);
 * nps_version() gives the version of the library actually linked.
 */
#ifndef NPS_VERSION_H
#define NPS_VERSION_H

#include "export.h"

#define NPS_VERSION_MAJOR 0
#define NPS_VERSION_MINOR 1
#define NPS_VERSION_PATCH 0

#define NPS_VERSION_NUMBER                                                     \
  (NPS_VERSION_MAJOR * 10000 + NPS_VERSION_MINOR * 100 + NPS_VERSION_PATCH)

#define NPS_VERSION_TEXT_(x) #x
#define NPS_VERSION_TEXT(x)  NPS_VERSION_TEXT_(x)
/* "MAJOR.MINOR.PATCH", e.g. "0.1.0". */
#define NPS_VERSION_STRING                                                     \
  NPS_VERSION_TEXT(NPS_VERSION_MAJOR)                                          \
  "." NPS_VERSION_TEXT(NPS_VERSION_MINOR) "." NPS_VERSION_TEXT(                \
      NPS_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the linked library, NPS_VERSION_STRING when it was
 * built. */
NPS_API const char *nps_version(void);

#ifdef __cplusplus
}
#endif
#endif
