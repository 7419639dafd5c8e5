/*
 * matrix_csv.c: Ofgem's score matrix CSVs read into an er_matrix.
 *
 * csv_records.c splits the bytes into numbered records; this file maps the header's columns
 * (by name, in any order, surrounding spaces ignored) onto the fields each
 * matrix kind needs, converts each data row and adds it to the matrix.
 * Nothing is allocated per row: the fields a row needs are copied into
 * fixed buffers of ER_MATRIX_NAME_MAX bytes, which also bound every name.
 * Numbers are decimal strings converted by hand, exactly: cost savings to
 * tenths of a pound, treatable factors and SAP savings to hundredths.
 *
 * Rounding rule (the one place a value is not taken as written): Ofgem's
 * workbooks format the cost savings column "0.0", and 189 cells of the
 * ECO4 PPS matrix v6 (its ESH_Upgrade rows and one B_Upgrade_preHCs row)
 * hold more decimals than they display ("151.86439598114", "608.05").  A
 * cost with more than one decimal is therefore rounded to tenths, half away
 * from zero, which is the figure the workbook shows (151.9, 608.1).
 * Treatable factors and SAP savings are exact or refused.  FPS rows have
 * no treatable factor and no SAP savings: they carry 0 and -1.
 *
 * Rows are numbered as er_error says: the first line after the header is
 * row 1, and blank lines count, so a row's number is its line number - 1
 * in a file without quoted line breaks or blank lines before the header.
 */
#include "ecoreg/io.h"

#include <stdint.h>
#include <string.h>

#include "csv_records.h"
#include "ecoreg/alloc.h"

/* What a column holds; one slot per role in a row being read. */
enum role {
    ROLE_CATEGORY,
    ROLE_MEASURE,
    ROLE_PRE,
    ROLE_POST,
    ROLE_SEGMENT,
    ROLE_START,
    ROLE_FINISH,
    ROLE_ATF,
    ROLE_COST,
    ROLE_SAP,
    ROLE_COUNT
};

/* A column a kind needs: its published name (trimmed) and its role. */
struct column {
    const char *name;
    enum role role;
};

#define COLUMNS_MAX 9

/* Ofgem's headers, per kind (data/ofgem/README.md). */
static const struct column kind_columns[ER_MATRIX_KIND_COUNT][COLUMNS_MAX] = {
    [ER_MATRIX_ECO4_FPS] = {
        { "Floor Area Segment", ROLE_SEGMENT },
        { "Starting Band", ROLE_START },
        { "Finishing Band", ROLE_FINISH },
        { "Cost Savings", ROLE_COST },
    },
    [ER_MATRIX_ECO4_PPS] = {
        { "Measure category", ROLE_CATEGORY },
        { "Measure_Type", ROLE_MEASURE },
        { "Pre_Main_Heating_Source", ROLE_PRE },
        { "Post_Main_Heating_Source", ROLE_POST },
        { "Total Floor Area Band", ROLE_SEGMENT },
        { "Starting Band", ROLE_START },
        { "Average Treatable Factor", ROLE_ATF },
        { "Cost Savings", ROLE_COST },
        { "SAP Savings", ROLE_SAP },
    },
    [ER_MATRIX_GBIS] = {
        { "Measure category", ROLE_CATEGORY },
        { "Measure_Type", ROLE_MEASURE },
        { "Pre_Main_Heating_Source", ROLE_PRE },
        { "Total Floor Area Band", ROLE_SEGMENT },
        { "Starting Band", ROLE_START },
        { "Average Treatable Factor", ROLE_ATF },
        { "Cost Savings", ROLE_COST },
    },
};

/* How much of a bad value an error message quotes. */
#define QUOTE_MAX 40

/* The state of one parse. */
struct loader {
    er_matrix *m;
    const struct column *cols;
    int ncols;
    long col_of[ROLE_COUNT];         /* header index of each role, or -1 */
    size_t nneed;                    /* fields a data row must have */
    long row;                        /* number of the record being read */
    char val[ROLE_COUNT][ER_MATRIX_NAME_MAX];
    er_error *err;
};

static const char *column_name(const struct loader *ld, enum role r)
{
    int i;

    for (i = 0; i < ld->ncols; i++)
        if (ld->cols[i].role == r)
            return ld->cols[i].name;
    return "";
}

