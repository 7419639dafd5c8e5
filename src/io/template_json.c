/*
 * template_json.c: a notification template read from JSON (see
 * template.h), for systems that send rows rather than spreadsheets: an
 * array of objects whose members are the template's column names
 * (case-sensitive), each a string, null or absent (both read as an empty
 * cell).  The template's limits hold as for CSV.  jansson reads the whole
 * document, refusing a duplicate member; each row is checked and its text
 * counted, then the cells are copied into one buffer of that size.  As
 * for CSV, judging the cells is the rules' work.
 */
#include "template.h"

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "ecoreg/alloc.h"

/* True when `key` names one of t's columns. */
static bool is_column(const er_template *t, const char *key)
{
    size_t c;

    for (c = 0; c < t->ncols; c++)
        if (strcmp(t->name(c), key) == 0)
            return true;
    return false;
}

/* Checks row r (1-based) and adds the bytes its cells need to *bytes. */
static er_status check_row(const er_template *t, json_t *obj, long r, size_t *bytes, er_error *err)
{
    void *it;

    if (!json_is_object(obj))
        return er_error_set(err, ER_EINVAL, r, "", "a row must be an object of template columns");
    for (it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
        const char *key = json_object_iter_key(it);
        json_t *v = json_object_iter_value(it);

        if (!is_column(t, key))
            return er_error_set(err, ER_EINVAL, r, key,
                                "not a column of the %s template (names are case-sensitive)",
                                t->title);
        if (json_is_null(v))
            continue;
        if (!json_is_string(v))
            return er_error_set(err, ER_EINVAL, r, key, "must be a string (or null)");
        if (json_string_length(v) >= t->cell_max)
            return er_error_set(err, ER_ELIMIT, r, key, "longer than %zu characters",
                                t->cell_max - 1);
        if (strlen(json_string_value(v)) != json_string_length(v))
            return er_error_set(err, ER_EINVAL, r, key, "contains a NUL character");
        *bytes += json_string_length(v);
    }
    *bytes += t->ncols; /* a NUL per cell */
    return ER_OK;
}

/* Copies the checked rows' cells into out, whose text takes `bytes`. */
static er_status fill(const er_template *t, json_t *rows, er_template_table *out, size_t bytes)
{
    size_t i, c, at = 0, n = json_array_size(rows);

    out->rownum = er_malloc(n * sizeof *out->rownum);
    out->off = er_malloc(n * t->ncols * sizeof *out->off);
    out->text = er_malloc(bytes);
    if (!out->rownum || !out->off || !out->text)
        return ER_ENOMEM;
    for (i = 0; i < n; i++) {
        json_t *obj = json_array_get(rows, i);

        out->rownum[i] = (long)i + 1;
        for (c = 0; c < t->ncols; c++) {
            const char *s = json_string_value(json_object_get(obj, t->name(c)));
            size_t len = s ? strlen(s) : 0;

            memcpy(out->text + at, s ? s : "", len + 1);
            out->off[i * t->ncols + c] = at;
            at += len + 1;
        }
    }
    out->n = n;
    return ER_OK;
}

/* Parses buf[0..len) into *doc (the caller's, json_decref()), refusing a
 * duplicate member; `flags` adds jansson's. */
static er_status load(const char *buf, size_t len, size_t flags, json_t **doc, er_error *err)
{
    json_error_t jerr;

    if ((*doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES | flags, &jerr)) != NULL)
        return ER_OK;
    return er_error_set(err, ER_EPARSE, jerr.line, "", "malformed JSON at line %d column %d: %s",
                        jerr.line, jerr.column, jerr.text);
}

static er_status too_large(const er_template *t, er_error *err)
{
    return er_error_set(err, ER_ELIMIT, 0, "", "larger than %zu bytes: the limit per file",
                        t->max_bytes);
}

static er_status not_rows(er_error *err)
{
    return er_error_set(err, ER_EINVAL, 0, "", "a file must be a non-empty array of rows");
}

