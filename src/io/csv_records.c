/*
 * csv_records.c: CSV files as numbered records (see csv_records.h).
 *
 * Fields arrive from libcsv one at a time and are copied into one buffer
 * per record (the record's fields are handed over together); offsets are
 * kept while the buffer grows and turned into pointers when the record
 * ends.  Nothing is allocated per record once the buffers have grown.
 */
#include "csv_records.h"

#include <stdbool.h>
#include <stdio.h>

#include <csv.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

/* Bytes handed to libcsv at a time, so that a failure stops the parse. */
#define CHUNK (64u * 1024)

struct reader {
    er_csv_record_fn fn;
    void *ctx;
    er_error *err;
    er_status rc;
    size_t max_fields, max_field;
    long row;              /* number of the record being read; -1 before the header */
    int prev_term;         /* the last record terminator */
    int nonblank;          /* a field of this record is not empty */
    size_t n;              /* fields of this record */
    char *text;            /* their bytes, each NUL-terminated */
    size_t text_len, text_cap;
    size_t *off, *len;     /* per field: offset into text, length */
    const char **field;
    size_t cap;            /* room in off, len, field */
};

static const char *trim(const char *s, size_t *len)
{
    size_t n = s ? *len : 0;

    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s ? s : "";
}

static int grow(void **p, size_t *cap, size_t want, size_t size)
{
    size_t c = *cap ? *cap : 64;
    void *q;

    while (c < want)
        c *= 2;
    if (c == *cap)
        return 1;
    if (!(q = er_realloc(*p, c * size)))
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

/* Stops the reading with `rc`, saying `prefix` and `what` of this row. */
static er_status fail(struct reader *rd, er_status rc, const char *prefix, const char *what)
{
    return rd->rc = er_error_set(rd->err, rc, rd->row < 0 ? 0 : rd->row, "", "%s%s", prefix,
                                 what);
}

static int field_room(struct reader *rd)
{
    size_t cap = rd->cap, c2 = rd->cap, c3 = rd->cap;

    return grow((void **)&rd->off, &cap, rd->n + 1, sizeof *rd->off) &&
           grow((void **)&rd->len, &c2, rd->n + 1, sizeof *rd->len) &&
           grow((void **)&rd->field, &c3, rd->n + 1, sizeof *rd->field) &&
           (rd->cap = cap, 1);
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct reader *rd = ctx;
    const char *s = data;

    if (rd->rc)
        return;
    if (s && memchr(s, '\0', len)) {
        fail(rd, ER_EPARSE, "", "a field contains a NUL byte");
        return;
    }
    s = trim(s, &len);
    if (rd->n >= rd->max_fields || len > rd->max_field) {
        fail(rd, ER_ELIMIT, "", rd->n >= rd->max_fields ? "too many fields"
                                                        : "a field is too long");
        return;
    }
    if (!field_room(rd) ||
        !grow((void **)&rd->text, &rd->text_cap, rd->text_len + len + 1, 1)) {
        fail(rd, ER_ENOMEM, "", "out of memory");
        return;
    }
    memcpy(rd->text + rd->text_len, s, len);
    rd->text[rd->text_len + len] = '\0';
    rd->off[rd->n] = rd->text_len;
    rd->len[rd->n++] = len;
    rd->text_len += len + 1;
    rd->nonblank |= len > 0;
}

/* Called at each record's end, and (CSV_REPALL_NL) at each line break
 * outside one, which is how blank lines are counted; the LF of a CRLF
 * arrives as an empty record after the CR and is not a line. */
static void on_record(int c, void *ctx)
{
    struct reader *rd = ctx;
    int crlf = rd->n == 0 && c == CSV_LF && rd->prev_term == CSV_CR;
    size_t i;

    rd->prev_term = c;
    if (rd->rc || crlf || (!rd->nonblank && rd->row < 0))
        goto done;
    if (rd->row < 0)
        rd->row = 0;
    if (rd->nonblank) {
        er_csv_record rec = { rd->row, rd->n, rd->field, rd->len };

        for (i = 0; i < rd->n; i++)
            rd->field[i] = rd->text + rd->off[i];
        rd->rc = rd->fn(rd->ctx, &rec, rd->err);
    }
    rd->row++;
done:
    rd->n = 0;
    rd->text_len = 0;
    rd->nonblank = 0;
}

static er_status csv_failure(struct reader *rd, struct csv_parser *p)
{
    int e = csv_error(p);

    if (e == CSV_ENOMEM)
        return fail(rd, ER_ENOMEM, "", "out of memory");
    if (e == CSV_ETOOBIG)
        return fail(rd, ER_ELIMIT, "", "field too large");
    return fail(rd, ER_EPARSE, "malformed CSV: ", csv_strerror(e));
}

static er_status feed(struct reader *rd, struct csv_parser *p, const char *buf, size_t len)
{
    size_t off = 0;

    while (off < len && !rd->rc) {
        size_t n = len - off < CHUNK ? len - off : CHUNK;

        if (csv_parse(p, buf + off, n, on_field, on_record, rd) != n)
            return rd->rc ? rd->rc : csv_failure(rd, p);
        off += n;
    }
    if (!rd->rc && csv_fini(p, on_field, on_record, rd) != 0)
        return rd->rc ? rd->rc : csv_failure(rd, p);
    if (!rd->rc && rd->row < 0)
        return er_error_set(rd->err, ER_EINVAL, 0, "", "no header row");
    return rd->rc;
}

er_status er_csv_records(const char *buf, size_t len, size_t max_fields, size_t max_field,
                         er_csv_record_fn fn, void *ctx, er_error *err)
{
    struct reader rd = { .fn = fn, .ctx = ctx, .err = err, .max_fields = max_fields,
                         .max_field = max_field, .row = -1 };
    struct csv_parser p;
    er_status rc;

    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        buf += 3, len -= 3; /* UTF-8 byte order mark */
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
        return er_error_set(err, ER_ENOMEM, 0, "", "cannot start the CSV parser");
    csv_set_realloc_func(&p, er_realloc);
    csv_set_free_func(&p, er_free);
    rc = feed(&rd, &p, buf, len);
    csv_free(&p);
    er_free(rd.text);
    er_free(rd.off);
    er_free(rd.len);
    er_free(rd.field);
    return rc;
}

void er_csv_write_field(FILE *out, const char *s, bool last)
{
    /* RFC 4180: a field holding a comma, a quote or a line break is quoted,
     * its quotes doubled (libcsv's csv_fwrite) */
    if (s[strcspn(s, ",\"\r\n")])
        csv_fwrite(out, s, strlen(s));
    else
        fputs(s, out);
    fputc(last ? '\n' : ',', out);
}