/* The header: each column the kind needs, found once, by name. */
static er_status header(struct loader *ld, const er_csv_record *rec)
{
    size_t f;
    int i;

    for (f = 0; f < rec->n; f++) {
        for (i = 0; i < ld->ncols; i++) {
            const struct column *c = &ld->cols[i];

            if (strcmp(c->name, rec->field[f]) != 0)
                continue;
            if (ld->col_of[c->role] >= 0)
                return er_error_set(ld->err, ER_EINVAL, 0, c->name,
                                    "column \"%s\" appears twice in the header", c->name);
            ld->col_of[c->role] = (long)f;
        }
    }
    for (i = 0; i < ld->ncols; i++) {
        long at = ld->col_of[ld->cols[i].role];

        if (at < 0)
            return er_error_set(ld->err, ER_EINVAL, 0, ld->cols[i].name,
                                "column \"%s\" is missing from the header", ld->cols[i].name);
        if ((size_t)at + 1 > ld->nneed)
            ld->nneed = (size_t)at + 1;
    }
    return ER_OK;
}

/* A data record: the fields the kind needs, copied into their slots. */
static er_status data(struct loader *ld, const er_csv_record *rec)
{
    int i;

    if (rec->n < ld->nneed)
        return er_error_set(ld->err, ER_EINVAL, ld->row, "",
                            "the row has %zu fields; the header needs %zu", rec->n, ld->nneed);
    for (i = 0; i < ld->ncols; i++) {
        enum role r = ld->cols[i].role;
        size_t f = (size_t)ld->col_of[r];

        if (rec->len[f] >= ER_MATRIX_NAME_MAX)
            return er_error_set(ld->err, ER_EINVAL, ld->row, ld->cols[i].name,
                                "longer than %d characters: \"%.*s...\"",
                                ER_MATRIX_NAME_MAX - 1, QUOTE_MAX, rec->field[f]);
        memcpy(ld->val[r], rec->field[f], rec->len[f] + 1);
    }
    return ER_OK;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * Parses the non-negative decimal `s` ("12", "0.95") into units of
 * 10^-scale.  More than `scale` decimals are refused, or rounded half away
 * from zero when `round` is set.  On failure *why says what is wrong.
 */
static er_status parse_fixed(const char *s, int scale, int round,
                             int32_t *out, const char **why)
{
    int64_t v = 0;
    int kept = 0, up = 0;

    *why = "not a decimal number";
    if (!is_digit(*s))
        return ER_EINVAL;
    for (; is_digit(*s); s++)
        if ((v = v * 10 + (*s - '0')) > INT32_MAX)
            goto too_large;
    if (*s == '.') {
        if (!is_digit(*++s))
            return ER_EINVAL;
        for (; is_digit(*s); s++) {
            if (kept < scale) {
                v = v * 10 + (*s - '0');
                kept++;
            } else if (!round) {
                *why = scale == 1 ? "more than one decimal place"
                                  : "more than two decimal places";
                return ER_EINVAL;
            } else if (kept++ == scale) {
                up = *s >= '5';
            }
        }
    }
    if (*s)
        return ER_EINVAL;
    for (; kept < scale; kept++)
        v *= 10;
    if ((v += up) > INT32_MAX)
        goto too_large;
    *out = (int32_t)v;
    return ER_OK;
too_large:
    *why = "too large";
    return ER_EINVAL;
}

/* Converts the value in role `r`'s slot; names the row and column on error. */
static er_status row_decimal(struct loader *ld, enum role r, int scale,
                            int round, int32_t *out)
{
    const char *why;

    if (r == ROLE_SAP && strcmp(ld->val[r], ER_MATRIX_NA) == 0) {
        *out = -1;
        return ER_OK;
    }
    if (parse_fixed(ld->val[r], scale, round, out, &why) == ER_OK)
        return ER_OK;
    return er_error_set(ld->err, ER_EINVAL, ld->row, column_name(ld, r),
                        "%s: \"%.*s\"", why, QUOTE_MAX, ld->val[r]);
}

static er_status row_band(struct loader *ld, enum role r, er_band *out)
{
    if (er_band_parse(ld->val[r], out) == ER_OK)
        return ER_OK;
    return er_error_set(ld->err, ER_EINVAL, ld->row, column_name(ld, r),
                        "not a band (Low_G .. High_A or N/A): \"%.*s\"",
                        QUOTE_MAX, ld->val[r]);
}

/* Converts the record held in the slots and adds it to the matrix. */
static er_status add_row(struct loader *ld)
{
    er_matrix_kind kind = er_matrix_kind_of(ld->m);
    er_matrix_row r = { .starting_band = ER_BAND_NONE,
                        .finishing_band = ER_BAND_NONE,
                        .sap_savings_hundredths = -1 };
    er_status rc;

    if (er_segment_parse(ld->val[ROLE_SEGMENT], &r.segment) != ER_OK)
        return er_error_set(ld->err, ER_EINVAL, ld->row,
                            column_name(ld, ROLE_SEGMENT),
                            "not a floor area segment (0-72, 73-97, 98-199, "
                            "200+): \"%.*s\"", QUOTE_MAX, ld->val[ROLE_SEGMENT]);
    if ((rc = row_band(ld, ROLE_START, &r.starting_band)) != ER_OK)
        goto done;
    if (kind == ER_MATRIX_ECO4_FPS &&
        (rc = row_band(ld, ROLE_FINISH, &r.finishing_band)) != ER_OK)
        goto done;
    if ((rc = row_decimal(ld, ROLE_COST, 1, 1, &r.cost_tenths)) != ER_OK)
        goto done;
    if (kind != ER_MATRIX_ECO4_FPS) {
        r.category = ld->val[ROLE_CATEGORY];
        r.measure_type = ld->val[ROLE_MEASURE];
        r.pre_heating = ld->val[ROLE_PRE];
        if ((rc = row_decimal(ld, ROLE_ATF, 2, 0, &r.atf_hundredths)) != ER_OK)
            goto done;
    }
    if (kind == ER_MATRIX_ECO4_PPS) {
        r.post_heating = ld->val[ROLE_POST];
        if ((rc = row_decimal(ld, ROLE_SAP, 2, 0,
                             &r.sap_savings_hundredths)) != ER_OK)
            goto done;
    }
    rc = er_matrix_add(ld->m, (uint32_t)ld->row, &r, ld->err);
done:
    return rc;
}

static er_status on_record(void *ctx, const er_csv_record *rec, er_error *err)
{
    struct loader *ld = ctx;
    er_status rc;

    (void)err;
    ld->row = rec->row;
    if (rec->row == 0)
        return header(ld, rec);
    if ((rc = data(ld, rec)) != ER_OK)
        return rc;
    return add_row(ld);
}

er_status er_matrix_parse_csv(const char *buf, size_t len, er_matrix_kind kind,
                              const char *version, er_date valid_from,
                              er_date valid_to, er_matrix **out, er_error *err)
{
    struct loader ld = { .err = err };
    er_status rc;
    int i;

    *out = NULL;
    er_error_clear(err);
    if (kind < 0 || kind >= ER_MATRIX_KIND_COUNT || !version || (!buf && len))
        return er_error_set(err, ER_EINVAL, 0, "", "bad argument");
    if (len > ER_MATRIX_FILE_MAX)
        return er_error_set(err, ER_ELIMIT, 0, "",
                            "larger than %u bytes", ER_MATRIX_FILE_MAX);
    ld.cols = kind_columns[kind];
    while (ld.ncols < COLUMNS_MAX && ld.cols[ld.ncols].name)
        ld.ncols++;
    for (i = 0; i < ROLE_COUNT; i++)
        ld.col_of[i] = -1;
    if ((rc = er_matrix_new(kind, version, valid_from, valid_to, &ld.m)) != ER_OK) {
        er_error_set(err, rc, 0, "", "%s", er_strerror(rc));
        goto done;
    }
    /* fields beyond those the kind needs are read but ignored; a cell is at
     * most a name, or a long value that the error for it then quotes */
    rc = er_csv_records(buf ? buf : "", len, 1024, 64 * 1024, on_record, &ld, err);
    if (!rc && er_matrix_count(ld.m) == 0)
        rc = er_error_set(err, ER_EINVAL, 0, "", "no data rows");
    if (rc)
        goto done;
    *out = ld.m;
    ld.m = NULL;
done:
    er_matrix_free(ld.m);
    return rc;
}

/* Longest tail of a path an error message quotes. */
#define PATH_QUOTE_MAX 120

/* Prefixes err's message with `path` (its tail when long): the row and
 * column alone do not say which of a scheme's matrices is wrong. */
static void name_file(er_error *err, er_status rc, const char *path)
{
    size_t n = strlen(path), cut = n > PATH_QUOTE_MAX ? n - PATH_QUOTE_MAX : 0;
    er_error was;

    if (!err)
        return;
    was = *err;
    er_error_set(err, rc, was.row, was.field, "%s%s: %s", cut ? "..." : "",
                 path + cut, was.message);
}

er_status er_matrix_load_csv(const char *path, er_matrix_kind kind,
                             const char *version, er_date valid_from,
                             er_date valid_to, er_matrix **out, er_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    er_status rc;

    *out = NULL;
    if ((rc = er_read_file(path, ER_MATRIX_FILE_MAX, &buf, &len, err)) != ER_OK)
        goto done;
    rc = er_matrix_parse_csv(buf, len, kind, version, valid_from, valid_to,
                             out, err);
    if (rc)
        name_file(err, rc, path);
done:
    er_free(buf);
    return rc;
}
