/*
 * segments_internal.h - pieces of the segments analysis shared by its
 * files (segments.c, segments_letters.c); not part of the API.
 */
#ifndef NPS_SEGMENTS_INTERNAL_H
#define NPS_SEGMENTS_INTERNAL_H

#include "nps/segments.h"

/* The compact letter display of the pairwise verdicts into the rows'
 * letters (s->letter_buf owns them). */
nps_status nps_segments_letters(nps_segments *s);

#endif
