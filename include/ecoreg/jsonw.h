/*
 * jsonw.h: a JSON text writer for ecoreg's outputs.
 *
 * Results are written straight into a growing buffer instead of being
 * built as a tree and dumped: for `ecoreg quote` that tree was 45% of the
 * run time (docs/performance.md).  Amounts are written from integer
 * pennies, so their digits are exact at any size.  After an allocation
 * fails the writer goes quiet and `oom` says so; check it once at the end.
 */
#ifndef ECOREG_IO_JSONW_H
#define ECOREG_IO_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct er_jsonw {
    char *p;   /* NUL-terminated text; owned, er_jsonw_free() frees it */
    size_t len, cap;
    bool oom;  /* an allocation failed: the text is incomplete */
} er_jsonw;

/** Appends `n` bytes of raw JSON text. */
void er_jsonw_raw(er_jsonw *w, const char *s, size_t n);
/** Appends the NUL-terminated raw JSON text `s` (a literal such as ",\"a\":"). */
void er_jsonw_lit(er_jsonw *w, const char *s);
/** Appends `s` (UTF-8) as a JSON string, or null when `s` is NULL. */
void er_jsonw_string(er_jsonw *w, const char *s);
/** Appends pounds given in pennies: 59300 -> 593.0, 101442 -> 1014.42. */
void er_jsonw_pennies(er_jsonw *w, int64_t pennies);
/** Appends a double with 15 significant digits (0.1, 0.0). */
void er_jsonw_real(er_jsonw *w, double x);
/** Appends true, false, or null when `v` < 0. */
void er_jsonw_tristate(er_jsonw *w, int v);
/** Frees the text and empties `w`; accepts NULL. */
void er_jsonw_free(er_jsonw *w);

#endif
