/*
 * gbis_json.c: the GBIS notification template as JSON, for systems that
 * send rows rather than spreadsheets: an array of objects whose members are
 * the template's column names (case-sensitive), each a string, null or
 * absent (both read as an empty cell).  The same limits as the CSV hold:
 * 10,000 rows, 20 MB, cells of at most 255 characters.  The result is the
 * same er_gbis_file the CSV reader makes, so the same rules judge it.
 * A row's check failures are written back as JSON here too.
 */
#include "ecoreg/io.h"

#include <jansson.h>
#include <string.h>

#include "ecoreg/alloc.h"

/* The template column named `key`, or -1. */
static int column_of(const char *key)
{
    int c;

    for (c = 0; c < ER_GBIS_COL_COUNT; c++)
        if (strcmp(er_gbis_column_name((er_gbis_col)c), key) == 0)
            return c;
    return -1;
}

/* Checks row r (1-based) and adds up its bytes. */
static er_status measure_row(json_t *obj, long r, size_t *bytes, er_error *err)
{
    const char *key;
    json_t *v;

    if (!json_is_object(obj))
        return er_error_set(err, ER_EINVAL, r, "", "a row must be an object of template columns");
    json_object_foreach(obj, key, v) {
        if (column_of(key) < 0)
            return er_error_set(err, ER_EINVAL, r, key,
                                "not a column of the GBIS template (names are case-sensitive)");
        if (!json_is_string(v) && !json_is_null(v))
            return er_error_set(err, ER_EINVAL, r, key, "must be a string (or null)");
        if (json_is_string(v) && json_string_length(v) >= ER_GBIS_CELL_MAX)
            return er_error_set(err, ER_ELIMIT, r, key, "longer than %d characters",
                                ER_GBIS_CELL_MAX - 1);
        if (json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v))
            return er_error_set(err, ER_EINVAL, r, key, "contains a NUL character");
        *bytes += json_is_string(v) ? json_string_length(v) : 0;
    }
    *bytes += ER_GBIS_COL_COUNT;
    return ER_OK;
}

/* Copies the checked rows into out (text arena, then pointers). */
static er_status fill(json_t *rows, er_gbis_file *out, size_t bytes)
{
    size_t i, at = 0, n = json_array_size(rows);
    json_t *obj;

    out->rows = er_calloc(n, sizeof *out->rows);
    out->text = er_malloc(bytes ? bytes : 1);
    if (!out->rows || !out->text)
        return ER_ENOMEM;
    json_array_foreach(rows, i, obj) {
        int c;

        out->rows[i].row = (long)i + 1;
        for (c = 0; c < ER_GBIS_COL_COUNT; c++) {
            const char *s = json_string_value(json_object_get(obj, er_gbis_column_name(c)));
            size_t len = s ? strlen(s) : 0;

            memcpy(out->text + at, s ? s : "", len + 1);
            out->rows[i].col[c] = out->text + at;
            at += len + 1;
        }
    }
    out->n = n;
    return ER_OK;
}

er_status er_gbis_parse_json(const char *buf, size_t len, er_gbis_file *out, er_error *err)
{
    json_error_t jerr;
    json_t *doc = NULL, *obj;
    size_t i, bytes = 0;
    er_status rc = ER_OK;

    memset(out, 0, sizeof *out);
    er_error_clear(err);
    if (len > ER_GBIS_FILE_BYTES_MAX)
        return er_error_set(err, ER_ELIMIT, 0, "", "larger than %u bytes: Ofgem's limit per file",
                            ER_GBIS_FILE_BYTES_MAX);
    if (!(doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr)))
        return er_error_set(err, ER_EPARSE, jerr.line, "",
                            "malformed JSON at line %d column %d: %s", jerr.line, jerr.column,
                            jerr.text);
    if (!json_is_array(doc) || json_array_size(doc) == 0) {
        rc = er_error_set(err, ER_EINVAL, 0, "", "a file must be a non-empty array of rows");
        goto done;
    }
    if (json_array_size(doc) > ER_GBIS_FILE_ROWS_MAX) {
        rc = er_error_set(err, ER_ELIMIT, ER_GBIS_FILE_ROWS_MAX + 1, "",
                          "more than %d rows: Ofgem's limit per file", ER_GBIS_FILE_ROWS_MAX);
        goto done;
    }
    json_array_foreach(doc, i, obj)
        if ((rc = measure_row(obj, (long)i + 1, &bytes, err)) != ER_OK)
            goto done;
    if ((rc = fill(doc, out, bytes)) != ER_OK)
        er_error_set(err, rc, 0, "", "out of memory");
done:
    if (rc)
        er_gbis_file_free(out);
    json_decref(doc);
    return rc;
}

er_status er_gbis_load_json(const char *path, er_gbis_file *out, er_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    er_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = er_read_file(path, ER_GBIS_FILE_BYTES_MAX, &buf, &len, err)) == ER_OK)
        rc = er_gbis_parse_json(buf, len, out, err);
    er_free(buf);
    return rc;
}

er_status er_gbis_load(const char *path, er_gbis_file *out, er_error *err)
{
    size_t n = strlen(path);

    if (n >= 5 && strcmp(path + n - 5, ".json") == 0)
        return er_gbis_load_json(path, out, err);
    return er_gbis_load_csv(path, out, err);
}

void er_gbis_failures_json(er_jsonw *w, const er_gbis_outcome *o)
{
    size_t i, n = o->n_failures < ER_GBIS_FAILURES_MAX ? o->n_failures : ER_GBIS_FAILURES_MAX;

    er_jsonw_lit(w, "[");
    for (i = 0; i < n; i++) {
        er_jsonw_lit(w, i ? ",{\"rule\":" : "{\"rule\":");
        er_jsonw_string(w, o->failures[i].rule);
        er_jsonw_lit(w, ",\"field\":");
        er_jsonw_string(w, er_gbis_column_name(o->failures[i].column));
        er_jsonw_lit(w, ",\"message\":");
        er_jsonw_string(w, o->failures[i].message);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]");
}
