/*
 * export.h - NPS_API marks the functions of the public API. The library is
 * built with hidden visibility, so only what carries NPS_API is exported
 * from a shared build; everything else stays internal.
 */
#ifndef NPS_EXPORT_H
#define NPS_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define NPS_API __attribute__((visibility("default")))
#else
#define NPS_API
#endif

#endif
