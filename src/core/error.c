/*
 * error.c: names of status codes and the error record's setter.
 */
#include "ecoreg/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *er_strerror(er_status rc)
{
    switch (rc) {
    case ER_OK: return "ok";
    case ER_ENOMEM: return "out of memory";
    case ER_EINVAL: return "invalid value";
    case ER_ENOTFOUND: return "not found";
    case ER_EDUPLICATE: return "duplicate key";
    case ER_EIO: return "input/output error";
    case ER_EPARSE: return "malformed input";
    case ER_ERANGE: return "value out of range";
    case ER_ELIMIT: return "limit exceeded";
    }
    return "unknown status";
}

er_status er_error_set(er_error *err, er_status rc, long row,
                       const char *field, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return rc;
    err->row = row;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return rc;
}

void er_error_clear(er_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}
