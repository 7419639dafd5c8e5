/*
 * chmm_file.c: heat pump installation records read from CSV or JSON
 * (spec/chmm_installations.md), and what `ecoreg chmm credits` writes of
 * their credits (io.h).  A CSV header names the columns, in any order; a
 * required column missing, an unknown one or one given twice refuses the
 * file (a misspelt "serial" would otherwise switch a duplicate check off),
 * as does an unknown member of a JSON object.  A bad value refuses only
 * its row, as "invalid", with its column named.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_records.h"
#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

#define FIELD_MAX 1024

struct reader {
    er_chmm_file *f;
    int at[ER_CHMM_COL_COUNT]; /* each column's field, or -1 */
    size_t cap, cap_invalid;
};

static er_status header(struct reader *rd, const er_csv_record *rec, er_error *err)
{
    size_t i;
    int c;

    for (c = 0; c < ER_CHMM_COL_COUNT; c++)
        rd->at[c] = -1;
    for (i = 0; i < rec->n; i++) {
        for (c = 0; c < ER_CHMM_COL_COUNT; c++)
            if (strcmp(rec->field[i], er_chmm_column_name((er_chmm_col)c)) == 0)
                break;
        if (c == ER_CHMM_COL_COUNT)
            return er_error_set(err, ER_EINVAL, 0, "header",
                                "column %zu, \"%.60s\", is not a "
                                "column of spec/chmm_installations.md",
                                i + 1, rec->field[i]);
        if (rd->at[c] >= 0)
            return er_error_set(err, ER_EINVAL, 0, er_chmm_column_name((er_chmm_col)c),
                                "the header names %s twice", rec->field[i]);
        rd->at[c] = (int)i;
    }
    for (c = 0; c < ER_CHMM_COL_COUNT; c++)
        if (rd->at[c] < 0 && er_chmm_column_required((er_chmm_col)c))
            return er_error_set(err, ER_EINVAL, 0, er_chmm_column_name((er_chmm_col)c),
                                "the header has no %s column", er_chmm_column_name((er_chmm_col)c));
    return ER_OK;
}

static er_status invalid(struct reader *rd, long row, const char *id, const er_error *why)
{
    er_chmm_file *f = rd->f;
    struct er_chmm_invalid *v;

    if (f->n_invalid == rd->cap_invalid) {
        size_t cap = rd->cap_invalid ? rd->cap_invalid * 2 : 16;

        if (!(v = er_realloc(f->invalid, cap * sizeof *v)))
            return ER_ENOMEM;
        f->invalid = v;
        rd->cap_invalid = cap;
    }
    v = &f->invalid[f->n_invalid++];
    v->row = row;
    snprintf(v->installation_id, sizeof v->installation_id, "%s", id);
    v->why = *why;
    return ER_OK;
}

/* Parses one row's cells into the file: a row, or an invalid one. */
static er_status add_row(struct reader *rd, long row, const char *const cells[ER_CHMM_COL_COUNT],
                         er_error *err)
{
    er_chmm_file *f = rd->f;
    er_error why = { 0 };

    if (f->n == rd->cap) {
        size_t cap = rd->cap ? rd->cap * 2 : 64;
        er_chmm_installation *rows = er_realloc(f->rows, cap * sizeof *rows);

        if (!rows)
            return er_error_set(err, ER_ENOMEM, row, "", "out of memory");
        f->rows = rows;
        rd->cap = cap;
    }
    if (er_chmm_parse(cells, row, &f->rows[f->n], &why) == ER_OK) {
        f->n++;
        return ER_OK;
    }
    if (invalid(rd, row, cells[ER_CHMM_COL_INSTALLATION_ID], &why) != ER_OK)
        return er_error_set(err, ER_ENOMEM, row, "", "out of memory");
    return ER_OK;
}

static er_status on_record(void *ctx, const er_csv_record *rec, er_error *err)
{
    struct reader *rd = ctx;
    const char *cells[ER_CHMM_COL_COUNT];
    int c;

    if (rec->row == 0)
        return header(rd, rec, err);
    for (c = 0; c < ER_CHMM_COL_COUNT; c++)
        cells[c] = rd->at[c] >= 0 && (size_t)rd->at[c] < rec->n ? rec->field[rd->at[c]] : "";
    return add_row(rd, rec->row, cells, err);
}

er_status er_chmm_parse_csv(const char *buf, size_t len, er_chmm_file *out, er_error *err)
{
    struct reader rd = { .f = out };
    er_status rc;

    memset(out, 0, sizeof *out);
    rc = er_csv_records(buf, len, ER_CHMM_COL_COUNT, FIELD_MAX, on_record, &rd, err);
    if (rc)
        er_chmm_file_free(out);
    return rc;
}

/* ---- JSON ------------------------------------------------------------ */

/* A member's value as the text of a cell, into buf[size]: a string as it
 * is, null as "", a number as its shortest decimal that reads back the
 * same (12.5, not 12.5000000000000001), true and false as "yes" and "no"
 * (hybrid).  False for an object or an array. */