er_status er_template_parse_json(const er_template *t, const char *buf, size_t len,
                                 er_template_table *out, er_error *err)
{
    json_t *doc;
    size_t i, bytes = 0;
    er_status rc;

    memset(out, 0, sizeof *out);
    er_error_clear(err);
    if (len > t->max_bytes)
        return too_large(t, err);
    if ((rc = load(buf ? buf : "", len, 0, &doc, err)) != ER_OK)
        return rc;
    if (!json_is_array(doc) || json_array_size(doc) == 0) {
        rc = not_rows(err);
        goto done;
    }
    if (json_array_size(doc) > t->max_rows) {
        rc = er_error_set(err, ER_ELIMIT, (long)t->max_rows + 1, "",
                          "more than %zu rows: the limit per file", t->max_rows);
        goto done;
    }
    for (i = 0; i < json_array_size(doc); i++)
        if ((rc = check_row(t, json_array_get(doc, i), (long)i + 1, &bytes, err)) != ER_OK)
            goto done;
    if ((rc = fill(t, doc, out, bytes)) != ER_OK)
        er_error_set(err, rc, 0, "", "out of memory");
done:
    if (rc)
        er_template_table_free(out);
    json_decref(doc);
    return rc;
}

/* The one template of t[0..n) that has `key` as a column, or n when none
 * or several have. */
static size_t owner(const er_template *const *t, size_t n, const char *key)
{
    size_t i, found = n;

    for (i = 0; i < n; i++)
        if (is_column(t[i], key)) {
            if (found < n)
                return n;
            found = i;
        }
    return found;
}

/* Refuses a first row that names no column only one template has, giving
 * such a column of each template as an example. */
static er_status no_owner(const er_template *const *t, size_t n, er_error *err)
{
    char list[ER_ERROR_MESSAGE_MAX] = "";
    size_t i, c, at = 0;

    for (i = 0; i < n; i++)
        for (c = 0; c < t[i]->ncols; c++)
            if (owner(t, n, t[i]->name(c)) == i) {
                int k =
                    snprintf(list + at, sizeof list - at, "%sonly the %s template has (such as %s)",
                             i ? " or " : "", t[i]->title, t[i]->name(c));

                at += k > 0 && (size_t)k < sizeof list - at ? (size_t)k : 0;
                break;
            }
    return er_error_set(err, ER_EINVAL, 1, "", "cannot tell the template: no member is a column %s",
                        list);
}

/* Which of t[0..n) the row object `obj` belongs to, by its members. */
static er_status owner_of_row(const er_template *const *t, size_t n, json_t *obj, size_t *which,
                              er_error *err)
{
    const char *first = NULL;
    void *it;
    size_t o;

    *which = n;
    if (!json_is_object(obj))
        return er_error_set(err, ER_EINVAL, 1, "", "a row must be an object of template columns");
    for (it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
        const char *key = json_object_iter_key(it);

        if ((o = owner(t, n, key)) == n || o == *which)
            continue;
        if (*which < n)
            return er_error_set(err, ER_EINVAL, 1, key,
                                "has columns of the %s template (%s) and of the %s template "
                                "(%s): a file holds one template",
                                t[*which]->title, first, t[o]->title, key);
        *which = o;
        first = key;
    }
    return *which < n ? ER_OK : no_owner(t, n, err);
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

er_status er_template_json_which(const er_template *const *t, size_t n, const char *buf, size_t len,
                                 size_t *which, er_error *err)
{
    const char *p = buf ? buf : "", *end = p + len;
    json_t *doc = NULL;
    er_status rc;

    *which = n;
    er_error_clear(err);
    if (len > t[0]->max_bytes)
        return too_large(t[0], err);
    p = skip_space(p, end);
    if (p < end && *p == '[' && (p = skip_space(p + 1, end)) < end && *p != ']' &&
        load(p, (size_t)(end - p), JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &doc, NULL) == ER_OK) {
        rc = owner_of_row(t, n, doc, which, err); /* the first row alone */
        goto done;
    }
    /* not an array, an empty one, or a malformed first row: the whole file
     * says which */
    if ((rc = load(buf ? buf : "", len, 0, &doc, err)) != ER_OK)
        goto done;
    if (!json_is_array(doc) || json_array_size(doc) == 0)
        rc = not_rows(err);
    else
        rc = owner_of_row(t, n, json_array_get(doc, 0), which, err);
done:
    json_decref(doc);
    return rc;
}
