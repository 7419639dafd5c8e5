/*
 * util.h: small helpers shared by the files of src/core (not public).
 */
#ifndef ECOREG_CORE_UTIL_H
#define ECOREG_CORE_UTIL_H

#include <string.h>

/* Returns from the calling function when x, an er_status, is not ER_OK. */
#define ER_TRY(x)                                                                                  \
    do {                                                                                           \
        er_status rc_ = (x);                                                                       \
        if (rc_)                                                                                   \
            return rc_;                                                                            \
    } while (0)

/* The index of `s` in names[0..n), compared exactly; -1 when absent. */
static inline int er_name_index(const char *const *names, int n, const char *s)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

#endif