static bool cell_text(json_t *v, char *buf, size_t size)
{
    int digits;

    switch (json_typeof(v)) {
    case JSON_STRING: snprintf(buf, size, "%s", json_string_value(v)); return true;
    case JSON_NULL: buf[0] = '\0'; return true;
    case JSON_TRUE: snprintf(buf, size, "yes"); return true;
    case JSON_FALSE: snprintf(buf, size, "no"); return true;
    case JSON_INTEGER:
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return true;
    case JSON_REAL:
        for (digits = 1; digits <= 17; digits++) {
            snprintf(buf, size, "%.*g", digits, json_real_value(v));
            if (strtod(buf, NULL) == json_real_value(v))
                break;
        }
        return true;
    default: return false;
    }
}

/* Row `row`'s object: each member a column (an unknown one refuses the
 * file, as an unknown CSV column does); a value that is no cell makes the
 * row invalid. */
static er_status json_row(struct reader *rd, json_t *obj, long row, er_error *err)
{
    char text[ER_CHMM_COL_COUNT][FIELD_MAX];
    const char *cells[ER_CHMM_COL_COUNT];
    er_error why = { 0 };
    const char *key;
    json_t *v;
    int c;

    if (!json_is_object(obj))
        return er_error_set(err, ER_EINVAL, row, "",
                            "a row must be an object whose members are the columns of "
                            "spec/chmm_installations.md");
    for (c = 0; c < ER_CHMM_COL_COUNT; c++)
        cells[c] = "";
    json_object_foreach(obj, key, v)
    {
        for (c = 0; c < ER_CHMM_COL_COUNT; c++)
            if (strcmp(key, er_chmm_column_name((er_chmm_col)c)) == 0)
                break;
        if (c == ER_CHMM_COL_COUNT)
            return er_error_set(err, ER_EINVAL, row, key,
                                "not a column of spec/chmm_installations.md (names are "
                                "case-sensitive)");
        if (!cell_text(v, text[c], sizeof text[c])) {
            const char *id = json_string_value(json_object_get(obj, "installation_id"));

            er_error_set(&why, ER_EINVAL, row, key,
                         "must be a string, a number, true, false or null");
            if (invalid(rd, row, id ? id : "", &why) != ER_OK)
                return er_error_set(err, ER_ENOMEM, row, "", "out of memory");
            return ER_OK;
        }
        cells[c] = text[c];
    }
    return add_row(rd, row, cells, err);
}

er_status er_chmm_parse_json(const char *buf, size_t len, er_chmm_file *out, er_error *err)
{
    struct reader rd = { .f = out };
    json_error_t jerr;
    json_t *doc;
    size_t i;
    er_status rc = ER_OK;

    memset(out, 0, sizeof *out);
    er_error_clear(err);
    if (!(doc = json_loadb(buf ? buf : "", len, JSON_REJECT_DUPLICATES, &jerr)))
        return er_error_set(err, ER_EPARSE, jerr.line, "",
                            "malformed JSON at line %d column %d: %s", jerr.line, jerr.column,
                            jerr.text);
    if (!json_is_array(doc))
        rc = er_error_set(err, ER_EINVAL, 0, "", "a file must be an array of installation records");
    for (i = 0; rc == ER_OK && i < json_array_size(doc); i++)
        rc = json_row(&rd, json_array_get(doc, i), (long)i + 1, err);
    json_decref(doc);
    if (rc)
        er_chmm_file_free(out);
    return rc;
}

er_status er_chmm_parse_file(const char *buf, size_t len, const char *path, er_chmm_file *out,
                             er_error *err)
{
    size_t n = path ? strlen(path) : 0;

    if (n >= 5 && strcmp(path + n - 5, ".json") == 0)
        return er_chmm_parse_json(buf, len, out, err);
    return er_chmm_parse_csv(buf, len, out, err);
}

void er_chmm_file_free(er_chmm_file *f)
{
    if (!f)
        return;
    er_free(f->rows);
    er_free(f->invalid);
    memset(f, 0, sizeof *f);
}

void er_chmm_record_json(er_jsonw *w, const er_chmm_installation *in)
{
    char cells[ER_CHMM_COL_COUNT][ER_CHMM_TEXT_MAX];
    int c;

    er_chmm_format(in, cells);
    for (c = 0; c < ER_CHMM_COL_COUNT; c++) {
        er_jsonw_lit(w, c ? "," : "{");
        er_jsonw_string(w, er_chmm_column_name((er_chmm_col)c));
        er_jsonw_lit(w, ":");
        er_jsonw_string(w, cells[c]);
    }
    er_jsonw_lit(w, "}");
}

/* ---- the credits as JSON --------------------------------------------- */

static void credits(er_jsonw *w, int64_t milli)
{
    char buf[40];

    er_jsonw_lit(w, er_chmm_thousandths(milli, buf));
}

static void number(er_jsonw *w, const char *key, long long v)
{
    char buf[64];

    snprintf(buf, sizeof buf, ",\"%s\":%lld", key, v);
    er_jsonw_lit(w, buf);
}

