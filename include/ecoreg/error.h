/*
 * error.h: the one status enum every fallible ecoreg function returns, and
 * the optional error record that says which row and field went wrong.
 *
 * A user fixing a 50,000-row file needs the row, the field and a sentence;
 * er_error carries all three.  Functions that take an `er_error *` accept
 * NULL when the caller only wants the status.
 */
#ifndef ECOREG_ERROR_H
#define ECOREG_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status of every fallible call; ER_OK is zero so `if (rc)` means failure. */
typedef enum er_status {
    ER_OK = 0,
    ER_ENOMEM,     /* an allocation failed */
    ER_EINVAL,     /* an argument or an input value is not acceptable */
    ER_ENOTFOUND,  /* a look-up found nothing */
    ER_EDUPLICATE, /* a key is already present */
    ER_EIO,        /* reading or writing a file failed */
    ER_EPARSE,     /* input is not well-formed (CSV, JSON, a date) */
    ER_ERANGE,     /* a value or an intermediate result is out of range */
    ER_ELIMIT      /* an input exceeds a stated maximum (size, rows) */
} er_status;

/** Returns a static, human-readable name for `rc`; never NULL. */
const char *er_strerror(er_status rc);

/** Largest field name and message an er_error holds, including the NUL. */
#define ER_ERROR_FIELD_MAX 96
#define ER_ERROR_MESSAGE_MAX 320

/**
 * Where an input went wrong.  `row` is 1-based (the first data row of a
 * file is row 1, its header row 0); 0 when no row applies.  `field` names
 * the column or JSON path ("measures[2].measure_type"); empty when none.
 */
typedef struct er_error {
    long row;
    char field[ER_ERROR_FIELD_MAX];
    char message[ER_ERROR_MESSAGE_MAX];
} er_error;

/**
 * Fills `err` (when not NULL) with a row, a field and a printf-style
 * message, truncating to the record's fixed sizes.  Returns `rc` so a
 * caller can write `return er_error_set(err, ER_EINVAL, ...)`.
 */
er_status er_error_set(er_error *err, er_status rc, long row,
                       const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/** Empties `err` (when not NULL). */
void er_error_clear(er_error *err);

#ifdef __cplusplus
}
#endif
#endif
