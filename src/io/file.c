/*
 * file.c: whole files read into memory, with a stated maximum size, so
 * that no reader of untrusted input holds more than it allows.
 */
#include "ecoreg/io.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ecoreg/alloc.h"

/* Reads the rest of `f` into the er_malloc'd *buf, at most `max` bytes. */
static er_status read_all(FILE *f, const char *path, size_t max, size_t hint,
                          char **buf, size_t *len, er_error *err)
{
    size_t cap = hint < max ? hint + 1 : max + 1, n = 0, got;
    char *p = er_malloc(cap + 1), *q;
    er_status rc = ER_OK;

    while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
        if ((n += got) > max) {
            rc = er_error_set(err, ER_ELIMIT, 0, "",
                              "%s is larger than %zu bytes", path, max);
            goto done;
        }
        if (n == cap) {
            cap = cap > max / 2 ? max + 1 : cap * 2;
            if (!(q = er_realloc(p, cap + 1)))
                break;
            p = q;
        }
    }
    if (!p || n == cap) {
        rc = er_error_set(err, ER_ENOMEM, 0, "", "out of memory reading %s", path);
        goto done;
    }
    if (ferror(f)) {
        rc = er_error_set(err, ER_EIO, 0, "", "cannot read %s: %s", path,
                          strerror(errno));
        goto done;
    }
    p[n] = '\0';
    *buf = p;
    *len = n;
    p = NULL;
done:
    er_free(p);
    return rc;
}

er_status er_read_file(const char *path, size_t max, char **buf, size_t *len,
                       er_error *err)
{
    FILE *f = NULL;
    struct stat st;
    size_t hint = 64 * 1024;
    er_status rc;

    *buf = NULL;
    *len = 0;
    if (!(f = fopen(path, "rb"))) {
        rc = er_error_set(err, ER_EIO, 0, "", "cannot open %s: %s", path,
                          strerror(errno));
        goto done;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > max) {
            rc = er_error_set(err, ER_ELIMIT, 0, "",
                              "%s is larger than %zu bytes", path, max);
            goto done;
        }
        hint = (size_t)st.st_size;
    }
    rc = read_all(f, path, max, hint, buf, len, err);
done:
    if (f)
        fclose(f);
    return rc;
}