/* The licence holders, each with its scheme years (totals are sorted by
 * holder, then year). */
static void holders(er_jsonw *w, const er_chmm_result *r)
{
    size_t i, j, k, n;
    int64_t milli;
    char year[16];

    er_jsonw_lit(w, "{\"licence_holders\":[");
    for (i = 0; i < r->n_totals; i = j) {
        for (j = i, n = 0, milli = 0; j < r->n_totals && strcmp(r->totals[j].licence_holder,
                                                                r->totals[i].licence_holder) == 0;
             j++) {
            n += r->totals[j].installations;
            milli += r->totals[j].credit_milli;
        }
        er_jsonw_lit(w, i ? ",{\"licence_holder\":" : "{\"licence_holder\":");
        er_jsonw_string(w, r->totals[i].licence_holder);
        number(w, "installations", (long long)n);
        er_jsonw_lit(w, ",\"credits\":");
        credits(w, milli);
        er_jsonw_lit(w, ",\"scheme_years\":[");
        for (k = i; k < j; k++) {
            /* "2025-26": the year starting in 2025 */
            snprintf(year, sizeof year, "%d-%02d", r->totals[k].scheme_year,
                     (r->totals[k].scheme_year + 1) % 100);
            er_jsonw_lit(w, k > i ? ",{\"scheme_year\":" : "{\"scheme_year\":");
            er_jsonw_string(w, year);
            number(w, "installations", (long long)r->totals[k].installations);
            er_jsonw_lit(w, ",\"credits\":");
            credits(w, r->totals[k].credit_milli);
            er_jsonw_lit(w, "}");
        }
        er_jsonw_lit(w, "]}");
    }
    er_jsonw_lit(w, "]");
}

/* Why installation `in` earns nothing, in words. */
static void why_not(const er_chmm_installation *in, er_chmm_outcome_kind k,
                    const er_chmm_rules *rules, char *buf, size_t size)
{
    char kw[40], max[40];

    switch (k) {
    case ER_CHMM_NEW_BUILD: snprintf(buf, size, "new build earns no credit"); break;
    case ER_CHMM_CAPACITY:
        snprintf(buf, size, "total capacity %s kW is above %s kW",
                 er_chmm_thousandths(in->capacity_w, kw),
                 er_chmm_thousandths(rules->capacity_max_w, max));
        break;
    case ER_CHMM_WATER_ONLY: snprintf(buf, size, "it provides no space heating"); break;
    case ER_CHMM_TECHNOLOGY: snprintf(buf, size, "an air-to-air heat pump earns no credit"); break;
    default: snprintf(buf, size, "%s", er_chmm_outcome_name(k)); break;
    }
}

static void refusal(er_jsonw *w, bool *first, const char *id, long row, const char *reason,
                    const char *message)
{
    er_jsonw_lit(w, *first ? "{\"installation_id\":" : ",{\"installation_id\":");
    *first = false;
    er_jsonw_string(w, id);
    number(w, "row", row);
    er_jsonw_lit(w, ",\"reason\":");
    er_jsonw_string(w, reason);
    er_jsonw_lit(w, ",\"message\":");
    er_jsonw_string(w, message);
    er_jsonw_lit(w, "}");
}

void er_chmm_credits_json(const er_chmm_file *f, const er_chmm_result *r,
                          const er_chmm_rules *rules, er_jsonw *w)
{
    char message[ER_ERROR_MESSAGE_MAX + 64];
    bool first = true;
    size_t i;

    holders(w, r);
    er_jsonw_lit(w, ",\"refused\":[");
    for (i = 0; i < f->n_invalid; i++) {
        snprintf(message, sizeof message, "%s", f->invalid[i].why.message);
        refusal(w, &first, f->invalid[i].installation_id, f->invalid[i].row, "invalid", message);
    }
    for (i = 0; i < f->n; i++) {
        er_chmm_outcome_kind k = r->outcomes[i].kind;

        if (k == ER_CHMM_CREDITED || k == ER_CHMM_DUPLICATE)
            continue;
        why_not(&f->rows[i], k, rules, message, sizeof message);
        refusal(w, &first, f->rows[i].installation_id, f->rows[i].row, er_chmm_outcome_name(k),
                message);
    }
    er_jsonw_lit(w, "],\"duplicates\":[");
    for (i = 0, first = true; i < f->n; i++) {
        if (r->outcomes[i].kind != ER_CHMM_DUPLICATE)
            continue;
        er_jsonw_lit(w, first ? "{\"installation_id\":" : ",{\"installation_id\":");
        first = false;
        er_jsonw_string(w, f->rows[i].installation_id);
        number(w, "row", f->rows[i].row);
        er_jsonw_lit(w, ",\"duplicate_of\":");
        er_jsonw_string(w, f->rows[r->outcomes[i].duplicate_of].installation_id);
        number(w, "duplicate_of_row", f->rows[r->outcomes[i].duplicate_of].row);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]}");
}
